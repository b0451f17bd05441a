"""Score a ranking: Recall@5/10, MRR@10, nDCG@10 at the evidence level, and chunk nDCG@10.

The unit of relevance is the gold evidence (each gold quote), not the passage: the ranked passages
are mapped to the quotes they bring (``metrics.evidence_ranking``), so scores compare across chunk
sizes and overlaps (docs/decisions.md, "Metrics"). A passage brings a quote when its text holds it
(``quotes.holds``). ``chunk nDCG@10`` counts every passage holding a quote as relevant, the ideal
ranking having as many relevant passages as the target holds (``Case.relevant_passages``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .metrics import evidence_ranking, mrr_at, ndcg_at, recall_at
from .targets import Passage
from .validation import Case, Evidence

METRICS = ("Recall@5", "Recall@10", "MRR@10", "nDCG@10", "chunk nDCG@10")
MODES = ("bm25", "dense", "hybrid")
DEPTH = 10


@dataclass(frozen=True)
class Ranking:
    """What one mode retrieved for one question, and which evidence each passage holds."""

    mode: str
    passages: tuple[Passage, ...]
    held: tuple[tuple[int, ...], ...]  # per passage, the indices of the evidence it holds


def judge(mode: str, passages: Sequence[Passage], evidence: Sequence[Evidence]) -> Ranking:
    held = tuple(tuple(j for j, e in enumerate(evidence) if e.in_passage(p)) for p in passages)
    return Ranking(mode, tuple(passages), held)


def score(ranking: Ranking, evidence_count: int, relevant_passages: int) -> dict[str, float]:
    """The metrics of one ranking; NaN when the question has no evidence (unanswerable)."""
    ranked = [p.chunk_id for p in ranking.passages]
    per_quote = [{p.chunk_id for p, held in zip(ranking.passages, ranking.held) if j in held} for j in range(evidence_count)]
    mapped = evidence_ranking(ranked, per_quote)
    gold = {f"e{j}" for j in range(evidence_count)}
    relevant = {p.chunk_id for p, held in zip(ranking.passages, ranking.held) if held}
    # The passages of the target holding evidence that were not retrieved still count in the ideal ranking.
    unseen = {f"unretrieved-{i}" for i in range(max(0, relevant_passages - len(relevant)))}
    return {
        "Recall@5": recall_at(mapped, gold, 5),
        "Recall@10": recall_at(mapped, gold, 10),
        "MRR@10": mrr_at(mapped, gold, 10),
        "nDCG@10": ndcg_at(mapped, gold, 10),
        "chunk nDCG@10": ndcg_at(ranked, relevant | unseen, 10),
    }


def metric_id(mode: str, metric: str) -> str:
    return f"retrieval/{mode}/{metric}"


def case_scores(case: Case, ranking: Ranking) -> dict[str, float]:
    return {metric_id(ranking.mode, m): v for m, v in score(ranking, len(case.evidence), case.relevant_passages).items()}
