"""Gold evidence checked against a target before scoring: which quotes count, which are reported.

A gold quote counts when at least one passage of the target holds it (``quotes.holds``). In process
every passage is tried; over HTTP, the passages a BM25 search for the quote returns. Quotes are
also looked for in the cleaned documents when the target exposes them (in process): a quote found in
no ingested document is reported with its question id, and so is a quote found in another document
than the one it names, or naming a document the target does not have.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .datasets import AlignmentPair, Question
from .quotes import find_span, holds
from .targets import CitedPassage, Passage, Target


@dataclass(frozen=True)
class Evidence:
    """One relevant item of a question: a gold quote, judged by text, or a set of passage ids (BEIR qrels)."""

    quote: str = ""
    chunk_ids: frozenset[str] = frozenset()

    def in_passage(self, passage: Passage | CitedPassage) -> bool:
        return passage.chunk_id in self.chunk_ids if self.chunk_ids else holds(passage.text, self.quote)


@dataclass(frozen=True)
class Case:
    """A question ready to be scored: the evidence that counts and how many passages hold any of it."""

    qid: str
    text: str
    kind: str
    answerable: bool
    evidence: tuple[Evidence, ...]
    relevant_passages: int  # passages of the target holding at least one item of evidence
    reference_answer: str = ""
    follows: str = ""  # a follow-up: the id of the case it continues


@dataclass(frozen=True)
class Issue:
    qid: str
    doc_id: str
    quote: str
    problem: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.qid, "doc_id": self.doc_id, "quote": self.quote, "problem": self.problem}


def _document_problem(doc_id: str, quote: str, texts: dict[str, str] | None, known: set[str]) -> str | None:
    if doc_id not in known:
        return f"document {doc_id!r} is not in the index"
    if texts is None:
        return None
    if find_span(texts[doc_id], quote) is not None:
        return None
    elsewhere = sorted(d for d, t in texts.items() if d != doc_id and find_span(t, quote) is not None)
    if elsewhere:
        return f"not found in {doc_id}, found in {', '.join(elsewhere)}"
    return "not found in any ingested document"


def prepare(target: Target, questions: Sequence[Question]) -> tuple[list[Case], list[Issue]]:
    """The cases to score and the problems found with the gold quotes."""
    known = set(target.document_ids())
    texts = target.document_texts()
    cases: list[Case] = []
    issues: list[Issue] = []
    for q in questions:
        evidence: list[Evidence] = []
        holders: set[str] = set()
        for gold in q.gold_quotes:
            problem = _document_problem(gold.doc_id, gold.quote, texts, known)
            if problem:
                issues.append(Issue(q.qid, gold.doc_id, gold.quote, problem))
            held = {p.chunk_id for p in target.candidates(gold.quote) if holds(p.text, gold.quote)}
            if held:
                evidence.append(Evidence(quote=gold.quote))
                holders |= held
            elif not problem:
                issues.append(Issue(q.qid, gold.doc_id, gold.quote, "no passage of the index holds half of it"))
        cases.append(Case(q.qid, q.question, q.kind, q.answerable, tuple(evidence), len(holders), q.reference_answer,
                          q.follows))
    return cases, issues


def check_alignment(target: Target, pairs: Sequence[AlignmentPair]) -> list[Issue]:
    """Alignment quotes not found in the document they name (in process), or in no passage (over HTTP)."""
    known = set(target.document_ids())
    texts = target.document_texts()
    issues = []
    for pair in pairs:
        for side, doc_id, quote in (("source", pair.source_doc_id, pair.source_quote),
                                    ("target", pair.target_doc_id, pair.target_quote)):
            problem = _document_problem(doc_id, quote, texts, known)
            if texts is None and not problem and not any(holds(p.text, quote) for p in target.candidates(quote)):
                problem = "no passage of the index holds half of it"
            if problem:
                issues.append(Issue(pair.pid, doc_id, quote, f"{side} quote: {problem}"))
    return issues
