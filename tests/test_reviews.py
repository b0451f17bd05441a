"""Reviews of alignment links, kept in a real SQLite database through SQLAlchemy and Alembic: the API, their
effect on /align and /coverage, and their survival across a restart and a re-ingest."""

from __future__ import annotations

import httpx
import pytest
from arrimage.index.store import build_index, save_index
from arrimage.ingest.pipeline import discover, ingest_files
from sqlalchemy import create_engine, inspect
from support import FakeEmbedder, serve

from arrimage.settings import Settings

TOKEN = "jeton"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SOURCE, TARGET = "pole-regional", "plan-numerique"


@pytest.fixture
def env(fixture_index, isolated_index_dir, tmp_path, monkeypatch):
    save_index(fixture_index, isolated_index_dir)
    monkeypatch.setattr("arrimage.runtime.make_embedder", lambda name: FakeEmbedder())
    return Settings(index_dir=isolated_index_dir, admin_token=TOKEN, database_url=f"sqlite:///{tmp_path / 'reviews.db'}",
                    uploads_dir=tmp_path / "uploads")


def _app(settings):
    from arrimage.service.app import create_app

    return create_app(settings)


def _align(client, **extra):
    body = {"source": {"doc_ids": [SOURCE]}, "target": {"doc_ids": [TARGET]}, "k": 2, "min_label": "none", **extra}
    response = client.post("/align", json=body)
    assert response.status_code == 200, response.text
    return response.json()["pairs"]


def _units(client, doc_id):
    def walk(nodes):
        for node in nodes:
            yield node
            yield from walk(node["children"])

    return list(walk(client.get(f"/plans/{doc_id}/units").json()["units"]))


def test_confirm_reject_and_add_links(env):
    with serve(_app(env)) as url, httpx.Client(base_url=url, timeout=30) as client:
        pairs = _align(client)
        first, second = pairs[0], pairs[1]
        assert first["source"]["unit_id"] == second["source"]["unit_id"] and all(p["review"] is None for p in pairs)
        # Confirm the second link of a source: it comes first; reject the first: it is gone unless asked for.
        confirmed = client.post("/reviews", headers=AUTH, json={"source_unit_id": second["source"]["unit_id"],
                                                              "target_unit_id": second["target"]["unit_id"],
                                                              "decision": "confirmed", "reviewer": "Marie"})
        assert confirmed.status_code == 201 and confirmed.json()["stale"] is False
        rejected = client.post("/reviews", headers=AUTH, json={"source_unit_id": first["source"]["unit_id"],
                                                             "target_unit_id": first["target"]["unit_id"],
                                                             "decision": "rejected", "note": "hors sujet"})
        assert rejected.status_code == 201
        after = [p for p in _align(client) if p["source"]["unit_id"] == first["source"]["unit_id"]]
        assert after[0]["target"]["unit_id"] == second["target"]["unit_id"] and after[0]["review"]["decision"] == "confirmed"
        assert all(p["target"]["unit_id"] != first["target"]["unit_id"] for p in after)
        shown = _align(client, include_rejected=True)
        assert any(p["review"] and p["review"]["decision"] == "rejected" for p in shown)

        # A link the aligner did not propose: a planner adds it, and it counts in coverage.
        proposed = {(p["source"]["unit_id"], p["target"]["unit_id"]) for p in _align(client, k=1, include_rejected=True)}
        targets = [u for u in _units(client, TARGET) if u["kind"] in ("objectif", "mesure", "theme")]
        sources = [u["unit_id"] for u in _units(client, SOURCE)]
        new = next((s, t["unit_id"]) for s in sources for t in targets if (s, t["unit_id"]) not in proposed)
        added = client.post("/reviews", headers=AUTH, json={"source_unit_id": new[0], "target_unit_id": new[1],
                                                          "decision": "confirmed"})
        assert added.status_code == 201
        assert any((p["source"]["unit_id"], p["target"]["unit_id"]) == new and p["review"] for p in _align(client, k=1))
        coverage = client.get("/coverage", params={"target_doc_id": TARGET}).json()
        row = next(r for r in coverage["rows"] if r["target"]["unit_id"] == new[1])
        confirmed_first = [p for p in row["covering"] if p["review"] and p["review"]["decision"] == "confirmed"]
        assert new[0] in {p["source"]["unit_id"] for p in confirmed_first}
        assert row["covering"][: len(confirmed_first)] == confirmed_first  # confirmed links come first

        listed = client.get("/reviews", params={"doc_id": SOURCE}).json()
        assert len(listed) == 3 and {r["decision"] for r in listed} == {"confirmed", "rejected"}
        assert client.get("/reviews", params={"doc_id": "inrs-formation"}).json() == []
        assert client.delete(f"/reviews/{listed[0]['id']}", headers=AUTH).status_code == 204
        assert client.delete(f"/reviews/{listed[0]['id']}", headers=AUTH).status_code == 404
        assert len(client.get("/reviews").json()) == 2


def test_review_writes_need_the_token_and_known_units(env):
    with serve(_app(env)) as url, httpx.Client(base_url=url, timeout=30) as client:
        pair = _align(client)[0]
        body = {"source_unit_id": pair["source"]["unit_id"], "target_unit_id": pair["target"]["unit_id"], "decision": "confirmed"}
        assert client.post("/reviews", json=body).status_code == 401
        assert client.post("/reviews", json={**body, "source_unit_id": "nope:unit"}, headers=AUTH).status_code == 422
        assert client.post("/reviews", json={**body, "decision": "maybe"}, headers=AUTH).status_code == 422
        assert client.delete("/reviews/1").status_code == 401


def test_reviews_survive_a_restart_and_a_reingest_and_go_stale_when_a_unit_changes(env, fixture_corpus_dir, fixture_spec,
                                                                                    tmp_path):
    with serve(_app(env)) as url, httpx.Client(base_url=url, timeout=30) as client:
        pair = next(p for p in _align(client) if p["source"]["title"].startswith("FAVORISER L’ACCESSIBILITÉ"))
        body = {"source_unit_id": pair["source"]["unit_id"], "target_unit_id": pair["target"]["unit_id"], "decision": "confirmed"}
        assert client.post("/reviews", json=body, headers=AUTH).status_code == 201
    tables = inspect(create_engine(env.database_url)).get_table_names()
    assert {"reviews", "alembic_version"} <= set(tables)

    # The same texts ingested again: same unit ids, the review applies, not stale.
    again = ingest_files(discover([fixture_corpus_dir]), spec=fixture_spec)
    save_index(build_index(again.documents, again.chunks, again.units, FakeEmbedder(), contextual=True), env.index_dir)
    with serve(_app(env)) as url, httpx.Client(base_url=url, timeout=30) as client:
        reviewed = [p for p in _align(client) if p["review"]]
        assert reviewed and reviewed[0]["review"]["stale"] is False

    # The source unit's text changed: the review stays, marked stale ("à revoir").
    changed_dir = tmp_path / "changed"
    changed_dir.mkdir()
    for path in discover([fixture_corpus_dir]):
        target = changed_dir / path.relative_to(fixture_corpus_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        if path.suffix == ".txt":
            data = data.replace("FAVORISER L’ACCESSIBILITÉ".encode(), "FAVORISER L’ACCESSIBILITÉ RENOUVELÉE".encode())
        target.write_bytes(data)
    for catalog in fixture_corpus_dir.rglob("catalog.json"):
        (changed_dir / catalog.relative_to(fixture_corpus_dir)).write_bytes(catalog.read_bytes())
    changed = ingest_files(discover([changed_dir]), spec=fixture_spec)
    save_index(build_index(changed.documents, changed.chunks, changed.units, FakeEmbedder(), contextual=True), env.index_dir)
    with serve(_app(env)) as url, httpx.Client(base_url=url, timeout=30) as client:
        reviews = client.get("/reviews").json()
        source = next(u for u in _units(client, SOURCE) if u["unit_id"] == body["source_unit_id"])
        assert "RENOUVELÉE" in source["title"], "the same unit id, with its new text"
        assert len(reviews) == 1 and reviews[0]["stale"] is True
        assert [p["review"]["stale"] for p in _align(client) if p["review"]] == [True]
