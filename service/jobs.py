"""Ingest jobs of the running service: one thread per server process takes them one at a time, and the
runtime's writer lock lets one job of any process write the index at once; each job reports its stage and
progress, which `GET /jobs/{id}` and its event stream show.

A job is also written to a file of a folder the server's processes share (``ARRIMAGE_INDEX_DIR/jobs``), so
that with several workers any of them answers for a job another one runs. Jobs are progress reports, not
data: a job whose process stopped before it finished reads as failed.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import tempfile
import threading
import time
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
_JOB_ID = re.compile(r"[0-9a-f]{16}")
_POLL = 0.25  # seconds between two reads of another process's job


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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0


class Jobs:
    def __init__(self, runtime: Runtime, directory: Path | None = None) -> None:
        self.runtime = runtime
        self.directory = directory  # shared by the server's processes; None: jobs stay in this process
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
            self._publish(job)
        self._forget_old_files()
        self._queue.put((job, path))
        return job

    def get(self, job_id: str) -> Job:
        with self._changed:
            job = self._jobs.get(job_id)
            if job is not None:
                return replace(job)
        return self._read(job_id)

    def wait(self, job_id: str, after_version: int, timeout: float) -> Job:
        """The job once its version passes ``after_version`` (or as it is after ``timeout`` seconds)."""
        with self._changed:
            if job_id in self._jobs:
                self._changed.wait_for(lambda: self._jobs[job_id].version > after_version, timeout=timeout)
                return replace(self._jobs[job_id])
        deadline = time.monotonic() + timeout  # another process's job: read its file until it changes
        while (job := self._read(job_id)).version <= after_version and job.status not in ("done", "failed") \
                and time.monotonic() < deadline:
            time.sleep(_POLL)
        return job

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
            self._publish(job)
            self._changed.notify_all()

    # ---- the shared folder -----------------------------------------------------------------------------------

    def _publish(self, job: Job) -> None:
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=f".{job.job_id}.")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({**job.public(), "version": job.version, "pid": os.getpid()}, f)
            os.replace(tmp, self.directory / f"{job.job_id}.json")
        except OSError:  # other processes will not see this job; this one still does
            log.warning("job %s not shared with the other workers", job.job_id, exc_info=True)

    def _read(self, job_id: str) -> Job:
        if self.directory is None or not _JOB_ID.fullmatch(job_id):
            raise UnknownJob(f"no job {job_id!r}")
        try:
            raw = json.loads((self.directory / f"{job_id}.json").read_text(encoding="utf-8"))
            pid = raw.pop("pid")
            job = Job(**raw)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise UnknownJob(f"no job {job_id!r}") from exc
        if job.status in ("queued", "running") and not _alive(pid):
            job = replace(job, status="failed", stage="failed", error="the server process running this job stopped before it finished")
        return job

    def _forget_old_files(self) -> None:
        if self.directory is None:
            return
        files = sorted(self.directory.glob("*.json"), key=_mtime)
        for old in files[: max(0, len(files) - _KEPT)]:
            old.unlink(missing_ok=True)

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
                with self.runtime.writing():
                    self.runtime.library.undo(job.doc_id, job.restore)
                self._update(job, status="failed", stage="failed", error=str(exc))
            except Exception as exc:  # noqa: BLE001 - a job fails alone; the served index stays as it was
                log.exception("ingest job %s failed", job.job_id)
                with self.runtime.writing():
                    self.runtime.library.undo(job.doc_id, job.restore)
                self._update(job, status="failed", stage="failed", error=f"{path.name}: {type(exc).__name__}: {exc}")
            else:
                self._update(job, status="done", stage="done")

    def stop(self) -> None:
        self._queue.put(None)
