"""The ``arrimage`` command: help texts, input errors, search over an index built with the fake model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from arrimage.index.store import save_index
from click.testing import CliRunner
from support import REPO, FakeEmbedder

from arrimage.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("command", ["search", "ingest"])
def test_help_has_examples(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.output
    assert f"arrimage {command}" in result.output


def test_main_help_lists_the_commands(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "search", "serve", "eval"):
        assert command in result.output


@pytest.mark.parametrize("query", ["", "   "])
def test_search_empty_query_fails_clearly(runner, query):
    result = runner.invoke(main, ["search", query])
    assert result.exit_code == 2
    assert "query is empty" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a usage error, not a crash


def test_search_empty_query_in_a_real_process():
    proc = subprocess.run(
        [sys.executable, "-c", "from arrimage.cli import main; main()", "search", ""],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )
    assert proc.returncode == 2
    assert "query is empty" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.parametrize("args, fragment", [(["-k", "0"], "-k"), (["--mode", "foo"], "--mode"), (["--level", "provincial"], "--level")])
def test_search_bad_options_fail_clearly(runner, args, fragment):
    result = runner.invoke(main, ["search", "budget", *args])
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def fake_search_model(monkeypatch):
    """``arrimage search`` loads its model through arrimage.runtime.load_searcher → make_embedder."""
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())


def test_search_without_index_fails_clearly(runner, fake_search_model):
    result = runner.invoke(main, ["search", "budget"])
    assert result.exit_code == 1
    assert "no index" in result.output and "arrimage ingest" in result.output
    assert "Traceback" not in result.output


def test_search_over_an_index(runner, fake_search_model, fixture_index, isolated_index_dir):
    save_index(fixture_index, isolated_index_dir)
    result = runner.invoke(main, ["search", "budget 963 M$", "--mode", "bm25", "-k", "2"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["mode"] == "bm25" and 1 <= len(body["hits"]) <= 2
    assert body["hits"][0]["doc_id"] == "plan-numerique"
    assert "963 M$" in body["hits"][0]["text"]


def test_search_plain_and_filters(runner, fake_search_model, fixture_index, isolated_index_dir):
    save_index(fixture_index, isolated_index_dir)
    result = runner.invoke(main, ["search", "formation", "--plain", "--level", "regional", "-k", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1. [pole-regional p.")
    assert "plan-numerique" not in result.stdout and "inrs-formation" not in result.stdout


def test_search_unknown_document_fails_clearly(runner, fake_search_model, fixture_index, isolated_index_dir):
    save_index(fixture_index, isolated_index_dir)
    result = runner.invoke(main, ["search", "formation", "--doc", "plan-inconnu"])
    assert result.exit_code == 1
    assert "plan-inconnu" in result.output
    assert "Traceback" not in result.output


def test_search_with_an_index_of_another_model_fails_clearly(runner, monkeypatch, fixture_index, isolated_index_dir):
    save_index(fixture_index, isolated_index_dir)
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder(model_id="autre-modele"))
    result = runner.invoke(main, ["search", "formation"])
    assert result.exit_code == 1
    assert "fake-hash" in result.output and "autre-modele" in result.output


def test_units_shows_the_tree_recognised_in_a_plan_file(runner, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("Enjeu 1 – La réussite\nObjectif 1.1 : Accroître la diplomation\nCible : 72 % en 2029\n", encoding="utf-8")
    result = runner.invoke(main, ["units", str(plan)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == ["Enjeu 1 – La réussite  (p. 1)", "  Objectif 1.1 – Accroître la diplomation  (p. 1)",
                                              "    · cible : 72 % en 2029"]
    as_json = json.loads(runner.invoke(main, ["units", str(plan), "--format", "json"]).output)
    assert as_json[1]["targets"] == [{"text": "72 % en 2029", "value": 72.0, "unit": "%", "deadline": "2029", "baseline": None}]


def test_units_of_an_unknown_plan_fails_clearly(runner, fixture_index, isolated_index_dir):
    save_index(fixture_index, isolated_index_dir)
    result = runner.invoke(main, ["units", "no-such-plan"])
    assert result.exit_code == 1 and "no plan 'no-such-plan'" in result.output


def test_units_shows_each_unit_under_its_parent_even_when_the_plan_lists_it_later(runner, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "OBJECTIF GÉNÉRAL 1 — Maintenir à domicile\n\nObjectifs spécifiques :\n\n"
        "OS 1.1 – Augmenter les heures de soutien\n\nOS 1.2 – Réduire l'attente\n\n"
        "| No | OS | Moyen | Resp. |\n|---|---|---|---|\n| 1 | 1.1 | Embaucher des auxiliaires | DSAPA |\n"
        "| 2 | 1.2 | Créer une équipe d'évaluation | DSAPA |\n", encoding="utf-8")
    result = runner.invoke(main, ["units", str(plan)])
    assert result.exit_code == 0, result.output
    assert [line.split(" – ")[0] for line in result.output.splitlines()[:5]] == [
        "Objectif 1", "  OS 1.1", "    Moyen 1", "  OS 1.2", "    Moyen 2"]
