"""A question's abbreviation is read with the report's words (retrieval/aliases.py)."""

from __future__ import annotations

from assistant.retrieval.aliases import spelled_out


def test_an_abbreviation_is_followed_by_the_words_a_report_uses() -> None:
    assert spelled_out("今年GDP增长目标是多少？") == "今年GDP（国内生产总值）增长目标是多少？"
    assert spelled_out("CPI涨幅控制在多少？") == "CPI（居民消费价格）涨幅控制在多少？"


def test_words_that_only_contain_an_abbreviation_and_english_questions_are_left_alone() -> None:
    assert spelled_out("What is the GDP growth target?") == "What is the GDP growth target?"
    assert spelled_out("GDPR的规定是什么？") == "GDPR的规定是什么？"
