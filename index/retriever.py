"""Where a search finds its candidates: the engine behind ``Searcher``, local (bm25s and FAISS in this process)
or Qdrant (``index.qdrant``). Both rank chunks by their row in the index and answer the same three questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from arrimage.ingest.models import LEVELS

from .fusion import FUSION_DEPTH, reciprocal_rank_fusion
from .store import IndexData

# (chunk row, score), best first
Ranked = list[tuple[int, float]]


@dataclass(frozen=True)
class Scope:
    """The chunks a search may return: of these documents, at these levels (checked by ``Searcher``; empty: any)."""

    doc_ids: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()


class Retriever(Protocol):
    name: str

    def lexical(self, query: str, k: int, scope: Scope | None) -> Ranked:
        """BM25: the chunks that share an analysed token with the query, best first."""

    def dense(self, vector: np.ndarray, k: int, scope: Scope | None) -> Ranked:
        """The chunks nearest the query's embedding (inner product)."""

    def hybrid(self, query: str, vector: np.ndarray, k: int, scope: Scope | None) -> Ranked:
        """Reciprocal rank fusion of the lexical and the dense top ``max(FUSION_DEPTH, k)``."""


class LocalRetriever:
    """bm25s and FAISS over the files of an index version, in this process; filters are masks over chunk rows."""

    name = "local"

    def __init__(self, data: IndexData) -> None:
        self.data = data
        # Filters are masks over small integer codes (a document's position, a level's): at a million chunks,
        # comparing strings took milliseconds a query.
        self._doc_number = {d.meta.doc_id: n for n, d in enumerate(data.documents)}
        # From the chunks' own numbering of their documents (arrays: no chunk is read).
        number_of_code = np.array([self._doc_number[d] for d in data.chunks.doc_ids], dtype=np.int32)
        self._doc_of_chunk = number_of_code[np.asarray(data.chunks.doc_codes, dtype=np.intp)]
        self._level_of_doc = np.array([LEVELS.index(d.meta.level) if d.meta.level in LEVELS else -1 for d in data.documents],
                                      dtype=np.int8)

    def _allowed(self, scope: Scope | None) -> np.ndarray | None:
        if scope is None:
            return None
        wanted = np.ones(len(self._doc_number), dtype=bool)
        if scope.doc_ids:
            wanted[:] = False
            wanted[[self._doc_number[d] for d in scope.doc_ids]] = True
        if scope.levels:
            wanted &= np.isin(self._level_of_doc, [LEVELS.index(level) for level in scope.levels])
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

    def lexical(self, query: str, k: int, scope: Scope | None) -> Ranked:
        ids, scores = self._bm25(query, k, self._allowed(scope))
        return list(zip(ids.tolist(), scores.tolist()))

    def dense(self, vector: np.ndarray, k: int, scope: Scope | None) -> Ranked:
        ids, scores = self.data.dense.search(vector, k, self._allowed(scope))
        return list(zip(ids.tolist(), scores.tolist()))

    def hybrid(self, query: str, vector: np.ndarray, k: int, scope: Scope | None) -> Ranked:
        depth = max(FUSION_DEPTH, k)
        allowed = self._allowed(scope)
        lexical_ids, _ = self._bm25(query, depth, allowed)
        dense_ids, _ = self.data.dense.search(vector, depth, allowed)
        return reciprocal_rank_fusion([lexical_ids.tolist(), dense_ids.tolist()])[:k]
