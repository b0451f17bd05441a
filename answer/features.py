"""What the answer step measures: the question's profile, each candidate sentence's features (for the
learned sentence scorer) and each question's answerability features (for the abstention classifier).

The same functions serve the answerer at run time and the fitting on the development set
(``arrimage eval fit-answerer``), so what is fit is what runs.

- The **profile** of a question: its content terms weighted by IDF, what it asks for (an amount, a
  percentage, a date, a count, a list), how many items a list should have, the names it mentions
  (acronyms, proper nouns, years) and, for a count, the thing counted.
- A **candidate** is a sentence of a retrieved passage, a line (an "Indicateur : …" or "Cible : …" line,
  a table row), or a sentence with the short cell after it ("Plus de 80 000 vues").
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from arrimage.index.lexical import LIGATURES, LexicalIndex, analyze
from arrimage.index.search import Searcher, SearchHit
from arrimage.ingest.chunk import line_sentences
from arrimage.ingest.grammar import grammar, row_cells
from arrimage.ingest.models import ancestors
from arrimage.ingest.structure import is_heading
from arrimage.ingest.tables import is_header_row, names_columns
from arrimage.ingest.vocabulary import word_list

from .acronyms import initialism
from .answers import question_language

SENTENCE_FEATURES = (
    "coverage",  # share of the question's terms (IDF-weighted) in the sentence (half weight in its section path)
    "coverage_gap",  # coverage minus the best coverage among the candidates
    "rank_prior",  # 1 / sqrt(1 + the passage's rank)
    "carries_type",  # the question asks for a figure and the sentence carries one of that type
    "wants_figure",  # the question asks for an amount, a percentage, a date or a count
    "heading_like",  # a heading or a short line without final punctuation
    "field_line",  # an "Indicateur : …", "Cible : …" line of the plan grammar
    "log_length",
    "english",  # an English question: lexical coverage of French passages is low
    # The query against the passage (the index's own vectors: nothing is encoded at query time), minus the best
    # passage's: similarities are only compared within a question, so the model holds for any embedding model.
    "passage_dense_gap",
    "other_plan",  # the question names one or more of the indexed plans (by acronym or name), not the sentence's
)
QUESTION_FEATURES = (
    "best_probability",  # the best sentence's probability (headings excluded)
    "top3_probability",  # the mean of the three best
    "best_coverage",
    "years_missing",  # a year or period of the question is in no passage ("le plan 2017-2022")
    "names_all_missing",  # the question names organisations or things and no passage has any of them (one missing
    # among several found is a cross-document question whose retrieval favoured the others)
    "terms_absent",  # the share of the question's terms (IDF-weighted) that no passage has
    "wants_figure",
    "type_carried",  # the best probability among sentences carrying the figure asked for, a count with the thing
    # counted (0 when no figure is asked: with wants_figure beside it, the model weighs the two cases apart; read as 1
    # there, it gave every question without a figure the weight of a figure found: 0.60 of the unanswerable fit
    # questions abstained out of fold, against 0.66 now, false abstention 0.029 in both; AUC 0.877 → 0.886)
    "focus_found",  # the thing counted appears in a passage (1 when no count is asked)
    "english",
    "unindexed_body",  # the question names a body ("Université Laval", "Cégep Garneau") no indexed plan is of, and no
    # indexed plan: it asks about a plan that is not here
    "best_years_missing",  # a year of the question is not in the best sentence's passage (nor its title or section)
    "rarest_absent",  # the IDF of the rarest question term no passage has, over the question's highest IDF
    # The coverage of the question's terms by the best sentence carrying the figure asked for together with the titles
    # of the plan unit it stands in and of the units above (0 when no figure is asked): a budget line of another
    # action than the one asked about carries an amount, but not the action's words. Leaving one opened set out at a
    # time (32 sets, 3,253 questions), unanswerable abstained 0.532 → 0.572 at the same false abstention (docs/figures.md).
    "carried_in_unit",
    # A question asks for a field of a unit (its budget, owner, deadline, partners, target) that the plan does not
    # state: how much better the question's terms are covered by the code and title of a unit of the passages that
    # lacks the field than by one that states it (0 when no field is asked). "Quel budget pour le réseau
    # d'ambassadeurs ?" of a unit with no budget line, whose neighbour's "Budget : 90 000 $" answered it (test33).
    # Leaving one opened set out at a time (34 sets, 3,394 questions): unanswerable abstained 0.530 → 0.553, false
    # abstention 3.0% → 3.1% (docs/figures.md, session 36).
    "field_unstated",
)
_SECTION_WEIGHT = 0.5  # a term found only in the section path counts half (measured on dev: docs/figures.md)
_CELL_CHARS = 40  # a line shorter than this after a sentence is a table cell that goes with it
# An entry of a table of contents (dot leaders and a page number, "Mot de la directrice ..... 3"): a heading restated.
_CONTENTS_ENTRY_RE = re.compile(r"(?:\.\s?){3,}\s*\d{1,3}\b|…+\s*\d{1,3}\b")
_MIN_CHARS = 25  # shorter pieces are not candidates
_HEADING_CHARS = 90

_NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
WANTS = {
    "amount": re.compile(r"\b(budgets?|montants?|co[uû]t\w*|sommes?|argent|dollars?|invest\w*|financement|how much|costs?|"
                         r"amount|spend|spent|money|funding|salaires?|r[ée]mun[ée]r\w*|salar(?:y|ies))\b|\$"),
    "percent": re.compile(r"\b(taux|pourcentage|proportion|percent\w*|share|rate)\b|%"),
    "date": re.compile(r"\b(quand|date|[ée]ch[ée]an\w*|d[’']ici|quelle ann[ée]e|combien de temps|dur[ée]e|when|deadline|what year|"
                       r"by when|how long)\b"),
    "count": re.compile(r"\b(combien|how many|nombre de|number of)\b"),
    "person": re.compile(r"^\s*(qui|who)\b|\b(responsable|porteur|lead|in charge)\b"),
    "list": re.compile(r"^(quels|quelles|what are|which are|list)\b|\b(principaux|principales|main)\b"),
    "target": re.compile(r"\b(cibles?|vis[ée]e?s?|vise(?:nt)?|target\w*|aims?)\b"),
    "partner": re.compile(r"\b(partenaires?|partners?|collaborat\w*|avec qui|with whom)\b"),
}
# The unit field (a PlanUnit's field, or "cible" for its targets) that a question asking for a thing asks about.
FIELD_ASKED = {"amount": "budget", "person": "responsable", "date": "echeance", "partner": "partenaires", "target": "cible"}
HAS = {
    "amount": re.compile(r"\d[\d  ]*(?:[.,]\d+)?\s*(?:\$|M\$|G\$|k\$|millions?|milliards?|dollars)"),
    "percent": re.compile(r"\d\s*%|\bpour cent\b"),
    "date": re.compile(r"\b(?:19|20)\d{2}\b|\b(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b"),
    # A count is a number that is no year ("2020-2021") and no section number ("2.1").
    "count": re.compile(r"(?<![\d.,])(?!(?:19|20)\d{2}\b)\d{1,3}(?:[  ]\d{3})*(?![\d.,]\d|\d)"
                        r"|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|cent)\b"),
}
FIGURES = ("amount", "percent", "date", "count")
_ACRONYM_RE = re.compile(r"\b[A-ZÀ-Þ]{2,}\b")
# A capitalised word that does not start a sentence, a bracket or a dash clause (a follow-up's earlier question).
_PROPER_RE = re.compile(r"(?<![.!?(—–]\s)(?<![(])(?<!^)\b[A-ZÀ-Þ][a-zà-ÿ]+(?:[ -][A-ZÀ-Þ][a-zà-ÿ]+)*")
COMMON_CAPS = frozenset({"Québec", "Quebec", "Plan", "Plans"})
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\b")
# The thing counted: "combien d’ententes …" → ententes ("combien d’argent", "combien de temps" ask for an
# amount and a duration). Only in French: an English question's words are not the French plans' words.
_FOCUS_RE = re.compile(r"(?:combien\s+(?:de\s+|d[’'])|nombre\s+(?:de\s+|d[’']))(?!(?:argent|temps|fois)\b)([^\W\d_]+)")


_LIGATURES = str.maketrans(LIGATURES)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(_LIGATURES).casefold()).encode("ascii", "ignore").decode()


@dataclass(frozen=True)
class Profile:
    lang: str
    terms: dict[str, float]
    wants: frozenset[str]
    list_size: int | None
    names: tuple[str, ...]
    focus: str | None
    bodies: tuple[str, ...] = ()  # the bodies the question names ("Université Laval", "McGill University")


def profile(question: str, lexical: LexicalIndex) -> Profile:
    lang = question_language(question)
    lowered = question.lower()
    wants = frozenset(kind for kind, pattern in WANTS.items() if pattern.search(lowered))
    size = next((n for w, n in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", lowered)), None)
    digit = re.search(r"\b(\d)\s+[^\W\d_]+s\b", lowered)
    list_size = size or (int(digit.group(1)) if digit else None)
    if list_size:
        wants |= {"list"}
    focus_match = _FOCUS_RE.search(lowered)
    focus = next(iter(analyze(focus_match.group(1))), None) if focus_match else None
    terms = {t: lexical.idf(t) for t in analyze(question)}
    return Profile(lang, {t: w for t, w in terms.items() if w > 0}, wants, list_size, question_names(question, lang), focus,
                   bodies(question))


def question_names(question: str, lang: str) -> tuple[str, ...]:
    """The names and years a question says, sorted: acronyms, capitalised names, years."""
    names = set(_ACRONYM_RE.findall(question))
    proper = {m for m in _PROPER_RE.findall(question.strip()) if m not in COMMON_CAPS}
    # In an English question, a capitalised English word ("Research Chairs") may be translated in the
    # plans; only names that are not English words ("Université Laval") must appear as written.
    names |= proper if lang == "fr" else {m for m in proper if any(w.lower() not in word_list("en") for w in m.split())}
    names |= set(_YEAR_RE.findall(question))
    return tuple(sorted(names))


def _passage_words(hit: SearchHit) -> str:
    """A passage with its document's title, organization (and their initials) and section path, folded."""
    return fold(f"{hit.document.title} {hit.document.organization} {initialism(hit.document.organization)} "
                f"{initialism(hit.document.title)} {' '.join(hit.chunk.section_path)} {hit.chunk.text}")


def missing_names(p: Profile, hits: Sequence[SearchHit]) -> list[str]:
    """The question's names and years that no passage (nor its document's title) has."""
    haystack = " ".join(_passage_words(h) for h in hits)
    return [n for n in _checked(p.names) if fold(n) not in haystack]


def _checked(names: Sequence[str]) -> list[str]:
    """The names a passage must have as written: short acronyms (PDG, TI) are often spelled out in the plans."""
    return [n for n in names if len(n) > 3 or not n.isupper()]


@dataclass(frozen=True)
class Owner:
    """What a sentence's unit names itself by and which fields it states."""

    named: frozenset[str]  # the stems of its code and title
    stated: frozenset[str]  # its fields' names, and "cible" when it has targets


@dataclass(frozen=True)
class Candidate:
    hit: int  # index of the passage among the hits
    start: int
    end: int
    text: str
    stems: frozenset[str]
    coverage: float
    features: tuple[float, ...]  # SENTENCE_FEATURES
    unit_heading: bool = False  # it starts where a unit of the plan with a code starts ("Engagement 1.1 — …")
    leaf: bool = False  # … of a unit with none under it, whose line is all it says ("A1.1 Réviser la politique … (SDC, 2026)")
    unit: frozenset[str] = frozenset()  # the stems of the titles of the unit it stands in and of the units above it
    owner: Owner | None = None  # the unit it stands in

    @property
    def heading(self) -> bool:
        """A heading of the plan (a unit's or a section's): never an answer but to an outline question. The line of a
        unit with nothing under it (an action, a moyen) is no heading: it is what the plan says of it."""
        return not self.leaf and (self.unit_heading or grammar().heading(self.text) is not None or is_heading(self.text)
                                  or is_header_row(self.text) or bool(_CONTENTS_ENTRY_RE.search(self.text)))


def spans(text: str, headings: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Candidate spans of a passage: its sentences and lines, a short cell kept with the line before it
    (a row of a pipe table is whole: it neither takes nor gives a line; a heading, found by the plan grammar or
    starting at one of the offsets ``headings``, takes none; nor does a line that leads in to a list), a run of
    field lines as one."""
    found = line_sentences(text)
    g = grammar()
    fielded = [bool(g.fields(text[start:end])) for start, end in found]
    out = []
    for i, (start, end) in enumerate(found):
        if fielded[i]:
            # A unit's field lines are one candidate, shown with their labels: "Indicateur : …" / "Cible : …".
            if i and fielded[i - 1]:
                continue
            last = next((j for j in range(i, len(found)) if not fielded[j]), len(found)) - 1
            out.append((start, found[last][1]))
            continue
        following = text[found[i + 1][0]:found[i + 1][1]] if i + 1 < len(found) else ""
        if (following and len(following) < _CELL_CHARS and not text.startswith("|", start) and not following.startswith("|")
                and start not in headings and g.heading(text[start:end]) is None  # "Engagement 1.1 — …" / "Gestes :"
                and not text[start:end].rstrip().endswith(":")  # "Gestes :" / "Financer un animateur sportif"
                and g.heading(following) is None  # a heading ("Défi 3 : …") is no cell of the line above
                and not fielded[i + 1]):  # nor is a field line the line above's ("Indicateur : …" under its unit)
            end = found[i + 1][1]
        out.append((start, end))
    return out


def _coverage(terms: dict[str, float], stems: frozenset[str], section: frozenset[str]) -> float:
    total = sum(terms.values())
    if not total:
        return 0.0
    found = sum(w if t in stems else _SECTION_WEIGHT * w if t in section else 0.0 for t, w in terms.items())
    return found / total


_PLAN_NAMES: weakref.WeakKeyDictionary[Searcher, dict[str, str]] = weakref.WeakKeyDictionary()


def plan_names(searcher: Searcher) -> dict[str, str]:
    """Each indexed plan's id, title and organization, folded, by plan: what a question names a plan by; made once
    per index version."""
    if searcher not in _PLAN_NAMES:
        _PLAN_NAMES[searcher] = {doc_id: fold(f"{doc_id.replace('-', ' ')} {doc.meta.title} {doc.meta.organization}")
                                 for doc_id, doc in searcher.documents.items()}
    return _PLAN_NAMES[searcher]


def plans_named(names: Sequence[str], searcher: Searcher) -> frozenset[str]:
    """The indexed plans a question's ``names`` name: one of them ("INRS", "Pôle Québec") in a plan's id, title or
    organization."""
    named = [fold(n) for n in names if not _YEAR_RE.fullmatch(n)]
    return frozenset(doc_id for doc_id, names in plan_names(searcher).items() if any(n in names for n in named))


# The words that open the name of a body that publishes plans ("Université Laval", "Cégep Garneau"), and the English
# words that close one ("McGill University").
_BODY_WORDS = ("université universite cégep cegep collège college ministère ministere institut école ecole centre cisss "
               "ciusss municipalité municipalite mrc ville société societe office commission pôle pole fondation fonds "
               "university ministry institute")
_CAPITALISED = r"[A-ZÀ-Þ][\w’'-]*"
_BODY_RE = re.compile(rf"\b(?i:{'|'.join(_BODY_WORDS.split())})\b((?:\s+(?i:de la|de l[’']|de|du|des|d[’']|à|en)?\s*{_CAPITALISED})+)"
                      rf"|({_CAPITALISED}(?:\s+{_CAPITALISED})*)\s+(?:University|College|Institute)\b")
_LINK_RE = re.compile(r"(?:de|du|des|la|l[’'])", re.IGNORECASE)


def bodies(question: str) -> tuple[str, ...]:
    """The bodies a question names: a body word with capitalised words after it ("Université du Québec à Rimouski"),
    or capitalised words before an English one ("McGill University")."""
    return tuple(m.group(0).strip() for m in _BODY_RE.finditer(question) if _own_words(m.group(0)))


def _own_words(body: str) -> list[str]:
    """The words of a body's name that tell it from others: its capitalised words but the body word, "Québec" and
    the articles ("l’Université du Québec à Rimouski" → Rimouski)."""
    words = re.findall(_CAPITALISED, body)
    if fold(words[0]) in _BODY_WORDS.split():  # "Université Laval": the words after the body word
        return [w for w in words[1:] if w not in COMMON_CAPS and not _LINK_RE.fullmatch(w)]
    return [w for w in words if w not in COMMON_CAPS and w not in ("University", "College", "Institute")]


def unindexed_plan(p: Profile, searcher: Searcher, *, acronyms: bool = False) -> str | None:
    """The bodies a question names of which no plan is indexed ("Université Laval"; with ``acronyms``, an acronym
    too: "UQAM"), when it names no indexed plan; None otherwise. Said of any question, it tells a question about a
    plan that is not here; said of an outline question, acronyms too, since a plan's units are asked of a body."""
    if plans_named(p.names, searcher):
        return None
    indexed = plan_names(searcher).values()
    unknown = [body for body in p.bodies if not any(fold(w) in plan for w in _own_words(body) for plan in indexed)]
    if acronyms:
        unknown += [n for n in _checked(p.names) if n.isupper() and n not in " ".join(unknown)]
    return ", ".join(unknown) or None


_UNIT_HEADINGS: weakref.WeakKeyDictionary[Searcher, dict[str, dict[int, bool]]] = weakref.WeakKeyDictionary()


def unit_headings(searcher: Searcher) -> dict[str, dict[int, bool]]:
    """Where each plan's units with a code start (their heading), by plan, and whether the unit there is a leaf: no
    unit under it and no text but its line ("A1.1 Réviser la politique … (SDC, juin 2026)"); made once per index
    version."""
    if searcher not in _UNIT_HEADINGS:
        parents = {unit.parent_id for unit in searcher.data.units}
        starts: dict[str, dict[int, bool]] = {}
        for unit in searcher.data.units:
            if unit.code:
                leaf = unit.unit_id not in parents and unit.text.strip() == unit.title.strip()
                starts.setdefault(unit.doc_id, {})[unit.char_start] = leaf
        _UNIT_HEADINGS[searcher] = starts
    return _UNIT_HEADINGS[searcher]


_UnitPaths = tuple[list[int], list[frozenset[str]], list[Owner]]
_UNIT_PATHS: weakref.WeakKeyDictionary[Searcher, dict[str, _UnitPaths]] = weakref.WeakKeyDictionary()


def unit_paths(searcher: Searcher) -> dict[str, _UnitPaths]:
    """Where each plan's units start, in order, the stems of the titles of each with the units above it, and each as an
    ``Owner``, by plan: what a sentence stands under; made once per index version."""
    if searcher not in _UNIT_PATHS:
        by_id = {unit.unit_id: unit for unit in searcher.data.units}
        by_doc: dict[str, list] = {}
        for unit in searcher.data.units:
            by_doc.setdefault(unit.doc_id, []).append(unit)
        paths = {}
        for doc_id, units in by_doc.items():
            units.sort(key=lambda u: u.char_start)
            paths[doc_id] = ([u.char_start for u in units],
                             [frozenset(analyze(" ".join([u.title, *(a.title for a in ancestors(u, by_id))]))) for u in units],
                             [Owner(frozenset(analyze(f"{u.code} {u.title}")),
                                    frozenset(name for name, _ in u.fields) | ({"cible"} if u.targets else set()))
                              for u in units])
        _UNIT_PATHS[searcher] = paths
    return _UNIT_PATHS[searcher]


def _unit_at(paths: _UnitPaths | None, at: int) -> tuple[frozenset[str], Owner | None]:
    """The stems of the unit a plan's character ``at`` stands in (the last to start before it) with those above, and
    that unit."""
    k = bisect.bisect_right(paths[0], at) - 1 if paths is not None else -1
    return (paths[1][k], paths[2][k]) if paths is not None and k >= 0 else (frozenset(), None)


def carries(kind: str, text: str) -> bool:
    return bool(HAS[kind].search(text))


_COUNTED_WORDS = 3  # words either side of a number that may name what it counts
_CLAUSE_END_RE = re.compile(r"[:;.!?|()]")
_SENTENCE_END_RE = re.compile(r"[.;!?(]")


def counts(focus: str, text: str) -> bool:
    """Whether a number of the text counts the thing asked about: "12 établissements", "3 nouvelles ententes",
    "Nombre d'établissements membres : 12" (not a number anywhere beside the word anywhere)."""
    for m in HAS["count"].finditer(text):
        # After the number up to a mark ("Thème 1 : rassembler les établissements" counts no establishment); before
        # it, up to the sentence's start: its label ("Nombre d'établissements : 12"), or a clause ("les établissements
        # offrent 40 cours", read as a count of them: the label alone was measured worse, docs/figures.md).
        after = analyze(_CLAUSE_END_RE.split(text[m.end() : m.end() + 80], maxsplit=1)[0])
        before = analyze(_SENTENCE_END_RE.split(text[max(0, m.start() - 80) : m.start()])[-1])
        if focus in before[-_COUNTED_WORDS:] or focus in after[:_COUNTED_WORDS]:
            return True
    return False


def candidates(p: Profile, hits: Sequence[SearchHit], searcher: Searcher, query: str) -> list[Candidate]:
    """Every candidate of the passages, with its features."""
    query_vector = searcher.query_vector(query)
    dense = [float(np.dot(query_vector, searcher.data.vectors[searcher.row_of_chunk[h.chunk.chunk_id]])) for h in hits]
    wants_figure = bool(p.wants & set(FIGURES))
    named = plans_named(p.names, searcher)
    unit_heads = unit_headings(searcher)
    units = unit_paths(searcher)
    raw = []
    for i, hit in enumerate(hits):
        text = hit.chunk.text
        # Terms naming the plan or its organization choose the document; the answer need not repeat them.
        identity = frozenset(analyze(f"{hit.document.title} {hit.document.organization}"))
        terms = {t: w for t, w in p.terms.items() if t not in identity} or p.terms
        section = frozenset(analyze(" ".join(hit.chunk.section_path)))
        header: frozenset[str] = frozenset()  # the words of the header of the table a row stands in
        was_row = False
        headings = unit_heads.get(hit.chunk.doc_id, {})
        here = frozenset(at - hit.chunk.char_start for at in headings if hit.chunk.char_start <= at < hit.chunk.char_end)
        leaves = frozenset(at for at in here if headings[at + hit.chunk.char_start])
        for start, end in spans(text, here):
            sentence = text[start:end]
            row = sentence.startswith("|")
            if row and not was_row:  # a table's first row: its header, when its cells name columns
                header = frozenset(analyze(sentence)) if names_columns(row_cells(sentence)) else frozenset()
            was_row = row
            if len(sentence) >= _MIN_CHARS:
                stems = frozenset(analyze(sentence))
                # A row means what its columns are named: "| 5.2 | Nombre de stages | 310 | 450 |" under
                # "| Objectif | Indicateur | Situation de départ | Cible 2030 |" is a target for 2030.
                raw.append((i, start, end, sentence, stems, _coverage(terms, stems | (header if row else frozenset()), section),
                            start in here and not row, start in leaves and not row,  # (a table's row is its unit's whole line, figures and all)
                            _unit_at(units.get(hit.chunk.doc_id), hit.chunk.char_start + start)))
    best_coverage = max((r[5] for r in raw), default=0.0)
    best_dense = max(dense, default=0.0)
    out = []
    for i, start, end, sentence, stems, coverage, unit_heading, leaf, (unit, owner) in raw:
        typed = any(carries(k, sentence) for k in p.wants if k in HAS)
        heading_like = len(sentence) < _HEADING_CHARS and not sentence.rstrip().endswith((".", ":", ";", "?", "!"))
        features = (coverage, coverage - best_coverage, 1 / math.sqrt(1 + i), float(typed and wants_figure),
                    float(wants_figure), float(heading_like or unit_heading or grammar().heading(sentence) is not None),
                    float(bool(grammar().fields(sentence))), math.log(len(sentence)), float(p.lang == "en"),
                    dense[i] - best_dense, float(bool(named) and hits[i].chunk.doc_id not in named))
        out.append(Candidate(i, start, end, sentence, stems, coverage, features, unit_heading, leaf, unit, owner))
    return out


def question_features(p: Profile, found: Sequence[Candidate], probabilities: Sequence[float],
                      hits: Sequence[SearchHit], searcher: Searcher) -> tuple[float, ...]:
    """QUESTION_FEATURES of a question, from its candidates and their probabilities."""
    ranked = sorted((pr for c, pr in zip(found, probabilities) if not c.heading), reverse=True)
    wanted = [k for k in FIGURES if k in p.wants]
    # A count is carried with the thing counted ("3 ententes"), any other figure by itself.
    carrying = [(pr, c) for c, pr in zip(found, probabilities)
                if any(carries(k, c.text) for k in wanted if k != "count")
                or "count" in wanted and (counts(p.focus, c.text) if p.focus else carries("count", c.text))]
    focus_found = p.focus is None or any(p.focus in c.stems for c in found)
    seen = frozenset().union(*(analyze(f"{h.document.title} {' '.join(h.chunk.section_path)} {h.chunk.text}") for h in hits))
    total = sum(p.terms.values())
    missing = missing_names(p, hits)
    names = [n for n in _checked(p.names) if not _YEAR_RE.fullmatch(n)]
    years = [n for n in _checked(p.names) if _YEAR_RE.fullmatch(n)]
    best = max(((pr, c) for c, pr in zip(found, probabilities) if not c.heading), key=lambda b: b[0], default=None)
    near = _passage_words(hits[best[1].hit]) if best else ""
    absent = [w for t, w in p.terms.items() if t not in seen]
    return (
        ranked[0] if ranked else 0.0,
        float(np.mean(ranked[:3])) if ranked else 0.0,
        max((c.coverage for c in found), default=0.0),
        float(any(_YEAR_RE.fullmatch(n) for n in missing)),
        float(bool(names) and all(n in missing for n in names)),
        sum(w for t, w in p.terms.items() if t not in seen) / total if total else 0.0,
        float(bool(wanted)),
        max((pr for pr, _ in carrying), default=0.0),
        float(focus_found),
        float(p.lang == "en"),
        float(unindexed_plan(p, searcher) is not None),
        float(any(fold(y) not in near for y in years)),
        max(absent, default=0.0) / max(p.terms.values()) if p.terms else 0.0,
        max((_coverage(p.terms, c.stems | c.unit, frozenset()) for _, c in carrying), default=0.0),
        _field_unstated(p, found),
    )


def _field_unstated(p: Profile, found: Sequence[Candidate]) -> float:
    """How much better the question is covered by the code and title of a unit of the passages lacking a field it asks
    for than by one stating them all (0 when it asks for none)."""
    asked = {FIELD_ASKED[k] for k in p.wants if k in FIELD_ASKED}
    owners = {c.owner for c in found if c.owner is not None}
    if not asked or not owners:
        return 0.0
    lacking = max((_coverage(p.terms, o.named, frozenset()) for o in owners if not asked <= o.stated), default=0.0)
    stating = max((_coverage(p.terms, o.named, frozenset()) for o in owners if asked <= o.stated), default=0.0)
    return max(0.0, lacking - stating)
