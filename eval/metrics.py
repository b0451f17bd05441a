"""Ranking metrics with binary relevance, named with their cutoff (BEIR conventions).

A run is a ranked list of ids per question; qrels are the relevant ids. Checked against ranx in tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence, Set


def recall_at(ranked: Sequence[str], relevant: Set[str], k: int) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else math.nan


def mrr_at(ranked: Sequence[str], relevant: Set[str], k: int = 10) -> float:
    return next((1.0 / r for r, item in enumerate(ranked[:k], start=1) if item in relevant), 0.0) if relevant else math.nan


def ndcg_at(ranked: Sequence[str], relevant: Set[str], k: int = 10) -> float:
    if not relevant:
        return math.nan
    dcg = sum(1.0 / math.log2(r + 1) for r, item in enumerate(ranked[:k], start=1) if item in relevant)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(relevant), k) + 1))
    return dcg / ideal


def evidence_recall_at(ranked: Sequence[str], evidence: Sequence[Set[str]], k: int) -> float:
    """Share of gold quotes with at least one chunk that holds it among the top k."""
    if not evidence:
        return math.nan
    top = set(ranked[:k])
    return sum(1 for chunks in evidence if chunks & top) / len(evidence)


def mean(values: Sequence[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else math.nan
