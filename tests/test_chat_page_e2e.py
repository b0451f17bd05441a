"""The chat page in a real browser: Debian's chromium driven by Selenium, against the real service over real HTTP.

The service runs in a background thread (uvicorn) on an index of the real corpus built with the default embedding
model in var/test-index (built once, then reused while the corpus is unchanged: the first run takes a few minutes).
Needs the apt packages chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver) and selenium;
selenium-manager is never used, so nothing is downloaded. Screenshots are written to tests/artifacts/.

Run with ``pytest -m e2e tests/test_chat_page_e2e.py``.
"""

from __future__ import annotations

import re

import httpx
import pytest
from browser import ARTIFACTS, chromium, wait

ANSWER_TIMEOUT = 60

ANSWERABLE = "Quelles sont les trois orientations du plan d’action numérique ?"
UNANSWERABLE = "Quel est le budget de la cafétéria de l’Université Laval en 2030 ?"


@pytest.fixture
def browser(tmp_path):
    with chromium(tmp_path / "chromium-profile", "chat-last.png") as driver:
        yield driver


# --- helpers ------------------------------------------------------------------------------------------------------


def _ask(driver, question: str):
    """Type ``question`` and press Enter; returns the finished assistant message that answers it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = wait(driver, lambda d: d.find_element(By.ID, "question").is_enabled() and d.find_element(By.ID, "question"),
                message="#question stays disabled")
    before = len(driver.find_elements(By.CSS_SELECTOR, ".message.assistant"))
    box.send_keys(question)
    box.send_keys(Keys.ENTER)

    def finished(d):
        answers = d.find_elements(By.CSS_SELECTOR, ".message.assistant")
        return len(answers) > before and answers[-1].get_attribute("data-state") != "streaming" and answers[-1]

    answer = wait(driver, finished, ANSWER_TIMEOUT, f"no finished answer to {question!r} within {ANSWER_TIMEOUT} s")
    assert answer.get_attribute("data-state") == "done", answer.text
    assert driver.find_element(By.ID, "question").is_enabled()
    return answer


def _press_escape(driver) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).send_keys(Keys.ESCAPE).perform()


def _open_passage(driver, chip):
    """Click a citation chip and return (title, meta, passage text, highlighted text) of the passage panel."""
    from selenium.webdriver.common.by import By

    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", chip)
    chip.click()
    panel = driver.find_element(By.ID, "passage-panel")
    wait(driver, lambda d: panel.is_displayed(), message="#passage-panel did not open")
    marks = driver.find_elements(By.CSS_SELECTOR, "#passage-text mark")
    return (driver.find_element(By.ID, "passage-title").text, driver.find_element(By.ID, "passage-meta").text,
            driver.find_element(By.ID, "passage-text").text, marks[0].text if marks else None)


def _close_passage_with_escape(driver) -> None:
    from selenium.webdriver.common.by import By

    _press_escape(driver)
    panel = driver.find_element(By.ID, "passage-panel")
    wait(driver, lambda d: not panel.is_displayed(), message="Escape did not close #passage-panel")


def _saved_conversation(driver):
    return driver.execute_script("return window.localStorage.getItem('arrimage.conversation.v1')")


# --- the scenario -------------------------------------------------------------------------------------------------


@pytest.mark.e2e
def test_chat_page_answers_cites_abstains_and_remembers(real_server, browser):
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{real_server}/")
    assert driver.title.startswith("Arrimage")
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#filter-docs input[type=checkbox]")) == 5,
          message="the document filter was not filled from GET /documents")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#filter-levels input[type=checkbox]")) == 3

    # An answerable question: an answer streamed into the page, with clickable citation chips.
    answer = _ask(driver, ANSWERABLE)
    answer_text = answer.find_element(By.CSS_SELECTOR, ".answer").text.strip()
    assert answer_text, "the answer is empty"
    assert "abstained" not in answer.get_attribute("class")
    chips = answer.find_elements(By.CSS_SELECTOR, ".answer .citation-chip")
    assert chips, f"no citation chip in the answer: {answer_text!r}"
    assert all(re.fullmatch(r"\d+", chip.get_attribute("data-n")) for chip in chips)
    assert chips[0].tag_name == "button"

    title, meta, passage, quoted = _open_passage(driver, chips[0])
    assert title.strip(), "the passage panel shows no document title"
    assert re.search(r"Page \d+", meta), f"no page number in {meta!r}"
    page = re.search(r"Page (\d+)", meta).group(1)
    link = driver.find_element(By.CSS_SELECTOR, "#passage-meta a.passage-file").get_attribute("href")
    assert re.search(rf"/documents/[^/]+/file#page={page}$", link), link
    assert httpx.get(link.split("#")[0], timeout=30).status_code == 200
    assert quoted, "no <mark> in #passage-text"
    assert quoted in passage
    driver.save_screenshot(str(ARTIFACTS / "chat-desktop-passage.png"))
    _close_passage_with_escape(driver)
    assert "citation-chip" in driver.switch_to.active_element.get_attribute("class"), "focus did not return to the chip"

    # A question the plans do not answer: marked as such, its closest passages listed "à consulter".
    abstained = _ask(driver, UNANSWERABLE)
    assert "abstained" in abstained.get_attribute("class")
    assert "ne répondent pas" in abstained.text
    if abstained.find_elements(By.CSS_SELECTOR, ".sources"):
        assert abstained.find_element(By.CSS_SELECTOR, ".sources-title").text.strip().lower() == "à consulter"
    driver.save_screenshot(str(ARTIFACTS / "chat-desktop.png"))

    # A follow-up takes its subject from the conversation: the page sends it, the answer shows what was searched.
    _ask(driver, "Quelle est la vision de l’INM ?")
    follow = _ask(driver, "Et son mandat ?")
    searched = follow.find_element(By.CSS_SELECTOR, ".searched").text
    assert "INM" in searched and "mandat" in searched, searched
    assert "abstained" not in follow.get_attribute("class")
    assert follow.find_elements(By.CSS_SELECTOR, ".answer .citation-chip")
    driver.save_screenshot(str(ARTIFACTS / "chat-follow-up.png"))

    # The conversation, with its citations, survives a reload.
    driver.refresh()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#messages .message")) == 8,
          message="the conversation was not restored after a reload")
    assert ANSWERABLE in driver.find_element(By.ID, "messages").text
    restored = driver.find_elements(By.CSS_SELECTOR, ".message.assistant")
    assert restored[0].find_element(By.CSS_SELECTOR, ".answer").text.strip() == answer_text
    assert "abstained" in restored[1].get_attribute("class")

    # A phone width: readable without horizontal scrolling, the passage shown as a bottom sheet.
    driver.set_window_size(375, 800)
    wait(driver, lambda d: d.execute_script("return window.innerWidth") <= 400, message="the window did not narrow")
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    chip = driver.find_elements(By.CSS_SELECTOR, ".message.assistant .answer .citation-chip")[0]
    title_again, _, _, quoted_again = _open_passage(driver, chip)
    assert (title_again, quoted_again) == (title, quoted)
    sheet = driver.execute_script(
        "const r = document.getElementById('passage-panel').getBoundingClientRect();"
        "return {width: r.width, bottom: r.bottom, viewportWidth: window.innerWidth, viewportHeight: window.innerHeight};"
    )
    assert sheet["width"] == pytest.approx(sheet["viewportWidth"], abs=2)
    assert sheet["bottom"] == pytest.approx(sheet["viewportHeight"], abs=2)
    driver.save_screenshot(str(ARTIFACTS / "chat-mobile-passage.png"))
    _close_passage_with_escape(driver)
    driver.save_screenshot(str(ARTIFACTS / "chat-mobile.png"))

    # "Nouvelle conversation" clears the page and the saved copy.
    driver.find_element(By.ID, "new-conversation").click()
    wait(driver, lambda d: not d.find_elements(By.CSS_SELECTOR, "#messages .message"),
          message="#new-conversation did not clear the conversation")
    assert _saved_conversation(driver) is None
    driver.refresh()
    wait(driver, lambda d: d.find_element(By.ID, "question").is_enabled())
    assert not driver.find_elements(By.CSS_SELECTOR, "#messages .message")
