"""Questions that name a part of the report by its number: '报告第六部分的标题是什么？',
'第七部分讲的是什么？', 'What does part 3 cover?'.

Readers of a numbered report refer to its parts the way the report numbers them (一、二、…).
Such a question is about the whole part, so its heading and the part's own paragraphs are
the evidence; no word of the question needs to occur in them.

    referenced_part("报告第六部分的标题是什么？") -> 6
    part_number("六、2022年度推进法治政府建设的主要举措和成效") -> 6
    asks_title("报告第六部分的标题是什么？") -> True
"""

from __future__ import annotations

import re

from assistant.text.tokens import normalize

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CJK_NUMBER = r"[一二三四五六七八九十]{1,3}"
_REFERENCE = re.compile(
    rf"第({_CJK_NUMBER}|\d{{1,2}})(?:个)?(?:部分|大部分|章|大项|大点)|"
    r"(?:part|section|chapter)\s+(\d{1,2})\b",
    re.I,
)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_ENGLISH_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+(?:part|section|chapter)\b", re.I)
_PART_HEADING = re.compile(rf"^({_CJK_NUMBER})、")
_TITLE = re.compile(r"标题|题目|名称|叫什么|\btitle\b|\bheading\b", re.I)


def cjk_number(text: str) -> int:
    """'六' -> 6, '十' -> 10, '十二' -> 12, '二十三' -> 23."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def referenced_part(question: str) -> int | None:
    """The number of the top-level part a question names, or None."""
    text = normalize(question)
    found = _REFERENCE.search(text)
    if found:
        value = found.group(1) or found.group(2)
        return int(value) if value.isdigit() else cjk_number(value)
    ordinal = _ENGLISH_ORDINAL.search(text)
    return _ORDINALS.index(ordinal.group(1).lower()) + 1 if ordinal else None


def part_number(heading: str) -> int | None:
    """The number of a top-level heading ('六、…' -> 6), None for any other text."""
    found = _PART_HEADING.match(heading)
    return cjk_number(found.group(1)) if found else None


def asks_title(question: str) -> bool:
    return bool(_TITLE.search(normalize(question)))
