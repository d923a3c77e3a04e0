"""The place a report is about, which a question names without it telling which passage answers.

A town's report is about that town throughout, but writes its name in only a few paragraphs
(the preamble, a meeting held in 大涌镇). 大涌镇的绿化做得怎么样？ was searched with 大涌镇 as
heavily as with 绿化: the preamble and a study session came first, and the paragraph on
greening seventh. So the report's own place is left out of the words a question is searched
with (绿化做得怎么样？ finds it first), when every report searched is about that place; with
reports of several places, the name tells them apart and stays.

    report_place('中山市大涌镇2022年度法治政府建设情况报告')  -> '大涌镇'
    report_place('2017年政府工作报告')                       -> ''
    without_place('大涌镇的绿化做得怎么样？', '大涌镇')        -> '的绿化做得怎么样？'
    without_place('大涌的绿化呢？', '大涌镇')                  -> '的绿化呢？' (its name alone)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.text.tokens import normalize

# Places, largest first, before what the title says of them (a year, 关于, 人民政府, 年度…).
_PLACE = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:特别行政区|自治区|自治州|自治县|新区|街道|省|市|县|区|镇|乡|村)"
)
_PREFIX = re.compile(r"^[\u4e00-\u9fff]+?(?=\d|关于|人民政府|政府|年度|$)")
# A name needs this many characters beside its suffix to be searched without (大涌 of 大涌镇).
MIN_NAME = 2


def report_place(title: str) -> str:
    """The smallest place the title starts with ('' when it names none)."""
    prefix = _PREFIX.match(normalize(title).strip())
    if prefix is None:
        return ""
    places = _PLACE.findall(prefix.group(0))
    if not places or "".join(places) != prefix.group(0):
        return ""  # the title starts with something else than places (政府工作报告)
    return str(places[-1])


def common_place(titles: Iterable[str]) -> str:
    """The place every report is about ('' when they are about several, or none)."""
    places = {report_place(title) for title in titles}
    return places.pop() if len(places) == 1 else ""


def without_place(question: str, place: str) -> str:
    """The question without the place's name (and its name without 镇, 市…); unchanged when
    nothing would be left to search with."""
    if not place:
        return question
    text = normalize(question)
    name = _PLACE.sub(lambda m: m.group(0)[:-1], place) if len(place) > MIN_NAME else ""
    names = [place, name] if len(name) >= MIN_NAME else [place]
    out = text
    for each in names:
        out = out.replace(each, "")
    return out if re.search(r"[\u4e00-\u9fff\w]{2,}", out) and out != text else question
