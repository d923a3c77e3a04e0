"""Question files: JSON Lines, one question per line, validated with line numbers.

    {"id": "q001", "question": "…", "paragraphs": [26], "answer": "205宗"}

`paragraphs` are the 1-based paragraph numbers that answer the question (empty: the report
does not answer it); `answer` a short string a correct answer must contain ("" for none);
`document` (optional) the file name the paragraphs refer to, when the index has several.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from assistant.errors import AssistantError
from assistant.report.documents import Paragraph


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    paragraphs: tuple[int, ...]
    answer: str = ""
    document: str | None = None
    line: int = 0  # where it stands in its file, for messages

    @property
    def answerable(self) -> bool:
        return bool(self.paragraphs)


def _field(row: dict[str, object], name: str, kind: type, where: str) -> object:
    if name not in row:
        raise AssistantError(f"{where}: missing field {name!r}.")
    value = row[name]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise AssistantError(f"{where}: {name!r} must be a {kind.__name__}, not {value!r}.")
    return value


def parse_question(line: str, where: str, number: int = 0) -> Question:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise AssistantError(f"{where}: not valid JSON ({error.msg}).") from error
    if not isinstance(row, dict):
        raise AssistantError(f"{where}: each line must be a JSON object.")
    qid = str(_field(row, "id", str, where))
    text = str(_field(row, "question", str, where)).strip()
    if not text:
        raise AssistantError(f"{where}: the question is empty.")
    paragraphs = cast(list[object], _field(row, "paragraphs", list, where))
    if not all(isinstance(p, int) and not isinstance(p, bool) and p >= 1 for p in paragraphs):
        raise AssistantError(f"{where}: 'paragraphs' must be a list of positive whole numbers.")
    answer = row.get("answer", "")
    if not isinstance(answer, str):
        raise AssistantError(f"{where}: 'answer' must be a string.")
    document = row.get("document")
    if document is not None and not isinstance(document, str):
        raise AssistantError(f"{where}: 'document' must be a file name string.")
    return Question(qid, text, tuple(cast(list[int], paragraphs)), answer.strip(), document, number)


def load_questions(path: Path) -> list[Question]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise AssistantError(f"Cannot read the question file {path}: {error.strerror}.") from error
    except UnicodeDecodeError as error:
        raise AssistantError(f"{path} is not UTF-8 text: save it as UTF-8 JSON Lines.") from error
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        question = parse_question(line, where, number)
        if question.id in seen:
            raise AssistantError(
                f"{where}: id {question.id!r} is already used on line {seen[question.id]}."
            )
        seen[question.id] = number
        questions.append(question)
    if not questions:
        raise AssistantError(f"{path} has no questions: add JSON Lines as in docs/questions.md.")
    return questions


def check_paragraphs(
    questions: list[Question], paragraphs: Collection[tuple[str, int]], path: Path
) -> None:
    """Every gold paragraph must exist in the index: a typo would silently count as a miss."""
    documents = {document for document, _ in paragraphs}
    for q in questions:
        if q.document is not None and q.document not in documents:
            raise AssistantError(
                f"{path}, line {q.line}: document {q.document!r} is not in the index "
                f"(documents: {', '.join(sorted(documents))})."
            )
        scope = {q.document} if q.document else documents
        for number in q.paragraphs:
            if not any((document, number) in paragraphs for document in scope):
                raise AssistantError(
                    f"{path}, line {q.line}: paragraph {number} does not exist in "
                    f"{q.document or 'any indexed document'}: check the paragraph numbers."
                )


def missing_keys(questions: Sequence[Question], paragraphs: Sequence[Paragraph]) -> list[str]:
    """Ids of questions with a gold paragraph that does not exist, or whose answer key is in
    none of their gold paragraphs (`paragraphs`: one document, repaired)."""
    texts = {p.number: p.text for p in paragraphs}
    return [
        q.id
        for q in questions
        if any(n not in texts for n in q.paragraphs)
        or (q.answer and not any(q.answer in texts[n] for n in q.paragraphs))
    ]
