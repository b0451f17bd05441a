"""Load test: 50 clients at once on mixed routes, for a bounded time, against 1 and then 2 workers.

Starts `arrimage serve --workers N` on 127.0.0.1 (a free port, the current settings and index) for each N,
warms it up, then runs CLIENTS concurrent clients (asyncio, keep-alive) for DURATION seconds. Each client
sends one request after another, drawn from this mix:

    POST /search (hybrid)   40%   half of them one of 20 frequent questions, half a question never asked
    POST /ask (extractive)  20%   the same split (--new-share changes it: 0 makes every question a frequent one)
    POST /related (text)    10%   a frequent question
    GET  /documents         10%
    GET  /plans/{id}/units  10%
    GET  /health            10%

A "new" question is a dev question with a number that makes its text unique, so it is embedded; the frequent
ones are the cache's case. Reported per N: requests per second, errors (any status but 2xx, any transport
error), p50/p95 of all requests and per route, the client's own CPU (it runs on the same cores as the
server), and the server's memory: RSS summed over its processes and PSS (pages shared between workers are
counted once, split between them).

Run: .venv/bin/python bench/load_bench.py [--workers 1 2] [--clients 50] [--duration 30] [--new-share 0.5]
     (after `arrimage ingest`)
Sends nothing anywhere but the server it starts on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import statistics
import time
from pathlib import Path

import httpx
from serving import served

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "datasets" / "dev" / "questions.jsonl"
ROUTES = ("search new", "search frequent", "ask new", "ask frequent", "related", "documents", "units", "health")


def mix(new_share: float) -> tuple[tuple[str, float], ...]:
    """Weights of the routes: 40% search and 20% ask (``new_share`` of them new questions), 10% each other."""
    return (("search new", 40 * new_share), ("search frequent", 40 * (1 - new_share)), ("ask new", 20 * new_share),
            ("ask frequent", 20 * (1 - new_share)), ("related", 10), ("documents", 10), ("units", 10), ("health", 10))


def _memory(pid: int) -> tuple[float, float]:
    """RSS and PSS in MB, summed over the server process and its children (the workers)."""
    pids, rss, pss = [pid], 0.0, 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.is_file():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            rollup = dict(line.split(":", 1) for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines()[1:])
        except OSError:
            continue
        rss += int(rollup["Rss"].split()[0]) / 1024
        pss += int(rollup["Pss"].split()[0]) / 1024
    return rss, pss


class Load:
    def __init__(self, questions: list[str], doc_ids: list[str], seed: int, new_share: float) -> None:
        self.questions, self.doc_ids = questions, doc_ids
        self.frequent = questions[:20]
        self.random = random.Random(seed)
        self.counter = itertools.count()
        self.results: list[tuple[str, int, float]] = []  # route, status (0: transport error), ms
        self.failures: dict[str, int] = {}  # transport errors by kind
        self.failure_samples: list[dict] = []  # the first transport errors: what, when, on which route
        self.started = time.monotonic()
        self.routes, weights = zip(*mix(new_share))
        self.cumulative = list(itertools.accumulate(weights))

    def request(self) -> tuple[str, str, str, dict | None]:
        route = self.random.choices(self.routes, cum_weights=self.cumulative)[0]
        new = f"{self.random.choice(self.questions)} {next(self.counter)}"
        frequent = self.random.choice(self.frequent)
        return {
            "search new": (route, "POST", "/search", {"query": new, "k": 10, "mode": "hybrid"}),
            "search frequent": (route, "POST", "/search", {"query": frequent, "k": 10, "mode": "hybrid"}),
            "ask new": (route, "POST", "/ask", {"question": new}),
            "ask frequent": (route, "POST", "/ask", {"question": frequent}),
            "related": (route, "POST", "/related", {"text": frequent, "k": 5}),
            "documents": (route, "GET", "/documents", None),
            "units": (route, "GET", f"/plans/{self.random.choice(self.doc_ids)}/units", None),
            "health": (route, "GET", "/health", None),
        }[route]

    async def client(self, http: httpx.AsyncClient, until: float, record: bool) -> None:
        while time.monotonic() < until:
            route, method, path, body = self.request()
            started = time.perf_counter()
            try:
                response = await http.request(method, path, json=body)
                status = response.status_code
            except httpx.HTTPError as exc:
                status = 0
                if record:
                    self.failures[type(exc).__name__] = self.failures.get(type(exc).__name__, 0) + 1
                    if len(self.failure_samples) < 10:
                        self.failure_samples.append({
                            "route": route, "error": f"{type(exc).__name__}: {exc!r} from {exc.__cause__ or exc.__context__!r}",
                            "after_ms": round((time.perf_counter() - started) * 1000, 1),
                            "at_s": round(time.monotonic() - self.started, 2)})
            if record:
                self.results.append((route, status, (time.perf_counter() - started) * 1000))


def _p(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(ordered[max(0, int(0.95 * len(ordered)) - 1)], 1)}


async def _run(base: str, load: Load, clients: int, seconds: float, record: bool) -> float:
    # A connection idle for 4 s is dropped by the client, before uvicorn's keep-alive timeout (5 s) closes it: with
    # both at 5 s (httpx's default), a request sent on a connection the server was closing at that instant failed
    # with ReadError (the transport errors of the all-cached runs; docs/figures.md "Load").
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=4.0)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        started = time.monotonic()
        await asyncio.gather(*(load.client(http, started + seconds, record) for _ in range(clients)))
        return time.monotonic() - started


def measure(workers: int, clients: int, duration: float, warmup: float, questions: list[str], new_share: float) -> dict:
    with served(args=["--workers", str(workers)]) as (base, server):
        assert httpx.URL(base).host == "127.0.0.1"
        doc_ids = [d["doc_id"] for d in httpx.get(f"{base}/documents", timeout=30).json()]
        load = Load(questions, doc_ids, seed=workers, new_share=new_share)
        asyncio.run(_run(base, load, clients, warmup, record=False))  # every worker loaded and warm
        cpu = time.process_time()
        load.started = time.monotonic()
        elapsed = asyncio.run(_run(base, load, clients, duration, record=True))
        client_cpu = (time.process_time() - cpu) / elapsed
        rss, pss = _memory(server.pid)
    results = load.results
    errors = [r for r in results if not 200 <= r[1] < 300]
    by_route = {route: {"n": len(lat), **_p(lat)} for route in ROUTES
                if (lat := [ms for r, _, ms in results if r == route])}
    return {"workers": workers, "clients": clients, "new_share": new_share, "seconds": round(elapsed, 1), "requests": len(results),
            "requests_per_s": round(len(results) / elapsed, 1), "errors": len(errors),
            "error_statuses": sorted({r[1] for r in errors}), "transport_errors": load.failures,
            "transport_error_samples": load.failure_samples, **_p([ms for _, _, ms in results]),
            "client_cpu_cores": round(client_cpu, 2), "server_rss_mb": round(rss), "server_pss_mb": round(pss),
            "routes": by_route}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30, help="seconds measured, per worker count")
    parser.add_argument("--warmup", type=float, default=10, help="seconds of load before measuring")
    parser.add_argument("--new-share", type=float, default=0.5, help="share of /search and /ask questions never asked before")
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    for workers in args.workers:
        result = measure(workers, args.clients, args.duration, args.warmup, questions, args.new_share)
        print(f"{workers} worker(s), {result['clients']} clients, new questions {args.new_share:.0%} of searches, {result['seconds']} s: {result['requests_per_s']} requests/s, "
              f"{result['errors']} errors {result['transport_errors'] or result['error_statuses'] or ''}, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms; "
              f"client {result['client_cpu_cores']} core; server RSS {result['server_rss_mb']} MB, PSS {result['server_pss_mb']} MB")
        for sample in result["transport_error_samples"]:
            print(f"    transport error: {sample}")
        for route, figures in result["routes"].items():
            print(f"    {route:16} n={figures['n']:5}  p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms")
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
