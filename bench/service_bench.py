"""Service latency over real HTTP: starts `arrimage serve` on the current index and sends N questions
to POST /search, to POST /ask (extractive), to POST /ask with stream=true (time to first token), to
POST /v1/chat/completions with stream=true (time to the first chunk with text) and to POST /related.

Run: .venv/bin/python bench/service_bench.py [--mode hybrid] [--n 200]   (after `arrimage ingest`)
Prints p50/p95 of each (warm, one request at a time) and the server's resident memory.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import httpx
from serving import served

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "datasets" / "dev" / "questions.jsonl"


def _rss_mb(pid: int) -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _percentiles(label: str, latencies: list[float]) -> str:
    latencies = sorted(latencies)
    p95 = latencies[max(0, int(0.95 * len(latencies)) - 1)]
    return f"{label}: p50 {statistics.median(latencies):.1f} ms  p95 {p95:.1f} ms  max {latencies[-1]:.1f} ms"


def _time(client: httpx.Client, path: str, body: dict) -> float:
    started = time.perf_counter()
    client.post(path, json=body).raise_for_status()
    return (time.perf_counter() - started) * 1000


def _first_token(client: httpx.Client, question: str) -> float:
    started = time.perf_counter()
    with client.stream("POST", "/ask", json={"question": question, "stream": True}) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if line.startswith("event: token"):
                return (time.perf_counter() - started) * 1000
    raise RuntimeError("no token event")


def _first_chunk(client: httpx.Client, question: str) -> float:
    """Time to the first chunk of the OpenAI-compatible stream that carries text (the role chunk comes before)."""
    started = time.perf_counter()
    body = {"model": "arrimage", "stream": True, "messages": [{"role": "user", "content": question}]}
    with client.stream("POST", "/v1/chat/completions", json=body) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if line.startswith("data: {") and json.loads(line[6:])["choices"][0]["delta"].get("content"):
                return (time.perf_counter() - started) * 1000
    raise RuntimeError("no chunk with text")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "bm25"])
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    queries = [questions[i % len(questions)] + ("" if i < len(questions) else f" {i}") for i in range(args.n)]
    with served() as (base, server), httpx.Client(base_url=base, timeout=30) as client:
        for q in questions[:10]:
            client.post("/search", json={"query": q, "mode": args.mode})
            client.post("/ask", json={"question": q})
        # Each measure asks questions the server has not embedded yet (the query embeddings are cached):
        # a suffix makes every text new, so every figure includes embedding the question.
        search = [_time(client, "/search", {"query": f"{q} (s)", "k": 10, "mode": args.mode}) for q in queries]
        ask = [_time(client, "/ask", {"question": f"{q} (a)"}) for q in queries]
        repeated = [_time(client, "/ask", {"question": f"{q} (a)"}) for q in queries]
        first_token = [_first_token(client, f"{q} (t)") for q in queries]
        first_chunk = [_first_chunk(client, f"{q} (c)") for q in queries]
        related = [_time(client, "/related", {"text": q, "k": 5}) for q in queries]
        rss, peak = _rss_mb(server.pid)
    print(f"{len(queries)} questions over HTTP, warm, one at a time")
    print(_percentiles(f"POST /search mode={args.mode}", search))
    print(_percentiles("POST /ask (extractive)", ask))
    print(_percentiles("POST /ask, the same question again (its embedding cached)", repeated))
    print(_percentiles("POST /ask stream, first token", first_token))
    print(_percentiles("POST /v1/chat/completions stream, first chunk with text", first_chunk))
    print(_percentiles("POST /related (free text, k=5)", related))
    print(f"server RSS {rss:.0f} MB (peak {peak:.0f} MB)")


if __name__ == "__main__":
    main()
