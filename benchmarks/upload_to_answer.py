"""Upload to answer: seconds from clicking 添加报告 on a 30-page PDF to an answer citing it.

    python benchmarks/upload_to_answer.py [--runs 3] [--scanned] [--pages 30]

The report is the 2023 national government work report from ../shared/data (not a test
document: the 2019 and 2024 reports are), laid out by Chromium as a 30-page A4 PDF with a
text layer (`page.pdf()`: the font size is chosen so the report fills exactly --pages pages).
With --scanned the same pages are rasterised at 300 dpi (pypdfium2) and saved as an
image-only PDF (Pillow), so every page goes through OCR; each run starts with an empty OCR
cache, so no run reuses another's text.

Each run starts `python ui.py` on a fresh temporary source folder holding the town report
and its own index folder (built at start, not timed), opens the page in Chromium, uploads
the PDF in the 报告文件 tab, and times, from the click on 添加报告:
- `index`: until the status line says the index is updated (read + repair + chunk + embed
  the new report, and swap the index in);
- `answer`: then, until the 问答 tab shows an answer to QUESTION whose citation names the
  new report (typing the question included);
- `total`: the two together. Printed per run and as the median of the runs.

One run at a time (2 shared cores); ui.py is stopped after each run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import free_port, stop, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT.parent / "shared" / "data" / "gov-work-reports" / "government_work_reports.jsonl"
YEAR = "2023"
TITLE = "2023年国务院政府工作报告"
QUESTION = "今年城镇新增就业的预期目标是多少？"
EXPECTED = "1200万人"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
FONTS = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif'


def report_paragraphs() -> list[str]:
    for line in REPORTS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if str(record.get("year")) == YEAR:
            return [p.strip() for p in record["content"].split("\n") if p.strip()]
    raise SystemExit(f"no {YEAR} report in {REPORTS}")


def report_html(paragraphs: list[str], size: float) -> str:
    import html

    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{TITLE}</title><style>"
        f"body {{ font-family: {FONTS}; font-size: {size:.2f}px; line-height: 1.9; }}"
        "p { text-indent: 2em; margin: 0 0 .5em; }</style></head>"
        f"<body>{body}</body></html>"
    )


def text_pdf(browser, paragraphs: list[str], pages: int) -> bytes:  # type: ignore[no-untyped-def]
    """A4 PDF with a text layer, the font size searched so the report fills `pages` pages."""
    import pypdf

    page = browser.new_page()
    low, high = 6.0, 40.0
    best: bytes | None = None
    for _ in range(14):
        size = (low + high) / 2
        page.set_content(report_html(paragraphs, size))
        data = page.pdf(format="A4", margin={"top": "2cm", "bottom": "2cm", "left": "2cm",
                                             "right": "2cm"})  # fmt: skip
        count = len(pypdf.PdfReader(io.BytesIO(data)).pages)
        if count == pages:
            best = data
            break
        low, high = (size, high) if count < pages else (low, size)
    page.close()
    if best is None:
        raise SystemExit(f"could not lay the report out on exactly {pages} pages")
    return best


def scanned_pdf(data: bytes, dpi: int = 300) -> bytes:
    """The same pages rasterised (grey, `dpi`) into an image-only PDF: no text layer."""
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(data)
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    document.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:],
                   title=TITLE)  # fmt: skip
    return out.getvalue()


def one_run(browser, pdf: Path, timeout: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    work = Path(tempfile.mkdtemp(prefix="ra-upload-bench-"))
    source = work / "source"
    source.mkdir()
    shutil.copy(ROOT / "source" / "dayong-2022-rule-of-law-report.txt", source)
    env = dict(os.environ, PYTHONUNBUFFERED="1", GRADIO_ANALYTICS_ENABLED="False",
               ASSISTANT_OCR_CACHE_DIR=str(work / "ocr-cache"))  # fmt: skip
    port = free_port()
    command = [sys.executable, "ui.py", "--port", str(port), "--source", str(source),
               "--index", str(work / "index")]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_serving(port, server, time.monotonic() + timeout)
        page = browser.new_page()
        page.set_default_timeout(timeout * 1000)
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_role("tab", name="报告文件").click()
        page.locator("#ra-doc-upload input[type=file]").set_input_files(str(pdf))
        wait = timeout * 1000
        expect(page.locator("#ra-doc-upload")).to_contain_text(pdf.name, timeout=wait)
        started = time.perf_counter()
        page.locator("#ra-doc-add").click()
        expect(page.locator("#ra-doc-status")).to_contain_text("索引已更新", timeout=wait)
        indexed = time.perf_counter()
        page.get_by_role("tab", name="问答").click()
        box = page.locator("#ra-question textarea")
        box.fill(QUESTION)
        box.press("Enter")
        answer = page.locator(".ra-answer").last
        expect(answer.locator(".ra-refs")).to_contain_text(TITLE, timeout=wait)
        answered = time.perf_counter()
        text = answer.inner_text()
        if EXPECTED not in text:
            print(f"  note: the answer lacks {EXPECTED}: {text[:120]!r}", flush=True)
        page.close()
        return indexed - started, answered - indexed
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="uploads to time (default 3)")
    parser.add_argument("--pages", type=int, default=30, help="pages of the PDF (default 30)")
    parser.add_argument("--scanned", action="store_true", help="an image-only PDF (OCR)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds allowed per step")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    kind = "scanned (image-only)" if args.scanned else "text layer"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        data = text_pdf(browser, report_paragraphs(), args.pages)
        if args.scanned:
            data = scanned_pdf(data)
        folder = Path(tempfile.mkdtemp(prefix="ra-upload-pdf-"))
        pdf = folder / f"gov-report-{YEAR}{'-scan' if args.scanned else ''}.pdf"
        pdf.write_bytes(data)
        print(f"{pdf.name}: {args.pages} pages, {kind}, {len(data) / 1e6:.1f} MB", flush=True)
        runs: list[tuple[float, float]] = []
        for number in range(1, args.runs + 1):
            index, answer = one_run(browser, pdf, args.timeout)
            runs.append((index, answer))
            print(f"run {number}: index {index:.2f} s + answer {answer:.2f} s = "
                  f"{index + answer:.2f} s", flush=True)  # fmt: skip
        browser.close()
        shutil.rmtree(folder, ignore_errors=True)
    median = statistics.median
    print(
        f"median of {len(runs)}: index {median(r[0] for r in runs):.2f} s, answer "
        f"{median(r[1] for r in runs):.2f} s, total {median(sum(r) for r in runs):.2f} s"
    )


if __name__ == "__main__":
    main()
