"""A question sharing only the report's subject with the answer's passage is not answered
(answering/subject.py)."""

from __future__ import annotations

import pytest

from assistant.answering.extract import extract
from assistant.answering.subject import own_words, shares_nothing
from assistant.report.chunks import Chunk
from assistant.retrieval.search import Hit

TITLE = "大涌镇2022年度法治政府建设情况报告"


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("大涌镇的交通怎么样？", ["交通"]),
        ("大涌镇有什么特产？", ["特产"]),
        ("大涌镇的法治政府建设怎么样？", []),  # the whole report's subject
        ("镇政府做了什么？", []),  # 镇政府 is made of the title's characters
        ("12月9日镇里开了哪些会？", ["镇里", "12月", "9日"]),  # dates are words too
        ("4·15是什么日子？", ["日子", "4·15"]),
    ],
)
def test_the_words_a_question_has_of_its_own(question: str, words: list[str]) -> None:
    assert list(own_words(question, TITLE)) == words


def test_a_passage_sharing_only_the_subject_says_nothing_of_the_question() -> None:
    passage = "3月24日，大涌镇召开大涌镇党委理论学习中心组组织扫黑除恶专题学习。"
    assert shares_nothing("大涌镇有什么特产？", passage, TITLE)
    assert not shares_nothing("大涌镇扫黑除恶学了什么？", passage, TITLE)
    assert not shares_nothing("大涌镇的法治政府建设怎么样？", passage, TITLE)
    assert not shares_nothing("3月24日学了什么？", passage, TITLE)


def _hit(n: int, text: str, score: float) -> Hit:
    chunk = Chunk(n, "town.txt", n + 1, (), text)
    return Hit(chunk, rank=n + 1, score=score, dense=score, keyword=score, section=0.0)


def test_extract_refuses_an_answer_sharing_only_the_subject() -> None:
    hits = [_hit(0, "2022年，大涌镇坚持依法行政，大涌镇加强法治政府建设。", 0.95)]
    titles = {"town.txt": TITLE}
    question = "大涌镇的交通怎么样？"
    assert not extract(question, hits, idf=lambda t: 1.0, threshold=0.5).abstained
    assert extract(question, hits, idf=lambda t: 1.0, threshold=0.5, titles=titles).abstained


def test_a_close_passage_writing_the_questions_word_answers_instead() -> None:
    hits = [
        _hit(0, "大涌镇的样子怎么样：大涌镇的法治政府建设。", 0.95),  # more of its bigrams
        _hit(1, "大涌镇开展道路交通安全专项整治。", 0.9),
    ]
    answer = extract(
        "大涌镇的交通怎么样？", hits, idf=lambda t: 1.0, threshold=0.5, titles={"town.txt": TITLE}
    )
    assert not answer.abstained
    assert answer.citations[0].paragraph == 2


@pytest.mark.parametrize(
    "question", ["大涌镇的空气质量怎么样？", "大涌镇有什么特产？", "大涌镇的天气怎么样？"]
)
def test_the_town_report_does_not_say(engine, question: str) -> None:  # type: ignore[no-untyped-def]
    assert engine.ask(question).answer.abstained


def test_a_part_named_behind_the_preamble_is_listed(engine) -> None:  # type: ignore[no-untyped-def]
    # The opening paragraph (no heading) ranks first for the title's words; the part named by
    # 存在…不足 is still listed, not the opening paragraph shown.
    answer = engine.ask("报告认为大涌镇法治政府建设存在哪些不足？").answer
    assert [c.paragraph for c in answer.citations] == [49, 50, 51, 52]
