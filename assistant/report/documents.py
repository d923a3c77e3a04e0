"""Source documents: read the original bytes, repair the text, number the paragraphs.

Numbering rule (details per format in assistant/text/formats.py): in a text file a paragraph is
a non-empty line and its number is its 1-based line number (the seed report has one
paragraph per line). Repair never moves a paragraph, so citations stay stable however the
repair improves.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError
from assistant.text.formats import SUFFIXES, read_source
from assistant.text.repair import repair_lines


@dataclass(frozen=True)
class Paragraph:
    document: str  # the document's name (its file name)
    number: int  # 1-based line number in the source file
    text: str  # repaired, simplified
    original: str  # the source line exactly as it was (after decoding)


@dataclass(frozen=True)
class Document:
    name: str  # file name, e.g. "dayong-2022-rule-of-law-report.txt"
    title: str  # a human title, e.g. "大涌镇2022年度法治政府建设情况报告"
    sha256: str  # of the source bytes
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[str, ...] = ()  # what the repair had to guess

    def paragraph(self, number: int) -> Paragraph | None:
        for paragraph in self.paragraphs:
            if paragraph.number == number:
                return paragraph
        return None


_TITLE_IN_PREAMBLE = re.compile(r"现将(.{4,60}?报告)如下")
_SENTENCE_MARK = re.compile(r"[。！？；，,:：;!?]")
_OUTLINE_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、，,．.]|[（(][一二三四五六七八九十\d]+[）)]|\d)"
)
MAX_HEADING_CHARS = 40


def infer_title(paragraphs: tuple[Paragraph, ...], fallback: str, own: str | None = None) -> str:
    """The report's title, from the best evidence there is, in this order:

    1. the title the file gives itself (`own`: a web page's <h1>, .docx/.pdf metadata);
    2. the preamble: Chinese official reports name themselves in '现将……报告如下';
    3. a heading-like first line: short, not a sentence, not a numbered section
       ('关于2023年法治政府建设情况的报告' before the first body paragraph);
    4. `fallback` (the file name).
    """
    if own:
        return own
    for paragraph in paragraphs[:3]:
        match = _TITLE_IN_PREAMBLE.search(paragraph.text)
        if match:
            return match.group(1)
    for paragraph in paragraphs[:3]:
        text = paragraph.text
        if _OUTLINE_NUMBER.match(text) or len(text) > MAX_HEADING_CHARS:
            break  # the body has started
        if not _SENTENCE_MARK.search(text) and len(text) >= 4:
            return text
    return fallback


def parse_document(name: str, data: bytes) -> Document:
    source = read_source(name, data)
    raw = source.paragraphs
    repaired = repair_lines([text for _, text in raw])
    paragraphs = tuple(
        Paragraph(document=name, number=number, text=text.strip(), original=original)
        for (number, original), text in zip(raw, repaired.lines, strict=True)
        if text.strip()
    )
    return Document(
        name=name,
        title=infer_title(paragraphs, fallback=Path(name).stem, own=_repaired(source.title)),
        sha256=hashlib.sha256(data).hexdigest(),
        paragraphs=paragraphs,
        notes=repaired.notes,
    )


def _repaired(title: str | None) -> str | None:
    """A title the file gives itself goes through the same repair as its paragraphs."""
    if not title:
        return None
    return repair_lines([title]).lines[0].strip() or None


def source_files(source_dir: Path) -> list[Path]:
    if not source_dir.is_dir():
        raise AssistantError(
            f"No source folder at {source_dir}: run from the project folder, or pass "
            "--source DIR (or set ASSISTANT_SOURCE_DIR) to a folder of .txt/.md reports."
        )
    files = sorted(
        path for path in source_dir.iterdir() if path.is_file() and path.suffix.lower() in SUFFIXES
    )
    if not files:
        raise AssistantError(
            f"The source folder {source_dir} has no reports ({', '.join(SUFFIXES)} files): "
            "copy a report into it."
        )
    for path in files:
        _check_size(path)
    return files


# Larger sources are refused before anything is read or the model loads: embedding runs at
# about 2-3 KB of text per second on 2 CPU cores, so a 4 MB text file already takes about
# half an hour and a 50 MB one would take hours. .docx/.pdf/.html files carry images and
# markup, so their limit is on the file, not its text.
MAX_TEXT_BYTES = 4_000_000  # .txt, .md
MAX_PACKAGED_BYTES = 40_000_000  # .docx, .pdf, .html, .htm


def _check_size(path: Path) -> None:
    limit = MAX_TEXT_BYTES if path.suffix.lower() in (".txt", ".md") else MAX_PACKAGED_BYTES
    try:
        size = path.stat().st_size
    except OSError:
        return  # read_file says what is wrong with it
    if size > limit:
        raise AssistantError(
            f"{path} is {size / 1e6:.1f} MB; reports over {limit / 1e6:.0f} MB are refused "
            "(embedding it would take hours on a CPU): split it into smaller files, or "
            "move it out of the source folder."
        )


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise AssistantError(
            f"Cannot read {path}: {error.strerror}. Check the file's permissions or remove it."
        ) from error


def load_documents(source_dir: Path) -> list[Document]:
    documents = [parse_document(path.name, read_file(path)) for path in source_files(source_dir)]
    return [document for document in documents if document.paragraphs] or _no_text(source_dir)


def _no_text(source_dir: Path) -> list[Document]:
    raise AssistantError(f"The reports in {source_dir} are empty: add a report with some text.")


def all_paragraphs(documents: Iterable[Document]) -> list[Paragraph]:
    return [paragraph for document in documents for paragraph in document.paragraphs]
