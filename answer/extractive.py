"""The extractive answerer: picks the sentences of the retrieved passages that answer, cites each one.

No language model: every sentence of the answer is a verbatim sentence of a cited passage.

- The question is profiled: its content terms (analysed like BM25, weighted by IDF), what it asks
  for (an amount, a percentage, a date, a count, a list, a person), how many items a list should
  have, and the names it mentions (acronyms, proper nouns).
- Each sentence of the top passages is scored: coverage of the question's terms (terms found only in
  the passage's section path or title count half), the passage's rank, and whether it carries what
  the question asks for. The best sentences are kept, skipping near-duplicates; a sentence that
  introduces a list (ending with ":") brings its items.
- Abstention is decided at this step, not on retrieval scores: the answer is withheld when a name or
  a year of the question appears in no passage, or when the question asks for an amount, a
  percentage, a date or a count and no sentence about the question carries one (a count must come
  with the thing counted). A threshold on term coverage alone was tried and only added false
  abstentions (docs/figures.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from arrimage.index.lexical import LexicalIndex, analyze
from arrimage.index.search import Searcher, SearchHit
from arrimage.ingest.chunk import sentence_spans
from arrimage.ingest.grammar import level_name
from arrimage.ingest.vocabulary import word_list

from .answers import (
    ABSTAIN_EN,
    ABSTAIN_FR,
    Answer,
    Citation,
    Token,
    citation_for,
    question_language,
    stream_words,
)
from .outline import NAMES_FR, Outline, OutlineItem

NAME = "extractive"
_SECTION_WEIGHT = 0.5
_TYPED_COVERAGE = 0.3  # calibrated on the development set: see docs/figures.md
_CELL_CHARS = 40
_MAX_SENTENCES = 3
_MAX_LIST_ITEMS = 8
_MIN_SENTENCE_CHARS = 25
_REDUNDANT_JACCARD = 0.5
_KEEP_RATIO = 0.6
_ALSO_CONSULT = 3
_ENGLISH_LEAD = "According to the plans (passages quoted in French):"

_NUMBER_WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
_WANTS = {
    "amount": re.compile(r"\b(budgets?|montants?|co[uû]ts?|sommes?|how much|costs?|amount|spend|spent)\b|\$"),
    "percent": re.compile(r"\b(taux|pourcentage|proportion|percent\w*|share|rate)\b|%"),
    "date": re.compile(r"\b(quand|date|[ée]ch[ée]an\w*|d[’']ici|quelle ann[ée]e|when|deadline|what year|by when)\b"),
    "count": re.compile(r"\b(combien|how many|nombre de|number of)\b"),
    "list": re.compile(r"^(quels|quelles|what are|which are|list)\b|\b(principaux|principales|main)\b"),
}
_HAS = {
    "amount": re.compile(r"\d[\d  ]*(?:[.,]\d+)?\s*(?:\$|M\$|G\$|k\$|millions?|milliards?|dollars)"),
    "percent": re.compile(r"\d\s*%|\bpour cent\b"),
    "date": re.compile(r"\b(?:19|20)\d{2}\b|\b(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b"),
    "count": re.compile(r"\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|cent)\b"),
}
_KIND_FR = {"amount": "de montant", "percent": "de pourcentage", "date": "de date", "count": "le nombre demandé"}
_ACRONYM_RE = re.compile(r"\b[A-ZÀ-Þ]{2,}\b")
_PROPER_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-Þ][a-zà-ÿ]+(?:[ -][A-ZÀ-Þ][a-zà-ÿ]+)*")
_COMMON_CAPS = frozenset({"Québec", "Quebec", "Plan", "Plans"})
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\b")
# The thing counted: "combien d’ententes …" → ententes; "how many students" → students.
_FOCUS_RE = re.compile(r"(?:combien\s+(?:de\s+|d[’'])|nombre\s+(?:de\s+|d[’'])|how many\s+)([^\W\d_]+)")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()


@dataclass(frozen=True)
class Profile:
    lang: str
    terms: dict[str, float]
    wants: frozenset[str]
    list_size: int | None
    names: tuple[str, ...]
    focus: str | None


def profile(question: str, lexical: LexicalIndex) -> Profile:
    lang = question_language(question)
    lowered = question.lower()
    wants = frozenset(kind for kind, pattern in _WANTS.items() if pattern.search(lowered))
    size = next((n for w, n in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", lowered)), None)
    digit = re.search(r"\b(\d)\s+[^\W\d_]+s\b", lowered)
    list_size = size or (int(digit.group(1)) if digit else None)
    if list_size:
        wants |= {"list"}
    names = set(_ACRONYM_RE.findall(question))
    proper = {m for m in _PROPER_RE.findall(question.strip()) if m not in _COMMON_CAPS}
    # In an English question, a capitalised English word ("Research Chairs") may be translated in the
    # plans; only names that are not English words ("Université Laval") must appear as written.
    names |= proper if lang == "fr" else {m for m in proper if any(w.lower() not in word_list("en") for w in m.split())}
    names |= set(_YEAR_RE.findall(question))
    focus_match = _FOCUS_RE.search(lowered)
    focus = next(iter(analyze(focus_match.group(1))), None) if focus_match else None
    terms = {t: lexical.idf(t) for t in analyze(question)}
    return Profile(lang, {t: w for t, w in terms.items() if w > 0}, wants, list_size, tuple(sorted(names)), focus)


@dataclass(frozen=True)
class _Sentence:
    hit: int
    start: int
    end: int
    text: str
    stems: frozenset[str]
    coverage: float
    score: float


def _coverage(terms: dict[str, float], stems: frozenset[str], section: frozenset[str]) -> float:
    total = sum(terms.values())
    if not total:
        return 0.0
    found = sum(w if t in stems else _SECTION_WEIGHT * w if t in section else 0.0 for t, w in terms.items())
    return found / total


def _units(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a passage; a very short line after a sentence (a table cell such as a target,
    "Plus de 80 000 vues") is kept with it."""
    spans = sentence_spans(text, 0, len(text))
    units = []
    for i, (start, end) in enumerate(spans):
        if i + 1 < len(spans) and spans[i + 1][1] - spans[i + 1][0] < _CELL_CHARS:
            end = spans[i + 1][1]
        units.append((start, end))
    return units


def _candidates(p: Profile, hits: Sequence[SearchHit]) -> list[_Sentence]:
    out = []
    for i, hit in enumerate(hits):
        text = hit.chunk.text
        # Terms naming the plan or its organization choose the document; the answer need not repeat them.
        identity = frozenset(analyze(f"{hit.document.title} {hit.document.organization}"))
        terms = {t: w for t, w in p.terms.items() if t not in identity} or p.terms
        section = frozenset(analyze(" ".join(hit.chunk.section_path)))
        prior = 1.0 / (1 + i) ** 0.5
        for start, end in _units(text):
            sentence = text[start:end]
            if len(sentence) < _MIN_SENTENCE_CHARS:
                continue
            stems = frozenset(analyze(sentence))
            coverage = _coverage(terms, stems, section)
            typed = 1.0 if any(k in _HAS and _HAS[k].search(sentence) for k in p.wants) else 0.0
            lexical = coverage if p.lang == "fr" else 0.5 * coverage
            score = 0.55 * lexical + 0.25 * prior + 0.2 * typed
            out.append(_Sentence(i, start, end, sentence, stems, coverage, score))
    return out


def _redundant(s: _Sentence, chosen: list[_Sentence]) -> bool:
    for c in chosen:
        union = s.stems | c.stems
        if union and len(s.stems & c.stems) / len(union) > _REDUNDANT_JACCARD:
            return True
    return False


def _list_items(s: _Sentence, hits: Sequence[SearchHit], limit: int) -> list[_Sentence]:
    """The lines that follow a sentence introducing a list (ending with ':') in the same passage."""
    if not s.text.rstrip().endswith(":"):
        return []
    text = hits[s.hit].chunk.text
    items = []
    for start, end in sentence_spans(text, s.end, len(text)):
        items.append(_Sentence(s.hit, start, end, text[start:end], frozenset(), 0.0, 0.0))
        if len(items) >= limit or text[end:end + 1] != "\n":
            break
    return items


def _select(p: Profile, candidates: list[_Sentence], hits: Sequence[SearchHit]) -> list[_Sentence]:
    """The best sentence of each of the best passages (several passages rather than one), then list items."""
    ranked = sorted(candidates, key=lambda s: (-s.score, s.hit, s.start))
    wants_list = "list" in p.wants
    limit = min(p.list_size or _MAX_LIST_ITEMS, _MAX_LIST_ITEMS) if wants_list else _MAX_SENTENCES
    floor = _KEEP_RATIO * (0.7 if wants_list else 1.0) * ranked[0].score
    chosen: list[_Sentence] = []
    for s in ranked:
        if len(chosen) >= limit or s.score < floor:
            break
        same_passage = any(c.hit == s.hit for c in chosen)
        if _redundant(s, chosen) or (same_passage and not wants_list):
            continue
        chosen.append(s)
        if wants_list:
            chosen.extend(i for i in _list_items(s, hits, limit) if all((c.hit, c.start) != (i.hit, i.start) for c in chosen))
    return chosen


def _missing_names(p: Profile, hits: Sequence[SearchHit]) -> str | None:
    haystack = _fold(" ".join(f"{h.document.title} {h.document.organization} {' '.join(h.chunk.section_path)} {h.chunk.text}" for h in hits))
    # Short acronyms (PDG, TI) are often spelled out in the plans; longer names must appear as such.
    missing = [n for n in p.names if (len(n) > 3 or not n.isupper()) and _fold(n) not in haystack]
    return f"Absent des passages trouvés : {', '.join(missing)}." if missing else None


def _abstain_reason(p: Profile, candidates: list[_Sentence], hits: Sequence[SearchHit]) -> str | None:
    if not candidates:
        return "Aucun passage trouvé."
    missing = _missing_names(p, hits)
    if missing:
        return missing
    # A figure must come in a sentence about the question, and a count with the thing counted.
    relevant = [s for s in candidates if s.coverage >= (_TYPED_COVERAGE if p.lang == "fr" else _TYPED_COVERAGE / 2)]
    for kind in ("amount", "percent", "date", "count"):
        carrying = [s for s in relevant if kind in p.wants and _HAS[kind].search(s.text)]
        if kind == "count" and p.focus:
            carrying = [s for s in carrying if p.focus in s.stems]
        if kind in p.wants and not carrying:
            return f"Aucun passage pertinent ne donne {_KIND_FR[kind]}."
    return None


class ExtractiveAnswerer:
    name = NAME

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._outline = Outline(searcher)

    def _citation(self, n: int, hit: SearchHit, sentence: _Sentence) -> Citation:
        """A citation quoting one sentence of a passage, with the page that sentence is on."""
        return replace(citation_for(n, hit, sentence.text), page=self._searcher.page_at(hit.chunk, sentence.start))

    def answer(self, question: str, hits: Sequence[SearchHit]) -> Answer:
        p = profile(question, self._searcher.data.lexical)
        outline = None if _missing_names(p, hits) else self._outline.items(question, hits)
        if outline is not None:
            return self._outline_answer(question, p, *outline)
        candidates = _candidates(p, hits)
        reason = _abstain_reason(p, candidates, hits)
        if reason is not None:
            return self._abstention(question, p, candidates, hits, reason)
        chosen = _select(p, candidates, hits)
        # One citation per sentence: every claim points at exactly the words it quotes.
        citations = tuple(self._citation(n, hits[s.hit], s) for n, s in enumerate(chosen, start=1))
        body = " ".join(f"{s.text} [{n}]" for n, s in enumerate(chosen, start=1))
        text = f"{_ENGLISH_LEAD}\n{body}" if p.lang == "en" else body
        return Answer(question, text, citations, abstained=False, answerer=NAME)

    def _outline_answer(self, question: str, p: Profile, plan: str, items: list[OutlineItem], kinds: dict[str, int]) -> Answer:
        """A plan's units of one kind, one per line, each quoting its heading; or, when the plan has none
        of that kind, the kinds it does have (never a passage that merely mentions the word)."""
        if not items:
            have = ", ".join(f"{n} {NAMES_FR[k] if n > 1 else level_name(k).lower()}" for k, n in kinds.items())
            text = (f"Le plan « {plan} » ne présente aucune unité de ce type. "
                    + (f"Ses unités reconnues : {have}." if have else "Aucune unité n’y a été reconnue."))
            text = f"{ABSTAIN_EN} {text}" if p.lang == "en" else text
            return Answer(question, text, (), abstained=True, answerer=NAME, notice="no unit of the kind asked")
        kind = items[0].unit.kind
        name = NAMES_FR[kind] if len(items) > 1 else level_name(kind).lower()
        lead = f"{plan} : {len(items)} {name}."
        lead = f"{_ENGLISH_LEAD} {lead}" if p.lang == "en" else lead
        lines = [f"{' '.join(i.citation.quote.split())} [{i.citation.n}]" for i in items]
        return Answer(question, "\n".join([lead, *lines]), tuple(i.citation for i in items), abstained=False, answerer=NAME)

    def _abstention(self, question: str, p: Profile, candidates: list[_Sentence], hits: Sequence[SearchHit], reason: str) -> Answer:
        best: dict[int, _Sentence] = {}
        for s in sorted(candidates, key=lambda s: -s.score):
            best.setdefault(s.hit, s)
        shown = sorted(best.values(), key=lambda s: s.hit)[:_ALSO_CONSULT]
        citations = tuple(self._citation(i, hits[s.hit], s) for i, s in enumerate(shown, start=1))
        lead = f"{ABSTAIN_EN} {ABSTAIN_FR}" if p.lang == "en" else ABSTAIN_FR
        consult = " Passages à consulter : " + ", ".join(f"[{c.n}]" for c in citations) + "." if citations else ""
        return Answer(question, lead + consult, citations, abstained=True, answerer=NAME, notice=reason)

    def stream(self, question: str, hits: Sequence[SearchHit]) -> Iterator[Token | Answer]:
        yield from stream_words(self.answer(question, hits))
