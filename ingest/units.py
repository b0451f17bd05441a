"""Plan units: the orientations, enjeux, axes, objectifs, mesures, actions and themes of a plan.

Units are read from the cleaned text, line by line, with the plans' own vocabulary:

- headings ``ORIENTATION n``, ``ENJEU n :``, ``AXE n``, ``OBJECTIF n.n``, ``MESURE nn`` (or a
  zero-padded ``0N TITRE`` whose keyword was lost), ``Orientation stratégique``,
  ``Axe d’intervention …``, numbered objectives ``2.3.2 …``, and the themes ``01``–``04``;
- objectives listed under a ``Objectifs … Indicateurs - cible`` table, each with the indicator and
  target lines that follow it (``Base de données – Cible : 31 mars 2012``);
- actions laid out as ``Objectif Indicateur de l’action Cible`` tables (the action's name and
  description before the table header, its objective, indicator and target after it).

A unit's parent is the nearest enclosing unit of a higher rank; units with the same kind and code
(a heading repeated in a summary) are one unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from . import action_tables
from .action_tables import INFINITIVE_RE, INFINITIVE_SPLIT_RE
from .catalog import slugify
from .models import Document
from .structure import is_heading

KINDS = ("orientation", "enjeu", "axe", "objectif", "mesure", "moyen", "action", "theme")
_RANK = {"enjeu": 1, "theme": 1, "orientation": 2, "axe": 3, "objectif": 4, "mesure": 5, "moyen": 5, "action": 5}
_TITLE_MAX = 240
_TEXT_MAX = 1500

_HEADINGS: list[tuple[str, re.Pattern[str], str]] = [
    ("enjeu", re.compile(r"^(?:L[’'])?ENJEU\s+(\d+)\s*:?\s*(.*)$"), "Enjeu {}"),
    ("orientation", re.compile(r"^ORIENTATION\s+(\d+)\b\s*(.*)$"), "Orientation {}"),
    ("orientation", re.compile(r"^(?:Orientation stratégique|ORIENTATION STRATÉGIQUE)()\s*:?\s*(.*)$"), ""),
    ("axe", re.compile(r"^AXE\s+(\d+)\b\s*(.*)$"), "Axe {}"),
    ("axe", re.compile(r"^Axe d[’']intervention()\s+(.*)$"), ""),
    ("objectif", re.compile(r"^OBJECTIF\s+(\d+(?:\.\d+)?)\.?\s*(.*)$"), "Objectif {}"),
    # "MESURE 1 1 SOUTENIR …": extraction may split the number of a measure.
    ("mesure", re.compile(r"^MESURE\s+(\d \d(?= [A-ZÀ-Þ])|\d{1,2})\b\s*(.*)$"), "Mesure {}"),
    ("mesure", re.compile(r"^(0[1-9]|[1-3]\d)\s+([A-ZÀ-ÖØ-ÞŒ’' ,«»-]{12,}.*)$"), "Mesure {}"),
    ("theme", re.compile(r"^(0[1-4])\s+([A-ZÀ-ÖØ-Þ][a-zà-ÿ].*)$"), "Thème {}"),
]
_CONTAINER_RE = re.compile(r"^(TABLEAU|ANNEXE|GLOSSAIRE|BIBLIOGRAPHIE)\b")
# A summary table of objectives and their means ("TABLEAU DES AXES, OBJECTIFS ET MOYENS").
_MEANS_TABLE_RE = re.compile(r"^TABLEAU\b.*\bMOYENS\b")
# A first-level section naming the plan's levels ("2 AXES/ORIENTATIONS, OBJECTIFS ET MOYENS") makes its
# numbered subsections units of those levels, in order: "2.1." an axe, "2.1.1." an objectif.
_DECLARING_RE = re.compile(r"^(\d{1,2})\s+(.+)$")
_LEVEL_WORD_RE = re.compile(r"\b(ENJEU|ORIENTATION|AXE|OBJECTIF|MESURE|MOYEN|ACTION)S?\b")
_NUMBERED_UNIT_RE = re.compile(r"^(\d{1,2})((?:\.\d{1,2}){1,3})\.?\s+(\S.*)$")
_ACTION_MAX = 300
# A lead-in to a list of actions of the enclosing unit: "Actions prévues au plan stratégique".
_LEAD_IN_RE = re.compile(r"(?:^|(?<=[.:]\s))(?:Actions|Moyens|Mesures)\s+(?:prévu|retenu|proposé|envisagé)e?s\b[^.]*$")
_OBJECTIVE_TABLE_RE = re.compile(r"^Objectifs\s*:?\s*Indicateurs\s*-\s*cible", re.IGNORECASE)
_ACTION_TABLE_RE = re.compile(r"^Objectif Indicateur de l[’']action Cible$")  # see action_tables
_ACTION_TABLE_SPLIT_RE = re.compile(r"\s*(Objectif Indicateur de l[’']action Cible)\s*")
_TARGET_RE = re.compile(r"^(.*?)\s*[–-]\s*Cible\s*:\s*(.+)$")
# Rows of an objectives table run together in extraction: an indicator ("Rapport – Cible : …") starts a
# row, after a sentence or after the words of an objective ("… auprès des entreprises Stratégie mise en
# place – Cible : …"); so does what follows a target's year.
_INDICATOR_SPLIT_RE = re.compile(
    r"(?<=[.;])\s+(?=[A-ZÀ-Þ][^.]*?[–-]\s*Cible\s*:)|(?<=[a-zà-ÿ]{3})\s+(?=[A-ZÀ-Þ][a-zà-ÿ]+ [^.:]*?[–-]\s*Cible\s*:)"
    r"|(?<=\d{4})\s+(?=[A-ZÀ-Þ])"
)


@dataclass(frozen=True)
class PlanUnit:
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
    targets: tuple[str, ...] = ()
    parent_id: str | None = None
    char_start: int = 0


def ancestors(unit: PlanUnit, by_id: dict[str, PlanUnit]) -> list[PlanUnit]:
    """The units above ``unit``, its parent first."""
    found: list[PlanUnit] = []
    parent = by_id.get(unit.parent_id) if unit.parent_id else None
    while parent is not None and parent not in found:
        found.append(parent)
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    return found


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# A generic subheading joined to a heading in capitals ("ENJEU 1 : LE DÉPLOIEMENT … LE CONTEXTE").
_SUBHEADING_TAIL_RE = re.compile(r"\s+(?:LE CONTEXTE|MISE EN CONTEXTE|CONTEXTE|INTRODUCTION)$")


def _heading(line: str) -> tuple[str, str, str] | None:
    """(kind, code, title) of a unit heading line."""
    for kind, pattern, code_format in _HEADINGS:
        m = pattern.match(line)
        if m:
            number, title = m.group(1).replace(" ", ""), _SUBHEADING_TAIL_RE.sub("", m.group(2)).strip(" :.–-")
            code = code_format.format(number.lstrip("0") or number) if code_format and number else ""
            return kind, code, title
    return None


@dataclass
class _Draft:
    kind: str
    code: str
    title: str
    start: int
    lines: list[str]
    indicators: list[str]
    targets: list[str]
    parent: int | None
    listed: bool = False  # an action read from a list of infinitives under an objective
    lists: bool = False  # a unit whose lead-in announced a list of actions


class _Reader:
    """Reads a document's lines into unit drafts, keeping the stack of open units for parent links."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.drafts: list[_Draft] = []
        self.stack: list[int] = []

    def open(self, kind: str, code: str, title: str, start: int) -> _Draft:
        while self.stack and _RANK[self.drafts[self.stack[-1]].kind] >= _RANK[kind]:
            self.stack.pop()
        draft = _Draft(kind, code, title, start, [], [], [], self.stack[-1] if self.stack else None)
        self.drafts.append(draft)
        self.stack.append(len(self.drafts) - 1)
        return draft

    def current(self) -> _Draft | None:
        return self.drafts[self.stack[-1]] if self.stack else None


def _pieces(text: str) -> Iterator[tuple[str, int]]:
    """Non-empty lines with their offsets; an action table header run into a line stands apart."""
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        for piece in _ACTION_TABLE_SPLIT_RE.split(line):
            if piece.strip():
                yield piece.strip(), start + max(0, line.find(piece.strip()))


def _declared_levels(doc: Document) -> dict[str, tuple[str, ...]]:
    """Section number → the kinds its numbered subsections have, one per depth."""
    declared: dict[str, tuple[str, ...]] = {}
    for section in doc.sections:
        m = _DECLARING_RE.match(section.path[0])
        if m:
            groups = re.split(r",|\bET\b", m.group(2).upper())
            kinds = tuple(word.group(1).lower() for g in groups if (word := _LEVEL_WORD_RE.search(g)))
            if kinds:
                declared[m.group(1)] = kinds
    return declared


def _numbered_heading(line: str, declared: dict[str, tuple[str, ...]]) -> tuple[str, str, str] | None:
    """(kind, code, title) of "2.1.3. Soutenir la réussite" under a section declaring its levels."""
    m = _NUMBERED_UNIT_RE.match(line)
    kinds = declared.get(m.group(1), ()) if m else ()
    depth = m.group(2).count(".") if m else 0
    if not m or depth > len(kinds):
        return None
    kind = kinds[depth - 1]
    return kind, f"{kind.capitalize()} {m.group(1)}{m.group(2)}", m.group(3).strip(" :.–-")


def _skeleton(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _after_skeleton(text: str, n: int) -> str:
    """What follows the first ``n`` letters and digits of ``text``."""
    seen = 0
    for i, c in enumerate(text):
        if seen == n:
            return text[i:].strip()
        seen += c.isalnum()
    return ""


def _is_action(line: str) -> bool:
    """A short line stating something to do, under an objective: one of its actions."""
    return len(line) <= _ACTION_MAX and bool(INFINITIVE_RE.match(line))


def _read_means_row(reader: _Reader, text: str, start: int, objectives: dict[str, int]) -> None:
    """A row of a summary table, cut into its infinitive phrases: a phrase that begins an objective met
    earlier in the plan opens that objective again, and is its title (a heading run into its paragraph
    has no end of its own); the other phrases are its means. A row with no infinitive (an axis label,
    the table header) is skipped."""
    for phrase in INFINITIVE_SPLIT_RE.split(text):
        key = _skeleton(phrase)
        known = next((i for title, i in objectives.items() if len(key) >= 12 and title.startswith(key)), None)
        if known is not None:
            reader.stack = [known]
            draft = reader.drafts[known]
            body = _after_skeleton(draft.title, len(key))
            draft.title = phrase
            if body:
                draft.lines.insert(0, body)
        elif INFINITIVE_RE.match(phrase) and reader.current() is not None:
            if reader.current().kind == "moyen":
                reader.stack.pop()
            reader.open("moyen", "", phrase, start)


def _close_action(reader: _Reader, row: list[tuple[str, int]]) -> list[action_tables.Cell]:
    """Give the open action its objective, indicators and targets; the cells left after them."""
    cells = action_tables.cells(row)
    current = reader.current()
    if current is None or current.kind != "action":
        return cells
    end, rest = action_tables.action_end(cells)
    current.lines.append(end.objective)
    current.indicators.extend(end.indicators)
    current.targets.extend(end.targets)
    return rest


def _objective_rows(line: str) -> list[str]:
    """An objectives table line cut into objective and indicator rows; an objective run into a target
    ("… – Cible : Au moins 2 ententes par année Supporter les activités …") starts at its infinitive."""
    rows: list[str] = []
    for piece in _INDICATOR_SPLIT_RE.split(line):
        target = re.search(r"Cible\s*:", piece)
        head, tail = (piece[: target.end()], piece[target.end() :]) if target else ("", piece)
        first, *rest = INFINITIVE_SPLIT_RE.split(tail, maxsplit=1) if target else [tail]
        rows.extend([head + first, *rest])
    return [r for r in rows if r.strip()]


def extract_units(doc: Document) -> list[PlanUnit]:
    reader = _Reader(doc)
    mode = "body"  # body | objectives (INM table) | actions (Pôle table)
    block: list[tuple[str, int]] = []  # lines since the last unit or action table header
    in_container = in_means_table = False
    objectives_by_title = {}
    declared = _declared_levels(doc)
    for text, start in _pieces(doc.text):
        if _CONTAINER_RE.match(text):
            if mode == "actions":
                _close_action(reader, block)
            in_container, mode = True, "body"
            in_means_table = bool(_MEANS_TABLE_RE.match(text))
            objectives_by_title = {_skeleton(d.title): i for i, d in enumerate(reader.drafts) if d.kind == "objectif"}
            continue
        if in_means_table:
            _read_means_row(reader, text, start, objectives_by_title)
            continue
        heading = _heading(text) or _numbered_heading(text, declared)
        if mode == "actions" and heading:
            _close_action(reader, block)
        if heading and not in_container:
            kind, code, title = heading
            reader.open(kind, code, title, start)
            mode, block = "body", []
            continue
        current = reader.current()
        if _OBJECTIVE_TABLE_RE.match(text):
            mode = "objectives"
            continue
        if _ACTION_TABLE_RE.match(text):
            rest = _close_action(reader, block) if mode == "actions" else action_tables.cells(block)
            begun = action_tables.action_start(rest)
            if begun is not None:
                action = reader.open("action", "", begun.name or begun.description, begun.start)
                action.lines.extend([begun.description] if begun.name else [])
            mode, block = "actions", []
            continue
        if mode == "actions":
            block.append((text, start))
            continue
        if mode == "objectives" and is_heading(text):
            mode = "body"  # a heading ends the objectives table
        if mode == "objectives" and current is not None:
            for row in _objective_rows(text):
                target = _TARGET_RE.match(row)
                if target and reader.current() is not None and reader.current().kind == "objectif":
                    reader.current().indicators.append(target.group(1).strip(" .–-"))
                    reader.current().targets.append(target.group(2).strip())
                elif not target:
                    reader.open("objectif", "", row, start)
            continue
        if current is not None and not any(c.isalpha() for c in current.title):
            current.title = text
        elif current is not None and _LEAD_IN_RE.search(text):
            while current.listed and reader.stack[:-1]:
                reader.stack.pop()
                current = reader.drafts[reader.stack[-1]]
            current.lists = True
            current.lines.append(text)
        elif current is not None and (current.kind == "objectif" or current.listed or current.lists) and _is_action(text):
            reader.open("action", "", text, start).listed = True
        elif current is not None:
            current.lines.append(text)
        block.append((text, start))
        if len(block) > 3:
            block = block[-2:]
    if mode == "actions":
        _close_action(reader, block)
    return _finish(doc, reader.drafts)


def _finish(doc: Document, drafts: list[_Draft]) -> list[PlanUnit]:
    ids: list[str] = []
    counters: dict[str, int] = {}
    units: dict[str, PlanUnit] = {}
    for draft in drafts:
        counters[draft.kind] = counters.get(draft.kind, 0) + 1
        code = draft.code or f"{draft.kind.capitalize()} {counters[draft.kind]}"
        unit_id = f"{doc.meta.doc_id}:{slugify(code.replace('.', '-'))}"
        ids.append(unit_id)
        parent_id = ids[draft.parent] if draft.parent is not None else None
        section = next((s.path for s in reversed(doc.sections) if s.char_start <= draft.start), ())
        unit = PlanUnit(
            unit_id=unit_id,
            doc_id=doc.meta.doc_id,
            level=doc.meta.unit_levels.get(draft.kind, doc.meta.level),
            kind=draft.kind,
            code=code if draft.code else "",
            title=_clip(draft.title, _TITLE_MAX),
            text=_clip(" ".join([draft.title, *draft.lines]), _TEXT_MAX),
            section_path=section,
            page=doc.page_at(draft.start),
            indicators=tuple(draft.indicators),
            targets=tuple(draft.targets),
            parent_id=parent_id,
            char_start=draft.start,
        )
        previous = units.get(unit_id)
        if previous is None or len(unit.text) > len(previous.text):
            units[unit_id] = unit if previous is None else replace(unit, parent_id=unit.parent_id or previous.parent_id)
    return sorted(units.values(), key=lambda u: u.char_start)
