"""The 简体 / 繁體 toggle: the whole page in the script the reader chose.

What the page shows comes in three kinds, and each follows the toggle its own way:
- text rendered from engine values (answers, source cards, the report view, the banner,
  example questions, evaluation results) is rendered again with `convert_of(script)`;
- the page's own words (tab names, labels, buttons, placeholders, help text) are registered
  once in `Words` with their simplified text, and updated together;
- status lines already shown are converted in place (`restyle`), names excepted.

A status line's names (a file, a path, an id) are written between `**…**`, backticks or
「…」 and stay as written, as do the questions a user typed:

    restyle('已记录 **m001**（对，¶26）到 `报告/marks.jsonl`', TRADITIONAL)
      -> '已記錄 **m001**（對，¶26）到 `报告/marks.jsonl`'
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.text.script import to_simplified, to_traditional
from assistant.ui.markup import Convert

SIMPLIFIED, TRADITIONAL = "简体", "繁體"
SCRIPTS: dict[str, Convert] = {SIMPLIFIED: lambda text: text, TRADITIONAL: to_traditional}
# Names in a status line: bold, code, or corner brackets (escaped text never holds these marks).
_NAMES = re.compile(r"(\*\*[^*]+\*\*|`[^`]+`|「[^」]*」)")


def convert_of(script: str | None) -> Convert:
    """The display conversion of a script; anything unknown shows the text as written."""
    return SCRIPTS.get(script or SIMPLIFIED, SCRIPTS[SIMPLIFIED])


def restyle(text: str | None, script: str | None) -> str:
    """A status line in `script`, whichever script it was in, its names kept as written."""
    convert = to_traditional if script == TRADITIONAL else to_simplified
    parts = _NAMES.split(text or "")
    return "".join(part if i % 2 else convert(part) for i, part in enumerate(parts))


class Words:
    """The page's own words: components with the simplified text of their properties
    (`label`, `value`, `placeholder`, …), updated together when the script changes."""

    def __init__(self) -> None:
        self.components: list[Any] = []
        self._texts: list[dict[str, str]] = []

    def add(self, component: Any, **texts: str) -> Any:
        """Register `component`'s texts (as simplified Chinese); returns the component."""
        self.components.append(component)
        self._texts.append(texts)
        return component

    def button(self, text: str, **options: Any) -> gr.Button:
        """A registered gr.Button showing `text`."""
        button: gr.Button = self.add(gr.Button(text, **options), value=text)
        return button

    def updates(self, script: str | None) -> list[Any]:
        convert = convert_of(script)
        shown: list[dict[str, Any]] = [
            {key: convert(text) for key, text in texts.items()} for texts in self._texts
        ]
        return [gr.update(**props) for props in shown]


@cache
def gradio_words() -> dict[str, str]:
    """Gradio's own simplified Chinese words (its zh-CN locale, which a Chinese browser gets)
    -> their traditional form, for the page's script to swap:
    {'将文件拖放到此处': '將文件拖放到此處', …}. Empty if this Gradio has no zh-CN file there."""
    assets = Path(gr.__file__).parent / "templates" / "frontend" / "assets"
    words: dict[str, str] = {}
    for path in sorted(assets.glob("zh-CN-*.js")):
        for text in re.findall(r"`([^`{}$]*[\u4e00-\u9fff][^`{}$]*)`", path.read_text("utf-8")):
            if (converted := to_traditional(text)) != text:
                words[text] = converted
    return words
