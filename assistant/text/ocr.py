"""Scanned PDF pages -> text lines, with Debian's tesseract (chi_sim).

A page is scanned when pypdf extracts under 20 characters from it and it holds an image.
Such a page is rendered with pypdfium2 at 300 dpi in grey and read by the `tesseract`
program (`tesseract-ocr tesseract-ocr-chi-sim`), called once per page:

    tesseract stdin stdout -l chi_sim --psm 6     # env OMP_THREAD_LIMIT=1

--psm 6 reads the page as one block of text: the default page segmentation (3) breaks on
serif fonts (0.16-0.64 character accuracy in the spike, against 0.98-0.99). One OpenMP thread
per process is 3x faster on 2 cores, with the same output. tesseract puts a space between
Chinese characters; those spaces are removed:

    '我 镇 召 开 会 议 。 The town' -> '我镇召开会议。 The town'

The lines go back to formats.py, which rebuilds paragraphs as for a text layer.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from assistant.errors import AssistantError

DPI = 300
MIN_TEXT_CHARS = 20  # a page with fewer extracted characters (and an image) is a scan
TESSERACT = ("-l", "chi_sim", "--psm", "6")
TIMEOUT_SECONDS = 300  # per page; a clean A4 page takes about 2.5 s on one core
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
_CJK_SPACE = re.compile(rf"(?<={_CJK}) +(?={_CJK})")


def is_scanned(page: Any, text: str) -> bool:
    """A pypdf page with (almost) no text layer and at least one image."""
    if len(text.strip()) >= MIN_TEXT_CHARS:
        return False
    try:
        return len(page.images) > 0
    except Exception:  # pypdf raises many types on an image it cannot decode: still a scan
        return True


def join_cjk(text: str) -> str:
    """'我 镇 召 开 会 议 。 The town' -> '我镇召开会议。 The town'."""
    return _CJK_SPACE.sub("", text)


def _install_hint(name: str) -> str:
    return (
        f"{name} is a scanned PDF and needs OCR: install tesseract (apt-get install "
        "tesseract-ocr tesseract-ocr-chi-sim), or add a .txt copy."
    )


def _recognise(png: bytes, name: str, page: int) -> str:
    program = shutil.which("tesseract")
    if program is None:
        raise AssistantError(_install_hint(name))
    try:
        done = subprocess.run(
            [program, "stdin", "stdout", *TESSERACT],
            input=png,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise AssistantError(
            f"OCR of page {page} of {name} took over {TIMEOUT_SECONDS} s: "
            "add a .txt copy of the report instead."
        ) from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        if any("chi_sim" in line for line in detail):
            raise AssistantError(_install_hint(name))  # tesseract without the Chinese data
        raise AssistantError(
            f"OCR of page {page} of {name} failed ({detail[-1] if detail else done.returncode}): "
            "add a .txt copy of the report instead."
        )
    return join_cjk(done.stdout.decode("utf-8", errors="replace"))


def ocr_pages(data: bytes, pages: Sequence[int], name: str) -> dict[int, str]:
    """{page index (0-based): recognised text} for the given pages of a PDF.

    A progress bar per page on a terminal (reading is ~2.5 s a page); none otherwise.
    """
    if not pages:
        return {}
    if shutil.which("tesseract") is None:
        raise AssistantError(_install_hint(name))
    import pypdfium2  # type: ignore[import-untyped]
    from tqdm import tqdm

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise AssistantError(f"{name} is not a readable PDF ({error}).") from error
    texts: dict[int, str] = {}
    try:
        bar = tqdm(pages, desc=f"OCR {name}", unit="page", disable=not sys.stderr.isatty())
        for index in bar:
            image = document[index].render(scale=DPI / 72, grayscale=True).to_pil()
            png = io.BytesIO()
            image.save(png, format="PNG")
            texts[index] = _recognise(png.getvalue(), name, index + 1)
    finally:
        document.close()
    return texts
