"""index/query_cache.py: query embeddings kept in an LRU keyed by model and normalised query."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from arrimage.index.query_cache import CachedQueries, normalise_query, uncached
from arrimage.index.search import Searcher
from arrimage.index.store import save_index
from support import FakeEmbedder

from arrimage import runtime
from arrimage.settings import Settings


class TestCachedQueries:
    def test_a_repeated_query_skips_the_encoder(self):
        fake = FakeEmbedder()
        cached = CachedQueries(fake, size=8)
        first = cached.embed_query("Quelles sont les cibles de diplomation ?")
        again = cached.embed_query("Quelles sont les cibles de diplomation ?")
        assert fake.queries == ["Quelles sont les cibles de diplomation ?"]
        assert again is first and (cached.hits, cached.misses) == (1, 1)
        assert np.array_equal(first, fake.embed_query("Quelles sont les cibles de diplomation ?"))

    @pytest.mark.parametrize("variant", ["  Quelles cibles   pour 2027 ?\n", "Quelles\tcibles pour 2027 ?",
                                         unicodedata.normalize("NFD", "Quelles cibles pour 2027 ?")])
    def test_spacing_and_unicode_forms_share_one_entry(self, variant):
        fake = FakeEmbedder()
        cached = CachedQueries(fake, size=8)
        cached.embed_query("Quelles cibles pour 2027 ?")
        cached.embed_query(variant)
        assert fake.queries == ["Quelles cibles pour 2027 ?"]  # the normalised text is what is embedded

    def test_case_is_kept_the_model_is_cased(self):
        fake = FakeEmbedder()
        cached = CachedQueries(fake, size=8)
        cached.embed_query("Plan numérique")
        cached.embed_query("plan numérique")
        assert len(fake.queries) == 2

    def test_least_recently_used_goes_first(self):
        fake = FakeEmbedder()
        cached = CachedQueries(fake, size=2)
        for q in ["a1", "b2", "a1", "c3", "a1", "b2"]:  # b2 was the least recently used when c3 came
            cached.embed_query(q)
        assert fake.queries == ["a1", "b2", "c3", "b2"] and cached.entries == 2

    def test_size_zero_keeps_nothing(self):
        fake = FakeEmbedder()
        cached = CachedQueries(fake, size=0)
        cached.embed_query("budget")
        cached.embed_query("budget")
        assert len(fake.queries) == 2 and cached.entries == 0

    def test_keyed_by_model_and_passages_never_cached(self):
        fake = FakeEmbedder(model_id="modele-a")
        cached = CachedQueries(fake, size=4)
        cached.embed_query("  budget ")
        assert list(cached._vectors) == [("modele-a", "budget")]
        cached.embed_documents(["budget"])
        cached.embed_documents(["budget"])
        assert len(fake.embedded) == 2 and uncached(cached) is fake and uncached(fake) is fake

    def test_vectors_handed_out_cannot_be_changed(self):
        vector = CachedQueries(FakeEmbedder(), size=4).embed_query("budget")
        with pytest.raises(ValueError):
            vector[0] = 1.0

    def test_negative_size_is_refused(self):
        with pytest.raises(ValueError, match="negative"):
            CachedQueries(FakeEmbedder(), size=-1)


def test_the_answer_step_reuses_the_retrievals_embedding(fixture_index):
    fake = FakeEmbedder()
    searcher = Searcher(fixture_index, CachedQueries(fake, size=16))
    searcher.search("budget du plan numérique", mode="hybrid")
    searcher.query_vector("budget du plan numérique")
    assert fake.queries == ["budget du plan numérique"]


def test_the_runtime_cache_has_the_size_of_the_settings_and_outlives_an_index_swap(fixture_index, isolated_index_dir,
                                                                                  monkeypatch):
    fake = FakeEmbedder()
    monkeypatch.setattr(runtime, "make_embedder", lambda name: fake)
    save_index(fixture_index, isolated_index_dir)
    live = runtime.Runtime(Settings(index_dir=isolated_index_dir, query_cache_size=3))
    live.load()
    before = live.searcher()
    assert isinstance(before.embedder, CachedQueries) and before.embedder.size == 3
    before.search("budget du plan numérique")
    save_index(fixture_index, isolated_index_dir)  # another process writes a new version
    after = live.searcher()
    assert after is not before
    after.search("budget du plan numérique")
    assert fake.queries == ["budget du plan numérique"]


def test_normalised_form():
    assert normalise_query("  Cibles\u00a0 de\n2027 ") == "Cibles de 2027"
    assert normalise_query(unicodedata.normalize("NFD", "réussite")) == "réussite"
