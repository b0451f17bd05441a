"""The folder of added plans: what it refuses, and how a failed replacement is undone."""

from __future__ import annotations

import json

import pytest
from arrimage.ingest.library import AlreadyThere, Library, UnsupportedContent, meta_for

TEXT = "Plan stratégique 2025-2030\nObjectif 1 : Réussir\n".encode()
PDF = b"%PDF-1.7\n% a replacement\n"


def _catalog(library: Library) -> list[dict]:
    return json.loads(library.catalog_path.read_text(encoding="utf-8"))


def test_refuses_an_id_of_the_configured_corpus_even_with_replace(tmp_path):
    library = Library(tmp_path)
    with pytest.raises(AlreadyThere, match="configured corpus"):
        library.add(TEXT, "plan.txt", meta_for("plan.txt", None, None, None, None, "corpus-plan"), {"corpus-plan"}, True)
    assert list(tmp_path.iterdir()) == []


def test_refuses_an_added_id_without_replace_and_content_that_is_no_plan(tmp_path):
    library = Library(tmp_path)
    meta = meta_for("mon-plan.txt", None, None, None, None, None)
    library.add(TEXT, "mon-plan.txt", meta, set(), False)
    with pytest.raises(AlreadyThere, match="replace"):
        library.add(TEXT, "mon-plan.txt", meta, set(), False)
    with pytest.raises(UnsupportedContent):
        library.add(b"\x00\x01binary", "mon-plan.pdf", meta, set(), True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.json", "mon-plan.txt"]


def test_undo_puts_back_the_plan_a_replacement_took_the_place_of(tmp_path):
    library = Library(tmp_path)
    first = meta_for("mon-plan.txt", "Premier titre", None, None, None, None)
    path, previous = library.add(TEXT, "mon-plan.txt", first, set(), False)
    assert previous is None and path.read_bytes() == TEXT
    before = _catalog(library)

    second = meta_for("mon-plan.pdf", "Second titre", None, None, None, None)
    path, previous = library.add(PDF, "mon-plan.pdf", second, {"mon-plan"}, True)
    assert path.name == "mon-plan.pdf" and not (tmp_path / "mon-plan.txt").exists()
    assert _catalog(library)[0]["title"] == "Second titre"

    library.undo("mon-plan", previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.json", "mon-plan.txt"]
    assert (tmp_path / "mon-plan.txt").read_bytes() == TEXT and _catalog(library) == before


def test_undo_of_a_new_plan_leaves_no_trace(tmp_path):
    library = Library(tmp_path)
    _, previous = library.add(TEXT, "neuf.txt", meta_for("neuf.txt", None, None, None, None, None), set(), False)
    library.undo("neuf", previous)
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.json"] and _catalog(library) == []
