"""Repair scraped report text: pinyin annotations, punctuation, script.

Each line goes through, in order:
    strip_readings  '鎮(zhèn)堅(jiān)持' -> '鎮堅持' (only readings of the character before)
    normalise       '建設,,圍繞' -> '建設，圍繞', '村(社區)' -> '村（社區）'
    to_simplified   '鎮堅持' -> '镇坚持' (OpenCC tw2s)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.pinyin import strip_readings
from assistant.punctuation import normalise
from assistant.script import to_simplified


@dataclass(frozen=True)
class RepairedText:
    """lines[i] is the repaired, simplified text of input line i (same count, same order)."""

    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the repair had to guess, e.g. an inferred heading number


def repair_lines(lines: Sequence[str]) -> RepairedText:
    """Repair every line of one document; empty lines stay empty, the count never changes."""
    out = [to_simplified(normalise(strip_readings(line.strip()))).strip() for line in lines]
    return RepairedText(lines=tuple(out))
