"""The vector index switches from exact search to HNSW at the size the scale benchmark
recommends (assistant/index/folder.py), and HNSW still finds the exact neighbours there."""

from __future__ import annotations

import faiss
import numpy as np
import pytest

from assistant.index import folder


def _unit(n: int, d: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    matrix = rng.standard_normal((n, d)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_small_collections_are_searched_exactly() -> None:
    index = folder.vector_index(_unit(500))
    assert isinstance(index, faiss.IndexFlatIP)


def test_large_collections_use_hnsw_with_the_same_top_neighbours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(folder, "HNSW_FROM", 1_000)
    matrix = _unit(3_000)
    index = folder.vector_index(matrix)
    assert isinstance(index, faiss.IndexHNSWFlat)
    assert index.hnsw.efSearch == folder.HNSW_EF_SEARCH
    queries = _unit(50, seed=1)
    flat = faiss.IndexFlatIP(32)
    flat.add(matrix)
    _, exact = flat.search(queries, 10)
    _, approx = index.search(queries, 10)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)])
    assert recall >= 0.95
