"""What becomes a searchable chunk (report/chunks.py)."""

from __future__ import annotations

from pathlib import Path

from assistant.config import ChunkSettings
from assistant.report.chunks import chunk_document
from assistant.report.documents import load_documents


def _document(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (document,) = load_documents(tmp_path)
    return document


def test_latin_only_lines_of_a_chinese_report_are_shown_but_never_searched(tmp_path: Path) -> None:
    """A scraped page's licence line ('Public domain Public domain false false') was the
    answer to an English question about the 2021 report."""
    document = _document(
        tmp_path,
        "政府工作报告\n一、工作回顾\n今年赤字率拟按3.2%左右安排。\n"
        "Public domain Public domain false false\nhttps://zh.wikisource.org/wiki/x\n",
    )
    numbers = [p.number for p in document.paragraphs]
    assert len(numbers) == 5  # every line keeps its ¶n for the report view
    searched = {c.paragraph for c in chunk_document(document, ChunkSettings())}
    assert 3 in searched and not searched & {4, 5}


def test_an_english_document_is_searched_whole(tmp_path: Path) -> None:
    document = _document(tmp_path, "Annual report\nThe deficit target is 3 percent.\n")
    assert {c.paragraph for c in chunk_document(document, ChunkSettings())} >= {2}
