"""Bad input of every kind: each gives a one-line message that says what to do, or a
graceful answer; never a traceback, never a damaged index, and the sources are never touched.

Questions, question files, source files and index folders are tried through the CLI
(`assistant.cli.main`) and the engine/`/ask` API. Everything that writes uses a tiny report in
tmp_path; the tests that need the model reuse the session `embedder` (patched into the CLI so
no command loads a second copy). docs/reliability.md lists every case and its outcome.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from assistant.cli import main
from assistant.config import Settings
from assistant.engine import Engine
from assistant.errors import AssistantError
from assistant.index.folder import current_build, load_build
from assistant.index.store import open_index
from assistant.model.embedder import Embedder
from assistant.report.documents import MAX_TEXT_BYTES
from assistant.ui.chat import ask, messages
from assistant.ui.markup import report_html, sources_html

# A report small enough to embed in about a second; ¶n is the line number.
TINY = (
    "大涌镇2022年度法治政府建设情况报告\n"  # ¶1
    "一、基本情况\n"  # ¶2
    "2022年，我镇调委会共受理民间各类纠纷61宗，成功调处61宗，涉案金额约300万元。\n"  # ¶3
    "二、法律顾问\n"  # ¶4
    "镇法律顾问审查了299份民事合同，提供免费法律咨询205宗。\n"  # ¶5
    "三、存在的不足\n"  # ¶6
    "基层法治力量薄弱，执法人员缺乏系统的法律培训。\n"  # ¶7
    "宣传栏误贴了<script>alert('x')</script>和<img src=x onerror=alert(1)>字样。\n"  # ¶8
)
CONTRACTS = "镇法律顾问审查了多少份民事合同？"  # answered by ¶5
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def snapshot(folder: Path) -> dict[str, str]:
    """File name -> sha256 of its bytes: to prove the sources were never modified."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def tiny_source(folder: Path, name: str = "tiny.txt", data: bytes | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(TINY.encode("utf-8") if data is None else data)
    return folder


def one_line_error(capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    """The CLI's stderr: one `assistant: …` line holding every needle, no traceback."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("assistant: ") and err.count("\n") == 1, err
    for needle in needles:
        assert needle in err, err
    return err


def cli(*args: str | Path) -> int:
    return main([str(a) for a in args])


def dirs(tmp: Path) -> tuple[str, str, str, str]:
    return "--source", str(tmp / "source"), "--index", str(tmp / "index")


class MemoEmbedder:
    """The session's real model, remembering passages it embedded: these tests rebuild the
    same tiny report many times, and only the first build needs to run the model."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dimension = inner.dimension
        self.memo: dict[str, NDArray[np.float32]] = {}

    def encode_passages(
        self, texts: list[str], *, progress: bool = False, batch_size: int = 32
    ) -> NDArray[np.float32]:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            self.memo.update(zip(todo, self.inner.encode_passages(todo), strict=True))
        return np.stack([self.memo[t] for t in texts])

    def __getattr__(self, name: str) -> Any:  # encode_queries, prompts ...
        return getattr(self.inner, name)


@pytest.fixture(scope="module")
def memo(embedder: Embedder) -> MemoEmbedder:
    return MemoEmbedder(embedder)


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch, memo: MemoEmbedder) -> MemoEmbedder:
    """The CLI and Engine.open use the session's model instead of loading another copy."""
    monkeypatch.setattr("assistant.model.embedder.load_embedder", lambda *a, **k: memo)
    monkeypatch.setattr("assistant.engine.load_embedder", lambda *a, **k: memo)
    return memo


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Engine]:
    root = tmp_path_factory.mktemp("tiny")
    settings = Settings(tiny_source(root / "source"), root / "index", progress=False)
    before = snapshot(settings.source_dir)
    yield Engine(settings, embedder, open_index(settings, embedder))
    assert snapshot(settings.source_dir) == before


# ---------------------------------------------------------------- questions (no model needed)


@pytest.mark.parametrize(
    "question",
    ["", "   ", "\n\t", "\u3000\u00a0", "\x00", "\x00\x01\x1b\x7f\x9b", "\ufeff\u200b\u202e"],
    ids=["empty", "spaces", "newline-tab", "fullwidth-space", "nul", "control", "invisible"],
)
def test_an_empty_question_is_refused_before_the_model_loads(
    question: str, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    assert cli("ask", question, "--source", "/nonexistent") == 2
    one_line_error(capsys, "question is empty", "type a question")
    assert time.perf_counter() - started < 2  # refused before the model or the index


@pytest.mark.parametrize("question", ["？？！！。。...", "😀😀🎉", "🇨🇳👍❤️", "―――※※※", "<>/\\=\"'"])
def test_a_question_without_words_is_refused(
    question: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("ask", question, "--source", "/nonexistent") == 2
    one_line_error(capsys, "no words", "type a question")


# ---------------------------------------------------------------- question files (no model)


QUESTION_FILES = {
    "bad-json": ('{"id": "a", "question": "q", "paragraphs": [3]}\n{oops\n', 2, "not valid JSON"),
    "not-an-object": ('[1, 2]\n', 1, "must be a JSON object"),
    "missing-id": ('{"question": "q", "paragraphs": [3]}\n', 1, "missing field 'id'"),
    "missing-question": ('{"id": "a", "paragraphs": [3]}\n', 1, "missing field 'question'"),
    "missing-paragraphs": ('{"id": "a", "question": "q"}\n', 1, "missing field 'paragraphs'"),
    "id-not-string": ('{"id": 7, "question": "q", "paragraphs": [3]}\n', 1, "'id' must be"),
    "paragraphs-a-string": (
        '{"id": "a", "question": "q", "paragraphs": "3"}\n', 1, "'paragraphs' must be"
    ),
    "paragraph-zero": ('{"id": "a", "question": "q", "paragraphs": [0]}\n', 1, "positive"),
    "paragraph-bool": ('{"id": "a", "question": "q", "paragraphs": [true]}\n', 1, "positive"),
    "answer-a-number": (
        '{"id": "a", "question": "q", "paragraphs": [3], "answer": 61}\n', 1, "'answer' must be"
    ),
    "empty-question": ('{"id": "a", "question": "  ", "paragraphs": []}\n', 1, "question is empty"),
    "duplicate-id": (
        '{"id": "a", "question": "q", "paragraphs": [3]}\n\n'
        '{"id": "a", "question": "r", "paragraphs": [5]}\n',
        3,
        "already used on line 1",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", QUESTION_FILES, ids=list(QUESTION_FILES))
def test_a_malformed_question_file_names_its_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, line, message = QUESTION_FILES[case]
    questions = tmp_path / "q.jsonl"
    questions.write_text(text, encoding="utf-8")
    assert cli("eval", "--questions", questions, *dirs(tmp_path)) == 2
    one_line_error(capsys, f"line {line}", message)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "has no questions"), (b"\n \n", "has no questions"), (b"\xff\xfe\x00\xd8", "not UTF-8")],
    ids=["empty", "blank-lines", "not-utf8"],
)
def test_an_empty_or_binary_question_file_says_what_to_do(
    data: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_bytes(data)
    assert cli("eval", "--questions", questions, *dirs(tmp_path)) == 2
    one_line_error(capsys, message)


def test_a_missing_question_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("eval", "--questions", tmp_path / "nope.jsonl", *dirs(tmp_path)) == 2
    one_line_error(capsys, "Cannot read the question file")


# ---------------------------------------------------------------- source folders (no model)


def test_a_missing_or_empty_source_folder_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("index", "-q", *dirs(tmp_path)) == 2
    one_line_error(capsys, "No source folder", "--source DIR")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "notes.docx.bak").write_text("not a report", encoding="utf-8")
    assert cli("index", "-q", *dirs(tmp_path)) == 2
    one_line_error(capsys, "has no reports", "copy a report")
    assert not (tmp_path / "index").exists()


def test_a_huge_source_file_is_refused_at_once_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """50 MB of report-like text would take hours to embed on a CPU: a clear refusal, in well
    under a second, before the model loads and without reading the file into memory."""
    import tracemalloc

    source = tiny_source(tmp_path / "source")
    line = "2022年，我镇调委会共受理民间各类纠纷61宗，成功调处61宗。\n".encode()
    with (source / "huge.txt").open("wb") as out:
        for _ in range(50):
            out.write(line * (1_000_000 // len(line)))
    assert (source / "huge.txt").stat().st_size > 49_000_000 > MAX_TEXT_BYTES
    before = snapshot(source)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        assert cli("index", "-q", *dirs(tmp_path)) == 2
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 5_000_000  # the 50 MB were never read
    one_line_error(capsys, "huge.txt is 50.0 MB", "over 4 MB are refused", "split it")
    assert snapshot(source) == before
    assert not (tmp_path / "index").exists()


# ---------------------------------------------------------------- source files (model)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("gbk.txt", TINY.encode("gbk")),
        ("utf16-bom.txt", TINY.encode("utf-16")),
        ("utf16le-no-bom.txt", TINY.encode("utf-16-le")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + TINY.encode("utf-8")),
        ("crlf.txt", TINY.replace("\n", "\r\n").encode("utf-8")),
        ("cr-only.md", TINY.replace("\n", "\r").encode("utf-8")),
    ],
    ids=["gbk", "utf-16", "utf-16le-no-bom", "utf-8-bom", "crlf", "old-mac-cr"],
)
def test_other_encodings_and_line_ends_cite_the_same_paragraph(
    name: str, data: bytes, tmp_path: Path, model: MemoEmbedder, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tiny_source(tmp_path / "source", name, data)
    assert cli("ask", CONTRACTS, "--json", "-q", *dirs(tmp_path)) == 0
    payload = json.loads(capsys.readouterr().out)
    assert "299份" in payload["answer"]
    assert payload["citations"][0]["paragraph"] == 5
    assert (source / name).read_bytes() == data  # repaired in memory, never on disk


@pytest.mark.slow
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "are empty"),
        (" \r\n\t\n\u3000\n".encode(), "are empty"),
        (b"\x00" * 4096, "are empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not text in any encoding"),
        (Path("/bin/ls").read_bytes()[:65536], "not text in any encoding"),
        (b"PK\x03\x04" + bytes(range(256)) * 8, "not a readable .docx"),
        (b"%PDF-1.4\n%broken" + bytes(range(256)) * 4, "not a readable PDF"),
    ],
    ids=["empty", "whitespace", "nul-bytes", "png-bytes", "elf-binary", "fake-docx", "fake-pdf"],
)
def test_an_unreadable_source_is_a_message_and_the_live_index_stays(
    data: bytes,
    message: str,
    tmp_path: Path,
    model: MemoEmbedder,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With the index built, a bad file dropped into the source folder: `assistant index`
    says which file and what to do; the previous build stays live and loads."""
    source = tiny_source(tmp_path / "source")
    assert cli("index", "-q", *dirs(tmp_path)) == 0
    live = current_build(tmp_path / "index")
    assert live is not None
    suffix = ".docx" if message.endswith(".docx") else ".pdf" if "PDF" in message else ".txt"
    (source / f"bad{suffix}").write_bytes(data)
    if (
        message == "are empty"
    ):  # an empty file next to a real report is skipped; alone it is refused
        (source / "tiny.txt").unlink()
    before = snapshot(source)
    capsys.readouterr()
    assert cli("index", "-q", *dirs(tmp_path)) == 2
    one_line_error(capsys, message)
    assert current_build(tmp_path / "index") == live
    assert load_build(live).chunks
    assert snapshot(source) == before


# ---------------------------------------------------------------- index folders (model)


def _edit_meta(build: Path, **fields: Any) -> None:
    meta = json.loads((build / "meta.json").read_text(encoding="utf-8"))
    (build / "meta.json").write_text(json.dumps({**meta, **fields}), encoding="utf-8")


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DAMAGE = {
    "index-folder-missing": lambda b: shutil.rmtree(b.parent),
    "build-folder-deleted": lambda b: shutil.rmtree(b),
    "chunks-removed": lambda b: (b / "chunks.jsonl").unlink(),
    "tokens-removed": lambda b: (b / "tokens.npy").unlink(),
    "vectors-removed": lambda b: (b / "vectors.npy").unlink(),
    "meta-removed": lambda b: (b / "meta.json").unlink(),
    "tokens-truncated": lambda b: _truncate(b / "tokens.npy"),
    "vectors-truncated": lambda b: _truncate(b / "vectors.npy"),
    "paragraphs-truncated": lambda b: _truncate(b / "paragraphs.jsonl"),
    "chunks-one-line-short": lambda b: (b / "chunks.jsonl").write_text(
        "".join((b / "chunks.jsonl").read_text(encoding="utf-8").splitlines(True)[:-1]),
        encoding="utf-8",
    ),
    "meta-not-an-object": lambda b: (b / "meta.json").write_text("[]", encoding="utf-8"),
    "current-points-nowhere": lambda b: (b.parent / "CURRENT").write_text("build-gone"),
    "current-empty": lambda b: (b.parent / "CURRENT").write_text(""),
    "current-binary": lambda b: (b.parent / "CURRENT").write_bytes(b"\xff\xfe\x00\x01"),
    "current-escapes": lambda b: (b.parent / "CURRENT").write_text("../../etc"),
    "another-model-id": lambda b: _edit_meta(b, model_id="intfloat/another-model"),
    "older-format": lambda b: _edit_meta(b, format=0),
    "another-dimension": lambda b: _edit_meta(b, dimension=768),
}


@pytest.mark.slow
@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_or_foreign_index_is_rebuilt_and_answers(
    damage: str, tmp_path: Path, model: MemoEmbedder, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(tiny_source(tmp_path / "source"), tmp_path / "index", progress=False)
    before = snapshot(settings.source_dir)
    built = open_index(settings, model)
    DAMAGE[damage](built.path)
    assert cli("ask", CONTRACTS, "--json", "-q", *dirs(tmp_path)) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["citations"][0]["paragraph"] == 5
    live = current_build(settings.index_dir)
    assert live is not None and live != built.path  # a fresh build, not the damaged one
    rebuilt = load_build(live)
    assert rebuilt.model_id == model.model_id
    assert len(rebuilt.vectors) == len(rebuilt.chunks) == len(built.chunks)
    assert snapshot(settings.source_dir) == before


@pytest.mark.slow
def test_an_index_path_that_is_a_file_is_a_message(
    tmp_path: Path, model: MemoEmbedder, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny_source(tmp_path / "source")
    (tmp_path / "index").write_text("not a folder", encoding="utf-8")
    assert cli("index", "-q", *dirs(tmp_path)) == 2
    one_line_error(capsys, "Cannot write the index", "--index DIR")
    assert (tmp_path / "index").read_text(encoding="utf-8") == "not a folder"


# ---------------------------------------------------------------- hard questions (model)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "纠纷\x00\x01\x7f多少\u200b宗？\x1b[2J",
        "How many 纠纷 в 2022 году were 調處？",
        "ስንት የሕግ ምክክሮች ተሰጡ?",  # Amharic
        "qaStaHvIS wa' ram loS SaD Hugh SIjlaH qetbogh loD",  # Klingon-ish gibberish
        "zxqv plorf gnarbl 7 wuzzle",
        HOSTILE,
        "'; DROP TABLE chunks; --",
        "{{7*7}} ${7*7} %s %n",
        "纠纷\ud800多少",  # a lone surrogate (not encodable as UTF-8)
        "\u202e宗多少纷纠\u202c",  # right-to-left override
    ],
    ids=[
        "control-and-nul", "mixed-scripts", "amharic",
        "klingon", "gibberish", "html-js", "sql", "template", "lone-surrogate", "rtl-override",
    ],
)  # fmt: skip
def test_a_strange_question_gets_a_well_formed_response(tiny: Engine, question: str) -> None:
    started = time.perf_counter()
    response = tiny.ask(question)
    assert time.perf_counter() - started < 10
    payload = response.to_dict()
    text = json.dumps(payload, ensure_ascii=False)  # serialisable: no lone surrogates
    text.encode("utf-8")
    assert len(payload["question"]) <= 2000
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", payload["question"])
    assert payload["abstained"] or payload["citations"]
    assert all(1 <= p["paragraph"] <= 8 for p in payload["passages"])


@pytest.mark.parametrize(
    "question",
    ["法" * 100_000, "审查了" + "。" * 99_990 + "多少份合同", "问" * 2001],
    ids=["100k-chars", "100k-mostly-punctuation", "2001-chars"],
)
def test_a_question_over_the_limit_is_refused_with_its_length(
    question: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Never cut silently: the CLI says how long it is and what the limit is."""
    assert cli("ask", question) == 2
    one_line_error(capsys, f"{len(question):,} characters", "limited to 2,000")


@pytest.mark.slow
def test_html_in_the_question_or_the_report_is_shown_not_run(tiny: Engine) -> None:
    exchange = ask(tiny, HOSTILE + " 宣传栏", ())
    payload = exchange.response.to_dict()
    assert payload["question"].startswith(HOSTILE)  # the JSON carries it as data
    html = "".join(m["content"] for m in messages((exchange,), lambda s: s))
    html += sources_html(exchange.response, tiny.index.paragraphs)
    html += report_html(tiny.titles, tiny.index.paragraphs)
    assert "alert" in html  # shown ...
    assert not re.search(r"<\s*(script|img)", html, re.I)  # ... never as markup
    assert "&lt;script&gt;" in html


@pytest.mark.slow
def test_the_ask_api_turns_bad_questions_into_messages(tiny: Engine) -> None:
    import gradio as gr

    import ui

    demo = ui.build_demo(tiny)
    api_ask = next(f.fn for f in demo.fns.values() if f.api_name == "ask")
    assert api_ask is not None
    for bad, message in [("", "question is empty"), ("\x00 \t", "empty"), ("🎉？", "no words")]:
        with pytest.raises(gr.Error, match=message):
            api_ask(bad)
    payload = api_ask(HOSTILE)
    assert payload["question"] == HOSTILE and isinstance(payload["passages"], list)
    on_ask = next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == "on_ask")
    assert on_ask is not None
    chat, history, _, _ = on_ask("😀😀", (), ui.SIMPLIFIED)  # shown as a chat message
    assert history == () and "no words" in chat[-1]["content"]


# ---------------------------------------------------------------- flags and gold files (model)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("-k", "0"), "-k must be at least 1"),
        (("-k", "-3"), "-k must be at least 1"),
        (("--document", "nosuch.txt"), "choose one of: tiny.txt"),
        (("--document", "../../etc/passwd"), "No document named"),
    ],
    ids=["k-zero", "k-negative", "unknown-document", "document-traversal"],
)
def test_bad_ask_flags_are_messages(
    flags: tuple[str, ...],
    message: str,
    tmp_path: Path,
    model: MemoEmbedder,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tiny_source(tmp_path / "source")
    assert cli("ask", CONTRACTS, "-q", *flags, *dirs(tmp_path)) == 2
    one_line_error(capsys, message)


@pytest.mark.slow
def test_a_huge_k_shows_every_paragraph_once(
    tmp_path: Path, model: MemoEmbedder, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny_source(tmp_path / "source")
    assert cli("ask", CONTRACTS, "-k", "1000000", "--json", "-q", *dirs(tmp_path)) == 0
    passages = json.loads(capsys.readouterr().out)["passages"]
    live = current_build(tmp_path / "index")
    assert live is not None
    chunked = {c.paragraph for c in load_build(live).chunks}  # headings are not passages
    assert sorted(p["paragraph"] for p in passages) == sorted(chunked) == [1, 3, 5, 7, 8]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"paragraphs": [99]}, "paragraph 99 does not exist"),
        ({"paragraphs": [3], "document": "other.txt"}, "document 'other.txt' is not in the index"),
    ],
    ids=["paragraph-not-in-report", "unknown-document"],
)
def test_gold_paragraphs_that_do_not_exist_are_named_with_their_line(
    row: dict[str, Any],
    message: str,
    tmp_path: Path,
    model: MemoEmbedder,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tiny_source(tmp_path / "source")
    good = {"id": "a", "question": CONTRACTS, "paragraphs": [5]}
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(good) + "\n" + json.dumps({"id": "b", "question": "纠纷？", **row}) + "\n",
        encoding="utf-8",
    )
    assert cli("eval", "--questions", questions, "-q", *dirs(tmp_path)) == 2
    one_line_error(capsys, "line 2", message)


def test_refusing_a_question_never_raises_anything_but_assistant_error() -> None:
    from assistant.retrieval.search import clean_question

    for bad in ["", " ", "\x00", "？", "😀", "\ud800", "\u200b"]:
        with pytest.raises(AssistantError):
            clean_question(bad)
    # A zero-width space pasted inside a question is dropped, not made a space between words.
    assert clean_question(" 国内生产\u200b总值增长多少？") == "国内生产总值增长多少？"
