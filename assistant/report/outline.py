"""The outline of a Chinese official report: 一、 / （一） / 1. headings -> a path per paragraph.

    一、总体情况            level 1
    （一）依法全面履行职能    level 2
    1.职权法定。……          level 3: an item; its lead sentence names the item

A level-1 or level-2 heading is a short line with no sentence end in it. An item is a body
paragraph; the paragraphs after it (until the next heading or item) belong to it, so their
path ends with the item's lead sentence: ¶47 -> (…, '（八）…', '1.加强对……教育').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.report.documents import Paragraph

_NUMERAL = "一二三四五六七八九十百零〇"
_LEVEL1 = re.compile(rf"^[{_NUMERAL}]+[、，,．.]")
_LEVEL2 = re.compile(rf"^[（(][{_NUMERAL}]+[）)]")
_ITEM = re.compile(r"^(\d{1,2})[.．、]\s*(?!\d)")
_SENTENCE_END = re.compile(r"[。！？；]")
MAX_HEADING_CHARS = 100


@dataclass(frozen=True)
class Placed:
    """A paragraph with its place in the outline."""

    paragraph: Paragraph
    section: tuple[str, ...]  # heading path, outermost first; () for a preamble
    is_heading: bool


def heading_level(text: str) -> int:
    """1 or 2 for a heading line, 0 for anything else (items are body paragraphs)."""
    if len(text) > MAX_HEADING_CHARS or _SENTENCE_END.search(text.rstrip("。")):
        return 0
    if _LEVEL1.match(text):
        return 1
    if _LEVEL2.match(text):
        return 2
    return 0


def item_title(text: str) -> str | None:
    """'1.职权法定，依法规范……。' -> '1.职权法定，依法规范……' (the lead sentence), else None."""
    return lead(text, limit=40) if _ITEM.match(text) else None


def lead(text: str, limit: int = 60) -> str:
    """The first sentence of a paragraph, which in these reports states its point, cut at
    `limit` characters: '1.法治意识有待进一步提升。部分公职人员……' -> '1.法治意识有待进一步提升'."""
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit] + "…"


def place(paragraphs: Sequence[Paragraph]) -> list[Placed]:
    """Give every paragraph of one document its heading path."""
    level1: str | None = None
    level2: str | None = None
    item: str | None = None
    placed: list[Placed] = []
    for paragraph in paragraphs:
        text = paragraph.text
        level = heading_level(text)
        if level == 1:
            level1, level2, item = text, None, None
        elif level == 2:
            level2, item = text, None
        path = tuple(h for h in (level1, level2) if h)
        if level:
            placed.append(Placed(paragraph, path[:-1], is_heading=True))
            continue
        title = item_title(text)
        if title is not None:
            item = title
        elif item is not None:
            path = (*path, item)
        placed.append(Placed(paragraph, path, is_heading=False))
    return placed


def format_path(section: Sequence[str]) -> str:
    return " › ".join(section)
