"""Alignment benchmark, after `arrimage ingest`:

1. in process, warm: the full alignment of every institutional and regional unit against every
   ministerial objective, measure and theme;
2. over HTTP (`--http`): the worst page `POST /align` serves (every level against every level, k 20, four
   kinds), sent by 8 clients at once: its size, the latency, the server's RSS before and after, and how
   long `/health` takes meanwhile.

Run: .venv/bin/python bench/align_bench.py [--http]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from arrimage.runtime import load_searcher, make_aligner
from arrimage.settings import get_settings

WORST = {"source": {"levels": ["institutional", "ministerial", "regional"]},
         "target": {"levels": ["institutional", "ministerial", "regional"]},
         "k": 20, "kinds": ["objectif", "mesure", "axe", "orientation"], "min_label": "none"}


def in_process() -> None:
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


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    return int(next(line for line in status if line.startswith("VmRSS")).split()[1]) / 1024


def over_http(clients: int = 8) -> None:
    import httpx
    from serving import served

    with served() as (base, server), httpx.Client(base_url=base, timeout=120) as client:
        first = client.post("/align", json=WORST)
        first.raise_for_status()
        body = first.json()
        print(f"worst page: {len(body['pairs'])} pairs of {body['sources']} sources, {len(first.content) / 1e6:.2f} MB")
        before = _rss_mb(server.pid)
        health: list[float] = []
        done = threading.Event()

        def probe() -> None:
            with httpx.Client(base_url=base, timeout=30) as c:
                while not done.is_set():
                    started = time.perf_counter()
                    c.get("/health").raise_for_status()
                    health.append((time.perf_counter() - started) * 1000)
                    time.sleep(0.05)

        def worst(_: int) -> float:
            with httpx.Client(base_url=base, timeout=120) as c:
                started = time.perf_counter()
                c.post("/align", json=WORST).raise_for_status()
                return time.perf_counter() - started

        watcher = threading.Thread(target=probe)
        watcher.start()
        with ThreadPoolExecutor(clients) as pool:
            latencies = sorted(pool.map(worst, range(clients)))
        done.set()
        watcher.join()
        after = _rss_mb(server.pid)
        print(f"{clients} at once: {latencies[0]:.2f}–{latencies[-1]:.2f} s each; server RSS {before:.0f} → {after:.0f} MB "
              f"(+{after - before:.0f}); /health during: max {max(health):.0f} ms over {len(health)} probes")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--http", action="store_true", help="also the worst page over HTTP, 8 clients at once")
    args = parser.parse_args()
    in_process()
    if args.http:
        over_http()
