"""Several server processes on one index: shared job records, one writer at a time, every worker on the
newest version. Two apps in one test process stand for two workers: each has its own runtime, jobs and
writer lock (``flock`` locks of two open files exclude each other as those of two processes do)."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from arrimage.index.store import load_index, save_index
from support import FakeEmbedder, serve
from test_documents import PLAN, TOKEN, _finished, _upload

from arrimage.runtime import WriterLock
from arrimage.settings import Settings


@pytest.fixture
def two_workers(fixture_index, isolated_index_dir, tmp_path, monkeypatch):
    from arrimage.service.app import create_app

    save_index(fixture_index, isolated_index_dir)
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())
    settings = Settings(index_dir=isolated_index_dir, uploads_dir=tmp_path / "uploads", admin_token=TOKEN)
    with ExitStack() as stack:
        yield [stack.enter_context(serve(create_app(settings))) for _ in range(2)], isolated_index_dir


def _doc_ids(client: httpx.Client) -> set[str]:
    return {d["doc_id"] for d in client.get("/documents").json()}


def test_any_worker_answers_for_a_job_and_serves_its_plan(two_workers):
    (a, b), _ = two_workers
    with httpx.Client(base_url=a, timeout=30) as on_a, httpx.Client(base_url=b, timeout=30) as on_b:
        job_id = _upload(on_a).json()["job_id"]
        assert _finished(on_b, job_id)["status"] == "done"  # b reads the record a writes
        assert "riviere-claire" in _doc_ids(on_b) and "riviere-claire" in _doc_ids(on_a)
        with on_b.stream("GET", f"/jobs/{job_id}/events") as events:
            assert any(line.startswith("event: done") for line in events.iter_lines())
        assert on_b.get("/jobs/0123456789abcdef").status_code == 404
        assert on_b.get("/jobs/..%2F..%2Fetc").status_code == 404


def test_uploads_to_two_workers_at_once_both_stay(two_workers):
    """Each writer builds on the version the other one wrote: no plan is lost."""
    (a, b), index_dir = two_workers
    other = PLAN.replace("Rivière-Claire", "Lac-Bleu")
    with httpx.Client(base_url=a, timeout=30) as on_a, httpx.Client(base_url=b, timeout=30) as on_b:
        first = _upload(on_a).json()["job_id"]
        second = _upload(on_b, other.encode(), "lac-bleu.txt", organization="Cégep de Lac-Bleu").json()["job_id"]
        assert _finished(on_a, first)["status"] == "done" and _finished(on_b, second)["status"] == "done"
        assert {"riviere-claire", "lac-bleu"} <= _doc_ids(on_a) & _doc_ids(on_b)
    assert {"riviere-claire", "lac-bleu"} <= {d.meta.doc_id for d in load_index(index_dir).documents}


def test_a_job_whose_process_stopped_reads_as_failed(two_workers):
    (_, b), index_dir = two_workers
    dead = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(0,))
    dead.start()
    dead.join()
    (index_dir / "jobs").mkdir(exist_ok=True)
    record = {"job_id": "00000000000000aa", "doc_id": "x", "status": "running", "stage": "embedding", "done": 1, "total": 9,
              "error": None, "version": 3, "pid": dead.pid}
    (index_dir / "jobs" / "00000000000000aa.json").write_text(json.dumps(record), encoding="utf-8")
    with httpx.Client(base_url=b, timeout=30) as on_b:
        job = on_b.get("/jobs/00000000000000aa").json()
    assert job["status"] == "failed" and "stopped" in job["error"]


def _hold(path: str, ready, release) -> None:
    with WriterLock(Path(path)):
        ready.set()
        release.wait(10)


def test_the_writer_lock_excludes_another_process(tmp_path):
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path / ".writer.lock"), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        lock = WriterLock(tmp_path / ".writer.lock")
        got = []

        def take() -> None:
            with lock:
                got.append(time.monotonic())

        waiting = threading.Thread(target=take)
        released_at = time.monotonic() + 0.5
        waiting.start()
        time.sleep(0.5)
        assert not got  # still held by the other process
        release.set()
        waiting.join(10)
        assert got and got[0] >= released_at
        with lock, lock:  # re-entrant within a thread
            pass
    finally:
        release.set()
        holder.join(10)
    assert os.path.exists(tmp_path / ".writer.lock")


def test_a_slow_new_version_loads_in_the_background(fixture_index, fixture_ingest, isolated_index_dir, monkeypatch):
    """A request does not wait for a large version: it is served by the one before until the new one is loaded."""
    from arrimage.index.store import build_index

    from arrimage import runtime

    monkeypatch.setattr(runtime, "make_embedder", lambda name: FakeEmbedder())
    save_index(fixture_index, isolated_index_dir)
    live = runtime.Runtime(Settings(index_dir=isolated_index_dir))
    live.load()
    before = live.searcher()
    real_load, loads = runtime.load_searcher, []

    def slow(*args, **kwargs):
        loads.append(time.monotonic())
        time.sleep(3.0)
        return real_load(*args, **kwargs)

    # Waits wide apart, so that a loaded machine (CI beside other jobs) cannot blur them: a load of 3 s, a first
    # request that waits at most 0.5 s for it, a second that must not wait at all.
    monkeypatch.setattr(runtime, "load_searcher", slow)
    monkeypatch.setattr(runtime, "_RELOAD_WAIT", 0.5)
    kept = fixture_ingest.documents[:2]
    ids = {d.meta.doc_id for d in kept}
    save_index(build_index(kept, [c for c in fixture_ingest.chunks if c.doc_id in ids],
                           [u for u in fixture_ingest.units if u.doc_id in ids], FakeEmbedder(), contextual=True),
               isolated_index_dir)
    started = time.monotonic()
    assert live.searcher() is before and time.monotonic() - started < 2.5  # the old version, without waiting the load
    started = time.monotonic()
    assert live.searcher() is before and len(loads) == 1  # one load under way, not one per request
    assert time.monotonic() - started < 0.4  # and no second wait: the deadline has passed
    deadline = time.monotonic() + 10
    while live.searcher() is before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(live.searcher().data.documents) == 2 and len(loads) == 1


def test_a_version_that_cannot_be_loaded_is_tried_once(fixture_index, isolated_index_dir, monkeypatch):
    from arrimage import runtime

    monkeypatch.setattr(runtime, "make_embedder", lambda name: FakeEmbedder())
    save_index(fixture_index, isolated_index_dir)
    live = runtime.Runtime(Settings(index_dir=isolated_index_dir))
    live.load()
    before = live.searcher()
    damaged = save_index(fixture_index, isolated_index_dir)
    (damaged / "vectors.npy").write_bytes(b"not numpy")
    calls = []
    real_load = runtime.load_searcher
    monkeypatch.setattr(runtime, "load_searcher", lambda *a, **k: calls.append(1) or real_load(*a, **k))
    assert live.searcher() is before and live.searcher() is before
    assert len(calls) == 1


@pytest.mark.e2e
def test_two_worker_processes_serve_and_follow_a_plan_added_from_a_shell(real_index_dir, tmp_path):
    """`arrimage serve --workers 2` for real: both processes answer, and `arrimage add` in a shell reaches them all."""
    import shutil
    import socket
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    index = tmp_path / "index"
    shutil.copytree(real_index_dir, index, symlinks=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ARRIMAGE_INDEX_DIR": str(index), "ARRIMAGE_UPLOADS_DIR": str(tmp_path / "uploads"),
           "ARRIMAGE_DATABASE_URL": f"sqlite:///{tmp_path / 'arrimage.db'}", "HOST": "127.0.0.1", "PORT": str(port)}
    env.pop("ARRIMAGE_EMBEDDING_MODEL", None)
    server = subprocess.Popen([sys.executable, "-m", "arrimage.cli", "serve", "--workers", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)

        def search(i: int) -> int:  # a new connection each: the kernel spreads them over both workers
            return httpx.post(f"{base}/search", json={"query": f"cibles de diplomation {i}"}, timeout=60).status_code

        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(search, range(40))) == {200}
        plan = tmp_path / "riviere-claire.txt"
        plan.write_text(PLAN, encoding="utf-8")
        added = subprocess.run([sys.executable, "-m", "arrimage.cli", "add", str(plan), "--title", "Plan stratégique 2025-2030"],
                               env=env, capture_output=True, text=True, timeout=600)
        assert added.returncode == 0, added.stderr[-2000:]

        def sees_the_plan(_: int) -> bool:
            return "riviere-claire" in {d["doc_id"] for d in httpx.get(f"{base}/documents", timeout=60).json()}

        deadline = time.monotonic() + 60
        while True:
            with ThreadPoolExecutor(8) as pool:
                if all(pool.map(sees_the_plan, range(24))):
                    break
            assert time.monotonic() < deadline, "a worker still serves the version before"
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
