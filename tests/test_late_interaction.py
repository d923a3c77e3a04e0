"""Late interaction: MaxSim over stored token states re-ranks the best candidates."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.index.folder import load_build
from assistant.index.store import open_index
from assistant.retrieval.late import maxsim, maxsims
from assistant.retrieval.search import Searcher

from .conftest import REPORT


def test_maxsim_is_the_mean_of_each_question_tokens_best_match() -> None:
    question = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    passage = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, -1.0]], dtype=np.float16)
    assert maxsim(question, passage) == pytest.approx((1.0 + 0.8) / 2, abs=1e-3)
    assert maxsim(question, passage[:0]) == 0.0
    assert maxsim(question[:0], passage) == 0.0


@pytest.mark.slow
def test_the_index_keeps_each_chunks_token_states(engine, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    index = engine.index
    assert index.has_token_states
    assert len(index.token_offsets) == len(index.chunks) + 1
    chunk = index.chunks[25]
    text = chunk.embedding_text(settings.chunking)
    _, (expected,) = engine.embedder.encode_passage_tokens([text])
    stored = index.chunk_tokens(chunk.id)
    assert stored.dtype == np.float16 and stored.shape == expected.shape
    assert float((stored.astype(np.float32) * expected).sum(axis=1).min()) > 0.999


@pytest.mark.slow
def test_late_interaction_finds_the_paragraph_the_pooled_vector_misses(engine) -> None:  # type: ignore[no-untyped-def]
    """The English question from the answer-quality issue: pooled vectors put the 299份
    paragraph (¶32) first; matching token by token puts the 205宗 one (¶26) first."""
    question = "How many free legal consultations did village legal advisers provide in 2022?"
    searcher = engine.searcher
    assert searcher.late_interaction
    hits = searcher.search(question, 3)
    assert hits[0].chunk.paragraph == 26 and hits[0].late > 0.5
    pooled = Searcher(engine.index, engine.embedder, replace(searcher.settings, late_weight=0.0))
    assert not pooled.late_interaction
    assert pooled.search(question, 3)[0].chunk.paragraph != 26
    assert all(h.late == 0.0 for h in pooled.search(question, 3))
    assert "205宗" in engine.ask(question).answer.text


class VectorsOnly:
    """The real embedder without token states (as any --model through sentence-transformers)."""

    token_states = False

    def __init__(self, embedder) -> None:  # type: ignore[no-untyped-def]
        self.inner = embedder
        self.model_id = embedder.model_id
        self.dimension = embedder.dimension

    def encode_passages(self, texts, *, progress=False, batch_size=32):  # type: ignore[no-untyped-def]
        return self.inner.encode_passages(texts, progress=progress, batch_size=batch_size)

    def encode_queries(self, texts):  # type: ignore[no-untyped-def]
        return self.inner.encode_queries(texts)


@pytest.fixture
def workspace(tmp_path: Path) -> Settings:
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(REPORT, source / REPORT.name)
    return Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)


@pytest.mark.slow
def test_an_encoder_without_token_states_ranks_without_late_interaction(
    embedder,  # type: ignore[no-untyped-def]
    workspace: Settings,
) -> None:
    plain = VectorsOnly(embedder)
    index = open_index(workspace, plain)
    assert not index.has_token_states and int(index.token_offsets[-1]) == 0
    searcher = Searcher(index, plain, workspace.search)
    assert not searcher.late_interaction
    assert searcher.search("法律顾问提供了多少宗免费法律咨询", 3)[0].chunk.paragraph == 26
    # The same index opened with the token-state encoder is rebuilt with token states.
    rebuilt = open_index(workspace, embedder)
    assert rebuilt.path != index.path and rebuilt.has_token_states


@pytest.mark.slow
def test_unchanged_documents_keep_their_token_states_and_damage_is_found(
    embedder,  # type: ignore[no-untyped-def]
    workspace: Settings,
) -> None:
    first = open_index(workspace, embedder)
    before = np.array(first.chunk_tokens(10))
    (workspace.source_dir / "another.txt").write_text(
        "一、总体情况\n我镇今年新建了三座公园。\n", encoding="utf-8"
    )
    second = open_index(workspace, embedder)  # the report's states reused, the new file's made
    assert len(second.token_offsets) == len(second.chunks) + 1
    names = [d.name for d in second.documents]
    offset = second.documents[names.index(REPORT.name)].first_chunk
    assert np.array_equal(np.array(second.chunk_tokens(offset + 10)), before)
    (second.path / "token_counts.npy").write_bytes(b"\x00garbage")
    with pytest.raises(AssistantError, match="assistant index"):
        load_build(second.path)
    np.save(second.path / "token_counts.npy", np.zeros(len(second.chunks), dtype=np.int64) + 1)
    with pytest.raises(AssistantError, match="inconsistent"):
        load_build(second.path)
    assert open_index(workspace, embedder).has_token_states  # rebuilt from the sources


def test_maxsims_scores_several_passages_as_maxsim_does_one_by_one() -> None:
    rng = np.random.default_rng(1)
    question = rng.normal(size=(5, 8)).astype(np.float32)
    states = rng.normal(size=(30, 8)).astype(np.float16)
    offsets = [(0, 7), (7, 7), (7, 20), (25, 30)]  # the second passage has no tokens
    expected = [maxsim(question, states[a:b]) for a, b in offsets]
    assert np.allclose(maxsims(question, states, offsets), expected, atol=1e-5)
    assert maxsims(question[:0], states, offsets).tolist() == [0.0] * 4
