"""The GBK characters an original Chinese text could contain, indexed by their bytes.

    by_lead()[0xBD]  -> [(0xBD, 0xA8, '建', '建'), ...]   (lead, trail, char, simplified)
    dropped_leads(0xFD) -> bytes b that make (0xFD, b) a pair the site's decoder drops
    foreign(lines)   -> in a traditional text, the simplified-only characters ('场'): a
                        repair of that text must not bring them in
Built once from GBK and OpenCC (a few tens of milliseconds) and cached.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from assistant.text.mojibake import gbk


def plausible(char: str) -> bool:
    """Could the site's original text have had this character?"""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x3003
        or 0x3008 <= code <= 0x3011
        or 0x3014 <= code <= 0x3017
        or 0xFF01 <= code <= 0xFF5E
        or char in "“”‘’…—·"
    )


@cache
def simplified() -> dict[str, str]:
    """Every GBK character -> its simplified form (one OpenCC call, cached)."""
    from assistant.text.script import to_simplified

    chars = [char for char in gbk.pairs().values() if plausible(char)]
    converted = to_simplified("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        converted = [to_simplified(char) for char in chars]
    return {char: (s if len(s) == 1 else char) for char, s in zip(chars, converted, strict=True)}


@cache
def traditional() -> dict[str, str]:
    """Every GB2312 character (simplified forms live there) -> its traditional form."""
    from assistant.text.script import to_traditional

    chars = [char for char in simplified() if _in_gb2312(char)]
    converted = to_traditional("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        converted = [to_traditional(char) for char in chars]
    return {char: (t if len(t) == 1 else char) for char, t in zip(chars, converted, strict=True)}


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def foreign(lines: Iterable[str]) -> frozenset[str]:
    """Characters of the other script: in a traditional text, the simplified-only ones
    ('场', whose traditional form is '場'), and the other way round; none when mixed."""
    simple, full = simplified(), traditional()
    text = "".join(lines)
    traditional_only = sum(1 for char in text if simple.get(char, char) != char)
    simplified_only = sum(1 for char in text if full.get(char, char) != char)
    if traditional_only > 2 * simplified_only:
        return frozenset(char for char, t in full.items() if t != char)
    if simplified_only > 2 * traditional_only:
        return frozenset(char for char, s in simple.items() if s != char)
    return frozenset()


# (lead, trail, character, simplified character): one way to read a pair of bytes.
Option = tuple[int, int, str, str]


@cache
def by_lead() -> dict[int, list[Option]]:
    simple = simplified()
    return {
        lead: [(lead, t, c, simple[c]) for t, c in items if c in simple]
        for lead, items in gbk.by_lead().items()
    }


@cache
def by_trail() -> dict[int, list[Option]]:
    simple = simplified()
    return {
        t: [(lead, t, c, simple[c]) for lead, c in items if c in simple]
        for t, items in gbk.by_trail().items()
    }


@cache
def dropped_leads(first: int) -> frozenset[int]:
    """Bytes that, after `first`, make a pair the decoder drops."""
    return frozenset(b for b in range(0x81, 0xFF) if gbk.is_dropped(first, b))


@cache
def droppable() -> frozenset[int]:
    """Bytes that can start a dropped pair (only the symbol and user-defined rows of GBK
    leave pairs unassigned): the trail of a character right before a drop is one of them."""
    return frozenset(b for b in range(0x80, 0x100) if dropped_leads(b))
