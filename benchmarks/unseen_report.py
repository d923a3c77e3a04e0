"""The national 2024 government work report as a held-out benchmark (never used for tuning).

    python benchmarks/unseen_report.py [--questions FILE] [--json] [--ablation] [--report OUT]
                                       [--source-out DIR]
    python benchmarks/unseen_report.py --year 2021     # the development set on the 2021 report
    python benchmarks/unseen_report.py --year 2009     # ... on 2009; 2006, 2015, 2007, 2005

`--year 2021` runs benchmarks/dev/gov-2021-questions.jsonl on the 2021 report instead: a
development set (written 2026-12-01, benchmarks/dev/README.md), free to tune on, since 2021 is
neither a test document nor in any held-out set. `--year 2009` and `--year 2006` run the sets
written blind for those reports on 2026-12-07, `--year 2015`, `--year 2007` and `--year 2005`
those written on 2026-12-08 (benchmarks/dev/README.md).

The report is read at run time from ../shared/data/gov-work-reports/government_work_reports.jsonl
(the record with year 2024, 政府工作报告; its paragraphs are separated by blank lines) and
written to a temporary source folder as REPORT_NAME, one paragraph per line, no blank lines:
the blank-line blocks are split by `assistant.text.formats.text_paragraphs` (which also joins the
few blocks wrapped over several lines, e.g. 国务院总理 / 李强) and the Wikisource licence footer
(from 本作品是中华人民共和国的… on) is dropped. So ¶n is line n of that file = the n-th
block of the report: ¶1 政府工作报告, ¶6 一、2023年工作回顾, ¶30 the 2024 targets, ¶91 the last
paragraph. The index is then built and the questions evaluated through the CLI itself
(`assistant index`, `assistant eval` with --source/--index), so the printed report is the one
`assistant eval` prints. Before anything is indexed, every answer key is checked against its
gold paragraphs as `assistant.report.documents.load_documents` reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import cli  # noqa: E402
from assistant.evaluation.questions import load_questions, missing_keys  # noqa: E402
from assistant.report.documents import load_documents  # noqa: E402
from assistant.text.formats import text_paragraphs  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "gov-work-reports" / "government_work_reports.jsonl"
QUESTIONS = ROOT / "benchmarks" / "heldout" / "gov-2024-questions.jsonl"
REPORT_NAME = "gov-2024-work-report.txt"
YEAR = "2024"
DEV = {
    year: ROOT / "benchmarks" / "dev" / f"gov-{year}-questions.jsonl"
    for year in ("2021", "2009", "2006", "2015", "2007", "2005", "2004", "2001", "2012", "1998")
}
FOOTER = "本作品是中华人民共和国的"  # Wikisource's public-domain notice, not part of the report


def report_content(path: Path = DATA, year: str = YEAR) -> str:
    """The `content` of the year's 政府工作报告 record (the 决议 records have no year)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if str(row.get("year")) == year and "政府工作报告" in row.get("title", ""):
                return str(row["content"])
    raise SystemExit(f"No {year} government work report in {path}.")


def report_lines(content: str) -> list[str]:
    """One paragraph per entry: the blank-line blocks, wrapped lines joined, footer dropped."""
    paragraphs = [text.strip() for _, text in text_paragraphs(content)]
    end = next((i for i, text in enumerate(paragraphs) if text.startswith(FOOTER)), None)
    return paragraphs[:end]


def write_source(folder: Path, data: Path = DATA, year: str = YEAR) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"gov-{year}-work-report.txt"
    path.write_text("\n".join(report_lines(report_content(data, year))) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, help="default: the year's question set")
    parser.add_argument(
        "--year", default=YEAR, choices=[YEAR, *DEV], help="which work report (default 2024)"
    )
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--report", type=Path, help="also write the metrics as JSON here")
    parser.add_argument("--ablation", action="store_true", help="as `assistant eval --ablation`")
    parser.add_argument(
        "--source-out", type=Path, help="only write the report file into DIR and stop"
    )
    for gate in ("--min-answer-hit", "--min-highlight-hit", "--min-abstention-recall",
                 "--max-false-abstentions"):  # fmt: skip
        parser.add_argument(gate, help="passed to assistant eval (exit 1 unless met)")
    args = parser.parse_args(argv)
    questions = args.questions or DEV.get(args.year, QUESTIONS)
    if args.source_out:
        print(write_source(args.source_out, year=args.year))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        source, index = Path(tmp) / "source", Path(tmp) / "index"
        write_source(source, year=args.year)
        bad = missing_keys(load_questions(questions), load_documents(source)[0].paragraphs)
        if bad:
            print(f"keys not in their gold paragraphs: {', '.join(bad)}", file=sys.stderr)
            return 2
        folders = ["--source", str(source), "--index", str(index), "--quiet"]
        code = cli.main(["index", *folders])
        if code:
            return code
        flags = ["--questions", str(questions), *folders]
        flags += ["--json"] if args.json else []
        flags += ["--ablation"] if args.ablation else []
        flags += ["--report", str(args.report)] if args.report else []
        for name in ("min_answer_hit", "min_highlight_hit", "min_abstention_recall",
                     "max_false_abstentions"):  # fmt: skip
            if getattr(args, name) is not None:
                flags += ["--" + name.replace("_", "-"), getattr(args, name)]
        return cli.main(["eval", *flags])


if __name__ == "__main__":
    sys.exit(main())
