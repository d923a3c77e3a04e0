"""GBK byte pairs as the scraped site's decoder read them.

The site decoded GBK leniently (Python's `gbk` codec, not `gb18030`, matches it):
    b'\\xbd\\xa8'          -> '建'   a lead byte and a trail byte that name a character
    b'\\xa1,x'             -> '?x'   a lead byte before an ASCII byte: '?', and the ASCII is eaten
    b'\\xfd\\xa3x'          -> 'x'    a well-formed pair that GBK leaves unassigned: dropped
A lead byte alone at the very end is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache


def is_trail(byte: int) -> bool:
    return 0x40 <= byte <= 0xFE and byte != 0x7F


@cache
def pairs() -> dict[int, str]:
    """(lead << 8 | trail) -> character, for every pair GBK assigns (about 21,900)."""
    table: dict[int, str] = {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                table[lead << 8 | trail] = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
    return table


def char_of(lead: int, trail: int) -> str | None:
    return pairs().get(lead << 8 | trail)


def is_dropped(lead: int, trail: int) -> bool:
    """True when the decoder silently drops this pair: well formed but unassigned."""
    return lead >= 0x80 and is_trail(trail) and (lead << 8 | trail) not in pairs()


def decode(data: bytes) -> str:
    """Decode like the site: b'\\xa1,,F' -> '?,F' (see the module docstring)."""
    table = pairs()
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
        elif i + 1 == n:
            i += 1
        elif is_trail(data[i + 1]):
            out.append(table.get(byte << 8 | data[i + 1], ""))
            i += 2
        else:
            out.append("?")
            i += 2
    return "".join(out)


def encode(text: str) -> bytes:
    """GBK bytes; a character GBK cannot write becomes '?', as the site would have shown it."""
    return text.encode("gbk", errors="replace")


def boundaries(data: bytes) -> set[int]:
    """Offsets where a character starts when `data` is read from its first byte."""
    starts: set[int] = set()
    i, n = 0, len(data)
    while i < n:
        starts.add(i)
        i += 1 if data[i] < 0x80 or i + 1 == n else 2
    return starts


@cache
def by_lead() -> dict[int, list[tuple[int, str]]]:
    """lead byte -> [(trail, character)] for every assigned pair."""
    index: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    for code, char in pairs().items():
        index[code >> 8].append((code & 0xFF, char))
    return dict(index)


@cache
def by_trail() -> dict[int, list[tuple[int, str]]]:
    """trail byte -> [(lead, character)] for every assigned pair."""
    index: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    for code, char in pairs().items():
        index[code & 0xFF].append((code >> 8, char))
    return dict(index)
