"""Repair scraped report text: mojibake, pinyin annotations, punctuation, script.

PLACEHOLDER: a naive version so the rest of the pipeline can be built; the real
implementation replaces the internals but keeps `repair_lines` and `RepairedText`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.script import to_simplified

_PINYIN = re.compile(r"\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)")


@dataclass(frozen=True)
class RepairedText:
    """lines[i] is the repaired, simplified text of input line i (same count, same order)."""

    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()


def repair_lines(lines: Sequence[str]) -> RepairedText:
    out = []
    for line in lines:
        text = _PINYIN.sub("", line)
        text = text.replace(",,", "，").replace(",、", "、").replace(",。", "。").replace(",;", "；")
        text = text.replace(",", "，").replace(";", "；").replace(":", "：")
        out.append(to_simplified(text))
    return RepairedText(lines=tuple(out))
