"""Chunks: the units that are embedded and searched. One paragraph each, or sentence
windows of a long paragraph; every chunk keeps its paragraph number and heading path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

from assistant.config import ChunkSettings
from assistant.report.documents import Document
from assistant.report.outline import format_path, place

_SENTENCE = re.compile(r"[^。！？；]*(?:[。！？；]+[”’」』）)]*|$)")
_ITEM_LEAD = re.compile(r"^\d{1,2}[.．、]")


@dataclass(frozen=True)
class Chunk:
    id: int  # position in the index
    document: str
    paragraph: int  # the source paragraph number (¶n)
    section: tuple[str, ...]  # heading path, outermost first
    text: str  # repaired text shown to users (a whole paragraph or a window of it)

    @property
    def section_path(self) -> str:
        return format_path(self.section)

    def embedding_text(self, settings: ChunkSettings) -> str:
        """What the encoder sees: the heading path as context, then the text."""
        return self._with_context(self.text, settings)

    def sentence_texts(self, settings: ChunkSettings) -> list[str]:
        """What the encoder sees of each sentence an answer may quote (`answer_sentences`)."""
        return [self._with_context(t, settings) for t in answer_sentences(self.text)]

    def _with_context(self, text: str, settings: ChunkSettings) -> str:
        if settings.section_context and self.section:
            return f"{self.section_path}\n{text}"
        return text


def sentences(text: str) -> list[str]:
    """'甲。乙！丙' -> ['甲。', '乙！', '丙'] (closing quotes stay with their sentence)."""
    return [s for s in _SENTENCE.findall(text) if s]


def answer_sentences(text: str) -> list[str]:
    """The sentences an answer may quote (at least 4 characters); the index embeds each."""
    return [p.strip() for p in sentences(text) if len(p.strip()) >= 4]


def window_spans(text: str) -> list[tuple[int, ...]]:
    """The spans an answer may quote, as positions in `answer_sentences`: single sentences and
    adjacent pairs (a subject is often introduced in one sentence and answered in the next);
    an item's lead ('1.加强……。') never stands alone."""
    parts = answer_sentences(text)
    singles = [
        (i,) for i, p in enumerate(parts) if not (_ITEM_LEAD.match(p) and i + 1 < len(parts))
    ]
    return singles + list(pairwise(range(len(parts))))


def answer_windows(text: str) -> list[tuple[str, ...]]:
    """`window_spans` as text: [('甲。',), ('乙。',), ('甲。', '乙。')]."""
    parts = answer_sentences(text)
    return [tuple(parts[i] for i in span) for span in window_spans(text)]


def windows(text: str, settings: ChunkSettings) -> list[str]:
    """Split a long paragraph into windows of whole sentences, each <= max_chars when it can."""
    if len(text) <= settings.max_chars:
        return [text]
    parts = sentences(text)
    out: list[str] = []
    start = 0
    while start < len(parts):
        end = start
        size = 0
        while end < len(parts) and (end == start or size + len(parts[end]) <= settings.max_chars):
            size += len(parts[end])
            end += 1
        out.append("".join(parts[start:end]))
        if end >= len(parts):
            break
        start = max(end - settings.overlap_sentences, start + 1)
    return out


_CJK = re.compile(r"[\u3400-\u9fff]")


def _chinese(document: Document) -> bool:
    """Whether most of the document's paragraphs hold Chinese."""
    paragraphs = document.paragraphs
    return sum(bool(_CJK.search(p.text)) for p in paragraphs) * 2 > len(paragraphs)


def chunk_document(document: Document, settings: ChunkSettings) -> list[Chunk]:
    """Chunks of one document; ids are assigned later by the index (set to -1 here).

    In a Chinese document a paragraph without a Chinese character is not report text (a
    scraped licence line 'Public domain Public domain false false', a URL, a page number):
    it keeps its ¶n in the report view but is not searched, so it can never be an answer."""
    chunks: list[Chunk] = []
    chinese = _chinese(document)
    for placed in place(document.paragraphs):
        if placed.is_heading:
            continue
        if chinese and not _CJK.search(placed.paragraph.text):
            continue
        for window in windows(placed.paragraph.text, settings):
            chunks.append(Chunk(-1, document.name, placed.paragraph.number, placed.section, window))
    return chunks


def chunk_documents(documents: Iterable[Document], settings: ChunkSettings) -> list[Chunk]:
    chunks = [chunk for document in documents for chunk in chunk_document(document, settings)]
    return [replace(chunk, id=i) for i, chunk in enumerate(chunks)]
