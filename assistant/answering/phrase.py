"""The whole phrase a found figure stands in, as the report writes it.

The answer kinds (answer_types.py) find a figure by what the question may accept: '4' for
多少分钟 (分钟 is no unit they know), '1990年' in 1990年代以后, '二位' in 第二位, '约15' in
约15至20厘米. A highlight shows the reader the answer; it should show all of it. `whole` widens a
found phrase over what is written around it and belongs to it:

- a measure word after a bare number (4 → 4分钟, 81.6万 → 81.6万册, 第15 → 第15张);
- a period or a bound after a time or an amount (1990年 → 1990年代以后, 2003年 → 2003年初,
  2030年 → 2030年前);
- the other end of a range (约15 → 约15至20厘米, 4月 → 2至4月, 8月15日 → 8月15日及8月16日);
- an ordinal's 第, an era (西元前1534年, 民国17年1月, 一九六一年九月十日) and a bound before it
  (不足两年);
- the thing counted, when the question names it right after the same measure word
  (多少名观众: 6,476名 → 6,476名观众).

    whole('猴面包树的果实长约15至20厘米。', '约15', '果实长约多少厘米？') -> '约15至20厘米'

Only the highlight widens: which sentence answers, and whether one does, are decided before.
"""

from __future__ import annotations

import re

from assistant.text.tokens import normalize

_DIGITS = r"[\d一二三四五六七八九十两百千万亿零〇]"
# Units and measure words, longest first where one starts another (平方公里 before 公里).
_MEASURE = re.compile(
    r"(?:平方公里|平方千米|平方米|立方米|千瓦时|千瓦|公里|千米|公斤|千克|厘米|毫米|公分|公厘|毫升|"
    r"公升|分钟|小时|人次|万元|亿元|美元|世纪|年代|km2|km|kg|cm|mm|kw|m(?![a-z])|%|"
    r"[个人名位宗件起单次场期轮元份部篇条项款家户所斤吨米亩岁倍天周月年张座处股席册套任区届批"
    r"号辆架艘只头匹本首枚颗棵株间栋层台门种类支队级秒度])"
)
# After a time or an amount: 年代 or 年度, its part (初, 末), or a bound (以来, 以上).
_PERIOD = re.compile(r"[代度]")  # 1990年代, 2022年度
_BOUND = re.compile(
    r"(?:以来|以后|之后|以前|之前|前后|左右|以上|以下|以内|初期|中期|末期|晚期|早期|上旬|中旬|下旬|"
    r"底前|底|初(?![步次衷始稿审心])|末|前(?![进行往提]))"
)
_RANGE = re.compile(rf"(?:至|到|~|～|-|－|—|–)(?=约?{_DIGITS})")
_DAYS = re.compile(rf"(?:及|和|、)(?={_DIGITS})")  # 8月15日及8月16日: dates only
_FIGURE = re.compile(
    rf"约?{_DIGITS}+(?:[.,]\d+)*(?:余|多)?(?:年{_DIGITS}{{1,2}}月(?:{_DIGITS}{{1,3}}日)?|"
    rf"月{_DIGITS}{{1,3}}日)?"
)
_BEFORE = re.compile(
    rf"(?:(?:公元|西元)前?|(?:中华)?民国{_DIGITS}+年|[〇零一二三四五六七八九]{{4}}年|"
    rf"{_DIGITS}+(?:[.,]\d+)*(?:至|到|~|～|-|－|—|–)|第|不足|不到|逾|超过|高达|约)$"
)


def whole(text: str, span: str, question: str = "") -> str:
    """`span` (as `text` writes it, first occurrence) widened to the phrase it stands in;
    `span` itself when it is not in `text`."""
    plain = normalize(text)
    at = plain.find(normalize(span))
    if at < 0 or len(plain) != len(text):
        return span
    start, end = widened(text, at, at + len(span), question)
    return text[start:end]


def widened(text: str, start: int, end: int, question: str = "") -> tuple[int, int]:
    """The bounds of the phrase that `text[start:end]` (a found figure) stands in."""
    plain = normalize(text)
    if len(plain) != len(text):
        return start, end
    end = _right(plain, end, normalize(question))
    while (before := _BEFORE.search(plain[:start])) is not None and before.start() < start:
        start = before.start()
    return start, end


def _right(plain: str, end: int, question: str) -> int:
    if re.match(_DIGITS, plain[end - 1 : end]) and (unit := _MEASURE.match(plain, end)):
        end = unit.end()
    if plain[end - 1 : end] == "年" and _PERIOD.match(plain, end):
        end += 1
    if bound := _BOUND.match(plain, end):
        end = bound.end()
    joint = _RANGE.match(plain, end) or (
        _DAYS.match(plain, end) if plain[end - 1 : end] == "日" else None
    )
    if joint and (other := _FIGURE.match(plain, joint.end())):
        end = other.end()
        if unit := _MEASURE.match(plain, end):
            end = unit.end()
        if bound := _BOUND.match(plain, end):
            end = bound.end()
    return end + _counted(plain, end, question)


def _counted(plain: str, end: int, question: str) -> int:
    """Characters after a count that name what it counts, as the question names it right
    after the same measure word (多少名观众 → 6,476名 + 观众): the question's word there, of at
    most 4 characters, as far as the report writes it too."""
    unit = plain[end - 1 : end]
    if not re.fullmatch(r"[\u4e00-\u9fff]", unit):
        return 0
    named = re.search(
        rf"(?:多少|几){re.escape(unit)}([\u4e00-\u9fff]{{1,4}})(?![\u4e00-\u9fff])", question
    )
    if named is None:
        return 0
    word = named.group(1)
    size = 0
    while size < len(word) and plain[end + size : end + size + 1] == word[size]:
        size += 1
    return size
