"""How often the answer-type gate would wrongly refuse a correct answer, on text written by
others (CMRC 2018 dev, DRCD dev; read from ../shared/data, never copied).

For every question that asks for a kind of phrase (a count, a date, a year, a person, a place;
`assistant.answering.answer_types.asked`), take the context sentence that holds the gold answer and
check that the gate finds a phrase of that kind in it. A miss there means: even when the right
sentence is chosen, the assistant says "not in the report". No model is needed; runs in
seconds.

    python benchmarks/answer_types.py [--examples N]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from assistant.answering.answer_types import asked
from assistant.report.chunks import sentences

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = {
    "CMRC 2018 dev": DATA / "cmrc2018" / "cmrc2018_dev.json",
    "DRCD dev": DATA / "drcd" / "DRCD_dev.json",
}


def gate_misses(path: Path, examples: int) -> tuple[Counter[str], Counter[str], list[str]]:
    """(typed questions per kind, misses per kind, a few missed questions)."""
    typed: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    shown: list[str] = []
    for article in json.loads(path.read_text(encoding="utf-8"))["data"]:
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                kind = asked(qa["question"])
                answer = qa["answers"][0]["text"]
                sentence = next((s for s in sentences(paragraph["context"]) if answer in s), None)
                if kind is None or sentence is None:
                    continue
                typed[kind.kind] += 1
                if not kind.figures(sentence):
                    missed[kind.kind] += 1
                    if len(shown) < examples:
                        shown.append(f"{kind.kind}: {qa['question']} -> {answer}")
    return typed, missed, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=0, help="print N missed questions")
    args = parser.parse_args()
    print("| set | kind | typed questions | gate misses | share |")
    print("|---|---|---|---|---|")
    for name, path in SETS.items():
        if not path.exists():
            raise SystemExit(f"{path} is missing: put the shared data folder beside the checkout.")
        typed, missed, shown = gate_misses(path, args.examples)
        for kind in sorted(typed):
            share = missed[kind] / typed[kind]
            print(f"| {name} | {kind} | {typed[kind]} | {missed[kind]} | {share:.1%} |")
        for line in shown:
            print(f"    {line}")


if __name__ == "__main__":
    main()
