"""Scale benchmark: how BM25, dense flat, dense HNSW and hybrid search cost as the corpus grows.

For each size (10k, 100k and 1M chunks by default), a synthetic corpus is made of the sentences of the real
plans recombined (bench/synthetic.py says what is real and what is not), indexed with Arrimage's own code
(`LexicalIndex`, `DenseIndex`, `save_index`) and searched through `Searcher` in a fresh process that loads it
with `load_index` and warms it as a server worker does. Measured: build time, size on disk, resident memory
(private and file-backed) and search p50/p95 over the 271 dev, held-out and test questions.

What is not measured as it would be in production, and why:
- **Dense vectors are not embeddings of the synthetic chunks.** Embedding a million chunks with e5-small on
  2 cores would take days. By default a chunk's vector is the normalised mean of the real e5 embeddings of
  the sentences it is made of, plus a little noise (`synthetic.composed_vectors`): clustered as embeddings
  are, so HNSW's recall against the exact search means something; `--vectors random` uses random unit vectors
  instead (HNSW then finds half of the true top 10 at 100k, against 0.95). The embedding cost itself is measured on
  a sample of synthetic chunks embedded with the real model, and projected.
- **Query embedding is excluded** from the latencies: the queries are embedded once with the real model
  before timing, and a query's vector is looked up. Its cost is printed separately (and is what the
  query-embedding cache saves).

Run (after `arrimage ingest`; ARRIMAGE_INDEX_DIR names the real index the sentences come from):
    .venv/bin/python bench/scale_bench.py                         # 10k, 100k, 1M: about half an hour on 2 cores
    .venv/bin/python bench/scale_bench.py --sizes 10000 --work /tmp/scale-small --results /tmp/small.json
    .venv/bin/python bench/scale_bench.py --plot-only            # redraw docs/scale-bench.png from the JSON
Writes docs/scale-bench.json (after every stage, so a run stopped half-way keeps what it measured) and
docs/scale-bench.png, and prints the table of docs/figures.md. The work directory keeps the indexes: about 8 GB
of disk at 1M. The builder process held about 7 GB at 1M; `--max-rss-gb` (20) stops a stage that would pass it.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
from arrimage.index.chunk_store import TABLE_FILES
from arrimage.index.dense import DenseIndex
from arrimage.index.lexical import LexicalIndex
from arrimage.index.store import CURRENT, SCHEMA_VERSION, IndexData, Manifest, index_text, save_index
from synthetic import composed_vectors, generate, read_source

REPO = Path(__file__).resolve().parent.parent
QUESTION_SETS = [REPO / "eval" / "datasets" / name / "questions.jsonl" for name in ("dev", "heldout", "test")]
RESULTS = REPO / "docs" / "scale-bench.json"  # --results changes it (in every process of a run)
MODEL_ID = "random-unit"
# (label, dense kind of the index, search mode, filter); the filters are filled in per corpus.
RUNS = [("bm25", "flat", "bm25", None), ("dense flat", "flat", "dense", None), ("hybrid flat", "flat", "hybrid", None),
        ("dense hnsw", "hnsw", "dense", None), ("hybrid hnsw", "hnsw", "hybrid", None),
        ("hybrid hnsw, one level", "hnsw", "hybrid", "level"), ("hybrid hnsw, one plan", "hnsw", "hybrid", "doc")]


def _status() -> dict[str, float]:
    """Resident memory of this process in MB: all, private (anonymous), file pages mapped, and the peak."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return {key: int(fields[name].split()[0]) / 1024 for key, name in
            (("rss_mb", "VmRSS"), ("anon_mb", "RssAnon"), ("file_mb", "RssFile"), ("peak_mb", "VmHWM"))}


def _watch_memory(limit_gb: float, on_exceeded) -> None:
    """Stop the process (after ``on_exceeded``) when its resident memory passes ``limit_gb``."""

    def watch() -> None:
        while True:
            rss = _status()["rss_mb"]
            if rss > limit_gb * 1024:
                on_exceeded(rss)
                os._exit(3)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()


def _percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {"p50_ms": float(np.percentile(ordered, 50)), "p95_ms": float(np.percentile(ordered, 95)),
            "mean_ms": float(np.mean(ordered)), "n": len(ordered)}


def _questions() -> list[str]:
    seen: dict[str, None] = {}
    for path in QUESTION_SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.setdefault(json.loads(line)["question"])
    return list(seen)


# ---- the search side, in a fresh process ----------------------------------------------------------------------


class _Precomputed:
    """The queries' vectors, embedded beforehand with the real model: search timings leave embedding out."""

    def __init__(self, model_id: str, vectors: dict[str, np.ndarray]) -> None:
        self.model_id, self.dimension, self._vectors = model_id, len(next(iter(vectors.values()))), vectors

    def embed_query(self, text: str) -> np.ndarray:
        return self._vectors[text]

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError("the scale benchmark embeds no passage at search time")


def measure(root: Path, work: Path, runs: list[str], limit_gb: float) -> dict:
    """Load the index at ``root`` as a worker does and time ``runs`` (labels of RUNS) over every query."""
    from arrimage.index.search import Searcher
    from arrimage.index.store import load_index

    _watch_memory(limit_gb, lambda rss: print(json.dumps({"error": f"stopped: RSS {rss:.0f} MB"}), flush=True))
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    vectors = np.load(work / "queries.npy")
    before = _status()
    started = time.perf_counter()
    data = load_index(root)
    searcher = Searcher(data, _Precomputed(data.manifest.model_id, dict(zip(queries, vectors))))
    out: dict = {"load_s": time.perf_counter() - started, "before_load": before, "loaded": _status(), "runs": {}}
    started = time.perf_counter()
    data.dense.warm()  # as the server does after loading a version
    out["warm_s"] = time.perf_counter() - started
    regional = [d.meta.doc_id for d in data.documents if d.meta.level == "regional"]
    filters = {None: {}, "level": {"levels": ["regional"]}, "doc": {"doc_ids": [regional[len(regional) // 2]]}}
    for label in runs:
        _, _, mode, which = next(r for r in RUNS if r[0] == label)
        for q in queries[:20]:  # warm-up: the pages a search touches are read once
            searcher.search(q, k=10, mode=mode, **filters[which])
        latencies, tops = [], []
        for q in queries:
            started = time.perf_counter()
            hits = searcher.search(q, k=10, mode=mode, **filters[which])
            latencies.append((time.perf_counter() - started) * 1000)
            tops.append([h.chunk.chunk_id for h in hits])
        out["runs"][label] = {**_percentiles(latencies), "top": tops, "memory": _status()}
    out["lexical"] = {"vocabulary": len(data.lexical._retriever.vocab_dict), "postings": int(data.lexical._retriever.scores["data"].shape[0])}
    return out


# ---- the build side ---------------------------------------------------------------------------------------------


def _disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20 if path.is_dir() else path.stat().st_size / 2**20


def _random_unit(n: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        block = rng.standard_normal((min(100_000, n - start), dim), dtype=np.float32)
        vectors[start : start + len(block)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return vectors


def build(size: int, source, work: Path, dim: int, sentence_vectors: np.ndarray | None, record) -> None:
    """Index a synthetic corpus of ``size`` chunks twice (flat and HNSW, the other files shared by hard links);
    its vectors composed from ``sentence_vectors``, or random unit vectors when None."""
    root = work / str(size)
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    documents, chunks, sentences = [], [], []
    for document, pieces, made_of in generate(source, size, seed=size):
        documents.append(document)
        chunks.extend(pieces)
        sentences.extend(made_of)
    record("generate_s", time.perf_counter() - started)
    record("documents", len(documents))
    metas = {d.meta.doc_id: d.meta for d in documents}
    texts = [index_text(c, metas[c.doc_id], True) for c in chunks]
    record("mean_chunk_chars", float(np.mean([len(c.text) for c in chunks])))
    started = time.perf_counter()
    lexical = LexicalIndex.build(texts)
    record("build_bm25_s", time.perf_counter() - started)
    del texts
    gc.collect()
    vectors = _random_unit(size, dim, seed=size) if sentence_vectors is None else composed_vectors(sentences, sentence_vectors, size)
    del sentences
    started = time.perf_counter()
    flat = DenseIndex.build(vectors, "flat")
    record("build_flat_s", time.perf_counter() - started)
    manifest = Manifest(schema_version=SCHEMA_VERSION, arrimage_version="bench", model_id=MODEL_ID, dimension=dim, dense_kind="flat",
                        contextual=True, document_count=len(documents), chunk_count=len(chunks), unit_count=0,
                        corpus_hash=f"synthetic-{size}", created_at=time.time())
    empty = np.zeros((0, dim), dtype=np.float32)
    data = IndexData(manifest=manifest, documents=tuple(documents), chunks=tuple(chunks), vectors=vectors, dense=flat,
                     lexical=lexical, units=(), unit_vectors=empty, unit_query_vectors=empty)
    started = time.perf_counter()
    flat_dir = save_index(data, root / "flat")
    record("save_s", time.perf_counter() - started)
    del data, flat, lexical, documents, chunks, metas
    gc.collect()
    started = time.perf_counter()
    hnsw = DenseIndex.build(vectors, "hnsw")
    record("build_hnsw_s", time.perf_counter() - started)
    hnsw_dir = root / "hnsw" / "versions" / flat_dir.name
    hnsw_dir.mkdir(parents=True)
    for path in flat_dir.rglob("*"):
        target = hnsw_dir / path.relative_to(flat_dir)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        elif path.name not in ("dense.faiss", "manifest.json"):
            os.link(path, target)
    hnsw.save(hnsw_dir / "dense.faiss")
    (hnsw_dir / "manifest.json").write_text(json.dumps({**json.loads((flat_dir / "manifest.json").read_text()),
                                                         "dense_kind": "hnsw"}, indent=2), encoding="utf-8")
    (root / "hnsw" / CURRENT).symlink_to(Path("versions") / flat_dir.name)
    del hnsw, vectors
    gc.collect()
    record("builder_peak_mb", _status()["peak_mb"])
    record("disk_mb", {name: _disk_mb(flat_dir / name) for name in
                       ("chunks.jsonl", "documents.jsonl", "vectors.npy", "bm25", "dense.faiss")}
           | {"hnsw.faiss": _disk_mb(hnsw_dir / "dense.faiss"), "tables": sum(_disk_mb(flat_dir / name) for name in TABLE_FILES)})


def _recall(found: list[list[str]], exact: list[list[str]]) -> float:
    return float(np.mean([len(set(a) & set(b)) / max(1, len(b)) for a, b in zip(found, exact)]))


def run_measures(size: int, work: Path, limit_gb: float, record) -> None:
    for kind in ("flat", "hnsw"):
        for label, run_kind, _, _ in RUNS:
            if run_kind != kind:
                continue
            done = subprocess.run([sys.executable, __file__, "--measure", str(work / str(size) / kind), "--work", str(work),
                                   "--results", str(RESULTS),
                                   "--run", label, "--max-rss-gb", str(limit_gb)], capture_output=True, text=True, timeout=3600)
            lines = done.stdout.strip().splitlines()
            result = json.loads(lines[-1]) if lines else {"error": done.stderr[-2000:]}
            if "error" in result or done.returncode:
                record(f"search {label}", {"error": result.get("error") or done.stderr[-2000:]})
                continue
            record(f"search {label}", {**result["runs"][label], "load_s": result["load_s"], "warm_s": result["warm_s"],
                                       "loaded": result["loaded"]})
            record("lexical", result["lexical"])
    results = json.loads(RESULTS.read_text(encoding="utf-8"))[str(size)]
    exact = results.get("search dense flat", {}).get("top")
    for label in ("dense hnsw", "hybrid hnsw"):
        reference = results.get(f"search {label.replace('hnsw', 'flat')}", {}).get("top")
        if exact and reference and "top" in results.get(f"search {label}", {}):
            record(f"recall@10 {label} vs flat", _recall(results[f"search {label}"]["top"], reference))
    kept = _load_results()  # the ranked ids served the recall; the figures file keeps the figures
    for run in kept[str(size)].values():
        if isinstance(run, dict):
            run.pop("top", None)
    RESULTS.write_text(json.dumps(kept, indent=1, ensure_ascii=False), encoding="utf-8")


# ---- the whole run ----------------------------------------------------------------------------------------------


def _load_results() -> dict:
    return json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}


def _recorder(key: str):
    def record(name: str, value) -> None:
        results = _load_results()
        results.setdefault(key, {})[name] = value
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        shown = value if not isinstance(value, dict) else {k: v for k, v in value.items() if k != "top"}
        print(f"[{key}] {name}: {shown}", flush=True)

    return record


def prepare(work: Path, sample: int, kind: str, record) -> tuple[int, np.ndarray | None]:
    """Embed the queries with the real model (timed, then excluded), a sample of synthetic chunks (the
    embedding throughput the made-up vectors stand in for) and, for composed vectors, the source sentences."""
    from arrimage.index.embed import make_embedder

    from arrimage.settings import get_settings

    settings = get_settings()
    embedder = make_embedder(settings.embedding_model)
    queries = _questions()
    timings, query_vectors = [], []
    for q in queries:
        started = time.perf_counter()
        query_vectors.append(embedder.embed_query(q))
        timings.append((time.perf_counter() - started) * 1000)
    np.save(work / "queries.npy", np.stack(query_vectors).astype(np.float32))
    (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    record("query_embedding", {"model": embedder.model_id, "queries": len(queries), **_percentiles(timings)})
    source = read_source(settings.index_dir)
    record("source", {"index_dir": str(settings.index_dir), "sentences": len(source.sentences),
                      "chunks_per_document": source.chunks_per_document})
    if sample:
        texts = [index_text(c, document.meta, True) for document, pieces, _ in generate(source, sample, seed=1) for c in pieces]
        started = time.perf_counter()
        for start in range(0, len(texts), 32):
            embedder.embed_documents(texts[start : start + 32])
        elapsed = time.perf_counter() - started
        record("passage_embedding", {"model": embedder.model_id, "chunks": len(texts), "seconds": elapsed,
                                     "chunks_per_s": len(texts) / elapsed})
    if kind == "random":
        record("vectors", f"random unit vectors ({embedder.dimension} dimensions)")
        return embedder.dimension, None
    cached = work / f"sentences-{embedder.model_id}-{hashlib.sha256(chr(0).join(source.sentences).encode()).hexdigest()[:12]}.npy"
    if not cached.is_file():
        started = time.perf_counter()
        np.save(cached, np.concatenate([embedder.embed_documents(list(source.sentences[i : i + 32]))
                                        for i in range(0, len(source.sentences), 32)]))
        record("sentence_embedding_s", time.perf_counter() - started)
    record("vectors", f"composed: the mean of the {embedder.model_id} embeddings of a chunk's {len(source.sentences)} source "
                      "sentences, plus noise of norm 0.1, normalised")
    return embedder.dimension, np.load(cached)


def main() -> None:
    global RESULTS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/arrimage-scale"), help="where the indexes are written")
    parser.add_argument("--vectors", choices=["sentences", "random"], default="sentences",
                        help="dense vectors composed from the real embeddings of each chunk's sentences, or random unit vectors")
    parser.add_argument("--real-sample", type=int, default=128, help="synthetic chunks embedded with the real model")
    parser.add_argument("--max-rss-gb", type=float, default=20.0, help="stop a stage whose resident memory passes this")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the JSON of figures; the plot is written beside it (.png)")
    parser.add_argument("--plot-only", action="store_true")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--run", action="append", help=argparse.SUPPRESS)
    args = parser.parse_args()
    RESULTS = args.results
    if args.measure:
        print(json.dumps(measure(args.measure, args.work, args.run, args.max_rss_gb)), flush=True)
        return
    if not args.plot_only:
        args.work.mkdir(parents=True, exist_ok=True)
        dim, sentence_vectors = prepare(args.work, args.real_sample, args.vectors, _recorder("setup"))
        source = read_source(Path(_load_results()["setup"]["source"]["index_dir"]))
        current: dict = {}
        _watch_memory(args.max_rss_gb, lambda rss: current["record"]("stopped", f"building: RSS {rss:.0f} MB"))
        for size in args.sizes:
            record = current["record"] = _recorder(str(size))
            build(size, source, args.work, dim, sentence_vectors, record)
            run_measures(size, args.work, args.max_rss_gb, record)
    from scale_plot import plot, table

    plot(_load_results(), RESULTS.with_suffix(".png"))
    print(table(_load_results()))
    print(f"wrote {RESULTS} and {RESULTS.with_suffix('.png')}")


if __name__ == "__main__":
    main()
