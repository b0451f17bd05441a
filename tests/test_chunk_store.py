"""index/chunk_store.py: a loaded index reads its chunks' and documents' texts from the version's files when they are
used, with the same chunks, hits and answers as the index built in memory; an older version without the tables
loads; damaged tables are an unavailable index."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import asdict, replace

import numpy as np
import pytest
from arrimage.align.aligner import _covering_chunks
from arrimage.answer.extractive import ExtractiveAnswerer
from arrimage.index.chunk_store import (
    CHUNK_ID_ORDER,
    CHUNK_IDS,
    CHUNK_STRINGS,
    CHUNK_TABLE,
    DOCUMENT_TABLE,
    TABLE_FILES,
    ChunkList,
    StoredChunks,
    StoredDocument,
)
from arrimage.index.search import Searcher
from arrimage.index.store import IndexUnavailable, load_index, reopened, save_index
from arrimage.ingest.models import Chunk
from support import FakeEmbedder

QUERIES = ["budget du plan numérique", "Mesure 12", "l’évaluation des programmes", "Abitibi", "transport collectif"]
QUESTIONS = ["Quel est le budget total du plan numérique ?", "Que finance la mesure 12 ?",
             "Quel pourcentage des étudiants inscrits doit obtenir son diplôme ?",
             "What is the total budget of the digital action plan?",
             "Quelles sont les orientations du plan d’action régional ?",
             "What are the measures of objective 1.1 of the digital plan?",
             "Quelles mesures du plan numérique portent sur la formation en ligne ?"]


@pytest.fixture
def saved(fixture_index, isolated_index_dir):
    return save_index(fixture_index, isolated_index_dir)


def _hits(searcher: Searcher, **filters) -> list:
    return [[(h.rank, round(h.score, 6), asdict(h.chunk), h.document) for h in searcher.search(q, k=8, mode=mode, **filters)]
            for q in QUERIES for mode in ("bm25", "dense", "hybrid")]


def test_a_loaded_index_reads_the_chunk_texts_from_its_file(fixture_index, saved, isolated_index_dir):
    loaded = load_index(isolated_index_dir)
    assert isinstance(loaded.chunks, StoredChunks) and not isinstance(loaded.chunks, tuple)
    row = len(fixture_index.chunks) // 2
    old = fixture_index.chunks[row].text
    assert loaded.chunks[row].text == old
    # The same bytes changed in place after the load: the loaded index reads what the file says now.
    path = saved / "chunks.jsonl"
    raw = path.read_bytes()
    text = json.dumps(old, ensure_ascii=False)[1:-1].encode()
    changed = text.replace(text[:1], b"#" if text[:1] != b"#" else b"@", 1)
    assert raw.count(text) == 1 and len(changed) == len(text)
    path.write_bytes(raw.replace(text, changed))
    assert loaded.chunks[row].text == json.loads(b'"' + changed + b'"') != old


def test_a_loaded_document_reads_its_text_from_its_file(fixture_index, saved, isolated_index_dir):
    loaded = load_index(isolated_index_dir)
    assert all(isinstance(d, StoredDocument) for d in loaded.documents)
    assert all("_text" in vars(d) and not isinstance(vars(d)["_text"], str) for d in loaded.documents), "no text held"
    assert loaded.documents == fixture_index.documents and fixture_index.documents == loaded.documents
    assert [d.text for d in loaded.documents] == [d.text for d in fixture_index.documents]
    assert [(d.pages, d.page_at(500)) for d in loaded.documents] == [(d.pages, d.page_at(500)) for d in fixture_index.documents]
    # dataclasses' helpers work as on a Document (they read the text)
    first = loaded.documents[0]
    assert asdict(first) == asdict(fixture_index.documents[0])
    assert replace(first, content_hash="x").text == first.text


def test_the_loaded_chunks_behave_as_the_tuple_they_replace(fixture_index, saved, isolated_index_dir):
    built, loaded = tuple(fixture_index.chunks), load_index(isolated_index_dir).chunks
    assert len(loaded) == len(built) and list(loaded) == list(built)
    assert loaded == built and built == loaded and loaded == list(built) and loaded == fixture_index.chunks
    assert loaded != built[:-1]
    assert loaded[0] == built[0] and loaded[-1] == built[-1] and loaded[-len(built)] == built[0]
    assert loaded[2:7] == built[2:7] and loaded[::5] == built[::5] and loaded[5:2] == ()
    assert isinstance(loaded[1:3], tuple)
    with pytest.raises(IndexError):
        loaded[len(built)]
    assert built[3] in loaded and replace(built[3], text="autre") not in loaded and "x" not in loaded
    assert loaded.index(built[4]) == 4
    # what is kept of every chunk, for searches, filters and citations, without reading any
    assert [loaded.doc_id_of(i) for i in range(len(built))] == [c.doc_id for c in built]
    assert loaded.counts_by_doc() == Counter(c.doc_id for c in built)
    for doc_id in {c.doc_id for c in built} | {"inconnu"}:
        assert loaded.rows_of(doc_id).tolist() == [i for i, c in enumerate(built) if c.doc_id == doc_id]
    assert loaded.char_starts.tolist() == [c.char_start for c in built]
    assert loaded.char_ends.tolist() == [c.char_end for c in built]
    assert all(loaded.row_of(c.chunk_id) == i for i, c in enumerate(built))
    assert dict(loaded.row_by_id) == {c.chunk_id: i for i, c in enumerate(built)}
    with pytest.raises(KeyError):
        loaded.row_of("0000000000000000")
    # The chunks that share a document id and a section path share the strings, as when they were read all at once.
    shared = Counter(c.section_path for c in built).most_common(1)[0][0]
    same = [c for c in loaded if c.section_path == shared]
    assert len(same) > 1 and all(c.section_path is same[0].section_path and c.doc_id is same[0].doc_id for c in same)


def test_an_index_built_in_memory_has_the_same_sequence(fixture_index):
    assert isinstance(fixture_index.chunks, ChunkList)
    as_list = replace(fixture_index, chunks=list(fixture_index.chunks))  # a tuple or list given is wrapped
    assert isinstance(as_list.chunks, ChunkList) and as_list.chunks == fixture_index.chunks


def test_searches_and_answers_are_the_same_from_the_files(fixture_index, saved, isolated_index_dir):
    built = Searcher(fixture_index, FakeEmbedder())
    loaded = Searcher(load_index(isolated_index_dir), FakeEmbedder())
    assert _hits(loaded) == _hits(built)
    doc_id = fixture_index.documents[1].meta.doc_id
    assert _hits(loaded, doc_ids=[doc_id]) == _hits(built, doc_ids=[doc_id])
    assert _hits(loaded, levels=["regional"]) == _hits(built, levels=["regional"])
    assert dict(loaded.row_of_chunk) == {c.chunk_id: i for i, c in enumerate(fixture_index.chunks)}
    before, after = ExtractiveAnswerer(built), ExtractiveAnswerer(loaded)
    for question in QUESTIONS:
        a = before.answer(question, built.search(question, k=8))
        b = after.answer(question, loaded.search(question, k=8))
        assert a == b, question
    assert any(not before.answer(q, built.search(q, k=8)).abstained for q in QUESTIONS)


def test_the_aligner_finds_the_same_passages_of_each_unit(fixture_index, saved, isolated_index_dir):
    loaded = load_index(isolated_index_dir)
    expected = []
    for u in fixture_index.units:
        starts = sorted({v.char_start for v in fixture_index.units if v.doc_id == u.doc_id and v.char_start > u.char_start})
        end = starts[0] if starts else float("inf")
        expected.append([i for i, c in enumerate(fixture_index.chunks)
                         if c.doc_id == u.doc_id and c.char_start < end and c.char_end > u.char_start])
    assert any(expected)
    assert [r.tolist() for r in _covering_chunks(fixture_index.units, loaded.chunks)] == expected
    assert [r.tolist() for r in _covering_chunks(fixture_index.units, fixture_index.chunks)] == expected


def test_the_files_keep_their_format(fixture_index, saved):
    lines = (saved / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [json.dumps({**asdict(c), "section_path": list(c.section_path)}, ensure_ascii=False)
                     for c in fixture_index.chunks]
    records = [json.loads(line) for line in (saved / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in records] == [d.text for d in fixture_index.documents]
    assert all("text" not in json.loads(line) for line in (saved / DOCUMENT_TABLE).read_text(encoding="utf-8").splitlines())


def test_an_index_written_before_the_tables_still_loads(fixture_index, saved, isolated_index_dir):
    for name in TABLE_FILES:
        (saved / name).unlink()
    loaded = load_index(isolated_index_dir)
    assert isinstance(loaded.chunks, StoredChunks)
    assert loaded.chunks == fixture_index.chunks and loaded.documents == fixture_index.documents
    assert _hits(Searcher(loaded, FakeEmbedder())) == _hits(Searcher(fixture_index, FakeEmbedder()))
    assert loaded.chunks.counts_by_doc() == Counter(c.doc_id for c in fixture_index.chunks)


def test_a_removed_version_stays_readable_by_the_process_that_loaded_it(fixture_index, saved, isolated_index_dir):
    loaded = load_index(isolated_index_dir)
    shutil.rmtree(saved)
    assert list(loaded.chunks) == list(fixture_index.chunks)
    assert [d.text for d in loaded.documents] == [d.text for d in fixture_index.documents]


def test_a_saved_index_reopened_reads_from_its_files(fixture_index, isolated_index_dir):
    directory = save_index(fixture_index, isolated_index_dir)
    data = reopened(fixture_index, directory)
    assert isinstance(data.chunks, StoredChunks) and all(isinstance(d, StoredDocument) for d in data.documents)
    assert data.chunks == fixture_index.chunks and data.documents == fixture_index.documents
    assert data.directory == directory and data.dense is fixture_index.dense


def _truncate(path):
    path.write_bytes(path.read_bytes()[:-24])


def _shift_a_line(path):
    table = np.load(path)
    table["start"][3] += 1
    np.save(path, table)


def _swap_two_ids(path):
    ids = np.load(path)
    ids[[1, 2]] = ids[[2, 1]]
    np.save(path, ids)


def _number_a_missing_document(path):
    table = np.load(path)
    table["doc"][0] = 99
    np.save(path, table)


def _shorten_the_document_spans(path):
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    lines[0]["span"][1] -= 1
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")


def _another_line_in_chunks(path):
    lines = path.read_bytes().splitlines(keepends=True)
    lines[0], lines[1] = lines[1], lines[0]  # same bytes, other order: the table's spans point into other lines
    path.write_bytes(b"".join(lines))


@pytest.mark.parametrize(("victim", "damage"), [
    (CHUNK_TABLE, _truncate), (CHUNK_TABLE, _shift_a_line), (CHUNK_TABLE, _number_a_missing_document),
    (CHUNK_IDS, _swap_two_ids), (CHUNK_ID_ORDER, _truncate), (CHUNK_STRINGS, _truncate),
    (DOCUMENT_TABLE, _shorten_the_document_spans), ("chunks.jsonl", _truncate), ("chunks.jsonl", _another_line_in_chunks),
    (CHUNK_TABLE, lambda path: path.unlink()), (DOCUMENT_TABLE, lambda path: path.unlink()),
], ids=["table-truncated", "table-span-shifted", "table-unknown-document", "ids-swapped", "id-order-truncated",
        "strings-truncated", "document-span", "chunks-truncated", "chunks-reordered", "table-missing", "document-table-missing"])
def test_damaged_tables_are_an_unavailable_index(saved, isolated_index_dir, victim, damage):
    damage(saved / victim)
    with pytest.raises(IndexUnavailable, match="damaged"):
        load_index(isolated_index_dir)


def test_a_chunk_read_that_disagrees_with_the_table_is_an_error_not_a_wrong_passage(fixture_index, saved, isolated_index_dir):
    loaded = load_index(isolated_index_dir)
    row = next(i for i, c in enumerate(fixture_index.chunks) if c.doc_id != fixture_index.chunks[0].doc_id)
    path = saved / "chunks.jsonl"
    doc_id = fixture_index.chunks[row].doc_id
    other = fixture_index.chunks[0].doc_id
    raw = path.read_bytes().splitlines(keepends=True)
    raw[row] = raw[row].replace(f'"doc_id": "{doc_id}"'.encode(), f'"doc_id": "{other[: len(doc_id)].ljust(len(doc_id), "x")}"'.encode())
    path.write_bytes(b"".join(raw))
    with pytest.raises(ValueError, match="do not match"):
        loaded.chunks[row]


def test_a_chunk_list_is_made_of_chunks():
    chunk = Chunk(chunk_id="a", doc_id="d", text="t", char_start=0, char_end=1, page_start=1, page_end=1, section_path=())
    chunks = ChunkList([chunk, replace(chunk, chunk_id="b", doc_id="e")])
    assert chunks.doc_ids == ("d", "e") and chunks.counts_by_doc() == {"d": 1, "e": 1}
    assert chunks.rows_of("e").tolist() == [1] and chunks.row_of("b") == 1
