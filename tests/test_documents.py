"""Bring your own plan, through a real server: upload, follow the job, ask, delete; tokens, limits, bad
files, concurrent uploads and queries; the CLI's add and remove seen by a running server."""

from __future__ import annotations

import json
import os
import threading
import time

import httpx
import pytest
from arrimage.index.qdrant import QdrantEngine
from arrimage.index.store import load_index, save_index
from click.testing import CliRunner
from support import FakeEmbedder, serve

from arrimage.cli import main
from arrimage.settings import Settings

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PLAN = """Cégep de Rivière-Claire
Plan stratégique 2025-2030

Enjeu 1 – La réussite de tous
Orientation 1 – Accompagner chaque personne étudiante
Objectif 1.1 : Multiplier les ateliers de robotique
Le Cégep de Rivière-Claire offrira des ateliers de robotique aux élèves du secondaire de la région.
Indicateur : Nombre d'ateliers de robotique offerts
Cible : 42 ateliers de robotique en 2027
"""


@pytest.fixture
def env(request, fixture_index, isolated_index_dir, tmp_path, monkeypatch):
    """An index of the fixture plans; parametrised indirectly with "qdrant", its versions go to embedded Qdrant."""
    backend = getattr(request, "param", "local")
    monkeypatch.setenv("ARRIMAGE_BACKEND", backend)
    save_index(fixture_index, isolated_index_dir, QdrantEngine() if backend == "qdrant" else None)
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())
    uploads = tmp_path / "uploads"
    monkeypatch.setenv("ARRIMAGE_UPLOADS_DIR", str(uploads))
    monkeypatch.setenv("ARRIMAGE_ADMIN_TOKEN", TOKEN)
    return {"index": isolated_index_dir, "uploads": uploads}


def _server(env, **overrides):
    from arrimage.service.app import create_app

    settings = Settings(**{"index_dir": env["index"], "uploads_dir": env["uploads"], "admin_token": TOKEN, **overrides})
    return serve(create_app(settings))


def _upload(client, content: bytes = PLAN.encode(), name: str = "riviere-claire.txt", **fields):
    data = {"title": "Plan stratégique 2025-2030", "organization": "Cégep de Rivière-Claire", "period": "2025-2030", **fields}
    return client.post("/documents", files={"file": (name, content)}, data=data, headers=AUTH)


def _finished(client, job_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.parametrize("env", ["local", "qdrant"], indirect=True)
def test_upload_ask_delete_without_restart(env):
    with _server(env) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert client.get("/health").json()["backend"] == os.environ["ARRIMAGE_BACKEND"]
        before = {d["doc_id"] for d in client.get("/documents").json()}
        accepted = _upload(client)
        assert accepted.status_code == 202, accepted.text
        body = accepted.json()
        assert body["doc_id"] == "riviere-claire" and body["status"] in ("queued", "running", "done")
        job = _finished(client, body["job_id"])
        assert job["status"] == "done" and job["error"] is None and job["total"] > 0, job

        assert {d["doc_id"] for d in client.get("/documents").json()} == before | {"riviere-claire"}
        answer = client.post("/ask", json={"question": "Combien d'ateliers de robotique le Cégep de Rivière-Claire vise-t-il ?"}).json()
        assert any(c["doc_id"] == "riviere-claire" for c in answer["citations"]), answer
        units = client.get("/plans/riviere-claire/units").json()["units"]
        assert units[0]["code"] == "Enjeu 1"
        objective = units[0]["children"][0]["children"][0]
        assert objective["targets"][0]["value"] == 42 and objective["targets"][0]["deadline"] == "2027"
        # The new plan is in the alignment: its units are sources of the ministerial plan's coverage.
        coverage = client.get("/coverage", params={"target_doc_id": "plan-numerique"}).json()
        sources = {p["source"]["doc_id"] for row in coverage["rows"] for p in row["covering"]}
        sources |= {u["doc_id"] for u in coverage["unaligned_sources"]}
        assert "riviere-claire" in sources
        original = client.get("/documents/riviere-claire/file")
        assert original.status_code == 200 and original.content == PLAN.encode()
        assert original.headers["content-type"].startswith("text/plain")
        assert (env["uploads"] / "riviere-claire.txt").read_bytes() == PLAN.encode()

        assert client.delete("/documents/riviere-claire", headers=AUTH).status_code == 204
        assert {d["doc_id"] for d in client.get("/documents").json()} == before
        assert client.get("/plans/riviere-claire/units").status_code == 404
        answer = client.post("/ask", json={"question": "ateliers de robotique Rivière-Claire"}).json()
        assert all(c["doc_id"] != "riviere-claire" for c in answer["citations"])
        assert not (env["uploads"] / "riviere-claire.txt").exists()
        assert client.delete("/documents/riviere-claire", headers=AUTH).status_code == 404


def test_only_the_new_plan_is_embedded(env, monkeypatch):
    counting = FakeEmbedder()
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: counting)
    with _server(env) as url, httpx.Client(base_url=url, timeout=30) as client:
        job = _finished(client, _upload(client).json()["job_id"])
        assert job["status"] == "done"
    data = load_index(env["index"])
    new_chunks = [c for c in data.chunks if c.doc_id == "riviere-claire"]
    new_units = [u for u in data.units if u.doc_id == "riviere-claire"]
    # Only the new plan's passages and units were embedded: every other vector came from the index before.
    assert new_chunks and len(counting.embedded) == len(new_chunks) + len(new_units)


def test_an_upload_names_the_plans_own_level_words(env):
    # The plan calls its objectives "Engagement"; the upload's structure says so, and they are read as objectifs.
    plan = PLAN.replace("Objectif 1.1 :", "Engagement 1.1 :").encode()
    with _server(env) as url, httpx.Client(base_url=url, timeout=30) as client:
        accepted = _upload(client, plan, structure='{"words": {"engagement": "objectif"}}')
        assert _finished(client, accepted.json()["job_id"])["status"] == "done"
        objective = client.get("/plans/riviere-claire/units").json()["units"][0]["children"][0]["children"][0]
        assert objective["kind"] == "objectif" and objective["title"] == "Multiplier les ateliers de robotique"
    entry = json.loads((env["uploads"] / "catalog.json").read_text(encoding="utf-8"))[0]
    assert entry["structure"] == {"words": {"engagement": "objectif"}}  # kept for the next full re-ingest


def test_writes_need_the_token(env):
    with _server(env) as url, httpx.Client(base_url=url, timeout=30) as client:
        missing = client.post("/documents", files={"file": ("p.txt", PLAN.encode())})
        assert missing.status_code == 401 and set(missing.json()) == {"error"}
        wrong = client.delete("/documents/plan-numerique", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "ARRIMAGE_ADMIN_TOKEN" in wrong.json()["error"]["message"]
        assert client.get("/documents").status_code == 200  # reads stay open
    with _server(env, admin_token=None) as url, httpx.Client(base_url=url, timeout=30) as client:
        disabled = _upload(client)
        assert disabled.status_code == 403 and "set ARRIMAGE_ADMIN_TOKEN" in disabled.json()["error"]["message"]


def test_bad_uploads_are_refused_with_their_reason(env):
    with _server(env, max_upload_mb=0.01) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert _upload(client, b"\x00\x01\x02binary", "plan.pdf").status_code == 415
        big = _upload(client, b"a" * 20_000)
        assert big.status_code == 413 and "ARRIMAGE_MAX_UPLOAD_MB" in big.json()["error"]["message"]
        assert _upload(client, level="federal").status_code == 422
        assert _upload(client, doc_id="Pas Un Id").status_code == 422
        for structure, reason in (("{pas du json", "not JSON"), ('{"words": {"pilier": "colonne"}}', "expected one of"),
                                  ('{"niveaux": []}', "unknown key")):
            refused = _upload(client, structure=structure)
            assert refused.status_code == 422 and reason in refused.json()["error"]["message"], refused.text
        taken = _upload(client, doc_id="plan-numerique")
        assert taken.status_code == 409 and "configured corpus" in taken.json()["error"]["message"]
        assert _finished(client, _upload(client).json()["job_id"])["status"] == "done"
        again = _upload(client)
        assert again.status_code == 409 and "replace" in again.json()["error"]["message"]
        replaced = _upload(client, PLAN.replace("42", "44").encode(), replace="true")
        assert _finished(client, replaced.json()["job_id"])["status"] == "done"
        units = client.get("/plans/riviere-claire/units").json()["units"]
        assert units[0]["children"][0]["children"][0]["targets"][0]["value"] == 44


def test_a_broken_pdf_fails_its_job_alone_and_the_index_stays(env):
    with _server(env) as url, httpx.Client(base_url=url, timeout=30) as client:
        before = client.get("/documents").json()
        job = _finished(client, _upload(client, b"%PDF-1.7\nnot really a pdf", "casse.pdf").json()["job_id"])
        assert job["status"] == "failed" and "casse.pdf" in job["error"] and "not a readable PDF" in job["error"]
        assert client.get("/documents").json() == before
        assert not list(env["uploads"].glob("casse.*"))
        assert json.loads((env["uploads"] / "catalog.json").read_text()) == []


def test_two_uploads_at_once_and_queries_during_them(env):
    with _server(env) as url, httpx.Client(base_url=url, timeout=30) as client:
        failures: list[int] = []
        stop = threading.Event()

        def query():
            with httpx.Client(base_url=url, timeout=30) as c:
                while not stop.is_set():
                    status = c.post("/search", json={"query": "formation des enseignants"}).status_code
                    failures.extend([status] if status != 200 else [])

        reader = threading.Thread(target=query)
        reader.start()
        jobs = [_upload(client, PLAN.replace("Rivière-Claire", name).encode(), f"{name.lower()}.txt").json()["job_id"]
                for name in ("Alpha", "Beta")]
        statuses = [_finished(client, j)["status"] for j in jobs]
        stop.set()
        reader.join()
        assert statuses == ["done", "done"] and failures == []
        assert {"alpha", "beta"} <= {d["doc_id"] for d in client.get("/documents").json()}


def test_job_events_stream_progress_then_done(env):
    with _server(env) as url, httpx.Client(base_url=url, timeout=30) as client:
        job_id = _upload(client).json()["job_id"]
        names = []
        with client.stream("GET", f"/jobs/{job_id}/events") as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            for line in response.iter_lines():
                if line.startswith("event: "):
                    names.append(line.removeprefix("event: "))
        assert names[-1] == "done" and set(names[:-1]) <= {"progress"}
        assert client.get("/jobs/nope").status_code == 404


@pytest.mark.parametrize("env", ["local", "qdrant"], indirect=True)
def test_cli_add_and_remove_are_seen_by_a_running_server(env, tmp_path):
    plan = tmp_path / "riviere-claire.txt"
    plan.write_text(PLAN, encoding="utf-8")
    runner = CliRunner()
    with _server(env) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert "riviere-claire" not in {d["doc_id"] for d in client.get("/documents").json()}
        result = runner.invoke(main, ["add", str(plan), "--title", "Plan stratégique 2025-2030", "--period", "2025-2030"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["added"][0]["doc_id"] == "riviere-claire"
        assert "riviere-claire" in {d["doc_id"] for d in client.get("/documents").json()}
        removed = runner.invoke(main, ["remove", "riviere-claire"])
        assert removed.exit_code == 0, removed.output
        assert "riviere-claire" not in {d["doc_id"] for d in client.get("/documents").json()}
        unknown = runner.invoke(main, ["remove", "riviere-claire"])
        assert unknown.exit_code == 1 and "no document 'riviere-claire'" in unknown.output
        taken = runner.invoke(main, ["add", str(plan), "--doc-id", "plan-numerique", "--replace"])
        assert taken.exit_code == 1 and "configured corpus" in taken.output
        assert not list(env["uploads"].glob("plan-numerique.*"))
        assert "plan-numerique" in {d["doc_id"] for d in client.get("/documents").json()}
