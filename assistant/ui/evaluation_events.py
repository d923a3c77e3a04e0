"""The 评测 tab's events: an uploaded question file (or source/questions.jsonl, or the marks
file) run through the engine with a progress bar, and its results shown in the display
script. The results themselves (metrics in Chinese, ranks, failures, downloads) are
`evaluation_tab.py`.

Each run returns (status, metrics, ranks, failures, JSON download, CSV download, the run);
the run, (EvaluationView, file name), is kept in a gr.State so the 繁體 toggle can show the
same results again (`shown`). A bad file changes only the status line.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.ui.evaluation_tab import (
    MISSED,
    EvaluationView,
    evaluate,
    load_for_tab,
    write_results,
)
from assistant.ui.markup import Convert, escape, failures_html
from assistant.ui.page import Page
from assistant.ui.page_script import convert_of, restyle

FORMAT_HELP = (
    "用问题文件评测检索与回答。问题文件是 JSON Lines（UTF-8，每行一个问题）：\n\n"
    '`{"id": "q001", "question": "…多少宗免费法律咨询？", "paragraphs": [26], "answer": "205宗"}`'
    "\n\n- `id`：编号，文件内不重复\n- `question`：问题原文（简体、繁體或英文）\n"
    "- `paragraphs`：回答它的段落编号 ¶n 列表；**空列表 `[]` 表示报告没有回答这个问题**\n"
    '- `answer`：正确回答必须包含的短语（可为空 `""`）\n\n'
    "不上传文件时评测 `source/questions.jsonl`。"
    "可以先下载模板（按当前报告生成的 3 行示例）再修改。"
)
NO_MARKS = "还没有标记的问题：先在“问答”页给回答标记“对”或“错”。"
UPLOAD_LABEL = "上传问题文件（.jsonl）"
RANKS_TITLE = "标准段落的检索名次（可回答的问题）"
RANK_ORDER = [str(rank) for rank in range(1, 11)] + [MISSED]
Run = tuple[EvaluationView, str]  # a run's results and the name of its file
OUTPUTS = 7  # status, metrics, ranks, failures, JSON, CSV, the run


def _empty_metrics(convert: Convert) -> Any:
    import pandas as pd  # type: ignore[import-untyped]

    return pd.DataFrame(columns=[convert("指标"), convert("数值")])


def shown(run: Run | None, script: str | None) -> tuple[Any, ...]:
    """status, metrics, ranks, failures of a run in `script`; with no run, the empty
    metrics table and the chart's titles (status and failures untouched)."""
    import pandas as pd

    convert = convert_of(script)
    titles: dict[str, Any] = {
        "x_title": convert("名次"),
        "y_title": convert("题数"),
        "title": convert(RANKS_TITLE),
    }
    if run is None:
        metrics = gr.update(value=_empty_metrics(convert), label=convert("指标"))
        return gr.skip(), metrics, gr.update(**titles), gr.skip()
    view, name = run
    ranks = pd.DataFrame(
        {"名次": [convert(r) for r, _ in view.ranks], "题数": [n for _, n in view.ranks]}
    )
    status = restyle(
        f"已评测 **{escape(name)}**：{view.report.questions} 题，失败 {len(view.failures)} 题。",
        script,
    )
    rows = [[convert(label), convert(value)] for label, value in view.metrics]
    headers = [convert("指标"), convert("数值")]
    return (
        status,
        gr.update(value=rows, headers=headers, label=convert("指标")),
        gr.update(value=ranks, sort=[convert(r) for r in RANK_ORDER], **titles),
        failures_html(view.failures, convert=convert),
    )


class EvaluationEvents:
    def __init__(self, page: Page) -> None:
        self.page = page

    def _run(self, path: Path, name: str, script: str, progress: gr.Progress) -> tuple[Any, ...]:
        def report_progress(done: int, total: int) -> None:
            progress(done / total, desc=f"{done} / {total}")

        try:
            view = evaluate(self.page.engine, load_for_tab(path), on_progress=report_progress)
        except AssistantError as error:
            return (f"⚠️ {restyle(escape(str(error)), script)}", *[gr.skip()] * (OUTPUTS - 1))
        folder = Path(tempfile.mkdtemp(prefix="ra-results-"))
        json_path, csv_path = write_results(view, folder, Path(name).stem)
        return (
            *shown((view, name), script),
            gr.update(value=str(json_path), visible=True),
            gr.update(value=str(csv_path), visible=True),
            (view, name),
        )

    def on_evaluate(
        self,
        upload: str | None,
        script: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 -- Gradio's progress-bar idiom
    ) -> tuple[Any, ...]:
        if upload:
            return self._run(Path(upload), Path(upload).name, script, progress)
        return self._run(self.page.questions_file, "source/questions.jsonl", script, progress)

    def on_evaluate_marks(
        self,
        script: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 -- Gradio's progress-bar idiom
    ) -> tuple[Any, ...]:
        marks = self.page.marks_path
        if not marks.exists():
            return (f"⚠️ {restyle(escape(NO_MARKS), script)}", *[gr.skip()] * (OUTPUTS - 1))
        return self._run(marks, marks.name, script, progress)
