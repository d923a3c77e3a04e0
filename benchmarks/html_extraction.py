"""Saved web pages through the reader: are the paragraphs exactly the report's, with no site?

    python benchmarks/html_extraction.py [--json]

The pages are the ones tests/test_webpage.py generates (a Chinese government site around a
report: navigation, breadcrumbs, 发布时间/来源 line, share bar, related links, footer, scripts)
in three layouts (p: a CMS <p> body; br: one <div> split by <br>; table: an old nested-table
site) and four encodings (UTF-8 declared; GBK declared as gbk, as gb2312 in http-equiv, and
undeclared). Texts: the town report's lines as they are in source/, and the 2024 national
work report from ../shared/data (a test document: measured, never tuned on).

Per page: paragraphs expected and read, whether the list is exact (same texts, same ¶n), how
many boilerplate strings leaked into a paragraph, whether the title is the <h1>, and the time
to read the page (decode + trafilatura + numbering).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.text.formats import read_source  # noqa: E402
from assistant.text.webpage import clean  # noqa: E402
from tests.test_webpage import BOILERPLATE, ENCODINGS, H1, encoded, report_paragraphs  # noqa: E402

NATIONAL = ROOT.parent / "shared" / "data" / "gov-work-reports" / "government_work_reports.jsonl"
LAYOUTS = ("p", "br", "table")
RUNS = 5


def texts() -> dict[str, list[str]]:
    out = {"town": report_paragraphs()}
    if NATIONAL.exists():
        for line in NATIONAL.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["year"] == "2024":
                body = record["content"].split("本作品是中华人民共和国的")[0]  # licence footer
                out["national-2024"] = [p.strip() for p in body.split("\n") if p.strip()]
    return out


def measure(text: str, paragraphs: list[str], layout: str, encoding: str) -> dict[str, object]:
    data = encoded(layout, encoding, paragraphs)
    seconds = []
    for _ in range(RUNS):
        start = time.perf_counter()
        source = read_source("page.html", data)
        seconds.append(time.perf_counter() - start)
    expected = tuple(enumerate((clean(p) for p in paragraphs), start=1))
    report = "".join(paragraphs)
    leaked = sum(1 for b in BOILERPLATE if b not in report for _, t in source.paragraphs if b in t)
    return {
        "text": text,
        "layout": layout,
        "encoding": encoding,
        "expected": len(expected),
        "read": len(source.paragraphs),
        "exact": source.paragraphs == expected,
        "leaked": leaked,
        "title": source.title == H1,
        "ms": round(1000 * statistics.median(seconds), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per page")
    args = parser.parse_args()
    rows = [
        measure(text, paragraphs, layout, encoding)
        for text, paragraphs in texts().items()
        for layout in LAYOUTS
        for encoding in ENCODINGS
    ]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    print(
        "| text | layout | encoding | paragraphs expected / read | exact | boilerplate leaked "
        "| title = `<h1>` | ms per page (median of 5) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['text']} | {r['layout']} | {r['encoding']} | {r['expected']} / {r['read']} "
            f"| {'yes' if r['exact'] else 'no'} | {r['leaked']} | {'yes' if r['title'] else 'no'} "
            f"| {r['ms']} |"
        )
    exact = sum(1 for r in rows if r["exact"])
    leaked = sum(1 for r in rows if r["leaked"])
    print(f"\n{exact}/{len(rows)} pages exact, {leaked} with boilerplate leaked")


if __name__ == "__main__":
    main()
