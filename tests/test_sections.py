"""Questions that name a numbered part of the report ('第七部分讲的是什么？')."""

from __future__ import annotations

import pytest

from assistant.answering.named_part import named_heading
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


TOWN_PARTS = (
    "一、深入学习贯彻党的二十大精神，深刻领会新时代推进法治中国建设战略部署的情况",
    "五、学习宣传贯彻新施行、新修订法律法规的情况",
    "六、2022年度推进法治政府建设的主要举措和成效",
    "七、存在的不足和原因",
    "八、下一年度推进法治政府建设的主要安排",
)
TOWN_TITLE = "大涌镇2022年度法治政府建设情况报告"


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("存在哪些不足？", "七、存在的不足和原因"),
        ("报告认为大涌镇法治政府建设存在哪些不足？", "七、存在的不足和原因"),
        ("下一年度有哪些主要安排？", "八、下一年度推进法治政府建设的主要安排"),
        ("主要举措和成效有哪些？", "六、2022年度推进法治政府建设的主要举措和成效"),
        ("有哪些措施？", None),  # too few words to name a part
        ("大涌鎮的法治宣傳存在什麼不足？", None),  # 宣传 is not in the heading: one point
        ("执法事项下沉到镇里遇到了什么问题？", None),
        ("下一年度的主要安排里有多少项？", None),  # a count has one answer
        ("存在的不足有哪些内容？", "七、存在的不足和原因"),  # 内容 names no part's words
    ],
)
def test_a_part_named_by_its_headings_words(question: str, part: str | None) -> None:
    assert named_heading(question, TOWN_PARTS, TOWN_TITLE) == part


def test_a_question_for_one_component_of_a_heading_does_not_name_the_part() -> None:
    """2013's part 二 is 今年经济社会发展的总体要求、主要预期目标和宏观经济政策: the targets are
    asked for, answered by their list, not by the part's paragraphs."""
    parts = ["一、过去五年工作回顾", "二、今年经济社会发展的总体要求、主要预期目标和宏观经济政策"]
    assert named_heading("今年主要预期目标有哪些？", parts, "政府工作报告") is None
    assert named_heading("今年的总体要求有哪些？", parts, "政府工作报告") is None


@pytest.mark.slow
def test_a_part_named_by_its_words_lists_its_points(engine) -> None:  # type: ignore[no-untyped-def]
    """存在哪些不足？ showed the second of three points, the one writing 不足; 下一年度有哪些主要
    安排？ abstained. Both now list their part's numbered items, each cited."""
    shortcomings = engine.ask("存在哪些不足？").answer
    assert shortcomings.text.startswith("七、存在的不足和原因[1]：1.法治意识有待进一步提升[2]；")
    assert [c.paragraph for c in shortcomings.citations] == [49, 50, 51, 52]
    plans = engine.ask("下一年度有哪些主要安排？").answer
    assert not plans.abstained
    assert [c.paragraph for c in plans.citations] == [53, 54, 55, 56]


@pytest.mark.slow
def test_a_part_with_sub_headings_lists_them(engine) -> None:  # type: ignore[no-untyped-def]
    for question in ("主要举措和成效有哪些？", "报告第六部分讲了什么？"):
        answer = engine.ask(question).answer
        assert answer.text.count("（") == 8, question  # （一） … （八）
        assert "（八）提高政府工作人员法治思维和依法行政能力[9]" in answer.text
        assert [c.paragraph for c in answer.citations][:3] == [22, 23, 27]


@pytest.mark.slow
def test_a_part_without_points_is_answered_by_a_sentence(engine) -> None:  # type: ignore[no-untyped-def]
    """Part 五 is six dated paragraphs, no numbered items: the best sentence answers."""
    answer = engine.ask("学习宣传贯彻了哪些新施行的法律法规？").answer
    assert not answer.text.startswith("五、")


@pytest.mark.slow
def test_a_section_named_by_its_words_lists_its_items(engine) -> None:  # type: ignore[no-untyped-def]
    """（一）依法全面履行政府职能 holds three numbered items; asked what it says, the answer showed
    the second alone. A section whose paragraphs are not all items (（八）: ¶47 follows item 1)
    is answered by a sentence."""
    answer = engine.ask("依法全面履行政府职能方面有哪些内容？").answer
    assert answer.text.startswith("（一）依法全面履行政府职能[1]：1.职权法定")
    assert [c.paragraph for c in answer.citations] == [23, 24, 25, 26]
    other = engine.ask("提高政府工作人员法治思维和依法行政能力有哪些内容？").answer
    assert not other.text.startswith("（八）")
