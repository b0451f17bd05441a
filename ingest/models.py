"""Typed values produced by ingestion: DocumentMeta → Document → Chunk."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

LEVELS = ("institutional", "ministerial", "regional")


class IngestError(Exception):
    """A file that cannot be ingested; the message names the file and the reason."""


@dataclass(frozen=True)
class DocumentMeta:
    doc_id: str
    title: str
    organization: str
    level: str
    period: str
    source: str
    # Levels of some kinds of units when they differ from the document's: the Pôle Québec's themes are
    # set by the ministry ({"theme": "ministerial"}) while its actions are regional.
    unit_levels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    """A heading and where its section starts in the cleaned text."""

    path: tuple[str, ...]
    char_start: int


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    text: str
    page_starts: tuple[int, ...]
    sections: tuple[Section, ...]
    content_hash: str

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """1-based page number of the character at ``offset`` of the cleaned text."""
        return max(1, bisect.bisect_right(self.page_starts, offset))


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    text: str
    char_start: int
    char_end: int
    page_start: int
    page_end: int
    section_path: tuple[str, ...]
