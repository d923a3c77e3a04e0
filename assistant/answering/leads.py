"""The lead of a list: what its items are, written once before a colon. A work report writes
今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上；… and each item is an
answer sentence of its own; or it writes the lead as a paragraph of its own
(今年经济社会发展的主要预期目标是：) and the items in the next one.

    list_leads(['目标是：增长6%；', '就业1100万人。', '另起一句。'])
        -> ['', '目标是：', '']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from assistant.report.chunks import Chunk, sentences
from assistant.report.documents import Paragraph
from assistant.retrieval.search import Hit

# Items of a list end with a semicolon (the last one with a full stop).
_ITEM_END = ("；", ";")
_COLON = ("：", ":")
# How far back the paragraph before a passage may be numbered (blank lines have no number).
_GAP = 3


def _starts_paragraph(chunk: Chunk, paragraphs: Mapping[tuple[str, int], Paragraph]) -> bool:
    """The chunk is its paragraph's first passage (a long paragraph is cut into several)."""
    here = paragraphs.get((chunk.document, chunk.paragraph))
    return here is not None and here.text.startswith(chunk.text[:20])


def list_leads(parts: Sequence[str], opening: str = "") -> list[str]:
    """For each sentence of a passage, the lead of the list it is an item of ("" when none).
    `opening` is the lead its passage continues (`paragraph_leads`): the sentences up to the
    first that ends otherwise than an item are its items."""
    out = []
    for i in range(len(parts)):
        lead = opening
        j = i - 1
        while j >= 0:
            if not parts[j].endswith(_ITEM_END):
                lead = ""
                break
            colon = max(parts[j].rfind(c) for c in _COLON)
            if colon >= 0:
                lead = parts[j][: colon + 1]
                break
            j -= 1
        out.append(lead)
    return out


def paragraph_leads(
    hits: Sequence[Hit], paragraphs: Mapping[tuple[str, int], Paragraph]
) -> dict[int, str]:
    """{chunk id: the lead its passage continues} for the hits that start their paragraph
    right after a paragraph ending in a colon: its last sentence (今年经济社会发展的主要预期
    目标是：, before 国内生产总值增长7.5％；城镇新增就业900万人以上；…)."""
    out: dict[int, str] = {}
    for hit in hits:
        chunk = hit.chunk
        if not _starts_paragraph(chunk, paragraphs):
            continue  # a later window of a long paragraph continues its own text
        before = next(
            (
                paragraphs[(chunk.document, n)]
                for n in range(chunk.paragraph - 1, max(chunk.paragraph - 1 - _GAP, 0), -1)
                if (chunk.document, n) in paragraphs
            ),
            None,
        )
        if before is not None and before.text.rstrip().endswith(_COLON):
            out[chunk.id] = sentences(before.text.strip())[-1].strip()
    return out


def whole_paragraphs(
    hits: Sequence[Hit], paragraphs: Mapping[tuple[str, int], Paragraph]
) -> dict[int, str]:
    """{chunk id: the whole paragraph it is a window of} for the hits cut from a longer one."""
    out: dict[int, str] = {}
    for hit in hits:
        here = paragraphs.get((hit.chunk.document, hit.chunk.paragraph))
        if here is not None and len(here.text) > len(hit.chunk.text):
            out[hit.chunk.id] = here.text
    return out


def items_after_leads(
    hits: Sequence[Hit],
    paragraphs: Mapping[tuple[str, int], Paragraph],
    chunks: Sequence[Chunk],
) -> list[Hit]:
    """The hits re-ranked so that the paragraph a lead of its own opens scores as the lead
    does, or more, and comes before it: 今年国民经济和社会发展的主要预期目标是： says what its items
    are, the next paragraph gives them (国内生产总值增长8%左右；…), and only they answer. On the
    2011 work report the lead ranked second and its items fourth, out of the answer's reach;
    asked 今年的主要预期目标是什么？, they were not among the hits at all (then their first
    passage joins them, with the lead's scores: its evidence is lent to them)."""
    leads = [
        h
        for h in hits
        if h.chunk.text.rstrip().endswith(_COLON) and len(sentences(h.chunk.text.strip())) == 1
    ]
    if not leads:
        return list(hits)
    opened: dict[tuple[str, int], Hit] = {}  # (document, the items' paragraph) -> the lead
    for lead in leads:
        document, number = lead.chunk.document, lead.chunk.paragraph
        after = next(
            (n for n in range(number + 1, number + 1 + _GAP) if (document, n) in paragraphs), None
        )
        if after is not None:
            opened[(document, after)] = lead

    found = {(h.chunk.document, h.chunk.paragraph) for h in hits}
    wanted = opened.keys() - found
    missing = (
        [
            replace(opened[key], chunk=chunk, typed=0.0, late=0.0)
            for chunk in chunks
            if (key := (chunk.document, chunk.paragraph)) in wanted
            and _starts_paragraph(chunk, paragraphs)
        ]
        if wanted
        else []
    )
    lifted: list[tuple[Hit, bool]] = []
    for hit in [*hits, *missing]:
        lead_hit = opened.get((hit.chunk.document, hit.chunk.paragraph))
        if lead_hit is not None and _starts_paragraph(hit.chunk, paragraphs):
            lifted.append((replace(hit, score=max(hit.score, lead_hit.score)), True))
        else:
            lifted.append((hit, False))
    lifted.sort(key=lambda pair: (-pair[0].score, not pair[1]))  # stable otherwise
    return [replace(h, rank=i) for i, (h, _) in enumerate(lifted, start=1)]
