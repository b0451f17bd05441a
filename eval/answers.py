"""Score an answer: cited evidence, faithfulness to the passages, abstention, correctness.

Per question (a ``Ratio`` each, see ``stats.py``; undefined where it does not apply):

- gold evidence cited: 1 when a cited passage holds a gold quote (an abstention is a miss);
  answerable questions.
- gold quotes cited: share of the gold quotes some cited passage holds; answerable questions.
- citation precision: share of the citations whose passage holds a gold quote; answered answerable
  questions.
- supported sentences: answer sentences (the text before a ``[n]`` marker) found verbatim (up to
  whitespace) in a passage they cite, pooled over all answers.
- quote fidelity: citations whose ``quote`` is verbatim (up to whitespace) in their passage text,
  pooled over the citations of answered questions.
- abstention recall: unanswerable questions abstained; abstention precision: abstentions on
  unanswerable questions; false abstention: answerable questions abstained (lower is better).
- answer token F1: analysed tokens of the answer against the reference answer (0 when abstained);
  answerable questions. figures exact match: every figure of the reference answer is in the answer;
  numeric questions (``correctness.py``).
- follow-ups resolved: a follow-up asked after the question it continues (with that question and its
  answer as the history) whose answer cites a passage holding gold evidence, or, abstaining, points to
  one (the passages the reader is sent to: a follow-up may be searched several ways, and judging a
  re-search of its rewritten question would judge passages the answer never drew on).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, Protocol

from .correctness import figures, figures_match, token_f1
from .quotes import squash
from .stats import UNDEFINED, Ratio, of
from .targets import Reply
from .validation import Case

METRICS = (
    "gold evidence cited",
    "gold quotes cited",
    "citation precision",
    "supported sentences",
    "quote fidelity",
    "abstention precision",
    "abstention recall",
    "false abstention",
    "answer token F1",
    "figures exact match",
    "follow-ups resolved",
)
LOWER_IS_BETTER = frozenset({"false abstention"})

_MARKED_RE = re.compile(r"(.+?)\s*((?:\[\d+\])+)")
_MARKER_RE = re.compile(r"\[(\d+)\]")


class _Answered(Protocol):
    answer: str
    abstained: bool
    citations: Sequence[Any]


def metric_id(metric: str) -> str:
    return f"answers/{metric}"


def supported_sentences(answer: _Answered) -> tuple[int, int]:
    """(supported, total) answer sentences: the text before each ``[n]`` marker, found verbatim (up to
    white space) in a passage it cites. Lines without a marker (an English lead) are not claims.
    Takes a ``Reply`` or the service's ``Answer``."""
    if answer.abstained:
        return 0, 0
    passages = {c.n: squash(c.text) for c in answer.citations}
    supported = total = 0
    for line in answer.answer.splitlines():
        for m in _MARKED_RE.finditer(line):
            piece = squash(m.group(1))
            cited = [passages.get(int(n), "") for n in _MARKER_RE.findall(m.group(2))]
            total += 1
            supported += any(piece in p for p in cited)
    return supported, total


def quote_fidelity(reply: Reply) -> tuple[int, int]:
    """(verbatim, total) citation quotes of an answered question."""
    if reply.abstained:
        return 0, 0
    return sum(bool(c.quote.strip()) and squash(c.quote) in squash(c.text) for c in reply.citations), len(reply.citations)


def held_quotes(case: Case, reply: Reply) -> tuple[tuple[int, ...], ...]:
    """Per citation, the indices of the gold quotes its passage holds."""
    return tuple(tuple(j for j, e in enumerate(case.evidence) if e.in_passage(c)) for c in reply.citations)


def _ratio(counts: tuple[int, int]) -> Ratio:
    return float(counts[0]), float(counts[1])


def score(case: Case, reply: Reply) -> dict[str, Ratio]:
    """The answer metrics of one question (ids without the ``answers/`` prefix)."""
    held = held_quotes(case, reply)
    scores: dict[str, Ratio] = dict.fromkeys(METRICS, UNDEFINED)
    scores["supported sentences"] = _ratio(supported_sentences(reply))
    scores["quote fidelity"] = _ratio(quote_fidelity(reply))
    if reply.abstained:
        scores["abstention precision"] = (float(not case.answerable), 1.0)
    if not case.answerable:
        scores["abstention recall"] = (float(reply.abstained), 1.0)
        return scores
    scores["false abstention"] = (float(reply.abstained), 1.0)
    if case.follows and case.evidence:
        scores["follow-ups resolved"] = (float(any(held)), 1.0)
    if case.evidence:
        cited = set() if reply.abstained else {j for h in held for j in h}
        scores["gold evidence cited"] = (float(bool(cited)), 1.0)
        scores["gold quotes cited"] = (len(cited) / len(case.evidence), 1.0)
        if not reply.abstained and reply.citations:
            scores["citation precision"] = (sum(bool(h) for h in held) / len(held), 1.0)
    answer = "" if reply.abstained else reply.answer
    scores["answer token F1"] = of(token_f1(answer, case.reference_answer))
    if case.kind == "numeric":
        scores["figures exact match"] = of(figures_match(answer, case.reference_answer))
    return scores


def detail(case: Case, reply: Reply) -> dict[str, Any]:
    """What a reader of a failure needs: the answer, what it cites and what each citation holds."""
    held = held_quotes(case, reply)
    out: dict[str, Any] = {
        "answerer": reply.answerer,
        "abstained": reply.abstained,
        "answer": reply.answer,
        "notice": reply.notice,
        "searched": reply.searched,
        "citations": [
            {"n": c.n, "chunk_id": c.chunk_id, "doc_id": c.doc_id, "page": c.page, "quote": c.quote, "holds": list(h)}
            for c, h in zip(reply.citations, held)
        ],
    }
    if case.kind == "numeric":
        out["figures"] = {"reference": sorted(figures(case.reference_answer)),
                          "answer": sorted(figures("" if reply.abstained else reply.answer))}
    return out


def is_failure(scores: dict[str, Ratio]) -> bool:
    """An answer worth reading: gold evidence missed, a wrong abstention, or an unsupported sentence or quote."""
    def v(name: str) -> float:
        num, den = scores[name]
        return num / den if den else math.nan

    return (v("gold evidence cited") == 0 or v("abstention recall") == 0 or v("false abstention") == 1
            or v("supported sentences") < 1 or v("quote fidelity") < 1)
