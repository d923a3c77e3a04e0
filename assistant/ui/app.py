"""The web app: the page's layout and which event runs which handler.

`build_demo(engine)` lays the page out around one engine and wires each component to its
tab's handlers (`chat_events`, `mark_events`, `document_events`, `evaluation_events`, and
`on_script` below for the 简体 / 繁體 toggle); nothing is launched there. `launch` serves it:
styled, local only, never a share link. `ui.py` at the repository root is the command.

Queue: on a 2-core machine one question keeps both cores busy (the encoder uses them all)
for ~0.1 s, so questions — from the chat and from the /ask API alike — run one at a time
(concurrency group "ask", limit 1) instead of thrashing; the queue holds a burst of up to
64 waiting requests. A long evaluation run has its own group, so it never blocks questions.
Pure display updates (script toggle, clear, example fill) need no limit.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
from gradio.events import api

from assistant.errors import AssistantError
from assistant.text.formats import SUFFIXES
from assistant.ui.chat import Exchange, messages
from assistant.ui.chat_events import ChatEvents
from assistant.ui.document_events import DocumentEvents
from assistant.ui.evaluation_events import (
    FORMAT_HELP,
    RANK_ORDER,
    RANKS_TITLE,
    UPLOAD_LABEL,
    EvaluationEvents,
    Run,
    shown,
)
from assistant.ui.evaluation_tab import template_lines
from assistant.ui.mark_events import MarkEvents
from assistant.ui.marks import marks_file
from assistant.ui.markup import report_html, sources_html
from assistant.ui.page import TITLE, Page
from assistant.ui.page_script import SIMPLIFIED, TRADITIONAL, convert_of, restyle
from assistant.ui.style import CSS, page_js, theme

if TYPE_CHECKING:
    from assistant.engine import Engine

QUEUE_SIZE = 64
CHAT_PLACEHOLDER = (
    "问一个关于报告的问题：简体、繁體或英文都可以。"
    "答案会标出关键词和引用的段落 ¶n；可以接着追问，例如“涉案金额呢？”"
)
QUESTION_PLACEHOLDER = "输入问题，按回车发送"
FIX_PLACEHOLDER = "正确的段落编号，例如 ¶26"
DOCUMENT_LABEL = "在哪份报告中查找"
EXAMPLES_LABEL = "示例问题（点击即问）"


def build_demo(engine: Engine, marks: Path | None = None) -> gr.Blocks:
    """The whole app around one engine; nothing is launched here. Marks from the chat go to
    `marks` (default <index folder>/marked-questions.jsonl)."""
    page = Page(engine, marks_file(engine.settings, marks))
    words = page.words
    template = Path(tempfile.mkdtemp(prefix="ra-template-")) / "questions-template.jsonl"
    template.write_text(template_lines(engine.index.paragraphs.values()), encoding="utf-8")
    chat, marking = ChatEvents(page), MarkEvents(page)
    documents, evaluation = DocumentEvents(page), EvaluationEvents(page)

    def on_script(
        script: str,
        history: tuple[Exchange, ...],
        document: str | None = None,
        run: Run | None = None,
        *lines: str,
    ) -> tuple[Any, ...]:
        """Everything the page shows, again in `script`: the conversation, the sources (the
        page's script keeps open cards open), the report, the banner, the picker, the
        examples, the status lines `lines`, the evaluation results and the page's words."""
        convert = convert_of(script)
        return (
            gr.update(value=messages(history, convert), placeholder=convert(CHAT_PLACEHOLDER)),
            page.last_sources(history, script),
            report_html(engine.titles, page.paragraphs(), convert=convert),
            page.banner(script),
            gr.update(choices=page.document_choices(script), value=document or "",
                      label=convert(DOCUMENT_LABEL)),
            gr.Dataset(samples=page.example_samples(script), label=convert(EXAMPLES_LABEL)),
            *(restyle(line, script) for line in lines),
            *shown(run, script)[1:],
            *words.updates(script),
        )  # fmt: skip

    demo = gr.Blocks(title=TITLE, analytics_enabled=False)
    with demo:
        history = gr.State(())
        marked = gr.State(None)  # the exchange marked last: each answer is marked once
        evaluated = gr.State(None)  # (EvaluationView, file name) of the last run, for the toggle
        with gr.Row(elem_id="ra-header"):
            banner = gr.HTML(page.banner(), scale=4)
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
                        choices=page.document_choices(), value="", label=DOCUMENT_LABEL,
                        elem_id="ra-document", visible=page.several(),
                    )  # fmt: skip
                    chatbot = gr.Chatbot(
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
                        send = words.button("提问", variant="primary", scale=1, min_width=80)
                        clear = words.button("清空对话", scale=1, min_width=80, elem_id="ra-clear")
                    with gr.Row(elem_id="ra-mark", equal_height=True):
                        mark_label = '<div class="ra-mark-label">标记这个回答：</div>'
                        words.add(gr.HTML(mark_label), value=mark_label)
                        mark_right = words.button(
                            "对", size="sm", min_width=60, elem_id="ra-mark-right"
                        )
                        mark_wrong = words.button(
                            "错", size="sm", min_width=60, elem_id="ra-mark-wrong"
                        )
                    with gr.Row(visible=False, elem_id="ra-mark-fix", equal_height=True) as fix_row:
                        fix_paragraph = words.add(
                            gr.Textbox(
                                show_label=False, placeholder=FIX_PLACEHOLDER,
                                elem_id="ra-mark-paragraph", scale=3, lines=1, max_lines=1,
                            ),
                            placeholder=FIX_PLACEHOLDER,
                        )  # fmt: skip
                        fix_save = words.button("保存", size="sm", scale=1, elem_id="ra-mark-save")
                        fix_none = words.button(
                            "报告没有答案", size="sm", scale=1, elem_id="ra-mark-none"
                        )
                    mark_status = gr.Markdown(elem_id="ra-mark-status")
                    sample = gr.Dataset(
                        label=EXAMPLES_LABEL, components=[question],
                        samples=page.example_samples(), elem_id="ra-examples",
                    )  # fmt: skip
                with gr.Column(scale=2, elem_id="ra-sources-column"):
                    sources_title = '<div class="ra-sources-title">来源段落</div>'
                    words.add(gr.HTML(sources_title), value=sources_title)
                    sources = gr.HTML(sources_html(None, page.paragraphs()), elem_id="ra-sources")
            with words.add(gr.Tab("报告全文", id="report"), label="报告全文"):
                report = gr.HTML(report_html(engine.titles, page.paragraphs()), elem_id="ra-report")
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
                        add_button = words.button(
                            "添加报告", variant="primary", elem_id="ra-doc-add"
                        )
                        remove_choice = words.add(
                            gr.Radio(  # not a Dropdown: that is the document picker
                                choices=page.source_names(), value=None, label="删除哪份报告",
                                elem_id="ra-doc-choice",
                            ),
                            label="删除哪份报告",
                        )  # fmt: skip
                        remove_button = words.button(
                            "删除报告", variant="stop", elem_id="ra-doc-remove"
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
                        run = words.button("运行评测", variant="primary", elem_id="ra-eval-run")
                        run_marks = words.button("评测我标记的问题", elem_id="ra-eval-marks")
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
            "fn": chat.on_ask,
            "inputs": [question, history, script, document],
            "outputs": [chatbot, history, sources, question],
        }
        reset_mark: dict[str, Any] = {
            "fn": marking.on_new_answer, "inputs": None,
            "outputs": [mark_status, fix_row, fix_paragraph], **display,
        }  # fmt: skip
        question.submit(**ask_io, **asked).then(**reset_mark)
        send.click(**ask_io, **asked).then(**reset_mark)
        sample.click(chat.on_example, sample, question, **display).then(**ask_io, **asked).then(
            **reset_mark
        )
        mark_io: dict[str, Any] = {"outputs": [mark_status, marked, fix_row], **display}
        mark_right.click(marking.on_mark_right, [history, marked, script], **mark_io)
        mark_wrong.click(
            marking.on_mark_wrong, [history, marked, script], [mark_status, fix_row], **display
        )
        fixed = [history, marked, fix_paragraph, script]
        fix_save.click(marking.on_mark_paragraph, fixed, **mark_io)
        fix_paragraph.submit(marking.on_mark_paragraph, fixed, **mark_io)
        fix_none.click(marking.on_mark_none, [history, marked, script], **mark_io)
        cleared = [chatbot, history, sources, question]
        clear.click(chat.on_clear, script, cleared, **display)
        chatbot.clear(chat.on_clear, script, cleared, **display)  # its bin icon
        statuses = [mark_status, documents_status, status]
        script.change(
            on_script,
            [script, history, document, evaluated, *statuses],
            [chatbot, sources, report, banner, document, sample, *statuses, metrics, ranks,
             failures, *words.components],
            **display,
        )  # fmt: skip
        evaluated_out = [status, metrics, ranks, failures, download_json, download_csv, evaluated]
        evaluation_group: dict[str, Any] = {
            "concurrency_id": "evaluate", "concurrency_limit": 1, **private
        }  # fmt: skip
        run.click(evaluation.on_evaluate, [upload, script], evaluated_out, **evaluation_group)
        run_marks.click(evaluation.on_evaluate_marks, [script], evaluated_out, **evaluation_group)
        changed = [documents_status, banner, document, report, sample, remove_choice]
        documents_group: dict[str, Any] = {
            "concurrency_id": "documents", "concurrency_limit": 1, **private
        }  # fmt: skip
        add_button.click(
            documents.on_add_report, [report_upload, script], changed, **documents_group
        ).then(documents.on_added, report_upload, report_upload, **display)
        remove_button.click(
            documents.on_remove_report, [remove_choice, script], changed, **documents_group
        )
        api(chat.api_ask, api_name="ask", concurrency_id="ask")
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
