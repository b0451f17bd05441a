"""Answers from a plan's outline: "Quels sont les axes du plan de la formation ?", "Quelles sont les
mesures de l'objectif 2.1 ?", "How many orientations does the digital plan have?"; and from one unit's
field lines: "Quel est le budget de la mesure A1 ?", "Quelle est la cible de l'objectif 2.3 ?".

A question that asks for the units of one kind in a plan, or under one of its units, and says
nothing else, is answered from the plan units read at ingest: every unit of that kind, in the plan's
order, each quoted from the passage that holds its heading. The plan is the first one among the
retrieved passages that has such units. Any other question (a topic besides the kind and the plan's
own name) is left to the sentence-picking answerer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from arrimage.index.lexical import analyze
from arrimage.index.search import Searcher, SearchHit
from arrimage.ingest.grammar import grammar, level_name, level_words, plural_name
from arrimage.ingest.models import PlanUnit, ancestors
from arrimage.ingest.targets import parse_target

from .answers import Citation
from .features import WANTS

# The kinds of unit a question may ask for: the plan grammar's words for each level, in the plural
# ("les actions du plan d’action" asks for actions; "plan d’action" alone does not).
_APOSTROPHE = "[’']"


def _plural(word: str) -> str:
    """A level's name in the plural, up to a complement ("objectifs spécifiques", "axes d’intervention", "strategic
    directions"): its last word there takes the plural, the words before it may (French nouns and adjectives agree,
    English adjectives do not)."""
    if word.endswith("y"):
        return re.escape(word[:-1]) + "ies"
    parts = word.split(" ")
    complement = next((i for i, part in enumerate(parts) if part in ("de", "du", "des") or part.startswith(("d’", "d'"))),
                      len(parts))
    out = [re.escape(part).replace("’", _APOSTROPHE) + ("" if i >= complement else "(?:s|x)" if i == complement - 1 else "(?:s|x)?")
           for i, part in enumerate(parts)]
    return r"\s+".join(out)


_KINDS = {kind: "|".join(_plural(w) for w in words) for kind, words in level_words().items()}
NAMES_FR = {kind: plural_name(kind) for kind in _KINDS}
# The question asks for units: it opens on a question word, after a preposition ("Sur quels enjeux …", "In which
# areas …"), or on a request ("Donne-moi les orientations …", "Give me the goals …").
_ASKS_RE = re.compile(r"^\s*(?:(?:sur|dans|à|a|pour|selon|par|on|in|for|under)\s+)?"
                      r"(quel(?:le)?s|liste[rz]?|énumére[rz]?|nomme[rz]?|donne[rz]?(?:-moi)?|indique[rz]?(?:-moi)?|combien|"
                      r"what|which|list|name|give me|show me|how many)\b", re.IGNORECASE)
# Words a question about a plan's outline uses besides the kind and the plan's name: question words,
# numbers, verbs and the adjectives plans give their levels ("orientations stratégiques", "axes
# d’intervention", "enjeux majeurs").
_OUTLINE_WORDS = (
    "quel quels quelle quelles lesquels lesquelles combien liste énumère nomme donne moi indique plan plans compte comporte contient "
    "prévoit prévu prévue prévus prévues contient comprend include includes planned propose inscrit inscrivent présente retenus stratégiques majeurs principaux principales grands grandes "
    "généraux spécifiques intervention deux trois quatre cinq six sept huit neuf dix onze douze "
    "what which are is the of in does do have has how many list name give show me its main strategic two three four five six "
    "seven eight nine ten"
)
# A question asking what a unit holds, not one of its fields: "Qu'est-ce qui est prévu dans …", "Que contient …", "What
# does … include?", "What is planned under …".
_CONTENTS_RE = re.compile(r"^\s*(?:qu[’']est-ce\s+qu[’'ei]+|que|quoi|what)\b.{0,30}?\b(?:prévu|prévue|prévus|prévues|prévoit|"
                          r"contien\w*|compren\w*|comport\w*|inclu\w*|planned|include\w*|contain\w*)\b", re.IGNORECASE)
_FIELD_OF_WANT = {"amount": "budget", "date": "echeance", "person": "responsable"}
_LEFTOVER_MAX = 1
_QUOTE_MAX = 240
# A unit named by its title's words: at least three of them, three in four of them in the question, in the plans of
# the first three passages (docs/figures.md, session 17).
_TITLE_WORDS = 3
_TITLE_SHARE = 0.75
_TITLED_PLANS = 3
# What would print a budget or a target, were it given: an amount; a percentage or a number that is no year. A unit's
# own number is taken out of a line before it is read.
_FIGURES = {
    "budget": re.compile(r"\d[\d\s ]*(?:[,.]\d+)?\s*(?:\$|M\$|k\$|millions?\b|milliards?\b)"),
    "cible": re.compile(r"\d\s*%|\b(?!(?:19|20)\d\d\b)\d[\d ]*(?:[,.]\d+)?\b"),
}
# A title run on into its paragraph: the paragraph starts with a capitalised article or pronoun after a
# lowercase word ("… des jeunes et des adultes L’univers des compétences …").
_RUN_ON_RE = re.compile(r"(?<=[a-zà-ÿ,;)])\s+(?=(?:L[’']|D[’']|(?:Le|La|Les|Un|Une|Des|Ce|Cette|Ces|Il|Elle|Ils|Elles|Dans|Pour|Afin)\s)\S)")


def heading_quote(text: str) -> str:
    """The heading at the start of ``text``, without the paragraph run on after it, at most
    ``_QUOTE_MAX`` characters cut at a word: still a verbatim piece of ``text``."""
    run_on = _RUN_ON_RE.search(text)
    quote = text[: run_on.start()] if run_on else text
    if len(quote) > _QUOTE_MAX:
        quote = quote[:_QUOTE_MAX].rsplit(" ", 1)[0]
    return quote.strip()


@dataclass(frozen=True)
class OutlineItem:
    unit: PlanUnit
    citation: Citation


@dataclass(frozen=True)
class Listing:
    """A plan's units of the kind asked for (none: ``kinds`` counts the units the plan does have)."""

    plan: str
    items: list[OutlineItem]
    kinds: dict[str, int]


# The plans an answer lists units of, when a question names a unit by a number several plans give (the others are
# named): a length an answer in a chat box can show.
PLANS_LISTED = 3


_WHICH_RE = re.compile(r"\b(?:quel(?:le)?s(?:\s+sont)?(?:\s+les)?|which|what\s+are\s+the)\b", re.IGNORECASE)
_WHICH_GAP = 20  # characters between the interrogative and the level's word: an adjective or two ("grands", "principaux")


def kind_asked(question: str, own: dict[str, str] | None = None) -> tuple[str, tuple[str, str] | None] | None:
    """(kind, (parent kind, parent number) or None) when the question asks for units of one kind; ``own`` adds the
    words plans use for their levels beside the grammar's ({"engagement": "objectif"}: "Quels sont les engagements …")."""
    if not _ASKS_RE.search(question):
        return None
    own = own or {}
    # The unit they are asked under, named as the plan's grammar names units: "l'objectif 2.1", "du volet A"; or by a
    # plan's own word for its level: "les gestes de l'engagement 3.2" (session 42's newcomer check).
    parent = grammar().reference_re.search(question)
    under = (grammar().kind_of(parent.group("word")), parent.group("number")) if parent else None
    if parent is None and (parent := own_reference(question, own)) is not None:
        under = (own[parent.group("word").lower()], parent.group("number").rstrip("."))
    rest = question[: parent.start()] + question[parent.end() :] if parent else question
    words_of = dict(_KINDS)
    for word, kind in own.items():
        words_of[kind] = f"{words_of[kind]}|{_plural(word)}"
    found = {k: m.span() for k, words in words_of.items() if (m := re.search(rf"\b(?:{words})\b", rest, re.IGNORECASE))}
    # A name inside a longer one is not asked for itself: "objectifs" in "objectifs spécifiques".
    kinds = [k for k, (a, b) in found.items()
             if not any(c <= a and b <= d and (c, d) != (a, b) for other, (c, d) in found.items() if other != k)]
    if len(kinds) > 1:
        # "Sur quels grands enjeux l'INM concentre-t-il ses interventions ?": the kind the interrogative asks for.
        after = _WHICH_RE.search(rest)
        kinds = [k for k in kinds if after and after.end() <= found[k][0] <= after.end() + _WHICH_GAP]
    if len(kinds) != 1:
        return None
    return kinds[0], under


def own_reference(question: str, own: dict[str, str]) -> re.Match[str] | None:
    """Where a question names a unit by a plan's own word for its level and its number ("l'engagement 1.2")."""
    if not own:
        return None
    words = "|".join(re.escape(w) for w in sorted(own, key=len, reverse=True))
    return re.search(rf"\b(?P<word>{words})\s+(?P<number>[\w.-]*\d[\w.-]*|[A-Z])\b", question, re.IGNORECASE)


def kind_word(kind: str, text: str) -> re.Match[str] | None:
    """Where ``text`` names units of ``kind`` ("les quatre axes", "the orientations")."""
    return re.search(rf"\b(?:{_KINDS[kind]})\b", text, re.IGNORECASE)


def names_kind(kind: str, text: str) -> bool:
    """Whether ``text`` names units of ``kind`` in the plural ("les trois grands défis")."""
    return kind_word(kind, text) is not None


def code_word(code: str) -> str:
    """The word a unit's code names its level by, in lower case: "engagement" for "Engagement 1.1"; "" for none."""
    return code.rsplit(" ", 1)[0].lower() if " " in code else ""


def _code_number(code: str) -> tuple[tuple[int, int | str], ...]:
    """A unit's number in the plan's order: "Mesure A2" before "Mesure A10", "Objectif 2.1" before "2.10"."""
    number = code.rsplit(" ", 1)[1] if " " in code else code
    return tuple((0, int(p)) if p.isdigit() else (1, p.upper()) for p in re.findall(r"\d+|[^\W\d_]+", number))


@cache
def _planless_words() -> frozenset[str]:
    """Words a question about units and their fields uses whatever plan it is about: the levels' names and the fields'
    ("les actions de l'objectif 3.1" names no "Plan d'action")."""
    words = [*(w for ws in level_words().values() for w in ws), *NAMES_FR.values(), *grammar().field_names, _OUTLINE_WORDS]
    return frozenset(analyze(" ".join(words)))


def _leftover(question: str, kind: str, parent: tuple[str, str] | None, plan_words: str) -> set[str]:
    """The question's content terms that are neither the kind, the parent, nor the plan's name."""
    known = set(analyze(f"{NAMES_FR[kind]} {kind} {_KINDS[kind].replace('?', '')} {plan_words} {_OUTLINE_WORDS}"))
    known |= set(analyze(" ".join(parent))) if parent else set()
    return {t for t in analyze(question) if t not in known and not t.isdigit()}


@dataclass(frozen=True)
class UnitFields:
    """What ``Outline.fields`` found: the unit named, the fields asked (the plan grammar's names) and the citations:
    its field lines when the plan prints them (``printed``), else its heading."""

    unit: PlanUnit
    citations: list[Citation]
    asked: tuple[str, ...]
    printed: bool


def _held(unit: PlanUnit) -> set[str]:
    """The fields the plan gives ``unit``."""
    return {name for name, _ in unit.fields} | ({"cible"} if unit.targets or _aims(unit.title) else set()) | (
        {"indicateur"} if unit.indicators else set())


@cache
def _aims(title: str) -> bool:
    """Whether a unit's title states its target as a change from one figure to another ("Faire passer de 38 % à 50 %
    la proportion …", a one-year plan's objective with no deadline of its own, session 49's newcomer school plan). Read
    once per title: ``_held`` is asked of every unit of a plan for each question about fields."""
    stated = parse_target(title)
    return stated.value is not None and stated.baseline is not None


def fields_asked(question: str) -> set[str]:
    """The fields a question asks for: named ("la cible", "le budget"), or by what it asks ("Combien coûte la mesure 5 ?"
    its budget, "Quand …" its deadline, "Qui …" its lead)."""
    asked = {f.name for word in re.findall(r"[^\W\d_]+", question) for f in grammar().fields(f"{word} :")}
    return asked | {field for kind, field in _FIELD_OF_WANT.items() if WANTS[kind].search(question.lower())}


class Outline:
    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._units = searcher.data.units
        self._by_id = {u.unit_id: u for u in self._units}
        # The plans' own words for their levels, as their units are named ("Engagement 1.1" is an objectif).
        named = Counter((code_word(u.code), u.kind) for u in self._units if code_word(u.code))
        self.own = {word: kind for (word, kind), _ in reversed(named.most_common())
                    if word not in (level_name(kind).lower(), *level_words()[kind])}
        # … and per plan: a word only one plan names its units by names that plan ("le champ d'intervention 2").
        self._words_of: dict[str, set[str]] = {}
        for u in self._units:
            self._words_of.setdefault(u.doc_id, set()).add(code_word(u.code))

    def kind_asked(self, question: str) -> tuple[str, tuple[str, str] | None] | None:
        return kind_asked(question, self.own)

    def items(self, question: str, hits: Sequence[SearchHit]) -> list[Listing] | None:
        """The plans' units of one kind a question asks for, a listing per plan: the first plan asked about that has
        them; for units under a unit named by its number ("les actions de l'objectif 3.1"), every plan that has such a
        unit (``_named_plans``). A listing's items are empty when the plan asked about has no unit of that kind. None
        for any other question."""
        asked = self.kind_asked(question) or self._contents_asked(question, hits)
        if asked is None:
            return None
        kind, parent = asked
        lacking = None  # the first plan asked about that has no unit of the kind asked
        found: dict[str, list[PlanUnit]] = {}
        for doc_id in self._plans(hits, parent):
            meta = self._searcher.documents[doc_id].meta
            own = " ".join(self.own)  # the plans' own words for their levels name no topic
            plan_words = f"{meta.title} {meta.organization} {meta.period} {doc_id.replace('-', ' ')} {own}"
            units = [u for u in self._units if u.doc_id == doc_id and u.kind == kind]
            above = None
            named = self._numbered(doc_id, *parent) if parent else []
            # (The words of the unit named by its number describe it: "les actions de l'objectif 5 sur le suivi
            # postnatal", session 46's newcomer, asks for that objectif's actions.)
            leftover = _leftover(question, kind, parent, " ".join([plan_words, *(u.title for u in named)]))
            if len(leftover) > _LEFTOVER_MAX:
                # The question asks about something besides this plan's outline, unless it is the unit they are under,
                # named by the words of its title: "Quelles sont les mesures prévues pour moderniser la flotte et les
                # équipements ?" (session 37's newcomer fire-safety plan: "Objectif 2.2 — Moderniser la flotte de
                # véhicules et les équipements")
                above = self._titled(question, [h for h in hits if h.chunk.doc_id == doc_id],
                                     lambda u: any(x.kind == kind and u in ancestors(x, self._by_id) for x in units))
                if (parent is not None or above is None or above.kind == kind
                        or len(leftover - set(analyze(above.title))) > _LEFTOVER_MAX):
                    continue
                units = [u for u in units if above in ancestors(u, self._by_id)]
            if parent is not None:
                above = named
                units = [u for u in units if above and above[0] in ancestors(u, self._by_id)]
            if len(units) >= (1 if parent or above else 2):
                if all(u.code for u in units):  # the plan's own numbering, where a summary put a unit first
                    units.sort(key=lambda u: _code_number(u.code))
                found[doc_id] = units
                if parent is None:
                    break
            elif not units and parent is None and lacking is None:
                lacking = Listing(meta.title, [], dict(Counter(u.kind for u in self._units if u.doc_id == doc_id)))
        if not found:
            return None if lacking is None else [lacking]
        listings, n = [], 1
        for doc_id in self._named_plans(question, list(found))[:PLANS_LISTED]:
            listings.append(Listing(self._searcher.documents[doc_id].meta.title,
                                    [OutlineItem(u, self._citation(n + i, u)) for i, u in enumerate(found[doc_id])], {}))
            n += len(found[doc_id])
        return listings

    def _contents_asked(self, question: str, hits: Sequence[SearchHit]) -> tuple[str, tuple[str, str]] | None:
        """(the kind of the units under it, (kind, number)) when a question asks what a unit named by its number holds
        ("Qu'est-ce qui est prévu dans la priorité 1.2 ?", "What does objective 3 include?", session 45's second
        newcomer): the kind most of its units are, in the first plan that has such a unit with units under it."""
        named = grammar().reference_re.search(question)
        if named is None or not _CONTENTS_RE.search(question) or (kind := grammar().kind_of(named.group("word"))) is None:
            return None
        for doc_id in self._plans(hits, (kind, named.group("number"))):
            above = self._numbered(doc_id, kind, named.group("number"))
            below = Counter(u.kind for u in self._units if above and u.parent_id == above[0].unit_id)
            if below:
                return below.most_common(1)[0][0], (kind, named.group("number"))
        return None

    def _numbered(self, doc_id: str, kind: str, number: str) -> list[PlanUnit]:
        """A plan's units of ``kind`` numbered ``number`` ("l'objectif 3.1", "la mesure A2"), in the plan's order."""
        return [u for u in self._units if u.doc_id == doc_id and u.kind == kind and _code_number(u.code) == _code_number(number)]

    def _named_plans(self, question: str, doc_ids: list[str]) -> list[str]:
        """Of plans that each have the unit a question names by its number, those it names by words of their title,
        body, period, id or levels that the others lack ("l'objectif 3.1 du plan du CISSS", "le champ d'intervention 2"
        where one plan alone has champs d'intervention); all of them, in order, when it names none of them (a number
        alone does not tell which plan is asked about)."""
        if len(doc_ids) < 2:
            return doc_ids
        levels = {d: set(analyze(" ".join(self._words_of.get(d, ())))) for d in doc_ids}
        # (a level's word is no plan's name, unless some plans name their units by it and others not)
        words = set(analyze(question)) - (_planless_words() - set.union(*levels.values()))
        own = {d: levels[d] | set(analyze(" ".join([(m := self._searcher.documents[d].meta).title, m.organization,
                                                    m.period, d.replace("-", " ")]))) for d in doc_ids}
        common = set.intersection(*own.values())
        named = {d: len((own[d] - common) & words) for d in doc_ids}
        best = max(named.values())
        return [d for d in doc_ids if named[d] == best]

    def _plans(self, hits: Sequence[SearchHit], named: tuple[str, str] | None) -> list[str]:
        """The plans to look in: those of the passages, in order; then, for a unit named by its number ("l'objectif
        A.1"), the other plans that have such a unit (their passages may rank low: a number is no word to search by)."""
        plans = list(dict.fromkeys(h.chunk.doc_id for h in hits))
        if named is not None:
            plans += [d for d in dict.fromkeys(u.doc_id for u in self._units if u.kind == named[0] and u.code
                                               and _code_number(u.code) == _code_number(named[1])) if d not in plans]
        return plans

    def fields(self, question: str, hits: Sequence[SearchHit]) -> list[UnitFields] | None:
        """For a question that names one unit and asks for its fields ("Quel est le budget de la mesure A1 ?",
        "la cible de l'objectif 2.3"), the unit and its field lines as the plan prints them, each quoted from the
        passage that holds it: one per plan that has such a unit when the question does not say which
        (``_named_plans``). When the plan gives that field to other units of the kind and not to this one ("Cible : …"
        under every engagement but 3.2), the unit with its heading quoted and ``printed`` false. None for any other
        question, or when the plan gives the field to none of the kind (it may give it elsewhere: the budgets of a
        table of investments)."""
        g = grammar()
        named = g.named_unit(question) or self._own_named(question)
        asked = fields_asked(question)
        if not asked or _ASKS_RE.search(question) is None and "?" not in question:
            return None
        if named is None:
            unit = self._titled(question, hits, lambda u: bool(asked & _held(u)))
            quotes = self._field_lines(unit, asked) if unit is not None else []
            if quotes:
                return [UnitFields(unit, [self._quote(n, unit.doc_id, at, quote) for n, (at, quote) in enumerate(quotes, start=1)],
                                   tuple(sorted(asked)), printed=True)]
            # Named by its title, given no budget or target where its plan gives them to others of its kind, and no
            # figure of the kind asked printed under it or on a line that names it.
            figures = asked & _FIGURES.keys()
            unit = self._titled(question, hits, lambda u: self._lacks(u, figures)) if unit is None and figures else None
            if unit is None or self._figured(unit, question, figures):
                return None
            return [UnitFields(unit, [self._citation(1, unit)], tuple(sorted(figures)), printed=False)]
        kind, number = named
        having: dict[str, tuple[PlanUnit, list[tuple[int, str]]]] = {}  # by plan: the unit named, its field lines
        for doc_id in self._plans(hits, named):
            mine = sorted((u for u in self._units if u.doc_id == doc_id), key=lambda u: u.char_start)
            unit = next((u for u in mine if u.kind == kind and u.code and _code_number(u.code) == _code_number(number)), None)
            if unit is not None:
                having[doc_id] = (unit, self._field_lines(unit, asked) or self._indicator_rows(unit, asked))
        plans = self._named_plans(question, list(having))
        printed = [d for d in plans if having[d][1]][:PLANS_LISTED]
        out, n = [], 1
        for doc_id in printed:
            unit, quotes = having[doc_id]
            out.append(UnitFields(unit, [self._quote(n + i, doc_id, at, quote) for i, (at, quote) in enumerate(quotes)],
                                  tuple(sorted(asked)), printed=True))
            n += len(quotes)
        # Else the first unit named that lacks the fields asked, which its kind has.
        bare = next((having[d][0] for d in plans if self._lacks(having[d][0], asked)), None) if not out else None
        if bare is not None:
            out.append(UnitFields(bare, [self._citation(1, bare)], tuple(sorted(asked)), printed=False))
        return out or None

    def _indicator_rows(self, unit: PlanUnit, asked: set[str]) -> list[tuple[int, str]]:
        """For a target, indicator or baseline asked of a unit measured in a table of the plan ("| 1.1 | Heures de
        soutien … | 410 000 | 520 000 |"): the rows that name its indicators, with their offsets."""
        if not asked & {"cible", "indicateur", "base"} or not unit.indicators:
            return []
        rows, offset = [], 0
        for line in self._searcher.documents[unit.doc_id].text.split("\n"):
            if line.lstrip().startswith("|") and any(indicator in line for indicator in unit.indicators):
                rows.append((offset + len(line) - len(line.lstrip()), line.strip()))
            offset += len(line) + 1
        return rows

    def _field_lines(self, unit: PlanUnit, asked: set[str]) -> list[tuple[int, str]]:
        """The lines that print the fields asked of a unit, with their offsets: its field lines, up to the next unit
        not under it (they may follow its list of means), but not those of the units under it when it has the fields
        asked itself (the owner of an objective, not of its actions; a unit without targets of its own has its actions'
        targets); or its own line, when the fields stand at its end ("- Déployer un portail … (Service des technologies,
        2026)")."""
        g = grammar()
        end = self._end(unit)
        text = self._searcher.documents[unit.doc_id].text
        theirs = self._below_values(unit) if asked & _held(unit) else set()
        quotes, offset = [], unit.char_start
        for line in text[unit.char_start:end].split("\n"):
            found = [f for f in g.fields(line) if f.name in asked]
            if found and not all(f.value.strip() in theirs for f in found):
                quotes.append((offset + len(line) - len(line.lstrip()), line.strip()))
            offset += len(line) + 1
        own = text[unit.char_start:].split("\n", 1)[0].strip()
        if not quotes and asked & {name for name, _ in unit.fields} and own.lstrip("-–—•▪*· ").startswith(unit.title[:20]):
            quotes.append((unit.char_start, own))
        if not quotes and "cible" in asked and not unit.targets and _aims(unit.title) and unit.title[:20] in own:
            quotes.append((unit.char_start, own))  # its heading, where its title states its target
        return quotes

    def _below_values(self, unit: PlanUnit) -> set[str]:
        """The values of the fields and targets of the units under ``unit`` that it does not have itself."""
        below = [u for u in self._units if u.doc_id == unit.doc_id and unit in ancestors(u, self._by_id)]
        mine = {v for _, v in unit.fields} | {t.text for t in unit.targets}
        return {v.strip() for u in below for v in [*(v for _, v in u.fields), *(t.text for t in u.targets)]} - mine

    def _end(self, unit: PlanUnit) -> int | None:
        """Where the unit's own text ends: at the next unit of its plan not under it (None: the plan's end)."""
        mine = sorted((u for u in self._units if u.doc_id == unit.doc_id), key=lambda u: u.char_start)
        return next((u.char_start for u in mine if u.char_start > unit.char_start and unit not in ancestors(u, self._by_id)), None)

    def _lacks(self, unit: PlanUnit, asked: set[str]) -> bool:
        """The plan gives none of the fields asked to ``unit`` and gives one of them to others of its kind."""
        return not asked & _held(unit) and any(asked & _held(u) for u in self._units
                                               if u.doc_id == unit.doc_id and u.kind == unit.kind)

    def _figured(self, unit: PlanUnit, question: str, asked: set[str]) -> bool:
        """A figure of the kind asked is printed under ``unit`` (its text up to the next unit not under it, its
        indicators), or on another line that names it by the words the question took from its title: a row of a table
        of indicators ("| Montant annuel du Fonds régional … | 180 000 $ | 300 000 $ |") may give what its fields do
        not."""
        figures = [_FIGURES[name] for name in asked]
        number = unit.code.rsplit(" ", 1)[-1] if unit.code else None

        def figured(line: str) -> bool:
            line = line.replace(number, "") if number else line
            return any(f.search(line) for f in figures)

        text = self._searcher.documents[unit.doc_id].text
        heading, _, _ = text[unit.char_start:].partition("\n")
        if any(figured(line) for line in [*text[unit.char_start + len(heading) : self._end(unit)].split("\n"), *unit.indicators]):
            return True
        named = set(analyze(unit.title)) & set(analyze(question))
        return any(line.strip() != heading.strip() and len(set(analyze(line)) & named) >= _TITLE_SHARE * len(named)
                   and figured(line) for line in text.split("\n"))

    def _titled(self, question: str, hits: Sequence[SearchHit], having: Callable[[PlanUnit], bool]) -> PlanUnit | None:
        """The one unit ``having`` what is asked, in the plans of the first passages, that a question names by the words
        of its title ("Qui est responsable du portail en ligne pour les demandes de réparation ?"); None when no unit
        or several are so named."""
        words = set(analyze(question))
        plans = set(list(dict.fromkeys(h.chunk.doc_id for h in hits))[:_TITLED_PLANS])
        found = []
        for unit in self._units:
            title = set(analyze(unit.title))
            if (unit.doc_id in plans and len(title) >= _TITLE_WORDS and len(title & words) >= _TITLE_SHARE * len(title)
                    and having(unit)):
                found.append(unit)
        return found[0] if len(found) == 1 else None

    def _own_named(self, question: str) -> tuple[str, str] | None:
        """The unit a question names by a plan's own word for its level: "la cible de l'engagement 1.2"."""
        m = own_reference(question, self.own)
        return (self.own[m.group("word").lower()], m.group("number").rstrip(".")) if m else None

    def _quote(self, n: int, doc_id: str, at: int, quote: str) -> Citation:
        """A citation of ``quote``, found at offset ``at`` of its document, in the passage that holds it whole
        (else the first that holds its start)."""
        doc = self._searcher.documents[doc_id]
        chunks = self._searcher.data.chunks  # their spans at hand; only the chunk cited is read
        rows = chunks.rows_of(doc_id)
        rows = rows[(chunks.char_starts[rows] <= at) & (at < chunks.char_ends[rows])]
        chunk = chunks[int(next((r for r in rows if chunks.char_ends[r] >= at + len(quote)), rows[0]))]
        return Citation(n=n, chunk_id=chunk.chunk_id, doc_id=doc_id, title=doc.meta.title, page=doc.page_at(at),
                        section_path=chunk.section_path, quote=quote, text=chunk.text)

    def _citation(self, n: int, unit: PlanUnit) -> Citation:
        """The unit's heading as the plan writes it, up to the end of its title (which may follow on the
        next line: "ORIENTATION 1" / "Soutenir le développement …"), in the passage that holds it."""
        doc = self._searcher.documents[unit.doc_id]
        window = doc.text[unit.char_start : unit.char_start + 2 * _QUOTE_MAX]
        words = unit.title.rstrip("…").split()
        # The longest start of the title found near the heading (a title may be clipped or run on).
        found = next(((window.find(" ".join(words[:n])), n) for n in range(len(words), 0, -1)
                      if 0 <= window.find(" ".join(words[:n])) <= _QUOTE_MAX), None)
        quote = window[: found[0] + len(" ".join(words[: found[1]]))] if found else window.split("\n", 1)[0]
        return self._quote(n, unit.doc_id, unit.char_start, heading_quote(quote))
