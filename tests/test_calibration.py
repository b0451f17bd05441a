"""The alignment calibration: fit on labelled pairs and reviews, judged, written per model, used by the CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest
from arrimage.align.calibration import Calibration, NotCalibrated, load_calibration, save_calibration
from arrimage.eval.calibrate_alignment import Scored, fit_calibration, joined, judge
from click.testing import CliRunner
from support import fake_calibration


def _scored(n: int = 120, seed: int = 0) -> Scored:
    """Pairs whose chance of being aligned grows with the score, from three source plans; a third of them come
    from plans on another subject (low affinity with the target's plan), never aligned whatever their score."""
    rng = np.random.default_rng(seed)
    scores = rng.uniform(0.80, 0.92, n)
    unrelated = np.arange(n) % 3 == 2
    affinity = np.where(unrelated, rng.uniform(0.78, 0.82, n), rng.uniform(0.84, 0.88, n))
    aligned = ((rng.uniform(size=n) < (scores - 0.80) / 0.12) & ~unrelated).astype(float)
    strong = aligned * (scores > 0.88)
    gold = np.array(["strong" if s else "partial" if a else "none" for a, s in zip(aligned, strong)], dtype=object)
    return Scored(np.column_stack([scores, affinity]), aligned, strong,
                  np.array([f"other-{i % 5}" if u else f"plan-{i % 4}" for i, u in enumerate(unrelated)], dtype=object), gold)


def test_a_fit_calibration_rises_with_the_score_and_the_affinity_and_is_judged_out_of_fold():
    calibration, figures = fit_calibration("m", _scored(), "synthetic")
    low, high = calibration.probabilities(np.array([0.80, 0.92]), np.array([0.86, 0.86]))
    assert low < 0.3 < 0.6 < high
    unrelated, related = calibration.probabilities(np.array([0.90, 0.90]), np.array([0.80, 0.86]))
    assert unrelated < 0.3 < related, "the same score from a plan on another subject is not a link"
    assert calibration.partial == 0.5 <= calibration.strong <= 1
    assert figures["pairs"] == 120 and 0 <= figures["ECE (out of fold, by source plan)"] <= 0.15
    assert figures["AUC (out of fold)"] > 0.7
    fresh = judge(calibration, _scored(seed=1))
    assert fresh["pairs"] == 120 and fresh["ECE"] <= 0.15 and fresh["aligned or not, accuracy"] > 0.6


def test_pairs_scored_on_two_indexes_are_fit_together():
    a, b = _scored(30, seed=2), _scored(20, seed=3)
    both = joined([a, b, Scored(np.zeros((0, 2)), *(np.zeros(0),) * 2, *(np.zeros(0, dtype=object),) * 2)])
    assert both.features.shape == (50, 2) and both.features[30:] == pytest.approx(b.features)
    assert list(both.groups) == [*a.groups, *b.groups] and both.aligned.sum() == a.aligned.sum() + b.aligned.sum()


def test_a_calibration_needs_both_kinds_of_pairs():
    data = _scored()
    with pytest.raises(ValueError, match="aligned and unaligned"):
        fit_calibration("m", Scored(data.features, np.ones_like(data.aligned), data.strong, data.groups, data.gold), "x")


def test_calibrations_are_kept_per_model_and_a_missing_one_is_named(tmp_path):
    path = save_calibration(fake_calibration("model-a"), tmp_path / "c.json")
    save_calibration(fake_calibration("model-b"), path)
    assert set(json.loads(path.read_text(encoding="utf-8"))) == {"model-a", "model-b"}
    assert load_calibration("model-a", path).model_id == "model-a"
    assert load_calibration("e5-small-q4", path).about["fit on"], "the shipped calibration of the default model"
    with pytest.raises(NotCalibrated, match="nothing-model"):
        load_calibration("nothing-model", path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["model-a"]["logistic"]["features"] = ["score", "other"]
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(NotCalibrated, match="features"):
        load_calibration("model-a", path)


def test_cli_calibrate_fits_on_pairs_and_reviews_and_reports_before_and_after(fixture_index, isolated_index_dir,
                                                                             monkeypatch, tmp_path):
    from arrimage.index.store import save_index
    from arrimage.reviews.store import ReviewStore
    from support import FakeEmbedder

    from arrimage import runtime
    from arrimage.cli import main
    from arrimage.settings import get_settings

    save_index(fixture_index, isolated_index_dir)
    monkeypatch.setattr(runtime, "make_embedder", lambda name: FakeEmbedder())
    units = {u.unit_id: u for u in fixture_index.units}
    sources = [u for u in fixture_index.units if u.level == "regional" and u.title]
    targets = [u for u in fixture_index.units if u.level == "ministerial" and u.kind in ("objectif", "mesure") and u.title]
    rows = [{"id": f"p{i}", "source_doc_id": s.doc_id, "source_quote": s.title, "target_doc_id": t.doc_id,
             "target_quote": t.title, "label": ("partial", "none")[i % 2], "hard_negative": False}
            for i, (s, t) in enumerate((s, t) for s in sources[:3] for t in targets[:4])]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    ReviewStore(get_settings().database_url).add(units[sources[0].unit_id], units[targets[0].unit_id], "confirmed")
    out = tmp_path / "calibration.json"
    result = CliRunner().invoke(main, ["align", "calibrate", "--pairs", str(pairs), "--heldout", str(pairs),
                                       "--output", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["fit"]["reviews"] == 1 and report["fit"]["pairs"] >= 2
    assert report["held-out before"] is not None and report["held-out after"]["pairs"] >= 2
    refit = load_calibration("fake-hash", out)
    assert isinstance(refit, Calibration) and "1 reviews" in refit.about["fit on"]


def test_cli_align_applies_reviews_and_exports_their_columns(fixture_index, isolated_index_dir, monkeypatch):
    from arrimage.index.store import save_index
    from arrimage.reviews.store import ReviewStore
    from support import FakeEmbedder

    from arrimage import runtime
    from arrimage.cli import main
    from arrimage.settings import get_settings

    save_index(fixture_index, isolated_index_dir)
    monkeypatch.setattr(runtime, "make_embedder", lambda name: FakeEmbedder())
    args = ["align", "--source-level", "regional", "--min-label", "none", "-k", "1", "--format", "csv"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    lines = first.output.lstrip("\ufeff").splitlines()
    header = lines[0].split(",")
    assert {"probability", "review", "reviewer", "review_note", "review_stale"} <= set(header)
    units = {u.unit_id: u for u in fixture_index.units}
    row = dict(zip(header, lines[1].split(",")))
    ReviewStore(get_settings().database_url).add(units[row["source_unit"]], units[row["target_unit"]], "rejected",
                                                 reviewer="Ana")
    import csv
    import io

    def links(output: str) -> set[tuple[str, str]]:
        return {(r["source_unit"], r["target_unit"]) for r in csv.DictReader(io.StringIO(output.lstrip("\ufeff")))}

    assert (row["source_unit"], row["target_unit"]) in links(first.output)
    assert (row["source_unit"], row["target_unit"]) not in links(CliRunner().invoke(main, args).output)
    shown = CliRunner().invoke(main, [*args, "--include-rejected"])
    assert ",rejected,Ana," in shown.output
