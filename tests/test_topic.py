"""The topic gate: a figure about something else than what the question asks about."""

from __future__ import annotations

from assistant.answering.extract import extract
from assistant.answering.topic import TOPIC_SHARE, off_topic, question_words, topic_share
from assistant.report.chunks import Chunk
from assistant.retrieval.search import Hit
from assistant.text.tokens import normalize

PARAGRAPHS = [
    "今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上。",
    "保障好群众住房需求。坚持房子是用来住的、不是用来炒的定位，稳地价、稳房价、稳预期。",
    "积极的财政政策要提质增效。今年赤字率拟按3.2%左右安排，不再发行抗疫特别国债。",
    "扩大有效投资。今年拟安排地方政府专项债券3.65万亿元。中央预算内投资安排6100亿元。",
]


def frequency(word: str) -> int:
    return sum(word in normalize(p) for p in PARAGRAPHS)


def idf(term: str) -> float:
    return 1.0


def ask(question: str, paragraph: int) -> object:
    text = PARAGRAPHS[paragraph]
    hit = Hit(Chunk(0, "r.txt", paragraph + 1, (), text), 1, 1.6, 0.9, 0.7, 0.0)
    return extract(question, [hit], idf=idf, threshold=0.5, frequency=frequency,
                   size=len(PARAGRAPHS))  # fmt: skip


def test_the_nouns_asked_about_not_the_verbs_or_the_interrogative() -> None:
    assert question_words("今年房价上涨的控制目标是多少？") == ["房价", "控制目标"]
    assert "时候" not in question_words("镇党委什么时候开会传达学习党的二十大报告？")
    assert "开会" not in question_words("镇党委什么时候开会传达学习党的二十大报告？")


def test_a_figure_about_another_target_is_off_topic() -> None:
    """房价 is in the collection (one paragraph) but not in the GDP target's sentence."""
    wrong = ask("今年房价上涨的控制目标是多少？", 0)
    assert wrong.abstained  # type: ignore[attr-defined]
    right = ask("今年国内生产总值增长的预期目标是多少？", 0)
    assert not right.abstained and right.highlights == ("6%以上",)  # type: ignore[attr-defined]
    assert topic_share("今年房价上涨的控制目标是多少？", PARAGRAPHS[0], frequency, 4) == 0.0


def test_the_budget_of_something_the_passage_does_not_name() -> None:
    """预算 is there (中央预算内投资) but 国防, the specific word, is not."""
    question = "今年国防预算安排了多少？"
    assert off_topic(question, PARAGRAPHS[3], lambda w: 1 if w == "国防" else frequency(w), 4)
    assert ask("中央预算内投资安排了多少？", 3).highlights == ("6100亿元",)  # type: ignore[attr-defined]


def test_words_the_collection_never_uses_do_not_decide() -> None:
    """股市 is in no paragraph: that may be a paraphrase, so it does not refuse by itself."""
    assert topic_share("股市上涨了多少？", PARAGRAPHS[0], frequency, 4) is None
    assert not off_topic("股市上涨了多少？", PARAGRAPHS[0], frequency, 4)
    assert 0.0 < TOPIC_SHARE < 1.0


def test_the_searcher_counts_the_chunks_holding_a_word(engine) -> None:  # type: ignore[no-untyped-def]
    """On the town report: from the keyword index, checked against the text itself."""
    searcher = engine.searcher
    chunks = [normalize(c.text) for c in engine.index.chunks]
    for word in ("法律顾问", "调委会", "民法典", "火星", "行政"):
        assert searcher.frequency(word) == sum(word in text for text in chunks)
    assert searcher.frequency("法律顾问") > 0 and searcher.frequency("火星") == 0


def test_the_town_report_refuses_a_count_about_something_it_does_not_count(engine) -> None:  # type: ignore[no-untyped-def]
    """行政处罚 occurs in the report, but no count of penalty cases does: the count shown
    (205宗 legal consultations) is about something else."""
    answer = engine.ask("2022年大涌镇作出了多少宗行政处罚？").answer
    assert answer.abstained
    right = engine.ask("2022年村(社区)法律顾问提供了多少宗免费法律咨询？").answer
    assert not right.abstained and right.highlights == ("205宗",)
