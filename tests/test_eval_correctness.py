"""Answers against the reference: figures (exact match after normalising spaces) and token F1."""

from __future__ import annotations

import math

import pytest
from arrimage.eval.correctness import figures, figures_match, strip_markers, token_f1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Une somme de 963 M$ est consacrée.", {"963M$"}),
        ("Une somme de 963\u00a0M$ est consacrée.", {"963M$"}),
        ("Une somme de 963M$ est consacrée.", {"963M$"}),
        ("soit 1 186 M$ au total", {"1186M$"}),
        ("soit 1\u202f186 M$ au total", {"1186M$"}),
        ("88 millions $ pour la diplomation", {"88M$"}),
        ("La cible est de 80 % et plus.", {"80%"}),
        ("La cible est de 80% et plus.", {"80%"}),
        ("environ 5 600 emplois", {"5600"}),
        ("un taux de 3,5 %", {"3,5%"}),
        ("adopté le 30 mars 2011, modifié le 1er mai 2011", {"30 mars 2011", "1 mai 2011"}),
        ("d’ici l’année scolaire 2020-2021", {"2020-2021"}),
        ("résolution INM‐10‐11‐041 et annexe B-12", set()),
        ("Aucun chiffre ici.", set()),
    ],
)
def test_figures_are_normalised(text, expected):
    assert figures(text) == expected


def test_figures_match_needs_every_figure_of_the_reference():
    reference = "355 M$ en fonctionnement et 608 M$ en investissements."
    assert figures_match("Le plan prévoit 355\u00a0M$ de fonctionnement et 608 M$ d’investissements. [1]", reference) == 1.0
    assert figures_match("Le plan prévoit 355 M$ de fonctionnement. [1]", reference) == 0.0
    assert figures_match("3 555 M$ et 608 M$", reference) == 0.0, "a figure inside another is not the figure"
    assert math.isnan(figures_match("n’importe quoi", "Plus du tiers des étudiants."))


def test_token_f1():
    assert token_f1("Des formations en ligne ouvertes aux enseignants. [1]", "Des formations en ligne ouvertes aux enseignants.") == 1.0
    assert token_f1("Le ciel est bleu.", "Des formations en ligne.") == 0.0
    # analysed tokens: stopwords out, stems ("formations" = "formation"), accents folded, the marker ignored
    prediction = "La formation [2] continue des maîtres"
    reference = "Formations continues en ligne"
    # prediction {format, continu, maitr}, reference {format, continu, lign}: P = R = 2/3
    assert token_f1(prediction, reference) == pytest.approx(2 / 3)
    assert math.isnan(token_f1("quelque chose", ""))
    assert token_f1("", "Une réponse attendue") == 0.0


def test_strip_markers():
    assert strip_markers("Une phrase. [1] Une autre. [2][3]") == "Une phrase. Une autre."
