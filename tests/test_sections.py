"""Questions that name a numbered part of the report ('第七部分讲的是什么？')."""

from __future__ import annotations

import pytest

from assistant.report.outline import lead
from assistant.report.parts import asks_title, cjk_number, part_number, referenced_part


def test_chinese_numerals() -> None:
    assert [cjk_number(t) for t in ("一", "六", "十", "十二", "二十", "二十三")] == [
        1, 6, 10, 12, 20, 23
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("报告第六部分的标题是什么？", 6),
        ("報告第四部分主要講了哪些情況？", 4),
        ("第十二章讲了什么", 12),
        ("第3部分说了什么？", 3),
        ("What does part 2 of the report cover?", 2),
        ("What does the seventh section say?", 7),
        ("第十三届中学生法律知识竞赛拿了第几名？", None),  # 第十三届 is an edition, not a part
        ("第一责任人职责是什么？", None),
        ("存在哪些不足？", None),
    ],
)
def test_referenced_part(question: str, part: int | None) -> None:
    assert referenced_part(question) == part


def test_part_headings_and_titles() -> None:
    assert part_number("六、2022年度推进法治政府建设的主要举措和成效") == 6
    assert part_number("（一）依法全面履行政府职能") is None
    assert part_number("1.职权法定，依法规范本镇行政机关的职能和权限。") is None
    assert asks_title("报告第六部分的标题是什么？")
    assert not asks_title("报告第七部分讲的是什么？")
    assert (
        lead("1.法治意识有待进一步提升。部分公职人员缺乏对法律的尊崇。")
        == "1.法治意识有待进一步提升"
    )


@pytest.mark.slow
def test_a_title_question_is_answered_by_the_heading(engine) -> None:  # type: ignore[no-untyped-def]
    response = engine.ask("报告第六部分的标题是什么？")
    assert response.answer.text == "六、2022年度推进法治政府建设的主要举措和成效[1]"
    assert response.passages[0].chunk.paragraph == 22
    assert [c.paragraph for c in response.answer.citations] == [22]
    assert not response.answer.abstained


@pytest.mark.slow
def test_a_part_question_lists_the_points_of_that_part(engine) -> None:  # type: ignore[no-untyped-def]
    response = engine.ask("What does the seventh part of the report say?", k=5)
    assert response.answer.text.startswith("七、存在的不足和原因[1]：1.法治意识有待进一步提升[2]")
    assert [c.paragraph for c in response.answer.citations] == [49, 50, 51, 52]
    assert {h.chunk.paragraph for h in response.passages[:3]} == {50, 51, 52}


@pytest.mark.slow
def test_a_part_the_report_does_not_have_is_searched_as_usual(engine) -> None:  # type: ignore[no-untyped-def]
    response = engine.ask("报告第十九部分讲了什么？")
    assert not response.answer.text.startswith("十九、")


@pytest.mark.slow
def test_the_heading_passage_shows_the_relevance_of_its_part(engine) -> None:  # type: ignore[no-untyped-def]
    passages = engine.ask("报告第六部分的标题是什么？").passages
    assert [h.rank for h in passages] == [1, 2, 3]
    assert passages[0].score == passages[1].score > 0  # not a bare 0.000 "relevance"
