"""ingest/structure.py: heading recognition and section paths."""

from __future__ import annotations

from arrimage.ingest.structure import find_sections, is_heading, split_inline_headings

PLAN = """Introduction générale du plan et de ses principes directeurs.
ORIENTATION 1 SOUTENIR LA RÉUSSITE ÉDUCATIVE
Texte de l’orientation un.
AXE 1 LE DÉVELOPPEMENT DES COMPÉTENCES
Texte de l’axe un.
OBJECTIF 1.1 RENFORCER LA FORMATION DES MAÎTRES
Texte de l’objectif.
MESURE 01 OFFRIR DES FORMATIONS EN LIGNE
Texte de la mesure un.
MESURE 02 SOUTENIR LES CONSEILLERS PÉDAGOGIQUES
Texte de la mesure deux.
9 GOVERNMENT OF UNITED KINGDOM
ORIENTATION 2 EXPLOITER LE NUMÉRIQUE
Texte de l’orientation deux."""

O1 = "ORIENTATION 1 SOUTENIR LA RÉUSSITE ÉDUCATIVE"
A1 = "AXE 1 LE DÉVELOPPEMENT DES COMPÉTENCES"
OB11 = "OBJECTIF 1.1 RENFORCER LA FORMATION DES MAÎTRES"
M01 = "MESURE 01 OFFRIR DES FORMATIONS EN LIGNE"
M02 = "MESURE 02 SOUTENIR LES CONSEILLERS PÉDAGOGIQUES"
O2 = "ORIENTATION 2 EXPLOITER LE NUMÉRIQUE"


def test_nested_section_paths():
    paths = [s.path for s in find_sections(PLAN)]
    assert paths == [
        (O1,),
        (O1, A1),
        (O1, A1, OB11),
        (O1, A1, OB11, M01),
        (O1, A1, OB11, M02),  # a sibling mesure replaces the previous one
        (O2,),  # a new orientation resets the path
    ]


def test_section_offsets_point_at_their_heading_lines():
    for section in find_sections(PLAN):
        assert PLAN[section.char_start :].startswith(section.path[-1])
        assert section.char_start == 0 or PLAN[section.char_start - 1] == "\n"


def test_footnote_line_is_not_a_heading():
    sections = find_sections(PLAN)
    assert not any("GOVERNMENT" in label for s in sections for label in s.path)


def test_numbered_sections_in_sequence_are_headings_and_a_footnote_between_them_is_not():
    text = "1 INTRODUCTION\nLe contexte du plan.\n9 GOVERNMENT OF UNITED KINGDOM\nUne note.\n2 CONTEXTE\nLa suite.\n2.1 LES ENJEUX\nDétails."
    paths = [s.path for s in find_sections(text)]
    assert paths == [("1 INTRODUCTION",), ("2 CONTEXTE",), ("2 CONTEXTE", "2.1 LES ENJEUX")]


def test_title_case_keywords_are_headings():
    text = "Axe 1 Le développement des compétences\nTexte de l’axe.\nObjectif 1.2 Soutenir les enseignants\nTexte."
    paths = [s.path for s in find_sections(text)]
    assert paths == [
        ("Axe 1 Le développement des compétences",),
        ("Axe 1 Le développement des compétences", "Objectif 1.2 Soutenir les enseignants"),
    ]


def test_body_sentences_are_not_headings():
    assert not is_heading("Les mesures du plan visent la réussite de tous les élèves.")
    assert not is_heading("Objectifs visés par le ministère pour la prochaine année scolaire.")


def test_table_heading_resets_the_path():
    text = f"{O1}\nTexte.\n{A1}\nTexte.\nTABLEAU DES INVESTISSEMENTS\nMesure | Montant"
    paths = [s.path for s in find_sections(text)]
    assert paths[-1] == ("TABLEAU DES INVESTISSEMENTS",)


def test_split_inline_headings_splits_before_enjeu():
    parts = split_inline_headings("Les actions sont réalisées. Cible : 31 mars 2013 ENJEU 2 :")
    assert [p.strip() for p in parts] == ["Les actions sont réalisées. Cible : 31 mars 2013", "ENJEU 2 :"]


def test_split_inline_headings_splits_a_leading_caps_heading():
    parts = split_inline_headings("PRÉFACE Le Plan de la formation est le fruit d’une large consultation.")
    assert [p.strip() for p in parts] == ["PRÉFACE", "Le Plan de la formation est le fruit d’une large consultation."]


def test_split_inline_headings_leaves_plain_body_alone():
    line = "La cible est fixée au 31 mars 2013 pour l’ensemble des établissements."
    assert split_inline_headings(line) == [line]


def test_split_inline_headings_splits_before_a_section_number_after_a_sentence():
    parts = split_inline_headings("continue des programmes. 2.1.3. Soutenir la réussite Dans le cadre du chantier")
    assert [p.strip() for p in parts] == ["continue des programmes.", "2.1.3. Soutenir la réussite Dans le cadre du chantier"]
    assert [p.strip() for p in split_inline_headings("devant les défis émergents. 2.1.")] == ["devant les défis émergents.", "2.1."]
    line = "Le budget atteint 12 millions. 2.5 millions $ iront aux cégeps."
    assert split_inline_headings(line) == [line]


def test_a_subsection_before_its_moved_section_heading_opens_that_section():
    text = "1 CONTEXTE\nTexte.\n2.1. COMMUNAUTÉ ÉTUDIANTE\nTexte.\n2 AXES, OBJECTIFS ET MOYENS\nSuite.\n2.2. CORPS PROFESSORAL"
    paths = [s.path for s in find_sections(text)]
    assert paths == [("1 CONTEXTE",), ("2 AXES, OBJECTIFS ET MOYENS",),
                     ("2 AXES, OBJECTIFS ET MOYENS", "2.1. COMMUNAUTÉ ÉTUDIANTE"),
                     ("2 AXES, OBJECTIFS ET MOYENS", "2.2. CORPS PROFESSORAL")]
