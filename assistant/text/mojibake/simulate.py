"""A simulation of how the site damaged the text, to check candidate repairs against.

The site ran find-and-replace on raw GBK bytes, one step at a time, decoding (leniently, see
`gbk.decode`) and re-encoding between steps:
    1. after each annotated character, insert its pinyin:   '鎮' -> '鎮(zhèn)'
    2. for each of ？。、，  maybe insert ',' before it and make ？， half-width:
       '，' -> ',,' or ','    '、' -> ',、' or '、'    '？' -> ',?' or '?'
    3. the same for ；： but on characters, not bytes ('保和' = b1 [a3 ba] cd holds '：'
       and came through intact):  '；' -> ',;' or ';'    '：' -> ':'
A pattern can match the trail byte of one character plus the lead byte of the next
('到決' = b5 [bd 9b] 51 holds 經 = bd 9b), which is where mojibake comes from:
    damage('到決策', {'經': 'jīng'}, never) == '到?jīng)Q策'
Whether a ',' was inserted varies from place to place, so the caller chooses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache

from assistant.text.mojibake import gbk

# (full-width mark, what the site wrote for it), in the order the site's steps ran.
BYTE_STEPS = (("？", "?"), ("。", "。"), ("、", "、"), ("，", ","))
CHARACTER_STEPS = (("；", ";"), ("：", ":"))

# choose(mark, aligned) -> insert a stray ',' before this match? `aligned` is False for a
# match that straddles two characters.
Chooser = Callable[[str, bool], bool]


def never(mark: str, aligned: bool) -> bool:
    return False


@cache
def _pattern(chars: frozenset[str]) -> re.Pattern[bytes]:
    alternatives = sorted({gbk.encode(char) for char in chars}, key=len, reverse=True)
    return re.compile(b"|".join(re.escape(code) for code in alternatives))


def annotate(text: str, table: Mapping[str, str]) -> str:
    """Step 1: b'...' + pinyin after every match of an annotated character's bytes."""
    if not table:
        return text
    readings = {gbk.encode(char): gbk.encode(f"({reading})") for char, reading in table.items()}
    data = _pattern(frozenset(table)).sub(
        lambda m: m.group(0) + readings[m.group(0)], gbk.encode(text)
    )
    return gbk.decode(data)


def punctuate(text: str, mark: str, written: str, choose: Chooser) -> str:
    """Step 2 for one mark: maybe a ',' before it, and the site's form of it."""
    data = gbk.encode(text)
    code = gbk.encode(mark)
    if code not in data:
        return text
    starts = gbk.boundaries(data)
    out: list[bytes] = []
    last = 0
    for match in re.finditer(re.escape(code), data):
        out.append(data[last : match.start()])
        if choose(mark, match.start() in starts):
            out.append(b",")
        out.append(gbk.encode(written))
        last = match.end()
    out.append(data[last:])
    return gbk.decode(b"".join(out))


def damage(text: str, table: Mapping[str, str], choose: Chooser = never) -> str:
    """Run the site's steps over one paragraph of clean (traditional, full-width) text."""
    text = annotate(text, table)
    for mark, written in BYTE_STEPS:
        text = punctuate(text, mark, written, choose)
    for mark, written in CHARACTER_STEPS:
        parts = text.split(mark)
        text = parts[0] + "".join(
            ("," if choose(mark, True) else "") + written + part for part in parts[1:]
        )
    return text


def outcomes(text: str, table: Mapping[str, str], limit: int = 64) -> set[str]:
    """Every text the site could have made of `text`, over its choices of stray commas.

    Choices are enumerated depth first, at most `limit` runs, so keep `text` short.
    """
    results: set[str] = set()
    stack: list[tuple[bool, ...]] = [()]
    runs = 0
    while stack and runs < limit:
        bits = stack.pop()
        asked = 0

        def choose(mark: str, aligned: bool, bits: tuple[bool, ...] = bits) -> bool:
            nonlocal asked
            asked += 1
            return asked <= len(bits) and bits[asked - 1]

        results.add(damage(text, table, choose))
        runs += 1
        for i in range(len(bits), asked):
            stack.append(bits + (False,) * (i - len(bits)) + (True,))
    return results
