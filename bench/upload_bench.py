"""Bring your own plan, timed over real HTTP: starts `arrimage serve` on a copy of the current index, uploads
a generated plan of N pages (a 20-page plan by default, as a real PDF), and measures the time from the upload
to the plan being searchable, and the latency of /search requests served while the ingest job runs.

Run: .venv/bin/python bench/upload_bench.py [--pages 20] [--queries 50]   (after `arrimage ingest`)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
from arrimage.eval.render import render_plan
from serving import served

from arrimage.settings import get_settings

TOKEN = "bench-token"
PARAGRAPH = ("Le Cégep du Banc d’essai poursuit l’amélioration de la réussite de ses étudiantes et de ses étudiants "
             "en misant sur l’accompagnement, la formation continue du personnel et les partenariats régionaux. ")


def _plan_text(pages: int) -> str:
    """About one page (3,000 characters) per objective, with the plan's usual levels and fields."""
    lines = ["Cégep du Banc d’essai", "Plan stratégique 2025-2030", ""]
    for n in range(1, pages + 1):
        enjeu, objectif = (n - 1) // 5 + 1, (n - 1) % 5 + 1
        if objectif == 1:
            lines += [f"Enjeu {enjeu} – Un enjeu de la réussite numéro {enjeu}", ""]
        lines += [f"Objectif {enjeu}.{objectif} : Accroître la réussite dans le domaine {n}", "",
                  PARAGRAPH * 20, "", f"Indicateur : Taux de réussite du domaine {n}", f"Cible : {60 + n} % en 2029", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    settings = get_settings()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        shutil.copytree(settings.index_dir, tmp_dir / "index", symlinks=True)
        source = tmp_dir / "plan.txt"
        source.write_text(_plan_text(args.pages), encoding="utf-8")
        pdf = render_plan(source, tmp_dir / "banc-d-essai.pdf", "Plan stratégique 2025-2030")
        env = {"ARRIMAGE_INDEX_DIR": str(tmp_dir / "index"), "ARRIMAGE_UPLOADS_DIR": str(tmp_dir / "uploads"),
               "ARRIMAGE_ADMIN_TOKEN": TOKEN}
        with served(env) as (base, _), httpx.Client(base_url=base, timeout=60) as client:
            latencies: list[float] = []
            errors = 0
            running = threading.Event()
            running.set()

            def query() -> None:
                nonlocal errors
                with httpx.Client(base_url=base, timeout=60) as c:
                    n = 0
                    while running.is_set() and n < args.queries:
                        started = time.perf_counter()
                        status = c.post("/search", json={"query": f"réussite des étudiants {n}"}).status_code
                        latencies.append((time.perf_counter() - started) * 1000)
                        errors += status != 200
                        n += 1

            started = time.perf_counter()
            accepted = client.post("/documents", files={"file": (pdf.name, pdf.read_bytes(), "application/pdf")},
                                   data={"title": "Plan stratégique 2025-2030"},
                                   headers={"Authorization": f"Bearer {TOKEN}"})
            accepted.raise_for_status()
            reader = threading.Thread(target=query)
            reader.start()
            job_id = accepted.json()["job_id"]
            while (job := client.get(f"/jobs/{job_id}").json())["status"] not in ("done", "failed"):
                time.sleep(0.1)
            searchable = time.perf_counter() - started
            running.clear()
            reader.join()
    if job["status"] != "done":
        raise SystemExit(f"the job failed: {job['error']}")
    latencies.sort()
    print(f"{args.pages}-page PDF plan: searchable {searchable:.1f} s after the upload ({job['total']} chunks in the index after it)")
    print(f"/search during the job: {len(latencies)} requests, {errors} errors, p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {latencies[max(0, int(0.95 * len(latencies)) - 1)]:.1f} ms")


if __name__ == "__main__":
    main()
