"""Typed values produced by ingestion: DocumentMeta → Document → Chunk, and the plan's units."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

LEVELS = ("institutional", "ministerial", "regional")


def filter_problem(doc_ids: Iterable[str] | None, levels: Iterable[str] | None, known_doc_ids: Iterable[str]) -> str | None:
    """What is wrong with a filter by documents and levels, in words; None when nothing is (search and
    alignment both filter so, each raising its own error)."""
    unknown_docs = sorted(set(doc_ids or ()) - set(known_doc_ids))
    if unknown_docs:
        return f"unknown document id(s): {', '.join(unknown_docs)}; see GET /documents"
    unknown_levels = sorted(set(levels or ()) - set(LEVELS))
    if unknown_levels:
        return f"unknown level(s): {', '.join(unknown_levels)}; expected {', '.join(LEVELS)}"
    return None


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
    # What a plan with an unusual structure says of itself (see ingest/plan_grammar.toml): its levels in
    # order, the kind of a numbering that carries no level word ({"01": "theme"}), the kind of the
    # bulleted items directly under a unit ({"objectif": "action"}).
    structure: dict = field(default_factory=dict)


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


@dataclass(frozen=True)
class Target:
    """A target as data: "72 % en 2029 (64 % en 2023)" → 72, "%", "2029", "64 % en 2023"."""

    text: str
    value: float | None = None
    unit: str | None = None
    deadline: str | None = None
    baseline: str | None = None


@dataclass(frozen=True)
class PlanUnit:
    """One unit of a plan's hierarchy (an orientation, an objectif, a mesure …) with where it stands."""

    unit_id: str
    doc_id: str
    level: str
    kind: str
    code: str
    title: str
    text: str
    section_path: tuple[str, ...]
    page: int
    indicators: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    parent_id: str | None = None
    char_start: int = 0
    fields: tuple[tuple[str, str], ...] = ()  # (name, value): responsable, echeance, budget, partenaires


def ancestors(unit: PlanUnit, by_id: dict[str, PlanUnit]) -> list[PlanUnit]:
    """The units above ``unit``, its parent first."""
    found: list[PlanUnit] = []
    parent = by_id.get(unit.parent_id) if unit.parent_id else None
    while parent is not None and parent not in found:
        found.append(parent)
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    return found
