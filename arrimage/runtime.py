"""The one place that assembles Arrimage at run time: settings → embedding model → index on disk →
searcher → answerers, the ingest of the corpus, and the plans added or removed while the service runs.

- ``load_searcher`` and ``run_ingest`` serve the CLI, the evaluation and the benchmarks.
- ``Runtime`` serves the HTTP app and the MCP server: the searcher of the current index version,
  reloaded when another process (``arrimage add``) made a new one, the aligner of that version, and
  the database of reviews and feedback; adding or removing one plan embeds only that plan (the
  vectors of every other text are reused), writes a new version atomically and swaps the searcher,
  so requests in flight finish on the version they started with. It also holds the bound on the CPU-bound requests
  computed at once (``compute``, ``ARRIMAGE_COMPUTE_CONCURRENCY``).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from anyio import CapacityLimiter
from tqdm import tqdm

from arrimage.align.aligner import Aligner, unit_texts
from arrimage.align.calibration import Calibration, load_calibration
from arrimage.answer.answers import Answerer
from arrimage.answer.factory import make_answerer
from arrimage.index.embed import Embedder, EmbeddingError, make_embedder
from arrimage.index.lexical import LexicalIndex
from arrimage.index.query_cache import CachedQueries, uncached
from arrimage.index.search import Searcher
from arrimage.index.store import (
    CURRENT,
    IndexData,
    IndexUnavailable,
    build_index,
    corpus_hash,
    current_version,
    earlier_vectors,
    embedding_cache,
    load_index,
    read_manifest,
    reopened,
    save_index,
)
from arrimage.ingest.catalog import Catalog
from arrimage.ingest.chunk import ChunkSpec
from arrimage.ingest.library import Library, PlanMeta, Previous
from arrimage.ingest.models import IngestError
from arrimage.ingest.pipeline import IngestResult, discover, ingest_files
from arrimage.settings import Settings

if TYPE_CHECKING:  # the database is opened on first use: the CLI's index commands do not import SQLAlchemy
    from arrimage.index.qdrant import QdrantEngine
    from arrimage.reviews.feedback import FeedbackStore
    from arrimage.reviews.store import ReviewStore

log = logging.getLogger("arrimage.runtime")
# (stage, done, total): "reading", "embedding", "indexing", "saving"
Progress = Callable[[str, int, int], None]


def _spec(settings: Settings) -> ChunkSpec:
    return ChunkSpec(max_chars=settings.chunk_max_chars, overlap_chars=settings.chunk_overlap_chars)


def query_embedder(settings: Settings) -> CachedQueries:
    """The embedding model of the settings, its query embeddings kept (``ARRIMAGE_QUERY_CACHE_SIZE`` of them)."""
    return CachedQueries(make_embedder(settings.embedding_model), settings.query_cache_size)


def search_engine(settings: Settings) -> QdrantEngine | None:
    """The Qdrant collections of ``ARRIMAGE_BACKEND=qdrant`` (None: the local backend, files of the version only)."""
    if settings.backend == "local":
        return None
    try:
        from arrimage.index.qdrant import QdrantEngine
    except ImportError as exc:
        raise IndexUnavailable("ARRIMAGE_BACKEND=qdrant needs qdrant-client: pip install 'arrimage[qdrant]'",
                               "the Qdrant backend is not installed (the server log says how)") from exc
    return QdrantEngine(url=settings.qdrant_url,
                        api_key=settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None,
                        shards=settings.qdrant_shards, replicas=settings.qdrant_replicas)


def make_searcher(settings: Settings, data: IndexData, embedder: Embedder) -> Searcher:
    """The searcher of a saved or loaded index, its candidates from the backend of the settings."""
    engine = search_engine(settings)
    return Searcher(data, embedder, None if engine is None else engine.retriever(data, data.directory))


def load_searcher(settings: Settings, embedder: Embedder | None = None) -> Searcher:
    embedder = query_embedder(settings) if embedder is None else embedder
    return make_searcher(settings, load_index(settings.index_dir, embedder), embedder)


def make_aligner(searcher: Searcher, settings: Settings, calibration: Calibration | None = None) -> Aligner:
    """The aligner of a searcher's index: the lexical index of the units' texts and the calibration of the
    embedding model (refit by `arrimage align calibrate`, else shipped)."""
    units = searcher.data.units
    calibration = calibration or load_calibration(searcher.embedder.model_id, settings.align_calibration)
    return Aligner(searcher.data, searcher.embedder, LexicalIndex.build(unit_texts(units)), calibration)


def read_files(settings: Settings, paths: list[Path], *, show_progress: bool = False) -> tuple[list[Path], IngestResult]:
    """The files under ``paths`` and what ingest reads from them (documents, chunks, units, failures), nothing embedded."""
    files = discover(paths)
    with tqdm(total=len(files), desc="reading", unit="file", disable=not show_progress, file=sys.stderr) as bar:
        return files, ingest_files(files, spec=_spec(settings), progress=lambda _: bar.update(), limits=settings.limits)


def wanted_hash(settings: Settings, result: IngestResult, model_id: str) -> str:
    """The corpus hash of an index of the settings built from ``result`` (``read_files``)."""
    return corpus_hash(result.documents, result.chunks, result.units, model_id, settings.contextual_chunks)


def run_ingest(settings: Settings, paths: list[Path], *, if_stale: bool, show_progress: bool,
               seed: Path | None = None) -> dict:
    """Ingest ``paths`` into the index of ``settings``; returns a summary with the failures. Vectors of the texts
    already embedded there, or else in the index at ``seed``, are reused."""
    files, result = read_files(settings, paths, show_progress=show_progress)
    summary: dict = {"files": len(files), "documents": len(result.documents), "chunks": len(result.chunks),
                     "failures": result.failures, "index_dir": str(settings.index_dir)}
    if not result.documents:
        summary["status"] = "nothing ingested"
        return summary
    try:
        previous_manifest = read_manifest(settings.index_dir)
    except IndexUnavailable:
        previous_manifest = None
    embedder = make_embedder(settings.embedding_model)
    wanted = wanted_hash(settings, result, embedder.model_id)
    engine = search_engine(settings)
    if (if_stale and previous_manifest and previous_manifest.corpus_hash == wanted
            and (engine is None or engine.holds((settings.index_dir / CURRENT).resolve()))):
        summary["status"] = "up to date"
        return summary
    # (A damaged index, or one of another model, gives nothing: what it held is embedded again.)
    cache = {**(earlier_vectors(seed, embedder) if seed is not None else {}), **earlier_vectors(settings.index_dir, embedder)}
    with tqdm(total=len(result.chunks), desc="embedding", unit="chunk", disable=not show_progress, file=sys.stderr) as bar:
        data = build_index(result.documents, result.chunks, result.units, embedder, contextual=settings.contextual_chunks,
                           dense_kind=settings.dense_index, cache=cache, progress=bar.update)
    save_index(data, settings.index_dir, engine)
    summary["status"] = "indexed"
    return summary


class NoIndex(RuntimeError):
    """No index is loaded; the message says why, ``reason`` says it without server paths (for HTTP clients)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class LastDocument(IngestError):
    """Removing the only document would leave no index (409)."""


class UnknownDocument(LookupError):
    """A document id the index does not hold (404)."""


# How long a request waits for a version another process wrote before it is served by the version before.
_RELOAD_WAIT = 2.0


class WriterLock:
    """One writer of the index and the library at a time, across threads and processes (the workers of
    `arrimage serve --workers N`, `arrimage add` in a shell): a thread lock, then an exclusive ``flock`` on
    ``ARRIMAGE_INDEX_DIR/.writer.lock``. Re-entrant within a thread; the lock goes with the process that holds it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread = threading.RLock()
        self._depth = 0
        self._file = None

    def __enter__(self) -> WriterLock:
        self._thread.acquire()
        try:
            if self._depth == 0:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = self.path.open("a")
                fcntl.flock(self._file, fcntl.LOCK_EX)
        except BaseException:
            if self._file is not None:
                self._file.close()
                self._file = None
            self._thread.release()
            raise
        self._depth += 1
        return self

    def __exit__(self, *_) -> None:
        self._depth -= 1
        if self._depth == 0:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        self._thread.release()


class Runtime:
    """The live index of a running service, and the one writer that changes it."""

    def __init__(self, settings: Settings, searcher: Searcher | None = None) -> None:
        self.settings = settings
        self.library = Library(settings.uploads_dir)
        self._embedder = searcher.embedder if searcher is not None else None
        self._searcher = searcher
        self._version = current_version(settings.index_dir) if searcher is None else None
        self._pinned = searcher is not None  # a searcher given by the caller (tests) is never reloaded from disk
        self.unavailable = self.unavailable_reason = "the index is loading"
        self._write = WriterLock(settings.index_dir / ".writer.lock")
        self._reload = threading.Lock()
        self._aligning = threading.Lock()
        self._aligner: tuple[Searcher, Aligner] | None = None
        self._opening = threading.Lock()  # two first requests at once must not both migrate the database
        self._reviews: ReviewStore | None = None
        self._feedback: FeedbackStore | None = None
        self._loading: tuple[str | None, threading.Thread, float] | None = None  # version loading, by whom, wait until
        self._failed: str | None = None  # a version that could not be loaded: not tried again
        # The CPU-bound requests computed at once in this process (ARRIMAGE_COMPUTE_CONCURRENCY; None: no bound of
        # their own). The routes take a token before they run (service/deps.py: `Compute`); event streams and the
        # other routes keep the thread pool of the server (anyio's 40 threads), so a stream that waits never delays them.
        self.compute = CapacityLimiter(settings.compute_concurrency) if settings.compute_concurrency else None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = query_embedder(self.settings)
        return self._embedder

    def _load_current(self) -> Searcher:
        searcher = load_searcher(self.settings, self.embedder)
        if searcher.backend == "local":
            searcher.data.dense.warm()
        return searcher

    def load(self) -> None:
        """Load the current version from disk (at start-up); a failure is kept as the reason to give."""
        try:
            with self._reload:
                self._version = current_version(self.settings.index_dir)
                self._searcher = self._load_current()
        except (IndexUnavailable, EmbeddingError) as exc:
            self.unavailable = str(exc)
            self.unavailable_reason = (exc.reason if isinstance(exc, IndexUnavailable) else
                                       "the embedding model (ARRIMAGE_EMBEDDING_MODEL) could not be loaded; the server log says why")
            log.error("no index loaded: %s", exc)

    def searcher(self) -> Searcher:
        """The searcher of the current version; a version written by another process is followed (`_follow`)."""
        if not self._pinned:
            version = current_version(self.settings.index_dir)
            if version != self._version and version != self._failed:
                self._follow(version)
        if self._searcher is None:
            raise NoIndex(f"no index loaded: {self.unavailable}", f"no index loaded: {self.unavailable_reason}")
        return self._searcher

    def _follow(self, version: str | None) -> None:
        """Load ``version`` in a thread of its own and wait for it at most `_RELOAD_WAIT` seconds: a small index
        is served at once, a large one (15 s at a million chunks) while requests go on with the version before."""
        with self._reload:
            if self._loading is None or self._loading[0] != version:
                thread = threading.Thread(target=self._load_version, args=(version,), name="arrimage-reload", daemon=True)
                self._loading = (version, thread, time.monotonic() + _RELOAD_WAIT)
                thread.start()
            _, thread, until = self._loading
        # Requests that come while the version loads wait until the same deadline, not 2 s each.
        thread.join(None if self._searcher is None else max(0.0, until - time.monotonic()))

    def _load_version(self, version: str | None) -> None:
        try:
            searcher = self._load_current()
        except Exception as exc:  # noqa: BLE001 - a version that cannot be served leaves the one before in place
            log.warning("index version %s not loaded: %s", version, exc, exc_info=not isinstance(exc, IndexUnavailable))
            with self._reload:
                self._failed = version
                if self._loading and self._loading[0] == version:
                    self._loading = None
            return
        with self._reload:
            # A newer version may have come meanwhile (its own load is under way) or been written here (`_swap`).
            if self._searcher is None or version == current_version(self.settings.index_dir):
                self._searcher, self._version = searcher, version
            if self._loading and self._loading[0] == version:
                self._loading = None

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the writer lock (for changes to the library that go with a change of the index)."""
        with self._write:
            yield

    def add_to_library(self, data: bytes, filename: str, meta: PlanMeta, replace: bool) -> tuple[Path, Previous]:
        """Keep an uploaded plan in the library, checked against the documents of the current version."""
        with self._write:
            return self.library.add(data, filename, meta, self.searcher().documents.keys(), replace)

    def answerer(self, name: str | None) -> Answerer:
        return make_answerer(self.settings, self.searcher(), name)

    def aligner(self, searcher: Searcher) -> Aligner:
        """The aligner of ``searcher``'s index, built on first use and kept while that index is served."""
        with self._aligning:
            if self._aligner is None or self._aligner[0] is not searcher:
                self._aligner = (searcher, make_aligner(searcher, self.settings))
            return self._aligner[1]

    def reviews(self) -> ReviewStore:
        """The review database, opened (and migrated) on first use."""
        from arrimage.reviews.store import ReviewStore

        with self._opening:
            if self._reviews is None:
                self._reviews = ReviewStore(self.settings.database_url)
            return self._reviews

    def feedback(self) -> FeedbackStore:
        """The feedback on answers, in the database of the reviews, opened (and migrated) on first use."""
        from arrimage.reviews.feedback import FeedbackStore

        with self._opening:
            if self._feedback is None:
                self._feedback = FeedbackStore(self.settings.database_url)
            return self._feedback

    # ---- writes: one at a time ------------------------------------------------------------------------------

    def _swap(self, documents, chunks, units, progress: Progress) -> Searcher:
        current = self.searcher()
        embedder = current.embedder
        total = len(chunks)
        embedded = 0

        def counted(n: int) -> None:
            nonlocal embedded
            embedded += n
            progress("embedding", embedded, total)

        data = build_index(documents, chunks, units, uncached(embedder), contextual=self.settings.contextual_chunks,
                           dense_kind=self.settings.dense_index, cache=embedding_cache(current.data), progress=counted)
        progress("saving", total, total)
        directory = save_index(data, self.settings.index_dir, search_engine(self.settings))
        # Served as the other workers load it: the texts of the chunks and documents on disk, not all held here.
        searcher = make_searcher(self.settings, reopened(data, directory), embedder)
        with self._reload:
            self._searcher, self._version = searcher, current_version(self.settings.index_dir)
        return searcher

    def add(self, path: Path, progress: Progress = lambda *_: None) -> dict:
        """Index the plan at ``path`` (a file of the library, with its catalog entry) beside the others."""
        with self._write:
            progress("reading", 0, 1)
            result = ingest_files([path], catalog=Catalog.load(self.library.catalog_path) if self.library.catalog_path.is_file()
                                  else Catalog([]), spec=_spec(self.settings), limits=self.settings.limits)
            if result.failures:
                raise IngestError(result.failures[0])
            progress("reading", 1, 1)
            new = result.documents[0].meta.doc_id
            current = self.searcher().data
            keep = [d for d in current.documents if d.meta.doc_id != new]
            self._swap([*keep, *result.documents],
                       [*(c for c in current.chunks if c.doc_id != new), *result.chunks],
                       [*(u for u in current.units if u.doc_id != new), *result.units], progress)
            return {"doc_id": new, "chunks": len(result.chunks), "units": len(result.units)}

    def remove(self, doc_id: str) -> None:
        """Take a document out of the index (and out of the library when it was added there)."""
        with self._write:
            searcher = self.searcher()
            current = searcher.data
            if doc_id not in searcher.documents:
                raise UnknownDocument(f"no document {doc_id!r}; see GET /documents")
            keep = [d for d in current.documents if d.meta.doc_id != doc_id]
            if not keep:
                raise LastDocument(f"{doc_id!r} is the only document: the index would be empty")
            self._swap(keep, [c for c in current.chunks if c.doc_id != doc_id], [u for u in current.units if u.doc_id != doc_id],
                       lambda *_: None)
            self.library.remove(doc_id)
