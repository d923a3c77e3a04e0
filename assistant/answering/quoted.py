"""A name the question quotes is what it asks about: the answer's passage must write it.

镇里是怎么落实"谁执法谁普法"的？ asks about a slogan the town report never writes; it was
answered with 执法事项下沉存在接不住的问题, a sentence that shares 执法. A question quotes a name
(“枫桥经验”, 《行政处罚法》, 「三乱」) when it means that name, and a passage that does not
write it is about something else. On the training splits every quoted name is written in its
gold passage (366 of 366 questions, CMRC 2018 trial + DRCD test).

    quoted_names('镇里是怎么落实"谁执法谁普法"的？')  -> ['谁执法谁普法']
    unwritten('“双随机一公开”抽查了多少家？', '做到“双随机、一公开”监管全覆盖')  -> []

Names are compared without punctuation or spaces (双随机一公开 is 双随机、一公开), in
simplified script, and a law's title without 中华人民共和国 (《中华人民共和国宪法》 is 《宪法》).
A quoted name without Chinese (an English question's "Fengqiao experience") or naming a report
(《…报告》: the report asked about, whose title its passages need not repeat) is not checked.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.tokens import normalize

_QUOTED = re.compile(r"[“\"「『《‘]([^“”\"「」『』《》‘’]{2,40})[”\"」』》’]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Punctuation and spaces inside a name: 双随机、一公开 is 双随机一公开.
_NOT_WORD = re.compile(r"[\W_]+")
_STATE = "中华人民共和国"


def _plain(text: str) -> str:
    return _NOT_WORD.sub("", normalize(text))


@lru_cache(maxsize=256)  # asked for each candidate passage of a question
def quoted_names(question: str) -> tuple[str, ...]:
    """The Chinese names a question quotes, without punctuation, reports' titles left out."""
    names = []
    for match in _QUOTED.finditer(normalize(question)):
        name = _plain(match.group(1)).removeprefix(_STATE)
        if len(_CJK.findall(name)) >= 2 and not name.endswith("报告"):
            names.append(name)
    return tuple(names)


def unwritten(question: str, passage: str) -> list[str]:
    """The names the question quotes that `passage` does not write."""
    names = quoted_names(question)
    if not names:
        return []  # most questions quote nothing: the passage is not read
    text = _plain(passage)
    return [
        name
        for name in names
        if name not in text
        and _five_years(name) not in text
        and not (_ASKING.search(name) and re.search(_template(name), text))
    ]


# A quoted name that asks (「几公开」, “什么经验”) is a template of the name: 五公开 writes 几公开.
_ASKING = re.compile(r"几|多少|什么|啥|哪")
_FILLS = {
    "几": "[一二两三四五六七八九十百千\\d]{1,4}",
    "多少": "[一二两三四五六七八九十百千万\\d]{1,6}",
}


def _template(name: str) -> str:
    """A pattern of the names a quoted question fits: each interrogative stands for a numeral
    (几, 多少) or for a few characters (什么, 啥, 哪)."""
    parts = re.split(f"({_ASKING.pattern})", name)
    return "".join(
        _FILLS.get(part, ".{1,6}") if _ASKING.fullmatch(part) else re.escape(part) for part in parts
    )


# A five-year plan as a question shortens it: “八五”普法 is 第八个五年 (…规划), “十四五”
# 第十四个五年.
_FIVE_YEARS = re.compile(r"^([一二三四五六七八九十]{1,3})五")


def _five_years(name: str) -> str:
    """`name` with a five-year plan's number spelled out as a report writes it, or itself."""
    return _FIVE_YEARS.sub(lambda m: f"第{m.group(1)}个五年", name)
