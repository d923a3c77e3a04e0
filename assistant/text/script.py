"""Traditional <-> simplified conversion with OpenCC, shared by documents and questions.

`tw2s` because the scraped text uses Taiwan forms (為/眾/線); it also fixes 著力 -> 着力,
which plain `t2s` leaves. Never `tw2sp`: it swaps vocabulary (文件 -> 文档).
"""

from __future__ import annotations

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
