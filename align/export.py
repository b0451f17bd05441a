"""Alignment and coverage as JSON, CSV (``arrimage.spreadsheet``: UTF-8 with a BOM, formula cells guarded)
and Markdown, and the coverage heatmap as a PNG: the tables of the CLI, of ``GET /coverage?format=csv``
and of the page's export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

from arrimage.spreadsheet import csv_text

from .aligner import SIGNALS, AlignedPair, Coverage


class Review(Protocol):
    """What the tables show of a planner's review of a link (``arrimage.reviews``)."""

    decision: str
    reviewer: str
    note: str
    stale: bool


Reviews = Mapping[tuple[str, str], Review]

REVIEW_COLUMNS = ["review", "reviewer", "review_note", "review_stale"]
PAIR_COLUMNS = [
    "source_plan", "source_unit", "source_code", "source_page", "source_quote",
    "target_plan", "target_unit", "target_code", "target_page", "target_quote",
    "probability", "label", "score", *SIGNALS, "declared", "shared_terms", *REVIEW_COLUMNS,
]


def _review_cells(pair: AlignedPair, reviews: Reviews) -> list:
    review = reviews.get((pair.source.unit_id, pair.target.unit_id))
    return [review.decision, review.reviewer, review.note, review.stale] if review else ["", "", "", ""]


def _pair_row(p: AlignedPair, reviews: Reviews) -> list:
    return [
        p.source.doc_id, p.source.unit_id, p.source.code, p.source.page, p.evidence.source_quote,
        p.target.doc_id, p.target.unit_id, p.target.code, p.target.page, p.evidence.target_quote,
        p.probability, p.label, p.score, *(p.signals.get(name) for name in (*SIGNALS, "declared")),
        ", ".join(p.evidence.shared_terms), *_review_cells(p, reviews),
    ]


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def pairs_as(pairs: Sequence[AlignedPair], fmt: str, reviews: Reviews | None = None) -> str | list[dict]:
    reviews = reviews or {}
    if fmt == "json":
        return [
            {"source": asdict(p.source), "target": asdict(p.target), "probability": p.probability, "label": p.label,
             "score": p.score, "signals": p.signals, "evidence": asdict(p.evidence),
             "review": dict(zip(REVIEW_COLUMNS, _review_cells(p, reviews), strict=True))
             if (p.source.unit_id, p.target.unit_id) in reviews else None}
            for p in pairs
        ]
    rows = [_pair_row(p, reviews) for p in pairs]
    return csv_text(PAIR_COLUMNS, rows) if fmt == "csv" else _md(PAIR_COLUMNS, rows)


COVERAGE_COLUMNS = ["target_unit", "target_code", "target_title", "probability", "label", "covering_units",
                    "confirmed_units", "by_plan"]


def coverage_as(result: Coverage, fmt: str, reviews: Reviews | None = None) -> str | dict:
    """JSON and Markdown: one row per ministerial unit, and the gaps; CSV: one row per covering link."""
    reviews = reviews or {}
    rows = []
    for r in result.rows:
        by_plan: dict[str, int] = {}
        for p in r.covering:
            by_plan[p.source.doc_id] = by_plan.get(p.source.doc_id, 0) + 1
        confirmed = [p for p in r.covering
                     if getattr(reviews.get((p.source.unit_id, p.target.unit_id)), "decision", "") == "confirmed"]
        rows.append([
            r.target.unit_id, r.target.code, r.target.title, r.probability, r.label,
            "; ".join(f"{p.source.unit_id} ({p.probability})" for p in r.covering),
            "; ".join(p.source.unit_id for p in confirmed),
            "; ".join(f"{doc}: {n}" for doc, n in sorted(by_plan.items())),
        ])
    if fmt == "json":
        return {
            "rows": [dict(zip(COVERAGE_COLUMNS, row, strict=True)) for row in rows],
            "uncovered_targets": [u.unit_id for u in result.uncovered_targets],
            "unaligned_sources": [u.unit_id for u in result.unaligned_sources],
        }
    if fmt == "csv":  # a spreadsheet wants one line per link, with its evidence and review
        return csv_text(PAIR_COLUMNS, [_pair_row(p, reviews) for r in result.rows for p in r.covering])
    gaps = ["", "## Ministerial objectives nobody serves", ""] + [f"- {u.code} {u.title}" for u in result.uncovered_targets]
    gaps += ["", "## Institutional units that serve no ministerial objective", ""]
    gaps += [f"- {u.unit_id}: {u.title}" for u in result.unaligned_sources]
    return _md(COVERAGE_COLUMNS, rows) + "\n".join(gaps) + "\n"


def heatmap(result: Coverage, path: Path, kinds: Sequence[str] = ("objectif", "theme")) -> Path:
    """Plans (rows) × ministerial units (columns): the best probability that one of the plan's units serves it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows = [r for r in result.rows if r.target.kind in kinds] or list(result.rows)
    plans = sorted({p.source.doc_id for r in rows for p in r.covering} | {u.doc_id for u in result.unaligned_sources})
    grid = np.zeros((len(plans), len(rows)))
    for c, r in enumerate(rows):
        for p in r.covering:
            grid[plans.index(p.source.doc_id), c] = max(grid[plans.index(p.source.doc_id), c], p.probability)
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(rows) + 3), max(3, 0.5 * len(plans) + 2)))
    image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(rows)), [r.target.code or r.target.title[:20] for r in rows], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(plans)), plans, fontsize=8)
    ax.set_title("Couverture des objectifs ministériels (meilleure probabilité par plan)")
    fig.colorbar(image, ax=ax, label="probabilité que le lien soit juste")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
