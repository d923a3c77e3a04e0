"""Heading numbers of Chinese reports, and the number a damaged heading must have.

（一）依法全面履行政府职能      second-level headings count up under a first-level one
（二）完善依法行政制度体系
？。ㄈ┩七M…                   -> （三）: between （二） and （四）
（四）坚持严格规范公正文明执法
"""

from __future__ import annotations

import re
from collections.abc import Sequence

NUMERALS = "一二三四五六七八九十"
SECOND_LEVEL = re.compile(rf"^\u3000*（([{NUMERALS}]{{1,3}})）")
_FIRST_LEVEL = re.compile(rf"^[{NUMERALS}]+、")
MAX_HEADING = 60  # characters; a longer line is a body paragraph


def numeral_value(text: str) -> int | None:
    """'三' -> 3, '十二' -> 12, '二十' -> 20; None for anything else."""
    if not text or any(char not in NUMERALS for char in text):
        return None
    if "十" not in text:
        return NUMERALS.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones:
        return None
    return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (
        NUMERALS.index(ones) + 1 if ones else 0
    )


def numeral_text(value: int) -> str:
    """3 -> '三', 12 -> '十二', 20 -> '二十' (1..99)."""
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else "十" if tens == 1 else NUMERALS[tens - 1] + "十"
    return head + (NUMERALS[ones - 1] if ones else "")


def _neighbour(lines: Sequence[str], index: int, step: int) -> int | None:
    """The number of the nearest second-level heading before (step -1) or after (+1) a
    line, not looking past a first-level heading ('七、…')."""
    index += step
    while 0 <= index < len(lines):
        if _FIRST_LEVEL.match(lines[index]):
            return None
        match = SECOND_LEVEL.match(lines[index])
        if match:
            return numeral_value(match.group(1))
        index += step
    return None


def implied_number(lines: Sequence[str], index: int) -> tuple[int, str] | None:
    """The number the heading at `index` must have, with the neighbours that say so:
    (3, '（二）/（四）'); None for a body paragraph or when the neighbours disagree."""
    line = lines[index]
    if len(line) > MAX_HEADING or "。" in line.rstrip("。"):
        return None
    before, after = _neighbour(lines, index, -1), _neighbour(lines, index, 1)
    if before is not None and after is not None:
        if after - before != 2:
            return None
        value = before + 1
    elif before is not None:
        value = before + 1
    elif after is not None:
        value = after - 1
    else:
        return None
    if not 0 < value < 100:
        return None
    shown = "/".join(f"（{numeral_text(v)}）" for v in (before, after) if v is not None)
    return value, shown
