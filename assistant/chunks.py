"""Chunks: the units that are embedded and searched. One paragraph each, or sentence
windows of a long paragraph; every chunk keeps its paragraph number and heading path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from assistant.config import ChunkSettings
from assistant.documents import Document
from assistant.outline import format_path, place

_SENTENCE = re.compile(r"[^。！？；]*(?:[。！？；]+[”’」』）)]*|$)")


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
        if settings.section_context and self.section:
            return f"{self.section_path}\n{self.text}"
        return self.text


def sentences(text: str) -> list[str]:
    """'甲。乙！丙' -> ['甲。', '乙！', '丙'] (closing quotes stay with their sentence)."""
    return [s for s in _SENTENCE.findall(text) if s]


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


def chunk_document(document: Document, settings: ChunkSettings) -> list[Chunk]:
    """Chunks of one document; ids are assigned later by the index (set to -1 here)."""
    chunks: list[Chunk] = []
    for placed in place(document.paragraphs):
        if placed.is_heading:
            continue
        for window in windows(placed.paragraph.text, settings):
            chunks.append(Chunk(-1, document.name, placed.paragraph.number, placed.section, window))
    return chunks


def chunk_documents(documents: Iterable[Document], settings: ChunkSettings) -> list[Chunk]:
    chunks = [chunk for document in documents for chunk in chunk_document(document, settings)]
    return [replace(chunk, id=i) for i, chunk in enumerate(chunks)]
