"""Query embeddings kept in memory: an asked-again question skips the encoder.

A query takes ~20–30 ms to embed on one core (e5-small, docs/figures.md), almost all of a search; the
same question comes back (staff asking what colleagues asked, the answer step asking for the vector the
retrieval just computed, the page re-sending a question). ``CachedQueries`` wraps any embedder: its
query embeddings go through a least-recently-used cache keyed by the model and the normalised query;
passages are never cached here (the index keeps those).

Normalising is what cannot change the embedding's meaning: Unicode NFC and runs of white space made one
space, trimmed. Case and apostrophes are kept: e5's tokenizer is cased, so folding them would change what
is retrieved. The normalised text is what is embedded, so a key always stands for one vector.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict

import numpy as np

from .embed import Embedder


def normalise_query(text: str) -> str:
    """The form a query is embedded and cached under."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class CachedQueries:
    """An embedder whose query embeddings are kept, the ``size`` most recently used (0: none kept)."""

    def __init__(self, embedder: Embedder, size: int) -> None:
        if size < 0:
            raise ValueError("the query cache size cannot be negative")
        self.inner = embedder
        self.model_id = embedder.model_id
        self.dimension = embedder.dimension
        self.size = size
        self.hits = self.misses = 0
        self._vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        key = (self.model_id, normalise_query(text))
        with self._lock:
            vector = self._vectors.get(key)
            if vector is not None:
                self._vectors.move_to_end(key)
                self.hits += 1
                return vector
            self.misses += 1
        vector = np.asarray(self.inner.embed_query(key[1]), dtype=np.float32)
        vector.setflags(write=False)  # one array shared by every caller
        if self.size:
            with self._lock:
                self._vectors[key] = vector
                self._vectors.move_to_end(key)
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        return vector

    @property
    def entries(self) -> int:
        """How many query embeddings are kept (no ``__len__``: an empty cache must not be falsy)."""
        return len(self._vectors)


def uncached(embedder: Embedder) -> Embedder:
    """The embedder under a cache: builds embed units' queries that no user will ask, so they stay out of it."""
    return embedder.inner if isinstance(embedder, CachedQueries) else embedder
