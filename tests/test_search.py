"""index/search.py: the three modes, filters, errors, apostrophes; each test on both backends (local, Qdrant)."""

from __future__ import annotations

import pytest
from arrimage.index.search import MODES, SearchError

DOC_LEVELS = {"plan-numerique": "ministerial", "pole-regional": "regional", "inrs-formation": "institutional"}


@pytest.fixture(params=["local", "qdrant"])
def searcher(request, searchers):
    return searchers[request.param]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("k", [1, 3, 5])
def test_at_most_k_hits_ranked_from_1(searcher, mode, k):
    hits = searcher.search("formation des enseignants au numérique", k=k, mode=mode)
    assert 1 <= len(hits) <= k
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len({h.chunk.chunk_id for h in hits}) == len(hits)
    for h in hits:
        assert h.document.doc_id == h.chunk.doc_id


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_k_larger_than_the_index_returns_every_chunk_once(searcher, mode):
    n = len(searcher.data.chunks)
    hits = searcher.search("plan", k=100, mode=mode)
    assert len(hits) == n
    assert [h.rank for h in hits] == list(range(1, n + 1))


def test_bm25_finds_the_passage_that_has_the_words(searcher):
    top = searcher.search("budget investissements 963 M$", k=3, mode="bm25")[0]
    assert top.chunk.doc_id == "plan-numerique"
    assert "963 M$" in top.chunk.text


def test_bm25_finds_measure_12(searcher):
    top = searcher.search("Mesure 12", k=3, mode="bm25")[0]
    assert "MESURE 12" in top.chunk.text


def test_bm25_returns_only_matching_chunks(searcher):
    hits = searcher.search("Abitibi-Témiscamingue", k=10, mode="bm25")
    assert hits
    assert all("Abitibi" in h.chunk.text or "Abitibi" in h.document.title for h in hits)


def test_dense_search_with_the_fake_embedder_finds_a_near_duplicate(searcher):
    target = next(c for c in searcher.data.chunks if "transport collectif" in c.text)
    hits = searcher.search(target.text, k=1, mode="dense")
    assert hits[0].chunk.chunk_id == target.chunk_id


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("doc_id", sorted(DOC_LEVELS))
def test_doc_id_filter(searcher, mode, doc_id):
    hits = searcher.search("formation des étudiants et budget", k=10, mode=mode, doc_ids=[doc_id])
    assert hits
    assert {h.chunk.doc_id for h in hits} == {doc_id}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("level", sorted(set(DOC_LEVELS.values())))
def test_level_filter(searcher, mode, level):
    hits = searcher.search("formation des étudiants et budget", k=10, mode=mode, levels=[level])
    assert hits
    assert {h.document.level for h in hits} == {level}
    assert {h.chunk.doc_id for h in hits} == {d for d, lv in DOC_LEVELS.items() if lv == level}


@pytest.mark.parametrize("mode", MODES)
def test_doc_and_level_filters_combine(searcher, mode):
    hits = searcher.search("formation", k=10, mode=mode, doc_ids=["plan-numerique", "pole-regional"], levels=["regional"])
    assert hits and {h.chunk.doc_id for h in hits} == {"pole-regional"}
    none = searcher.search("formation", k=10, mode=mode, doc_ids=["plan-numerique"], levels=["regional"])
    assert none == []


@pytest.mark.parametrize("mode", MODES)
def test_unknown_doc_id_is_an_error(searcher, mode):
    with pytest.raises(SearchError, match="inexistant"):
        searcher.search("formation", mode=mode, doc_ids=["inexistant"])


@pytest.mark.parametrize("mode", MODES)
def test_unknown_level_is_an_error(searcher, mode):
    with pytest.raises(SearchError, match="provincial"):
        searcher.search("formation", mode=mode, levels=["provincial"])


def test_unknown_mode_is_an_error(searcher):
    with pytest.raises(SearchError, match="semantic"):
        searcher.search("formation", mode="semantic")


def test_stopword_only_query_has_no_bm25_hits(searcher):
    assert searcher.search("le la les des du et", k=5, mode="bm25") == []
    # the other modes still answer (the dense side has something to say)
    assert len(searcher.search("le la les des du et", k=5, mode="hybrid")) == 5


def test_unknown_words_have_no_bm25_hits(searcher):
    assert searcher.search("xylophone zeppelin", k=5, mode="bm25") == []


@pytest.mark.parametrize("query", ["l’évaluation des programmes", "main-d’œuvre qu’il faut", "aujourd’hui l’INRS"])
def test_typographic_and_straight_apostrophes_give_the_same_bm25_results(searcher, query):
    curly = searcher.search(query, k=5, mode="bm25")
    straight = searcher.search(query.replace("’", "'"), k=5, mode="bm25")
    assert [(h.chunk.chunk_id, h.score) for h in curly] == [(h.chunk.chunk_id, h.score) for h in straight]


def test_apostrophe_query_finds_the_evaluation_passage(searcher):
    hits = searcher.search("l'évaluation des programmes", k=1, mode="bm25")
    assert hits and "L’évaluation des programmes" in hits[0].chunk.text


def test_hybrid_is_the_rank_fusion_of_bm25_and_dense(searcher):
    query = "budget du plan numérique"
    n = len(searcher.data.chunks)
    bm25 = [h.chunk.chunk_id for h in searcher.search(query, k=50, mode="bm25")]
    dense = [h.chunk.chunk_id for h in searcher.search(query, k=50, mode="dense")]
    assert bm25 and len(dense) == n
    expected: dict[str, float] = {}
    for ranking in (bm25, dense):
        for rank, cid in enumerate(ranking, start=1):
            expected[cid] = expected.get(cid, 0.0) + 1 / (60 + rank)
    hybrid = searcher.search(query, k=5, mode="hybrid")
    assert [h.score for h in hybrid] == pytest.approx(sorted(expected.values(), reverse=True)[:5])
    for h in hybrid:
        assert h.score == pytest.approx(expected[h.chunk.chunk_id])
