"""Aggregates with bootstrap confidence intervals, and paired comparisons of two runs.

Every metric is kept per question as a ``Ratio`` (numerator, denominator): a mean over questions
is ``(value, 1)`` per question, with ``(0, 0)`` where the metric is undefined for that question (an
unanswerable question has no nDCG); a pooled rate such as supported sentences is ``(supported,
sentences)``. The metric over a set of questions is ``sum(num) / sum(den)``, NaN when no question
defines it. Resampling questions (not sentences or citations) keeps the questions' own correlation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Ratio = tuple[float, float]
UNDEFINED: Ratio = (0.0, 0.0)

RESAMPLES = 1000
SEED = 20251124
LEVEL = 0.95


def of(value: float) -> Ratio:
    """A per-question value as a ratio; NaN becomes undefined."""
    return UNDEFINED if math.isnan(value) else (float(value), 1.0)


def value(pair: Ratio) -> float:
    return pair[0] / pair[1] if pair[1] else math.nan


def pooled(pairs: Sequence[Ratio]) -> float:
    den = sum(d for _, d in pairs)
    return sum(n for n, _ in pairs) / den if den else math.nan


@dataclass(frozen=True)
class Estimate:
    """A metric over questions with its percentile bootstrap confidence interval."""

    value: float
    low: float
    high: float
    n: int  # questions that define the metric


@dataclass(frozen=True)
class Difference:
    """B minus A on the questions both runs define, with a paired bootstrap interval."""

    a: float
    b: float
    diff: float
    low: float
    high: float
    n: int
    wins: int  # questions where B is better
    ties: int
    losses: int  # questions where B is worse
    verdict: str  # "B better", "B worse" or "not established"


def _percentiles(samples: np.ndarray, level: float) -> tuple[float, float]:
    samples = samples[~np.isnan(samples)]
    if samples.size == 0:
        return math.nan, math.nan
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return float(low), float(high)


def _resampled_ratios(nums: np.ndarray, dens: np.ndarray, index: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        den = dens[index].sum(axis=1)
        return np.where(den > 0, nums[index].sum(axis=1) / np.where(den > 0, den, 1), np.nan)


def _index(n: int, resamples: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def bootstrap(pairs: Sequence[Ratio], resamples: int = RESAMPLES, seed: int = SEED, level: float = LEVEL) -> Estimate:
    """The pooled metric and its percentile interval over ``resamples`` resamples of the defining questions."""
    kept = np.array([p for p in pairs if p[1] > 0], dtype=float).reshape(-1, 2)
    n = len(kept)
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    point = float(kept[:, 0].sum() / kept[:, 1].sum())
    low, high = _percentiles(_resampled_ratios(kept[:, 0], kept[:, 1], _index(n, resamples, seed)), level)
    return Estimate(point, low, high, n)


def wins_ties_losses(a: Sequence[Ratio], b: Sequence[Ratio], higher_is_better: bool = True,
                     tolerance: float = 1e-9) -> tuple[int, int, int]:
    """Per question, is B better, equal or worse than A (questions both define)."""
    wins = ties = losses = 0
    for pa, pb in zip(a, b, strict=True):
        if pa[1] == 0 or pb[1] == 0:
            continue
        delta = value(pb) - value(pa)
        delta = delta if higher_is_better else -delta
        if abs(delta) <= tolerance:
            ties += 1
        elif delta > 0:
            wins += 1
        else:
            losses += 1
    return wins, ties, losses


def paired_difference(a: Sequence[Ratio], b: Sequence[Ratio], higher_is_better: bool = True, resamples: int = RESAMPLES,
                      seed: int = SEED, level: float = LEVEL) -> Difference:
    """B − A on the questions both runs define; the same resampled questions are drawn for both runs.

    The verdict is "not established" when the interval includes 0.
    """
    both = [(pa, pb) for pa, pb in zip(a, b, strict=True) if pa[1] > 0 and pb[1] > 0]
    wins, ties, losses = wins_ties_losses([p for p, _ in both], [p for _, p in both], higher_is_better)
    if not both:
        return Difference(math.nan, math.nan, math.nan, math.nan, math.nan, 0, 0, 0, 0, "not established")
    arr = np.array([[pa[0], pa[1], pb[0], pb[1]] for pa, pb in both], dtype=float)
    value_a = float(arr[:, 0].sum() / arr[:, 1].sum())
    value_b = float(arr[:, 2].sum() / arr[:, 3].sum())
    index = _index(len(both), resamples, seed)
    diffs = _resampled_ratios(arr[:, 2], arr[:, 3], index) - _resampled_ratios(arr[:, 0], arr[:, 1], index)
    low, high = _percentiles(diffs, level)
    if math.isnan(low) or low <= 0 <= high:
        verdict = "not established"
    else:
        verdict = "B better" if (low > 0) == higher_is_better else "B worse"
    return Difference(value_a, value_b, value_b - value_a, low, high, len(both), wins, ties, losses, verdict)
