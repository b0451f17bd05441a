"""Fit the extractive answerer's learned parts on the opened question sets (``answer/model.json``; ``FIT_QUESTIONS``).

For every question of those sets (a follow-up with the question it continues), the passages are
retrieved as the service retrieves them and every candidate sentence gets its features
(``answer/features.py``). Then, cross-validated by question (5 folds, scikit-learn):

1. **Sentence scorer**: a logistic regression; a sentence is positive when it holds half of a gold
   quote or a gold quote holds half of it (``quotes.matches``).
2. **Answerability**: a logistic regression on each question's features, computed from out-of-fold
   sentence probabilities (as they would be for an unseen question); positive when the question is
   answerable.
3. **Abstention threshold**: the highest threshold whose out-of-fold false abstention stays at or
   under ``MAX_FALSE_ABSTENTION``.
4. **Passages cited**: the fewest (2 to 5) that cite gold evidence, out of fold, within one standard
   error of the number that cites it most often.
5. **Follow-ups** (``fit_follow_ups``, its own command: it needs only each set's lexical index, and is fit on
   every opened set): a logistic regression on ``FOLLOW_UP_FEATURES``; positive for a follow-up with the
   question it continues, negative for every other question with the one before it in its file (the
   files are shuffled: a question asked after another on any subject). Judged leaving one set out at a time.

Reliability (predicted probability against observed frequency, in bins) and the expected
calibration error are reported for both models.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
from arrimage.answer.features import (
    QUESTION_FEATURES,
    SENTENCE_FEATURES,
    Candidate,
    Profile,
    candidates,
    profile,
    question_features,
)
from arrimage.answer.followup import FOLLOW_UP_FEATURES, FOLLOWS_AT, PASSAGES, follow_up_features, follow_up_search, retrieve
from arrimage.answer.model import AnswerModel
from arrimage.answer.outline import Outline
from arrimage.index.search import Searcher, SearchHit

from arrimage.logistic import Logistic, reliability
from arrimage.logistic import fit as _fit

from .datasets import Question
from .quotes import holds, matches

MAX_FALSE_ABSTENTION = 0.03  # the ceiling on answerable questions abstained
FOLDS = 5
PASSAGE_CHOICES = (2, 3, 4, 5)
FLOOR_CHOICES = tuple(round(0.05 * i, 2) for i in range(13))  # 0 to 0.6


@dataclass
class _Case:
    question: Question
    profile: Profile
    hits: list[SearchHit]
    found: list[Candidate]
    labels: list[int]
    searcher: Searcher


def _cases(searcher: Searcher, questions: Sequence[Question]) -> list[_Case]:
    outline = Outline(searcher)
    by_id = {q.qid: q for q in questions}
    out = []
    for q in questions:
        # A follow-up is searched as the service searches it once it is recognised (the follow-up model, fit
        # beside, decides that).
        searched, hits = (follow_up_search(searcher, q.question, by_id[q.follows].question, PASSAGES) if q.follows
                          else retrieve(searcher, q.question, (), PASSAGES))  # as POST /ask retrieves
        p = profile(searched, searcher.data.lexical)
        if outline.items(searched, hits) is not None or outline.fields(searched, hits) is not None:
            continue  # answered from the plan units, never by the sentence scorer
        found = candidates(p, hits, searcher, searched)
        gold = [g.quote for g in q.gold_quotes]
        out.append(_Case(q, p, hits, found, [int(any(matches(c.text, g) for g in gold)) for c in found], searcher))
    return out


def _follow_up_rows(questions: Sequence[Question], searcher: Searcher) -> tuple[np.ndarray, np.ndarray]:
    """FOLLOW_UP_FEATURES of each follow-up with the question it continues (1), and of every other question
    with the one before it (0)."""
    by_id = {q.qid: q for q in questions}
    rows, labels = [], []
    for before, q in zip([None, *questions], questions):
        previous = by_id[q.follows] if q.follows else before
        if previous is not None:
            rows.append(follow_up_features(q.question, previous.question, searcher.data.lexical))
            labels.append(int(bool(q.follows)))
    return np.array(rows, dtype=float), np.array(labels)


def _out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, features: Sequence[str], c: float = 1.0) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    oof = np.zeros(len(y))
    for train, test in GroupKFold(FOLDS).split(x, y, groups):
        oof[test] = _fit(x[train], y[train], features, c).probabilities(x[test])
    return oof


def _sentence_rows(cases: Sequence[_Case]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every candidate sentence's features, its label, and the index of its case."""
    rows = [(i, c.features, label) for i, case in enumerate(cases) for c, label in zip(case.found, case.labels)]
    return (np.array([r[1] for r in rows], dtype=float), np.array([r[2] for r in rows]), np.array([r[0] for r in rows]))


def _threshold(probabilities: np.ndarray, answerable: np.ndarray) -> float:
    """The highest abstention threshold whose false abstention stays at or under ``MAX_FALSE_ABSTENTION``."""
    return max(t for t in sorted(set(np.round(probabilities, 4).tolist()) | {0.0})
               if (probabilities[answerable] < t).mean() <= MAX_FALSE_ABSTENTION)


def _chosen(case: _Case, probabilities: Sequence[float], passages: int, floor: float = 0.0) -> list[bool]:
    """Of the ``passages`` best passages (by their best sentence) that an answer cites, the first always and
    the others when their best sentence reaches ``floor`` times the first's: whether each holds gold evidence."""
    best: dict[int, float] = {}
    for c, pr in zip(case.found, probabilities):
        if not c.heading:
            best[c.hit] = max(best.get(c.hit, 0.0), pr)
    ranked = sorted(best, key=lambda h: -best[h])[:passages]
    chosen = ranked[:1] + [h for h in ranked[1:] if best[h] >= floor * best[ranked[0]]]
    return [any(holds(case.hits[h].chunk.text, g.quote) for g in case.question.gold_quotes) for h in chosen]


def _cited(case: _Case, probabilities: Sequence[float], passages: int, floor: float = 0.0) -> bool:
    """Whether an answer citing as ``_chosen`` says cites gold evidence."""
    return any(_chosen(case, probabilities, passages, floor))


def fit_follow_ups(sets: Sequence[tuple[str, Searcher, Sequence[Question]]]) -> tuple[Logistic, dict]:
    """The follow-up model fit on named question sets, and how it holds on each set left out in turn: its follow-ups
    recognised and its other questions taken for follow-ups, by a model fit on all the other sets."""
    rows = {name: _follow_up_rows(questions, searcher) for name, searcher, questions in sets}
    rows = {name: (x, y) for name, (x, y) in rows.items() if len(y)}
    recognised = taken = follow_ups = others = 0
    by_set = {}
    for name, (x, y) in rows.items():
        rest = [r for other, r in rows.items() if other != name]
        model = _fit(np.vstack([r[0] for r in rest]), np.concatenate([r[1] for r in rest]), FOLLOW_UP_FEATURES)
        follows = model.probabilities(x) >= FOLLOWS_AT
        counts = [int((follows & (y == 1)).sum()), int((y == 1).sum()), int((follows & (y == 0)).sum()), int((y == 0).sum())]
        by_set[name] = counts
        recognised, follow_ups, taken, others = (a + b for a, b in zip((recognised, follow_ups, taken, others), counts))
    x = np.vstack([r[0] for r in rows.values()])
    y = np.concatenate([r[1] for r in rows.values()])
    figures = {
        "follow-ups fit on": ", ".join(rows),
        "follow-ups / other questions": [int(y.sum()), int(len(y) - y.sum())],
        "follow-ups recognised (sets left out)": round(recognised / max(1, follow_ups), 3),
        "other questions taken for follow-ups (sets left out)": round(taken / max(1, others), 4),
        "by set left out (recognised, follow-ups, taken, others)": by_set,
    }
    return _fit(x, y, FOLLOW_UP_FEATURES), figures


def follow_up_figures(about: dict) -> dict:
    """The entries of a model's ``about`` that ``fit_follow_ups`` wrote (each names follow-ups)."""
    return {k: v for k, v in about.items() if "follow-up" in k}


def summary(cases: Sequence[_Case]) -> dict:
    """What a set's cases are, in figures: the shipped model keeps them by set, so that a test can tell whether the
    features the code computes today are those it was fit on (a refit of every set takes an hour and more)."""
    x, y, _ = _sentence_rows(cases)
    return {"questions": len(cases), "sentences": len(y), "positive sentences": int(y.sum()),
            "feature means": [round(float(v), 4) for v in x.mean(axis=0)] if len(y) else []}


def set_summary(searcher: Searcher, questions: Sequence[Question]) -> dict:
    """``summary`` of a question set's cases, asked of ``searcher``."""
    return summary(_cases(searcher, questions))


def fit(sets: Sequence[tuple[str, Searcher, Sequence[Question]]], source: str,
        follow_up: tuple[Logistic, dict] | None = None) -> tuple[AnswerModel, dict]:
    """Fit on named question sets, each with the searcher of the index it is asked of (a set written on plans of its
    own is asked of the corpus and those plans). The follow-up model given (with its figures) is kept as it is;
    without one, it is fit on these sets. The model keeps, by set, the hash of the index it was asked of and the
    ``summary`` of its cases."""
    from sklearn.metrics import roc_auc_score

    by_set = {name: _cases(searcher, questions) for name, searcher, questions in sets}
    cases = [case for found in by_set.values() for case in found]
    x, y, groups = _sentence_rows(cases)
    sentence_oof = _out_of_fold(x, y, groups, SENTENCE_FEATURES)
    sentence = _fit(x, y, SENTENCE_FEATURES)

    per_case = [sentence_oof[groups == i].tolist() for i in range(len(cases))]
    qx = np.array([question_features(case.profile, case.found, per_case[i], case.hits, case.searcher) for i, case in enumerate(cases)])
    qy = np.array([int(case.question.answerable) for case in cases])
    # Few unanswerable questions: a stronger regularisation (C = 0.3) keeps the fit from following one of them.
    answer_oof = _out_of_fold(qx, qy, np.arange(len(cases)), QUESTION_FEATURES, c=0.3)
    answerability = _fit(qx, qy, QUESTION_FEATURES, c=0.3)

    answerable = qy == 1
    threshold = _threshold(answer_oof, answerable)
    kept = answer_oof >= threshold
    cited = {k: float(np.mean([_cited(case, per_case[i], k) and kept[i] for i, case in enumerate(cases) if answerable[i]]))
             for k in PASSAGE_CHOICES}
    # The fewest passages whose share is within one standard error of the best (the one-standard-error rule):
    # more citations always cite gold a little more often, and make the answer longer.
    best = max(cited.values())
    standard_error = math.sqrt(best * (1 - best) / max(1, int(answerable.sum())))
    passages = min(k for k in PASSAGE_CHOICES if cited[k] >= best - standard_error)
    # The share of the first passage's best probability a further passage's best sentence must reach to be
    # cited: the highest that keeps gold evidence cited within one standard error of citing every one of the
    # passages (fewer citations padding the answer). An absolute floor cost more: 0.05 lost 0.06 of gold cited.
    answered = [i for i, case in enumerate(cases) if answerable[i] and kept[i]]
    by_floor = {f: (float(np.mean([_cited(cases[i], per_case[i], passages, f) for i in answered])),
                    float(np.mean([h for i in answered for h in _chosen(cases[i], per_case[i], passages, f)])))
                for f in FLOOR_CHOICES}
    floor = max(f for f in FLOOR_CHOICES if by_floor[f][0] >= by_floor[0.0][0] - standard_error)

    follow_up, follow_figures = follow_up or fit_follow_ups(sets)

    sentence_curve, sentence_ece = reliability(sentence_oof, y)
    answer_curve, answer_ece = reliability(answer_oof, qy)
    figures = {
        "questions": len(cases),
        "sentences": len(y),
        "positive sentences": int(y.sum()),
        "sentence AUC (out of fold)": round(float(roc_auc_score(y, sentence_oof)), 3),
        "sentence ECE (out of fold)": sentence_ece,
        "answerability AUC (out of fold)": round(float(roc_auc_score(qy, answer_oof)), 3),
        "answerability ECE (out of fold)": answer_ece,
        "threshold": round(threshold, 4),
        "false abstention (out of fold)": round(float((answer_oof[answerable] < threshold).mean()), 3),
        "unanswerable abstained (out of fold)": round(float((answer_oof[~answerable] < threshold).mean()), 3)
        if (~answerable).any() else math.nan,
        "gold evidence cited by passages cited (out of fold)": {str(k): round(v, 3) for k, v in cited.items()},
        "passages": passages,
        "gold cited / citation precision by floor (out of fold)": {str(f): [round(v, 3) for v in by_floor[f]]
                                                                    for f in FLOOR_CHOICES},
        "floor": floor,
        **follow_figures,
        "sentence reliability": sentence_curve,
        "answerability reliability": answer_curve,
    }
    about = {"fit on": source, "fitted at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "model": ", ".join(dict.fromkeys(searcher.data.manifest.model_id for _, searcher, _ in sets)),
             **{k: v for k, v in figures.items() if "reliability" not in k},
             "by set": {name: {"index": searcher.data.manifest.corpus_hash, **summary(by_set[name])}
                        for name, searcher, _ in sets}}
    model = AnswerModel(sentence, answerability, follow_up, threshold=round(threshold, 4), passages=passages, floor=floor,
                        about=about)
    return model, {"figures": figures, "answer_oof": answer_oof.tolist(), "answerable": qy.tolist(),
                   "sentence_oof": sentence_oof.tolist(), "sentence_labels": y.tolist()}


def leave_sets_out(sets: Sequence[tuple[str, Searcher, Sequence[Question]]], passages: int, floor: float) -> dict[str, dict]:
    """How the answerer's learned parts hold on a set of questions written by someone else: for each set in turn, the
    sentence scorer and the abstention classifier are fit on all the other sets (the threshold where their false
    abstention stays at or under ``MAX_FALSE_ABSTENTION``) and judged on it. By set: gold evidence cited (answered,
    citing as the answerer cites), false abstention, unanswerable abstained. Outline answers are left out (they do not
    use the scorer); so are the unit-field answers."""
    named = [(name, case) for name, searcher, questions in sets for case in _cases(searcher, questions)]
    x, y, row_case = _sentence_rows([case for _, case in named])
    case_set = np.array([name for name, _ in named])
    row_set = case_set[row_case]
    names = [name for name, _, _ in sets]
    probabilities = np.zeros(len(y))
    for name in names:
        out = row_set == name
        probabilities[out] = _fit(x[~out], y[~out], SENTENCE_FEATURES).probabilities(x[out])
    per_case = [probabilities[row_case == i].tolist() for i in range(len(named))]
    qx = np.array([question_features(case.profile, case.found, per_case[i], case.hits, case.searcher)
                   for i, (_, case) in enumerate(named)])
    qy = np.array([int(case.question.answerable) for _, case in named])
    result = {}
    for name in names:
        out = case_set == name
        model = _fit(qx[~out], qy[~out], QUESTION_FEATURES, c=0.3)
        kept = model.probabilities(qx[out]) >= _threshold(model.probabilities(qx[~out]), qy[~out] == 1)
        cases = list(np.flatnonzero(out))
        asked = [(j, i) for j, i in enumerate(cases) if qy[i]]
        unanswerable = [j for j, i in enumerate(cases) if not qy[i]]
        result[name] = {
            "answerable": len(asked), "unanswerable": len(unanswerable),
            "gold evidence cited": float(np.mean([kept[j] and _cited(named[i][1], per_case[i], passages, floor) for j, i in asked])),
            "false abstention": float(np.mean([not kept[j] for j, _ in asked])),
            "unanswerable abstained": float(np.mean([not kept[j] for j in unanswerable])) if unanswerable else math.nan,
        }
    return result
