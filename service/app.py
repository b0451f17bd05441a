"""The FastAPI application factory."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path

from arrimage.align.aligner import AlignmentError
from arrimage.align.calibration import NotCalibrated
from arrimage.index.search import Searcher, SearchError, SearchUnavailable
from arrimage.ingest.library import AlreadyThere, InvalidMetadata, UnsupportedContent
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.routing import Match, Route

from arrimage import __version__
from arrimage.runtime import LastDocument, NoIndex, Runtime, UnknownDocument
from arrimage.settings import Settings, get_settings

from .access import AccessMiddleware
from .alignment import Saturated, UnknownPlan, UnknownReview, router
from .ask import router as ask_router
from .deps import Forbidden, InvalidRequest, Unauthorized
from .docs import add_docs
from .documents import TooLarge
from .documents import router as documents_router
from .feedback import router as feedback_router
from .jobs import Jobs, UnknownJob
from .mcp_server import McpHttp
from .metrics import Metrics
from .metrics import router as metrics_router
from .middleware import HeadAsGet, RateLimit, SecurityHeaders
from .openai_api import create_openai_app
from .schemas import ErrorBody
from .search import router as search_router

STATIC_DIR = Path(__file__).resolve().parent / "static"

log = logging.getLogger("arrimage.service")


class _Service(FastAPI):
    """FastAPI with HEAD and the security headers outside every other layer, so that a 500 carries them too, and
    an OpenAPI schema whose error responses are the errors this service sends."""

    def build_middleware_stack(self):
        return SecurityHeaders(HeadAsGet(RateLimit(super().build_middleware_stack(), self.state.runtime.settings.rate_limit)))

    def openapi(self) -> dict:
        if self.openapi_schema is None:
            _one_error_shape(super().openapi())
        return self.openapi_schema


def _one_error_shape(schema: dict) -> None:
    """Every 4xx/5xx response of the schema is an ErrorBody (FastAPI writes its own {"detail": …} for 422)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    body = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(body.pop("$defs", {}))
    components["ErrorBody"] = body
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                if str(status)[0] in "45":
                    if str(status) == "422":
                        response["description"] = "Invalid request: the message says what is wrong"
                    response["content"] = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    # A message that quotes the request may hold a lone surrogate, which UTF-8 cannot carry: write it escaped.
    message = message.encode("utf-8", "backslashreplace").decode("utf-8")
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}}, headers=headers)


def _unreadable_body(exc: HTTPException) -> str | None:
    """What is wrong with a body FastAPI could not parse (it raises a bare 400 from the parser's error)."""
    cause = exc.__cause__
    if isinstance(cause, UnicodeDecodeError):
        return f"body: not valid UTF-8 (byte {cause.start}); send JSON encoded in UTF-8"
    if isinstance(cause, RecursionError):
        return "body: JSON nested too deeply"
    return None


def _allowed(request: Request) -> str:
    """The methods served at the request's path, by any route (Starlette's Allow names those of one route only)."""
    served = [method for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
              if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in request.app.routes)]
    return ", ".join([*served, *(["HEAD"] if "GET" in served else [])])


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}".replace("Value error, ", ""))
    return "; ".join(parts)


def create_app(settings: Settings | None = None, searcher: Searcher | None = None) -> FastAPI:
    """Build the app; the index is loaded at start-up unless a ``searcher`` is given."""
    settings = settings or get_settings()
    runtime = Runtime(settings, searcher)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if searcher is None:
            runtime.load()
        app.state.jobs = Jobs(runtime, settings.index_dir / "jobs")
        async with mcp.running():
            yield
        app.state.jobs.stop()

    app = _Service(title="Arrimage", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                   description="Semantic search over Québec public plans, with provenance.")
    app.state.runtime = runtime
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    mcp = McpHttp(runtime)
    app.state.metrics = Metrics(runtime, jobs=lambda: getattr(app.state, "jobs", None))
    app.add_middleware(AccessMiddleware, metrics=app.state.metrics, owner=app)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", _describe(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        """Starlette's and FastAPI's own errors (no route, method not allowed, an unreadable body) in our shape."""
        unreadable = _unreadable_body(exc)
        if unreadable:  # a body that is not JSON: 422, as for malformed JSON
            return _error(422, "invalid_request", unreadable)
        phrase = HTTPStatus(exc.status_code).phrase
        message, headers = str(exc.detail), exc.headers
        if message == phrase == "Not Found":
            message = f"nothing at {request.url.path}; see /docs"
        elif message == phrase == "Method Not Allowed":
            headers = {**(headers or {}), "Allow": _allowed(request)}
            message = f"{request.method} is not served at {request.url.path}; it serves {headers['Allow']}"
        return _error(exc.status_code, phrase.lower().replace(" ", "_").replace("-", "_"), message, headers=headers)

    @app.exception_handler(UnknownPlan)
    async def _unknown_plan(_: Request, exc: UnknownPlan) -> JSONResponse:
        return _error(404, "not_found", str(exc))

    @app.exception_handler(SearchError)
    @app.exception_handler(InvalidRequest)
    @app.exception_handler(AlignmentError)
    async def _bad_search(_: Request, exc: ValueError) -> JSONResponse:
        return _error(422, "invalid_request", str(exc))

    for error, status, code in ((NotCalibrated, 503, "not_calibrated"), (SearchUnavailable, 503, "search_unavailable"),
                                (Forbidden, 403, "forbidden"), (Unauthorized, 401, "unauthorized"),
                                (TooLarge, 413, "too_large"), (UnsupportedContent, 415, "unsupported_media_type"),
                                (InvalidMetadata, 422, "invalid_request"), (AlreadyThere, 409, "conflict"),
                                (LastDocument, 409, "conflict"), (UnknownDocument, 404, "not_found"),
                                (UnknownJob, 404, "not_found"), (UnknownReview, 404, "not_found")):
        app.add_exception_handler(error, _handler(status, code))

    @app.exception_handler(Saturated)
    async def _saturated(_: Request, exc: Saturated) -> JSONResponse:
        return _error(429, "too_many_requests", str(exc), headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(NoIndex)
    async def _unavailable(_: Request, exc: NoIndex) -> JSONResponse:
        return _error(503, "no_index", exc.reason)  # without the paths of str(exc), which the log has

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _error(500, "internal_error", "an unexpected error occurred; it has been logged")

    app.include_router(search_router)
    app.include_router(ask_router)
    app.include_router(router)
    app.include_router(documents_router)
    app.include_router(feedback_router)
    add_docs(app)
    app.include_router(metrics_router)
    app.mount("/v1", create_openai_app(runtime))
    app.router.routes.append(Route("/mcp", mcp))

    @app.get("/", include_in_schema=False)
    def chat_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    return app


def _handler(status: int, code: str):
    async def handle(_: Request, exc: Exception) -> JSONResponse:
        return _error(status, code, str(exc))

    return handle
