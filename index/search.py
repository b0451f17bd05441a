"""Search the index: BM25, dense or hybrid (reciprocal rank fusion), with document and level filters.

The candidates come from a ``Retriever`` (``index.retriever``): bm25s and FAISS in this process by default,
or a Qdrant collection (``index.qdrant``); the modes, the filter checks and the hits are the same for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from arrimage.ingest.models import Chunk, DocumentMeta, filter_problem

from .embed import Embedder
from .retriever import LocalRetriever, Retriever, Scope
from .store import IndexData

MODES = ("hybrid", "dense", "bm25")


class SearchError(ValueError):
    """A search request that cannot be served as asked (unknown mode, document or level)."""


class SearchUnavailable(RuntimeError):
    """The search engine did not answer (a Qdrant server down or unreachable); the log says why (503)."""


@dataclass(frozen=True)
class SearchHit:
    rank: int
    score: float
    chunk: Chunk
    document: DocumentMeta


class Searcher:
    def __init__(self, data: IndexData, embedder: Embedder, retriever: Retriever | None = None) -> None:
        self.data = data
        self.embedder = embedder
        self.retriever = LocalRetriever(data) if retriever is None else retriever
        self.documents = {d.meta.doc_id: d for d in data.documents}
        # chunk id → row, a binary search over the version's sorted ids (no dict of every id: index.chunk_store)
        self.row_of_chunk = data.chunks.row_by_id

    @property
    def backend(self) -> str:
        """Which engine finds the candidates: "local" or "qdrant"."""
        return self.retriever.name

    def page_at(self, chunk: Chunk, offset: int) -> int:
        """Page of the character at ``offset`` inside ``chunk``."""
        return self.documents[chunk.doc_id].page_at(chunk.char_start + offset)

    def _scope(self, doc_ids: Sequence[str] | None, levels: Sequence[str] | None) -> Scope | None:
        if not doc_ids and not levels:
            return None
        problem = filter_problem(doc_ids, levels, self.documents.keys())
        if problem:
            raise SearchError(problem)
        return Scope(tuple(doc_ids or ()), tuple(levels or ()))

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding. The answer step asks for it again after the retrieval: the runtime hands
        the searcher an embedder that keeps query embeddings (``index.query_cache``), shared across index
        versions."""
        return self.embedder.embed_query(query)

    def search(
        self,
        query: str,
        k: int = 10,
        mode: str = "hybrid",
        doc_ids: Sequence[str] | None = None,
        levels: Sequence[str] | None = None,
    ) -> list[SearchHit]:
        if mode not in MODES:
            raise SearchError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
        scope = self._scope(doc_ids, levels)
        if mode == "bm25":
            ranked = self.retriever.lexical(query, k, scope)
        elif mode == "dense":
            ranked = self.retriever.dense(self.query_vector(query), k, scope)
        else:
            ranked = self.retriever.hybrid(query, self.query_vector(query), k, scope)
        hits = []
        for r, (i, s) in enumerate(ranked[:k], start=1):
            chunk = self.data.chunks[i]  # read from the version's files: once
            hits.append(SearchHit(rank=r, score=float(s), chunk=chunk, document=self.documents[chunk.doc_id].meta))
        return hits
