"""index/lexical.py: French analysis for BM25."""

from __future__ import annotations

import pytest
from arrimage.index.lexical import LexicalIndex, analyze


def test_typographic_and_straight_apostrophes_are_the_same():
    assert analyze("l’évaluation") == analyze("l'évaluation")
    assert analyze("l’évaluation") == analyze("évaluation")  # the elided article is dropped
    assert analyze("L’ÉVALUATION d’un programme") == analyze("l'évaluation d'un programme")


def test_measure_numbers_are_kept():
    tokens = analyze("Mesure 12")
    assert "12" in tokens
    assert len(tokens) == 2  # the stemmed word and the number


def test_periods_keep_the_code_and_both_years():
    tokens = analyze("2018-2023")
    assert "2018-2023" in tokens and "2018" in tokens and "2023" in tokens


def test_percent_is_glued_to_its_number():
    tokens = analyze("80 %")
    assert "80%" in tokens
    assert analyze("80%") == tokens


def test_millions_of_dollars_keep_the_number():
    tokens = analyze("963 M$")
    assert any("963" in t for t in tokens)
    assert "963" in tokens


def test_thousands_separator_space_is_removed():
    assert "5600" in analyze("5 600")
    assert "5600" in analyze("5 600 étudiants")
    assert "5" not in analyze("5 600") and "600" not in analyze("5 600")


def test_zero_padded_numbers_also_match_unpadded():
    tokens = analyze("MESURE 01")
    assert "01" in tokens and "1" in tokens


def test_stopwords_are_dropped():
    assert analyze("le la les des du de et à un une") == []
    tokens = analyze("les objectifs du plan")
    assert len(tokens) == 2


def test_stemming_conflates_singular_and_plural():
    assert analyze("formations") == analyze("formation")
    assert analyze("Enseignants") == analyze("enseignant")
    assert analyze("formation") != analyze("information")


def test_hyphenated_words_give_their_parts():
    assert analyze("formation-emploi") == analyze("formation emploi")


def test_case_is_ignored():
    assert analyze("NUMÉRIQUE") == analyze("numérique")


@pytest.mark.parametrize("text", ["", "   ", "!!! ... ???", "«»—–"])
def test_no_tokens_from_punctuation(text):
    assert analyze(text) == []


def test_lexical_index_scores_every_text_and_zero_for_unknown_words():
    index = LexicalIndex.build(
        ["La formation des enseignants au numérique.", "Le budget des infrastructures.", "Les bourses d’excellence."]
    )
    scores = index.scores("formations")
    assert scores.shape == (3,)
    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0
    assert not index.scores("zzzinconnu").any()
    assert not index.scores("le la les").any()


def test_ligatures_meet_their_spelling_on_a_keyboard():
    assert analyze("Cœur-du-Québec, main-d’œuvre, Œuvre") == analyze("Coeur-du-Quebec, main-d'oeuvre, oeuvre")
