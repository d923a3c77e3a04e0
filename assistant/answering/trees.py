"""Gradient-boosted regression trees, evaluated without the library that fitted them.

A fitted file stores each tree as flat node lists; a row's score is the base plus the value
of the leaf it reaches in every tree (at each split, a value at or below the threshold goes
left). `evaluation/highlight_fit.py` exports scikit-learn's HistGradientBoostingClassifier
into this form and checks, when it fits, that both give the same scores; at question time
only this module runs: no scikit-learn, a few microseconds per row.

    trees = Trees.from_dict(data)
    trees.score((0.3, 1.0, …))  -> 1.72          # the log-odds the classifier would give
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tree:
    # Per node: the feature split on (-1 at a leaf), its threshold, the children, the value.
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaf_value(self, row: Sequence[float]) -> float:
        node = 0
        while self.feature[node] >= 0:
            if row[self.feature[node]] <= self.threshold[node]:
                node = self.left[node]
            else:
                node = self.right[node]
        return self.value[node]


@dataclass(frozen=True)
class Trees:
    base: float
    trees: tuple[Tree, ...]
    width: int  # the number of values a row must have

    def score(self, row: Sequence[float]) -> float:
        if len(row) != self.width:
            raise ValueError(f"a row of {len(row)} values for trees fitted on {self.width}")
        return self.base + sum(tree.leaf_value(row) for tree in self.trees)

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "width": self.width,
            "trees": [
                {
                    "feature": list(t.feature),
                    "threshold": list(t.threshold),
                    "left": list(t.left),
                    "right": list(t.right),
                    "value": list(t.value),
                }
                for t in self.trees
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trees:
        width = int(data["width"])
        trees = []
        for t in data["trees"]:
            tree = Tree(
                tuple(int(x) for x in t["feature"]),
                tuple(float(x) for x in t["threshold"]),
                tuple(int(x) for x in t["left"]),
                tuple(int(x) for x in t["right"]),
                tuple(float(x) for x in t["value"]),
            )
            _check(tree, width)
            trees.append(tree)
        return cls(float(data["base"]), tuple(trees), width)


def _check(tree: Tree, width: int) -> None:
    """A damaged file fails when it loads, not in the middle of a question."""
    size = len(tree.feature)
    if not size or any(
        len(column) != size for column in (tree.threshold, tree.left, tree.right, tree.value)
    ):
        raise ValueError("a tree's node lists differ in length")
    for node in range(size):
        if tree.feature[node] >= width:
            raise ValueError("a tree splits on a feature the rows do not have")
        if tree.feature[node] >= 0 and not (
            node < tree.left[node] < size and node < tree.right[node] < size
        ):
            raise ValueError("a tree's children are out of order")
