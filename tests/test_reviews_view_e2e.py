"""Reviewing links in the Alignement view, in Debian's chromium, on a copy of the real corpus's index: one link
confirmed, another rejected, both stored, the coverage following them."""

from __future__ import annotations

import shutil

import httpx
import pytest
from browser import ARTIFACTS, chromium, wait

TOKEN = "jeton-de-revue"


@pytest.fixture
def own_server(real_index_dir, tmp_path):
    from arrimage.service.app import create_app
    from support import serve

    from arrimage.settings import Settings

    index = tmp_path / "index"
    shutil.copytree(real_index_dir, index, symlinks=True)
    settings = Settings(index_dir=index, admin_token=TOKEN, database_url=f"sqlite:///{tmp_path / 'arrimage.db'}",
                        uploads_dir=tmp_path / "uploads")
    with serve(create_app(settings)) as url:
        yield url


def _pairs(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#evidence-list .pair")


@pytest.mark.e2e
def test_a_planner_confirms_one_link_and_rejects_another(own_server, tmp_path):
    from selenium.webdriver.common.by import By

    with chromium(tmp_path / "profile", "reviews-last.png") as driver:
        driver.get(f"{own_server}/")
        driver.execute_script(f"sessionStorage.setItem('arrimage.admin-token', '{TOKEN}');"
                              "localStorage.setItem('arrimage.reviewer', 'Marie Tremblay');")
        driver.get(f"{own_server}/#alignement")
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#heatmap .heat-cell"), timeout=60,
             message="the heatmap did not load")
        # A cell with two links at least: one to confirm, one to reject.
        cells = driver.find_elements(By.CSS_SELECTOR, "#heatmap .heat-cell")
        for cell in cells:
            driver.execute_script("arguments[0].click()", cell)
            wait(driver, lambda d: _pairs(d), message="the evidence panel did not open")
            if len(_pairs(driver)) >= 2:
                break
        else:
            pytest.fail("no cell with two links")
        first, second = _pairs(driver)[:2]
        rejected_target = second.find_element(By.CSS_SELECTOR, "button.review-button").get_attribute("data-target")
        rejected_source = second.find_element(By.CSS_SELECTOR, "button.review-button").get_attribute("data-source")
        first.find_element(By.CSS_SELECTOR, 'button.review-button[data-decision="confirmed"]').click()
        wait(driver, lambda d: "Confirmé par Marie Tremblay" in d.find_element(By.CSS_SELECTOR, "#evidence-list .pair-review").text,
             message="the confirmed link does not say so")
        wait(driver, lambda d: _pairs(d)[0].find_elements(By.CSS_SELECTOR, ".pair-review.review-confirmed"),
             message="the confirmed link does not come first")

        again = wait(driver, lambda d: next(p for p in _pairs(d) if p.find_element(By.CSS_SELECTOR, "button.review-button")
                                            .get_attribute("data-source") == rejected_source),
                     message="the link to reject is gone")
        again.find_element(By.CSS_SELECTOR, 'button.review-button[data-decision="rejected"]').click()
        wait(driver, lambda d: all(p.find_element(By.CSS_SELECTOR, "button.review-button").get_attribute("data-source")
                                   != rejected_source for p in _pairs(d)),
             message="the rejected link is still shown")
        assert "2 revue(s)" not in driver.find_element(By.ID, "heatmap-summary").text  # the rejected one is hidden
        driver.save_screenshot(str(ARTIFACTS / "alignment-reviews.png"))

    reviews = httpx.get(f"{own_server}/reviews", timeout=30).json()
    assert sorted(r["decision"] for r in reviews) == ["confirmed", "rejected"]
    assert {r["reviewer"] for r in reviews} == {"Marie Tremblay"}
    assert any(r["decision"] == "rejected" and r["target_unit_id"] == rejected_target for r in reviews)
