"""CI gate: `assistant eval` on the fixed question set must not fall below today's figures.

The floors sit just under what `assistant eval` measures now (see docs/evaluation.md), so a
change that makes answers worse fails CI; raise them as quality improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main

pytestmark = pytest.mark.slow

GATES = [
    "--min-recall-at-1", "0.93",
    "--min-recall-at-3", "0.97",
    "--min-mrr", "0.94",
    "--min-answer-hit", "0.91",
    "--min-highlight-hit", "0.78",
    "--min-abstention-recall", "0.86",
    "--max-false-abstentions", "1",
]  # fmt: skip
# The town held-out set (benchmarks/heldout/): a regression guard, never tuned on.
HELDOUT = Path(__file__).resolve().parent.parent / "benchmarks" / "heldout" / "dayong-heldout.jsonl"
HELDOUT_GATES = [
    # 0.9375 since the answer's own paragraph is shown first (2f74a18): one question's answer
    # is read from a paragraph other than the search's first (docs/evaluation.md).
    "--min-recall-at-1", "0.93",
    "--min-recall-at-3", "0.95",
    "--min-mrr", "0.94",
    "--min-answer-hit", "0.80",
    "--min-highlight-hit", "0.60",
    "--min-abstention-recall", "0.70",
    "--max-false-abstentions", "1",
]  # fmt: skip
# The town probes (benchmarks/dev/): questions worded as residents ask, a tuned set.
PROBES = HELDOUT.parent.parent / "dev" / "dayong-probes.jsonl"
PROBE_GATES = [
    "--min-recall-at-1", "0.93",
    "--min-answer-hit", "0.88",
    "--min-highlight-hit", "0.75",
    "--min-abstention-recall", "0.75",
    # 6 of 265 answerable: batch 12's 「幾公開」 (p374) is refused, as p300's 一把手 is.
    "--max-false-abstentions", "6",
]  # fmt: skip


def test_the_fixed_question_set_meets_the_quality_floors(
    engine, settings, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "eval.json"
    code = main(
        ["eval", "-q", "--source", str(settings.source_dir), "--index", str(settings.index_dir),
         "--report", str(report), *GATES]
    )  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    figures = json.loads(report.read_text(encoding="utf-8"))["weighted"]
    assert figures["questions"] >= 100
    assert figures["unanswerable"] >= 10


@pytest.mark.parametrize(
    ("questions", "gates", "size", "unanswerable"),
    [(HELDOUT, HELDOUT_GATES, 60, 12), (PROBES, PROBE_GATES, 382, 117)],
    ids=["town-heldout", "town-probes"],
)
def test_a_town_question_set_meets_its_floors(  # type: ignore[no-untyped-def]
    engine, settings, tmp_path, capsys, questions, gates, size, unanswerable
) -> None:
    report = tmp_path / "eval.json"
    code = main(
        ["eval", "-q", "--source", str(settings.source_dir), "--index", str(settings.index_dir),
         "--questions", str(questions), "--report", str(report), *gates]
    )  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    figures = json.loads(report.read_text(encoding="utf-8"))["weighted"]
    assert figures["questions"] == size and figures["unanswerable"] == unanswerable


def test_the_gate_fails_when_a_floor_is_not_met(engine, settings, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    questions = tmp_path / "q.jsonl"
    row = {"id": "a", "question": "调委会受理了多少宗纠纷？", "paragraphs": [43], "answer": "61宗"}
    questions.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    code = main(
        ["eval", "-q", "--source", str(settings.source_dir), "--index", str(settings.index_dir),
         "--questions", str(questions), "--min-recall-at-1", "1.01"]
    )  # fmt: skip
    assert code == 1
    assert "quality gate failed: recall_at_1" in capsys.readouterr().err
