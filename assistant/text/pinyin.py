"""Pinyin glued after characters by the scraped site: '鎮(zhèn)堅(jiān)持' -> '鎮堅持'.

An annotation is removed only when it is a reading of the character before it (pypinyin,
with heteronyms), so real parentheses survive: '村(社區)', '(2021-2025年)', '(一)'.
Annotations after a mojibake byte ('F(xiàn)') or with the '(' swallowed ('?jīng)') are
byte evidence for the mojibake repair and are left alone here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

# Lowercase pinyin with tone marks (or none), as pypinyin's Style.TONE writes it.
SYLLABLE = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+"
_ANNOTATED = re.compile(rf"([\u3400-\u9fff\uf900-\ufaff])((?:\({SYLLABLE}\))+)")
_ONE = re.compile(rf"\(({SYLLABLE})\)")


@cache
def readings(char: str) -> frozenset[str]:
    """'經' -> {'jīng', 'jìng'}; a character pypinyin does not know reads as nothing."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    return frozenset(found[0]) if found else frozenset()


def is_reading(char: str, syllable: str) -> bool:
    return syllable in readings(char)


def _strip(match: re.Match[str]) -> str:
    char, annotations = match.group(1), match.group(2)
    rest = annotations
    for syllable in _ONE.findall(annotations):
        if not is_reading(char, syllable):
            break
        rest = rest[len(syllable) + 2 :]
    return char + rest


def strip_readings(text: str) -> str:
    """'大涌鎮(zhèn)(社區)' -> '大涌鎮(社區)': drop leading annotations that read the character."""
    return _ANNOTATED.sub(_strip, text)


def annotation_table(lines: Iterable[str]) -> dict[str, str]:
    """The characters the site annotates, with the reading it used for each.

    '鎮(zhèn)堅(jiān)' -> {'鎮': 'zhèn', '堅': 'jiān'}; a character annotated with several
    readings keeps its most frequent one.
    """
    seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        for match in _ANNOTATED.finditer(line):
            syllable = _ONE.match(match.group(2))
            if syllable and is_reading(match.group(1), syllable.group(1)):
                seen[match.group(1)][syllable.group(1)] += 1
    return {char: counts.most_common(1)[0][0] for char, counts in seen.items()}
