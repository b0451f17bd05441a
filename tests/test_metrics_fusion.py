"""eval/metrics.py checked against ranx; index/fusion.py against a hand computation."""

from __future__ import annotations

import math
import random

import pytest
from arrimage.eval.metrics import mean, mrr_at, ndcg_at, recall_at
from arrimage.index.fusion import reciprocal_rank_fusion

N_QUERIES = 30


@pytest.fixture(scope="module")
def random_run():
    rng = random.Random(20240611)
    docs = [f"d{i:02d}" for i in range(40)]
    run: dict[str, list[str]] = {}
    qrels: dict[str, set[str]] = {}
    for q in range(N_QUERIES):
        qid = f"q{q:02d}"
        qrels[qid] = set(rng.sample(docs, rng.randint(1, 12)))
        run[qid] = rng.sample(docs, rng.randint(3, 25))
    # make sure a few edge cases are present: nothing relevant retrieved, everything at the top
    run["q00"] = [d for d in docs if d not in qrels["q00"]][:15]
    run["q01"] = sorted(qrels["q01"]) + [d for d in docs if d not in qrels["q01"]][:5]
    return run, qrels


def test_metrics_match_ranx(random_run):
    ranx = pytest.importorskip("ranx")
    run, qrels = random_run
    ranx_qrels = ranx.Qrels({q: {d: 1 for d in rel} for q, rel in qrels.items()})
    ranx_run = ranx.Run({q: {d: float(len(ranked) - i) for i, d in enumerate(ranked)} for q, ranked in run.items()})
    metrics = ["recall@5", "recall@10", "mrr@10", "ndcg@10"]
    expected = ranx.evaluate(ranx_qrels, ranx_run, metrics, return_mean=False)
    qids = sorted(qrels)  # ranx orders queries by id
    ours = {
        "recall@5": [recall_at(run[q], qrels[q], 5) for q in qids],
        "recall@10": [recall_at(run[q], qrels[q], 10) for q in qids],
        "mrr@10": [mrr_at(run[q], qrels[q], 10) for q in qids],
        "ndcg@10": [ndcg_at(run[q], qrels[q], 10) for q in qids],
    }
    for metric in metrics:
        assert len(expected[metric]) == N_QUERIES
        for qid, theirs, mine in zip(qids, expected[metric], ours[metric]):
            assert mine == pytest.approx(float(theirs), abs=1e-6), (metric, qid)
        assert mean(ours[metric]) == pytest.approx(float(sum(expected[metric]) / N_QUERIES), abs=1e-6)
    assert ours["recall@10"][0] == 0.0 and ours["mrr@10"][0] == 0.0
    assert ours["mrr@10"][1] == 1.0 and ours["ndcg@10"][1] == pytest.approx(1.0)


def test_hand_computed_metrics():
    ranked = ["a", "x", "b", "y"]
    relevant = {"a", "b", "c"}
    assert recall_at(ranked, relevant, 2) == pytest.approx(1 / 3)
    assert recall_at(ranked, relevant, 10) == pytest.approx(2 / 3)
    assert mrr_at(["x", "y", "b"], relevant) == pytest.approx(1 / 3)
    dcg = 1 + 1 / math.log2(4)
    idcg = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(ranked, relevant, 10) == pytest.approx(dcg / idcg)


def test_no_relevant_is_nan_and_left_out_of_the_mean():
    assert math.isnan(recall_at(["a"], set(), 5))
    assert math.isnan(mrr_at(["a"], set()))
    assert math.isnan(ndcg_at(["a"], set()))
    assert mean([1.0, math.nan, 0.0]) == 0.5
    assert math.isnan(mean([math.nan]))


def test_evidence_ranking_maps_chunks_to_gold_quotes():
    from arrimage.eval.metrics import evidence_ranking

    evidence = [{"c1", "c2"}, {"c3"}, {"c9"}]
    # c4 holds no quote (a miss); c2 brings quote 0; c1 only repeats quote 0 (a miss); c3 brings quote 1
    assert evidence_ranking(["c4", "c2", "c1", "c3"], evidence) == ["c4", "e0", "c1", "e1"]
    # one chunk holding two quotes stands for both
    assert evidence_ranking(["c7"], [{"c7"}, {"c7", "c8"}]) == ["e0", "e1"]
    assert evidence_ranking([], evidence) == []


def test_rrf_hand_computed():
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1, 4]], k=60)
    expected = {1: 1 / 61 + 1 / 62, 2: 1 / 62, 3: 1 / 63 + 1 / 61, 4: 1 / 63}
    assert [i for i, _ in fused] == [1, 3, 2, 4]
    for item, score in fused:
        assert score == pytest.approx(expected[item], abs=1e-12)


def test_rrf_default_k_is_60_and_ties_break_by_id():
    fused = reciprocal_rank_fusion([[7], [5]])
    assert fused == [(5, pytest.approx(1 / 61)), (7, pytest.approx(1 / 61))]


def test_rrf_small_k_and_empty_lists():
    assert reciprocal_rank_fusion([[2, 1], []], k=1) == [(2, pytest.approx(1 / 2)), (1, pytest.approx(1 / 3))]
    assert reciprocal_rank_fusion([]) == []
