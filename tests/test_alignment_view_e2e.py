"""The "Alignement" view in a real browser: Debian's chromium driven by Selenium, against the real service over HTTP.

Same set-up as tests/test_chat_page_e2e.py: the app runs in a background thread (uvicorn) on the index of the real
corpus (var/test-index, built once by the session fixture ``real_index_dir``), chromium and chromedriver come from
apt (/usr/bin/chromium, /usr/bin/chromedriver), selenium-manager is never used. Screenshots go to tests/artifacts/.

Run with ``pytest -m e2e tests/test_alignment_view_e2e.py``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import httpx
import pytest
from browser import ARTIFACTS, chromium, wait

TARGET = "mees-plan-action-numerique-2018-2023"
UNIT_CODE = re.compile(r"^(Objectif|Mesure|Thème|Axe|Orientation|Enjeu|Action) ?[\w.]*$")

@pytest.fixture(scope="session")
def coverage(real_server) -> dict:
    """GET /coverage of the default ministerial plan, to check the page against."""
    response = httpx.get(f"{real_server}/coverage", params={"target_doc_id": TARGET}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def downloads(tmp_path) -> Path:
    path = tmp_path / "downloads"
    path.mkdir()
    return path


@pytest.fixture
def browser(tmp_path, downloads):
    with chromium(tmp_path / "chromium-profile", "alignment-last.png", downloads=downloads) as driver:
        yield driver


# --- helpers ------------------------------------------------------------------------------------------------------


def _press(driver, key) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def _wait_for_heatmap(driver):
    """Wait until the heatmap is drawn; returns (unit column headers, plan rows)."""
    from selenium.webdriver.common.by import By

    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr[data-doc-id]"), 60,
          "the coverage heatmap was not drawn")
    assert not driver.find_elements(By.CSS_SELECTOR, "#align-status .error-text"), \
        driver.find_element(By.ID, "align-status").text
    return (driver.find_elements(By.CSS_SELECTOR, "#heatmap thead th.unit-col"),
            driver.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr[data-doc-id]"))


def _assert_alignment_selected(driver) -> None:
    from selenium.webdriver.common.by import By

    assert driver.find_element(By.ID, "tab-alignement").get_attribute("aria-selected") == "true"
    assert driver.find_element(By.ID, "tab-questions").get_attribute("aria-selected") == "false"
    assert driver.find_element(By.ID, "alignement").is_displayed()
    assert not driver.find_element(By.ID, "questions").is_displayed()
    assert driver.execute_script("return window.location.hash") == "#alignement"


def _open_cell(driver, cell):
    """Click a heatmap cell; returns the open evidence panel."""
    from selenium.webdriver.common.by import By

    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", cell)
    cell.click()
    panel = driver.find_element(By.ID, "evidence-panel")
    wait(driver, lambda d: panel.is_displayed(), message="#evidence-panel did not open")
    return panel


def _close_with_escape(driver) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _press(driver, Keys.ESCAPE)
    panel = driver.find_element(By.ID, "evidence-panel")
    wait(driver, lambda d: not panel.is_displayed(), message="Escape did not close #evidence-panel")


def _screenshot(driver, name: str) -> None:
    """Save tests/artifacts/<name> once the page has painted (two animation frames after the last change)."""
    driver.execute_async_script("const done = arguments[arguments.length - 1];"
                                "requestAnimationFrame(() => requestAnimationFrame(() => done()));")
    driver.save_screenshot(str(ARTIFACTS / name))


def _no_page_overflow(driver) -> bool:
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


# --- the scenario -------------------------------------------------------------------------------------------------


@pytest.mark.e2e
def test_alignment_view_heatmap_evidence_gaps_export(real_server, coverage, browser, downloads):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(f"{real_server}/#alignement")
    assert driver.title.startswith("Arrimage")
    wait(driver, lambda d: d.find_element(By.ID, "alignement").is_displayed(), message="#alignement is not shown")
    _assert_alignment_selected(driver)

    # The plan select lists the ministerial plans, the default one chosen.
    columns, rows = _wait_for_heatmap(driver)
    select = driver.find_element(By.ID, "align-plan")
    assert select.get_attribute("value") == TARGET
    documents = httpx.get(f"{real_server}/documents", timeout=30).json()
    ministerial = [doc["doc_id"] for doc in documents if doc["level"] == "ministerial"]
    assert [o.get_attribute("value") for o in select.find_elements(By.TAG_NAME, "option")] == ministerial

    # The heatmap: one column per ministerial unit (labelled by its code, titled), one row per covering plan.
    assert len(columns) >= 5 and len(columns) == len(coverage["rows"])
    assert len(rows) >= 2
    for column, row in zip(columns, coverage["rows"], strict=True):
        assert column.get_attribute("scope") == "col"
        assert UNIT_CODE.match(column.text.strip()), column.text
        assert column.text.strip() == (row["target"]["code"] or column.text.strip())
        assert row["target"]["title"] in column.get_attribute("title")
    covering_docs = {pair["source"]["doc_id"] for row in coverage["rows"] for pair in row["covering"]}
    assert {row.get_attribute("data-doc-id") for row in rows} == covering_docs
    titles = {doc["doc_id"]: doc["title"] for doc in documents}
    for row in rows:
        header = row.find_element(By.CSS_SELECTOR, "th[scope=row]")
        assert titles[row.get_attribute("data-doc-id")] in header.text
    assert driver.find_element(By.ID, "heatmap").find_elements(By.TAG_NAME, "caption")
    assert _no_page_overflow(driver), "the page scrolls sideways at 1280 px"
    _screenshot(driver, "alignment-desktop.png")

    # Coloured cells are buttons, with their label as text for screen readers; cells without a pair are empty.
    cells = driver.find_elements(By.CSS_SELECTOR, "#heatmap .heat-cell")
    assert cells and all(cell.tag_name == "button" for cell in cells)
    assert driver.find_elements(By.CSS_SELECTOR, "#heatmap td.empty")
    assert not driver.find_elements(By.CSS_SELECTOR, "#heatmap td.empty button")
    first = cells[0]
    hidden_label = first.find_element(By.CSS_SELECTOR, ".visually-hidden").get_attribute("textContent")
    assert re.match(r"^(fort|partiel), probabilité \d+\s?%, \d+ unités?$", hidden_label), hidden_label
    background = first.value_of_css_property("background-color")
    surface = driver.find_element(By.ID, "heatmap-scroll").value_of_css_property("background-color")
    assert background != surface, "the cell is not coloured"

    # The tabs work with the keyboard, and the hash follows the selected view.
    tab = driver.find_element(By.ID, "tab-alignement")
    tab.send_keys(Keys.ARROW_LEFT)
    wait(driver, lambda d: d.find_element(By.ID, "questions").is_displayed(), message="ArrowLeft did not select Questions")
    assert driver.switch_to.active_element.get_attribute("id") == "tab-questions"
    assert driver.execute_script("return window.location.hash") == ""
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    wait(driver, lambda d: d.find_element(By.ID, "alignement").is_displayed(), message="ArrowRight did not select Alignement")
    _assert_alignment_selected(driver)

    # One Tab stop in the heatmap; the arrow keys move between the cells of a row.
    assert [cell.get_attribute("tabindex") for cell in cells].count("0") == 1
    assert first.get_attribute("tabindex") == "0"
    first_row = first.find_element(By.XPATH, "./ancestor::tr").find_elements(By.CSS_SELECTOR, ".heat-cell")
    driver.execute_script("arguments[0].focus()", first)
    _press(driver, Keys.ARROW_RIGHT)
    assert driver.switch_to.active_element == first_row[1]
    assert (first.get_attribute("tabindex"), first_row[1].get_attribute("tabindex")) == ("-1", "0")
    _press(driver, Keys.ARROW_LEFT)
    assert driver.switch_to.active_element == first

    # A coloured cell opens the evidence: every pair of that plan for that unit, both quotes, shared terms marked.
    doc_id, unit_id = first.get_attribute("data-doc"), first.get_attribute("data-unit")
    expected = [pair for row in coverage["rows"] if row["target"]["unit_id"] == unit_id
                for pair in row["covering"] if pair["source"]["doc_id"] == doc_id]
    panel = _open_cell(driver, first)
    assert driver.switch_to.active_element.get_attribute("id") == "evidence-close"
    assert titles[doc_id] in driver.find_element(By.ID, "evidence-title").text
    pairs = panel.find_elements(By.CSS_SELECTOR, ".pair")
    assert len(pairs) == len(expected)
    best = max(expected, key=lambda pair: pair["probability"])
    quotes = pairs[0].find_elements(By.CSS_SELECTOR, ".quote blockquote")
    assert len(quotes) == 2
    assert quotes[0].text.strip() == best["evidence"]["source_quote"].strip()
    assert quotes[1].text.strip() == best["evidence"]["target_quote"].strip()
    assert re.search(r"(fort|partiel) · \d+\s?%", pairs[0].find_element(By.CSS_SELECTOR, ".badge").text)
    assert f"page {best['source']['page']}" in pairs[0].text
    signals = next(line for line in pairs[0].text.splitlines() if line.startswith("Signaux"))
    assert "sémantique" in signals and "passages de la cible" in signals
    assert not re.search(r"\b[a-z]+_[a-z]+\b", signals), f"a signal without its French name: {signals}"
    marks = panel.find_elements(By.CSS_SELECTOR, ".quote mark")
    assert marks, "no <mark> in the quotes"
    # The plan's targets, as data, beside its evidence (an action of the Pôle Québec has one).
    stated = [t["text"] for t in best["source"]["targets"]]
    lines = [line for line in pairs[0].text.splitlines() if line.startswith("Cibles du plan")]
    assert (lines and all(t in lines[0] for t in stated)) if stated else not lines, (stated, lines)
    shared = {term.lower().replace("'", "’") for pair in expected for term in pair["evidence"]["shared_terms"]}
    assert all(mark.text.lower().replace("'", "’") in shared for mark in marks)

    # "Unités reliées" lists the units closest to the source unit (POST /related).
    related_button = pairs[0].find_element(By.CSS_SELECTOR, ".related-button")
    assert related_button.text == "Unités reliées"
    related_button.click()
    wait(driver, lambda d: pairs[0].find_elements(By.CSS_SELECTOR, ".related-list li"), 30, "no related units listed")
    assert related_button.get_attribute("aria-expanded") == "true"
    related = httpx.post(f"{real_server}/related", json={"unit_id": best["source"]["unit_id"], "k": 5}, timeout=30)
    assert len(pairs[0].find_elements(By.CSS_SELECTOR, ".related-list li")) == len(related.json()["units"])
    _screenshot(driver, "alignment-desktop-evidence.png")

    _close_with_escape(driver)
    assert driver.switch_to.active_element == first, "focus did not return to the cell"

    # The gaps, below the heatmap.
    gaps = driver.find_element(By.ID, "align-gaps")
    driver.execute_script("arguments[0].scrollIntoView()", gaps)
    assert gaps.is_displayed()
    assert "Objectifs ministériels sans unité qui les serve" in gaps.text
    assert "Unités institutionnelles sans objectif ministériel" in gaps.text
    listed = driver.find_elements(By.CSS_SELECTOR, "#gap-targets li")
    assert len(listed) == len(coverage["uncovered_targets"])
    for item, unit in zip(listed, coverage["uncovered_targets"], strict=True):
        assert unit["title"] in item.text
    assert len(driver.find_elements(By.CSS_SELECTOR, "#gap-sources li")) == len(coverage["unaligned_sources"])
    _screenshot(driver, "alignment-desktop-gaps.png")

    # The CSV export: the service's table (GET /coverage?format=csv), UTF-8 with a BOM, one row per covering pair.
    driver.find_element(By.ID, "align-export").click()
    link = wait(driver, lambda d: d.find_elements(By.ID, "align-export-link") and d.find_element(By.ID, "align-export-link"),
                 message="no export link")
    assert "/coverage?" in link.get_attribute("href") and "format=csv" in link.get_attribute("href")
    assert link.get_attribute("download") == f"couverture-{TARGET}.csv"
    # Read from the downloaded file, as a planner gets it.
    saved = downloads / f"couverture-{TARGET}.csv"
    wait(driver, lambda d: saved.exists() and saved.stat().st_size > 0, message=f"{saved.name} was not downloaded")
    text = saved.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff"), text[:40]
    records = list(csv.reader(io.StringIO(text[1:], newline="")))
    n_pairs = sum(len(row["covering"]) for row in coverage["rows"])
    assert len(records) == n_pairs + 1
    header = records[0]
    assert {"source_plan", "source_page", "target_code", "target_page", "probability", "source_quote", "target_quote",
            "review"} <= set(header)
    exported = [dict(zip(header, record, strict=True)) for record in records[1:]]
    row = next(r for r in exported if r["source_unit"] == best["source"]["unit_id"] and r["target_unit"] == unit_id)
    assert row["source_plan"] == doc_id
    assert (row["source_page"], row["target_page"]) == (str(best["source"]["page"]), str(best["target"]["page"]))
    assert row["source_quote"].removeprefix("'") == best["evidence"]["source_quote"]  # ' guards a leading = + - @
    assert row["target_quote"].removeprefix("'") == best["evidence"]["target_quote"]
    assert float(row["probability"]) == pytest.approx(best["probability"])
    _screenshot(driver, "alignment-desktop-export.png")

    # A reload keeps the Alignement view.
    driver.refresh()
    wait(driver, lambda d: d.find_element(By.ID, "alignement").is_displayed(), message="the view was lost on reload")
    _assert_alignment_selected(driver)
    columns, rows = _wait_for_heatmap(driver)
    assert len(columns) == len(coverage["rows"])

    # A phone width: the page does not scroll sideways, the table does inside its frame; the panel is a bottom sheet.
    driver.set_window_size(375, 800)
    wait(driver, lambda d: d.execute_script("return window.innerWidth") <= 400, message="the window did not narrow")
    assert _no_page_overflow(driver), "the page scrolls sideways at 375 px"
    frame = driver.find_element(By.ID, "heatmap-scroll")
    assert driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", frame)
    assert driver.execute_script("return getComputedStyle(arguments[0]).overflowX", frame) == "auto"
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", driver.find_element(By.ID, "heatmap-heading"))
    _screenshot(driver, "alignment-mobile.png")
    cell = driver.find_elements(By.CSS_SELECTOR, "#heatmap .heat-cell")[0]
    panel = _open_cell(driver, cell)
    assert panel.find_elements(By.CSS_SELECTOR, ".quote mark")
    sheet = driver.execute_script(
        "const r = document.getElementById('evidence-panel').getBoundingClientRect();"
        "return {width: r.width, bottom: r.bottom, viewportWidth: window.innerWidth, viewportHeight: window.innerHeight};"
    )
    assert sheet["width"] == pytest.approx(sheet["viewportWidth"], abs=2)
    assert sheet["bottom"] == pytest.approx(sheet["viewportHeight"], abs=2)
    _screenshot(driver, "alignment-mobile-evidence.png")
    _close_with_escape(driver)

    # Back to the questions: the chat is there, the hash is gone.
    driver.find_element(By.ID, "tab-questions").click()
    wait(driver, lambda d: d.find_element(By.ID, "question").is_displayed(), message="the chat did not come back")
    assert driver.execute_script("return window.location.hash") == ""
    assert not driver.find_element(By.ID, "alignement").is_displayed()
