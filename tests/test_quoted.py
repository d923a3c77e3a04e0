"""A name the question quotes must be written in the answer's passage (answering/quoted.py)."""

from __future__ import annotations

import pytest

from assistant.answering.extract import extract
from assistant.answering.quoted import quoted_names, unwritten
from assistant.report.chunks import Chunk
from assistant.retrieval.search import Hit


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ('镇里是怎么落实"谁执法谁普法"的？', ["谁执法谁普法"]),
        ("什么是“枫桥经验”？", ["枫桥经验"]),
        ("「三亂」問題怎麼整治？", ["三乱"]),  # traditional script, corner quotes
        ("《中华人民共和国宪法》学了吗？", ["宪法"]),  # a law's title, without the state
        ("“双随机、一公开”抽查了多少家？", ["双随机一公开"]),  # punctuation left out
        ("《大涌镇2022年度法治政府建设情况报告》讲了什么？", []),  # a report's title
        ('What is the "Fengqiao experience"?', []),  # no Chinese: not checked
        ("镇里开了多少场讲座？", []),
    ],
)
def test_the_names_a_question_quotes(question: str, names: list[str]) -> None:
    assert list(quoted_names(question)) == names


def test_a_name_counts_as_written_without_its_punctuation() -> None:
    passage = "建立健全检查事项清单和抽查计划，做到“双随机、一公开”监管全覆盖、常态化。"
    assert unwritten("镇里有没有开展“双随机一公开”抽查？", passage) == []
    assert unwritten("“谁执法谁普法”怎么落实？", passage) == ["谁执法谁普法"]


def test_a_five_year_plan_quoted_short_is_written_in_full() -> None:
    """“八五”普法规划 is the 第八个五年规划 (town probe p335 was refused); “十四五” the
    第十四个五年."""
    plan = "于5月24日印发《大涌镇关于在公民中开展法治宣传教育的第八个五年规划》。"
    assert unwritten("大涌镇的“八五”普法规划是哪天发出来的？", plan) == []
    assert unwritten("“十四五”规划提出了什么？", "第十四个五年规划和2035年远景目标纲要") == []
    assert unwritten("“七五”普法规划是哪天发出来的？", plan) == ["七五"]


def test_a_quoted_name_that_asks_is_a_template() -> None:
    """「幾公開」 asks which number: 五公开 writes it (town batch 12, p374); no 公开 with a number
    does not."""
    text = "实现决策、执行、管理、服务、结果“五公开”。"
    assert unwritten("大涌鎮的政務公開號稱要做到「幾公開」？", text) == []
    assert unwritten("政务公开要做到“几公开”？", "推进政府信息公开。") == ["几公开"]


def _hit(n: int, text: str, score: float) -> Hit:
    chunk = Chunk(n, "r.txt", n + 1, (), text)
    return Hit(chunk, rank=n + 1, score=score, dense=score, keyword=score, section=0.0)


def test_the_passage_writing_the_quoted_name_answers_first() -> None:
    hits = [
        _hit(0, "镇里落实执法普法，谁执法谁负责，普法谁来做。", 0.95),  # more of its words
        _hit(1, "推行“谁执法谁普法”。", 0.9),
    ]
    answer = extract('镇里是怎么落实"谁执法谁普法"的？', hits, idf=lambda t: 1.0, threshold=0.5)
    assert not answer.abstained
    assert answer.citations[0].paragraph == 2


def test_no_passage_writing_the_quoted_name_is_no_answer() -> None:
    hits = [_hit(0, "基层法治力量薄弱，执法事项下沉存在接不住的问题。", 0.95)]
    answer = extract('镇里是怎么落实"谁执法谁普法"的？', hits, idf=lambda t: 1.0, threshold=0.5)
    assert answer.abstained
    unquoted = extract("镇里是怎么落实执法的？", hits, idf=lambda t: 1.0, threshold=0.5)
    assert not unquoted.abstained  # the same words, unquoted, are read as before


def test_the_name_may_stand_in_another_window_of_the_paragraph() -> None:
    window = _hit(0, "落实普法责任制，执法单位在执法中开展普法。", 0.95)
    whole = {0: "我镇推行“谁执法谁普法”。落实普法责任制，执法单位在执法中开展普法。"}
    question = "“谁执法谁普法”是怎么落实的？"
    assert extract(question, [window], idf=lambda t: 1.0, threshold=0.5).abstained
    answer = extract(question, [window], idf=lambda t: 1.0, threshold=0.5, passages=whole)
    assert not answer.abstained


def test_the_town_report_through_the_real_pipeline(engine) -> None:  # type: ignore[no-untyped-def]
    # A slogan the town report never writes: abstain (it showed 执法事项下沉存在接不住的问题).
    assert engine.ask('镇里是怎么落实"谁执法谁普法"的？').answer.abstained
    # A name it writes, quoted without its comma: answered from that paragraph.
    response = engine.ask("镇里有没有开展“双随机一公开”抽查？")
    assert not response.answer.abstained
    assert response.answer.citations[0].paragraph == 36
