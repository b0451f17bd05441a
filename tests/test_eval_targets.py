"""The --url target: a real uvicorn server of the fixture app scores exactly like the in-process pipeline."""

from __future__ import annotations

import json
import math

import pytest
from arrimage.eval.datasets import load_alignment, load_questions
from arrimage.eval.evaluate import EvalConfig, evaluate
from arrimage.eval.targets import HttpTarget, TargetError
from arrimage.service.app import create_app
from click.testing import CliRunner
from support import _free_port, serve
from test_eval_fixtures import fixture_pairs_file, fixture_questions_file, fixture_target  # noqa: F401 - fixtures

from arrimage.cli import main
from arrimage.settings import Settings

CONFIG = EvalConfig(resamples=200)


@pytest.fixture(scope="module")
def service_url(fixture_searcher, tmp_path_factory, calibration_file):
    settings = Settings(index_dir=tmp_path_factory.mktemp("unused-index"), align_calibration=calibration_file)
    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        yield url


def _same(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, abs=1e-9)


def test_http_and_in_process_score_the_same(service_url, fixture_target, fixture_questions_file,  # noqa: F811
                                            fixture_pairs_file):  # noqa: F811
    questions, pairs = load_questions(fixture_questions_file), load_alignment(fixture_pairs_file)
    local = evaluate(fixture_target, questions, CONFIG, name="local", pairs=pairs)
    remote = evaluate(HttpTarget(service_url), questions, CONFIG, name="remote", pairs=pairs)
    assert remote.target["kind"] == "http" and remote.target["location"] == service_url
    assert remote.target["model_id"] == "fake-hash" and remote.target["corpus_hash"] is None
    assert local.validation == remote.validation == []
    for m_local, m_remote in zip(local.metrics, remote.metrics, strict=True):
        assert m_local.id == m_remote.id
        assert _same(m_local.value, m_remote.value), m_local.id
        assert m_local.n == m_remote.n
    for q_local, q_remote in zip(local.questions, remote.questions, strict=True):
        assert q_local.scores == q_remote.scores, q_local.qid
        if q_local.kind != "alignment":
            assert [p["chunk_id"] for p in q_local.retrieved["hybrid"]] == [p["chunk_id"] for p in q_remote.retrieved["hybrid"]]
            assert q_local.answer["answer"] == q_remote.answer["answer"]
    # one alignment query (a source, a ministerial plan) with a gold target and a hard negative; p3 matches no unit
    aligned = [q for q in local.questions if q.kind == "alignment"]
    assert [q.qid for q in aligned] == ["pole-regional:orientation-3 → plan-numerique"]
    assert local.metric("alignment/Hit@3").n == local.metric("alignment/hard negatives first").n == 1
    assert local.config["alignment"]["unmatched"] == [{"id": "p3", "side": "source"}]
    # the fixture set exercises every answer metric
    assert local.metric("answers/abstention recall").value == 1.0
    assert local.metric("answers/gold evidence cited").value > 0.5
    assert local.metric("retrieval/hybrid/Recall@10").value > 0.8


def test_eval_all_over_http_writes_a_report(service_url, fixture_questions_file, fixture_pairs_file, tmp_path):  # noqa: F811
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["eval", "all", "--url", service_url, "--questions", str(fixture_questions_file),
                                       "--pairs", str(fixture_pairs_file), "--out", str(out), "--modes", "hybrid"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["target"]["kind"] == "http"
    assert "retrieval/hybrid/nDCG@10" in summary["metrics"] and "retrieval/bm25/nDCG@10" not in summary["metrics"]
    assert summary["metrics"]["answers/false abstention"]["ci95"][0] is not None
    assert summary["metrics"]["alignment/Hit@3"]["n"] == 1 and summary["questions"] == 9
    assert (out / "run.json").is_file() and (out / "report.md").is_file()
    assert "in all" in result.stderr


def test_an_unreachable_service_fails_clearly(fixture_questions_file):  # noqa: F811
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(TargetError, match="cannot reach the service"):
        HttpTarget(url, timeout=2)
    result = CliRunner().invoke(main, ["eval", "answers", "--url", url, "--questions", str(fixture_questions_file)])
    assert result.exit_code == 1
    assert "cannot reach the service" in result.output and "Traceback" not in result.output
