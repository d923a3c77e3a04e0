"""A learned "does the shown answer answer the question?": logistic regression over
`Evidence`, fitted by `assistant fit-judge` on CMRC 2018 trial + DRCD test questions (with
their gold passage, and with it removed: then nothing answers them), never on this
project's own question sets.

The fitted file (a few KB) holds the feature names, their means and scales, the weights,
and the cut chosen on the training data. Inference is a dot product; scikit-learn is needed
only to refit. None ships: measured on the town report and the 2024 report it refused many
answerable questions (docs/evaluation.md); `ASSISTANT_JUDGE=FILE` makes the engine use one.

    judge = Judge.load(model_id, path)      # None when the file is missing or for another model
    judge.probability(evidence)  -> 0.93    # shown as the answer's confidence
    judge.answers(evidence)      -> True    # probability >= judge.cut
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.answering.evidence import FEATURES, Evidence


@dataclass(frozen=True)
class Judge:
    model_id: str
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    cut: float

    def probability(self, evidence: Evidence) -> float:
        z = self.bias + sum(
            w * (v - m) / s
            for w, v, m, s in zip(self.weights, evidence.values, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def answers(self, evidence: Evidence) -> bool:
        return self.probability(evidence) >= self.cut

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_id": self.model_id,
            "features": list(FEATURES),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "cut": self.cut,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Judge:
        if list(data["features"]) != list(FEATURES):
            raise ValueError("the judge was fitted on other features: refit it")
        return cls(
            str(data["model_id"]),
            tuple(float(x) for x in data["mean"]),
            tuple(float(x) for x in data["scale"]),
            tuple(float(x) for x in data["weights"]),
            float(data["bias"]),
            float(data["cut"]),
        )

    @classmethod
    def load(cls, model_id: str, path: Path) -> Judge | None:
        """The fitted judge for `model_id`; None when there is none (another model: the
        calibrated threshold is used instead)."""
        try:
            text = path.read_text(encoding="utf-8")
            judge = cls.from_dict(json.loads(text))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return judge if judge.model_id == model_id else None
