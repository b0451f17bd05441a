"""CI guard: the in-process evaluation of the development set on the real corpus stays above its floors.

The floors (eval/floors.py, docs/evaluation.md) sit about 0.03 below the figures measured with the
default model; a change that drops retrieval, answers or alignment below them fails `make test`.
The retrieval evaluation runs on the Qdrant backend too: above the same floors, within 0.02 nDCG@10 of local.
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
from arrimage.index.qdrant import QdrantEngine
from arrimage.index.search import MODES
from arrimage.index.store import save_index
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


def test_qdrant_backend_scores_the_development_set_as_the_local_one(real_index_dir, tmp_path):
    settings = Settings(index_dir=real_index_dir, embedding_model=Settings.model_fields["embedding_model"].default)
    local = load_searcher(settings)
    save_index(local.data, tmp_path / "index", QdrantEngine())  # the same version, in embedded Qdrant
    qdrant = load_searcher(settings.model_copy(update={"index_dir": tmp_path / "index", "backend": "qdrant"}), local.embedder)
    assert qdrant.backend == "qdrant"
    questions = load_questions(DEV)
    runs = {name: evaluate(InProcessTarget(searcher, {}), questions, EvalConfig(parts=("retrieval",)), name=name)
            for name, searcher in (("local", local), ("qdrant", qdrant))}
    values = {name: {m.id: m.value for m in run.metrics} for name, run in runs.items()}
    print({mode: (values["local"][f"retrieval/{mode}/nDCG@10"], values["qdrant"][f"retrieval/{mode}/nDCG@10"]) for mode in MODES})
    for mode in MODES:
        assert abs(values["qdrant"][f"retrieval/{mode}/nDCG@10"] - values["local"][f"retrieval/{mode}/nDCG@10"]) <= 0.02
    assert floors.check(runs["qdrant"], tuple(f for f in floors.FLOORS if f.metric.startswith("retrieval/"))) == []
