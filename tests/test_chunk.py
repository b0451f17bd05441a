"""ingest/chunk.py: offsets, determinism, size limit, overlap, sections, pages — on fixtures and the real PDFs."""

from __future__ import annotations

import pytest
from arrimage.ingest.chunk import ChunkSpec, chunk_document, line_sentences
from arrimage.ingest.models import Chunk, Document
from arrimage.ingest.pipeline import discover, ingest_files
from support import REAL_PDF_DIR, make_document

NUMBERS = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"]
SENTENCES = [f"La mesure numéro {n} soutient les établissements dans leurs projets." for n in NUMBERS]
O1 = "ORIENTATION 1 SOUTENIR LES ÉTABLISSEMENTS"
O2 = "ORIENTATION 2 FINANCER LES PROJETS"
SPEC = ChunkSpec(max_chars=300, overlap_chars=100, min_chars=60)


@pytest.fixture
def two_page_doc() -> Document:
    return make_document(
        [
            f"{O1}\n" + " ".join(SENTENCES[:6]),
            " ".join(SENTENCES[6:]) + f"\n{O2}\n" + "Le financement est accordé chaque année par le ministère. " * 3,
        ],
        doc_id="deux-pages",
    )


def top_level_starts(doc: Document) -> list[int]:
    return sorted({s.char_start for s in doc.sections if len(s.path) == 1})


def assert_offsets(doc: Document, chunks: list[Chunk]) -> None:
    for c in chunks:
        assert doc.text[c.char_start : c.char_end] == c.text, c.chunk_id
        assert c.text == c.text.strip() and c.text


def assert_pages(doc: Document, chunks: list[Chunk]) -> None:
    for c in chunks:
        assert 1 <= c.page_start <= c.page_end <= doc.pages, (c.chunk_id, c.page_start, c.page_end, doc.pages)


def spanning_chunks(doc: Document, chunks: list[Chunk]) -> list[tuple[Chunk, int]]:
    """Chunks with a top-level heading starting strictly inside them."""
    starts = top_level_starts(doc)
    return [(c, s) for c in chunks for s in starts if c.char_start < s < c.char_end]


def same_section_pairs(chunks: list[Chunk]) -> list[tuple[Chunk, Chunk]]:
    return [(a, b) for a, b in zip(chunks, chunks[1:]) if a.doc_id == b.doc_id and a.section_path == b.section_path]


# --- fixture documents ----------------------------------------------------------------------------


def test_chunk_text_is_the_document_slice(two_page_doc):
    chunks = chunk_document(two_page_doc, SPEC)
    assert len(chunks) >= 3
    assert_offsets(two_page_doc, chunks)


def test_every_sentence_is_in_some_chunk(two_page_doc):
    chunks = chunk_document(two_page_doc, SPEC)
    for sentence in SENTENCES:
        assert any(sentence in c.text for c in chunks), sentence


def test_chunk_ids_are_deterministic(two_page_doc):
    first = [(c.chunk_id, c.char_start, c.char_end) for c in chunk_document(two_page_doc, SPEC)]
    again = [(c.chunk_id, c.char_start, c.char_end) for c in chunk_document(two_page_doc, SPEC)]
    assert first == again
    assert len({cid for cid, _, _ in first}) == len(first)


def test_chunk_ids_are_deterministic_across_ingest_runs(fixture_corpus_dir, fixture_spec):
    runs = [ingest_files(discover([fixture_corpus_dir]), spec=fixture_spec) for _ in range(2)]
    assert [c.chunk_id for c in runs[0].chunks] == [c.chunk_id for c in runs[1].chunks]


def test_chunk_ids_depend_on_the_document(two_page_doc):
    other = make_document([two_page_doc.text], doc_id="autre-document")
    ids_a = {c.chunk_id for c in chunk_document(two_page_doc, SPEC)}
    ids_b = {c.chunk_id for c in chunk_document(other, SPEC)}
    assert not ids_a & ids_b


def test_no_chunk_longer_than_max_chars(two_page_doc):
    chunks = chunk_document(two_page_doc, SPEC)
    assert max(len(c.text) for c in chunks) <= SPEC.max_chars


def test_an_over_long_sentence_is_split_within_max_chars():
    words = [f"mot{i:03d}" for i in range(200)]  # one 1399-character sentence, no punctuation
    sentence = " ".join(words)
    doc = make_document([sentence], doc_id="long")
    chunks = chunk_document(doc, SPEC)
    assert len(chunks) >= 5
    assert all(len(c.text) <= SPEC.max_chars for c in chunks)
    assert_offsets(doc, chunks)
    covered = " ".join(c.text for c in chunks).split()
    assert set(covered) == set(words)  # nothing lost
    assert not any(w not in words for w in covered)  # cut at spaces, never inside a word


def test_short_tail_is_not_merged_beyond_max_chars():
    long_sentence = "Les établissements " + "collaborent étroitement " * 10 + "avec leurs partenaires régionaux."
    assert 250 < len(long_sentence) <= SPEC.max_chars
    doc = make_document([f"{long_sentence} La cible est atteinte."], doc_id="queue")
    chunks = chunk_document(doc, SPEC)
    assert max(len(c.text) for c in chunks) <= SPEC.max_chars, [len(c.text) for c in chunks]


def test_consecutive_chunks_of_a_section_overlap(two_page_doc):
    chunks = chunk_document(two_page_doc, SPEC)
    pairs = same_section_pairs(chunks)
    assert len(pairs) >= 2
    for a, b in pairs:
        assert b.char_start < a.char_end, "no overlap"
        assert a.char_start < b.char_start, "the next chunk must move forward"
        overlap = two_page_doc.text[b.char_start : a.char_end]
        # the overlap is made of whole sentences of the previous chunk
        assert overlap.startswith("La mesure numéro") and overlap.endswith("projets."), overlap


def test_chunks_follow_sections(two_page_doc):
    chunks = chunk_document(two_page_doc, SPEC)
    o2_start = two_page_doc.text.index(O2)
    for c in chunks:
        if c.char_start >= o2_start:
            assert c.section_path == (O2,)
        else:
            assert c.section_path == (O1,)
    assert not spanning_chunks(two_page_doc, chunks)


def test_a_short_top_level_section_is_not_merged_into_the_next_one():
    doc = make_document(
        [f"{O1}\nUn seul paragraphe.\n{O2}\n" + "Le financement est accordé chaque année par le ministère. " * 4],
        doc_id="court",
    )
    chunks = chunk_document(doc, SPEC)
    assert not spanning_chunks(doc, chunks), [(c.section_path, c.text[:60]) for c, _ in spanning_chunks(doc, chunks)]


def test_page_numbers(two_page_doc):
    chunks = chunk_document(two_page_doc, SPEC)
    assert_pages(two_page_doc, chunks)
    for c in chunks:
        if "numéro un " in c.text:
            assert c.page_start == 1
        if "numéro douze" in c.text or "financement" in c.text:
            assert c.page_end == 2
    assert any(c.page_start == 1 and c.page_end == 2 for c in chunks)  # a chunk across the page break


def test_empty_document_gives_no_chunk():
    doc = make_document(["   "], doc_id="vide")
    assert chunk_document(doc, SPEC) == []


# --- the five real PDFs (no model involved: fast) ---------------------------------------------------


def _by_doc(corpus):
    docs = {d.meta.doc_id: d for d in corpus.documents}
    chunks: dict[str, list[Chunk]] = {d: [] for d in docs}
    for c in corpus.chunks:
        chunks[c.doc_id].append(c)
    return docs, chunks


def test_real_corpus_has_the_five_catalog_documents(real_corpus):
    assert sorted(d.meta.doc_id for d in real_corpus.documents) == sorted(
        p.stem for p in REAL_PDF_DIR.glob("*.pdf")
    )
    levels = {d.meta.doc_id: d.meta.level for d in real_corpus.documents}
    assert levels["mees-plan-action-numerique-2018-2023"] == "ministerial"
    assert levels["pole-quebec-plan-action-2025-2026"] == "regional"
    assert levels["inm-plan-strategique-2011-2016"] == "institutional"


def test_real_corpus_chunk_text_is_the_document_slice(real_corpus):
    docs, chunks = _by_doc(real_corpus)
    for doc_id, doc in docs.items():
        assert chunks[doc_id], doc_id
        assert_offsets(doc, chunks[doc_id])


def test_real_corpus_pages(real_corpus):
    docs, chunks = _by_doc(real_corpus)
    for doc_id, doc in docs.items():
        assert_pages(doc, chunks[doc_id])
    assert docs["mees-plan-action-numerique-2018-2023"].pages > 10


def test_real_corpus_chunk_ids_are_deterministic_and_unique(real_corpus):
    assert len({c.chunk_id for c in real_corpus.chunks}) == len(real_corpus.chunks)
    again = [c.chunk_id for d in real_corpus.documents for c in chunk_document(d)]
    assert sorted(again) == sorted(c.chunk_id for c in real_corpus.chunks)


def test_real_corpus_consecutive_chunks_mostly_overlap(real_corpus):
    pairs = same_section_pairs(real_corpus.chunks)
    assert len(pairs) > 100
    overlapping = sum(1 for a, b in pairs if b.char_start < a.char_end)
    assert overlapping / len(pairs) >= 0.8, f"{overlapping}/{len(pairs)}"


def test_real_corpus_no_chunk_longer_than_max_chars(real_corpus):
    too_long = [(c.doc_id, len(c.text)) for c in real_corpus.chunks if len(c.text) > ChunkSpec().max_chars]
    assert too_long == []


def test_real_corpus_no_chunk_spans_two_top_level_sections(real_corpus):
    docs, chunks = _by_doc(real_corpus)
    bad = [
        (doc_id, c.char_start, c.char_end, start)
        for doc_id, doc in docs.items()
        for c, start in spanning_chunks(doc, chunks[doc_id])
    ]
    assert bad == []


def test_real_corpus_text_has_no_control_characters(real_corpus):
    found = {
        d.meta.doc_id: sorted({hex(ord(ch)) for ch in d.text if ch != "\n" and (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0)})
        for d in real_corpus.documents
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_real_corpus_chunks_keep_one_top_level_path_within_their_section(real_corpus):
    """A chunk's path is the path of the section its start lies in (or of a heading-only section merged after it)."""
    docs, chunks = _by_doc(real_corpus)
    for doc_id, doc in docs.items():
        paths = {s.path for s in doc.sections} | {()}
        for c in chunks[doc_id]:
            assert c.section_path in paths, (doc_id, c.section_path)


def test_line_sentences_cut_lines_into_sentences_and_keep_a_table_row_whole():
    text = ("Le plan compte trois axes. Chacun a ses cibles.\n"
            "| Réduire les GES | 37,5 % d'ici 2030 (71 400 t éq. CO2) | Ville |\n"
            "Cible : 40 cours en 2028")
    spans = line_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Le plan compte trois axes.", "Chacun a ses cibles.",
        "| Réduire les GES | 37,5 % d'ici 2030 (71 400 t éq. CO2) | Ville |", "Cible : 40 cours en 2028"]
