"""Scanned PDFs through the reader: how much of the text OCR gets right, and how fast.

    python benchmarks/ocr_accuracy.py [--runs N]

The town report's repaired text (load_documents on source/) is drawn onto 300 dpi A4 pages
with WenQuanYi Micro Hei (fonts-wqy-microhei) and saved as an image-only PDF, exactly as
tests/test_ocr.py makes its scans; that PDF goes through the project's reader
(formats.read_source: pypdf finds no text layer, pypdfium2 renders each page, tesseract
chi_sim --psm 6 reads it, the lines are rebuilt into paragraphs).

Printed: pages, characters, character accuracy (1 - edits / characters, whitespace ignored,
difflib's matching blocks), paragraphs read against the paragraphs the same rebuild gives on
the drawn lines, and pages per second (median of the runs; 2 shared cores, one tesseract
process at a time with OMP_THREAD_LIMIT=1).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.report.documents import load_documents  # noqa: E402
from assistant.text.formats import read_source, rebuild_paragraphs  # noqa: E402
from tests.test_ocr import accuracy, render_scan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="OCR the whole PDF this many times")
    args = parser.parse_args()
    # Every run really reads the pages: OCR text is cached by content (assistant/text/ocr.py).
    os.environ["ASSISTANT_OCR_CACHE_DIR"] = tempfile.mkdtemp(prefix="ra-ocr-bench-")
    (document,) = load_documents(ROOT / "source")
    truth = [paragraph.text for paragraph in document.paragraphs]
    data, drawn = render_scan(truth)
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    seconds: list[float] = []
    for _ in range(args.runs):
        for entry in Path(os.environ["ASSISTANT_OCR_CACHE_DIR"]).glob("*.json"):
            entry.unlink()
        start = time.perf_counter()
        source = read_source(f"{document.name}.scan.pdf", data)
        seconds.append(time.perf_counter() - start)
    read = "".join(text for _, text in source.paragraphs)
    expected = rebuild_paragraphs(drawn)
    median = statistics.median(seconds)
    print(
        "| document | pages | characters | character accuracy | paragraphs read / "
        "expected (source) | s per page | pages/s |"
    )
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {document.name} (repaired) | {pages} | {sum(map(len, truth))} "
        f"| {accuracy(''.join(truth), read):.4f} "
        f"| {len(source.paragraphs)} / {len(expected)} ({len(truth)}) "
        f"| {median / pages:.2f} | {pages / median:.2f} |"
    )


if __name__ == "__main__":
    main()
