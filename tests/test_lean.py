"""Lean installs: serving needs none of the extras (`make run` installs `pip install -e .` only)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib

import click
import pytest
from click.testing import CliRunner
from support import REPO

from arrimage.cli import _Commands

EXTRAS_ONLY = ("matplotlib", "reportlab", "sklearn", "selenium", "ranx", "pytest", "ruff", "sentence_transformers", "torch",
               "qdrant_client")


def test_serving_dependencies_hold_no_test_or_eval_tool():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {d.split(">")[0].split("=")[0].split("[")[0].lower() for d in project["dependencies"]}
    assert not core & {"selenium", "reportlab", "ruff", "ranx", "pytest", "matplotlib", "scikit-learn", "httpx", "torch"}
    extras = project["optional-dependencies"]
    assert {"arrimage[eval]", "arrimage[qdrant]"} <= set(extras["test"])  # make test still installs everything
    assert {"matplotlib>=3.8", "reportlab>=4", "scikit-learn>=1.4"} <= set(extras["eval"])


def test_the_service_answers_without_importing_any_extra(tmp_path):
    """In a fresh interpreter: ingest a plan, serve /health, /documents, /search, /ask; no extra gets imported."""
    script = textwrap.dedent('''
        import sys, zlib
        import numpy as np
        from pathlib import Path
        from arrimage.index.store import build_index
        from arrimage.ingest.pipeline import discover, ingest_files
        from arrimage.index.search import Searcher
        from arrimage.service.app import create_app
        from arrimage.settings import Settings
        from starlette.testclient import TestClient

        class Hashing:
            model_id, dimension = "hashing", 64
            def _v(self, t):
                v = np.zeros(64, np.float32)
                for w in t.lower().split():
                    v[zlib.crc32(w.encode()) % 64] += 1
                return v / max(np.linalg.norm(v), 1e-9)
            def embed_documents(self, texts):
                return np.stack([self._v(t) for t in texts]) if texts else np.zeros((0, 64), np.float32)
            def embed_query(self, text):
                return self._v(text)

        folder = Path(sys.argv[1])
        (folder / "plan.txt").write_text("Plan stratégique 2025-2030\\n\\nOrientation 1 – La réussite\\n"
                                         "Objectif 1.1 : Augmenter la diplomation de 10 % d'ici 2030.\\n", encoding="utf-8")
        result = ingest_files(discover([folder]))
        data = build_index(result.documents, result.chunks, result.units, Hashing(), contextual=True)
        settings = Settings(index_dir=folder / "index", uploads_dir=folder / "uploads", database_url=f"sqlite:///{folder}/a.db")
        with TestClient(create_app(settings, Searcher(data, Hashing()))) as client:
            assert client.get("/health").status_code == 200
            assert client.get("/documents").status_code == 200
            assert client.post("/search", json={"query": "diplomation"}).json()["hits"]
            assert client.post("/ask", json={"question": "Quelle est la cible de diplomation ?"}).status_code == 200
        print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[2:])))
    ''')
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path), *EXTRAS_ONLY], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "", f"serving imported: {done.stdout}"


def test_a_command_that_needs_a_missing_extra_says_which():
    @click.group(cls=_Commands)
    def cli() -> None:
        pass

    @cli.command()
    def plot() -> None:
        raise ModuleNotFoundError("No module named 'matplotlib'", name="matplotlib")

    @cli.command()
    def other() -> None:
        raise ModuleNotFoundError("No module named 'nowhere'", name="nowhere")

    result = CliRunner().invoke(cli, ["plot"])
    assert result.exit_code == 1 and "pip install 'arrimage[eval]'" in result.output and "Traceback" not in result.output
    with pytest.raises(ModuleNotFoundError):
        CliRunner().invoke(cli, ["other"], catch_exceptions=False)
