"""Alignment benchmark: the full alignment of every institutional and regional unit against every
ministerial unit, warm, in process (after `arrimage ingest`).

Run: .venv/bin/python bench/align_bench.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import statistics
import time

from arrimage.runtime import load_searcher, make_aligner
from arrimage.settings import get_settings


def main() -> None:
    settings = get_settings()
    searcher = load_searcher(settings)
    started = time.perf_counter()
    aligner = make_aligner(searcher, settings)
    built = time.perf_counter() - started
    sources = aligner.select(levels=["institutional", "regional"])
    targets = aligner.select(levels=["ministerial"], targets=True)
    aligner.align(sources, targets, k=3)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        pairs = aligner.align(sources, targets, k=3, min_label="none")
        runs.append(time.perf_counter() - started)
    print(f"{len(aligner.units)} units; aligner built in {built * 1000:.0f} ms")
    print(f"full alignment, {len(sources)} sources × {len(targets)} targets, {len(pairs)} pairs: "
          f"median {statistics.median(runs) * 1000:.0f} ms over {len(runs)} warm runs")


if __name__ == "__main__":
    main()
