"""HTTP routes of the alignment: plan units, related units, alignment pairs and coverage."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, Literal

from arrimage.align.aligner import AlignedPair, Aligner, Coverage, coverage, coverage_sources
from arrimage.align.export import coverage_as
from arrimage.ingest.models import PlanUnit
from arrimage.reviews.apply import LinkReview, apply, apply_to_coverage, by_link, is_stale
from arrimage.reviews.store import ReviewRecord, ReviewStore
from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from .deps import AlignerDep, Compute, ReviewsDep, Writer
from .schemas import (
    ALIGN_PAGE_PAIRS,
    AlignRequest,
    AlignResponse,
    CoverageResponse,
    CoverageRowOut,
    ErrorBody,
    LinkReviewOut,
    PairOut,
    PlanUnits,
    RelatedRequest,
    RelatedResponse,
    ReviewIn,
    ReviewOut,
    UnitNode,
    UnitOut,
)


class UnknownPlan(LookupError):
    """A plan id that the index does not hold (404)."""


def unit_out(unit: PlanUnit, score: float | None = None, probability: float | None = None) -> UnitOut:
    record = asdict(unit)
    record.pop("char_start")
    fields: dict[str, str] = {}
    for name, value in unit.fields:
        fields[name] = f"{fields[name]} ; {value}" if name in fields else value
    return UnitOut(**{**record, "fields": fields}, score=score, probability=probability)


def pair_out(pair: AlignedPair, review: LinkReview | None = None) -> PairOut:
    return PairOut(source=unit_out(pair.source), target=unit_out(pair.target), probability=pair.probability, label=pair.label, score=pair.score,
                   signals=pair.signals, evidence=asdict(pair.evidence),
                   review=LinkReviewOut(**asdict(review)) if review else None)


router = APIRouter(tags=["alignment"])


_UNKNOWN_PLAN = {404: {"model": ErrorBody, "description": "Unknown plan"}}


@router.get("/plans/{doc_id}/units", response_model=PlanUnits, responses=_UNKNOWN_PLAN)
def plan_units(doc_id: str, aligner: AlignerDep, _: Compute = None) -> PlanUnits:
    if doc_id not in aligner.doc_ids:
        raise UnknownPlan(f"unknown plan {doc_id!r}; see GET /documents")
    units = [u for u in aligner.units if u.doc_id == doc_id]
    nodes = {u.unit_id: UnitNode(**unit_out(u).model_dump()) for u in units}
    roots = []
    for u in units:
        (nodes[u.parent_id].children if u.parent_id in nodes else roots).append(nodes[u.unit_id])
    return PlanUnits(doc_id=doc_id, units=roots)


@router.post("/related", response_model=RelatedResponse)
def related(body: RelatedRequest, aligner: AlignerDep, _: Compute = None) -> RelatedResponse:
    found = aligner.related(text=body.text, unit_id=body.unit_id, k=body.k, levels=body.levels, kinds=body.kinds,
                            exclude_doc_ids=body.exclude_doc_ids)
    return RelatedResponse(units=[unit_out(r.unit, r.score, r.probability) for r in found])


@router.post("/align", response_model=AlignResponse)
def align(body: AlignRequest, aligner: AlignerDep, store: ReviewsDep) -> Response:
    """Each source unit's best targets; a link a planner confirmed comes first, one rejected is left out.
    (Not a `Compute` route: alignment pages and coverage have their own bound of one, `heavy`, whose wait of up to
    10 s must not hold a place of the searches.)"""
    with heavy():
        return _align(body, aligner, store)


# Alignment pages and coverage are the service's largest requests (0.2 s of Python each): one at a time, the
# others wait, so that many at once cannot starve the rest of the service of the interpreter. Measured with
# bench/align_bench.py --http, 8 worst pages at once: /health answered within 0.54–0.61 s with no limit,
# 0.33 s with two at a time, 0.17–0.19 s with one, and the 8 all ended sooner (1.2 s against 1.5 s).
_HEAVY = threading.BoundedSemaphore(1)
# A request that waited this long finds the service saturated: 429 with Retry-After. The 8 worst pages at once
# all ended within 1.2 s in that benchmark, so only many more than that wait so long.
_WAIT_SECONDS = 10.0


class Saturated(RuntimeError):
    """Too many alignment requests at once (429, with Retry-After)."""

    retry_after = 5


@contextlib.contextmanager
def heavy() -> Iterator[None]:
    """Hold the one place for a large alignment or coverage computation, waiting at most _WAIT_SECONDS."""
    if not _HEAVY.acquire(timeout=_WAIT_SECONDS):
        raise Saturated(f"the service is busy with other alignments; retry in {Saturated.retry_after} s")
    try:
        yield
    finally:
        _HEAVY.release()


def _align(body: AlignRequest, aligner: Aligner, store: ReviewStore) -> Response:
    sources = aligner.select(body.source.doc_ids, body.source.levels)
    targets = aligner.select(body.target.doc_ids, body.target.levels, targets=True, kinds=body.kinds)
    per_source = body.k * max(1, len(body.kinds or ()))
    size = max(1, min(body.page_size, ALIGN_PAGE_PAIRS // per_source))
    page = sources[body.offset: body.offset + size]
    pairs = aligner.align(page, targets, k=body.k, min_label=body.min_label, by_kind=bool(body.kinds))
    reviewed = apply(pairs, by_link(store.all(), aligner), aligner, page, targets, body.include_rejected)
    following = body.offset + size
    return _json(AlignResponse(pairs=[pair_out(p, r) for p, r in reviewed], sources=len(sources),
                               next_offset=following if following < len(sources) else None))


def _json(model: BaseModel) -> Response:
    """A large response serialised here, in the worker thread (pydantic's serialiser), so that the event loop
    stays free for other requests (``/health`` waited 0.6 s behind 8 large pages serialised on it)."""
    return Response(model.model_dump_json(), media_type="application/json")


_TABLES = {"csv": ("text/csv; charset=utf-8", "csv"), "md": ("text/markdown; charset=utf-8", "md")}


@router.get("/coverage", response_model=CoverageResponse,
            responses={200: {"content": {media: {} for media, _ in _TABLES.values()},
                             "description": "JSON, or the coverage table as CSV (UTF-8 with a BOM) or Markdown"},
                       **_UNKNOWN_PLAN})
def plan_coverage(aligner: AlignerDep, store: ReviewsDep, target_doc_id: Annotated[str, Query(min_length=1)],
                  format: Literal["json", "csv", "md"] = "json") -> Response:
    """What covers each unit of a ministerial plan (reviews applied), and the gaps both ways."""
    result, reviews = _reviewed_coverage(aligner, store, target_doc_id)
    if format != "json":
        media, suffix = _TABLES[format]
        return Response(coverage_as(result, format, reviews), media_type=media, headers={
            "Content-Disposition": f'attachment; filename="couverture-{target_doc_id}.{suffix}"'})
    return _json(_coverage_out(result, reviews, target_doc_id))


def _reviewed_coverage(aligner: Aligner, store: ReviewStore, target_doc_id: str) -> tuple[Coverage, dict[tuple[str, str], LinkReview]]:
    if target_doc_id not in aligner.doc_ids:
        raise UnknownPlan(f"unknown plan {target_doc_id!r}; see GET /documents")
    reviews = by_link(store.all(), aligner)
    with heavy():
        result = apply_to_coverage(coverage(aligner, target_doc_id), reviews, aligner, coverage_sources(aligner, target_doc_id))
    return result, reviews


def reviewed_coverage(aligner: Aligner, store: ReviewStore, target_doc_id: str) -> CoverageResponse:
    """The coverage of a plan as ``GET /coverage`` gives it in JSON (the MCP tool's too)."""
    return _coverage_out(*_reviewed_coverage(aligner, store, target_doc_id), target_doc_id)


def _coverage_out(result: Coverage, reviews: dict[tuple[str, str], LinkReview], target_doc_id: str) -> CoverageResponse:
    rows = [
        CoverageRowOut(target=unit_out(r.target), probability=r.probability, label=r.label,
                       by_plan=dict(Counter(p.source.doc_id for p in r.covering)),
                       covering=[pair_out(p, reviews.get((p.source.unit_id, p.target.unit_id))) for p in r.covering])
        for r in result.rows
    ]
    return CoverageResponse(target_doc_id=target_doc_id, rows=rows,
                            uncovered_targets=[unit_out(u) for u in result.uncovered_targets],
                            unaligned_sources=[unit_out(u) for u in result.unaligned_sources])


@router.post("/reviews", status_code=201, response_model=ReviewOut, responses={401: {}, 403: {}, 422: {}})
def add_review(body: ReviewIn, _: Writer, aligner: AlignerDep, store: ReviewsDep) -> ReviewOut:
    """Confirm or reject a link (or add one the aligner did not propose); a new review of a link replaces the old."""
    record = store.add(aligner.unit(body.source_unit_id), aligner.unit(body.target_unit_id), body.decision, body.note,
                       body.reviewer)
    return _review_out(record, aligner)


@router.get("/reviews", response_model=list[ReviewOut])
def list_reviews(aligner: AlignerDep, store: ReviewsDep, doc_id: str | None = None) -> list[ReviewOut]:
    """Every review, or those of links with a unit of one plan; a review of a changed unit is stale."""
    return [_review_out(r, aligner) for r in store.all(doc_id)]


@router.delete("/reviews/{review_id}", status_code=204, responses={401: {}, 403: {}, 404: {}})
def delete_review(review_id: int, _: Writer, store: ReviewsDep) -> Response:
    if not store.remove(review_id):
        raise UnknownReview(f"no review {review_id}")
    return Response(status_code=204)


class UnknownReview(LookupError):
    """A review id the database does not hold (404)."""


def _review_out(record: ReviewRecord, aligner: Aligner) -> ReviewOut:
    fields = asdict(record)
    fields.pop("source_text_hash")
    fields.pop("target_text_hash")
    return ReviewOut(**fields, stale=is_stale(record, aligner))
