"""The learned parts of the extractive answerer, read from ``answer/model.json``: a logistic regression
that gives each candidate sentence the probability that it answers, one that gives each question the
probability that the plans answer it, one that gives it the probability that it follows on from the
question before, the abstention threshold and how many passages an answer cites.

``arrimage eval fit-answerer`` fits them on the opened question sets (scikit-learn, cross-validated
by question) and writes the file with what it was fit on and its cross-validated figures; nothing in
it is set by hand. Applying a model needs only numpy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from arrimage.logistic import Logistic

MODEL_PATH = Path(__file__).with_name("model.json")


class ModelError(RuntimeError):
    """A model file that does not fit the features this code computes."""


@dataclass(frozen=True)
class AnswerModel:
    sentence: Logistic
    answerability: Logistic
    follow_up: Logistic  # the probability that a question follows on from the one before (``followup.py``)
    threshold: float  # abstain below this probability that the plans answer
    passages: int  # passages an answer cites at most (one sentence each, lists aside)
    floor: float  # a further passage is cited when its best sentence reaches floor × the first passage's
    about: dict = field(default_factory=dict)  # what it was fit on, when, and its cross-validated figures

    def save(self, path: Path = MODEL_PATH) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _logistic(raw: dict, expected: Sequence[str], name: str) -> Logistic:
    model = Logistic.from_dict(raw)
    if model.features != tuple(expected):
        raise ModelError(f"{MODEL_PATH}: the {name} model was fit on features {list(model.features)}, this code computes "
                         f"{list(expected)}: refit it with `arrimage eval fit-answerer`")
    return model


@cache
def load(path: Path = MODEL_PATH) -> AnswerModel:
    from .features import QUESTION_FEATURES, SENTENCE_FEATURES
    from .followup import FOLLOW_UP_FEATURES

    raw = json.loads(path.read_text(encoding="utf-8"))
    return AnswerModel(
        sentence=_logistic(raw["sentence"], SENTENCE_FEATURES, "sentence"),
        answerability=_logistic(raw["answerability"], QUESTION_FEATURES, "answerability"),
        follow_up=_logistic(raw["follow_up"], FOLLOW_UP_FEATURES, "follow-up"),
        threshold=float(raw["threshold"]),
        passages=int(raw["passages"]),
        floor=float(raw["floor"]),
        about=raw.get("about", {}),
    )
