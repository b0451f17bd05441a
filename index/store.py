"""The index on disk: one directory per build, swapped in atomically, no pickle.

Layout of ``ROOT`` (``ARRIMAGE_INDEX_DIR``)::

    ROOT/current -> versions/<id>      symlink, replaced atomically with os.replace
    ROOT/versions/<id>/manifest.json   schema version, model id, dimension, counts, corpus hash
                       documents.jsonl  metadata, cleaned text, page starts of each document
                       chunks.jsonl     chunks with their provenance
                       chunk_table.npy, chunk_strings.json, chunk_ids.npy, chunk_id_order.npy, document_table.jsonl
                                        what a loaded version keeps at hand of every chunk and document, the byte
                                        span of each line of the two files above (index.chunk_store)
                       vectors.npy      float32 embeddings, one row per chunk (also the embedding cache)
                       units.jsonl      plan units (orientations … mesures, actions, themes)
                       unit_vectors.npy float32 embeddings, one row per unit (as passages)
                       unit_query_vectors.npy  the same units embedded as queries
                       dense.faiss      FAISS index over the vectors
                       bm25/            bm25s arrays and vocabulary (.npy / .json)
                       qdrant/          the Qdrant collection, with ARRIMAGE_BACKEND=qdrant and no server URL
                                        (with a server: the collection arrimage-<id> there, see index.qdrant)

A build is written to a fresh version directory and only then pointed to by ``current``, so a crash
leaves the previous index untouched; older versions are removed after the swap.

Loading maps the arrays read-only (``vectors.npy``, the unit vectors, BM25's arrays, the FAISS vectors, the chunk
table) instead of copying them: workers serving one version share its pages, and a version removed while a
process still maps it stays readable until that process lets it go. The texts of the chunks and documents stay on
disk, each read when it is used (``index.chunk_store``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Protocol

import numpy as np
from arrimage.ingest.models import Chunk, Document, DocumentMeta, PlanUnit, Target, ancestors

from arrimage import __version__

from .chunk_store import ChunkList, Chunks, open_chunks, open_documents, write_chunks, write_documents
from .dense import DenseIndex
from .embed import Embedder
from .lexical import ANALYZER_VERSION, LexicalIndex

SCHEMA_VERSION = 3
_UNIT_TEXT_MAX = 800
_UNIT_QUERY_MAX = 400
CURRENT = "current"
_KEPT_VERSIONS = 2
log = logging.getLogger("arrimage.index")


class IndexUnavailable(Exception):
    """No usable index: missing, from another schema, or built with another model.

    The message names the paths (for the command line and the server log); ``reason`` says the same without
    them, for a client of the HTTP service.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    arrimage_version: str
    model_id: str
    dimension: int
    dense_kind: str
    contextual: bool
    document_count: int
    chunk_count: int
    unit_count: int
    corpus_hash: str
    created_at: float


@dataclass(frozen=True)
class IndexData:
    manifest: Manifest
    # Loaded: each document's text read from the version's files when asked for (``chunk_store.StoredDocument``).
    documents: tuple[Document, ...]
    # A sequence of Chunk in row order: in memory for an index just built (``ChunkList``; a tuple or list given is
    # wrapped), read from the version's files for one loaded (``StoredChunks``).
    chunks: Chunks
    vectors: np.ndarray
    dense: DenseIndex
    lexical: LexicalIndex
    units: tuple[PlanUnit, ...]
    unit_vectors: np.ndarray
    unit_query_vectors: np.ndarray
    # The version directory it was saved to or loaded from; None for an index built and not saved yet.
    directory: Path | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.chunks, Chunks):
            object.__setattr__(self, "chunks", ChunkList(self.chunks))


class Engine(Protocol):
    """A search engine that keeps its own copy of each version (``index.qdrant``): written while the version is
    staged, so that ``current`` never points to a version without it, and dropped when the version is pruned."""

    def write(self, data: IndexData, directory: Path, version: str) -> None: ...

    def drop(self, version: str) -> None: ...


def corpus_hash(documents: Sequence[Document], chunks: Sequence[Chunk], units: Sequence[PlanUnit], model_id: str,
                contextual: bool) -> str:
    """What an index was built from: the documents, and the chunks and units the ingest cut from them (a new version
    of the plan grammar or of the chunker makes the index stale, though no file changed)."""
    h = hashlib.sha256(f"{SCHEMA_VERSION}\x00{ANALYZER_VERSION}\x00{model_id}\x00{contextual}".encode())
    for doc in sorted(documents, key=lambda d: d.meta.doc_id):
        h.update(f"{doc.meta.doc_id}\x00{doc.content_hash}\x00{json.dumps(asdict(doc.meta), sort_keys=True)}".encode())
    for part in (*chunks, *units):
        h.update(json.dumps(asdict(part), sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def index_text(chunk: Chunk, meta: DocumentMeta, contextual: bool) -> str:
    """What is embedded and BM25-indexed for a chunk: with ``contextual``, the document's title and
    organization and the chunk's section path come first (people name the plan or the body they ask about)."""
    if not contextual:
        return chunk.text
    return "\n".join(p for p in (meta.title, meta.organization, " > ".join(chunk.section_path), chunk.text) if p)


def unit_text(unit: PlanUnit, by_id: dict[str, PlanUnit]) -> str:
    """What is embedded for a plan unit: its ancestors' titles (a mesure inherits its objectif's aim),
    then its own code, title and text."""
    above = [f"{a.code} {a.title}".strip() for a in reversed(ancestors(unit, by_id))]
    own = f"{unit.code} {unit.title}".strip()
    body = unit.text if unit.text.startswith(unit.title) else f"{unit.title} {unit.text}"
    return "\n".join([*above, own, body[:_UNIT_TEXT_MAX]])


def unit_query_text(unit: PlanUnit) -> str:
    """What a unit asks for, embedded as a query to look for the units that it serves or that serve it."""
    return f"{unit.title} {unit.text[:_UNIT_QUERY_MAX]}".strip()


def _text_key(text: str, query: bool = False) -> str:
    return hashlib.sha1((("query\x00" if query else "") + text).encode()).hexdigest()


def _embed(texts: list[str], embedder: Embedder, cache: dict[str, np.ndarray], progress: Callable[[int], None],
           batch_size: int, query: bool = False) -> np.ndarray:
    """Vectors of ``texts`` (as passages, or as queries), taken from ``cache`` where the same text was
    embedded the same way before."""
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    missing = []
    for i, text in enumerate(texts):
        cached = cache.get(_text_key(text, query))
        if cached is None or cached.shape != (embedder.dimension,):
            missing.append(i)
        else:
            vectors[i] = cached
    progress(len(texts) - len(missing))
    for start in range(0, len(missing), batch_size):
        batch = missing[start : start + batch_size]
        if query:
            vectors[batch] = np.stack([embedder.embed_query(texts[i]) for i in batch])
        else:
            vectors[batch] = embedder.embed_documents([texts[i] for i in batch])
        progress(len(batch))
    return vectors


def build_index(
    documents: list[Document],
    chunks: list[Chunk],
    units: list[PlanUnit],
    embedder: Embedder,
    *,
    contextual: bool,
    dense_kind: str = "flat",
    cache: dict[str, np.ndarray] | None = None,
    progress: Callable[[int], None] = lambda _: None,
    batch_size: int = 32,
) -> IndexData:
    """Embed (reusing cached vectors of unchanged texts) and index the chunks and the plan units."""
    metas = {d.meta.doc_id: d.meta for d in documents}
    texts = [index_text(c, metas[c.doc_id], contextual) for c in chunks]
    by_id = {u.unit_id: u for u in units}
    vectors = _embed(texts, embedder, cache or {}, progress, batch_size)
    unit_vectors = _embed([unit_text(u, by_id) for u in units], embedder, cache or {}, lambda _: None, batch_size)
    unit_query_vectors = _embed([unit_query_text(u) for u in units], embedder, cache or {}, lambda _: None, batch_size,
                                query=True)
    manifest = Manifest(
        schema_version=SCHEMA_VERSION,
        arrimage_version=__version__,
        model_id=embedder.model_id,
        dimension=embedder.dimension,
        dense_kind=dense_kind,
        contextual=contextual,
        document_count=len(documents),
        chunk_count=len(chunks),
        unit_count=len(units),
        corpus_hash=corpus_hash(documents, chunks, units, embedder.model_id, contextual),
        created_at=time.time(),
    )
    return IndexData(
        manifest=manifest,
        documents=tuple(documents),
        chunks=tuple(chunks),
        vectors=vectors,
        dense=DenseIndex.build(vectors, dense_kind),
        lexical=LexicalIndex.build(texts),
        units=tuple(units),
        unit_vectors=unit_vectors,
        unit_query_vectors=unit_query_vectors,
    )


def embedding_cache(data: IndexData) -> dict[str, np.ndarray]:
    """Vectors of an existing index keyed by the hash of the text they embed."""
    return _keyed({d.meta.doc_id: d.meta for d in data.documents}, data.manifest.contextual, data.chunks, data.vectors,
                  data.units, data.unit_vectors, data.unit_query_vectors)


def _keyed(metas: dict[str, DocumentMeta], contextual: bool, chunks: Sequence[Chunk], vectors: np.ndarray,
           units: Sequence[PlanUnit], unit_vectors: np.ndarray, unit_query_vectors: np.ndarray) -> dict[str, np.ndarray]:
    """Chunk and unit vectors keyed by the hash of the text each embeds (as ``build_index`` embeds them)."""
    by_id = {u.unit_id: u for u in units}
    cache = {_text_key(index_text(c, metas[c.doc_id], contextual)): vectors[i] for i, c in enumerate(chunks)}
    cache.update({_text_key(unit_text(u, by_id)): unit_vectors[i] for i, u in enumerate(units)})
    cache.update({_text_key(unit_query_text(u), True): unit_query_vectors[i] for i, u in enumerate(units)})
    return cache


def earlier_vectors(root: Path, embedder: Embedder) -> dict[str, np.ndarray]:
    """``embedding_cache`` of the current version of ``root``, read from its files whatever schema version wrote it
    (a new version of the index's layout embeds nothing again that was embedded before; nothing else of the index is
    loaded); {} when there is none, it was made with another model, or its files do not agree."""
    directory = root / CURRENT
    try:
        raw = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        if (raw["model_id"], raw["dimension"]) != (embedder.model_id, embedder.dimension):
            return {}
        metas = {r["meta"]["doc_id"]: DocumentMeta(**r["meta"]) for r in _read_jsonl(directory / "documents.jsonl")}
        chunks = _read_chunks(directory / "chunks.jsonl")
        units = tuple(_unit_from_record(r) for r in _read_jsonl(directory / "units.jsonl"))
        vectors, unit_vectors, query_vectors = (np.load(directory / name, allow_pickle=False, mmap_mode="r") for name in
                                                ("vectors.npy", "unit_vectors.npy", "unit_query_vectors.npy"))
        if len(vectors) != len(chunks) or not len(unit_vectors) == len(query_vectors) == len(units):
            return {}  # a damaged version: its rows would key the wrong texts
        return _keyed(metas, raw["contextual"], chunks, vectors, units, unit_vectors, query_vectors)
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _unit_record(unit: PlanUnit) -> dict:
    return asdict(unit)


def _unit_from_record(rec: dict) -> PlanUnit:
    return PlanUnit(**{**rec, "section_path": tuple(rec["section_path"]), "indicators": tuple(rec["indicators"]),
                       "targets": tuple(Target(**t) for t in rec["targets"]),
                       "fields": tuple((name, value) for name, value in rec["fields"])})


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _read_chunks(path: Path) -> tuple[Chunk, ...]:
    """The chunks of ``chunks.jsonl``, line by line, in memory (``earlier_vectors``: the texts are hashed; a loaded
    index reads them from the file instead); a document id or section path that many chunks share is kept once."""
    shared: dict = {}
    chunks = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                section_path = tuple(row["section_path"])
                row["section_path"] = shared.setdefault(section_path, section_path)
                row["doc_id"] = shared.setdefault(row["doc_id"], row["doc_id"])
                chunks.append(Chunk(**row))
    return tuple(chunks)


def save_index(data: IndexData, root: Path, engine: Engine | None = None) -> Path:
    """Write ``data`` as a new version under ``root`` (and into ``engine``) and make it current; return its directory."""
    versions = root / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    version = f"{int(time.time() * 1000)}-{data.manifest.corpus_hash[:8]}"
    staging = versions / f".{version}.partial"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    write_documents(staging, data.documents)
    write_chunks(staging, data.chunks)
    np.save(staging / "vectors.npy", data.vectors, allow_pickle=False)
    _write_jsonl(staging / "units.jsonl", [_unit_record(u) for u in data.units])
    np.save(staging / "unit_vectors.npy", data.unit_vectors, allow_pickle=False)
    np.save(staging / "unit_query_vectors.npy", data.unit_query_vectors, allow_pickle=False)
    data.dense.save(staging / "dense.faiss")
    data.lexical.save(staging / "bm25")
    (staging / "manifest.json").write_text(json.dumps(asdict(data.manifest), indent=2), encoding="utf-8")
    if engine is not None:
        engine.write(data, staging, version)
    final = versions / version
    os.replace(staging, final)
    link_tmp = root / f".{CURRENT}.tmp"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    link_tmp.symlink_to(Path("versions") / version)
    os.replace(link_tmp, root / CURRENT)
    # The version before stays: a process still loading it (a server reloading) finishes; older ones go.
    # Partial versions left by a failed write go too.
    kept = sorted((v for v in versions.iterdir() if not v.name.startswith(".")), key=lambda v: v.name)[-_KEPT_VERSIONS:]
    for old in versions.iterdir():
        if old not in kept:
            shutil.rmtree(old, ignore_errors=True)
            if engine is not None:
                _drop(engine, old.name.removeprefix(".").removesuffix(".partial"))
    return final


def _drop(engine: Engine, version: str) -> None:
    """Drop a pruned version from the engine; a failure leaves a collection behind, not a broken save."""
    try:
        engine.drop(version)
    except Exception as exc:  # noqa: BLE001 - the new version is in place whatever happens here
        log.warning("index version %s not dropped from the search engine: %s", version, exc)


def current_version(root: Path) -> str | None:
    """The name of the current version (the target of ``current``), None when there is no index."""
    try:
        return os.readlink(root / CURRENT)
    except OSError:
        return None


def read_manifest(root: Path, directory: Path | None = None) -> Manifest:
    """The manifest of the current version of ``root`` (or of the version in ``directory``)."""
    path = (directory or root / CURRENT) / "manifest.json"
    if not path.is_file():
        raise IndexUnavailable(f"no index at {root}: run `arrimage ingest` first", "no index: run `arrimage ingest` first")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**raw)
    except (ValueError, TypeError) as exc:
        raise IndexUnavailable(f"unreadable index manifest {path}: {exc}",
                               "the index manifest is unreadable: run `arrimage ingest` to rebuild the index") from exc
    if manifest.schema_version != SCHEMA_VERSION:
        why = f"has schema version {manifest.schema_version}, this Arrimage reads {SCHEMA_VERSION}: run `arrimage ingest` to rebuild it"
        raise IndexUnavailable(f"index at {root} {why}", f"the index {why}")
    return manifest


def reopened(data: IndexData, directory: Path) -> IndexData:
    """``data`` just saved to ``directory``, its chunks and documents read from the files there as ``load_index``
    reads them (their texts left on disk), the rest (vectors, indexes) as it is: a writer does not keep every text
    of the version it serves in memory."""
    return replace(data, documents=open_documents(directory), chunks=open_chunks(directory), directory=directory)


def load_index(root: Path, embedder: Embedder | None = None) -> IndexData:
    """Load the current index; with ``embedder``, refuse an index built with another model or dimension."""
    directory = (root / CURRENT).resolve()  # once: a version made meanwhile is loaded next time, not half of it
    manifest = read_manifest(root, directory)
    if embedder is not None and (manifest.model_id, manifest.dimension) != (embedder.model_id, embedder.dimension):
        raise IndexUnavailable(
            f"index at {root} was built with {manifest.model_id} (dimension {manifest.dimension}) but the configured "
            f"model is {embedder.model_id} (dimension {embedder.dimension}): run `arrimage ingest` to rebuild it, "
            f"or set ARRIMAGE_EMBEDDING_MODEL={manifest.model_id}",
            "the index was built with another embedding model than the configured one: run `arrimage ingest` to "
            "rebuild it, or set ARRIMAGE_EMBEDDING_MODEL to the index's model (the server log names both)")
    try:
        documents = open_documents(directory)
        chunks = open_chunks(directory)
        vectors = np.load(directory / "vectors.npy", allow_pickle=False, mmap_mode="r")
        dense = DenseIndex.load(directory / "dense.faiss", manifest.dense_kind)
        lexical = LexicalIndex.load(directory / "bm25")
        units = tuple(_unit_from_record(r) for r in _read_jsonl(directory / "units.jsonl"))
        unit_vectors = np.load(directory / "unit_vectors.npy", allow_pickle=False, mmap_mode="r")
        unit_query_vectors = np.load(directory / "unit_query_vectors.npy", allow_pickle=False, mmap_mode="r")
    except (OSError, RuntimeError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnavailable(f"index at {directory} is damaged ({type(exc).__name__}: {exc}): run `arrimage ingest` to rebuild it",
                               "the index is damaged (a file is missing or unreadable): run `arrimage ingest` to rebuild it") from exc
    if (
        vectors.shape != (manifest.chunk_count, manifest.dimension) or len(chunks) != manifest.chunk_count
        or unit_vectors.shape != (manifest.unit_count, manifest.dimension) or len(units) != manifest.unit_count
        or unit_query_vectors.shape != unit_vectors.shape
    ):
        raise IndexUnavailable(f"index at {directory} is inconsistent with its manifest: run `arrimage ingest` to rebuild it",
                               "the index is inconsistent with its manifest: run `arrimage ingest` to rebuild it")
    return IndexData(manifest=manifest, documents=documents, chunks=chunks, vectors=vectors, dense=dense, lexical=lexical,
                     units=units, unit_vectors=unit_vectors, unit_query_vectors=unit_query_vectors, directory=directory)
