"""The learned ranking weights: the file, how they enter the search, and the fit itself."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.config import SearchSettings
from assistant.evaluation import ranker_fit
from assistant.model.build import MODEL_ID
from assistant.retrieval.ranker import FEATURES, Ranker, apply, load_ranker


def test_the_shipped_ranker_is_for_the_bundled_model_and_small() -> None:
    path = Path(ranker_fit.__file__).resolve().parents[1] / "ranker.json"
    assert path.stat().st_size < 5_000
    ranker = load_ranker(MODEL_ID)
    assert ranker is not None and ranker.weight("dense") == 1.0
    assert all(w > 0 for w in ranker.weights)  # every kind of evidence counts for something
    assert json.loads(path.read_text(encoding="utf-8"))["command"] == "assistant fit-ranker"
    assert load_ranker("some/other-model") is None


def test_weights_enter_the_weighted_search_only(tmp_path: Path) -> None:
    ranker = Ranker(MODEL_ID, (1.0, 0.4, 0.1, 2.0, 0.3))
    search = apply(SearchSettings(), ranker)
    assert (search.dense_weight, search.keyword_weight, search.late_weight) == (1.0, 0.4, 2.0)
    assert search.typed_weight == 0.3
    assert search.keyword_weight * search.section_weight == pytest.approx(0.1)
    assert apply(SearchSettings(), None) == SearchSettings()
    assert apply(replace(SearchSettings(), fusion="rrf"), ranker).keyword_weight == 0.5
    other = tmp_path / "ranker.json"
    other.write_text(json.dumps({"model_id": MODEL_ID, "weights": {"dense": 1.0}}), "utf-8")
    assert load_ranker(MODEL_ID, other) is None  # fitted on other features: not used
    other.write_text("{not json", "utf-8")
    assert load_ranker(MODEL_ID, other) is None


def test_the_pairwise_fit_finds_the_evidence_that_ranks_gold_first() -> None:
    """Synthetic queries where only keyword and late separate the gold (row 0)."""
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(200):
        group = rng.uniform(0, 1, size=(6, len(FEATURES)))
        group[0, FEATURES.index("keyword")] += 0.5
        group[0, FEATURES.index("late")] += 0.3
        groups.append(group)
    weights = ranker_fit.fit_weights({"synthetic": groups, "more": groups[:50]})
    assert weights[FEATURES.index("dense")] == 1.0
    assert weights[FEATURES.index("keyword")] > weights[FEATURES.index("section")]
    assert ranker_fit.top1(groups, weights) > ranker_fit.top1(groups, (1.0, 0.0, 0.0, 0.0, 0.0))


def test_self_supervised_queries_never_use_the_test_reports() -> None:
    files, queries = ranker_fit.report_queries()
    assert files and len(queries) > 200
    assert not {"gov-2019.txt", "gov-2024.txt"} & set(files)
    for query in queries[:50]:  # the sentence was taken out of the paragraph it asks for
        lines = files[query.document].split("\n")
        assert query.paragraph is not None and query.text not in lines[query.paragraph - 1]
    assert ranker_fit.report_queries() == (files, queries)  # the same every time
