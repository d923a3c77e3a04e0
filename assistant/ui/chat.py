"""A conversation with the engine: each question read with the turn before it, and the
chat transcript rendered for the web UI. Held per browser session (gr.State), never global.

    history = ()
    history += (ask(engine, "2022年镇村调委会受理了多少宗纠纷？", history),)
    history += (ask(engine, "涉案金额呢？", history),)   # read with the first question
    messages(history) -> [{"role": "user", "content": ...}, {"role": "assistant", ...}, ...]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from assistant.answering.followup import Resolved, Turn, resolve
from assistant.errors import AssistantError
from assistant.evaluation.questions import load_questions
from assistant.report.documents import Paragraph
from assistant.text.script import to_simplified
from assistant.ui.markup import Convert, answer_html, escape
from assistant.ui.report_examples import report_examples

if TYPE_CHECKING:
    from assistant.engine import Response


class Asker(Protocol):
    def ask(
        self,
        question: str,
        k: int | None = None,
        document: str | None = None,
        *,
        focus: str | None = None,
    ) -> Response: ...


@dataclass(frozen=True)
class Exchange:
    """One question and its response, with how the question was read."""

    question: str  # as typed
    resolved: Resolved
    response: Response

    def turn(self) -> Turn:
        """What the next question may lean on: the cited passages (else the top one), with
        their heading paths ('七、存在的不足和原因' lets "原因是什么？" follow "存在哪些不足？")."""
        cited = {(c.document, c.paragraph) for c in self.response.answer.citations}
        passages = [
            h for h in self.response.passages if (h.chunk.document, h.chunk.paragraph) in cited
        ] or list(self.response.passages[:1])
        return Turn(
            question=self.question,
            query=self.resolved.query,
            anchor=self.resolved.read_with or self.question,
            context=" ".join(f"{h.chunk.section_path} {h.chunk.text}" for h in passages),
            asks=self.resolved.asks,
        )


def ask(
    engine: Asker, question: str, history: Sequence[Exchange], document: str | None = None
) -> Exchange:
    """Answer `question`, reading it with the last exchange when it is elliptical; search
    one document when `document` names it, every document otherwise."""
    previous = history[-1].turn() if history else None
    resolved = resolve(question, previous)
    response = engine.ask(resolved.query, document=document or None, focus=resolved.focus)
    return Exchange(question, resolved, response)


def messages(history: Sequence[Exchange], convert: Convert) -> list[dict[str, str]]:
    """The chat transcript in Gradio's messages format; answers as HTML."""
    out: list[dict[str, str]] = []
    for exchange in history:
        resolved = exchange.resolved
        out.append({"role": "user", "content": escape(exchange.question)})
        html = answer_html(
            exchange.response,
            read_with=resolved.read_with,
            query=resolved.query if resolved.read_with else None,
            convert=convert,
        )
        out.append({"role": "assistant", "content": html})
    return out


def examples(
    path: Path, paragraphs: Iterable[Paragraph] = (), limit: int = 8, max_chars: int = 30
) -> list[str]:
    """Example questions from a question file: short answerable ones spread over the report,
    one in traditional script or English when the file has one, and one the report does not
    answer. Without a (readable) question file: questions made from the report's own
    headings and figures (`report_examples`), never another report's."""
    try:
        questions = load_questions(path)
    except AssistantError:
        return report_examples(paragraphs, limit=limit, max_chars=max_chars)
    short = [q.question for q in questions if q.answerable and len(q.question) <= max_chars]
    foreign = [q for q in short if q.isascii() or to_simplified(q) != q][:1]
    unanswerable = [q.question for q in questions if not q.answerable][:1]
    plain = [q for q in short if q not in foreign]
    count = max(0, limit - len(foreign) - len(unanswerable))
    spread = [plain[i * len(plain) // count] for i in range(count)] if plain and count else []
    chosen = list(dict.fromkeys(spread)) + foreign + unanswerable
    return chosen or report_examples(paragraphs, limit=limit, max_chars=max_chars)
