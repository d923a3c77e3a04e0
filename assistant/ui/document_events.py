"""The 报告文件 tab's events: a report added from the browser or removed, then the index
refreshed in a background thread while questions are answered from the previous one.

Each handler yields (status line, banner, document picker, report view, examples, removal
choices); only the last yield, after the swap, updates more than the status line. The
folder logic (sanitised names, size limits, never overwriting) is `uploads.py`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui.markup import escape, report_html
from assistant.ui.page import Page
from assistant.ui.page_script import convert_of, restyle
from assistant.ui.uploads import add_report, remove_report, report_files

OUTPUTS = 6  # status, banner, picker, report, examples, removal choices


def _status(line: str) -> tuple[Any, ...]:
    return (line, *[gr.skip()] * (OUTPUTS - 1))


class DocumentEvents:
    def __init__(self, page: Page) -> None:
        self.page = page

    def refreshed(self, script: str) -> tuple[Any, ...]:
        """banner, document picker, report view, examples, removal picker after a swap."""
        page = self.page
        return (
            page.banner(script),
            gr.update(choices=page.document_choices(script), value="", visible=page.several()),
            report_html(page.engine.titles, page.paragraphs(), convert=convert_of(script)),
            gr.Dataset(samples=page.example_samples(script)),
            gr.update(choices=page.source_names(), value=None),
        )

    def rebuild(
        self, done: str, script: str, undo: Callable[[], object]
    ) -> Iterator[tuple[Any, ...]]:
        """Refresh the index in a background thread, a status line while it runs; questions
        are answered from the previous index until the new one is swapped in. On failure
        `undo` puts the source folder back and the previous index stays."""
        engine = self.page.engine
        failed: list[BaseException] = []

        def work() -> None:
            try:
                engine.refresh()
            except BaseException as error:  # handed to the handler below, which re-raises
                failed.append(error)

        worker = threading.Thread(target=work, name="ra-refresh", daemon=True)
        started = time.monotonic()
        worker.start()
        while worker.is_alive():
            seconds = time.monotonic() - started
            line = f"{done}，正在后台重建索引（{seconds:.0f} 秒）… 期间照常用原来的索引回答。"
            yield _status(restyle(escape(line), script))
            worker.join(timeout=0.5)
        if failed:
            undo()
            if not isinstance(failed[0], AssistantError):
                raise failed[0]
            message = " ".join(str(failed[0]).split())
            yield _status(restyle(f"⚠️ {escape(f'无法更新索引，已撤销：{message}')}", script))
            return
        line = escape(f"{done}，索引已更新：共 {len(engine.index.documents)} 份报告。")
        yield (restyle(line, script), *self.refreshed(script))

    def on_add_report(self, upload: str | None, script: str) -> Iterator[tuple[Any, ...]]:
        if not upload:
            yield _status(restyle(escape("请先选择要添加的报告文件。"), script))
            return
        try:
            name, data = Path(upload).name, Path(upload).read_bytes()
            added = add_report(self.page.source_dir, name, data)
        except (AssistantError, OSError) as error:
            yield _status(f"⚠️ {restyle(escape(str(error)), script)}")
            return
        yield from self.rebuild(
            f"已添加「{added.name}」", script, lambda: added.unlink(missing_ok=True)
        )

    def on_added(self, upload: str | None) -> Any:
        """Empty the upload box once its file is in the source folder (ready for the next)."""
        if not upload or not Path(upload).is_file():
            return gr.skip()
        data = Path(upload).read_bytes()
        held = any(
            p.stat().st_size == len(data) and p.read_bytes() == data
            for p in report_files(self.page.source_dir)
        )
        return None if held else gr.skip()

    def on_remove_report(self, name: str | None, script: str) -> Iterator[tuple[Any, ...]]:
        if not name:
            yield _status(restyle(escape("请先选择要删除的报告。"), script))
            return
        path = self.page.source_dir / name
        try:
            kept = path.read_bytes() if path.is_file() else b""
            removed = remove_report(self.page.source_dir, name)
        except (AssistantError, OSError) as error:
            yield _status(f"⚠️ {restyle(escape(str(error)), script)}")
            return
        yield from self.rebuild(f"已删除「{removed.name}」", script, lambda: path.write_bytes(kept))
