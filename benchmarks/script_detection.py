"""Which lines `simplify_traditional` converts: measured on every report and passage we have.

    python benchmarks/script_detection.py [--json]

A line is converted to simplified only when it is written in traditional characters
(assistant/text/script.py). This prints, per corpus: how many documents the rule calls
traditional, how many lines it converts, how many lines of the simplified documents it
converts (each must be a line really written in traditional: the rest of a simplified document
stays as written), and how many characters that `tw2s` would still change are left in the
traditional documents after conversion (著 in 著名 is right as it is).

Corpora, read at run time: the 72 records of ../shared/data/gov-work-reports (blank-line
paragraphs), the town report (source/, after the rest of the repair), the DRCD dev and test
passages (traditional) and the CMRC 2018 dev passages (simplified). Nothing is fitted: the
rule has no parameter.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.report.documents import read_file, source_files  # noqa: E402
from assistant.text.mojibake import restore  # noqa: E402
from assistant.text.pinyin import strip_readings  # noqa: E402
from assistant.text.punctuation import normalise  # noqa: E402
from assistant.text.script import script_counts, simplify_traditional  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def _squad(path: Path) -> list[list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    return [[p["context"]] for article in data for p in article["paragraphs"]]


def corpora() -> dict[str, list[list[str]]]:
    reports = DATA / "gov-work-reports" / "government_work_reports.jsonl"
    records = [json.loads(line) for line in reports.read_text(encoding="utf-8").splitlines()]
    town = []
    for path in source_files(ROOT / "source"):
        # The town report as the script step sees it: after the rest of the repair.
        lines = [line for line in read_file(path).decode("utf-8").split("\n") if line.strip()]
        fixed = restore.repair([line.strip() for line in lines]).lines
        town.append([normalise(strip_readings(line)).strip() for line in fixed])
    return {
        "gov-work-reports (72)": [
            [p.strip() for p in r["content"].split("\n\n") if p.strip()] for r in records
        ],
        "town report (repaired)": town,
        "DRCD dev+test passages": _squad(DATA / "drcd" / "DRCD_dev.json")
        + _squad(DATA / "drcd" / "DRCD_test.json"),
        "CMRC 2018 dev passages": _squad(DATA / "cmrc2018" / "cmrc2018_dev.json"),
    }


def measure(documents: Iterable[list[str]]) -> dict[str, int]:
    row = dict.fromkeys(
        ("documents", "traditional", "lines", "converted",
         "lines_converted_in_simplified_documents", "traditional_chars_left"), 0,
    )  # fmt: skip
    for lines in documents:
        out = simplify_traditional(lines)
        totals = [script_counts(line) for line in lines]
        traditional = sum(t for t, _ in totals) > sum(s for _, s in totals)
        changed = sum(a != b for a, b in zip(lines, out, strict=True))
        row["documents"] += 1
        row["lines"] += len(lines)
        row["converted"] += changed
        if traditional:
            row["traditional"] += 1
            row["traditional_chars_left"] += sum(script_counts(line)[0] for line in out)
        else:
            row["lines_converted_in_simplified_documents"] += changed
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = {name: measure(docs) for name, docs in corpora().items()}
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print(
        "| corpus | documents | traditional | lines | converted |"
        " lines converted in simplified docs | traditional chars left |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['documents']} | {r['traditional']} | {r['lines']} | "
            f"{r['converted']} | {r['lines_converted_in_simplified_documents']} | "
            f"{r['traditional_chars_left']} |"
        )


if __name__ == "__main__":
    main()
