"""Fusion of ranked evidence: pure functions over scores, no model, no index.

Two ways, chosen in the settings and compared by `assistant eval --ablation`:

    rrf({'dense': [3, 1, 2], 'keyword': [1, 3]}, k=60)
        -> {1: 1/62 + 1/61, 3: 1/61 + 1/62, 2: 1/63}
    weighted({'dense': [0.9, 0.8], 'keyword': [0.2, 0.7]}, {'dense': 1.0, 'keyword': 0.5})
        -> [1.0, 1.15]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray


def rrf(
    rankings: Mapping[str, Sequence[int]],
    *,
    k: float = 60.0,
    weights: Mapping[str, float] | None = None,
) -> dict[int, float]:
    """Reciprocal-rank fusion: sum over rankings of weight / (k + rank), ranks from 1."""
    fused: dict[int, float] = {}
    for name, ranking in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 0.0)
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused


def weighted(
    scores: Mapping[str, Sequence[float] | NDArray[np.float32]],
    weights: Mapping[str, float],
) -> NDArray[np.float32]:
    """Weighted sum of aligned score vectors (each already on a comparable scale)."""
    total: NDArray[np.float32] | None = None
    for name, values in scores.items():
        part = np.asarray(values, dtype=np.float32) * np.float32(weights.get(name, 0.0))
        total = part if total is None else total + part
    if total is None:
        return np.zeros(0, dtype=np.float32)
    return total
