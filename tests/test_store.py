"""index/store.py: build, save, load, model checks, crash safety, embedding cache."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace

import numpy as np
import pytest
from arrimage.index.dense import DenseIndex
from arrimage.index.search import Searcher
from arrimage.index.store import (
    IndexUnavailable,
    build_index,
    corpus_hash,
    earlier_vectors,
    embedding_cache,
    load_index,
    read_manifest,
    save_index,
)
from arrimage.ingest.pipeline import discover, ingest_files
from support import FakeEmbedder, write_fixture_corpus


@pytest.fixture
def built(fixture_ingest, fake_embedder):
    return build_index(fixture_ingest.documents, fixture_ingest.chunks, fixture_ingest.units, fake_embedder, contextual=True)


def test_build_embeds_every_chunk_once(fixture_ingest, fake_embedder, built):
    assert fake_embedder.texts_embedded == len(fixture_ingest.chunks) + len(built.units)
    assert built.units, "the fixture plans have units (orientations, axes, objectifs, mesures)"
    assert built.unit_vectors.shape == (len(built.units), 256)
    assert built.vectors.shape == (len(fixture_ingest.chunks), 256)
    assert built.vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(built.vectors, axis=1), 1.0, atol=1e-5)


def test_contextual_text_holds_title_and_section(fixture_ingest, fake_embedder, built):
    titles = {d.meta.title for d in fixture_ingest.documents}
    chunk_texts = fake_embedder.embedded[: len(built.chunks)]
    assert all(any(text.startswith(t) for t in titles) for text in chunk_texts)
    assert any("ORIENTATION 2 EXPLOITER" in text for text in fake_embedder.embedded)


def test_manifest_counts(fixture_ingest, built):
    m = built.manifest
    assert (m.document_count, m.chunk_count) == (3, len(fixture_ingest.chunks))
    assert (m.model_id, m.dimension, m.dense_kind, m.contextual) == ("fake-hash", 256, "flat", True)


def test_save_and_load_round_trip(fixture_ingest, built, isolated_index_dir):
    directory = save_index(built, isolated_index_dir)
    assert directory.is_dir()
    assert (isolated_index_dir / "current").resolve() == directory.resolve()
    loaded = load_index(isolated_index_dir, FakeEmbedder())
    assert loaded.manifest == built.manifest
    assert loaded.chunks == built.chunks
    assert loaded.documents == built.documents
    assert np.array_equal(loaded.vectors, built.vectors)
    assert loaded.manifest.chunk_count == len(loaded.chunks) == len(fixture_ingest.chunks)
    assert loaded.manifest.document_count == len(loaded.documents) == 3


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_loaded_index_maps_its_files_read_only(fixture_ingest, kind, isolated_index_dir):
    """Workers share one copy of a version: the arrays and the FAISS vectors are mapped, not read into each process."""
    data = build_index(fixture_ingest.documents, fixture_ingest.chunks, fixture_ingest.units, FakeEmbedder(), contextual=True,
                       dense_kind=kind)
    directory = save_index(data, isolated_index_dir).resolve()
    loaded = load_index(isolated_index_dir)
    for array in (loaded.vectors, loaded.unit_vectors, loaded.unit_query_vectors):
        assert isinstance(array, np.memmap) and not array.flags.writeable
    mapped = {line.split()[-1] for line in open("/proc/self/maps", encoding="utf-8") if len(line.split()) >= 6}
    assert str(directory / "dense.faiss") in mapped
    assert str(directory / "bm25" / "data.csc.index.npy") in mapped
    searcher = Searcher(loaded, FakeEmbedder())
    assert [h.chunk.chunk_id for h in searcher.search("budget du plan numérique", k=3)] == \
        [h.chunk.chunk_id for h in Searcher(data, FakeEmbedder()).search("budget du plan numérique", k=3)]


def test_no_pickle_on_disk(built, isolated_index_dir):
    directory = save_index(built, isolated_index_dir)
    names = {p.suffix for p in directory.rglob("*") if p.is_file()}
    assert ".pkl" not in names and ".pickle" not in names
    np.load(directory / "vectors.npy", allow_pickle=False)
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["chunk_count"] == len(built.chunks)


def test_loaded_index_searches_like_the_built_one(built, isolated_index_dir):
    save_index(built, isolated_index_dir)
    loaded = load_index(isolated_index_dir)
    before, after = Searcher(built, FakeEmbedder()), Searcher(loaded, FakeEmbedder())
    for query in ["budget du plan numérique", "Mesure 12", "l’évaluation des programmes", "Abitibi"]:
        for mode in ("bm25", "dense", "hybrid"):
            a = [(h.chunk.chunk_id, round(h.score, 6)) for h in before.search(query, k=5, mode=mode)]
            b = [(h.chunk.chunk_id, round(h.score, 6)) for h in after.search(query, k=5, mode=mode)]
            assert a == b, (query, mode)
            assert a, (query, mode)


def test_no_index_is_unavailable(isolated_index_dir):
    with pytest.raises(IndexUnavailable, match="no index"):
        load_index(isolated_index_dir)


@pytest.mark.parametrize(
    "other", [FakeEmbedder(model_id="autre-modele"), FakeEmbedder(model_id="fake-hash", dimension=128)], ids=["model", "dim"]
)
def test_loading_with_another_model_is_refused(built, isolated_index_dir, other):
    save_index(built, isolated_index_dir)
    with pytest.raises(IndexUnavailable) as info:
        load_index(isolated_index_dir, other)
    message = str(info.value)
    assert "fake-hash" in message and other.model_id in message
    assert "256" in message and str(other.dimension) in message


def test_other_schema_version_is_refused(built, isolated_index_dir):
    directory = save_index(built, isolated_index_dir)
    path = directory / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["schema_version"] = 999
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="schema version 999"):
        read_manifest(isolated_index_dir)


def test_inconsistent_vectors_are_refused(built, isolated_index_dir):
    directory = save_index(built, isolated_index_dir)
    np.save(directory / "vectors.npy", built.vectors[:-1], allow_pickle=False)
    with pytest.raises(IndexUnavailable, match="inconsistent"):
        load_index(isolated_index_dir)


def test_crash_during_save_leaves_the_previous_index(fixture_ingest, built, isolated_index_dir, monkeypatch):
    first_dir = save_index(built, isolated_index_dir)
    link_before = os.readlink(isolated_index_dir / "current")
    first = fixture_ingest.documents[0].meta.doc_id
    smaller = build_index(fixture_ingest.documents[:1], [c for c in fixture_ingest.chunks if c.doc_id == first],
                          [u for u in fixture_ingest.units if u.doc_id == first], FakeEmbedder(), contextual=True)

    def boom(self, path):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DenseIndex, "save", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        save_index(smaller, isolated_index_dir)
    assert os.readlink(isolated_index_dir / "current") == link_before
    assert first_dir.is_dir()
    loaded = load_index(isolated_index_dir, FakeEmbedder())
    assert loaded.manifest == built.manifest
    assert loaded.chunks == built.chunks
    assert np.array_equal(loaded.vectors, built.vectors)

    monkeypatch.undo()
    monkeypatch.setenv("ARRIMAGE_INDEX_DIR", str(isolated_index_dir))
    save_index(smaller, isolated_index_dir)  # the next good save replaces it and removes the leftovers
    assert load_index(isolated_index_dir).manifest.document_count == 1
    # The version before stays (a process may still be loading it); the partial one is gone.
    assert sorted(p.name for p in (isolated_index_dir / "versions").iterdir()) == [first_dir.name, os.readlink(
        isolated_index_dir / "current").split("/")[-1]]


def test_embedding_cache_unchanged_corpus_embeds_nothing(fixture_ingest, built, isolated_index_dir):
    save_index(built, isolated_index_dir)
    cache = embedding_cache(load_index(isolated_index_dir))
    assert 0 < len(cache) <= len(fixture_ingest.chunks) + 2 * len(built.units)
    counting = FakeEmbedder()
    rebuilt = build_index(fixture_ingest.documents, fixture_ingest.chunks, fixture_ingest.units, counting, contextual=True, cache=cache)
    assert counting.texts_embedded == 0
    assert np.array_equal(rebuilt.vectors, built.vectors)


def test_embedding_cache_only_changed_document_is_embedded(tmp_path, fixture_spec, isolated_index_dir):
    corpus = write_fixture_corpus(tmp_path / "corpus")
    first = ingest_files(discover([corpus]), spec=fixture_spec)
    save_index(build_index(first.documents, first.chunks, first.units, FakeEmbedder(), contextual=True), isolated_index_dir)

    changed = corpus / "pole-regional.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace(
            "Une table de concertation réunit les employeurs",
            "Un comité régional de la main-d’œuvre réunit les employeurs",
        ),
        encoding="utf-8",
    )
    second = ingest_files(discover([corpus]), spec=fixture_spec)
    old_texts = {c.text for c in first.chunks}
    new_regional = [c for c in second.chunks if c.doc_id == "pole-regional" and c.text not in old_texts]
    assert new_regional, "the edit must change at least one chunk"
    assert len(new_regional) < len(second.chunks)

    counting = FakeEmbedder()
    data = build_index(second.documents, second.chunks, second.units, counting, contextual=True,
                       cache=embedding_cache(load_index(isolated_index_dir)))
    assert counting.texts_embedded >= len(new_regional)
    assert all("comité régional de la main-d’œuvre" in t for t in counting.embedded), "only texts that changed are embedded"
    # the reused vectors are the vectors of the same texts
    fresh = build_index(second.documents, second.chunks, second.units, FakeEmbedder(), contextual=True)
    assert np.allclose(data.vectors, fresh.vectors, atol=1e-6)


def test_embedding_cache_of_another_dimension_is_ignored(built):
    cache = embedding_cache(built)
    other = FakeEmbedder(dimension=128)
    data = build_index(list(built.documents), list(built.chunks), list(built.units), other, contextual=True, cache=cache)
    assert other.texts_embedded == len(built.chunks) + len(built.units)
    assert data.vectors.shape == (len(built.chunks), 128)


def test_hnsw_index_round_trip(fixture_ingest, isolated_index_dir):
    data = build_index(fixture_ingest.documents, fixture_ingest.chunks, fixture_ingest.units, FakeEmbedder(), contextual=True, dense_kind="hnsw")
    save_index(data, isolated_index_dir)
    loaded = load_index(isolated_index_dir)
    assert loaded.dense.kind == "hnsw"
    query = FakeEmbedder().embed_query("budget du plan numérique")
    assert loaded.dense.search(query, 3)[0].tolist() == data.dense.search(query, 3)[0].tolist()


def test_unknown_dense_kind_is_refused(fixture_ingest):
    with pytest.raises(ValueError, match="unknown dense index kind"):
        build_index(fixture_ingest.documents, fixture_ingest.chunks, fixture_ingest.units, FakeEmbedder(), contextual=True, dense_kind="ivf")


def test_index_directory_can_be_moved(built, isolated_index_dir, tmp_path):
    save_index(built, isolated_index_dir)
    moved = tmp_path / "moved"
    shutil.copytree(isolated_index_dir, moved, symlinks=True)
    shutil.rmtree(isolated_index_dir)
    assert load_index(moved).manifest == built.manifest  # the current link is relative


@pytest.mark.parametrize("victim", ["dense.faiss", "bm25", "chunks.jsonl"])
def test_damaged_index_is_unavailable(built, isolated_index_dir, victim):
    directory = save_index(built, isolated_index_dir)
    target = directory / victim
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    with pytest.raises(IndexUnavailable):
        load_index(isolated_index_dir)


def test_the_corpus_hash_changes_when_the_ingest_reads_the_same_files_otherwise(fixture_ingest):
    # A new plan grammar gives a unit other fields from unchanged files: "ingest --if-stale" must rebuild.
    docs, chunks, units = fixture_ingest.documents, fixture_ingest.chunks, fixture_ingest.units
    before = corpus_hash(docs, chunks, units, "model", True)
    assert corpus_hash(docs, chunks, units, "model", True) == before
    changed = [replace(units[0], fields=(("echeance", "2027"),)), *units[1:]]
    assert corpus_hash(docs, chunks, changed, "model", True) != before
    assert corpus_hash(docs, chunks[1:], units, "model", True) != before


def test_an_index_of_an_earlier_schema_version_gives_its_vectors_so_that_a_rebuild_embeds_nothing_again(
        fixture_ingest, built, isolated_index_dir):
    """A new version of the index's layout embeds nothing again that the old version had: its chunk and unit vectors
    are read from its files, though the index itself cannot be loaded."""
    directory = save_index(built, isolated_index_dir)
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] -= 1
    del manifest["unit_count"]  # an earlier layout: other fields
    (directory / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexUnavailable):
        load_index(isolated_index_dir)
    counting = FakeEmbedder()
    cache = earlier_vectors(isolated_index_dir, counting)
    rebuilt = build_index(fixture_ingest.documents, fixture_ingest.chunks, fixture_ingest.units, counting, contextual=True,
                          cache=cache)
    assert counting.texts_embedded == 0
    assert np.array_equal(rebuilt.vectors, built.vectors) and np.array_equal(rebuilt.unit_vectors, built.unit_vectors)
    assert earlier_vectors(isolated_index_dir, FakeEmbedder(dimension=128)) == {}, "another model's vectors are not used"
    assert earlier_vectors(isolated_index_dir / "nowhere", counting) == {}
