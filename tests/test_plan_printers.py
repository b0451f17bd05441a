"""The printers the structure evaluation scores PDFs from: a plan's text as a web page, and that page printed
by Chromium and read back through the ingest path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from arrimage.eval.render import _html, render_plan
from arrimage.eval.structure import score_plan

PLAN = Path(__file__).resolve().parents[1] / "eval" / "datasets" / "structure" / "dev" / "cegep-gaspesie-plan-reussite.txt"


def test_a_plan_as_a_web_page_keeps_its_tables_lists_and_headings():
    page = _html("Axe 1 : L'accompagnement\n\nMoyens :\n- Offrir un accueil\n- Tenir des rencontres\n\n"
                 "| Moyen | Cible |\n|---|---|\n| Offrir un accueil | 85 % |\n\nUn paragraphe qui se termine.", "Plan")
    assert "<p><b>Axe 1 : L&#x27;accompagnement</b></p>" in page
    assert "<ul><li>Offrir un accueil</li><li>Tenir des rencontres</li></ul>" in page
    assert "<tr><th>Moyen</th><th>Cible</th></tr><tr><td>Offrir un accueil</td><td>85 %</td></tr>" in page
    assert "<p>Un paragraphe qui se termine.</p>" in page


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (make browser)")
def test_a_plan_printed_by_chromium_keeps_its_units(tmp_path):
    pdf = render_plan(PLAN, tmp_path / "plan.pdf", "Plan de la réussite 2024-2028", printer="chromium")
    score = score_plan(PLAN.stem, pdf, PLAN.with_suffix(".json"))
    # Centred table cells, bullets drawn as shapes and Chromium's header and footer: the units still come out.
    assert score.f1 >= 0.9 and score.parent_accuracy >= 0.95, (score.missed, score.extra)
