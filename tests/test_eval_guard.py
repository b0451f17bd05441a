"""CI guard: the in-process evaluation of the development set on the real corpus stays above its floors.

The floors (eval/floors.py, docs/evaluation.md) sit about 0.03 below the figures measured with the
default model; a change that drops retrieval, answers or alignment below them fails `make test`.
"""

from __future__ import annotations

import time

import pytest
from arrimage.answer.extractive import ExtractiveAnswerer
from arrimage.eval import floors
from arrimage.eval.datasets import load_alignment, load_questions
from arrimage.eval.evaluate import EvalConfig, evaluate
from arrimage.eval.report import plain, write_report
from arrimage.eval.targets import InProcessTarget
from support import REPO

from arrimage.runtime import load_searcher
from arrimage.settings import Settings

pytestmark = pytest.mark.e2e

DEV = REPO / "eval" / "datasets" / "dev" / "questions.jsonl"
PAIRS = REPO / "eval" / "datasets" / "dev" / "alignment.jsonl"


def test_development_set_stays_above_the_floors(real_index_dir, tmp_path):
    started = time.perf_counter()
    settings = Settings(index_dir=real_index_dir, embedding_model=Settings.model_fields["embedding_model"].default)
    searcher = load_searcher(settings)
    target = InProcessTarget(searcher, {"extractive": ExtractiveAnswerer(searcher)}, str(real_index_dir))
    run = evaluate(target, load_questions(DEV), EvalConfig(), name="guard", pairs=load_alignment(PAIRS))
    report = write_report(run, tmp_path / "guard")
    print(plain(run), f"\n{time.perf_counter() - started:.1f} s; report {report}")
    assert run.validation == [], "every gold quote of the development set is found in the real corpus"
    assert floors.check(run) == []
