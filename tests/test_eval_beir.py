"""BEIR export → import round trip on the fixture index: the same relevance, by id or through the text."""

from __future__ import annotations

import csv
import json

import pytest
from arrimage.eval import beir
from arrimage.eval.datasets import DatasetError, load_questions
from arrimage.eval.evaluate import EvalConfig, evaluate, evaluate_cases
from arrimage.index.store import save_index
from click.testing import CliRunner
from support import FakeEmbedder
from test_eval_fixtures import fixture_questions_file, fixture_target  # noqa: F401 - fixtures

from arrimage.cli import main

CONFIG = EvalConfig(parts=("retrieval",), resamples=100)


@pytest.fixture
def exported(tmp_path, fixture_target, fixture_questions_file):  # noqa: F811
    directory = tmp_path / "beir"
    counts = beir.export(fixture_target, load_questions(fixture_questions_file), directory)
    return directory, counts


def _qrels(directory):
    with (directory / "qrels" / "dev.tsv").open(encoding="utf-8") as f:
        return list(csv.reader(f, delimiter="\t"))


def test_export_writes_queries_corpus_and_qrels(exported, fixture_target):  # noqa: F811
    directory, counts = exported
    corpus = [json.loads(line) for line in (directory / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    queries = [json.loads(line) for line in (directory / "queries.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [c["_id"] for c in corpus] == [p.chunk_id for p in fixture_target.all_passages()]
    assert {"_id", "title", "text"} <= set(corpus[0])
    assert len(queries) == 9 and queries[0]["text"].startswith("Quel est le budget")
    rows = _qrels(directory)
    assert rows[0] == ["query-id", "corpus-id", "score"]
    budget = [r for r in rows[1:] if r[0] == "f01"]
    assert budget and all(r[2] == "1" for r in budget)
    texts = {c["_id"]: c["text"] for c in corpus}
    assert all("1 186 M$" in texts[r[1]] for r in budget)
    assert not any(r[0] in ("f08", "f09") for r in rows[1:]), "unanswerable questions have no relevant passage"
    assert counts["queries_with_qrels"] == 7 and counts["qrels"] == len(rows) - 1


def _by_question(run, metric):
    return {q.qid: q.value(metric) for q in run.questions}


def test_round_trip_gives_the_chunk_level_scores(exported, fixture_target, fixture_questions_file):  # noqa: F811
    directory, _ = exported
    ours = evaluate(fixture_target, load_questions(fixture_questions_file), CONFIG, name="ours")
    cases, issues = beir.cases(fixture_target, beir.read(directory))
    assert issues == []
    imported = evaluate_cases(fixture_target, cases, issues, CONFIG, name="beir")
    for mode in ("bm25", "dense", "hybrid"):
        theirs = _by_question(imported, f"retrieval/{mode}/nDCG@10")
        mine = _by_question(ours, f"retrieval/{mode}/chunk nDCG@10")
        assert theirs == pytest.approx({q: mine[q] for q in theirs}), mode


def test_foreign_ids_are_mapped_through_the_text(exported, fixture_target):  # noqa: F811
    directory, _ = exported
    cases, _ = beir.cases(fixture_target, beir.read(directory))
    # rename every corpus id: the qrels now name documents of "another" corpus with our passages' texts
    renamed = {}
    lines = []
    for n, line in enumerate((directory / "corpus.jsonl").read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        renamed[row["_id"]] = f"doc-{n}"
        lines.append(json.dumps({**row, "_id": f"doc-{n}"}, ensure_ascii=False))
    (directory / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = _qrels(directory)
    with (directory / "qrels" / "dev.tsv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows([rows[0]] + [[q, renamed[c], s] for q, c, s in rows[1:]])
    mapped, issues = beir.cases(fixture_target, beir.read(directory))
    assert issues == []
    assert [c.qid for c in mapped] == [c.qid for c in cases]
    for by_text, by_id in zip(mapped, cases):
        assert len(by_text.evidence) == len(by_id.evidence)
        for e_id in by_id.evidence:
            # the passage itself, and any passage of ours mostly inside it (overlapping short chunks)
            assert any(e_id.chunk_ids <= e_text.chunk_ids for e_text in by_text.evidence)


def test_import_command(exported, monkeypatch, fixture_index, isolated_index_dir, tmp_path):
    directory, _ = exported
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())
    save_index(fixture_index, isolated_index_dir)
    result = CliRunner().invoke(main, ["eval", "import-beir", str(directory), "--modes", "hybrid", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["name"] == "beir-beir" and body["questions"] == 7
    assert body["metrics"]["retrieval/hybrid/nDCG@10"]["value"] > 0.5
    assert (tmp_path / "r" / "report.md").is_file()


def test_a_missing_split_is_named(exported):
    directory, _ = exported
    with pytest.raises(DatasetError, match=r"test\.tsv: no such file; splits found: dev"):
        beir.read(directory, "test")
