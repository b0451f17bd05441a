"""The Plans view in Debian's chromium, on a copy of the real corpus's index: add a plan from the page,
watch its progress, see the structure recognised, find it in answers, delete it."""

from __future__ import annotations

import shutil

import httpx
import pytest
from browser import ARTIFACTS, chromium, wait

TOKEN = "jeton-de-test"
PLAN = """Cégep de la Haute-Rive
Plan stratégique 2025-2030

Le plan compte deux enjeux et quatre objectifs.

Enjeu 1 – La réussite éducative
Objectif 1.1 : Offrir des ateliers de robotique aux élèves du secondaire
Indicateur : Nombre d'ateliers de robotique offerts
Cible : 42 ateliers en 2027
Objectif 1.2 : Accompagner les étudiantes et les étudiants de première génération

Enjeu 2 – Le milieu de vie
Objectif 2.1 : Rénover la bibliothèque du campus de Haute-Rive
Objectif 2.2 : Aménager des espaces de travail collaboratif
"""


@pytest.fixture
def own_server(real_index_dir, tmp_path):
    """A server of its own on a copy of the real index, with writes enabled: the shared one stays as it is."""
    from arrimage.service.app import create_app
    from support import serve

    from arrimage.settings import Settings

    index = tmp_path / "index"
    shutil.copytree(real_index_dir, index, symlinks=True)
    settings = Settings(index_dir=index, uploads_dir=tmp_path / "uploads", admin_token=TOKEN,
                        database_url=f"sqlite:///{tmp_path / 'arrimage.db'}")
    with serve(create_app(settings)) as url:
        yield url


@pytest.mark.e2e
def test_plans_view_adds_shows_and_deletes_a_plan(own_server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    plan = tmp_path / "haute-rive.txt"
    plan.write_text(PLAN, encoding="utf-8")
    with chromium(tmp_path / "profile", "plans-last.png") as driver:
        driver.get(f"{own_server}/#plans")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plans-table tbody tr")) == 5,
             message="the five plans are not listed")
        first = driver.find_element(By.CSS_SELECTOR, "#plans-table tbody tr .unit-counts").text
        assert "objectif" in first or "orientation" in first or "axe" in first, first

        form = driver.find_element(By.ID, "upload-form")
        driver.find_element(By.ID, "upload-file").send_keys(str(plan))
        form.find_element(By.NAME, "title").send_keys("Plan stratégique 2025-2030")
        form.find_element(By.NAME, "organization").send_keys("Cégep de la Haute-Rive")
        Select(form.find_element(By.NAME, "level")).select_by_value("institutional")
        driver.find_element(By.ID, "upload-token").send_keys(TOKEN)
        driver.find_element(By.ID, "upload-send").click()

        wait(driver, lambda d: d.find_element(By.ID, "upload-text").text.startswith("Terminé"), timeout=120,
             message="the upload did not finish")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plans-table tbody tr")) == 6)
        tree = driver.find_element(By.ID, "plan-tree")
        wait(driver, lambda d: "Objectif 1.1" in tree.text, message="the recognised structure is not shown")
        assert "Enjeu 2" in tree.text and "Cible : 42 ateliers en 2027" in tree.text
        row = driver.find_element(By.CSS_SELECTOR, '#plans-table tr[data-doc-id="haute-rive"]')
        assert "enjeu 2" in row.text and "objectif 4" in row.text
        driver.save_screenshot(str(ARTIFACTS / "plans-desktop.png"))

        answer = httpx.post(f"{own_server}/ask", json={"question": "Combien d'ateliers de robotique le Cégep de la Haute-Rive vise-t-il ?"},
                            timeout=60).json()
        assert any(c["doc_id"] == "haute-rive" for c in answer["citations"]), answer

        row.find_element(By.CSS_SELECTOR, "button.delete-plan").click()
        driver.switch_to.alert.accept()
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plans-table tbody tr")) == 5,
             message="the plan was not deleted")
        assert "haute-rive" not in {d["doc_id"] for d in httpx.get(f"{own_server}/documents", timeout=30).json()}
