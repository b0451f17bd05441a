"""Recognise a plan's headings (orientations, axes, objectifs, mesures, numbered sections, tables).

Québec plans name their levels with a fixed vocabulary: ENJEU, ORIENTATION, AXE, OBJECTIF,
MESURE, MOYEN, ACTION, with numbers (``OBJECTIF 1.1``, ``MESURE 12``), numbered sections
(``2.1.3``), theme numbers (``01``–``04``) and summary tables (``TABLEAU …``). Each heading gets a
rank; a stack of open headings gives every position its section path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grammar import grammar
from .models import Section

_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_KEYWORDS = {"ENJEU": 11, "ORIENTATION": 12, "AXE": 13, "OBJECTIF": 14, "MESURE": 15, "MOYEN": 15, "ACTION": 15}
_CONTAINERS = ("TABLEAU", "ANNEXE", "GLOSSAIRE", "BIBLIOGRAPHIE", "RÉFÉRENCES", "LEXIQUE")
_KEYWORD_UPPER_RE = re.compile(r"^(?:L[’'])?(ENJEU|ORIENTATION|AXE|OBJECTIF|MESURE|MOYEN|ACTION|TH[ÈE]ME)S?\b(?![’'])")
_KEYWORD_TITLE_RE = re.compile(
    r"^(Enjeu|Orientation|Axe|Objectif|Mesure|Moyen|Action|Th[èe]me)s?\s+(?:n[oº°]\s*)?(?:\d{1,2}(?:\.\d{1,2})*\b|d[’']intervention|stratégique)"
)
_NUMBERED_RE = re.compile(rf"^(\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})\.?\s+[{_UPPER}]")
_THEME_RE = re.compile(rf"^0[1-9]\s+[{_UPPER}][a-zà-ÿ]")
# A section number after a sentence ("… d’études. 2.1.3. Soutenir la réussite …", "… émergents. 2.1."):
# two or three levels, or one level with its final dot, so "2.5 millions" is not one.
_INLINE_NUMBER = rf"\d{{1,2}}\.\d{{1,2}}(?:\.\d{{1,2}}\.?|\.)(?=\s+[{_UPPER}]|\s*$)"
_INLINE_KEYWORD_RE = re.compile(
    rf"(?<=\S)\s+(?=(?:L[’'])?(?:ENJEU|ORIENTATION|AXE|OBJECTIF|MESURE)(?:S?\s+\d|\s*$)|0[1-9]\s+[{_UPPER}][a-zà-ÿ]+\s|0[1-9]\s*$)"
    rf"|(?<=[.!?»)])\s+(?={_INLINE_NUMBER})"
)
_TRAILING_CAPS_RE = re.compile(
    rf"(?<=[a-zà-ÿ.;:,)»\d])\s+((?:\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+)?[{_UPPER}’'-]{{2,}}(?:[\s,/’'-]+[{_UPPER}’'-]{{2,}})+\s*:?)$"
)
_LEADING_CAPS_RE = re.compile(rf"^([{_UPPER}’'-]{{2,}}(?:\s+[{_UPPER}’'-]+)*)\s+(?=[{_UPPER}][a-zà-ÿ’']+\s)")
_BARE_KEYWORD_RE = re.compile(
    r"^(?:(?:L[’'])?(?:ENJEU|ORIENTATION|AXE|OBJECTIF|MESURE|MOYEN|ACTION|TH[ÈE]ME)S?\s*:?|0[1-9]|\d{1,2}(?:\.\d{1,2})+\.?)$"
)
_CITATION_RE = re.compile(r"\((?:19|20)\d{2}\)|\[En ligne\]|https?://")
_LABEL_MAX = 100


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def split_inline_headings(line: str) -> list[str]:
    """Split a line where a heading was run into body text by PDF reflow.

    ``… Cible : 31 mars 2013 ENJEU 2 :`` → body, ``ENJEU 2 :``;
    ``… des succès. TABLEAU DES AXES`` → body, ``TABLEAU DES AXES``;
    ``PRÉFACE Le Plan de la formation …`` → ``PRÉFACE``, body.
    """
    parts = [p for p in _INLINE_KEYWORD_RE.split(line) if p.strip()]
    if len(parts) == 2 and re.match(r"0[1-9]\b", parts[1].strip()) and (
            " " not in parts[0].strip() or re.fullmatch(r"0[1-9]", parts[1].strip()) and _names_level(parts[0].split()[-1])):
        # "AMBITION 01", "Mesure 01 Mener une campagne …": a heading's word and its number, its title on the next line
        # or after the number (test35's government plan); a level's number ending a line ("Tableau de bord –
        # Orientation 01", test47's research centre) is that level's too
        return [line]
    out: list[str] = []
    for part in parts:
        lead = _LEADING_CAPS_RE.match(part)
        if lead and _letters(lead.group(1)) >= 6 and not is_caps(part):
            out.append(lead.group(1))
            part = part[lead.end() :]
        trail = _TRAILING_CAPS_RE.search(part)
        if trail and _letters(trail.group(1)) >= 10 and not is_caps(part):
            out.extend([part[: trail.start()], trail.group(1)])
        else:
            out.append(part)
    return out


def _names_level(word: str) -> bool:
    """Whether a word names a level of the plan grammar ("Orientation", "l’orientation")."""
    return grammar().kind_of(re.split(r"[’']", word)[-1]) is not None


@dataclass(frozen=True)
class _Heading:
    rank: int
    label: str


def _classify(line: str) -> _Heading | None:
    text = line.strip()
    if not text or len(text) > 240:
        return None
    label = text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1].rstrip() + "…"
    upper = _KEYWORD_UPPER_RE.match(text)
    if upper and (is_caps(text[:60]) or re.match(r"^\S+\s*\d", text)):
        word = upper.group(1)
        return _Heading(_KEYWORDS.get(word, 1), label)
    title = _KEYWORD_TITLE_RE.match(text)
    if title:
        return _Heading(_KEYWORDS.get(title.group(1).upper(), 1), label)
    if text.startswith(_CONTAINERS) and is_caps(text[:40]):
        return _Heading(0, label)
    numbered = _NUMBERED_RE.match(text)
    if numbered and is_caps(text) and len(text) <= 160 and not _CITATION_RE.search(text):
        number = numbered.group(1)
        # "09 AMENER LES APPRENANTS …": a zero-padded number in capitals is a measure whose keyword was lost.
        return _Heading(15 if number.startswith("0") else number.count(".") + 1, label)
    if _THEME_RE.match(text):
        return _Heading(1, label)
    if is_caps(text) and len(text) <= 120 and _letters(text) >= 6 and not text.endswith((".", ",", ";")):
        return _Heading(20, label)
    return None


def is_bare_keyword(line: str) -> bool:
    """``MESURE`` alone on its line: its number and title follow on the next line."""
    return bool(_BARE_KEYWORD_RE.match(line.strip()))


def is_citation(line: str) -> bool:
    """A footnote or reference line (``3 GOUVERNEMENT DU QUÉBEC (2017). …``), never part of a heading."""
    return bool(_CITATION_RE.search(line))


def is_heading(line: str) -> bool:
    return _classify(line) is not None


def is_structural_heading(line: str) -> bool:
    """A heading of the plan's own hierarchy (keyword, numbered, theme, table), not just a line in capitals."""
    heading = _classify(line)
    return heading is not None and heading.rank < 20


def _top_headings(lines: list[str]) -> dict[int, _Heading]:
    """The first-level numbered headings ("2 AXES/ORIENTATIONS, OBJECTIFS ET MOYENS") by number."""
    tops: dict[int, _Heading] = {}
    for line in lines:
        heading, number = _classify(line), _NUMBERED_RE.match(line)
        if heading is not None and number and heading.rank == 1 and "." not in number.group(1):
            tops.setdefault(int(number.group(1)), heading)
    return tops


def find_sections(text: str) -> tuple[Section, ...]:
    """Every heading line of the cleaned text with its full section path."""
    sections: list[Section] = []
    stack: list[_Heading] = []
    offset = 0
    last_top = 0
    lines = text.split("\n")
    tops = _top_headings(lines)
    displaced: set[int] = set()
    for line in lines:
        heading = _classify(line)
        number = _NUMBERED_RE.match(line)
        if heading is not None and number and 1 <= heading.rank <= 4 and not _THEME_RE.match(line):
            # Numbered sections run in sequence; a footnote ("9 GOVERNMENT OF …") breaks it and is no heading.
            parts = [int(p) for p in number.group(1).split(".")]
            if parts[0] == last_top + 1 and len(parts) == 1:
                last_top = parts[0]
            elif parts[0] == last_top + 1 and parts[0] in tops:
                # "2.1 …" before "2 …": page layout moved the section's heading down; open it here.
                last_top = parts[0]
                displaced.add(parts[0])
                stack.clear()
                stack.append(tops[parts[0]])
                sections.append(Section(path=(tops[parts[0]].label,), char_start=offset))
            elif not (parts[0] == last_top and len(parts) > 1):
                heading = None
            if len(parts) == 1 and parts[0] in displaced:
                heading = None  # the moved heading itself, already open
        if heading is not None:
            if heading.rank == 0:
                stack.clear()
            elif 11 <= heading.rank < 20:
                while stack and (stack[-1].rank >= heading.rank or stack[-1].rank == 20):
                    stack.pop()
            else:
                while stack and stack[-1].rank >= heading.rank and stack[-1].rank != 0:
                    stack.pop()
            stack.append(heading)
            sections.append(Section(path=tuple(h.label for h in stack), char_start=offset))
        offset += len(line) + 1
    return tuple(sections)
