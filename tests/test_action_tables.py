"""Action tables whose rows run together: cells, the end of one action, the start of the next."""

from __future__ import annotations

from arrimage.ingest.action_tables import action_end, action_start, cells


def _row(*lines: str):
    return cells([(line, 100 * i) for i, line in enumerate(lines)])


def test_a_target_run_into_the_next_actions_name_is_cut_at_the_figure():
    row = _row("Structurer les échanges entre établissements",
               "Taux de satisfaction des personnes 80 % et plus Groupe de travail sur l'attractivité à Québec",
               "Mettre en place un groupe de travail.")
    end, rest = action_end(row)
    assert end == type(end)("Structurer les échanges entre établissements",
                            ("Taux de satisfaction des personnes",), ("80 % et plus",))
    start = action_start(rest)
    assert start.name == "Groupe de travail sur l'attractivité à Québec"
    assert start.description == "Mettre en place un groupe de travail."


def test_a_name_starts_at_a_capital_after_an_ordinary_word_not_after_a_function_word():
    row = _row("Nombre de vues des outils Campagne régionale sur l’accueil des Premiers Peuples à Québec "
               "Déployer une campagne de communication")
    start = action_start(row)
    assert start.name == "Campagne régionale sur l’accueil des Premiers Peuples à Québec"
    assert start.description == "Déployer une campagne de communication"


def test_an_action_without_a_name_is_known_by_its_description():
    row = _row("Sensibiliser les milieux Nombre d’organisations", "Poursuivre la campagne de valorisation")
    end, rest = action_end(row)
    assert end.objective == "Sensibiliser les milieux" and end.indicators == ("Nombre d’organisations",)
    start = action_start(rest)
    assert start.name == "" and start.description == "Poursuivre la campagne de valorisation"
    assert start.start == 100


def test_nouns_that_end_like_infinitives_are_not_descriptions():
    assert action_start(_row("Nombre de personnes 25")) is None
