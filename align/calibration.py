"""The probability that a pair of units is aligned, and the labels read from it.

A logistic regression of two features: the aligner's combined score, and the source's affinity with the
target's plan (the cosine of the source, as a query, with the mean of that plan's unit vectors).
``arrimage align calibrate`` fits it on labelled pairs, pairs from plans on other subjects (each
source's best target, labelled none) and the planners' reviews, cross-validated across source plans.
The score ranks the targets of one plan for a source; the affinity is the same for all of them and
says how near the source's subject is to that plan's: a unit of a food or road-safety plan reaches
e5-small cosines with a digital-education mesure (0.84 on average) that the score alone cannot tell from
a weak in-domain link (0.85), and was called "partial" at 0.70. (The score as a z-score among the
target's peers was measured as a second feature in session 6: not kept.) A calibration belongs to one
embedding model: the file maps model ids to calibrations. Labels are probability thresholds chosen
where the calibration is fit: ``partial`` from 0.5 (aligned more likely than not), ``strong`` from the
threshold that best separates strong from partial pairs.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from arrimage.logistic import Logistic

SHIPPED = Path(__file__).with_name("calibration.json")
FEATURES = ("score", "source_affinity")
LABELS = ("strong", "partial", "none")


class NotCalibrated(LookupError):
    """No calibration for the embedding model in use."""


@dataclass(frozen=True)
class Calibration:
    model_id: str
    logistic: Logistic
    strong: float  # probability from which a pair is "strong"
    partial: float  # probability from which a pair is "partial"
    about: dict = field(default_factory=dict)  # what it was fit on, when, and its figures

    def probabilities(self, scores: np.ndarray, affinities: np.ndarray) -> np.ndarray:
        """Of each pair's combined score and its source's affinity with the target's plan (arrays of one shape)."""
        rows = np.column_stack([np.ravel(np.asarray(scores, dtype=float)), np.ravel(np.asarray(affinities, dtype=float))])
        return self.logistic.probabilities(rows).reshape(np.shape(scores))

    def label(self, probability: float) -> str:
        return "strong" if probability >= self.strong else "partial" if probability >= self.partial else "none"

    def to_dict(self) -> dict:
        return {"logistic": asdict(self.logistic), "strong": self.strong, "partial": self.partial, "about": self.about}

    @classmethod
    def unfit(cls, model_id: str) -> Calibration:
        """A stand-in that lets the aligner score pairs so that a first calibration can be fit: its
        probabilities mean nothing."""
        return cls(model_id, Logistic(FEATURES, (0.0, 0.0), (1.0, 1.0), (1.0, 0.0), 0.0), 1.0, 1.0, {"unfit": True})

    @classmethod
    def from_dict(cls, model_id: str, raw: dict) -> Calibration:
        logistic = Logistic.from_dict(raw["logistic"])
        if logistic.features != FEATURES:
            raise NotCalibrated(f"the calibration of {model_id!r} uses features {list(logistic.features)}, this code "
                                f"computes {list(FEATURES)}: run `arrimage align calibrate`")
        return cls(model_id, logistic, float(raw["strong"]), float(raw["partial"]), raw.get("about", {}))


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def load_calibration(model_id: str, refit: Path | None = None) -> Calibration:
    """The calibration of ``model_id``: the one ``arrimage align calibrate`` wrote to ``refit``, else the
    one shipped with the code."""
    for path in (refit, SHIPPED):
        if path is not None and model_id in (found := _read(path)):
            return Calibration.from_dict(model_id, found[model_id])
    raise NotCalibrated(f"no alignment calibration for the embedding model {model_id!r}: run `arrimage align "
                        f"calibrate` on labelled pairs (eval/datasets/dev/alignment.jsonl)")


def save_calibration(calibration: Calibration, path: Path) -> Path:
    """Write (or replace) the calibration of its model in ``path``, keeping those of other models."""
    found = _read(path)
    found[calibration.model_id] = calibration.to_dict()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
