"""Fit the alignment calibration (``align/calibration.py``) on labelled pairs and planners' reviews, and
judge a calibration on pairs it was not fit on.

Each labelled pair (``eval/datasets/*/alignment.jsonl``) matched to its units gives the aligner's
combined score and whether the pair is aligned (strong or partial); each stored review gives the same
(confirmed or rejected). Links the source's own plan declares are given, not scored, and left out.
Cross-validation leaves one source plan out at a time (pairs of one plan resemble each other more than
pairs of two plans do). ``partial`` starts at probability 0.5; ``strong`` at the probability that best
tells the strong pairs from the partial ones among the labelled pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
from arrimage.align.aligner import Aligner
from arrimage.align.calibration import FEATURES, Calibration
from arrimage.ingest.models import ancestors

from arrimage.logistic import fit, reliability

from .alignment import labelled
from .datasets import AlignmentPair

PARTIAL = 0.5  # aligned more likely than not: a decision rule, not a fitted value



@dataclass(frozen=True)
class Scored:
    features: np.ndarray  # (pairs × FEATURES): the combined score, the source's affinity with the target's plan
    aligned: np.ndarray  # 1 strong or partial (or confirmed), 0 none (or rejected)
    strong: np.ndarray  # 1 strong, 0 partial or anything else
    groups: np.ndarray  # the source's plan
    gold: np.ndarray  # the label written, "" for a review


def _features(aligner: Aligner, source_id: str, target_id: str) -> tuple[float, float] | None:
    s, t = aligner.index_of[source_id], aligner.index_of[target_id]
    if aligner.units[t] in ancestors(aligner.units[s], aligner.by_id):
        return None  # declared by the source's own plan: given, not scored
    rows = aligner.source_rows([s])
    return float(aligner.scores(aligner.signals(rows, [t]))[0, 0]), float(aligner.affinities(rows, [t])[0, 0])


def scored(aligner: Aligner, pairs: Sequence[AlignmentPair], reviews: Sequence[tuple[str, str, str]] = ()) -> Scored:
    """The labelled pairs and the reviews (source id, target id, decision) with their features."""
    rows = []
    for p, s, t in labelled(pairs, aligner.units).located:
        features = _features(aligner, s.unit_id, t.unit_id)
        if features is not None:
            rows.append((features, p.label != "none", p.label == "strong", s.doc_id, p.label))
    for source_id, target_id, decision in reviews:
        if source_id in aligner.index_of and target_id in aligner.index_of:
            features = _features(aligner, source_id, target_id)
            if features is not None:
                rows.append((features, decision == "confirmed", False, aligner.by_id[source_id].doc_id, ""))
    return Scored(np.array([r[0] for r in rows], dtype=float).reshape(-1, len(FEATURES)),
                  *(np.array([r[i] for r in rows], dtype=float) for i in (1, 2)),
                  *(np.array([r[i] for r in rows], dtype=object) for i in (3, 4)))


def joined(parts: Sequence[Scored]) -> Scored:
    """Scored pairs of several indexes (a set with plans of its own is scored on an index that holds them)."""
    return Scored(np.vstack([p.features for p in parts]).reshape(-1, len(FEATURES)),
                  *(np.concatenate([getattr(p, name) for p in parts]) for name in ("aligned", "strong", "groups", "gold")))


def _strong_threshold(probabilities: np.ndarray, data: Scored) -> float:
    """The probability from which a labelled aligned pair is called strong: the most accurate cut, the
    highest of equals."""
    aligned = (data.gold == "strong") | (data.gold == "partial")
    p, strong = probabilities[aligned], data.strong[aligned]
    best, best_correct = 1.0, -1
    for cut in sorted({PARTIAL, *p.tolist()}, reverse=True):
        if cut < PARTIAL:
            break
        correct = int(((p >= cut) == (strong > 0)).sum())
        if correct > best_correct:
            best, best_correct = cut, correct
    return round(float(best), 4)


def _out_of_fold(data: Scored) -> np.ndarray | None:
    plans = sorted(set(data.groups))
    if len(plans) < 2:
        return None
    oof = np.full(len(data.aligned), np.nan)
    x = data.features
    for plan in plans:
        train, test = data.groups != plan, data.groups == plan
        if len(set(data.aligned[train])) < 2:
            continue
        oof[test] = fit(x[train], data.aligned[train], FEATURES).probabilities(x[test])
    return oof


def _probabilities(calibration: Calibration, data: Scored) -> np.ndarray:
    return calibration.probabilities(data.features[:, 0], data.features[:, 1])


def judge(calibration: Calibration, data: Scored) -> dict:
    """ECE, reliability, and label accuracy of a calibration on scored pairs."""
    p = _probabilities(calibration, data)
    curve, ece = reliability(p, data.aligned)
    labels = np.array([calibration.label(float(v)) for v in p], dtype=object)
    written = data.gold != ""
    return {
        "pairs": int(len(p)), "ECE": ece, "reliability": curve,
        "aligned or not, accuracy": round(float(((p >= calibration.partial) == (data.aligned > 0)).mean()), 4) if len(p) else None,
        "labels, accuracy (3 ways)": round(float((labels[written] == data.gold[written]).mean()), 4) if written.any() else None,
    }


def fit_calibration(model_id: str, data: Scored, source: str) -> tuple[Calibration, dict]:
    """A calibration of ``model_id`` fit on scored pairs, with its cross-validated figures."""
    if len(set(data.aligned)) < 2:
        raise ValueError("the calibration needs aligned and unaligned pairs (strong/partial and none, or confirmed and rejected)")
    from sklearn.metrics import roc_auc_score

    logistic = fit(data.features, data.aligned, FEATURES)
    oof = _out_of_fold(data)
    figures: dict = {"pairs": int(len(data.aligned)), "reviews": int((data.gold == "").sum()),
                     "aligned": int(data.aligned.sum())}
    if oof is not None and not np.isnan(oof).all():
        known = ~np.isnan(oof)
        curve, ece = reliability(oof[known], data.aligned[known])
        figures |= {"ECE (out of fold, by source plan)": ece, "AUC (out of fold)": round(float(roc_auc_score(
            data.aligned[known], oof[known])), 4), "reliability (out of fold)": curve}
    calibration = Calibration(model_id, logistic, strong=PARTIAL, partial=PARTIAL)
    strong = _strong_threshold(_probabilities(calibration, data), data)
    about = {"fit on": source, "fitted": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
             **{k: v for k, v in figures.items() if "reliability" not in k}}
    return Calibration(model_id, logistic, strong=strong, partial=PARTIAL, about=about), figures
