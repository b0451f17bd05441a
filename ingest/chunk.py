"""Cut a cleaned document into chunks inside its sections, on sentence boundaries, with overlap."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .models import Chunk, Document

# A sentence ends at . ! ? … or ; followed by a capital, a digit, a quote or a parenthesis; a line is a unit too.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…;])\s+(?=[«\"(\[A-ZÀ-ÖØ-ÞŒ0-9])|\n")
_HEADING_ONLY_MAX = 80


@dataclass(frozen=True)
class ChunkSpec:
    max_chars: int = 1200
    overlap_chars: int = 250
    min_chars: int = 150


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    path: tuple[str, ...]


def _segments(doc: Document) -> list[_Segment]:
    """One segment per section; a heading with no body of its own joins its first sub-section."""
    bounds = [(0, ())] + [(s.char_start, s.path) for s in doc.sections]
    raw = [
        _Segment(start, bounds[i + 1][0] if i + 1 < len(bounds) else len(doc.text), path)
        for i, (start, path) in enumerate(bounds)
    ]
    merged: list[_Segment] = []
    pending: _Segment | None = None
    for seg in raw:
        if seg.end <= seg.start:
            continue
        if pending is not None:
            if seg.path[: len(pending.path)] == pending.path:
                seg = _Segment(pending.start, seg.end, seg.path)
            else:
                merged.append(pending)
            pending = None
        body = doc.text[seg.start : seg.end].split("\n", 1)[1:] if seg.path else [doc.text[seg.start : seg.end]]
        if seg.path and len("".join(body).strip()) < _HEADING_ONLY_MAX:
            pending = seg
            continue
        merged.append(seg)
    if pending is not None:
        if merged and merged[-1].path[:1] == pending.path[:1]:
            merged[-1] = _Segment(merged[-1].start, pending.end, merged[-1].path)
        else:
            merged.append(pending)
    return merged


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences of text[start:end], whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def line_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, line by line; a table's row (a line opening with "|") is whole: a cell's
    "t éq. CO2" ends no sentence. The answerer's candidates start from them."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        out.extend([(start, end)] if line.startswith("|") else sentence_spans(text, start, end))
        start = end + 1
    return out


def _split_long(text: str, span: tuple[int, int], max_chars: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than max_chars at spaces."""
    a, b = span
    pieces = []
    while b - a > max_chars:
        cut = text.rfind(" ", a, a + max_chars)
        cut = cut if cut > a else a + max_chars
        pieces.append((a, cut))
        a = cut + 1 if text[cut] == " " else cut
    pieces.append((a, b))
    return pieces


def _pack(units: list[tuple[int, int]], spec: ChunkSpec) -> list[tuple[int, int]]:
    """Greedy packing of sentence spans into windows of at most max_chars.

    Each window after the first starts with the tail sentences of the previous one (up to
    overlap_chars, at least one sentence), as long as the new window still gains a sentence.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while True:
        j = i
        while j + 1 < len(units) and units[j + 1][1] - units[i][0] <= spec.max_chars:
            j += 1
        spans.append((units[i][0], units[j][1]))
        if j + 1 >= len(units):
            break
        k = next((k for k in range(i + 1, j + 1) if units[j][1] - units[k][0] <= spec.overlap_chars), j)
        while k <= j and units[j + 1][1] - units[k][0] > spec.max_chars:
            k += 1
        i = max(k, i + 1)
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < spec.min_chars and spans[-1][1] - spans[-2][0] <= spec.max_chars:
        spans[-2:] = [(spans[-2][0], spans[-1][1])]
    return spans


def chunk_id(doc_id: str, start: int, end: int, text: str) -> str:
    return hashlib.sha1(f"{doc_id}\x00{start}\x00{end}\x00{text}".encode()).hexdigest()[:16]


def chunk_document(doc: Document, spec: ChunkSpec = ChunkSpec()) -> list[Chunk]:
    chunks: list[Chunk] = []
    for seg in _segments(doc):
        units = [p for s in sentence_spans(doc.text, seg.start, seg.end) for p in _split_long(doc.text, s, spec.max_chars)]
        for start, end in _pack(units, spec) if units else []:
            text = doc.text[start:end]
            chunks.append(
                Chunk(
                    chunk_id=chunk_id(doc.meta.doc_id, start, end, text),
                    doc_id=doc.meta.doc_id,
                    text=text,
                    char_start=start,
                    char_end=end,
                    page_start=doc.page_at(start),
                    page_end=doc.page_at(end - 1),
                    section_path=seg.path,
                )
            )
    return chunks
