"""HTTP routes of the alignment: plan units, related units, alignment pairs and coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Annotated

from arrimage.align.aligner import AlignedPair, coverage, label_of
from arrimage.ingest.models import PlanUnit
from fastapi import APIRouter, Query

from .deps import AlignerDep
from .schemas import (
    AlignRequest,
    AlignResponse,
    CoverageResponse,
    CoverageRowOut,
    PairOut,
    PlanUnits,
    RelatedRequest,
    RelatedResponse,
    UnitNode,
    UnitOut,
)


class UnknownPlan(LookupError):
    """A plan id that the index does not hold (404)."""


def unit_out(unit: PlanUnit, score: float | None = None) -> UnitOut:
    record = asdict(unit)
    record.pop("char_start")
    fields: dict[str, str] = {}
    for name, value in unit.fields:
        fields[name] = f"{fields[name]} ; {value}" if name in fields else value
    return UnitOut(**{**record, "fields": fields}, score=score)


def pair_out(pair: AlignedPair) -> PairOut:
    return PairOut(source=unit_out(pair.source), target=unit_out(pair.target), score=pair.score, label=pair.label,
                   signals=pair.signals, evidence=asdict(pair.evidence))


router = APIRouter(tags=["alignment"])


@router.get("/plans/{doc_id}/units", response_model=PlanUnits)
def plan_units(doc_id: str, aligner: AlignerDep) -> PlanUnits:
    if doc_id not in aligner.doc_ids:
        raise UnknownPlan(f"unknown plan {doc_id!r}; see GET /documents")
    units = [u for u in aligner.units if u.doc_id == doc_id]
    nodes = {u.unit_id: UnitNode(**unit_out(u).model_dump()) for u in units}
    roots = []
    for u in units:
        (nodes[u.parent_id].children if u.parent_id in nodes else roots).append(nodes[u.unit_id])
    return PlanUnits(doc_id=doc_id, units=roots)


@router.post("/related", response_model=RelatedResponse)
def related(body: RelatedRequest, aligner: AlignerDep) -> RelatedResponse:
    found = aligner.related(text=body.text, unit_id=body.unit_id, k=body.k, levels=body.levels,
                            exclude_doc_ids=body.exclude_doc_ids)
    return RelatedResponse(units=[unit_out(u, score) for u, score in found])

@router.post("/align", response_model=AlignResponse)
def align(body: AlignRequest, aligner: AlignerDep) -> AlignResponse:
    sources = aligner.select(body.source.doc_ids, body.source.levels)
    targets = aligner.select(body.target.doc_ids, body.target.levels, targets=True)
    return AlignResponse(pairs=[pair_out(p) for p in aligner.align(sources, targets, k=body.k, min_label=body.min_label)])

@router.get("/coverage", response_model=CoverageResponse)
def plan_coverage(aligner: AlignerDep, target_doc_id: Annotated[str, Query(min_length=1)]) -> CoverageResponse:
    if target_doc_id not in aligner.doc_ids:
        raise UnknownPlan(f"unknown plan {target_doc_id!r}; see GET /documents")
    result = coverage(aligner, target_doc_id)
    rows = [
        CoverageRowOut(target=unit_out(r.target), score=r.score, label=label_of(r.score) if r.covering else "none",
                       by_plan=dict(Counter(p.source.doc_id for p in r.covering)),
                       covering=[pair_out(p) for p in r.covering])
        for r in result.rows
    ]
    return CoverageResponse(target_doc_id=target_doc_id, rows=rows,
                            uncovered_targets=[unit_out(u) for u in result.uncovered_targets],
                            unaligned_sources=[unit_out(u) for u in result.unaligned_sources])
