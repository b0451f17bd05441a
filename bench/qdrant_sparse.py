"""The sparse side of the Qdrant backend: two sources measured against today's BM25 on the development set.

- local: bm25s over the project's French analysis (``index.lexical.analyze``), the local backend;
- analysis: the same analysis as sparse vectors over the BM25 vocabulary, IDF applied by Qdrant (``Modifier.IDF``),
  what the Qdrant backend ships (``index.qdrant``); and the same with Qdrant BM25's saturation k1 1.2 (bm25s: 1.5);
- qdrant-bm25: Qdrant's own French BM25, ``qdrant_edge.Bm25`` (the token ids of the server's BM25: Snowball French
  stemmer and stopwords), IDF applied by Qdrant; with and without its ASCII folding of accents.

Each Qdrant variant is a collection in embedded Qdrant over the current index (ARRIMAGE_INDEX_DIR, the real model's
vectors); the dense side is the same everywhere. Scored by the retrieval evaluation (`arrimage eval retrieval`).

Run: .venv/bin/pip install qdrant-edge-py; .venv/bin/python bench/qdrant_sparse.py   (after `arrimage ingest`)
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import bm25s
import numpy as np
from arrimage.eval.compare import compare_runs
from arrimage.eval.datasets import load_questions
from arrimage.eval.evaluate import EvalConfig, evaluate
from arrimage.eval.runs import Run
from arrimage.eval.targets import InProcessTarget
from arrimage.index.lexical import LexicalIndex, analyze
from arrimage.index.qdrant import QdrantRetriever, SparseTerms, write_collection
from arrimage.index.search import Searcher
from arrimage.index.store import index_text
from qdrant_client import QdrantClient
from qdrant_edge import Bm25, Bm25Config

from arrimage.runtime import load_searcher
from arrimage.settings import get_settings

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "datasets" / "dev" / "questions.jsonl"
MODES = ("bm25", "hybrid")
METRICS = ("nDCG@10", "Recall@10", "MRR@10")


class EdgeBm25:
    """Qdrant's French BM25 as a sparse source: term-frequency weights of the documents (k 1.2, b 0.75, the
    average length of the chunks in words), 1 per distinct query token."""

    def __init__(self, texts: list[str], ascii_folding: bool) -> None:
        average = statistics.fmean(len(re.findall(r"\w+", t)) for t in texts)
        self._model = Bm25(Bm25Config(language="french", avg_len=average, ascii_folding=ascii_folding))
        self._texts = texts

    @staticmethod
    def _arrays(vector) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(vector.indices)
        return np.asarray(vector.indices, dtype=np.int64)[order], np.asarray(vector.values, dtype=np.float32)[order]

    def query_terms(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        return self._arrays(self._model.embed_query(query))

    def document_terms(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for text in self._texts:
            yield self._arrays(self._model.embed_document(text))


def _analysis_with_k1(texts: list[str], k1: float) -> LexicalIndex:
    """The project's analysis with Qdrant's BM25 saturation (k 1.2; bm25s's default, the index's, is 1.5)."""
    retriever = bm25s.BM25(k1=k1)
    retriever.index([analyze(t) or [""] for t in texts], show_progress=False)
    return LexicalIndex(retriever)


def _run(searcher: Searcher, questions) -> tuple[Run, float]:
    """The retrieval run of ``searcher`` and its BM25 time per query (ms)."""
    run = evaluate(InProcessTarget(searcher, {}), questions, EvalConfig(parts=("retrieval",), modes=MODES), name="sparse")
    started = time.perf_counter()
    for q in questions:
        searcher.search(q.question, k=10, mode="bm25")
    return run, (time.perf_counter() - started) * 1000 / len(questions)


def main() -> None:
    local = load_searcher(get_settings().model_copy(update={"backend": "local"}))
    data = local.data
    metas = {d.meta.doc_id: d.meta for d in data.documents}
    texts = [index_text(c, metas[c.doc_id], data.manifest.contextual) for c in data.chunks]
    questions = load_questions(QUESTIONS)
    sources: dict[str, SparseTerms | None] = {
        "local (bm25s)": None,
        "analysis + IDF": data.lexical,
        "analysis + IDF, k1 1.2": _analysis_with_k1(texts, 1.2),
        "qdrant-bm25 fr": EdgeBm25(texts, ascii_folding=False),
        "qdrant-bm25 fr, folded": EdgeBm25(texts, ascii_folding=True),
    }
    print(f"{len(questions)} dev questions, {len(texts)} chunks, model {data.manifest.model_id}")
    print(f"{'sparse source':<24}" + "".join(f"{f'{mode} {m}':>18}" for mode in MODES for m in METRICS)
          + f"{'bm25 ms/query':>15}   hybrid nDCG@10 − local, paired 95% interval")
    baseline = None
    with tempfile.TemporaryDirectory() as folder:
        client = QdrantClient(path=folder)
        for name, terms in sources.items():
            if terms is None:
                searcher = local
            else:
                collection = re.sub(r"\W+", "-", name)
                write_collection(client, collection, data, terms)
                searcher = Searcher(data, local.embedder, QdrantRetriever(client, collection, terms, "bench"))
            run, ms = _run(searcher, questions)
            baseline = baseline or run
            values = {m.id: m.value for m in run.metrics}
            d = next(c.difference for c in compare_runs(baseline, run).metrics if c.id == "retrieval/hybrid/nDCG@10")
            print(f"{name:<24}" + "".join(f"{values[f'retrieval/{mode}/{m}']:>18.3f}" for mode in MODES for m in METRICS)
                  + f"{ms:>15.2f}   {d.diff:+.3f} [{d.low:+.3f}, {d.high:+.3f}] {d.verdict}")
        client.close()


if __name__ == "__main__":
    main()
