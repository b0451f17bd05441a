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


def evidence_ranking(ranked_chunks: Sequence[str], evidence: Sequence[Set[str]]) -> list[str]:
    """Map a ranked list of chunks to a ranked list of gold evidence ids ``e0, e1, …``.

    ``evidence[j]`` holds the chunks that contain gold quote j. Each chunk, in rank order, stands for
    the quotes it contains that no higher chunk already did; a chunk that brings none stands for
    itself (a miss). Scores on this list do not depend on how the documents were chunked.
    """
    out: list[str] = []
    seen: set[int] = set()
    for chunk in ranked_chunks:
        new = [j for j, chunks in enumerate(evidence) if chunk in chunks and j not in seen]
        seen.update(new)
        out.extend(f"e{j}" for j in new) if new else out.append(chunk)
    return out


def mean(values: Sequence[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else math.nan
