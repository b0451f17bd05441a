"""Score alignment on labelled pairs: P@1, Hit@3 of the gold ministerial unit, hard negatives first.

Each pair quotes a source unit and a target unit; a quote is matched to the unit of its plan whose
title or text holds it (letters and digits only, case folded).

Protocol, per plan pair (as a planner aligns one plan with one ministerial plan, and as ``POST
/align`` with target ``doc_ids`` answers): for every source with a strong or partial target in a
ministerial plan, that plan's objectifs, mesures and themes are ranked by the aligner's score. P@1
counts a gold target first, Hit@3 one in the top three, and "hard negatives first" a labelled hard
negative ranked first. Links the source's own plan declares (a regional action filed under a theme)
are given, not guessed: they are left out of the ranking, and a gold pair that is one is counted
apart. The same figures pooled over all ministerial plans at once are reported beside them. Each
signal is also scored alone, and the label thresholds are checked against the gold labels.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from arrimage.align.aligner import LABELS, SIGNALS, WEIGHTS, Aligner, label_of
from arrimage.ingest.units import PlanUnit

from .datasets import AlignmentPair
from .quotes import skeleton

SIGNAL_SETS = {**{name: {name: 1.0} for name in SIGNALS}, "combined": WEIGHTS}


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


def _rank_metrics(scores: np.ndarray, queries: list[tuple[int, np.ndarray, set[int], set[int]]]) -> dict[str, float]:
    """P@1, Hit@3 and hard negatives first over queries (row, candidate columns, gold columns, negative
    columns)."""
    p1 = hit3 = neg_first = with_gold = with_negatives = 0
    for row, columns, gold, negatives in queries:
        ranked = columns[np.argsort(-scores[row, columns], kind="stable")][:3].tolist()
        if gold:
            with_gold += 1
            p1 += ranked[0] in gold
            hit3 += bool(set(ranked) & gold)
        if negatives:
            with_negatives += 1
            neg_first += ranked[0] in negatives
    return {
        "P@1": round(p1 / max(1, with_gold), 4),
        "Hit@3": round(hit3 / max(1, with_gold), 4),
        "hard negatives first": round(neg_first / max(1, with_negatives), 4),
    }


def evaluate_alignment(aligner: Aligner, pairs: Sequence[AlignmentPair]) -> dict:
    located: dict[str, tuple[int, int]] = {}
    unmatched = []
    for p in pairs:
        s, t = locate(p.source_quote, p.source_doc_id, aligner.units), locate(p.target_quote, p.target_doc_id, aligner.units)
        if s is None or t is None:
            unmatched.append({"id": p.pid, "side": "source" if s is None else "target"})
        else:
            located[p.pid] = (aligner.index_of[s.unit_id], aligner.index_of[t.unit_id])
    targets = aligner.select(levels=["ministerial"], targets=True)
    column = {t: c for c, t in enumerate(targets)}
    sources = sorted({s for s, _ in located.values()})
    row_of = {s: r for r, s in enumerate(sources)}
    rows = aligner.source_rows(sources)
    sig = aligner.signals(rows, targets)
    declared = aligner.declared(rows, targets)

    gold: dict[tuple[int, str], set[int]] = {}
    negatives: dict[tuple[int, str], set[int]] = {}
    given = 0
    for p in pairs:
        if p.pid not in located or located[p.pid][1] not in column:
            continue
        s, t = located[p.pid]
        key, col = (row_of[s], aligner.units[t].doc_id), column[t]
        if declared[key[0], col]:
            given += p.label != "none"
            continue
        if p.label in ("strong", "partial"):
            gold.setdefault(key, set()).add(col)
        if p.hard_negative:
            negatives.setdefault(key, set()).add(col)
    doc_of = np.array([aligner.units[t].doc_id for t in targets])

    keys = sorted(set(gold) | set(negatives))
    per_plan = [(row, np.flatnonzero((doc_of == doc) & ~declared[row]), gold.get((row, doc), set()),
                 negatives.get((row, doc), set())) for row, doc in keys]
    pooled = [(row, np.flatnonzero(~declared[row]), set().union(*(gold.get(k, set()) for k in keys if k[0] == row)),
               set().union(*(negatives.get(k, set()) for k in keys if k[0] == row)))
              for row in sorted({r for r, _ in keys})]
    report: dict = {
        "pairs": len(pairs), "unmatched": unmatched, "declared by the source plan": given,
        "queries with gold": sum(1 for _, _, g, _ in per_plan if g), "signals": {},
    }
    for name, weights in SIGNAL_SETS.items():
        report["signals"][name] = _rank_metrics(aligner.scores(sig, weights), per_plan)
    combined = np.where(declared, 1.0, aligner.scores(sig))
    report["pooled over all ministerial plans"] = _rank_metrics(combined, pooled)
    labelled = [(p, combined[row_of[located[p.pid][0]], column[located[p.pid][1]]])
                for p in pairs if p.pid in located and located[p.pid][1] in column]
    report["labels"] = {
        "accuracy": round(sum(label_of(float(sc)) == p.label for p, sc in labelled) / max(1, len(labelled)), 4),
        "scores by gold label": {
            lab: [round(float(sc), 3) for p, sc in labelled if p.label == lab] for lab in LABELS
        },
    }
    return report
