"""The chunks and documents of an index, their texts left on disk until they are used.

An index of a million chunks held every chunk and every plan's cleaned text as Python objects: 3.3 GB private in each
worker (docs/decisions.md, "Scale"). A loaded version now keeps at hand, for every chunk, only what searches and
filters need of all of them, as numpy arrays mapped from the version's files (its document and section path as
numbers, its character span, its pages, where its line lies in ``chunks.jsonl``); a chunk's line is read and decoded
when the chunk is used (a hit, a citation). A document's cleaned text is read from ``documents.jsonl`` when asked for
(outline answers quote it; the next version's save writes it again); its metadata, pages and sections stay at hand.

Files of a version, beside ``chunks.jsonl`` and ``documents.jsonl`` (whose format is unchanged), written by
``save_index`` into the staging directory with the others, so ``current`` never points to a version without them::

    chunk_table.npy       one row per chunk: the byte span of its line in chunks.jsonl (newline excluded), its
                          document and section path (numbers into chunk_strings.json), character span and pages
    chunk_strings.json    the distinct document ids and section paths the table numbers
    chunk_ids.npy         the chunk ids in row order (UTF-8 bytes)
    chunk_id_order.npy    the rows in the order of their ids: a hit's row found from its id by a binary search,
                          without a dict of a million strings
    document_table.jsonl  each document as in documents.jsonl without its text, and the byte span of its line there

A version written before these files existed loads too: its two JSON Lines files are read once at load, line by
line, into the same tables in memory (a slower load, the same chunks and documents).

Lines are read with ``os.pread`` on a descriptor each loaded version keeps open: a version removed while a process
serves it stays readable (as its mapped arrays do), concurrent reads share no file position, and the pages read
go to the page cache, not into the process's resident memory as pages of a mapped file would.
"""

from __future__ import annotations

import json
import logging
import operator
import os
import weakref
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from arrimage.ingest.models import Chunk, Document, DocumentMeta, Section

CHUNKS = "chunks.jsonl"
DOCUMENTS = "documents.jsonl"
CHUNK_TABLE = "chunk_table.npy"
CHUNK_STRINGS = "chunk_strings.json"
CHUNK_IDS = "chunk_ids.npy"
CHUNK_ID_ORDER = "chunk_id_order.npy"
DOCUMENT_TABLE = "document_table.jsonl"
# Written together: a version has all of them or (written before them) none.
TABLE_FILES = (CHUNK_TABLE, CHUNK_STRINGS, CHUNK_IDS, CHUNK_ID_ORDER, DOCUMENT_TABLE)

_TABLE = np.dtype([("start", "<i8"), ("stop", "<i8"), ("doc", "<i4"), ("path", "<i4"), ("char_start", "<i8"),
                   ("char_end", "<i8"), ("page_start", "<i4"), ("page_end", "<i4")])
_DOCUMENT_TEXTS_CACHED = 4  # an outline answer reads its plan's text several times
log = logging.getLogger("arrimage.index")


class _Lines:
    """A file read by byte spans (``os.pread``), its descriptor closed when the last object reading it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd = os.open(path, os.O_RDONLY)
        self._finalizer = weakref.finalize(self, os.close, fd)
        self._fd = fd
        self.size = os.fstat(fd).st_size

    def read(self, start: int, stop: int) -> bytes:
        data = os.pread(self._fd, stop - start, start)
        if len(data) != stop - start:
            raise ValueError(f"{self.path} is shorter than its table says ({self.size} bytes)")
        return data

    def check_spans(self, starts: np.ndarray, stops: np.ndarray, what: str) -> None:
        """Raise ValueError unless the spans are the file's lines, in order, one after the other, up to its end."""
        if len(starts) == 0:
            ok = self.size == 0
        else:
            ok = (int(starts[0]) == 0 and int(stops[-1]) + 1 == self.size and bool(np.all(stops >= starts))
                  and np.array_equal(starts[1:], stops[:-1] + 1))
        if not ok:
            raise ValueError(f"{what} does not match the lines of {self.path}")


def _chunk_record(chunk: Chunk) -> dict:
    return {**asdict(chunk), "section_path": list(chunk.section_path)}


def _jsonl_bytes(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _doc_record(doc: Document) -> dict:
    return {
        "meta": asdict(doc.meta),
        "text": doc.text,
        "page_starts": list(doc.page_starts),
        "sections": [{"path": list(s.path), "char_start": s.char_start} for s in doc.sections],
        "content_hash": doc.content_hash,
    }


# ---- chunks -----------------------------------------------------------------------------------------------------


class Chunks(Sequence[Chunk]):
    """The chunks of an index in row order (a chunk's row is its vector's, its BM25 document's, its Qdrant point's).

    Behaves as the tuple of ``Chunk`` it replaces: ``len``, indexing (negative too), iteration, slices (a tuple),
    ``in``, and equality with any tuple, list or ``Chunks`` of the same chunks. What a search needs of every chunk
    is kept as arrays, so that nothing has to go through all the chunks: ``doc_codes`` (a number per row into
    ``doc_ids``), ``char_starts`` and ``char_ends``, ``rows_of(doc_id)``, ``counts_by_doc()`` and ``row_of(chunk_id)``.
    """

    doc_ids: tuple[str, ...]
    doc_codes: np.ndarray
    char_starts: np.ndarray
    char_ends: np.ndarray

    def __len__(self) -> int:
        raise NotImplementedError

    def _chunk(self, row: int) -> Chunk:
        raise NotImplementedError

    def row_of(self, chunk_id: str) -> int:
        """The row of the chunk with this id (the last one, were an id given twice); KeyError when there is none."""
        raise NotImplementedError

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self._chunk(i) for i in range(*index.indices(len(self))))
        row = operator.index(index)
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError("chunk row out of range")
        return self._chunk(row)

    def __iter__(self) -> Iterator[Chunk]:
        return (self._chunk(i) for i in range(len(self)))

    def __contains__(self, chunk: object) -> bool:
        if not isinstance(chunk, Chunk):
            return False
        try:
            row = self.row_of(chunk.chunk_id)
        except KeyError:
            return False
        return self._chunk(row) == chunk or any(c == chunk for c in self)  # the same id twice: look at all

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chunks | tuple | list):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # as a tuple of unhashable rows would be: equal by content

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} chunks of {len(self.doc_ids)} documents>"

    def doc_id_of(self, row: int) -> str:
        return self.doc_ids[int(self.doc_codes[row])]

    def rows_of(self, doc_id: str) -> np.ndarray:
        """The rows of the chunks of one document, in row order (none for a document without chunks)."""
        code = self._code_of.get(doc_id)
        if code is None:
            return np.zeros(0, dtype=np.int64)
        order, ends = self._rows_by_code
        return order[(ends[code - 1] if code else 0) : ends[code]]

    @cached_property
    def _code_of(self) -> dict[str, int]:
        return {doc_id: code for code, doc_id in enumerate(self.doc_ids)}

    @cached_property
    def _rows_by_code(self) -> tuple[np.ndarray, np.ndarray]:
        """The rows grouped by document (in row order within each), and where each document's group ends: made on
        first use (a citation, the aligner), 8 bytes a chunk."""
        codes = np.asarray(self.doc_codes, dtype=np.int64)
        return np.argsort(codes, kind="stable").astype(np.int64), np.cumsum(np.bincount(codes, minlength=len(self.doc_ids)))

    def counts_by_doc(self) -> dict[str, int]:
        """How many chunks each document has (documents with chunks only)."""
        counts = np.bincount(np.asarray(self.doc_codes, dtype=np.int64), minlength=len(self.doc_ids))
        return {doc_id: int(n) for doc_id, n in zip(self.doc_ids, counts, strict=True)}

    def chunk_ids(self) -> Iterator[str]:
        """The chunk ids in row order."""
        return (c.chunk_id for c in self)

    @property
    def row_by_id(self) -> Mapping[str, int]:
        """``row_of`` as a read-only mapping, chunk id → row."""
        return _RowById(self)


class _RowById(Mapping[str, int]):
    def __init__(self, chunks: Chunks) -> None:
        self._chunks = chunks

    def __getitem__(self, chunk_id: str) -> int:
        return self._chunks.row_of(chunk_id)

    def __iter__(self) -> Iterator[str]:
        return self._chunks.chunk_ids()

    def __len__(self) -> int:
        return len(self._chunks)


class ChunkList(Chunks):
    """Chunks held in memory: an index just built, not yet saved (and read back from disk) by this process."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        self._chunks = tuple(chunks)
        n = len(self._chunks)
        numbers: dict[str, int] = {}
        self.doc_codes = np.fromiter((numbers.setdefault(c.doc_id, len(numbers)) for c in self._chunks), dtype=np.int32, count=n)
        self.doc_ids = tuple(numbers)
        self.char_starts = np.fromiter((c.char_start for c in self._chunks), dtype=np.int64, count=n)
        self.char_ends = np.fromiter((c.char_end for c in self._chunks), dtype=np.int64, count=n)

    def __len__(self) -> int:
        return len(self._chunks)

    def _chunk(self, row: int) -> Chunk:
        return self._chunks[row]

    def __iter__(self) -> Iterator[Chunk]:
        return iter(self._chunks)

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {c.chunk_id: i for i, c in enumerate(self._chunks)}

    def row_of(self, chunk_id: str) -> int:
        return self._rows[chunk_id]


class StoredChunks(Chunks):
    """Chunks of a saved version: the table at hand (mapped), each chunk's line read from ``chunks.jsonl`` when used."""

    def __init__(self, lines: _Lines, table: np.ndarray, ids: np.ndarray, id_order: np.ndarray, doc_ids: tuple[str, ...],
                 section_paths: tuple[tuple[str, ...], ...]) -> None:
        self._lines, self._table, self._ids, self._id_order = lines, table, ids, id_order
        self.doc_ids, self._section_paths = doc_ids, section_paths
        self.doc_codes = table["doc"]
        self.char_starts = table["char_start"]
        self.char_ends = table["char_end"]

    def __len__(self) -> int:
        return len(self._table)

    def _chunk(self, row: int) -> Chunk:
        start, stop, doc, path, *_ = self._table[row].item()
        record = json.loads(self._lines.read(start, stop))
        # The document id and section path shared by the chunks that have them (as the table numbers them).
        doc_id, section_path = self.doc_ids[doc], self._section_paths[path]
        if (record["doc_id"] != doc_id or tuple(record["section_path"]) != section_path
                or record["chunk_id"].encode("utf-8") != bytes(self._ids[row])):
            raise ValueError(f"the tables do not match line {row + 1} of {self._lines.path}")
        return Chunk(**{**record, "doc_id": doc_id, "section_path": section_path})

    def row_of(self, chunk_id: str) -> int:
        key = chunk_id.encode("utf-8")
        at = int(np.searchsorted(self._ids, key, side="right", sorter=self._id_order)) - 1
        if at < 0 or bytes(self._ids[self._id_order[at]]) != key:
            raise KeyError(chunk_id)
        return int(self._id_order[at])

    def chunk_ids(self) -> Iterator[str]:
        return (bytes(i).decode("utf-8") for i in self._ids)

    def check(self) -> None:
        """Raise ValueError when the tables do not agree with ``chunks.jsonl`` (every span, and a few lines read)."""
        n = len(self._table)
        self._lines.check_spans(self._table["start"], self._table["stop"], CHUNK_TABLE)
        if len(self._ids) != n or len(self._id_order) != n:
            raise ValueError(f"{CHUNK_IDS} or {CHUNK_ID_ORDER} does not have one row per chunk")
        if n and (int(self._id_order.min()) < 0 or int(self._id_order.max()) >= n
                  or not np.all(np.bincount(self._id_order, minlength=n) == 1)):
            raise ValueError(f"{CHUNK_ID_ORDER} is not an order of the rows")
        in_order = self._ids[self._id_order]
        if not np.all(in_order[1:] >= in_order[:-1]):
            raise ValueError(f"{CHUNK_ID_ORDER} does not sort {CHUNK_IDS}")
        if n and not (0 <= int(self.doc_codes.min()) and int(self.doc_codes.max()) < len(self.doc_ids)
                      and 0 <= int(self._table["path"].min()) and int(self._table["path"].max()) < len(self._section_paths)):
            raise ValueError(f"{CHUNK_TABLE} numbers documents or section paths that {CHUNK_STRINGS} does not have")
        for row in sorted({0, n // 2, n - 1} if n else set()):
            chunk = self._chunk(row)
            if self[self.row_of(chunk.chunk_id)].chunk_id != chunk.chunk_id:
                raise ValueError(f"{CHUNK_IDS} does not match {self._lines.path}")


class _TableBuilder:
    """The tables of chunks in row order, as ``write_chunks`` writes them or a scan of an older version makes them."""

    def __init__(self) -> None:
        self.columns = {name: array("q") for name in _TABLE.names}
        self.ids: list[bytes] = []
        self.doc_numbers: dict[str, int] = {}
        self.path_numbers: dict[tuple[str, ...], int] = {}

    def add(self, start: int, stop: int, doc_id: str, section_path: tuple[str, ...], chunk_id: str, char_start: int,
            char_end: int, page_start: int, page_end: int) -> None:
        values = (start, stop, self.doc_numbers.setdefault(doc_id, len(self.doc_numbers)),
                  self.path_numbers.setdefault(section_path, len(self.path_numbers)), char_start, char_end, page_start, page_end)
        for name, value in zip(_TABLE.names, values, strict=True):
            self.columns[name].append(value)
        self.ids.append(chunk_id.encode("utf-8"))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
        table = np.zeros(len(self.ids), dtype=_TABLE)
        for name, values in self.columns.items():
            info = np.iinfo(_TABLE[name])
            column = np.frombuffer(values, dtype=np.int64) if len(values) else np.zeros(0, dtype=np.int64)
            if len(column) and (column.min() < info.min or column.max() > info.max):
                raise ValueError(f"a chunk's {name} does not fit the index's table")
            table[name] = column
        ids = np.array(self.ids, dtype=f"S{max([1, *map(len, self.ids)])}")
        order = np.argsort(ids, kind="stable").astype(np.int64)
        strings = {"doc_ids": list(self.doc_numbers), "section_paths": [list(p) for p in self.path_numbers]}
        return table, ids, order, strings


def write_chunks(directory: Path, chunks: Iterable[Chunk]) -> None:
    """Write ``chunks.jsonl`` (one JSON object a line, as before) and the tables that index it into ``directory``."""
    builder = _TableBuilder()
    at = 0
    with (directory / CHUNKS).open("wb") as f:
        for chunk in chunks:
            line = _jsonl_bytes(_chunk_record(chunk))
            f.write(line + b"\n")
            builder.add(at, at + len(line), chunk.doc_id, tuple(chunk.section_path), chunk.chunk_id, chunk.char_start,
                        chunk.char_end, chunk.page_start, chunk.page_end)
            at += len(line) + 1
    table, ids, order, strings = builder.arrays()
    np.save(directory / CHUNK_TABLE, table, allow_pickle=False)
    np.save(directory / CHUNK_IDS, ids, allow_pickle=False)
    np.save(directory / CHUNK_ID_ORDER, order, allow_pickle=False)
    (directory / CHUNK_STRINGS).write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")


def _spans(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """Each non-blank line of a JSON Lines file with its byte span (newline excluded), read in binary, in order."""
    at = 0
    with path.open("rb") as f:
        for raw in f:
            line = raw.rstrip(b"\r\n")
            if line.strip():
                yield at, at + len(line), line
            at += len(raw)


def _scan_chunks(lines: _Lines) -> StoredChunks:
    """The tables of a version written before them, from its ``chunks.jsonl`` read once, line by line."""
    builder = _TableBuilder()
    for start, stop, line in _spans(lines.path):
        row = json.loads(line)
        builder.add(start, stop, row["doc_id"], tuple(row["section_path"]), row["chunk_id"], row["char_start"],
                    row["char_end"], row["page_start"], row["page_end"])
    table, ids, order, strings = builder.arrays()
    return StoredChunks(lines, table, ids, order, tuple(strings["doc_ids"]), tuple(map(tuple, strings["section_paths"])))


def _has_tables(directory: Path) -> bool:
    """Whether the version was written with its tables (all of them: a version has all or, written before, none)."""
    present = [(directory / name).exists() for name in TABLE_FILES]
    if any(present) and not all(present):
        missing = [name for name, there in zip(TABLE_FILES, present, strict=True) if not there]
        raise FileNotFoundError(f"{', '.join(missing)} missing from {directory}")
    return all(present)


def open_chunks(directory: Path) -> StoredChunks:
    """The chunks of the version in ``directory``, their texts left in ``chunks.jsonl``. Raises OSError or ValueError
    (``load_index`` reports either as a damaged index) when a file is missing or the tables do not match it."""
    lines = _Lines(directory / CHUNKS)
    if not _has_tables(directory):
        log.info("index version %s has no chunk table (written before it): reading %s once", directory.name, CHUNKS)
        return _scan_chunks(lines)
    table = np.load(directory / CHUNK_TABLE, mmap_mode="r", allow_pickle=False)
    ids = np.load(directory / CHUNK_IDS, mmap_mode="r", allow_pickle=False)
    order = np.load(directory / CHUNK_ID_ORDER, mmap_mode="r", allow_pickle=False)
    if table.dtype != _TABLE or table.ndim != 1 or ids.dtype.kind != "S" or ids.ndim != 1 or order.dtype != np.int64:
        raise ValueError(f"{CHUNK_TABLE}, {CHUNK_IDS} or {CHUNK_ID_ORDER} of {directory} has another layout")
    strings = json.loads((directory / CHUNK_STRINGS).read_text(encoding="utf-8"))
    doc_ids = tuple(strings["doc_ids"])
    section_paths = tuple(tuple(p) for p in strings["section_paths"])
    if not all(isinstance(d, str) for d in doc_ids) or not all(isinstance(s, str) for p in section_paths for s in p):
        raise ValueError(f"{CHUNK_STRINGS} of {directory} holds something other than strings")
    chunks = StoredChunks(lines, table, ids, order, doc_ids, section_paths)
    chunks.check()
    return chunks


# ---- documents --------------------------------------------------------------------------------------------------


class StoredDocument(Document):
    """A ``Document`` whose cleaned text stays in ``documents.jsonl`` until ``text`` is read; equal to the document
    that was saved. ``dataclasses.replace`` and ``asdict`` work as on a Document (they read the text)."""

    def __init__(self, meta: DocumentMeta, text: str | _DocumentText, page_starts: tuple[int, ...],
                 sections: tuple[Section, ...], content_hash: str) -> None:
        for name, value in (("meta", meta), ("_text", text), ("page_starts", page_starts), ("sections", sections),
                            ("content_hash", content_hash)):
            object.__setattr__(self, name, value)

    @property
    def text(self) -> str:  # type: ignore[override]
        held = self._text
        return held if isinstance(held, str) else held.read()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return ((self.meta, self.page_starts, self.sections, self.content_hash)
                == (other.meta, other.page_starts, other.sections, other.content_hash) and self.text == other.text)

    __hash__ = None  # type: ignore[assignment]  # a Document's meta holds dicts: it was never hashable

    def __repr__(self) -> str:
        return f"StoredDocument(meta={self.meta!r}, pages={self.pages}, content_hash={self.content_hash!r})"


class _DocumentText:
    """Where a document's text is: a line of ``documents.jsonl``."""

    __slots__ = ("_lines", "_start", "_stop")

    def __init__(self, lines: _Lines, start: int, stop: int) -> None:
        self._lines, self._start, self._stop = lines, start, stop

    def read(self) -> str:
        return _read_document_text(self._lines, self._start, self._stop)


@lru_cache(maxsize=_DOCUMENT_TEXTS_CACHED)
def _read_document_text(lines: _Lines, start: int, stop: int) -> str:
    # The few texts read last (an outline answer reads its plan's several times); holding their _Lines keeps
    # at most a few descriptors of versions let go open, until newer reads push them out.
    return json.loads(lines.read(start, stop))["text"]


def _document(record: dict, text: str | _DocumentText) -> StoredDocument:
    return StoredDocument(
        meta=DocumentMeta(**record["meta"]),
        text=text,
        page_starts=tuple(record["page_starts"]),
        sections=tuple(Section(tuple(s["path"]), s["char_start"]) for s in record["sections"]),
        content_hash=record["content_hash"],
    )


def write_documents(directory: Path, documents: Iterable[Document]) -> None:
    """Write ``documents.jsonl`` (as before) and ``document_table.jsonl`` (the same without the texts, with spans)."""
    at = 0
    with (directory / DOCUMENTS).open("wb") as f, (directory / DOCUMENT_TABLE).open("wb") as table:
        for doc in documents:
            record = _doc_record(doc)
            line = _jsonl_bytes(record)
            f.write(line + b"\n")
            del record["text"]
            table.write(_jsonl_bytes({**record, "span": [at, at + len(line)]}) + b"\n")
            at += len(line) + 1


def open_documents(directory: Path) -> tuple[StoredDocument, ...]:
    """The documents of the version in ``directory``, their texts left in ``documents.jsonl``; OSError or
    ValueError when a file is missing or does not match the other."""
    lines = _Lines(directory / DOCUMENTS)
    if not _has_tables(directory):
        return tuple(_document(json.loads(line), _DocumentText(lines, start, stop)) for start, stop, line in _spans(lines.path))
    records = [json.loads(line) for _, _, line in _spans(directory / DOCUMENT_TABLE)]
    spans = np.array([r["span"] for r in records], dtype=np.int64).reshape(-1, 2)
    lines.check_spans(spans[:, 0], spans[:, 1], DOCUMENT_TABLE)
    return tuple(_document(r, _DocumentText(lines, int(start), int(stop))) for r, (start, stop) in zip(records, spans, strict=True))
