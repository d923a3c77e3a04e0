"""Traditional <-> simplified conversion with OpenCC, shared by documents and questions.

`tw2s` because the scraped text uses Taiwan forms (為/眾/線); it also fixes 著力 -> 着力,
which plain `t2s` leaves. Never `tw2sp`: it swaps vocabulary (文件 -> 文档).

`tw2s` is not a no-op on simplified text (显著 -> 显着), so documents keep their own script
when it is simplified: `simplify_traditional` converts only the lines written in traditional
characters. A line is traditional when it has more characters that only traditional text
uses (國, 鎮: `tw2s` changes them) than characters that only simplified text uses (国, 镇:
`s2tw` changes them); a tie (no evidence either way, or 著 against one simplified character)
goes the way of the whole document. `python benchmarks/script_detection.py` measures the
rule on the 72 government reports, the town report and DRCD.

    script_counts('取得显著成效')                 -> (1, 1)   著 against 显
    simplify_traditional(['国务院', '取得显著成效']) -> ('国务院', '取得显著成效')   as written
    simplify_traditional(['大涌鎮堅持', '著力'])      -> ('大涌镇坚持', '着力')
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """'大涌鎮堅持' -> '大涌镇坚持'."""
    return str(_converter("tw2s").convert(text))


def to_traditional(text: str) -> str:
    """'大涌镇坚持' -> '大涌鎮堅持' (Taiwan standard forms, for the display toggle)."""
    return str(_converter("s2tw").convert(text))


@cache
def _kind(char: str) -> int:
    """+1: only traditional text uses it (tw2s changes it); -1: only simplified text does
    (s2tw changes it); 0: both, or neither (punctuation, digits, shared characters)."""
    if char < "\u3400":
        return 0
    traditional = _converter("tw2s").convert(char) != char
    simplified = _converter("s2tw").convert(char) != char
    return int(traditional) - int(simplified)


def script_counts(text: str) -> tuple[int, int]:
    """(characters only traditional text uses, characters only simplified text uses)."""
    kinds = [_kind(c) for c in text]
    return kinds.count(1), kinds.count(-1)


def simplify_traditional(lines: Sequence[str]) -> tuple[str, ...]:
    """The lines in traditional characters converted to simplified; the others as written."""
    counts = [script_counts(line) for line in lines]
    document = sum(t for t, _ in counts) > sum(s for _, s in counts)
    return tuple(
        to_simplified(line) if t > s or (t == s and t > 0 and document) else line
        for line, (t, s) in zip(lines, counts, strict=True)
    )
