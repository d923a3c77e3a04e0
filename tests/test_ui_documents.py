"""The document picker: with several reports, a question can be limited to one of them."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pytest

import ui
from assistant.config import Settings
from assistant.engine import Engine
from assistant.index.store import open_index
from assistant.ui.chat import ask

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_reports(embedder, tmp_path_factory: pytest.TempPathFactory) -> Engine:  # type: ignore[no-untyped-def]
    root: Path = tmp_path_factory.mktemp("two")
    source = root / "source"
    source.mkdir()
    (source / "a.txt").write_text("一、普法\n我镇举办法治讲座44场。\n", encoding="utf-8")
    (source / "b.txt").write_text("一、普法\n我镇举办法治讲座12场。\n", encoding="utf-8")
    settings = Settings(source_dir=source, index_dir=root / "index", progress=False)
    return Engine(settings, embedder, open_index(settings, embedder))


def test_a_question_limited_to_one_document_cites_only_it(two_reports: Engine) -> None:
    for name in ("a.txt", "b.txt"):
        exchange = ask(two_reports, "举办了多少场法治讲座？", (), name)
        assert {h.chunk.document for h in exchange.response.passages} == {name}
    both = ask(two_reports, "举办了多少场法治讲座？", ())
    assert {h.chunk.document for h in both.response.passages} == {"a.txt", "b.txt"}


def test_the_picker_lists_every_document(two_reports: Engine) -> None:
    demo = ui.build_demo(two_reports)
    pickers = [b for b in demo.blocks.values() if isinstance(b, gr.Dropdown)]
    assert len(pickers) == 1
    choices = [value for _, value in pickers[0].choices]
    assert choices == ["", "a.txt", "b.txt"]
    assert pickers[0].visible
