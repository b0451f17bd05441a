"""Two runs compared question by question: paired differences with a paired bootstrap interval.

Only the questions both runs scored, and the metrics both runs have, are compared. For each metric:
A and B on those questions, B − A with its 95% interval (the same resampled questions for both runs),
and wins / ties / losses per question from B's side (a win is B better, whatever the metric's
direction). The verdict says "not established" when the interval includes 0.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

from . import plots
from .report import fmt
from .runs import Run, jsonable
from .stats import RESAMPLES, SEED, Difference, paired_difference

# Per-question changes are listed in the report for these metrics (when both runs have them).
KEY_METRICS = ("retrieval/hybrid/nDCG@10", "answers/gold evidence cited", "answers/answer token F1")


@dataclass(frozen=True)
class MetricComparison:
    id: str
    higher_is_better: bool
    difference: Difference
    better: tuple[str, ...]  # question ids where B is better
    worse: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    questions: int
    only_in_a: tuple[str, ...]
    only_in_b: tuple[str, ...]
    warnings: tuple[str, ...]
    metrics: tuple[MetricComparison, ...]

    def to_dict(self) -> dict:
        return jsonable(asdict(self))


def _warnings(a: Run, b: Run) -> list[str]:
    out = []
    if a.target.get("corpus_hash") != b.target.get("corpus_hash"):
        out.append("the runs were made on different indexes (or one over HTTP, where the corpus hash is not known)")
    if a.config.get("questions_sha256") != b.config.get("questions_sha256"):
        out.append("the question files differ: only the questions with the same id are compared")
    return out


def compare_runs(a: Run, b: Run, label_a: str = "A", label_b: str = "B", resamples: int = RESAMPLES,
                 seed: int = SEED) -> Comparison:
    qa = {q.qid: q for q in a.questions}
    qb = {q.qid: q for q in b.questions}
    common = [qid for qid in qa if qid in qb]
    ids_b = {m.id for m in b.metrics}
    metrics = []
    for m in a.metrics:
        if m.id not in ids_b:
            continue
        pa = [qa[q].scores.get(m.id, (0.0, 0.0)) for q in common]
        pb = [qb[q].scores.get(m.id, (0.0, 0.0)) for q in common]
        d = paired_difference(pa, pb, m.higher_is_better, resamples=resamples, seed=seed)
        sign = 1 if m.higher_is_better else -1
        deltas = [(q, sign * (qb[q].value(m.id) - qa[q].value(m.id))) for q in common]
        metrics.append(MetricComparison(m.id, m.higher_is_better, d,
                                        tuple(q for q, x in deltas if x > 1e-9), tuple(q for q, x in deltas if x < -1e-9)))
    return Comparison(label_a, label_b, len(common), tuple(q for q in qa if q not in qb), tuple(q for q in qb if q not in qa),
                      tuple(_warnings(a, b)), tuple(metrics))


def markdown(comparison: Comparison, chart: str | None) -> str:
    c = comparison
    lines = [f"# Comparison: B = {c.b} against A = {c.a}", "",
             f"{c.questions} questions in both runs. B − A with its 95% paired bootstrap interval (the same questions "
             "resampled for both runs); wins / ties / losses count the questions where B is better / equal / worse. "
             "**not established** means the interval includes 0: the data do not show a difference.", ""]
    notes = [f"- warning: {w}" for w in c.warnings]
    if c.only_in_a or c.only_in_b:
        notes.append(f"- left out: {len(c.only_in_a)} question(s) only in A, {len(c.only_in_b)} only in B")
    lines += [*notes, ""] if notes else []
    lines += ["| metric | A | B | B − A [95% interval] | wins / ties / losses | verdict |", "|---|---|---|---|---|---|"]
    for m in c.metrics:
        d = m.difference
        name = m.id if m.higher_is_better else f"{m.id} (lower is better)"
        verdict = f"**{d.verdict}**" if d.verdict == "not established" else d.verdict
        lines.append(f"| {name} | {fmt(d.a)} | {fmt(d.b)} | {fmt(d.diff, 3)} [{fmt(d.low)}, {fmt(d.high)}] | "
                     f"{d.wins} / {d.ties} / {d.losses} | {verdict} |")
    if chart:
        lines += ["", f"![B − A per metric]({chart})"]
    keyed = [m for m in c.metrics if m.id in KEY_METRICS]
    if keyed:
        lines += ["", "## Questions that changed", ""]
        for m in keyed:
            lines.append(f"- {m.id}: B better on {', '.join(m.better) or 'none'}; B worse on {', '.join(m.worse) or 'none'}")
    return "\n".join(lines) + "\n"


def write_comparison(comparison: Comparison, directory: Path) -> Path:
    """comparison.json, comparison.md and comparison.png in ``directory``; returns the Markdown's path."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "comparison.json").write_text(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    chart = plots.comparison([m.id for m in comparison.metrics], [m.difference for m in comparison.metrics],
                             comparison.a, comparison.b, directory / "comparison.png")
    path = directory / "comparison.md"
    path.write_text(markdown(comparison, chart.name if chart else None), encoding="utf-8")
    return path


def plain(comparison: Comparison) -> str:
    c = comparison
    lines = [f"B = {c.b} against A = {c.a}: {c.questions} questions in both"] + [f"  warning: {w}" for w in c.warnings]
    width = max((len(m.id) for m in c.metrics), default=10)
    for m in c.metrics:
        d = m.difference
        if math.isnan(d.diff):
            continue
        lines.append(f"  {m.id:<{width}} A {fmt(d.a)}  B {fmt(d.b)}  B−A {d.diff:+.3f} [{d.low:+.3f}, {d.high:+.3f}]  "
                     f"W/T/L {d.wins}/{d.ties}/{d.losses}  {d.verdict}")
    return "\n".join(lines)
