"""The place a report is about is no search word (retrieval/place.py), and a noun read as a
word in the question is found where the passage writes it as one (answering/topic.py)."""

from __future__ import annotations

import pytest

from assistant.answering.topic import stands_in
from assistant.retrieval.place import common_place, report_place, without_place


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("大涌镇2022年度法治政府建设情况报告", "大涌镇"),
        ("中山市大涌镇2022年度法治政府建设情况报告", "大涌镇"),  # the smallest place
        ("北京市海淀区人民政府关于2021年法治政府建设情况的报告", "海淀区"),
        ("政府工作报告", ""),
        ("2017年政府工作报告", ""),
        ("广东省法治政府建设实施纲要", ""),  # a place, then not what is said of it
        ("gov-2013-work-report", ""),
    ],
)
def test_the_place_a_title_names(title: str, place: str) -> None:
    assert report_place(title) == place


def test_reports_of_several_places_keep_the_name() -> None:
    assert common_place(["大涌镇2022年度报告", "大涌镇2021年度报告"]) == "大涌镇"
    assert common_place(["大涌镇2022年度报告", "海淀区2022年度报告"]) == ""
    assert common_place(["大涌镇2022年度报告", "政府工作报告"]) == ""


def test_a_question_is_searched_without_the_place() -> None:
    assert without_place("大涌镇的绿化做得怎么样？", "大涌镇") == "的绿化做得怎么样?"
    assert without_place("大涌的绿化呢？", "大涌镇") == "的绿化呢?"  # its name alone
    assert without_place("大涌鎮的治安怎麼樣？", "大涌镇") == "的治安怎么样?"  # traditional
    assert without_place("大涌镇？", "大涌镇") == "大涌镇？"  # nothing else to search with
    assert without_place("大涌镇的绿化？", "") == "大涌镇的绿化？"


@pytest.mark.parametrize(
    ("question", "paragraph"),
    [
        ("大涌镇的绿化做得怎么样？", 11),  # was 7th, behind the preamble
        ("大涌镇的营商环境怎么样？", 10),  # was 7th
        ("大涌镇的学校有没有开展法治教育？", 8),  # was 2nd
    ],
)
def test_the_town_report_finds_what_is_asked_about_the_town(
    engine,  # type: ignore[no-untyped-def]
    question: str,
    paragraph: int,
) -> None:
    assert engine.ask(question).passages[0].chunk.paragraph == paragraph


def test_a_noun_starts_where_a_word_starts() -> None:
    assert not stands_in("行政", "积极推行政务公开有关制度")  # 推行 政务
    assert stands_in("行政", "加强行政应诉和行政复议工作")
    assert stands_in("行政", "加强行政复议工作")  # inside a word is written


def test_a_count_of_something_the_passage_writes_only_across_words(engine) -> None:  # type: ignore[no-untyped-def]
    # ¶39 writes 推行政务 (not 行政) and 4件 of applications: no count of penalty decisions.
    assert engine.ask("2022年大涌镇作出了多少宗行政处罚决定？").answer.abstained
