"""Ingest jobs of the running service: one worker thread takes them one at a time, so the index has a
single writer; each job reports its stage and progress, which `GET /jobs/{id}` and its event stream
show. Jobs live in memory: after a restart the added plans are in the index and the library, their
jobs are forgotten.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from arrimage.ingest.library import Previous
from arrimage.ingest.models import IngestError

from arrimage.runtime import Runtime

log = logging.getLogger("arrimage.jobs")
STATUSES = ("queued", "running", "done", "failed")
_KEPT = 200  # finished jobs remembered


@dataclass
class Job:
    job_id: str
    doc_id: str
    status: str = "queued"
    stage: str = "queued"
    done: int = 0
    total: int = 0
    error: str | None = None
    version: int = 0  # bumped on every change, for the event stream
    restore: Previous = field(default=None, repr=False)  # the plan it replaces, if any

    def public(self) -> dict:
        out = asdict(self)
        out.pop("restore")
        out.pop("version")
        return out


class UnknownJob(LookupError):
    """A job id this service has not seen (404)."""


class Jobs:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[tuple[Job, Path] | None] = queue.Queue()
        self._changed = threading.Condition()
        self._totals: Counter[str] = Counter()  # submitted, done, failed: since the service started
        self._worker = threading.Thread(target=self._run, name="arrimage-ingest", daemon=True)
        self._worker.start()

    def submit(self, doc_id: str, path: Path, restore: Previous = None) -> Job:
        job = Job(job_id=uuid.uuid4().hex[:16], doc_id=doc_id, restore=restore)
        with self._changed:
            self._jobs[job.job_id] = job
            self._totals["submitted"] += 1
            finished = [j for j in self._jobs.values() if j.status in ("done", "failed")]
            for old in finished[: max(0, len(finished) - _KEPT)]:
                del self._jobs[old.job_id]
        self._queue.put((job, path))
        return job

    def get(self, job_id: str) -> Job:
        with self._changed:
            job = self._jobs.get(job_id)
            if job is None:
                raise UnknownJob(f"no job {job_id!r}")
            return replace(job)

    def wait(self, job_id: str, after_version: int, timeout: float) -> Job:
        """The job once its version passes ``after_version`` (or as it is after ``timeout`` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self._jobs[job_id].version > after_version, timeout=timeout)
        return self.get(job_id)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Jobs since the service started (submitted, done, failed), and those queued or running now."""
        with self._changed:
            now = Counter(j.status for j in self._jobs.values() if j.status in ("queued", "running"))
            return ({s: self._totals[s] for s in ("submitted", "done", "failed")},
                    {s: now[s] for s in ("queued", "running")})

    def _update(self, job: Job, **changes) -> None:
        with self._changed:
            for k, v in changes.items():
                setattr(job, k, v)
            if changes.get("status") in ("done", "failed"):
                self._totals[changes["status"]] += 1
            job.version += 1
            self._changed.notify_all()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job, path = item
            self._update(job, status="running", stage="reading")
            try:
                self.runtime.add(path, lambda stage, done, total: self._update(job, stage=stage, done=done, total=total))
            except IngestError as exc:
                self.runtime.library.undo(job.doc_id, job.restore)
                self._update(job, status="failed", stage="failed", error=str(exc))
            except Exception as exc:  # noqa: BLE001 - a job fails alone; the served index stays as it was
                log.exception("ingest job %s failed", job.job_id)
                self.runtime.library.undo(job.doc_id, job.restore)
                self._update(job, status="failed", stage="failed", error=f"{path.name}: {type(exc).__name__}: {exc}")
            else:
                self._update(job, status="done", stage="done")

    def stop(self) -> None:
        self._queue.put(None)
