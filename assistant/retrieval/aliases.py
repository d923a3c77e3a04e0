"""Abbreviations a question uses for what a Chinese report spells out.

A reader asks 今年GDP增长目标是多少？; the report writes 国内生产总值增长6%以上. The keyword search,
the words that choose the sentence and the topic gate (answering/topic.py) see only what the
question writes, so the question is read with the report's words after the abbreviation:

    spelled_out('今年GDP增长目标是多少？') -> '今年GDP（国内生产总值）增长目标是多少？'
    spelled_out('今年经济增长的预期目标是多少？')
        -> '今年经济增长（国内生产总值增长）的预期目标是多少？'

An English question is read by meaning (answering/extract.py), so it keeps its words; only
its keyword search also looks for the report's words (`searched_with`):

    searched_with('What is the GDP growth target?') -> 'What is the GDP growth target? 国内生产总值'
"""

from __future__ import annotations

import re

ALIASES = {
    "gdp": "国内生产总值",
    "cpi": "居民消费价格",
    "ppi": "工业生产者出厂价格",
    "pmi": "采购经理指数",
}
_ABBREVIATION = re.compile(r"(?<![A-Za-z])(" + "|".join(ALIASES) + r")(?![A-Za-z])", re.I)
# Everyday words for a figure a report states in its own terms, when asked as a figure:
# 今年经济增长的预期目标是多少？ asks for 国内生产总值增长6%以上, not for a sentence that says
# 经济增长; 物价涨幅的目标 for 居民消费价格涨幅3%左右. Not as an object: 消费对经济增长的贡献率
# asks for a share of it.
_AS_A_FIGURE = r"(?=(?:(?!贡献|拉动)[^，,。？?]){0,6}(?:目标|预期|控制|多少|几))"
_EVERYDAY = (
    (re.compile(rf"(?<![对于])经济(?:增长|增速){_AS_A_FIGURE}"), "国内生产总值增长"),
    (re.compile(rf"(?<![对于])物价{_AS_A_FIGURE}"), "居民消费价格"),
)
# The report's word for a change an English question asks about: What was GDP growth last
# year? is 国内生产总值…增长6.7%, not the 74.4万亿元 written beside 国内生产总值.
_CHANGES = (
    (re.compile(r"\b(?:grow|grew|grown|growth|rise|rose|risen)\b", re.I), "增长"),
    (re.compile(r"\bincrease[sd]?\b", re.I), "增加"),
    (re.compile(r"\b(?:fall|fell|fallen|drop|dropped|decline[sd]?|decrease[sd]?)\b", re.I), "下降"),
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def spelled_out(question: str) -> str:
    """`question` with the report's words after each abbreviation it uses."""
    if not _CJK.search(question):
        return question
    out = _ABBREVIATION.sub(lambda m: f"{m.group(1)}（{ALIASES[m.group(1).lower()]}）", question)
    for everyday, words in _EVERYDAY:
        if words not in out:
            out = everyday.sub(f"\\g<0>（{words}）", out)
    return out


def searched_with(question: str) -> str:
    """The words a question's keyword search looks for: `spelled_out` for a Chinese question;
    an English one with the report's words for its abbreviations after it, and for the change
    it asks about when it names one (GDP growth: 国内生产总值 增长)."""
    if _CJK.search(question):
        return spelled_out(question)
    words = dict.fromkeys(ALIASES[m.group(1).lower()] for m in _ABBREVIATION.finditer(question))
    if words:  # a change of a figure the report names
        words.update(dict.fromkeys(verb for word, verb in _CHANGES if word.search(question)))
    return " ".join((question, *words)) if words else question
