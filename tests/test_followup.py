"""Follow-up questions take their subject from the conversation before retrieval: a learned model says
whether a question follows on from the one before, and a follow-up is searched two ways."""

from __future__ import annotations

import pytest
from arrimage.answer.followup import FOLLOWS_AT, Turn, follows, resolve, with_subject
from arrimage.index.lexical import LexicalIndex
from arrimage.index.store import index_text

PREVIOUS = "Quel est le budget du MEES pour la formation à distance ?"
HISTORY = [Turn("user", PREVIOUS), Turn("assistant", "… [1]")]


@pytest.fixture(scope="module")
def lexical(real_corpus) -> LexicalIndex:
    """The BM25 statistics of the five real plans: the follow-up model weighs a question's terms by their IDF."""
    meta = {d.meta.doc_id: d.meta for d in real_corpus.documents}
    return LexicalIndex.build([index_text(c, meta[c.doc_id], True) for c in real_corpus.chunks])


@pytest.mark.parametrize(("question", "searched"), [
    ("Et pour l'INRS ?", "Quel est le budget du INRS pour la formation à distance ?"),
    # The side a question turns to is no subject of its own (test31: "Et du côté de la Coop santé ?" was searched as
    # "côté de la Coop santé ?", the budget left out).
    ("Et du côté de l'Institut national des mines ?",
     "Quel est le budget du MEES pour la formation à distance — Institut national des mines ?"),
    ("En ce qui concerne l'INRS ?", "Quel est le budget du INRS pour la formation à distance ?"),
    ("Quelle est sa cible ?", "Quelle est sa cible (Quel est le budget du MEES pour la formation à distance) ?"),
    ("And the deadline?", "Quel est le budget du MEES pour la formation à distance — deadline ?"),
    # A follow-up naming its unit by level and number says what it asks itself: the earlier question would turn it
    # into that question again ("Quels sont les objectifs … — quelle est la cible de l'objectif A.1 ?"); only the body
    # that question named stays (searched alone, an objective A.1 of another plan answered it).
    ("Et quelle est la cible de l'objectif A.1 ?", "quelle est la cible de l'objectif A.1 — MEES ?"),
    # … or by a plan's own word for its level (session 42's newcomer check: the question before came back instead)
    ("Quelle est la cible de l'engagement 1.2 ?", "Quelle est la cible de l'engagement 1.2 — MEES ?"),
])
def test_a_follow_up_is_searched_with_its_subject(question, searched):
    assert with_subject(question, PREVIOUS) == searched


@pytest.mark.parametrize(("question", "before", "searched"), [
    # A follow-up naming another unit asks the question before of that unit (it was asked of both, and the first won).
    ("Et celle de l'engagement 3.2 ?", "Quelle est la cible de l'engagement 2.2 ?", "Quelle est la cible de l'engagement 3.2 ?"),
    ("Et pour l'objectif 1.2 ?", "Quel est le budget de la mesure A2 ?", "Quel est le budget de l'objectif 1.2 ?"),
    ("And objective 4?", "What is the target of objective 2?", "What is the target of objective 4?"),
    ("Et celle de l'intervention B-1 ?", "Quelle est la cible de l'intervention A-2 de la Régie ?",
     "Quelle est la cible de l'intervention B-1 de la Régie ?"),
    # A unit numbered in roman numerals; the numeral is no name ("III" would replace a plan's name).
    ("Et pour le résultat visé III.2 ?", "Quelle est la cible du résultat visé I.1 de l'OMH ?",
     "Quelle est la cible du résultat visé III.2 de l'OMH ?"),
    # What the question before said of its unit is said of that unit only.
    ("Et pour l'objectif 3.2 ?", "Combien est prévu pour l'objectif 3.3 (accès équitable et sécuritaire) ?",
     "Combien est prévu pour l'objectif 3.2 ?"),
    ("Et pour l'objectif 3.3 ?", "Combien le plan prévoit-il pour l'objectif 3.2 sur la gouvernance numérique, en tout ?",
     "Combien le plan prévoit-il pour l'objectif 3.3, en tout ?"),
    # A year is no unit's number.
    ("Et la cible 2030 ?", "Quel est l'indicateur de l'objectif 1.1 ?", "Quel est l'indicateur de l'objectif 1.1 — la cible 2030 ?"),
])
def test_a_follow_up_naming_another_unit_asks_the_question_before_of_it(question, before, searched):
    assert with_subject(question, before) == searched


@pytest.mark.parametrize(("question", "before", "searched"), [
    # A rank without the thing ranked ranks the units the question before asked for, in the plan it named.
    ("combien d'argent est prévu pour le 2e ?", "quels sont les 4 axes du plan d'action en itinérance des Trois-Vallées",
     "combien d'argent est prévu pour l’axe 2 du plan d'action en itinérance des Trois-Vallées ?"),
    ("Et qui porte la quatrième ?", "Quelles sont les orientations du plan stratégique 2025-2030 de l'UQVB ?",
     "qui porte l’orientation 4 du plan stratégique 2025-2030 de l'UQVB ?"),
    ("Et les objectifs du deuxième ?", "Quels sont les enjeux de l'INRS ?", "les objectifs de l’enjeu 2 de l'INRS ?"),
    # A rank with its thing, or a date, is no such rank.
    ("Combien d'élèves ont participé à la première phase ?", "Quels sont les axes du plan ?",
     "Combien d'élèves ont participé à la première phase (Quels sont les axes du plan) ?"),
    ("Et le 1er avril ?", "Quels sont les axes du plan ?", "Quels sont les axes du plan — le 1er avril ?"),
])
def test_a_follow_up_ranking_the_units_asked_for_asks_of_the_unit_of_that_rank(question, before, searched):
    assert with_subject(question, before) == searched


@pytest.mark.parametrize(("question", "before", "searched"), [
    # What the body named before has is asked of it alone: the topic before would pull the answer back to itself.
    ("Et sa mission ?", "Quelle est la vision de l’Institut national des mines ?", "sa mission (Institut national des mines) ?"),
    ("Et qui préside son conseil d’administration ?", "Combien d’employés travaillent à l’Institut national des mines ?",
     "qui préside son conseil d’administration (Institut national des mines) ?"),
    # A field of the topic before ("sa cible") keeps that topic.
    ("Et sa cible ?", "Quel est le budget du MEES pour la formation à distance ?",
     "Quel est le budget du MEES pour la formation à distance — sa cible ?"),
])
def test_what_a_body_has_is_asked_of_the_body(question, before, searched):
    assert with_subject(question, before) == searched


@pytest.mark.parametrize(("question", "before", "searched"), [
    # A unit named by its plan's word and number, in the plan the question before named in words (session 43's
    # newcomer check: "résultat 2.2" searched alone was answered from another plan's).
    ("Quelle est la cible du résultat 2.2 ?", "Quels sont les résultats visés du plan stratégique du centre de justice ?",
     "Quelle est la cible du résultat 2.2 du plan stratégique du centre de justice ?"),
    # A follow-up naming its plan itself keeps it.
    ("Quelle est la cible du résultat 2.2 du plan de l'OMH ?", "Quels sont les résultats visés du plan du centre de justice ?",
     "Quelle est la cible du résultat 2.2 du plan de l'OMH ?"),
    # A question before naming no plan adds none.
    ("Quelle est la cible de l'objectif 1.2 ?", "Quels sont les objectifs ?", "Quelle est la cible de l'objectif 1.2 ?"),
])
def test_a_follow_up_naming_its_unit_stays_in_the_plan_asked_before(question, before, searched):
    assert with_subject(question, before) == searched


def test_a_follow_up_naming_only_a_plan_asks_the_question_before_of_it():
    # Its name's words say nothing of what it asks (test42: "Et pour le plan de Wapoc Sipi ?" was searched alone).
    assert (with_subject("Et pour le plan de Wapoc Sipi ?", "Quelles sont les priorités du plan de Transvallons ?")
            == "Quelles sont les priorités du plan de Wapoc Sipi ?")


def test_a_place_named_with_hyphens_gives_way_whole():
    assert (with_subject("Et pour la MRC ?", "Quelle proportion de la population de Saint-Anselme-des-Bois a 65 ans ou plus ?")
            == "Quelle proportion de la population de MRC a 65 ans ou plus ?")


def test_a_rank_without_its_thing_follows_on_from_a_question_asking_for_units(lexical):
    before = "Quelles sont les orientations du plan d'action numérique ?"
    history = [Turn("user", before), Turn("assistant", "… [1]")]
    assert resolve("combien d'argent est prévu pour la 3e ?", history, lexical) == before
    # After a question that asks for no units, the rank is left to the learned model.
    assert resolve("combien d'argent est prévu pour la 3e ?", HISTORY, lexical) is None


@pytest.mark.parametrize(("question", "follow_up"), [
    ("Et pour l'INRS ?", True), ("Quelle est sa cible ?", True), ("And the deadline?", True), ("Et la cible ?", True),
    ("What about its budget?", True),
    ("Quel est le mandat de l'Institut national des mines ?", False),
    ("Quelles sont les orientations du plan d'action numérique en éducation et en enseignement supérieur ?", False),
    ("Quelle est la mission de l'INRS et ses valeurs institutionnelles ?", False),
])
def test_the_model_tells_a_follow_up_from_a_new_question(lexical, question, follow_up):
    assert (follows(question, PREVIOUS, lexical) >= FOLLOWS_AT) is follow_up
    assert resolve(question, HISTORY, lexical) == (PREVIOUS if follow_up else None)


@pytest.mark.parametrize(("question", "points_back"), [
    # A participle or a clitic pointing back at what was named before (test42's follow-ups went unrecognised).
    ("Qui est responsable de l'action liée ?", True), ("c'est qui qui s'en occupe?", True),
    ("Quelle est la mesure correspondante ?", True),
    # Said of what follows it, it points nowhere.
    ("Quels sont les objectifs liés au numérique ?", False), ("Les établissements concernés par la mesure 3 ?", False),
])
def test_a_word_pointing_back_is_a_sign_of_a_follow_up(lexical, question, points_back):
    from arrimage.answer.followup import FOLLOW_UP_FEATURES, follow_up_features

    features = dict(zip(FOLLOW_UP_FEATURES, follow_up_features(question, PREVIOUS, lexical)))
    assert features["back_reference"] == float(points_back)


def test_without_an_earlier_question_nothing_is_resolved(lexical):
    assert resolve("Et pour l'INRS ?", [], lexical) is None
    assert resolve("Et pour l'INRS ?", [Turn("assistant", "Bonjour")], lexical) is None


def test_a_long_question_taken_for_a_follow_up_keeps_all_its_words():
    # The model takes this one for a follow-up (it opens on "Et"): it is searched with every one of its words.
    question = "Et ensuite, quelles sont les trois orientations du plan numérique du ministère de l'Éducation pour 2018-2023 ?"
    assert question.removeprefix("Et ").rstrip(" ?") in with_subject(question, PREVIOUS)


def test_a_follow_up_is_also_searched_in_its_own_words_in_the_plan_asked_about_before(fixture_searcher):
    from arrimage.answer.followup import follow_up_search

    before = "Quel est le budget du plan numérique ?"
    searched, hits = follow_up_search(fixture_searcher, "Et les tablettes ?", before, k=4)
    assert searched == with_subject("Et les tablettes ?", before)
    assert [h.rank for h in hits] == [1, 2, 3, 4]
    # The passage on the tablets lent to families, in the plan the budget question was answered from, is found.
    assert any("tablettes" in h.chunk.text and h.chunk.doc_id == "plan-numerique" for h in hits)
    # Limited to another plan, the follow-up stays there.
    _, elsewhere = follow_up_search(fixture_searcher, "Et les tablettes ?", before, k=4, doc_ids=["pole-regional"])
    assert {h.chunk.doc_id for h in elsewhere} == {"pole-regional"}


def test_a_follow_up_asking_for_a_level_asks_it_of_the_plan_answered_before(fixture_searcher):
    from arrimage.answer.followup import follow_up_search

    # Glued to the question before, it would ask for the measures and the objectives at once: no outline answers that.
    before = "Quelles sont les mesures du plan numérique ?"
    title = fixture_searcher.documents["plan-numerique"].meta.title
    searched, hits = follow_up_search(fixture_searcher, "Et quels sont les objectifs de ce plan ?", before, k=4)
    assert searched == f"Quels sont les objectifs du plan « {title} » ?"
    assert hits and {h.chunk.doc_id for h in hits} == {"plan-numerique"}
    # One that names a body or asks of a unit is searched as before.
    assert follow_up_search(fixture_searcher, "Et pour l'INRS ?", before, k=4)[0] == with_subject("Et pour l'INRS ?", before)


def test_an_acronym_is_spelled_out_once_the_follow_up_is_resolved(fixture_searcher):
    from arrimage.answer.followup import retrieve

    # Spelled out first, "Et pour le PFE (Plan de la formation et de l’enseignement) ?" would say enough to be asked alone.
    history = [Turn("user", "Quel est le budget du plan numérique ?"), Turn("assistant", "… [1]")]
    searched, _ = retrieve(fixture_searcher, "Et pour le PFE ?", history, k=4)
    assert searched.startswith("Quel est le budget")


def test_a_follow_up_naming_another_body_is_searched_in_its_own_words_in_every_plan(fixture_searcher):
    from arrimage.answer.followup import follow_up_search

    before = "Quel est le budget du plan numérique ?"
    _, hits = follow_up_search(fixture_searcher, "Et pour le Pôle régional ?", before, k=4)
    # Its own words are not searched in the plan the question before was answered from only.
    assert hits[0].chunk.doc_id == "pole-regional"
    assert sum(h.chunk.doc_id == "pole-regional" for h in hits) >= 3


@pytest.mark.parametrize(("before", "searched"), [
    # The body the question before was asked of gives way to the new one; its topic stays, capitals and all.
    ("La Direction scientifique de l'INRS vise-t-elle des cibles ?", "La Direction scientifique de l'UQAM vise-t-elle des cibles ?"),
    ("Qui signe la préface du Plan de la formation de l'INRS ?", "Qui signe la préface du Plan de la formation de l'UQAM ?"),
    # A question before naming no plan by a name of its own takes the new one after it.
    ("Combien d'élèves a touchés le projet Robot 360 ?", "Combien d'élèves a touchés le projet Robot 360 — UQAM ?"),
])
def test_a_follow_up_naming_another_body_replaces_the_body_not_the_topic(fixture_searcher, before, searched):
    from arrimage.answer.followup import follow_up_search

    assert follow_up_search(fixture_searcher, "Et pour l'UQAM ?", before, k=4)[0] == searched


def test_a_follow_up_naming_a_body_after_an_elision_stands_for_the_question_before():
    # "l'Institut national des mines" names a body (test18): it takes the place of the plan the question before named
    # in words, and "celle de …" stands for what that question asked (the vision), never a question of its own.
    before = "C'est quoi la vision du Plan d'action numérique en éducation ?"
    assert with_subject("Et celle de l'Institut national des mines ?", before, lambda name: name != "Plan") == \
        "C'est quoi la vision — celle de l'Institut national des mines ?"


def test_a_follow_up_asking_a_field_of_the_unit_just_quoted_is_asked_of_that_unit(fixture_searcher):
    """"Et qui porte ce geste ?" after an answer quoting a unit (an MRC's food-security plan, session 30's newcomer check,
    was answered with its reading guide): the unit is the first whose title the answer quotes; the word after "cette"
    must name its level, and the follow-up must ask a field."""
    from arrimage.answer.followup import cited_unit

    answered = "OFFRIR DES FORMATIONS EN LIGNE AUX ENSEIGNANTS [1] Cible : 500 enseignants formés en 2023 [2]"
    assert cited_unit(fixture_searcher, "Et qui est responsable de cette mesure ?", answered) == (
        "qui est responsable de cette mesure — Mesure 12 : « OFFRIR DES FORMATIONS EN LIGNE AUX ENSEIGNANTS » ?")
    assert cited_unit(fixture_searcher, "Quelle est sa cible ?", answered).endswith("« OFFRIR DES FORMATIONS EN LIGNE AUX ENSEIGNANTS » ?")
    assert cited_unit(fixture_searcher, "Et qui porte ce plan ?", answered) is None  # a plan is no mesure
    assert cited_unit(fixture_searcher, "Et pourquoi cette mesure ?", answered) is None  # no field asked
    assert cited_unit(fixture_searcher, "Et qui en est responsable ?", "Les plans indexés ne répondent pas.") is None


def test_the_field_of_the_unit_just_quoted_answers_its_follow_up(tmp_path):
    """End to end on a plan with field lines: the target quoted, then "Et qui porte ce geste ?" answers with the geste's
    own "Porteur" line, not a passage of the plan that speaks of carrying."""
    from arrimage.answer.extractive import ExtractiveAnswerer
    from arrimage.answer.followup import ask
    from support import searcher_of

    lines = ["Plan d'action en sécurité alimentaire 2026-2029", "", "Guide de lecture : chaque geste est porté par un "
             "organisme, le porteur, qui en rend compte au comité.", ""]
    for n, (title, owner, target) in enumerate((
            ("Implanter un frigo communautaire dans chaque municipalité", "Centre d'action bénévole", "5 frigos en 2028"),
            ("Offrir des ateliers de cuisine collective aux familles", "Maison de la famille", "12 ateliers en 2027")), 1):
        lines += [f"Geste {n} – {title}", "", f"Porteur : {owner}", f"Cible : {target}", ""]
    (tmp_path / "plan.txt").write_text("\n".join(lines), encoding="utf-8")
    searcher = searcher_of(tmp_path)
    answerer = ExtractiveAnswerer(searcher)
    history = [Turn("user", "Combien de frigos communautaires d'ici 2028 ?"),
               Turn("assistant", "Geste 1 – Implanter un frigo communautaire dans chaque municipalité [1] Cible : 5 frigos en 2028 [2]")]
    second = ask(searcher, answerer, "Et qui porte ce geste ?", history)
    assert "Implanter un frigo communautaire" in second.searched
    assert "Centre d'action bénévole" in second.answer and not second.abstained


def test_a_follow_up_of_a_follow_up_keeps_the_first_questions_subject(lexical):
    """Session 31's newcomer check: "Quel budget … fonds … d'urgence … ?", "Et ses partenaires ?", then "Et qui en est
    responsable ?" was searched as "Et ses partenaires — qui en est responsable ?", the fund forgotten."""
    history = [Turn("user", "Quel budget est prévu pour le fonds municipal d'urgence contre les évictions ?"),
               Turn("assistant", "Budget : 600 000 $ [1]"), Turn("user", "Et ses partenaires ?"),
               Turn("assistant", "Partenaires : OMH [1]")]
    last = resolve("Et qui en est responsable ?", history, lexical)
    assert last is not None and "fonds municipal d'urgence" in last and "partenaires" in last
    # A question of its own in between starts the chain again.
    history[2] = Turn("user", "Quelles sont les orientations du plan de la formation et de l'enseignement de l'INRS ?")
    last = resolve("Et qui en est responsable ?", history, lexical)
    assert last is None or "fonds" not in last


def test_a_follow_up_after_an_answer_quoting_only_a_units_fields_is_asked_of_that_unit(tmp_path):
    """Session 37's newcomer check (a housing office's plan): the answer's first quotation was only the fields
    parenthesis of a geste, its sentence cut off before it, and the second quoted another unit's title; "Et quel est
    son budget ?" was asked of that other unit. The unit is the one whose span holds the first quotation."""
    from arrimage.answer.followup import cited_unit
    from support import searcher_of

    lines = ["Plan d'action 2026-2028 de l'Office municipal d'habitation", "",
             "Chantier A — Un milieu de vie où chacun trouve sa place", ""]
    for n, (title, owner, budget) in enumerate((
            ("Mettre en place un service de médiation entre voisins offert par un organisme de justice alternative",
             "Service du développement communautaire", "22 000 $ par année"),
            ("Former l'ensemble du personnel de première ligne au repérage de la maltraitance envers les aînés",
             "Ressources humaines", "9 500 $")), 1):
        lines += [f"A.1.{n} {title}. (porteur : {owner}; quand : juin 2026; budget : {budget})", ""]
    (tmp_path / "plan.txt").write_text("\n".join(lines), encoding="utf-8")
    searcher = searcher_of(tmp_path)
    answered = ("(porteur : Service du développement communautaire; quand : juin 2026; budget : 22 000 $ par année) [1] "
                "Former l'ensemble du personnel de première ligne au repérage de la maltraitance envers les aînés. [2]")
    searched = cited_unit(searcher, "Et quel est son budget ?", answered)
    assert searched is not None and "médiation entre voisins" in searched and "maltraitance" not in searched


def test_a_follow_up_asking_a_field_goes_to_the_quoted_unit_that_states_it(tmp_path):
    """Session 38's newcomer check (a CDC's plan): "Qui est responsable de l'extension du service d'accompagnement-
    transport ?" was answered by the objective's indicator line, then the action's row; "Et quel est son budget ?" asks
    the action's budget, which the objective, quoted first, does not state."""
    from arrimage.answer.followup import cited_unit
    from support import searcher_of

    (tmp_path / "plan.txt").write_text(
        "Objectif spécifique 3.3 – Améliorer la mobilité des personnes sans moyen de transport\n\n"
        "Indicateur : nombre de déplacements annuels effectués par l'accompagnement-transport bénévole\n"
        "Cible : 15 000 déplacements en 2029\n\n| N° | Action | Responsable | Échéancier | Budget |\n|---|---|---|---|---|\n"
        "| 3.3.1 | Documenter les besoins de transport des personnes aînées | CDC du Haut-Bassin | Automne 2026 | 5 000 $ |\n"
        "| 3.3.2 | Étendre le service d'accompagnement-transport bénévole aux municipalités non desservies "
        "| Centre d'action bénévole | 2027-2029 | 36 000 $ |\n", encoding="utf-8")
    searcher = searcher_of(tmp_path)
    answered = ("Indicateur : nombre de déplacements annuels effectués par l'accompagnement-transport bénévole [1] "
                "| 3.3.2 | Étendre le service d'accompagnement-transport bénévole aux municipalités non desservies "
                "| Centre d'action bénévole | 2027-2029 | 36 000 $ | [2]")
    searched = cited_unit(searcher, "Et quel est son budget ?", answered)
    assert searched is not None and "Étendre le service" in searched


def test_a_question_naming_a_plan_draws_passages_of_that_plan(tmp_path):
    # test42: "What is the target … in the Côte-des-Érables overdose plan?" was answered from an English plan's targets,
    # whose words the English question shares; the plan it names is searched too, and the two rankings fused.
    import json

    from arrimage.answer.followup import retrieve
    from support import searcher_of

    (tmp_path / "shore.txt").write_text(
        "Goal 1: Health services in English\n\nHow we'll know: Average waiting time for a first appointment. "
        "Target: 10 days by 2029 (2025 baseline: 30 days).\n\nGoal 2: Caregivers\n\nHow we'll know: Number of caregivers "
        "using our services. Target: 60 caregivers by 2028.\n\nGoal 3: Youth\n\nHow we'll know: Percentage of youth who "
        "know the waiting time for services. Target: 75% by 2029.\n", encoding="utf-8")
    (tmp_path / "erables.txt").write_text(
        "Objectif 1.1 – Réduire le délai d'accès au traitement par agonistes opioïdes\n\nIndicateur : Délai moyen entre "
        "la demande d'aide et le début du traitement. Cible : 3 jours d'ici 2028 (départ : 12 jours en 2024).\n\n"
        "Objectif 1.2 – Distribuer la naloxone\n\nIndicateur : Nombre de trousses distribuées par année. Cible : 9 000 "
        "trousses.\n", encoding="utf-8")
    (tmp_path / "catalog.json").write_text(json.dumps([
        {"id": "shoreline-plan", "title": "Community Action Plan 2026-2029", "organization": "Shoreline Community Network",
         "level": "regional", "period": "2026-2029", "files": {"text": "shore.txt"}},
        {"id": "erables-surdoses", "title": "Plan régional en prévention des surdoses",
         "organization": "CISSS de la Côte-des-Érables", "level": "regional", "period": "2025-2028",
         "files": {"text": "erables.txt"}}]), encoding="utf-8")
    searcher = searcher_of(tmp_path)
    question = "What is the target for the average waiting time before treatment in the Côte-des-Érables overdose plan?"
    assert searcher.search(question, k=1)[0].chunk.doc_id == "shoreline-plan"
    searched, hits = retrieve(searcher, question, [], 2)
    assert searched == question and [h.chunk.doc_id for h in hits] == ["erables-surdoses", "erables-surdoses"]
    assert [h.rank for h in hits] == [1, 2]
    # A question naming no plan is searched as it is; one limited to a plan stays there.
    plain = "What is the target for the average waiting time?"
    assert [h.chunk.chunk_id for h in retrieve(searcher, plain, [], 2)[1]] == [h.chunk.chunk_id for h in searcher.search(plain, k=2)]
    assert {h.chunk.doc_id for h in retrieve(searcher, question, [], 2, doc_ids=["shoreline-plan"])[1]} == {"shoreline-plan"}
