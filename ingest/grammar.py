"""The plan grammar engine: compiles ``plan_grammar.toml`` (and a catalog entry's ``structure``) into
the recognisers the unit reader uses.

A line can be:
- a labelled heading: a level word in any case, singular or plural, with or without a number, then a
  separator (– — : . | - or none) and a title ("Enjeu 1 – …", "OBJECTIF 2.1.", "Axe d’intervention …");
- a numbered heading without a level word ("1.1 …", "I. …", "A. …", "a) …", "01 …", "II.1.a …"), whose level the
  plan gives elsewhere (see ``declared_levels``);
- a field line ("Indicateur : …", "Responsable : … Échéance : … Cible : …", "Lead: … | Target: …");
- a lead-in to a list of units ("Moyens", "Actions prévues :");
- a row of a pipe table ("| Objectif | Indicateur | Cible |").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

_GRAMMAR_PATH = Path(__file__).with_name("plan_grammar.toml")
_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_APOSTROPHES = "’'"
# Numbering schemes, from the most to the least specific; their depth when they stand alone.
_ROMAN = r"[IVXL]{1,6}"
_DECIMAL = r"\d{1,2}(?:\.\d{1,2}){0,3}(?:\.[a-z](?![\w.]))?"  # "2.1.a": objective 2.1's first action
# Circled numbers: "①" … "⑳" (a strategy map's objectives).
_CIRCLED = {chr(0x2460 + i): str(i + 1) for i in range(20)}
# A number in brackets: "[1.1]", "[3.3-a]"; at a line's start, before a title, it numbers as it would bare.
BRACKETED_NUMBER_RE = re.compile(r"\[(?P<number>[^\]\s]{1,12})\]")
_BRACKETED_RE = re.compile(rf"^{BRACKETED_NUMBER_RE.pattern}\s+(?P<title>\S.*)$")
# A results framework's place-value code: 1000 the ultimate result, 1100 an intermediate one, 1110 an immediate one
# under it, 1111 an output under that. From 1000 to 1899, never the year of a plan in force.
PLACE_CODE = r"1[0-8]\d{2}(?!\d)"
# A number with a letter run on: "1A", the first objective of part 1 ("1A.1", its first action; test38's food roadmap).
NUMBER_LETTER = r"\d{1,2}[A-Z]"
# Dotted numbers that open on a roman numeral or a capital and may close on a small letter: I.1, A.2, II.1.a; a
# capital with its number run on ("A1", "B2.1") is the same numbering without its first dot, and so is a code of
# two or three capitals ("AC1", "AC1.2": a category "AC"'s objective and action), and a number with a letter run on
# ("1A.1", NUMBER_LETTER); a number then a capital ("1.A", "1.A.2": goal 1's first objective and its second action,
# test63's English community plan); never the head of a longer code ("P1" of "P1-a").
_DOTTED = rf"(?:(?:{_ROMAN}|[A-Z])(?:\.\d{{1,2}}){{1,3}}|\d{{1,2}}\.[A-Z](?:\.\d{{1,2}})?|[A-Z]{{1,3}}\d{{1,2}}(?:\.\d{{1,2}}){{0,2}}|{NUMBER_LETTER}\.\d{{1,2}}(?:\.\d{{1,2}})?)(?:\.?[a-z])?(?![\w]|[.-]\w)"
# Numbers that name a unit after its level word or alone in a table's cell, never at the head of a plain line: a
# number after a hyphen ("Action A-12", "ENV-3", "SOC-1.2", "A1.1-1": objective A1.1's first action; "1.1-R1": objective
# 1.1's first means, coded by its type), a letter after one ("1.1-a": objective 1.1's first action; "P1-a": concern P1's
# first objective; "Levier 1-A": under cap 1; "Objectif II-B": under axe II), two codes ("P1-O2": priority 1's second
# objective; "1-A-1": objective 1-A's first action), a number and a letter ("Mesure 3a" under "Mesure 3"; not an
# ordinal: "| 2e – Prévenir … |" ranks a priority in an overview, test59's police plan).
_ROMAN_LETTERED = rf"{_ROMAN}-[a-z]"  # "I-a": a result under "Fil conducteur I" (test53)
_TAGGED = rf"(?:(?:[A-ZÀ-Þ]{{1,6}}\d{{0,2}}|\d{{1,2}})(?:\.\d{{1,2}}){{0,3}}-[A-Z]?\d{{1,3}}(?:\.\d{{1,2}}){{0,2}}|(?:\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}|{_ROMAN})-[A-Z]|{_ROMAN_LETTERED}|(?:[A-Z]{{1,3}}\d{{1,2}}|\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})-[a-z]|[A-Z]\d{{1,2}}-[A-Z]\d{{1,2}}|\d{{1,2}}-[A-Z]-\d{{1,2}}|\d{{1,2}}(?!e\b)[a-zA-Z])(?!\w|\.\d)"
# A unit's code after its title, in square brackets ("… d'ici 2030 [O-1.1]", test54's school of lutherie), or in
# brackets when letters and a hyphen open it ("… dans les secteurs résidentiels (O-1.1)", test46's police service; not
# "Habitat des ours noirs (A.1)", test33's zoo: the objective a chantier serves, named again under the next one).
_CODE_TAIL_RE = re.compile(rf"\s(?:\[(?P<code>{_DOTTED}|{_TAGGED}|{_DECIMAL})\]|\((?P<lettered>[A-Z]{{1,4}}-\d{{1,2}}(?:\.\d{{1,2}}){{0,2}})\))\s*$")
# An ordinal in figures: "1er", "1re", "3e", "2nd", "4th".
_ORDINAL = r"(\d{1,2})(?:er|re|ère|e|ème|è|st|nd|rd|th)"
# Arrows and diamonds that part a number from its title: "Virage 1 → Se déplacer autrement" (test28), "Axe 1 › Former la
# relève" (test54), "Cap 1 ▸ Semer …" (test49), "Clientèle 1 ◆ Les tout-petits …" (test49), "Axe A » Attirer les talents
# …" (test62's city plan).
ARROWS = "→›▸►➜»◆◇❖"
_SEPARATORS = rf"[–—:.|){ARROWS}-]"
_OF_RE = re.compile(r"(?:de|du|des|d['’])")  # "No de projet", "Numéro de la mesure": numbers of something
# A year or a span of years in a field's label: "Cible 2026", "Cible 2024-2025", "Target (2030)".
_YEARS = r"(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2})?"
CAPTION_MAX = 100  # a caption of fields is a title, not a sentence
# The words before a lead-in's ending in its last clause: "Concrètement, nous allons :", "Pour y parvenir, nous ferons :",
# "Pour atteindre cet objectif, le Ministère s’engage à :" (not a sentence's: "En 2024, nous avons dit que nous allons :").
_LEAD_WORDS = 3
# A lead-in in the plan's own words, a short line ending on a colon ("Ce que nous mettrons en scène :", 31 characters).
# (A bound set by hand, first for discovering level words; not fit on data.)
LEAD_MAX = 60
_WHOSE_MAX = 45  # whose the items of a lead-in are: "Actions proposées aux municipalités locales :", "Engagements du Centre de services scolaire :"


@dataclass(frozen=True)
class Heading:
    kind: str | None  # None: a numbered heading whose level is not named on the line
    number: str  # as printed, without keyword or separator: "1", "2.1.3", "01", "IV", "A", "a"
    scheme: str  # decimal | dotted | padded | place | circled | roman | upper | lower | "" (no number)
    title: str
    labelled: bool

    @property
    def depth(self) -> int:
        """How deep the number sits: 2.1.3 → 3 (1.0 → 1: a zero closes a number of the top level); a letter or roman
        numeral counts by its scheme."""
        if self.scheme in ("decimal", "dotted"):
            number = _ZERO_TAIL_RE.sub("", self.number)
            return (number.count(".") + number.count("-") + 1
                    + bool(re.match(r"[A-Z]+\d", self.number)) + bool(re.match(NUMBER_LETTER, self.number)))
        if self.scheme == "circled":
            return 1
        if self.scheme == "place":
            return len(self.number.rstrip("0"))  # 1000 → 1, 1110 → 3
        return {"padded": 1, "roman": 1, "upper": 2, "lower": 3}.get(self.scheme, 0)


@dataclass(frozen=True)
class Field:
    name: str  # indicateur | cible | base | echeance | responsable | budget | partenaires
    value: str
    year: str | None = None  # a year in the label: "Cible 2026 : 80 %"


def _word_re(word: str) -> str:
    out = []
    for c in word:
        if c in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        elif c == " ":
            out.append(r"(?:s|x)?\s+")  # "objectifs spécifiques", "axes d’intervention": each word in the plural
        else:
            out.append(re.escape(c))
    return "".join(out)


def _alternation(words: list[str]) -> str:
    return "|".join(_word_re(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Grammar:
    """The compiled grammar of one plan: the shared data plus the plan's own ``structure`` entry."""

    ranks: dict[str, int]
    children: dict[str, str]  # kind → the level usually found under it (``child`` in plan_grammar.toml)
    alone: dict[str, str]  # kind → the kind it takes in a plan without the level above it (``alone``)
    word_kind: dict[str, str]
    heading_re: re.Pattern[str]
    numbered_re: re.Pattern[str]
    field_re: re.Pattern[str]
    dashed_field_re: re.Pattern[str]  # a field set apart by a dash at a line's start: "Cible — 75 % en 2030"
    field_names: dict[str, str]
    field_word_re: re.Pattern[str]  # a line that opens on a field's name: "Indicateurs de l'orientation 1"
    numbering_re: re.Pattern[str]  # a number said to stand for a level: "1.1, un objectif"
    numbered_as_re: re.Pattern[str]  # a level said to be numbered so: "des objectifs numérotés (A.1, A.2, etc.)"
    reference_re: re.Pattern[str]  # a unit named in a sentence: "du chantier A", "(orientation 1)", "Goal One"
    lead_in_re: re.Pattern[str]
    qualified_re: re.Pattern[str]
    container_re: re.Pattern[str]
    plan_annex_re: re.Pattern[str]  # an appendix that is the plan of action: "ANNEXE 1 – PLAN D’ACTION 2025-2028"
    excluded_re: re.Pattern[str]  # a heading of units that are not the plan's ("… non retenus")
    defines_re: re.Pattern[str]  # a container that defines words or lists sources ("Lexique")
    contents_re: re.Pattern[str]
    mention_re: re.Pattern[str]
    plural_re: re.Pattern[str]  # a level word in the plural: "les actions", "des moyens"
    count_re: re.Pattern[str]
    counted_re: re.Pattern[str]  # a level counted anywhere in a sentence: "(déclinées en) trente et un moyens",
    #                              "trois grandes orientations"
    number_values: dict[str, int]  # "trente" → 30
    ordinal_re: re.Pattern[str]  # a number before a word and a separator: "1re orientation : …", "Première orientation –"
    split_re: re.Pattern[str]
    levels: tuple[str, ...]  # the plan's levels in order, when its catalog entry gives them
    numbered: dict[str, str]  # numbering scheme → kind, from the catalog entry
    numbered_shapes: frozenset[str]  # the shapes of those numbers (``_shape``)
    leads_said_re: re.Pattern[str]  # a plan naming its lead-ins: "la rubrique « Ce que nous visons » présente les objectifs"
    lists: dict[str, str]  # kind → kind of the bulleted items directly under it, from the catalog entry
    plurals: dict[str, str]  # an irregular plural → its singular ("strategies" → "strategy")
    means_re: re.Pattern[str]  # a lead-in of a plural word the grammar does not know: "Leviers privilégiés"
    lead_phrases: dict[str, str]  # a lead-in naming no level → the level of its items ("ce que nous ferons" → action)
    lead_endings: dict[str, str]  # the words ending such a lead-in → the level of its items ("… nous allons :" → action)
    target_sentence_re: re.Pattern[str]  # a sentence stating a target: "Nous visons 500 membres d'ici 2027."
    number_headers: frozenset[str]  # headers of a table column of numbers ("n°", "no")
    ratings: frozenset[str]  # words that rate a table's row ("Élevée" under "Priorité")
    candidate_re: re.Pattern[str]  # a heading opening on a word the grammar may not know: "Pilier 2 – …"
    not_levels: frozenset[str]  # words that number a document's parts, never its levels ("Section 2")
    headings_only: frozenset[str]  # words that name a level in numbered headings only, never as a table's column ("Obstacle")
    columns_only: dict[str, str]  # questions that name a level as a table's column only ("Quoi ?": the actions)
    ladders: tuple[tuple[str, ...], ...]  # the kinds of a plan's unknown level words, by its number of levels
    on_top: dict[str, str]  # … but for words whose top-level units writers name another kind ("engagement": orientation)
    mark_names: dict[str, str]  # a symbol's name → the symbols it stands for ("flèche": "→➔►…")
    measured: str  # … unless their units carry measures only (objectif)
    assigned: str  # … or assignments only (action)

    def level_word(self, text: str) -> str | None:
        """The kind a line names when it is only a level's word, in the singular ("PRIORITÉ", "STRATEGIC PRIORITY")."""
        return self.word_kind.get(_fold(text))

    def kind_of(self, word: str) -> str | None:
        key = self.plurals.get(_fold(word), _fold(word))
        for w, kind in self.word_kind.items():
            if key == w or key in (w + "s", w + "x") or " " in w and singular(key) == w:
                return kind
        return None

    def levels_named(self, header: str) -> tuple[str, ...]:
        """The levels a table header names together, broadest first as written ("Objectifs et actions" →
        (objectif, action)); () unless it names two or more levels and nothing else."""
        parts = _header_parts(header)
        kinds = tuple(dict.fromkeys(self.level_named(p) for p in parts))
        return kinds if len(kinds) >= 2 and None not in kinds else ()

    def level_named(self, word: str) -> str | None:
        """The level a word names outside a heading, as a table's column or in a plan's account of its levels
        ("Mesures"); None for a word that names one in numbered headings only ("Obstacles")."""
        return None if self._headings_only(word) else self.kind_of(word)

    def _headings_only(self, word: str) -> bool:
        return singular(self.plurals.get(_fold(word), _fold(word))) in self.headings_only

    def fields_named(self, header: str) -> tuple[Field, ...]:
        """The fields a table header names together ("Indicateur et cible" → indicateur, cible), or the one it names
        in two languages ("Cible 2030 / 2030 Target"); () otherwise."""
        parts = _header_parts(header)
        found = [self.fields(p + " :") for p in parts]
        if " / " in header and len({f[0].name for f in found if f}) == 1:
            # "Cible 2030 / 2030 Target", "Départ 2023-2024 / Baseline 2023-2024": one field in two languages
            return (next(f[0] for f in found if f),)
        return tuple(f[0] for f in found if f) if len(parts) >= 2 and all(found) else ()

    def plurals_said(self, text: str) -> Counter[str]:
        """How often a text speaks of each level in the plural ("les actions", "des moyens"): what a plan calls
        the things it numbers without naming them."""
        return Counter(kind for m in self.plural_re.finditer(text) if (kind := self.kind_of(m.group(0))))

    def numbered_kind(self, heading: Heading) -> str | None:
        """The level the plan's legend or catalog entry says a heading's numbering stands for ("numbered"), if any."""
        for example, kind in self.numbered.items():
            probe = self.probe(example)
            if (prefix := _CODE_PREFIX_RE.match(example)) and not heading.number.startswith(prefix.group()):
                continue  # "S1 – Anse Saint-Denis" where the plan's concerns are "codées de P1 à P4" (test36's ZIP plan)
            if probe is not None and ((probe.scheme, probe.depth) == (heading.scheme, heading.depth)
                                      or probe.scheme == "padded" and heading.scheme == "decimal" and len(heading.number) == 2):
                return kind  # (numbers said to run from "#01" go on to "#10", "#26" unpadded)
        return None

    def kicker(self, line: str) -> bool:
        """Whether a line is a word of the plan's own and a number, alone, a unit's kicker over its title ("LEVIER 01",
        test66's agrifood table), by the shape ``discover`` finds such words in; not a part of the document ("Section 2")."""
        m = self.candidate_re.match(line.strip())
        return (m is not None and not m.group("title") and m.group("number").isdigit()  # (not a running header's years)
                and not {_fold(m.group("word")), singular(_fold(m.group("word")))} & self.not_levels)

    def field_row(self, cells: list[str]) -> list[Field]:
        """The field a row of two cells states, its label then its value ("| Responsable | Régie |"); [] for any other row."""
        return self.fields(f"{cells[0]} : {cells[1]}") if len(cells) == 2 else []

    def column_kind(self, header: str) -> str | None:
        """The level a table column holds: its header names it, alone or with qualifiers ("Projet prioritaire",
        "Objectif principal", "Key actions"), with or without a note in brackets naming the fields its items carry
        ("Actions (porteur, échéance, budget)", test62's city plan; not "Orientation (EN)", a column in another language)."""
        if (note := _HEADER_NOTE_RE.search(header)) and all(self.fields(f"{p} :") for p in _header_parts(note.group(1))):
            header = header[: note.start()]
        asked = self.columns_only.get(_fold(header).strip(" ?:"))
        if asked:
            return asked
        parts = _header_parts(header)
        if len(parts) >= 2 and len(kinds := {self.column_kind(p) for p in parts}) == 1 and None not in kinds:
            return kinds.pop()  # two words of one level: "Projet ou action", "Projets et initiatives" (structure/test59)
        m = self.qualified_re.match(header.strip())
        if m is None or self.fields(header.strip() + " :"):
            return None  # (a field's name is no level's: "Mesure de départ")
        return self.level_named(m.group("word"))

    def level_cell(self, cell: str) -> str | None:
        """The level a table cell names when it names only a level, qualified or not ("Objectif", "Objectif
        spécifique"): a register's column of levels."""
        return self.column_kind(cell) if 0 < len(cell.split()) <= 3 else None

    def rates(self, cell: str) -> bool:
        """Whether a table cell is a rating word ("Élevée", "Low"), no unit's title."""
        return _fold(cell) in self.ratings

    def numbers_column(self, header: str) -> bool:
        """A table column of the rows' numbers ("N°", "No.", "#"), or of their numbers as something ("No de projet",
        "Numéro de la mesure")."""
        folded = _fold(header).strip(" .:")
        first, _, rest = folded.partition(" ")
        return folded in self.number_headers or first in self.number_headers and bool(_OF_RE.match(rest.lstrip()))

    def names(self, text: str) -> bool:
        """Whether a header cell names a level or a field ("Action", "Porteur", "Cible 2030"; in plain language,
        "Qui ?", "Avec qui ?")."""
        text = text.rstrip(" ?")
        return self.kind_of(text) is not None or bool(self.fields(text + " :"))

    def probe(self, number: str) -> Heading | None:
        """The heading a bare number would open ("1.1.1", "a)", "01"): its scheme and depth."""
        return self.heading(f"{number.rstrip(')')}) X" if number.endswith(")") else f"{number} X")

    def ordinal_first(self, line: str) -> str:
        """A heading that numbers its level before the word, in the usual order: "1re orientation : …", "Première
        orientation – …" → "orientation 1 : …", "1re orientation" (its title on the next line, test35) → "Orientation
        1"; any other line as it is."""
        m = self.ordinal_re.match(line)
        if m is None:
            # "Fonction 1° – Renseigner …" (test43's users' committee, numbered as the law numbers its paragraphs)
            return _DEGREE_RE.sub(r"\1", line, count=1)
        value = spelled(m.group("ordinal"))
        word = m.group("word")
        return f"{word[:1].upper()}{word[1:]} {value} {m.group('rest').strip()}".rstrip() if value else line

    def heading(self, line: str) -> Heading | None:
        """The heading a line is, labelled or numbered; None for any other line."""
        if line[:1] in _CIRCLED:
            # "① Améliorer l'accès …": a numbering of its own, beside the document's "1." sections.
            inner = self.heading(f"{_CIRCLED[line[0]]}. {line[1:].strip()}")
            return replace(inner, scheme="circled") if inner is not None and not inner.labelled else inner
        if (bracketed := _BRACKETED_RE.match(line)) is not None:
            # "[1.1] Ajouter une deuxième infirmière de nuit …" (test57's palliative home): a number in brackets numbers
            # as it would bare.
            inner = self.heading(f"{bracketed.group('number')} {bracketed.group('title')}")
            return inner if inner is not None and not inner.labelled else None
        if (coded := self._code_after(line)) is not None:
            return coded
        line = self.ordinal_first(line)
        m = self.heading_re.match(line) if len(line) <= 300 else None
        if m:
            kind = self.kind_of(m.group("word"))
            number, sep, title = (m.group("number") or "").replace(" ", ""), m.group("sep") or "", m.group("title").strip()
            number = str(self.number_values[_fold(number)]) if _fold(number) in self.number_values else number
            plural = _fold(m.group("word")) not in self.word_kind
            header = not number and self.kind_of(title.split(" ", 1)[0]) is not None  # "Axe stratégique   Objectifs"
            # A word both a level and a field names the level with a number only ("Résultat visé 1.1 : Les usagers
            # …" against "Résultat visé : 80 %"), and so does a level's word and its adjective that name a field
            # ("Objectif numérique : 12,5 % …", an employment-equity programme's target, test64's city PAEE).
            field = not number and bool(self.fields(m.group("word") + " :")
                                        or m.group("adjective") and self.fields(f"{m.group('word')} {m.group('adjective')} :"))
            # A word that names a level in headings only does so with a number ("Obstacle 1 – …", not "Obstacle : …").
            field = field or not number and self._headings_only(m.group("word"))
            if sep == "·" and number and " " not in title and title.isupper():
                # "STRATÉGIE A · ÉDUCATION": a kicker, its one word a tag in capitals; the title is on the next line (not
                # "Volet 1 · Planter", test63's city tree plan: a title of one word)
                title = ""
            if m.group("adjective") and not number and not re.search(r"[^\W\d_]{3}", title):
                return None  # "Moyen terme : 2028 à 2030" (test43's First Nation plan): a span of years, no unit's title
            if kind and not header and not field and _titled(number, sep, title, plural, m.group("word")):
                other = self.heading(title.removeprefix("/").strip()) if number else None
                if other is not None and other.labelled and other.number == number and (title.startswith("/") or other.kind == kind):
                    # "Priorité II / Priority II — Santé …": the same heading in another language; "DIRECTION STRATÉGIQUE 1 ·
                    # STRATEGIC DIRECTION 1" (test56's research centre): the title is on the next line
                    title = other.title
                return Heading(kind, number, _scheme(number), _clean_title(title), True)
        m = self.numbered_re.match(line)
        # A title run into its paragraph ("2.1.3. Soutenir la réussite Dans le cadre …") makes a long line; the fields
        # in brackets at its end do not ("1. Accompagner … [Porteur : Comité ZIP ; … ; coût : 45 000 $]").
        if m and not _CITATION_RE.search(line) and (len(TRAILING_BRACKET_RE.sub("", line)) <= 240 or m.group("number").count(".") >= 1):
            number = m.group("number")
            title = m.group("title").strip()
            if (not m.group("sep") and "." not in number and not number.isdigit() and not _LETTERED_CODE_RE.fullmatch(number)
                    and not _SUB_LETTERED_RE.fullmatch(number) and not re.fullmatch(_ROMAN_LETTERED, number)
                    and _shape(number) not in self.numbered_shapes):
                # "A Montréal …", "IV Les …" are no headings; but "R1 Consolider …", "A-1 Soutenir …", "1a Réduire …",
                # "I-a Les milieux humides …" are numbers, and so is a number shaped as the plan says its level's are
                # ("1-A Augmenter …" where "des objectifs codés … (1-A, 1-B, etc.)", test60); "A Chantier A — …" is a
                # heading after its badge (a letter in a circle, session 37's newcomer).
                inner = self.heading(title)
                return inner if inner is not None and inner.labelled and inner.number else None
            if title and all(_LETTERED_CODE_RE.fullmatch(w) for w in title.split()):
                return None  # "T1 T2 T3 T4": a table's header of quarters read as a line, codes and no title
            inner = self.heading(title)
            if inner is not None and inner.labelled:
                # "3. Enjeu 1 : …": the document numbers its sections, the plan its enjeux; "1.1 Objectif : …": the
                # plan numbers the unit its label names.
                return inner if inner.number else replace(inner, number=number, scheme=_scheme(number))
            return Heading(None, number, _scheme(number), _clean_title(title), False)
        return None

    def _code_after(self, line: str) -> Heading | None:
        """The heading a line is when the unit's code follows its title: "Porter à 45 le nombre de personnes diplômées
        d'ici 2030 [O-1.1]" (test54's school of lutherie), as if the code opened the line; not a tag after a numbered
        heading ("GOV-01 Actualiser … [P1]", a priority, test43)."""
        # (Most lines end on no bracket: the pattern is searched only in those that do, heading() being called often,
        # at query time too.)
        tail = _CODE_TAIL_RE.search(line) if len(line) <= 300 and line.rstrip().endswith(("]", ")")) else None
        code = (tail.group("code") or tail.group("lettered")) if tail else ""
        if "." not in code and "-" not in code:
            return None
        title = line[: tail.start()].strip()
        if (bare := self.heading(title)) is not None and bare.number or self.fields(title):
            return None  # (nor a field's value that names a code: "Indicateur : Nombre de … (PR-3)", test50)
        inner = self.heading(f"{code} {title}")
        return inner if inner is not None and inner.number == code else None

    def fields(self, line: str) -> list[Field]:
        """The fields of a field line, in order; [] when the line does not start with a field label."""
        text = line.strip().lstrip("|- ").strip()
        if text.startswith("[") and text.endswith("]"):
            text = text[1:-1].strip()  # "[Indicateur : … | Départ 2024 : 6 | Cible 2028 : 15]": a line of fields in brackets
        text = self.dashed_field_re.sub(r"\g<label> : ", text, count=1)
        marks = list(self.field_re.finditer(text))
        if marks and marks[0].start() and (kicker := _KICKER_RE.match(text)) and kicker.end() == marks[0].start():
            # "Suivi — indicateur : … ; cible 2030 : 35 %": fields after a caption of a few words (not a level's)
            # (A caption of five words or six opens on the indicator: "Comment nous mesurerons le progrès — Indicateur :
            # …", test52's transit plan; else it may be an indicator's own name, "Taux de rétention des membres — cible :".)
            long = kicker.group(1).count(" ") >= 4 and self.field_name(marks[0].group("label")) != "indicateur"
            if self.kind_of(kicker.group(1)) is None and not long:
                text = text[kicker.end():]
                marks = list(self.field_re.finditer(text))
        if not marks or marks[0].start() != 0:
            return []
        out = []
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            value = text[m.end() : end].strip(" |;–—-·→")
            if i + 1 < len(marks) and value.endswith(".") and not value.endswith(".."):
                value = value[:-1]  # "Indicateur : Part de … en pointe. Départ (2024) : 22 %. Visée 2030 : 50 %." (test52)
            piece, pipe, rest = value.partition(" | ")
            if pipe and _LABEL_RE.match(rest):
                value = piece  # "Échéance : 2026-2027 | Appels à l'action : Commission Viens 2": a label not ours ends it
            # "Nombre de trousses (départ : 38 500 ; cible : 60 000)": the brackets around the fields are no value's
            value = value.rstrip(" (") if value.count("(") > value.count(")") else value
            value = value.rstrip(" )") if value.count(")") > value.count("(") else value
            out.append(Field(self.field_name(m.group("label")), value, m.group("year") or m.group("bracketed")))
        return _dated(_targeted(out))

    def stated_targets(self, text: str) -> list[str]:
        """The sentences of a paragraph that state a target ("Nous visons 500 membres d'ici 2027."), for parsing."""
        return [m.group(0) for m in self.target_sentence_re.finditer(text)]

    def field_name(self, label: str) -> str:
        """The field a label names, its words in the plural or not ("Points de départ" → base)."""
        key = _fold(label)
        words = key.split(" ")
        inner = " ".join([*(w[:-1] if w[-1:] in ("s", "x") else w for w in words[:-1]), words[-1]])
        return next(self.field_names[k] for k in (key, inner, singular(key)) if k in self.field_names)

    def lead_in(self, line: str) -> str | None:
        """The kind of the units a lead-in line announces ("Moyens :" → moyen; "Ce que nous ferons :" → action)."""
        m = self.lead_in_re.search(line.strip())
        if m:
            return self.kind_of(m.group("word") or m.group("other") or m.group("bare") or m.group("whose") or m.group("fr")
                                or m.group("en") or m.group("eng") or m.group("counted"))
        if self.means_re.fullmatch(line.strip()) and not self.field_word_re.match(line.strip()):
            return UNDER
        said = _fold(line).rstrip(" :").replace(",", "")  # "Pour y parvenir, nous allons :"
        colon = line.rstrip().endswith(":")
        return next((kind for phrase, kind in self.lead_phrases.items()
                     if said == phrase or said.startswith(phrase + " ") and colon and len(said) <= len(phrase) + _WHOSE_MAX),
                    None) or self.commitment(line)

    def commitment(self, line: str) -> str | None:
        """The kind of the items a lead-in announces by its last words, a commitment ("Concrètement, nous allons :",
        "Pour atteindre cet objectif, le Ministère s’engage à :"); None for any other line."""
        clause = _fold(line).rstrip(" :").rsplit(",", 1)[-1].strip()  # (its last clause)
        return next((kind for phrase, kind in self.lead_endings.items()
                     if line.rstrip().endswith(":") and (clause == phrase or clause.endswith(" " + phrase)
                                                         and len(clause[: -len(phrase)].split()) <= _LEAD_WORDS)), None)

    def is_label(self, line: str) -> bool:
        """A field's label alone on its line, its value on the next: "Porteur", "Budget prévu" (a fiche's definition list);
        not a lead-in ("Résultats attendus" over a list of objectives)."""
        line = line.strip()
        return (line[:1].isupper() and ":" not in line and len(line) <= 40 and [f.value for f in self.fields(f"{line} :")] == [""]
                and not self.lead_in(line))

    def names_fields(self, line: str) -> bool:
        """A line that opens on a field's name without being a field line ("Indicateurs de l'orientation 1",
        "Cibles et indicateurs"), or a short one that names fields of a unit it names ("Performance indicators –
        Strategic Direction 1"): a caption of fields, never an item of a list."""
        line = line.strip()
        if self.field_word_re.match(line):
            return True
        return (len(line) <= CAPTION_MAX and not line.endswith((".", ";", ","))
                and any(self.field_word_re.match(word) for word in line.split()) and self.named_unit(line) is not None)

    def named_unit(self, caption: str) -> tuple[str, str] | None:
        """The unit (kind, number) a caption of fields names: "Indicateurs et cibles du chantier A",
        "Indicateur (orientation 2)"; None when it names none, or several."""
        found = {(kind, str(self.number_values.get(_fold(m.group("number")), m.group("number"))))
                 for m in self.reference_re.finditer(caption) if (kind := self.kind_of(m.group("word"))) is not None}
        return found.pop() if len(found) == 1 else None

    def is_contents(self, line: str) -> bool:
        """The heading of a table of contents, in one language or two ("Table des matières / Table of contents", "Table des
        matières | Contents": test56's research centre)."""
        return all(self.contents_re.match(part) and len(part) <= 40 for part in re.split(r" [/|] ", line.strip(), maxsplit=1))

    def is_excluded(self, line: str) -> bool:
        """A heading of units that are not the plan's: "Objectifs non retenus", "Bilan du plan d'action 2016-2022"."""
        return self.is_container(line) and bool(self.excluded_re.search(line))

    def defines(self, line: str) -> bool:
        """A container heading of words defined or sources listed: "Lexique", "Glossaire", "Références"."""
        return self.is_container(line) and bool(self.defines_re.match(line.strip()))

    def is_container(self, line: str) -> bool:
        """A heading of a section that restates units: "ANNEXE 2", "English summary", "TABLEAU DES …"."""
        line = line.strip()
        return (len(line) <= 100 and not line[:1].islower() and not line.endswith((".", ",", ";"))
                and bool(self.container_re.match(line) or self.excluded_re.search(line))
                and not self.plan_annex_re.match(line))

    def initialisms(self, text: str) -> dict[str, str]:
        """The initials a plan uses for level names of several words, each with its level: "OS 1.1 – …" in a plan
        that speaks of its "objectifs spécifiques". An initialism counts when it numbers two headings or more and the
        name it stands for is in the text; of two names with the same initials, the one the text uses more."""
        folded = _fold(text)
        uses: dict[str, tuple[int, str]] = {}
        for word, kind in self.word_kind.items():
            initials = _initials(word)
            if len(initials) < 2 or len(re.findall(rf"(?m)^{initials}\s+\d", text)) < 2:
                continue
            several = word.split(" ", 1)
            said = len(re.findall(rf"\b(?:{re.escape(word)}|{re.escape(several[0])}s {re.escape(several[-1])}s?)\b", folded))
            if said and said > uses.get(initials, (0, ""))[0]:
                uses[initials] = (said, kind)
        return {initials: kind for initials, (_, kind) in uses.items()}

    def markers(self, text: str) -> dict[str, str]:
        """The symbols a plan says open the headings of its levels, symbol → kind: "un chiffre encadré (1️⃣ 2️⃣ 3️⃣) ouvre
        chacune des orientations ; la cible 🎯 précède chacun des objectifs ; la flèche ▸ introduit chacun des moyens"
        (test17's cégep, whose headings carry no level word). A keycap digit stands as ``KEYCAP``. What marks something
        else than a level ("📊 signale un indicateur") is left out."""
        found: dict[str, str] = {}
        for clause in re.split(r"[;•\n]", text):
            end = 0  # the symbols of a mark stand between the clause's last one and its verb
            for m in _MARKS_RE.finditer(clause):
                before, end = clause[end : m.start()], m.end()
                # (the level after a count or an adjective: "chacune des quatre orientations")
                if (kind := next(filter(None, map(self.kind_of, m.group("words").split())), None)) is None:
                    continue
                if KEYCAP_RE.search(before):
                    found.setdefault(KEYCAP, kind)
                for ch in _symbols(before):
                    found.setdefault(ch, kind)
            for m in _MARKED_RE.finditer(clause):
                # "des objectifs, marqués d'une flèche (►)" (test54's housing co-op): the level, then the symbol, or the
                # symbol's name when the plan prints none ("en objectifs, précédés d'une flèche", test59): the symbols of
                # that name that open lines of the plan
                if (kind := next(filter(None, map(self.kind_of, reversed(m.group("words").split()))), None)) is None:
                    continue
                named = self.mark_names.get(_fold(m.group("name") or ""), "")
                for ch in _symbols(m.group("symbols") or "") or [c for c in named if re.search(rf"(?m)^\s*{re.escape(c)}\s", text)]:
                    found.setdefault(ch, kind)
        return found

    def leads_said(self, text: str) -> dict[str, str]:
        """The lead-ins a plan says announce a level's units, lead-in → kind: "la rubrique « Ce que nous visons »
        présente les objectifs" (structure/test60's transit plan, whose objectives are "◆ …" lines under it)."""
        return {_fold(m.group("phrase")): kind for m in self.leads_said_re.finditer(text)
                if (kind := self.kind_of(m.group("word"))) is not None}

    def codes_said(self, text: str) -> dict[str, str]:
        """The codes a plan's legend says stand for its levels, each as the text first prints it with its number → kind,
        as a catalog's ``numbered`` gives them: "OS : objectif stratégique (ex. : OS2)", "OO = objectif opérationnel",
        "des objectifs stratégiques (OS)" (test55's bio-food plan: headings "OS1 …", "OO1.1 …", rows "| A1.1.1 | …").
        A code counts when the text numbers two things or more with it, and the codes of two levels numbered alike
        ("OS1", "A1") say nothing."""
        said = self._codes_by_column(text)
        for m in _CODE_LEGEND_RE.finditer(text):
            words = (m.group("name") or m.group("before")).split()
            names = [" ".join(words[:n]) for n in range(len(words), 0, -1)] if m.group("name") else \
                [" ".join(words[-n:]) for n in range(len(words), 0, -1)]
            if (kind := next(filter(None, map(self.kind_of, names)), None)) is not None:
                said.setdefault(m.group("code") or m.group("after"), kind)
        found: dict[str, tuple[str, tuple[str, int]]] = {}  # the first code printed → its kind, its numbering's shape
        for code, kind in said.items():
            numbers = re.findall(rf"(?<![\w.-])({re.escape(code)}-?\d{{1,2}}(?:\.\d{{1,2}})*)(?![\w-])", text)
            if len(numbers) >= 2 and (probe := self.probe(numbers[0])) is not None:
                found[numbers[0]] = kind, (probe.scheme, probe.depth)
        kinds = Counter(shape for shape, _ in {(shape, kind) for kind, shape in found.values()})  # the levels per shape
        return {n: kind for n, (kind, shape) in found.items() if kinds[shape] == 1}

    def _codes_by_column(self, text: str) -> dict[str, str]:
        """The codes a table's column names the level of, code → kind: "| Objectif régional | Stratégies | Projets |" over
        "| 1. Réduire … | 1A – … | P-01 à P-06 |" (test56's circular-economy roadmap, its projects "P-01 …" in the body).
        A cell counts when it holds codes and nothing else but the words that join them ("à", "et", commas)."""
        said: dict[str, str] = {}
        header: list[str | None] | None = None
        for line in text.splitlines():
            if not line.startswith("|"):
                header = None
                continue
            cells = row_cells(line)
            if header is None:
                header = [self.kind_of(cell) for cell in cells]
                continue
            for kind, cell in zip(header, cells):
                if kind is not None and (codes := _CODE_CELL_RE.fullmatch(cell)):
                    said.setdefault(codes.group("code"), kind)
        return said

    def glossed(self, text: str) -> dict[str, str]:
        """The words a plan glosses with a level's name, each (folded, in the singular) → kind: "quatre grandes scènes
        stratégiques (nos axes)" → scène, grande, stratégique: axe. (Only the plan's own level words are looked up.)"""
        found: dict[str, str] = {}
        for m in _GLOSS_RE.finditer(text):
            if kind := self.kind_of(m.group("level") or m.group("said")):
                found.update((singular(_fold(word)), kind) for word in (m.group("words") or m.group("named")).split())
        return found

    def numbering_said(self, text: str) -> dict[str, str]:
        """The levels a plan says its numbers stand for, number → kind: "une disposition numérotée 1. énonce une
        orientation ; 1.1, un objectif ; 1.1.1, un moyen" (two numbers of different depths or more in one sentence), or
        "des objectifs numérotés (A.1, A.2, etc.)"."""
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ö])|\n", text):
            said = {m.group("number"): kind for m in self.numbering_re.finditer(sentence)
                    if (kind := self.kind_of(m.group("word")))}
            if len({n.count(".") for n in said}) >= 2 and len(set(said.values())) == len(said):
                return said
        # Or a level said to be numbered so, its first numbers in brackets: "des objectifs numérotés (A.1, A.2, etc.)"
        # (test54's university plan, whose objectives are coded by the letter of an unnamed sphere), or the range of its
        # numbers with their sign: "les initiatives, numérotées de #01 à #26" (test49's entrepreneurship plan).
        said = {}
        for m in self.numbered_as_re.finditer(text):
            if (number := m.group("number") or (m.group("sign") or m.group("prefix")) and m.group("first")) and (kind := self.kind_of(m.group("word"))):
                said[number] = kind
        return said

    def numbering_ranged(self, text: str) -> dict[str, str]:
        """The levels a plan says are numbered from one number to another, first number → kind: "déclinée en priorités,
        numérotées de 1 à 14" → {"1": "priorite"}. A weaker word than a legend's: a plan that labels its headings
        numbers what it says so anyway ("quatorze actions, numérotées de 1 à 14", the rows of its tables)."""
        return {m.group("first"): kind for m in self.numbered_as_re.finditer(text)
                if m.group("first") and (kind := self.kind_of(m.group("word")))}

    def discover(self, lines: list[str], contained: list[bool] | None = None, fielded: frozenset[int] = frozenset()) -> dict[str, str]:
        """The level words a plan uses that the grammar does not know, each with the kind its place among the plan's
        levels gives it: "Pilier 1 – …" holding "Engagement 1.1 – …" holding "Indicateur : …" lines. A word is one
        of the plan's levels when it heads lines with two numbers or more, and its headings hold another level's
        (1.1 under 1) or a unit's fields or list; it then takes the kind of its depth (``ladders``). ``fielded``: the
        lines that carry their own owner or date at their end, items of a list ("Offrir … (Service aux usagers — 2027)")."""
        seen: dict[tuple[str, str], list[tuple[int, str]]] = {}  # ("kind", objectif) or ("word", engagement) → lines
        unnamed: list[tuple[int, str]] = []  # numbered headings that name no level: "1.1 Renforcer …"
        legended: set[int] = set()  # … or whose level the plan's legend names
        fielded_words: set[str] = set()  # a field's word with a complement: "cible d'intervention"
        for i, line in enumerate(lines):
            if contained and contained[i]:
                continue  # a summary, an appendix, a table of contents: restatements
            if line.startswith("|"):
                # "| 1.1 Obtenir … | … |" under "Dossier 1 — …": a row numbered under an unknown word's heading
                cell = self.heading(row_cells(line)[0])
                if cell is not None and not cell.labelled and cell.scheme in ("decimal", "dotted"):
                    unnamed.append((i, cell.number))
                continue
            heading = self.heading(line)
            if heading is not None and heading.labelled and heading.number:
                seen.setdefault(("kind", heading.kind), []).append((i, heading.number))
                continue
            if heading is not None and heading.number and (said := self.numbered_kind(heading)):
                # "1A · Accroître …" where "deux objectifs, codés 1A, 1B, 2A": a level the plan's legend names (its
                # place among the plan's levels; what its units hold counts under the heading above them too)
                seen.setdefault(("kind", said), []).append((i, heading.number))
                legended.add(i)
                continue
            if heading is not None and heading.scheme in ("decimal", "dotted"):
                unnamed.append((i, heading.number))  # ("1-A Augmenter …" too, where the plan says its numbers are so)
            m = self.candidate_re.match(self.ordinal_first(line)) if heading is None and len(line) <= 200 else None
            word = _fold(m.group("word")) if m else ""
            # (Nor a level's word naming a unit of another: "Mesures de l'objectif 1.1" over that objective's table; nor
            # words about a unit, "Suivi de l'orientation 1" over its indicators.)
            # A complement without an article says what kind of thing the word is, not which unit it is about:
            # "Secteur d'intervention A" (test66's transit plan), "Cible d'intervention 1.1" (test54's CIUSSS plan).
            about = _ABOUT_RE.search(word)
            if about and re.fullmatch(r"(?:d['’]|de)\s*", about.group(0)[: -len(about.group(1))]):
                about = None
            # (Nor a field's word about a unit: "Indicateurs du cap 1" over the table of cap 1's indicators. A field's
            # word with a complement may name a level, "Cible d'intervention 1.1 – Faire rayonner …": it must then hold
            # another level, below.)
            label = bool(m and self.fields(word + " :"))
            if m and not label and (of := _FIELD_OF_RE.match(word)) and self.fields(of.group(1) + " :"):
                fielded_words.add(word)
            if m and not ({word, singular(word)} & self.not_levels or self.kind_of(word) or label
                          or word.split()[0] in _PREPOSITIONS  # "Pour l'objectif 1.1 :" names a unit, as a caption
                          or self.is_container(line) or self.lead_in(word)
                          or self.kind_of(word.split()[0]) and self.named_unit(line)
                          or about and self.kind_of(about.group(1))
                          or _VALUED_RE.match(m.group("title") or (lines[i + 1] if i + 1 < len(lines) else ""))):
                seen.setdefault(("word", word), []).append((i, m.group("number")))
        # The levels numbered under an unknown word without a word of their own ("1.1" under "Champ 1") are levels
        # of the plan too: they count in its depth, and take no kind here.
        tops = {n for key, occ in seen.items() if key[0] == "word" for _, n in occ}
        for i, number in unnamed:
            if any(number.startswith(top + ".") or number.startswith(top + "-") for top in tops):
                seen.setdefault(("depth", str(_number_depth(number))), []).append((i, number))

        def carried(occurrences: list[tuple[int, str]], marks: list[int]) -> set[str]:
            """The fields and lists (lead-ins) found under these headings, each before the next of ``marks``."""
            names: set[str] = set()
            for i, number in occurrences:
                # (The last heading's end is the first restatement after it, "Annexe A – Tableau synthèse …", test25's
                # ZIP plan: its rows are not that unit's.)
                end = next((j for j in marks if j > i), None) or next(
                    (j for j in range(i + 1, len(lines)) if contained and contained[j]), len(lines))
                for j, line in enumerate(lines[i + 1 : min(end, i + 30)], i + 1):
                    if (h := self.heading(line)) is not None and h.labelled:
                        break  # another level's heading, numbered or not ("Orientation : …"): what follows is its own
                    if h is not None and h.number and (h.scheme == "dotted" or under(h.number, number)):
                        # a unit's code ("O1 — Nos clientèles …") or a number under the heading's ("1a Réduire …" under
                        # "Cap 1", test59's transit plan): the heading holds units, and what follows is theirs
                        names.add("list")
                        break
                    if (self.lead_in(line) or line.endswith(":") and not self.fields(line) and len(line) <= LEAD_MAX
                            or _ITEM_START_RE.match(line) or line.startswith("|") and any(map(self.column_kind, row_cells(line)))):
                        names.add("list")  # "Moyens :", "How we will deliver:", "(i) …", "| Action | Porteur |": what follows is the items'
                        break
                    if line.startswith("|") and (row := self.field_row(row_cells(line))):
                        names.update(f.name for f in row)  # a fiche's table of fields, "| Porteur | Conseil … |"
                        continue
                    if j in fielded and not self.fields(line):
                        names.add("list")  # an item with its own fields: the lines after it may still be the heading's
                        continue
                    names.update(f.name for f in self.fields(line))
            return names

        def nests(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> bool:
            return any(under(nb, na) for _, na in a for _, nb in b)

        def restarts(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> bool:
            """Whether b's numbering starts again after each of a's headings ("Déterminant 4" / "Effet recherché A", "B",
            "Déterminant 7" / "Effet recherché A" …): b's level is under a's, though their numbers do not say so."""
            firsts = {next(((j, n) for j, n in b if j > i), None) for i, _ in a}
            return len(a) >= 2 and b[0][0] > a[0][0] and sum(f is not None and f[1] == b[0][1] for f in firsts) >= 2

        def numbered_under(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> bool:
            """Whether most of b's headings are numbered under the heading of a's before them ("1.2" after "1")."""
            below = [under(nb, last[1]) for j, nb in b if (last := next((x for x in reversed(a) if x[0] < j), None))]
            return sum(below) * 2 > len(b)

        words = {key: occ for key, occ in seen.items() if key[0] != "word" or len({n for _, n in occ}) >= 2 and _in_sequence(occ)}
        # (Nor words about another of the plan's own levels: "Suivi de l'engagement 1.1" over the indicator of
        # "Engagement 1.1 — …", test44's university plan.)
        own = {key[1] for key in words if key[0] == "word"}
        words = {key: occ for key, occ in words.items() if key[0] != "word"
                 or not ((about := _ABOUT_RE.search(key[1])) and {about.group(1), singular(about.group(1))} & own)}
        # (A line that only looks like a heading, its "number" the same each time, "TEXTE DE L'APPEL À L'ACTION (CVR,
        # 2015)" under each call, marks no unit's end.)
        marks = sorted(i for occurrences in words.values() for i, _ in occurrences)
        # (A word's headings hold what the units its plan's legend names hold, up to its next heading; theirs, their own.)
        word_marks = [i for i in marks if i not in legended]
        held = {key: carried(occ, word_marks if key[0] == "word" else marks) for key, occ in words.items()}
        # (A known level's word with an adjective or a complement, "Grand objectif A — …", needs no more evidence than
        # the word alone.)
        def groups(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> bool:
            """Whether a's headings (three at least) each head some of a known level's ("Ligne de défense 1 — …" over
            "Mesure 1 – …", "Mesure 2 – …", then "Ligne de défense 2 : …" over "Mesure 5 – …", test35), none before them."""
            starts = [i for i, _ in a]
            return (len(a) >= 3 and b[0][0] > starts[0]
                    and all(any(s < j < e for j, _ in b) for s, e in zip(starts, [*starts[1:], len(lines)])))

        words = {key: occ for key, occ in words.items() if key[1] not in fielded_words
                 or "list" in held[key] or any(nests(occ, other) or restarts(occ, other) for k, other in words.items() if k != key)}
        words = {key: occ for key, occ in words.items() if key[0] != "word" or held[key] or self._qualified_level(key[1])
                 or any(nests(occ, other) or nests(other, occ) or restarts(occ, other) or restarts(other, occ)
                        or groups(occ, other) for k, other in words.items() if k != key)}
        if not any(key[0] == "word" for key in words):
            return {}
        # A level's depth is that of its numbers ("1.1" under "1") where they nest in another level's; numbers that nest
        # in none ("Question centrale 6.2", a norm's clause over "Engagement 1" … "11") say nothing of it: its place is
        # then where it first appears, as is a level's whose numbering starts again under another's.
        nested = {key for key, occ in words.items()
                  if any(numbered_under(other, occ) or numbered_under(occ, other) for k, other in words.items() if k != key)}
        depth = {key: Counter(_number_depth(n) for _, n in occ).most_common(1)[0][0] if key in nested else 1
                 for key, occ in words.items()}
        for key, occ in words.items():
            if key not in nested:
                depth[key] += sum(restarts(other, occ) for k, other in words.items() if k != key)
        # A level numbered through the plan whose headings each stand under another level's ("FICHE 01" … "FICHE 22"
        # under each "Axe d'intervention I.1", test66's culture plan) is below it, wherever it first appears.
        above = {key: [k for k, other in words.items() if k != key and groups(other, occ)]
                 for key, occ in words.items() if key not in nested}
        for _ in words:
            for key, keys in above.items():
                depth[key] = max([depth[key], *(depth[k] + 1 for k in keys)])
        order = sorted(words, key=lambda key: (depth[key], words[key][0][0]))
        # A level whose units hold a list has the list's level under it.
        listed = any("list" in held[key] for key in order[-1:])
        ladder = self.ladders[min(len(order) + listed, len(self.ladders)) - 1]
        used = {name for kind, name in order if kind == "kind"}
        found: dict[str, str] = {}
        for pos, (tag, name) in enumerate(order):
            if tag != "word":
                continue
            low = max((self.ranks[n] for t, n in order[:pos] if t == "kind"), default=0)
            high = min((self.ranks[n] for t, n in order[pos + 1:] if t == "kind"), default=99)
            measured, assigned = bool(held[tag, name] & MEASURES), bool(held[tag, name] & _ASSIGNMENTS)
            said = self.assigned if assigned else self.measured if measured else None
            if said == self.assigned and "list" in held[tag, name]:
                said = None  # "Engagement 1 — …" over "Pour y parvenir, nous allons :" and its items, then "Porteur : …":
                # a unit holding a list of things to do is above them, whoever carries it (test35's university plan)
            if named := self._qualified_level(name):
                # A known level's word after an adjective ("Grande orientation 1 : …") or before its complement
                # ("Priorité de quartier 1 – …") is that level, whichever way the plan prints it ("GRANDE
                # ORIENTATION 2 — …" is read as the word alone).
                found[name] = named
                continue
            usual = self.on_top.get(singular(name)) if not pos else None
            fits = [k for k in (*([said] if said else []), *([usual] if usual else []), *ladder[min(pos, len(ladder) - 1):], *self.ranks)
                    if k not in used and low < self.ranks[k] < high]
            if fits:
                found[name] = fits[0]
                used.add(fits[0])
        return found

    def _qualified_level(self, name: str) -> str | None:
        """The known level a name of several words names: its last word after an adjective ("grand objectif"), or
        its first before a complement ("priorité de quartier"); a compound's, the same ("fiche-action"), but for a level
        under another ("sous-axe": its own level, not the axe's)."""
        words = re.split(r"[\s-]+", name)
        if words[0] in ("sous", "sub"):
            return None
        if len(words) > 2 and _NUMBER_SIGN_RE.fullmatch(words[-1]):
            words = words[:-1]  # "grand enjeu nº" (1, 2, 3): the sign before the number is no word of the level's
        return self.kind_of(words[-1]) or self.kind_of(words[0])

    def _counts(self, sentence: str) -> tuple[dict[str, int], list[re.Match[str]]]:
        """The levels a sentence counts, with their counts, and the counts' matches."""
        counts: dict[str, int] = {}
        counted = list(self.counted_re.finditer(sentence))
        for m in counted:
            kind = self.kind_of(m.group("plural").split("/")[0])
            if kind and kind not in counts:
                counts[kind] = _count_value(m.group("count"), self.number_values)
        return counts, counted

    def level_counts(self, text: str) -> dict[str, int]:
        """How many units of each level the plan says it has, from the sentence that counts the most levels ("le plan
        compte 4 orientations, 8 objectifs et 17 actions"); empty when no sentence counts two."""
        best: dict[str, int] = {}
        for line in text.split("\n"):
            for sentence in _SENTENCE_RE.split(line):
                counts = self._counts(sentence)[0]
                if len(counts) >= 2 and len(counts) > len(best):
                    best = counts
        return best

    def _counted_levels(self, text: str) -> tuple[str, ...]:
        """Levels counted in one sentence, whatever words join them ("quatre orientations, déclinées en douze
        objectifs et en trente et un moyens"), broadest first: a plan has fewer units of a broader level."""
        best: tuple[str, ...] = ()
        for line in text.split("\n"):
            for sentence in _SENTENCE_RE.split(line):
                counts, counted = self._counts(sentence)
                if len(counts) == 1:
                    # One level counted, the levels it is divided into named after it: "trois orientations, déclinées
                    # en objectifs puis en moyens" (not "… et un nombre limité d'actions").
                    levels = tuple(dict.fromkeys([*counts, *self._divided_into(sentence, counted[0].end())]))
                    if len(levels) >= 2 and len(levels) > len(best):
                        best = levels
                if len(counts) >= 2 and len(counts) > len(best):
                    best = tuple(sorted(counts, key=lambda k: counts[k]))  # stable: equal counts keep their order
        return best

    def _divided_into(self, sentence: str, start: int) -> list[str]:
        """The levels a sentence names, from start, as what a level is divided into: "… déclinées en objectifs puis en
        moyens", "… en objectifs, désignés par une lettre, qui regroupent au total 20 actions" (not "… et un nombre
        limité d'actions")."""
        return [kind for m in self.plural_re.finditer(sentence, start)
                if _DIVIDED_INTO_RE.search(sentence[: m.start()]) and (kind := self.level_named(m.group(0)))]

    def declared_levels(self, text: str) -> tuple[tuple[str, ...], str]:
        """What a plan says of its own levels, in order, and the section number it says it of:
        "Le plan compte deux axes, six objectifs et quatorze actions" → ((axe, objectif, action), "");
        "2 AXES/ORIENTATIONS, OBJECTIFS ET MOYENS" → ((axe, objectif, moyen), "2")."""
        if self.levels:
            return self.levels, ""
        best: tuple[tuple[str, ...], str] = ((), "")
        for line in text.split("\n"):
            for m in self.mention_re.finditer(line):
                # A declaration counts its levels ("3 axes d’intervention et 5 objectifs") or is a heading
                # of its own ("ORIENTATIONS, OBJECTIFS ET MOYENS"); "les enjeux et axes thématiques" is neither.
                parts = [p for p in _MENTION_SPLIT_RE.split(m.group(0)) if p.strip()]
                # Counted: one level at least comes with its number, the others at most with an article
                # ("trois orientations, des objectifs et des moyens").
                counted = any(self.count_re.match(p) for p in parts) and all(
                    self.count_re.match(p) or _ARTICLE_RE.match(p) or self.kind_of(p.split()[0]) for p in parts)
                if not counted and len(m.group(0)) < 0.6 * len(line.strip()):
                    continue
                kinds: list[str] = []
                for part in parts:
                    # A part names a level by all its words ("résultats attendus") or by one ("Priorités régionales").
                    name = _ARTICLE_RE.sub("", self.count_re.sub("", part.strip())).strip()
                    found = [self.level_named(name)] + [self.level_named(w.split("/")[0]) for w in _MENTION_WORD_RE.findall(name)]
                    kind = next((k for k in found if k), None)
                    if kind and kind not in kinds:
                        kinds.append(kind)
                if len(kinds) > len(best[0]):
                    numbered = re.match(r"^(\d{1,2})\s+\S", line.strip())
                    within = numbered.group(1) if numbered and m.start() <= numbered.end() + 1 else ""
                    best = (tuple(kinds), within)
        if not best[0]:
            # "Chaque orientation se décline en objectifs": the plan names two levels, one under the other.
            # and the levels it goes on to name: "…regroupe des résultats attendus, eux-mêmes déclinés en gestes".
            m = self.split_re.search(text)
            if m and (kinds := (self.level_named(m.group("above")), self.level_named(m.group("below")))) and all(kinds):
                sentence = _SENTENCE_RE.split(text[m.end():].split("\n", 1)[0], 1)[0]
                best = (tuple(dict.fromkeys([*kinds, *self._divided_into(sentence, 0)])), "")
        counted = self._counted_levels(text)
        return (counted, "") if len(counted) > len(best[0]) else best


def _count_value(count: str, values: dict[str, int]) -> int:
    """12 → 12, "trente et un" → 31, "vingt-deux" → 22."""
    return sum(int(w) if w.isdigit() else values.get(w, 0) for w in re.split(r"[\s-]+", _fold(count)) if w != "et")


# A lead-in's kind that is the level under its unit's, whatever that unit is ("Pour y arriver :", plan_grammar.toml).
UNDER = "under"
# The fields that measure a unit, and those that assign it to someone by a date.
MEASURES = frozenset({"indicateur", "cible", "base"})
_ASSIGNMENTS = frozenset({"responsable", "echeance"})
_LABEL_RE = re.compile(r"[^\W\d_][\w’' -]{1,40}\s:\s")  # a field's label, known or not, before its value
# The level word a phrase is about: "suivi de l'orientation", "bilan du chantier", "results of the goal".
_ABOUT_RE = re.compile(r"(?:\bde\s+l['’]\s*|\bd['’]\s*|\b(?:de la|du|des|de|of the|of)\s+)([^\W\d_]+)$")
# An enumerator that opens an item run into a line or a table cell: "(1) Réaliser …; (2) Soutenir …", "a) Administrer …
# b) Transmettre …".
RUN_IN_RE = re.compile(r"(?:^|(?<=[\s;,.]))\(?(\d{1,2}|[ivx]{1,4}|[a-z])\)\s+")  # "(1)", "a)", "(ii)"
# A line that opens an item of a list: "(i) …", "b) …", "- …".
_ITEM_START_RE = re.compile(r"^(?:\(?(?:[a-z]|[ivx]{2,5}|\d{1,2})\)\s|\d{1,2}°\s|[-–•▪➜▸►]\s)")
# A title that states a value after its words and a colon, "Demandes de service offertes en ligne : 12 → 40 (décembre
# 2026)" under "RC 1.1": a measure coded as the plan lists them (an OKR roadmap's key results, test53), no unit's.
_VALUED_RE = re.compile(r"[^\W\d_]{3}[^:]*?\s:\s*(?:\d|[<>≤≥→])")
# The verbs by which a plan says what a level is divided into: "Chaque axe se décline en objectifs", "… qui regroupent
# au total 20 actions".
_DIVIDED = (r"(?:se\s+décline\w*|se\s+divise\w*|se\s+subdivise\w*|se\s+décompose\w*|comprend\w*|comport\w*|regroupe\w*|"
            r"contien\w*|se\s+compose\w*|(?:est|sont)\s+(?:déclinée?s?|divisée?s?|subdivisée?s?|décomposée?s?)|"
            r"is\s+(?:divided|broken\s+down)\s+into|comprises|includes|contains)")
_DIVIDED_INTO_RE = re.compile(rf"(?:\ben|\b{_DIVIDED}\s+(?:\S+\s+){{0,3}}?)\s*$", re.IGNORECASE)
_FIELD_OF_RE = re.compile(r"([^\W\d_]+)\s+(?:du|des|de la|de l['’]|d['’])")  # "indicateurs du cap"
_NUMBER_SIGN_RE = re.compile(r"n[º°o]|no\.|num[ée]ro|#")  # the sign before a number, folded: "nº", "n°", "no"
_NUMBER_SIGN = r"n[oº°]\.?\s*"  # the same sign before a heading's number, as printed: "no 2", "n° 2", "nº 2"
_SIGNED = rf"(?:{_NUMBER_SIGN}|#\s?)"  # … or a hash: "Dossier #1", "| #01 |"
# A caption before a line's fields: a word ("Suivi — Indicateur : …"), or a capitalised few ("Mise en œuvre — Responsable :
# …"; not the end of a sentence carried onto the line: "of the registration deadline — Lead: …").
_KICKER_RE = re.compile(r"([^\W\d_][^\W\d_’']{1,30}?|[A-ZÀ-ÞŒ][^\W\d_’']{1,30}?(?: [^\W\d_’']{1,30}?){1,5})\s+[–—]\s+")
# A code of a letter and numbers: "R1", "A-1", "A-1-2"; or of a number and a letter: "1A", "1A.1".
_LETTERED_CODE_RE = re.compile(rf"[A-Z]{{1,3}}-?\d{{1,2}}(?:-\d{{1,2}})*|{NUMBER_LETTER}(?:\.\d{{1,2}})*")
# A number with a small letter run on, the letter ranking units under the number's ("1a", "1b": dimension 1's
# objectives, test41); not an ordinal ("2e Forum …").
_SUB_LETTERED_RE = re.compile(r"\d{1,2}[a-df-z]")
# Anything in brackets closing a line: left out of its length ("[1.1] Ajouter … [DSI · 2026]").
TRAILING_BRACKET_RE = re.compile(r"\s*\[[^\[\]]*\]$")
_SENTENCE_RE = re.compile(r"(?<=[.;!?])\s+")
_BARE_NUMBER_RE = re.compile(rf"^(?:{_DOTTED}|{_TAGGED}|{PLACE_CODE}|{_DECIMAL}|{_ROMAN}|[A-Za-z])[.)]?$")


_ZERO_TAIL_RE = re.compile(r"(?<=\d)\.0$")  # "1.0": the top level's number in a plan numbered 1.0, 1.1, 1.1.1
_PERIOD_RE = re.compile(rf"^(?:FY\s?|AF\s?|(?:en|d[’']ici|horizon|in|by)\s+)?({_YEARS})$", re.IGNORECASE)
# An indicator and its target after a dash: "Share of programs reviewed — 100% by 2029".
_INDICATOR_TARGET_RE = re.compile(r"^(?P<indicator>.*?[^\W\d_].*?)\s+[–—]\s+(?P<target>[+-]?\d.*)$")
# An owner with its date after a comma, under one label: "Porteur : Urbanisme, 2026", "Qui : la DG, printemps 2027",
# "Porteur : Direction du réseau ; d'ici l'été 2026" (session 42's newcomer check; words of a date are in lower case).
_OWNER_WHEN_RE = re.compile(rf"^(?P<who>.*?[^\W\d_].*?)\s*[,;]\s*(?P<when>(?:[^\W\d_]+\s+)?{_YEARS}|(?:[a-zà-ÿ][\w’'-]*\s+){{2,3}}{_YEARS})$")


def _targeted(fields: list[Field]) -> list[Field]:
    """Fields with an indicator's target after a dash given as its target, when the line gives none of its own:
    "Measure of success: Share of programs reviewed — 100% by 2029 (41% in 2024)"."""
    if any(f.name == "cible" for f in fields):
        return fields
    for i, f in enumerate(fields):
        if f.name == "indicateur" and (m := _INDICATOR_TARGET_RE.match(f.value)):
            return [*fields[:i], Field(f.name, m.group("indicator"), f.year), Field("cible", m.group("target"), f.year),
                    *fields[i + 1 :]]
    return fields


def _dated(fields: list[Field]) -> list[Field]:
    """Fields with an owner's trailing date given as its deadline, when the line gives none of its own."""
    if any(f.name == "echeance" for f in fields):
        return fields
    for i, f in enumerate(fields):
        if f.name == "responsable" and (m := _OWNER_WHEN_RE.match(f.value)):
            return [*fields[:i], Field(f.name, m.group("who"), f.year), Field("echeance", m.group("when")), *fields[i + 1 :]]
    return fields


def period(text: str) -> str | None:
    """A table header that is only a year or a period ("2026", "2023-2024", "FY2030", "En 2029"), that year; None
    otherwise."""
    m = _PERIOD_RE.match(text.strip())
    return m.group(1) if m else None


def number_key(number: str) -> tuple[tuple[str, int], ...]:
    """A number as it sorts among its level's: "6.4" after "6.2", "R3" after "R1", "B" after "A"."""
    parts = re.findall(r"([^\W\d_]*)(\d*)", number)
    return tuple((letters.upper(), int(digits) if digits else 0) for letters, digits in parts if letters or digits)


def _number_depth(number: str) -> int:
    """How deep a number sits among the plan's: 1.2 → 2, "1-A" → 2, "1A" → 2 (an objective of part 1, test51's children's
    centre)."""
    return number.count(".") + number.count("-") + 1 + bool(re.fullmatch(NUMBER_LETTER, number))


def _in_sequence(occurrences: list[tuple[int, str]]) -> bool:
    """Whether headings are numbered as a level's are: each after the one before, or starting again at the first
    ("Effet recherché A, B, A, B, C"), in at least three pairs of four; not "ODD 16, 12, 8, 12" (goals a unit serves). A
    number printed again right after itself names the same unit again ("Cap 1 ▸ Semer …" then "Cap 1 ▸ Initiatives #01
    à #05" over its initiatives, test49's entrepreneurship plan)."""
    printed = [n for _, n in occurrences]
    numbers = [n for k, n in enumerate(printed) if k == 0 or n != printed[k - 1]]
    pairs = list(zip(numbers, numbers[1:]))
    ordered = sum(number_key(b) > number_key(a) or b == numbers[0] for a, b in pairs)
    return ordered * 4 >= len(pairs) * 3


def under(number: str, above: str) -> bool:
    """``number`` is numbered under ``above``: 1.2 under 1, 2.1.3 under 2.1, A1 under A, AC1 under AC, 3a and 3B under 3, A1.1-2
    under A1.1; 1.2 under 01 (a padded number) and under 1.0; 1110 under 1100 (place-value codes)."""
    if re.fullmatch(PLACE_CODE, number) and re.fullmatch(PLACE_CODE, above):
        return number != above and number.startswith(above.rstrip("0"))
    above = _ZERO_TAIL_RE.sub("", above)
    above = above.lstrip("0") if above.isdigit() else above
    return bool(number and above) and (
        number.startswith((above + ".", above + "-"))
        or above.isalpha() and above.isupper() and number[: len(above)] == above and number[len(above):].isdigit()
        or above.isdigit() and number[: len(above)] == above and len(number) == len(above) + 1 and number[-1].isalpha())


def row_cells(line: str) -> list[str]:
    """The cells of a pipe row ("| Action | Porteur |" → ["Action", "Porteur"])."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


def bare_number(text: str) -> str | None:
    """A table cell that is only a unit's number ("1.1.1", "IV.", "a)", "n° 1"), the number; None otherwise. A note's mark
    after it is not part of it ("1.2.3*": an action added after the consultation)."""
    text = re.sub(rf"^{_SIGNED}(?=\d)", "", text.strip().rstrip("*†‡ "))  # "| n° 1 | …": the number its sign
    if text[-1:] == "°" and text[:-1].isdecimal():
        return text[:-1]  # "| 1° | Direction … |": a paragraph's number as the law prints it
    if text in _CIRCLED:
        return _CIRCLED[text]
    return text.rstrip(".)") if _BARE_NUMBER_RE.match(text) else None


_CITATION_RE = re.compile(r"\((?:19|20)\d{2}\)|\[En ligne\]|https?://")
_ARTICLE_RE = re.compile(r"^(?:des|les|de|d[’']|ses|leurs|plusieurs|quelques)\s*", re.IGNORECASE)
# The words joining the names of a table header's column ("Objectifs et actions", "Indicateur / cible").
_HEADER_NOTE_RE = re.compile(r"\s+\(([^()]*)\)\s*$")
_HEADER_SPLIT_RE = re.compile(r"\s*(?:,|/|&|\+|\bet\b|\band\b|\bou\b|\bor\b)\s*", re.IGNORECASE)


def _header_parts(header: str) -> list[str]:
    """A table header's parts, between the words and signs that join them ("Indicateur et cible", "Projet ou action")."""
    return [p.strip() for p in _HEADER_SPLIT_RE.split(header) if p.strip()]


_MENTION_SPLIT_RE = re.compile(r"\s*(?:,\s*(?:et|and)?|\bet\b|\band\b)\s*", re.IGNORECASE)
_MENTION_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*(?:/[^\W\d_][\w’'\-]*)?")


_LINKS = frozenset({"d", "de", "des", "du", "la", "le", "l", "of", "the"})  # words initials leave out


def _initials(word: str) -> str:
    """A level name's initials: "objectif spécifique" → "OS", "moyen d’action" → "MA", "mesure" → "M"."""
    return "".join(w[0] for w in re.split(r"[\s’'-]+", word) if w and w not in _LINKS).upper()


# Words that open a line naming a unit rather than a level's word: "Pour l'objectif 1.1 :", "For objective 2:".
_PREPOSITIONS = frozenset({"pour", "for", "sous", "under", "dans", "in", "de", "du", "des", "of", "au", "aux", "à", "to"})
# Words glossed by a level's name in parentheses: "scènes stratégiques (nos axes)", "chantiers (our goals)".
_GLOSS_RE = re.compile(r"(?P<words>(?:[^\W\d_][\w’'-]*\s+){1,3})\((?:nos|les|des|ses|leurs|our|the)\s+(?P<level>[^\W\d_]+)\)"
                       # or after "qui sont": "en quatre actes, qui sont nos grandes orientations" (test54's theatre)
                       r"|(?P<named>[^\W\d_][\w’'-]*),\s+qui\s+sont\s+(?:nos|les|ses|leurs)\s+(?:[^\W\d_]+\s+)?(?P<said>[^\W\d_]+)\b",
                       re.IGNORECASE)
_DEGREE_RE = re.compile(r"^([^\W\d_][\w’'-]*\s+\d{1,2})°(?=[\s.:–—-])")  # "Fonction 1°", "Exigence 5°.": as the law numbers


def singular(words: str) -> str:
    """Each word of a plural name in the singular: "objectifs spécifiques" → "objectif spécifique"."""
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in words.split(" "))


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("'", "’").split())


def _shape(number: str) -> str:
    """A number's shape, its digits and capitals standing for any: "1-A" and "2-C" are "9-A"."""
    return re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", number))


def _scheme(number: str) -> str:
    if not number:
        return ""
    if number[0].isdigit():
        if re.fullmatch(PLACE_CODE, number):
            return "place"
        return "padded" if len(number) == 2 and number.startswith("0") else "decimal"
    if "." in number or "-" in number or re.match(r"[A-Z]{1,3}\d", number):
        return "dotted"
    if re.fullmatch(_ROMAN, number) and (len(number) > 1 or number == "I"):
        return "roman"  # a lone "I" is read as roman; the reader makes it a letter where no "II" follows
    return "upper" if number.isupper() else "lower"


def _titled(number: str, sep: str, title: str, plural: bool, word: str) -> bool:
    """Whether a line opening with a level word is a heading rather than a sentence about one."""
    if title and title[0].islower() and not sep:
        return False  # "Mesure 12 prévoit …"
    if title.endswith(";") or title[:1].islower() and title.endswith("."):  # (a comma may end a line a title wraps)
        return False  # "Priorité 1 : action essentielle, amorcée dès 2025-2026;": an item of a legend
    if title and not sep and not any(c.isalpha() for c in title):
        return False  # "Axe 1 15 14": a table's row of figures read out of its PDF, no heading
    if number:
        return not plural or bool(sep)
    if plural:
        return False  # "Les orientations", "Moyens :": a section title or a lead-in, not a unit
    # No number: a level word of several words ("Axe d’intervention …", "ORIENTATION STRATÉGIQUE"), or a
    # singular word with a separator and a title ("Objectif : Accroître …"); not a table header ("OBJECTIF").
    return len(word.split()) > 1 or (sep in (":", "–", "—") and bool(title))


def _clean_title(title: str) -> str:
    return title.strip(" :.–—-|→").strip()


@cache
def _shared() -> dict:
    with _GRAMMAR_PATH.open("rb") as f:
        return tomllib.load(f)


def _compile(structure_key: str) -> Grammar:
    import json

    data = _shared()
    structure = json.loads(structure_key)
    word_kind = {_fold(w): kind for kind, spec in data["levels"].items() for w in (*spec["words"], *spec.get("headings_only", ()))}
    # The plan's own level words ("structure": {"words": {"engagement": "objectif"}}), named by its catalog entry
    # or found in its text (``Grammar.discover``).
    word_kind.update({_fold(w): kind for w, kind in structure.get("words", {}).items()})
    plurals = {_fold(p): _fold(w) for p, w in data["plurals"].items()}
    ranks = {kind: spec["rank"] for kind, spec in data["levels"].items()}
    # A word in the singular, or an irregular plural ("strategies"): the regular ones add -s or -x.
    words = _alternation([*word_kind, *plurals])
    # A number in words before a separator: "Pillar One:", "PRIORITÉ DEUX –".
    cardinal = rf"(?:{_alternation(list(data['numbers']['values']))})(?=\s*[:–—.|-])"
    number = rf"{_SIGNED}?(?P<number>\d \d(?=\s[{_UPPER}])|{_DOTTED}|{_TAGGED}|{PLACE_CODE}|{_DECIMAL}|{_ROMAN}\b|{cardinal}|[A-Za-z](?=\s*[.:)–—·|{ARROWS}-]|\s*$)|(?-i:[A-ZÀ-Þ]{{2,6}})(?=\s*[.:|–—-]\s))(?!\d)"
    heading_re = re.compile(
        rf"^(?:L[’']\s?)?(?P<word>(?:{words})(?:s|x)?)(?![\w’'])"
        # An adjective between the word and its number or its separator: "Priorité régionale no 2", "Mesure phare 3",
        # "Axe transversal 4", "Dimension sociale : …" (but a participle before a separator makes a label: "Objectif visé :").
        # (in lower case, or in capitals after a word in capitals; never another level's word: "Orientation Objectifs 1.";
        # nor a code of three or four capitals, a number: "Chantier BAT – …", "CHANTIER FLO — …", test41; nor one of five
        # after a word in small letters: "Enjeu QUANT – …", test54's watershed plan)
        rf"(?:\s+(?!(?:{words})(?:s|x)?\b)(?!(?:{_ROMAN}|{_TAGGED})\s|{cardinal})(?P<adjective>(?-i:[a-zà-ÿ][\w’'-]{{2,}}|(?<=[A-ZÀ-Þ]\s)[A-ZÀ-Þ][A-ZÀ-Þ’'-]{{4,}}))(?=\s+{_SIGNED}?\d|(?<!é)(?<!ée)(?<!és)(?<!ées)(?<![^q]u)(?<![^q]ue)(?<![^q]us)(?<![^q]ues)\s+[–—:]\s))?"
        # The plan a number belongs to may follow it, before the separator: "Orientation 1 du PS — …" in an annual plan.
        # Or its rank among them: "Orientation 1 de 4".
        rf"(?:\s+{number}(?:\s+(?:du|de\s+la|de\s+l[’']|of\s+the)\s+[^\s–—:|]+(?:\s+[^\s–—:|]+){{0,2}}(?=\s*[–—:|]\s)"
        rf"|\s+(?:de|sur|of)\s+\d{{1,2}}(?=\s*$|\s*[–—:|]\s))?)?"
        rf"\.?\s*(?P<sep>[–—:|{ARROWS}·-](?!\d)|(?<=\d)\.)?\s*(?P<title>.*)$",
        re.IGNORECASE,
    )
    numbered_re = re.compile(
        rf"^#?(?P<number>{_DOTTED}|{_TAGGED}|{PLACE_CODE}|{_DECIMAL}|{_ROMAN}|[A-Z]|[a-z](?=\)))(?P<sep>\.|\)|\s*[–—:|{ARROWS}·-](?=\s))?\s+(?P<title>[{_UPPER}«\"].*)$"
    )
    field_names = {_fold(w): name for name, forms in data["fields"].items() for w in forms}
    # A label may carry the date it is for: "Cible 2030", "Cible au 31 mars 2027", "Target by 2028".
    # Or a period of the year: "Cible P13 2025-2026" (a health network's financial period), "Cible T2 2027".
    dated = rf"(?:(?:\d{{1,2}}(?:er)?\s+)?[^\W\d_]+\s+|(?-i:[PTQS])\d{{1,2}}\s+)??{_YEARS}"
    # Or its number among the unit's labels of that field: "Indicateur 2 :", "Key Performance Indicator 1:", "Cible 1.2 :"
    # (action 1's second target).
    # The label may say it can be several: "Cible(s) :", "Indicateur(s) :".
    qualified = rf"(?:\s+(?:{_alternation(data['field_qualifiers']['words'])}))?"
    # Or the level it is given for: "Porteuse de l'axe :", "Budget de l'objectif :" (test54's school of lutherie).
    whose = rf"(?:\s+(?:de\s+l[’']\s*|du\s+|de\s+la\s+|of\s+the\s+)(?:{words}))?"
    field_re = re.compile(rf"(?:^|(?<=[\s|(]))(?P<label>{_alternation(list(field_names))})(?:\((?:s|x)\))?{qualified}{whose}(?:\s+\d{{1,2}}(?:\.\d{{1,2}})?(?![\d.,]))?"
                          rf"(?:\s+(?:(?:au|en|pour|d[’']ici|by|at|for)\s+)?(?P<year>{dated}))?(?:\s*\((?P<bracketed>{_YEARS})\)|\s*\([^)]*\))?(?:\s*:\s*|\s+\?\s+(?!:))",
                          re.IGNORECASE)  # (a label may ask its question: "Qui ? … · Quand ? 2026 · Combien ? 60 000 $")
    lead_forms = [w for kind in data["lead_ins"]["kinds"] for w in data["levels"][kind]["words"]]
    lead_words = _alternation([*lead_forms, *(p for p, w in data["plurals"].items() if w in lead_forms)])
    # Levels announced only in the plural ("Objectifs spécifiques :" over its items; "Résultat visé" alone captions the
    # fields below it): each word of their names takes its -s.
    several_only = _alternation([" ".join(part if part.endswith(("s", "x")) else part + "s" for part in w.split())
                                 for kind in data["lead_ins"]["plural_only"] for w in data["levels"][kind]["words"]])
    any_number, plural = rf"(?:{lead_words})s?|{several_only}", rf"(?:{lead_words})s|{several_only}"
    qualifiers = _alternation(data["lead_ins"]["qualifiers"])
    determiners = _alternation(data["lead_ins"]["determiners"])
    # Qualifiers come after the word in French ("Actions prévues") and before it in English ("Key actions").
    following = _alternation(data["lead_ins"]["following"])
    # Or a sentence that ends by announcing them: "… mettra en œuvre les moyens suivants :", "… the following actions:".
    # Or a short line ending on a colon that names them in the plural among other words: "Gestes structurants :",
    # "Nos gestes :", "Our key actions:" (one word after them at most, and no verb).
    # A line that opens in lower case goes on with the line above ("… participent à nos" / "activités").
    count = rf"(?:\d{{1,3}}|{_alternation(list(data['numbers']['values']))})"
    lead_in_re = re.compile(rf"^(?-i:(?![a-zà-ÿ]))(?:(?:{determiners})\s+)?(?:(?:{qualifiers})\s+)*(?P<word>{any_number})(?:\s+(?:{qualifiers}))*(?:\s+{_YEARS})?\s*:?$"
                            rf"|^(?-i:(?![a-zà-ÿ]))(?:[^\W\d_][\w’'-]*\s+){{0,2}}(?P<other>{plural})"
                            rf"(?:\s+(?![\w’'-]*(?:ent|ont)\b)[^\W\d_][\w’'-]*)?\s*:$"  # not a verb: "Ces actions visent :"
                            # Or the plural and one adjective, alone on a line of its own: "Actions collectives" (not
                            # a title's end wrapped onto its own line: "… dans les" / "projets résidentiels").
                            rf"|^(?-i:(?=[A-ZÀ-Þ]))(?P<bare>{plural})\s+(?![\w’'-]*(?:ent|ont)\b)[a-zà-ÿ][\w’'-]*$"
                            # Or, in English, a compound adjective before the plural, alone on its line: "Board-wide
                            # strategies" (structure/test59's school board), "System-wide actions", "School-based measures".
                            rf"|^(?-i:(?=[A-Z]))[A-Za-z]+-[a-z]+\s+(?P<eng>{any_number})(?<=s)$"
                            # Or the plural then whose they are, on a short line ending on a colon: "Actions de la MRC :",
                            # "Actions proposées aux municipalités locales :" (no verb: "Ces actions visent à :").
                            rf"|^(?-i:(?=[A-ZÀ-Þ]))(?P<whose>{plural})\s+(?![^:]*\b[\w’'-]+(?:ent|ont)\b)[^:.;]{{2,{_WHOSE_MAX}}}\s:$"
                            rf"|\b(?:(?:les|des|ces)\s+(?P<fr>{any_number})\s+(?:{following})"
                            rf"|the\s+(?:{following})\s+(?P<en>{any_number})"
                            # Or counted at a sentence's end: "Cet axe poursuit deux objectifs :" (structure/test60's office).
                            rf"|(?:{count})\s+(?P<counted>{plural}))\s*:$",
                            re.IGNORECASE)
    # A container heading may carry the document's own section number and an article: "VII. SUMMARY", "5 – Annexe",
    # "4. Le tableau synoptique".
    numbered = rf"^(?:(?:{_ROMAN}|\d{{1,2}})\s*[.):–—-]\s*)?"
    defines = data["containers"]["defines"]
    container_re = re.compile(rf"{numbered}(?:(?:le|la|les|l[’']|the)\s*)?(?:{_alternation([*data['containers']['words'], *defines])})\b",
                              re.IGNORECASE)
    plan_annex_re = re.compile(rf"{numbered}(?:annexe|appendix|annex)\s*(?:{_ROMAN}|\d{{1,2}}|[A-Z])?\s*[.:–—-]?\s*"
                               rf"(?:(?:le|la|the)\s+)?(?:{_alternation(data['containers']['plans'])})\b", re.IGNORECASE)
    irregular = _alternation(list(plurals))
    # In the plural: "objectifs", "axes", and a name of several words plural in its first ("champs d’action").
    several = _alternation([w.split(" ", 1)[0] + "s " + w.split(" ", 1)[1] for w in word_kind if " " in w])
    one = rf"(?:(?:{words})(?:s|x)|{several}|{irregular})"
    plural = rf"{one}(?:/{one})?"
    mention = rf"(?:(?:{count}|des|les|ses|leurs)\s+)?{plural}(?:\s+(?!(?:et|and)\b)[a-zà-ÿ’']+)?"
    mention_re = re.compile(rf"\b{mention}(?:\s*(?:,\s*(?:et|and)?|\bet\b|\band\b|/)\s*{mention})+", re.IGNORECASE)
    return Grammar(
        ranks=ranks,
        children={kind: spec["child"] for kind, spec in data["levels"].items() if "child" in spec},
        alone={kind: spec["alone"] for kind, spec in data["levels"].items() if "alone" in spec},
        word_kind=word_kind,
        heading_re=heading_re,
        numbered_re=numbered_re,
        field_re=field_re,
        field_names=field_names,
        dashed_field_re=re.compile(rf"^(?P<label>{_alternation(data['dashed_fields']['labels'])})\s+[–—]\s+(?-i:(?=[A-ZÀ-Þ\d«]))", re.IGNORECASE),
        field_word_re=re.compile(rf"^(?:{_alternation(list(field_names))})(?:s|x)?\b", re.IGNORECASE),
        # (or said to be coded in words before the brackets: "des objectifs codés par son numéro et une lettre (1-A,
        # 1-B, etc.)", structure/test60's sports federation, whose objectives are "1-A Augmenter …" with no level word)
        leads_said_re=re.compile(rf"«\s*(?P<phrase>[^»\n]{{3,60}}?)\s*»\s+(?:présente|énumère|regroupe|liste|rassemble|"
                                 rf"précise|décrit|annonce)n?t?\s+(?:les|ses|leurs)\s+(?P<word>{words})", re.IGNORECASE),
        # (or the codes right after the word, without brackets: "en objectifs codés A-1, A-2, etc., et chaque objectif
        # en moyens d'action codés A-1.1, A-1.2, etc.", structure/test61's cégep)
        # (or the range of its numbers: "déclinée en priorités, numérotées de 1 à 14 de façon continue", test24's city;
        # of codes, their letters the same at both ends: "des résultats visés, numérotés de R1 à R9", test64's perinatal plan)
        numbered_as_re=re.compile(rf"\b(?P<word>{words})(?:s|x)?,?\s+(?:(?:numérot|désign|identifi|cod)ée?s?|(?:number|identifi|cod|label)l?ed)(?:\s+[^\W\d_]+){{0,6}}\s+(?:\(?\s*"
                                  rf"(?P<number>(?-i:(?:[A-Z]|\d{{1,2}})(?:\.\d{{1,2}}){{1,3}}|\d{{1,2}}[-.]?[A-Z]|[A-Z]-\d{{1,2}}(?:\.\d{{1,2}}){{0,2}}))"
                                  rf"\s*[,)]|de\s+(?P<sign>#\s?)?(?P<first>\d{{1,2}}|(?-i:(?P<prefix>[A-Z]{{1,3}})?\d{{1,2}}|[A-Z]))\s+à\s+#?\s?(?(prefix)(?P=prefix))(?:\d{{1,2}}|(?-i:[A-Z]))\b)", re.IGNORECASE),
        numbering_re=re.compile(rf"(?<![\w.])(?P<number>\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})\.?,?\s+(?:[^\W\d_]+\s+)?"
                                rf"(?:une?|les?|la|l[’']|a|an|the)\s*(?P<word>{words})\b", re.IGNORECASE),
        reference_re=re.compile(rf"(?i:\b(?P<word>{words}))\s+(?:{_NUMBER_SIGN})?"
                                rf"(?P<number>{_DOTTED}|{_DECIMAL}|{_ROMAN}|[A-Z]|(?i:{_alternation(list(data['numbers']['values']))}))(?![\w.])"),
        lead_in_re=lead_in_re,
        # (A column's level word may take a complement in lower case, "Mesure d'adaptation", "Actions de communication",
        # or name the plan's own holder, "Action du Ministère"; not "Objectifs du PEVR", a column of another plan's references.)
        qualified_re=re.compile(rf"^(?:(?:{qualifiers})\s+)*(?P<word>(?:{words})(?:s|x)?)(?:\s+(?:{qualifiers}))*"
                                rf"(?:\s+(?:d[’']\s?|de\s+|du\s+|des\s+)(?-i:[a-zà-ÿ])[\w’'-]*(?:\s+(?-i:[a-zà-ÿ])[\w’'-]*){{0,8}}"
                                rf"|\s+(?:de\s+la\s+|de\s+l[’']\s?|du\s+)(?:{_alternation(data['lead_ins']['holders'])}))?"
                                rf"(?:\s+{_YEARS})?$", re.IGNORECASE),
        container_re=container_re,
        plan_annex_re=plan_annex_re,
        excluded_re=re.compile(rf"{numbered}(?:(?:le|la|les|l[’']|the)\s*)?(?:{(excluded := _alternation(data['containers']['excluded']))})\b|\b(?:{excluded})$",
                               re.IGNORECASE),
        # The whole line: "Sommaire" is a table of contents, "Sommaire en français" a summary (a container).
        contents_re=re.compile(rf"^(?:{_alternation(data['containers']['contents'])})\s*:?$", re.IGNORECASE),
        defines_re=re.compile(rf"{numbered}(?:{_alternation(defines)})\b", re.IGNORECASE),
        mention_re=mention_re,
        plural_re=re.compile(rf"\b(?:{plural})\b", re.IGNORECASE),
        count_re=re.compile(rf"^{count}\s", re.IGNORECASE),
        counted_re=re.compile(rf"\b(?P<count>{count}(?:[\s-]+(?:et[\s-]+)?{count})*)\s+(?:[^\W\d_]+\s+)?(?P<plural>{plural})\b",
                              re.IGNORECASE),
        number_values={_fold(w): v for w, v in data["numbers"]["values"].items()},
        ordinal_re=re.compile(rf"^(?P<ordinal>{_ORDINAL}|{_alternation(list(data['numbers']['ordinals']))})"
                              rf"\s+(?P<word>[^\W\d_][\w’'-]*(?:\s+(?:d[’']\s?|de\s+|des\s+|du\s+)?[^\W\d_][\w’'-]*){{0,2}}?)"
                              rf"\s*(?P<rest>(?:[–—:|.-]\s.*)?)$", re.IGNORECASE),  # "1re orientation" alone: its title below
        split_re=re.compile(
            rf"\b(?:chaque|chacune?\s+des|each)\s+(?P<above>(?:{words})(?:s|x)?)\b[^.]{{0,80}}?\b"
            rf"{_DIVIDED}\s+(?:en\s+|into\s+)?(?:\S+\s+){{0,3}}?(?P<below>(?:{words})(?:s|x)?)\b",
            re.IGNORECASE,
        ),
        levels=tuple(structure.get("levels", ())),
        numbered=dict(structure.get("numbered", {})),
        numbered_shapes=frozenset(map(_shape, structure.get("numbered", {}))),
        lists=dict(structure.get("lists", {})),
        plurals=plurals,
        means_re=re.compile(rf"(?:(?:{determiners})\s+)?[A-ZÀ-Þ][a-zà-ÿ’'-]+[sx]\s+(?:{_alternation(data['lead_ins']['means_qualifiers'])})"),
        lead_phrases={_fold(p): kind for p, kind in {**data["lead_ins"]["phrases"], **structure.get("leads", {})}.items()},
        lead_endings={_fold(p): kind for p, kind in data["lead_ins"]["endings"].items()},
        target_sentence_re=re.compile(rf"(?:^|(?<=[.!?]\s))(?:{_alternation(data['targets']['sentences'])})\b[^.!?]*\d[^.!?]*",
                                      re.IGNORECASE),
        number_headers=frozenset(_fold(h).strip(" .:") for h in data["tables"]["number_headers"]),
        ratings=frozenset(_fold(w) for w in data["tables"]["ratings"]),
        candidate_re=re.compile(
            rf"^(?P<word>[{_UPPER}][\w’'-]*(?:\s+(?:d[’']\s?|de\s+|des\s+|du\s+)?[^\W\d_][\w’'-]*){{0,2}}?)\s+"
            rf"{_SIGNED}?"  # "Dossier no 1", "Dossier #1" (test48's student association)
            rf"(?P<number>{_DOTTED}|{_TAGGED}|\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}(?![\d.]\d)|{_ROMAN}\b|(?!(?:DE|DU|DES|LA|LE|LES|UN|UNE)\b)[A-Z]{{1,3}}\b(?!\.[A-Z])|[ivx]{{1,4}}\b(?=\s*{_SEPARATORS}))\.?\s*"
            rf"(?:{_SEPARATORS}\s*)?(?P<title>[{_UPPER}«\"].{{3,}})?$"),  # no title: "AMBITION 01", its title on the next line; "Alinéa ii — …"; not "GV" of "Catégorie GV.RR – …" (test32)
        not_levels=frozenset(_fold(w) for w in data["discovered"]["not_levels"]),
        # (A word the plan's catalog entry names is a level wherever it stands.)
        columns_only={_fold(w): kind for kind, spec in data["levels"].items() for w in spec.get("columns_only", ())},
        headings_only=frozenset(_fold(w) for spec in data["levels"].values() for w in spec.get("headings_only", ()))
        - {_fold(w) for w in structure.get("words", {})},
        ladders=tuple(tuple(ladder) for ladder in data["discovered"]["ladders"]),
        on_top={_fold(w): kind for w, kind in data["discovered"]["on_top"].items()},
        mark_names={_fold(name): symbols for name, symbols in data["marks"].items()},
        measured=data["discovered"]["measured"],
        assigned=data["discovered"]["assigned"],
    )


_compiled = cache(_compile)


def grammar(structure: dict | None = None) -> Grammar:
    """The grammar for a plan whose catalog entry has ``structure`` (or none)."""
    import json

    return _compiled(json.dumps(check_structure(structure or {}), sort_keys=True))


def roman_value(text: str) -> int:
    """The value of a roman numeral ("IV" → 4, "xii" → 12); 0 for any other text."""
    digits = [{"i": 1, "v": 5, "x": 10, "l": 50}.get(c, 0) for c in text.casefold()]
    if not digits or 0 in digits:
        return 0
    return sum(-d if d < after else d for d, after in zip(digits, [*digits[1:], 0]))


def spelled(word: str) -> int | None:
    """The value of a number written in words or as an ordinal: "One" → 1, "trois" → 3, "1er" → 1, "3e" → 3."""
    key = _fold(word)
    m = re.fullmatch(_ORDINAL, key)
    numbers = _shared()["numbers"]
    return int(m.group(1)) if m else {**numbers["values"], **numbers["ordinals"]}.get(key)


@cache
def rank_pattern() -> str:
    """A rank, in figures or in words: "2e", "1re", "3rd", "quatrième", "third" (a regular expression)."""
    return rf"(?:{_ORDINAL}|{_alternation(list(_shared()['numbers']['ordinals']))})"


def check_structure(structure: object) -> dict:
    """A plan's own ``structure`` (catalog entry or upload) as it must be, else ValueError saying what is wrong:
    ``levels`` a list of kinds in order, ``numbered`` a numbering → kind ({"01": "theme", "a)": "action"}),
    ``lists`` a kind → the kind of the items listed under it, ``words`` a level word → kind ({"pilier": "axe"}),
    ``leads`` the words of a lead-in → the kind of the items it announces ({"ce que nous visons": "objectif"})."""
    kinds = _shared()["levels"]
    expected = f"expected one of {', '.join(kinds)}"
    keys = ("levels", "numbered", "lists", "words", "leads")
    if not isinstance(structure, dict):
        raise ValueError(f"structure: a JSON object with {', '.join(keys)}")
    if unknown := sorted(set(structure) - set(keys)):
        raise ValueError(f"structure: unknown key(s) {', '.join(unknown)}; expected {', '.join(keys)}")
    levels = structure.get("levels", [])
    if not isinstance(levels, list) or not all(isinstance(k, str) and k in kinds for k in levels):
        raise ValueError(f"structure.levels: a list of kinds, {expected}")
    for key in keys[1:]:
        value = structure.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(k, str) and k.strip() and v in kinds for k, v in value.items()):
            raise ValueError(f"structure.{key}: an object whose values are kinds, {expected}")
    return structure


def level_kinds() -> tuple[str, ...]:
    """Every kind of unit the grammar knows, from the broadest default rank to the narrowest."""
    levels = _shared()["levels"]
    return tuple(sorted(levels, key=lambda k: levels[k]["rank"]))


_INITIALLED_RE = re.compile(r"^([A-Z]{1,3})-(\d{1,2}(?:\.\d{1,2}){1,3})$")


@cache
def level_initials() -> dict[str, frozenset[str]]:
    """Each level's initials, one per word that names it ("mesure" → M, "measure" → M)."""
    return {kind: frozenset(_initials(_fold(w)) for w in spec["words"]) for kind, spec in _shared()["levels"].items()}


def own_number(kind: str, number: str) -> str:
    """A unit's number without the initial of its level's word before a hierarchical number: "M-1.1.1" of a mesure
    is mesure 1.1.1 (under objectif 1.1); "A-12" (a running number) and "SOC-1.2" (a category's) keep theirs."""
    m = _INITIALLED_RE.match(number)
    return m.group(2) if m and m.group(1) in level_initials().get(kind, ()) else number


# A legend's clause: a verb that marks, then the level it marks, after the symbols ("la cible 🎯 précède chacun des douze
# objectifs", "the ▸ arrow introduces each action").
_MARKS_RE = re.compile(r"\b(?:ouvre|ouvrent|précède|précèdent|introduit|introduisent|signale|signalent|"
                       r"marque|marquent|annonce|annoncent|désigne|désignent|opens|open|marks|introduces|precedes)\s+"
                       r"(?:(?:à\s+)?chacune?\s+(?:des|de\s+nos|de\s+ses)\s+|chaque\s+|les\s+|nos\s+|each\s+(?:of\s+the\s+)?|the\s+)"
                       r"(?P<words>[^\W\d_][\w’'-]*(?:\s+[^\W\d_][\w’'-]*){0,2})", re.IGNORECASE)
# A level, then the symbol it is marked by, in brackets: "des objectifs, marqués d'une flèche (►)" (after a comma: all of
# them; "Les actions précédées d'une étoile (★) sont prioritaires" marks some, test40's PDZA).
_MARKED_RE = re.compile(r"(?P<words>[^\W\d_][\w’'-]*(?:\s+[^\W\d_][\w’'-]*){0,2}),\s+(?:marqu|signal|identifi|précéd|introduit)"
                        r"\w*\s+(?:(?:[^\s()]+\s+){0,5}?\((?P<symbols>[^\w()]{1,6})\)"
                        r"|(?:par\s+|de\s+|d[’'])?(?:une?|la|le|an?|the)\s+(?P<name>[^\W\d_]+)(?![\w’']|\s*\())", re.IGNORECASE)
# A table cell of codes alone: "P-01 à P-06", "A1, A2 et A3" (a level's codes in a summary's column).
_CODE_CELL_RE = re.compile(r"(?P<code>[A-Z]{1,4})-?\d{1,2}(?:\s*(?:à|au|–|-|,|et)\s*(?P=code)-?\d{1,2})+")
# A legend of codes: the code, then the level it stands for ("OS : objectif stratégique", "OO = objectif opérationnel"), or
# the level, then its code in brackets ("neuf objectifs opérationnels (OO)").
_CODE_PREFIX_RE = re.compile(r"[A-Z]+(?=\d)")  # the letters a code's figures follow: "R" of "R1", "OS" of "OS2"
_CODE_LEGEND_RE = re.compile(r"(?<![\w.-])(?P<code>[A-Z]{1,4})\s*(?:[:=]|\s[–—])\s*(?P<name>[^\W\d_][\w’'-]*(?:[ \t]+[^\W\d_][\w’'-]*){0,2})"
                             r"|(?P<before>[^\W\d_][\w’'-]*(?:[ \t]+[^\W\d_][\w’'-]*){0,2})[ \t]*\((?P<after>[A-Z]{1,4})\)")


def _symbols(text: str) -> list[str]:
    """The symbols in a text (Unicode's "other symbol": "►", "🎯", "☐"; and the arrows among its mathematical ones:
    "→", "⇒")."""
    return [ch for ch in text if unicodedata.category(ch) == "So" or "\u2190" <= ch <= "\u21ff"]


KEYCAP_RE = re.compile("(?P<digit>\\d)\ufe0f?\u20e3")  # a digit in a box: "1️⃣"
KEYCAP = "keycap"  # a digit in a box ("1️⃣"): a numbered heading's mark


def level_name(kind: str) -> str:
    """The name of a level, capitalised: "Thème", "Sous-objectif", "Priorité"."""
    word = _shared()["levels"][kind]["words"][0] if kind in _shared()["levels"] else kind
    return word[:1].upper() + word[1:]


def level_words() -> dict[str, list[str]]:
    """Each level's words, as the grammar declares them."""
    return {kind: list(spec["words"]) for kind, spec in _shared()["levels"].items()}


def plural_name(kind: str) -> str:
    """"objectifs", "enjeux", "axes": the level's name in the plural, in lower case."""
    word = level_name(kind).lower()
    return word if word.endswith(("s", "x")) else word + ("x" if word.endswith("eu") else "s")
