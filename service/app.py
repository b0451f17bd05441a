"""The FastAPI application factory."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from arrimage.align.aligner import AlignmentError
from arrimage.align.calibration import NotCalibrated
from arrimage.index.search import Searcher, SearchError
from arrimage.ingest.library import AlreadyThere, InvalidMetadata, UnsupportedContent
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Route

from arrimage import __version__
from arrimage.runtime import LastDocument, NoIndex, Runtime, UnknownDocument
from arrimage.settings import Settings, get_settings

from .access import AccessMiddleware
from .alignment import UnknownPlan, UnknownReview, router
from .ask import router as ask_router
from .deps import Forbidden, InvalidRequest, Unauthorized
from .documents import TooLarge
from .documents import router as documents_router
from .feedback import router as feedback_router
from .jobs import Jobs, UnknownJob
from .mcp_server import McpHttp
from .metrics import Metrics
from .metrics import router as metrics_router
from .openai_api import create_openai_app
from .search import router as search_router

STATIC_DIR = Path(__file__).resolve().parent / "static"

log = logging.getLogger("arrimage.service")


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


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
        app.state.jobs = Jobs(runtime)
        async with mcp.running():
            yield
        app.state.jobs.stop()

    app = FastAPI(title="Arrimage", version=__version__, lifespan=lifespan,
                  description="Semantic search over Québec public plans, with provenance.")
    app.state.runtime = runtime
    mcp = McpHttp(runtime)
    app.state.metrics = Metrics(runtime, jobs=lambda: getattr(app.state, "jobs", None))
    app.add_middleware(AccessMiddleware, metrics=app.state.metrics, owner=app)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", _describe(exc))

    @app.exception_handler(UnknownPlan)
    async def _unknown_plan(_: Request, exc: UnknownPlan) -> JSONResponse:
        return _error(404, "not_found", str(exc))

    @app.exception_handler(SearchError)
    @app.exception_handler(InvalidRequest)
    @app.exception_handler(AlignmentError)
    async def _bad_search(_: Request, exc: ValueError) -> JSONResponse:
        return _error(422, "invalid_request", str(exc))

    for error, status, code in ((NotCalibrated, 503, "not_calibrated"), (Forbidden, 403, "forbidden"), (Unauthorized, 401, "unauthorized"),
                                (TooLarge, 413, "too_large"), (UnsupportedContent, 415, "unsupported_media_type"),
                                (InvalidMetadata, 422, "invalid_request"), (AlreadyThere, 409, "conflict"),
                                (LastDocument, 409, "conflict"), (UnknownDocument, 404, "not_found"),
                                (UnknownJob, 404, "not_found"), (UnknownReview, 404, "not_found")):
        app.add_exception_handler(error, _handler(status, code))

    @app.exception_handler(NoIndex)
    async def _unavailable(_: Request, exc: NoIndex) -> JSONResponse:
        return _error(503, "no_index", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _error(500, "internal_error", "an unexpected error occurred; it has been logged")

    app.include_router(search_router)
    app.include_router(ask_router)
    app.include_router(router)
    app.include_router(documents_router)
    app.include_router(feedback_router)
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
