"""The 对 / 错 buttons under the chat: the latest answer marked right, or wrong with the right
paragraph (or 报告没有答案), appended to the marks file once per answer (`marks.py` makes
the lines). Each handler returns the status line, the exchange marked last, the fix row.

    events = MarkEvents(page)
    events.on_mark_right(history, None, "简体")
      -> ('已记录 **m001**（对，¶26）到 `…/marked-questions.jsonl`', history[-1], {visible: False})
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui.chat import Exchange
from assistant.ui.marks import Mark, append_mark, parse_paragraph, right_mark, wrong_mark
from assistant.ui.markup import escape
from assistant.ui.page import Page
from assistant.ui.page_script import SIMPLIFIED, restyle

NOTHING_TO_MARK = "还没有可以标记的回答：先提一个问题。"
MARKED = "这个回答已经标记过了。"
MarkOut = tuple[str, "Exchange | None", Any]  # status line, the exchange marked last, fix row


class MarkEvents:
    def __init__(self, page: Page) -> None:
        self.page = page

    def _save(
        self,
        history: tuple[Exchange, ...],
        marked: Exchange | None,
        make: Callable[[Exchange], Mark],
        verdict: str,
    ) -> MarkOut:
        """Append the mark `make(exchange)` for the latest answer."""
        if not history:
            return escape(NOTHING_TO_MARK), marked, gr.skip()
        if marked is not None and history[-1] == marked:
            return escape(MARKED), marked, gr.update(visible=False)
        path = self.page.marks_path
        try:
            saved = append_mark(path, make(history[-1]))
        except AssistantError as error:
            return f"⚠️ {escape(str(error))}", marked, gr.skip()
        where = "、".join(f"¶{n}" for n in saved.paragraphs) or "报告没有答案"
        status = (
            f"已记录 **{escape(saved.id)}**（{verdict}，{escape(where)}）到 `{escape(str(path))}`"
        )
        return status, history[-1], gr.update(visible=False)

    def on_mark_right(
        self, history: tuple[Exchange, ...], marked: Exchange | None, script: str = SIMPLIFIED
    ) -> MarkOut:
        several = self.page.several()
        status, marked, fix = self._save(
            history, marked, lambda e: right_mark(e, several=several), "对"
        )
        return restyle(status, script), marked, fix

    def on_mark_wrong(
        self, history: tuple[Exchange, ...], marked: Exchange | None, script: str = SIMPLIFIED
    ) -> tuple[str, Any]:
        """Open the fix row (the right paragraph, or 报告没有答案)."""
        if not history:
            return restyle(escape(NOTHING_TO_MARK), script), gr.skip()
        if marked is not None and history[-1] == marked:
            return restyle(escape(MARKED), script), gr.skip()
        hint = "请填写正确的段落编号 ¶n，或选择“报告没有答案”。"
        return restyle(escape(hint), script), gr.update(visible=True)

    def on_mark_paragraph(
        self,
        history: tuple[Exchange, ...],
        marked: Exchange | None,
        text: str,
        script: str = SIMPLIFIED,
    ) -> MarkOut:
        try:
            number = parse_paragraph(text)
        except AssistantError as error:
            return f"⚠️ {restyle(escape(str(error)), script)}", marked, gr.skip()
        if not any(n == number for _, n in self.page.paragraphs()):
            missing = f"报告中没有 ¶{number}：请查看“报告全文”中的段落编号。"
            return f"⚠️ {restyle(escape(missing), script)}", marked, gr.skip()
        several = self.page.several()
        status, marked, fix = self._save(
            history, marked, lambda e: wrong_mark(e, number, several=several), "错"
        )
        return restyle(status, script), marked, fix

    def on_mark_none(
        self, history: tuple[Exchange, ...], marked: Exchange | None, script: str = SIMPLIFIED
    ) -> MarkOut:
        status, marked, fix = self._save(history, marked, lambda e: wrong_mark(e, None), "错")
        return restyle(status, script), marked, fix

    def on_new_answer(self) -> tuple[str, Any, str]:
        """A new answer: no status, the fix row closed and empty."""
        return "", gr.update(visible=False), ""
