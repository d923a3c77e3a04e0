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
from assistant.text.script import to_traditional
from assistant.ui.chat import Exchange, ask, examples, messages
from assistant.ui.evaluation_tab import (
    MISSED,
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
from assistant.ui.style import CSS, JS, theme
from assistant.ui.uploads import add_report, remove_report, report_files

if TYPE_CHECKING:
    from assistant.engine import Engine

TITLE = "报告问答助手"
SIMPLIFIED, TRADITIONAL = "简体", "繁體"
SCRIPTS: dict[str, Convert] = {SIMPLIFIED: lambda text: text, TRADITIONAL: to_traditional}
RANK_ORDER = [str(rank) for rank in range(1, 11)] + [MISSED]

# Queue: on a 2-core machine one question keeps both cores busy (the encoder uses them all)
# for ~0.1 s, so questions — from the chat and from the /ask API alike — run one at a time
# (concurrency group "ask", limit 1) instead of thrashing; the queue holds a burst of up to
# 64 waiting requests. A long evaluation run has its own group, so it never blocks questions.
# Pure display updates (script toggle, clear, example fill) need no limit.
QUEUE_SIZE = 64
MarkOut = tuple[str, "Exchange | None", Any]  # status line, the exchange marked last, fix row


def _banner(engine: Engine) -> str:
    index = engine.index
    titles = "、".join(escape(d.title) for d in index.documents)
    return (
        f'<div class="ra-banner"><h1>{TITLE}</h1>'
        f"<p>{titles} · 共 {len(index.paragraphs)} 段 · "
        "答案摘自报告原文，并标注段落编号 ¶n</p></div>"
    )


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


# Earlier questions the API replays to read a follow-up (the chat needs only the last few).
MAX_API_HISTORY = 8


def build_demo(engine: Engine, marks: Path | None = None) -> gr.Blocks:
    """The whole app around one engine; nothing is launched here. Marks from the chat go to
    `marks` (default <index folder>/marked-questions.jsonl)."""
    questions_file = engine.settings.source_dir / "questions.jsonl"
    marks_path = marks_file(engine.settings, marks)
    template = Path(tempfile.mkdtemp(prefix="ra-template-")) / "questions-template.jsonl"
    template.write_text(template_lines(engine.index.paragraphs.values()), encoding="utf-8")

    def paragraphs() -> Paragraphs:  # read at call time: engine.refresh() may swap the index
        return engine.index.paragraphs

    def convert_of(script: str) -> Convert:
        return SCRIPTS.get(script, SCRIPTS[SIMPLIFIED])

    def last_sources(history: tuple[Exchange, ...], script: str) -> str:
        response = history[-1].response if history else None
        return sources_html(response, paragraphs(), convert=convert_of(script))

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
            shown.append({"role": "assistant", "content": error_html(str(error))})
            return shown, history, last_sources(history, script), ""
        history = (*history, exchange)
        return messages(history, convert), history, last_sources(history, script), ""

    def on_clear() -> tuple[list[dict[str, str]], tuple[Exchange, ...], str, str]:
        return [], (), sources_html(None, paragraphs()), ""

    def on_script(
        script: str, history: tuple[Exchange, ...]
    ) -> tuple[list[dict[str, str]], str, str]:
        convert = convert_of(script)
        return (
            messages(history, convert),
            last_sources(history, script),
            report_html(engine.titles, paragraphs(), convert=convert),
        )

    def on_example(sample: Any) -> str:
        return str(sample[0] if isinstance(sample, list | tuple) else sample)

    def evaluate_file(path: Path, name: str, script: str, progress: gr.Progress) -> tuple[Any, ...]:
        """status, metrics, ranks, failures, JSON and CSV downloads; a bad file changes only
        the status line (one Chinese line), the earlier results stay."""
        import pandas as pd  # type: ignore[import-untyped]

        def report_progress(done: int, total: int) -> None:
            progress(done / total, desc=f"{done} / {total}")

        try:
            view = evaluate(engine, load_for_tab(path), on_progress=report_progress)
        except AssistantError as error:
            return (f"⚠️ {escape(str(error))}", *[gr.skip()] * 5)
        ranks = pd.DataFrame(
            {"名次": [r for r, _ in view.ranks], "题数": [n for _, n in view.ranks]}
        )
        summary = view.report
        status = (
            f"已评测 **{escape(name)}**：{summary.questions} 题，失败 {len(view.failures)} 题。"
        )
        rows = [[label, value] for label, value in view.metrics]
        folder = Path(tempfile.mkdtemp(prefix="ra-results-"))
        json_path, csv_path = write_results(view, folder, Path(name).stem)
        return (
            status, rows, ranks, failures_html(view.failures, convert=convert_of(script)),
            gr.update(value=str(json_path), visible=True),
            gr.update(value=str(csv_path), visible=True),
        )  # fmt: skip

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
            return (f"⚠️ {escape(NO_MARKS)}", *[gr.skip()] * 5)
        return evaluate_file(marks_path, marks_path.name, script, progress)

    def several() -> bool:
        return len(engine.index.documents) > 1

    def save_mark(
        history: tuple[Exchange, ...], marked: Exchange | None, make: Any, verdict: str
    ) -> MarkOut:
        """Append the mark `make(exchange)` for the latest answer: status, marked, fix row."""
        if not history:
            return escape("还没有可以标记的回答：先提一个问题。"), marked, gr.skip()
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

    def on_mark_right(history: tuple[Exchange, ...], marked: Exchange | None) -> MarkOut:
        return save_mark(history, marked, lambda e: right_mark(e, several=several()), "对")

    def on_mark_wrong(history: tuple[Exchange, ...], marked: Exchange | None) -> tuple[str, Any]:
        if not history:
            return escape("还没有可以标记的回答：先提一个问题。"), gr.skip()
        if marked is not None and history[-1] == marked:
            return escape("这个回答已经标记过了。"), gr.skip()
        hint = "请填写正确的段落编号 ¶n，或选择“报告没有答案”。"
        return escape(hint), gr.update(visible=True)

    def on_mark_paragraph(
        history: tuple[Exchange, ...], marked: Exchange | None, text: str
    ) -> MarkOut:
        try:
            number = parse_paragraph(text)
        except AssistantError as error:
            return f"⚠️ {escape(str(error))}", marked, gr.skip()
        if not any(n == number for _, n in paragraphs()):
            return (
                f"⚠️ {escape(f'报告中没有 ¶{number}：请查看“报告全文”中的段落编号。')}",
                marked,
                gr.skip(),
            )
        return save_mark(history, marked, lambda e: wrong_mark(e, number, several=several()), "错")

    def on_mark_none(history: tuple[Exchange, ...], marked: Exchange | None) -> MarkOut:
        return save_mark(history, marked, lambda e: wrong_mark(e, None), "错")

    def on_new_answer() -> tuple[str, Any, str]:
        return "", gr.update(visible=False), ""

    source_dir = engine.settings.source_dir

    def document_choices() -> list[tuple[str, str]]:
        return [(ALL_DOCUMENTS, ""), *((d.title, d.name) for d in engine.index.documents)]

    def source_names() -> list[str]:
        return [p.name for p in report_files(source_dir)]

    def refreshed(script: str) -> tuple[Any, ...]:
        """banner, document picker, report view, examples, removal picker after a swap."""
        return (
            _banner(engine),
            gr.update(
                choices=document_choices(), value="", visible=len(engine.index.documents) > 1
            ),
            report_html(engine.titles, paragraphs(), convert=convert_of(script)),
            gr.Dataset(samples=[[q] for q in examples(questions_file, paragraphs().values())]),
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
            yield (escape(line), *[gr.skip()] * 5)
            worker.join(timeout=0.5)
        if failed:
            undo()
            if not isinstance(failed[0], AssistantError):
                raise failed[0]
            message = " ".join(str(failed[0]).split())
            yield (f"⚠️ {escape(f'无法更新索引，已撤销：{message}')}", *[gr.skip()] * 5)
            return
        count = len(engine.index.documents)
        yield (escape(f"{done}，索引已更新：共 {count} 份报告。"), *refreshed(script))

    def on_add_report(upload: str | None, script: str) -> Iterator[tuple[Any, ...]]:
        if not upload:
            yield (escape("请先选择要添加的报告文件。"), *[gr.skip()] * 5)
            return
        try:
            added = add_report(source_dir, Path(upload).name, Path(upload).read_bytes())
        except (AssistantError, OSError) as error:
            yield (f"⚠️ {escape(str(error))}", *[gr.skip()] * 5)
            return
        yield from rebuild(f"已添加「{added.name}」", script, lambda: added.unlink(missing_ok=True))

    def on_remove_report(name: str | None, script: str) -> Iterator[tuple[Any, ...]]:
        if not name:
            yield (escape("请先选择要删除的报告。"), *[gr.skip()] * 5)
            return
        path = source_dir / name
        try:
            kept = path.read_bytes() if path.is_file() else b""
            removed = remove_report(source_dir, name)
        except (AssistantError, OSError) as error:
            yield (f"⚠️ {escape(str(error))}", *[gr.skip()] * 5)
            return
        yield from rebuild(f"已删除「{removed.name}」", script, lambda: path.write_bytes(kept))

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
        with gr.Row(elem_id="ra-header"):
            banner = gr.HTML(_banner(engine), scale=4)
            script = gr.Radio(
                [SIMPLIFIED, TRADITIONAL],
                value=SIMPLIFIED,
                label="显示字形",
                scale=0,
                min_width=190,
                elem_id="ra-script",
            )
        with gr.Tabs():
            with gr.Tab("问答", id="ask"), gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    document = gr.Dropdown(
                        choices=[(ALL_DOCUMENTS, ""),
                                 *((d.title, d.name) for d in engine.index.documents)],
                        value="",
                        label="在哪份报告中查找",
                        elem_id="ra-document",
                        visible=len(engine.index.documents) > 1,
                    )  # fmt: skip
                    chat = gr.Chatbot(
                        label="对话",
                        show_label=False,
                        elem_id="ra-chat",
                        height=560,
                        latex_delimiters=[],
                        feedback_options=None,
                        buttons=[],  # its copy button would copy the answer's HTML source
                        placeholder="问一个关于报告的问题：简体、繁體或英文都可以。"
                        "答案会标出关键词和引用的段落 ¶n；可以接着追问，例如“涉案金额呢？”",
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            show_label=False,
                            placeholder="输入问题，按回车发送",
                            elem_id="ra-question",
                            scale=5,
                            autofocus=True,
                            lines=1,
                            max_lines=4,
                        )
                        send = gr.Button("提问", variant="primary", scale=1, min_width=80)
                        clear = gr.Button("清空对话", scale=1, min_width=80, elem_id="ra-clear")
                    with gr.Row(elem_id="ra-mark", equal_height=True):
                        gr.HTML('<div class="ra-mark-label">标记这个回答：</div>')
                        mark_right = gr.Button(
                            "对", size="sm", min_width=60, elem_id="ra-mark-right"
                        )
                        mark_wrong = gr.Button(
                            "错", size="sm", min_width=60, elem_id="ra-mark-wrong"
                        )
                    with gr.Row(visible=False, elem_id="ra-mark-fix", equal_height=True) as fix_row:
                        fix_paragraph = gr.Textbox(
                            show_label=False, placeholder="正确的段落编号，例如 ¶26",
                            elem_id="ra-mark-paragraph", scale=3, lines=1, max_lines=1,
                        )  # fmt: skip
                        fix_save = gr.Button("保存", size="sm", scale=1, elem_id="ra-mark-save")
                        fix_none = gr.Button(
                            "报告没有答案", size="sm", scale=1, elem_id="ra-mark-none"
                        )
                    mark_status = gr.Markdown(elem_id="ra-mark-status")
                    sample = gr.Dataset(
                        label="示例问题（点击即问）",
                        components=[question],
                        samples=[[q] for q in examples(questions_file, paragraphs().values())],
                    )
                with gr.Column(scale=2):
                    gr.HTML('<div class="ra-sources-title">来源段落</div>')
                    sources = gr.HTML(sources_html(None, paragraphs()), elem_id="ra-sources")
            with gr.Tab("报告全文", id="report"):
                report = gr.HTML(report_html(engine.titles, paragraphs()), elem_id="ra-report")
            with gr.Tab("报告文件", id="documents"):
                gr.Markdown(
                    f"添加或删除报告（{'、'.join(SUFFIXES)}）：文件只写入报告文件夹，"
                    "然后在后台重建索引；重建期间照常用原来的索引回答。"
                )
                with gr.Row():
                    report_upload = gr.File(
                        label="上传报告", file_types=list(SUFFIXES), type="filepath",
                        scale=3, elem_id="ra-doc-upload",
                    )  # fmt: skip
                    with gr.Column(scale=1, min_width=200):
                        add_button = gr.Button("添加报告", variant="primary", elem_id="ra-doc-add")
                        remove_choice = gr.Radio(  # not a Dropdown: that is the document picker
                            choices=source_names(), value=None, label="删除哪份报告",
                            elem_id="ra-doc-choice",
                        )  # fmt: skip
                        remove_button = gr.Button(
                            "删除报告", variant="stop", elem_id="ra-doc-remove"
                        )
                documents_status = gr.Markdown(elem_id="ra-doc-status")
            with gr.Tab("评测", id="evaluate"):
                gr.Markdown(FORMAT_HELP, elem_id="ra-eval-help")
                with gr.Row():
                    upload = gr.File(
                        label="上传问题文件（.jsonl）", file_types=[".jsonl", ".json", ".txt"],
                        type="filepath", scale=3, elem_id="ra-eval-upload",
                    )  # fmt: skip
                    with gr.Column(scale=1, min_width=200):
                        run = gr.Button("运行评测", variant="primary", elem_id="ra-eval-run")
                        run_marks = gr.Button("评测我标记的问题", elem_id="ra-eval-marks")
                        gr.DownloadButton(
                            "下载问题文件模板", value=str(template), elem_id="ra-eval-template"
                        )
                status = gr.Markdown(elem_id="ra-eval-status")
                with gr.Row():
                    download_json = gr.DownloadButton(
                        "下载结果 JSON", visible=False, elem_id="ra-eval-json"
                    )
                    download_csv = gr.DownloadButton(
                        "下载结果 CSV", visible=False, elem_id="ra-eval-csv"
                    )
                with gr.Row():
                    metrics = gr.Dataframe(
                        headers=["指标", "数值"], label="指标", interactive=False, scale=1
                    )
                    ranks = gr.BarPlot(
                        x="名次", y="题数", title="标准段落的检索名次（可回答的问题）",
                        sort=RANK_ORDER, scale=1, height=320,
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
        mark_right.click(on_mark_right, [history, marked], **mark_io)
        mark_wrong.click(on_mark_wrong, [history, marked], [mark_status, fix_row], **display)
        fix_save.click(on_mark_paragraph, [history, marked, fix_paragraph], **mark_io)
        fix_paragraph.submit(on_mark_paragraph, [history, marked, fix_paragraph], **mark_io)
        fix_none.click(on_mark_none, [history, marked], **mark_io)
        clear.click(on_clear, None, [chat, history, sources, question], **display)
        chat.clear(on_clear, None, [chat, history, sources, question], **display)  # its bin icon
        script.change(on_script, [script, history], [chat, sources, report], **display)
        evaluated = [status, metrics, ranks, failures, download_json, download_csv]
        evaluation: dict[str, Any] = {
            "concurrency_id": "evaluate", "concurrency_limit": 1, **private
        }  # fmt: skip
        run.click(on_evaluate, [upload, script], evaluated, **evaluation)
        run_marks.click(on_evaluate_marks, [script], evaluated, **evaluation)
        changed = [documents_status, banner, document, report, sample, remove_choice]
        documents: dict[str, Any] = {
            "concurrency_id": "documents", "concurrency_limit": 1, **private
        }  # fmt: skip
        add_button.click(on_add_report, [report_upload, script], changed, **documents)
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
            prevent_thread_lock=True, theme=theme(), css=CSS, js=JS, footer_links=["api"],
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
