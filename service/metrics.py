"""Prometheus metrics of the service, at `GET /metrics` (prometheus-client's exposition format).

- `arrimage_http_requests_total{method, route, status}` and `arrimage_http_request_duration_seconds{method, route}`:
  per route template (`/plans/{doc_id}/units`, never the raw path, so ids do not multiply the series; a
  path no route matches counts as `unmatched`), timed until the last byte of the response.
- `arrimage_index_documents`, `_chunks`, `_units`, `arrimage_index_loaded` and `arrimage_index_info{embedding_model}`:
  the index served, read at each scrape.
- `arrimage_ingest_jobs_total{status="submitted"|"done"|"failed"}` since the service started, and
  `arrimage_ingest_jobs_active{status="queued"|"running"}` now.

Each app has its own registry, so several apps in one process (the tests) do not share counters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from arrimage.runtime import NoIndex, Runtime

from .jobs import Jobs

# Seconds; /search and /ask answer in tens of milliseconds, an LLM answer or an upload in seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class _IndexCollector(Collector):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def collect(self) -> Iterator[Metric]:
        loaded = GaugeMetricFamily("arrimage_index_loaded", "1 when an index is loaded and served, else 0")
        try:
            searcher = self.runtime.searcher()
        except NoIndex:
            loaded.add_metric([], 0)
            yield loaded
            return
        loaded.add_metric([], 1)
        yield loaded
        data = searcher.data
        for name, value, help_text in (("documents", len(data.documents), "Documents in the index served"),
                                       ("chunks", len(data.chunks), "Passages (chunks) in the index served"),
                                       ("units", len(data.units), "Plan units in the index served")):
            yield GaugeMetricFamily(f"arrimage_index_{name}", help_text, value=value)
        info = GaugeMetricFamily("arrimage_index_info", "The embedding model of the index served", labels=["embedding_model"])
        info.add_metric([data.manifest.model_id], 1)
        yield info


class _JobsCollector(Collector):
    def __init__(self, jobs: Callable[[], Jobs | None]) -> None:
        self.jobs = jobs

    def collect(self) -> Iterator[Metric]:
        jobs = self.jobs()
        totals, now = jobs.counts() if jobs is not None else ({"submitted": 0, "done": 0, "failed": 0},
                                                               {"queued": 0, "running": 0})
        total = CounterMetricFamily("arrimage_ingest_jobs", "Ingest jobs since the service started", labels=["status"])
        for status, n in totals.items():
            total.add_metric([status], n)
        yield total
        current = GaugeMetricFamily("arrimage_ingest_jobs_active", "Ingest jobs queued or running now", labels=["status"])
        for status, n in now.items():
            current.add_metric([status], n)
        yield current


class Metrics:
    """The registry of one app: request counts and latencies observed by the access middleware, the index
    and the ingest jobs read at each scrape."""

    def __init__(self, runtime: Runtime, jobs: Callable[[], Jobs | None]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("arrimage_http_requests", "HTTP requests by route template, method and status",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("arrimage_http_request_duration_seconds", "Time to serve a request, to its last byte",
                                 ["method", "route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.registry.register(_IndexCollector(runtime))
        self.registry.register(_JobsCollector(jobs))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


router = APIRouter(tags=["service"])


@router.get("/metrics", response_class=Response, responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}})
def metrics(request: Request) -> Response:
    """Request counts and latencies per route, the index served and the ingest jobs, for Prometheus."""
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
