"""ingest/clean.py: cut words, compounds, page furniture, bullets, odd characters, page offsets."""

from __future__ import annotations

import re
import unicodedata

import pytest
from arrimage.ingest.clean import clean_pages


def clean(*pages: str) -> str:
    return clean_pages(list(pages))[0]


def test_word_cut_at_line_end_is_joined():
    text = clean(
        "Le plan de for-\nmation des étudiants est adopté par le conseil d’administration.\n"
        "Une deuxième phrase complète le paragraphe."
    )
    assert "formation des étudiants" in text
    assert "for-" not in text and "for mation" not in text


def test_compound_cut_at_line_end_keeps_its_hyphen():
    text = clean("Les besoins d’adéquation formation-\nemploi sont importants pour la région et ses partenaires.\nFin.")
    assert "formation-emploi" in text
    assert "formationemploi" not in text


def test_place_name_cut_at_line_end_keeps_its_hyphen():
    text = clean(
        "Le Pôle régional d’enseignement supérieur de l’Abitibi-\n"
        "Témiscamingue soutient les établissements de la région et\n"
        "leurs partenaires dans tous les territoires du Nord-du-Québec."
    )
    assert "l’Abitibi-Témiscamingue soutient" in text
    assert "AbitibiTémiscamingue" not in text


def test_place_name_cut_in_a_narrow_cell_is_joined():
    text = clean(
        "Région\nAbitibi-\nTémiscamingue\nCapitale-\nNationale\n"
        "Les établissements de ces régions collaborent étroitement avec les pôles régionaux du réseau."
    )
    assert "Abitibi-Témiscamingue" in text
    assert "Capitale-Nationale" in text


def test_inline_cut_word_is_repaired():
    text = clean("Les acti- vités de recherche sont nombreuses et variées dans le réseau.\nFin.")
    assert "activités de recherche" in text
    assert "acti-" not in text


def test_inline_hyphen_before_conjunction_is_kept():
    # "pré- et post-" is a real elision, not a cut word.
    text = clean("Les évaluations pré- et postdoctorales sont encadrées par le comité.\nFin.")
    assert "pré- et" in text


RUNNING_HEADER = "PLAN D’ACTION 2025-2026 – INSTITUT DE TEST"
PAGE_BODIES = [
    [
        "La formation continue des enseignants demeure une priorité du ministère.",
        "Les établissements offrent des ateliers pratiques chaque année.",
        "Le financement est assuré par le programme régional.",
    ],
    [
        "La recherche partenariale progresse dans toutes les régions du Québec.",
        "Les chercheurs collaborent avec les entreprises locales.",
        "Les résultats sont publiés dans des revues savantes.",
    ],
    [
        "Le numérique transforme les pratiques pédagogiques au collégial.",
        "Les plateformes en ligne facilitent l’accès aux cours.",
        "Les étudiants apprécient la flexibilité offerte.",
    ],
    [
        "La réussite étudiante repose sur un accompagnement soutenu.",
        "Les services aux étudiants sont renforcés en première année.",
        "Le taux de diplomation doit augmenter de cinq points.",
    ],
]


@pytest.fixture
def four_pages() -> list[str]:
    return [f"{RUNNING_HEADER}\n" + "\n".join(body) + f"\nPage {n}" for n, body in enumerate(PAGE_BODIES, start=1)]


def test_running_header_and_page_footers_are_removed(four_pages):
    text, _ = clean_pages(four_pages)
    assert "INSTITUT DE TEST" not in text
    assert not re.search(r"\bPage \d", text)
    for body in PAGE_BODIES:
        for line in body:
            assert line in text


def test_page_starts_point_at_each_page_text(four_pages):
    text, page_starts = clean_pages(four_pages)
    assert len(page_starts) == 4
    assert page_starts[0] == 0
    assert all(a < b for a, b in zip(page_starts, page_starts[1:]))
    for start, body in zip(page_starts, PAGE_BODIES):
        assert text[start:].startswith(body[0])


def test_page_starts_with_an_empty_page_stay_monotonic():
    text, page_starts = clean_pages(["Premier paragraphe de la première page.", "", "Texte de la troisième page du plan."])
    assert len(page_starts) == 3
    assert list(page_starts) == sorted(page_starts)
    assert text[page_starts[2] :].startswith("Texte de la troisième page")


@pytest.mark.parametrize("glyph", ["•", "\uf0a7", "\ufffd"])
def test_bullet_glyphs_are_removed_and_items_keep_their_lines(glyph):
    text = clean(
        "Les moyens retenus sont les suivants :\n"
        f"{glyph} offrir des ateliers de rédaction scientifique\n"
        f"{glyph} soutenir la mobilité internationale des étudiants\n"
        f"{glyph} créer un guide d’accueil pour la communauté"
    )
    assert glyph not in text
    lines = text.split("\n")
    assert "offrir des ateliers de rédaction scientifique" in lines
    assert "soutenir la mobilité internationale des étudiants" in lines
    assert "créer un guide d’accueil pour la communauté" in lines


def test_bullets_run_into_one_line_are_split_into_items():
    text = clean("Moyens : • premier moyen retenu • deuxième moyen retenu • troisième moyen retenu")
    lines = text.split("\n")
    assert "premier moyen retenu" in lines
    assert "deuxième moyen retenu" in lines
    assert "troisième moyen retenu" in lines


def test_a_middle_dot_in_an_item_is_no_bullet():
    # test53's OKR roadmap, from its PDF: an initiative's tail "— T2 2026 · Service des TI", on its line or wrapped onto
    # the next, keeps its middle dot; each item keeps its line. A line of fields after an item is cut as before.
    text = clean("INITIATIVES\n▸ Refondre le portail citoyen sur une plateforme infonuagique —\nT2 2026 · Service des TI\n"
                 "▸ Créer un compte citoyen unique avec authentification sécurisée\n— T3 2026 · Service des TI\n"
                 "▸ Offrir le compte de taxes électronique — T1 2026 · Service des finances\n"
                 "▸ Verser des cachets conformes aux tarifs recommandés\nQui ? Direction artistique · Quand ? Chaque édition\n")
    lines = text.split("\n")
    assert "Refondre le portail citoyen sur une plateforme infonuagique — T2 2026 · Service des TI" in lines
    assert "Créer un compte citoyen unique avec authentification sécurisée — T3 2026 · Service des TI" in lines
    assert "Offrir le compte de taxes électronique — T1 2026 · Service des finances" in lines
    assert "Qui ? Direction artistique" in lines and "Quand ? Chaque édition" in lines


@pytest.mark.parametrize("lead_in", ["MOYENS", "Moyens :", "ACTIONS"])
def test_a_lead_in_in_capitals_ends_its_line_and_its_items_keep_theirs(lead_in):
    # A browser prints "Moyens" in capitals (CSS) and draws the bullets: pypdf gives neither the case nor the glyphs.
    text = clean(f"Porteur : Vice-rectorat aux études\n{lead_in}\n"
                 "Déployer un système de détection précoce des difficultés dès la première session\n"
                 "Bonifier le soutien offert aux personnes étudiantes de première génération\n")
    lines = text.split("\n")
    assert lead_in in lines
    assert "Déployer un système de détection précoce des difficultés dès la première session" in lines
    assert "Bonifier le soutien offert aux personnes étudiantes de première génération" in lines


def test_no_break_spaces_become_spaces():
    text = clean("Un montant de 5\u00a0600\u202f$ est prévu\u00a0: la cible est de 80\u00a0%.")
    assert "\u00a0" not in text and "\u202f" not in text
    assert "5 600 $" in text
    assert "80 %" in text


def test_ligatures_are_expanded():
    text = clean("La ﬁnalité du plan est de ﬂexibiliser l’oﬀre de formation.")
    assert "finalité" in text and "flexibiliser" in text and "offre" in text
    assert not any(ch in text for ch in "ﬁﬂﬀ")


def test_typographic_apostrophes_are_kept():
    text = clean("L’évaluation de l’établissement d’enseignement aujourd’hui.")
    assert text.count("’") == 4
    assert "'" not in text


def test_soft_hyphen_and_zero_width_characters_disappear():
    text = clean("Le dé\u00adveloppement du ré\u200bseau numérique.")
    assert "développement" in text and "réseau" in text


def test_output_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Réussite éducative à l’école.")
    text = clean(decomposed)
    assert text == unicodedata.normalize("NFC", text)
    assert "Réussite éducative" in text


def test_del_bullets_from_pdf_extraction_are_removed():
    text = clean(
        "Pour ce faire, il est proposé :\n"
        " \x7f d’implanter un plan de développement individuel ;\n"
        " \x7f de mieux connaître les membres de la communauté."
    )
    assert "\x7f" not in text
    lines = text.split("\n")
    assert "d’implanter un plan de développement individuel ;" in lines
    assert "de mieux connaître les membres de la communauté." in lines


TOPICS = ["la formation continue", "la recherche partenariale", "le recrutement international", "la réussite étudiante"]


def _pages_with_targets() -> list[str]:
    """Four realistic pages: unique body lines, and in the middle of each an indicator and its target date."""
    return [
        "\n".join(
            [
                f"Le plan accorde une grande importance à {t} dans toutes les régions du Québec.",
                f"Les établissements consacrent à {t} des ressources humaines et financières.",
                f"Objectif {i + 1} : améliorer les résultats liés à {t}.",
                f"– Indicateur : nombre de projets réalisés pour {t}",
                f"– Cible : 31 mars 201{2 + i % 2}",
                f"Le comité de suivi de {t} présente un bilan au conseil d’administration.",
                f"Les partenaires de {t} sont consultés lors de la préparation du bilan.",
                f"Une révision des moyens liés à {t} est prévue à mi-parcours du plan.",
            ]
        )
        for i, t in enumerate(TOPICS)
    ]


def test_unique_body_lines_of_every_page_are_kept():
    text = clean(*_pages_with_targets())
    for t in TOPICS:
        assert f"Le comité de suivi de {t} présente un bilan" in text
        assert f"nombre de projets réalisés pour {t}" in text


def test_repeated_target_lines_are_kept():
    text = clean(*_pages_with_targets())
    assert text.count("Cible : 31 mars 2012") == 2
    assert text.count("Cible : 31 mars 2013") == 2


def test_body_line_ending_with_a_page_reference_is_kept():
    text = clean("Le détail des investissements figure dans le tableau de l’annexe, voir p. 12\nLa suite du texte vient ici.")
    assert "Le détail des investissements" in text


def test_real_text_file_keeps_all_its_targets():
    from support import REPO

    source = REPO / "data" / "plans" / "text" / "inm-plan-strategique-2011-2016.txt"
    raw = source.read_text(encoding="utf-8")
    text, _ = clean_pages(raw.split("\f"))
    assert raw.count("Cible") == 24
    assert text.count("Cible") == raw.count("Cible")


def test_a_table_of_contents_on_a_page_of_short_lines_keeps_one_entry_per_line():
    # A title page holds nothing longer than its entries: only the document's width tells they are short.
    first = ("Plan stratégique 2023-2027\nSociété du patrimoine\nTable des matières\n"
             "Message du président du conseil d’administration\nMot du président-directeur général\n"
             "1. Présentation de la Société\n3. Enjeu 1 : La sauvegarde d’un patrimoine fragile\n")
    body = ("Message du président du conseil d’administration\n"
            + "Au nom des membres du conseil, j’ai le plaisir de présenter le plan stratégique de la Société du\n" * 12)
    text, _ = clean_pages([first, body])
    lines = text.split("\n")
    assert "Message du président du conseil d’administration" in lines
    assert "Mot du président-directeur général" in lines and "1. Présentation de la Société" in lines


def test_a_browser_s_long_running_header_at_a_page_s_foot_is_removed():
    header = ("12/1/26, 11:02 PM Plan d'action en sécurité des piétons et des cyclistes 2025-2028 – Ministère des "
              "Transports et de la Mobilité dura…")
    assert len(header) > 120
    pages = ["\n".join(body) + f"\nMESURE {n}\n{header}\nfile:///tmp/plan.html {n}/4" for n, body in enumerate(PAGE_BODIES, start=1)]
    text, _ = clean_pages(pages)
    assert "11:02" not in text and "Mobilité dura" not in text
    assert all(f"MESURE {n}" in text for n in range(1, 5))


def test_text_a_pdf_paints_last_in_a_form_is_read_where_it_stands(tmp_path):
    # A browser paints text drawn with some opacity ("ORIENTATION 1" over its title) in a form XObject after the rest
    # of the page; it is read in its place, not at the page's end.
    import io

    from arrimage.ingest.load import _despaced, load_file
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from support import _font

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    font = _font()
    y = 800
    for line in ["Le plan compte quatre orientations.", "", "Un milieu de vie vert et résilient",
                 "Les citoyens ont placé les milieux naturels au premier rang.", "Objectif 1.1 – Protéger les milieux"]:
        c.setFont(font, 10)
        c.drawString(60, y, line)
        y -= 20
    c.beginForm("kicker")
    text = c.beginText(60, 770)
    text.setFont(font, 8)
    text.textLine("ORIENTATION 1")
    c.drawText(text)
    c.endForm()
    c.doForm("kicker")
    c.showPage()
    c.save()
    path = tmp_path / "plan.pdf"
    path.write_bytes(buf.getvalue())
    lines = [line for line in load_file(path).pages[0].split("\n") if line.strip()]
    assert lines[:3] == ["Le plan compte quatre orientations.", "ORIENTATION 1", "Un milieu de vie vert et résilient"]
    assert lines[-1] == "Objectif 1.1 – Protéger les milieux"
    # Letter-spaced capitals, as pypdf reads a browser's letter-spacing, are joined; words keep their space.
    assert _despaced("O R I E N TAT I O N  1") == "ORIENTATION  1" and _despaced("A B C de") == "A B C de"


def _painted(path, strings) -> list[str]:
    """The non-blank lines pypdf and the loader read from a page painted in the order given: (x, y, font, size, text)."""
    from arrimage.ingest.load import load_file
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for x, y, font, size, text in strings:
        c.setFont(font, size)
        c.drawString(x, y, text)
    c.showPage()
    c.save()
    return [line for line in load_file(path).pages[0].split("\n") if line.strip()]


def test_what_a_browser_paints_out_of_order_is_read_in_the_page_s_order(tmp_path):
    # Chrome paints positioned boxes (each mesure with its code badge, ``position: relative``) after the rest of the
    # page: the items come after the next objective and each badge after its item (test65's road-safety plan).
    b, r = "Helvetica-Bold", "Helvetica"
    lines = _painted(tmp_path / "a.pdf", [
        (50, 700, b, 11, "1A - Réduire la vitesse"), (50, 680, b, 9, "NOS MESURES"),
        (50, 560, b, 11, "1B - Sécuriser les traversées"), (50, 540, b, 9, "NOS MESURES"),
        (80, 660, b, 10, "Abaisser la limite à 40 km/h"), (80, 648, r, 8, "Qui : Service de l'ingénierie"),
        (52, 660, b, 8, "M1"),
        (80, 620, b, 10, "Installer des dos d'âne"), (80, 608, r, 8, "Qui : Travaux publics"), (52, 620, b, 8, "M2"),
        (80, 520, b, 10, "Aménager des traverses"), (52, 520, b, 8, "M3")])
    assert lines == ["1A - Réduire la vitesse", "NOS MESURES", "M1 Abaisser la limite à 40 km/h",
                     "Qui : Service de l'ingénierie", "M2 Installer des dos d'âne", "Qui : Travaux publics",
                     "1B - Sécuriser les traversées", "NOS MESURES", "M3 Aménager des traverses"]
    # A table read cell by cell, each row's next cell up at the height of its first and right of it, is in order.
    table = [(60, 700, r, 9, "Engagement n°"), (60, 688, r, 9, "1"), (140, 700, r, 9, "1.1 Faire connaître le Centre"),
             (140, 688, r, 9, "les personnes aînées"), (60, 660, r, 9, "Engagement n°"), (60, 648, r, 9, "2"),
             (140, 660, r, 9, "2.1 Développer la médiation")]
    assert _painted(tmp_path / "b.pdf", table) == [t for *_, t in table]
    # Two columns side by side keep pypdf's order, one column after the other.
    columns = [(50, 700, r, 9, "Colonne de gauche, ligne un"), (50, 688, r, 9, "Colonne de gauche, ligne deux"),
               (50, 676, r, 9, "Colonne de gauche, ligne trois"), (320, 700, r, 9, "Colonne de droite, ligne un"),
               (320, 688, r, 9, "Colonne de droite, ligne deux"), (52, 690, b, 8, "X")]
    assert _painted(tmp_path / "c.pdf", columns)[:3] == [t for *_, t in columns[:3]]


def test_two_bold_heading_lines_of_different_sizes_are_two_paragraphs(tmp_path):
    # A champ's title (14 pt) over its first objective (11.5 pt), both bold: not one heading (test65's road-safety plan).
    b, r = "Helvetica-Bold", "Helvetica"
    from arrimage.ingest.load import load_file

    _painted(tmp_path / "a.pdf", [(50, 700, b, 9, "CHAMP D'INTERVENTION 1"), (50, 680, b, 14, "Des rues pour ralentir"),
                                  (50, 660, b, 11.5, "1A - Réduire la vitesse"), (50, 640, r, 9, "Le texte suit.")])
    assert "Des rues pour ralentir\n\n1A - Réduire la vitesse\n\nLe texte suit." in load_file(tmp_path / "a.pdf").pages[0]


def test_a_unit_s_heading_atop_each_page_is_content_not_a_running_header():
    # "CHAMP D'INTERVENTION 1", "… 2" … at the top of each page, one number more each time (test65's road-safety plan).
    pages = [f"CHAMP D'INTERVENTION {n}\nDes rues numéro {n}\nLe texte du champ {n} suit ici." for n in range(1, 5)]
    assert clean(*pages).count("CHAMP D'INTERVENTION") == 4


def test_letter_spaced_headings_are_written_whole():
    # A browser prints "Orientation 1" with CSS letter-spacing: pypdf gives one letter at a time, the kerned pair
    # "TA" whole, and a wider gap between words (test30's PEVR).
    text, _ = clean_pages(["O R I E N TAT I O N  1\nAssurer la réussite de tous\n\nM I S S I O N  E T  V I S I O N\n"
                           "A X E  2\nIl y a à faire, et les volets a b c ne changent pas."])
    lines = text.split("\n")
    assert "ORIENTATION 1" in lines and "MISSION ET VISION" in lines and "AXE 2" in lines
    assert "Il y a à faire, et les volets a b c ne changent pas." in lines
    from arrimage.ingest.load import _spaced_lines

    # An elision spaced out with its letters (test35's "Axe d'intervention 1" kicker).
    assert clean_pages(["A X E  D ' I N T E RV E N T I O N  1\nPrévenir l'intimidation"])[0].split("\n")[0] \
        == "AXE D'INTERVENTION 1"
    # In a page's layout, where a line's words stand three spaces apart, they are not a table's columns.
    assert _spaced_lines("   A X E   D ' I N T E RV E N T I O N   1\nAxe 1    15    14") == "   AXE D'INTERVENTION 1\nAxe 1    15    14"
    # A ministry's PADD (test45): the kerned "TAT" in a word of a line whose words stand apart, and words whose gap
    # extraction gave as one space, found again by the French words they spell.
    assert _spaced_lines("O R I E N TAT I O N   G O U V E R N E M E N TA L E   2") == "ORIENTATION GOUVERNEMENTALE 2"
    assert clean_pages(["O R I E N TAT I O N G O U V E R N E M E N TA L E 1\nFaire du Québec un pôle\n\n"
                        "A C T I O N S D U M I N I S T È R E"])[0].split("\n") == [
        "ORIENTATION GOUVERNEMENTALE 1", "Faire du Québec un pôle", "ACTIONS DU MINISTÈRE"]
    assert clean_pages(["P L A N D A C T I O N"])[0] == "PLANDACTION"  # (no French words spell it whole: kept so)


def test_a_line_in_capitals_kerned_apart_is_written_whole():
    # test64's orchestra plan, from its PDF: headings in capitals with letter-spacing, a few pairs extraction parts
    # with a space; two pieces that make a French word join, two words stay apart
    text, _ = clean_pages(["STRA TÉGIE 1A — RENDRE LE CONCER T PL US ACCES SIBLE FINANCIÈREMENT\n\n"
                           "STRA TÉGIE 3A — DIVERSIFIER NO S REVENUS PAR TOUT"])
    assert "STRATÉGIE 1A — RENDRE LE CONCERT PLUS ACCESSIBLE FINANCIÈREMENT" in text
    assert "STRATÉGIE 3A — DIVERSIFIER NOS REVENUS PAR TOUT" in text


def test_an_item_wrapped_inside_its_brackets_is_one_line():
    # A PDF wraps "(Équipe / Milieux scolaires, 2026)": the bracket left open says the line goes on (newcomer check,
    # session 18), so the item keeps its owner and its date.
    text = clean("Actions :\n"
                 "• Soutenir les centres de services scolaires dans la révision de leurs politiques alimentaires (Équipe\n"
                 "Milieux scolaires, 2026)\n"
                 "• Offrir une formation sur les menus équilibrés au personnel des cafétérias (Équipe Milieux scolaires, 2028)\n"
                 "Indicateur : proportion des écoles ayant révisé leur politique alimentaire")
    assert ("Soutenir les centres de services scolaires dans la révision de leurs politiques alimentaires (Équipe "
            "Milieux scolaires, 2026)") in text.split("\n")


def test_words_in_small_capitals_are_written_whole():
    # CSS small capitals come out of a PDF with a space after their first letter (test35's university plan); a real
    # word after a one-letter word stays apart.
    assert clean_pages(["Engagement 1 — Accompagner chaque personne\n\nP ORTEUR : Vice-rectorat aux études"])[0].split("\n")[-1] \
        == "PORTEUR : Vice-rectorat aux études"
    assert clean_pages(["I NDICATEURS DE SUIVI"])[0] == "INDICATEURS DE SUIVI"
    assert clean_pages(["A PROPOS DU PLAN"])[0] == "A PROPOS DU PLAN"
    assert clean_pages(["L E PLAN EN UN COUP D ' ŒIL"])[0] == "LE PLAN EN UN COUP D'ŒIL"


def test_a_middle_dot_inside_brackets_sets_fields_apart_and_opens_no_item():
    # "▸ Action [Porteur : … · Partenaires : … · 2028]": the dots are the bracket's separators, even where the bracket
    # wraps onto the next line of the PDF (test35's biosphere plan); outside brackets a dot still opens an item.
    text, _ = clean_pages(["▸ Former une brigade estivale [Porteur : CRBLH · Partenaires : CJE · Chaque été]\n"
                           "▸ Faire reconnaître les corridors [Porteur : MRC des Hauts-\nPlateaux · Partenaires : CRBLH · 2028]\n"
                           "· Un autre point"])
    assert text.split("\n") == ["Former une brigade estivale [Porteur : CRBLH · Partenaires : CJE · Chaque été]",
                                 "Faire reconnaître les corridors [Porteur : MRC des Hauts-Plateaux · Partenaires : CRBLH · 2028]",
                                 "Un autre point"]


def test_a_word_cut_by_a_space_in_a_pdf_line_is_joined():
    # Justified or kerned PDF lines give "car rière", "F onds", "Afi n" (test36's culture plan, the MEES plan); two
    # words stay apart ("en semble"), an acronym keeps its space ("REN de" is no "rende"), and a line's last piece may
    # go on below ("du s" / "ecteur").
    text = clean("Offrir un service-conseil de car rière aux artistes\nBonifier le F onds régional\n"
                 "Afi n de soutenir les REN de qualité, en semble\n")
    assert "de carrière aux" in text and "le Fonds régional" in text and "Afin de soutenir" in text
    assert "REN de qualité" in text and "en semble" in text
    assert "développement du secteur" in clean("autour du développement du s\necteur minéral.\n")


def test_a_line_of_fields_wrapped_around_its_separator_or_before_a_value_is_one_line():
    # A newcomer's digital plan printed by Chromium (session 23): "Indicateur : …" / "| Cible 2028 : 95 %" and
    # "… | Cible 2028 :" / "18 départements". A row's closing pipe still makes a row, and a lead-in still ends its line.
    text, _ = clean_pages(["Le Cégep se donne quatre axes, neuf objectifs et vingt-sept actions pour la période 2025-2028, en continuité avec son plan stratégique.\n"
                           "Indicateur : proportion du personnel formé en sécurité de l'information\n"
                           "| Cible 2028 : 95 %\n"
                           "Indicateur : départements utilisant le tableau de bord | Cible 2028 :\n"
                           "18 départements\n"
                           "| Action | Responsable |\n"
                           "Moyens :\n"
                           "Former le personnel"])
    assert text.split("\n")[1:] == [
        "Indicateur : proportion du personnel formé en sécurité de l'information | Cible 2028 : 95 %",
        "Indicateur : départements utilisant le tableau de bord | Cible 2028 : 18 départements",
        "| Action | Responsable |", "Moyens :", "Former le personnel"]


def test_a_unit_of_measure_with_slashes_is_kept_and_a_path_is_dropped():
    # test21's watershed plan: "Cible : 220 L/pers./jour en 2030" had lost its unit as if it were a web path.
    text = clean("Cible : 220 L/pers./jour en 2030 (298 L/pers./jour en 2023), 4 kg/hab./an.\n"
                 "Voir education/numerique/plan-action pour le détail.\n")
    assert "220 L/pers./jour en 2030 (298 L/pers./jour en 2023), 4 kg/hab./an." in text
    assert "education/numerique" not in text


def test_a_small_tables_header_and_a_heading_twice_on_a_page_are_content_not_furniture():
    """Lines at the edges of most pages are running headers, unless they are a table's header of field names
    ("Indicateur Cible", the foot of each page of a government plan) or a line a page holds twice ("FICHE-ACTION 03"
    and "FICHE-ACTION 04" on one page)."""
    pages = [f"FICHE-ACTION 0{2 * n + 1}\nCréer le service numéro {n}\nLe service sera offert aux familles.\n"
             f"FICHE-ACTION 0{2 * n + 2}\nOffrir la mesure numéro {n}\nIndicateur Cible\n"
             f"Nombre de familles servies {n} 1 800 familles d'ici 2030" for n in range(4)]
    text = clean(*pages)
    assert text.count("FICHE-ACTION") == 8 and text.count("Indicateur Cible") == 4
    assert "Plan d'action 2025-2030" not in clean(*(f"Plan d'action 2025-2030\nPage de texte numéro {n}." for n in range(4)))


def test_a_plans_own_bullet_opens_its_items():
    """A sign the plan's designer chose for its bullets ("♪"), opening three lines or more, marks items as "•" does."""
    text = clean("Au programme :\n♪ Créer un laissez-passer pour les jeunes\n♪ Confier une soirée au comité jeunesse\n"
                 "♪ Diffuser des contenus courts\nQui ? Direction des communications")
    assert "Créer un laissez-passer pour les jeunes\nConfier une soirée au comité jeunesse\n" in text
    assert "♪" not in text


def test_a_plan_s_own_kicker_spaced_out_atop_each_page_and_a_code_before_a_middle_dot():
    # test66's agrifood table: "L E V I E R  0 1" atop its page, then "… 0 2" atop the next: the kicker of a level the
    # plan names in its own word, its figures spaced out too, is content, not a running header; and "1A · Accroître …"
    # is a code and its title, the dot no bullet.
    titles = ["Produire et transformer davantage ici", "Assurer la relève", "Faire rayonner nos produits",
              "Respecter nos sols et nos cours d'eau"]
    pages = [f"L E V I E R  0 {n}\n{title}\n\nNotre région importe encore {80 + n} % de ce qu'elle consomme.\n\n{n + 3}"
             for n, title in enumerate(titles, 1)]
    lines = clean_pages(pages)[0].split("\n")
    assert [line for line in lines if line.startswith("LEVIER")] == ["LEVIER 01", "LEVIER 02", "LEVIER 03", "LEVIER 04"]
    lines = clean_pages(["1A · Accroître la production maraîchère\n\nNotre région importe 85 % de ses légumes."])[0].split("\n")
    assert lines[0] == "1A · Accroître la production maraîchère"
