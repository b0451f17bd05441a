"""A question set written on plans of its own (``plans/`` beside its questions) is scored on an index of the corpus
and those plans, built once and kept beside the index."""

from __future__ import annotations

import json

from click.testing import CliRunner
from support import FakeEmbedder

from arrimage.cli import main

PLAN = ("Plan stratégique 2024-2028\n\nOrientation 1 – Soutenir la relève scientifique\n\n"
        "Objectif 1.1 – Accroître le nombre de bourses\n\nIndicateur : Bourses de doctorat accordées\n"
        "Cible : 180 bourses en 2028 (120 en 2023)\n")


def _question_set(tmp_path) -> tuple:
    folder = tmp_path / "set"
    (folder / "plans").mkdir(parents=True)
    (folder / "plans" / "fonds.txt").write_text(PLAN, encoding="utf-8")
    (folder / "plans" / "catalog.json").write_text(json.dumps([{
        "id": "fonds-plan", "title": "Plan stratégique 2024-2028", "organization": "Fonds québécois de recherche",
        "level": "institutional", "period": "2024-2028", "files": {"text": "fonds.txt"}}]), encoding="utf-8")
    question = {"id": "s-001", "question": "Quelle est la cible de bourses de doctorat du FQR ?", "kind": "numeric",
                "lang": "fr", "answerable": True, "doc_ids": ["fonds-plan"], "reference_answer": "180 bourses en 2028.",
                "gold_quotes": [{"doc_id": "fonds-plan", "quote": "Cible : 180 bourses en 2028 (120 en 2023)"}]}
    (folder / "questions.jsonl").write_text(json.dumps(question, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder, folder / "questions.jsonl"


def test_a_set_with_its_own_plans_is_scored_on_the_corpus_and_those_plans(tmp_path, monkeypatch, fixture_corpus_dir,
                                                                            isolated_index_dir):
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())
    monkeypatch.setenv("ARRIMAGE_CORPUS", json.dumps([str(fixture_corpus_dir)]))
    folder, questions = _question_set(tmp_path)
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["eval", "answers", "--questions", str(questions), "--out", str(out)])
    assert result.exit_code == 0, result.output
    own = isolated_index_dir.parent / "eval-index" / "set"
    assert f"scored on {own}" in result.output
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["target"]["location"] == str(own)
    assert run["target"]["documents"] == 1 + len(list(fixture_corpus_dir.glob("*.txt")))
    assert not (isolated_index_dir / "manifest.json").exists()  # the configured index is left as it was
    # The index is kept: a second run finds it up to date.
    again = CliRunner().invoke(main, ["eval", "answers", "--questions", str(questions), "--out", str(tmp_path / "again")])
    assert again.exit_code == 0 and "up to date" in again.output


def test_a_set_whose_plans_cannot_be_read_fails_with_their_names(tmp_path, monkeypatch, fixture_corpus_dir):
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())
    monkeypatch.setenv("ARRIMAGE_CORPUS", json.dumps([str(fixture_corpus_dir)]))
    folder, questions = _question_set(tmp_path)
    (folder / "plans" / "vide.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "answers", "--questions", str(questions)])
    assert result.exit_code == 1
    assert "vide.txt" in result.output and "Traceback" not in result.output


def test_the_corpus_vectors_come_from_the_index_already_built(tmp_path, monkeypatch, fixture_corpus_dir):
    made: list[FakeEmbedder] = []
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: made.append(FakeEmbedder()) or made[-1])
    monkeypatch.setenv("ARRIMAGE_CORPUS", json.dumps([str(fixture_corpus_dir)]))
    assert CliRunner().invoke(main, ["ingest", "--plain"]).exit_code == 0
    corpus_texts = sum(e.texts_embedded for e in made)
    made.clear()
    _, questions = _question_set(tmp_path)
    result = CliRunner().invoke(main, ["eval", "answers", "--questions", str(questions), "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    # Only the set's own plan is embedded: its chunks and units, a handful against the corpus's.
    assert 0 < sum(e.texts_embedded for e in made) < corpus_texts / 4
