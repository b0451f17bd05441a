"""Score answers on a question set: gold evidence cited, supported sentences, abstention.

- gold evidence cited: share of answerable questions whose citations hold at least one gold quote
  (an abstention counts as a miss); ``gold quotes cited`` is the mean share of the gold quotes held.
- citation precision: share of the citations of answered questions that hold a gold quote.
- supported sentences: share of answer sentences (text before a ``[n]`` marker) found verbatim in
  the passage they cite.
- abstention precision and recall on the unanswerable questions; false abstentions on the answerable.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from arrimage.index.search import Searcher
from arrimage.service.answers import Answer, Answerer

from .datasets import Question, QuoteLocator
from .metrics import mean

_MARKED_RE = re.compile(r"(.+?)\s*((?:\[\d+\])+)")
_MARKER_RE = re.compile(r"\[(\d+)\]")
K = 8


def supported_sentences(answer: Answer) -> tuple[int, int]:
    """(supported, total) answer sentences: the text before each ``[n]`` marker, found verbatim (up to
    white space) in a passage it cites. Lines without a marker (an English lead) are not claims."""
    if answer.abstained:
        return 0, 0
    passages = {c.n: " ".join(c.text.split()) for c in answer.citations}
    supported = total = 0
    for line in answer.answer.splitlines():
        for m in _MARKED_RE.finditer(line):
            piece = " ".join(m.group(1).split())
            cited = [passages.get(int(n), "") for n in _MARKER_RE.findall(m.group(2))]
            total += 1
            supported += any(piece in p for p in cited)
    return supported, total


def _score(q: Question, answer: Answer, locator: QuoteLocator) -> dict:
    cited = {c.chunk_id for c in answer.citations}
    row: dict = {"abstained": answer.abstained, "answer": answer.answer, "cited": sorted(cited), "notice": answer.notice}
    supported, total = supported_sentences(answer)
    row["supported"], row["sentences"] = supported, total
    if q.answerable:
        evidence = [e for e in (locator.chunks_for(g) for g in q.gold_quotes) if e]
        held = [bool(e & cited) for e in evidence] if not answer.abstained else [False] * len(evidence)
        row["evidence_cited"] = any(held)
        row["quotes_cited"] = sum(held) / len(held) if held else float("nan")
        gold_chunks = set().union(*evidence) if evidence else set()
        row["citation_precision"] = (
            sum(c.chunk_id in gold_chunks for c in answer.citations) / len(answer.citations)
            if answer.citations and not answer.abstained else float("nan")
        )
    return row


def evaluate_answers(searcher: Searcher, answerer: Answerer, questions: Sequence[Question]) -> dict:
    locator = QuoteLocator(searcher.data.documents, searcher.data.chunks)
    started = time.perf_counter()
    per_question = {}
    for q in questions:
        answer = answerer.answer(q.question, searcher.search(q.question, k=K))
        per_question[q.qid] = {"question": q.question, "kind": q.kind, "answerable": q.answerable, **_score(q, answer, locator)}
    rows = list(per_question.values())
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    abstained = [r for r in rows if r["abstained"]]
    true_abstentions = sum(1 for r in unanswerable if r["abstained"])
    metrics = {
        "gold evidence cited": mean([float(r["evidence_cited"]) for r in answerable]),
        "gold quotes cited": mean([r["quotes_cited"] for r in answerable]),
        "citation precision": mean([r["citation_precision"] for r in answerable]),
        "supported sentences": sum(r["supported"] for r in rows) / max(1, sum(r["sentences"] for r in rows)),
        "abstention precision": true_abstentions / len(abstained) if abstained else float("nan"),
        "abstention recall": true_abstentions / len(unanswerable) if unanswerable else float("nan"),
        "false abstention": mean([float(r["abstained"]) for r in answerable]),
    }
    return {
        "answerer": answerer.name,
        "questions": len(rows),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "metrics": {k: round(v, 4) for k, v in metrics.items()},
        "ms_per_question": round((time.perf_counter() - started) * 1000 / max(1, len(rows)), 1),
        "per_question": per_question,
    }


def format_answers(report: dict) -> str:
    lines = [
        f"answerer {report['answerer']}: {report['questions']} questions "
        f"({report['answerable']} answerable, {report['unanswerable']} unanswerable), {report['ms_per_question']} ms each"
    ]
    lines += [f"  {name:<22} {value:.3f}" for name, value in report["metrics"].items()]
    return "\n".join(lines)
