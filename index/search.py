"""Search the index: BM25, dense or hybrid (reciprocal rank fusion), with document and level filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from arrimage.ingest.models import LEVELS, Chunk, DocumentMeta, filter_problem

from .embed import Embedder
from .fusion import reciprocal_rank_fusion
from .store import IndexData

MODES = ("hybrid", "dense", "bm25")
# Each side contributes this many candidates (at least) to the fusion.
_FUSION_DEPTH = 50


class SearchError(ValueError):
    """A search request that cannot be served as asked (unknown mode, document or level)."""


@dataclass(frozen=True)
class SearchHit:
    rank: int
    score: float
    chunk: Chunk
    document: DocumentMeta


class Searcher:
    def __init__(self, data: IndexData, embedder: Embedder) -> None:
        self.data = data
        self.embedder = embedder
        self.documents = {d.meta.doc_id: d for d in data.documents}
        self.row_of_chunk = {c.chunk_id: i for i, c in enumerate(data.chunks)}
        # Filters are masks over small integer codes (a document's position, a level's): at a million chunks,
        # comparing strings took milliseconds a query.
        self._doc_number = {doc_id: n for n, doc_id in enumerate(self.documents)}
        self._doc_of_chunk = np.fromiter((self._doc_number[c.doc_id] for c in data.chunks), dtype=np.int32, count=len(data.chunks))
        self._level_of_doc = np.array([LEVELS.index(d.meta.level) if d.meta.level in LEVELS else -1 for d in self.documents.values()],
                                      dtype=np.int8)

    def page_at(self, chunk: Chunk, offset: int) -> int:
        """Page of the character at ``offset`` inside ``chunk``."""
        return self.documents[chunk.doc_id].page_at(chunk.char_start + offset)

    def _allowed(self, doc_ids: Sequence[str] | None, levels: Sequence[str] | None) -> np.ndarray | None:
        if not doc_ids and not levels:
            return None
        problem = filter_problem(doc_ids, levels, self.documents.keys())
        if problem:
            raise SearchError(problem)
        wanted = np.ones(len(self.documents), dtype=bool)
        if doc_ids:
            wanted[:] = False
            wanted[[self._doc_number[d] for d in doc_ids]] = True
        if levels:
            wanted &= np.isin(self._level_of_doc, [LEVELS.index(level) for level in levels])
        return np.flatnonzero(wanted[self._doc_of_chunk])

    def _bm25(self, query: str, depth: int, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        scores = self.data.lexical.scores(query)
        candidates = np.flatnonzero(scores > 0) if allowed is None else allowed[scores[allowed] > 0]
        candidate_scores = scores[candidates]
        if len(candidates) > depth:
            top = np.argpartition(-candidate_scores, depth)[:depth]
            candidates, candidate_scores = candidates[top], candidate_scores[top]
        order = np.lexsort((candidates, -candidate_scores))
        return candidates[order], candidate_scores[order]

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding. The answer step asks for it again after the retrieval: the runtime hands
        the searcher an embedder that keeps query embeddings (``index.query_cache``), shared across index
        versions."""
        return self.embedder.embed_query(query)

    def _dense(self, query: str, depth: int, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        return self.data.dense.search(self.query_vector(query), depth, allowed)

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
        allowed = self._allowed(doc_ids, levels)
        if mode == "bm25":
            ids, scores = self._bm25(query, k, allowed)
            ranked = list(zip(ids.tolist(), scores.tolist()))
        elif mode == "dense":
            ids, scores = self._dense(query, k, allowed)
            ranked = list(zip(ids.tolist(), scores.tolist()))
        else:
            depth = max(_FUSION_DEPTH, k)
            lexical_ids, _ = self._bm25(query, depth, allowed)
            dense_ids, _ = self._dense(query, depth, allowed)
            ranked = reciprocal_rank_fusion([lexical_ids.tolist(), dense_ids.tolist()])[:k]
        return [
            SearchHit(rank=r, score=float(s), chunk=self.data.chunks[i], document=self.documents[self.data.chunks[i].doc_id].meta)
            for r, (i, s) in enumerate(ranked[:k], start=1)
        ]
