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

OCR is slow (~2.5 s a page), and an index build reads every source again, so the text read
from a file is cached: one JSON file per PDF under ~/.cache/report-assistant/ocr/ (or
$ASSISTANT_OCR_CACHE_DIR), named by the sha256 of the PDF's bytes and of what decides the
output (tesseract's version, the language and its data file, the arguments, the dpi):

    ocr/3f2a…e1.json   {"format": 1, "key": "3f2a…e1", "pages": {"0": "一、…", "1": "…"}}

written to a temporary file and renamed (os.replace), so a reader never sees half a file. An
entry that does not parse, or lacks a page asked for, is ignored and that page read again; a
cache folder that cannot be written only costs the time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

DPI = 300
MIN_TEXT_CHARS = 20  # a page with fewer extracted characters (and an image) is a scan
TESSERACT = ("-l", "chi_sim", "--psm", "6")
TIMEOUT_SECONDS = 300  # per page; a clean A4 page takes about 2.5 s on one core
CACHE_FORMAT = 1  # bump when the cached text changes meaning (e.g. join_cjk changes)
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


def cache_dir() -> Path:
    """$ASSISTANT_OCR_CACHE_DIR, else ~/.cache/report-assistant/ocr."""
    configured = os.environ.get("ASSISTANT_OCR_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "report-assistant" / "ocr"


@cache
def engine_id(program: str) -> str:
    """What decides tesseract's output besides the image: its version line, the language
    data file it reads (path and size), the arguments and the rendering dpi."""
    version = subprocess.run(
        [program, "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    first = (version.stdout or version.stderr).strip().splitlines()[:1]
    langs = subprocess.run(
        [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    folder = re.search(r'"([^"]+)"', langs.stdout or langs.stderr)
    data = Path(folder.group(1)) / "chi_sim.traineddata" if folder else None
    size = data.stat().st_size if data is not None and data.is_file() else 0
    return f"{first[0] if first else '?'}|{data}:{size}|{' '.join(TESSERACT)}|{DPI}dpi"


def cache_key(data: bytes, engine: str) -> str:
    return hashlib.sha256(
        hashlib.sha256(data).digest() + f"|{CACHE_FORMAT}|{engine}".encode()
    ).hexdigest()


def _cached(path: Path, key: str) -> dict[int, str]:
    """The pages of a cache entry; {} when it is missing or damaged."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry.get("format") != CACHE_FORMAT or entry.get("key") != key:
            return {}
        pages = entry["pages"]
        return {int(n): text for n, text in pages.items() if isinstance(text, str)}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return {}


def _store(path: Path, key: str, pages: dict[int, str]) -> None:
    """Write the entry atomically; a folder that cannot be written is skipped."""
    entry = {"format": CACHE_FORMAT, "key": key, "pages": {str(n): t for n, t in pages.items()}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def ocr_pages(data: bytes, pages: Sequence[int], name: str) -> dict[int, str]:
    """{page index (0-based): recognised text} for the given pages of a PDF.

    Pages read before (same bytes, same engine) come from the cache; the others are read
    with a progress bar per page on a terminal (reading is ~2.5 s a page); none otherwise.
    """
    if not pages:
        return {}
    program = shutil.which("tesseract")
    if program is None:
        raise AssistantError(_install_hint(name))
    key = cache_key(data, engine_id(program))
    path = cache_dir() / f"{key}.json"
    known = _cached(path, key)
    wanted = [index for index in pages if index not in known]
    if not wanted:
        return {index: known[index] for index in pages}
    import pypdfium2  # type: ignore[import-untyped]
    from tqdm import tqdm

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise AssistantError(f"{name} is not a readable PDF ({error}).") from error
    try:
        bar = tqdm(wanted, desc=f"OCR {name}", unit="page", disable=not sys.stderr.isatty())
        for index in bar:
            image = document[index].render(scale=DPI / 72, grayscale=True).to_pil()
            png = io.BytesIO()
            image.save(png, format="PNG")
            known[index] = _recognise(png.getvalue(), name, index + 1)
    finally:
        document.close()
    _store(path, key, known)
    return {index: known[index] for index in pages}
