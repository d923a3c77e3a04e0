"""Scanned PDFs: pages that are only images are read by OCR (tesseract chi_sim).

The scans are made here: Chinese text drawn with WenQuanYi Micro Hei (Debian's
fonts-wqy-microhei, which .ci/run installs) onto 300 dpi A4 pages, saved as an image-only PDF.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.report.documents import load_documents, parse_document
from assistant.text import ocr
from assistant.text.formats import read_source, rebuild_paragraphs

from .conftest import SOURCE

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DPI = 300
PAGE = (2480, 3508)  # A4 at 300 dpi
MARGIN = 300  # 1 inch
SIZE = 50  # 12 pt at 300 dpi
LEADING = 90


def render_scan(paragraphs: list[str], title: str | None = None) -> tuple[bytes, list[str]]:
    """An image-only PDF of the paragraphs (2-character indent, wrapped at any character),
    and the lines drawn, in order. No text layer: pypdf extracts nothing from it."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), SIZE)
    width = PAGE[0] - 2 * MARGIN
    pages: list[Image.Image] = []
    drawn: list[str] = []
    y = PAGE[1]  # start a page at once
    draw: ImageDraw.ImageDraw | None = None
    for paragraph in paragraphs:
        rest, indent = paragraph, 2 * SIZE
        while rest:
            n = 1
            while n < len(rest) and font.getlength(rest[: n + 1]) <= width - indent:
                n += 1
            if draw is None or y + LEADING > PAGE[1] - MARGIN:
                pages.append(Image.new("L", PAGE, 255))
                draw, y = ImageDraw.Draw(pages[-1]), MARGIN
            draw.text((MARGIN + indent, y), rest[:n], font=font, fill=0)
            drawn.append(rest[:n])
            rest, indent, y = rest[n:], 0, y + LEADING
    buffer = io.BytesIO()
    extra = {"title": title} if title else {}
    pages[0].save(buffer, "PDF", resolution=DPI, save_all=True, append_images=pages[1:], **extra)
    return buffer.getvalue(), drawn


def accuracy(truth: str, read: str) -> float:
    """1 - (edits / length), whitespace ignored, by difflib's matching blocks."""
    a, b = re.sub(r"\s+", "", truth), re.sub(r"\s+", "", read)
    matched = sum(block.size for block in difflib.SequenceMatcher(None, a, b).get_matching_blocks())
    return 1 - (max(len(a), len(b)) - matched) / len(a)


@pytest.fixture(autouse=True)
def ocr_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test OCRs into its own cache folder, never the user's."""
    folder = tmp_path / "ocr-cache"
    monkeypatch.setenv("ASSISTANT_OCR_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def tesseract() -> None:
    """OCR tests never skip: without tesseract they fail, saying where it comes from."""
    program = shutil.which("tesseract")
    langs = (
        subprocess.run([program, "--list-langs"], capture_output=True, text=True)
        if program
        else None
    )
    if langs is None or "chi_sim" not in langs.stdout.split():
        pytest.fail(
            "tesseract with chi_sim is missing: .ci/run installs it "
            "(apt-get install tesseract-ocr tesseract-ocr-chi-sim)."
        )


def town_paragraphs(chars: int) -> list[str]:
    """The town report's repaired paragraphs, from the start, up to about `chars` characters."""
    (document,) = load_documents(SOURCE)
    out: list[str] = []
    for paragraph in document.paragraphs:
        if sum(map(len, out)) + len(paragraph.text) > chars:
            break
        out.append(paragraph.text)
    return out


@pytest.mark.slow
def test_a_scanned_report_is_read_by_ocr_accurately(tesseract: None) -> None:
    paragraphs = town_paragraphs(1600)  # two pages
    data, drawn = render_scan(paragraphs, title="大涌镇2022年度法治政府建设情况报告")
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2 and all(
        not (p.extract_text() or "").strip() for p in reader.pages
    )
    source = read_source("scan.pdf", data)
    read = "".join(text for _, text in source.paragraphs)
    assert accuracy("".join(paragraphs), read) >= 0.95
    # the same rebuild as a text layer: a drawn line ending in 。/；/… ends a paragraph too
    expected = rebuild_paragraphs(drawn)
    assert len(expected) == len(paragraphs) + 1  # one line of ¶5 ends with "；"
    assert len(source.paragraphs) == len(expected)
    assert min(accuracy(e, t) for e, (_, t) in zip(expected, source.paragraphs, strict=True)) >= 0.9
    assert source.title == "大涌镇2022年度法治政府建设情况报告"  # the PDF's /Title


@pytest.mark.slow
def test_ocr_removes_the_spaces_tesseract_puts_between_chinese_characters(
    tesseract: None,
) -> None:
    data, _ = render_scan(["我镇召开党委会议，研究法治政府建设工作。The town met in 2022."])
    (text,) = ocr.ocr_pages(data, [0], "scan.pdf").values()
    assert "我镇召开党委会议" in text and "The town" in text


def test_without_tesseract_a_scan_is_refused_with_the_install_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, _ = render_scan(["我镇召开党委会议。"])
    monkeypatch.setattr(ocr.shutil, "which", lambda _: None)
    with pytest.raises(AssistantError, match=r"scan\.pdf is a scanned PDF and needs OCR: install"):
        parse_document("scan.pdf", data)


def test_a_pdf_with_neither_text_nor_images_keeps_the_no_text_layer_message() -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(AssistantError, match="has no text layer"):
        read_source("blank.pdf", buffer.getvalue())


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("我 镇 召 开 会 议 。", "我镇召开会议。"),
        ("2022 年 , 我 镇", "2022 年 , 我镇"),
        ("The town met .", "The town met ."),
        ("", ""),
    ],
)
def test_join_cjk_removes_only_spaces_between_chinese_characters(raw: str, joined: str) -> None:
    assert ocr.join_cjk(raw) == joined


class Counting:
    """subprocess.run, counting the tesseract calls that read a page."""

    def __init__(self) -> None:
        self.pages = 0
        self.run = subprocess.run

    def __call__(self, args, **kwargs):  # type: ignore[no-untyped-def]
        if "stdin" in args:
            self.pages += 1
        return self.run(args, **kwargs)


@pytest.mark.slow
def test_ocr_text_is_cached_by_content_and_a_damaged_entry_is_read_again(
    tesseract: None, ocr_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _ = render_scan(town_paragraphs(1600))  # two pages
    counting = Counting()
    monkeypatch.setattr(ocr.subprocess, "run", counting)
    first = read_source("scan.pdf", data)
    assert counting.pages == 2
    (entry,) = ocr_cache.glob("*.json")
    assert list(ocr_cache.iterdir()) == [entry]  # no temporary file left behind
    again = read_source("renamed.pdf", data)  # same bytes: the name does not matter
    assert counting.pages == 2 and again.paragraphs == first.paragraphs
    entry.write_text('{"format": 1, "pages": {"0": "trunc', encoding="utf-8")
    repaired = read_source("scan.pdf", data)
    assert counting.pages == 4 and repaired.paragraphs == first.paragraphs
    assert json.loads(entry.read_text(encoding="utf-8"))["pages"].keys() == {"0", "1"}
    other, _ = render_scan(town_paragraphs(400))  # other bytes: another entry
    read_source("other.pdf", other)
    assert counting.pages == 5 and len(list(ocr_cache.glob("*.json"))) == 2


def test_the_cache_key_changes_with_the_bytes_and_the_engine() -> None:
    assert ocr.cache_key(b"a", "tesseract 5.3.0") == ocr.cache_key(b"a", "tesseract 5.3.0")
    assert ocr.cache_key(b"a", "tesseract 5.3.0") != ocr.cache_key(b"b", "tesseract 5.3.0")
    assert ocr.cache_key(b"a", "tesseract 5.3.0") != ocr.cache_key(b"a", "tesseract 5.4.0")


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    ocr._store(blocker / "sub" / "x.json", "x", {0: "text"})  # no error
    assert ocr._cached(blocker / "sub" / "x.json", "x") == {}
