"""The files of a run: run.json (config, versions, metrics with intervals, per-question rows), report.md, PNGs."""

from __future__ import annotations

import json

import pytest
from arrimage.eval.runs import load_run
from arrimage.index.store import save_index
from click.testing import CliRunner
from PIL import Image
from support import FakeEmbedder
from test_eval_fixtures import fixture_pairs_file, fixture_questions_file  # noqa: F401 - fixtures

from arrimage.cli import main

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def local_index(monkeypatch, fixture_index, isolated_index_dir):
    """The fixture index on disk, loaded by the CLI with the fake embedder."""
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())
    save_index(fixture_index, isolated_index_dir)
    return isolated_index_dir


@pytest.fixture
def run_dir(local_index, fixture_questions_file, fixture_pairs_file, tmp_path):  # noqa: F811
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["eval", "all", "--questions", str(fixture_questions_file), "--out", str(out),
                                       "--pairs", str(fixture_pairs_file), "--output", str(tmp_path / "copy.json"), "--plain"])
    assert result.exit_code == 0, result.output
    assert "answers   gold evidence cited" in result.stdout
    assert "eval all:" in result.stderr and "s in all" in result.stderr
    return out


def test_run_json_has_config_versions_metrics_and_rows(run_dir, tmp_path, local_index):
    body = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    assert body["format"] == "arrimage-eval-run/1"
    assert {"name", "created_at", "seconds", "target", "config", "versions", "validation", "metrics", "questions",
            "timing"} <= set(body)
    assert body["target"]["kind"] == "in-process" and body["target"]["model_id"] == "fake-hash"
    assert len(body["target"]["corpus_hash"]) == 64
    assert body["config"]["settings"]["index_dir"] == str(local_index)
    assert body["config"]["bootstrap"] == {"resamples": 1000, "seed": body["config"]["seed"], "level": 0.95,
                                           "method": "percentile, questions resampled"}
    assert len(body["config"]["questions_sha256"]) == 64
    assert {"python", "arrimage", "numpy", "faiss-cpu"} <= set(body["versions"])
    metric = next(m for m in body["metrics"] if m["id"] == "retrieval/hybrid/nDCG@10")
    assert metric["low"] <= metric["value"] <= metric["high"] and metric["n"] == 7
    assert {"factual", "numeric"} <= set(metric["by_kind"])
    row = next(q for q in body["questions"] if q["qid"] == "f01")
    assert row["scores"]["answers/gold evidence cited"] == [1.0, 1.0]
    assert row["retrieved"]["hybrid"][0]["chunk_id"] and "holds" in row["retrieved"]["hybrid"][0]
    assert row["answer"]["citations"] and row["answer"]["figures"]["reference"] == ["1186M$"]
    assert row["gold"] and row["reference"]
    assert json.loads((tmp_path / "copy.json").read_text(encoding="utf-8")) == body
    run = load_run(run_dir)
    assert run.metric("retrieval/hybrid/nDCG@10").value == pytest.approx(metric["value"])


def test_report_markdown_has_its_sections(run_dir):
    text = (run_dir / "report.md").read_text(encoding="utf-8")
    for heading in ("# Evaluation run: all", "## Configuration", "## Gold evidence check", "## Retrieval",
                    "### By question kind (hybrid)", "## Answers", "## Scores of answerable and unanswerable questions",
                    "## Alignment", "## Failures", "### Retrieval (hybrid)", "### Answers"):
        assert heading in text, heading
    assert "| nDCG@10 |" in text and "[" in text  # values with intervals
    assert "false abstention (lower is better)" in text
    assert "| hard negatives first (lower is better) |" in text and "1 not matched to a unit" in text
    for png in ("retrieval_by_kind.png", "answers_by_kind.png", "score_distribution.png"):
        assert f"]({png})" in text


def test_charts_are_valid_pngs(run_dir):
    for name in ("retrieval_by_kind.png", "answers_by_kind.png", "score_distribution.png"):
        path = run_dir / name
        assert path.read_bytes().startswith(PNG_MAGIC), name
        with Image.open(path) as image:
            image.verify()
            assert image.format == "PNG" and image.size[0] > 300


def test_a_failure_shows_what_was_retrieved_and_cited(local_index, tmp_path):
    from test_eval_fixtures import FIXTURE_QUESTIONS, write_questions

    # a question whose gold quote the answer cannot cite: asked about something else entirely
    odd = dict(FIXTURE_QUESTIONS[3], id="f99", question="budget 1 186 M$ investissements")
    questions = write_questions(tmp_path / "q.jsonl", [odd, FIXTURE_QUESTIONS[7]])
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["eval", "all", "--questions", str(questions), "--out", str(out), "--modes", "bm25"])
    assert result.exit_code == 0, result.output
    text = (out / "report.md").read_text(encoding="utf-8")
    failure = text[text.index("### Retrieval (bm25)"):]
    failure = failure[failure.index("**f99**"):]
    assert "missing quote 1: “L’évaluation des programmes d’études" in failure
    assert "retrieved (top 5):" in failure and "`plan-numerique`" in failure
    answers_part = text[text.index("### Answers"):]
    assert "**f99**" in answers_part and "- answer: " in answers_part and "no gold quote" in answers_part


def test_floors_are_checked_on_request(local_index, fixture_questions_file, tmp_path):  # noqa: F811
    result = CliRunner().invoke(main, ["eval", "retrieval", "--questions", str(fixture_questions_file), "--out",
                                       str(tmp_path / "r"), "--check-floors"])
    assert result.exit_code == 1, "a retrieval-only run lacks the answer metrics the floors need"
    assert "answers/gold evidence cited: not in this run" in result.stdout
