"""The learned judge's file and arithmetic (answering/judge.py), without a model."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from assistant.answering.evidence import FEATURES, Evidence
from assistant.answering.judge import Judge
from assistant.evaluation.judge_fit import choose_cut

N = len(FEATURES)


def _judge(weights: tuple[float, ...], bias: float = 0.0, cut: float = 0.5) -> Judge:
    return Judge("m", (0.0,) * N, (1.0,) * N, weights, bias, cut)


def test_probability_is_a_logistic_of_the_standardised_features() -> None:
    coverage = FEATURES.index("coverage")
    weights = tuple(2.0 if i == coverage else 0.0 for i in range(N))
    values = tuple(0.5 if i == coverage else 0.0 for i in range(N))
    judge = _judge(weights, bias=-1.0)
    assert judge.probability(Evidence(values)) == pytest.approx(1 / (1 + math.exp(0.0)))
    assert judge.answers(Evidence(values))  # 0.5 >= cut 0.5


def test_a_file_round_trips_and_is_refused_for_another_model_or_features(tmp_path: Path) -> None:
    path = tmp_path / "judge.json"
    judge = _judge(tuple(float(i) for i in range(N)), bias=0.25, cut=0.3)
    path.write_text(json.dumps(judge.to_dict()), encoding="utf-8")
    assert Judge.load("m", path) == judge
    assert Judge.load("other-model", path) is None
    stale = {**judge.to_dict(), "features": ["dense"]}
    path.write_text(json.dumps(stale), encoding="utf-8")
    assert Judge.load("m", path) is None
    assert Judge.load("m", tmp_path / "missing.json") is None


def test_evidence_must_have_every_feature() -> None:
    with pytest.raises(ValueError, match="features"):
        Evidence((1.0,))


def test_the_cut_refuses_at_most_two_percent_of_right_answers() -> None:
    right = np.linspace(0.0, 1.0, 101)
    probabilities = np.concatenate([right, np.zeros(50)])
    labels = np.concatenate([np.ones(101, dtype=np.int64), np.zeros(50, dtype=np.int64)])
    gold = np.ones(151, dtype=bool)
    cut = choose_cut(probabilities, labels, gold)
    assert cut == pytest.approx(0.02)
    assert np.mean(right < cut) <= 0.02
