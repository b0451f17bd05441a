"""Answers with citations: the typed values every answerer produces, and the Answerer protocol."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from arrimage.index.search import SearchHit

ABSTAIN_FR = "Les plans indexés ne répondent pas à cette question."
ABSTAIN_EN = "The indexed plans do not answer this question."
_ENGLISH_WORDS = frozenset(
    "the what which who how when where why is are does do did of in on for to and with plan plans "
    "according share much many will should there this that".split()
)
_FRENCH_WORDS = frozenset(
    "le la les des du de un une quel quelle quels quelles qui que quoi comment quand où est sont "
    "pour dans sur avec et au aux plan plans ce cette ces".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def question_language(question: str) -> str:
    """"en" when the question reads as English, else "fr" (the plans' language)."""
    words = [w.lower() for w in _WORD_RE.findall(question)]
    english = sum(w in _ENGLISH_WORDS for w in words)
    french = sum(w in _FRENCH_WORDS for w in words)
    return "en" if english > french else "fr"


@dataclass(frozen=True)
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    title: str
    page: int
    section_path: tuple[str, ...]
    quote: str
    text: str


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    citations: tuple[Citation, ...]
    abstained: bool
    answerer: str
    notice: str | None = None
    searched: str = ""  # the question actually searched: a follow-up with its subject ("" when the question itself)


@dataclass(frozen=True)
class Token:
    """A piece of answer text, streamed before the final Answer."""

    text: str


def citation_for(n: int, hit: SearchHit, quote: str) -> Citation:
    return Citation(
        n=n,
        chunk_id=hit.chunk.chunk_id,
        doc_id=hit.chunk.doc_id,
        title=hit.document.title,
        page=hit.chunk.page_start,
        section_path=hit.chunk.section_path,
        quote=quote,
        text=hit.chunk.text,
    )


class Answerer(Protocol):
    name: str

    def answer(self, question: str, hits: Sequence[SearchHit]) -> Answer: ...

    def stream(self, question: str, hits: Sequence[SearchHit]) -> Iterator[Token | Answer]:
        """Tokens of the answer as they are produced, then the final Answer."""
        ...


def stream_words(answer: Answer) -> Iterator[Token | Answer]:
    """Stream an already composed answer word by word, then the answer itself."""
    for piece in re.findall(r"\S+\s*", answer.answer):
        yield Token(piece)
    yield answer
