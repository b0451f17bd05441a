"""Reviews applied to the aligner's pairs and to coverage: a confirmed link comes first among its source's
links and counts in coverage (even one the aligner did not propose), a rejected link is left out (unless
asked for), and a review whose unit's text changed since is marked stale ("à revoir")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from arrimage.align.aligner import AlignedPair, Aligner, Coverage

from .store import ReviewRecord, text_hash


@dataclass(frozen=True)
class LinkReview:
    id: int
    decision: str
    note: str
    reviewer: str
    created_at: datetime
    stale: bool  # a unit's text changed since the review: "à revoir"


Reviewed = tuple[AlignedPair, LinkReview | None]


def by_link(records: Sequence[ReviewRecord], aligner: Aligner) -> dict[tuple[str, str], LinkReview]:
    """The reviews of links between units the index holds, by (source id, target id)."""
    out = {}
    for r in records:
        if r.source_unit_id in aligner.by_id and r.target_unit_id in aligner.by_id:  # else it waits for its units
            out[r.source_unit_id, r.target_unit_id] = LinkReview(r.id, r.decision, r.note, r.reviewer, r.created_at,
                                                                 is_stale(r, aligner))
    return out


def is_stale(record: ReviewRecord, aligner: Aligner) -> bool:
    """A unit of the link is gone, or its text changed since the review: "à revoir"."""
    source, target = aligner.by_id.get(record.source_unit_id), aligner.by_id.get(record.target_unit_id)
    return (source is None or target is None or text_hash(source) != record.source_text_hash
            or text_hash(target) != record.target_text_hash)


def _pair(aligner: Aligner, source_id: str, target_id: str) -> AlignedPair:
    """The aligner's scoring of one link, whatever its label."""
    return aligner.align([aligner.index_of[source_id]], [aligner.index_of[target_id]], k=1, min_label="none")[0]


def apply(pairs: Sequence[AlignedPair], reviews: dict[tuple[str, str], LinkReview], aligner: Aligner,
          sources: Sequence[int], targets: Sequence[int], include_rejected: bool = False) -> list[Reviewed]:
    """The pairs with their reviews: confirmed links added when missing and put first for their source,
    rejected ones left out unless ``include_rejected``."""
    source_ids = {aligner.units[i].unit_id for i in sources}
    target_ids = {aligner.units[i].unit_id for i in targets}
    seen = {(p.source.unit_id, p.target.unit_id) for p in pairs}
    added = [_pair(aligner, s, t) for (s, t), r in reviews.items()
             if r.decision == "confirmed" and (s, t) not in seen and s in source_ids and t in target_ids]
    order = {u: i for i, u in enumerate(dict.fromkeys([*(p.source.unit_id for p in pairs), *(p.source.unit_id for p in added)]))}
    out = []
    for pair in [*pairs, *added]:
        review = reviews.get((pair.source.unit_id, pair.target.unit_id))
        if review is not None and review.decision == "rejected" and not include_rejected:
            continue
        out.append((pair, review))
    return sorted(out, key=lambda x: (order[x[0].source.unit_id], not _confirmed(reviews, x[0]), -x[0].probability))


def apply_to_coverage(result: Coverage, reviews: dict[tuple[str, str], LinkReview], aligner: Aligner,
                      sources: Sequence[int]) -> Coverage:
    """Coverage as the reviews have it: rejected links out, confirmed links in (first), gaps recomputed."""
    targets = [aligner.index_of[r.target.unit_id] for r in result.rows]
    reviewed = apply([p for r in result.rows for p in r.covering], reviews, aligner, sources, targets)
    by_target: dict[str, list[AlignedPair]] = {}
    for pair, _ in reviewed:
        by_target.setdefault(pair.target.unit_id, []).append(pair)
    rows = []
    for row in result.rows:
        covering = by_target.get(row.target.unit_id, [])
        # Confirmed links first (in the order `apply` gives them), then the others by probability.
        confirmed = [p for p in covering if _confirmed(reviews, p)]
        covering = [*confirmed, *sorted((p for p in covering if not _confirmed(reviews, p)), key=lambda p: -p.probability)]
        best = max((p.probability for p in covering), default=0.0)
        rows.append(replace(row, probability=best, label=aligner.calibration.label(best) if covering else "none",
                            covering=tuple(covering)))
    linked = {p.source.unit_id for r in rows for p in r.covering}
    return Coverage(
        rows=tuple(rows),
        uncovered_targets=tuple(r.target for r in rows if not r.covering and r.target.kind in ("objectif", "theme")),
        unaligned_sources=tuple(aligner.units[s] for s in sources if aligner.units[s].unit_id not in linked),
    )


def _confirmed(reviews: dict[tuple[str, str], LinkReview], pair: AlignedPair) -> bool:
    review = reviews.get((pair.source.unit_id, pair.target.unit_id))
    return review is not None and review.decision == "confirmed"
