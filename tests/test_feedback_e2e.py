"""Feedback in the chat page, in Debian's chromium, against the real service on the index of the real corpus:
👍 on an answer, a comment, "Merci", and the row in the database with the question, the answer and its citations.

Run with ``pytest -m e2e tests/test_feedback_e2e.py`` (see tests/test_chat_page_e2e.py for what it needs)."""

from __future__ import annotations

import json

import pytest
from browser import ARTIFACTS, chromium, wait
from sqlalchemy import create_engine, text
from test_chat_page_e2e import ANSWERABLE, _ask


@pytest.fixture
def own_server(real_index_dir, tmp_path):
    """The real app with a database of its own, to read what the page stored."""
    from arrimage.service.app import create_app
    from support import serve

    from arrimage.settings import Settings

    database_url = f"sqlite:///{tmp_path / 'arrimage.db'}"
    with serve(create_app(Settings(index_dir=real_index_dir, database_url=database_url, uploads_dir=tmp_path / "uploads"))) as url:
        yield url, database_url


@pytest.mark.e2e
def test_thumbs_up_on_an_answer_reaches_the_database(own_server, tmp_path):
    from selenium.webdriver.common.by import By

    url, database_url = own_server
    with chromium(tmp_path / "profile", "feedback-last.png") as driver:
        driver.get(f"{url}/")
        answer = _ask(driver, ANSWERABLE)
        up = answer.find_element(By.CSS_SELECTOR, '.feedback-button[data-rating="up"]')
        assert up.text.startswith("👍") and up.get_attribute("aria-pressed") == "false"
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", up)
        up.click()
        assert up.get_attribute("aria-pressed") == "true"
        comment = wait(driver, lambda d: answer.find_element(By.CSS_SELECTOR, ".feedback-form textarea"),
                       message="no comment box after 👍")
        assert driver.switch_to.active_element == comment, "the comment box takes the focus"
        comment.send_keys("Les trois orientations, avec leurs pages.")
        driver.save_screenshot(str(ARTIFACTS / "feedback-comment.png"))
        answer.find_element(By.CSS_SELECTOR, ".feedback-send").click()
        thanks = wait(driver, lambda d: answer.find_elements(By.CSS_SELECTOR, ".feedback-done"), message="no thanks shown")
        assert "Merci" in thanks[0].text
        assert not answer.find_elements(By.CSS_SELECTOR, ".feedback-button"), "the buttons are gone once it is sent"

        # A reload shows the thanks again, not the buttons: the conversation remembers the feedback was given.
        driver.refresh()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".message.assistant .feedback-done"),
             message="the thanks was not restored after a reload")
        assert not driver.find_elements(By.CSS_SELECTOR, ".feedback-button")
        kept = json.loads(driver.execute_script("return localStorage.getItem('arrimage.conversation.v1')"))[-1]

    with create_engine(database_url).connect() as db:
        rows = db.execute(text("SELECT question, answer, citations, rating, comment, answerer FROM feedback")).mappings().all()
    assert len(rows) == 1
    row = rows[0]
    assert row["rating"] == "up" and row["question"] == ANSWERABLE and row["answerer"] == "extractive"
    assert row["comment"] == "Les trois orientations, avec leurs pages."
    assert row["answer"] == kept["answer"] and "[1]" in row["answer"], "the answer shown, with its [n] markers"
    assert kept["feedback"] == "up"
    citations = json.loads(row["citations"]) if isinstance(row["citations"], str) else row["citations"]
    assert citations and all(c["chunk_id"] and c["doc_id"] and c["quote"] and "text" not in c for c in citations)
    assert [c["n"] for c in citations] == list(range(1, len(citations) + 1))
