"""The held-out question set (benchmarks/heldout) follows the same rules as the main set."""

import re

from assistant.evaluation.questions import load_questions, missing_keys
from assistant.report.documents import load_documents

from .conftest import ROOT, SOURCE

HELDOUT = ROOT / "benchmarks" / "heldout" / "dayong-heldout.jsonl"
HEADINGS = {2, 6, 9, 12, 15, 22, 23, 27, 30, 33, 38, 40, 42, 45, 49, 53}


def test_every_heldout_key_occurs_in_a_gold_paragraph_after_repair() -> None:
    questions = load_questions(HELDOUT)
    paragraphs = load_documents(SOURCE)[0].paragraphs
    texts = {p.number: p.text for p in paragraphs}
    missing = missing_keys(questions, paragraphs)
    assert missing == []
    assert all(n in texts and n not in HEADINGS for q in questions for n in q.paragraphs)


def test_the_heldout_set_has_the_required_shape() -> None:
    questions = load_questions(HELDOUT)
    assert [q.id for q in questions] == [f"h{i:03d}" for i in range(1, 61)]  # unique, in order
    assert sum(1 for q in questions if not q.paragraphs) == 12
    assert all(not q.answer for q in questions if not q.paragraphs)
    keys = [q.answer for q in questions if q.answer]
    assert all(2 <= len(k) <= 12 and re.fullmatch(r"[\u4e00-\u9fff0-9.]+", k) for k in keys)


PROBES = ROOT / "benchmarks" / "dev" / "dayong-probes.jsonl"


def test_the_town_probes_follow_the_same_rules() -> None:
    questions = load_questions(PROBES)
    paragraphs = load_documents(SOURCE)[0].paragraphs
    texts = {p.number: p.text for p in paragraphs}
    assert missing_keys(questions, paragraphs) == []
    assert all(n in texts and n not in HEADINGS for q in questions for n in q.paragraphs)
    assert [q.id for q in questions] == [f"p{i:03d}" for i in range(1, 383)]
    assert sum(1 for q in questions if not q.paragraphs) == 117
    assert all(not q.answer for q in questions if not q.paragraphs)
    keys = [q.answer for q in questions if q.answer]
    assert all(2 <= len(k) <= 12 and re.fullmatch(r"[\u4e00-\u9fff0-9.]+", k) for k in keys)
