"""Simplified text stays as written; only lines in traditional characters are converted
(assistant/text/script.py). Checked on every report and passage in ../shared/data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.report.documents import load_documents
from assistant.text.repair import repair_lines
from assistant.text.script import script_counts, simplify_traditional

from .conftest import SOURCE

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REPORTS = DATA / "gov-work-reports" / "government_work_reports.jsonl"
CJK = re.compile(r"[\u3400-\u9fff]")


def _reports() -> list[tuple[str, list[str]]]:
    if not REPORTS.is_file():
        pytest.fail(f"{REPORTS} is missing: the tests read ../shared/data beside the checkout")
    records = [json.loads(line) for line in REPORTS.read_text(encoding="utf-8").splitlines()]
    return [
        (str(r["year"] or r["title"]), [p.strip() for p in r["content"].split("\n\n") if p.strip()])
        for r in records
    ]


def test_simplified_text_is_not_touched() -> None:
    assert simplify_traditional(["取得显著成效", "着力推进"]) == ("取得显著成效", "着力推进")


def test_traditional_lines_are_converted() -> None:
    assert simplify_traditional(["大涌鎮堅持依法行政", "著力"]) == ("大涌镇坚持依法行政", "着力")


def test_a_line_without_evidence_follows_its_document() -> None:
    # '成效显著' is a tie (著 against 显): converted inside a traditional document only.
    assert script_counts("成效显著") == (1, 1)
    assert simplify_traditional(["國務院報告", "成效显著"])[1] == "成效显着"
    assert simplify_traditional(["国务院报告", "成效显著"])[1] == "成效显著"


def test_every_report_keeps_its_characters_except_traditional_lines() -> None:
    """All 72 government reports through the whole repair: every Chinese character of every
    simplified report stays as written (显著 stays 显著, 2024 ¶29 and 2019 ¶9 included). The
    only lines converted are the 1954 report (written in traditional) and one traditional
    heading inside the 1955 report."""
    converted: list[str] = []
    for name, lines in _reports():
        repaired = repair_lines(lines).lines
        for before, after in zip(lines, repaired, strict=True):
            if CJK.findall(before) != CJK.findall(after):
                converted.append(name)
    assert converted.count("1954") > 90
    assert [n for n in converted if n != "1954"] == ["1955"]


def test_the_2024_report_says_xianzhu() -> None:
    lines = dict(_reports())["2024"]
    assert any("显著" in line for line in repair_lines(lines).lines)


def test_drcd_passages_are_read_as_traditional() -> None:
    data = json.loads((DATA / "drcd" / "DRCD_dev.json").read_text(encoding="utf-8"))["data"]
    passages = [p["context"] for article in data for p in article["paragraphs"]]
    converted = sum(simplify_traditional([p])[0] != p for p in passages)
    assert converted == len(passages)


def test_the_town_report_is_fully_simplified() -> None:
    (document,) = load_documents(SOURCE)
    left = {c for p in document.paragraphs for c in p.text if script_counts(c)[0]}
    assert left == set()
