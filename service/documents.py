"""Bring your own plan: upload it (`POST /documents`), follow its ingest job, delete it, fetch its file.

Writes need `Authorization: Bearer $ARRIMAGE_ADMIN_TOKEN`; with no token configured they are refused
(403) with the way to enable them. Reads stay open.
"""

from __future__ import annotations

import asyncio
import json
import mimetypes
from pathlib import Path
from typing import Annotated

from arrimage.ingest.library import meta_for
from arrimage.ingest.models import LEVELS
from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import FileResponse, StreamingResponse

from arrimage.runtime import UnknownDocument

from .deps import SearcherDep, Writer
from .jobs import Job
from .schemas import JobOut, UploadAccepted

router = APIRouter(tags=["documents"])
_READ_CHUNK = 1 << 20


class TooLarge(ValueError):
    """An upload over ARRIMAGE_MAX_UPLOAD_MB (413)."""


def _job_out(job: Job) -> JobOut:
    return JobOut(**job.public())


async def _read_limited(upload: UploadFile, limit_mb: float) -> bytes:
    limit = int(limit_mb * 1024 * 1024)
    data = bytearray()
    while chunk := await upload.read(_READ_CHUNK):
        data += chunk
        if len(data) > limit:
            raise TooLarge(f"{upload.filename}: over {limit_mb:g} MB (ARRIMAGE_MAX_UPLOAD_MB)")
    return bytes(data)


@router.post("/documents", status_code=202, response_model=UploadAccepted,
             responses={401: {}, 403: {}, 409: {}, 413: {}, 415: {}, 422: {}})
async def upload(request: Request, _: Writer, searcher: SearcherDep,
                 file: Annotated[UploadFile, File(description="A PDF, .txt or .md plan (judged by its content)")],
                 title: Annotated[str | None, Form(max_length=300)] = None,
                 organization: Annotated[str | None, Form(max_length=300)] = None,
                 level: Annotated[str | None, Form(description=f"One of {', '.join(LEVELS)}")] = None,
                 period: Annotated[str | None, Form(max_length=40)] = None,
                 doc_id: Annotated[str | None, Form(max_length=120)] = None,
                 structure: Annotated[str | None, Form(max_length=4000, description=(
                     'What the plan says of its levels, as JSON: {"words": {"pilier": "axe", "engagement": "objectif"}}, '
                     '{"levels": ["axe", "objectif", "action"]}, {"numbered": {"a)": "action"}}, {"lists": {"objectif": "moyen"}}, '
                     '{"leads": {"ce que nous visons": "objectif"}}'
                 ))] = None,
                 replace: Annotated[bool, Form()] = False) -> UploadAccepted:
    """Add a plan: it is kept, ingested by a background job, and searchable once the job is done."""
    runtime = request.app.state.runtime
    data = await _read_limited(file, runtime.settings.max_upload_mb)
    filename = Path(file.filename or "plan").name
    meta = meta_for(filename, title, organization, level, period, doc_id, structure)
    path, previous = await asyncio.to_thread(runtime.add_to_library, data, filename, meta, replace)
    job = request.app.state.jobs.submit(meta.doc_id, path, previous)
    return UploadAccepted(job_id=job.job_id, doc_id=job.doc_id, status=job.status)


@router.get("/jobs/{job_id}", response_model=JobOut, responses={404: {}})
def job_status(request: Request, job_id: str) -> JobOut:
    return _job_out(request.app.state.jobs.get(job_id))


@router.get("/jobs/{job_id}/events", responses={200: {"content": {"text/event-stream": {}}}, 404: {}})
def job_events(request: Request, job_id: str) -> StreamingResponse:
    """The job's progress as server-sent events (`progress`, then `done` or `failed`), the same JSON as GET."""
    jobs = request.app.state.jobs
    first = jobs.get(job_id)

    def events():
        job, version = first, -1
        while True:
            if job.version != version:
                version = job.version
                name = job.status if job.status in ("done", "failed") else "progress"
                yield f"event: {name}\ndata: {json.dumps(_job_out(job).model_dump(), ensure_ascii=False)}\n\n"
                if name != "progress":
                    return
            job = jobs.wait(job_id, version, timeout=15)
            if job.version == version:
                yield ": keep-alive\n\n"

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.delete("/documents/{doc_id}", status_code=204, responses={401: {}, 403: {}, 404: {}, 409: {}})
async def delete_document(request: Request, _: Writer, doc_id: str) -> Response:
    """Remove a plan from search, units, alignment and coverage (and its file, when it was uploaded)."""
    await asyncio.to_thread(request.app.state.runtime.remove, doc_id)
    return Response(status_code=204)


@router.get("/documents/{doc_id}/file", responses={200: {"content": {"application/pdf": {}, "text/plain": {}}}, 404: {}})
def document_file(doc_id: str, searcher: SearcherDep) -> FileResponse:
    """The plan's original file; a citation opens it at its page with `#page=N`."""
    document = searcher.documents.get(doc_id)
    if document is None:
        raise UnknownDocument(f"no document {doc_id!r}; see GET /documents")
    path = Path(document.meta.source)
    if not path.is_file():
        raise UnknownDocument(f"the file of {doc_id!r} is no longer on the server")
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return FileResponse(path, media_type=media, filename=path.name, content_disposition_type="inline")
