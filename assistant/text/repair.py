"""Repair scraped report text: mojibake, pinyin annotations, punctuation, script.

The lines of one document go through, in order:
    restore.repair  '建設?,F(xiàn)將' -> '建設。現將' (GBK damage, byte evidence intact)
    strip_readings   '鎮(zhèn)堅(jiān)持' -> '鎮堅持' (only readings of the character before)
    normalise        '建設,,圍繞' -> '建設，圍繞', '村(社區)' -> '村（社區）'
    simplify_traditional  '鎮堅持' -> '镇坚持' (OpenCC tw2s), only for lines in traditional
                     characters: simplified text stays as written ('显著', not '显着')
Mojibake goes first: the ',' and '?' in a damaged run are evidence of the bytes behind it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text.mojibake import restore
from assistant.text.pinyin import strip_readings
from assistant.text.punctuation import normalise
from assistant.text.script import simplify_traditional

_SURROGATE = re.compile("[\ud800-\udfff]")  # unpaired halves cannot be encoded: shown as U+FFFD
# Control characters (NUL from a binary file, stray escapes) are never text: dropped.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# Invisible characters of web pages (zero-width space and joiners, word joiner, BOM, soft
# hyphen): 74.4\u200b万亿元 is 74.4万亿元 to a reader, and the figure, the words and a key
# copied from the page must be too.
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class RepairedText:
    """lines[i] is the repaired text of input line i (same count, same order), simplified
    when it was written in traditional characters."""

    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the repair had to guess, e.g. an inferred heading number


def repair_lines(lines: Sequence[str]) -> RepairedText:
    """Repair every line of one document; empty lines stay empty, the count never changes.

    The lines are repaired together: the document's own text is what the mojibake repair
    scores its guesses with, and heading numbers are inferred from neighbouring lines.
    """
    clean = [
        INVISIBLE.sub("", _CONTROL.sub("", _SURROGATE.sub("\ufffd", line))).strip()
        for line in lines
    ]
    fixed = restore.repair(clean)
    out = simplify_traditional([normalise(strip_readings(line)).strip() for line in fixed.lines])
    return RepairedText(lines=out, notes=fixed.notes)
