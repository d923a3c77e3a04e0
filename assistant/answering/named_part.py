"""Questions that name a part of the report by its heading's words, and ask what it holds:
'存在哪些不足？' is about 七、存在的不足和原因, '下一年度有哪些主要安排？' about
八、下一年度推进法治政府建设的主要安排. Their answer is the part's points, not one sentence of it
(the best sentence for 存在哪些不足？ is the one that writes 不足, the second of three).

A question names a part when every word it has beyond its interrogatives, the report's title
(法治, 政府, 建设 in the town report's) and a few words about the report itself is written in
the part's heading, and it asks for no kind of phrase (a count, a date: those have one
answer). Numbered parts named by their number are found by `report.parts`.

    named_heading('存在哪些不足？', ['七、存在的不足和原因', …], '大涌镇…报告')
        -> '七、存在的不足和原因'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.answering.answer_types import asked
from assistant.report.chunks import Chunk
from assistant.report.documents import Paragraph
from assistant.report.outline import heading_level, item_title, lead
from assistant.text.tokens import normalize, words

# What asks for the contents of a part: 有哪些, 有什么, 讲了什么, 情况如何.
_ASKS_CONTENTS = re.compile(r"哪些|哪几|有什么|[讲说写谈]了?什么|如何|怎样|怎么样|内容|情况")
_INTERROGATIVE = re.compile(r"哪|什么|如何|怎|多少|几|谁|何")
# Words about the report or the place, which any part may be asked with.
_FRAME = frozenset(
    {"报告", "镇里", "我镇", "本镇", "全镇", "认为", "提到", "提出", "讲到", "方面"}
    | {"内容", "情况", "工作", "做法"}  # ... and what was done there
)
# At least this many characters of the question's own words must be in the heading: 措施 alone
# (有哪些措施？) names no part.
MIN_NAMED_CHARS = 4
# ... and at least this share of the heading's own words: 今年主要预期目标有哪些？ asks for the
# targets, not for all of 二、今年经济社会发展的总体要求、主要预期目标和宏观经济政策.
HEADING_SHARE = 0.5
# The most points an answer about a part lists.
MAX_POINTS = 10


def named_heading(question: str, headings: Iterable[str], title: str = "") -> str | None:
    """The heading whose words the question writes (the shortest, when several), or None."""
    text, title = normalize(question), normalize(title)
    if not _ASKS_CONTENTS.search(text) or asked(question) is not None:
        return None
    own = [
        w
        for w in words(text)
        if not _INTERROGATIVE.search(w) and w not in _FRAME and w not in title
    ]
    if len("".join(own)) < MIN_NAMED_CHARS:
        return None
    named = [
        h
        for h in headings
        if all(w in normalize(h) for w in own) and _share_named(h, own, title) >= HEADING_SHARE
    ]
    return min(named, key=len) if named else None


def _share_named(heading: str, own: Sequence[str], title: str) -> float:
    """The share of the heading's own words (not the normalized report `title`'s) the
    question writes."""
    said = "".join(own)
    theirs = [w for w in words(normalize(heading)) if w not in title]
    return sum(1 for w in theirs if w in said) / len(theirs) if theirs else 1.0


@dataclass(frozen=True)
class Point:
    """One point of a part: a sub-heading, or the lead sentence of a paragraph."""

    paragraph: int
    section: str  # the path it stands under
    text: str


def part_points(
    heading: Paragraph, chunks: Sequence[Chunk], sections: Mapping[tuple[str, str], Paragraph]
) -> tuple[Point, ...]:
    """The points of the part (or the section, （一）…) `heading` opens: its sub-headings
    ((一)…, (二)…) when it has them, else its numbered items (1.法治意识有待进一步提升。…), by
    their lead sentences; () when it has neither (a work report's review of the year: then
    the passages found say which paragraphs matter)."""
    depth = 0 if heading_level(heading.text) != 2 else 1  # a part, or a section of one
    inside = [
        c
        for c in chunks
        if c.document == heading.document and c.section[depth : depth + 1] == (heading.text,)
    ]
    subs = [
        s for s in dict.fromkeys(c.section[depth + 1] for c in inside if len(c.section) > depth + 1)
        if heading_level(s) == 2
    ]  # fmt: skip
    if subs:  # `sections`: (document, heading text) -> the section heading's paragraph
        found = [sections.get((heading.document, s)) for s in subs[:MAX_POINTS]]
        return tuple(Point(p.number, heading.text, p.text) for p in found if p is not None)
    firsts: dict[int, Chunk] = {}
    for chunk in inside:
        firsts.setdefault(chunk.paragraph, chunk)
    if len(firsts) > MAX_POINTS or any(item_title(c.text) is None for c in firsts.values()):
        return ()
    return tuple(Point(n, c.section_path, lead(c.text)) for n, c in sorted(firsts.items()))
