"""The extractive answerer: picks the sentences of the retrieved passages that answer, cites each one.

No language model: every sentence of the answer is a verbatim sentence (or line, or table row) of a
cited passage.

- A question about a plan's outline ("Quels sont les axes du plan …") is answered from the plan units
  (``outline.py``).
- Otherwise every candidate sentence of the passages gets its features (``features.py``) and a
  learned probability that it answers (``model.py``: a logistic regression fit on the development
  questions). A heading alone is never an answer.
- The question gets a calibrated probability that the plans answer it, from the best sentences'
  probabilities, the coverage of its terms, whether its names and years are in the passages and
  whether the figure it asks for is carried; below the threshold chosen on the development set (false
  abstentions at most 3%), the answerer abstains and lists the closest passages.
- The answer is the best sentence of each of the best passages (as many passages as chosen on the
  development set), skipping near-duplicates; a sentence that introduces what follows (ending with ":")
  brings its items, whatever the question.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from arrimage.index.search import Searcher, SearchHit
from arrimage.ingest.chunk import sentence_spans
from arrimage.ingest.grammar import level_name
from arrimage.ingest.models import PlanUnit

from .answers import (
    ABSTAIN_EN,
    ABSTAIN_FR,
    Answer,
    Citation,
    Token,
    citation_for,
    stream_words,
)
from .features import FIGURES, Candidate, Profile, candidates, carries, missing_names, profile, question_features, unindexed_plan
from .model import AnswerModel, load
from .outline import NAMES_FR, Listing, Outline, OutlineItem, UnitFields, code_word, names_kind

NAME = "extractive"
_MAX_LIST_ITEMS = 8
_REDUNDANT_JACCARD = 0.5  # two sentences sharing more than half their stems say the same thing
_ALSO_CONSULT = 3
_ENGLISH_LEAD = "According to the plans (passages quoted in French):"
_KIND_FR = {"amount": "de montant", "percent": "de pourcentage", "date": "de date", "count": "le nombre demandé"}
# The plan grammar's field names (ingest/plan_grammar.toml, [fields]) as an answer says them, where they differ.
_FIELD_WORDS = {"base": "situation de départ", "echeance": "échéance"}


def _of(word: str) -> str:
    """"de cible", "d’échéance"."""
    return f"d’{word}" if word[:1] in "aeéèiouh" else f"de {word}"


def _redundant(c: Candidate, chosen: list[Candidate]) -> bool:
    for other in chosen:
        union = c.stems | other.stems
        if union and len(c.stems & other.stems) / len(union) > _REDUNDANT_JACCARD:
            return True
    return False


def _list_items(c: Candidate, hits: Sequence[SearchHit], limit: int) -> list[Candidate]:
    """The lines that follow a sentence introducing a list (ending with ':') in the same passage."""
    if not c.text.rstrip().endswith(":"):
        return []
    text = hits[c.hit].chunk.text
    items = []
    for start, end in sentence_spans(text, c.end, len(text)):
        item = Candidate(c.hit, start, end, text[start:end], frozenset(), 0.0, ())
        if item.heading:
            break  # the next section's heading ends the list
        items.append(item)
        if len(items) >= limit or text[end:end + 1] != "\n":
            break
    return items


def _select(p: Profile, found: list[Candidate], probabilities: Sequence[float], hits: Sequence[SearchHit],
            passages: int, floor: float = 0.0) -> list[Candidate]:
    """The best sentence of each of the best passages (after the first, those whose best sentence reaches
    ``floor`` times the first's); list questions take several lines of a passage and the items of a list's
    lead sentence."""
    ranked = sorted(((pr, c) for c, pr in zip(found, probabilities) if not c.heading),
                    key=lambda x: (-x[0], x[1].hit, x[1].start))
    wants_list = "list" in p.wants
    limit = min(p.list_size or _MAX_LIST_ITEMS, _MAX_LIST_ITEMS) if wants_list else passages
    chosen: list[Candidate] = []
    for pr, c in ranked:
        if chosen and not wants_list and pr < floor * ranked[0][0]:
            break  # the passages below are weaker still
        if len(chosen) >= limit or len({x.hit for x in chosen}) >= passages and c.hit not in {x.hit for x in chosen}:
            break
        if _redundant(c, chosen) or any(x.text == c.text for x in chosen) or (not wants_list and any(x.hit == c.hit for x in chosen)):
            continue
        chosen.append(c)
        # A sentence that announces what follows ("Ainsi, notre mission se lit comme suit :") says nothing alone: it
        # brings its items, for any question. (An item quoted once: overlapping passages hold the same lines.)
        chosen.extend(i for i in _list_items(c, hits, limit if wants_list else _MAX_LIST_ITEMS) if all(x.text != i.text for x in chosen))
    return chosen


def _reason(p: Profile, found: list[Candidate], hits: Sequence[SearchHit], probability: float, threshold: float) -> str:
    """Why the answerer abstains, in the words a reader can check."""
    missing = missing_names(p, hits)
    if missing:
        return f"Absent des passages trouvés : {', '.join(missing)}."
    for kind in (k for k in FIGURES if k in p.wants):
        if not any(carries(kind, c.text) for c in found):
            return f"Aucun passage ne donne {_KIND_FR[kind]}."
    return f"Réponse peu probable dans les passages trouvés ({probability:.2f} sous le seuil {threshold:.2f})."


def _heading(unit: PlanUnit) -> str:
    """A unit as an answer names it: its code and title ("Mesure A2 – Réaliser …"), or its title."""
    return f"{unit.code} – {unit.title}" if unit.code else unit.title


class ExtractiveAnswerer:
    name = NAME

    def __init__(self, searcher: Searcher, model: AnswerModel | None = None) -> None:
        self._searcher = searcher
        self._outline = Outline(searcher)
        self.model = model or load()

    def _citation(self, n: int, hit: SearchHit, c: Candidate) -> Citation:
        """A citation quoting one sentence of a passage, with the page that sentence is on."""
        return replace(citation_for(n, hit, c.text), page=self._searcher.page_at(hit.chunk, c.start))

    def answer(self, question: str, hits: Sequence[SearchHit]) -> Answer:
        p = profile(question, self._searcher.data.lexical)
        named = not missing_names(p, hits)  # a question naming what no passage names is not about these units
        asked = self._outline.kind_asked(question)
        unknown = unindexed_plan(p, self._searcher, acronyms=True) if asked else None
        if unknown:  # "Quelles sont les orientations du plan de l'Université Laval ?"
            return self._abstention(question, p, [], [], hits, f"Aucun plan indexé de : {unknown}.")
        listings = self._outline.items(question, hits) if named else None
        if listings is not None:
            listed = self._outline_answer(question, p, listings)
            if not listed.abstained:
                return listed
            # The plan has no unit of the kind asked: its passages may still name them in its text ("trois
            # défis"); an answer from them says first which kinds of unit the plan does have.
            found = self._sentences(question, p, hits)
            if found.abstained or not any(names_kind(asked[0], c.text) for c in found.citations):
                return listed
            note = listed.answer.removeprefix(ABSTAIN_EN).strip()
            return replace(found, answer=f"{note}\n{found.answer}", notice=listed.notice)
        fields = self._outline.fields(question, hits) if named else None
        if fields is not None:
            return self._fields_answer(question, p, fields)
        return self._sentences(question, p, hits)

    def _fields_answer(self, question: str, p: Profile, found: list[UnitFields]) -> Answer:
        """The field lines of the unit named, under its code and title (and its plan's, when several plans have such a
        unit); or, when the plan gives the unit none of the fields asked (and gives them to others of its kind), that
        said, with the unit's heading quoted."""
        fields = found[0]
        lead = _heading(fields.unit)
        if fields.printed:
            blocks = []
            for f in found:
                head = _heading(f.unit)
                head = f"{self._searcher.documents[f.unit.doc_id].meta.title} : {head}" if len(found) > 1 else head
                blocks += [f"{_ENGLISH_LEAD} {head}" if p.lang == "en" and not blocks else head,
                           *(f"{c.quote} [{c.n}]" for c in f.citations)]
            return Answer(question, "\n".join(blocks), tuple(c for f in found for c in f.citations), abstained=False,
                          answerer=NAME)
        words = " ni ".join(_of(_FIELD_WORDS.get(name, name)) for name in fields.asked)
        text = f"Le plan ne donne pas {words} à : {lead} [1]."
        return Answer(question, f"{ABSTAIN_EN} {text}" if p.lang == "en" else text, tuple(fields.citations),
                      abstained=True, answerer=NAME, notice="Le plan ne donne pas à cette unité ce qui est demandé.")

    def _sentences(self, question: str, p: Profile, hits: Sequence[SearchHit]) -> Answer:
        """The answer quoting the best sentences of the passages, or the abstention with its reason."""
        if not hits:
            return self._abstention(question, p, [], [], hits, "Aucun passage trouvé.")
        found = candidates(p, hits, self._searcher, question)
        probabilities = self.model.sentence.probabilities([c.features for c in found]).tolist()
        answerable = float(self.model.answerability.probabilities([question_features(p, found, probabilities, hits, self._searcher)])[0])
        if not found or answerable < self.model.threshold:
            reason = _reason(p, found, hits, answerable, self.model.threshold)
            return self._abstention(question, p, found, probabilities, hits, reason)
        chosen = _select(p, found, probabilities, hits, self.model.passages, self.model.floor)
        if not chosen:  # the passages hold nothing but headings
            return self._abstention(question, p, found, probabilities, hits, "Seuls des titres correspondent à la question.")
        # One citation per sentence: every claim points at exactly the words it quotes.
        citations = tuple(self._citation(n, hits[c.hit], c) for n, c in enumerate(chosen, start=1))
        body = " ".join(f"{c.text} [{n}]" for n, c in enumerate(chosen, start=1))
        text = f"{_ENGLISH_LEAD}\n{body}" if p.lang == "en" else body
        return Answer(question, text, citations, abstained=False, answerer=NAME)

    def _outline_answer(self, question: str, p: Profile, listings: list[Listing]) -> Answer:
        """A plan's units of one kind, one per line, each quoting its heading (plan by plan, when a question names a
        unit several plans have by its number); or, when the plan has none of that kind, the kinds it does have (never
        a passage that merely mentions the word)."""
        plan, items, kinds = listings[0].plan, listings[0].items, listings[0].kinds
        if not items:
            have = ", ".join(f"{n} {NAMES_FR[k] if n > 1 else level_name(k).lower()}" for k, n in kinds.items())
            text = (f"Le plan « {plan} » ne présente aucune unité de ce type. "
                    + (f"Ses unités reconnues : {have}." if have else "Aucune unité n’y a été reconnue."))
            text = f"{ABSTAIN_EN} {text}" if p.lang == "en" else text
            return Answer(question, text, (), abstained=True, answerer=NAME, notice="Le plan n’a aucune unité du type demandé.")
        lines = []
        for listing in listings:
            lines.append(f"{listing.plan} : {len(listing.items)} {self._count_name(listing.items)}.")
            lines += [f"{' '.join(i.citation.quote.split())} [{i.citation.n}]" for i in listing.items]
        if p.lang == "en":
            lines[0] = f"{_ENGLISH_LEAD} {lines[0]}"
        return Answer(question, "\n".join(lines), tuple(i.citation for x in listings for i in x.items), abstained=False,
                      answerer=NAME)

    def _count_name(self, items: list[OutlineItem]) -> str:
        """What a count of a plan's units is followed by: the level's name, or the plan's own word or initials for it."""
        kind = items[0].unit.kind
        name = NAMES_FR[kind] if len(items) > 1 else level_name(kind).lower()
        word = code_word(items[0].unit.code)
        printed = items[0].unit.code.rsplit(" ", 1)[0]
        if word in self._outline.own and printed.isupper():  # the plan's initials, invariable: "4 OS"
            return printed
        if word in self._outline.own:  # the plan's own word: "5 engagements"
            return word + ("s" if len(items) > 1 and not word.endswith(("s", "x")) else "")
        return name

    def _abstention(self, question: str, p: Profile, found: list[Candidate], probabilities: Sequence[float],
                    hits: Sequence[SearchHit], reason: str) -> Answer:
        best: dict[int, tuple[float, Candidate]] = {}
        for c, pr in sorted(zip(found, probabilities), key=lambda x: -x[1]):
            best.setdefault(c.hit, (pr, c))
        shown = sorted((c for _, c in best.values()), key=lambda c: c.hit)[:_ALSO_CONSULT]
        citations = tuple(self._citation(i, hits[c.hit], c) for i, c in enumerate(shown, start=1))
        lead = f"{ABSTAIN_EN} {ABSTAIN_FR}" if p.lang == "en" else ABSTAIN_FR
        consult = " Passages à consulter : " + ", ".join(f"[{c.n}]" for c in citations) + "." if citations else ""
        return Answer(question, lead + consult, citations, abstained=True, answerer=NAME, notice=reason)

    def stream(self, question: str, hits: Sequence[SearchHit]) -> Iterator[Token | Answer]:
        yield from stream_words(self.answer(question, hits))
