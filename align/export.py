"""Alignment and coverage as JSON, CSV (`arrimage.spreadsheet`: UTF-8 with a BOM, formula cells guarded) and
Markdown, and the coverage heatmap as a PNG."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from arrimage.spreadsheet import csv_text

from .aligner import SIGNALS, AlignedPair, Coverage, label_of

PAIR_COLUMNS = [
    "source_plan", "source_unit", "source_code", "source_page", "source_quote",
    "target_plan", "target_unit", "target_code", "target_page", "target_quote",
    "score", "label", *SIGNALS, "declared", "shared_terms",
]


def _pair_row(p: AlignedPair) -> list:
    return [
        p.source.doc_id, p.source.unit_id, p.source.code, p.source.page, p.evidence.source_quote,
        p.target.doc_id, p.target.unit_id, p.target.code, p.target.page, p.evidence.target_quote,
        p.score, p.label, *(p.signals.get(name) for name in (*SIGNALS, "declared")),
        ", ".join(p.evidence.shared_terms),
    ]


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def pairs_as(pairs: Sequence[AlignedPair], fmt: str) -> str | list[dict]:
    if fmt == "json":
        return [
            {"source": asdict(p.source), "target": asdict(p.target), "score": p.score, "label": p.label,
             "signals": p.signals, "evidence": asdict(p.evidence)}
            for p in pairs
        ]
    rows = [_pair_row(p) for p in pairs]
    return csv_text(PAIR_COLUMNS, rows) if fmt == "csv" else _md(PAIR_COLUMNS, rows)


COVERAGE_COLUMNS = ["target_unit", "target_code", "target_title", "score", "label", "covering_units", "by_plan"]


def coverage_as(result: Coverage, fmt: str) -> str | dict:
    rows = []
    for r in result.rows:
        by_plan: dict[str, int] = {}
        for p in r.covering:
            by_plan[p.source.doc_id] = by_plan.get(p.source.doc_id, 0) + 1
        rows.append([
            r.target.unit_id, r.target.code, r.target.title, r.score, label_of(r.score) if r.covering else "none",
            "; ".join(f"{p.source.unit_id} ({p.score})" for p in r.covering),
            "; ".join(f"{doc}: {n}" for doc, n in sorted(by_plan.items())),
        ])
    if fmt == "json":
        return {
            "rows": [dict(zip(COVERAGE_COLUMNS, row, strict=True)) for row in rows],
            "uncovered_targets": [u.unit_id for u in result.uncovered_targets],
            "unaligned_sources": [u.unit_id for u in result.unaligned_sources],
        }
    if fmt == "csv":
        return csv_text(COVERAGE_COLUMNS, rows)
    gaps = ["", "## Ministerial objectives nobody serves", ""] + [f"- {u.code} {u.title}" for u in result.uncovered_targets]
    gaps += ["", "## Institutional units that serve no ministerial objective", ""]
    gaps += [f"- {u.unit_id}: {u.title}" for u in result.unaligned_sources]
    return _md(COVERAGE_COLUMNS, rows) + "\n".join(gaps) + "\n"


def heatmap(result: Coverage, path: Path, kinds: Sequence[str] = ("objectif", "theme")) -> Path:
    """Plans (rows) × ministerial units (columns): the best alignment score of the plan's units."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows = [r for r in result.rows if r.target.kind in kinds] or list(result.rows)
    plans = sorted({p.source.doc_id for r in rows for p in r.covering} | {u.doc_id for u in result.unaligned_sources})
    grid = np.zeros((len(plans), len(rows)))
    for c, r in enumerate(rows):
        for p in r.covering:
            grid[plans.index(p.source.doc_id), c] = max(grid[plans.index(p.source.doc_id), c], p.score)
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(rows) + 3), max(3, 0.5 * len(plans) + 2)))
    image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=max(0.01, grid.max()), aspect="auto")
    ax.set_xticks(range(len(rows)), [r.target.code or r.target.title[:20] for r in rows], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(plans)), plans, fontsize=8)
    ax.set_title("Couverture des objectifs ministériels (meilleur score par plan)")
    fig.colorbar(image, ax=ax, label="score")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
