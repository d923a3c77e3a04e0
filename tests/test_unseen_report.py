"""The held-out 2024 government work report questions match the file the benchmark writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from assistant.evaluation.questions import load_questions
from assistant.report.documents import load_documents

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "unseen_report.py"
DATA = ROOT.parent / "shared" / "data" / "gov-work-reports" / "government_work_reports.jsonl"

pytestmark = pytest.mark.skipif(
    not DATA.is_file(),
    reason=f"{DATA} is absent: the 2024 report is read from ../shared/data, never copied here",
)


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unseen_report", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_key_occurs_in_a_gold_paragraph_of_the_written_report(tmp_path: Path) -> None:
    benchmark = _benchmark()
    benchmark.write_source(tmp_path)
    document = load_documents(tmp_path)[0]
    questions = load_questions(benchmark.QUESTIONS)
    assert benchmark.missing_keys(questions, document.paragraphs) == []
    assert {q.document for q in questions} == {benchmark.REPORT_NAME}


def test_the_layout_gives_the_documented_paragraph_numbers(tmp_path: Path) -> None:
    benchmark = _benchmark()
    paragraphs = load_documents(benchmark.write_source(tmp_path).parent)[0].paragraphs
    assert [p.number for p in paragraphs] == list(range(1, 92))
    assert paragraphs[0].text == "政府工作报告"
    assert paragraphs[5].text == "一、2023年工作回顾"
    assert "国内生产总值增长5%左右" in paragraphs[29].text
    assert paragraphs[-1].text.startswith("使命重在担当")


def test_the_set_has_the_required_shape() -> None:
    questions = load_questions(_benchmark().QUESTIONS)
    assert [q.id for q in questions] == [f"g{i:03d}" for i in range(1, 51)]
    assert sum(1 for q in questions if not q.paragraphs) == 10
    assert all(q.answer for q in questions if q.paragraphs)
    assert all(2 <= len(q.answer) <= 12 for q in questions if q.answer)


def test_the_2021_development_set_fits_its_report(tmp_path: Path) -> None:
    benchmark = _benchmark()
    document = load_documents(benchmark.write_source(tmp_path, year="2021").parent)[0]
    questions = load_questions(benchmark.DEV["2021"])
    assert benchmark.missing_keys(questions, document.paragraphs) == []
    assert len(questions) == 43 and sum(1 for q in questions if not q.paragraphs) == 16
    assert {q.document for q in questions} == {"gov-2021-work-report.txt"}


@pytest.mark.parametrize("year", ["2009", "2006", "2015", "2007", "2005"])
def test_the_blind_development_sets_fit_their_reports(tmp_path: Path, year: str) -> None:
    benchmark = _benchmark()
    document = load_documents(benchmark.write_source(tmp_path, year=year).parent)[0]
    questions = load_questions(benchmark.DEV[year])
    assert benchmark.missing_keys(questions, document.paragraphs) == []
    assert [q.id for q in questions][:1] in (["n001"], ["m001"], ["f001"], ["s001"], ["v001"])
    assert len(questions) == 40
    assert sum(1 for q in questions if not q.paragraphs) == 10
    assert {q.document for q in questions} == {f"gov-{year}-work-report.txt"}
    assert all(q.answer for q in questions if q.paragraphs)


@pytest.mark.slow
def test_the_2021_development_set_meets_its_floors(tmp_path: Path) -> None:
    """A national report's near misses (a figure about something else) keep abstaining."""
    code = _benchmark().main(
        ["--year", "2021", "--report", str(tmp_path / "m.json"),
         "--min-abstention-recall", "0.45", "--max-false-abstentions", "1",
         "--min-answer-hit", "0.85", "--min-highlight-hit", "0.78"]
    )  # fmt: skip
    assert code == 0
