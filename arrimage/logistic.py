"""Logistic regressions as data: fit with scikit-learn where a model is made (``eval``, ``arrimage align
calibrate``), applied with numpy alone where it is used (the answerer, the aligner), and judged by
their reliability (predicted probability against observed frequency) and expected calibration error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BINS = 10


@dataclass(frozen=True)
class Logistic:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def probabilities(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        x = (np.asarray(rows, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(x @ np.asarray(self.coef) + self.intercept)))

    @classmethod
    def from_dict(cls, raw: dict) -> Logistic:
        return cls(tuple(raw["features"]), tuple(raw["mean"]), tuple(raw["scale"]), tuple(raw["coef"]),
                   float(raw["intercept"]))


def fit(x: np.ndarray, y: np.ndarray, features: Sequence[str], c: float = 1.0) -> Logistic:
    """Standardised features, then scikit-learn's L2 logistic regression (inverse strength ``c``)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(x), y)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return Logistic(tuple(features), tuple(scaler.mean_.tolist()), tuple(scale.tolist()), tuple(model.coef_[0].tolist()),
                    float(model.intercept_[0]))


def reliability(probabilities: np.ndarray, labels: np.ndarray, bins: int = BINS) -> tuple[list[dict], float]:
    """Per bin of predicted probability: its mean, the observed frequency and the count; and the ECE."""
    probabilities, labels = np.asarray(probabilities, dtype=float), np.asarray(labels, dtype=float)
    rows, ece = [], 0.0
    edges = np.linspace(0, 1, bins + 1)
    for i in range(bins):
        inside = (probabilities >= edges[i]) & ((probabilities < edges[i + 1]) | (i == bins - 1))
        if inside.any():
            predicted, observed = float(probabilities[inside].mean()), float(labels[inside].mean())
            rows.append({"bin": f"{edges[i]:.1f}–{edges[i + 1]:.1f}", "predicted": round(predicted, 3),
                         "observed": round(observed, 3), "n": int(inside.sum())})
            ece += inside.sum() / len(labels) * abs(predicted - observed)
    return rows, round(float(ece), 4)


def plot_reliability(curves: dict[str, list[dict]], out) -> None:
    """Reliability diagrams (one panel per named curve of ``reliability`` rows), as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(curves), figsize=(4.5 * len(curves), 4), squeeze=False)
    for ax, (name, rows) in zip(axes[0], curves.items()):
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1)
        ax.plot([r["predicted"] for r in rows], [r["observed"] for r in rows], marker="o")
        for r in rows:
            ax.annotate(str(r["n"]), (r["predicted"], r["observed"]), textcoords="offset points", xytext=(4, -10), fontsize=7)
        ax.set(title=name, xlabel="predicted probability", ylabel="observed frequency", xlim=(0, 1), ylim=(0, 1))
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
