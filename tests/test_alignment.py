"""Alignment on the fixture plans: units tree, related units, pairs, coverage, exports, HTTP contract."""

from __future__ import annotations

import httpx
import numpy as np
import pytest
from arrimage.align.aligner import SIGNALS, Aligner, AlignmentError, coverage, shared_terms
from arrimage.align.export import coverage_as, heatmap, pairs_as
from arrimage.service.app import create_app
from click.testing import CliRunner
from support import aligner_of, fake_calibration, serve

from arrimage.settings import Settings


@pytest.fixture(scope="module")
def aligner(fixture_index, fixture_searcher) -> Aligner:
    return aligner_of(fixture_index, fixture_searcher.embedder)


def test_units_of_the_fixture_plans(aligner):
    kinds = {(u.doc_id, u.kind) for u in aligner.units}
    assert ("plan-numerique", "orientation") in kinds and ("plan-numerique", "mesure") in kinds
    assert ("pole-regional", "orientation") in kinds
    measure = next(u for u in aligner.units if u.code == "Mesure 12")
    assert aligner.by_id[measure.parent_id].code == "Objectif 1.1"


def test_labels_come_from_the_calibrated_probability():
    calibration = fake_calibration()
    assert calibration.label(0.99) == "strong" and calibration.label(0.6) == "partial" and calibration.label(0.1) == "none"
    low, mid, high = calibration.probabilities([0.5, 0.6, 0.7], [0.9, 0.9, 0.9])
    assert 0 < low < mid < high < 1 and mid == pytest.approx(0.5)


def test_a_source_has_one_affinity_per_target_plan_its_cosine_with_the_plan_centroid(aligner):
    sources = aligner.select(levels=["regional"])[:3]
    targets = aligner.select(levels=["ministerial"], targets=True)
    rows = aligner.source_rows(sources)
    affinity = aligner.affinities(rows, targets)
    assert affinity.shape == (len(sources), len(targets))
    for col, t in enumerate(targets):
        plan = [i for i in range(len(aligner.units)) if aligner.units[i].doc_id == aligner.units[t].doc_id]
        centroid = np.asarray(aligner.vectors[plan]).mean(axis=0)
        expected = rows.vectors @ (centroid / np.linalg.norm(centroid))
        assert affinity[:, col] == pytest.approx(expected, abs=1e-5)


def test_shared_terms_are_words_of_the_source_found_in_the_target():
    assert shared_terms("Offrir des formations en ligne aux enseignants", "la formation continue des enseignantes") == (
        "formations", "enseignants")


def test_align_gives_each_source_its_best_targets_with_evidence(aligner):
    sources = aligner.select(levels=["regional"])
    targets = aligner.select(levels=["ministerial"], targets=True)
    pairs = aligner.align(sources, targets, k=2, min_label="none")
    assert len(pairs) == 2 * len(sources)
    for pair in pairs:
        assert pair.source.level == "regional" and pair.target.level == "ministerial"
        assert set(pair.signals) == {*SIGNALS, "source_affinity", "declared"}, "the signals that weigh, and the affinity"
        assert pair.evidence.source_quote and pair.evidence.target_quote
    first, second = pairs[0], pairs[1]
    assert first.source == second.source and first.score >= second.score and first.probability >= second.probability
    assert all(0 <= p.probability <= 1 and p.label == aligner.calibration.label(p.probability) for p in pairs)


def test_related_units_come_from_other_plans(aligner):
    unit = next(u for u in aligner.units if u.code == "Mesure 12")
    related = aligner.related(unit_id=unit.unit_id, k=3)
    assert related and all(r.unit.doc_id != unit.doc_id for r in related)
    scores = [r.score for r in related]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= r.probability <= 1 for r in related)
    by_text = aligner.related(text="transport collectif entre les campus", k=1)
    assert by_text[0].unit.doc_id == "pole-regional"


def test_related_needs_exactly_one_of_text_and_unit(aligner):
    with pytest.raises(AlignmentError, match="exactly one"):
        aligner.related(k=3)
    with pytest.raises(AlignmentError, match="unknown unit"):
        aligner.related(unit_id="nope:unit")


def test_coverage_lists_every_target_and_the_gaps(aligner):
    result = coverage(aligner, "plan-numerique")
    target_ids = {r.target.unit_id for r in result.rows}
    assert target_ids == {u.unit_id for u in aligner.units if u.doc_id == "plan-numerique" and u.kind in ("objectif", "mesure")}
    covered = {r.target.unit_id for r in result.rows if r.covering}
    assert not covered & {u.unit_id for u in result.uncovered_targets}
    with pytest.raises(AlignmentError):
        coverage(aligner, "inrs-formation-without-units")


def test_exports(aligner, tmp_path):
    pairs = aligner.align(aligner.select(levels=["regional"]), aligner.select(levels=["ministerial"], targets=True), k=1,
                          min_label="none")
    as_csv = pairs_as(pairs, "csv")
    assert as_csv.startswith("\ufeff") and "source_quote" in as_csv.splitlines()[0]
    assert len(as_csv.strip().splitlines()) == len(pairs) + 1
    assert pairs_as(pairs, "md").startswith("| source_plan")
    result = coverage(aligner, "plan-numerique")
    assert "## Ministerial objectives nobody serves" in coverage_as(result, "md")
    png = heatmap(result, tmp_path / "coverage.png", kinds=("objectif", "mesure"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def client(fixture_searcher, tmp_path_factory, calibration_file):
    settings = Settings(index_dir=tmp_path_factory.mktemp("unused-index"), align_calibration=calibration_file)
    with serve(create_app(settings, searcher=fixture_searcher)) as url, httpx.Client(base_url=url, timeout=10) as c:
        yield c


def test_units_tree_over_http(client):
    body = client.get("/plans/plan-numerique/units").json()
    assert body["doc_id"] == "plan-numerique"
    orientation = body["units"][0]
    assert orientation["kind"] == "orientation" and orientation["children"][0]["kind"] == "axe"
    assert client.get("/plans/absent/units").status_code == 404


def test_related_align_coverage_over_http(client):
    related = client.post("/related", json={"text": "formation des enseignants", "k": 2}).json()
    assert len(related["units"]) == 2 and related["units"][0]["score"] >= related["units"][1]["score"]
    pairs = client.post("/align", json={"source": {"levels": ["regional"]}, "target": {"doc_ids": ["plan-numerique"]},
                                        "k": 1, "min_label": "none"}).json()["pairs"]
    assert pairs and {"source", "target", "probability", "score", "label", "evidence"} <= set(pairs[0])
    assert set(pairs[0]["evidence"]) == {"source_quote", "target_quote", "shared_terms"}
    assert all(0 <= u["probability"] <= 1 for u in related["units"])
    cov = client.get("/coverage", params={"target_doc_id": "plan-numerique"}).json()
    assert cov["rows"] and {"target", "probability", "label", "by_plan", "covering"} <= set(cov["rows"][0])


def test_align_and_related_rank_within_each_kind_asked_for(client, aligner):
    kinds = ["objectif", "mesure"]
    pairs = client.post("/align", json={"source": {"levels": ["regional"]}, "target": {"doc_ids": ["plan-numerique"]},
                                        "kinds": kinds, "k": 1, "min_label": "none"}).json()["pairs"]
    sources = {p["source"]["unit_id"] for p in pairs}
    for source in sources:
        mine = [p for p in pairs if p["source"]["unit_id"] == source]
        assert sorted(p["target"]["kind"] for p in mine) == sorted(kinds), "the best of each kind, one each"
    # Without kinds, one ranking over every target kind: a source gets k pairs whatever their kinds.
    mixed = client.post("/align", json={"source": {"levels": ["regional"]}, "target": {"doc_ids": ["plan-numerique"]},
                                        "k": 1, "min_label": "none"}).json()["pairs"]
    assert len(mixed) == len(sources)
    related = client.post("/related", json={"text": "formation des enseignants", "k": 1, "kinds": kinds}).json()["units"]
    assert sorted(u["kind"] for u in related) == sorted(kinds)
    bad = client.post("/related", json={"text": "x", "kinds": ["galaxie"]})
    assert bad.status_code == 422 and "galaxie" in bad.json()["error"]["message"]


def test_coverage_as_csv_over_http_is_the_guarded_table(client):
    response = client.get("/coverage", params={"target_doc_id": "plan-numerique", "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    header = response.text.lstrip("\ufeff").splitlines()[0].split(",")
    assert header[0] == "source_plan" and {"probability", "label", "review", "reviewer", "review_stale"} <= set(header)
    covering = sum(len(r["covering"]) for r in client.get("/coverage", params={"target_doc_id": "plan-numerique"}).json()["rows"])
    assert len(response.text.strip().splitlines()) == covering + 1


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "fragment"),
    [
        ("post", "/related", {"k": 2}, 422, "exactly one"),
        ("post", "/related", {"text": "x", "unit_id": "y"}, 422, "exactly one"),
        ("post", "/related", {"unit_id": "nope"}, 422, "unknown unit"),
        ("post", "/related", {"text": "x", "levels": ["cosmic"]}, 422, "levels"),
        ("post", "/align", {"source": {}, "target": {"levels": ["ministerial"]}}, 422, "doc_ids or levels"),
        ("post", "/align", {"source": {"doc_ids": ["absent"]}, "target": {"levels": ["ministerial"]}}, 422, "unknown document"),
        ("get", "/coverage?target_doc_id=absent", None, 404, "unknown plan"),
        ("get", "/coverage", None, 422, "target_doc_id"),
    ],
)
def test_bad_alignment_requests(client, method, path, body, status, fragment):
    response = client.post(path, json=body) if method == "post" else client.get(path)
    assert response.status_code == status
    assert fragment in response.json()["error"]["message"]


def test_cli_align_and_coverage(fixture_index, isolated_index_dir, monkeypatch, tmp_path):
    from arrimage.index.store import save_index
    from support import FakeEmbedder

    from arrimage import runtime
    from arrimage.cli import main

    save_index(fixture_index, isolated_index_dir)
    monkeypatch.setattr(runtime, "make_embedder", lambda name: FakeEmbedder())
    runner = CliRunner()
    out = tmp_path / "pairs.csv"
    result = runner.invoke(main, ["align", "--source-level", "regional", "--min-label", "none", "--format", "csv",
                                  "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("\ufeffsource_plan")
    result = runner.invoke(main, ["coverage", "--target-doc", "plan-numerique", "--format", "md",
                                  "--heatmap", str(tmp_path / "h.png")])
    assert result.exit_code == 0, result.output
    assert "| target_unit" in result.output and (tmp_path / "h.png").exists()
    result = runner.invoke(main, ["coverage", "--target-doc", "absent"])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_evaluate_alignment_on_labelled_pairs(aligner, tmp_path):
    import json

    from arrimage.eval.alignment import evaluate_alignment, locate
    from arrimage.eval.datasets import DatasetError, load_alignment

    measure = next(u for u in aligner.units if u.code == "Mesure 12")
    assert locate("offrir des formations en ligne", "plan-numerique", aligner.units) == measure
    source = next(u for u in aligner.units if u.doc_id == "pole-regional" and u.kind == "orientation")
    rows = [
        {"id": "p1", "source_doc_id": "pole-regional", "source_quote": source.title, "target_doc_id": "plan-numerique",
         "target_quote": "OFFRIR DES FORMATIONS EN LIGNE AUX ENSEIGNANTS", "label": "partial", "hard_negative": False},
        {"id": "p2", "source_doc_id": "pole-regional", "source_quote": "Texte absent du plan régional entier",
         "target_doc_id": "plan-numerique", "target_quote": "OFFRIR DES FORMATIONS EN LIGNE", "label": "none",
         "hard_negative": True},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    report = evaluate_alignment(aligner, load_alignment(path))
    assert report["unmatched"] == [{"id": "p2", "side": "source"}]
    assert report["queries with gold"] == 1
    assert set(report["signals"]) == {*SIGNALS, "combined"}
    for metrics in report["signals"].values():
        assert 0 <= metrics["P@1"] <= metrics["Hit@3"] <= 1
    path.write_text(json.dumps({**rows[0], "label": "maybe"}), encoding="utf-8")
    with pytest.raises(DatasetError, match="label"):
        load_alignment(path)


def _hand_made(fixture_index, fixture_searcher, units, passages, queries) -> Aligner:
    """An aligner over units with chosen vectors (unit vectors as passages, query vectors as queries)."""
    from dataclasses import replace

    import numpy as np

    def unit_vectors(rows):
        return np.array(rows, dtype=np.float32) / np.linalg.norm(rows, axis=1, keepdims=True)

    data = replace(fixture_index, units=tuple(units), unit_vectors=unit_vectors(passages),
                   unit_query_vectors=unit_vectors(queries),
                   vectors=np.zeros((len(fixture_index.chunks), len(passages[0])), dtype=np.float32))
    return aligner_of(data, fixture_searcher.embedder)


def _unit(unit_id, kind, level, parent=None, title=""):
    from arrimage.ingest.models import PlanUnit

    return PlanUnit(unit_id=unit_id, doc_id=unit_id.split(":")[0], level=level, kind=kind, code="",
                    title=title or unit_id, text=title or unit_id, section_path=(), page=1, parent_id=parent)


def test_a_link_the_source_plan_declares_comes_first_and_is_strong(fixture_index, fixture_searcher):
    units = [_unit("m:theme-1", "theme", "ministerial"), _unit("m:theme-2", "theme", "ministerial"),
             _unit("r:action-1", "action", "regional", parent="m:theme-1")]
    # The action looks more like theme 2, but its plan files it under theme 1.
    passages = [[1, 0, 0], [0, 1, 0], [0, 1, 0.2]]
    al = _hand_made(fixture_index, fixture_searcher, units, passages, passages)
    pairs = al.align([2], [0, 1], k=2, min_label="none")
    assert [p.target.unit_id for p in pairs] == ["m:theme-1", "m:theme-2"]
    assert pairs[0].signals["declared"] == 1.0 and pairs[0].label == "strong"
    assert pairs[1].signals["declared"] == 0.0


def test_an_objective_is_served_through_its_measures_and_a_means_through_its_objective(fixture_index, fixture_searcher):
    units = [_unit("m:objectif-1", "objectif", "ministerial"), _unit("m:mesure-1", "mesure", "ministerial", "m:objectif-1"),
             _unit("m:objectif-2", "objectif", "ministerial"),
             _unit("i:objectif-1", "objectif", "institutional"), _unit("i:moyen-1", "moyen", "institutional", "i:objectif-1")]
    passages = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0.6, 0.5, 0.3]]
    queries = [*passages[:3], [0, 0, 1, 0.1], [0, 1, 0.1, 0]]
    al = _hand_made(fixture_index, fixture_searcher, units, passages, queries)
    sig = al.signals(al.source_rows([4]), [0, 2])
    # The moyen asks what mesure 1 offers: objectif 1 scores through its child, not through its own text.
    assert sig["target_children"][0, 0] > 0.99 and sig["dense"][0, 0] < 0.1
    # Its objectif looks like objectif 2: the source's parent signal says so.
    assert sig["source_parent"][0, 1] > 0.99 > sig["source_parent"][0, 0]


def test_a_target_is_also_read_through_the_passages_that_cover_its_text(aligner):
    import numpy as np
    from arrimage.align.aligner import Sources

    measure = aligner.index_of[next(u for u in aligner.units if u.code == "Mesure 12").unit_id]
    objective = aligner.index_of[next(u for u in aligner.units if u.code == "Objectif 1.1").unit_id]
    chunk = aligner._passages[measure][0]
    vector = aligner._chunk_vectors[chunk][None, :]
    sig = aligner.signals(Sources(vector, vector, ["x"], [None], [frozenset()]), [measure, objective])
    # the measure's own passage matches it exactly, whatever its unit text says
    assert sig["target_passages"][0, 0] == pytest.approx(1.0, abs=1e-5)
    assert sig["target_passages"][0, 0] >= sig["target_passages"][0, 1]
    assert np.isfinite(sig["target_passages"]).all()


def test_csv_exports_guard_cells_a_spreadsheet_would_run():
    from arrimage.spreadsheet import csv_text

    text = csv_text(["a", "b"], [["=HYPERLINK(\"x\")", "-2"], ["+1", "texte"], ["@cmd", 3]])
    rows = text.lstrip("\ufeff").splitlines()
    assert rows[1] == "\"'=HYPERLINK(\"\"x\"\")\",'-2" and rows[2] == "'+1,texte" and rows[3] == "'@cmd,3"


def test_align_pages_its_sources_and_bounds_the_pairs_of_a_page(client):
    from arrimage.service.schemas import ALIGN_PAGE_PAIRS

    body = {"source": {"levels": ["regional", "institutional"]}, "target": {"doc_ids": ["plan-numerique"]}, "k": 1,
            "min_label": "none"}
    whole = client.post("/align", json=body).json()
    assert whole["next_offset"] is None and whole["sources"] == len({p["source"]["unit_id"] for p in whole["pairs"]})
    pages, offset = [], 0
    while offset is not None:
        page = client.post("/align", json={**body, "page_size": 2, "offset": offset}).json()
        assert len({p["source"]["unit_id"] for p in page["pairs"]}) <= 2 and page["sources"] == whole["sources"]
        pages += page["pairs"]
        offset = page["next_offset"]
    assert [(p["source"]["unit_id"], p["target"]["unit_id"]) for p in pages] == \
        [(p["source"]["unit_id"], p["target"]["unit_id"]) for p in whole["pairs"]]
    # k per source and per kind: a page holds fewer sources so that it stays within its pairs.
    wide = client.post("/align", json={**body, "k": 20, "kinds": ["objectif", "mesure", "axe", "orientation"],
                                       "page_size": 100}).json()
    assert len(wide["pairs"]) <= ALIGN_PAGE_PAIRS
    assert client.post("/align", json={**body, "page_size": 0}).status_code == 422
