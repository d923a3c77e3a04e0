"""What kind of phrase a question asks for, and whether a sentence contains one.

    asked("法律顾问提供了多少宗咨询？")  -> Asked(kind="number", units=("宗", "件", "起"))
    asked("宣讲会是什么时候召开的？")    -> Asked(kind="date", units=())
    asked("报告讲了哪些措施？")          -> None (any sentence may answer)
    Asked("number", ("宗", "件", "起")).spans("提供免费法律咨询205宗，举办讲座44场")
        -> ["205宗"]    (44场 has the wrong unit)

Unit agreement is what lets the assistant say "the report does not give that number":
a question about 多少人 is not answered by a sentence that only counts 场 or 份.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.tokenize import normalize

# Measure words that count the same kind of thing.
_UNIT_GROUPS = (
    ("人", "人次", "名", "位"),
    ("宗", "件", "起", "单"),
    ("次", "场", "期", "轮"),
    ("元", "万元", "亿元"),
    ("个",),
    ("份", "部", "篇"),
    ("条", "项", "款"),
    ("家", "户", "所"),
    ("%", "％", "成"),
)
_ALL_UNITS = sorted({u for group in _UNIT_GROUPS for u in group}, key=len, reverse=True)
_NUMBER = re.compile(
    r"(?:约|近|超过|共|达)?\d+(?:\.\d+)?(?:余|多)?(?:万|亿)?(?:"
    + "|".join(re.escape(u) for u in _ALL_UNITS)
    + r")?"
)
# Counts written in Chinese numerals: 第十三届, 三项, 五公开 (the unit is required).
_CJK_COUNT = re.compile(
    r"第[一二三四五六七八九十百零]+[届次期批个名]|[一二三四五六七八九十两百千]+(?:"
    + "|".join(re.escape(u) for u in _ALL_UNITS if u not in ("%", "％"))
    + r"|公开|项制度)"
)
_DATE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}月)?(?:底前|底|初|以来)?|\d{4}年(?:以来|底)?"
)
_YEAR = re.compile(r"\d{4}年")
_ASKS_NUMBER = re.compile(r"多少|(?<!哪)几|数量|人数|金额|比例|how many|how much", re.I)
_ASKS_YEAR = re.compile(r"哪一?年|which year|what year", re.I)
_ASKS_DATE = re.compile(r"什么时候|何时|哪一?天|几月|几号|日期|when", re.I)
_UNIT_AFTER = re.compile(r"(?:多少|(?<!哪)几)(" + "|".join(re.escape(u) for u in _ALL_UNITS) + ")")
_NOUN_UNITS = (
    (re.compile(r"第几|名次|排名", re.I), ("届", "次", "期", "批", "个", "名")),
    (re.compile(r"人口|人数|多少人|how many people", re.I), ("人", "人次", "名", "位")),
    (re.compile(r"率|比例|percent", re.I), ("%", "％", "成")),
    (re.compile(r"金额|多少钱|收入|总值|产值|预算|how much money", re.I), ("元", "万元", "亿元")),
)


@dataclass(frozen=True)
class Asked:
    kind: str  # "number", "date" or "year"
    units: tuple[str, ...] = ()  # acceptable measure words for a number; () = any

    def spans(self, sentence: str) -> list[str]:
        """The phrases of the asked kind in a sentence (years are not counts)."""
        text = normalize(sentence)
        if self.kind == "year":
            return _YEAR.findall(text)
        if self.kind == "date":
            return [m.group(0) for m in _DATE.finditer(text) if re.search(r"\d", m.group(0))]
        found = [m.group(0) for m in _NUMBER.finditer(text) if not _is_date_part(text, m)]
        found += _CJK_COUNT.findall(text)
        if self.units:
            found = [f for f in found if f.endswith(self.units)]
        return found


def _is_date_part(text: str, match: re.Match[str]) -> bool:
    """'2022年', '6月', '30日': numbers that are dates, not counts."""
    after = text[match.end() : match.end() + 1]
    return after in ("年", "月", "日", "时") or bool(re.fullmatch(r"\d{4}", match.group(0)))


def _group(unit: str) -> tuple[str, ...]:
    for group in _UNIT_GROUPS:
        if unit in group:
            return group
    return (unit,)


def asked(question: str) -> Asked | None:
    text = normalize(question)
    if _ASKS_YEAR.search(text):
        return Asked("year")
    if _ASKS_DATE.search(text):
        return Asked("date")
    if not _ASKS_NUMBER.search(text):
        return None
    unit = _UNIT_AFTER.search(text)
    if unit:
        return Asked("number", _group(unit.group(1)))
    for pattern, units in _NOUN_UNITS:
        if pattern.search(text):
            return Asked("number", units)
    return Asked("number")
