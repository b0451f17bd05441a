"""The dense side: FAISS inner product over L2-normalised vectors (exact by default, HNSW on request).

A saved index is memory-mapped when read (FAISS's ``IO_FLAG_MMAP_IFC``: the vectors of a flat index, and
the vectors under an HNSW graph, stay in the file's pages), so several workers serving the same version
share one copy in the page cache; the HNSW graph itself is read into each process.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

DENSE_KINDS = ("flat", "hnsw")
_HNSW_NEIGHBOURS = 32
# Candidates an HNSW search keeps: measured on the synthetic 1M-chunk corpus (docs/figures.md, scale), 128
# found 0.64 of the exact top 50 that the fusion takes (0.7 ms), 512 finds 0.82 (2.4 ms), 1024 0.89 (4.7 ms).
_HNSW_EF_SEARCH = 512
# A filter that leaves this many chunks or fewer is searched exactly, over those chunks alone: at 1M chunks
# an HNSW search restricted to one plan (~75 chunks) walks most of the graph (docs/figures.md, scale).
_EXACT_BELOW = 4096
# Map the stored vectors instead of copying them (FAISS ≥ 1.9; older versions read them into memory).
_MMAP_FLAGS = getattr(faiss, "IO_FLAG_MMAP_IFC", 0) | getattr(faiss, "IO_FLAG_READ_ONLY", 0)


class DenseIndex:
    def __init__(self, index: faiss.Index, kind: str) -> None:
        self._index = index
        self.kind = kind
        if kind == "hnsw":
            self._index.hnsw.efSearch = _HNSW_EF_SEARCH

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "flat") -> DenseIndex:
        if kind not in DENSE_KINDS:
            raise ValueError(f"unknown dense index kind {kind!r}; expected one of {', '.join(DENSE_KINDS)}")
        dim = vectors.shape[1]
        index = faiss.IndexFlatIP(dim) if kind == "flat" else faiss.IndexHNSWFlat(dim, _HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        if len(vectors):
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index, kind)

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (ids, scores); ``allowed`` restricts the search to those chunk ids (sorted, unique)."""
        k = min(k, self._index.ntotal if allowed is None else len(allowed))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        query = np.ascontiguousarray(query, dtype=np.float32)
        if allowed is not None and len(allowed) <= _EXACT_BELOW:
            return self._exact(query, k, np.asarray(allowed, dtype=np.int64))
        params = None
        if allowed is not None:
            bitmap = np.zeros(self._index.ntotal, dtype=bool)
            bitmap[allowed] = True
            bits = np.packbits(bitmap, bitorder="little")
            selector = faiss.IDSelectorBitmap(self._index.ntotal, faiss.swig_ptr(bits))
            params = (
                faiss.SearchParametersHNSW(sel=selector, efSearch=_HNSW_EF_SEARCH)
                if self.kind == "hnsw" else faiss.SearchParameters(sel=selector)
            )
        scores, ids = self._index.search(query[None, :], k, params=params)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def _exact(self, query: np.ndarray, k: int, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Inner product with the allowed vectors only: a few plans out of a large index are faster to scan
        than to look for through a graph that mostly leads elsewhere (and the answer is exact)."""
        # einsum, not BLAS: a BLAS product of this size spreads over threads that wait on a busy core.
        scores = np.einsum("ij,j->i", self._vectors()[allowed], query)
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        order = top[np.lexsort((allowed[top], -scores[top]))]
        return allowed[order], scores[order].astype(np.float32)

    def warm(self) -> None:
        """Touch one value of every page of the stored vectors. They are mapped, and an HNSW search reads
        vectors all over the file: until its pages are mapped into the process, a search page-faults
        (measured at 1M chunks: p50 18 ms, p95 120 ms over the first 50 queries, 0.7 ms once warm)."""
        if self._index.ntotal == 0:
            return
        vectors = self._vectors().reshape(-1)
        float(vectors[:: max(1, 4096 // vectors.itemsize)].sum())

    def _vectors(self) -> np.ndarray:
        """The stored vectors as an array over FAISS's own memory (mapped or not), without a copy."""
        flat = faiss.downcast_index(self._index.storage) if self.kind == "hnsw" else self._index
        return faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, kind: str, mmap: bool = True) -> DenseIndex:
        """Read a saved index; with ``mmap`` its vectors are mapped read-only rather than copied."""
        return cls(faiss.read_index(str(path), _MMAP_FLAGS if mmap else 0), kind)
