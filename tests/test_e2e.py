"""End-to-end: real embedding models, the real corpus ingested with the default model (conftest.real_index_env), a real server process.

Run with ``pytest -m e2e``. The full-corpus ingestion embeds every chunk with the default model (minutes on 2 cores).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import httpx
import numpy as np
import pytest
from support import REPO

from arrimage.settings import Settings

pytestmark = pytest.mark.e2e

DEFAULT_MODEL = Settings.model_fields["embedding_model"].default


def _cosines(vectors: np.ndarray, query: np.ndarray) -> np.ndarray:
    return vectors @ query


def test_minilm_backend_with_the_shipped_model():
    from arrimage.index.embed import make_embedder

    embedder = make_embedder("minilm")
    assert embedder.model_id == "minilm"
    assert embedder.dimension == 384
    vectors = embedder.embed_documents(
        [
            "A cat is sleeping on the sofa.",
            "Kittens are playing with a ball of yarn.",
            "The government raised income taxes this year.",
        ]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    cat, kittens, taxes = vectors
    assert float(cat @ kittens) > float(cat @ taxes) + 0.1
    query = embedder.embed_query("A cat is sleeping on the sofa.")
    assert query.shape == (384,)
    assert float(np.linalg.norm(query)) == pytest.approx(1.0, abs=1e-4)
    assert float(query @ cat) == pytest.approx(1.0, abs=1e-3)


def test_default_embedder_ranks_a_french_budget_query():
    from arrimage.index.embed import make_embedder

    embedder = make_embedder(DEFAULT_MODEL)
    assert embedder.model_id == DEFAULT_MODEL
    passages = [
        "Des crédits totalisant 963 M$ sur cinq ans sont investis dans la mise en œuvre du plan d’action numérique.",
        "Les saumons remontent la rivière au printemps pour frayer dans les eaux froides.",
    ]
    vectors = embedder.embed_documents(passages)
    assert vectors.shape == (2, embedder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    query = embedder.embed_query("Quel est le budget du plan numérique ?")
    assert float(np.linalg.norm(query)) == pytest.approx(1.0, abs=1e-4)
    investments, unrelated = _cosines(vectors, query)
    assert investments > unrelated


# --- the real corpus, the default model, the CLI and a server process ------------------------------------------


def _arrimage(*args: str, env: dict, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from arrimage.cli import main; main()", *args],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout,
    )


def test_real_corpus_ingest_is_then_up_to_date(real_index_env):
    proc = _arrimage("ingest", "--if-stale", env=real_index_env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["status"] == "up to date"


def test_real_corpus_cli_search(real_index_env):
    proc = _arrimage("search", "Mesure 12", "--mode", "bm25", "--doc", "mees-plan-action-numerique-2018-2023", "-k", "3",
                     env=real_index_env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    hits = json.loads(proc.stdout)["hits"]
    assert hits and all(h["doc_id"] == "mees-plan-action-numerique-2018-2023" for h in hits)
    assert any("MESURE 12" in h["text"] for h in hits)


@pytest.fixture(scope="module")
def server_url(real_index_env):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-c", "from arrimage.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO, env=real_index_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not become healthy")
            time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def test_server_health_and_documents(server_url):
    health = httpx.get(f"{server_url}/health", timeout=10).json()
    assert health["documents"] == 5 and health["chunks"] > 100
    assert health["embedding_model"] == DEFAULT_MODEL
    docs = {d["doc_id"]: d for d in httpx.get(f"{server_url}/documents", timeout=10).json()}
    assert docs["mees-plan-action-numerique-2018-2023"]["level"] == "ministerial"
    assert docs["pole-quebec-plan-action-2025-2026"]["level"] == "regional"


def test_server_hybrid_search_finds_the_budget(server_url):
    response = httpx.post(
        f"{server_url}/search",
        json={"query": "Combien d’argent est investi dans le Plan d’action numérique ?", "k": 5},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    hits = response.json()["hits"]
    assert len(hits) == 5
    assert any(h["doc_id"] == "mees-plan-action-numerique-2018-2023" and "M$" in h["text"] for h in hits)


def test_server_filters_and_errors(server_url):
    response = httpx.post(
        f"{server_url}/search", json={"query": "accessibilité aux études", "k": 5, "filters": {"levels": ["regional"]}}, timeout=60
    )
    assert response.status_code == 200
    assert {h["doc_id"] for h in response.json()["hits"]} == {"pole-quebec-plan-action-2025-2026"}
    bad = httpx.post(f"{server_url}/search", json={"query": "x", "filters": {"doc_ids": ["inconnu"]}}, timeout=60)
    assert bad.status_code == 422 and "inconnu" in bad.json()["error"]["message"]
