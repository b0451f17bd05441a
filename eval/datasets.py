"""Question sets and their gold evidence, matched to the chunks of an index.

A gold quote is matched to a document's cleaned text after both are reduced to their letters and
digits, casefolded: whitespace, line breaks, hyphenation, apostrophes and punctuation never matter.
A chunk is relevant to a quote when it holds at least half of the quote's span.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from arrimage.ingest.models import Chunk, Document

KINDS = ("factual", "numeric", "list", "cross_document", "paraphrase", "english", "unanswerable")
_MIN_COVER = 0.5


class DatasetError(ValueError):
    """A question set that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class GoldQuote:
    doc_id: str
    quote: str


@dataclass(frozen=True)
class Question:
    qid: str
    question: str
    kind: str
    lang: str
    answerable: bool
    gold_quotes: tuple[GoldQuote, ...]
    reference_answer: str


def load_questions(path: Path) -> list[Question]:
    questions: list[Question] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot be read ({exc})") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            q = Question(
                qid=str(row["id"]),
                question=row["question"],
                kind=row["kind"],
                lang=row.get("lang", "fr"),
                answerable=bool(row.get("answerable", True)),
                gold_quotes=tuple(GoldQuote(g["doc_id"], g["quote"]) for g in row.get("gold_quotes", [])),
                reference_answer=row.get("reference_answer", ""),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise DatasetError(f"{path}:{n}: not a valid question ({type(exc).__name__}: {exc})") from exc
        if q.kind not in KINDS:
            raise DatasetError(f"{path}:{n}: kind {q.kind!r} is not one of {', '.join(KINDS)}")
        if q.qid in seen:
            raise DatasetError(f"{path}:{n}: duplicate id {q.qid!r}")
        if q.answerable and not q.gold_quotes:
            raise DatasetError(f"{path}:{n}: answerable question {q.qid!r} has no gold quote")
        seen.add(q.qid)
        questions.append(q)
    if not questions:
        raise DatasetError(f"{path}: no questions")
    return questions


def _skeleton(text: str) -> tuple[str, list[int]]:
    """Letters and digits of ``text``, casefolded, with the offset each came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isalnum():
            folded = ch.casefold()
            chars.append(folded)
            offsets.extend([i] * len(folded))
    return "".join(chars), offsets


class QuoteLocator:
    """Finds gold quotes in the cleaned documents and the chunks that hold them."""

    def __init__(self, documents: Iterable[Document], chunks: Iterable[Chunk]) -> None:
        self._docs = {d.meta.doc_id: (_skeleton(d.text)) for d in documents}
        self._chunks: dict[str, list[Chunk]] = {}
        for c in chunks:
            self._chunks.setdefault(c.doc_id, []).append(c)

    def span(self, gold: GoldQuote) -> tuple[int, int] | None:
        if gold.doc_id not in self._docs:
            return None
        skeleton, offsets = self._docs[gold.doc_id]
        needle, _ = _skeleton(gold.quote)
        at = skeleton.find(needle) if needle else -1
        if at < 0:
            return None
        return offsets[at], offsets[at + len(needle) - 1] + 1

    def chunks_for(self, gold: GoldQuote) -> set[str] | None:
        """Ids of the chunks holding at least half of the quote; None when the quote is not found."""
        found = self.span(gold)
        if found is None:
            return None
        start, end = found
        return {
            c.chunk_id
            for c in self._chunks.get(gold.doc_id, [])
            if min(end, c.char_end) - max(start, c.char_start) >= _MIN_COVER * (end - start)
        }
