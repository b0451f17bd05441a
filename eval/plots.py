"""PNG charts of a run and of a comparison (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .runs import Run
from .stats import Difference

_COLORS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    _pyplot().close(fig)
    return path


def metric_by_kind(run: Run, metric_ids: Sequence[str], title: str, path: Path) -> Path | None:
    """Grouped bars: one group per question kind, one bar per metric (value over the kind's questions)."""
    metrics = [m for m in run.metrics if m.id in metric_ids and m.by_kind]
    if not metrics:
        return None
    kinds = sorted({k for m in metrics for k in m.by_kind})
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(6.0, 1.1 * len(kinds) + 2), 3.8))
    width = 0.8 / len(metrics)
    for i, m in enumerate(metrics):
        xs = [k + (i - (len(metrics) - 1) / 2) * width for k in range(len(kinds))]
        ys = [m.by_kind.get(kind, {}).get("value", math.nan) for kind in kinds]
        ax.bar(xs, [0 if math.isnan(y) else y for y in ys], width, label=m.label, color=_COLORS[i % len(_COLORS)])
    ax.set_xticks(range(len(kinds)))
    ax.set_xticklabels([f"{k}\n(n={max(int(m.by_kind.get(k, {}).get('n', 0)) for m in metrics)})" for k in kinds], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _save(fig, path)


def score_distribution(run: Run, path: Path) -> Path | None:
    """Histograms of the top retrieval score per mode, answerable against unanswerable questions."""
    modes = [m for m in run.config.get("modes", []) if any(q.retrieved.get(m) for q in run.questions)]
    if not modes or not any(not q.answerable for q in run.questions):
        return None
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(modes), figsize=(4.2 * len(modes), 3.4), squeeze=False)
    for ax, mode in zip(axes[0], modes):
        tops = {answerable: [q.retrieved[mode][0]["score"] for q in run.questions
                             if q.answerable == answerable and q.retrieved.get(mode)] for answerable in (True, False)}
        edges = np.histogram_bin_edges(tops[True] + tops[False], bins=15)
        for answerable, label, color in ((True, "answerable", _COLORS[0]), (False, "unanswerable", _COLORS[3])):
            if tops[answerable]:
                ax.hist(tops[answerable], bins=edges, alpha=0.6, label=f"{label} (n={len(tops[answerable])})", color=color,
                        density=True)
        ax.set_title(f"top-1 {mode} score")
        ax.legend(fontsize=7)
    return _save(fig, path)


def comparison(names: Sequence[str], differences: Sequence[Difference], label_a: str, label_b: str, path: Path) -> Path | None:
    """Horizontal bars of B − A per metric with the paired bootstrap interval; grey when not established."""
    shown = [(n, d) for n, d in zip(names, differences) if not math.isnan(d.diff)]
    if not shown:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 0.32 * len(shown) + 1.4))
    ys = list(range(len(shown)))[::-1]
    for y, (_, d) in zip(ys, shown):
        color = {"B better": _COLORS[2], "B worse": _COLORS[3]}.get(d.verdict, "#999999")
        ax.barh(y, d.diff, color=color)
        ax.errorbar(d.diff, y, xerr=[[d.diff - d.low], [d.high - d.diff]], fmt="none", ecolor="black", capsize=3, lw=1)
    ax.set_yticks(ys)
    ax.set_yticklabels([n for n, _ in shown], fontsize=7)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(f"{label_b} − {label_a} (95% paired bootstrap interval; grey: not established)", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return _save(fig, path)
