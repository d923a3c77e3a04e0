"""Who delivered the report and when, from its opening lines (answering/front.py)."""

from __future__ import annotations

from pathlib import Path

from assistant.answering.front import asks_front, front_line, opening
from assistant.config import Settings
from assistant.report.documents import Paragraph, load_documents

from .conftest import SOURCE

OPENING_LINES = [
    "政府工作报告",
    "——2017年3月5日在第十二届全国人民代表大会第五次会议上",
    "国务院总理　李克强",
    "各位代表：",
    "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协各位委员提出意见。",
    "一、2016年工作回顾",
    "国务院总理　王五在会上讲话。",  # in the body: not the speaker of the report
]


def lines(texts: list[str]) -> list[Paragraph]:
    return [Paragraph("r.txt", n, t, t) for n, t in enumerate(texts, start=1)]


def test_questions_about_the_reports_speaker_or_date() -> None:
    for question in [
        "这份报告是谁作的？",
        "谁做的政府工作报告？",
        "报告人是谁？",
        "Who delivered this report?",
    ]:
        assert asks_front(question) == "speaker", question
    for question in [
        "报告是什么时候发表的？",
        "这份报告是哪天作的？",
        "When was the report delivered?",
        "那是什么时候作的？",  # a follow-up with no subject (followup.resolve drops the 那)
        "是什么时候作的？",
    ]:
        assert asks_front(question) == "date", question
    # A date or a person the report speaks of is asked as any other question.
    for question in [
        "镇党委什么时候开会传达学习党的二十大报告？",
        "报告提出要在什么时候实现碳达峰？",
        "大涌镇的党委一把手是谁？",
        "Who gave the Civil Code lecture on 30 June?",
        "这个决定是什么时候作的？",
    ]:
        assert asks_front(question) is None, question


def test_the_speaker_and_the_date_come_from_the_lines_above_the_first_part() -> None:
    paragraphs = lines(OPENING_LINES)
    assert [p.number for p in opening(paragraphs)] == [1, 2, 3, 4, 5]
    speaker = front_line("speaker", paragraphs)
    assert speaker is not None and (speaker[0].number, speaker[1]) == (3, "李克强")
    date = front_line("date", paragraphs)
    assert date is not None and (date[0].number, date[1]) == (2, "2017年3月5日")
    # Only body lines name a speaker: nothing to answer from.
    assert front_line("speaker", lines(OPENING_LINES[5:])) is None


def test_the_town_report_has_no_front_lines() -> None:
    (town,) = load_documents(SOURCE)
    assert front_line("speaker", town.paragraphs) is None
    assert front_line("date", town.paragraphs) is None


def test_a_report_without_front_lines_does_not_say_who_delivered_it(engine) -> None:  # type: ignore[no-untyped-def]
    """The town report was answered 这份报告是谁作的？ with a sentence about 党的二十大报告."""
    for question in ["这份报告是谁作的？", "报告是什么时候发表的？", "Who delivered this report?"]:
        response = engine.ask(question)
        assert response.answer.abstained, question
        assert response.passages  # the closest paragraphs are still shown
    # A date the report gives is still answered.
    meeting = engine.ask("镇党委什么时候开会传达学习党的二十大报告？").answer
    assert meeting.highlights == ("11月10日",)


def test_a_new_report_is_answered_from_its_opening_lines(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from assistant.engine import Engine
    from assistant.index.store import open_index

    source = tmp_path / "source"
    source.mkdir()
    body = [
        "过去一年，全县地区生产总值增长6.1%，城镇新增就业1.2万人。",
        "二、2024年工作安排",
        "今年全县地区生产总值增长目标为6%左右，城镇新增就业1万人以上。",
    ]
    report = ["某县政府工作报告", "——2024年1月10日在某县第十八届人民代表大会第四次会议上",
              "县长　张明远", "各位代表：", "一、2023年工作回顾", *body]  # fmt: skip
    (source / "county.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    settings = Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)
    engine = Engine(settings, embedder, open_index(settings, embedder))
    who = engine.ask("这份报告是谁作的？")
    assert not who.answer.abstained
    assert who.answer.highlights == ("张明远",)
    assert who.answer.citations[0].paragraph == 3
    assert who.passages[0].chunk.paragraph == 3  # the cited line is the first passage shown
    english = engine.ask("When was this report delivered?")
    assert english.answer.highlights == ("2024年1月10日",)
    # Asked with the date line's words, the line is also the best hit: shown once.
    when = engine.ask("这份报告是什么时候在县人民代表大会会议上作的？")
    assert when.answer.highlights == ("2024年1月10日",)
    assert when.to_dict()["citations"][0]["paragraph"] == 2
    shown = [(h.chunk.paragraph, h.rank) for h in when.passages]
    assert shown[0] == (2, 1) and [p for p, _ in shown].count(2) == 1  # the line shown once
    assert [rank for _, rank in shown] == list(range(1, len(shown) + 1))
    # Any other question is answered from the body.
    target = engine.ask("今年城镇新增就业目标是多少？")
    assert target.answer.highlights == ("1万人以上",)
