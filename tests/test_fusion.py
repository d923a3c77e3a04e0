import numpy as np
import pytest

from assistant.retrieval.fusion import rrf, weighted


def test_rrf_sums_reciprocal_ranks() -> None:
    fused = rrf({"dense": [3, 1, 2], "keyword": [1, 3]}, k=60)
    assert fused[1] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[3] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[2] == pytest.approx(1 / 63)


def test_rrf_weights_scale_each_ranking() -> None:
    fused = rrf({"a": [1], "b": [2]}, k=0, weights={"a": 2.0, "b": 0.5})
    assert fused == {1: 2.0, 2: 0.5}


def test_rrf_unweighted_name_counts_zero_when_weights_given() -> None:
    assert rrf({"a": [1], "b": [1]}, k=0, weights={"a": 1.0}) == {1: 1.0}


def test_weighted_sums_aligned_scores() -> None:
    out = weighted({"dense": [0.9, 0.8], "keyword": [0.2, 0.7]}, {"dense": 1.0, "keyword": 0.5})
    np.testing.assert_allclose(out, [1.0, 1.15], rtol=1e-6)


def test_weighted_of_nothing_is_empty() -> None:
    assert weighted({}, {}).shape == (0,)
