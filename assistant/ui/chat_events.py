"""The 问答 tab's events: a question asked in the chat, clearing it, an example clicked, and
the same question through the `/ask` API (no state: the caller sends its history).

    events = ChatEvents(page)
    chat, history, sources, box = events.on_ask("2022年…多少宗纠纷？", (), "简体")
    events.api_ask("涉案金额呢？", ["2022年…多少宗纠纷？"])["read_as"]  -> '2022年…涉案金额…'
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui.chat import Exchange, ask, messages
from assistant.ui.markup import error_html, escape, sources_html
from assistant.ui.page import Page
from assistant.ui.page_script import SIMPLIFIED, convert_of, restyle

# Earlier questions the API replays to read a follow-up (the chat needs only the last few).
MAX_API_HISTORY = 8
Shown = tuple[list[dict[str, str]], tuple[Exchange, ...], str, str]  # chat, history, sources, box


class ChatEvents:
    def __init__(self, page: Page) -> None:
        self.page = page

    def on_ask(
        self,
        question: str,
        history: tuple[Exchange, ...],
        script: str,
        document: str | None = None,
    ) -> Shown:
        """Answer in the chat: the transcript, the new history, the sources, an empty box.
        A question the engine refuses shows its message as the reply; history keeps as it was."""
        convert, page = convert_of(script), self.page
        if not question.strip():
            return messages(history, convert), history, page.last_sources(history, script), ""
        try:
            exchange = ask(page.engine, question, history, document)
        except AssistantError as error:
            shown = [*messages(history, convert), {"role": "user", "content": escape(question)}]
            shown.append({"role": "assistant", "content": error_html(restyle(str(error), script))})
            return shown, history, page.last_sources(history, script), ""
        history = (*history, exchange)
        return messages(history, convert), history, page.last_sources(history, script), ""

    def on_clear(self, script: str = SIMPLIFIED) -> Shown:
        return [], (), sources_html(None, self.page.paragraphs(), convert=convert_of(script)), ""

    def on_example(self, sample: Any) -> str:
        return str(sample[0] if isinstance(sample, list | tuple) else sample)

    def api_ask(
        self, question: str, history: list[str] | None = None, document: str | None = None
    ) -> dict[str, Any]:
        """Answer a question about the report; returns the `assistant ask --json` object.

        `history`: the conversation's earlier questions, oldest first, so a follow-up
        ('涉案金额呢？') is read with them as in the chat; `document`: only search this
        document (its file name). The object gains `read_as`: the question as it was
        searched (itself, unless it was read with an earlier one)."""
        engine = self.page.engine
        try:
            exchanges: tuple[Exchange, ...] = ()
            for earlier in (history or [])[-MAX_API_HISTORY:]:
                exchanges = (*exchanges, ask(engine, earlier, exchanges, document))
            exchange = ask(engine, question, exchanges, document)
            return {**exchange.response.to_dict(), "read_as": exchange.resolved.query}
        except AssistantError as error:
            raise gr.Error(str(error)) from error
