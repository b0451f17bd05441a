"""Ingest benchmark: cold ingest of the bundled corpus, re-ingest of the unchanged corpus, peak RSS.

Run: .venv/bin/python bench/ingest_bench.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

from arrimage.runtime import run_ingest
from arrimage.settings import Settings


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp) / "index")
        started = time.perf_counter()
        summary = run_ingest(settings, list(settings.corpus), if_stale=False, show_progress=False)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        run_ingest(settings, list(settings.corpus), if_stale=False, show_progress=False)
        warm = time.perf_counter() - started
        started = time.perf_counter()
        again = run_ingest(settings, list(settings.corpus), if_stale=True, show_progress=False)
        stale_check = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model: {settings.embedding_model}  cores: {os.cpu_count()}")
    print(f"cold ingest: {summary['documents']} documents, {summary['chunks']} chunks in {cold:.1f} s "
          f"({summary['chunks'] / cold:.1f} chunks/s)")
    print(f"re-ingest, unchanged corpus (embeddings reused, index rewritten): {warm:.2f} s")
    print(f"ingest --if-stale, unchanged corpus ({again['status']}): {stale_check:.2f} s")
    print(f"peak RSS of the ingest process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
