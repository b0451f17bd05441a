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
        ax.plot(*_series(results, lambda r, lb=label: r.get(f"search {lb}", {}).get("memory", {}).get("anon_mb")),
                marker=".", linestyle="--", label=f"{label}: private (not shared between workers)")
    ax.axhline(4096, color="grey", linestyle=":", label="target: ≤ 4 GB at 1M")
    ax.set(title="Resident memory of a process after the searches", ylabel="MB")
    ax = axes[1][1]
    for part in ("chunks.jsonl", "documents.jsonl", "vectors.npy", "bm25", "dense.faiss", "hnsw.faiss"):
        ax.plot(*_series(results, lambda r, p=part: r.get("disk_mb", {}).get(p)), marker="o", label=part)
    ax.set(title="Size on disk", ylabel="MB")
    for ax in axes.flat:
        ax.set(xscale="log", yscale="log", xlabel="chunks")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle("Arrimage at scale: synthetic corpora of the real plans' sentences, random unit vectors, 2 cores")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
