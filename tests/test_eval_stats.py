"""Bootstrap intervals on known data, paired comparisons of two synthetic runs, and `arrimage eval compare`."""

from __future__ import annotations

import json
import math
import random

import pytest
from arrimage.eval.compare import compare_runs
from arrimage.eval.runs import QuestionRow, Run, summarise, write_run
from arrimage.eval.stats import UNDEFINED, bootstrap, paired_difference, pooled, wins_ties_losses
from click.testing import CliRunner

from arrimage.cli import main

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_bootstrap_of_a_constant_is_the_constant():
    e = bootstrap([(0.7, 1.0)] * 40)
    assert (e.value, e.low, e.high, e.n) == (pytest.approx(0.7), pytest.approx(0.7), pytest.approx(0.7), 40)


def test_bootstrap_of_a_proportion_matches_the_normal_approximation():
    pairs = [(1.0, 1.0)] * 50 + [(0.0, 1.0)] * 50
    e = bootstrap(pairs)
    assert e.value == 0.5 and e.n == 100
    half_width = 1.96 * math.sqrt(0.25 / 100)  # 0.098
    assert e.low == pytest.approx(0.5 - half_width, abs=0.02)
    assert e.high == pytest.approx(0.5 + half_width, abs=0.02)
    assert bootstrap(pairs) == e, "seeded: the same data give the same interval"
    varied = [(random.Random(i).random(), 1.0) for i in range(30)]
    assert bootstrap(varied, seed=1) != bootstrap(varied, seed=2), "the seed is what makes it repeatable"


def test_undefined_questions_are_left_out_and_rates_are_pooled():
    e = bootstrap([(1.0, 1.0), UNDEFINED, (0.0, 1.0), UNDEFINED])
    assert e.value == 0.5 and e.n == 2
    # supported sentences: 3 of 4 and 1 of 1 pool to 4 of 5, not the mean of 0.75 and 1
    assert pooled([(3.0, 4.0), (1.0, 1.0)]) == pytest.approx(0.8)
    assert bootstrap([(3.0, 4.0), (1.0, 1.0)]).value == pytest.approx(0.8)
    empty = bootstrap([UNDEFINED])
    assert empty.n == 0 and math.isnan(empty.value) and math.isnan(empty.low)


def test_wins_ties_losses_and_direction():
    a = [(1.0, 1.0), (0.0, 1.0), (0.5, 1.0), UNDEFINED]
    b = [(0.0, 1.0), (1.0, 1.0), (0.5, 1.0), (1.0, 1.0)]
    assert wins_ties_losses(a, b) == (1, 1, 1)
    assert wins_ties_losses([(0.0, 1.0)], [(1.0, 1.0)], higher_is_better=False) == (0, 0, 1)


def test_a_clear_improvement_is_established():
    rng = random.Random(3)
    a = [(rng.random() * 0.5, 1.0) for _ in range(60)]
    b = [(x + 0.3, 1.0) for x, _ in a]
    d = paired_difference(a, b)
    assert d.diff == pytest.approx(0.3)
    assert d.low > 0 and d.verdict == "B better"
    assert (d.wins, d.ties, d.losses) == (60, 0, 0)
    worse = paired_difference(b, a)
    assert worse.high < 0 and worse.verdict == "B worse"
    # for a lower-is-better metric, going down is the improvement
    assert paired_difference(b, a, higher_is_better=False).verdict == "B better"


def test_noise_is_not_established():
    rng = random.Random(5)
    a = [(float(rng.random() < 0.7), 1.0) for _ in range(40)]
    b = list(a)
    b[0] = (1.0 - b[0][0], 1.0)  # one question changes
    d = paired_difference(a, b)
    assert d.low <= 0 <= d.high and d.verdict == "not established"
    same = paired_difference(a, a)
    assert same.diff == 0 and same.verdict == "not established" and same.ties == 40


def _run(name: str, values: dict[str, float]) -> Run:
    rows = tuple(
        QuestionRow(qid, f"question {qid}", "factual", True, {"answers/gold evidence cited": (v, 1.0)})
        for qid, v in values.items()
    )
    metrics = summarise(rows, ["answers/gold evidence cited"])
    return Run(name, "2026-11-24T00:00:00+00:00", 1.0, {"kind": "in-process", "location": "x", "model_id": "m",
               "documents": 1, "chunks": 1, "corpus_hash": "h"}, {"questions_sha256": "s", "bootstrap": {}}, {}, [],
               metrics, rows)


def test_compare_two_synthetic_runs():
    a = _run("a", {f"q{i:02d}": float(i % 2) for i in range(30)})
    b_values = {f"q{i:02d}": float(i % 2) for i in range(30)}
    b_values.update({"q00": 1.0, "q02": 1.0, "q01": 0.0})  # two wins, one loss: within noise
    comparison = compare_runs(a, _run("b", b_values))
    m = comparison.metrics[0]
    assert comparison.questions == 30
    assert (m.difference.wins, m.difference.ties, m.difference.losses) == (2, 27, 1)
    assert m.better == ("q00", "q02") and m.worse == ("q01",)
    assert m.difference.verdict == "not established"
    all_ones = compare_runs(a, _run("c", dict.fromkeys(b_values, 1.0)))
    assert all_ones.metrics[0].difference.verdict == "B better"


def test_compare_command_writes_its_report(tmp_path):
    a = _run("a", {f"q{i:02d}": float(i % 3 == 0) for i in range(30)})
    b = _run("b", {f"q{i:02d}": float(i % 3 == 0 or i == 1) for i in range(30)})
    write_run(a, tmp_path / "a" / "run.json")
    write_run(b, tmp_path / "b" / "run.json")
    out = tmp_path / "cmp"
    result = CliRunner().invoke(main, ["eval", "compare", str(tmp_path / "a" / "run.json"), str(tmp_path / "b"),
                                       "--out", str(out), "--plain"])
    assert result.exit_code == 0, result.output
    assert "not established" in result.stdout and "W/T/L 1/29/0" in result.stdout
    markdown = (out / "comparison.md").read_text(encoding="utf-8")
    assert "**not established**" in markdown and "| answers/gold evidence cited |" in markdown
    assert (out / "comparison.png").read_bytes().startswith(PNG_MAGIC)
    body = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert body["metrics"][0]["difference"]["verdict"] == "not established"


def test_compare_refuses_a_file_that_is_not_a_run(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "compare", str(bad), str(bad)])
    assert result.exit_code == 1
    assert "not an evaluation run" in result.output and "Traceback" not in result.output
