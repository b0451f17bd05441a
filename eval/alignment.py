"""Score alignment on labelled pairs: P@1, Hit@3 of the gold ministerial unit, hard negatives first.

Each pair quotes a source unit and a target unit; a quote is matched to the unit of its plan whose
title or text holds it (letters and digits only, case folded). For every source with a strong or
partial target, all ministerial units are ranked by the aligner's score: P@1 counts a gold target
first, Hit@3 one in the top three, and "hard negatives first" a labelled hard negative ranked first.
Each signal is also scored alone, and the label thresholds are checked against the gold labels.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from arrimage.align.aligner import LABELS, WEIGHTS, Aligner, label_of
from arrimage.ingest.units import PlanUnit

from .datasets import AlignmentPair
from .quotes import skeleton

SIGNAL_SETS = {
    "dense": {"dense": 1.0},
    "lexical": {"lexical": 1.0},
    "hierarchy": {"hierarchy": 1.0},
    "combined": WEIGHTS,
}


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


def evaluate_alignment(aligner: Aligner, pairs: Sequence[AlignmentPair]) -> dict:
    located = {}
    unmatched = []
    for p in pairs:
        s, t = locate(p.source_quote, p.source_doc_id, aligner.units), locate(p.target_quote, p.target_doc_id, aligner.units)
        if s is None or t is None:
            unmatched.append({"id": p.pid, "side": "source" if s is None else "target"})
        else:
            located[p.pid] = (s, t)
    targets = [i for i in aligner.select(levels=["ministerial"], targets=True)]
    target_ids = [aligner.units[i].unit_id for i in targets]
    sources = sorted({located[p.pid][0].unit_id for p in pairs if p.pid in located})
    rows = [aligner.index_of[u] for u in sources]
    vectors, texts = aligner.source_rows(rows)
    sig = aligner.signals(vectors, texts, targets)
    gold: dict[str, set[str]] = {}
    negatives: dict[str, set[str]] = {}
    for p in pairs:
        if p.pid not in located:
            continue
        s, t = located[p.pid]
        if p.label in ("strong", "partial"):
            gold.setdefault(s.unit_id, set()).add(t.unit_id)
        if p.hard_negative:
            negatives.setdefault(s.unit_id, set()).add(t.unit_id)
    report: dict = {"pairs": len(pairs), "unmatched": unmatched, "sources_with_gold": len(gold), "signals": {}}
    for name, weights in SIGNAL_SETS.items():
        scores = aligner.scores(sig, weights)
        p1 = hit3 = neg_first = 0
        for row, source_id in enumerate(sources):
            ranked = [target_ids[c] for c in np.argsort(-scores[row], kind="stable")[:3]]
            if source_id in gold:
                p1 += ranked[0] in gold[source_id]
                hit3 += bool(set(ranked) & gold[source_id])
            neg_first += ranked[0] in negatives.get(source_id, set())
        with_negatives = sum(1 for s in sources if s in negatives)
        report["signals"][name] = {
            "P@1": round(p1 / max(1, len(gold)), 4),
            "Hit@3": round(hit3 / max(1, len(gold)), 4),
            "hard negatives first": round(neg_first / max(1, with_negatives), 4),
        }
    combined = aligner.scores(sig)
    column = {u: c for c, u in enumerate(target_ids)}
    labelled = [(p, combined[sources.index(located[p.pid][0].unit_id), column[located[p.pid][1].unit_id]])
                for p in pairs if p.pid in located and located[p.pid][1].unit_id in column]
    report["labels"] = {
        "accuracy": round(sum(label_of(float(sc)) == p.label for p, sc in labelled) / max(1, len(labelled)), 4),
        "scores by gold label": {
            lab: [round(float(sc), 3) for p, sc in labelled if p.label == lab] for lab in LABELS
        },
    }
    return report
