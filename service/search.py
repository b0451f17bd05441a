"""HTTP routes of search: the service's health, the documents indexed, and passages for a query.

The route functions are plain functions of their request and the searcher: the MCP tools call them too. Over
HTTP, the CPU-bound ones take a place among the requests computed at once (`Compute`, service/deps.py).
"""

from __future__ import annotations

import time

from arrimage.index.search import SearchHit
from fastapi import APIRouter

from .deps import Compute, SearcherDep
from .schemas import DocumentInfo, Health, Hit, SearchRequest, SearchResponse

router = APIRouter()


@router.get("/health", response_model=Health, tags=["service"])
def health(searcher: SearcherDep) -> Health:
    m = searcher.data.manifest
    return Health(status="ok", documents=m.document_count, chunks=m.chunk_count, embedding_model=m.model_id,
                  backend=searcher.backend)


@router.get("/documents", response_model=list[DocumentInfo], tags=["search"])
def documents(searcher: SearcherDep) -> list[DocumentInfo]:
    counts = searcher.data.chunks.counts_by_doc()  # from the chunk table: no chunk is read
    return [
        DocumentInfo(doc_id=d.meta.doc_id, title=d.meta.title, organization=d.meta.organization, level=d.meta.level,
                     period=d.meta.period, pages=d.pages, chunks=counts.get(d.meta.doc_id, 0))
        for d in searcher.data.documents
    ]


def hit_out(h: SearchHit) -> Hit:
    return Hit(rank=h.rank, score=h.score, chunk_id=h.chunk.chunk_id, doc_id=h.chunk.doc_id, title=h.document.title,
               level=h.document.level, page=h.chunk.page_start, page_end=h.chunk.page_end,
               section_path=list(h.chunk.section_path), text=h.chunk.text)


@router.post("/search", response_model=SearchResponse, tags=["search"])
def search(body: SearchRequest, searcher: SearcherDep, _: Compute = None) -> SearchResponse:
    started = time.perf_counter()
    hits = searcher.search(body.query, k=body.k, mode=body.mode, doc_ids=body.filters.doc_ids, levels=body.filters.levels)
    return SearchResponse(query=body.query, mode=body.mode, took_ms=round((time.perf_counter() - started) * 1000, 2),
                          hits=[hit_out(h) for h in hits])
