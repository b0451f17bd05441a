"""The bound on CPU-bound requests (ARRIMAGE_COMPUTE_CONCURRENCY): the search, answer and related routes compute
at most that many requests at once, while an event stream, and the light routes, are served meanwhile."""

from __future__ import annotations

import json
import os
import threading
import time

import httpx
import pytest
from arrimage.index.search import Searcher
from arrimage.service.app import create_app
from support import FakeEmbedder, serve

from arrimage.settings import Settings

ROUTES = {
    "/search": lambda q: {"query": q},
    "/ask": lambda q: {"question": q},
    "/related": lambda q: {"text": q},
    "/v1/chat/completions": lambda q: {"model": "arrimage", "messages": [{"role": "user", "content": q}]},
}


class GatedEmbedder(FakeEmbedder):
    """The fake embedder, whose query embeddings wait for a gate: a slow computation whose callers can be counted."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.lock = threading.Lock()
        self.active = self.most = 0

    def embed_query(self, text: str):
        with self.lock:
            self.active += 1
            self.most = max(self.most, self.active)
        try:
            self.gate.wait(timeout=20)
            return super().embed_query(text)
        finally:
            with self.lock:
                self.active -= 1


def _served(fixture_index, tmp_path, calibration_file, concurrency: int):
    embedder = GatedEmbedder()
    settings = Settings(index_dir=tmp_path / "index", align_calibration=calibration_file, compute_concurrency=concurrency)
    return embedder, settings, serve(create_app(settings, searcher=Searcher(fixture_index, embedder)))


def _send_all(url: str, route: str, n: int) -> tuple[list[threading.Thread], list[int]]:
    statuses: list[int] = []

    def send(i: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as c:
            statuses.append(c.post(route, json=ROUTES[route](f"formation des enseignants {route} {i}")).status_code)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    return threads, statuses


def _wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _job_file(directory, status: str, version: int) -> str:
    """A job of another process (this one, alive) as the shared jobs folder holds it: its stream waits on the file."""
    directory.mkdir(parents=True, exist_ok=True)
    job_id = "0123456789abcdef"
    # Written whole, then moved in place, as the job store writes it: the stream reads the file meanwhile.
    tmp = directory / f".{job_id}.json.tmp"
    tmp.write_text(json.dumps({
        "job_id": job_id, "doc_id": "plan", "status": status, "stage": status, "done": 0, "total": 1, "error": None,
        "version": version, "pid": os.getpid()}), encoding="utf-8")
    os.replace(tmp, directory / f"{job_id}.json")
    return job_id


@pytest.mark.parametrize("route", list(ROUTES))
def test_cpu_bound_routes_wait_for_a_place_while_event_streams_are_served(route, fixture_index, tmp_path, calibration_file):
    embedder, settings, server = _served(fixture_index, tmp_path, calibration_file, concurrency=1)
    with server as url:
        threads, statuses = _send_all(url, route, 3)
        try:
            _wait_for(lambda: embedder.active == 1)  # one request computes, holding the only place
            time.sleep(0.3)  # time enough for the two others to come in, were they not held back
            assert embedder.most == 1

            # Meanwhile an event stream that waits is served, start to end, and so are the light routes.
            job_id = _job_file(settings.index_dir / "jobs", "running", 1)
            with httpx.Client(base_url=url, timeout=5) as c:
                assert c.get("/health").status_code == 200
                with c.stream("GET", f"/jobs/{job_id}/events") as events:
                    lines = events.iter_lines()
                    assert next(lines) == "event: progress"
                    _job_file(settings.index_dir / "jobs", "done", 2)
                    assert [line for line in lines if line.startswith("event: ")] == ["event: done"]
            assert embedder.most == 1 and embedder.active == 1
        finally:
            embedder.gate.set()
            for t in threads:
                t.join(timeout=30)
    assert statuses == [200, 200, 200]
    assert embedder.most == 1


def test_no_bound_of_their_own_at_zero(fixture_index, tmp_path, calibration_file):
    embedder, _, server = _served(fixture_index, tmp_path, calibration_file, concurrency=0)
    with server as url:
        threads, statuses = _send_all(url, "/search", 3)
        try:
            _wait_for(lambda: embedder.active == 3)  # all three at once, in the server's thread pool
        finally:
            embedder.gate.set()
            for t in threads:
                t.join(timeout=30)
    assert statuses == [200, 200, 200]


def test_a_place_is_given_back_when_the_route_fails(fixture_index, tmp_path, calibration_file):
    embedder, _, server = _served(fixture_index, tmp_path, calibration_file, concurrency=1)
    embedder.gate.set()
    with server as url, httpx.Client(base_url=url, timeout=10) as c:
        for _ in range(3):  # an error in the route (an unknown document: 422) must not keep the only place
            assert c.post("/search", json={"query": "formation", "filters": {"doc_ids": ["nope"]}}).status_code == 422
        assert c.post("/search", json={"query": "formation"}).status_code == 200
