"""Marks from the chat: pure logic on hand-made exchanges, files in tmp_path (no model)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.answering.extract import Answer, Citation
from assistant.answering.followup import Resolved
from assistant.config import Settings
from assistant.engine import Response
from assistant.errors import AssistantError
from assistant.evaluation.questions import load_questions
from assistant.report.chunks import Chunk
from assistant.retrieval.search import Hit
from assistant.ui.chat import Exchange
from assistant.ui.marks import (
    Mark,
    append_mark,
    marks_file,
    next_id,
    parse_paragraph,
    right_mark,
    wrong_mark,
)

DOC = "report.txt"


def exchange(
    typed: str = "涉案金额呢？",
    query: str = "2022年镇村调委会受理了多少宗纠纷，涉案金额是多少？",
    *,
    cited: tuple[tuple[str, int], ...] = ((DOC, 43),),
    top: tuple[tuple[str, int], ...] = ((DOC, 43), (DOC, 42)),
    highlights: tuple[str, ...] = ("341.53万元",),
    abstained: bool = False,
) -> Exchange:
    hits = tuple(
        Hit(Chunk(i, d, n, (), f"¶{n}"), i + 1, 0.9, 0.9, 0.0, 0.0) for i, (d, n) in enumerate(top)
    )
    citations = tuple(Citation(i + 1, d, "", n) for i, (d, n) in enumerate(cited))
    answer = Answer("" if abstained else "…341.53万元[1]", highlights, citations, abstained, 0.9)
    return Exchange(typed, Resolved(query, "earlier"), Response(query, hits, answer, {}))


def test_a_right_answer_keeps_its_cited_paragraphs_and_highlight() -> None:
    mark = right_mark(exchange())
    assert mark == Mark("2022年镇村调委会受理了多少宗纠纷，涉案金额是多少？", (43,), "341.53万元")


def test_a_right_abstention_says_the_report_does_not_answer() -> None:
    assert right_mark(exchange(abstained=True, cited=(), highlights=())).paragraphs == ()


def test_a_right_answer_without_citations_takes_the_top_passage() -> None:
    assert right_mark(exchange(cited=(), highlights=())) == Mark(exchange().resolved.query, (43,))


def test_a_wrong_answer_takes_the_paragraph_given_or_none() -> None:
    assert wrong_mark(exchange(), 26).paragraphs == (26,)
    assert wrong_mark(exchange(), 26).answer == ""
    assert wrong_mark(exchange(), None).paragraphs == ()


def test_the_document_is_named_only_with_several_documents() -> None:
    two = exchange(cited=(("b.txt", 5),), top=(("b.txt", 5),))
    assert right_mark(two).document is None
    assert right_mark(two, several=True).document == "b.txt"
    assert wrong_mark(two, 7, several=True) == Mark(two.resolved.query, (7,), "", "b.txt")


@pytest.mark.parametrize(("text", "number"), [("¶26", 26), ("26", 26), (" 第 26 段 ", 26)])
def test_parse_paragraph(text: str, number: int) -> None:
    assert parse_paragraph(text) == number


@pytest.mark.parametrize("text", ["", "  ", "¶0", "abc", "26, 27", "-3"])
def test_a_bad_paragraph_number_is_one_chinese_line(text: str) -> None:
    with pytest.raises(AssistantError, match="请填写正确的段落编号") as error:
        parse_paragraph(text)
    assert "\n" not in str(error.value)


def test_marks_append_lines_that_load_as_a_question_file(tmp_path: Path) -> None:
    path = tmp_path / "marks.jsonl"
    first = append_mark(path, right_mark(exchange()))
    second = append_mark(path, wrong_mark(exchange(), None))
    assert (first.id, second.id) == ("m001", "m002")
    loaded = load_questions(path)
    assert [(q.id, q.paragraphs, q.answer) for q in loaded] == [
        ("m001", (43,), "341.53万元"),
        ("m002", (), ""),
    ]
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") == 2 and "341.53万元" in text  # UTF-8, not \\u escapes


def test_ids_continue_the_file_and_earlier_lines_stay(tmp_path: Path) -> None:
    path = tmp_path / "marks.jsonl"
    earlier = (
        '{"id": "m007", "question": "甲？", "paragraphs": [1], "answer": ""}\n'
        '{"id": "own", "question": "乙？", "paragraphs": [], "answer": ""}'  # no final newline
    )
    path.write_text(earlier, encoding="utf-8")
    assert next_id(path) == "m008"
    append_mark(path, wrong_mark(exchange(), 3))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "\n".join(lines[:2]) == earlier and lines[2].startswith('{"id": "m008"')
    assert [q.id for q in load_questions(path)] == ["m007", "own", "m008"]


def test_marks_at_once_get_distinct_ids(tmp_path: Path) -> None:
    path = tmp_path / "marks.jsonl"
    threads = [
        threading.Thread(target=append_mark, args=(path, wrong_mark(exchange(), n)))
        for n in range(1, 9)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [q.id for q in load_questions(path)]  # load_questions refuses a repeated id
    assert sorted(ids) == [f"m{n:03d}" for n in range(1, 9)]


def test_the_default_file_is_in_the_index_folder_never_the_question_set(tmp_path: Path) -> None:
    settings = Settings(source_dir=tmp_path / "source", index_dir=tmp_path / "index")
    assert marks_file(settings) == tmp_path / "index" / "marked-questions.jsonl"
    assert marks_file(settings, tmp_path / "mine.jsonl") == tmp_path / "mine.jsonl"
    with pytest.raises(AssistantError, match="fixed question set"):
        marks_file(settings, tmp_path / "source" / "questions.jsonl")


def test_an_unwritable_marks_file_is_one_chinese_line(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.jsonl"
    folder.mkdir()
    with pytest.raises(AssistantError, match="标记文件"):
        append_mark(folder, wrong_mark(exchange(), 3))
