"""Score alignment on labelled pairs: P@1, Hit@3 of the gold ministerial unit, hard negatives first.

Each pair quotes a source unit and a target unit; a quote is matched to the unit of its plan whose
title or text holds it (letters and digits only, case folded).

Protocol, per plan pair (as a planner aligns one plan with one ministerial plan, and as ``POST
/align`` with target ``doc_ids`` answers): for every source unit with labelled targets in a
ministerial plan, that plan's objectifs, mesures and themes are ranked for it. P@1 counts a gold
(strong or partial) target first, Hit@3 one in the top three, and "hard negatives first" a labelled
hard negative ranked first. Links the source's own plan declares (a regional action filed under a
theme) are given, not guessed: they are left out of the ranking, and a gold pair that is one is
counted apart.

``rows`` scores a target (in process or over HTTP) this way for ``arrimage eval all``, one row per
(source unit, ministerial plan). ``evaluate_alignment`` is the in-process study behind ``arrimage eval
alignment``: every signal alone, the figures pooled over all ministerial plans at once, and the label
thresholds against the gold labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from arrimage.align.aligner import LABELS, SIGNALS, WEIGHTS, Aligner
from arrimage.ingest.models import PlanUnit, ancestors

from .datasets import AlignmentPair
from .quotes import skeleton
from .runs import QuestionRow
from .stats import Ratio
from .targets import Target

METRICS = ("P@1", "Hit@3", "hard negatives first")
LOWER_IS_BETTER = ("hard negatives first",)
RANKED = 3  # the ranks judged (Hit@3)
SIGNAL_SETS = {**{name: {name: 1.0} for name in SIGNALS}, "combined": WEIGHTS}


def metric_id(metric: str) -> str:
    return f"alignment/{metric}"


@dataclass(frozen=True)
class Query:
    """A source unit and a ministerial plan, with the labelled targets of that plan."""

    source: PlanUnit
    target_doc_id: str
    gold: frozenset[str]
    negatives: frozenset[str]


@dataclass(frozen=True)
class Labelled:
    queries: tuple[Query, ...]
    located: tuple[tuple[AlignmentPair, PlanUnit, PlanUnit], ...]
    unmatched: tuple[dict[str, str], ...]
    declared: int  # gold pairs the source's own plan declares


def locate(quote: str, doc_id: str, units: Sequence[PlanUnit]) -> PlanUnit | None:
    """The unit of ``doc_id`` whose title or text holds the quote (or whose title the quote holds)."""
    needle = skeleton(quote)
    best: tuple[int, PlanUnit] | None = None
    for unit in units:
        if unit.doc_id != doc_id:
            continue
        title, text = skeleton(unit.title), skeleton(unit.text)
        if needle and (needle in title or needle in text or (len(title) > 15 and title in needle)):
            rank = 2 if needle in title or title in needle else 1
            if best is None or rank > best[0]:
                best = (rank, unit)
    return best[1] if best else None


def labelled(pairs: Sequence[AlignmentPair], units: Sequence[PlanUnit]) -> Labelled:
    """The pairs matched to units and grouped into queries; declared links counted apart."""
    by_id = {u.unit_id: u for u in units}
    located, unmatched = [], []
    gold: dict[tuple[str, str], set[str]] = {}
    negatives: dict[tuple[str, str], set[str]] = {}
    declared = 0
    for p in pairs:
        s, t = locate(p.source_quote, p.source_doc_id, units), locate(p.target_quote, p.target_doc_id, units)
        if s is None or t is None:
            unmatched.append({"id": p.pid, "side": "source" if s is None else "target"})
            continue
        located.append((p, s, t))
        if t in ancestors(s, by_id):
            declared += p.label != "none"
            continue
        key = (s.unit_id, t.doc_id)
        if p.label in ("strong", "partial"):
            gold.setdefault(key, set()).add(t.unit_id)
        if p.hard_negative:
            negatives.setdefault(key, set()).add(t.unit_id)
    queries = tuple(Query(by_id[s], doc, frozenset(gold.get((s, doc), ())), frozenset(negatives.get((s, doc), ())))
                    for s, doc in sorted(set(gold) | set(negatives)))
    return Labelled(queries, tuple(located), tuple(unmatched), declared)


def query_scores(ranked: Sequence[str], query: Query) -> dict[str, Ratio]:
    """The metrics of one query from its ranked target ids (declared links already left out)."""
    top = list(ranked[:RANKED])
    first = top[0] if top else None
    return {
        "P@1": (float(first in query.gold), 1.0) if query.gold else (0.0, 0.0),
        "Hit@3": (float(bool(set(top) & query.gold)), 1.0) if query.gold else (0.0, 0.0),
        "hard negatives first": (float(first in query.negatives), 1.0) if query.negatives else (0.0, 0.0),
    }


def _pooled(scores: Iterable[dict[str, Ratio]]) -> dict[str, float]:
    totals = {m: [0.0, 0.0] for m in METRICS}
    for s in scores:
        for m in METRICS:
            totals[m][0] += s[m][0]
            totals[m][1] += s[m][1]
    return {m: round(num / den, 4) if den else float("nan") for m, (num, den) in totals.items()}


def rows(target: Target, pairs: Sequence[AlignmentPair]) -> tuple[list[QuestionRow], Labelled]:
    """One row per query, scored through ``target.align`` (the same path as ``POST /align``)."""
    units = target.units()
    by_id = {u.unit_id: u for u in units}
    found = labelled(pairs, units)
    # A source's declared links (its ancestors) may rank first: ask for as many more as it has.
    depth: dict[tuple[str, str], int] = {}
    for q in found.queries:
        plans = (q.source.doc_id, q.target_doc_id)
        depth[plans] = max(depth.get(plans, 0), len(ancestors(q.source, by_id)))
    ranked = {plans: target.align(*plans, k=RANKED + extra) for plans, extra in sorted(depth.items())}
    out = []
    for q in found.queries:
        given = {a.unit_id for a in ancestors(q.source, by_id)}
        order = [t for t in ranked[(q.source.doc_id, q.target_doc_id)].get(q.source.unit_id, []) if t not in given]
        scores = {metric_id(m): v for m, v in query_scores(order, q).items()}
        out.append(QuestionRow(qid=f"{q.source.unit_id} → {q.target_doc_id}", question=q.source.title, kind="alignment",
                               answerable=True, scores=scores, gold=tuple(sorted(q.gold))))
    return out, found


def _per_kind(aligner: Aligner, found: Labelled, row_of: dict[str, int], targets: list[int], scores: np.ndarray,
              declared: np.ndarray) -> dict[str, float]:
    """The combined ranking within each kind of the ministerial plan (as ``POST /align`` with ``kinds`` answers):
    a query counts once for each kind its gold targets (or hard negatives) are of, orientations and axes
    included, and its targets of that kind alone are ranked. ``scores`` and ``declared``: (sources × targets)."""
    ids = np.array([aligner.units[t].unit_id for t in targets])
    docs = np.array([aligner.units[t].doc_id for t in targets])
    kinds = np.array([aligner.units[t].kind for t in targets])
    by_id = aligner.by_id
    out = []
    for q in found.queries:
        row = row_of[q.source.unit_id]
        for kind in sorted({by_id[t].kind for t in q.gold | q.negatives}):
            columns = np.flatnonzero((docs == q.target_doc_id) & (kinds == kind) & ~declared[row])
            ranked = ids[columns[np.argsort(-scores[row, columns], kind="stable")]].tolist()
            out.append(query_scores(ranked, Query(q.source, q.target_doc_id, q.gold & set(ranked), q.negatives & set(ranked))))
    return _pooled(out)


def evaluate_alignment(aligner: Aligner, pairs: Sequence[AlignmentPair]) -> dict:
    """Every signal alone and combined, per plan pair; combined pooled over all ministerial plans; labels."""
    found = labelled(pairs, aligner.units)
    targets = aligner.select(levels=["ministerial"], targets=True)
    sources = sorted({aligner.index_of[q.source.unit_id] for q in found.queries} |
                     {aligner.index_of[s.unit_id] for _, s, _ in found.located})
    row_of = {aligner.units[s].unit_id: r for r, s in enumerate(sources)}
    source_rows = aligner.source_rows(sources)
    # The signals of every ministerial unit, once: the kinds units are aligned to are some of their columns.
    every = aligner.select(levels=["ministerial"])
    position = {t: c for c, t in enumerate(every)}
    columns = [position[t] for t in targets]
    sig_every = aligner.signals(source_rows, every)
    declared_every = aligner.declared(source_rows, every)
    sig = {name: m[:, columns] for name, m in sig_every.items()}
    declared = declared_every[:, columns]
    target_ids = np.array([aligner.units[t].unit_id for t in targets])
    doc_of = np.array([aligner.units[t].doc_id for t in targets])

    def ranked(scores: np.ndarray, q: Query, pooled: bool = False) -> list[str]:
        row = row_of[q.source.unit_id]
        columns = np.flatnonzero(((doc_of == q.target_doc_id) | pooled) & ~declared[row])
        return target_ids[columns[np.argsort(-scores[row, columns], kind="stable")]].tolist()

    per_source: dict[str, Query] = {}
    for q in found.queries:
        seen = per_source.get(q.source.unit_id)
        per_source[q.source.unit_id] = Query(q.source, "*", q.gold | (seen.gold if seen else frozenset()),
                                             q.negatives | (seen.negatives if seen else frozenset()))
    report: dict = {
        "pairs": len(pairs), "unmatched": list(found.unmatched), "declared by the source plan": found.declared,
        "queries with gold": sum(1 for q in found.queries if q.gold), "signals": {},
    }
    for name, weights in SIGNAL_SETS.items():
        scores = aligner.scores(sig, weights)
        report["signals"][name] = _pooled(query_scores(ranked(scores, q), q) for q in found.queries)
    report["per kind"] = _per_kind(aligner, found, row_of, every, aligner.scores(sig_every), declared_every)
    raw = aligner.scores(sig)
    combined = np.where(declared, 1.0, raw)
    report["pooled over all ministerial plans"] = _pooled(
        query_scores(ranked(combined, q, pooled=True), q) for q in per_source.values())
    column = {u: c for c, u in enumerate(target_ids)}
    calibrated = np.where(declared, 1.0, aligner.calibration.probabilities(raw, aligner.affinities(source_rows, targets)))
    probabilities = [(p, float(calibrated[row_of[s.unit_id], column[t.unit_id]]))
                     for p, s, t in found.located if t.unit_id in column]
    report["labels"] = {
        "accuracy": round(sum(aligner.calibration.label(pr) == p.label for p, pr in probabilities)
                          / max(1, len(probabilities)), 4),
        "probabilities by gold label": {lab: [round(pr, 3) for p, pr in probabilities if p.label == lab] for lab in LABELS},
    }
    return report
