"""Score retrieval on a question set: Recall@5/10, MRR@10, nDCG@10 per mode and question kind.

The unit of relevance is the gold evidence (each gold quote), not the chunk: a ranked list of chunks
is mapped to the quotes it brings (``metrics.evidence_ranking``), so scores compare across chunk
sizes and overlaps. ``chunk nDCG@10`` (every chunk holding half a quote is relevant) is kept beside it.
"""

from __future__ import annotations

import time
from pathlib import Path

from arrimage.index.search import Searcher

from .datasets import QuoteLocator, load_questions
from .metrics import evidence_ranking, mean, mrr_at, ndcg_at, recall_at

METRICS = ("Recall@5", "Recall@10", "MRR@10", "nDCG@10", "chunk nDCG@10")
DEPTH = 10


def _scores(ranked: list[str], evidence: list[set[str]]) -> dict[str, float]:
    mapped = evidence_ranking(ranked, evidence)
    gold = {f"e{j}" for j in range(len(evidence))}
    return {
        "Recall@5": recall_at(mapped, gold, 5),
        "Recall@10": recall_at(mapped, gold, 10),
        "MRR@10": mrr_at(mapped, gold, 10),
        "nDCG@10": ndcg_at(mapped, gold, 10),
        "chunk nDCG@10": ndcg_at(ranked, set().union(*evidence), 10),
    }


def _aggregate(rows: list[dict[str, float]]) -> dict[str, float]:
    return {m: round(mean([r[m] for r in rows]), 4) for m in METRICS}


def evaluate_retrieval(searcher: Searcher, questions_path: Path, modes: list[str]) -> dict:
    """Run every answerable question through each mode and score the top 10 against the gold quotes."""
    questions = [q for q in load_questions(questions_path) if q.answerable]
    locator = QuoteLocator(searcher.data.documents, searcher.data.chunks)
    unmatched: list[dict[str, str]] = []
    gold: dict[str, list[set[str]]] = {}
    for q in questions:
        evidence = []
        for quote in q.gold_quotes:
            chunks = locator.chunks_for(quote)
            if chunks:
                evidence.append(chunks)
            else:
                unmatched.append({"id": q.qid, "doc_id": quote.doc_id, "quote": quote.quote})
        if evidence:
            gold[q.qid] = evidence
    scored = [q for q in questions if q.qid in gold]
    report: dict = {"questions": len(scored), "unmatched_quotes": unmatched, "modes": {}, "per_question": {}}
    for mode in modes:
        started = time.perf_counter()
        rows = []
        for q in scored:
            ranked = [h.chunk.chunk_id for h in searcher.search(q.question, k=DEPTH, mode=mode)]
            row = _scores(ranked, gold[q.qid])
            rows.append(row)
            report["per_question"].setdefault(
                q.qid, {"question": q.question, "kind": q.kind, "evidence": [sorted(e) for e in gold[q.qid]]}
            )
            report["per_question"][q.qid][mode] = {"ranked": ranked, **{k: round(v, 4) for k, v in row.items()}}
        by_kind = {}
        for kind in sorted({q.kind for q in scored}):
            by_kind[kind] = _aggregate([r for r, q in zip(rows, scored) if q.kind == kind])
            by_kind[kind]["n"] = sum(1 for q in scored if q.kind == kind)
        report["modes"][mode] = {
            "overall": _aggregate(rows),
            "by_kind": by_kind,
            "ms_per_query": round((time.perf_counter() - started) * 1000 / max(1, len(scored)), 1),
        }
    return report


def format_table(report: dict) -> str:
    lines = [f"{report['questions']} answerable questions scored; {len(report['unmatched_quotes'])} gold quotes not found"]
    for u in report["unmatched_quotes"]:
        lines.append(f"  not found: {u['id']} in {u['doc_id']}: {u['quote'][:80]}")
    header = f"{'mode':<8} {'kind':<15} {'n':>3} " + " ".join(f"{m:>13}" for m in METRICS)
    lines.append(header)
    for mode, res in report["modes"].items():
        lines.append(f"{mode:<8} {'ALL':<15} {report['questions']:>3} " + " ".join(f"{res['overall'][m]:>13.3f}" for m in METRICS))
        for kind, vals in res["by_kind"].items():
            lines.append(f"{'':<8} {kind:<15} {vals['n']:>3} " + " ".join(f"{vals[m]:>13.3f}" for m in METRICS))
    return "\n".join(lines)
