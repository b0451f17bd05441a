"""Search latency over real HTTP: starts `arrimage serve` on the current index and sends 200 queries.

Run: .venv/bin/python bench/search_bench.py [--mode hybrid] [--n 200]   (after `arrimage ingest`)
Prints p50/p95 of POST /search (warm) and the server's resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "datasets" / "dev" / "questions.jsonl"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "bm25"])
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    queries = [questions[i % len(questions)] + ("" if i < len(questions) else f" {i}") for i in range(args.n)]
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1"}
    server = subprocess.Popen([sys.executable, "-m", "arrimage.cli", "serve"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.time() + 120
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("server did not become healthy")
                time.sleep(0.2)
            for q in questions[:10]:
                client.post("/search", json={"query": q, "mode": args.mode})
            latencies = []
            for q in queries:
                started = time.perf_counter()
                response = client.post("/search", json={"query": q, "k": 10, "mode": args.mode})
                latencies.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
        rss, peak = _rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    print(f"POST /search mode={args.mode}, {len(latencies)} queries over HTTP, warm")
    print(f"p50 {statistics.median(latencies):.1f} ms  p95 {p95:.1f} ms  max {latencies[-1]:.1f} ms")
    print(f"server RSS {rss:.0f} MB (peak {peak:.0f} MB)")


if __name__ == "__main__":
    main()
