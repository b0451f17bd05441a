"""Plan units extracted from the real corpus, checked against what the plans say of themselves."""

from __future__ import annotations

from collections import Counter

import pytest
from arrimage.ingest.models import PlanUnit
from arrimage.ingest.units import extract_units


@pytest.fixture(scope="module")
def units(real_corpus) -> dict[str, list[PlanUnit]]:
    return {d.meta.doc_id: extract_units(d) for d in real_corpus.documents}


def _codes(units: list[PlanUnit], kind: str) -> list[str]:
    return [u.code for u in units if u.kind == kind]


def _check_codes(found: list[str], expected: list[str]) -> None:
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    assert not missing and not extra, f"missing {missing}, extra {extra}"


def _descendants(units: list[PlanUnit], root: PlanUnit) -> list[PlanUnit]:
    by_id = {u.unit_id: u for u in units}

    def under(u: PlanUnit) -> bool:
        parent = by_id.get(u.parent_id) if u.parent_id else None
        while parent is not None:
            if parent.unit_id == root.unit_id:
                return True
            parent = by_id.get(parent.parent_id) if parent.parent_id else None
        return False

    return [u for u in units if under(u)]


def test_ministerial_plan_has_3_orientations_8_axes_9_objectives_33_measures(units):
    mees = units["mees-plan-action-numerique-2018-2023"]
    _check_codes(_codes(mees, "orientation"), [f"Orientation {n}" for n in range(1, 4)])
    _check_codes(_codes(mees, "axe"), [f"Axe {n}" for n in range(1, 9)])
    _check_codes(_codes(mees, "objectif"), [f"Objectif {o}.{n}" for o in range(1, 4) for n in range(1, 4)])
    _check_codes(_codes(mees, "mesure"), [f"Mesure {n}" for n in range(1, 34)])


def test_ministerial_hierarchy_links_measures_to_objectives_to_axes_to_orientations(units):
    mees = units["mees-plan-action-numerique-2018-2023"]
    by_id = {u.unit_id: u for u in mees}
    parent_kind = {"mesure": "objectif", "objectif": "axe", "axe": "orientation"}
    for unit in mees:
        if unit.kind in parent_kind:
            assert unit.parent_id in by_id, unit.code
            assert by_id[unit.parent_id].kind == parent_kind[unit.kind], unit.code
    measure_12 = next(u for u in mees if u.code == "Mesure 12")
    assert by_id[measure_12.parent_id].code == "Objectif 2.1"
    assert "ENCOURAGER DES PROJETS D’INNOVATION" in measure_12.title


def test_units_carry_titles_pages_and_sections(units):
    for doc_id, found in units.items():
        for unit in found:
            assert unit.doc_id == doc_id and unit.page >= 1
            assert unit.unit_id.startswith(doc_id + ":")
        assert len({u.unit_id for u in found}) == len(found), f"unit ids are unique in {doc_id}"


def test_inrs_scientific_action_plan_has_objectives_1_to_10(units):
    _check_codes(_codes(units["inrs-plan-action-programme-scientifique-2021-2025"], "objectif"),
                 [f"Objectif {n}" for n in range(1, 11)])


def test_inm_plan_has_3_issues_and_issue_1_has_4_axes_and_8_objectives(units):
    inm = units["inm-plan-strategique-2011-2016"]
    _check_codes(_codes(inm, "enjeu"), ["Enjeu 1", "Enjeu 2", "Enjeu 3"])
    assert next(u for u in inm if u.code == "Enjeu 1").title == "LE DÉPLOIEMENT OPTIMAL DE L’OFFRE DE FORMATION"
    issue_1 = next(u for u in inm if u.code == "Enjeu 1")
    below = Counter(u.kind for u in _descendants(inm, issue_1))
    assert below["axe"] == 4, below
    assert below["objectif"] == 8, below
    # The plan says: enjeu 2 has 3 axes and 5 objectifs, enjeu 3 has 2 axes and 9 objectifs.
    for code, axes, objectives in (("Enjeu 2", 3, 5), ("Enjeu 3", 2, 9)):
        issue = next(u for u in inm if u.code == code)
        below = Counter(u.kind for u in _descendants(inm, issue))
        assert (below["axe"], below["objectif"]) == (axes, objectives), (code, below)


def test_inm_objectives_have_their_indicators_and_targets(units):
    inm = units["inm-plan-strategique-2011-2016"]
    watch = next(u for u in inm if u.kind == "objectif" and u.title.startswith("Produire et diffuser"))
    assert watch.indicators[0] == "Structure de veille stratégique mise en place"
    assert watch.targets[0].text == "31 mars 2012" and watch.targets[0].deadline == "31 mars 2012"
    with_targets = [u for u in inm if u.kind == "objectif" and u.targets]
    assert len(with_targets) >= 15


def test_pole_plan_has_the_four_mes_themes_and_no_action_under_the_fourth(units):
    pole = units["pole-quebec-plan-action-2025-2026"]
    _check_codes(_codes(pole, "theme"), [f"Thème {n}" for n in range(1, 5)])
    actions = [u for u in pole if u.kind == "action"]
    assert actions and all(u.parent_id != "pole-quebec-plan-action-2025-2026:theme-4" for u in actions)
    assert all(u.indicators for u in actions), "each action brings its indicator and target line"


def test_pole_plan_has_17_actions_under_the_first_three_themes(units):
    actions = [u for u in units["pole-quebec-plan-action-2025-2026"] if u.kind == "action"]
    assert len(actions) == 17, f"{len(actions)} actions: {[a.title[:40] for a in actions]}"
    assert all(a.parent_id.endswith(("theme-1", "theme-2", "theme-3")) for a in actions)
    # Each action's own name, though table rows run together in extraction.
    named = {
        1: "Table de concertation régionale en enseignement supérieur",
        2: "Groupe de travail sur l'attractivité et la visibilité des études supérieures à Québec",
        3: "Soutien financier et création d’une communauté de pratique CRIEE",
        4: "Ententes formelles de collaboration avec des partenaires de relais locaux et internationaux",
        5: "Campagne régionale sur la qualité de l’accueil et de l’intégration à Québec",
        6: "Comité de concertation interétablissements sur le milieu de vie communautaire des Premiers Peuples",
        7: "Groupe de travail sur la transition des parcours pour les personnes bénéficiaires des services adaptés",
        10: "Comités consultatifs pour bonifier l’accueil et l’intégration des personnes étudiantes",
        11: "Programmation interétablissements d’activités étudiantes",
        13: "Lancement de l’application Québec ville études",
        15: "Comité consultatif pour la promotion des formations et professions en santé",
        17: "Campagne de rayonnement Enseigner en TI au collégial dans la Capitale-Nationale et supervision en santé",
    }
    wrong = {n: actions[n - 1].title for n, name in named.items() if not actions[n - 1].title.startswith(name)}
    assert not wrong, wrong


def test_pole_actions_carry_objective_indicator_and_target(units):
    actions = [u for u in units["pole-quebec-plan-action-2025-2026"] if u.kind == "action"]
    first = actions[0]
    assert "Structurer les échanges interétablissements" in first.text
    assert first.indicators == ("Taux de satisfaction des personnes participantes",)
    assert [t.text for t in first.targets] == ["80 % et plus"]
    assert (first.targets[0].value, first.targets[0].unit) == (80, "%")
    assert [(t.text, t.value) for t in actions[4].targets] == [("Plus de 80 000 vues", 80000)]
    assert sum(bool(a.targets) for a in actions) >= 15


def test_actions_announced_under_an_orientation_are_its_units(units):
    inrs = units["inrs-plan-action-programme-scientifique-2021-2025"]
    by_id = {u.unit_id: u for u in inrs}
    announced = [u.title for u in inrs if u.kind == "action" and by_id[u.parent_id].kind == "orientation"]
    assert "Favoriser les publications en libre accès et mettre en valeur Espace INRS." in announced
    assert len(announced) == 14  # 4, 4 and 6 under the three orientations


def test_inrs_training_plan_has_3_axes_8_objectives_and_the_28_means_of_its_table(units):
    training = units["inrs-plan-formation-enseignement"]
    by_id = {u.unit_id: u for u in training}
    _check_codes(_codes(training, "axe"), ["Axe 2.1", "Axe 2.2", "Axe 2.3"])
    _check_codes(_codes(training, "objectif"), [f"Objectif {c}" for c in
                                               ("2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2", "2.3.1", "2.3.2", "2.3.3")])
    assert [by_id[u.parent_id].code for u in training if u.kind == "objectif"][:3] == ["Axe 2.1"] * 3
    per_objective = Counter(by_id[u.parent_id].code for u in training if u.kind == "moyen")
    assert per_objective == {"Objectif 2.1.1": 6, "Objectif 2.1.2": 2, "Objectif 2.1.3": 4, "Objectif 2.2.1": 5,
                             "Objectif 2.2.2": 4, "Objectif 2.3.1": 4, "Objectif 2.3.2": 2, "Objectif 2.3.3": 1}
    # Headings run into their paragraph ("2.1.3. Soutenir la réussite Dans le cadre …") take the table's title.
    success = next(u for u in training if u.code == "Objectif 2.1.3")
    assert success.title == "Soutenir la réussite" and "consultations du chantier" in success.text


def test_actions_listed_under_an_objective_are_units(units):
    inrs = units["inrs-plan-action-programme-scientifique-2021-2025"]
    by_id = {u.unit_id: u for u in inrs}
    under_1 = [u.title for u in inrs if u.kind == "action" and by_id[u.parent_id].code == "Objectif 1"]
    assert under_1 == ["Optimiser la veille en fonction des enjeux et axes thématiques.",
                       "Optimiser le partage d’information avec la communauté scientifique.",
                       "Accompagner les grandes initiatives."]


def test_means_of_the_summary_table_hang_under_their_objective(units):
    training = units["inrs-plan-formation-enseignement"]
    by_id = {u.unit_id: u for u in training}
    means = [(u.title, by_id[u.parent_id].code) for u in training if u.kind == "moyen"]

    def parent_of(start: str) -> str:
        return next(code for title, code in means if title.startswith(start))

    assert parent_of("Donner accès à du soutien et de l’accompagnement pédagogiques") == "Objectif 2.2.1"
    assert parent_of("Développer de nouveaux programmes d’études") == "Objectif 2.3.1"
    assert parent_of("Valoriser l’entrepreneuriat étudiant"), "two means run together in one row are cut apart"
