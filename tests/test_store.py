"""The index on disk: rebuilt when its inputs change, never left half-written."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.index.folder import current_build, load_build
from assistant.index.store import open_index
from assistant.report.chunks import answer_sentences, window_spans

from .conftest import REPORT

pytestmark = pytest.mark.slow


class CountingEncoder:
    """The real embedder, counting how many passages it is asked to embed."""

    def __init__(self, embedder) -> None:  # type: ignore[no-untyped-def]
        self.inner = embedder
        self.model_id = embedder.model_id
        self.dimension = embedder.dimension
        self.passages = 0

    def encode_passages(self, texts, *, progress=False, batch_size=32):  # type: ignore[no-untyped-def]
        self.passages += len(texts)
        return self.inner.encode_passages(texts, progress=progress, batch_size=batch_size)


class MemoEncoder:
    """The real embedder, remembering passages it has embedded (these tests rebuild often)."""

    def __init__(self, embedder) -> None:  # type: ignore[no-untyped-def]
        self.inner = embedder
        self.model_id = embedder.model_id
        self.dimension = embedder.dimension
        self.memo: dict[str, np.ndarray] = {}

    def encode_passages(self, texts, *, progress=False, batch_size=32):  # type: ignore[no-untyped-def]
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            vectors = self.inner.encode_passages(todo, progress=progress, batch_size=batch_size)
            self.memo.update(zip(todo, vectors, strict=True))
        return np.stack([self.memo[t] for t in texts])


@pytest.fixture(scope="module")
def memo(embedder) -> MemoEncoder:  # type: ignore[no-untyped-def]
    return MemoEncoder(embedder)


@pytest.fixture
def workspace(tmp_path: Path) -> Settings:
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(REPORT, source / REPORT.name)
    return Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)


def test_built_once_then_reused(workspace: Settings, memo: MemoEncoder) -> None:
    encoder = CountingEncoder(memo)
    first = open_index(workspace, encoder)
    built = encoder.passages
    assert len(first.chunks) >= 40
    assert built == len(first.chunks) + len(first.sentences)  # each chunk and its sentences
    second = open_index(workspace, encoder)
    assert encoder.passages == built
    assert second.path == first.path
    assert len(first.vectors) == len(first.chunks)
    assert first.faiss_index is None and not (first.path / "faiss.index").exists()  # exact


def test_a_changed_source_triggers_a_rebuild_of_that_document_only(
    workspace: Settings, memo: MemoEncoder
) -> None:
    encoder = CountingEncoder(memo)
    before = open_index(workspace, encoder)
    other = workspace.source_dir / "another.txt"
    other.write_text("一、总体情况\n我镇今年新建了三座公园。\n", encoding="utf-8")
    embedded = encoder.passages
    after = open_index(workspace, encoder)
    assert after.path != before.path
    assert encoder.passages - embedded == 2  # only the new document's chunk and its sentence
    assert {d.name for d in after.documents} == {REPORT.name, "another.txt"}
    report = workspace.source_dir / REPORT.name
    report.write_bytes(report.read_bytes() + "\n新增一段：我镇新增了一个公园。".encode())
    latest = open_index(workspace, encoder)
    assert latest.path != after.path
    assert any("新增了一个公园" in c.text for c in latest.chunks)


def test_every_chunk_has_the_vectors_of_its_own_sentences(
    workspace: Settings, memo: MemoEncoder
) -> None:
    index = open_index(workspace, memo)
    other = workspace.source_dir / "another.txt"
    other.write_text("一、总体情况\n我镇今年新建了三座公园。全镇共有十个村。\n", encoding="utf-8")
    index = open_index(workspace, memo)  # the report's vectors reused, the new file embedded
    assert len(index.sentence_offsets) == len(index.chunks) + 1
    for chunk in (index.chunks[0], index.chunks[25], index.chunks[-1]):
        texts = chunk.sentence_texts(workspace.chunking)
        assert len(texts) == len(answer_sentences(chunk.text)) >= 2
        expected = np.stack([memo.memo[t] for t in texts])
        assert np.allclose(index.sentence_vectors(chunk.id), expected, atol=1e-6)
    assert load_build(index.path).sentences.shape == index.sentences.shape
    chunk = index.chunks[25]
    spans = window_spans(chunk.text)
    (first,) = spans[0]  # the first window is a single sentence
    question = index.sentence_vectors(chunk.id)[first]  # a "question" equal to that sentence
    cosines = index.window_cosines(chunk.id, question)
    assert len(cosines) == len(spans)
    assert cosines[0] == pytest.approx(1.0, abs=1e-5)


def test_a_changed_chunk_setting_triggers_a_rebuild(workspace: Settings, memo: MemoEncoder) -> None:
    before = open_index(workspace, memo)
    changed = replace(workspace, chunking=replace(workspace.chunking, max_chars=120))
    after = open_index(changed, memo)
    assert after.path != before.path
    assert len(after.chunks) > len(before.chunks)


@pytest.mark.parametrize("damaged", ["tokens.npy", "chunks.jsonl", "meta.json", "vectors.npy"])
def test_a_corrupt_index_file_is_reported_then_rebuilt(
    workspace: Settings,
    memo: MemoEncoder,
    damaged: str,  # type: ignore[no-untyped-def]
) -> None:
    built = open_index(workspace, memo)
    (built.path / damaged).write_bytes(b"\x00garbage")
    with pytest.raises(AssistantError, match="assistant index"):
        load_build(built.path)
    rebuilt = open_index(workspace, memo)
    assert len(rebuilt.chunks) == len(built.chunks)
    assert len(rebuilt.vectors) == len(built.chunks)


def test_an_interrupted_build_leaves_the_previous_index_serving(
    workspace: Settings,
    memo: MemoEncoder,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    built = open_index(workspace, memo)
    (workspace.source_dir / "new.txt").write_text("我镇新建了公园。", encoding="utf-8")

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr("numpy.save", crash)
    with pytest.raises(KeyboardInterrupt):
        open_index(workspace, memo)
    assert current_build(workspace.index_dir) == built.path
    assert load_build(built.path).chunks == built.chunks
    assert not list(workspace.index_dir.glob(".tmp-*"))
