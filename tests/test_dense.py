"""index/dense.py: exact and HNSW search, with and without a filter."""

from __future__ import annotations

import numpy as np
import pytest
from arrimage.index import dense
from arrimage.index.dense import DenseIndex


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    rng = np.random.default_rng(7)
    v = rng.normal(size=(5000, 64)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def queries() -> np.ndarray:
    rng = np.random.default_rng(8)
    q = rng.normal(size=(40, 64)).astype(np.float32)
    return q / np.linalg.norm(q, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def allowed() -> np.ndarray:
    return np.sort(np.random.default_rng(9).choice(5000, 200, replace=False))


@pytest.fixture(scope="module")
def hnsw(vectors) -> DenseIndex:
    return DenseIndex.build(vectors, "hnsw")


def test_flat_search_is_exact(vectors, queries):
    index = DenseIndex.build(vectors, "flat")
    for q in queries[:10]:
        ids, scores = index.search(q, 5)
        expected = np.argsort(-(vectors @ q))[:5]
        assert ids.tolist() == expected.tolist()
        assert np.allclose(scores, (vectors @ q)[expected], atol=1e-5)


def test_flat_filtered_search_is_exact(vectors, queries, allowed):
    index = DenseIndex.build(vectors, "flat")
    for q in queries[:10]:
        ids, _ = index.search(q, 5, allowed)
        sims = vectors[allowed] @ q
        assert ids.tolist() == allowed[np.argsort(-sims)[:5]].tolist()


def test_k_is_capped_by_the_index_and_the_filter(vectors, queries):
    index = DenseIndex.build(vectors[:4], "flat")
    assert len(index.search(queries[0], 10)[0]) == 4
    assert len(index.search(queries[0], 10, np.array([1, 3]))[0]) == 2
    assert len(index.search(queries[0], 10, np.array([], dtype=np.int64))[0]) == 0


def _recall(index: DenseIndex, vectors, queries, allowed=None) -> float:
    found = total = 0
    pool = np.arange(len(vectors)) if allowed is None else allowed
    for q in queries:
        truth = set(pool[np.argsort(-(vectors[pool] @ q))[:10]].tolist())
        ids, _ = index.search(q, 10, allowed)
        found += len(truth & set(ids.tolist()))
        total += 10
    return found / total


def test_hnsw_unfiltered_recall(hnsw, vectors, queries):
    assert _recall(hnsw, vectors, queries) >= 0.9


def test_hnsw_filtered_recall(hnsw, vectors, queries, allowed):
    assert _recall(hnsw, vectors, queries, allowed) >= 0.9


def test_hnsw_filtered_results_respect_the_filter(hnsw, queries, allowed):
    for q in queries[:10]:
        ids, _ = hnsw.search(q, 10, allowed)
        assert set(ids.tolist()) <= set(allowed.tolist())


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_large_filters_go_through_the_index_with_a_bitmap(kind, vectors, queries, allowed, monkeypatch):
    """Filters over more chunks than `_EXACT_BELOW` are a FAISS selector, not a scan of the allowed vectors."""
    index = DenseIndex.build(vectors, kind)
    monkeypatch.setattr(dense, "_EXACT_BELOW", 0)
    monkeypatch.setattr(index, "_exact", None)  # would fail if called
    for q in queries[:10]:
        ids, _ = index.search(q, 10, allowed)
        assert set(ids.tolist()) <= set(allowed.tolist())
    assert _recall(index, vectors, queries, allowed) >= 0.9


def test_small_filters_are_searched_exactly_even_with_hnsw(hnsw, vectors, queries, allowed):
    for q in queries[:10]:
        ids, scores = hnsw.search(q, 5, allowed)
        sims = vectors[allowed] @ q
        assert ids.tolist() == allowed[np.argsort(-sims)[:5]].tolist()
        assert np.allclose(scores, np.sort(sims)[::-1][:5], atol=1e-5)
