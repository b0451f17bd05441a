"""Follow-up questions: "Et pour l'INRS ?", "Quelle est sa cible ?", "And the budget?" leave out their
subject; it is taken from the conversation before retrieval, and the question actually searched is
returned with the answer.

- A question is a follow-up when it opens with "Et", "And", "What about", "Qu'en est-il", or refers
  back with a pronoun or a demonstrative ("sa cible", "ce plan", "its target"), and the conversation
  has an earlier question.
- When the follow-up names something (a body, a plan, an acronym) and the earlier question named
  something else, the earlier question is asked again with the new name in place of the old
  ("Quel est le budget du MEES … ?" → "Et pour l'INRS ?" → "Quel est le budget du INRS … ?").
- Otherwise the follow-up is asked together with the earlier question, which brings its subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from arrimage.index.search import Searcher, SearchHit

from .answers import Answer, Answerer, Token

MAX_TURNS = 20
MAX_TURN_CHARS = 4000
_OPENING_RE = re.compile(
    r"^\s*(?:et|and|what about|how about|qu[’']en est-il|quid|idem|same)\b[\s,:]*(?:(?:pour|for|de|du|des|à|au|aux|"
    r"in|the)\b\s*)?",
    re.IGNORECASE,
)
_BACK_REFERENCE_RE = re.compile(
    r"\b(?:sa|son|ses|leur|leurs|celui-ci|celle-ci|ceux-ci|celles-ci|ce dernier|cette dernière|ce plan|cet objectif|"
    r"cette mesure|cette orientation|cet axe|cette action|cette cible|its|their|this plan|that plan|this one|that one|"
    r"this measure|this objective)\b",
    re.IGNORECASE,
)
# Names: acronyms and capitalised words past a question's first word ("INRS", "Pôle Québec", "MEES").
_NAME_RE = re.compile(r"(?<!\w)[A-ZÀ-Þ]{2,}\b|(?<=\s)[A-ZÀ-Þ][a-zà-ÿ]+(?:[ -][A-ZÀ-Þ][a-zà-ÿ]+)*")
_SUBJECT_PRONOUN_RE = re.compile(r"-t-(?:il|elle|ils|elles)\b|\b(?:il|elle|ils|elles|it|they)\b", re.IGNORECASE)
_PLAN_REFERENCE_RE = re.compile(
    r"\s+(?:du|de la|de l[’']|des|dans le|dans la|selon le|selon la|of the|in the)\s+(?:plan|ministère|programme|stratégie|"
    r"pôle|institut|université|cégep|collège|centre|ministry|university|college)\b.*$", re.IGNORECASE)
_FILLERS = frozenset("celle celui ceux celles pour dans avec cela quoi what about that this those these their".split())
_ELISION_RE = re.compile(r"^(?:l|d|qu)[’']", re.IGNORECASE)


@dataclass(frozen=True)
class Turn:
    role: str  # "user" | "assistant"
    content: str


def is_follow_up(question: str) -> bool:
    if _OPENING_RE.match(question) and len(question.split()) <= 12 or _BACK_REFERENCE_RE.search(question):
        return True
    # "En vertu de quelle loi a-t-il été créé ?": a subject pronoun and nothing named.
    return bool(_SUBJECT_PRONOUN_RE.search(question)) and not _names(question)


def _self_contained(rest: str) -> bool:
    """A follow-up that names its subject and says what it asks ("Et les axes du plan de l'INRS ?")."""
    content = [w for w in re.findall(r"[^\W\d_]{4,}", rest) if w.lower() not in _FILLERS]
    return bool(_names(rest)) and len(content) >= 3


def _names(text: str) -> list[str]:
    return [n for n in _NAME_RE.findall(text) if n.lower() not in {"quel", "quelle", "quels", "quelles", "what", "which"}]


def resolve(question: str, history: Sequence[Turn]) -> str:
    """The question to search: ``question`` itself, or, for a follow-up, the question with its subject."""
    earlier = [t.content.strip() for t in history if t.role == "user" and t.content.strip()]
    if not earlier or not is_follow_up(question):
        return question
    last = earlier[-1]
    rest = _OPENING_RE.sub("", question, count=1).strip()
    if _self_contained(rest):
        return rest
    new_names, old_names = _names(rest), _names(last)
    if new_names and not old_names:
        # The earlier question named its plan in words ("… du plan d’action numérique"): the new name takes its place.
        last = _PLAN_REFERENCE_RE.sub("", last.rstrip(" ?."))
    if new_names and old_names:
        replaced = last.replace(old_names[0], new_names[0], 1)
        for name in old_names[1:]:
            replaced = replaced.replace(name, "", 1)
        return " ".join(replaced.split())
    if new_names or _OPENING_RE.match(question):
        return f"{last.rstrip(' ?.')} — {_ELISION_RE.sub('', rest).rstrip(' ?.')} ?"
    return f"{question.rstrip(' ?.')} ({last.rstrip(' ?.')}) ?"


def retrieve(searcher: Searcher, question: str, history: Sequence[Turn], k: int,
             doc_ids: Sequence[str] | None = None, levels: Sequence[str] | None = None) -> tuple[str, list[SearchHit]]:
    """The question to search (``resolve``) and its passages."""
    searched = resolve(question, history)
    return searched, searcher.search(searched, k=k, doc_ids=doc_ids, levels=levels)


def _as_asked(answer: Answer, question: str, searched: str) -> Answer:
    return replace(answer, question=question, searched=searched if searched != question else "")


def ask(searcher: Searcher, answerer: Answerer, question: str, history: Sequence[Turn] = (), k: int = 8,
        doc_ids: Sequence[str] | None = None, levels: Sequence[str] | None = None) -> Answer:
    """Resolve a follow-up, retrieve, answer: what ``POST /ask`` and the evaluation both do."""
    searched, hits = retrieve(searcher, question, history, k, doc_ids, levels)
    return _as_asked(answerer.answer(searched, hits), question, searched)


def ask_stream(searcher: Searcher, answerer: Answerer, question: str, history: Sequence[Turn] = (), k: int = 8,
               doc_ids: Sequence[str] | None = None, levels: Sequence[str] | None = None) -> Iterator[Token | Answer]:
    """``ask``, streamed: tokens, then the answer."""
    searched, hits = retrieve(searcher, question, history, k, doc_ids, levels)
    for event in answerer.stream(searched, hits):
        yield event if isinstance(event, Token) else _as_asked(event, question, searched)
