"""A small question set over the fixture corpus (support.FIXTURE_DOCS), shared by the eval tests.

The fixtures below are imported by the other test_eval_* modules; the tests here check that the
set itself is sound on the fixture index (every quote found and held by a passage).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from arrimage.answer.extractive import ExtractiveAnswerer
from arrimage.eval.datasets import load_questions
from arrimage.eval.targets import InProcessTarget
from arrimage.eval.validation import prepare


def _q(qid, question, kind, quotes=(), reference="", lang="fr"):
    return {
        "id": qid, "question": question, "kind": kind, "lang": lang, "answerable": kind != "unanswerable",
        "doc_ids": sorted({d for d, _ in quotes}), "gold_quotes": [{"doc_id": d, "quote": q} for d, q in quotes],
        "reference_answer": reference,
    }


BUDGET = ("plan-numerique", "Le budget du plan numérique totalise des investissements de 1 186 M$ sur cinq ans.")
FIXTURE_QUESTIONS = [
    _q("f01", "Quel est le budget total du plan numérique ?", "numeric", [BUDGET], "1 186 M$ sur cinq ans."),
    _q("f02", "Quel pourcentage des étudiants inscrits doit obtenir son diplôme ?", "numeric",
       [("pole-regional", "La cible est que 80 % des étudiants inscrits obtiennent leur diplôme.")], "80 % des étudiants inscrits."),
    _q("f03", "Que finance la mesure 12 ?", "factual",
       [("plan-numerique", "La mesure 12 finance des formations en ligne ouvertes à tous les enseignants du réseau.")],
       "Des formations en ligne ouvertes à tous les enseignants du réseau."),
    _q("f04", "À quelle fréquence les programmes d’études sont-ils évalués ?", "factual",
       [("inrs-formation", "L’évaluation des programmes d’études est menée tous les sept ans par un comité externe.")],
       "Tous les sept ans, par un comité externe."),
    # typed apostrophe, a U+2010 hyphen and odd spacing in the quote: the judging ignores them
    _q("f05", "Que font les programmes d'adéquation formation-emploi ?", "paraphrase",
       [("pole-regional", "Les programmes d'adéquation formation‐emploi   répondent aux besoins des entreprises minières.")],
       "Ils répondent aux besoins des entreprises minières."),
    _q("f06", "Comment la formation des enseignants est-elle soutenue ?", "cross_document",
       [("plan-numerique", "Les enseignants reçoivent une formation continue adaptée aux outils numériques."),
        ("inrs-formation", "Les directeurs de recherche encadrent les mémoires et les thèses avec rigueur.")],
       "Par une formation continue adaptée aux outils numériques."),
    _q("f07", "What is the total budget of the digital action plan?", "english", [BUDGET], "1,186 M$ over five years.", "en"),
    _q("f08", "Que prévoit l’Université Laval pour la formation en ligne des enseignants ?", "unanswerable"),
    _q("f09", "Quel est le coût du transport collectif entre les campus ?", "unanswerable"),
]


# Alignment pairs over the fixture units: a regional orientation against the ministerial objective and measure.
FIXTURE_PAIRS = [
    {"id": "p1", "source_doc_id": "pole-regional", "source_quote": "RÉPONDRE AUX BESOINS DE MAIN-D’ŒUVRE",
     "target_doc_id": "plan-numerique", "target_quote": "OFFRIR DES FORMATIONS EN LIGNE AUX ENSEIGNANTS",
     "label": "partial", "hard_negative": False},
    {"id": "p2", "source_doc_id": "pole-regional", "source_quote": "RÉPONDRE AUX BESOINS DE MAIN-D’ŒUVRE",
     "target_doc_id": "plan-numerique", "target_quote": "RENFORCER LA FORMATION DES ENSEIGNANTS",
     "label": "none", "hard_negative": True},
    {"id": "p3", "source_doc_id": "pole-regional", "source_quote": "Une phrase qu’aucun plan ne contient",
     "target_doc_id": "plan-numerique", "target_quote": "RENFORCER LA FORMATION DES ENSEIGNANTS",
     "label": "strong", "hard_negative": False},
]


def write_questions(path: Path, rows=FIXTURE_QUESTIONS) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def fixture_questions_file(tmp_path) -> Path:
    return write_questions(tmp_path / "questions.jsonl")


@pytest.fixture
def fixture_pairs_file(tmp_path) -> Path:
    return write_questions(tmp_path / "pairs.jsonl", FIXTURE_PAIRS)


@pytest.fixture(scope="module")
def fixture_target(fixture_searcher) -> InProcessTarget:
    return InProcessTarget(fixture_searcher, {"extractive": ExtractiveAnswerer(fixture_searcher)}, "fixture")


def test_fixture_questions_are_valid_and_all_found(fixture_questions_file, fixture_target):
    questions = load_questions(fixture_questions_file)
    assert len(questions) == len(FIXTURE_QUESTIONS)
    cases, issues = prepare(fixture_target, questions)
    assert issues == []
    assert all(len(c.evidence) == len(q.gold_quotes) for c, q in zip(cases, questions))
    assert all(c.relevant_passages >= 1 for c in cases if c.answerable)
