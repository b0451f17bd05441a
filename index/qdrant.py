"""The Qdrant backend: one collection per index version, searched by the engine (BM25 as sparse vectors with the
IDF applied by Qdrant, dense vectors, reciprocal rank fusion, payload filters by document and level).

The version directory keeps what answers and alignment read (chunks, documents, units, vectors, BM25's
vocabulary); the collection holds what a search needs, point id = chunk row. Where it lives:

- ``url`` unset: embedded Qdrant (``QdrantClient(path=…)``) in ``<version>/qdrant``, written while the version is
  staged, so the version stays atomic and goes with its directory. Embedded Qdrant locks its folder: one process.
- ``url`` set (a server or a cluster): the collection ``arrimage-<version>``, written before ``current`` moves
  and dropped when its version is pruned, so the live swap of an upload works as with local files.

The sparse vectors are the project's own French analysis (``index.lexical``), token ids from the BM25
vocabulary of the version: with ``Modifier.IDF`` they score a chunk exactly as bm25s does (docs/decisions.md
compares this with Qdrant's own French BM25).
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Protocol

import numpy as np
from qdrant_client import QdrantClient, models
from qdrant_client.http.exceptions import ApiException

from .fusion import FUSION_DEPTH, RRF_K
from .retriever import Ranked, Scope
from .search import SearchUnavailable
from .store import IndexData, IndexUnavailable

DENSE = "dense"
LEXICAL = "lexical"
FOLDER = "qdrant"
_BATCH = 256
log = logging.getLogger("arrimage.index")
# What a client raises when the engine does not answer: the server's errors, a connection refused or timed out
# (both ApiException), a closed embedded client (RuntimeError), the embedded files (OSError).
_FAILURES = (ApiException, RuntimeError, OSError)


class SparseTerms(Protocol):
    """Where the sparse vectors come from: the project's French analysis (``LexicalIndex``), or another one to
    compare with it (bench/qdrant_sparse.py). Weights without IDF: the collection applies it."""

    def query_terms(self, query: str) -> tuple[np.ndarray, np.ndarray]: ...

    def document_terms(self) -> Iterator[tuple[np.ndarray, np.ndarray]]: ...


def _filter(scope: Scope | None) -> models.Filter | None:
    if scope is None:
        return None
    return models.Filter(must=[
        models.FieldCondition(key=key, match=models.MatchAny(any=list(values)))
        for key, values in (("doc_id", scope.doc_ids), ("level", scope.levels)) if values
    ])


class QdrantRetriever:
    """Candidates from one collection; the RRF is Qdrant's, its constant set so that the scores are
    ``index.fusion``'s (Qdrant adds 1 / (k + position from 0), the project 1 / (RRF_K + rank from 1))."""

    name = "qdrant"

    def __init__(self, client: QdrantClient, collection: str, terms: SparseTerms, where: str) -> None:
        self._client = client
        self._collection = collection
        self._terms = terms
        self._where = where

    def _sparse(self, query: str) -> models.SparseVector | None:
        ids, counts = self._terms.query_terms(query)
        return models.SparseVector(indices=ids.tolist(), values=counts.tolist()) if len(ids) else None

    def _query(self, **request) -> Ranked:
        try:
            points = self._client.query_points(self._collection, with_payload=False, **request).points
        except _FAILURES as exc:
            log.warning("Qdrant (%s) did not answer: %s", self._where, exc)
            raise SearchUnavailable("the search engine (Qdrant) did not answer; the server log says why") from exc
        return [(int(p.id), float(p.score)) for p in points]

    def lexical(self, query: str, k: int, scope: Scope | None) -> Ranked:
        sparse = self._sparse(query)
        return [] if sparse is None else self._query(query=sparse, using=LEXICAL, query_filter=_filter(scope), limit=k)

    def dense(self, vector: np.ndarray, k: int, scope: Scope | None) -> Ranked:
        return self._query(query=vector.tolist(), using=DENSE, query_filter=_filter(scope), limit=k)

    def hybrid(self, query: str, vector: np.ndarray, k: int, scope: Scope | None) -> Ranked:
        depth = max(FUSION_DEPTH, k)
        where = _filter(scope)
        sparse = self._sparse(query)
        prefetch = [models.Prefetch(query=vector.tolist(), using=DENSE, filter=where, limit=depth)]
        if sparse is not None:
            prefetch.insert(0, models.Prefetch(query=sparse, using=LEXICAL, filter=where, limit=depth))
        return self._query(prefetch=prefetch, query=models.RrfQuery(rrf=models.Rrf(k=RRF_K + 1)), limit=k)


def write_collection(client: QdrantClient, name: str, data: IndexData, terms: SparseTerms, *, server: bool = False,
                     shards: int = 1, replicas: int = 1) -> None:
    """Create collection ``name`` holding every chunk of ``data``: its dense vector, its sparse vector from
    ``terms`` and, as payload, its document id and level; on a ``server``, in ``shards`` × ``replicas``, with a
    keyword index on each filtered field (embedded Qdrant has no use for payload indexes and warns)."""
    client.create_collection(
        name,
        vectors_config={DENSE: models.VectorParams(size=data.manifest.dimension, distance=models.Distance.DOT)},
        sparse_vectors_config={LEXICAL: models.SparseVectorParams(modifier=models.Modifier.IDF)},
        **({"shard_number": shards, "replication_factor": replicas} if server else {}),
    )
    for field in ("doc_id", "level") if server else ():
        client.create_payload_index(name, field, models.PayloadSchemaType.KEYWORD, wait=True)
    level = {d.meta.doc_id: d.meta.level for d in data.documents}
    points = (
        models.PointStruct(id=row, vector={DENSE: data.vectors[row].tolist(),
                                           LEXICAL: models.SparseVector(indices=tokens.tolist(), values=weights.tolist())},
                           payload={"doc_id": chunk.doc_id, "level": level[chunk.doc_id]})
        for row, (chunk, (tokens, weights)) in enumerate(zip(data.chunks, terms.document_terms(), strict=True))
    )
    # A batch at a time: a million points as Python lists of floats would not fit in memory.
    while batch := list(islice(points, _BATCH)):
        client.upsert(name, batch, wait=True)


# Embedded clients of this process, one per folder (a folder opened twice is refused by its lock).
_embedded: dict[Path, QdrantClient] = {}
_embedded_lock = threading.Lock()


@atexit.register
def _close_embedded() -> None:
    """Close them before the interpreter goes (a client closed by the garbage collector at exit fails noisily)."""
    with _embedded_lock:
        while _embedded:
            _embedded.popitem()[1].close()


@dataclass(frozen=True)
class QdrantEngine:
    """Where the collections of an index live: embedded in each version directory (``url`` None), or a server."""

    url: str | None = None
    api_key: str | None = None
    shards: int = 1
    replicas: int = 1

    @property
    def where(self) -> str:
        return self.url or "embedded in the index directory"

    def _server(self) -> QdrantClient:
        try:
            return QdrantClient(url=self.url, api_key=self.api_key, check_compatibility=False)
        except ValueError as exc:  # an unknown scheme, a host that cannot be parsed
            raise IndexUnavailable(f"ARRIMAGE_QDRANT_URL={self.url!r} is not the address of a Qdrant server ({exc}); "
                                   "expected e.g. http://qdrant:6333",
                                   "the search engine's address (ARRIMAGE_QDRANT_URL) is not valid") from exc

    def _open_embedded(self, folder: Path) -> QdrantClient:
        """The process's client of an embedded folder; clients of folders since removed (pruned versions) are closed."""
        with _embedded_lock:
            for gone in [f for f in _embedded if not f.exists()]:
                _embedded.pop(gone).close()
            if folder not in _embedded:
                try:
                    _embedded[folder] = QdrantClient(path=str(folder))
                except RuntimeError as exc:  # the folder's lock is held by another process
                    raise IndexUnavailable(
                        f"embedded Qdrant at {folder} is held by another process: embedded Qdrant serves one process "
                        "(set ARRIMAGE_QDRANT_URL to a Qdrant server for several workers or a writer beside the server)",
                        "the embedded Qdrant index is held by another process: set ARRIMAGE_QDRANT_URL for several processes",
                    ) from exc
            return _embedded[folder]

    @staticmethod
    def collection(version: str) -> str:
        return f"arrimage-{version}"

    def write(self, data: IndexData, directory: Path, version: str) -> None:
        """Write the collection of a version being staged in ``directory``."""
        client = QdrantClient(path=str(directory / FOLDER)) if self.url is None else self._server()
        try:
            if self.url is not None and client.collection_exists(self.collection(version)):
                client.delete_collection(self.collection(version))  # a write of this version that failed half-way
            write_collection(client, self.collection(version), data, data.lexical, server=self.url is not None,
                             shards=self.shards, replicas=self.replicas)
        except _FAILURES as exc:
            raise IndexUnavailable(f"could not write the index to Qdrant ({self.where}): {exc}",
                                   "the index could not be written to the search engine (Qdrant)") from exc
        finally:
            client.close()

    def drop(self, version: str) -> None:
        """Drop a pruned version's collection (an embedded one went with its directory)."""
        if self.url is None:
            return
        client = self._server()
        try:
            client.delete_collection(self.collection(version))
        finally:
            client.close()

    def _has_collection(self, client: QdrantClient, directory: Path) -> bool:
        try:
            return client.collection_exists(self.collection(directory.name))
        except _FAILURES as exc:
            raise IndexUnavailable(f"Qdrant ({self.where}) is unreachable: {exc}",
                                   "the search engine (Qdrant) is unreachable; the server log says why") from exc

    def _client_of(self, directory: Path) -> QdrantClient | None:
        """A client that holds the collection of the version in ``directory``; None when it has none."""
        if self.url is None:
            folder = directory / FOLDER
            if not folder.is_dir():
                return None
            client = self._open_embedded(folder)
            return client if self._has_collection(client, directory) else None
        client = self._server()
        if self._has_collection(client, directory):
            return client
        client.close()
        return None

    def holds(self, directory: Path) -> bool:
        """Whether the version in ``directory`` has its collection."""
        client = self._client_of(directory)
        if client is not None and self.url is not None:
            client.close()  # a server's client of its own; the embedded one is the process's
        return client is not None

    def retriever(self, data: IndexData, directory: Path) -> QdrantRetriever:
        """The retriever of the version loaded from ``directory``; a clear error when its collection is missing."""
        client = self._client_of(directory)
        if client is None:
            raise IndexUnavailable(
                f"index version {directory} has no Qdrant collection ({self.where}): run `arrimage ingest` with "
                "ARRIMAGE_BACKEND=qdrant to build it",
                "the index has no Qdrant collection: run `arrimage ingest` with ARRIMAGE_BACKEND=qdrant")
        return QdrantRetriever(client, self.collection(directory.name), data.lexical, self.where)
