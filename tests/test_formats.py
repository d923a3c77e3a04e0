"""Source files in the encodings and formats people actually have."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.report.documents import load_documents, parse_document
from assistant.text.formats import read_paragraphs, text_paragraphs

TEXT = "一、总体情况\n我镇召开会议，研究法治工作。\n二、存在问题\n法治意识有待提升。"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom", "crlf", "gbk-crlf"],
)
def test_encodings_and_line_endings_give_the_same_paragraphs(encoded: bytes) -> None:
    assert read_paragraphs("r.txt", encoded) == [
        (1, "一、总体情况"), (2, "我镇召开会议，研究法治工作。"),
        (3, "二、存在问题"), (4, "法治意识有待提升。"),
    ]  # fmt: skip


def test_hard_wrapped_blocks_are_joined_and_numbered_by_their_first_line() -> None:
    text = "我镇召开\n会议。\n\nThe town\nheld a meeting.\n\n\n完。"
    assert text_paragraphs(text) == [
        (1, "我镇召开会议。"),
        (4, "The town held a meeting."),
        (8, "完。"),
    ]


def test_one_paragraph_per_line_keeps_line_numbers_even_with_blank_lines() -> None:
    assert text_paragraphs("甲\n\n乙\n\n丙") == [(1, "甲"), (3, "乙"), (5, "丙")]


def test_docx_paragraphs_are_numbered_among_non_empty_ones() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text in ["一、总体情况", "", "我鎮召開會議。"]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_document("r.docx", buffer.getvalue())
    assert [(p.number, p.text) for p in parsed.paragraphs] == [
        (1, "一、总体情况"),
        (2, "我镇召开会议。"),
    ]


def test_a_broken_docx_or_pdf_says_so() -> None:
    with pytest.raises(AssistantError, match=r"not a readable \.docx"):
        read_paragraphs("r.docx", b"not a zip")
    with pytest.raises(AssistantError, match="not a readable PDF"):
        read_paragraphs("r.pdf", b"%PDF-garbage")


def test_a_binary_file_is_refused_with_advice(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 64)
    with pytest.raises(AssistantError, match="convert it to UTF-8"):
        load_documents(tmp_path)


def test_sources_are_read_not_written(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.encode("gbk"))
    before = path.read_bytes(), path.stat().st_mtime_ns
    load_documents(tmp_path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
