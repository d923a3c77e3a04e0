"""Marking answers in the chat: each mark becomes one line of a question file of the user's,
in the standard format (docs/questions.md), so the evaluation tab can run it later.

    path = marks_file(settings)                 # <index folder>/marked-questions.jsonl
    mark = right_mark(exchange)                 # 对: cited paragraphs, the highlighted phrase
    mark = wrong_mark(exchange, parse_paragraph("¶26"))   # 错, the right paragraph is ¶26
    mark = wrong_mark(exchange, None)           # 错, the report does not answer it
    append_mark(path, mark) -> Question("m003", "…", (26,), "205宗")

The file is append-only: one `write` of one whole line per mark, flushed, in append mode, so
a reader never sees half a line and earlier marks are never rewritten. Ids continue the file
(m001, m002, …; the largest existing mNNN plus one). The question stored is the one that was
searched: for a follow-up, its resolved reading ("涉案金额呢？" -> "…纠纷，涉案金额是多少？").
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError
from assistant.evaluation.questions import Question, parse_question

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.ui.chat import Exchange

MARKS_NAME = "marked-questions.jsonl"
_ID = re.compile(r"^m(\d+)$")
_NUMBER = re.compile(r"^\s*(?:¶|第)?\s*(\d+)\s*段?\s*$")
# One app process may serve several browser tabs: reading the next id and appending the
# line happen under this lock, so two marks at once never get the same id.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Mark:
    """One judged answer, as it will be written (id assigned on append)."""

    question: str
    paragraphs: tuple[int, ...]  # () = the report does not answer it
    answer: str = ""
    document: str | None = None


def marks_file(settings: Settings, chosen: Path | None = None) -> Path:
    """Where marks go: `chosen` (the --marks flag), else <index folder>/marked-questions.jsonl.
    Never the project's own question set, source/questions.jsonl."""
    path = chosen if chosen is not None else settings.index_dir / MARKS_NAME
    if path.resolve() == (settings.source_dir / "questions.jsonl").resolve():
        raise AssistantError(
            f"--marks must not be {path}: that is the fixed question set; choose another file."
        )
    return path


def parse_paragraph(text: str) -> int:
    """'¶26', '26', '第26段' -> 26; anything else is refused in one Chinese line."""
    found = _NUMBER.match(text or "")
    if found is None or int(found.group(1)) < 1:
        raise AssistantError(f"请填写正确的段落编号，例如 ¶26（收到的是「{text.strip()}」）。")
    return int(found.group(1))


def _document(exchange: Exchange, several: bool) -> str | None:
    if not several:
        return None
    cited = exchange.response.answer.citations
    if cited:
        return cited[0].document
    passages = exchange.response.passages
    return passages[0].chunk.document if passages else None


def right_mark(exchange: Exchange, *, several: bool = False) -> Mark:
    """对: the cited paragraphs (else the top passage) and the first highlighted phrase; an
    abstention marked right means the report does not answer the question."""
    response = exchange.response
    answer = response.answer
    if answer.abstained:
        return Mark(exchange.resolved.query, ())
    document = _document(exchange, several)
    numbers = [c.paragraph for c in answer.citations if document in (None, c.document)]
    if not numbers and response.passages:
        numbers = [response.passages[0].chunk.paragraph]
    key = next((h for h in answer.highlights if h), "")
    return Mark(exchange.resolved.query, tuple(sorted(set(numbers))), key, document)


def wrong_mark(exchange: Exchange, paragraph: int | None, *, several: bool = False) -> Mark:
    """错: the right paragraph is ¶`paragraph`, or (None) the report does not answer it."""
    if paragraph is None:
        return Mark(exchange.resolved.query, ())
    return Mark(exchange.resolved.query, (paragraph,), "", _document(exchange, several))


def next_id(path: Path) -> str:
    """'m001' for a new file; otherwise one past the largest mNNN in it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return "m001"
    except (OSError, UnicodeDecodeError) as error:
        raise AssistantError(f"无法读取标记文件 {path.name}：{error}") from error
    largest = 0
    for line in text.splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        found = _ID.match(str(row.get("id", ""))) if isinstance(row, dict) else None
        if found:
            largest = max(largest, int(found.group(1)))
    return f"m{largest + 1:03d}"


def mark_line(qid: str, mark: Mark) -> str:
    row: dict[str, object] = {
        "id": qid,
        "question": mark.question,
        "paragraphs": list(mark.paragraphs),
        "answer": mark.answer,
    }
    if mark.document is not None:
        row["document"] = mark.document
    return json.dumps(row, ensure_ascii=False)


def append_mark(path: Path, mark: Mark) -> Question:
    """Append `mark` as one line with the next id; returns it as the question it now is."""
    with _LOCK:
        qid = next_id(path)
        line = mark_line(qid, mark)
        question = parse_question(line, f"{path.name} (new mark)")  # what a reader will load
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as out:
                if out.tell() and not _ends_with_newline(path):
                    line = "\n" + line
                out.write(line + "\n")
                out.flush()
        except OSError as error:
            raise AssistantError(f"无法写入标记文件 {path}：{error.strerror}") from error
    return question


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as data:
        data.seek(-1, 2)
        return data.read(1) == b"\n"
