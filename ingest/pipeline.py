"""From file paths to documents, chunks and plan units: load → clean → structure → chunk, units; one file at a time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog, document_meta
from .chunk import ChunkSpec, chunk_document
from .clean import clean_pages
from .load import SUPPORTED_SUFFIXES, load_file
from .models import Chunk, Document, IngestError, PlanUnit
from .structure import find_sections
from .units import extract_units

# Bump when cleaning, structure or chunking change what a file turns into.
PIPELINE_VERSION = "6"


# A page of text holds about this many characters: a text file is measured in pages by it.
_CHARS_PER_PAGE = 3000


@dataclass(frozen=True)
class Limits:
    """What one document may be: pages (``ARRIMAGE_MAX_PAGES``) and chunks (``ARRIMAGE_MAX_CHUNKS``)."""

    max_pages: int = 1000
    max_chunks: int = 5000


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    units: list[PlanUnit] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the given files, and the supported files under given folders (README files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.upper().startswith("README")
            )
        else:
            found.append(path)
    return found


def build_document(path: Path, catalog: Catalog, limits: Limits = Limits()) -> Document:
    raw = load_file(path)
    pages = max(len(raw.pages), sum(len(p) for p in raw.pages) // _CHARS_PER_PAGE)
    if pages > limits.max_pages:
        raise IngestError(f"{path}: {pages} pages (or as much text), over the limit of {limits.max_pages} (ARRIMAGE_MAX_PAGES)")
    text, page_starts = clean_pages(raw.pages)
    meta = document_meta(path, catalog, raw.info, raw.pages[0])
    digest = hashlib.sha256(PIPELINE_VERSION.encode() + b"\x00" + raw.data).hexdigest()
    return Document(meta=meta, text=text, page_starts=page_starts, sections=find_sections(text), content_hash=digest)


def ingest_files(
    files: list[Path],
    catalog: Catalog | None = None,
    spec: ChunkSpec = ChunkSpec(),
    progress: Callable[[Path], None] = lambda _: None,
    limits: Limits = Limits(),
) -> IngestResult:
    """Ingest every file it can; a file that fails is reported with its path and skipped."""
    catalog = catalog if catalog is not None else Catalog.near(files)
    result = IngestResult()
    seen: dict[str, str] = {}
    for path in files:
        try:
            if not path.exists():
                raise IngestError(f"{path}: no such file")
            doc = build_document(path, catalog, limits)
            if doc.meta.doc_id in seen:
                raise IngestError(f"{path}: document id {doc.meta.doc_id!r} already ingested from {seen[doc.meta.doc_id]}")
            chunks = chunk_document(doc, spec)
            if not chunks:
                raise IngestError(f"{path}: no text left after cleaning")
            if len(chunks) > limits.max_chunks:
                raise IngestError(f"{path}: {len(chunks)} chunks, over the limit of {limits.max_chunks} (ARRIMAGE_MAX_CHUNKS)")
        except IngestError as exc:
            result.failures.append(str(exc))
        else:
            seen[doc.meta.doc_id] = str(path)
            result.documents.append(doc)
            result.chunks.extend(chunks)
            result.units.extend(extract_units(doc))
        progress(path)
    return result
