"""Follow-up questions take their subject from the conversation before retrieval."""

from __future__ import annotations

import pytest
from arrimage.answer.followup import Turn, is_follow_up, resolve

HISTORY = [Turn("user", "Quel est le budget du MEES pour la formation à distance ?"), Turn("assistant", "… [1]")]


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Et pour l'INRS ?", "Quel est le budget du INRS pour la formation à distance ?"),
        ("Quelle est sa cible ?", "Quelle est sa cible (Quel est le budget du MEES pour la formation à distance) ?"),
        ("And the deadline?", "Quel est le budget du MEES pour la formation à distance — deadline ?"),
        ("Quelles sont les orientations du plan numérique ?", "Quelles sont les orientations du plan numérique ?"),
    ],
)
def test_a_follow_up_is_searched_with_its_subject(question, searched):
    assert resolve(question, HISTORY) == searched


def test_without_an_earlier_question_nothing_is_resolved():
    assert resolve("Et pour l'INRS ?", []) == "Et pour l'INRS ?"
    assert resolve("Et pour l'INRS ?", [Turn("assistant", "Bonjour")]) == "Et pour l'INRS ?"


@pytest.mark.parametrize(("question", "follows"), [("Et la cible ?", True), ("What about its budget?", True),
                                                    ("Quel est le mandat de l'INM ?", False),
                                                    ("Et ensuite, quelles sont les trois orientations du plan numérique du "
                                                     "ministère de l'Éducation pour 2018-2023 ?", False)])
def test_what_counts_as_a_follow_up(question, follows):
    assert is_follow_up(question) is follows
