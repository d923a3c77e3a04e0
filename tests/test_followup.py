"""Follow-up questions: pure rules first, then real conversations on the real report."""

from __future__ import annotations

import pytest

from assistant.answering.followup import Resolved, Turn, resolve
from assistant.ui.chat import Exchange, ask

MEDIATION = "2022年镇村调委会受理了多少宗纠纷？"
M = "2022年镇村调委会受理了多少宗纠纷，"  # MEDIATION as the first half of a query
ADVICE = "2022年村(社区)法律顾问提供了多少宗免费法律咨询？"
CONTEXT_43 = (
    "（七）依法有效化解社会矛盾纠纷 2022年，我镇、村(社区)调委会共受理民间各类纠纷61宗，"
    "成功调处61宗，涉案金额约341.53万元"
)
CONTEXT_26 = (
    "2022年，我镇11个村(社区)法律顾问提供免费法律咨询205宗，"
    "在村(社区)举办法治讲座44场，参与人数约700人次"
)


def turn(anchor: str, context: str) -> Turn:
    return Turn(question=anchor, query=anchor, anchor=anchor, context=context)


def test_a_follow_up_that_only_moves_in_time_asks_the_last_question_of_that_year() -> None:
    """On the 2009 work report: 城镇新增就业呢？ then 去年呢？ is 去年城镇新增就业多少？ (it
    was '去年多少？', which abstained), and a year replaces the year before it."""
    target = "今年国内生产总值增长目标是多少？"
    jobs = Turn("城镇新增就业呢？", f"{target}，城镇新增就业多少？", target,
                "城镇新增就业900万人以上", asks="今年城镇新增就业多少？")  # fmt: skip
    assert resolve("去年呢？", jobs) == Resolved("去年城镇新增就业多少？", target)
    assert resolve("那2007年呢？", turn("2008年粮食产量是多少？", "总产量10570亿斤")) == (
        Resolved("2007年粮食产量是多少？", "2008年粮食产量是多少？")
    )
    # A question without a time gets it in front.
    assert resolve("去年呢？", turn("粮食产量是多少？", "")).query == "去年粮食产量是多少？"


def test_the_first_question_is_read_alone() -> None:
    assert resolve("涉案金额呢？", None) == Resolved("涉案金额呢？", None)


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "镇法律顾问审查了多少份民事合同？",  # a full question with its own subject
        "镇党委书记叫什么名字？",  # short, but its words are not in the previous passage
        "2022年我镇主动公开了多少条政府信息，收到多少件公开申请？",
        "那" + "很长的问题" * 10 + "呢？",  # very long: reads alone
    ],
)
def test_standalone_questions_come_back_unchanged(question: str) -> None:
    assert resolve(question, turn(MEDIATION, CONTEXT_43)) == Resolved(question, None)


@pytest.mark.parametrize(
    ("question", "query", "focus"),
    [
        ("涉案金额呢？", M + "涉案金额是多少？", "2022年涉案金额是多少？"),
        ("涉案金额呢", M + "涉案金额是多少？", "2022年涉案金额是多少？"),
        ("涉案金額呢？", M + "涉案金额是多少？", "2022年涉案金额是多少？"),
        ("成功调处了多少宗？", M + "成功调处了多少宗？", "2022年成功调处了多少宗？"),
        ("其中成功调处多少？", M + "成功调处多少？", "2022年成功调处多少？"),
        ("具体有哪些？", M + "具体有哪些？", None),
    ],
)  # fmt: skip
def test_an_attribute_of_the_same_topic_is_read_with_the_previous_question(
    question: str, query: str, focus: str | None
) -> None:
    """Searched with the previous question, answered for what the follow-up asks."""
    assert resolve(question, turn(MEDIATION, CONTEXT_43)) == Resolved(query, MEDIATION, focus)


def test_a_followup_about_another_figure_of_the_passage_asks_for_that_figure() -> None:
    resolved = resolve("那法治讲座呢？", turn(ADVICE, CONTEXT_26))
    assert resolved.read_with == ADVICE
    assert resolved.asks == "2022年法治讲座多少？"  # not 多少宗: that unit was the consultations'


def test_a_followup_asking_only_for_the_change_asks_it_of_the_previous_subject() -> None:
    """On a PDF of the 2025 work report, 今年超长期特别国债发行多少？ then 比上年增加多少？ was
    answered with the deficit's 比上年增加1.6万亿元, from the same paragraph."""
    bonds = "今年超长期特别国债发行多少？"
    context = "赤字规模5.66万亿元、比上年增加1.6万亿元。拟发行超长期特别国债1.3万亿元、比上年增加3000亿元。"  # noqa: E501
    resolved = resolve("比上年增加多少？", turn(bonds, context))
    assert resolved == Resolved(
        "今年超长期特别国债发行多少，比上年增加多少？",
        bonds,
        "今年超长期特别国债发行比上年增加多少？",
    )
    # The question word may stand before the subject.
    issued = "今年拟发行多少超长期特别国债？"
    assert resolve("比上年增加多少？", turn(issued, context)).asks == (
        "今年拟发行超长期特别国债比上年增加多少？"
    )
    # A noun of its own is another figure of the passage, asked alone.
    assert resolve("赤字规模呢？", turn(bonds, context)).asks == "今年赤字规模多少？"


def test_a_followup_asking_for_the_target_asks_it_of_the_previous_subject() -> None:
    """On the 2012 work report, 去年国内生产总值增长了多少？ then 今年的目标呢？ was read as
    去年今年的目标多少？ and answered with the education budget's 4%."""
    gdp = "去年国内生产总值增长了多少？"
    context = "国内生产总值47.2万亿元，比上年增长9.2％；国内生产总值增长7.5％；"
    assert resolve("今年的目标呢？", turn(gdp, context)) == Resolved(
        "今年国内生产总值增长的目标是多少？", gdp
    )
    assert resolve("目标呢？", turn("今年居民消费价格涨幅是多少？", "")).query == (
        "今年居民消费价格涨幅的目标是多少？"
    )
    # A follow-up that names its own time is not given the previous one's as well.
    assert resolve("那2023年的讲座呢？", turn(ADVICE, CONTEXT_26)).query.count("年") == 1


def test_a_followup_naming_another_subject_asks_for_the_same_kind_of_figure() -> None:
    """On the 2011 work report, 今年国内生产总值增长的预期目标是多少？ then 那居民消费价格呢？
    showed last year's result (居民消费价格涨幅控制在3.3%), not this year's target (4%左右)."""
    gdp = "今年国内生产总值增长的预期目标是多少？"
    context = "国内生产总值增长8%左右；居民消费价格总水平涨幅控制在4%左右；"
    resolved = resolve("那居民消费价格呢？", turn(gdp, context))
    assert resolved.focus == "今年居民消费价格的预期目标是多少？"
    assert resolved.read_with == gdp
    # Moved to last year, it asks for the result: a report reviews the year before.
    prices = Turn("那居民消费价格呢？", "", gdp, context, resolved.focus or "")
    assert resolve("去年呢？", prices).query == "去年居民消费价格是多少？"
    # A question about a result keeps asking for a result.
    jobs = resolve("那居民消费价格呢？", turn("去年城镇新增就业多少人？", context))
    assert jobs.focus == "去年居民消费价格多少？"


def test_a_followup_keeps_the_whole_question_word() -> None:
    # 怎么样 was read as 怎么, and the chat showed 理解：营商环境怎么？
    greening = turn("大涌镇的绿化做得怎么样？", "在贯彻实施《森林法》方面，立体推进绿化建设")
    assert resolve("那营商环境呢？", greening).query == "营商环境怎么样？"


def test_a_chinese_followup_of_an_english_question_asks_in_chinese() -> None:
    """ "Who leads the town's rule-of-law work?" then 那营商环境呢？ (in Chromium) was read as
    "…，营商环境Who？": the English question word was glued to the Chinese topic."""
    who = turn("Who leads the town's rule-of-law work?", "四是…促进营商环境持续优化。")
    resolved = resolve("那营商环境呢？", who)
    assert resolved.asks == "营商环境怎么样？"
    assert "Who？" not in resolved.query
    many = turn("How many disputes were mediated?", "受理民间各类纠纷61宗，涉案金额约341.53万元")
    assert resolve("那行政复议呢？", many).asks == "行政复议多少？"


def test_an_english_followup_keeps_the_previous_questions_time() -> None:
    """去年城镇新增就业多少人？ then "And CPI?" (a PDF of the 2025 work report) was answered with
    this year's CPI target (2%左右): it is asked of last year."""
    jobs = "去年城镇新增就业多少人？"
    resolved = resolve("And CPI?", turn(jobs, "城镇新增就业1256万人，居民消费价格上涨0.2%。"))
    assert resolved == Resolved("去年城镇新增就业多少人？ CPI?", jobs, "What is CPI last year?")
    target = turn("What is this year's GDP growth target?", "国内生产总值增长5%左右")
    assert resolve("What about CPI?", target).asks == "What is CPI this year?"


def test_an_english_followup_is_searched_with_the_previous_question() -> None:
    english = "How many disputes did the mediation committees accept in 2022?"
    resolved = resolve("What about the amount involved?", turn(english, CONTEXT_43))
    assert resolved.query == f"{english} the amount involved?"
    assert resolved.asks == "What is the amount involved?"  # not "How many the amount …"


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ("那调解呢？", "2022年调解多少？"),
        ("那調解呢？", "2022年调解多少？"),
        ("那行政复议呢", "2022年行政复议多少？"),
    ],
)
def test_a_new_topic_keeps_the_year_and_question_word(question: str, query: str) -> None:
    assert resolve(question, turn(ADVICE, CONTEXT_26)) == Resolved(query, ADVICE)


def test_a_chain_of_followups_stays_read_with_the_first_question() -> None:
    later = Turn("涉案金额呢？", "…", anchor=MEDIATION, context=CONTEXT_43)
    assert resolve("成功调处了多少宗？", later).read_with == MEDIATION


# Real conversations: (questions, paragraph the last answer must cite, text it must contain).
CONVERSATIONS = [
    ([MEDIATION, "涉案金额呢？"], 43, "341.53万元"),
    ([MEDIATION, "涉案金额呢？", "成功调处了多少宗？"], 43, "成功调处61宗"),
    ([ADVICE, "那调解呢？"], 43, "61宗"),
    ([ADVICE, "参与人数呢？"], 26, "700人次"),
    (["2022年我镇主动公开了多少条政府信息？", "收到多少件公开申请？"], 39, "4件"),
    (["镇里开展了哪些普法宣传活动？", "具体有哪些？"], 48, "防电信诈骗"),
    (["镇法律顾问审查了多少份民事合同？", "规范性文件呢？"], 32, "3份规范性文件"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("questions", "paragraph", "expected"), CONVERSATIONS)
def test_followups_on_the_real_report(
    engine, questions: list[str], paragraph: int, expected: str
) -> None:  # type: ignore[no-untyped-def]
    history: tuple[Exchange, ...] = ()
    for question in questions:
        history = (*history, ask(engine, question, history))
    last = history[-1]
    assert last.resolved.read_with == questions[0]
    answer = last.response.answer
    assert not answer.abstained
    assert paragraph in [c.paragraph for c in answer.citations]
    assert expected in answer.text


# The conversations of issue 11: the highlighted phrase answers what the follow-up asks.
HIGHLIGHTED = [
    ([ADVICE, "那法治讲座呢？"], 26, "44场"),
    ([ADVICE, "那法治讲座呢？", "参与人数呢？"], 26, "700人次"),
    ([ADVICE, "参与人数呢？"], 26, "700人次"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("questions", "paragraph", "highlight"), HIGHLIGHTED)
def test_a_followup_highlights_what_it_asks(
    engine, questions: list[str], paragraph: int, highlight: str
) -> None:  # type: ignore[no-untyped-def]
    history: tuple[Exchange, ...] = ()
    for question in questions:
        history = (*history, ask(engine, question, history))
    answer = history[-1].response.answer
    assert not answer.abstained
    assert paragraph in [c.paragraph for c in answer.citations]
    assert any(highlight in h for h in answer.highlights), answer.highlights
    assert not any("205宗" in h for h in answer.highlights)


@pytest.mark.slow
def test_an_english_followup_on_the_real_report(engine) -> None:  # type: ignore[no-untyped-def]
    first = ask(engine, "How many disputes did the mediation committees accept in 2022?", ())
    later = ask(engine, "What about the amount involved?", (first,))
    answer = later.response.answer
    assert not answer.abstained
    assert 43 in [c.paragraph for c in answer.citations]
    assert "341.53万元" in answer.text


@pytest.mark.slow
def test_an_english_followup_about_what_the_passage_lacks_abstains(engine) -> None:  # type: ignore[no-untyped-def]
    """The legal-advice paragraph gives no amount: 'the amount involved' is not in the report
    for that question (it was answered with an unrelated sentence of ¶26)."""
    first = ask(engine, ADVICE, ())
    later = ask(engine, "What about the amount involved?", (first,))
    assert later.response.answer.abstained


@pytest.mark.slow
def test_a_new_question_after_a_followup_is_read_alone(engine) -> None:  # type: ignore[no-untyped-def]
    history = (ask(engine, MEDIATION, ()),)
    history += (ask(engine, "涉案金额呢？", history),)
    fresh = ask(engine, ADVICE, history)
    assert fresh.resolved == Resolved(ADVICE, None)
    assert "205宗" in fresh.response.answer.text
