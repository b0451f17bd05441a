"""Query-embedding cache: a question asked again skips the encoder.

In process: the dev questions searched (hybrid) once, then again, then again with other spacing, through
`arrimage.runtime.load_searcher` (the real model, the real index); the encoder's calls are counted under
the cache. Over HTTP: `POST /search` p50/p95 for questions new to the server, then for the same again.

Run: .venv/bin/python bench/query_cache_bench.py   (after `arrimage ingest`)
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import httpx
from arrimage.index.query_cache import CachedQueries
from serving import served

from arrimage.runtime import load_searcher
from arrimage.settings import get_settings

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "datasets" / "dev" / "questions.jsonl"


class _Counting:
    """The encoder, counting its query calls."""

    def __init__(self, embedder) -> None:
        self.inner, self.model_id, self.dimension, self.calls = embedder, embedder.model_id, embedder.dimension, 0

    def embed_query(self, text: str):
        self.calls += 1
        return self.inner.embed_query(text)

    def embed_documents(self, texts: list[str]):
        return self.inner.embed_documents(texts)


def _p(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    return f"p50 {statistics.median(ordered):.1f} ms  p95 {ordered[max(0, int(0.95 * len(ordered)) - 1)]:.1f} ms"


def in_process(questions: list[str]) -> None:
    settings = get_settings()
    searcher = load_searcher(settings)
    cache = searcher.embedder
    assert isinstance(cache, CachedQueries)
    counting = cache.inner = _Counting(cache.inner)
    print(f"in process, {len(questions)} dev questions, hybrid, cache size {cache.size} (ARRIMAGE_QUERY_CACHE_SIZE)")
    for label, variant in (("new", lambda q: q), ("asked again", lambda q: q), ("again, other spacing", lambda q: f"  {q.replace(' ', '  ')} ")):
        before, latencies = counting.calls, []
        for q in questions:
            started = time.perf_counter()
            searcher.search(variant(q), k=10, mode="hybrid")
            latencies.append((time.perf_counter() - started) * 1000)
        print(f"  {label:22} {_p(latencies)}   encoder calls {counting.calls - before}")


def over_http(questions: list[str]) -> None:
    with served() as (base, _), httpx.Client(base_url=base, timeout=30) as client:
        for q in questions[:5]:  # warm-up, with other questions
            client.post("/search", json={"query": f"{q} (échauffement)"})
        rounds = {}
        for label in ("new", "asked again"):
            latencies = []
            for q in questions:
                started = time.perf_counter()
                client.post("/search", json={"query": q, "k": 10, "mode": "hybrid"}).raise_for_status()
                latencies.append((time.perf_counter() - started) * 1000)
            rounds[label] = latencies
    print(f"over HTTP, POST /search hybrid, {len(questions)} dev questions, one at a time")
    for label, latencies in rounds.items():
        print(f"  {label:22} {_p(latencies)}")


def main() -> None:
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    in_process(questions)
    over_http(questions)


if __name__ == "__main__":
    main()
