"""The Qdrant backend (index/qdrant.py), in real embedded Qdrant: the local backend's hits, one collection per
index version, and clear errors when Qdrant is missing, unreachable or cannot serve several processes.
(The retrieval tests of test_search.py run on both backends; test_documents.py swaps versions on both.)"""

from __future__ import annotations

import sys

import httpx
import pytest
from arrimage.index.qdrant import QdrantEngine, QdrantRetriever
from arrimage.index.search import Searcher, SearchUnavailable
from arrimage.index.store import IndexUnavailable, load_index, save_index
from arrimage.service.app import create_app
from click.testing import CliRunner
from qdrant_client import QdrantClient
from support import FakeEmbedder, _free_port, assert_error, serve

from arrimage.cli import main
from arrimage.runtime import load_searcher, run_ingest, search_engine
from arrimage.settings import Settings

QUERIES = ["budget du plan numérique", "formation des enseignants", "l’évaluation des programmes", "Abitibi-Témiscamingue"]
FILTERS = [{}, {"doc_ids": ["plan-numerique"]}, {"levels": ["regional", "institutional"]},
           {"doc_ids": ["plan-numerique", "pole-regional"], "levels": ["regional"]}]


# Hybrid is checked on each backend against the fusion of its own two lists (test_search.py): chunks of equal
# BM25 score come in another order from Qdrant (the local backend orders them by row), which moves their RRF share.
@pytest.mark.parametrize("mode", ["bm25", "dense"])
@pytest.mark.parametrize("query", QUERIES)
def test_qdrant_scores_every_chunk_as_the_local_backend(searchers, mode, query):
    for where in FILTERS:
        local, qdrant = ({h.chunk.chunk_id: h.score for h in searchers[b].search(query, k=20, mode=mode, **where)}
                         for b in ("local", "qdrant"))
        assert sorted(qdrant.values(), reverse=True) == pytest.approx(sorted(local.values(), reverse=True), rel=1e-4)
        for chunk_id in qdrant.keys() & local.keys():
            assert qdrant[chunk_id] == pytest.approx(local[chunk_id], rel=1e-4)


@pytest.fixture
def no_model(monkeypatch):
    """The runtime's embedding model is the fake one (no model download)."""
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())


def test_each_version_keeps_its_collection_in_its_directory(fixture_index, isolated_index_dir):
    engine = QdrantEngine()
    versions = [save_index(fixture_index, isolated_index_dir, engine) for _ in range(3)]
    assert not versions[0].exists(), "the oldest version, its collection with it, is pruned"
    assert all((v / "qdrant").is_dir() and engine.holds(v) for v in versions[1:])
    assert load_index(isolated_index_dir).directory == versions[2]


def test_a_version_without_its_collection_is_refused_then_ingest_builds_it(fixture_index, fixture_corpus_dir,
                                                                           fixture_spec, isolated_index_dir, no_model):
    local = Settings(index_dir=isolated_index_dir, corpus=[fixture_corpus_dir], chunk_max_chars=fixture_spec.max_chars,
                     chunk_overlap_chars=fixture_spec.overlap_chars)
    qdrant = local.model_copy(update={"backend": "qdrant"})
    assert run_ingest(local, local.corpus, if_stale=False, show_progress=False)["status"] == "indexed"
    with pytest.raises(IndexUnavailable, match="no Qdrant collection.*ARRIMAGE_BACKEND=qdrant"):
        load_searcher(qdrant, FakeEmbedder())
    # The corpus has not changed, but the version has no collection: it is not up to date for this backend.
    assert run_ingest(qdrant, qdrant.corpus, if_stale=True, show_progress=False)["status"] == "indexed"
    assert run_ingest(qdrant, qdrant.corpus, if_stale=True, show_progress=False)["status"] == "up to date"
    assert load_searcher(qdrant, FakeEmbedder()).search("budget du plan numérique", k=3)


def test_an_unreachable_server_is_a_clear_error_not_a_traceback(fixture_index, isolated_index_dir, no_model, monkeypatch):
    save_index(fixture_index, isolated_index_dir)
    settings = Settings(index_dir=isolated_index_dir, backend="qdrant", qdrant_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(IndexUnavailable, match="unreachable"):
        load_searcher(settings, FakeEmbedder())
    with serve(create_app(settings)) as url:
        assert_error(httpx.get(f"{url}/health"), 503, "Qdrant", "unreachable")
    monkeypatch.setenv("ARRIMAGE_BACKEND", "qdrant")
    monkeypatch.setenv("ARRIMAGE_QDRANT_URL", settings.qdrant_url)
    result = CliRunner().invoke(main, ["search", "budget"])
    assert result.exit_code == 1 and "Qdrant" in result.output and "unreachable" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("url", ["ftp://qdrant:6333", "not an address"])
def test_a_malformed_url_is_a_clear_error(fixture_index, isolated_index_dir, no_model, monkeypatch, url):
    save_index(fixture_index, isolated_index_dir)
    monkeypatch.setenv("ARRIMAGE_BACKEND", "qdrant")
    monkeypatch.setenv("ARRIMAGE_QDRANT_URL", url)
    result = CliRunner().invoke(main, ["search", "budget"])
    assert result.exit_code == 1 and "is not the address of a Qdrant server" in result.output, result.output


def test_a_server_gone_during_a_search_answers_503(fixture_index):
    gone = QdrantClient(url=f"http://127.0.0.1:{_free_port()}", check_compatibility=False)
    searcher = Searcher(fixture_index, FakeEmbedder(), QdrantRetriever(gone, "arrimage-x", fixture_index.lexical, "test"))
    with pytest.raises(SearchUnavailable, match="did not answer"):
        searcher.search("budget", mode="bm25")
    with serve(create_app(Settings(), searcher=searcher)) as url:
        response = httpx.post(f"{url}/search", json={"query": "budget du plan"})
        assert_error(response, 503, "search engine", "did not answer")
        assert response.json()["error"]["code"] == "search_unavailable"


@pytest.mark.parametrize("backend", ["local", "qdrant"])
def test_health_names_the_backend(searchers, backend):
    with serve(create_app(Settings(), searcher=searchers[backend])) as url:
        assert httpx.get(f"{url}/health").json()["backend"] == backend


def test_several_workers_need_a_qdrant_server(monkeypatch):
    monkeypatch.setenv("ARRIMAGE_BACKEND", "qdrant")
    result = CliRunner().invoke(main, ["serve", "--workers", "2"])
    assert result.exit_code == 1 and "ARRIMAGE_QDRANT_URL" in result.output and "one process" in result.output


def test_without_qdrant_client_the_backend_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "arrimage.index.qdrant", None)  # what a lean install (`make run`) lacks
    assert search_engine(Settings()) is None
    with pytest.raises(IndexUnavailable, match=r"pip install 'arrimage\[qdrant\]'"):
        search_engine(Settings(backend="qdrant"))
