"""Example questions made from a report's own text, for a report that has no question file
(never another report's questions).

    report_examples([¶  "（一）依法全面履行政府职能",
                     ¶  "2022年，我镇11个村（社区）法律顾问提供免费法律咨询205宗，…"])
    -> ["依法全面履行政府职能方面做了哪些工作？",
        "2022年，我镇11个村（社区）法律顾问提供免费法律咨询多少宗？"]

Three kinds, interleaved through the report: a part's heading as "what does part n say",
a second-level heading as "what was done on …", and a sentence stating a count as the
question that count answers (its number replaced by 多少 and the unit kept).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain, zip_longest

from assistant.report.documents import Paragraph
from assistant.report.outline import heading_level
from assistant.report.parts import part_number

_SECOND = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*(.{4,24})$")
_COUNT = re.compile(r"(\d+(?:\.\d+)?)(宗|件|场|份|个|项|次|人次|名|家|户|篇|条|起|人)(?![\d])")
_CLAUSE = re.compile(r"[^，。；：！？]+")
# The year a sentence starts with, kept in the question ('2022年，…' -> '2022年…').
_YEAR = re.compile(r"^((?:19|20)\d{2}年)")


def _part_questions(paragraphs: Sequence[Paragraph]) -> list[str]:
    numbers = (part_number(p.text) for p in paragraphs if heading_level(p.text) == 1)
    return [f"报告第{n}部分讲的是什么？" for n in numbers if n]


def _topic_questions(paragraphs: Sequence[Paragraph]) -> list[str]:
    out = []
    for p in paragraphs:
        found = _SECOND.match(p.text)
        if found:
            out.append(f"{found.group(1).rstrip('。')}方面做了哪些工作？")
    return out


def _count_questions(paragraphs: Sequence[Paragraph], max_chars: int) -> list[str]:
    out = []
    for p in paragraphs:
        year = _YEAR.match(p.text)
        for clause in _CLAUSE.findall(p.text):
            counts = list(_COUNT.finditer(clause))  # the clause's figure comes last
            count = counts[-1] if counts else None
            if count is None or len(clause) > max_chars or len(clause) < 8:
                continue
            asked = clause[: count.start()] + "多少" + count.group(2) + clause[count.end() :]
            prefix = year.group(1) if year and not asked.startswith(year.group(1)) else ""
            out.append(f"{prefix}{asked.strip()}？")
            break  # one per paragraph: spread over the report
    return out


def report_examples(
    paragraphs: Iterable[Paragraph], limit: int = 6, max_chars: int = 30
) -> list[str]:
    ordered = sorted(paragraphs, key=lambda p: (p.document, p.number))
    kinds = (
        _count_questions(ordered, max_chars),
        _topic_questions(ordered),
        _part_questions(ordered),
    )
    mixed = [q for q in chain.from_iterable(zip_longest(*kinds)) if q]
    return list(dict.fromkeys(mixed))[:limit]
