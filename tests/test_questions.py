import json
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.evaluation.calibrate import MARGIN, choose_threshold
from assistant.evaluation.questions import load_questions, missing_keys
from assistant.report.documents import load_documents

from .conftest import SOURCE


def test_every_answer_key_occurs_in_a_gold_paragraph_after_repair() -> None:
    questions = load_questions(SOURCE / "questions.jsonl")
    paragraphs = load_documents(SOURCE)[0].paragraphs
    texts = {p.number: p.text for p in paragraphs}
    missing = missing_keys(questions, paragraphs)
    assert missing == []
    assert all(n in texts for q in questions for n in q.paragraphs)


def test_the_fixed_set_has_the_required_shape() -> None:
    questions = load_questions(SOURCE / "questions.jsonl")
    assert len(questions) >= 100
    assert sum(1 for q in questions if not q.paragraphs) >= 10


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "JSON object"),
        ('{"question": "q", "paragraphs": []}', "missing field 'id'"),
        ('{"id": "a", "question": "", "paragraphs": []}', "question is empty"),
        ('{"id": "a", "question": "q", "paragraphs": "26"}', "'paragraphs' must be a list"),
        ('{"id": "a", "question": "q", "paragraphs": [0]}', "positive whole numbers"),
        ('{"id": "a", "question": "q", "paragraphs": [true]}', "positive whole numbers"),
        ('{"id": "a", "question": "q", "paragraphs": [], "answer": 5}', "'answer' must be"),
        ('{"id": 7, "question": "q", "paragraphs": []}', "'id' must be a str"),
    ],
)
def test_a_malformed_question_file_names_the_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "q.jsonl"
    good = json.dumps({"id": "ok", "question": "问题", "paragraphs": [1]})
    path.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(AssistantError, match=message) as raised:
        load_questions(path)
    assert "line 3" in str(raised.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    row = json.dumps({"id": "x", "question": "问题", "paragraphs": []})
    path.write_text(row + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(AssistantError, match="line 2: id 'x' is already used on line 1"):
        load_questions(path)


def test_threshold_sits_in_the_middle_of_the_gap() -> None:
    assert choose_threshold([0.9, 0.95], [0.7, 0.8]) == 0.85


def test_questions_decided_by_the_answer_type_gate_do_not_move_the_threshold() -> None:
    # Confidence 0: a count was asked and none given; that abstains at any threshold. The
    # unanswerable question left lies above every answerable one: no cut catches it without
    # refusing them all, so the cut sits MARGIN under the weakest answerable question.
    assert choose_threshold([0.95, 1.0, 1.1], [0.0, 0.0, 1.2]) == pytest.approx(0.95 - MARGIN)


def test_threshold_weighs_classes_by_their_size() -> None:
    # One unanswerable question above two answerable ones: missing it costs 4/1 = 4 > 2.
    assert choose_threshold([0.5, 0.6, 0.9, 0.95], [0.7]) == pytest.approx(0.8)
