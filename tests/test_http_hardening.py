"""The service under hostile input: no 500, one error shape, a schema that says what validation does, HEAD,
security headers on every response, CORS off unless configured, and documentation that needs no CDN."""

from __future__ import annotations

import re

import httpx
import pytest
from arrimage.service.app import create_app
from support import assert_error, serve

from arrimage.settings import Settings

JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def app(fixture_searcher, tmp_path_factory, calibration_file):
    folder = tmp_path_factory.mktemp("hardening")
    app = create_app(Settings(index_dir=folder / "index", database_url=f"sqlite:///{folder / 'arrimage.db'}",
                              align_calibration=calibration_file),
                     searcher=fixture_searcher)

    @app.get("/boom", include_in_schema=False)
    def boom():
        raise RuntimeError("a bug")

    return app


@pytest.fixture(scope="module")
def client(app):
    with serve(app) as url, httpx.Client(base_url=url, timeout=10) as c:
        yield c


@pytest.fixture(scope="module")
def unit_id(client) -> str:
    return client.get("/plans/plan-numerique/units").json()["units"][0]["unit_id"]


@pytest.fixture(scope="module")
def spec(client) -> dict:
    return client.get("/openapi.json").json()


# --- lone surrogates: 422, never a 500 or a reset connection ----------------------------------------------------

SURROGATES = [
    pytest.param("/search", b'{"query": "\\ud800"}', id="search-query-escaped"),
    pytest.param("/search", b'{"query": "\xed\xa0\x80"}', id="search-query-raw-bytes-ED-A0-80"),
    pytest.param("/search", b'{"query": "budget \\udfff"}', id="search-query-low-surrogate"),
    pytest.param("/search", b'{"query": "budget", "filters": {"doc_ids": ["\\ud800"]}}', id="search-doc-ids"),
    pytest.param("/ask", b'{"question": "\\udfff budget"}', id="ask"),
    pytest.param("/ask", b'{"question": "\\udfff budget", "stream": true}', id="ask-stream"),
    pytest.param("/ask", b'{"question": "budget", "filters": {"doc_ids": ["\xed\xa0\x80"]}}', id="ask-doc-ids"),
    pytest.param("/ask", b'{"question": "budget", "history": [{"role": "user", "content": "\\ud800"}]}', id="ask-history"),
    pytest.param("/related", b'{"text": "\\ud800"}', id="related-text"),
    pytest.param("/related", b'{"unit_id": "\\ud800"}', id="related-unit-id"),
    pytest.param("/related", b'{"text": "budget", "exclude_doc_ids": ["\\ud800"]}', id="related-exclude"),
    pytest.param("/align", b'{"source": {"doc_ids": ["\\ud800"]}, "target": {"levels": ["ministerial"]}}', id="align"),
]


@pytest.mark.parametrize("path, body", SURROGATES)
def test_a_lone_surrogate_is_422(client, path, body):
    assert_error(client.post(path, content=body, headers=JSON), 422, "surrogate")


def test_a_surrogate_in_a_field_name_is_422_and_the_message_is_valid_utf8(client):
    response = client.post("/search", content=b'{"query": "budget", "\\ud800": 1}', headers=JSON)
    assert_error(response, 422)
    response.content.decode("utf-8")  # strict: the message carries no surrogate


# --- bodies that are not JSON: the documented shape, not {"detail": …} -----------------------------------------


@pytest.mark.parametrize("body, fragment", [
    pytest.param(b'{"query": "\xff budget"}', "utf-8", id="invalid-utf8"),
    pytest.param(b'{"query": "budget", "k": ' + b"[" * 1000 + b"]" * 1000 + b"}", "nested", id="nested-1000-deep"),
    pytest.param(b"[" * 1000 + b"]" * 1000, "nested", id="top-level-1000-deep"),
])
def test_an_unreadable_body_is_422_in_the_documented_shape(client, body, fragment):
    for path in ("/search", "/ask", "/related"):
        assert_error(client.post(path, content=body, headers=JSON), 422, "body", fragment)


def test_framework_errors_have_the_documented_shape(client):
    assert_error(client.get("/nowhere"), 404, "/nowhere")
    assert_error(client.get("/static/absent.js"), 404)
    response = client.put("/health")
    assert_error(response, 405, "PUT", "/health", "GET")
    assert response.headers["allow"] == "GET, HEAD"
    # a path served by two routes: Allow names both methods (Starlette's named only the first route's)
    assert client.request("OPTIONS", "/reviews").headers["allow"] == "GET, POST, HEAD"
    assert client.put("/documents/plan-numerique").headers["allow"] == "DELETE"


def test_an_unexpected_error_is_500_in_the_documented_shape(client):
    assert_error(httpx.get(f"{client.base_url}/boom"), 500, "logged")  # its own connection: uvicorn closes it after


# --- questions with no content: 422, not a cited answer ---------------------------------------------------------

EMPTY = ["", "   \n\t", "\u200b\u200b\u200b", "\x00\x00", "😀🎉", "\u200b \x00 😀 ?!", "\ufeff\u2060"]


@pytest.mark.parametrize("text", EMPTY, ids=["empty", "whitespace", "zero-width", "nul", "emoji", "mixed", "bom-joiner"])
@pytest.mark.parametrize("path, field", [("/ask", "question"), ("/search", "query"), ("/related", "text")])
def test_text_without_a_letter_or_digit_is_422(client, path, field, text):
    assert_error(client.post(path, json={field: text}), 422, field, "empty")


@pytest.mark.parametrize("text", ["Quel est le budget ?", "budget\u200b", "2023", "ça"])
def test_text_with_a_letter_or_digit_is_accepted(client, text):
    assert client.post("/ask", json={"question": text}).status_code == 200


# --- strict types ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path, body, field", [
    ("/ask", {"question": "budget", "stream": 0}, "stream"),
    ("/ask", {"question": "budget", "stream": "true"}, "stream"),
    ("/ask", {"question": "budget", "k": "5"}, "k"),
    ("/search", {"query": "budget", "k": 5.0}, "k"),
    ("/search", {"query": "budget", "k": True}, "k"),
    ("/related", {"text": "budget", "k": "3"}, "k"),
])
def test_types_are_strict(client, path, body, field):
    assert_error(client.post(path, json=body), 422, field)


# --- the OpenAPI schema says what validation does ----------------------------------------------------------------


def _schema(spec: dict, name: str) -> dict:
    return spec["components"]["schemas"][name]


def _string(prop: dict) -> dict:
    """The string branch of a property (``str | None`` is an anyOf)."""
    return next((b for b in prop.get("anyOf", [prop]) if b.get("type") == "string"), prop)


def test_the_schema_carries_the_text_constraints(spec):
    for model, field in (("SearchRequest", "query"), ("AskRequest", "question"), ("RelatedRequest", "text")):
        prop = _string(_schema(spec, model)["properties"][field])
        assert prop["minLength"] == 1 and prop["maxLength"] == 2000, (model, prop)
        pattern = re.compile(prop["pattern"])
        assert pattern.search("budget 2023") and pattern.search("ça")
        assert not any(pattern.search(text) for text in EMPTY)


def test_the_schema_forbids_empty_ids(spec):
    filters = _schema(spec, "Filters")["properties"]["doc_ids"]
    items = next(b for b in filters["anyOf"] if b.get("type") == "array")["items"]
    assert items["minLength"] == 1
    related = _schema(spec, "RelatedRequest")
    assert _string(related["properties"]["unit_id"])["minLength"] == 1
    assert {tuple(branch["required"]) for branch in related["oneOf"]} == {("text",), ("unit_id",)}
    selection = _schema(spec, "Selection")
    assert {branch["properties"][name]["minItems"] for branch in selection["anyOf"] for name in branch["required"]} == {1}


def test_requests_the_schema_forbids_are_rejected_and_those_it_allows_accepted(client, unit_id):
    forbidden = [
        ("/ask", {"question": ""}),
        ("/related", {"text": None, "unit_id": None}),
        ("/related", {}),
        ("/related", {"text": "budget", "unit_id": unit_id}),
        ("/search", {"query": "budget", "filters": {"doc_ids": [""]}}),
        ("/related", {"text": "budget", "exclude_doc_ids": [""]}),
        ("/align", {"source": {"doc_ids": []}, "target": {"levels": ["ministerial"]}}),
        ("/align", {"source": {"doc_ids": None, "levels": None}, "target": {"levels": ["ministerial"]}}),
    ]
    for path, body in forbidden:
        assert_error(client.post(path, json=body), 422)
    allowed = [
        ("/ask", {"question": "budget", "filters": {"doc_ids": [], "levels": []}}),
        ("/search", {"query": "budget", "filters": {"doc_ids": None}}),
        ("/related", {"text": "budget", "unit_id": None}),
        ("/related", {"text": None, "unit_id": unit_id}),
        ("/related", {"unit_id": unit_id, "exclude_doc_ids": []}),
        ("/align", {"source": {"doc_ids": [], "levels": ["regional"]}, "target": {"levels": ["ministerial"]}}),
    ]
    for path, body in allowed:
        response = client.post(path, json=body)
        assert response.status_code == 200, (path, body, response.text)


def test_the_schema_documents_the_404s_and_one_error_shape(spec):
    for path in ("/coverage", "/plans/{doc_id}/units"):
        assert "404" in spec["paths"][path]["get"]["responses"], path
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, status)


# --- HEAD, headers, CORS -----------------------------------------------------------------------------------------

GET_PATHS = ["/", "/health", "/documents", "/openapi.json", "/docs", "/static/app.js", "/plans/plan-numerique/units"]


@pytest.mark.parametrize("path", GET_PATHS)
def test_head_answers_as_get_without_a_body(client, path):
    got, head = client.get(path), client.head(path)
    assert got.status_code == head.status_code == 200, head.text
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_head_on_a_post_route_is_still_405(client):
    assert client.head("/search").status_code == 405


SECURITY = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def _csp(response: httpx.Response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())


@pytest.mark.parametrize("method, path, body", [
    ("GET", "/", None), ("GET", "/health", None), ("GET", "/static/app.css", None), ("POST", "/search", {"query": "budget"}),
    ("POST", "/search", {"query": ""}), ("GET", "/nowhere", None), ("HEAD", "/health", None),
    ("GET", "/docs", None), ("GET", "/docs/assets/swagger-ui.css", None), ("PUT", "/health", None), ("GET", "/boom", None),
])
def test_every_response_carries_the_security_headers(client, method, path, body):
    response = httpx.request(method, f"{client.base_url}{path}", json=body)  # /boom: uvicorn closes its connection
    for name, value in SECURITY.items():
        assert response.headers.get(name) == value, (name, response.headers)
    csp = _csp(response)
    assert csp["default-src"] == "'self'" and csp["frame-ancestors"] == "'none'"
    assert all(source in ("'self'", "'none'", "data:") for value in csp.values() for source in value.split()), csp


def test_only_the_docs_page_allows_data_images(client):
    assert "img-src" not in _csp(client.get("/"))
    assert _csp(client.get("/docs"))["img-src"] == "'self' data:"


def test_cors_is_off_by_default(client):
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/health", headers=origin).headers
    preflight = client.options("/search", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_the_configured_origins_only(fixture_searcher, tmp_path):
    settings = Settings(index_dir=tmp_path / "index", cors_origins=["https://intranet.example"])
    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        allowed = httpx.options(f"{url}/search", headers={"Origin": "https://intranet.example",
                                                          "Access-Control-Request-Method": "POST",
                                                          "Access-Control-Request-Headers": "content-type"})
        simple = httpx.get(f"{url}/health", headers={"Origin": "https://intranet.example"})
        other = httpx.get(f"{url}/health", headers={"Origin": "https://elsewhere.example"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://intranet.example"
    assert simple.headers["access-control-allow-origin"] == "https://intranet.example"
    assert "access-control-allow-origin" not in other.headers


def test_cors_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ARRIMAGE_CORS_ORIGINS", '["https://a.example", "https://b.example"]')
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]
    monkeypatch.delenv("ARRIMAGE_CORS_ORIGINS")
    assert Settings().cors_origins == []


# --- documentation that works offline ----------------------------------------------------------------------------


def test_the_docs_page_loads_nothing_from_elsewhere_and_no_inline_script(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    assert "://" not in page.text
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text) is None
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets) and "/static/docs.js" in assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_the_docs_page_points_swagger_ui_at_this_schema(client):
    script = client.get("/static/docs.js").text
    assert '"/openapi.json"' in script and "://" not in script


def test_a_client_over_the_rate_limit_gets_429_with_retry_after(fixture_searcher, tmp_path, calibration_file):
    settings = Settings(index_dir=tmp_path / "index", database_url=f"sqlite:///{tmp_path / 'a.db'}", rate_limit=3,
                        align_calibration=calibration_file)
    with serve(create_app(settings, searcher=fixture_searcher)) as url, httpx.Client(base_url=url) as client:
        assert [client.get("/health").status_code for _ in range(3)] == [200, 200, 200]
        refused = client.get("/health")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert refused.json()["error"]["code"] == "too_many_requests"


def test_alignment_waits_its_turn_and_a_saturated_service_answers_429(client, monkeypatch):
    from arrimage.service import alignment

    monkeypatch.setattr(alignment, "_WAIT_SECONDS", 0.05)
    assert alignment._HEAVY.acquire()  # another alignment holds the place
    try:
        busy = client.get("/coverage", params={"target_doc_id": "plan-numerique"})
        assert busy.status_code == 429 and busy.headers["retry-after"] == "5"
        assert busy.json()["error"]["code"] == "too_many_requests"
    finally:
        alignment._HEAVY.release()
    assert client.get("/coverage", params={"target_doc_id": "plan-numerique"}).status_code == 200
