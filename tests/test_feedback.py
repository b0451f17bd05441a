"""Feedback on answers (👍 / 👎 in the chat page), kept in the database of the reviews: POST /feedback without a
token but with bounded sizes, GET /feedback with the token, `arrimage feedback export`, and the rows surviving a
restart and the migration of a database made before feedback existed."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from arrimage.reviews.database import migrate
from arrimage.reviews.feedback import FeedbackStore
from arrimage.service.schemas import MAX_ANSWER_CHARS, MAX_COMMENT_CHARS, MAX_FEEDBACK_CITATIONS, MAX_QUOTE_CHARS
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text
from support import serve

from arrimage.cli import main
from arrimage.settings import Settings

TOKEN = "jeton"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CITATION = {"n": 1, "chunk_id": "c-12", "doc_id": "plan-numerique", "title": "Plan d’action numérique", "page": 2,
            "section_path": ["ORIENTATION 1", "MESURE 12"], "quote": "La mesure 12 finance des formations en ligne.",
            "text": "Le passage entier, que la rétroaction ne garde pas."}
BODY = {"question": "Que finance la mesure 12 ?", "answer": "La mesure 12 finance des formations en ligne. [1]",
        "citations": [CITATION], "rating": "up", "answerer": "extractive"}


@pytest.fixture
def settings(fixture_searcher, tmp_path):
    return Settings(index_dir=tmp_path / "index", admin_token=TOKEN, database_url=f"sqlite:///{tmp_path / 'arrimage.db'}",
                    uploads_dir=tmp_path / "uploads")


@pytest.fixture
def client(settings, fixture_searcher):
    from arrimage.service.app import create_app

    with serve(create_app(settings, searcher=fixture_searcher)) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


class TestPostFeedback:
    def test_stored_without_a_token_and_returned(self, client):
        response = client.post("/feedback", json={**BODY, "comment": "  Exactement ce que je cherchais.  "})
        assert response.status_code == 201, response.text
        record = response.json()
        assert record["id"] >= 1 and record["rating"] == "up" and record["answerer"] == "extractive"
        assert record["question"] == BODY["question"] and record["answer"] == BODY["answer"]
        assert record["comment"] == "Exactement ce que je cherchais."
        assert record["created_at"]
        cited = {k: v for k, v in CITATION.items() if k != "text"}
        assert record["citations"] == [cited], "the citation as /ask gave it, without the passage's whole text"

    def test_a_thumbs_down_without_citations_or_comment(self, client):
        response = client.post("/feedback", json={**BODY, "rating": "down", "citations": []})
        assert response.status_code == 201 and response.json()["comment"] == ""

    @pytest.mark.parametrize("change, where", [
        ({"question": "x" * 2001}, "question"),
        ({"question": "   "}, "question"),
        ({"answer": "x" * (MAX_ANSWER_CHARS + 1)}, "answer"),
        ({"answer": ""}, "answer"),
        ({"comment": "x" * (MAX_COMMENT_CHARS + 1)}, "comment"),
        ({"citations": [CITATION] * (MAX_FEEDBACK_CITATIONS + 1)}, "citations"),
        ({"citations": [{**CITATION, "quote": "x" * (MAX_QUOTE_CHARS + 1)}]}, "citations.0.quote"),
        ({"citations": [{**CITATION, "section_path": ["x"] * 11}]}, "citations.0.section_path"),
        ({"citations": [{**CITATION, "section_path": ["x" * 201]}]}, "citations.0.section_path.0"),
        ({"answerer": "x" * 41}, "answerer"),
        ({"rating": "maybe"}, "rating"),
        ({"extra": "field"}, "extra"),
    ])
    def test_sizes_and_values_are_bounded(self, client, change, where):
        response = client.post("/feedback", json={**BODY, **change})
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "invalid_request" and error["message"].startswith(f"{where}:"), error
        assert client.get("/feedback", headers=AUTH).json() == []

    def test_malformed_json_is_a_422_in_the_documented_shape(self, client):
        response = client.post("/feedback", content=b"{not json", headers={"Content-Type": "application/json"})
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"


class TestListFeedback:
    def test_needs_the_token(self, client):
        assert client.post("/feedback", json=BODY).status_code == 201
        unauthorized = client.get("/feedback")
        assert unauthorized.status_code == 401 and unauthorized.json()["error"]["code"] == "unauthorized"
        assert client.get("/feedback", headers={"Authorization": "Bearer faux"}).status_code == 401
        listed = client.get("/feedback", headers=AUTH)
        assert listed.status_code == 200 and [r["question"] for r in listed.json()] == [BODY["question"]]

    def test_refused_when_no_token_is_configured_but_feedback_is_still_taken(self, settings, fixture_searcher):
        from arrimage.service.app import create_app

        open_service = settings.model_copy(update={"admin_token": None})
        with serve(create_app(open_service, searcher=fixture_searcher)) as url:
            assert httpx.post(f"{url}/feedback", json=BODY, timeout=30).status_code == 201
            refused = httpx.get(f"{url}/feedback", timeout=30)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"


def test_feedback_survives_a_restart(settings, fixture_searcher):
    from arrimage.service.app import create_app

    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        assert httpx.post(f"{url}/feedback", json=BODY, timeout=30).status_code == 201
        assert httpx.post(f"{url}/feedback", json={**BODY, "rating": "down", "comment": "Incomplet"}, timeout=30).status_code == 201
    with serve(create_app(settings, searcher=fixture_searcher)) as url:
        listed = httpx.get(f"{url}/feedback", headers=AUTH, timeout=30).json()
    assert [(r["rating"], r["comment"]) for r in listed] == [("up", ""), ("down", "Incomplet")]
    assert listed[0]["citations"][0]["section_path"] == CITATION["section_path"]
    assert {"feedback", "reviews", "alembic_version"} <= set(inspect(create_engine(settings.database_url)).get_table_names())


def test_a_database_made_before_feedback_is_migrated_and_keeps_its_reviews(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate(url, "0001")
    with create_engine(url).begin() as db:
        db.execute(text("INSERT INTO reviews (source_unit_id, target_unit_id, decision, source_text_hash, target_text_hash, "
                        "created_at) VALUES ('a:1', 'b:1', 'confirmed', 'h', 'h', '2026-11-30 10:00:00')"))
    store = FeedbackStore(url)
    assert store.all() == []
    with create_engine(url).connect() as db:
        assert db.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        assert db.execute(text("SELECT count(*) FROM reviews")).scalar() == 1


class TestExport:
    @pytest.fixture
    def stored(self, settings, monkeypatch):
        from arrimage.reviews.feedback import CitedPassage

        monkeypatch.setenv("ARRIMAGE_DATABASE_URL", settings.database_url)
        store = FeedbackStore(settings.database_url)
        cited = CitedPassage(1, "c-12", "plan-numerique", "Plan d’action numérique", 2, ("ORIENTATION 1",), "La mesure 12…")
        store.add("Que finance la mesure 12 ?", "La mesure 12 finance des formations. [1]", [cited], "up", "", "extractive")
        store.add("Quel budget ?", "=1+1 n’est pas une réponse", [], "down", "-Réponse fausse", "llm")
        return store

    def test_jsonl_to_the_terminal(self, stored):
        result = CliRunner().invoke(main, ["feedback", "export"])
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r["rating"] for r in rows] == ["up", "down"]
        assert rows[0]["citations"][0]["quote"] == "La mesure 12…" and rows[0]["citations"][0]["section_path"] == ["ORIENTATION 1"]
        assert rows[1]["comment"] == "-Réponse fausse" and rows[1]["answerer"] == "llm"

    def test_csv_to_a_file_with_formula_cells_guarded(self, stored, tmp_path):
        out = tmp_path / "export" / "feedback.csv"
        result = CliRunner().invoke(main, ["feedback", "export", "--format", "csv", "--output", str(out)])
        assert result.exit_code == 0, result.output
        assert f"written: {out} (2 feedback)" in result.stderr
        data = out.read_text(encoding="utf-8")
        assert data.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(data.lstrip("\ufeff"))))
        assert [r["rating"] for r in rows] == ["up", "down"]
        assert rows[0]["sources"] == "[1] Plan d’action numérique, p. 2"
        assert json.loads(rows[0]["citations"])[0]["chunk_id"] == "c-12"
        assert rows[1]["answer"] == "'=1+1 n’est pas une réponse" and rows[1]["comment"] == "'-Réponse fausse"

    def test_an_empty_database_exports_nothing(self, settings, monkeypatch):
        monkeypatch.setenv("ARRIMAGE_DATABASE_URL", settings.database_url)
        result = CliRunner().invoke(main, ["feedback", "export"])
        assert result.exit_code == 0 and result.stdout == ""

    def test_an_unreadable_database_is_a_clear_error(self, tmp_path, monkeypatch):
        (tmp_path / "not-a-db").write_text("bonjour")
        monkeypatch.setenv("ARRIMAGE_DATABASE_URL", f"sqlite:///{tmp_path / 'not-a-db'}")
        result = CliRunner().invoke(main, ["feedback", "export"])
        assert result.exit_code == 1 and "cannot read the database" in result.output
        assert "Traceback" not in result.output
