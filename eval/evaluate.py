"""One evaluation: check the gold evidence, ask the target every question, score, summarise into a Run.

Parts run in this order for each question: retrieval (each mode), answers. Alignment is scored on
labelled pairs rather than questions: one row per (source unit, ministerial plan), kind
"alignment", in the same run (``alignment.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from arrimage.answer.followup import PASSAGES

from . import alignment, answers, retrieval
from .datasets import AlignmentPair, Question
from .runs import QuestionRow, Run, bootstrap_config, summarise, versions
from .stats import RESAMPLES, SEED, of
from .targets import SEARCH_K, Target
from .validation import Case, Issue, prepare

PARTS = ("retrieval", "answers", "alignment")


class EvalConfigError(ValueError):
    """An evaluation asked for a part or a mode that does not exist."""
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class EvalConfig:
    parts: tuple[str, ...] = PARTS
    modes: tuple[str, ...] = retrieval.MODES
    answerer: str | None = None  # None: the target's default
    search_k: int = SEARCH_K
    answer_k: int = PASSAGES  # as POST /ask answers
    resamples: int = RESAMPLES
    seed: int = SEED

    def __post_init__(self) -> None:
        unknown = [p for p in self.parts if p not in PARTS]
        if unknown:
            raise EvalConfigError(f"unknown part(s) {', '.join(unknown)}; expected {', '.join(PARTS)}")
        bad_modes = [m for m in self.modes if m not in retrieval.MODES]
        if bad_modes:
            raise EvalConfigError(f"unknown mode(s) {', '.join(bad_modes)}; expected {', '.join(retrieval.MODES)}")

    def steps_per_question(self) -> int:
        return len(self.modes) * ("retrieval" in self.parts) + ("answers" in self.parts)

    def metric_ids(self) -> list[str]:
        ids = [retrieval.metric_id(mode, m) for mode in self.modes for m in retrieval.METRICS] if "retrieval" in self.parts else []
        ids += [answers.metric_id(m) for m in answers.METRICS] if "answers" in self.parts else []
        return ids + ([alignment.metric_id(m) for m in alignment.METRICS] if "alignment" in self.parts else [])


def _retrieved(ranking: retrieval.Ranking) -> list[dict[str, Any]]:
    return [
        {"rank": p.rank, "chunk_id": p.chunk_id, "doc_id": p.doc_id, "page": p.page, "score": round(p.score, 5),
         "holds": list(h), "snippet": " ".join(p.text.split())[:SNIPPET_CHARS]}
        for p, h in zip(ranking.passages, ranking.held)
    ]


def _history(previous: tuple[str, str] | None) -> list[dict[str, str]]:
    if previous is None:
        return []
    question, answer = previous
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def evaluate_cases(target: Target, cases: Sequence[Case], issues: Sequence[Issue], config: EvalConfig, *, name: str,
                   about: dict[str, Any] | None = None, progress: Callable[[int], None] = lambda _: None,
                   timing: dict[str, float] | None = None, pairs: Sequence[AlignmentPair] = ()) -> Run:
    """Score ``cases`` (and alignment ``pairs``) on ``target`` and summarise them with bootstrap intervals."""
    started = time.perf_counter()
    spent = {f"retrieval/{m}": 0.0 for m in config.modes if "retrieval" in config.parts}
    spent["answers"] = 0.0
    rows = []
    asked: dict[str, tuple[str, str]] = {}  # case id → (question, the answer given): a follow-up's history
    for case in cases:
        scores: dict[str, tuple[float, float]] = {}
        retrieved: dict[str, list[dict[str, Any]]] = {}
        answer = None
        history = _history(asked.get(case.follows)) if case.follows else []
        query = case.text
        if history:  # a follow-up is searched as the service resolves it
            query = target.ask(case.text, k=config.answer_k, answerer=config.answerer, history=history).searched or case.text
        if "retrieval" in config.parts:
            for mode in config.modes:
                t = time.perf_counter()
                passages = target.search(query, k=config.search_k, mode=mode)
                spent[f"retrieval/{mode}"] += time.perf_counter() - t
                ranking = retrieval.judge(mode, passages, case.evidence)
                scores.update({k: of(v) for k, v in retrieval.case_scores(case, ranking).items()})
                retrieved[mode] = _retrieved(ranking)
                progress(1)
        if "answers" in config.parts:
            t = time.perf_counter()
            reply = target.ask(case.text, k=config.answer_k, answerer=config.answerer, history=history)
            spent["answers"] += time.perf_counter() - t
            asked[case.qid] = (case.text, reply.answer)
            scores.update({answers.metric_id(k): v for k, v in answers.score(case, reply).items()})
            answer = answers.detail(case, reply)
            progress(1)
        gold = tuple(e.quote or ", ".join(sorted(e.chunk_ids)) for e in case.evidence)
        rows.append(QuestionRow(case.qid, case.text, case.kind, case.answerable, scores, retrieved, answer, gold,
                                case.reference_answer))
    n = max(1, len(cases))
    timing = {**(timing or {}),
              **{f"{part} ms per question": round(seconds * 1000 / n, 1) for part, seconds in spent.items() if seconds}}
    about = dict(about or {})
    if "alignment" in config.parts:
        t = time.perf_counter()
        aligned, found = alignment.rows(target, pairs)
        rows += aligned
        timing["alignment seconds"] = round(time.perf_counter() - t, 2)
        about["alignment"] = {"pairs": len(pairs), "queries": len(aligned), "unmatched": list(found.unmatched),
                              "declared by the source plan": found.declared}
    metrics = summarise(rows, config.metric_ids(), (*answers.LOWER_IS_BETTER, *alignment.LOWER_IS_BETTER),
                        config.resamples, config.seed)
    return Run(
        name=name,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        seconds=round(time.perf_counter() - started, 2),
        target=target.info.to_dict(),
        config={**asdict(config), "bootstrap": bootstrap_config(config.resamples, config.seed), **about},
        versions=versions(),
        validation=[i.to_dict() for i in issues],
        metrics=metrics,
        questions=tuple(rows),
        timing=timing,
    )


def evaluate(target: Target, questions: Sequence[Question], config: EvalConfig, *, name: str,
             about: dict[str, Any] | None = None, progress: Callable[[int], None] = lambda _: None,
             pairs: Sequence[AlignmentPair] = ()) -> Run:
    """Check the gold quotes against ``target``, then score every question (``evaluate_cases``)."""
    started = time.perf_counter()
    cases, issues = prepare(target, questions)
    checked = {"validation seconds": round(time.perf_counter() - started, 2)}
    return evaluate_cases(target, cases, issues, config, name=name, about=about, progress=progress, timing=checked,
                          pairs=pairs)
