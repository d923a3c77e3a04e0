"""Boosted trees evaluated without scikit-learn: what a fitted file means."""

from __future__ import annotations

import pytest

from assistant.answering.trees import Trees

# One tree: x0 <= 0.5 → leaf 1.0; else x1 <= 2 → leaf -1.0, else leaf 3.0. Base 0.25.
DATA = {
    "base": 0.25,
    "width": 2,
    "trees": [
        {
            "feature": [0, -1, 1, -1, -1],
            "threshold": [0.5, 0.0, 2.0, 0.0, 0.0],
            "left": [1, 0, 3, 0, 0],
            "right": [2, 0, 4, 0, 0],
            "value": [0.0, 1.0, 0.0, -1.0, 3.0],
        }
    ],
}


def test_a_row_takes_the_base_plus_its_leaves() -> None:
    trees = Trees.from_dict(DATA)
    assert trees.score((0.5, 9.0)) == 1.25  # at the threshold: left
    assert trees.score((0.6, 2.0)) == -0.75
    assert trees.score((0.6, 2.1)) == 3.25
    assert Trees.from_dict(trees.to_dict()) == trees


def test_a_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="2"):
        Trees.from_dict(DATA).score((1.0,))


@pytest.mark.parametrize(
    ("field", "value"),
    [("left", [0, 0, 3, 0, 0]), ("right", [2, 0, 9, 0, 0]), ("feature", [2, -1, 1, -1, -1])],
)
def test_a_damaged_tree_fails_when_it_loads(field: str, value: list[int]) -> None:
    broken = {**DATA, "trees": [{**DATA["trees"][0], field: value}]}  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        Trees.from_dict(broken)
