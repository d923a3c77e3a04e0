"""From a file's bytes to numbered raw paragraphs, per format.

Numbering rule (stable, independent of repair):
- .txt / .md: ¶n is the 1-based line number where the paragraph starts. A paragraph is one
  non-empty line, except in a hard-wrapped document (blank lines between blocks, and some
  block spanning several lines), where it is the whole block, its lines joined.
- .docx: ¶n is the position of the paragraph among the document's non-empty paragraphs
  (body text only; tables and text boxes are not read).
- .pdf: ¶n is the position among the paragraphs rebuilt from the text lines (a line that
  does not end a sentence continues into the next one). A scanned page (no text layer, an
  image) is read by OCR first (assistant/text/ocr.py: tesseract chi_sim), and its lines are
  rebuilt the same way, in page order with the other pages.
- .html / .htm (a saved web page): ¶n is the position among the non-empty blocks of the
  page's main text as trafilatura extracts it (leaf <p>/<head>/<item>/<quote>; each <br>
  starts a new block), whitespace collapsed, spaces between Chinese characters removed, a
  first heading equal to the page title dropped; navigation, share bars, footers and tables
  are not read. Details in assistant/text/webpage.py.

Titles: a file may name itself (`SourceText.title`): a web page's <h1> (or its <title>
without the "_栏目_站点" suffix), a .docx's core-properties title, a .pdf's /Title.
report/documents.py falls back to the text itself when it does not.

Encodings of text files: UTF-8 (BOM or not) and UTF-16 with BOM are read directly;
anything else (GB18030/GBK, Big5, UTF-16 without BOM, ...) is detected by
charset-normalizer, which beats a hand-written guess on short and mixed texts.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError
from assistant.text.ocr import is_scanned, ocr_pages
from assistant.text.webpage import read_webpage

SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
_SENTENCE_END = re.compile(r"[。！？；：:;.!?”」』）)]\s*$")
_CJK_EDGE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# Titles that name the file or the tool that wrote it, not the report.
_NOT_A_TITLE = re.compile(
    r"^(?:microsoft (?:word|excel)\b|untitled|无标题)|\.(?:docx?|pdf|wps|txt)$", re.I
)


@dataclass(frozen=True)
class SourceText:
    paragraphs: tuple[tuple[int, str], ...]  # (¶n, raw text), numbered by the rules above
    title: str | None = None  # the title the file gives itself, if any


def own_title(title: str | None) -> str | None:
    """' 大涌镇报告 ' -> '大涌镇报告'; 'Microsoft Word - 报告.docx', '' -> None."""
    title = " ".join((title or "").split())
    return title if title and not _NOT_A_TITLE.search(title) else None


def decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or "\x00" in str(best):
        raise AssistantError(
            f"{name} is not text in any encoding I can recognise (a binary file?): "
            "convert it to UTF-8 text or remove it from the source folder."
        )
    return str(best)


def _join(lines: list[str]) -> str:
    """Join wrapped lines: no space between CJK characters, one space between words."""
    out = ""
    for line in (part.strip() for part in lines):
        if out and not (_CJK_EDGE.search(out[-1]) or _CJK_EDGE.search(line[:1])):
            out += " "
        out += line
    return out


def text_paragraphs(text: str) -> list[tuple[int, str]]:
    """'a\nb\n\nc' -> [(1, 'a b'), (4, 'c')] (wrapped); 'a\nb' -> [(1, 'a'), (2, 'b')]."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                blocks.append((number, current))
            current.append(line)
        else:
            current = []
    wrapped = len(blocks) > 1 and any(len(block) > 1 for _, block in blocks)
    if wrapped:
        return [(start, _join(block)) for start, block in blocks]
    return [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]


def rebuild_paragraphs(lines: Iterable[str]) -> list[str]:
    """Lines of a laid-out page -> paragraphs: a line that does not end a sentence (and is
    not short, as a heading or a paragraph's last line is) continues into the next one.

    ['我镇召开党委会议，传达学习上级文件精神，研究法治政府建设工作，部署', '下一步工作。',
     '二、存在问题'] -> ['我镇召开党委会议，…，部署下一步工作。', '二、存在问题']
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for line in (raw.strip() for raw in lines):
        if not line:
            continue
        current.append(line)
        if _SENTENCE_END.search(line) or len(line) < 25:
            paragraphs.append(_join(current))
            current = []
    if current:
        paragraphs.append(_join(current))
    return paragraphs


def docx_source(data: bytes, name: str) -> SourceText:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several unrelated types on bad files
        raise AssistantError(f"{name} is not a readable .docx file ({error}).") from error
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    return SourceText(tuple(enumerate(texts, start=1)), own_title(document.core_properties.title))


def pdf_source(data: bytes, name: str) -> SourceText:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages]
        scanned = [n for n, page in enumerate(reader.pages) if is_scanned(page, texts[n])]
        title = own_title(reader.metadata.title if reader.metadata else None)
    except Exception as error:  # pypdf raises many error types on damaged files
        raise AssistantError(f"{name} is not a readable PDF ({error}).") from error
    for index, text in ocr_pages(data, scanned, name).items():
        texts[index] = text
    paragraphs = rebuild_paragraphs(line for text in texts for line in text.split("\n"))
    if not paragraphs:
        raise AssistantError(
            f"{name} has no text layer (a scanned PDF?): run OCR on it first, or add a .txt copy."
        )
    return SourceText(tuple(enumerate(paragraphs, start=1)), title)


def read_source(name: str, data: bytes) -> SourceText:
    """The numbered raw paragraphs of a file, by its suffix, and the title it gives itself."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return docx_source(data, name)
    if suffix == ".pdf":
        return pdf_source(data, name)
    if suffix in (".html", ".htm"):
        page = read_webpage(data, name)
        return SourceText(page.paragraphs, own_title(page.title))
    return SourceText(tuple(text_paragraphs(decode(data, name))))


def read_paragraphs(name: str, data: bytes) -> list[tuple[int, str]]:
    """(¶n, raw text) for every paragraph of a file, by its suffix."""
    return list(read_source(name, data).paragraphs)
