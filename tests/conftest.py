"""Fixtures shared by the suite: an isolated index directory, the fake embedder, fixture and real corpora."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from arrimage.align.calibration import save_calibration
from arrimage.ingest.chunk import ChunkSpec
from arrimage.ingest.pipeline import IngestResult, discover, ingest_files
from support import (
    FIXTURE_SPEC_KW,
    REAL_PDF_DIR,
    REPO,
    FakeEmbedder,
    fake_calibration,
    qdrant_index,
    write_fixture_corpus,
)

from arrimage.settings import get_settings

# The real corpus indexed with the default model, kept between runs (var/ is git-ignored): the first
# run embeds every chunk (minutes on 2 cores), later runs reuse the cached embeddings.
REAL_INDEX_DIR = REPO / "var" / "test-index"


def pytest_collection_modifyitems(config, items):
    """Without a -m expression, the e2e tests (real models, real corpus with a model, server processes) are left out."""
    if config.option.markexpr:
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("e2e") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def calibration_file(tmp_path_factory) -> Path:
    """The fake embedder's alignment calibration, where ARRIMAGE_ALIGN_CALIBRATION points."""
    return save_calibration(fake_calibration(), tmp_path_factory.mktemp("calibration") / "alignment.json")


@pytest.fixture(autouse=True)
def isolated_index_dir(tmp_path, monkeypatch, calibration_file):
    """Every test gets its own ARRIMAGE_INDEX_DIR and freshly read settings."""
    index_dir = tmp_path / "index"
    monkeypatch.setenv("ARRIMAGE_INDEX_DIR", str(index_dir))
    monkeypatch.setenv("ARRIMAGE_DATABASE_URL", f"sqlite:///{tmp_path / 'arrimage.db'}")
    monkeypatch.setenv("ARRIMAGE_ALIGN_CALIBRATION", str(calibration_file))
    get_settings.cache_clear()
    yield index_dir
    get_settings.cache_clear()


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def fixture_corpus_dir(tmp_path_factory):
    return write_fixture_corpus(tmp_path_factory.mktemp("fixture-corpus"))


@pytest.fixture(scope="session")
def fixture_spec() -> ChunkSpec:
    return ChunkSpec(**FIXTURE_SPEC_KW)


@pytest.fixture(scope="session")
def fixture_ingest(fixture_corpus_dir, fixture_spec) -> IngestResult:
    result = ingest_files(discover([fixture_corpus_dir]), spec=fixture_spec)
    assert result.failures == []
    assert len(result.documents) == 3
    return result


@pytest.fixture(scope="session")
def fixture_index(fixture_ingest):
    from arrimage.index.store import build_index

    return build_index(fixture_ingest.documents, fixture_ingest.chunks, fixture_ingest.units, FakeEmbedder(), contextual=True)


@pytest.fixture(scope="session")
def fixture_searcher(fixture_index):
    from arrimage.index.search import Searcher

    return Searcher(fixture_index, FakeEmbedder())


@pytest.fixture(scope="session")
def qdrant_fixture_searcher(fixture_index, tmp_path_factory):
    """The fixture index saved with the Qdrant backend (embedded, real Qdrant local mode) and searched there."""
    from arrimage.index.search import Searcher

    data, retriever = qdrant_index(fixture_index, tmp_path_factory.mktemp("qdrant-index"))
    return Searcher(data, FakeEmbedder(), retriever)


@pytest.fixture(scope="session")
def searchers(fixture_searcher, qdrant_fixture_searcher):
    """The searcher of the fixture index for each backend."""
    return {"local": fixture_searcher, "qdrant": qdrant_fixture_searcher}


@pytest.fixture(scope="session")
def real_corpus() -> IngestResult:
    """The five real PDFs of data/plans/pdf, ingested with the default chunking (no model involved)."""
    result = ingest_files(discover([REAL_PDF_DIR]))
    assert result.failures == []
    return result


@pytest.fixture(scope="session")
def real_index_env(tmp_path_factory) -> dict[str, str]:
    """Environment of a CLI whose index is the real corpus, ingested once per session with `arrimage ingest`; plans a
    user added to this checkout (`make run`, then an upload into var/uploads) stay out of it."""
    env = {**os.environ, "ARRIMAGE_INDEX_DIR": str(REAL_INDEX_DIR),
           "ARRIMAGE_UPLOADS_DIR": str(tmp_path_factory.mktemp("uploads"))}
    env.pop("ARRIMAGE_EMBEDDING_MODEL", None)
    proc = subprocess.run([sys.executable, "-m", "arrimage.cli", "ingest"], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)
    assert summary["status"] == "indexed" and summary["documents"] == 5 and summary["failures"] == []
    return env


@pytest.fixture(scope="session")
def real_index_dir(real_index_env) -> Path:
    return Path(real_index_env["ARRIMAGE_INDEX_DIR"])


@pytest.fixture(scope="session")
def real_server(real_index_dir, tmp_path_factory):
    """The real app on the index of the real corpus, served over HTTP by uvicorn in a thread; its base URL."""
    import httpx
    from arrimage.service.app import create_app
    from support import serve

    from arrimage.settings import Settings

    database = tmp_path_factory.mktemp("real-server") / "arrimage.db"
    with serve(create_app(Settings(index_dir=real_index_dir, database_url=f"sqlite:///{database}"))) as url:
        health = httpx.get(f"{url}/health", timeout=60)
        assert health.status_code == 200, health.text
        yield url

