"""Fit boosted trees to pick one candidate of each group, and export them to `Trees`.

Shared by `assistant fit-highlight` (a group: the clauses of a sentence) and `assistant
fit-choice` (a group: the candidate windows of a question). Pointwise: scikit-learn's
HistGradientBoostingClassifier learns "this candidate holds the answer", each group weighted
the same however many candidates it has, on one thread (sums in one order: the same file on
any machine), no early stopping (no random validation split). The export is checked: it
must score every training row as scikit-learn does, or the fit fails saying so.

    trees = boosted(groups, {"max_iter": 100, …}, width, expand)   # expand: rows -> inputs
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from assistant.answering.trees import Tree, Trees
from assistant.errors import AssistantError

Expand = Callable[[list[tuple[float, ...]]], Sequence[Sequence[float]]]


class Candidates(Protocol):
    @property
    def rows(self) -> list[tuple[float, ...]]: ...

    @property
    def labels(self) -> list[int]: ...


def table(groups: Sequence[Candidates], expand: Expand) -> tuple[np.ndarray, ...]:
    """The inputs of every candidate, its label, and its weight (each group counts the same)."""
    x = np.array([row for g in groups for row in expand(g.rows)], dtype=np.float64)
    y = np.array([label for g in groups for label in g.labels], dtype=np.int64)
    w = np.array([1.0 / len(g.labels) for g in groups for _ in g.labels])
    return x, y, w * len(w) / w.sum()


def boosted(
    groups: Sequence[Candidates], params: Mapping[str, Any], width: int, expand: Expand
) -> Trees:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    x, y, w = table(groups, expand)
    if x.shape[1] != width:
        raise ValueError(f"rows of {x.shape[1]} inputs for trees of {width}")
    model = HistGradientBoostingClassifier(random_state=0, early_stopping=False, **params)
    with threadpool_limits(1):
        model.fit(x, y, sample_weight=w)
        expected = model.decision_function(x)
    trees = export(model, width)
    got = np.array([trees.score(row) for row in x])
    if not np.allclose(got, expected, atol=1e-4):
        raise AssistantError(
            "The exported trees score differently from scikit-learn's (largest gap "
            f"{np.abs(got - expected).max():.2g}): this scikit-learn stores its trees "
            "another way; fit with the version pyproject.toml's dev extra installs."
        )
    return trees


def export(model: Any, width: int) -> Trees:
    """scikit-learn's fitted trees (its `_predictors`: one per boosting round) as `Trees`."""
    exported = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        split = [not leaf for leaf in nodes["is_leaf"]]
        at = range(len(nodes))
        exported.append(
            Tree(
                tuple(int(nodes["feature_idx"][n]) if split[n] else -1 for n in at),
                tuple(float(nodes["num_threshold"][n]) if split[n] else 0.0 for n in at),
                tuple(int(nodes["left"][n]) if split[n] else 0 for n in at),
                tuple(int(nodes["right"][n]) if split[n] else 0 for n in at),
                tuple(0.0 if split[n] else round(float(nodes["value"][n]), 6) for n in at),
            )
        )
    base = round(float(np.ravel(model._baseline_prediction)[0]), 6)
    return Trees(base, tuple(exported), width)


def top1(
    groups: Sequence[Candidates], score: Callable[[list[tuple[float, ...]]], Sequence[float]]
) -> float:
    """Share of groups whose highest-scored candidate holds the answer (the first on a tie)."""
    hits = sum(g.labels[int(np.argmax(score(g.rows)))] for g in groups)
    return hits / len(groups) if groups else 0.0
