"""Repair scraped report text: mojibake, pinyin annotations, punctuation, script.

The lines of one document go through, in order:
    restore.repair  '建設?,F(xiàn)將' -> '建設。現將' (GBK damage, byte evidence intact)
    strip_readings   '鎮(zhèn)堅(jiān)持' -> '鎮堅持' (only readings of the character before)
    normalise        '建設,,圍繞' -> '建設，圍繞', '村(社區)' -> '村（社區）'
    to_simplified    '鎮堅持' -> '镇坚持' (OpenCC tw2s)
Mojibake goes first: the ',' and '?' in a damaged run are evidence of the bytes behind it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text.mojibake import restore
from assistant.text.pinyin import strip_readings
from assistant.text.punctuation import normalise
from assistant.text.script import to_simplified

_SURROGATE = re.compile("[\ud800-\udfff]")  # unpaired halves cannot be encoded: shown as U+FFFD


@dataclass(frozen=True)
class RepairedText:
    """lines[i] is the repaired, simplified text of input line i (same count, same order)."""

    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the repair had to guess, e.g. an inferred heading number


def repair_lines(lines: Sequence[str]) -> RepairedText:
    """Repair every line of one document; empty lines stay empty, the count never changes.

    The lines are repaired together: the document's own text is what the mojibake repair
    scores its guesses with, and heading numbers are inferred from neighbouring lines.
    """
    fixed = restore.repair([_SURROGATE.sub("\ufffd", line).strip() for line in lines])
    out = [to_simplified(normalise(strip_readings(line))).strip() for line in fixed.lines]
    return RepairedText(lines=tuple(out), notes=fixed.notes)
