"""Web UI: ask questions about the report in a browser.

    python ui.py                       # http://127.0.0.1:7860
    python ui.py --port 8080 --auth reader:secret

`build_demo(engine)` builds the app without launching it (tests use it); `main()` opens the
engine at the edge (building the index with progress bars when it is missing) and serves
it on the loopback address unless --host says otherwise. Never a share link.
The logic lives in assistant/ui/ (chat.py, evaluation_tab.py, marks.py, markup.py for the
HTML); the look in assistant/ui/style.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
from gradio.events import api

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.text.formats import SUFFIXES
from assistant.ui.chat import Exchange, ask, examples, messages
from assistant.ui.evaluation_tab import (
    MISSED,
    EvaluationView,
    evaluate,
    load_for_tab,
    template_lines,
    write_results,
)
from assistant.ui.marks import append_mark, marks_file, parse_paragraph, right_mark, wrong_mark
from assistant.ui.markup import (
    Convert,
    Paragraphs,
    error_html,
    escape,
    failures_html,
    report_html,
    sources_html,
)
from assistant.ui.page_script import SIMPLIFIED, TRADITIONAL, Words, convert_of, restyle
from assistant.ui.style import CSS, page_js, theme
from assistant.ui.uploads import add_report, remove_report, report_files

if TYPE_CHECKING:
    from assistant.engine import Engine

TITLE = "报告问答助手"
RANK_ORDER = [str(rank) for rank in range(1, 11)] + [MISSED]

# Queue: on a 2-core machine one question keeps both cores busy (the encoder uses them all)
# for ~0.1 s, so questions — from the chat and from the /ask API alike — run one at a time
# (concurrency group "ask", limit 1) instead of thrashing; the queue holds a burst of up to
# 64 waiting requests. A long evaluation run has its own group, so it never blocks questions.
# Pure display updates (script toggle, clear, example fill) need no limit.
QUEUE_SIZE = 64
MarkOut = tuple[str, "Exchange | None", Any]  # status line, the exchange marked last, fix row


def _banner(engine: Engine, script: str | None = None) -> str:
    convert = convert_of(script)
    index = engine.index
    titles = "、".join(escape(convert(d.title)) for d in index.documents)
    about = convert(f"共 {len(index.paragraphs)} 段 · 答案摘自报告原文，并标注段落编号 ¶n")
    return f'<div class="ra-banner"><h1>{convert(TITLE)}</h1><p>{titles} · {about}</p></div>'


ALL_DOCUMENTS = "全部报告"


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
NOTHING_TO_MARK = "还没有可以标记的回答：先提一个问题。"
CHAT_PLACEHOLDER = (
    "问一个关于报告的问题：简体、繁體或英文都可以。"
    "答案会标出关键词和引用的段落 ¶n；可以接着追问，例如“涉案金额呢？”"
)
QUESTION_PLACEHOLDER = "输入问题，按回车发送"
FIX_PLACEHOLDER = "正确的段落编号，例如 ¶26"
DOCUMENT_LABEL = "在哪份报告中查找"
EXAMPLES_LABEL = "示例问题（点击即问）"
UPLOAD_LABEL = "上传问题文件（.jsonl）"
RANKS_TITLE = "标准段落的检索名次（可回答的问题）"


# Earlier questions the API replays to read a follow-up (the chat needs only the last few).
MAX_API_HISTORY = 8


def build_demo(engine: Engine, marks: Path | None = None) -> gr.Blocks:
    """The whole app around one engine; nothing is launched here. Marks from the chat go to
    `marks` (default <index folder>/marked-questions.jsonl)."""
    questions_file = engine.settings.source_dir / "questions.jsonl"
    marks_path = marks_file(engine.settings, marks)
    template = Path(tempfile.mkdtemp(prefix="ra-template-")) / "questions-template.jsonl"
    template.write_text(template_lines(engine.index.paragraphs.values()), encoding="utf-8")
    words = Words()  # the page's own words, in the display script (assistant/ui/page_script.py)

    def paragraphs() -> Paragraphs:  # read at call time: engine.refresh() may swap the index
        return engine.index.paragraphs

    def last_sources(history: tuple[Exchange, ...], script: str) -> str:
        response = history[-1].response if history else None
        return sources_html(response, paragraphs(), convert=convert_of(script))

    def example_samples(script: str | None) -> list[list[str]]:
        convert = convert_of(script)
        return [[convert(q)] for q in examples(questions_file, paragraphs().values())]

    def on_ask(
        question: str, history: tuple[Exchange, ...], script: str, document: str | None = None
    ) -> tuple[list[dict[str, str]], tuple[Exchange, ...], str, str]:
        convert = convert_of(script)
        if not question.strip():
            return messages(history, convert), history, last_sources(history, script), ""
        try:
            exchange = ask(engine, question, history, document)
        except AssistantError as error:
            shown = [*messages(history, convert), {"role": "user", "content": escape(question)}]
            shown.append({"role": "assistant", "content": error_html(restyle(str(error), script))})
            return shown, history, last_sources(history, script), ""
        history = (*history, exchange)
        return messages(history, convert), history, last_sources(history, script), ""

    def on_clear(
        script: str = SIMPLIFIED,
    ) -> tuple[list[dict[str, str]], tuple[Exchange, ...], str, str]:
        return [], (), sources_html(None, paragraphs(), convert=convert_of(script)), ""

    def on_example(sample: Any) -> str:
        return str(sample[0] if isinstance(sample, list | tuple) else sample)

    def empty_metrics(convert: Convert) -> Any:
        import pandas as pd  # type: ignore[import-untyped]

        return pd.DataFrame(columns=[convert("指标"), convert("数值")])

    def shown_results(view: EvaluationView, name: str, script: str | None) -> tuple[Any, ...]:
        """status, metrics, ranks, failures of an evaluation run, in the display script."""
        import pandas as pd

        convert = convert_of(script)
        ranks = pd.DataFrame(
            {"名次": [convert(r) for r, _ in view.ranks], "题数": [n for _, n in view.ranks]}
        )
        status = restyle(
            f"已评测 **{escape(name)}**：{view.report.questions} 题，"
            f"失败 {len(view.failures)} 题。",
            script,
        )
        rows = [[convert(label), convert(value)] for label, value in view.metrics]
        return (
            status,
            gr.update(
                value=rows, headers=[convert("指标"), convert("数值")], label=convert("指标")
            ),
            gr.update(
                value=ranks, x_title=convert("名次"), y_title=convert("题数"),
                title=convert(RANKS_TITLE), sort=[convert(r) for r in RANK_ORDER],
            ),
            failures_html(view.failures, convert=convert),
        )  # fmt: skip

    def evaluate_file(path: Path, name: str, script: str, progress: gr.Progress) -> tuple[Any, ...]:
        """status, metrics, ranks, failures, JSON and CSV downloads, the run; a bad file
        changes only the status line (one Chinese line), the earlier results stay."""

        def report_progress(done: int, total: int) -> None:
            progress(done / total, desc=f"{done} / {total}")

        try:
            view = evaluate(engine, load_for_tab(path), on_progress=report_progress)
        except AssistantError as error:
            return (f"⚠️ {restyle(escape(str(error)), script)}", *[gr.skip()] * 6)
        folder = Path(tempfile.mkdtemp(prefix="ra-results-"))
        json_path, csv_path = write_results(view, folder, Path(name).stem)
        return (
            *shown_results(view, name, script),
            gr.update(value=str(json_path), visible=True),
            gr.update(value=str(csv_path), visible=True),
            (view, name),
        )

    def on_evaluate(
        upload: str | None,
        script: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 -- Gradio's progress-bar idiom
    ) -> tuple[Any, ...]:
        if upload:
            return evaluate_file(Path(upload), Path(upload).name, script, progress)
        return evaluate_file(questions_file, "source/questions.jsonl", script, progress)

    def on_evaluate_marks(
        script: str,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 -- Gradio's progress-bar idiom
    ) -> tuple[Any, ...]:
        if not marks_path.exists():
            return (f"⚠️ {restyle(escape(NO_MARKS), script)}", *[gr.skip()] * 6)
        return evaluate_file(marks_path, marks_path.name, script, progress)

    def several() -> bool:
        return len(engine.index.documents) > 1

    def save_mark(
        history: tuple[Exchange, ...], marked: Exchange | None, make: Any, verdict: str
    ) -> MarkOut:
        """Append the mark `make(exchange)` for the latest answer: status, marked, fix row."""
        if not history:
            return escape(NOTHING_TO_MARK), marked, gr.skip()
        if marked is not None and history[-1] == marked:
            return escape("这个回答已经标记过了。"), marked, gr.update(visible=False)
        try:
            saved = append_mark(marks_path, make(history[-1]))
        except AssistantError as error:
            return f"⚠️ {escape(str(error))}", marked, gr.skip()
        where = "、".join(f"¶{n}" for n in saved.paragraphs) or "报告没有答案"
        status = (
            f"已记录 **{escape(saved.id)}**（{verdict}，{escape(where)}）到 "
            f"`{escape(str(marks_path))}`"
        )
        return status, history[-1], gr.update(visible=False)

    def on_mark_right(
        history: tuple[Exchange, ...], marked: Exchange | None, script: str = SIMPLIFIED
    ) -> MarkOut:
        status, marked, fix = save_mark(
            history, marked, lambda e: right_mark(e, several=several()), "对"
        )
        return restyle(status, script), marked, fix

    def on_mark_wrong(
        history: tuple[Exchange, ...], marked: Exchange | None, script: str = SIMPLIFIED
    ) -> tuple[str, Any]:
        if not history:
            return restyle(escape(NOTHING_TO_MARK), script), gr.skip()
        if marked is not None and history[-1] == marked:
            return restyle(escape("这个回答已经标记过了。"), script), gr.skip()
        hint = "请填写正确的段落编号 ¶n，或选择“报告没有答案”。"
        return restyle(escape(hint), script), gr.update(visible=True)

    def on_mark_paragraph(
        history: tuple[Exchange, ...], marked: Exchange | None, text: str, script: str = SIMPLIFIED
    ) -> MarkOut:
        try:
            number = parse_paragraph(text)
        except AssistantError as error:
            return f"⚠️ {restyle(escape(str(error)), script)}", marked, gr.skip()
        if not any(n == number for _, n in paragraphs()):
            missing = f"报告中没有 ¶{number}：请查看“报告全文”中的段落编号。"
            return f"⚠️ {restyle(escape(missing), script)}", marked, gr.skip()
        status, marked, fix = save_mark(
            history, marked, lambda e: wrong_mark(e, number, several=several()), "错"
        )
        return restyle(status, script), marked, fix

    def on_mark_none(
        history: tuple[Exchange, ...], marked: Exchange | None, script: str = SIMPLIFIED
    ) -> MarkOut:
        status, marked, fix = save_mark(history, marked, lambda e: wrong_mark(e, None), "错")
        return restyle(status, script), marked, fix

    def on_new_answer() -> tuple[str, Any, str]:
        return "", gr.update(visible=False), ""

    source_dir = engine.settings.source_dir

    def document_choices(script: str | None) -> list[tuple[str, str]]:
        convert = convert_of(script)
        return [
            (convert(ALL_DOCUMENTS), ""),
            *((convert(d.title), d.name) for d in engine.index.documents),
        ]

    def source_names() -> list[str]:
        return [p.name for p in report_files(source_dir)]

    def refreshed(script: str) -> tuple[Any, ...]:
        """banner, document picker, report view, examples, removal picker after a swap."""
        return (
            _banner(engine, script),
            gr.update(choices=document_choices(script), value="", visible=several()),
            report_html(engine.titles, paragraphs(), convert=convert_of(script)),
            gr.Dataset(samples=example_samples(script)),
            gr.update(choices=source_names(), value=None),
        )

    def rebuild(done: str, script: str, undo: Callable[[], object]) -> Iterator[tuple[Any, ...]]:
        """Refresh the index in a background thread, a status line while it runs; questions
        are answered from the previous index until the new one is swapped in. On failure
        `undo` puts the source folder back and the previous index stays."""
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
            yield (restyle(escape(line), script), *[gr.skip()] * 5)
            worker.join(timeout=0.5)
        if failed:
            undo()
            if not isinstance(failed[0], AssistantError):
                raise failed[0]
            message = " ".join(str(failed[0]).split())
            line = f"⚠️ {escape(f'无法更新索引，已撤销：{message}')}"
            yield (restyle(line, script), *[gr.skip()] * 5)
            return
        count = len(engine.index.documents)
        line = escape(f"{done}，索引已更新：共 {count} 份报告。")
        yield (restyle(line, script), *refreshed(script))

    def on_add_report(upload: str | None, script: str) -> Iterator[tuple[Any, ...]]:
        if not upload:
            yield (restyle(escape("请先选择要添加的报告文件。"), script), *[gr.skip()] * 5)
            return
        try:
            added = add_report(source_dir, Path(upload).name, Path(upload).read_bytes())
        except (AssistantError, OSError) as error:
            yield (f"⚠️ {restyle(escape(str(error)), script)}", *[gr.skip()] * 5)
            return
        yield from rebuild(f"已添加「{added.name}」", script, lambda: added.unlink(missing_ok=True))

    def on_added(upload: str | None) -> Any:
        """Empty the upload box once its file is in the source folder (ready for the next)."""
        if not upload or not Path(upload).is_file():
            return gr.skip()
        data = Path(upload).read_bytes()
        held = any(p.stat().st_size == len(data) and p.read_bytes() == data
                   for p in report_files(source_dir))  # fmt: skip
        return None if held else gr.skip()

    def on_remove_report(name: str | None, script: str) -> Iterator[tuple[Any, ...]]:
        if not name:
            yield (restyle(escape("请先选择要删除的报告。"), script), *[gr.skip()] * 5)
            return
        path = source_dir / name
        try:
            kept = path.read_bytes() if path.is_file() else b""
            removed = remove_report(source_dir, name)
        except (AssistantError, OSError) as error:
            yield (f"⚠️ {restyle(escape(str(error)), script)}", *[gr.skip()] * 5)
            return
        yield from rebuild(f"已删除「{removed.name}」", script, lambda: path.write_bytes(kept))

    def on_script(
        script: str,
        history: tuple[Exchange, ...],
        document: str | None = None,
        evaluated: tuple[EvaluationView, str] | None = None,
        *lines: str,
    ) -> tuple[Any, ...]:
        """Everything the page shows, again in `script`: the conversation, the sources (the
        page's script keeps open cards open), the report, the banner, the picker, the
        examples, the status lines `lines`, the evaluation results and the page's words."""
        convert = convert_of(script)
        results = (
            shown_results(*evaluated, script)[1:]
            if evaluated
            else (
                gr.update(value=empty_metrics(convert), label=convert("指标")),
                gr.update(
                    x_title=convert("名次"), y_title=convert("题数"), title=convert(RANKS_TITLE)
                ),
                gr.skip(),
            )
        )
        return (
            gr.update(value=messages(history, convert), placeholder=convert(CHAT_PLACEHOLDER)),
            last_sources(history, script),
            report_html(engine.titles, paragraphs(), convert=convert),
            _banner(engine, script),
            gr.update(choices=document_choices(script), value=document or "",
                      label=convert(DOCUMENT_LABEL)),
            gr.Dataset(samples=example_samples(script), label=convert(EXAMPLES_LABEL)),
            *(restyle(line, script) for line in lines),
            *results,
            *words.updates(script),
        )  # fmt: skip

    def api_ask(
        question: str, history: list[str] | None = None, document: str | None = None
    ) -> dict[str, Any]:
        """Answer a question about the report; returns the `assistant ask --json` object.

        `history`: the conversation's earlier questions, oldest first, so a follow-up
        ('涉案金额呢？') is read with them as in the chat; `document`: only search this
        document (its file name). The object gains `read_as`: the question as it was
        searched (itself, unless it was read with an earlier one)."""
        try:
            exchanges: tuple[Exchange, ...] = ()
            for earlier in (history or [])[-MAX_API_HISTORY:]:
                exchanges = (*exchanges, ask(engine, earlier, exchanges, document))
            exchange = ask(engine, question, exchanges, document)
            return {**exchange.response.to_dict(), "read_as": exchange.resolved.query}
        except AssistantError as error:
            raise gr.Error(str(error)) from error

    demo = gr.Blocks(title=TITLE, analytics_enabled=False)
    with demo:
        history = gr.State(())
        marked = gr.State(None)  # the exchange marked last: each answer is marked once
        evaluated = gr.State(None)  # (EvaluationView, file name) of the last run, for the toggle
        with gr.Row(elem_id="ra-header"):
            banner = gr.HTML(_banner(engine), scale=4)
            script = words.add(
                gr.Radio(
                    [SIMPLIFIED, TRADITIONAL], value=SIMPLIFIED, label="显示字形", scale=0,
                    min_width=190, elem_id="ra-script",
                ),
                label="显示字形",
            )  # fmt: skip
        with gr.Tabs():
            with (
                words.add(gr.Tab("问答", id="ask"), label="问答"),
                gr.Row(equal_height=False, elem_id="ra-ask"),
            ):
                with gr.Column(scale=3, elem_id="ra-chat-column"):
                    document = gr.Dropdown(
                        choices=document_choices(SIMPLIFIED), value="", label=DOCUMENT_LABEL,
                        elem_id="ra-document", visible=several(),
                    )  # fmt: skip
                    chat = gr.Chatbot(
                        label="对话",
                        show_label=False,
                        elem_id="ra-chat",
                        height=560,
                        latex_delimiters=[],
                        feedback_options=None,
                        buttons=[],  # its copy button would copy the answer's HTML source
                        placeholder=CHAT_PLACEHOLDER,
                    )
                    with gr.Row(elem_id="ra-ask-input"):
                        question = words.add(
                            gr.Textbox(
                                show_label=False, placeholder=QUESTION_PLACEHOLDER,
                                elem_id="ra-question", scale=5, autofocus=True, lines=1,
                                max_lines=4,
                            ),
                            placeholder=QUESTION_PLACEHOLDER,
                        )  # fmt: skip
                        send = words.add(
                            gr.Button("提问", variant="primary", scale=1, min_width=80),
                            value="提问",
                        )
                        clear = words.add(
                            gr.Button("清空对话", scale=1, min_width=80, elem_id="ra-clear"),
                            value="清空对话",
                        )
                    with gr.Row(elem_id="ra-mark", equal_height=True):
                        mark_label = '<div class="ra-mark-label">标记这个回答：</div>'
                        words.add(gr.HTML(mark_label), value=mark_label)
                        mark_right = words.add(
                            gr.Button("对", size="sm", min_width=60, elem_id="ra-mark-right"),
                            value="对",
                        )
                        mark_wrong = words.add(
                            gr.Button("错", size="sm", min_width=60, elem_id="ra-mark-wrong"),
                            value="错",
                        )
                    with gr.Row(visible=False, elem_id="ra-mark-fix", equal_height=True) as fix_row:
                        fix_paragraph = words.add(
                            gr.Textbox(
                                show_label=False, placeholder=FIX_PLACEHOLDER,
                                elem_id="ra-mark-paragraph", scale=3, lines=1, max_lines=1,
                            ),
                            placeholder=FIX_PLACEHOLDER,
                        )  # fmt: skip
                        fix_save = words.add(
                            gr.Button("保存", size="sm", scale=1, elem_id="ra-mark-save"),
                            value="保存",
                        )
                        fix_none = words.add(
                            gr.Button("报告没有答案", size="sm", scale=1, elem_id="ra-mark-none"),
                            value="报告没有答案",
                        )
                    mark_status = gr.Markdown(elem_id="ra-mark-status")
                    sample = gr.Dataset(
                        label=EXAMPLES_LABEL, components=[question],
                        samples=example_samples(SIMPLIFIED), elem_id="ra-examples",
                    )  # fmt: skip
                with gr.Column(scale=2, elem_id="ra-sources-column"):
                    sources_title = '<div class="ra-sources-title">来源段落</div>'
                    words.add(gr.HTML(sources_title), value=sources_title)
                    sources = gr.HTML(sources_html(None, paragraphs()), elem_id="ra-sources")
            with words.add(gr.Tab("报告全文", id="report"), label="报告全文"):
                report = gr.HTML(report_html(engine.titles, paragraphs()), elem_id="ra-report")
            with words.add(gr.Tab("报告文件", id="documents"), label="报告文件"):
                documents_help = (
                    f"添加或删除报告（{'、'.join(SUFFIXES)}）：文件只写入报告文件夹，"
                    "然后在后台重建索引；重建期间照常用原来的索引回答。"
                )
                words.add(gr.Markdown(documents_help), value=documents_help)
                with gr.Row():
                    report_upload = words.add(
                        gr.File(
                            label="上传报告", file_types=list(SUFFIXES), type="filepath",
                            scale=3, elem_id="ra-doc-upload",
                        ),
                        label="上传报告",
                    )  # fmt: skip
                    with gr.Column(scale=1, min_width=200):
                        add_button = words.add(
                            gr.Button("添加报告", variant="primary", elem_id="ra-doc-add"),
                            value="添加报告",
                        )
                        remove_choice = words.add(
                            gr.Radio(  # not a Dropdown: that is the document picker
                                choices=source_names(), value=None, label="删除哪份报告",
                                elem_id="ra-doc-choice",
                            ),
                            label="删除哪份报告",
                        )  # fmt: skip
                        remove_button = words.add(
                            gr.Button("删除报告", variant="stop", elem_id="ra-doc-remove"),
                            value="删除报告",
                        )
                documents_status = gr.Markdown(elem_id="ra-doc-status")
            with words.add(gr.Tab("评测", id="evaluate"), label="评测"):
                words.add(gr.Markdown(FORMAT_HELP, elem_id="ra-eval-help"), value=FORMAT_HELP)
                with gr.Row():
                    upload = words.add(
                        gr.File(
                            label=UPLOAD_LABEL, file_types=[".jsonl", ".json", ".txt"],
                            type="filepath", scale=3, elem_id="ra-eval-upload",
                        ),
                        label=UPLOAD_LABEL,
                    )  # fmt: skip
                    with gr.Column(scale=1, min_width=200):
                        run = words.add(
                            gr.Button("运行评测", variant="primary", elem_id="ra-eval-run"),
                            value="运行评测",
                        )
                        run_marks = words.add(
                            gr.Button("评测我标记的问题", elem_id="ra-eval-marks"),
                            value="评测我标记的问题",
                        )
                        words.add(
                            gr.DownloadButton(
                                "下载问题文件模板", value=str(template), elem_id="ra-eval-template"
                            ),
                            label="下载问题文件模板",
                        )
                status = gr.Markdown(elem_id="ra-eval-status")
                with gr.Row():
                    download_json = words.add(
                        gr.DownloadButton("下载结果 JSON", visible=False, elem_id="ra-eval-json"),
                        label="下载结果 JSON",
                    )
                    download_csv = words.add(
                        gr.DownloadButton("下载结果 CSV", visible=False, elem_id="ra-eval-csv"),
                        label="下载结果 CSV",
                    )
                with gr.Row():
                    metrics = gr.Dataframe(
                        headers=["指标", "数值"], label="指标", interactive=False, scale=1,
                        elem_id="ra-eval-metrics",
                    )  # fmt: skip
                    ranks = gr.BarPlot(
                        x="名次", y="题数", title=RANKS_TITLE, sort=RANK_ORDER, scale=1,
                        height=320, elem_id="ra-eval-ranks",
                    )  # fmt: skip
                failures = gr.HTML(elem_id="ra-failures")

        private: dict[str, Any] = {"api_visibility": "private"}
        asked: dict[str, Any] = {"concurrency_id": "ask", "show_progress": "minimal", **private}
        display: dict[str, Any] = {"concurrency_limit": None, "show_progress": "hidden", **private}
        ask_io: dict[str, Any] = {
            "fn": on_ask,
            "inputs": [question, history, script, document],
            "outputs": [chat, history, sources, question],
        }
        reset_mark: dict[str, Any] = {
            "fn": on_new_answer, "inputs": None,
            "outputs": [mark_status, fix_row, fix_paragraph], **display,
        }  # fmt: skip
        question.submit(**ask_io, **asked).then(**reset_mark)
        send.click(**ask_io, **asked).then(**reset_mark)
        sample.click(on_example, sample, question, **display).then(**ask_io, **asked).then(
            **reset_mark
        )
        mark_io: dict[str, Any] = {"outputs": [mark_status, marked, fix_row], **display}
        mark_right.click(on_mark_right, [history, marked, script], **mark_io)
        mark_wrong.click(
            on_mark_wrong, [history, marked, script], [mark_status, fix_row], **display
        )
        fixed = [history, marked, fix_paragraph, script]
        fix_save.click(on_mark_paragraph, fixed, **mark_io)
        fix_paragraph.submit(on_mark_paragraph, fixed, **mark_io)
        fix_none.click(on_mark_none, [history, marked, script], **mark_io)
        cleared = [chat, history, sources, question]
        clear.click(on_clear, script, cleared, **display)
        chat.clear(on_clear, script, cleared, **display)  # its bin icon
        statuses = [mark_status, documents_status, status]
        script.change(
            on_script,
            [script, history, document, evaluated, *statuses],
            [chat, sources, report, banner, document, sample, *statuses, metrics, ranks, failures,
             *words.components],
            **display,
        )  # fmt: skip
        evaluated_out = [status, metrics, ranks, failures, download_json, download_csv, evaluated]
        evaluation: dict[str, Any] = {
            "concurrency_id": "evaluate", "concurrency_limit": 1, **private
        }  # fmt: skip
        run.click(on_evaluate, [upload, script], evaluated_out, **evaluation)
        run_marks.click(on_evaluate_marks, [script], evaluated_out, **evaluation)
        changed = [documents_status, banner, document, report, sample, remove_choice]
        documents: dict[str, Any] = {
            "concurrency_id": "documents", "concurrency_limit": 1, **private
        }  # fmt: skip
        add_button.click(on_add_report, [report_upload, script], changed, **documents).then(
            on_added, report_upload, report_upload, **display
        )
        remove_button.click(on_remove_report, [remove_choice, script], changed, **documents)
        api(api_ask, api_name="ask", concurrency_id="ask")
    demo.queue(default_concurrency_limit=1, max_size=QUEUE_SIZE)
    return demo


def launch(
    demo: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    block: bool = True,
) -> str:
    """Serve the app (styled, local only, never a share link); returns its URL.

    With block=False the server runs in a background thread; stop it with demo.close().
    """
    try:
        _, url, _ = demo.launch(
            server_name=host, server_port=port, auth=auth, share=False, quiet=True,
            prevent_thread_lock=True, theme=theme(), css=CSS, js=page_js(), footer_links=["api"],
        )  # fmt: skip
    except OSError as error:
        raise AssistantError(
            f"Cannot serve on {host}:{port} ({error}): choose another --port."
        ) from error
    print(f"{TITLE} ready: {url}", flush=True)
    if block:
        demo.block_thread()
    return str(url)


def parse_auth(text: str | None) -> tuple[str, str] | None:
    """'reader:secret' -> ('reader', 'secret'); None or '' -> no login."""
    if not text:
        return None
    user, colon, password = text.partition(":")
    if not colon or not user or not password:
        raise AssistantError("--auth (or ASSISTANT_AUTH) must look like user:password.")
    return user, password


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python ui.py", description=f"{TITLE}: the web UI.")
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="port to serve on (default 7860)")
    p.add_argument("--source", type=Path, help="folder of reports (default ./source)")
    p.add_argument("--index", type=Path, help="index folder (default ./index)")
    p.add_argument("--model", help="embedding model path or name (default: the bundled e5-small)")
    p.add_argument(
        "--marks",
        type=Path,
        help="question file the chat's 对/错 marks are appended to "
        "(default: <index folder>/marked-questions.jsonl)",
    )
    p.add_argument(
        "--auth",
        help="require a login, user:password (default: env ASSISTANT_AUTH, else no login)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        from assistant.engine import Engine

        auth = parse_auth(args.auth or os.environ.get("ASSISTANT_AUTH"))
        settings = Settings.from_env(source_dir=args.source, index_dir=args.index, model=args.model)
        print("Loading the model and the index (the first run builds them) …", flush=True)
        if args.marks is None:
            demo = build_demo(Engine.open(settings))
        else:
            marks_file(settings, args.marks)  # refused before the model loads
            demo = build_demo(Engine.open(settings), marks=args.marks)
        launch(demo, host=args.host, port=args.port, auth=auth)
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
