"""Plan units: the hierarchy of a plan (enjeux, orientations, axes, objectifs, mesures, moyens, actions …)
read from its cleaned text by one engine over the declared plan grammar (``grammar.py``,
``plan_grammar.toml``), line by line:

- headings labelled with a level word ("Enjeu 1 – …", "OBJECTIF 2.1.", "Axe d’intervention …") or
  only numbered ("1.1 …", "I. …", "A. …"), whose level the plan declares ("deux axes, six objectifs et
  quatorze actions", "2 AXES/ORIENTATIONS, OBJECTIFS ET MOYENS"), its catalog entry gives, or its
  numbering implies (1.2 under 1);
- a unit's rank: the order the plan declares, else the order in which its levels first appear; a
  number under another (1.2 under 1) is its child whatever the ranks;
- field lines (Indicateur, Cible, Échéance, Responsable, Budget, Partenaires) attach to the unit they
  follow; targets are parsed into values, units, deadlines and baselines (``targets.py``);
- items after a lead-in ("Moyens :", "Actions prévues") are units of the lead-in's level;
- pipe tables are read by column: a first column named for a level makes each row a unit, with its
  other columns as fields; a first column of fields gives the current unit its indicators and targets;
- three table layouts whose rows PDF extraction runs together: an objectives table
  (``Objectifs : Indicateurs - cible``), an action table (``Objectif Indicateur de l’action Cible``,
  see ``action_tables``) and a summary table of means (``TABLEAU … MOYENS``).

Units with the same kind and code (a heading repeated in a summary) are one unit; headings inside a
container (an appendix, a summary, an English summary) open no unit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import takewhile

from . import action_tables
from .action_tables import INFINITIVE_RE, INFINITIVE_SPLIT_RE
from .catalog import slugify
from .clean import BULLETS, LEADING_BULLETS, LISTED_BY_RE
from .grammar import (
    BRACKETED_NUMBER_RE,
    CAPTION_MAX,
    LEAD_MAX,
    MEASURES,
    NUMBER_LETTER,
    PLACE_CODE,
    RUN_IN_RE,
    TRAILING_BRACKET_RE,
    UNDER,
    Field,
    Grammar,
    Heading,
    bare_number,
    grammar,
    level_kinds,
    level_name,
    number_key,
    own_number,
    period,
    roman_value,
    row_cells,
    under,
)
from .models import Document, PlanUnit, Target
from .structure import is_caps, is_heading
from .targets import parse_target, stated_target

KINDS = level_kinds()
_TITLE_MAX = 240
_TEXT_MAX = 1500
# An item under a lead-in is a line of at most this many characters (a longer one is a paragraph and
# ends the list); measured on the bundled plans' actions and means (the longest is 229 characters).
_ITEM_MAX = 300
_ITEM_NUMBER_RE = re.compile(r"(\d{1,2})([a-z]?)")  # "3", "3a": an item numbered on, or under the one before
# Two sentences, whatever ends the first ("… d'ici 2029. Nous …"): a paragraph, not an item's one-sentence description
# (``_SENTENCES_RE`` below wants a letter before the stop, as its paragraph test always has).
_TWO_SENTENCES_RE = re.compile(r"[.!?]\s+[A-ZÀ-Þ]")
# The last words of a lead-in that is the start of a sentence the items end: "… a pour mandat de :", "… in order to:".
_CONTINUED = frozenset({"de", "d’", "à", "pour", "que", "qui", "et", "ou", "of", "to", "and", "or"})
_SENTENCES_RE = re.compile(r"[a-zà-ÿ)][.!?] [A-ZÀ-Þ]")  # a sentence ends and another begins: a paragraph
_CODE_PARTS_RE = re.compile(r"\d+|[^\W\d_]+")  # the parts of a unit's number: "1.1a" → 1, 1, a
_BARE_CODE_RE = re.compile(r"[A-Z]{1,3}-\d{1,2}\s+[^\W\d_]")  # a code and its title, no separator between
_SERIES_CODE_RE = re.compile(r"[A-Z]{1,3}\d{1,2}")  # a code of a series: "A1", "AC12"
_SERIES_RE = re.compile(r"[A-Z]{1,3}(?=\d)")  # the letters a code opens on: "P" of "P1", "P1-a"
_LETTERED_LEVEL_RE = re.compile(r"([A-Z]{1,3})[-.]?(\d{1,2}(?:\.\d{1,2})+)")  # a level's letter, dotted digits: "R1.1", "L1.1.1"
_LETTERED_RE = re.compile(r"[A-Z]{1,4}[-.]?\d")  # a code of letters, then digits: "GOV-01", "A1"
# A numbering depth that fewer than half of a level's headings have is not the plan's own: the MEES plan
# quotes a policy's "Orientation 2.2" and "Orientation 6.1" beside its own ORIENTATION 1, 2, 3.
_STRAY_SHARE = 0.5
# The title of one of a document's own numbered sections, "1. Contexte", "2. Démarche": a word, no list of things.
_SECTION_TITLE_RE = re.compile(r"^[A-ZÀ-Þ][^\W\d_]+(?:\s+(?:et|de|du|des|la|le|les|d[’']|l[’'])?\s*[^\W\d_][\w’'-]*){0,3}$")
# Targets given on one line, set apart by a semicolon with a space before it (French typography): "… 2025 ; 45 % en 2027".
_SEVERAL_RE = re.compile(r"\s+;\s+")
_WORDS_RE = re.compile(r"[^\W\d_]{2,}")  # a word, not a code's letter ("1.1 a)") nor a mark ("●", "X")
# A header in two languages: "Cible / Target 2026-2027", "Départ / Baseline (2023-2024)".
_LANGUAGES_RE = re.compile(r"\s+/\s+")
# A column header may name its field as the plan's own: "Notre cible pour 2028", "Nos indicateurs", "Our target".
_POSSESSIVE_RE = re.compile(r"^(?:notre|nos|our)\s+", re.IGNORECASE)
# A lead-in of one to three words, then a list's first item on the same line, marked by a number, a letter or a roman
# numeral ("Actions i. Aménager …", "Moyens a) Offrir …").
_MARGIN_LEAD_RE = re.compile(r"^([A-ZÀ-Þ][\w’'-]*(?: [\w’'-]+){0,2}) (?=\(?(?:[ivx]{1,5}|[a-z]|\d{1,2})[.)] [A-ZÀ-Þ])")
# An item's marker: a dash, "a)", "3)" or "3°" (the ordinal of Québec's statutes, which government plans number their actions
# with: "1° Concevoir …", test35), a number of its owner's numbering ("2.1.1 Offrir …", "A.1.1 Consolider …", "1A.1 — Mettre
# …" under objective 1A, a dash after it), or a
# code of its own ("C-01 Attribuer …": an MRC's actions coded by type; "1-A-1 Intégrer …": objective 1-A's first;
# "101 Réaliser …": numbered by hundreds, test60's city).
_ITEM_MARK_RE = re.compile(r"^(?:[-–—*➜▸►]\s+|\(?([ivx]{2,5}(?=[.)])|[a-z](?=[.)])|\d{1,2}(?=[)°]))[.)°]\s+|((?:\d{1,2}|[A-Z])(?:\.\d{1,2}){1,3}(?:\.[a-z](?=\s))?|\d{1,2}[a-z](?=\s)|"
                           rf"{NUMBER_LETTER}(?:\.\d{{1,2}}){{1,2}}|{PLACE_CODE}(?=\s))\.?\s+(?:[–—]\s+)?(?=\S)|"
                           r"(?P<code>[A-Z]{1,4}-\d{1,3}|\d{1,2}-[A-Z]-\d{1,2}|[A-Z]{1,3}\d{1,2}(?:\.\d{1,2})?-[a-z]|[1-9]\d{2})\s+(?=[A-ZÀ-Þ]))")
# A code numbered by hundreds, its first digit its top unit's number ("101", "102" under "Champ d'action 1", test60).
_HUNDREDS_RE = re.compile(r"([1-9])\d{2}")
_LEVEL_TAIL_RE = re.compile(r"\s\((?P<reference>[^\W\d_][^()]{2,40})\)\s*$")  # "… (objectif 1.1)": a level named last
_SUB_CODE_RE = re.compile(r"([A-Z]{1,3}\d{1,2}(?:\.\d{1,2})?)-[a-z]")  # "A1-a": the first item under A1
# A summary table of objectives and their means ("TABLEAU DES AXES, OBJECTIFS ET MOYENS").
_MEANS_TABLE_RE = re.compile(r"^TABLEAU\b.*\bMOYENS\b")
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


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# A generic subheading joined to a heading in capitals ("ENJEU 1 : LE DÉPLOIEMENT … LE CONTEXTE").
_SUBHEADING_TAIL_RE = re.compile(r"\s+(?:LE CONTEXTE|MISE EN CONTEXTE|CONTEXTE|INTRODUCTION)$")


@dataclass
class _Draft:
    kind: str
    code: str
    title: str
    start: int
    number: str = ""
    parent: int | None = None
    lines: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    listed: bool = False  # an item of a list under a lead-in (or of a list the catalog declares)
    lists: str | None = None  # the kind of the items a lead-in announced under this unit
    marked: bool = False  # its list's items carry a marker ("- ", "a) ")
    labelled: bool = True  # its heading named its level
    named: bool = True  # … in its own words ("Mesure 01"), not by a lead-in above it ("Ce que nous ferons" / "1. …")
    tabled: bool = False  # a table's row opened it
    carried_fields: int = 0  # how many of its fields its own line carried at its end ("Réaliser … [Porteur : …]")
    # A line made a unit by the field lines under it: "indicateur" when they measure it (Indicateur, Cible), "execution"
    # when they assign it (Responsable, Échéance, Budget); "list" by a lead-in under it (_titled_by_list); "" for any other.
    carried: str = ""
    baseline: str | None = None  # a starting value given before the target it goes with ("Valeur de départ : …")
    # Where the measures under a caption after its own fields began (indicators, targets): a unit its plan names, so
    # they stay its own, unless the plan's layout shows they close its parent's list (_closed).
    closing: tuple[int, int] | None = None

    @property
    def fielded(self) -> bool:
        """Whether it has fields, targets or indicators of its own."""
        return bool(self.fields or self.targets or self.indicators)


class _Reader:
    """Reads a document's lines into unit drafts, keeping the stack of open units for parent links."""

    def __init__(self, doc: Document, ranks: dict[str, int], alone: dict[str, str]) -> None:
        self.doc = doc
        self.ranks = ranks
        self.alone = alone  # a level → the one it is in a plan without that one (Grammar.alone)
        self.drafts: list[_Draft] = []
        self.stack: list[int] = []
        self.caption: _Draft | None = None  # the unit a caption of fields spoke of ("Indicateurs du chantier A :")
        self.last_line: tuple[str, int] | None = None  # the line just read into the current unit's text
        # The unit the measure line just read named by its tag ("[1a] …"), and the indicator it named if it gave no figure
        self.tags: tuple[_Draft, str | None] | None = None
        self.caption_year: str | None = None  # the target year a legend under the caption gives ("… → cible 2028")
        self.periods: list[str] = []  # a PDF's table header of years read as a line ("2023-2024 2024-2025 …")
        self.measured = False  # … or of an indicator and its target ("Indicateur Cible"): the next line is its row
        # The level a section lists under the units it names again: "Moyens retenus par les établissements", then
        # "1re orientation — Réussite éducative" and its moyens.
        self.grouped: str | None = None
        # The fields of units named by their number before they appear: "| 1.1 | Taux de réussite … | 84 % |" in a box
        # of the targets of the objectives a cégep's plan de travail then lists its actions under (test43)
        self.ahead: dict[str, list[list[Field]]] = {}

    def _rank(self, draft: _Draft) -> int:
        # Listed items sit below every heading: a heading always closes the list it follows.
        return len(self.ranks) if draft.listed else self.ranks[draft.kind]

    def open(self, kind: str, code: str, title: str, start: int, number: str = "", listed: bool = False) -> _Draft:
        number = own_number(kind, number)  # "O-1.1" sits under "1" as "1.1" does; its code stays as printed
        draft = _Draft(kind, code, title, start, number=number, listed=listed)
        self.caption = None
        self.last_line = None
        while self.stack:
            top = self.drafts[self.stack[-1]]
            if self._rank(top) <= self._rank(draft) and under(number, top.number):
                break
            # (A number beside the open unit's makes a sibling of it, unless the two are of different levels: "Mesure
            # 1.3" under "Objectif 1.2" in a plan that numbers its mesures by axe.)
            if self._rank(top) < self._rank(draft) and not (_beside(number, top.number) and top.kind == kind):
                break
            self.stack.pop()
        draft.parent = self.stack[-1] if self.stack else None
        self.drafts.append(draft)
        self.stack.append(len(self.drafts) - 1)
        for fields in self.ahead.pop(code, []):
            _attach(self, fields, draft)
        return draft

    def drop_last(self) -> None:
        """Take back the draft ``open`` made last, and its place at the top of the stack."""
        self.drafts.pop()
        self.stack.pop()

    def current(self) -> _Draft | None:
        return self.drafts[self.stack[-1]] if self.stack else None

    def named(self, name: tuple[str, str] | None) -> _Draft | None:
        """The last unit met of a (kind, number) a caption names."""
        if name is None:
            return None
        code = _code(*name)
        found = next((d for d in reversed(self.drafts) if d.code == code), None)
        if found is None and not any(d.kind == name[0] for d in self.drafts):
            # "| 1 — Sensibiliser … |" under "| Objectif |" in a plan whose objectifs are its "Objectif spécifique 1"
            # (a level alone is the one above it, plan_grammar.toml)
            codes = {_code(kind, name[1]) for kind, above in self.alone.items() if above == name[0]}
            found = next((d for d in reversed(self.drafts) if d.code in codes), None)
        if found is None and not name[1].isdigit():
            # "| A1a | Direction de la planification | 2027 |": action a of objective A1, by its number under the units
            # above it (test52's transit plan)
            compact = _NUMBER_JOINS_RE.sub("", name[1])
            found = next((d for d in reversed(self.drafts) if d.kind == name[0] and d.number
                          and _NUMBER_JOINS_RE.sub("", _full_number(self, d)) == compact), None)
        return found

    def lister(self) -> _Draft | None:
        """The innermost open unit whose lead-in announced a list."""
        return next((self.drafts[i] for i in reversed(self.stack) if self.drafts[i].lists), None)

    def close_list(self) -> _Draft | None:
        """Leave the list items open at the top: the unit they belong to is current again."""
        while self.stack[:-1] and self.drafts[self.stack[-1]].listed:
            self.stack.pop()
        return self.current()


def _relative(number: str) -> bool:
    """A letter ("A", "b", "iv"): lettering starts again under each parent, where numbers often run across the plan
    ("Mesure 9" under the third axe)."""
    return number.isalpha()


def _beside(number: str, other: str) -> bool:
    """Same depth of the same decimal numbering, other numbers (1.2 and 1.3; not 1 and 1.1)."""
    return (bool(number and other) and number[0].isdigit() and other[0].isdigit()
            and number.count(".") == other.count(".") and number.count(".") > 0)


def _pieces(text: str) -> Iterator[tuple[str, int]]:
    """Non-empty lines with their offsets; an action table header run into a line stands apart."""
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        for piece in _ACTION_TABLE_SPLIT_RE.split(line):
            if piece.strip():
                yield piece.strip(), start + max(0, line.find(piece.strip()))


def _run_in_items(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, a list run into its lead-in's line ("Ce que nous ferons : (1) Réaliser … [Porteur : …]; (2) Soutenir
    …", test46's public-health plan; "Pour y parvenir, l'Ordre entend : (1) élaborer …; et (2) réviser …", test31's
    professional order) cut into the lead-in and one line per item: the enumerators count from 1 or a, one by one.
    (Not after words the grammar does not read as a lead-in, "Concrètement, l'Ordre va : (1) …": the reader would not
    know the items for a list, and would give them the unit's field lines below.)"""
    out: list[tuple[str, int]] = []
    for text, start in lines:
        head, colon, rest = text.partition(" : ")
        items = (_enumerated(rest) if colon and len(head) <= LEAD_MAX and not text.startswith("|")
                 and g.lead_in(head + " :") else [])
        if (not items and (margin := _MARGIN_LEAD_RE.match(text)) and g.lead_in(margin.group(1) + " :")
                and not ((heading := g.heading(text)) is not None and heading.labelled and heading.number)):
            # "Actions i. Aménager un local refuge …": a lead-in in the margin, the first item beside it on the PDF's
            # line (structure/test57's heat plan); not "Mesure 2. Outiller …", a unit's heading (test60's ministry)
            out.extend([(margin.group(1) + " :", start), (text[margin.end():], start + margin.end())])
            continue
        if not items:
            out.append((text, start))
            continue
        at = start + len(head) + len(colon)
        out.append((head + " :", start))
        out.extend((item, at + offset) for offset, item in items)
    return out


def _enumerated(text: str) -> list[tuple[int, str]]:
    """The items a text runs together, each with its offset, when enumerators open it and count from 1 or a, one by one:
    "(1) Réaliser …; (2) Soutenir …", "a) Administrer … b) Transmettre …"; [] for any other text."""
    marks = list(RUN_IN_RE.finditer(text))
    counted = list(range(1, len(marks) + 1))
    # in figures, in letters, or in small roman numerals ("Moyens d'action : (i) distribuer …; (ii) accompagner …",
    # structure/test57's public-health plan)
    values = [int(m.group(1)) if m.group(1).isdigit() else ord(m.group(1)) - ord("a") + 1 if len(m.group(1)) == 1 else 0
              for m in marks]
    if values != counted:
        values = [roman_value(m.group(1)) for m in marks]
    if len(marks) < 2 or marks[0].start() != 0 or values != counted:
        return []
    # ("…; et (2) …": the conjunction before the last item is neither's)
    return [(m.start(), re.sub(r"\s+et$", "", text[m.start() : end].strip()).rstrip(";,. "))
            for m, end in zip(marks, [*(m.start() for m in marks[1:]), len(text)])]


def _fiche_tables(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, a table of two columns whose every row opens on a level's heading or a field's or a list's name
    ("| OBJECTIF 1 | Réduire le taux d'abandon … |" over "| Indicateur | … |", "| Cible 2027 | 14 % |", "| Moyens
    retenus | • Rencontrer … • Offrir … |", "| Responsables | … |": a fiche, test47's vocational centre) read as the
    lines it lays out: "OBJECTIF 1 : Réduire …", "Indicateur : …", "Moyens retenus :" and one line per item."""
    def named(cell: str) -> bool:  # a level's word and number alone ("OBJECTIF 1"), its title in the next cell
        heading = g.heading(cell)
        return (heading is not None and heading.labelled and bool(heading.number) and not heading.title
                or bool(g.fields(cell + " :")) or bool(g.lead_in(cell + " :")))

    def header(j: int) -> bool:  # a row over a rule: a table's first
        return j + 1 < len(lines) and not _TABLE_RULE_RE.match(lines[j][0]) and bool(_TABLE_RULE_RE.match(lines[j + 1][0]))

    out: list[tuple[str, int]] = []
    i = 0
    while i < len(lines):
        block = [lines[i]] if lines[i][0].startswith("|") else []
        while block and i + len(block) < len(lines) and lines[i + len(block)][0].startswith("|") and not header(i + len(block)):
            block.append(lines[i + len(block)])
        rows = [(row_cells(text), at) for text, at in block if not _TABLE_RULE_RE.match(text)]
        if (not rows or not all(len(cells) == 2 and cells[1] and named(cells[0]) for cells, _ in rows)
                or not ((top := g.heading(rows[0][0][0])) and top.number)):
            # (a fiche opens on its unit: not "| Actions | Indicateurs et cibles |", nor "| Chantier | Cible 2030 |"
            # over "| Chantier 1 | Transport routier : – 25 % de GES d'ici 2030 |", a table restating the targets)
            out += block or [lines[i]]
            i += len(block) or 1
            continue
        for (label, value), at in rows:
            items = [item.strip() for item in value.split("•") if item.strip()] if g.lead_in(label + " :") else []
            if len(items) >= 2:
                out += [(label + " :", at), *((f"- {item}", at) for item in items)]
            else:
                out.append((f"{label} : {value}", at))
        i += len(block)
    return out


def _headed_tables(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, a table headed by a unit's heading beside its measures' columns ("| Stratégie 1A – Compléter … |
    Indicateur de suivi | Situation 2025 | Cible | Échéance |", a heading a PDF prints beside its table, test46's cycling
    plan; most of the other columns, two at least, name fields) read as the heading, the first column's cells as its
    text, then the table of the other columns."""
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(lines):
        text, start = lines[i]
        cells = row_cells(text) if text.startswith("|") else []
        heading = g.heading(cells[0]) if len(cells) >= 3 else None
        if (heading is None or not heading.labelled or not heading.number or i + 1 >= len(lines)
                or not _TABLE_RULE_RE.match(lines[i + 1][0])
                or (named := sum(_column(g, cell) is not None for cell in cells[1:])) < 2 or named * 2 <= len(cells) - 1):
            out.append((text, start))
            i += 1
            continue
        rows = list(takewhile(lambda line: line[0].startswith("|"), lines[i + 2 :]))
        # (A PDF may run the tables of several such headings into one: "| Stratégie 1B – … | Indicateur de suivi | …"
        # is then a row, the next heading.)
        groups: list[tuple[tuple[str, int], list[tuple[list[str], int]]]] = [((cells[0], start), [])]
        for row, at in rows:
            row_of = row_cells(row)
            if row_of[1:] == cells[1:] and (next_heading := g.heading(row_of[0])) and next_heading.labelled:
                groups.append(((row_of[0], at), []))
            else:
                groups[-1][1].append((row_of, at))
        for heading_line, body in groups:
            out += [heading_line, *((row[0], at) for row, at in body if row[0]),
                    ("| " + " | ".join(cells[1:]) + " |", heading_line[1]), ("|" + "---|" * (len(cells) - 1), heading_line[1]),
                    *(("| " + " | ".join(row[1:]) + " |", at) for row, at in body)]
        i += 2 + len(rows)
    return out


def _numbered_below(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, a level's word alone over its number alone ("PRIORITÉ" / "1", a card's large number; "Axe" / "A", a
    badge's letter under its small label, test62's city plan) or over its number and title ("Axe" / "A » Attirer …")
    made one heading line ("PRIORITÉ 1")."""
    out: list[tuple[str, int]] = []
    for text, start in lines:
        above = out[-1][0] if out else ""
        worded = above[:1].isupper() and g.level_word(above)  # (before the line is read as a heading: most lines are not)
        if worded and (len(text) <= 4 and bare_number(text) or (h := g.heading(text)) is not None and not h.labelled and h.number):
            out[-1] = (f"{above} {text}", out[-1][1])
        else:
            out.append((text, start))
    return out


def _headings_out_of_tables(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, the last row of a table of numbered rows made a heading line when it is a heading the PDF's reader ran
    into the table above it: "| 1.3 | Accroître l'offre de logements abordables | | | |" after the rows "| 1.2.1 | … |"
    to "| 1.2.3 | … |" (its number shallower than theirs, no cell after its title; session 47's newcomer housing office)."""
    out = list(lines)
    for i, (text, start) in enumerate(lines):
        if not text.startswith("|") or i + 1 < len(lines) and lines[i + 1][0].startswith("|") or i < 1:
            continue
        cells, above = row_cells(text), row_cells(lines[i - 1][0]) if lines[i - 1][0].startswith("|") else []
        number, before = (bare_number(cells[0]) if cells else None), (bare_number(above[0]) if above else None)
        if (number and before and len(cells) > 2 and cells[1] and not any(cells[2:])
                and (probe := g.probe(number)) is not None and (last := g.probe(before)) is not None
                and probe.scheme == last.scheme and probe.depth < last.depth and not under(before, number)):
            out[i] = (f"{number} {cells[1]}", start)
    return out


def _levels_after_titles(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, a heading that names its level and number after its title in brackets ("Améliorer la ventilation des
    bâtiments scolaires (orientation 2)", test55's ministry plan) written as the grammar reads headings ("Orientation 2 –
    Améliorer …"), in a plan that heads two of its levels so: one level named so refers to units ("★ Des sorties de plein
    air dans 1 500 écoles (mesure 5)", test38's key figures, where "Mesure 5 – …" heads the unit). Not a sentence ("… la
    cible (objectif 2.1)." ends on its period)."""
    found: dict[int, tuple[str | None, str]] = {}
    for i, (text, _) in enumerate(lines):
        tail = _LEVEL_TAIL_RE.search(text) if len(text) <= 200 and text.endswith(")") else None
        named = g.reference_re.fullmatch(tail.group("reference")) if tail else None
        title = text[: tail.start()].strip() if tail else ""
        if (named is not None and title[:1].isupper() and not title.endswith((".", ":", ";", ",")) and len(title.split()) >= 3
                and g.heading(title) is None and not g.fields(title)):
            word = named.group("word")
            found[i] = (g.kind_of(word), f"{word[:1].upper()}{word[1:]} {named.group('number')} – {title}")
    if len({kind for kind, _ in found.values()}) < 2:
        return lines
    return [(found[i][1], start) if i in found else (text, start) for i, (text, start) in enumerate(lines)]


def _measured_items(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, the items under a caption of the plan's own words that measure its unit made field lines: "On saura que
    c'est réussi si…" over "- Fréquentation payante : 42 000 entrées en 2029 (36 800 entrées en 2024)" and
    "- Proportion des spectacles présentés en français : 85 % ou plus" (test42's festival) → "Indicateur : Fréquentation
    payante | Cible : 42 000 entrées …". Two items or more, each a name and a figure after its colon, one at least a
    dated target (``_measure_line``): the caption says what they are, whatever its words."""
    out = list(lines)
    for i, (text, _) in enumerate(lines):
        if (len(text) > CAPTION_MAX or text.endswith((".", ";", ",")) or ":" in text.rstrip(" :") or g.fields(text)
                or _SENTENCES_RE.search(text) or g.heading(text) is not None or g.names_fields(text) or text.startswith("|")):
            continue  # (a caption the grammar knows, "Indicateurs et cibles du chantier A :", is read as such)
        items = list(takewhile(lambda item: item[1] is not None, ((line, _measure_item(g, line[0])) for line in lines[i + 1 :])))
        if len(items) >= 2 and any(_measure_line(g, line) for (line, _), _ in items):
            for j, ((_, start), (label, value)) in enumerate(items, start=i + 1):
                out[j] = (f"Indicateur : {label} | Cible : {value}", start)
    return out


def _measure_item(g: Grammar, line: str) -> tuple[str, str] | None:
    """An indicator's name and its figure, "Proportion des spectacles présentés en français : 85 % ou plus"; None for
    any other line."""
    if line.startswith("|"):
        return None
    body = LISTED_BY_RE.sub("", _DASH_ITEM_RE.sub("", line))  # (nor the code it is listed by: "RC 1.1 · Demandes …")
    label, colon, value = body.partition(" : ")
    if (not colon or not _FIGURE_START_RE.match(value) or len(label) > 2 * CAPTION_MAX or _SENTENCES_RE.search(label)
            or not re.search(r"[^\W\d_]{3}", label) or g.fields(label + " :") or g.field_re.search(line)):
        return None  # (nor "Nombre d'entreprises membres — cible : 650 en 2028": a field line of its own)
    return label.strip(), value.strip()


def _labelled_values(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, a fiche printed as a definition list, each field's label alone on its line over its value ("Porteur" /
    "Service de développement économique" / "Partenaires" / "Municipalités locales", test35's MRC plan), made field
    lines ("Porteur : Service …"). Two such pairs in a row at least: a label alone over a list ("Indicateurs" over its
    items) captions them."""
    def pair(i: int) -> bool:
        if i + 1 >= len(lines) or not g.is_label(lines[i][0]):
            return False
        value = lines[i + 1][0]
        return (not g.is_label(value) and not value.startswith("|") and len(value) <= 200 and g.heading(value) is None
                and not g.fields(value) and not g.lead_in(value))

    out: list[tuple[str, int]] = []
    i, merging = 0, False  # merging: the pair before was one of the fiche's
    while i < len(lines):
        merging = pair(i) and (merging or pair(i + 2))
        if merging:
            out.append((f"{lines[i][0]} : {lines[i + 1][0]}", lines[i][1]))
            i += 2
        else:
            out.append(lines[i])
            i += 1
    return out


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


def _next_in_sequence(number: str, reader: _Reader, lister: _Draft) -> bool:
    """``number`` follows the last unit of the kind ``lister`` lists read so far: 1 when there is none or when the
    lister has none yet (the numbers start again under each unit), else the next number ("4" after "3") or a letter
    under it ("3a" after "3", "3b" after "3a"). A number may carry the level's initial: "M1", "M2" after "Moyens", "M-01"
    after "Mesures"."""
    kind = lister.lists
    initial = level_name(kind)[:1].upper()

    def bare(code: str) -> str:  # "M2", "M-02" (test54's ministry plan): 2
        m = re.fullmatch(rf"{initial}-?(\d{{1,3}})", code)
        return str(int(m.group(1))) if m else code

    number = bare(number)
    last = next((d.number for d in reversed(reader.drafts) if d.kind == kind and d.number), None)
    last = bare(last) if last else last
    if not _ITEM_NUMBER_RE.fullmatch(number):
        return False
    if last is None or number == "1":
        return number == "1" and not any(d.kind == kind for d in _children(reader, lister))
    before = _ITEM_NUMBER_RE.fullmatch(last)
    if before is None:
        return False
    head, letter = before.groups()
    return number == str(int(head) + 1) or number == f"{head}{chr(ord(letter) + 1) if letter else 'a'}"


def _series_before(reader: _Reader, number: str) -> _Draft | None:
    """The unit a code of a series follows ("M-01" for "M-02"), read last; None when the code is no next one."""
    m = _RUNNING_CODE_RE.fullmatch(number)
    if m is None:
        return None
    last, before = next(((d, c) for d in reversed(reader.drafts) if (c := _RUNNING_CODE_RE.fullmatch(d.number or ""))),
                        (None, None))
    return last if before and before.group(1) == m.group(1) and int(before.group(2)) + 1 == int(m.group(2)) else None


_RUNNING_CODE_RE = re.compile(r"([A-Z]{1,3})-(\d{1,3})")  # a running code with its level's initial: "M-01", "A-12"
_VALUED_RE = re.compile(r"\s:\s+\S*\d")  # a value after a label: "Nombre de témoignages (objectif 2) : 40 …"


def _names_unit(reader: _Reader, g: Grammar, line: str) -> bool:
    """A short title naming a unit met above, stating nothing to do nor a value: "Suivi de la priorité 4"."""
    return (len(line) <= CAPTION_MAX and not line.endswith((".", ";", ",", ":")) and not INFINITIVE_RE.match(line)
            and not _VALUED_RE.search(line) and reader.named(g.named_unit(line)) is not None)


def _for_unit(reader: _Reader, g: Grammar, line: str) -> _Draft | None:
    """The unit met above a line names to say what follows is its own: "Pour l'objectif 1.1 :", "For objective 2:"."""
    if not line.endswith(":") or len(line) > CAPTION_MAX or not _FOR_UNIT_RE.match(line):
        return None
    if (named := reader.named(g.named_unit(line))) is not None:
        return named
    # "Pour atteindre le résultat 1.1 :" in a plan whose table named its "résultats visés" (a word of no level): the
    # one unit met above with that number, whatever the plan calls it (structure/test58's justice centre)
    if (number := _TRAILING_NUMBER_RE.search(line)) is None:
        return None
    found = {d.code: d for d in reader.drafts if d.number and _full_number(reader, d) == number.group(1)}
    return next(iter(found.values())) if len(found) == 1 else None


def _breaks_the_verbs(reader: _Reader, owner: _Draft, line: str) -> bool:
    """A line with no verb first after items that each open on one ("Produire …", "Financer …" / "Mise en œuvre et
    suivi"): a heading after the list, not its next item."""
    items = [d.title for d in _children(reader, owner) if d.listed]
    return len(items) >= 2 and all(INFINITIVE_RE.match(t) for t in items) and not INFINITIVE_RE.match(line)


def _title_case(line: str) -> bool:
    """A short English title: every word of four letters or more capitalised, two at least, no final stop."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line) if len(w) >= 4]
    return (len(line) <= 60 and len(words) >= 2 and all(w[0].isupper() for w in words)
            and not line.endswith((".", ";", ",", ":")) and not is_caps(line))


def _is_action(line: str) -> bool:
    """A short line stating something to do: an item of a list the catalog declares under a unit."""
    return len(line) <= _ITEM_MAX and bool(INFINITIVE_RE.match(line))


def _states_actions(cell: str) -> bool:
    """A table cell listing things to do, or stating one ("• Aménager 6 km de sentiers • Acquérir …")."""
    return any(_is_action(part.strip(" -–")) for part in _CELL_ITEM_RE.split(cell))


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
            reader.open("moyen", "", phrase, start, listed=True)


def _close_action(reader: _Reader, row: list[tuple[str, int]]) -> list[action_tables.Cell]:
    """Give the open action its objective, indicators and targets; the cells left after them."""
    cells = action_tables.cells(row)
    current = reader.current()
    if current is None or current.kind != "action":
        return cells
    end, rest = action_tables.action_end(cells)
    current.lines.append(end.objective)
    current.indicators.extend(end.indicators)
    current.targets.extend(parse_target(t) for t in end.targets)
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


@dataclass(frozen=True)
class _Plan:
    """What a plan says of its own structure, read once before its units."""

    grammar: Grammar
    ranks: dict[str, int]  # kind → rank in this plan (0 the broadest)
    declared: tuple[str, ...]  # the levels the plan (or its catalog entry) declares, in order
    within: str  # the section number the declaration speaks of ("2"), or "" for the whole plan
    by_depth: dict[tuple[str, int], str]  # (scheme, depth) → kind of the labelled headings numbered so
    series: dict[tuple[str, int], frozenset[str]]  # (scheme, depth) → the letters the labelled headings' codes open on
    romans: bool  # the plan numbers with roman numerals beyond "I"
    stray: frozenset[tuple[str, int]]  # (kind, depth) of labelled headings that are not the plan's
    schemes: tuple[str, ...]  # the numberings of unlabelled headings other than decimal depths, first seen first
    sections: frozenset[str]  # the numberings first seen before the plan's first labelled heading: the document's own
    counted: dict[tuple[str, int], str]  # (scheme, depth) → the level the plan counts as many units of
    labelled: frozenset[str]  # the kinds the plan's headings name
    named: frozenset[str]  # … and its tables' headers
    contained: tuple[bool, ...]  # per line: it stands in a container, whose headings restate units
    said: Counter[str]  # how often the plan speaks of each level in the plural
    kickers: dict[str, Heading]  # the lines that name a level alone over each of its units (``_kickers``)
    titled: dict[int, Heading]  # by line, those alone that an overview names as units of a level no heading names (``_titled``)
    rows_at: dict[tuple[str, int], str]  # (scheme, depth) → the level of a numbered table's rows of that depth
    # the numberings of unlabelled headings before the first labelled one whose numbers come again after it ("①")
    numbered_again: frozenset[str]

    @classmethod
    def read(cls, doc: Document, lines: list[tuple[str, int]]) -> _Plan:
        g = grammar(doc.meta.structure)
        declared, within = g.declared_levels(doc.text)
        appear: list[str] = []
        tabled: set[str] = set()
        rows_at: dict[tuple[str, int], str] = {}  # (scheme, depth) → the level a table's numbered rows of that depth are
        by_depth: dict[tuple[str, int], str] = {}
        series: dict[tuple[str, int], set[str]] = {}
        romans = False
        numberings: Counter[tuple[str, int]] = Counter()
        unlabelled: list[Heading] = []
        after_labelled: list[Heading] = []  # those that come after the plan's first labelled heading
        before_labelled: list[Heading] = []
        contained_lines = tuple(_contained(g, lines))
        kickers = _kickers(g, lines, list(contained_lines))
        for i, ((text, _), contained) in enumerate(zip(lines, contained_lines)):
            if text.startswith("|") and not contained and i + 1 < len(lines) and _TABLE_RULE_RE.match(lines[i + 1][0]):
                # A table's header names the plan's levels as its headings do ("| N° | Obstacle | Mesure |"), though
                # not in their order.
                header = row_cells(text)
                tabled.update(kind for cell in header if (kind := g.level_named(cell)) and not _column(g, cell))
                if (len(header) > 1 and g.numbers_column(header[0]) and (kind := g.column_kind(header[1]))
                        and (first := _first_row(lines, i)) and (number := bare_number(first[0]))
                        and (probe := g.probe(number)) is not None and probe.depth >= 2):
                    # "| N° | Action | … |" over "| 1.1.1 | Mettre à jour … |": the level of that depth (``kind_of``)
                    rows_at.setdefault((probe.scheme, probe.depth), kind)
                continue
            heading = g.heading(text) or kickers.get(text)
            if heading is None or contained:
                continue
            romans = romans or (heading.scheme == "roman" and heading.number != "I")
            if heading.kind is None and heading.scheme != "lower":
                unlabelled.append(heading)
                (after_labelled if appear else before_labelled).append(heading)
            if heading.kind is not None and not heading.number and bare_number(heading.title):
                continue  # "Orientation : 1" under an objective: the unit it is under, named (test60's MRC), no heading
            if heading.kind is not None:
                appear.extend([heading.kind] if heading.kind not in appear else [])
                numberings[heading.kind, heading.depth] += 1
                if heading.depth >= 2:
                    by_depth.setdefault((heading.scheme, heading.depth), heading.kind)
                    if letters := _SERIES_RE.match(heading.number):
                        series.setdefault((heading.scheme, heading.depth), set()).add(letters.group())
        per_kind = Counter(kind for kind, _ in numberings.elements())
        # A numbering a level seldom has in this plan is another document's ("Orientation 2.2. : …" quoted
        # from a policy, where the plan's own orientations are 1, 2, 3). An unnumbered one has no numbering to
        # stray from ("Objectif : …" among "Objectif 1.1 …").
        stray = frozenset(key for key, n in numberings.items() if key[1] and n < _STRAY_SHARE * per_kind[key[0]])
        order = _merge(appear, declared, g.ranks)
        order += [k for k in KINDS if k not in order]
        nested = any(h.scheme != "decimal" for h in unlabelled)
        # The numberings that may carry the levels the labelled headings leave. Where the plan labels some
        # headings, a numbering first seen before them numbers the document's sections ("I. MESSAGE …",
        # "IV. L'ARCHITECTURE DU PLAN"), not a level under them, nor is it when it goes on after them ("VI. MISE EN
        # ŒUVRE", test2's research plan).
        # (A numbering seen twice at least: "V." alone before "Priorité 1" may be a letter; and going on, its numbers not
        # seen again: "①" to "⑩" in a summary up front, then "① Améliorer l'accès …" under the first perspective, test26.)
        seen = [(_scheme_key(h, (), nested), h.number) for h in before_labelled]
        again = {key for h in after_labelled if ((key := _scheme_key(h, (), nested)), h.number) in set(seen)}
        sections = frozenset(key for key, n in Counter(key for key, _ in seen).items()
                             if n >= 2 and key != "decimal" and key not in again) if appear else frozenset()
        scope = after_labelled if appear else unlabelled
        schemes = tuple(dict.fromkeys(key for h in scope if (key := _scheme_key(h, (), nested)) != "decimal"))
        counted, section = _counted(g.level_counts(doc.text), [k for k in declared if k not in appear], unlabelled)
        titled = {i: h for i, h in _titled(g, lines, contained_lines).items()
                  if h.kind not in appear and (not declared or h.kind in declared)}
        numbered_after = {(h.scheme, h.number) for h in after_labelled}
        return cls(g, {k: i for i, k in enumerate(order)}, declared, within or section, by_depth,
                   {key: frozenset(letters) for key, letters in series.items()}, romans, stray, schemes, sections, counted,
                   frozenset(appear), frozenset(appear) | tabled, contained_lines, g.plurals_said(doc.text), kickers, titled,
                   rows_at, frozenset(h.scheme for h in before_labelled if (h.scheme, h.number) in numbered_after))

    def accepts(self, heading: Heading) -> bool:
        return (heading.kind, heading.depth) not in self.stray

    def number(self, heading: Heading) -> Heading:
        """A lone "I" is a letter in a plan that has no "II"."""
        if heading.scheme == "roman" and heading.number == "I" and not self.romans:
            return replace(heading, scheme="upper")
        return heading

    def kind_of(self, heading: Heading, parent: _Draft | None, begun: bool = True) -> str | None:
        """The level of a numbered heading that does not name it; None when the plan does not say. Before the plan's
        first labelled heading (``begun`` false), a number of the depth its labelled headings have is a section of
        the document ("7.1 Langue d’enseignement", an article of the policy whose plan of action follows), not theirs."""
        if (said := self.grammar.numbered_kind(heading)) is not None:
            return said
        if (counted := self.counted.get((heading.scheme, heading.depth))) is not None:
            return counted if not self.within or heading.number.startswith(self.within + ".") else None
        if self.declared and not set(self.declared) <= self.named:
            # (A plan whose headings name every level it declares numbers nothing else by its declaration.)
            if self.counted:
                return None  # the numberings the plan's counts do not tell are the document's own
            if parent is not None and parent.kind in self.declared and under(heading.number, parent.number):
                # "1.1" under "Orientation 1": the declared level after the orientation's.
                below = self.declared[self.declared.index(parent.kind) + 1:]
                return below[0] if below else None
            depth = heading.depth
            if self.within:
                if not heading.number.startswith(self.within + "."):
                    return None
                depth -= self.within.count(".") + 1
            elif _scheme_key(heading, self.schemes) in self.sections:
                return None
            elif _scheme_key(heading, self.schemes) in self.schemes:
                # Letters, roman numerals, "1." beside them: the levels the labelled headings leave, in the
                # order their numberings first appear ("I." orientations, then "A." objectifs, then "1." moyens).
                left = [k for k in self.declared if k not in self.labelled]
                index = self.schemes.index(_scheme_key(heading, self.schemes))
                return left[index] if index < len(left) else None
            if 1 <= depth <= len(self.declared):
                return self.declared[depth - 1]
            return None
        known = self.by_depth.get((heading.scheme, heading.depth)) if begun else None
        letters = _SERIES_RE.match(heading.number)
        series = self.series.get((heading.scheme, heading.depth), frozenset())
        if known is not None and letters and len(series) == 1 and letters.group() not in series:
            # "S1 – Anse Saint-Denis" in a plan whose concerns are "Préoccupation P1", "P2": the codes of one letter
            # name a series, and another letter another one (the sites on a map), not the level's units. (Codes
            # of several letters, "A1", "B1", number units under "A" and "B".)
            return None
        if known is not None:
            return known
        if parent is not None and under(heading.number, parent.number):
            # (Above the levels of deeper numbers, headings' or a table's rows': "1.1 Réduire …" over "| N° | Action |" rows
            # "| 1.1.1 | … |" in a plan that speaks of its actions and never of objectives, under "ORIENTATION 1": no action.)
            deeper = [k for (scheme, depth), k in (*self.by_depth.items(), *self.rows_at.items())
                      if scheme == heading.scheme and depth > heading.depth]
            return self.below(parent.kind, deeper)
        code, above = _LETTERED_LEVEL_RE.fullmatch(heading.number), parent and _LETTERED_LEVEL_RE.fullmatch(parent.number)
        if begun and code and above and code.group(1) != above.group(1) and under(code.group(2), above.group(2)):
            # "L1.1.1 Adopter la politique …" under "Résultat attendu R1.1 — …": a code whose letter names a level of
            # its own, its digits numbered under the unit's, is the level under it (test48's town: livrables L1.1.1 under
            # résultats R1.1).
            return self.below(parent.kind) if parent.labelled else None
        if (begun and code and above and code.group(1) == above.group(1) and not parent.labelled
                and code.group(2).rsplit(".", 1)[0] == above.group(2).rsplit(".", 1)[0]):
            return parent.kind  # "L1.1.2" after "L1.1.1": the next of the same level
        if begun and parent is not None and _SERIES_CODE_RE.fullmatch(heading.number):
            # "A1. Réaliser …", "A2. …" under "But 1.1 – …": a series of codes of its own under a labelled unit is the
            # level under it, and the next code of the series the same level (a zec's activities A1 to A26, test37)
            if _SERIES_CODE_RE.fullmatch(parent.number) and _SERIES_RE.match(parent.number).group() == letters.group():
                return parent.kind
            return self.below(parent.kind) if parent.labelled else None
        return None

    def below(self, kind: str, deeper: list[str] | tuple[str, ...] = ()) -> str | None:
        """The level under ``kind`` of a unit that does not name its own: the one usually found under it, unless
        the plan speaks more of another ("puis les actions") or names a level between them; above ``deeper``."""
        between = [k for k in KINDS if self.rank_default(kind) < self.rank_default(k)
                   and all(self.rank_default(k) < self.rank_default(d) for d in deeper)]
        usual = self.grammar.children.get(kind)
        free = [k for k in between if k not in self.labelled]
        said = max(free, key=lambda k: self.said[k], default=None)
        if said is not None and self.said[said] and not self.said[usual]:
            return said  # "puis les actions" in a plan that never speaks of the usual level (moyens)
        return usual if usual in between and usual not in self.labelled else (between[0] if between else None)

    def rank_default(self, kind: str) -> int:
        return KINDS.index(kind) if kind in KINDS else len(KINDS)


def _counted(counts: dict[str, int], left: list[str], unlabelled: list[Heading]) -> tuple[dict[tuple[str, int], str], str]:
    """The numberings that carry the levels no heading names, told by how many units of each the plan says it has:
    "4 orientations, 8 objectifs et 17 actions" over "A." ×4, "A.1" ×8 and "A.1.a" ×17, beside the document's own
    sections "1." … "6.". Empty unless each such level is counted and matches one numbering alone. When no numbering
    of the whole plan matches, the numbers under one of its sections may, and the section is returned with them: "La
    section 5 présente cinq orientations, numérotées de 5.1 à 5.5, et vingt et une mesures" over "5.1" … "5.5" and
    twenty-one "5.1.1" … beside "2.1 Mission", "3.1 Pertinence" (a collections plan, test45)."""

    def match(headings: list[Heading]) -> dict[tuple[str, int], str]:
        numbers: dict[tuple[str, int], set[str]] = {}
        for h in headings:
            numbers.setdefault((h.scheme, h.depth), set()).add(h.number)
        found: dict[tuple[str, int], str] = {}
        for kind in left:
            keys = [key for key, seen in numbers.items() if len(seen) == counts.get(kind)]
            if len(keys) != 1 or keys[0] in found:
                return {}
            found[keys[0]] = kind
        return found

    if not left:
        return {}, ""
    if found := match(unlabelled):
        return found, ""
    sections = dict.fromkeys(h.number.split(".")[0] for h in unlabelled if h.scheme == "decimal" and h.depth >= 2)
    scoped = {s: found for s in sections
              if (found := match([h for h in unlabelled if h.scheme == "decimal" and h.number.startswith(s + ".")]))}
    if len(scoped) != 1:
        return {}, ""
    section, found = next(iter(scoped.items()))
    return found, section


def _scheme_key(heading: Heading, schemes: tuple[str, ...], nested: bool | None = None) -> str:
    """The numbering a heading belongs to: its scheme, and "decimal1" for "1." among letters and roman numerals."""
    if heading.scheme != "decimal":
        return heading.scheme
    beside = nested if nested is not None else "decimal1" in schemes
    return "decimal1" if heading.depth == 1 and beside else "decimal"


def _merge(appear: list[str], declared: tuple[str, ...], ranks: dict[str, int]) -> list[str]:
    """The plan's levels: in the order they first appear, the declared ones in the declared order; a declared level
    that no heading names goes after the one declared before it, else where the grammar ranks it among those that
    appear ("… a retenu onze objectifs et vingt-six actions" in a plan of "Champ d'intervention 1" headings: its
    objectifs are under its axes)."""
    if not declared:
        return list(appear)
    slots = [i for i, k in enumerate(appear) if k in declared]
    order = list(appear)
    for i, kind in zip(slots, [k for k in declared if k in appear]):
        order[i] = kind
    for i, kind in enumerate(declared):
        if kind not in order:
            before = declared[i - 1] if i else None
            below = next((j for j, k in enumerate(order) if ranks.get(k, 99) > ranks.get(kind, 99)), len(order))
            order.insert(order.index(before) + 1 if before in order else below, kind)
    return order


def _first_row(lines: list[tuple[str, int]], i: int) -> list[str]:
    """The cells of the first row under a table's header at line ``i`` (past its rule), [] when none follows."""
    return next((row_cells(t) for t, _ in lines[i + 1 : i + 3] if t.startswith("|") and not _TABLE_RULE_RE.match(t)), [])


def _captions(g: Grammar, caption: str, heading: Heading | None) -> bool:
    """Whether a table's caption names a unit by its level's word and its title: "Tableau de bord – Volet Planter" under
    "Volet 1 · Planter"."""
    if heading is None or not heading.title or not _TABLE_CAPTION_RE.match(caption):
        return False
    head, _, title = caption.rstrip().casefold().rpartition(heading.title.casefold())
    words = head.split()
    return not title and bool(words) and g.kind_of(words[-1]) == heading.kind


def _contained(g: Grammar, lines: list[tuple[str, int]]) -> list[bool]:
    """Whether each line stands in a container (a table of contents, an appendix, a summary), whose
    headings restate units: it runs from its heading to the first heading of a unit not met before, a
    captioned table ("Tableau synoptique") to its last row. A
    container met before any unit (a summary up front) announces units instead: it runs to the next
    section heading that names no unit ("CONTEXTE"), and its headings count as met by nobody; so does a
    section of units that are not the plan's ("Objectifs non retenus", "Bilan du plan d'action 2016-2022"). A glossary
    up front ("Lexique") announces no unit: like one further on, it ends at a unit's heading."""
    out: list[bool] = []
    seen: set[tuple[str, str]] = set()
    inside = contents = front = excluded = defining = False
    table = rows = False  # the container is a table ("Tableau synoptique"), whose rows have begun
    section: Heading | None = None  # the container is a numbered section of the document ("4. Tableau synoptique")
    listed: set[tuple[str, str]] = set()  # the units a table of contents lists
    last: tuple[str, str] | None = None  # the last unit met in the body
    last_number: str | None = None  # the number of the last numbered heading met in the body
    last_heading: Heading | None = None  # the heading of the last unit met in the body
    restated = False  # the container restated a unit met in the body
    body: set[str] = set()  # the levels of the units met in the body
    for text, _ in lines:
        heading = g.heading(text)
        key = (heading.kind, heading.number.lstrip("0")) if heading is not None and heading.kind and heading.number else None
        # A table of contents runs from its heading to the first paragraph (a long line that names no unit, or a
        # sentence), or to a unit it listed already: the body begins.
        if g.is_contents(text):
            contents, listed = True, set()
        else:
            contents = contents and key not in listed and (len(text) <= 100 or key is not None) and not text.endswith(".")
        if contents or _LEADERS_RE.search(text):  # an entry of a table of contents wherever it stands
            listed.update([key] if key else [])
            out.append(True)
            continue
        if inside and table and rows and not text.startswith("|"):
            inside = front = table = False  # a table that restates units ends with its last row
        named = g.named_unit(text) if _TABLE_CAPTION_RE.match(text) else None
        if g.is_container(text) and not (named is not None and (named == last or last_number is not None and (
                last_number == named[1] or under(last_number, named[1])))) and not _captions(g, text, last_heading):
            # (A table captioned with the unit just opened, or one its last heading is under, holds that unit's own:
            # "Tableau 2 – Obstacles et mesures du champ d'action A" under "Champ d'action A"; "Tableau de bord –
            # orientation 5.1" after the measures "5.1.1" … "5.1.4" of an orientation "5.1", test45; "Tableau de bord –
            # Volet Planter" under "Volet 1 · Planter", test63's city tree plan.)
            excluded = g.is_excluded(text)  # another plan's units: "Bilan du plan d'action 2016-2022"
            defining = g.defines(text)
            inside, front = True, not seen and not excluded and not defining
            table, rows = _TABLE_CAPTION_RE.match(text) is not None, False
            section = heading if heading is not None and heading.kind is None and heading.number else None
        elif inside and table and text.startswith("|"):
            rows = True
        elif excluded:
            # Another plan's units end at the next title (a short line that is no sentence, item or unit of theirs),
            # or with their table or list of units.
            listing = text.startswith("|") or key is not None
            title = (not listing and len(text) <= CAPTION_MAX and not text.endswith((".", ";", ":", ","))
                     and not _ITEM_MARK_RE.match(text) and not g.names(text.split()[0]))  # "Action du plan … État": a header
            inside = excluded = not (title or rows and not listing)
            rows = rows or listing
        elif front:
            # (A table's caption up front holds its rows only: in a PDF, which loses the pipes, the document's next
            # numbered section ends it, "2. Démarche et gouvernance".)
            # So does the next section numbered as the container's own ("5. Les actions du Ministère" after "4. Tableau
            # synoptique", test34's ministry plan).
            # And a paragraph ends a table's caption there: no row of it is a long sentence ("En 2035, Sainte-Héloïse est
            # une ville où …", the vision after "Tableau 1 – Répartition modale …", test45's mobility plan).
            inside = front = not (heading is None and is_heading(text)
                                  or table and len(text) > _PARAGRAPH_MIN and text.endswith(".")
                                  or heading is not None and heading.kind is None and heading.scheme == "decimal"
                                  and heading.depth == 1 and (table or _SECTION_TITLE_RE.match(heading.title) is not None)
                                  or section is not None and heading is not None and heading.kind is None
                                  and (heading.scheme, heading.depth) == (section.scheme, section.depth))
        elif inside and key is not None and (defining or key not in seen and not (restated and key[0] not in body)):
            # (A list of words ends at any unit's heading, one met before in an overview included: "Sigles utilisés" before
            # "ORIENTATION 1 – …", restated from the policy above it, test46's city.)
            # (Not a unit of a level the body has none of, after units it restates: "Orientation 2 – … Axe 1 – …", an
            # appendix that maps the plan's orientations to a policy's axes, read from a PDF: test45's PEVR.)
            inside = False
        restated = inside and (restated or key in seen)
        if key is not None and not front:
            seen.add(key)
            if not inside:
                body.add(key[0])
        last = key if key is not None and not inside else last
        last_heading = heading if key is not None and not inside else last_heading
        last_number = heading.number if heading is not None and heading.number and not inside else last_number
        out.append(inside)
    return out


def _lister(reader: _Reader, item: _Draft) -> _Draft | None:
    """The unit whose lead-in announced ``item``, a numbered item of its list, when no item of that list has fields
    other than those its own line carried ("(1) Réaliser … [Porteur : … — Échéance : 2026]", test46's public-health
    plan, whose measures follow the list)."""
    owner = reader.drafts[item.parent] if item.parent is not None else None
    if owner is None or owner.lists != item.kind or not item.number or item.listed and not item.carried_fields or _measured(item.kind):
        return None
    return owner if not any(d.targets or d.indicators or len(d.fields) > d.carried_fields for d in _kin(reader, item)) else None


def _assigning(reader: _Reader, item: _Draft) -> _Draft | None:
    """The unit above ``item`` when ``item`` is the last of several of its units the plan assigns and does not measure
    (each with an owner or a date, none with an indicator or a target): a table of measures after them is that unit's
    ("1.1.1 …" / "Responsable : … · Échéance : 2030", "1.1.2 …", "1.1.3 …", then "| Indicateur de suivi | Situation de
    départ | Cible 2031 |", test46's university plan), as plans measure their objectives and assign their actions."""
    if item.parent is None or _measured(item.kind):
        return None
    siblings = _kin(reader, item)
    assigned = len(siblings) >= 2 and all(d.fields and not d.targets and not d.indicators for d in siblings)
    return reader.drafts[item.parent] if assigned else None


def _kin(reader: _Reader, item: _Draft) -> list[_Draft]:
    """The units of ``item``'s level under the unit it is under, itself included ([] at the top)."""
    return [] if item.parent is None else [d for d in _children(reader, reader.drafts[item.parent]) if d.kind == item.kind]


def _after_list(reader: _Reader, item: _Draft) -> bool:
    """Field lines after the last of several listed items, none of which had fields of its own: they belong to the
    unit the list is under ("Moyens :" / "a) …" / "b) …" / "Responsable : … — Échéance : …"), as the first item's
    would belong to it ("(i) Adapter …" / "Responsable : …"). (Only an indent would say they are the last item's,
    and the cleaned text keeps none: on the structure sets, 48 fields found for 2 lost, docs/figures.md.)"""
    items = [d for d in _kin(reader, item) if d.listed]
    return len(items) > 1 and not any(d.fielded for d in items)


def _assigned(draft: _Draft) -> bool:
    """A unit the plan assigns rather than measures: a listed item, or one a lead-in named ("Ce que nous ferons" / "1.
    …") that has an owner or a date, of a level plans do not measure."""
    return draft.listed or not draft.named and bool(draft.fields) and not _measured(draft.kind)


def _measured(kind: str) -> bool:
    """A level plans measure (objectifs), whose listed items keep the indicators and targets under them ("Résultats
    attendus" / "1.1 Un solde migratoire positif …" / "Indicateur : … | Cible 2029 : …")."""
    g = grammar()
    return g.measured in (kind, g.alone.get(kind))


def _code(kind: str, number: str) -> str:
    """"Objectif 2.1", "Thème 1" (zero-padding dropped), or "" for a unit with no number."""
    return f"{level_name(kind)} {number.lstrip('0') or number}" if number else ""


def _restates(new: Target, had: Target) -> bool:
    """A target that says no more than one the unit has: the same figure, and no other unit, deadline nor baseline
    ("12" under "12 points de service d'ici 2027 (4 en 2024)")."""
    return (new.value is not None and new.value == had.value and new.unit in (None, had.unit)
            and new.deadline in (None, had.deadline) and new.baseline in (None, had.baseline))


def _attach(reader: _Reader, fields: list[Field], unit: _Draft | None = None) -> None:
    """Field lines belong to the unit they follow (not to the last item of a list above them); a table row's
    cells to the row's unit."""
    current = unit or reader.current()
    if current is None:
        return
    fields = [part for f in fields for part in (_went_on(f) if f.name == "indicateur" else [f])]
    if unit is None and current.listed and not current.labelled and (_after_list(reader, current) or not (
            current.number and (current.fields or fields and fields[0].name in _ASSIGNED or _measured(current.kind)))):
        # … but an owner and a date right under a numbered item ("(ii) Adapter …" then "Responsable : …") are its own:
        # plans measure their objectives and assign their actions; and so are the field lines after them, one block
        # ("1.1.a Launch …" / "Lead: …" / "Target: …", or on one line "Lead: … · Target: …").
        current = reader.close_list()
    elif unit is None and (owner := _lister(reader, current)) is not None and all(f.name in MEASURES for f in fields):
        # Measures after numbered items a lead-in announced ("Actions" / "1. Créer …" / "3. Ajouter …" / "Cible(s) :
        # …"), none of which had fields of its own: the measures of the unit the list is under; after several items, so
        # are the field lines after them ("1) …", "2) …", "3) …", "Mesure du succès : …", then "Porteur : … | Échéance :
        # 2027", test45's housing office; not "M1 – …" then "Livrable : …" and "Échéance : …", the item's own).
        current = owner
        if sum(d.kind == owner.lists for d in _children(reader, owner)) >= 2:
            reader.stack = _path(reader, owner)
            owner.lists = None  # (the measures end the list)
    # A baseline goes with the targets it is given with, whichever comes first on the line or in the row ("| Taux |
    # 81 % | 83 % | 86 % |" under "| Indicateur | Référence 2023 | Cible 2026 | Cible 2029 |"); so does a deadline
    # ("| Procédé validé à l'échelle pilote | juin 2027 |" under "| Livrable | Date de remise |"). Given on a line of
    # its own, it goes with the last target when that has none, else with the next one.
    due = next((parse_target(f.value).deadline or f.value for f in fields if f.name == "echeance"), None)
    base = next((f.value for f in fields if f.name == "base"), None)
    targeted = any(f.name == "cible" for f in fields)
    for f in fields:
        if f.name == "indicateur":
            current.indicators.append(f.value)
        elif f.name == "cible":
            if not f.value.strip():
                continue  # "Livrables :" over their table: the rows are the targets
            for text in _SEVERAL_RE.split(f.value):  # "40 % en 2025 (27 % en 2023) ; 45 % en 2027": two targets
                target = parse_target(text)
                target = replace(target, deadline=target.deadline or f.year or due,
                                 baseline=target.baseline or base or current.baseline)
                current.baseline = None
                if any(_restates(target, had) for had in current.targets):
                    continue  # "| … | 38 % |" in a summary table, under "Cible : 38 % d'ici 2028 (29 % en 2024)"
                current.targets.append(target)
        elif f.name == "base":
            if targeted:
                continue
            if current.targets and current.targets[-1].baseline is None:
                current.targets[-1] = replace(current.targets[-1], baseline=f.value)
            else:
                current.baseline = f.value
        else:
            current.fields.append((f.name, f.value))


_FOR_UNIT_RE = re.compile(r"^(?:pour|for)\b", re.IGNORECASE)
_TRAILING_NUMBER_RE = re.compile(r"\s(\d{1,2}(?:\.\d{1,2}){1,3})\s*:$")  # a dotted number closing a line: "… le résultat 1.1 :"
_PARAGRAPH_MIN = 120  # characters: a line this long ending on a stop is a paragraph, no table row
_TABLE_CAPTION_RE = re.compile(r"^(?:tableau|table)\b", re.IGNORECASE)
# A table of contents' entry ends on dot leaders and a page number ("Axe 1 : … ........ 8").
_LEADERS_RE = re.compile(r"(?:\.\s?){3,}\s*\d{1,3}$|…+\s*\d{1,3}$")
_CODED_CELL_RE = re.compile(r"[A-Z]{1,3}-?\d{1,2}\s+[^\W\d_]")  # "S1 Déployer …", "M-01 Aménager …": a unit coded in a series
_NUMBERED_CELL_RE = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[^\W\d_]")  # "1.2 Installer …": a unit numbered under another
# The items of a table cell: one per bullet, or per line break where a text plan keeps the HTML's "<br>".
_BREAK = r"<br\s*/?>"
_BREAK_RE = re.compile(rf"\s*{_BREAK}\s*")
_CELL_ITEM_RE = re.compile(rf"\s*(?:{_BREAK}|[{BULLETS}{LEADING_BULLETS}])\s*")  # items in one cell
# Marks in a column per service: "●" the one responsible, "○" a partner.
_MARKS = {"●": "responsable", "○": "partenaires"}
_ASSIGNED = frozenset({"responsable", "echeance", "partenaires", "budget"})
_HEADER_WORDS = 5  # a column's header, short ("Ministère ou organisme responsable"), not a sentence
_CHECKS = frozenset("✓✔✗✘×Xx")  # a check mark in a cell: no value
_CELL_DASH_RE = re.compile(r"\s+[—–]\s+")
_DASHES = ("—", "–")
_BY_DATE_RE = re.compile(r"^(?:d[’']ici|au plus tard (?:en|le)|by)\s+(?:(?:le\s+)?\d{1,2}(?:er)?\s+[^\W\d_]+\s+)?(?:19|20)\d{2}\s*,\s*",
                         re.IGNORECASE)  # "D'ici 2027, augmenter …": the date a unit's sentence opens on
_COUNTS_TITLE_RE = re.compile(r"\d{1,3}\s+[^\W\d_]+(?:\s*[,|;·]\s*\d{1,3}\s+[^\W\d_]+)*")  # "3 objectifs, 8 actions"
_NO_VALUE_RE = re.compile(r"s\.?\s?o\.?|n\.?\s?d\.?|n/a|[—–-]", re.IGNORECASE)  # "s.o.": no target that year
_COUNT_RE = re.compile(r"\d{1,3}(?:\s*(?:,|et|à|-|–)\s*\d{1,3})*")  # "6", "1 et 2", "5 à 7"


def _rating(g: Grammar, header: str, cell: str) -> bool:
    """Whether a column is a rating: a level named in the singular ("Priorité") over a figure ("1") or a word
    ("Élevée"), which no unit's title is."""
    # (Not a unit's letter or numeral, which refers to it: "A" under "Obj.", "III".)
    rated = bool(_COUNT_RE.fullmatch(cell)) or (cell.isalpha() and len(cell) >= 3 and not cell.isupper())
    return rated and not header.rstrip().endswith(("s", "x")) and g.level_named(header) is not None
_ABBREVIATION_RE = re.compile(r"[A-ZÀ-Þ]{2,5}")
# Fields in brackets at a line's end, without labels: "[VDE1 – 2027]", or longer in parts of their own ("[Direction
# artistique · dès l'automne 2025 · 22 000 $ par année]").
_BRACKETED_FIELDS_RE = re.compile(r"\s*\[([^\[\]]{1,60}|[^\[\]]{1,60}(?:\s[—–·]\s[^\[\]]{1,60}){1,4})\]\s*$")
_LABELLED_BRACKET_RE = re.compile(r"\s*\[([^\[\]]+)\]\s*$")
_BRACKET_SPLIT_RE = re.compile(r"\s+[—–·]\s+")
_MONEY_RE = re.compile(r"\d\s*(?:k|M|G)?\$")
_SHARE_RE = re.compile(r"\d[\d\s.,]*\s*(?:k|M|G)?\s*[$%]")  # a cell of a sum or a share alone: "2 780 000 $", "72 %"
_YEAR_IN_RE = re.compile(r"\b(?:19|20)\d{2}\b")
# A calendar's column: a year or a span of years ("2026", "2026-2027"), a year of the plan ("An 1", "Année 2", "Year 3"),
# a quarter ("T1", "Q3", "T1 2026"); and its cells: a mark or nothing ("●", "✓", "X").
_PERIOD_CELL_RE = re.compile(r"(?:(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?|(?:An|Année|Year)\s*\d|[TQ][1-4](?:\s+(?:19|20)\d{2})?)")
_MARK_CELL_RE = re.compile(r"[●○◐◑◉■□▪◼✓✔✗✘xX★*•]?")
# When, without a year: "chaque printemps", "tous les ans", "annuellement", "en continu".
_RECURRING_RE = re.compile(r"^(?:chaque|tous les|toutes les|each|every)\s|^(?:annuellement|en continu|ongoing|annually)$",
                           re.IGNORECASE)
_PAREN_TAIL_RE = re.compile(r"\s*\(([^()]{4,90})\)\s*$")
_DASH_TAIL_RE = re.compile(r"\s+[—–]\s+([^—–()]{4,80})$")
_OWNER_DATE_SPLIT_RE = re.compile(r"\s+[—–]\s+|,\s+")
# A sum after who and when, set apart by a semicolon: "(Direction de la FCSE, hiver 2027 ; 60 000 $)" (test44's cégep),
# "(ARC, TD; 2025-2029; 25 k$ par année)" (test44's archives centre); or by a comma after a space: "(COM, 2026, 25 000 $)"
# (test62's city plan; not the decimal comma of "24,6 M$").
_AMOUNT_RE = re.compile(r"\d[\d   ]*(?:[.,]\d+)?\s*(?:\$|M\$|k\$|millions? de dollars|millions? \$)(?:\s+par\s+an(?:née)?|\s+per\s+year)?")
_COMMA_AMOUNT_RE = re.compile(rf",\s+({_AMOUNT_RE.pattern})\s*$")
# A heading's title that is a quotation, "Orientation ministérielle – « Compte tenu de l'efficacité éprouvée … »": the
# words of another document (the minister's orientations a fire-safety plan answers, test53), no unit of the plan.
_QUOTED_RE = re.compile(r"[«“\"][^«»“”\"]+[»”\"]\.?")
_TRAIL_RE = re.compile(r"\s+[›>»/]\s+")  # the parts of a line of units' names: "Orientation 1 › Objectif 1.1"
# A date as plans give an échéance: a year, a fiscal year or a range, after at most three words ("juin 2026", "dès
# l'hiver 2026", "Fall 2027", "2026-2027"); or "en continu"; or a cégep's session, its season's initial and its year:
# "A-2025" automne, "H-2026" hiver, "É-2026" été (test53).
_WHEN_RE = re.compile(r"(?:[^\W\d_][\w'’]*\s+){0,3}20\d{2}(?:\s*(?:[-–]|,|et|and)\s*(?:20)?\d{2})*|[AHÉ]-20\d{2}|en continu|ongoing",
                      re.IGNORECASE)
_LEGEND_TARGET_RE = re.compile(r"\bcibles?\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_ARROWED_RE = re.compile(r"^(?P<indicator>[^:→]{3,150}?)\s*:\s*(?P<target>[^:→]*\d[^:→]*→[^:→]*\d[^:→]*)$")
_DASHED_RE = re.compile(r"\s+[—–]\s+")
# An indicator without a figure of its own, an arrow, then its target: "Nombre de logements … ⟶ 150 logements d'ici 2028".
_WENT_ON_RE = re.compile(r"^(?P<indicator>[^\d→⟶➝]*[^\W\d_][^\d→⟶➝]*?)\s+(?:→|⟶|➝|->)\s+(?P<target>(?:[≥≤<>+]\s*|(?:au moins|plus de|moins de)\s+)?\d.*)$")
_MEASURED_BRACKET_RE = re.compile(r"(?P<head>[^()]*[^\W\d_][^()]*?)\s*\((?P<inner>[^()]+)\)")
# (Or the verb of a sentence that says where a measure goes: "le nombre de … passe de 6 (2025) à 20 en 2029", "… atteint
# 45 d'ici 2029", test53's sports unit.)
_MEASURE_SEP_RE = re.compile(r"\s+(?::|→|⟶|➝|(?P<dash>[—–])|(?P<verb>passe|passera|passent|passeront|atteint|atteindra|"
                             r"atteignent|atteindront)(?=\s+(?:de\s+)?\d))\s+")
# A line of fields run together: "Porté par : … · Avec : … · Quand : 2027 · Coût : 60 000 $" is no measure due 2027.
_FIELD_PIECES_RE = re.compile(r"\s[·|•]\s")
_NUMBER_JOINS_RE = re.compile(r"[.\s-]")  # what joins a number's parts: "A1.a", "A1-a" and "A1a" are one
_DASH_ITEM_RE = re.compile(r"^[-–—*]\s+")  # an item's dash left by the cleaning: "- Taux de diplomation : …"
# A level's word and a participle before a number: a unit referred to ("Objectif rattaché 1.2 – …", "Orientation visée :
# 2"), not headed.
_REFERRED_RE = re.compile(r"^\s*[^\W\d_][\w’'-]*\s+[^\W\d_]+(?:é|ée|és|ées)\s*:?\s+\S", re.IGNORECASE)
# A target's figure, or where it starts from first: "de 38 (2024) à 55 par année d'ici 2028", "from 12% to 20% by 2028".
_FIGURE_START_RE = re.compile(r"(?:[≥≤<>+]\s*|(?:au moins|plus de|moins de|at least|de|from)\s+)?\d", re.IGNORECASE)
_TOTAL_RE = re.compile(r"^(?:sous-)?total\b|^grand total\b", re.IGNORECASE)
# A PDF's table of targets by year, flattened: a line of periods (after a caption at most three words long), then a
# line of as many values.
_PERIODS_LINE_RE = re.compile(r"(?<!\S)((?:19|20)\d{2}(?:-(?:19|20)?\d{2})?)(?!\S)")
_PERIOD_VALUE = r"(?:[≥≤<>]\s?)?\d{1,3}(?:[  ]\d{3})*(?:[.,]\d+)?(?:\s?(?:%|M\$|k\$|\$))?|[—–-]"
_PERIOD_VALUE_RE = re.compile(rf"(?<!\S){_PERIOD_VALUE}(?!\S)")
_PERIOD_VALUES_RE = re.compile(rf"(?:{_PERIOD_VALUE})(?:\s+(?:{_PERIOD_VALUE}))*")
_TABLE_RULE_RE = re.compile(r"^\|?\s*:?-{2,}")
# A code in a column of numbers, of letters and digits in two to four parts ("25-EP-01", a capital works programme's
# project number: year, category, rank), a letter after the last ("1.1a", a cégep's plan de travail, test43: the first
# action of objectif 1.1).
_CODE_RE = re.compile(r"(?=[^\s|]*\d)[0-9A-Z]{1,4}(?:[-.][0-9A-Z]{1,4}){1,3}[a-z]?")
# A cell of numbers only, or of ranges and lists of them: "1.1 et 1.2", "1 à 5", "6-10", "P1-a, P1-b".
_NUMBERS_SPLIT_RE = re.compile(r"\s*(?:[,;–—]|\bet\b|\bà\b|\band\b|\bto\b)\s*|(?<=\d)-(?=\d)")


def _numbers_cell(cell: str) -> bool:
    """Whether a cell only lists units' numbers or codes (two or more), as an overview does."""
    parts = [part for piece in _NUMBERS_SPLIT_RE.split(cell) if (part := piece.strip().rstrip("…"))]
    return len(parts) >= 2 and all(bare_number(part) is not None and any(c.isdigit() for c in part) for part in parts)


class _Table:
    """A pipe table read by column: its header names a level (each row a unit) or fields (each row
    gives the current unit an indicator and a target). The level's column may follow a column of numbers
    ("| N° | Action | Porteur |"); a later column naming another level holds the row's items of that level
    ("| Objectif | Moyens | Responsable |", one "• …" per item; a cell without bullets names units, as a summary does)."""

    def __init__(self, plan: _Plan, header: list[str], reader: _Reader, contained: bool, first: list[str] = (),
                 categories: frozenset[int] = frozenset()) -> None:
        self.plan = plan
        g = plan.grammar
        # A column names one level ("Action") or several ("Objectifs et actions": a row is a unit of the level
        # its cell names, "Objectif : …", or else of the level under the open one). Beside another level, a level
        # named in the singular over a figure rates the rows ("| No | Action | Priorité |" over "| 1.1.1 | Produire … | 1 |");
        # alone, it refers to a unit by its number ("| Indicateur | Objectif | Cible |" over "| … | 2 | … |").
        levels = [(kind,) if (kind := g.column_kind(h)) else g.levels_named(h) for h in header]
        levels = [() if i in categories else kinds for i, kinds in enumerate(levels)]  # (see _categories)
        ratings = {i for i, h in enumerate(header) if i < len(first) and _rating(g, h, first[i])}
        # (A rating word, "Élevée", rates its row even where no other level stands beside it: "| Priorité | Porteur |".)
        if any(kinds for i, kinds in enumerate(levels) if i not in ratings) or any(g.rates(first[i]) for i in ratings):
            levels = [() if i in ratings else kinds for i, kinds in enumerate(levels)]
        # A column holds one field ("Cible 2030": a target due 2030) or several ("Indicateur et cible").
        self.columns = [(f,) if (f := _column(g, h)) else g.fields_named(h) for h in header]
        for i, h in enumerate(header):
            if (self.columns[i] and not levels[i] and i < len(first) and (number := bare_number(first[i]))
                    and any(c.isdigit() for c in number) and (kind := g.kind_of(h)) is not None):
                # "| Résultat visé | Indicateur | Valeur 2025 | Cible 2029 |" over "| A1 | … |" (test64's HR plan): a word both
                # a level and a field names the level over units' numbers, as in a heading ("Résultat visé 1.1 : …")
                levels[i], self.columns[i] = (kind,), ()
        current = reader.current()
        if (current is not None and len(header) > 2 and self.columns[0] and not levels[0] and first
                and _NUMBERED_CELL_RE.match(first[0]) and under(first[0].split()[0].rstrip("."), current.number)
                and any({f.name for f in self.columns[0]} & {f.name for f in other} for other in self.columns[1:])
                and (below := plan.below(current.kind)) is not None):
            # "| Résultat attendu | Indicateur | Cible | … |" over "| 1.1 Un programme … |" under orientation 1: a first
            # column named for a field another column holds, its cells numbered under the unit's, holds the units under
            # it (structure/test58's professional order; "résultat attendu" names targets elsewhere)
            levels[0], self.columns[0] = (below,), ()
        # The level's column may follow a column of numbers and columns that name neither a level nor a field, which
        # refer to another plan ("| No | Réf. PS | Action | Statut |").
        numbered = len(header) > 1 and g.numbers_column(header[0])
        level_at = next((i for i, kinds in enumerate(levels) if kinds), None)
        numbers = numbered and level_at is not None and not any(self.columns[1:level_at])
        self.number_column = 0 if numbers else None
        # "| Obstacles | Objectifs | Mesures | Responsables |" (a municipality's PAPH): columns before the first level's
        # that name neither a level nor a field, and say something in words, state each row's context (the obstacle
        # its objective answers), no unit; the levels' cells are titles and fields follow them (not "| Grand défi |
        # Priorités | Enveloppe |" over "| Vieillissement | 1 et 2 | 7,9 M$ |", an overview, nor "| Article | Mesure |
        # … |" over "| 5 | 5.1 … |").
        context = (not numbered and bool(level_at) and level_at < len(first) and not any(self.columns[:level_at])
                   and any(self.columns[level_at + 1 :]) and len(_WORDS_RE.findall(first[level_at])) >= 2
                   and all(len(_WORDS_RE.findall(cell)) >= 2 for cell in first[:level_at]))
        # "| N° | Description | Porteur |": numbers and a column that names no level; a row numbered under the open
        # unit ("1.1.1" under objective 1.1) is a unit of the level under it.
        self.numbered_rows = numbered and not any(levels)
        self.numbered = numbered
        self.unit_column = level_at if numbers or context else 0
        self.levels = levels[self.unit_column] if header else ()
        self.column_levels = levels
        if (self.number_column is None and len(header) > 2 and len(levels[0]) == 1 and not levels[1] and not any(self.columns[:2])
                and len(first) > 1 and "." in (bare_number(first[0]) or "") and len(_WORDS_RE.findall(first[1])) >= 3):
            # "| Action | Description | Responsable | Échéance |" over "| 3.1.1 | Offrir un accompagnement … |": the level's
            # column holds the rows' numbers, the next one (named by neither a level nor a field) their titles (session
            # 33's newcomer check, a regional health plan)
            self.number_column, self.unit_column, self.levels = 0, 1, levels[0]
        self.kind = self.levels[0] if self.levels else None
        # (A column whose header also names a field holds that field: "| Objective | Measure | Baseline |".)
        self.items = [(i, kinds[0]) for i, kinds in enumerate(levels) if self.kind is not None and i > self.unit_column
                      and len(kinds) == 1 and kinds[0] not in self.levels and not self.columns[i]]
        # "| Objectif | 2026 | 2027 | 2028 | Résultat visé en 2028 |": a roadmap, each year's cell the items of the row's unit
        # due that year ("• Aménager 6 km de sentiers …" under 2026), of the level under the row's (test47's ski station).
        # (Only where no column names the items' level, and the first row's cells under the years state things to do:
        # not "| Objectif | Piste | 2025 | 2026 |" over marks, a calendar, nor figures, a table of targets.)
        years = {i: h for i, h in enumerate(header) if self.kind is not None and i > self.unit_column and period(h)
                 and not self.columns[i] and not levels[i]}
        self.years = years if not self.items and any(_states_actions(first[i]) for i in years if i < len(first)) else {}
        if self.years and (child := plan.below(self.kind)) is not None:
            self.items += [(i, child) for i in self.years]
        # In a table of fields, a column named for a level holds the number of the unit each row speaks of
        # ("| Indicateur | Objectif | Cible 2026 |" with "1.1" under "Objectif").
        self.refers = next(((i, kinds[0]) for i, kinds in enumerate(levels) if len(kinds) == 1), None) if self.kind is None else None
        # In a table of units, a column named for the level of the unit open above them that holds the number of a
        # unit of that level holds the row's parent ("| N° | Mesure | Obj. | Porteur |" over "| M-01 | Aménager … | 1 |
        # … |" after the objectives "Objectif 1 – …" … "Objectif 8 – …", test60's MRC), where a figure would otherwise
        # rate the row (not "| N° | Action | Priorité |" under an objective: test36's PDZA rates its actions 1 to 3).
        above = next((reader.drafts[i] for i in reversed(reader.stack) if self.kind is not None
                      and reader.ranks.get(reader.drafts[i].kind, 99) < reader.ranks.get(self.kind, 99)), None)
        self.parents = next((
            (i, above.kind) for i, h in enumerate(header) if above is not None and i != self.unit_column and i < len(first)
            and g.column_kind(h) == above.kind and (number := bare_number(first[i])) is not None
            and reader.named((above.kind, number)) is not None), None)
        self.cells: list[str] = []  # the row being read
        # Rows of fields are those of the unit the header or the caption above names ("Indicateur (chantier C)").
        self.about = (reader.named(g.named_unit(header[0])) if header else None) or reader.caption
        # Several levels, each column of a level followed by its fields ("| Axe | Objectif | Indicateur | Cible 2028 | N° |
        # Action | Résultat attendu |", a spreadsheet's export; a header that names a field is a field here): a row opens
        # a unit in each level's cell that is not empty, and gives it the fields on its right up to the next level. An
        # empty cell goes on with the unit above.
        # (In a plan that says what its levels are, a column named for another level the plan never heads is no level of
        # its: "| No | Actions | Maître d'œuvre | … | Priorité | Coût estimé |" in test51's PDZA, which counts "11 objectifs
        # et 26 actions répartis sous les quatre orientations", ranks each action 1 to 3.)
        singles = [(i, kinds[0]) for i, kinds in enumerate(levels) if len(kinds) == 1 and not self.columns[i]
                   and (not plan.declared or kinds[0] in plan.declared or kinds[0] in plan.labelled)]
        numbers_at = [i for i, h in enumerate(header) if g.numbers_column(h)]
        self.ladder: list[tuple[int, str, int | None, set[int]]] = []
        descending = len(singles) >= 2 and all(reader.ranks[a] < reader.ranks[b] for (_, a), (_, b) in zip(singles, singles[1:]))
        # (Three levels side by side with fields on their right, "| Thème | Objectif | Action | Responsable |", are such
        # a table too: a cell can list the items of one level under its row's unit, not of two. Without fields, "| Enjeu
        # | Orientation | Objectifs |" up front, they are an overview of units the plan states below.)
        beside = len(singles) >= 3 and any(self.columns[singles[-1][0] + 1 :])
        # Two levels, fields on the right of the second, whose first cell states one unit numbered under another (not a
        # list of items, nor a municipal PAPH's unnumbered mesures beside their objective): the rows are units of the
        # second level, the first level's cell left empty under the unit it goes on with ("| Objectif | Action |
        # Responsable | … |" over "|  | 1.2 Installer … | STP |", test55's MAE plan).
        # (Or coded: "| 1.1 Repérer … | S1 Déployer … | CISSS | … |", strategies numbered S1 … S22 across the plan,
        # test61's regional plan.)
        beside = beside or (len(singles) == 2 and any(self.columns[singles[-1][0] + 1 :]) and singles[-1][0] < len(first)
                            and bool(_NUMBERED_CELL_RE.match(first[singles[-1][0]]) or _CODED_CELL_RE.match(first[singles[-1][0]])))
        if descending and (beside or any(self.columns[i] or i in numbers_at for i in range(singles[0][0] + 1, singles[-1][0]))
                           or bool(numbers_at) and numbers_at[0] < singles[0][0]):
            # A column of numbers numbers the row's own unit, of the deepest level after it ("| N° | Obstacle | Mesure |":
            # the mesure's number; the obstacle stands again on each of its rows).
            numbering = {[i for i, _ in singles if i > n and not any(n < m < i for m in numbers_at)][-1]: n
                         for n in numbers_at if any(i > n for i, _ in singles)}
            ends = [i - (i - 1 in numbers_at) for i, _ in singles[1:]] + [len(header)]
            self.ladder = [(i, kind, numbering.get(i), set(range(i + 1, end))) for (i, kind), end in zip(singles, ends)]
        # "| Moment | Direction | Personnel enseignant | … |": a responsibility matrix, each cell what one body does at one
        # time, an action of the unit above the table.
        self.matrix = (self.kind is None and len(header) >= 3 and bool(self.columns[0]) and self.columns[0][0].name == "echeance"
                       and not any(self.columns[1:]) and not any(levels[1:]))
        if (self.kind is None and any(period(h) for h in header)
                and all(period(h) or self.columns[i] or not h.strip() for i, h in enumerate(header))):
            # "| 2023-2024 | 2024-2025 | 2025-2026 |" under an objective: its targets, one a year; so are the years beside
            # the fields of a government plan's table ("| Indicateur | Mesure de départ | 2025-2026 | 2026-2027 |"), or
            # beside a row's label ("|  | 2023-2024 | 2024-2025 |" over "| Cibles | 430 | 455 |").
            self.columns = [(Field("cible", "", period(h)),) if period(h) else columns for h, columns in zip(header, self.columns)]
        # "| Indicateurs | 4. Proportion des adultes … |" over "| Mesure de départ | 51 % |", "| Cible 2024-2025 | 53 % |":
        # a table on its side, an indicator a column and a field a row (not "| Indicateur | 2025-2026 | 2026-2027 |": a year
        # heads a column of targets).
        self.sideways = (self.kind is None and len(header) >= 2 and bool(self.columns[0])
                         and self.columns[0][0].name == "indicateur" and not any(self.columns[1:]))
        # "| Réf. | Niveau | Énoncé | Responsable | … |" over "| 1 | Orientation | PROTÉGER … |": a register, the whole
        # hierarchy in one table, each row's level named in a column whose header names neither a level nor a field, its
        # number on the left (not a glossary's "| Objectif | Résultat que la Ville souhaite atteindre … |").
        self.level_column = next((i for i, h in enumerate(header) if self.kind is None and not self.ladder
                                  and i < len(first) and not levels[i] and not self.columns[i] and g.level_cell(first[i])
                                  and any(bare_number(cell) for cell in first[:i])), None)
        self.header = header
        self.overview = False  # whether it restates the units of its level the plan stated above
        self.opened = False  # whether its rows opened units
        self.indicated = False  # whether the indicators of a table on its side were given
        self.made: Counter[str] = Counter()  # the levels of the units its rows opened, and how many
        self.last: _Draft | None = None  # the unit the last row spoke of
        self.band: _Draft | None = None  # the unit the last row across the table opened, whose the rows below are
        self.titled = False  # whether a row named its unit by number and title (``_titled_row``)
        # A table in an appendix that lists units of a level the plan's body has none of (a government plan whose measures
        # stand only in "Annexe 1 – Mesures du plan d'action"): its rows are the plan's units, not a restatement.
        # (A level alone stands for the one above it: "Objectif spécifique 1" is the body's objectif.)
        self.annexed = (contained and self.kind is not None and bool(reader.drafts)
                        and not any(d.kind == self.kind or reader.alone.get(d.kind) == self.kind for d in reader.drafts))

    def row(self, reader: _Reader, cells: list[str], start: int, restating: bool = False) -> None:
        """A row: a unit of the table's level (with its cells as fields), or fields of the current unit. In a
        table that restates units (a summary, an appendix), a row gives its fields to the unit it names."""
        unit, referred = None, False
        if cells == self.header:
            return  # the header again, where the table goes on over a page break
        self.cells = cells
        if any(_TOTAL_RE.match(cell) for cell in cells[:2]):
            return  # "| Total | 33,7 M$ | … |", "|  | Sous-total objectif 1.1 | … |" sum the rows above: no unit, no field
        if self.level_column is not None:
            self._register_row(reader, cells, start, restating)
            return
        if self.numbered and self.kind is None and (number := bare_number(cells[0])):
            met = next((d for d in reversed(reader.drafts) if d.number == number), None)
            if met is not None:
                # "| 1.1 | Nombre de publications … | 212 | 230 |" in a closing table of indicators: the unit numbered so.
                _attach(reader, _completing(met, self._fields(cells)), met)
                return
        if self.numbered_rows and self._numbered_row(reader, cells, start):
            return
        if self.matrix:
            if not restating:
                self._matrix_row(reader, cells, start)
            return
        if self.ladder:
            self._ladder_row(reader, cells, start, restating)
            return
        if self.sideways:
            if not restating and (field := _column(self.plan.grammar, cells[0])) is not None:
                named = [] if self.indicated else [Field("indicateur", h) for h in self.header[1:]]
                _attach(reader, named + [Field(field.name, cell, field.year) for cell in cells[1:]
                                         if cell and not _NO_VALUE_RE.fullmatch(cell)], self.about)
                self.indicated = True
            return
        spanning = self.plan.grammar.heading(cells[0]) if cells and cells[0] and not any(cells[1:]) else None
        if spanning is not None and spanning.labelled and restating and self.annexed:
            # "| Objectif 1.1 – Cartographier … |  |" in an annex that lists the plan's measures: the rows below are its own.
            met = reader.named((spanning.kind, spanning.number)) if spanning.number else None
            if met is not None:
                reader.stack = _path(reader, met)
            return
        if spanning is not None and spanning.labelled and spanning.kind != self.kind and not restating:
            # A row across the table that names a unit of another level ("| Objectif 1.1 — Compléter … |  |  |"):
            # a heading, the rows below are its own. The next such row is its sibling, whatever the plan ranks the
            # table's level ("| Objectif : … |" bands over rows of mesures, in a plan that counts its mesures by domaine
            # and never names its objectifs elsewhere, test45's PAPH).
            if self.band is not None and self.band.kind == spanning.kind:
                reader.stack = _path(reader, reader.drafts[self.band.parent]) if self.band.parent is not None else []
            unit = reader.open(spanning.kind, _code(spanning.kind, spanning.number), spanning.title, start,
                               number=spanning.number)
            unit.labelled = True
            self.made[spanning.kind] += 1
            self.band = unit
            return
        if not any(self.columns) and len(cells) == 2 and not restating and _attached_to(reader, self.plan, cells):
            return  # "| Objectif rattaché | 1.1 – Connaître … |" in a fiche: the unit the fiche's is under
        if not any(self.columns) and (named := self.plan.grammar.field_row(cells)):
            _attach(reader, named)  # a table of "| Responsable | Direction X |" rows: the fields of the unit above
            return
        named = cells[self.unit_column] if len(cells) > self.unit_column else ""
        if _ABBREVIATION_RE.fullmatch(named) and not self.columns[self.unit_column]:
            # "| ENV | 5 | 3 |": a part of the plan named by its initials in a table of counts, no unit (not "| MSSS |
            # … |" under "| Responsable | … |": a row of fields)
            return
        counts = [cells[c] for c, _ in self.items if c < len(cells) and cells[c] and self.header[c].rstrip().endswith(("s", "x"))]
        if counts and all(_COUNT_RE.fullmatch(cell) for cell in counts):
            return  # "| Habitation | 1 et 2 | 6 |" under "| Champ | Objectifs | Actions |": how many, not which
        if self.kind is not None and named:
            if not _WORDS_RE.search(" ".join(cells)):
                return  # "| 1.1 a) | ● | ● |" (a calendar of means): units named by their codes alone restate those above
            kind, number, title = self._unit(reader, cells, named)
            if not self.items and number and title == named and bare_number(named) is not None:
                # "| A | Nombre de personnes … | 45 personnes |": a unit named by its number alone, no title: one met
                # above, whose fields the row gives (test35's MRC plan); never a unit titled "A"
                if (met := reader.named((kind, number))) is not None:
                    _attach(reader, _completing(met, self._fields(cells)), met)
                elif not restating:
                    reader.ahead.setdefault(_code(kind, number), []).append(self._fields(cells))
                return
            met = reader.named((kind, number)) if number else None
            if met is not None and not restating and _relative(number) and met.parent not in (None, *reader.stack):
                met = None  # "A" again under the next orientation
            # A row that names a unit met above, by its number alone ("| 1.1.1 | Taux de … | 72 % |") or with its title
            # ("| AXE 3 – Informer … | 1,2 M$ |"), speaks of it: it restates it, as a summary does.
            # "| A | Réaliser un portrait … | MRC |" under "| Obj. | Actions | Responsable |": the row's item is under the
            # unit its first cell names by its number alone.
            referred = (met is not None and not restating and self.items and bare_number(named) is not None
                        and any(cells[c] for c, _ in self.items if c < len(cells)))
            restating = restating or met is not None
            if referred:
                reader.stack = _path(reader, met)
                unit = met
            elif restating and not (number and self.annexed):
                if met is not None:
                    _attach(reader, _completing(met, self._fields(cells)), met)
                return
            else:
                unit = self._open(reader, kind, number, title, start, listed=not number and len(self.levels) == 1 and not self.items)
                if (parent := self._referred_parent(reader, cells, kind) or self.band) is not None and unit is not parent:
                    _put_under(reader, unit, parent)
            self.opened = True
        if self.refers is not None:
            column, kind = self.refers
            cell = cells[column] if column < len(cells) else ""
            # The unit's number alone ("1.1"), or before its title ("| 1. Accroître la participation … | 6,8 M$ |");
            # a row that names none ("| Total | 24,6 M$ |") gives nothing to the unit above the table.
            heading = self.plan.grammar.heading(cell)
            number = bare_number(cell) or (heading.number if heading is not None and not heading.labelled else None)
            if (named := reader.named((kind, number)) if number else None) is not None:
                _attach(reader, _completing(named, self._fields(cells)), named)
            elif self.about is not None:
                _attach(reader, self._fields(cells), self.about)
            return
        if unit is None and restating:
            return
        if unit is None and not named and self.items and self.last is not None:
            unit = self.last  # "|  | b) Offrir … |": a row that goes on with the unit above it
            reader.close_list()
        opened, unmarked, dated = [], False, False
        for column, kind in self.items if unit is not None else ():
            cell = cells[column] if column < len(cells) else ""
            marked = [_ITEM_MARK_RE.match(part.strip()) for part in cell.split(";")]
            if _CELL_ITEM_RE.search(cell):
                items = [item.strip(" -–") for item in _CELL_ITEM_RE.split(cell)]
            elif enumerated := _enumerated(cell):
                items = [item for _, item in enumerated]  # "a) Administrer … b) Transmettre …" run together in one cell
            elif len(marked) >= 2 and all(marked) and not referred:
                continue  # "A-1 Accélérer …; A-2 Réaliser …": a summary naming units by their codes (test45's housing office)
            elif (marker := _ITEM_MARK_RE.match(cell)) and not marker.group(2) or referred:
                items = [cell]  # "a) Implanter le guichet …": one item a row, marked (not "1.1 Soutenir …", a summary)
            elif not marker and ";" not in cell and _is_action(cell):
                # "Déployer un système …": one item a row, stating something to do (not "Higher graduation rates;
                # support for …", a summary naming units)
                items, unmarked = [cell], True
            else:
                continue  # "1.1 Soutenir …; 1.2 Réduire …": a summary naming units, not a list of items
            for item in filter(None, items):
                marker = _ITEM_MARK_RE.match(item)
                number = ((marker.group(1) or "") if marker else ""
                          or referred and self.number_column is not None and bare_number(cells[self.number_column]) or "")
                # An item's own fields close it: "• Définir une marque employeur … (COM, 2026, 25 000 $)".
                title, own = _own_fields(self.plan.grammar, item[marker.end():] if marker else item)
                opened.append(reader.open(kind, _code(kind, number), title, start, number=number, listed=True))
                _attach(reader, own, opened[-1])
                if column in self.years:
                    _attach(reader, [Field("echeance", self.years[column])], opened[-1])
                    dated = True
        # A row of one item gives it the row's other cells ("| a) Implanter … | DPSMD | T2 2025 |"); an unmarked item
        # beside its unit, as in a merged cell, leaves it those that measure it ("| 1.1 Augmenter … | Déployer … | Taux
        # de réussite … | 85 % |"): measures belong to objectives (plan_grammar.toml, [discovered]).
        fields = self._fields(cells)
        if len(opened) == 1 and unmarked:
            _attach(reader, [f for f in fields if f.name not in MEASURES], opened[0])
            _attach(reader, [f for f in fields if f.name in MEASURES], unit)
        else:
            target = opened[0] if len(opened) == 1 and not dated else unit or self.about  # (a roadmap's measures: its unit's)
            if target is None and not opened:
                # A row naming its unit by number and title completes that unit's fields; among such rows, one naming
                # none ("| Interventions individuelles (non réparties) | 7,4 M$ |") gives nothing.
                titled = _titled_row(reader, self.plan, cells)
                self.titled = self.titled or titled is not None
                if titled is None and self.titled:
                    return
                target, fields = titled, _completing(titled, fields) if titled else fields
            _attach(reader, fields, target)
        if opened:
            reader.close_list()
        if unit is not None:
            self.last = unit

    def _ladder_row(self, reader: _Reader, cells: list[str], start: int, restating: bool) -> None:
        """A row of a table of several levels: a unit in each level's cell, under the one on its left."""
        g = self.plan.grammar
        for column, kind, number_column, fields in self.ladder:
            cell = cells[column] if column < len(cells) else ""
            same = next((reader.drafts[i] for i in reversed(reader.stack) if reader.drafts[i].kind == kind), None)
            if same is not None and cell == same.title:
                reader.stack = _path(reader, same)  # the unit of the row above, stated again on this row
                continue
            if not cell:
                continue
            if _CELL_ITEM_RE.search(cell):
                # "• Former … • Offrir …": several units of the level in one cell; the row's fields are the last one's.
                for item in filter(None, (part.strip(" -–") for part in _CELL_ITEM_RE.split(cell))):
                    unit = self._open(reader, kind, "", item, start)
                    reader.stack.pop()
                reader.stack.append(reader.drafts.index(unit))
                self.opened = True
                _attach(reader, self._fields(cells, fields), unit)
                continue
            if _numbers_cell(cell):
                return  # "| Axe 1 — … | 1.1 et 1.2 | 1 à 5 |": an overview that numbers the units it names again
            heading = g.heading(cell)
            if heading is not None and heading.labelled:
                kind, number, title = heading.kind, heading.number, heading.title  # "AXE 1 – ACCUEIL …"
            elif heading is not None and heading.number:
                number, title = heading.number, heading.title  # "1.2 - Hausser la satisfaction …"
            else:
                number, title = bare_number(cell) or "", "" if bare_number(cell) else cell
                if not number and number_column is not None and number_column < len(cells):
                    number = bare_number(cells[number_column]) or ""
            met = reader.named((kind, number)) if number else None
            if met is not None and (restating or not title):
                reader.stack = _path(reader, met)  # a unit named again, or by its number alone: the row speaks of it
                unit = met
            elif restating or not title:
                return
            else:
                unit = self._open(reader, kind, number, title, start)
                self.opened = True
            _attach(reader, self._fields(cells, fields), unit)
            self.last = unit

    def _register_row(self, reader: _Reader, cells: list[str], start: int, restating: bool) -> None:
        """A row of a register: a unit of the level its level cell names, numbered by the number on its left, titled by
        the first cell on its right that is no field; a row naming no level gives its fields to the unit above."""
        column = self.level_column
        kind = self.plan.grammar.level_cell(cells[column]) if column < len(cells) else None
        if kind is None:
            if self.last is not None:
                _attach(reader, self._fields(cells), self.last)
            return
        number = next((n for cell in cells[:column] if (n := bare_number(cell))), "")
        title = next((cell for i, cell in enumerate(cells[column + 1 :], start=column + 1)
                      if cell and i < len(self.columns) and not self.columns[i]), "")
        met = reader.named((kind, number)) if number else None
        # (A register under a caption restates the units the plan's headings state; where no heading names its level,
        # "Tableau de mise en œuvre 2025-2027" over the whole plan, its rows are the plan's units.)
        if met is not None or restating and kind in self.plan.labelled or not title:
            if met is not None:
                _attach(reader, self._fields(cells), met)
            return
        self.last = unit = self._open(reader, kind, number, title, start)
        self.opened = True
        _attach(reader, self._fields(cells), unit)

    def _open(self, reader: _Reader, kind: str, number: str, title: str, start: int, listed: bool = False) -> _Draft:
        """A unit of a row, under the open unit of a broader level (or the one its parent's column names)."""
        if (self.parents is not None and self.parents[0] < len(self.cells)
                and (parent := reader.named((self.parents[1], bare_number(self.cells[self.parents[0]]) or ""))) is not None):
            reader.stack = _path(reader, parent)
        base = reader.current()
        while base is not None and (base.listed or reader.ranks[base.kind] >= reader.ranks[kind]):
            reader.stack.pop()
            base = reader.current()
        unit = reader.open(kind, _code(kind, number), title, start, number=number, listed=listed)
        unit.labelled, unit.tabled = bool(number), True
        self.made[kind] += 1
        return unit

    def _matrix_row(self, reader: _Reader, cells: list[str], start: int) -> None:
        """A row of a responsibility matrix: each cell stating something to do is an action (the kind of units that are
        assigned), its column's body responsible for it by the row's time."""
        for column, cell in enumerate(cells[1 : len(self.header)], start=1):
            if INFINITIVE_RE.match(cell):
                unit = self._open(reader, self.plan.grammar.assigned, "", cell, start, listed=True)
                _attach(reader, [Field("responsable", self.header[column]), Field("echeance", cells[0])], unit)
                self.opened = True

    def _numbered_row(self, reader: _Reader, cells: list[str], start: int) -> bool:
        """A row of a table of numbered units whose level no column names; False when it is not numbered under an
        open unit."""
        number = bare_number(cells[0])
        owner = next((reader.drafts[i] for i in reversed(reader.stack)
                      if number and under(number, reader.drafts[i].number)), None)
        probe = self.plan.grammar.probe(number) if owner is not None and cells[1] else None
        kind = (self.plan.kind_of(probe, owner) or self.plan.below(owner.kind)) if probe is not None else None
        if kind is None:
            return False
        reader.stack = _path(reader, owner)
        unit = reader.open(kind, _code(kind, number), cells[1], start, number=number)
        unit.labelled = False
        _attach(reader, self._fields(cells), unit)
        self.opened, self.last = True, unit
        return True

    def _referred_parent(self, reader: _Reader, cells: list[str], kind: str) -> _Draft | None:
        """"| P1-05 | AEC en usinage … | 1.3 | … |" under "| No | Projet | Résultat | … |": a cell that holds only the
        number of one unit of a broader level, in a column that names no field, gives the row's unit its parent."""
        for column, cell in enumerate(cells):
            if column in (self.unit_column, self.number_column) or column < len(self.columns) and self.columns[column]:
                continue
            number, cell = bare_number(cell), cell.strip()
            # "1.3", "A2", "②"; a bare "12" is more often a count
            if number and (cell == number and not number.isdigit() or number.isdigit() and not cell[:1].isdecimal()):
                if (found := _broader(reader, number, kind)) is not None:
                    return found
        # "| 3.1.1 | Offrir … |" in a level's column of numbers: under the broader unit numbered "3.1" (session 33)
        own = bare_number(cells[0]) if self.number_column == 0 and self.unit_column == 1 and cells else None
        if own and re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){2,3}", own):  # (decimal: not "A1.1-1", a code of its own)
            return _broader(reader, own.rsplit(".", 1)[0], kind)
        return None

    def _unit(self, reader: _Reader, cells: list[str], named: str) -> tuple[str, str, str]:
        """The level, number and title of the unit a row names."""
        g = self.plan.grammar
        if self.items and self.number_column is not None and (own := bare_number(named)) is not None:
            return self.kind, own, named  # "| 4 | 1.2 | Instaurer … |": the level's cell names a unit, the number is the item's
        label = g.heading(cells[0]) if self.number_column is not None else None
        if label is not None and label.labelled and label.number:
            return label.kind, label.number, named  # "| Orientation 1 | Offrir … |": the number column names the level
        heading = g.heading(named)
        bare = bare_number(cells[0] if self.number_column is not None else named)
        if bare is None and self.number_column is not None and _CODE_RE.fullmatch(cells[0]):
            bare = cells[0]  # "| 25-EP-01 | Remplacement des conduites … |" under "| No de projet | Intervention |"
        if heading is not None and heading.labelled and heading.kind in self.levels:
            return heading.kind, bare if bare is not None else heading.number, heading.title  # "| 1.1 | Objectif : … |"
        if heading is not None and heading.labelled and heading.number and reader.named((heading.kind, heading.number)):
            # "| Appel à l'action 22 | 350 000 $ |" under "| Volet du plan | Investissement |": a unit of another level
            # met above, named again
            return heading.kind, heading.number, heading.title
        kind = self._level_below(reader, bare or "") if len(self.levels) > 1 else self.kind
        number = heading.number if heading is not None and heading.kind in (None, kind) else ""
        if (not number and bare is None and (coded := _ITEM_MARK_RE.match(named)) is not None and coded.group("code")
                and reader.named((kind, coded.group("code"))) is not None):
            # "| 101 Marches exploratoires | ● |" under "| Action | 2026 | …": action 101, met above, named by its code
            # (test60's calendar)
            return kind, coded.group("code"), named[coded.end() :]
        title = heading.title if number else named
        return kind, bare if bare is not None else number, title

    def _level_below(self, reader: _Reader, number: str = "") -> str:
        """In a column of several levels, the level of a row that does not name its own: the one under the open
        unit of these levels (the same, under the last), the broadest when none is open. A row's number says which:
        that of an open unit's level when it has as many parts, the one under it when it goes on with its number
        ("| 1.2 |" after "| 1 |", "| 1.1 |", "| 1.1a |" under "| Code | Volet, objectif ou action |", test51's
        regional digital plan)."""
        def under(kind: str) -> str:
            return self.levels[min(self.levels.index(kind) + 1, len(self.levels) - 1)]

        open_units = [reader.drafts[i] for i in reversed(reader.stack) if reader.drafts[i].kind in self.levels]
        parts = len(_CODE_PARTS_RE.findall(number))
        for unit in open_units if number else ():
            own = len(_CODE_PARTS_RE.findall(unit.number)) if unit.number else 0
            if unit.number and own == parts:
                return unit.kind
            if unit.number and own == parts - 1 and number.startswith(unit.number):
                return under(unit.kind)
        return under(open_units[0].kind) if open_units else self.levels[0]

    def _fields(self, cells: list[str], only: set[int] | None = None) -> list[Field]:
        """The fields a row's cells give, of all its columns or ``only`` some."""
        out: list[Field] = []
        marked: dict[str, list[str]] = {"responsable": [], "partenaires": [], "echeance": []}
        for column, (fields, cell, header) in enumerate(zip(self.columns, cells, self.header)):
            if only is not None and column not in only:
                continue
            if cell in _MARKS and not fields:
                # "●" under "GIM": the service responsible; "○": a partner; either under "2026": a year of its calendar
                marked["echeance" if period(header) else _MARKS[cell]].append(header)
            elif fields and cell and cell not in ("-", "–", "—") and cell not in _CHECKS:
                out.extend(Field(f.name, value, f.year) for f, value in _split_cell(self.plan.grammar, cell, fields))
        return out + [Field(name, ", ".join(headers)) for name, headers in marked.items() if headers]


def _split_cell(g: Grammar, cell: str, fields: tuple[Field, ...]) -> list[tuple[Field, str]]:
    """A cell under a header naming several fields, cut where a field's label starts ("Taux … — Cible : 85 %") or,
    with no label, at a dash between spaces ("Proportion des logements inspectés — 100 % d'ici juin 2026")."""
    if len(fields) > 1 and _BREAK_RE.search(cell):
        # "Indicateur : …<br>Cible 2029 : 15 candidatures": a line each; a line without a label goes on with the one above.
        lines: list[Field] = []
        for line in _BREAK_RE.split(cell):
            labelled = g.fields(line)
            if labelled:
                lines.extend(labelled)
            elif lines:
                lines[-1] = Field(lines[-1].name, f"{lines[-1].value} {line}", lines[-1].year)
        if lines:
            return [(Field(f.name, "", f.year), f.value) for f in lines]
    inside = _label_inside(g, cell) if len(fields) > 1 or fields[0].name == "indicateur" else None
    if len(fields) == 1 and inside is None:
        return [(fields[0], cell)]
    if inside is not None:
        # "Bureaux audités (cible : 14)" under "Indicateur de résultat": the indicator, then its target.
        head, found = inside[0].strip(" —–-;|("), inside[1]
        if inside[0].rstrip().endswith("("):
            found = [Field(f.name, f.value.split(")", 1)[0].strip(), f.year) for f in found]  # up to its bracket's end
        return ([(fields[0], head)] if head else []) + [(Field(f.name, "", f.year), f.value) for f in found]
    parts = [p.strip() for p in _CELL_DASH_RE.split(cell, maxsplit=len(fields) - 1)]
    return [(f, part) for f, part in zip(fields, parts) if part]


def _attached_to(reader: _Reader, plan: _Plan, cells: list[str]) -> bool:
    """Whether a fiche's row names the unit the fiche's unit is under, and if so put it there: "| Objectif rattaché |
    1.1 – Connaître l'état du patrimoine arboré |" under "FICHE-ACTION 01" (test42's urban-forest plan): a level's word,
    then the number of a unit of that level met above, of a broader level than the fiche's."""
    current = reader.current()
    kind = plan.grammar.kind_of(cells[0].split()[0]) if cells[0].split() else None
    number = cells[1].split()[0].rstrip(".:–—-") if cells[1].split() else ""
    parent = reader.named((kind, number)) if kind and bare_number(number) else None
    if current is None or parent is None or parent is current or plan.rank_default(parent.kind) >= plan.rank_default(current.kind):
        return False
    _put_under(reader, current, parent)
    return True


def _broader(reader: _Reader, number: str, kind: str) -> _Draft | None:
    """The one unit numbered ``number`` of a level broader than ``kind``; None when there is none or several."""
    found = [d for d in reader.drafts if d.number == number and reader.ranks.get(d.kind, 99) < reader.ranks.get(kind, 0)]
    return found[0] if len(found) == 1 else None


def _completing(unit: _Draft, fields: list[Field]) -> list[Field]:
    """The fields a table's row gives a unit it names that the unit has none of: a summary completes what the plan
    said under the unit, never says it again ("| 5 | 5.1 Offre de cours … | VRE | A2025 |" under "Mesure 5.1" and its
    "Responsable : Vice-rectorat aux études", test31)."""
    had = {name for name, _ in unit.fields}
    # A row whose target the unit already has restates its measures ("| 1.1 | Élèves … (abrégé) | 31 % | 22 % | … |" under
    # "Objectif 1.1" and its "Cible : 22 % d'ici 2029 (31 % en 2025)", session 33's newcomer check): none of them again.
    # (the same test ``_attach`` makes of each target, before the row's baseline column is joined to it)
    restated = any(_restates(replace(said, deadline=said.deadline or f.year), had) for f in fields if f.name == "cible"
                   for said in [parse_target(f.value)] for had in unit.targets)
    return [f for f in fields if (f.name in MEASURES and not restated) or f.name not in MEASURES and f.name not in had]


def _titled_row(reader: _Reader, plan: _Plan, cells: list[str]) -> _Draft | None:
    """The unit a row of fields names by its number and title ("| 4. Attirer et retenir la main-d'œuvre … | 1,4 M$ |"
    under "| Priorité régionale | Enveloppe |", test42's labour-market council), its fields its own, not the unit above
    the table's."""
    heading = plan.grammar.heading(cells[0]) if cells else None
    if heading is None or heading.labelled or not heading.number or not heading.title:
        return None
    title = _skeleton(heading.title)
    return next((d for d in reversed(reader.drafts) if d.number == heading.number and _skeleton(d.title).startswith(title)), None)


def _put_under(reader: _Reader, unit: _Draft, parent: _Draft) -> None:
    """``unit`` moved under ``parent``, and the stack open down to it."""
    unit.parent = reader.drafts.index(parent)
    reader.stack = [*_path(reader, parent), reader.drafts.index(unit)]


def _path(reader: _Reader, draft: _Draft) -> list[int]:
    """The stack of open units down to ``draft``: its ancestors, then itself."""
    path = [reader.drafts.index(draft)]
    while reader.drafts[path[0]].parent is not None:
        path.insert(0, reader.drafts[path[0]].parent)
    return path


def _breadcrumb(g: Grammar, reader: _Reader, text: str) -> _Draft | None:
    """The unit a line of units' names points to, broadest first ("Orientation 1 › Objectif 1.1"): the last, when each
    part names one met already by its level and number alone, the next under the one before; None for any other."""
    parts = _TRAIL_RE.split(text)
    named = [reader.named((h.kind, h.number)) if (h := g.heading(part)) is not None and h.labelled and h.number
             and not h.title else None for part in parts]
    if len(parts) < 2 or None in named or any(b.parent is None or reader.drafts[b.parent] is not a
                                              for a, b in zip(named, named[1:])):
        return None
    return named[-1]


def _full_number(reader: _Reader, draft: _Draft) -> str:
    """A unit's number with those of the units above it where its own starts again under each: "Résultat attendu 1"
    under "Chantier A" is A.1, the number "A.1.1 Réaliser …" is numbered under (session 37's newcomer housing office)."""
    parent = reader.drafts[draft.parent] if draft.parent is not None else None
    if parent is None or not parent.number or not draft.number or under(draft.number, parent.number):
        return draft.number
    return f"{_full_number(reader, parent)}.{draft.number}"


def _column(g: Grammar, header: str) -> Field | None:
    """The field a table column holds ("Cible 2030" → cible, due 2030; "Notre cible pour 2028", "Our targets"; in two
    languages, "Cible / Target 2026-2027"), None for another column."""
    header = header.rstrip(" ?")  # "Quand ?", "Qui porte ?": a plain-language plan's columns
    if g.column_kind(header):
        return None  # a level's column in the plan's own words: "Cibles d'intervention" (test54's CIUSSS plan)
    found = [f[0] for part in _LANGUAGES_RE.split(header) if (f := g.fields(_POSSESSIVE_RE.sub("", part) + " :"))]
    words = header.split()
    for word in (words[-1], words[0]) if not found and 1 < len(words) <= _HEADER_WORDS else ():
        # "Ministère ou organisme responsable", "Service porteur": a noun the field's word qualifies; "Partenaires
        # financiers", "Coût total": the field's word, qualified; "Indicateur du Plan stratégique": the field's word,
        # then whose it is (test43's cégep plan de travail)
        whose = word is words[0] and (words[1].casefold() in ("du", "de", "des", "of") or words[1].startswith(("d’", "d'")))
        if (named := g.fields(word + " :")) and (named[0].name in _ASSIGNED or whose):
            return named[0]
    if not found:
        return None
    return replace(found[0], year=found[0].year or next((f.year for f in found if f.year), None))


def _own_words(doc: Document, lines: list[tuple[str, int]]) -> Document:
    """The document, its structure naming the level words its text uses that the grammar does not know: the
    initials of level names ("OS 1.1", ``Grammar.initialisms``) and words of its own ("Engagement 1.1",
    ``Grammar.discover``); the words its catalog entry names keep their kinds."""
    structure = doc.meta.structure
    initialisms = grammar(structure).initialisms(doc.text)
    g = grammar({**structure, "words": {**initialisms, **structure.get("words", {})}})
    contained = _contained(g, lines)
    numbered = {**g.codes_said(doc.text), **g.numbering_said(doc.text), **_numbered_by_contents(g, lines, contained)}
    leads = {**g.leads_said(doc.text), **structure.get("leads", {})}
    # (Words are found among the headings the plan's numbering makes: "Facteur clé 1" over "1-A Augmenter …" where
    # "des objectifs codés … (1-A, 1-B, etc.)" holds a level under it, test60's sports federation.)
    g = grammar({**structure, "words": {**initialisms, **structure.get("words", {})},
                 "numbered": {**numbered, **structure.get("numbered", {})}, "leads": leads})
    glossed = g.glossed(doc.text)  # "quatre grandes scènes stratégiques (nos axes)": what the plan calls them
    fielded = frozenset(i for i, (text, _) in enumerate(lines) if _fielded(g, text, _ASSIGNED))
    found = {word: glossed.get(word, kind) for word, kind in g.discover([text for text, _ in lines], contained, fielded).items()}
    if not found and not any((h := g.heading(text)) is not None and h.labelled for text, _ in lines):
        # Where no heading names a level, in the grammar's words or the plan's own, the numbers the plan says a level's
        # are that level's: test24's city plan, its priorités "1 Réduire …" "numérotées de 1 à 14". (Not in a plan of
        # "Appel à l'action 24" whose actions are "numérotées de 1 à 20" beside its sections "6. Mise en œuvre …".)
        numbered = {**g.numbering_ranged(doc.text), **numbered}
    if not found and not initialisms and not numbered and not leads:
        return doc
    words = {**initialisms, **found, **structure.get("words", {})}
    return replace(doc, meta=replace(doc.meta, structure={**structure, "words": words, "leads": leads,
                                                          "numbered": {**numbered, **structure.get("numbered", {})}}))


def _numbered_by_contents(g: Grammar, lines: list[tuple[str, int]], contained: list[bool]) -> dict[str, str]:
    """The levels of numbers the body prints without a level word, named by the table of contents: "Objectif 1.1 –
    Livrer … ..... 6" there, "1.1 Livrer …" in the body. A number → kind, as a catalog's ``numbered`` gives them,
    for a level two headings or more show so and the body never names."""
    listed: dict[str, Heading] = {}
    for text, _ in lines:
        heading = g.heading(text) if _LEADERS_RE.search(text) else None
        if heading is not None and heading.labelled and heading.number:
            listed[heading.number] = heading
    named = {h.kind for (text, _), inside in zip(lines, contained) if not inside
             and (h := g.heading(text)) is not None and h.labelled and h.number}
    shown: dict[str, list[str]] = {}
    for (text, _), inside in zip(lines, contained):
        heading = g.heading(text) if not inside else None
        entry = listed.get(heading.number) if heading is not None and not heading.labelled else None
        if entry is not None and entry.kind not in named and _skeleton(entry.title)[:12] == _skeleton(heading.title)[:12]:
            shown.setdefault(entry.kind, []).append(heading.number)
    return {numbers[0]: kind for kind, numbers in shown.items() if len(numbers) >= 2}


# A level's word alone, or with a complement of two words at most: "Thème", "PRIORITÉ DE FINANCEMENT".
_KICKER_RE = re.compile(r"(?P<word>[^\W\d_][\w’'-]*)(?:\s+(?i:de la|de l[’']|de|du|des|d[’'])\s*[^\W\d_][\w’'-]*(?:\s+[^\W\d_][\w’'-]*)?)?")


def _kickers(g: Grammar, lines: list[tuple[str, int]], contained: list[bool]) -> dict[str, Heading]:
    """The lines that name a level without a number nor a title, over each of its units, its title on the next line:
    "Thème" / "Habitation et milieu de vie" (test44's municipality), "PRIORITÉ DE FINANCEMENT" / "Urgence et soins
    critiques : chaque minute compte" (session 29's hospital foundation). The plan prints the same line over two of its
    units at least, each time before a line that is no heading: a heading of its own (title on the next line), by line."""
    seen: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for i, ((text, _), inside) in enumerate(zip(lines, contained)):
        m = _KICKER_RE.fullmatch(text.strip())
        below = lines[i + 1][0] if i + 1 < len(lines) else ""
        word = m.group("word") if m else ""
        if (not inside and m and g.heading(text) is None and g.kind_of(word) is not None and not g.fields(text + " :")
                and not word.casefold().endswith(("s", "x"))  # (not "Mesures de prévention" over a list's categories)
                and not g.lead_in(text) and below[:1].isupper() and g.heading(below) is None and not g.fields(below)
                and len(below) <= _ITEM_MAX and not below.endswith(".")  # a title, not "Problématique" over a paragraph
                and below.split()[0].casefold() != word.casefold()  # nor "Mesure de la conformité" / "Mesure de suivi : …"
                and not below.startswith("|")):
            seen[text] += 1
            kinds[text] = g.kind_of(word)
    return {text: Heading(kinds[text], "", "", "", True) for text, n in seen.items() if n >= 2}


def _titled(g: Grammar, lines: list[tuple[str, int]], contained: tuple[bool, ...]) -> dict[int, Heading]:
    """The lines alone that an overview table names as units of a level, in the column its header names by that level:
    "| Orientation | Priorités |" over "| Accélérer la transition écologique | 1 à 4 |", then "Accélérer la transition
    écologique" alone over the orientation's text and its priorités (test24's city plan, whose orientations are titles on
    coloured bands, without word nor number): unnumbered headings of that level, when each title of the column heads
    one line of its own outside the table, over its text (not a cell of a table the PDF read as lines, "Une coop
    solide, …" over "38 000 $"; nor a column one of whose titles the PDF ran into another line, test17's co-op)."""
    columns: list[tuple[str, list[str]]] = []  # (kind, titles) of each column a header names by a level
    picks: list[int] = []  # the cells of the current table's rows those columns hold
    start = 0
    for i, (text, _) in enumerate(lines):
        if not text.startswith("|"):
            picks = []
        elif i + 1 < len(lines) and _TABLE_RULE_RE.match(lines[i + 1][0]):
            header = [None if _column(g, cell) else g.level_named(cell) for cell in row_cells(text)]
            start = len(columns)
            columns += [(kind, []) for kind in header if kind]
            picks = [k for k, kind in enumerate(header) if kind]
        elif not _TABLE_RULE_RE.match(text):
            cells = row_cells(text)
            for n, k in enumerate(picks):
                cell = cells[k] if k < len(cells) else ""
                if len(cell.split()) >= 2 and not any(c.isdigit() for c in cell):
                    columns[start + n][1].append(cell)
    titles = {t for _, column in columns for t in column}
    alone = {text: i for i, ((text, _), inside) in enumerate(zip(lines, contained))
             if text in titles and not inside and g.heading(text) is None and i + 1 < len(lines)
             and re.search(r"[^\W\d_]{3}", lines[i + 1][0]) and not lines[i + 1][0].startswith("|")}
    once = Counter(text for text, _ in lines)
    found: dict[int, Heading] = {}
    for kind, titles in columns:
        if len(titles) >= 2 and all(t in alone and once[t] == 1 for t in titles):
            found.update({alone[t]: Heading(kind, "", "", t, True) for t in titles})
    return found


# The rewrites of a plan's lines before they are read, in order: each takes the lines and gives them as the plan lays
# them out (a list run into its lead-in, a fiche, a heading beside its table, a level's word over its number, labels
# over their values, the items a caption of measures announces, a level named after its title).
def _run_on_series(g: Grammar, lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines, an item of a numbered series that a PDF ran onto the field line of the item before it cut off as a
    line of its own: "101 Réaliser …" / "Porteur : … | Quand : T3 2026 | Coût : 18 000 $ 102 Remplacer l'éclairage …"
    (test60's city plan, read from its PDF). Only the next number of the series, after fields, opens a line."""
    out: list[tuple[str, int]] = []
    following: str | None = None  # the number the series goes on with
    for text, start in lines:
        if (m := _ITEM_MARK_RE.match(text)) is not None and _HUNDREDS_RE.fullmatch(m.group("code") or ""):
            following = str(int(m.group("code")) + 1)
        cut = text.find(f" {following} ") if following and g.fields(text) else -1
        if cut > 0 and text[cut + len(following) + 2 : cut + len(following) + 3].isupper():
            out += [(text[:cut], start), (text[cut + 1 :], start + cut + 1)]
            following = str(int(following) + 1)
            continue
        out.append((text, start))
    return out


_LINE_PASSES = (_run_in_items, _run_on_series, _fiche_tables, _headed_tables, _headings_out_of_tables, _numbered_below,
                _labelled_values, _measured_items, _levels_after_titles)


def extract_units(doc: Document) -> list[PlanUnit]:
    g = grammar(doc.meta.structure)
    lines = list(_pieces(doc.text))
    for rewrite in _LINE_PASSES:
        lines = rewrite(g, lines)
    doc = _own_words(doc, lines)
    plan = _Plan.read(doc, lines)
    bracketed = Counter(m.group("number") for m in BRACKETED_NUMBER_RE.finditer(doc.text))  # "[1.1]": how often each is printed
    g = plan.grammar
    reader = _Reader(doc, plan.ranks, plan.grammar.alone)
    owned = _item_fields(g, lines)
    leads, ends = _fielded_lists(g, lines)
    categories = _categories(lines, plan.contained)
    mode = "body"  # body | objectives (INM table) | actions (Pôle table)
    block: list[tuple[str, int]] = []  # lines since the last unit or action table header
    in_means_table = False
    trailed: _Draft | None = None  # the unit a line of units' names pointed to, for the heading right after it
    objectives_by_title: dict[str, int] = {}
    table: _Table | None = None
    for i, ((text, start), contained) in enumerate(zip(lines, plan.contained)):
        if text.startswith("|"):
            cells = row_cells(text)
            if _TABLE_RULE_RE.match(text):
                continue
            # A row over a rule ("|---|") is the header of a table, even right after another table; unless it is that
            # table's header again, on the next page (the PDF reader may have run a wrapped cell's end into its cells:
            # "| Mesure touchant les milieux humides | Indicateur | …" under "| Mesure | Indicateur | …").
            ruled = i + 1 < len(lines) and _TABLE_RULE_RE.match(lines[i + 1][0])
            if ruled and table is not None and len(cells) == len(table.header) and all(
                    c.startswith(h) for c, h in zip(cells, table.header)):
                continue
            first = _first_row(lines, i) if table is None or ruled else []
            if ((table is None or ruled) and (named := g.field_row(cells)) and _column(g, cells[1]) is None
                    and not g.level_named(cells[1]) and (not ruled or g.field_row(first))):
                # "| Responsable | Régie |" then "| Échéancier | 2026 |": a fiche of the unit above, each row one of its
                # fields, not a header over values (the newcomer PGMR of session 36), with a rule under its first row or
                # not (test53's government plan)
                table = None
                _attach(reader, [f for f in named if not _NO_VALUE_RE.fullmatch(f.value)])  # ("| Cible 2025 | s.o. |": none)
                continue
            if table is None or ruled:
                table = _Table(plan, cells, reader, contained, first, categories.get(tuple(cells), frozenset()))
                table.overview = not contained and _overview(plan, reader, table, lines, i)
                if table.kind is None and not contained and (measures := [f for fs in table.columns for f in fs]):
                    # "Réduire les écarts … d'ici 2027." over "| Indicateur | Situation initiale | Cible 2027 |": a unit
                    # stated as a sentence, measured by the table under it.
                    _carried(reader, plan, reader.last_line, measures)
                    reader.last_line = None  # (what the unit said is behind its measures)
                    if (current := reader.current()) is not None and (owner := _assigning(reader, current)) is not None:
                        reader.stack = _path(reader, owner)
            else:
                table.row(reader, cells, start, restating=contained or table.overview)
            continue
        if table is not None and table.opened:
            # Below a table of units, lines speak of the unit above them ("Indicateurs de suivi :" after a
            # table of actions is its objectif's), not of the table's last row.
            # So do those below a table whose rows across it opened several units ("| Objectif 1 – … |" rows over
            # their actions, then "Indicateurs de suivi" of the champ above them).
            while reader.current() is not None and (reader.current().kind in table.levels
                                                    or table.made[reader.current().kind] >= 2):
                reader.stack.pop()
            for held in reader.stack:  # "Actions :" over the table: its rows were the list
                if reader.drafts[held].lists in (*table.levels, *(kind for _, kind in table.items)):
                    reader.drafts[held].lists = None
        table = None
        if g.is_container(text) and (contained or not _TABLE_CAPTION_RE.match(text)):
            # (A table's caption that names the unit the table is about holds that unit's own: ``_contained``.)
            if mode == "actions":
                _close_action(reader, block)
            mode = "body"
            in_means_table = bool(_MEANS_TABLE_RE.match(text))
            objectives_by_title = {_skeleton(d.title): i for i, d in enumerate(reader.drafts) if d.kind == "objectif"}
            continue
        in_means_table = in_means_table and contained
        if in_means_table:
            _read_means_row(reader, text, start, objectives_by_title)
            continue
        if not contained and (trail := _breadcrumb(g, reader, text)) is not None:
            # "Orientation 1 › Objectif 1.1" over a fiche "07  Offrir …" (test53's government plan): the units named are
            # those met already, and what follows is under the last
            reader.stack, trailed = _path(reader, trail), trail
            continue
        current = reader.current()
        heading = g.heading(text) or plan.kickers.get(text) or plan.titled.get(i)
        if (heading is not None and (opening := BRACKETED_NUMBER_RE.match(text))
                and (bracketed[opening.group("number")] > 1 or any(d.number == heading.number for d in reader.drafts))):
            # "[1a] Nombre de transferts … ▪ cible 2029 : 12" (test34's SADC), "[3.3-a] …" in each year's list (test49's
            # town): a number in brackets that names a unit met above, or that the plan prints more than once, refers
            heading = None
        if heading is not None:
            heading = plan.number(heading) if plan.accepts(heading) and not _QUOTED_RE.fullmatch(heading.title) else None
        trailed = trailed if heading is not None else None
        listing = current is not None and (current.lists or current.listed)
        announced = False  # a numbered item of the list a lead-in announced
        if heading is not None and heading.kind is None:
            owner = current if current is None or current.lists or current.parent is None else reader.drafts[current.parent]
            lister = reader.lister()
            if trailed is not None and trailed is current:
                # "07  Offrir …" under "Orientation 1 › Objectif 1.1": a unit of the level under the one named last (the
                # line names the unit's place as a level's word would)
                kind = plan.kind_of(heading, trailed) or plan.below(trailed.kind)
                heading = replace(heading, kind=kind, labelled=True) if kind else None
            elif lister is not None and _next_in_sequence(heading.number, reader, lister):
                # "Mesures" then "1. Lancer …", "2. Offrir …", "3a. Ajouter …": numbered items of the kind announced,
                # numbered on from the last one of that kind (a plan may number its mesures across its axes).
                heading, announced = replace(heading, kind=lister.lists), True
            elif ((before := _series_before(reader, heading.number)) is not None and not before.tabled
                  and (not listing or before is lister)):
                # "M-02 Documenter …" after "M-01 Mettre à jour …", its paragraph and its fields (test54's ministry
                # plan): the next of the series, though a paragraph ended the list the first opened, or after the
                # steps the one before lists (test47's city); under the unit that one is under while it is open (not a
                # table's row broken into a line in a PDF, "ADA-2 Exiger … Service de 2026 s.o.", test25)
                if before.parent in reader.stack:
                    reader.stack = _path(reader, reader.drafts[before.parent])
                heading, announced = replace(heading, kind=before.kind), True
            elif listing and (heading.scheme == "lower" or under(heading.number, owner.number)):
                heading = None  # "a) …", or "2.1.1 …" under objectif 2.1's "Moyens :": an item of the list
            elif (_BARE_CODE_RE.match(text) and "-" in heading.number and not g.numbered_kind(heading)
                  and not any(under(heading.number, reader.drafts[i].number) for i in reader.stack)):
                # "M-01 Installer …" without a unit "M" above it: an item's code ("A-1 …" under "Enjeu A" heads); unless
                # field lines of its own follow it, "PL-1  Planter 12 000 arbres …" / "Responsable : … · Échéance : 2029"
                # under "Volet 1 · Planter" (test63's city tree plan): a unit of the level under the open one
                # (of the level the plan counts or says such codes are, "15 mesures réparties dans quatre volets")
                kind = None
                if current is not None and not listing and _owns_fields(g, lines, i):
                    kind = plan.kind_of(heading, current, begun=any(d.labelled for d in reader.drafts))
                    if kind is None or plan.rank_default(kind) <= plan.rank_default(current.kind):
                        kind = plan.below(current.kind)
                heading = replace(heading, kind=kind) if kind else None
            else:
                # Its parent is the open unit it is numbered under ("1.2" after "1.1": "Orientation 1").
                above = next((reader.drafts[i] for i in reversed(reader.stack)
                              if under(heading.number, reader.drafts[i].number)
                              or under(heading.number, _full_number(reader, reader.drafts[i]))), current)
                kind = plan.kind_of(heading, above, begun=any(d.labelled for d in reader.drafts))
                heading = replace(heading, kind=kind) if kind else None
        if (heading is not None and not heading.labelled and heading.kind is not None and not announced
                and not any(d.labelled for d in reader.drafts) and heading.scheme in plan.numbered_again
                and any(plan.rank_default(k) < plan.rank_default(heading.kind) for k in plan.labelled)):
            # "① Agir selon les meilleures connaissances …" under "Principes directeurs", before "AXE 1" in a plan
            # whose actions are "numérotées ①, ②, ③ sous chaque objectif" (test66's ministry plan): a level under
            # the ones the plan's headings name has no unit before the first of them, where its numbering starts
            # again under them (not "1A Allonger la saison …" after "AMBITION 1", which a PDF ran into the line above
            # it, test39's business district).
            heading = None
        if mode == "actions" and heading:
            _close_action(reader, block)
        if (heading is not None and heading.number and current is not None and not current.lines
                and (current.kind, current.number) == (heading.kind, heading.number)):
            continue  # "Objective 2.1 — Increase …" right under "Objectif 2.1 — Accroître …": the same, translated
        if (heading is not None and heading.labelled and not heading.number and current is not None and heading.kind
                and plan.rank_default(heading.kind) < plan.rank_default(current.kind)
                and re.match(r"[^\W\d_][\w’' -]*\s:\s", text) and text.rstrip().endswith(".")):
            heading = None  # "PRIORITÉ RÉGIONALE 1" / its title / "Enjeu : Malgré la rareté …, la région …." (test42's labour
            # council): what the unit answers, said in a sentence under it, not a unit of a broader level below it
        met = reader.named((heading.kind, heading.number)) if heading is not None and heading.number else None
        if met is not None and not contained and (measured := _measured_restatement(g, heading.title)):
            # "▸ Action 1.1.1 · Nombre de personnes présentes … · Cible : 120 personnes par année" under "Pour mesurer
            # nos progrès", below another objective's table (test66's town plan), "1A · Nombre d'abonnés actifs — départ
            # 2025 : 18 400 — cible 2030 : 22 000" (test65's library network): a unit met above, named again with its
            # indicator and target, which are its own
            _attach(reader, measured, met)
            continue
        if (heading is not None and heading.labelled and not heading.number and current is not None and not contained
                and (number := bare_number(heading.title)) is not None and text.rstrip().endswith(heading.title)):
            # "Orientation : 1" under "Objectif 2 – Sécuriser …", in a plan that states each level in a section of
            # its own (structure/test60's MRC): the unit the objective is under, named by its number
            named = reader.named((heading.kind, number))
            if (named is not None and current.labelled and not _children(reader, current)
                    and plan.rank_default(named.kind) < plan.rank_default(current.kind)):
                _put_under(reader, current, named)
                continue
        if (heading is not None and heading.labelled and heading.number and not heading.title and not contained
                and i + 1 < len(lines) and (next_one := g.heading(lines[i + 1][0])) is not None
                and not under(next_one.number, heading.number)
                and any(d.kind == heading.kind and d.number and number_key(d.number) > number_key(heading.number)
                        for d in reader.drafts)):
            continue  # "AXE D'INTERVENTION A" over objective B.2: a PDF's label out of its place, nothing under it
        if (met is not None and current is not None and not contained and heading.labelled and _REFERRED_RE.match(text)
                and current.labelled and not current.listed
                and reader.drafts.index(current) > reader.drafts.index(met) and not _children(reader, current)
                and len(current.lines) <= 2 and not current.fielded
                and plan.rank_default(met.kind) < plan.rank_default(current.kind)
                and _skeleton(heading.title) == _skeleton(met.title)):
            # "FICHE-ACTION 03" / its title / "Objectif rattaché 1.2 – Limiter …" (a fiche's table, read from its PDF
            # as lines): the unit the fiche's is under, named again, its level's word qualified by a participle
            _put_under(reader, current, met)
            continue
        if (met is not None and not contained and heading.labelled and met.labelled
                and (met.parent is None or met.parent in reader.stack) and _children(reader, met)):
            # "1re orientation — Réussite éducative" again, over the moyens the schools chose for it: the same unit
            # (under another parent, the numbers start again: "Action 1" of the next objective; and a unit that holds
            # nothing yet was only announced, in a list before the plan's body).
            reader.stack = _path(reader, met)
            if reader.grouped:
                met.lists, met.marked = reader.grouped, False
            if not any(d.lines for d in _within(reader, met)[:-1]):
                # An overview up front gave it and what is under it, lines or rows without text ("| 1. La réussite
                # éducative … | Soutenir … | 1.1 … |", test60's cégep; "Orientation 1 – …" over "1.1 Diplomation … | 197
                # élèves | 230 élèves", session 44's newcomer; the last unit of the overview holds the prose after it):
                # it stands where its heading is, over its text, not over the overview's units after it.
                met.start, met.tabled = start, False
            mode, block = "body", []
            continue
        if heading is not None and not contained:
            reader.grouped = None
            title, fields = _own_fields(g, _SUBHEADING_TAIL_RE.sub("", heading.title))
            below = lines[i + 1][0].strip(" :") if i + 1 < len(lines) else ""
            if heading.labelled and not heading.number and not title and below and g.kind_of(below) is not None:
                continue  # "Axe stratégique" over "Objectif", "Initiative": the words of a legend, no unit
            above = lines[i - 1][0] if i else ""
            if (heading.labelled and heading.number and not title and (printed := g.heading(above)) is not None
                    and not printed.labelled and printed.number == heading.number and printed.title
                    and (reader.current() is None or reader.current().lines[-1:] == [above])):
                # "2. Transport et mobilité" over "Champ d'intervention 2" (its band's small label, under its title in a
                # PDF): the title, numbered as the unit is (session 45's newcomer MADA plan)
                if reader.current() is not None:
                    reader.current().lines.pop()
                title = printed.title
            if heading.labelled and not heading.number and not title and (number := bare_number(above)) and len(above) <= 4:
                # "1" / "STRATEGIC PRIORITY" / "Educate …", "I" / "ORIENTATION STRATÉGIQUE": a number printed large
                # above its level's word
                probe = g.probe(number)
                heading = replace(heading, number=number, scheme=probe.scheme if probe else heading.scheme)
                if reader.current() is not None and reader.current().lines[-1:] == [above]:
                    reader.current().lines.pop()
                above = ""
            counts = bool(_COUNTS_TITLE_RE.fullmatch(title)) and bool(g.plural_re.search(title))
            if ((not title or counts) and heading.number and (is_caps(above) or counts) and len(above) <= CAPTION_MAX
                    and not above.endswith((".", ":", ";")) and g.heading(above) is None and not g.fields(above)
                    and not g.plural_re.search(above)  # (not "LES AXES D'INTERVENTION", the section's title)
                    and heading.kind not in {g.kind_of(w) for w in above.split()}):  # nor "MESURE BONIFIÉE", its status
                # "RÉUSSIR ENSEMBLE" over "Orientation 1" alone, or a title over "DIMENSION 2 — 3 objectifs, 8 actions":
                # the title is printed above the word (on two lines when the first ends on a comma); not a field's line,
                # the last one of the unit before ("CALENDRIER" / "2026-2030", test66's ministry plan).
                before = lines[i - 2][0] if i > 1 else ""
                wrapped = before.endswith(",") and (is_caps(before) or counts) and g.heading(before) is None
                title = f"{before} {above}" if wrapped else above
                for line in [above, *([before] if wrapped else [])]:
                    if reader.current() is not None and reader.current().lines[-1:] == [line]:
                        reader.current().lines.pop()
            draft = reader.open(heading.kind, _code(heading.kind, heading.number), title, start, number=heading.number)
            draft.labelled = heading.labelled or announced  # its lead-in names its level
            draft.named = heading.labelled
            if i in leads:
                draft.lists = g.children[draft.kind] if (laid := _laid(g, draft.kind)) == UNDER else laid
            _attach(reader, fields, draft)
            mode, block = "body", []
            continue
        if contained:
            continue
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
                    reader.current().targets.append(parse_target(target.group(2)))
                elif not target:
                    reader.open("objectif", "", row, start)
            continue
        if i in ends and reader.current() is not None and reader.current().listed:
            reader.close_list().lists = None  # the line after a list _fielded_lists found is no item of it
        _read_body_line(reader, plan, text, start, i in owned, i in leads)
        block.append((text, start))
        if len(block) > 3:
            block = block[-2:]
    if mode == "actions":
        _close_action(reader, block)
    drafts = _closed(_unrestated(_unheld(reader.drafts)))
    kinds = {d.kind for d in drafts}
    for draft in drafts:
        if (kind := g.alone.get(draft.kind)) and kind not in kinds:
            draft.kind, draft.code = kind, _code(kind, draft.number) if draft.code else ""  # objectifs spécifiques alone
    return _finish(doc, drafts, plan)


def _categories(lines: list[tuple[str, int]], contained: tuple[bool, ...]) -> dict[tuple[str, ...], frozenset[int]]:
    """The columns of the plan's tables, by header, that sort rows into a few categories, whatever the header calls
    them: "| Mesure | Indicateur | … |" over "| Résultat | … |", "| Processus | … |", "| Équilibre | … |" in every
    objective's table (test43's care home: types of measures, not units). Each value of such a column, a word or two,
    comes back in the tables of its header; a unit's title never does outside a restatement (not read here)."""
    values: dict[tuple[str, ...], list[list[str]]] = {}
    header: tuple[str, ...] | None = None
    for i, ((text, _), inside) in enumerate(zip(lines, contained)):
        if not text.startswith("|") or inside:
            header = None
        elif i + 1 < len(lines) and _TABLE_RULE_RE.match(lines[i + 1][0]):
            header = tuple(row_cells(text))
        elif header is not None and not _TABLE_RULE_RE.match(text):
            values.setdefault(header, []).append(row_cells(text))
    found: dict[tuple[str, ...], frozenset[int]] = {}
    for head, rows in values.items():
        columns = set()
        for c in range(len(head)):
            column = [row[c] for row in rows if c < len(row) and row[c]]
            # (Each value comes back after others: a ladder's "| Mobilité | … |" repeated on its objectives' rows, one
            # run of rows, names a unit.)
            runs = Counter(cell for k, cell in enumerate(column) if not k or column[k - 1] != cell)
            if (len(runs) >= 2 and all(n >= 2 for n in runs.values())
                    and all(len(cell.split()) <= 2 and not any(ch.isdigit() for ch in cell) for cell in runs)):
                columns.add(c)
        if columns:
            found[head] = frozenset(columns)
    return found


def _overview(plan: _Plan, reader: _Reader, table: _Table, lines: list[tuple[str, int]], i: int) -> bool:
    """Whether the table whose header is line ``i`` restates units the plan stated above: as many rows as its level has
    units that hold units of their own ("Le plan en un coup d'œil": "| Axe stratégique | Objectifs |" over each axe's
    short name; "| Enjeu | Enveloppe | Part du total |" over "| A · Lieux de pratique | 145 000 $ | 34 % |"), none named
    by its number alone ("| A | Réaliser … |" is objective A's action), and no heading of that level after it."""
    rows = [row for row in (row_cells(line) for line, _ in takewhile(lambda line: line[0].startswith("|"), lines[i + 2 :]))
            if not any(_TOTAL_RE.match(cell) for cell in row[:2])]
    beside = [cell for row in rows for c, cell in enumerate(row) if c != table.unit_column]  # the cells not naming units
    if (plan.declared and table.kind is not None and table.kind not in (*plan.declared, *plan.labelled) and rows
            and all(_SHARE_RE.fullmatch(cell) for cell in beside)):
        # "| Volet | Montant | Part |" over sums and shares, in a plan that says it "s'articule autour de trois axes … en
        # chantiers …" and heads none of its units with "Volet" (test63's solidarity alliance): a breakdown of its budget,
        # no level of its
        return True
    if (table.kind is not None and table.kind not in plan.labelled and len(rows) >= 2 and _calendar(table.header, table.unit_column)
            and all(_MARK_CELL_RE.fullmatch(cell) for cell in beside)):
        # "| Chantier | 2026 | 2027 | 2028 |" over "| Marque employeur … | ● | ● | |" (test64's HR plan): a calendar, the
        # years it marks for each of the plan's projects, named short, by a level its headings never name
        return True
    if len(rows) >= 2 and _restated(plan, reader, table, rows):
        return not _headed_after(plan, lines, i, table.kind)
    if len(rows) < 2 or any(bare_number(row[table.unit_column]) for row in rows if len(row) > table.unit_column):
        return False
    if len(table.levels) > 1 and table.number_column is not None:
        # A column of several levels whose rows' numbers are of no unit stated above: the register goes on after a page
        # break (test51's regional digital plan, "| 3.3 | Soutenir … |" under its header again)
        stated = {d.number for d in reader.drafts}
        if any(row[table.number_column].strip() not in stated for row in rows if len(row) > table.number_column):
            return False
    holding = [d for d in reader.drafts if d.kind == table.kind and _children(reader, d)]
    # (In a table of two levels or more side by side, a row whose first level's cell is empty goes on with the unit
    # above: the units it states are the cells that are not, test55's MAE plan.)
    stated = [row for row in rows if not table.ladder or len(row) > table.unit_column and row[table.unit_column].strip()]
    return len(holding) == len(stated) and not _headed_after(plan, lines, i, table.kind)


def _calendar(header: list[str], unit_column: int) -> bool:
    """Whether a table's header names, beside its level's column, years or quarters only: "| Action | 2026 | 2027 |",
    "| Chantier | An 1 | An 2 |", "| Projet | T1 | T2 | T3 |"."""
    others = [cell for c, cell in enumerate(header) if c != unit_column]
    return bool(others) and all(_PERIOD_CELL_RE.fullmatch(cell) for cell in others)


def _restated(plan: _Plan, reader: _Reader, table: _Table, rows: list[list[str]]) -> bool:
    """Whether every row names, in its level's column, by its number, a unit the plan stated above and which holds
    units: "| 1 | 1. Diplomation et qualification | 1.1 Diplomation après sept ans; … |" closing a PEVR (test56), its
    orientations stated above with their objectives; "| 1.1 | Guide prédépart | ● |" in a cégep's calendar of its
    actions by year (test56)."""
    # (Each stated once: letters that start again under each axe, "Objectif A" of every axe, name no one unit.)
    once = Counter((d.kind, d.number) for d in reader.drafts if d.number)
    holding = {d.parent for d in reader.drafts}  # (the drafts' parents, found in one pass, not one scan per draft)
    stated = {(d.kind, d.number) for i, d in enumerate(reader.drafts)
              if d.number and once[d.kind, d.number] == 1 and i in holding}

    def named(kind: str, cell: str) -> tuple[str, str] | None:
        if (number := bare_number(cell)) is not None:
            return kind, number
        heading = plan.grammar.heading(cell)
        return (heading.kind or kind, heading.number) if heading is not None else None

    # The table's own units, in its first level's column (not a later one that refers each row to its objective, "| A1-04
    # | Intégrer … | A1 |", test54's new actions): a row whose cell is empty goes on with the unit above; a band row names
    # a broader unit ("| Temps 1 | |").
    c, kinds = next(((c, kinds) for c, kinds in enumerate(table.column_levels) if kinds), (0, ()))
    cells = [row[c].strip() for row in rows if len(row) > c and row[c].strip()]
    return len(kinds) == 1 and len(cells) >= 2 and all(named(kinds[0], cell) in stated for cell in cells)


def _headed_after(plan: _Plan, lines: list[tuple[str, int]], i: int, kind: str) -> bool:
    """Whether a heading of ``kind``'s level, or of a broader one, stands in the body after line ``i``: a table of a
    level before such a heading is the plan's ("PRIORITÉ 2" over its table of objectives), not an overview of it."""
    rank = plan.ranks.get(kind, len(plan.ranks))
    return any((h := plan.grammar.heading(text)) is not None and h.kind is not None and plan.ranks.get(h.kind, rank + 1) <= rank
               for (text, _), inside in zip(lines[i + 1 :], plan.contained[i + 1 :]) if not inside and not text.startswith("|"))


def _unheld(drafts: list[_Draft]) -> list[_Draft]:
    """The drafts without a level listed before the plan's units that holds none of them ("Thème 1", "Thème 2",
    "Thème 3" described before "AXE 1"): its units come one after the other, each holds nothing, but the last, which
    holds every unit after it and nothing of its own. The children of that last one go to the unit above it."""
    held: dict[int, list[int]] = {}
    for i, d in enumerate(drafts):
        if d.parent is not None:
            held.setdefault(d.parent, []).append(i)
    bare = [not d.fielded for d in drafts]  # nothing of its own
    dropped: set[int] = set()
    for kind in dict.fromkeys(d.kind for d in drafts):
        ours = [i for i, d in enumerate(drafts) if d.kind == kind]
        last = ours[-1]
        if (len(ours) >= 2 and ours == list(range(ours[0], last + 1)) and bare[last] and len(held.get(last, ())) >= 2
                and all(bare[i] and not held.get(i) for i in ours[:-1])):
            for child in held[last]:
                drafts[child].parent = drafts[last].parent
            dropped.update(ours)
    return _without(drafts, dropped)


def _closed(drafts: list[_Draft]) -> list[_Draft]:
    """The drafts with the measures under a caption after a unit's own fields moved up to the unit they close, when the
    plan puts such measures only after the last of several units under a parent, under two parents at least ("Geste
    A1 · …" / "Porté par : …" / "Geste A2 · …" / "Porté par : …" / "Ce que nous surveillerons" / "✓ Part des ménages
    … : 85 % en 2029" closes levier A, as it does levier B): they measure the parent; and so on up while each such
    parent is the last of its own ("Volonté 1" / its objectifs / their gestes, the measures after the last geste of the
    last objectif: the volonté's, test42's arts council). A plan that measures each unit ("Mesure 01" / "Suivi" /
    "Indicateur — …" under every mesure) keeps them where they are."""
    children: dict[int, list[int]] = {}
    for i, d in enumerate(drafts):
        if d.parent is not None:
            children.setdefault(d.parent, []).append(i)

    def closes(i: int) -> bool:
        """Whether draft ``i`` is the last of two or more under its parent."""
        parent = drafts[i].parent
        return parent is not None and len(children[parent]) >= 2 and children[parent][-1] == i

    closing = [i for i, d in enumerate(drafts) if d.closing is not None]
    if len(closing) < 2 or not all(map(closes, closing)):
        return drafts
    owners = [drafts[i].parent for i in closing]
    while all(closes(i) for i in owners):
        owners = [drafts[i].parent for i in owners]
    for i, owner in zip(closing, owners):
        d = drafts[i]
        (indicators, targets), d.closing = d.closing, None
        drafts[owner].indicators += d.indicators[indicators:]
        drafts[owner].targets += d.targets[targets:]
        del d.indicators[indicators:], d.targets[targets:]
    return drafts


def _without(drafts: list[_Draft], dropped: set[int]) -> list[_Draft]:
    """The drafts but those at ``dropped``, their parents renumbered."""
    if not dropped:
        return drafts
    index = {old: new for new, old in enumerate(i for i in range(len(drafts)) if i not in dropped)}
    kept = [d for i, d in enumerate(drafts) if i not in dropped]
    for d in kept:
        d.parent = index.get(d.parent) if d.parent is not None else None
    return kept


def _unrestated(drafts: list[_Draft]) -> list[_Draft]:
    """The drafts without those a later unit of the same level and title states again: a row of an overview up front
    ("| Usagers et population | ① Accès … · ② Attente … |") that named, without a number, a perspective the plan's body
    heads later ("Perspective — Usagers et population"). Only one that holds nothing, of its own or under it."""
    held = {d.parent for d in drafts if d.parent is not None}
    later: dict[tuple[str, str], int] = {}
    dropped: set[int] = set()
    for i in reversed(range(len(drafts))):
        d = drafts[i]
        key = (d.kind, _skeleton(d.title))
        if key in later and not d.number and i not in held and not d.fielded:
            dropped.add(i)
        later.setdefault(key, i)
    return _without(drafts, dropped)


def _item_fields(g: Grammar, lines: list[tuple[str, int]]) -> frozenset[int]:
    """The field lines that are a list item's own: in a list where field lines stand between two items ("- Define …",
    "Lead: …", "Timeline: …", "- Complete …"), those right under each item, the last one's included. (Field lines
    after a list whose items have none are its owner's: "- …", "- …", "Indicateur : …".)"""
    owned: set[int] = set()
    i = 0
    while i < len(lines):
        blocks: list[list[int]] = []  # the field lines under each item of one list
        between = False
        marked = True  # every item has its mark (an item whose mark the text lost must have fields of its own)
        while i < len(lines) and _listed_item(g, lines[i][0]):
            marked = marked and bool(_ITEM_MARK_RE.match(lines[i][0]))
            j = i + 1
            while j < len(lines) and g.fields(lines[j][0]):
                j += 1
            blocks.append(list(range(i + 1, j)))
            between = between or (j > i + 1 and j < len(lines) and _listed_item(g, lines[j][0]))
            i = j
        if len(blocks) >= 2 and between and (marked or all(blocks)):
            measured = [k for k in blocks[-1] if any(f.name in MEASURES for f in g.fields(lines[k][0]))]
            if measured and not any(f.name in MEASURES for block in blocks[:-1] for k in block for f in g.fields(lines[k][0])):
                # Measures after the last item's owner and date, when no other item has any, are the list's owner's
                # ("Qui ? … · Quand ? …" under each item, then "On mesurera : … — on vise …", test44's municipality).
                blocks[-1] = [k for k in blocks[-1] if k < measured[0]]
            owned.update(k for block in blocks for k in block)
        i += not blocks
    return frozenset(owned)


def _owns_fields(g: Grammar, lines: list[tuple[str, int]], i: int) -> bool:
    """Whether the line at ``i`` is followed by an owner's or a date's field line of its own, before the next heading:
    "PL-1  Planter 12 000 arbres …", its paragraph, then "Responsable : … · Échéance : 2029" (test63's city tree plan)."""
    for text, _ in lines[i + 1 :]:
        if g.heading(text) is not None:
            return False
        if any(f.name in _ASSIGNED for f in g.fields(text)):
            return True
    return False


def _listed_item(g: Grammar, line: str) -> bool:
    """A list's item: a line with its mark, or one thing to do whose mark the text lost ("Offrir un crédit de taxes …"
    over "Qui ? Municipalité · Quand ? 2025", test44's municipality: then each item of the list has fields of its own,
    not a title that opens on a verb, "Manger local, manger mieux", after a list and its owner's field); no field line."""
    return bool(_ITEM_MARK_RE.match(line) or _to_do(line)) and not g.fields(line)


def _fielded_lists(g: Grammar, lines: list[tuple[str, int]]) -> tuple[frozenset[int], frozenset[int]]:
    """The lines that announce a list by its layout, in words the grammar does not know, and the lines right after
    each such list: a short line ending on a colon ("Ce que nous mettrons en scène :", test42's theatre), then two
    items or more, each with fields of its own, on its line or under it ("Créer une résidence d'écriture …
    [Direction artistique · dès l'automne 2025 · 22 000 $]"): what the unit they stand in will do."""
    found: set[int] = set()
    ends: set[int] = set()
    said = Counter(text for text, _ in lines)
    for i, (text, _) in enumerate(lines):
        heading = g.heading(text)
        short = (len(text) <= LEAD_MAX and text[:1].isupper() and not g.fields(text) and not g.lead_in(text)
                 and not _SENTENCES_RE.search(text))  # (not "que « par le numérique » :", a sentence's end)
        title = heading is None and short and not text.endswith((".", ":", ";", ",", "?", "!"))
        if title and said[text] >= 2:
            # A title each unit's fiche repeats over things to do: "Nos gestes concrets" over "→ Réserver chaque jour …",
            # "→ Ouvrir la clinique le samedi matin …" (test48's health co-op), or over items with fields of their own.
            item_tests = (lambda line: _fielded(g, line, _ASSIGNED) and g.heading(line) is None, _to_do)
        elif heading is not None and heading.labelled and heading.number or title:
            # "Engagement 1.1 | Rendre le prêt numérique simple" then "Regrouper les catalogues … (Direction du Réseau —
            # automne 2026)", "Offrir …  (Service aux usagers — 2027)" (session 28's library roadmap); "Idées de
            # changement à mettre à l'essai" then "• Caucus « sécurité » … [Porteur : … | Échéance : octobre 2025]"
            # (test43's care home): a heading, or a title, is its items' lead-in when each of them carries its own
            # owner or date (not "▸ Taux de chutes … — visée 2027 : 1,5 (départ 2023-2024 : 3,2)" under "Comment nous
            # saurons que ça fonctionne", test41: measures)
            item_tests: tuple[Callable[[str], bool], ...] = (lambda line: _fielded(g, line, _ASSIGNED) and g.heading(line) is None,)
        elif text.endswith(":") and short:
            if text.rstrip(" :").rsplit(" ", 1)[-1].casefold() in _CONTINUED:
                continue  # "Le comité a pour mandat de :": a sentence goes on into the items
            item_tests = (lambda line: bool(_ITEM_MARK_RE.match(line) or _fielded(g, line)), _to_do)
        else:
            continue
        for item in item_tests:
            # (the unit's own field or measure lines may stand between it and its items: "Trajectoire : 24 % en 2025 ;
            # visé : 12 % en 2029" over "✔ Offrir … (Direction générale — 2026-2029)", session 29's childcare plan)
            run = list(takewhile(lambda line: bool(_measures(g, line[0]) or item(line[0])), lines[i + 1 :]))
            items = [j for j, (line, _) in enumerate(run) if not _measures(g, line)]
            if len(items) >= 2 and all(item is _to_do or _fielded(g, run[j][0]) or j + 1 < len(run) and j + 1 not in items
                                       for j in items):
                found.add(i)
                ends.add(i + 1 + len(run))
                break
    return frozenset(found), frozenset(ends)


def _measures(g: Grammar, line: str) -> bool:
    """A field line, or an indicator and its target on a line that labels neither (``_measure_line``)."""
    return bool(g.fields(line) or _measure_line(g, line))


def _to_do(line: str) -> bool:
    """Whether a line (its bullet dropped or not) states one thing to do: "Créer un laissez-passer « Première fois » …".
    Not a numbered one ("1. Améliorer l'accès …" under "Nos priorités en un coup d'œil :"): numbers say more."""
    marker = _ITEM_MARK_RE.match(line)
    if marker and (marker.group(1) or marker.group(2) or marker.group("code")):
        return False
    return _is_action(line[marker.end() if marker else 0 :]) and not _SENTENCES_RE.search(line)


def _fielded(g: Grammar, line: str, names: frozenset[str] | None = None) -> bool:
    """Whether a line (a list's item, its marker dropped or not) carries fields of its own at its end (of ``names``)."""
    marker = _ITEM_MARK_RE.match(line)
    return any(names is None or f.name in names for f in _own_fields(g, line[marker.end() if marker else 0 :])[1])


def _read_body_line(reader: _Reader, plan: _Plan, text: str, start: int, own: bool = False, leads: bool = False) -> None:
    """A line that is no heading: a field line, a lead-in, an item of a list, or the current unit's text; ``leads``
    when its layout says it announces a list (_fielded_lists)."""
    g = plan.grammar
    current = reader.current()
    last_line, reader.last_line = reader.last_line, None
    if current is None:
        return
    periods, reader.periods = reader.periods, []
    measured, reader.measured = reader.measured, False
    tags, reader.tags = reader.tags, None
    if len(text.split()) == 2 and [f.name for f in g.fields(" : ".join(text.split()) + " :")] == ["indicateur", "cible"]:
        reader.measured = True  # "Indicateur Cible": a table's header the PDF read as a line
        return
    if measured and (row := _flattened_row(text)):
        _attach(reader, row)
        return
    if periods:
        label, _, values = text.partition(" ")
        if any(f.name == "cible" for f in g.fields(label + " :")):
            text = values  # "Cibles 430 455 480 510": the row's label, then its values
    if periods and (targets := _period_targets(periods, text)):
        # "40,0 M$ 43,0 M$ 47,0 M$ 52,0 M$" under "2023-2024 2024-2025 2025-2026 2026-2027": a yearly caption's
        # targets, the unit's above its list
        _attach(reader, targets, reader.close_list())
        return
    found = list(_PERIODS_LINE_RE.finditer(text))
    if (len(found) >= 2 and text[: found[0].start()].strip(" :").count(" ") <= 2
            and not any(text[a.end() : b.start()].strip() for a, b in zip(found, found[1:]))):
        # "Cibles annuelles 2023-2024 2024-2025 2025-2026 2026-2027": the values come next, on this line or the next
        periods, rest = [m.group(1) for m in found], text[found[-1].end() :].strip()
        if not rest:
            reader.periods = periods
            return
        if targets := _period_targets(periods, rest):
            _attach(reader, targets, reader.close_list())
            return
    measured = LISTED_BY_RE.sub("", text)  # (without the code it is listed by: "RC 2.1 · Paiements … : 41 % → 70 % (…)")
    tagged, measured = _tagged_unit(reader, g, measured)
    if tagged is not None:
        text = measured
    fields = (g.fields(measured) or _named_then_target(g, measured) or _arrowed(measured)
              or (_measure_line(g, measured) if reader.caption is None else []))  # (a caption's items are its unit's)
    if fields and not any(f.value for f in fields):
        fields = []  # "Indicateurs de suivi :" captions the items below it
    if fields and (tagged or tags) and all(f.name in MEASURES for f in fields):
        # "[1a] Nombre de transferts … ▪ départ 2024 : 6 … ▪ cible 2029 : 12" under "Nos repères" after a virage's
        # objectifs: the measure of the unit its tag names, wherever it stands, and the field lines the bullets split it
        # into, the indicator's name first (test34's development corporation)
        if tagged is None:
            tagged, named = tags
            if named is not None and fields[0].name != "indicateur":
                fields = [Field("indicateur", named), *fields]
                if current.lines and current.lines[-1] == named:
                    current.lines.pop()
        reader.tags = (tagged, None)
        _attach(reader, fields, tagged)
        return
    if fields:
        current = _carried(reader, plan, last_line, fields) or current
        if fields[0].name == "cible" and current.lines and current.lines[-1].endswith(_DASHES):
            # "Taux de satisfaction des locataires —" wrapped before its "Cible : ≥ 85 %" in a table cell
            fields = [Field("indicateur", current.lines.pop().rstrip(" —–")), *fields]
        captioned = (last_line is not None and all(f.name in MEASURES for f in fields) and len(last_line[0]) <= CAPTION_MAX
                     and not last_line[0].endswith((".", ";", ",")) and ":" not in last_line[0].rstrip(" :"))
        if captioned and _assigned(current):
            # "Comment nous saurons que ça fonctionne" after the last action and its owner, then "▸ Taux de chutes … —
            # visée 2027 : 1,5": measures under a caption of their own are the unit's the actions are under (plans
            # measure their objectives and assign their actions), and so are the lines that follow. (Not a unit its
            # plan names, "Mesure 01" then "Suivi" and "Indicateur — …": the plan measures it.)
            while reader.stack[:-1] and _assigned(reader.current()):
                reader.stack.pop()
            reader.current().lists = None  # (the measures end the list of actions)
            _attach(reader, fields, reader.current())
            return
        if captioned and (current.fields or _children(reader, current)) and current.closing is None:
            # (after the unit's own fields, or after the units under it: "Comment saurons-nous que ça fonctionne?" after
            # résultat A.2's last action, the levier's measures, test61's regional plan; the plan's layout decides: _closed)
            current.closing = (len(current.indicators), len(current.targets))
        if current.listed and (own or current.title.endswith(_DASHES) or current.lines):
            # "Offrir des heures du conte —" wrapped before its "Porteur : … — Échéance : 2026", or an item's
            # description then its "Porteur : … · Quand : …": the item's own fields
            current.title = current.title.rstrip(" —–")
            _attach(reader, fields, current)
            return
        _attach(reader, fields)
        return
    if not any(c.isalpha() for c in current.title):
        words = text.split()
        if len(words) <= 3 and any(g.kind_of(w) == current.kind for w in words):
            # "MESURE 1" / "Nouvelle mesure" / "Programme d'habitation …": a tag that names the unit's own level (new,
            # "bonifiée") stands between its heading and its title (test42's government plan)
            current.lines.append(text)
            return
        # (Without the unit's number printed again before it: "AXE D'INTERVENTION B" / "B Rendre les aliments …", its
        # letter in a badge beside the title, session 44's second newcomer.)
        badge = f"{current.number} "
        current.title = text[len(badge):] if current.number and text.startswith(badge) and text[len(badge):][:1].isupper() else text
        return
    if reader.caption is not None and (year := _legend_year(g, text)) is not None:
        reader.caption_year = year
        return
    if g.names_fields(text) or _names_unit(reader, g, text):
        reader.caption = reader.named(g.named_unit(text)) or reader.close_list()
        reader.caption_year = None
    elif reader.caption is not None:
        caption = _caption_item(g, text, reader.caption_year)
        if caption:
            # An item naming the unit it measures is that unit's: "▪ Proportion des bâtiments inventoriés (objectif 1) :
            # 100 % en 2027" under "Indicateurs de suivi – enjeu 1" (test44's MRC).
            _attach(reader, caption, tagged or reader.named(g.named_unit(caption[0].value)) or reader.caption)
            return
        reader.caption = None
    if tagged is not None:
        reader.tags = (tagged, text)  # (its figures are on the lines that follow)
    words = text.split()
    # (The words before "par" name the units: "Pistes d'action retenues par l'équipe-école", test46's projet éducatif.)
    by = next((k for k, w in enumerate(words) if k and w in ("par", "by")), None)
    grouped = g.lead_in(" ".join(words[:by])) if by is not None and len(words) <= 6 else None
    if grouped and not current.lists and not current.listed and not text.endswith((".", ":", ";", ",")):
        # "Moyens retenus par les établissements", "Actions par orientation": the units named again below list them. (A
        # title no unit takes: the paragraph under it is no unit's either.)
        reader.grouped = grouped
        return
    if (named := _for_unit(reader, g, text)) is not None:
        # "Pistes d'action retenues par l'équipe-école" then "Pour l'objectif 1.1 :" and its items: they are the
        # named unit's, items of the list announced above (test46's projet éducatif).
        lists = reader.grouped or ((lister := reader.lister()) and lister.lists)
        reader.stack = _path(reader, named)
        named.lists, named.marked = lists or g.children.get(named.kind), False
        return
    # (Items a layout announces are of the one kind the plan's lead-ins gave under the other units of their owner's level:
    # "Le Cégep compte notamment :" over an objectif's bullets, where "Pour y arriver" gave the others' moyens, test60.)
    laid = (_listed_kind(reader, current) or _laid(g, current.kind)) if leads else None
    lead_in = g.lead_in(text) or _announced(g, text) or laid
    if (lead_in and lead_in != UNDER and reader.caption is not None
            and plan.rank_default(lead_in) <= plan.rank_default(current.kind)):
        # "Résultats visés d'ici 2028 :" under "Objectif spécifique 3": words that name fields and a level no broader
        # than the unit's caption its targets, not a list of units under it (test45's regional table)
        return
    commitment = g.commitment(text) if lead_in else None
    if (commitment and (commitment == UNDER or g.commitment(text.replace(",", "")) is None)
            and (current.fielded or _children(reader, current) or not current.labelled)
            and (last_line is not None or _children(reader, current) or not current.fielded)):
        # "Pour assurer la transparence, le Ministère s’engage à :" under "Mise en œuvre et suivi", past the last unit's
        # own list and fields (test10's wetlands plan, test13's water-safety plan), or under a numbered section whose
        # heading names no level ("5. Mise en œuvre et suivi", test55): a commitment that names no level, or said in a
        # sentence of several clauses ("Aux élèves, aux parents …, nous nous engageons à :", test31), is the unit's right
        # under its heading, before what measures it and the units under it; after, it is the plan's, no units. (Right
        # after the unit's own measures, it announces the unit's: "| Indicateur | Situation actuelle | Cible 2029 |"
        # then "À cette fin, le Cégep s'engage à :" under each objectif, structure/test60's cégep.)
        current.lines.append(text)
        return
    if lead_in:
        current = _titled_by_list(reader, plan, last_line, lead_in) or reader.close_list()
        if lead_in == UNDER:
            # a commitment names no level: the plan's under the unit, as the plan speaks of it ("mesures numérotées 1°,
            # 2°" over "le Ministère s’engage à :", structure/test57); means ("Pour y parvenir", "Leviers privilégiés"),
            # the grammar's (every level has a `child`, plan_grammar.toml)
            lead_in = (commitment == UNDER and plan.below(current.kind)) or g.children[current.kind]
            if any(c.kind == lead_in and c.tabled for c in _children(reader, current)):
                # "Leviers privilégiés" under an orientation whose objectives a table gave (test56's PEVR): the means
                # of those objectives, the level under theirs
                lead_in = g.children[lead_in]
        current.lists, current.marked = lead_in, current.marked and current.lists == lead_in
        current.lines.append(text)
        return
    if current.listed and (bracket := _BRACKETED_FIELDS_RE.fullmatch(text)):
        _attach(reader, _bracketed(g, bracket.group(1)), current)  # "[VDACP]" wrapped under its item: the item's own
        return
    marker = _ITEM_MARK_RE.match(text)
    coded = bool(_LETTERED_RE.match(current.number))
    if (current.listed and not marker and text.endswith(".") and text[:1].isupper()
            and (coded or not _TWO_SENTENCES_RE.search(text))
            and not g.stated_targets(text) and not current.title.endswith((".", ";", ":", "!", "?"))
            and (len(text) > 2 * len(current.title) or bool(current.number))):
        # "Clinique mobile du logement" then "Des séances d'information …, pour aider les locataires à …": a sentence
        # under an item named without one is the item's description, no item of the list (its field line follows);
        # so is one under a numbered item ("ATT-1 Créer un portail …" then "Le portail présentera aussi …"), and a
        # paragraph under a coded one ("GOV-01 Actualiser la politique …" then "La politique actuelle date de 2017 …. La
        # version révisée …", test43's town); a paragraph of sentences follows a list of other items.
        current.lines.append(text)
        return
    owner = reader.close_list() if current.listed else current
    if marker and marker.group(2) and not under(marker.group(2), owner.number):
        marker = None  # "3.2 …" under objectif 2.1 is no item of its list
    if marker and (sub := _SUB_CODE_RE.fullmatch(marker.group("code") or "")) and sub.group(1) != owner.number:
        marker = None  # "A1-a …" is an item of objectif A1's list only (test55's landscape charter), not of B2's
    hundreds = _HUNDREDS_RE.fullmatch(marker.group("code") or "") if marker else None
    if hundreds and any(d.number == hundreds.group(0) for d in reader.drafts):
        return  # "102 Éclairage du parc riverain" in a calendar read from a PDF: action 102 named again (test60's city)
    if hundreds and hundreds.group(1) != owner.number.split(".")[0]:
        marker = None  # "201 …" is an item under the second top unit only; "450 Familles …" under objective 1.1 none
    if marker and marker.group("code") and not owner.lists and (coded := _coded_before(reader, owner, marker.group("code"))):
        owner.lists, owner.marked = coded, True  # "ATT-2 …" after "ATT-1 …", its description and its fiche: the list goes on
    plain = g.heading(text) if owner.lists and not marker else None  # (the line as a heading, where it may be an item)
    numbered = plain is not None and not plain.labelled and bool(plain.number) and under(plain.number, owner.number)
    if owner.lists and is_heading(text) and not marker and not numbered:
        # A section heading ("SUIVI ET REDDITION DE COMPTES") ends the list above it; an item numbered under its owner
        # ("A-1.3 Former …" under objectif A-1, test61) goes on with it.
        owner.lists = None
    if owner.lists and not marker and not numbered and (g.names_fields(text) or _names_unit(reader, g, text) or _SENTENCES_RE.search(text)
                                       or text.endswith("?") or _title_case(text) or _breaks_the_verbs(reader, owner, text)):
        # "Indicateurs de l'orientation 1", "Suivi de la priorité 4" caption what follows; a paragraph of
        # sentences, a question ("Comment saurons-nous que nous avons réussi ?") or an English title ("Monitoring and
        # Accountability") follows the list.
        owner.lists = None
    # (an item's length is its title's, without the fields in brackets at its end)
    if owner.lists and len(TRAILING_BRACKET_RE.sub("", text)) <= _ITEM_MAX and (marker or not owner.marked
                                                   or not any(d.listed and d.kind == owner.lists for d in _children(reader, owner))):
        owner.marked = owner.marked or bool(marker)
        number = (marker.group(1) or marker.group(2) or marker.group("code") or "") if marker else ""
        rest = text[marker.end() :] if marker else text
        if (not number and (named := plain if marker is None else g.heading(rest)) is not None and named.number
                and (named.kind == owner.lists if named.labelled else under(named.number, owner.number))):
            # "- Geste A.1.a — Offrir …" under "Gestes": its own word and number; "A-1.1 Offrir …" under objectif A-1's
            # "Moyens d'action", numbered under it as the plan says its moyens are ("codés A-1.1, A-1.2", test61)
            number, rest = named.number, named.title
        title, fields = _own_fields(g, rest)
        item = reader.open(owner.lists, _code(owner.lists, number), title, start, number=number, listed=True)
        item.labelled, item.carried_fields = False, len(fields)
        _attach(reader, fields, item)
        return
    if marker and marker.group(1) and not owner.lists and (item := _marked_unit(reader, plan, owner, text, start)):
        item.title, fields = _own_fields(g, item.title)
        if fields or (INFINITIVE_RE.match(_capital(item.title)) and item.number in ("a", "i", "1")
                      and not (owner.lines and owner.lines[-1].endswith(":"))):
            # Its own fields, or a verb right under its unit, first of a list: something to do ("(a) conclure …").
            _attach(reader, fields, item)
            return
        # Neither: a list of something else ("a) les étudiants ; b) …"), or a sentence's ("Cet objectif vise à : a) …").
        reader.drop_last()
        owner.lists, owner.marked = None, False
    implied = g.lists.get(owner.kind)
    if implied and _is_action(text):
        reader.close_list()
        item = reader.open(implied, "", text, start, listed=True)
        item.labelled = False
        return
    if current.listed and owner.lists:
        owner.lists = None  # a paragraph ends the list
    if stated := g.stated_targets(text):
        _attach(reader, [Field("cible", sentence) for sentence in stated])  # "Nous visons 500 membres d'ici 2027."
    reader.current().lines.append(text)
    reader.last_line = (text, start)


def _laid(g: Grammar, kind: str) -> str:
    """The level of the items a layout announces under a unit of ``kind`` (_fielded_lists): things to do, actions
    where the unit is above that level, as 359 of the 538 units of the gold trees that carry assignments and no
    measure are (see [discovered]); else the level under it (UNDER)."""
    return g.assigned if g.ranks.get(kind, 0) < g.ranks[g.assigned] else UNDER


def _period_targets(periods: list[str], text: str) -> list[Field]:
    """A target a year from a line of as many values as ``periods`` ("72 % 73 % 75 % 77 %"); [] for another line."""
    if not _PERIOD_VALUES_RE.fullmatch(text):
        return []
    values = _PERIOD_VALUE_RE.findall(text)
    if len(values) != len(periods) and len(text.split()) == len(periods):
        values = text.split()  # "40 100 170 250": four values, not "40 100" read as forty thousand one hundred
    if len(values) != len(periods):
        return []
    return [Field("cible", v, year) for v, year in zip(values, periods) if v not in (*_DASHES, "-")]


def _carried(reader: _Reader, plan: _Plan, line: tuple[str, int] | None, fields: list[Field]) -> _Draft | None:
    """The unit a line becomes when field lines follow it: "Augmenter la part des déplacements actifs" then
    "Indicateur : …", or "Aménager 22 km de liens cyclables" then "Responsable : … — Échéance : 2028", in a plan
    that marks such units by bullets or type only. It is the current unit's first line, under a heading, when it
    opens on an infinitive (its description, not a unit). A unit measured (indicator, target) ranks above one
    assigned (responsible, deadline); a unit carried the same way as an open one is its sibling."""
    current = reader.current()
    if line is None or current is None or current.listed or current.lists:
        return None
    text, start = line
    marker = _ITEM_MARK_RE.match(text)
    if marker and marker.group(1) and current.lines and current.lines[-1] == text:
        current.lines.pop()  # "(i) Complete the quiet phase …" then "Lead: … · Timing: …": an item with its fields
        return _marked_unit(reader, plan, current, text, start)
    if (not INFINITIVE_RE.match(_capital(_BY_DATE_RE.sub("", text))) or len(text) > _ITEM_MAX or _SENTENCES_RE.search(text)
            or ":" in text or plan.grammar.names_fields(text)  # "Mesure de départ Cible 2029": a table's header
            or (not current.carried and current.lines[:-1] == [])):
        return None
    carried = "indicateur" if fields[0].name in ("indicateur", "cible", "base") else "execution"
    current.lines.pop()
    sibling = _carried_sibling(reader, carried)
    if sibling is None:
        parent = current if current.carried != "execution" else reader.drafts[current.parent]
        kind = plan.below(parent.kind) or parent.kind
    return _open_carried(reader, line, carried, sibling, kind if sibling is None else sibling.kind)


def _carried_sibling(reader: _Reader, carried: str) -> _Draft | None:
    """The open unit a line became the same way (``_Draft.carried``): the next such line is its sibling."""
    return next((reader.drafts[i] for i in reversed(reader.stack) if reader.drafts[i].carried == carried), None)


def _open_carried(reader: _Reader, line: tuple[str, int], carried: str, sibling: _Draft | None, kind: str) -> _Draft:
    """The unit ``line`` becomes, of ``kind``, after closing its ``sibling`` (and what is open under it)."""
    if sibling is not None:
        while reader.current() is not sibling:
            reader.stack.pop()
        reader.stack.pop()
    unit = reader.open(kind, "", *line)
    unit.labelled, unit.carried = False, carried
    return unit


def _titled_by_list(reader: _Reader, plan: _Plan, line: tuple[str, int] | None, lead_in: str) -> _Draft | None:
    """The unit a line becomes when a lead-in follows it: "Volonté 1 — …", its paragraph, then "Favoriser l'émergence de
    la relève artistique" and "Concrètement, nous allons :" over "Geste 1 – …" (test42's arts council): a title that
    states a thing to do, under a unit above the level the lead-in lists, is a unit of the level between (an objectif
    under an orientation); one titled so after such a unit's list is its sibling. Not the first line under a heading
    (its description, as in ``_carried``)."""
    current = reader.current()
    if (current is not None and current.listed and not current.number and current.kind == lead_in and not current.lines
            and not current.fielded and reader.drafts[-1] is current and (owner := _carried_sibling(reader, "list")) is not None):
        # "Réduire l'attente vécue …" after the "→" items of "Rendre l'arrivée … plus simple" and its "Ce que nous
        # ferons :", then a lead-in of its own: no item of that list whose mark was lost, the next unit of its owner's
        # level (test51's hospital plan, objectives in bold over arrows).
        reader.drop_last()
        return _open_carried(reader, (current.title, current.start), "list", owner, owner.kind)
    if line is None or current is None or lead_in == UNDER or not current.lines or current.lines[-1] != line[0]:
        return None
    text, start = line
    if not _is_action(text) or ":" in text or _SENTENCES_RE.search(text) or text.endswith((".", ";", ",")):
        return None
    sibling = _carried_sibling(reader, "list")
    if sibling is None and (current.listed or current.lists or current.lines[:-1] == []):
        return None
    kind = sibling.kind if sibling is not None else plan.below(current.kind, (lead_in,))
    if kind is None or kind == lead_in:
        return None
    current.lines.pop()
    return _open_carried(reader, line, "list", sibling, kind)


def _flattened_row(text: str) -> list[Field]:
    """An indicator and its dated target in one line, the row of an "Indicateur Cible" table whose cells a PDF ran
    together: "Nombre de logements … de moins de 5 000 habitants 1 800 logements d'ici 2030" → the indicator, then "1 800
    logements d'ici 2030" (the last figure that starts a target with a date other than itself); [] for any other line."""
    for m in reversed(list(re.finditer(r"(?<![\d,.])(?<!\d )\d", text))):
        head, tail = text[: m.start()].rstrip(), text[m.start() :]
        target = parse_target(tail)
        if target.value is not None and target.deadline and tail.split()[0] != target.deadline and re.search(r"[^\W\d_]{3}", head):
            return [Field("indicateur", head), Field("cible", tail)]
    return []


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _marked_unit(reader: _Reader, plan: _Plan, owner: _Draft, text: str, start: int) -> _Draft | None:
    """A numbered or lettered item ("(i) …", "b) …") under a unit without a lead-in naming its level, that carries its
    own fields: a unit of the level under the owner, the first of a list of them."""
    kind = plan.below(owner.kind)
    marker = _ITEM_MARK_RE.match(text)
    if kind is None or marker is None:
        return None
    owner.lists, owner.marked = kind, True
    item = reader.open(kind, _code(kind, marker.group(1)), text[marker.end():], start, number=marker.group(1), listed=True)
    item.labelled = False
    return item


def _measured_restatement(g: Grammar, title: str) -> list[Field]:
    """The indicator and the measures a heading's title states after a unit's number, apart by middle dots or dashes
    ("Nombre de personnes présentes … · Cible : 120 personnes par année", "Nombre d'abonnés actifs — départ 2025 :
    18 400 — cible 2030 : 22 000"); [] for a title."""
    indicator, *rest = _BRACKET_SPLIT_RE.split(title)
    fields = [f for piece in rest for f in g.fields(piece)]
    return [Field("indicateur", indicator), *fields] if fields and all(f.name in MEASURES for f in fields) else []


def _own_fields(g: Grammar, item: str) -> tuple[str, list[Field]]:
    """An item's title and its own fields, after a dash ("Offrir des heures du conte — Porteur : Services jeunesse —
    Échéance : 2026") or in brackets at its end ("Lancer une campagne (Qui : le conseil — Quand : printemps 2025)");
    the item as it is and no field when it carries none."""
    if (labelled := _LABELLED_BRACKET_RE.search(item)) and (fields := g.fields(labelled.group(1))):
        return item[: labelled.start()].rstrip(), fields  # "Accompagner … [Porteur : Comité ZIP ; horizon : 2025-2030]"
    inside = _label_inside(g, item)
    if (bracket := _BRACKETED_FIELDS_RE.search(item)) and (inside is None or _FIELD_PIECES_RE.search(bracket.group(1))):
        # "[VDE1 – 2027]", or unlabelled parts then a labelled one: "[SOP · 2027 · 240 000 $ · avec : OBV]"
        return item[: bracket.start()].rstrip(), _bracketed(g, bracket.group(1))
    if inside is None and (paren := _PAREN_TAIL_RE.search(item)) and (
            fields := _owner_and_date(paren.group(1)) or _dotted_tail(paren.group(1))):
        return item[: paren.start()].rstrip(), fields  # "(SDC, juin 2026)", "(Direction générale · 2027 · 240 000 $)"
    if inside is None and (dash := _DASH_TAIL_RE.search(item)) and (
            fields := _owner_and_date(dash.group(1), alone=True) or _dotted_tail(dash.group(1))):
        return item[: dash.start()].rstrip(), fields  # "C-01 Attribuer … — 2026", "Créer … – Service X – 2027"
    if inside is None:
        return item, []
    head = inside[0].rstrip()
    if head.endswith(("(", "[")) and item.rstrip().endswith((")", "]")):
        fields = g.fields(item[len(inside[0]):].rstrip(" )]"))
    else:
        fields = inside[1] if head.endswith(_DASHES) else []
    return (head.rstrip(" —–(["), fields) if fields else (item, [])


def _bracketed(g: Grammar, inside: str) -> list[Field]:
    """The fields in brackets at an item's end, without labels: "[VDE1 – 2027]", "[DAJ · 2026]" is its owner and,
    where a year says it, when (and a sum, its budget); a part with a label the grammar knows is that field."""
    parts = [p.strip() for p in _BRACKET_SPLIT_RE.split(inside)]
    return [labelled[0] if (labelled := g.fields(p))
            else Field("budget" if _MONEY_RE.search(p) else "echeance" if _YEAR_IN_RE.search(p) or _RECURRING_RE.match(p)
                       else "responsable", p)
            for p in parts if p]


def _owner_and_date(inside: str, alone: bool = False) -> list[Field]:
    """The fields in parentheses (or after a dash) at an item's end, without labels: who, then when ("(SDC, juin
    2026)", "(Service d'orientation – dès l'hiver 2026)"), or when ``alone`` ("— 2026"); none unless the last part is
    a date and the others are names (not "(logement, emploi)", "(TDM, IRM, TEP)", "(cohorte A2025)", nor "(PAGIEPS
    2017-2022)": in brackets, a date alone may name a document)."""
    pieces = [p.strip() for p in inside.split(";")]
    if len(pieces) == 1 and (comma := _COMMA_AMOUNT_RE.search(inside)):
        pieces = [inside[: comma.start()], comma.group(1)]
    cost = pieces.pop() if len(pieces) >= 2 and (_AMOUNT_RE.fullmatch(pieces[-1]) or pieces[-1] in _DASHES) else ""
    if cost in _DASHES:
        cost = ""  # "(DG, CA; automne 2025; —)": no sum
    *owners, when = (p.strip() for p in _OWNER_DATE_SPLIT_RE.split(", ".join(pieces)))
    if not (owners or alone) or not (_WHEN_RE.fullmatch(when) or owners and _RECURRING_RE.match(when)) or not _names(owners):
        return []
    return [*([Field("responsable", ", ".join(owners))] if owners else []), Field("echeance", when),
            *([Field("budget", cost)] if cost else [])]


def _dotted_tail(tail: str) -> list[Field]:
    """An item's tail of parts a middle dot sets apart, when first, then who ("— T2 2026 · Service des TI", test53's OKR
    roadmap), or who, then when, and maybe a sum ("(Direction générale · 2027 · 240 000 $)", test54's school of lutherie):
    one part a date, at most one a sum, the others names; [] for any other."""
    parts = [p.strip() for p in tail.split(" · ")]
    when = [p for p in parts if _WHEN_RE.fullmatch(p) or _RECURRING_RE.match(p)]
    cost = [p for p in parts if p not in when and _AMOUNT_RE.fullmatch(p)]
    owners = [p for p in parts if p not in when and p not in cost]
    if len(parts) < 2 or len(when) != 1 or len(cost) > 1 or not _names(owners):
        return []
    return [Field("echeance", when[0]), *([Field("responsable", ", ".join(owners))] if owners else []),
            *(Field("budget", c) for c in cost)]


def _names(parts: list[str]) -> bool:
    """Whether parts of an item's tail all name someone: a capital, no figure ("SDC", "Service des TI")."""
    return all(p[:1].isupper() and not any(c.isdigit() for c in p) for p in parts)


def _label_inside(g: Grammar, text: str) -> tuple[str, list[Field]] | None:
    """What comes before the first field label inside a text, and the fields from it ("Taux … — Cible : 85 %" →
    "Taux … — ", [cible 85 %]); None when no label stands past its start."""
    start = next((m.start() for m in g.field_re.finditer(text) if m.start() > 0), None)
    return (text[:start], g.fields(text[start:])) if start is not None else None


def _named_then_target(g: Grammar, text: str) -> list[Field]:
    """An indicator named before its target's label, after a dash: "Taux de satisfaction — Cible : ≥ 85 %"; or before
    its measures in brackets: "Taux de réussite … (départ : 82,6 % à l'automne 2023; cible : 86 % en 2030)" (test20's
    cégep, once its PDF's wrapped brackets are joined)."""
    inside = _label_inside(g, text)
    head = inside[0].rstrip() if inside else ""
    if len(head) > CAPTION_MAX * 2 or _SENTENCES_RE.search(head):
        return []
    if (head.endswith("(") and text.rstrip().endswith(")") and g.heading(text) is None and not _DASH_ITEM_RE.match(text)
            and " : " not in head):
        # (Not an item, "a) Maintenir le lac … (cible : phosphore … inférieur à 10 µg/L)": a unit and its target; nor a
        # line its own label opens, "Suivi : … (2024 : 42; cible : 120 en 2027-2028)", _measure_line's.)
        fields = g.fields(text[len(inside[0]):].rstrip(" )"))
        named = bool(fields) and all(f.name in ("cible", "base") for f in fields) and any(f.name == "cible" for f in fields)
        return [Field("indicateur", head.rstrip(" (")), *fields] if named else []
    if not head.endswith(_DASHES):
        return []
    fields = inside[1]
    return [Field("indicateur", head.rstrip(" —–")), *fields] if fields and fields[0].name == "cible" else []


def _went_on(indicator: Field) -> list[Field]:
    """An indicator's value that goes on to its target, after an arrow ("Mesure du progrès : Nombre de logements mis en
    chantier ⟶ 150 logements d'ici 2028", test44's alliance) or a dash and a target's label ("On mesurera : nombre de
    familles établies — on vise 25 d'ici 2030", test44's municipality): the indicator, then the target."""
    g = grammar()
    if named := _named_then_target(g, indicator.value):
        return named
    dash = _DASHED_RE.search(indicator.value)
    head, tail = (indicator.value[: dash.start()], indicator.value[dash.end() :]) if dash else (indicator.value, "")
    words = tail.split()
    for n in range(1, min(3, len(words) - 1) + 1):  # "— on vise 25 d'ici 2030": a target's label without its colon
        labelled = g.fields(" ".join(words[:n]) + " :")
        if labelled and labelled[0].name == "cible" and _FIGURE_START_RE.match(words[n]) and not any(c.isdigit() for c in head):
            return [Field("indicateur", head.strip()), Field("cible", " ".join(words[n:]), indicator.year)]
    if dash and (target := parse_target(tail)).value is not None and target.deadline:
        # A dated target after a dash: "Repère de suivi : Nombre d'abonnements … — de 2 140 (2024) à 3 000 (2028)", "…
        # — au moins 6 d'ici 2028" (test40's library network)
        return [Field("indicateur", head.strip()), Field("cible", tail.strip(), indicator.year)]
    m = _WENT_ON_RE.match(indicator.value)
    if m is None or parse_target(m.group("target")).value is None:
        return [indicator]
    return [Field("indicateur", m.group("indicator").strip()), Field("cible", m.group("target").strip(), indicator.year)]


_TAG_RE = re.compile(r"^\[([0-9A-Za-z]{1,3}(?:[.-][0-9A-Za-z]{1,3}){0,2})\]\s+")  # "[1a] …", "[2.3] …"
_NAMING_TAIL_RE = re.compile(r"\s*\(([^()]{3,40})\)\s*$")  # "… : 17 % en 2030 (priorité 2)"


def _tagged_unit(reader: _Reader, g: Grammar, text: str) -> tuple[_Draft | None, str]:
    """The unit met that a measure line names by a tag before it ("[1a] Nombre de transferts …", the last unit of that
    number) or by its level and number in brackets after it ("… : 17 % en 2030 (priorité 2)"), and the line without
    them; (None, the line) when it names none."""
    if tag := _TAG_RE.match(text):
        number = tag.group(1).casefold()
        found = next((d for d in reversed(reader.drafts) if d.number and d.number.casefold() == number), None)
        return (found, text[tag.end() :]) if found is not None else (None, text)
    if (tail := _NAMING_TAIL_RE.search(text)) and (found := reader.named(g.named_unit(tail.group(1)))):
        return found, text[: tail.start()]
    return None, text


def _arrowed(text: str) -> list[Field]:
    """An indicator, then where it starts and where it is to go: "Rues limitées à 30 km/h : 22 % (2024) → 100 % (2030)"."""
    m = _ARROWED_RE.match(text)
    return [Field("indicateur", m.group("indicator").strip()), Field("cible", m.group("target").strip())] if m else []


def _measure_line(g: Grammar, text: str) -> list[Field]:
    """An indicator and its dated target on one line that labels neither: "Proportion des CPE membres représentés … :
    90 % en 2027 (61 % en 2024)", "Indice de réussite : proportion des entreprises … → 80 % d'ici mars 2028 (point de
    départ : 64 % en 2024)", "Suivi : taux de participation … (départ : 31 % en 2023; cible : 50 % en 2027)". The
    target is a figure with its date after the first colon or arrow that a figure follows; [] for any other line."""
    body = _DASH_ITEM_RE.sub("", text)
    if (bracketed := _MEASURED_BRACKET_RE.fullmatch(body)) and (inner := g.fields(bracketed.group("inner"))):
        if any(f.name == "cible" for f in inner):
            return [Field("indicateur", _unkicked(bracketed.group("head"))), *inner]
    if started := _started(g, body):
        return started
    for sep in _MEASURE_SEP_RE.finditer(body):
        head, tail = body[: sep.start()], body[sep.end() :]
        if not _FIGURE_START_RE.match(tail) or sep.group("dash") and _unkicked(head) == head.strip():
            continue  # (a dash parts an indicator from its target after a caption only: "Repère de suivi : … — 90 % d'ici 2028")
        target = parse_target(tail)
        unmarked = _ITEM_MARK_RE.sub("", head, count=1)  # (an item's "b)" closes no bracket of its line)
        if (target.value is None or not target.deadline or len(head) > 2 * CAPTION_MAX or _SENTENCES_RE.search(head)
                or not re.search(r"[^\W\d_]{3}", head) or g.fields(head + " :") or g.field_re.search(head)
                or head.count("[") != head.count("]") or unmarked.count("(") != unmarked.count(")")
                or (" : " in head and _FIELD_PIECES_RE.search(head))):
            return []  # (not an item with its fields in brackets: "▸ Déployer … [Porteur : … ; Horizon : 2026 ; …]")
        return [Field("indicateur", _unkicked(head)), Field("cible", tail.strip())]
    return []


def _started(g: Grammar, body: str) -> list[Field]:
    """An indicator's dated figure, then its target's label: "Trajectoire : taux de roulement de 24 % en 2025 ; visé :
    12 % en 2029" (session 29's childcare plan) → the indicator, the figure as the baseline, the target; [] for any other
    line. The figure unlabelled before a target's label is where the plan starts."""
    inside = _label_inside(g, body)
    if not inside or not inside[1] or inside[1][0].name != "cible":
        return []
    kicker, colon, before = inside[0].partition(" : ")
    before = before.strip(" ;,—–")
    start = parse_target(before) if colon and before else None
    if (start is None or start.value is None or not start.deadline or len(kicker.split()) > 4
            or _SENTENCES_RE.search(inside[0]) or len(inside[0]) > 2 * CAPTION_MAX):
        return []
    named = re.split(r"\s*(?:\b(?:de|d[’']|of)\s*)?[-−]?\d", before, maxsplit=1)[0].strip()  # "taux de roulement de 24 %"
    return [Field("indicateur", named if re.search(r"[^\W\d_]{3}", named) else kicker.strip()), Field("base", before),
            *inside[1]]


def _unkicked(head: str) -> str:
    """An indicator without the caption of a few words before its colon ("Suivi : taux de …" → "taux de …")."""
    kicker, colon, rest = head.partition(" : ")
    return rest.strip() if colon and len(kicker.split()) <= 4 and not any(c.isdigit() for c in kicker) else head.strip()


def _caption_item(g: Grammar, text: str, year: str | None) -> list[Field]:
    """An item under a caption of fields: "- Taux de diplomation : 78 % en 2030 (71 % en 2024)" ("Active donors:
    18,500 by FY2030" in English) or "- Taux de
    diplomation — 72 % → 77 %" is an indicator and its target (due the year of the caption's legend, "Indicateur —
    valeur 2023 → cible 2028"), "- Taux de diplomation" an indicator; [] for a line that is neither."""
    marked = _DASH_ITEM_RE.match(text)
    body = text[marked.end() if marked else 0 :]
    label, colon, value = next((split for sep in (" : ", ": ", " — ", " – ") if (split := body.partition(sep))[1]), (body, "", ""))
    if colon and label.strip() and any(c.isdigit() for c in value) and not g.fields(label + " :"):
        return [Field("indicateur", label.strip(), None), Field("cible", value.strip(), year)]
    return [Field("indicateur", label.strip(), None)] if marked and not colon else []


def _legend_year(g: Grammar, text: str) -> str | None:
    """The target year of a legend of indicator items: "Indicateur — valeur 2023 → cible 2028" → "2028"."""
    m = _LEGEND_TARGET_RE.search(text)
    return m.group(1) if m and len(text) <= CAPTION_MAX and g.field_word_re.match(text) else None


def _announced(g: Grammar, text: str) -> str | None:
    """A sentence ending in a lead-in ("… mise en œuvre. Actions prévues au plan stratégique")."""
    tail = re.split(r"(?<=[.:])\s+", text)[-1]
    return g.lead_in(tail) if tail != text else None


def _coded_before(reader: _Reader, owner: _Draft, code: str) -> str | None:
    """The level of the owner's listed items coded as ``code`` is, the one before it ("ATT-1" before "ATT-2", "A1-a"
    before "A1-b")."""
    prefix, number = code.rsplit("-", 1)
    before = f"{prefix}-{int(number) - 1 if number.isdigit() else chr(ord(number) - 1)}"
    return next((d.kind for d in reversed(_children(reader, owner)) if d.listed and d.number == before), None)


def _listed_kind(reader: _Reader, owner: _Draft) -> str | None:
    """The kind of the items lists gave under the other units of the owner's level, when they are all of one kind;
    None when none did, or when they are of several."""
    i = reader.drafts.index(owner)
    kinds = {d.kind for d in reader.drafts if d.listed and d.parent not in (None, i) and reader.drafts[d.parent].kind == owner.kind}
    return kinds.pop() if len(kinds) == 1 else None


def _within(reader: _Reader, owner: _Draft) -> list[_Draft]:
    """The owner and the drafts under it, at any depth."""
    first = reader.drafts.index(owner)
    inside = {first}
    for i in range(first + 1, len(reader.drafts)):
        if reader.drafts[i].parent in inside:
            inside.add(i)
    return [reader.drafts[i] for i in sorted(inside)]


def _children(reader: _Reader, owner: _Draft) -> list[_Draft]:
    i = reader.drafts.index(owner)
    return [d for d in reader.drafts if d.parent == i]


def _has_measures(unit: PlanUnit) -> bool:
    return bool(unit.indicators or unit.targets)


def _due(target: Target, fields: list[tuple[str, str]]) -> Target:
    """A target without a date of its own is due at its unit's échéance."""
    if target.deadline:
        return target
    due = next((parse_target(v).deadline or v for name, v in fields if name == "echeance"), None)
    return replace(target, deadline=due)


def _finish(doc: Document, drafts: list[_Draft], plan: _Plan) -> list[PlanUnit]:
    ids: list[str] = []
    counters: dict[str, int] = {}
    units: dict[str, PlanUnit] = {}
    parents = {d.parent for d in drafts}
    first_parent: dict[str, str | None] = {}  # unit id → parent id of the first unit given it
    labelled: dict[str, bool] = {}  # unit id → whether a heading naming its level gave it (not a table's row)
    last_of: dict[str, int] = {}  # unit id → the index of the last draft given it
    # A unit is named by the plan's own word for its level ("Engagement 1.1", not "Objectif 1.1").
    own = {kind: word[:1].upper() + word[1:] for word, kind in reversed(doc.meta.structure.get("words", {}).items())}
    for i, draft in enumerate(drafts):
        numbered_under = draft.parent is not None and under(draft.number, drafts[draft.parent].number)
        if not draft.labelled and not draft.listed and draft.number and plan.declared and not plan.within \
                and i not in parents and draft.kind != plan.declared[-1] and not numbered_under:
            ids.append("")  # a numbered section in a plan that declares its levels, with nothing under it
            continue
        counters[draft.kind] = counters.get(draft.kind, 0) + 1
        code = draft.code or f"{level_name(draft.kind)} {counters[draft.kind]}"
        if draft.kind in own and code.startswith(level_name(draft.kind) + " "):
            code = f"{own[draft.kind]}{code[len(level_name(draft.kind)):]}"
        unit_id = f"{doc.meta.doc_id}:{slugify(code.replace('.', '-'))}"
        parent_id = (ids[draft.parent] or None) if draft.parent is not None else None
        if first_parent.setdefault(unit_id, parent_id) not in (parent_id, None) and parent_id:
            # Numbering that starts again under each parent ("Objectif A" under every défi): one unit each.
            unit_id = f"{parent_id}-{unit_id.split(':', 1)[1]}"
        ids.append(unit_id)
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
            targets=tuple(_due(t, draft.fields) for t in draft.targets) or tuple(filter(None, [stated_target(draft.title)])),
            parent_id=parent_id,
            char_start=draft.start,
            fields=tuple(draft.fields),
        )
        headed = draft.labelled and not draft.tabled
        previous = units.get(unit_id)
        if previous is not None:
            # A unit restated (a table that repeats an objective with its indicator and target): one unit, with the
            # title of the heading that names its level ("Objectif 1.2 – Soutenir …", not a summary's "1.2 Étudiants
            # en situation de … 71 % 80 %", a newcomer's plan), else of the one measured (the body's
            # heading, not an overview's "Composante 5 – … (mesures 19 à 22)" that the section after it made long,
            # test45), else the longer text, and the indicators, targets and fields of both.
            # (A heading right after the one it restates is its translation: "Pillar 1 – Access …" under "Pilier 1 – Accès
            # …", test23's bilingual strategy; the plan's own language, first, keeps its title.)
            translated = headed and labelled[unit_id] and last_of[unit_id] == i - 1
            ours = not translated and ((headed, _has_measures(unit), len(unit.text))
                                       > (labelled[unit_id], _has_measures(previous), len(previous.text)))
            kept, other = (unit, previous) if ours else (previous, unit)
            unit = replace(kept, parent_id=kept.parent_id or other.parent_id,
                           indicators=tuple(dict.fromkeys((*previous.indicators, *unit.indicators))),
                           targets=tuple(dict.fromkeys((*previous.targets, *unit.targets))),
                           fields=tuple(dict.fromkeys((*previous.fields, *unit.fields))))
        labelled[unit_id] = labelled.get(unit_id, False) or headed
        last_of[unit_id] = i
        units[unit_id] = unit
    return sorted(units.values(), key=lambda u: u.char_start)
