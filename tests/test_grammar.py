"""The declared plan grammar: headings, fields, lead-ins and a plan's description of itself; targets as data."""

from __future__ import annotations

import pytest
from arrimage.ingest.grammar import grammar
from arrimage.ingest.targets import parse_target


@pytest.mark.parametrize(
    ("line", "kind", "number", "title"),
    [
        ("Enjeu 1 – La réussite éducative", "enjeu", "1", "La réussite éducative"),
        ("ORIENTATION 2 : AGIR ENSEMBLE", "orientation", "2", "AGIR ENSEMBLE"),
        ("orientation 3 — Soutenir les proches", "orientation", "3", "Soutenir les proches"),
        ("Objectif 1.2. Réduire les écarts", "objectif", "1.2", "Réduire les écarts"),
        ("Sous-objectif 2.1.1 : Former le personnel", "sous-objectif", "2.1.1", "Former le personnel"),
        ("Mesure 12 Bonifier l’aide financière", "mesure", "12", "Bonifier l’aide financière"),
        ("MESURE 01 ÉTABLIR UN CADRE", "mesure", "01", "ÉTABLIR UN CADRE"),
        ("Axe II | Santé durable", "axe", "II", "Santé durable"),
        ("Objectif A. Développer les partenariats", "objectif", "A", "Développer les partenariats"),
        ("Chantier 4 Le numérique", "chantier", "4", "Le numérique"),
        ("Priorité 1 – Accès", "priorite", "1", "Accès"),
        ("Volet 2 : Recherche", "volet", "2", "Recherche"),
        ("Défi 3 — Attirer la relève", "defi", "3", "Attirer la relève"),
        ("Stratégie 1.1.2 Offrir du mentorat", "strategie", "1.1.2", "Offrir du mentorat"),
        ("Goal 2: Research excellence", "but", "2", "Research excellence"),
        ("PRIORITY 1 — Access", "priorite", "1", "Access"),
        ("Objective 3.1 Reduce waste", "objectif", "3.1", "Reduce waste"),
        ("Axe d’intervention Le recrutement", "axe", "", "Le recrutement"),
        ("L’ENJEU 2 : LA QUALITÉ", "enjeu", "2", "LA QUALITÉ"),
        ("Priorité I.2 — Mesurer la consommation d’eau", "priorite", "I.2", "Mesurer la consommation d’eau"),
        ("Action A.3.b Former le personnel", "action", "A.3.b", "Former le personnel"),
        # The number before the word, or in words after it.
        ("1re orientation : Offrir des milieux de vie", "orientation", "1", "Offrir des milieux de vie"),
        ("3E ORIENTATION : SOUTENIR LA PARTICIPATION", "orientation", "3", "SOUTENIR LA PARTICIPATION"),
        ("Deuxième orientation – Agir tôt", "orientation", "2", "Agir tôt"),
        ("Pillar One: Inspire Giving", "axe", "1", "Inspire Giving"),
        ("PRIORITÉ DEUX – Les régions", "priorite", "2", "Les régions"),
        ("Enjeu stratégique 1 : Des pêches prospères", "enjeu", "1", "Des pêches prospères"),
        ("Champ d’action 2. Intervenir avec diligence", "axe", "2", "Intervenir avec diligence"),
        # An adjective between the word and its number; a code of a number and a capital.
        ("Priorité régionale no 1 – Attirer la main-d’œuvre", "priorite", "1", "Attirer la main-d’œuvre"),
        ("PRIORITÉ RÉGIONALE NO 2 : SE LOGER", "priorite", "2", "SE LOGER"),
        ("Mesure phare 3 – Lire en famille", "mesure", "3", "Lire en famille"),
        ("Visée 1A — Accroître la réussite", "objectif", "1A", "Accroître la réussite"),
        # A letter before a bar or an arrow, as a number does (test39's government plan, test49's MRC deck)
        ("CHANTIER A | Mieux connaître le bruit", "chantier", "A", "Mieux connaître le bruit"),
        ("Axe B → Se déplacer autrement", "axe", "B", "Se déplacer autrement"),
        ("Axe 2 ▸ Accompagner chaque projet", "axe", "2", "Accompagner chaque projet"),
        # An ordinal and the word alone on a line, as "Orientation 2" alone: the title is on the next line (test35).
        ("1re orientation", "orientation", "1", ""),
        ("Deuxième orientation", "orientation", "2", ""),
    ],
)
def test_a_heading_names_its_level_in_any_case_with_any_numbering_and_separator(line, kind, number, title):
    heading = grammar().heading(line)
    assert heading is not None and (heading.kind, heading.number, heading.title) == (kind, number, title)


@pytest.mark.parametrize("line", ["Objectif un peu ambitieux pour la région", "3e année du plan", "1er janvier 2025 : lancement",
                                  "R1 de la route 132", "Orientation Objectifs 1. Améliorer",
                                  "Visée 2030 : 80 %", "Objectif 2030 : Réussir"])
def test_numbers_in_words_and_ordinals_make_no_heading_of_a_sentence(line):
    heading = grammar().heading(line)
    assert heading is None or not heading.labelled


@pytest.mark.parametrize(("line", "kind"), [("Gestes structurants :", "action"), ("Nos gestes :", "action"),
                                            ("Ce que nous ferons :", "action"), ("How we will deliver:", "action"),
                                            ("Gestes porteurs", "action"),
                                            ("Pistes d’action", "action"), ("Our key actions:", "action"),
                                            ("Concrètement, nous allons :", "action"), ("To get there, we will:", "action"),
                                            ("Ces actions visent :", None), ("Les partenaires sont :", None),
                                            ("Nous allons", None), ("En 2024, nous avons dit que nous allons :", None)])
def test_a_lead_in_names_its_level_in_the_plural_among_other_words_and_no_verb(line, kind):
    assert grammar().lead_in(line) == kind


def test_plain_language_fields_and_targets():
    g = grammar()
    assert [(f.name, f.value) for f in g.fields("Qui : le conseil d’administration — Quand : printemps 2025")] == [
        ("responsable", "le conseil d’administration"), ("echeance", "printemps 2025")]
    assert [(f.name, f.value) for f in g.fields("Visée 2030 : 80 %")] == [("cible", "80 %")]
    assert g.stated_targets("Plus nous sommes nombreux, mieux c’est. Nous visons 500 membres d’ici 2027. Nous sommes 340.") == [
        "Nous visons 500 membres d’ici 2027"]
    assert g.stated_targets("Nous visons une coop solide.") == []  # no figure


def test_the_plans_own_words_and_their_kinds_are_checked():
    from arrimage.ingest.grammar import check_structure

    assert check_structure({"words": {"pilier": "axe"}}) == {"words": {"pilier": "axe"}}
    assert check_structure({"leads": {"ce que nous visons": "objectif"}}) == {"leads": {"ce que nous visons": "objectif"}}
    for bad, reason in (({"words": {"pilier": "colonne"}}, "expected one of"), ({"niveaux": []}, "unknown key"),
                        ({"leads": {"ce que nous visons": "cible"}}, "expected one of"),
                        ({"levels": "axe"}, "a list of kinds"), ([], "JSON object")):
        with pytest.raises(ValueError, match=reason):
            check_structure(bad)


@pytest.mark.parametrize(
    ("line", "number", "scheme", "depth"),
    [("1.1 Accroître la diplomation", "1.1", "decimal", 2), ("2.1.3. Soutenir la réussite", "2.1.3", "decimal", 3),
     ("IV. Offrir un milieu de vie", "IV", "roman", 1), ("B. Diversifier l’offre", "B", "upper", 2),
     ("a) Tenir une retraite", "a", "lower", 3), ("01 Accueil et intégration", "01", "padded", 1),
     ("II.1.a Remplacer les chaudières", "II.1.a", "dotted", 3)],
)
def test_a_numbered_heading_without_a_level_word_keeps_its_numbering(line, number, scheme, depth):
    heading = grammar().heading(line)
    assert heading is not None and heading.kind is None
    assert (heading.number, heading.scheme, heading.depth) == (number, scheme, depth)


@pytest.mark.parametrize("line", ["Mesure 12 prévoit que les établissements", "Les orientations", "Moyens :",
                                  "OBJECTIF INDICATEUR CIBLE", "Objectifs 1.1", "Le plan compte trois axes."])
def test_sentences_section_titles_and_table_headers_are_not_unit_headings(line):
    heading = grammar().heading(line)
    assert heading is None or heading.kind is None


def test_field_lines_split_into_their_fields_with_a_year_in_the_label():
    g = grammar()
    fields = g.fields("Responsable : Direction des études Échéance : 2027 Indicateur : Nombre de cours Cible : 40 cours")
    assert [(f.name, f.value) for f in fields] == [("responsable", "Direction des études"), ("echeance", "2027"),
                                                  ("indicateur", "Nombre de cours"), ("cible", "40 cours")]
    assert [(f.name, f.value) for f in g.fields("Lead: VP Research | Timeline: 2026 | Target: 50 %")] == [
        ("responsable", "VP Research"), ("echeance", "2026"), ("cible", "50 %")]
    assert g.fields("Cible 2026 : 80 %")[0].year == "2026"
    assert g.fields("Target (2030) : 90 %")[0].year == "2030" and g.fields("Cible (selon le MSSS) : 5")[0].year is None
    assert g.fields("Maître d'œuvre : MRC du Val-Verdure")[0].name == "responsable"
    assert g.fields("Le responsable : un texte") == []


@pytest.mark.parametrize(("line", "kind"), [("Moyens", "moyen"), ("Moyens :", "moyen"), ("Actions prévues :", "action"),
                                            ("Mesures envisagées", "mesure"), ("Stratégies", "strategie"),
                                            ("Actions", "action"), ("Actions 2025-2027", "action"), ("Mesures 2026", "mesure"),
                                            ("Bilan des actions 2024", None)])
def test_lead_ins_announce_the_level_of_the_items_below(line, kind):
    assert grammar().lead_in(line) == kind


@pytest.mark.parametrize(
    ("text", "declared"),
    [("Le plan compte deux axes, six objectifs et quatorze actions.", (("axe", "objectif", "action"), "")),
     ("2 AXES/ORIENTATIONS, OBJECTIFS ET MOYENS", (("axe", "objectif", "moyen"), "2")),
     ("Orientations, objectifs et moyens", (("orientation", "objectif", "moyen"), "")),
     ("Chaque orientation se décline en objectifs, identifiés par les lettres A, B et C.", (("orientation", "objectif"), "")),
     ("Chaque orientation est déclinée en priorités, numérotées de 1 à 14.", (("orientation", "priorite"), "")),
     ("Il s’intéresse aux enjeux et axes thématiques de la recherche, comme le montrent les travaux récents.", ((), "")),
     # counted anywhere in one sentence, broadest (fewest) first, compound numbers and an adjective allowed
     ("Le plan s’articule autour de quatre orientations, déclinées en douze objectifs et en trente et un moyens.",
      (("orientation", "objectif", "moyen"), "")),
     ("Ces mesures visent neuf objectifs, qui répondent à huit axes guidés par trois grandes orientations.",
      (("orientation", "axe", "objectif"), ""))],
)
def test_a_plan_declares_its_levels_in_order(text, declared):
    assert grammar().declared_levels(text) == declared


def test_a_catalog_structure_declares_levels_numbering_and_lists():
    g = grammar({"levels": ["chantier", "action"], "numbered": {"01": "theme"}, "lists": {"objectif": "action"}})
    assert g.declared_levels("anything") == (("chantier", "action"), "")
    assert g.numbered == {"01": "theme"} and g.lists == {"objectif": "action"}


@pytest.mark.parametrize(
    ("text", "value", "unit", "deadline", "baseline"),
    [("72 % en 2029 (64 % en 2023)", 72, "%", "2029", "64 % en 2023"),
     ("40 cours en 2028", 40, "cours", "2028", None),
     ("hausse de 25 % d'ici 2029", 25, "%", "2029", None),
     ("500 000 $ par année", 500000, "$", None, None),
     ("Politique adoptée en 2026", None, None, "2026", None),
     ("100 % des programmes d’ici juin 2027", 100, "%", "juin 2027", None),
     ("2,5 M$ sur trois ans", 2.5, "M$", None, None),
     ("1,500 students per year by 2028", 1500, "students", "2028", None),
     ("Au 31 mars 2027, 12 projets", 12, "projets", "31 mars 2027", None),
     ("-60 % par rapport à 2024", -60, "%", None, "2024"),
     ("40 % en 2027, contre 27 % en 2024", 40, "%", "2027", "27 % en 2024"),
     ("95 000 prêts d'ici 2029 (48 000 en 2025)", 95000, "prêts", "2029", "48 000 en 2025"),
     ("−35 % en 2029", -35, "%", "2029", None),
     ("Passer de 85 à 250 installations d'ici 2027", 250, "installations", "2027", "85"),
     ("de 210 en 2024 à 350 en 2030", 350, None, "2030", "210"),
     ("de 27 % à 15 % d'ici mars 2029", 15, "%", "mars 2029", "27 %"),
     ("from 2 000 to 3 500 visits by 2030", 3500, "visits", "2030", "2 000"),
     ("55 % → 90 % (2029)", 90, "%", "2029", "55 %"),
     ("nouvel indicateur → 30 %", 30, "%", None, None),
     ("0,050 mg/L en 2030", 0.05, "mg", "2030", None),
     # A day of a month without its year is a date, not a value (a newcomer's plan, session 24)
     ("Dépôt au plus tard le 31 mars", None, None, "31 mars", None),
     ("2 rencontres par année, au plus tard le 30 juin", 2, "rencontres", "30 juin", None),
     ("Report filed by March 31", None, None, "March 31", None),
     # A year of the plan counted from its start is a deadline, not a value (test53's fire-safety schéma)
     ("100 % au terme de l'An 5", 100, "%", "An 5", None),
     ("118 plans d'ici l'An 4", 118, "plans", "An 4", None)],
)
def test_targets_are_parsed_into_value_unit_deadline_and_baseline(text, value, unit, deadline, baseline):
    target = parse_target(text)
    assert (target.value, target.unit, target.deadline, target.baseline) == (value, unit, deadline, baseline)
    assert target.text == text


def test_a_section_number_before_a_labelled_heading_is_the_unit_s_own_when_the_label_has_none():
    g = grammar()
    numbered = g.heading("1.1 Objectif : Assurer l'entretien préventif")
    assert (numbered.kind, numbered.number, numbered.title) == ("objectif", "1.1", "Assurer l'entretien préventif")
    sections = g.heading("3. Enjeu 1 : La réussite")
    assert (sections.kind, sections.number) == ("enjeu", "1")


@pytest.mark.parametrize(("header", "levels", "fields"), [
    ("Objectifs et actions", ("objectif", "action"), ()),
    ("Orientations, objectifs et mesures", ("orientation", "objectif", "mesure"), ()),
    ("Indicateur et cible", (), ("indicateur", "cible")),
    ("Responsable / partenaires", (), ("responsable", "partenaires")),
    ("Objectif", (), ()),
    ("Action et porteur", (), ()),  # a level and a field: neither reading
])
def test_a_table_header_names_several_levels_or_several_fields(header, levels, fields):
    g = grammar()
    assert g.levels_named(header) == levels
    assert tuple(f.name for f in g.fields_named(header)) == fields


def test_how_often_a_plan_speaks_of_each_level_in_the_plural():
    said = grammar().plurals_said("Le tableau précise les objectifs, puis les actions. Les actions sont suivies.")
    assert said["action"] == 2 and said["objectif"] == 1 and said["moyen"] == 0


@pytest.mark.parametrize(("line", "kind"), [("Nos actions", "action"), ("Our actions", "action"),
                                            ("Nos principaux moyens", "moyen"), ("Nos valeurs", None),
                                            ("Nos actions visent la réussite", None)])
def test_a_lead_in_may_open_on_a_possessive(line, kind):
    assert grammar().lead_in(line) == kind


def test_interventions_and_responsible_directions_are_grammar_words():
    g = grammar()
    assert g.heading("Intervention 1.1 – Remplacer les conduites").kind == "action"
    assert [(f.name, f.value) for f in g.fields("Direction responsable : Direction du génie")] == [
        ("responsable", "Direction du génie")]
    assert g.numbers_column("No de projet") and g.numbers_column("Numéro de la mesure")
    assert not g.numbers_column("Nombre de projets")


def test_fields_after_a_caption_of_a_few_capitalised_words_but_not_after_a_sentence_carried_onto_the_line():
    g = grammar()
    assert [(f.name, f.value) for f in g.fields("Mise en œuvre — Responsable : comité de négociation · Échéance : avril 2026")] == \
        [("responsable", "comité de négociation"), ("echeance", "avril 2026")]
    assert g.fields("of the registration deadline — Lead: Academic Advising Centre; Timeline: Fall 2024") == []


def test_a_badge_before_a_labelled_heading_is_decoration_and_a_run_of_codes_no_heading():
    # Session 37's newcomer housing office: a letter in a circle before each chantier's heading, read from the PDF on the
    # heading's line; test40's annual plan as a PDF: a table's two-row header of quarters read as a line.
    g = grammar()
    heading = g.heading("A Chantier A — Des logements sains, sécuritaires et adaptés")
    assert (heading.kind, heading.number, heading.title) == ("chantier", "A", "Des logements sains, sécuritaires et adaptés")
    assert g.heading("A Montréal, les partenaires se mobilisent") is None
    assert g.heading("T1 T2 T3 T4") is None
    assert g.heading("A1 Inspection selon le risque").number == "A1"


def test_a_chain_of_levels_declared_after_each_is_divided():
    assert grammar().declared_levels("Il est organisé en trois chantiers. Chaque chantier regroupe des résultats attendus, "
                                     "eux-mêmes déclinés en gestes.") == (("chantier", "objectif", "action"), "")


def test_a_column_names_its_level_with_a_complement_of_several_words():
    # test53's school service centre: "| N° | Mesure de prévention et de contrôle à mettre en place | … |".
    g = grammar()
    assert g.column_kind("Mesure de prévention et de contrôle à mettre en place") == "mesure"
    assert g.column_kind("Objectifs du PEVR") is None and g.column_kind("Mesure de départ") is None


def test_a_column_names_its_level_with_the_plan_s_own_holder():
    # test65's ministry plan: "| N° | Action du Ministère | Indicateur | … |"; another plan's units stay references.
    g = grammar()
    assert g.column_kind("Action du Ministère") == "action" and g.column_kind("Mesures de la Ville") == "mesure"
    assert g.column_kind("Actions de l’Université") == "action"
    assert g.column_kind("Mesure PAISM") is None and g.column_kind("Objectifs du Plan stratégique") is None
    # "| Stratégie | Mesure de suivi | Départ (2025) | Visé 2030 |" (test65's professional order): an indicator's column.
    assert g.column_kind("Mesure de suivi") is None and [f.name for f in g.fields("Mesure de suivi :")] == ["indicateur"]


def test_words_that_name_a_level_in_numbered_headings_only():
    # A ministry's plan by region ("Région administrative 01" over "Bas-Saint-Laurent", test65) and a results-based
    # plan's "Résultat 1 : …" (its "résultats visés"); as a table's column either word names no level.
    g = grammar()
    assert g.heading("Région administrative 01").kind == "volet" and g.heading("Région 03 – Capitale-Nationale").kind == "volet"
    assert g.heading("Résultat 1 : Offrir un point de service").kind == "objectif"
    assert g.level_named("Région") is None and g.level_named("Résultat") is None
    assert g.heading("La région compte 12 municipalités.") is None


def test_a_level_coded_by_its_part_sits_under_that_part_though_its_first_part_s_heading_is_lost():
    # test51's children's centre, from its PDF: "PROMESSE 1." run into the paragraph above it, then "1A …", "PROMESSE 2."
    # over "2A …", "2B …": objectives "identifiés par un chiffre et une lettre (1A, 1B…)" are under the promesses.
    lines = ["Chaque promesse se décline en objectifs, identifiés par un chiffre et une lettre (1A, 1B…).",
             "1A Rejoindre les familles qui ne viennent pas d'elles-mêmes", "Nos actions :", "Tenir une clinique mensuelle"]
    for n in (2, 3):
        lines += [f"PROMESSE {n}.", "Prendre soin de l'enfant avec tout son cercle", f"{n}A Accompagner les familles",
                  "Nos actions :", "Offrir un atelier aux parents", f"{n}B Soutenir les écoles", "Nos actions :",
                  "Former le personnel des écoles"]
    g = grammar({"numbered": grammar().numbering_said(lines[0])})
    assert g.numbered == {"1A": "objectif"}
    assert g.discover(lines) == {"promesse": "axe"}
