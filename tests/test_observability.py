"""Metrics (GET /metrics, read with prometheus-client's own parser), request ids and JSON access logs."""

from __future__ import annotations

import io
import json
import logging
import re
import time

import httpx
import pytest
from arrimage.service.access import JsonFormatter, RequestIdFilter, request_id
from arrimage.service.app import create_app
from prometheus_client.parser import text_string_to_metric_families
from support import serve

from arrimage.settings import Settings


@pytest.fixture(scope="module")
def base_url(fixture_searcher, tmp_path_factory, calibration_file):
    tmp = tmp_path_factory.mktemp("observability")
    settings = Settings(index_dir=tmp / "unused-index", align_calibration=calibration_file,
                        database_url=f"sqlite:///{tmp / 'arrimage.db'}")
    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url):
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def samples(client: httpx.Client) -> dict[tuple[str, frozenset], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(response.text) for s in family.samples}


def value(all_samples: dict, name: str, **labels) -> float:
    return all_samples.get((name, frozenset(labels.items())), 0.0)


class TestMetrics:
    def test_requests_counted_per_route_template(self, client):
        before = samples(client)
        for doc_id in ("plan-numerique", "pole-regional", "nulle-part"):
            client.get(f"/plans/{doc_id}/units")
        client.get("/nowhere/at/all")
        client.post("/search", json={"query": "budget"})
        after = samples(client)

        def delta(name, **labels):
            return value(after, name, **labels) - value(before, name, **labels)

        route = "/plans/{doc_id}/units"
        assert delta("arrimage_http_requests_total", method="GET", route=route, status="200") == 2
        assert delta("arrimage_http_requests_total", method="GET", route=route, status="404") == 1
        assert delta("arrimage_http_requests_total", method="GET", route="unmatched", status="404") == 1
        assert delta("arrimage_http_requests_total", method="POST", route="/search", status="200") == 1
        assert delta("arrimage_http_request_duration_seconds_count", method="GET", route=route) == 3
        assert delta("arrimage_http_request_duration_seconds_bucket", method="GET", route=route, le="+Inf") == 3
        assert not any("plan-numerique" in str(labels) or "nowhere" in str(labels) for _, labels in after)

    def test_mounted_and_streamed_routes(self, client):
        client.post("/v1/chat/completions", json={"model": "arrimage", "messages": [{"role": "user", "content": "budget"}]})
        client.post("/ask", json={"question": "Quel est le budget ?", "stream": True})
        client.get("/static/app.js")
        client.post("/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
        after = samples(client)
        assert value(after, "arrimage_http_requests_total", method="POST", route="/v1/chat/completions", status="200") >= 1
        assert value(after, "arrimage_http_requests_total", method="POST", route="/ask", status="200") >= 1
        assert value(after, "arrimage_http_requests_total", method="GET", route="/static/{path}", status="200") >= 1
        assert sum(v for (name, labels), v in after.items()
                   if name == "arrimage_http_requests_total" and ("route", "/mcp") in labels) >= 1

    def test_index_and_jobs(self, client, fixture_index):
        now = samples(client)
        assert value(now, "arrimage_index_loaded") == 1
        assert value(now, "arrimage_index_documents") == len(fixture_index.documents) == 3
        assert value(now, "arrimage_index_chunks") == len(fixture_index.chunks)
        assert value(now, "arrimage_index_units") == len(fixture_index.units)
        assert value(now, "arrimage_index_info", embedding_model="fake-hash") == 1
        for status in ("submitted", "done", "failed"):
            assert (("arrimage_ingest_jobs_total", frozenset({("status", status)})) in now)
        assert value(now, "arrimage_ingest_jobs_active", status="running") == 0

    def test_no_index(self, tmp_path):
        with serve(create_app(Settings(index_dir=tmp_path / "empty"))) as url, httpx.Client(base_url=url) as c:
            assert value(samples(c), "arrimage_index_loaded") == 0

    def test_ingest_jobs_are_counted(self, tmp_path, monkeypatch, fixture_index):
        """An upload's job, through the real worker: submitted, then done."""
        from arrimage.index.store import save_index
        from support import FakeEmbedder

        monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())
        index_dir = tmp_path / "index"
        save_index(fixture_index, index_dir)
        settings = Settings(index_dir=index_dir, uploads_dir=tmp_path / "uploads", admin_token="t",
                            database_url=f"sqlite:///{tmp_path / 'db.sqlite'}")
        with serve(create_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as c:
            accepted = c.post("/documents", headers={"Authorization": "Bearer t"},
                              files={"file": ("plan.txt", "OBJECTIF 1 AGIR\nLe plan agit sur la réussite des élèves.".encode())},
                              data={"title": "Plan", "level": "institutional"})
            assert accepted.status_code == 202, accepted.text
            with c.stream("GET", f"/jobs/{accepted.json()['job_id']}/events") as events:
                assert any("event: done" in line for line in events.iter_lines())
            now = samples(c)
        assert value(now, "arrimage_ingest_jobs_total", status="submitted") == 1
        assert value(now, "arrimage_ingest_jobs_total", status="done") == 1
        assert value(now, "arrimage_index_documents") == 4


class TestRequestIds:
    @pytest.mark.parametrize("path", ["/health", "/nowhere", "/v1/models", "/metrics"])
    def test_echoed(self, client, path):
        assert client.get(path, headers={"X-Request-ID": "req-42.a:b_c"}).headers["x-request-id"] == "req-42.a:b_c"

    def test_echoed_on_streams_and_mcp(self, client):
        with client.stream("POST", "/ask", json={"question": "budget ?", "stream": True},
                           headers={"X-Request-ID": "stream-1"}) as r:
            assert r.headers["x-request-id"] == "stream-1"
        assert client.post("/mcp", json={}, headers={"X-Request-ID": "mcp-1"}).headers["x-request-id"] == "mcp-1"

    @pytest.mark.parametrize("offered", [None, "", "has space", "x" * 129, "inj\u00e9cté", "a\"b"])
    def test_generated_when_absent_or_not_a_plain_token(self, client, offered):
        headers = {"X-Request-ID": offered.encode("utf-8")} if offered is not None else {}
        given = client.get("/health", headers=headers).headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", given)
        assert request_id(offered) != offered

    def test_each_request_its_own(self, client):
        assert len({client.get("/health").headers["x-request-id"] for _ in range(5)}) == 5


class TestAccessLogs:
    def test_one_json_line_per_request_with_its_id(self, client):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestIdFilter())
        access = logging.getLogger("arrimage.access")
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        try:
            client.get("/plans/plan-numerique/units", headers={"X-Request-ID": "log-1"})
            client.post("/search", json={"query": "budget"}, headers={"X-Request-ID": "log-2"})
            # The server logs a request once its response is sent: the line may come just after the client has it.
            deadline = time.monotonic() + 5
            while '"log-2"' not in stream.getvalue() and time.monotonic() < deadline:
                time.sleep(0.01)
        finally:
            access.removeHandler(handler)
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        by_id = {line["request_id"]: line for line in lines}
        first = by_id["log-1"]
        assert first["logger"] == "arrimage.access" and first["level"] == "INFO"
        assert first["method"] == "GET" and first["path"] == "/plans/plan-numerique/units"
        assert first["route"] == "/plans/{doc_id}/units" and first["status"] == 200
        assert first["duration_ms"] >= 0 and "time" in first and first["message"]
        assert by_id["log-2"]["route"] == "/search"

    def test_records_logged_while_serving_carry_the_id(self):
        record = logging.LogRecord("arrimage.x", logging.INFO, "", 0, "hello %s", ("world",), None)
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
        assert line["message"] == "hello world" and "request_id" in line


def test_an_unexpected_error_is_answered_with_the_request_id(fixture_searcher, tmp_path, caplog):
    class Broken:
        data = fixture_searcher.data
        embedder = fixture_searcher.embedder
        documents = fixture_searcher.documents
        backend = fixture_searcher.backend

        def search(self, *args, **kwargs):
            raise RuntimeError("secret internals")

    with serve(create_app(Settings(index_dir=tmp_path / "i"), searcher=Broken())) as url:
        response = httpx.post(f"{url}/search", json={"query": "budget"}, headers={"X-Request-ID": "boom-1"})
        assert httpx.get(f"{url}/health").status_code == 200  # the server goes on
    assert response.status_code == 500
    assert response.headers["x-request-id"] == "boom-1"
    assert response.json()["error"]["code"] == "internal_error"
    assert "secret" not in response.text
    assert any(r.getMessage() == "unexpected error" and r.exc_info for r in caplog.records)
    access = [r for r in caplog.records if r.name == "arrimage.access" and r.request_id == "boom-1"]
    assert access and access[0].status == 500
