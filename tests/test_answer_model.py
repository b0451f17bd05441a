"""The learned parts of the extractive answerer: the shipped model file, and that it is what
`arrimage eval fit-answerer` makes from the committed development questions."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from arrimage.answer.features import QUESTION_FEATURES, SENTENCE_FEATURES
from arrimage.answer.model import MODEL_PATH, ModelError, load
from arrimage.eval.fit_answerer import PASSAGE_CHOICES, reliability


def test_the_shipped_model_fits_the_features_and_says_what_it_was_fit_on():
    model = load()
    assert model.sentence.features == SENTENCE_FEATURES and model.answerability.features == QUESTION_FEATURES
    assert 0 < model.threshold < 1 and model.passages in PASSAGE_CHOICES
    assert "eval/datasets/dev" in model.about["fit on"] and model.about["false abstention (out of fold)"] <= 0.03
    # What must hold of any fit: a name of the question absent from the passages, or no sentence carrying the
    # figure asked for, makes an answer less likely; a sentence covering more of the question is more likely.
    coef = dict(zip(QUESTION_FEATURES, model.answerability.coef))
    assert coef["years_missing"] < 0 < coef["type_carried"] and coef["names_all_missing"] < 0
    assert dict(zip(SENTENCE_FEATURES, model.sentence.coef))["coverage"] > 0


def test_a_model_fit_on_other_features_is_refused_with_the_command_to_refit(tmp_path):
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    raw["sentence"]["features"] = ["coverage"]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ModelError, match="arrimage eval fit-answerer"):
        load.__wrapped__(path)


def test_reliability_bins_and_calibration_error(tmp_path):
    probabilities = np.array([0.05, 0.15, 0.95, 0.92, 0.55])
    labels = np.array([0, 0, 1, 1, 1])
    rows, ece = reliability(probabilities, labels)
    assert [r["n"] for r in rows] == [1, 1, 1, 2]
    assert rows[-1] == {"bin": "0.9–1.0", "predicted": 0.935, "observed": 1.0, "n": 2}
    assert ece == pytest.approx((0.05 + 0.15 + 0.45 + 2 * 0.065) / 5, abs=1e-4)
    from arrimage.logistic import plot_reliability

    plot_reliability({"sentences": rows, "answerability": rows}, tmp_path / "docs" / "plot.png")
    assert (tmp_path / "docs" / "plot.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.e2e
def test_the_shipped_model_was_fit_on_every_set_as_the_code_reads_and_scores_it_today(real_index_env):
    # A refit embeds each set's plans and takes over an hour: the model keeps, by set, the hash of the index it was
    # asked of and a summary of its cases instead. Every set's sources, read again (nothing embedded), make the same
    # index (a change to the grammar or the chunker calls for a refit), and the development questions' cases, computed
    # again on the corpus's index, are the same (so is a change to the features or to retrieval).
    from arrimage.eval.cli import FIT_QUESTIONS, set_sources
    from arrimage.eval.datasets import load_questions, set_name
    from arrimage.eval.fit_answerer import set_summary
    from arrimage.index.embed import make_embedder

    from arrimage.runtime import load_searcher, read_files, wanted_hash
    from arrimage.settings import Settings

    settings = Settings(index_dir=Path(real_index_env["ARRIMAGE_INDEX_DIR"]))
    by_set = load().about["by set"]
    assert list(by_set) == [set_name(p) for p in FIT_QUESTIONS]
    model_id = make_embedder(settings.embedding_model).model_id
    sources = {p: tuple(set_sources(settings, p)) for p in FIT_QUESTIONS}
    # (The sets on the corpus alone share its index: each index's sources are read once.)
    hashes = {s: wanted_hash(settings, read_files(settings, list(s))[1], model_id) for s in set(sources.values())}
    stale = [set_name(p) for p in FIT_QUESTIONS if hashes[sources[p]] != by_set[set_name(p)]["index"]]
    assert not stale, f"the sets' plans read otherwise since the fit: run `arrimage eval fit-answerer` ({stale})"
    now, then = set_summary(load_searcher(settings), load_questions(FIT_QUESTIONS[0])), by_set[set_name(FIT_QUESTIONS[0])]
    assert {k: now[k] for k in ("questions", "sentences", "positive sentences")} == \
        {k: then[k] for k in ("questions", "sentences", "positive sentences")}
    assert now["feature means"] == pytest.approx(then["feature means"], abs=1e-3)


def test_a_pipe_row_is_a_whole_candidate_and_a_table_header_is_no_answer():
    from arrimage.answer.features import Candidate, spans

    text = ("| Action | Porteur | Cible |\n| III.1.a Acheter au Québec | Service alimentaire | 50 % en 2029 |\n"
            "Suivi du plan\nLe comité rend compte deux fois par année.\nDirection SAPA")
    found = [text[a:b] for a, b in spans(text)]
    assert found[:3] == ["| Action | Porteur | Cible |", "| III.1.a Acheter au Québec | Service alimentaire | 50 % en 2029 |",
                         "Suivi du plan"]
    assert found[3] == "Le comité rend compte deux fois par année.\nDirection SAPA"  # a short cell still goes with its line
    # A heading is no cell of the line above it.
    heading = "– Offrir une formation à tout le personnel\nDéfi 3 : Une culture de l'inclusion"
    assert [heading[a:b] for a, b in spans(heading)] == ["– Offrir une formation à tout le personnel",
                                                         "Défi 3 : Une culture de l'inclusion"]

    def candidate(s: str) -> Candidate:
        return Candidate(0, 0, len(s), s, frozenset(), 0.0, ())

    assert candidate(found[0]).heading and not candidate(found[1]).heading


def test_a_units_field_lines_are_one_candidate_and_no_cell_of_its_heading():
    from arrimage.answer.features import spans

    text = ("Résultat visé 3.2 — Former les bénévoles de la réserve citoyenne\nIndicateur : Nombre de bénévoles formés\n"
            "Cible : 60 bénévoles d'ici 2029 (12 en 2025)\nGestes\n• Geste 3.2.1 — Offrir deux formations par année")
    found = [text[a:b] for a, b in spans(text)]
    assert found[:2] == ["Résultat visé 3.2 — Former les bénévoles de la réserve citoyenne",
                         "Indicateur : Nombre de bénévoles formés\nCible : 60 bénévoles d'ici 2029 (12 en 2025)"]
    assert not any(f.startswith("Cible") for f in found)  # the target is read with its indicator, not alone


def test_a_table_row_answers_for_its_column_names(tmp_path):
    # "cible" and "2030" are only in the header: the row under it is the best sentence for a target question.
    from arrimage.answer.features import candidates, profile
    from support import searcher_of

    (tmp_path / "plan.txt").write_text(
        "Plan stratégique 2025-2030 du Cégep des Deux-Lacs\n\n"
        "Orientation 5 : Consolider le rôle du Cégep dans sa région\n"
        "L'alternance travail-études et les stages crédités seront étendus aux programmes préuniversitaires.\n\n"
        "| Objectif | Indicateur | Situation de départ | Cible 2030 |\n|---|---|---|---|\n"
        "| 5.1 | Nombre de projets de recherche appliquée actifs | 9 | 15 |\n"
        "| 5.2 | Nombre de stages et de projets d'alternance par année | 310 | 450 |\n", encoding="utf-8")
    searcher = searcher_of(tmp_path)
    question = "Quelle est la cible pour les stages en 2030 ?"
    found = candidates(profile(question, searcher.data.lexical), searcher.search(question, k=8), searcher, question)
    probabilities = load().sentence.probabilities([c.features for c in found])
    best = max((c for c in zip(probabilities, found) if not c[1].heading), key=lambda c: c[0])[1]
    assert best.text == "| 5.2 | Nombre de stages et de projets d'alternance par année | 310 | 450 |"


def test_a_list_ends_at_the_next_heading():
    from types import SimpleNamespace

    from arrimage.answer.extractive import _list_items
    from arrimage.answer.features import Candidate

    text = "Moyens de mise en œuvre :\n– Adopter une politique révisée\n– Offrir une formation\nDéfi 3 : Une culture de l'inclusion\nSuite."
    hit = SimpleNamespace(chunk=SimpleNamespace(text=text))
    lead = Candidate(0, 0, len("Moyens de mise en œuvre :"), "Moyens de mise en œuvre :", frozenset(), 0.0, ())
    assert [i.text for i in _list_items(lead, [hit], 10)] == ["– Adopter une politique révisée", "– Offrir une formation"]


def test_a_unit_heading_takes_no_cell_and_is_never_an_answer():
    from arrimage.answer.features import Candidate, spans

    # The plan's own level word ("Engagement") is in no grammar: the heading is known by where its unit starts.
    text = ("Engagement 2.1 — Offrir une activité sportive parascolaire gratuite\nGestes :\n"
            "Financer un animateur sportif par école\nPorteur : Table régionale loisir-éducation")
    found = [text[a:b] for a, b in spans(text, frozenset({0}))]
    assert found[:3] == ["Engagement 2.1 — Offrir une activité sportive parascolaire gratuite", "Gestes :",
                         "Financer un animateur sportif par école"]
    # A line that leads in to a list takes none of its items as a cell, whether or not a heading is known.
    assert "Financer un animateur sportif par école" in [text[a:b] for a, b in spans(text)]
    assert Candidate(0, 0, len(found[0]), found[0], frozenset(), 0.0, (), unit_heading=True).heading
    assert not Candidate(0, 0, len(found[2]), found[2], frozenset(), 0.0, ()).heading


def test_the_follow_up_model_is_fit_on_every_opened_question_set_and_judged_leaving_each_out():
    from arrimage.eval.cli import FIT_QUESTIONS
    from arrimage.eval.datasets import set_name

    about = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["about"]
    names = [set_name(p) for p in FIT_QUESTIONS]
    assert about["follow-ups fit on"] == ", ".join(names)
    assert "heldout" not in names and set(about["by set left out (recognised, follow-ups, taken, others)"]) == set(names)
