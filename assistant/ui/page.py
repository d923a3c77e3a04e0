"""What every part of the web app reads: the engine (whose index a refresh swaps, so it is
read at call time, never kept), the files the app writes, the page's own words, and the
pieces several tabs render (the banner, the document picker's choices, the examples).

    page = Page(engine, marks_path=marks_file(engine.settings, None))
    page.banner("繁體")  ->  '<div class="ra-banner"><h1>報告問答助手</h1><p>…</p></div>'

The event handlers of each tab (`chat_events`, `mark_events`, `document_events`,
`evaluation_events`) take a Page; `app.build_demo` lays the page out and wires them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.ui.chat import Exchange, examples
from assistant.ui.markup import Paragraphs, escape, sources_html
from assistant.ui.page_script import Words, convert_of
from assistant.ui.uploads import report_files

if TYPE_CHECKING:
    from assistant.engine import Engine

TITLE = "报告问答助手"
ALL_DOCUMENTS = "全部报告"


@dataclass
class Page:
    engine: Engine
    marks_path: Path  # where the chat's 对 / 错 marks are appended
    words: Words = field(default_factory=Words)  # the page's own words, for the toggle

    @property
    def source_dir(self) -> Path:
        return self.engine.settings.source_dir

    @property
    def questions_file(self) -> Path:
        return self.source_dir / "questions.jsonl"

    def paragraphs(self) -> Paragraphs:
        return self.engine.index.paragraphs

    def several(self) -> bool:
        """More than one report: the document picker is shown and marks name the file."""
        return len(self.engine.index.documents) > 1

    def banner(self, script: str | None = None) -> str:
        convert = convert_of(script)
        index = self.engine.index
        titles = "、".join(escape(convert(d.title)) for d in index.documents)
        about = convert(f"共 {len(index.paragraphs)} 段 · 答案摘自报告原文，并标注段落编号 ¶n")
        return f'<div class="ra-banner"><h1>{convert(TITLE)}</h1><p>{titles} · {about}</p></div>'

    def document_choices(self, script: str | None = None) -> list[tuple[str, str]]:
        """(shown title, file name) for the picker; '' searches every report."""
        convert = convert_of(script)
        return [
            (convert(ALL_DOCUMENTS), ""),
            *((convert(d.title), d.name) for d in self.engine.index.documents),
        ]

    def example_samples(self, script: str | None = None) -> list[list[str]]:
        convert = convert_of(script)
        return [[convert(q)] for q in examples(self.questions_file, self.paragraphs().values())]

    def last_sources(self, history: tuple[Exchange, ...], script: str | None = None) -> str:
        """The sources panel for the latest answer (the hint when there is none)."""
        response = history[-1].response if history else None
        return sources_html(response, self.paragraphs(), convert=convert_of(script))

    def source_names(self) -> list[str]:
        return [p.name for p in report_files(self.source_dir)]
