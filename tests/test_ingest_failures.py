"""Files that cannot be ingested: reported with path and reason, never indexed, never stopping the others."""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import pytest
from arrimage.index.store import load_index
from arrimage.ingest.pipeline import ingest_files
from click.testing import CliRunner
from pypdf import PdfWriter
from support import FakeEmbedder, image_only_pdf, pdf_bytes

from arrimage.cli import main

GOOD_PAGES = [
    [
        "Plan de réussite de l’établissement de test",
        "ORIENTATION 1 FAVORISER LA RÉUSSITE DES ÉTUDIANTS",
        "Les étudiants de première année bénéficient d’un tutorat par les pairs.",
        "Le centre d’aide en français offre des ateliers hebdomadaires gratuits.",
    ],
    [
        "ORIENTATION 2 SOUTENIR LA RECHERCHE PARTENARIALE",
        "Les chercheurs collaborent avec les entreprises de la région de Québec.",
        "Un fonds de démarrage finance les nouveaux projets interdisciplinaires.",
    ],
]

# name → (how to make it, a word the failure reason must contain)
BAD_FILES = {
    "corrompu.pdf": "not a readable pdf",
    "tronque.pdf": "not a readable pdf",
    "chiffre.pdf": "encrypted",
    "numerise.pdf": "no text layer",
    "sans-pages.pdf": "no pages",
    "vide.txt": "empty",
    "binaire.txt": "binary",
    "latin1.txt": "utf-8",
}


def make_bad_files(directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    good = pdf_bytes(GOOD_PAGES, title="Plan de réussite")
    rng = random.Random(42)
    files = {name: directory / name for name in BAD_FILES}
    files["corrompu.pdf"].write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    files["tronque.pdf"].write_bytes(good[: len(good) // 2])
    writer = PdfWriter(clone_from=io.BytesIO(good))
    writer.encrypt(user_password="secret", owner_password="proprietaire")
    buf = io.BytesIO()
    writer.write(buf)
    files["chiffre.pdf"].write_bytes(buf.getvalue())
    image_only_pdf(files["numerise.pdf"])
    with files["sans-pages.pdf"].open("wb") as f:
        PdfWriter().write(f)
    files["vide.txt"].write_bytes(b"")
    files["binaire.txt"].write_bytes(b"\x00\x01\x02binary\x00\xff" * 200)
    files["latin1.txt"].write_bytes(
        "Le plan stratégique de l’établissement prévoit des activités de formation.".replace("’", "'").encode("latin-1")
    )
    return files


@pytest.fixture
def bad_dir(tmp_path) -> dict[str, Path]:
    return make_bad_files(tmp_path / "plans")


@pytest.fixture
def good_pdf(tmp_path) -> Path:
    path = tmp_path / "plans" / "plan-bon.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(GOOD_PAGES, title="Plan de réussite"))
    return path


def test_the_encrypted_fixture_really_needs_a_password(bad_dir):
    from pypdf import PdfReader

    reader = PdfReader(bad_dir["chiffre.pdf"])
    assert reader.is_encrypted
    assert not reader.decrypt("")
    assert reader.decrypt("secret")


def test_good_pdf_fixture_is_ingested(good_pdf):
    result = ingest_files([good_pdf])
    assert result.failures == []
    assert [d.meta.doc_id for d in result.documents] == ["plan-bon"]
    assert result.documents[0].meta.title == "Plan de réussite"  # from the PDF metadata, no catalog
    assert result.documents[0].pages == 2
    assert "tutorat par les pairs" in result.documents[0].text


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_reported_and_skipped(bad_dir, good_pdf, name):
    bad = bad_dir[name]
    result = ingest_files([bad, good_pdf])
    assert len(result.failures) == 1
    failure = result.failures[0]
    assert str(bad) in failure
    assert BAD_FILES[name] in failure.lower(), failure
    assert [d.meta.doc_id for d in result.documents] == ["plan-bon"]
    assert result.chunks and {c.doc_id for c in result.chunks} == {"plan-bon"}


def test_all_bad_files_together(bad_dir, good_pdf):
    files = [*bad_dir.values(), good_pdf]
    result = ingest_files(files)
    assert len(result.failures) == len(bad_dir)
    for path in bad_dir.values():
        assert sum(str(path) in f for f in result.failures) == 1
    assert [d.meta.doc_id for d in result.documents] == ["plan-bon"]


def test_missing_and_unsupported_files_are_reported(tmp_path, good_pdf):
    missing = tmp_path / "absent.pdf"
    other = tmp_path / "tableur.xlsx"
    other.write_bytes(b"PK\x03\x04 not a plan")
    result = ingest_files([missing, other, good_pdf])
    assert len(result.failures) == 2
    assert str(missing) in result.failures[0] and "no such file" in result.failures[0]
    assert str(other) in result.failures[1] and "unsupported" in result.failures[1]
    assert len(result.documents) == 1


def test_same_document_twice_is_reported(tmp_path, good_pdf):
    copy = tmp_path / "ailleurs" / good_pdf.name
    copy.parent.mkdir()
    copy.write_bytes(good_pdf.read_bytes())
    result = ingest_files([good_pdf, copy])
    assert len(result.documents) == 1
    assert len(result.failures) == 1 and str(copy) in result.failures[0] and "already ingested" in result.failures[0]


# --- the CLI ---------------------------------------------------------------------------------------


@pytest.fixture
def fake_model(monkeypatch):
    """run_ingest uses the make_embedder imported into arrimage.runtime: patch it there."""
    made: list[FakeEmbedder] = []

    def make(name: str) -> FakeEmbedder:
        made.append(FakeEmbedder())
        return made[-1]

    monkeypatch.setattr("arrimage.runtime.make_embedder", make)
    return made


def _summary(result) -> dict:
    out = result.stdout
    return json.loads(out[out.index("{") :])


def test_cli_ingest_reports_bad_files_exits_1_and_indexes_the_good_one(bad_dir, good_pdf, fake_model, isolated_index_dir):
    result = CliRunner().invoke(main, ["ingest", str(good_pdf.parent)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    summary = _summary(result)
    assert summary["documents"] == 1
    assert summary["status"] == "indexed"
    assert len(summary["failures"]) == len(bad_dir)
    for name, path in bad_dir.items():
        line = next(f for f in summary["failures"] if str(path) in f)
        assert BAD_FILES[name] in line.lower()
    data = load_index(isolated_index_dir)
    assert [d.meta.doc_id for d in data.documents] == ["plan-bon"]
    assert {c.doc_id for c in data.chunks} == {"plan-bon"}
    assert data.manifest.model_id == "fake-hash"
    assert fake_model and fake_model[0].texts_embedded == len(data.chunks) + len(data.units)


def test_cli_ingest_plain_lists_failures(bad_dir, good_pdf, fake_model):
    result = CliRunner().invoke(main, ["ingest", "--plain", str(bad_dir["vide.txt"]), str(good_pdf)])
    assert result.exit_code == 1
    assert re.search(r"^indexed: 1 documents", result.stdout, re.M)
    assert f"FAILED {bad_dir['vide.txt']}" in result.stdout


def test_cli_ingest_only_bad_files_exits_1_and_writes_nothing(bad_dir, fake_model, isolated_index_dir):
    result = CliRunner().invoke(main, ["ingest", str(bad_dir["vide.txt"]), str(bad_dir["corrompu.pdf"])])
    assert result.exit_code == 1
    assert _summary(result)["status"] == "nothing ingested"
    assert not (isolated_index_dir / "current").exists()
    assert fake_model == []  # no model loaded for nothing


def test_cli_ingest_good_file_exits_0_and_if_stale_skips(good_pdf, fake_model, isolated_index_dir):
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(good_pdf)])
    assert first.exit_code == 0, first.output
    assert _summary(first)["status"] == "indexed"
    again = runner.invoke(main, ["ingest", "--if-stale", str(good_pdf)])
    assert again.exit_code == 0
    assert _summary(again)["status"] == "up to date"
    rebuilt = runner.invoke(main, ["ingest", str(good_pdf)])
    assert rebuilt.exit_code == 0
    assert fake_model[-1].texts_embedded == 0  # every chunk came from the embedding cache


def test_cli_ingest_rebuilds_an_inconsistent_index(good_pdf, fake_model, isolated_index_dir):
    import numpy as np

    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(good_pdf)]).exit_code == 0
    current = (isolated_index_dir / "current").resolve()
    np.save(current / "vectors.npy", np.zeros((1, 256), dtype=np.float32), allow_pickle=False)
    result = runner.invoke(main, ["ingest", str(good_pdf)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0
    data = load_index(isolated_index_dir)
    assert data.vectors.shape[0] == len(data.chunks)
