"""The HTTP service, served by a real uvicorn on 127.0.0.1 and queried with httpx."""

from __future__ import annotations

import re

import httpx
import pytest
from arrimage.index.store import save_index
from arrimage.service.app import create_app
from support import FakeEmbedder, assert_error, serve

from arrimage.settings import Settings


@pytest.fixture(scope="module")
def base_url(fixture_searcher, tmp_path_factory, calibration_file):
    settings = Settings(index_dir=tmp_path_factory.mktemp("unused-index"), align_calibration=calibration_file)
    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url):
    with httpx.Client(base_url=base_url, timeout=10) as c:
        yield c


# --- endpoints that answer without the index ----------------------------------------------------------


def test_docs_page(client):
    response = client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/health", "/documents", "/search"} <= set(spec["paths"])


def test_unknown_route_is_404(client):
    assert client.get("/nowhere").status_code == 404


# --- endpoints that use the index ---------------------------------------------------------------------


def test_health(client, fixture_index):
    response = client.get("/health")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ok"
    assert body["documents"] == 3
    assert body["chunks"] == len(fixture_index.chunks)
    assert body["embedding_model"] == "fake-hash"


def test_documents(client, fixture_index):
    response = client.get("/documents")
    assert response.status_code == 200, response.text
    rows = {row["doc_id"]: row for row in response.json()}
    assert set(rows) == {"plan-numerique", "pole-regional", "inrs-formation"}
    row = rows["plan-numerique"]
    assert set(row) == {"doc_id", "title", "organization", "level", "period", "pages", "chunks"}
    assert row["title"] == "Plan d’action numérique en éducation 2018-2023"
    assert row["level"] == "ministerial" and row["period"] == "2018-2023" and row["pages"] == 2
    assert sum(r["chunks"] for r in rows.values()) == len(fixture_index.chunks)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_search_hits(client, mode):
    response = client.post("/search", json={"query": "  budget du plan numérique  ", "k": 3, "mode": mode})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"] == "budget du plan numérique" and body["mode"] == mode
    hits = body["hits"]
    assert 1 <= len(hits) <= 3
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    for hit in hits:
        assert {"rank", "score", "chunk_id", "doc_id", "title", "level", "page", "section_path", "text"} <= set(hit)
        assert isinstance(hit["score"], float)
        assert isinstance(hit["section_path"], list) and hit["text"]
        assert hit["page"] >= 1


def test_search_filters(client):
    response = client.post("/search", json={"query": "formation", "k": 10, "filters": {"levels": ["regional"]}})
    assert response.status_code == 200, response.text
    assert {h["doc_id"] for h in response.json()["hits"]} == {"pole-regional"}
    response = client.post("/search", json={"query": "formation", "filters": {"doc_ids": ["inrs-formation"]}})
    assert {h["doc_id"] for h in response.json()["hits"]} == {"inrs-formation"}


INVALID = [
    pytest.param({"query": ""}, ("query", "empty"), id="empty-query"),
    pytest.param({"query": "   \n\t "}, ("query", "empty"), id="whitespace-query"),
    pytest.param({"query": "x" * 2001}, ("query", "2001", "2000"), id="query-2001-chars"),
    pytest.param({"query": "budget", "k": 0}, ("k", "1"), id="k-0"),
    pytest.param({"query": "budget", "k": 101}, ("k", "100"), id="k-101"),
    pytest.param({"query": "budget", "mode": "foo"}, ("mode", "hybrid"), id="mode-foo"),
    pytest.param(
        {"query": "budget", "filters": {"doc_ids": ["plan-inconnu"]}},
        ("plan-inconnu",),
        id="unknown-doc-id",
    ),
    pytest.param({"query": "budget", "filters": {"levels": ["provincial"]}}, ("levels", "regional"), id="unknown-level"),
    pytest.param({"query": 42}, ("query", "string"), id="query-not-a-string"),
    pytest.param({"query": "budget", "extra": 1}, ("extra",), id="unknown-field"),
    pytest.param({"query": "budget", "filters": None}, ("filters",), id="null-filters"),
    pytest.param(["budget"], ("body",), id="body-is-a-list"),
]


@pytest.mark.parametrize("body, fragments", INVALID)
def test_invalid_search_requests_are_422_with_a_message(client, body, fragments):
    assert_error(client.post("/search", json=body), 422, *fragments)


def test_malformed_json_is_422(client):
    response = client.post("/search", content=b'{"query": "budget", ', headers={"content-type": "application/json"})
    assert_error(response, 422, "json")


def test_empty_body_is_422(client):
    assert_error(client.post("/search"), 422)


@pytest.mark.parametrize("body", [{"query": ""}, {"query": "budget", "k": 0}, {"query": "budget", "mode": "foo"}])
def test_validation_messages_name_only_the_request_problems(client, body):
    message = assert_error(client.post("/search", json=body), 422)
    assert "searcher" not in message


def test_a_stray_query_parameter_is_no_500(client):
    response = client.get("/health", params={"searcher": "1"})
    assert response.status_code != 500, response.text
    assert response.status_code == 200


def test_no_500_over_a_mix_of_requests(client):
    requests = [
        ("GET", "/health", None),
        ("GET", "/documents", None),
        ("POST", "/search", {"query": "le la les", "mode": "bm25"}),
        ("POST", "/search", {"query": "Mesure 12", "k": 100}),
        ("POST", "/search", {"query": "é" * 2000, "mode": "dense"}),
        ("POST", "/search", {"query": "budget", "filters": {"doc_ids": [], "levels": []}}),
    ]
    for method, path, body in requests:
        response = client.request(method, path, json=body)
        assert response.status_code == 200, (path, body, response.text)


# --- start-up without a searcher: the index is loaded from ARRIMAGE_INDEX_DIR ------------------------------


@pytest.fixture
def fake_service_model(monkeypatch):
    """load_searcher uses the make_embedder imported into arrimage.runtime."""
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())


def assert_no_server_paths(message: str) -> None:
    """A message for clients names no absolute path and no library source file; the server log has those."""
    assert not re.search(r"(?:^|[\s'\"(=:])/[^\s/]+/", message), message
    assert not re.search(r"\.(?:py|cpp|h|so)\b", message), message


def test_no_index_health_is_503_with_a_reason(tmp_path, fake_service_model, caplog):
    settings = Settings(index_dir=tmp_path / "empty-index")
    with serve(create_app(settings)) as url:
        health = httpx.get(f"{url}/health", timeout=10)
        search = httpx.post(f"{url}/search", json={"query": "budget"}, timeout=10)
    assert_no_server_paths(assert_error(health, 503, "no index"))
    assert_no_server_paths(assert_error(search, 503, "arrimage ingest"))
    assert str(tmp_path / "empty-index") in caplog.text  # the path goes to the server log


def test_no_index_still_serves_the_docs(tmp_path, fake_service_model):
    settings = Settings(index_dir=tmp_path / "empty-index")
    with serve(create_app(settings)) as url:
        assert httpx.get(f"{url}/docs", timeout=10).status_code == 200


def test_index_is_loaded_at_start_up(fixture_index, isolated_index_dir, fake_service_model):
    save_index(fixture_index, isolated_index_dir)
    with serve(create_app()) as url:  # settings from the environment: ARRIMAGE_INDEX_DIR
        health = httpx.get(f"{url}/health", timeout=10)
    assert health.status_code == 200, health.text
    assert health.json()["documents"] == 3


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_damaged_index_gives_503_not_a_dead_server(fixture_index, isolated_index_dir, fake_service_model):
    directory = save_index(fixture_index, isolated_index_dir)
    (directory / "dense.faiss").unlink()
    with serve(create_app()) as url:
        health = httpx.get(f"{url}/health", timeout=10)
    assert_no_server_paths(assert_error(health, 503, "damaged", "arrimage ingest"))


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_corrupt_faiss_file_gives_503_without_library_paths(fixture_index, isolated_index_dir, fake_service_model):
    directory = save_index(fixture_index, isolated_index_dir)
    (directory / "dense.faiss").write_bytes(b"not a faiss index")  # faiss names its C++ source in the error
    with serve(create_app()) as url:
        health = httpx.get(f"{url}/health", timeout=10)
    assert_no_server_paths(assert_error(health, 503, "damaged"))


def test_an_index_of_another_model_gives_503_naming_no_model_path(fixture_index, isolated_index_dir, monkeypatch):
    save_index(fixture_index, isolated_index_dir)
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder(model_id="st:/srv/models/other"))
    with serve(create_app()) as url:
        health = httpx.get(f"{url}/health", timeout=10)
    assert_no_server_paths(assert_error(health, 503, "another embedding model", "ARRIMAGE_EMBEDDING_MODEL"))
