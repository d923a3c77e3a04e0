"""The web UI without a browser: the app builds, the /ask API answers over HTTP, handlers
turn mistakes into messages, and `python ui.py` fails in one line."""

from __future__ import annotations

import csv
import json
import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from gradio_client import Client

import ui
from assistant.errors import AssistantError
from assistant.evaluation.questions import Question, load_questions
from assistant.report.documents import Paragraph
from assistant.ui.chat import examples
from assistant.ui.evaluation_tab import MISSED, evaluate, template_lines

ADVICE = "2022年村(社区)法律顾问提供了多少宗免费法律咨询？"
# Gradio's queue calls pandas options that pandas 3 deprecates; not ours to fix.
pytestmark = [
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def handler(demo: gr.Blocks, name: str) -> Callable[..., Any]:
    """The Python function behind one of the app's events."""
    return next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == name)


@pytest.fixture(scope="module")
def demo(engine) -> gr.Blocks:  # type: ignore[no-untyped-def]
    return ui.build_demo(engine)


@pytest.fixture(scope="module")
def served(engine) -> Iterator[str]:  # type: ignore[no-untyped-def]
    app = ui.build_demo(engine)
    url = ui.launch(app, host="127.0.0.1", port=free_port(), block=False)
    yield url
    app.close()


@pytest.mark.slow
def test_build_demo_builds_without_launching(demo: gr.Blocks) -> None:
    assert isinstance(demo, gr.Blocks)
    assert not demo.is_running
    public = {f.api_name for f in demo.fns.values() if f.api_visibility == "public"}
    assert public == {"ask"}  # the UI's own events are not part of the API


@pytest.mark.slow
def test_the_ask_api_answers_with_a_citation(served: str) -> None:
    client = Client(served, verbose=False)
    payload = client.predict(ADVICE, api_name="/ask")
    assert "205宗" in payload["answer"]
    assert 26 in [c["paragraph"] for c in payload["citations"]]
    assert payload["passages"][0]["paragraph"] == 26
    assert {"question", "abstained", "confidence", "highlights"} <= set(payload)


@pytest.mark.slow
def test_the_ask_api_reads_a_followup_with_the_history(served: str) -> None:
    client = Client(served, verbose=False)
    payload = client.predict(
        "那法治讲座呢？", [ADVICE], "dayong-2022-rule-of-law-report.txt", api_name="/ask"
    )
    assert payload["read_as"].startswith(ADVICE.rstrip("？"))
    assert "44场" in payload["highlights"]
    assert 26 in [c["paragraph"] for c in payload["citations"]]
    alone = client.predict("那法治讲座呢？", api_name="/ask")  # no history: read alone
    assert alone["read_as"] == "那法治讲座呢？"


@pytest.mark.slow
def test_the_ask_api_refuses_an_unknown_document(served: str) -> None:
    client = Client(served, verbose=False)
    with pytest.raises(Exception, match="No document named"):
        client.predict(ADVICE, None, "nope.txt", api_name="/ask")


@pytest.mark.slow
def test_the_ask_api_reports_an_empty_question_as_a_message(served: str) -> None:
    client = Client(served, verbose=False)
    with pytest.raises(Exception, match="question is empty"):
        client.predict("   ", api_name="/ask")


@pytest.mark.slow
def test_a_busy_port_is_an_assistant_error(demo: gr.Blocks) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(AssistantError, match="another --port"):
            ui.launch(demo, host="127.0.0.1", port=port, block=False)


@pytest.mark.slow
def test_chat_handler_answers_follows_up_and_keeps_turns(demo: gr.Blocks) -> None:
    on_ask = handler(demo, "on_ask")
    chat, history, sources, box = on_ask("2022年镇村调委会受理了多少宗纠纷？", (), "简体")
    chat, history, sources, box = on_ask("涉案金额呢？", history, "简体")
    assert box == "" and len(history) == 2 and len(chat) == 4
    assert "341.53万元" in chat[-1]["content"] and "结合上一问" in chat[-1]["content"]
    assert "¶43" in sources
    same, kept, _, _ = on_ask("  ", history, "简体")  # an empty question changes nothing
    assert kept == history and same == chat


@pytest.mark.slow
def test_script_toggle_rerenders_chat_sources_and_report(demo: gr.Blocks) -> None:
    _, history, _, _ = handler(demo, "on_ask")(ADVICE, (), "简体")
    chat, sources, report, banner, picker, examples, *words = handler(demo, "on_script")(
        "繁體", history
    )
    chat = chat["value"]
    assert "諮詢" in chat[-1]["content"] and "諮詢" in sources and "法治政府建設" in report
    assert chat[0]["content"] == ui.escape(ADVICE)  # the user's words stay as typed
    assert "報告問答助手" in banner and picker["label"] == "在哪份報告中查找"
    assert any("法律顧問" in q for (q,) in examples.raw_samples)
    labels = [next(iter(update.values())) for update in words[3:] if isinstance(update, dict)]
    assert {"報告全文", "提問", "標記這個回答：", "運行評測", "顯示字形"} <= {
        re.sub("<[^>]+>", "", label) for label in labels if isinstance(label, str)
    }


@pytest.mark.slow
def test_a_bad_question_file_shows_the_message_not_a_traceback(
    demo: gr.Blocks, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "q1", "question": 3, "paragraphs": []}\n', encoding="utf-8")
    status, *rest = handler(demo, "on_evaluate")(str(bad), "简体")
    assert status.startswith("⚠️ 问题文件有误：bad.jsonl, line 1")
    assert "&#x27;question&#x27; must be a str" in status  # escaped: Markdown shows the quotes
    assert "\n" not in status and str(tmp_path) not in status  # one line, no temp folder
    assert rest == [gr.skip()] * 6  # the earlier results stay as they were


@pytest.mark.slow
def test_an_uploaded_question_file_is_evaluated(demo: gr.Blocks, tmp_path: Path) -> None:
    good = tmp_path / "mine.jsonl"
    good.write_text(
        '{"id": "a", "question": "镇法律顾问审查了多少份民事合同？", "paragraphs": [32], '
        '"answer": "299份"}\n'
        '{"id": "b", "question": "大涌镇有多少家外资企业？", "paragraphs": []}\n',
        encoding="utf-8",
    )
    shown = handler(demo, "on_evaluate")(str(good), "简体")
    status, metrics, plot, failures, as_json, as_csv, _ = shown
    rows, ranks = metrics["value"], plot["value"]
    assert "mine.jsonl" in status and "2 题" in status
    assert rows[0] == ["问题数（可回答 / 不可回答）", "2 (1 / 1)"]
    labels = [label for label, _ in rows]
    assert "高亮命中率（高亮短语含标准答案）" in labels and any("高亮 F1" in x for x in labels)
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in labels)  # every one in Chinese
    assert list(ranks["名次"]) == [*map(str, range(1, 11)), MISSED]
    assert int(ranks["题数"].sum()) == 1
    assert "<table" in failures or "全部问题通过" in failures
    assert not re.search(r"gold|rank|abstained|answer lacks", failures)  # reasons in Chinese
    results = json.loads(Path(as_json["value"]).read_text(encoding="utf-8"))["results"]
    assert [r["id"] for r in results] == ["a", "b"]
    assert set(results[0]) == {
        "id", "question", "gold_paragraphs", "top_paragraph",
        "answer", "abstained", "confidence", "hit",
    }  # fmt: skip
    assert results[0]["gold_paragraphs"] == [32] and results[0]["hit"] == (
        results[0]["top_paragraph"] == 32
    )
    table = list(csv.DictReader(Path(as_csv["value"]).read_text("utf-8-sig").splitlines()))
    assert [r["id"] for r in table] == ["a", "b"] and table[0]["gold_paragraphs"] == "32"
    assert table[1]["gold_paragraphs"] == "" and table[1]["hit"] == str(results[1]["hit"])


@pytest.mark.slow
def test_evaluate_counts_where_the_gold_paragraph_ranked(engine) -> None:  # type: ignore[no-untyped-def]
    questions = [
        Question("a", ADVICE, (26,), "205宗"),
        Question("b", "镇法律顾问审查了多少份民事合同？", (32,), "299份"),
    ]
    view = evaluate(engine, questions)
    assert dict(view.ranks)["1"] == 2 and sum(n for _, n in view.ranks) == 2
    assert dict(view.metrics)["recall@1 首位命中率"] == "1.000"


def test_examples_include_one_traditional_or_english_question(tmp_path: Path) -> None:
    path = tmp_path / "questions.jsonl"
    path.write_text(
        '{"id": "a", "question": "镇法律顾问审查了多少份民事合同？", "paragraphs": [32]}\n'
        '{"id": "b", "question": "鎮黨委書記是誰？", "paragraphs": [4]}\n'
        '{"id": "c", "question": "How many contracts were reviewed?", "paragraphs": [32]}\n',
        encoding="utf-8",
    )
    assert examples(path) == ["镇法律顾问审查了多少份民事合同？", "鎮黨委書記是誰？"]


def test_examples_come_from_the_question_file(tmp_path: Path) -> None:
    path = tmp_path / "questions.jsonl"
    path.write_text(
        "".join(
            f'{{"id": "q{i}", "question": "问题{i}", "paragraphs": [{i + 1}]}}\n' for i in range(12)
        )
        + '{"id": "n", "question": "无答案", "paragraphs": []}\n',
        encoding="utf-8",
    )
    assert examples(path, limit=4) == ["问题0", "问题4", "问题8", "无答案"]  # spread out


def test_without_a_question_file_examples_come_from_the_report_itself(tmp_path: Path) -> None:
    doc = "notes.txt"
    lines = [
        "一、总体情况",
        "（一）依法全面履行政府职能",
        "2022年，我镇11个村（社区）法律顾问提供免费法律咨询205宗，举办法治讲座44场。",
        "二、存在的不足",
    ]
    paragraphs = [Paragraph(doc, n, text, text) for n, text in enumerate(lines, start=1)]
    made = examples(tmp_path / "missing.jsonl", paragraphs)
    assert made == [
        "2022年我镇11个村（社区）法律顾问提供免费法律咨询多少宗？",
        "依法全面履行政府职能方面做了哪些工作？",
        "报告第1部分讲的是什么？",
        "报告第2部分讲的是什么？",
    ]
    assert examples(tmp_path / "missing.jsonl") == []  # nothing to make them from


@pytest.mark.parametrize(
    ("text", "expected"),
    [(None, None), ("", None), ("reader:s:ecret", ("reader", "s:ecret"))],
)
def test_parse_auth(text: str | None, expected: tuple[str, str] | None) -> None:
    assert ui.parse_auth(text) == expected


@pytest.mark.parametrize("text", ["reader", ":secret", "reader:"])
def test_a_malformed_auth_is_refused(text: str) -> None:
    with pytest.raises(AssistantError, match="user:password"):
        ui.parse_auth(text)


def test_every_option_has_help_text() -> None:
    actions = [a for a in ui.parser()._actions if a.dest != "help"]
    assert {a.dest for a in actions} == {
        "host", "port", "source", "index", "model", "auth", "marks",
    }  # fmt: skip
    assert all(a.help for a in actions)
    assert ui.parser().parse_args([]).host == "127.0.0.1"


def test_main_turns_a_bad_auth_into_one_line(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ASSISTANT_AUTH", "no-colon")
    assert ui.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_main_turns_a_missing_source_folder_into_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = ui.main(["--source", str(tmp_path / "nope"), "--index", str(tmp_path / "index")])
    assert code == 2
    err = capsys.readouterr().err
    assert "No source folder" in err and "Traceback" not in err


def test_main_refuses_the_fixed_question_set_as_the_marks_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "source"
    source.mkdir()
    code = ui.main(["--source", str(source), "--marks", str(source / "questions.jsonl")])
    assert code == 2
    err = capsys.readouterr().err
    assert "fixed question set" in err and err.count("\n") == 1


def test_the_template_fits_the_report_and_loads(tmp_path: Path) -> None:
    lines = [
        "一、总体情况",
        "（一）依法全面履行政府职能",
        "2022年，我镇11个村（社区）法律顾问提供免费法律咨询205宗，举办法治讲座44场。",
    ]
    paragraphs = [Paragraph("notes.txt", n, t, t) for n, t in enumerate(lines, start=1)]
    path = tmp_path / "template.jsonl"
    path.write_text(template_lines(paragraphs), encoding="utf-8")
    questions = load_questions(path)
    assert [(q.paragraphs, q.answer) for q in questions] == [((3,), "205宗"), ((3,), ""), ((), "")]
    assert questions[0].question.endswith("法律顾问提供免费法律咨询多少宗？")
    assert all(q.document is None for q in questions)  # one document: no `document` field
    two = [*paragraphs, Paragraph("other.txt", 1, "二、其他", "二、其他")]
    path.write_text(template_lines(two), encoding="utf-8")
    assert [q.document for q in load_questions(path)] == ["notes.txt", "notes.txt", None]


@pytest.mark.slow
def test_marking_answers_appends_question_lines(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    marks = tmp_path / "marks.jsonl"
    app = ui.build_demo(engine, marks=marks)
    status, history, _, _ = handler(app, "on_ask")(ADVICE, (), "简体")
    no_history = handler(app, "on_mark_right")((), None)
    assert "还没有" in no_history[0] and not marks.exists()
    status, marked, _ = handler(app, "on_mark_right")(history, None)
    assert "m001" in status and marked == history[-1]
    again, _, _ = handler(app, "on_mark_right")(history, marked)  # once per answer
    assert "已经标记过" in again
    _, history, _, _ = handler(app, "on_ask")("涉案金额呢？", history, "简体")
    bad, kept, _ = handler(app, "on_mark_paragraph")(history, marked, "第九百段")
    assert bad.startswith("⚠️") and kept == marked
    missing, _, _ = handler(app, "on_mark_paragraph")(history, marked, "¶999")
    assert "没有 ¶999" in missing
    status, marked, _ = handler(app, "on_mark_paragraph")(history, marked, "¶43")
    assert "m002" in status
    _, history, _, _ = handler(app, "on_ask")("大涌镇有多少家外资企业？", history, "简体")
    status, marked, _ = handler(app, "on_mark_none")(history, marked)
    assert "m003" in status and "报告没有答案" in status
    rows = [json.loads(line) for line in marks.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == {"id": "m001", "question": ADVICE, "paragraphs": [26], "answer": "205宗"}
    assert rows[1]["question"] != "涉案金额呢？" and "涉案金额" in rows[1]["question"]  # resolved
    assert rows[1]["paragraphs"] == [43] and rows[2]["paragraphs"] == []
    result = handler(app, "on_evaluate_marks")("简体")
    assert "marks.jsonl" in result[0] and "3 题" in result[0]
