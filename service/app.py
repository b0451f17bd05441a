"""The FastAPI application factory."""

from __future__ import annotations

import logging
import time
from collections import Counter
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from arrimage import __version__
from arrimage.index.embed import EmbeddingError, make_embedder
from arrimage.index.search import Searcher, SearchError
from arrimage.index.store import IndexUnavailable, load_index
from arrimage.settings import Settings, get_settings

from .schemas import DocumentInfo, Health, Hit, SearchRequest, SearchResponse

log = logging.getLogger("arrimage.service")


class ServiceUnavailable(Exception):
    """No index is loaded; the message says why."""


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}".replace("Value error, ", ""))
    return "; ".join(parts)


def current_searcher(request: Request) -> Searcher:
    found = request.app.state.searcher
    if found is None:
        raise ServiceUnavailable(f"no index loaded: {request.app.state.unavailable}")
    return found


SearcherDep = Annotated[Searcher, Depends(current_searcher)]


def load_searcher(settings: Settings) -> Searcher:
    embedder = make_embedder(settings.embedding_model)
    return Searcher(load_index(settings.index_dir, embedder), embedder)


def create_app(settings: Settings | None = None, searcher: Searcher | None = None) -> FastAPI:
    """Build the app; the index is loaded at start-up unless a ``searcher`` is given."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if app.state.searcher is None:
            try:
                app.state.searcher = load_searcher(settings)
            except (IndexUnavailable, EmbeddingError) as exc:
                app.state.unavailable = str(exc)
                log.error("no index loaded: %s", exc)
        yield

    app = FastAPI(title="Arrimage", version=__version__, lifespan=lifespan,
                  description="Semantic search over Québec public plans, with provenance.")
    app.state.searcher = searcher
    app.state.unavailable = "the index is loading"

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", _describe(exc))

    @app.exception_handler(SearchError)
    async def _bad_search(_: Request, exc: SearchError) -> JSONResponse:
        return _error(422, "invalid_request", str(exc))

    @app.exception_handler(ServiceUnavailable)
    async def _unavailable(_: Request, exc: ServiceUnavailable) -> JSONResponse:
        return _error(503, "no_index", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return _error(500, "internal_error", "an unexpected error occurred; it has been logged")

    @app.get("/health", response_model=Health, tags=["service"])
    def health(searcher: SearcherDep) -> Health:
        m = searcher.data.manifest
        return Health(status="ok", documents=m.document_count, chunks=m.chunk_count, embedding_model=m.model_id)

    @app.get("/documents", response_model=list[DocumentInfo], tags=["search"])
    def documents(searcher: SearcherDep) -> list[DocumentInfo]:
        counts = Counter(c.doc_id for c in searcher.data.chunks)
        return [
            DocumentInfo(doc_id=d.meta.doc_id, title=d.meta.title, organization=d.meta.organization, level=d.meta.level,
                         period=d.meta.period, pages=d.pages, chunks=counts[d.meta.doc_id])
            for d in searcher.data.documents
        ]

    @app.post("/search", response_model=SearchResponse, tags=["search"])
    def search(body: SearchRequest, searcher: SearcherDep) -> SearchResponse:
        started = time.perf_counter()
        hits = searcher.search(body.query, k=body.k, mode=body.mode, doc_ids=body.filters.doc_ids, levels=body.filters.levels)
        return SearchResponse(
            query=body.query,
            mode=body.mode,
            took_ms=round((time.perf_counter() - started) * 1000, 2),
            hits=[
                Hit(rank=h.rank, score=h.score, chunk_id=h.chunk.chunk_id, doc_id=h.chunk.doc_id, title=h.document.title,
                    level=h.document.level, page=h.chunk.page_start, page_end=h.chunk.page_end,
                    section_path=list(h.chunk.section_path), text=h.chunk.text)
                for h in hits
            ],
        )

    return app
