"""The plot of bench/scale_bench.py: search latency, build time, memory and disk against the corpus size."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SEARCHES = ("bm25", "dense flat", "dense hnsw", "hybrid flat", "hybrid hnsw", "hybrid hnsw, one level")
BUILDS = (("build_bm25_s", "BM25 (analysis + bm25s)"), ("build_flat_s", "FAISS flat"), ("build_hnsw_s", "FAISS HNSW"))


def _series(results: dict, get) -> tuple[list[int], list[float]]:
    sizes, values = [], []
    for key in sorted((k for k in results if k.isdigit()), key=int):
        value = get(results[key])
        if value is not None:
            sizes.append(int(key))
            values.append(value)
    return sizes, values


def _search(label: str, field: str):
    return lambda r: r.get(f"search {label}", {}).get(field)


def plot(results: dict, path: Path) -> None:
    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    ax = axes[0][0]
    for label in SEARCHES:
        ax.plot(*_series(results, _search(label, "p50_ms")), marker="o", label=label)
    ax.axhline(30, color="grey", linestyle=":", label="target: hybrid p50 ≤ 30 ms at 1M")
    ax.set(title="Search p50 (query embedding excluded)", ylabel="ms")
    ax = axes[0][1]
    for key, label in BUILDS:
        ax.plot(*_series(results, lambda r, k=key: r.get(k)), marker="o", label=label)
    rate = results.get("setup", {}).get("passage_embedding", {}).get("chunks_per_s")
    if rate:
        sizes, _ = _series(results, lambda r: r.get("build_bm25_s"))
        ax.plot(sizes, [n / rate for n in sizes], linestyle="--", marker="x",
                label=f"embedding with e5-small (projected, {rate:.1f} chunks/s)")
    ax.set(title="Build time", ylabel="s")
    ax = axes[1][0]
    for label in ("bm25", "dense flat", "hybrid hnsw"):
        ax.plot(*_series(results, lambda r, lb=label: r.get(f"search {lb}", {}).get("memory", {}).get("rss_mb")),
                marker="o", label=f"{label}: all resident")
    ax.plot(*_series(results, lambda r: r.get("search hybrid hnsw", {}).get("memory", {}).get("anon_mb")),
            marker=".", linestyle="--", color="black", label="private, any mode (the rest is file pages workers share)")
    ax.axhline(4096, color="grey", linestyle=":", label="target: ≤ 4 GB at 1M")
    ax.set(title="Resident memory of a process after the searches", ylabel="MB")
    ax = axes[1][1]
    for part in ("chunks.jsonl", "documents.jsonl", "tables", "vectors.npy", "bm25", "dense.faiss", "hnsw.faiss"):
        ax.plot(*_series(results, lambda r, p=part: r.get("disk_mb", {}).get(p)), marker="o", label=part)
    ax.set(title="Size on disk", ylabel="MB")
    for ax in axes.flat:
        ax.set(xscale="log", yscale="log", xlabel="chunks")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    vectors = results.get("setup", {}).get("vectors", "")
    kind = "random unit vectors" if vectors.startswith("random") else "vectors composed from the sentences' e5 embeddings"
    fig.suptitle(f"Arrimage at scale: synthetic corpora of the real plans' sentences, {kind}, 2 cores")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def table(results: dict) -> str:
    """The figures as a Markdown table, one row per corpus size."""
    sizes = sorted((k for k in results if k.isdigit()), key=int)

    def search(r: dict, label: str) -> str:
        s = r.get(f"search {label}", {})
        return f"{s['p50_ms']:.1f} / {s['p95_ms']:.1f}" if "p50_ms" in s else "—"

    def memory(r: dict, label: str) -> str:
        m = r.get(f"search {label}", {}).get("memory")
        return f"{m['rss_mb'] / 1024:.2f} ({m['anon_mb'] / 1024:.2f})" if m else "—"

    rows = [
        ("chunks (plans)", lambda r, n: f"{int(n):,} ({r.get('documents', 0):,})"),
        ("BM25 p50 / p95 ms", lambda r, n: search(r, "bm25")),
        ("dense flat p50 / p95 ms", lambda r, n: search(r, "dense flat")),
        ("dense HNSW p50 / p95 ms", lambda r, n: search(r, "dense hnsw")),
        ("hybrid flat p50 / p95 ms", lambda r, n: search(r, "hybrid flat")),
        ("**hybrid HNSW** p50 / p95 ms", lambda r, n: search(r, "hybrid hnsw")),
        ("hybrid HNSW, one level (15%) p50 / p95 ms", lambda r, n: search(r, "hybrid hnsw, one level")),
        ("hybrid HNSW, one plan p50 / p95 ms", lambda r, n: search(r, "hybrid hnsw, one plan")),
        ("HNSW recall@10 vs exact: dense; hybrid", lambda r, n: f"{r.get('recall@10 dense hnsw vs flat', float('nan')):.2f}; "
                                                              f"{r.get('recall@10 hybrid hnsw vs flat', float('nan')):.2f}"),
        ("build s: BM25; flat; HNSW", lambda r, n: f"{r.get('build_bm25_s', 0):.1f}; {r.get('build_flat_s', 0):.2f}; "
                                                  f"{r.get('build_hnsw_s', 0):.1f}"),
        ("embedding the chunks with e5-small (projected)",
         lambda r, n: f"{int(n) / results['setup']['passage_embedding']['chunks_per_s'] / 3600:.1f} h"
         if "passage_embedding" in results.get("setup", {}) else "—"),
        ("load + warm s (a worker taking a version)", lambda r, n: f"{r.get('search hybrid hnsw', {}).get('load_s', 0):.1f} + "
                                                                 f"{r.get('search hybrid hnsw', {}).get('warm_s', 0):.2f}"),
        ("RSS GB after searches (private): BM25", lambda r, n: memory(r, "bm25")),
        ("… dense flat", lambda r, n: memory(r, "dense flat")),
        ("… hybrid HNSW", lambda r, n: memory(r, "hybrid hnsw")),
        ("disk MB: chunks + documents (with their tables); vectors; BM25; flat; HNSW",
         lambda r, n: "; ".join(f"{v:,.0f}" for v in (r["disk_mb"]["chunks.jsonl"] + r["disk_mb"]["documents.jsonl"]
                                                      + r["disk_mb"].get("tables", 0),
                                                      r["disk_mb"]["vectors.npy"], r["disk_mb"]["bm25"], r["disk_mb"]["dense.faiss"],
                                                      r["disk_mb"]["hnsw.faiss"])) if "disk_mb" in r else "—"),
    ]
    lines = ["| | " + " | ".join(f"{int(n):,}" for n in sizes) + " |", "|---|" + "---|" * len(sizes)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(results[n], n) for n in sizes) + " |")
    return "\n".join(lines)
