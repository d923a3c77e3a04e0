"""Reports added and removed from the browser: real files in tmp folders (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.report.documents import MAX_TEXT_BYTES
from assistant.ui.uploads import add_report, remove_report, report_files, safe_name

REPORT = "一、普法\n我镇举办法治讲座44场。\n".encode()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "root" / "source"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_bytes("一、总体\n我镇受理纠纷61宗。\n".encode())
    (folder / "questions.jsonl").write_text("", encoding="utf-8")
    return folder


def written(tmp_path: Path) -> set[Path]:
    return {p for p in tmp_path.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("b.txt", "b.txt"),
        ("../x.txt", "x.txt"),
        ("../../../../tmp/evil.md", "evil.md"),
        ("..\\..\\win.docx", "win.docx"),
        (".hidden.txt", "hidden.txt"),
        ("  报告 2023.PDF ", "报告 2023.PDF"),
        ("a<b>:c.html", "abc.html"),
    ],
)
def test_names_lose_their_path_and_stay_in_the_source_folder(
    source: Path, tmp_path: Path, name: str, stored: str
) -> None:
    before = written(tmp_path)
    path = add_report(source, name, REPORT)
    assert path == source.resolve() / stored and path.read_bytes() == REPORT
    assert written(tmp_path) - before == {source / stored}  # nothing else, no leftovers


@pytest.mark.parametrize(
    "name",
    ["/etc/passwd", "", "   ", ".txt", "notes.exe", "questions.jsonl", "x.py"],
)
def test_names_that_are_not_reports_are_refused(source: Path, tmp_path: Path, name: str) -> None:
    before = written(tmp_path)
    with pytest.raises(AssistantError, match="只能添加") as error:
        add_report(source, name, REPORT)
    assert "\n" not in str(error.value)
    assert written(tmp_path) == before


def test_a_taken_name_is_never_overwritten(source: Path) -> None:
    with pytest.raises(AssistantError, match=r"已有同名报告「a\.txt」"):
        add_report(source, "A.TXT", REPORT)
    assert "61宗" in (source / "a.txt").read_text(encoding="utf-8")


def test_the_same_bytes_under_another_name_are_refused(source: Path) -> None:
    with pytest.raises(AssistantError, match=r"与「a\.txt」内容完全相同"):
        add_report(source, "copy.txt", (source / "a.txt").read_bytes())
    assert [p.name for p in report_files(source)] == ["a.txt"]


def test_sizes_follow_the_readers_limits(source: Path) -> None:
    with pytest.raises(AssistantError, match="文件太大"):
        add_report(source, "big.txt", b"x" * (MAX_TEXT_BYTES + 1))
    with pytest.raises(AssistantError, match="空文件"):
        add_report(source, "empty.txt", b"  \n")
    assert [p.name for p in report_files(source)] == ["a.txt"]


def test_removing_only_touches_a_listed_report_and_keeps_the_last(source: Path) -> None:
    add_report(source, "b.txt", REPORT)
    for name in ("../a.txt", "questions.jsonl", "nope.txt", str(source / "a.txt")):
        with pytest.raises(AssistantError, match="没有"):
            remove_report(source, name)
    remove_report(source, "b.txt")
    assert [p.name for p in report_files(source)] == ["a.txt"]
    with pytest.raises(AssistantError, match="最后一份报告"):
        remove_report(source, "a.txt")
    assert (source / "a.txt").exists() and (source / "questions.jsonl").exists()


def test_safe_name_examples() -> None:
    assert safe_name("../报告 2023.docx") == "报告 2023.docx"
    with pytest.raises(AssistantError):
        safe_name("x" * 200 + ".txt")


@pytest.mark.slow
def test_adding_and_removing_a_report_refreshes_the_app(embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import ui
    from assistant.config import Settings
    from assistant.engine import Engine
    from assistant.index.store import open_index

    source = tmp_path / "source"
    source.mkdir()
    (source / "a.txt").write_bytes("一、总体\n我镇受理纠纷61宗。\n".encode())
    settings = Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)
    engine = Engine(settings, embedder, open_index(settings, embedder))
    demo = ui.build_demo(engine)
    fns = {getattr(f.fn, "__name__", ""): f.fn for f in demo.fns.values()}
    upload = tmp_path / "uploads" / "b.txt"
    upload.parent.mkdir()
    upload.write_bytes(REPORT)

    *_, final = fns["on_add_report"](str(upload), "简体")
    status, _, picker, report, _, removable = final
    assert "已添加「b.txt」" in status and "共 2 份报告" in status
    assert {d.name for d in engine.index.documents} == {"a.txt", "b.txt"}
    assert "b.txt" in [name for _, name in picker["choices"]] and picker["visible"]
    assert "44场" in report and removable["choices"] == ["a.txt", "b.txt"]
    assert "44场" in engine.ask("举办了多少场法治讲座？").answer.text

    [again] = fns["on_add_report"](str(upload), "简体")  # same name: refused, nothing redone
    assert again[0].startswith("⚠️") and "已有同名报告" in again[0] and "\n" not in again[0]

    broken = tmp_path / "uploads" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    *_, failed = fns["on_add_report"](str(broken), "简体")
    assert "已撤销" in failed[0] and not (source / "broken.pdf").exists()
    assert {d.name for d in engine.index.documents} == {"a.txt", "b.txt"}  # the index stays

    *_, final = fns["on_remove_report"]("b.txt", "简体")
    assert "已删除「b.txt」" in final[0] and "共 1 份报告" in final[0]
    assert [d.name for d in engine.index.documents] == ["a.txt"] and not final[2]["visible"]
    assert sorted(p.name for p in source.iterdir()) == ["a.txt"]  # no leftovers
