"""The web UI in a real browser: Debian's Chromium driven by Playwright, against the real
engine served on the loopback address. No browser download: /usr/bin/chromium or skip.

Screenshots go to tests/artifacts/ (git-ignored); the ones in docs/ (screenshot.png,
evaluation.png, marking.png, documents.png, traditional.png, phone.png,
phone-evaluation.png) are written when missing, or again with
UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import ui
from assistant.config import Settings
from assistant.engine import Engine
from assistant.index.store import open_index

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS_SCREENSHOT = ROOT / "docs" / "screenshot.png"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ADVICE = "2022年村(社区)法律顾问提供了多少宗免费法律咨询？"
TIMEOUT_MS = 30_000

pytestmark = [
    # Gradio's queue calls pandas options that pandas 3 deprecates; not ours to fix.
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no /usr/bin/chromium: apt-get install -y chromium fonts-wqy-microhei",
    ),
]

if CHROMIUM.exists():
    from playwright.sync_api import BrowserContext, Page, expect, sync_playwright


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(engine: Engine, marks: Path | None = None) -> Iterator[str]:
    demo = ui.build_demo(engine, marks=marks)
    url = ui.launch(demo, host="127.0.0.1", port=free_port(), block=False)
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture(scope="module")
def marks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("marks") / "marked.jsonl"


@pytest.fixture(scope="module")
def url(engine, marks: Path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    yield from serve(engine, marks)


def docs_screenshot(page: Page, name: str, *, full_page: bool = False) -> None:
    """tests/artifacts/<name>, and docs/<name> when missing or with UPDATE_SCREENSHOT=1."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)
    if not (ROOT / "docs" / name).exists() or os.environ.get("UPDATE_SCREENSHOT") == "1":
        page.screenshot(path=str(ROOT / "docs" / name), full_page=full_page)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1400, "height": 980},
            locale="zh-CN",
        )
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext, url: str) -> Iterator[Page]:
    page = browser.new_page()
    page.goto(url)
    expect(page.locator("#ra-question textarea")).to_be_visible()
    yield page
    page.close()


def ask(page: Page, question: str) -> None:
    before = page.locator(".ra-answer").count()
    box = page.locator("#ra-question textarea")
    box.fill(question)
    box.press("Enter")
    expect(page.locator(".ra-answer")).to_have_count(before + 1)


def test_a_question_gets_a_cited_answer_and_its_context(page: Page) -> None:
    ask(page, ADVICE)
    answer = page.locator(".ra-answer").last
    expect(answer).to_contain_text("205宗")
    expect(answer.locator("mark").first).to_be_visible()  # the key phrase the engine chose
    expect(answer.locator(".ra-refs")).to_contain_text("¶26")
    card = page.locator("#ra-sources .ra-card.ra-cited").first
    expect(card).to_contain_text("¶26")
    card.locator("summary").first.click()
    expect(card.locator(".ra-ctx.ra-prev")).to_contain_text("¶25")
    expect(card.locator(".ra-ctx.ra-next")).to_contain_text("¶27")
    original = card.locator(".ra-original")
    original.locator("summary").click()
    expect(original.locator("pre")).to_contain_text("法律顧問")  # the unrepaired line
    original.locator("summary").click()  # close it again for a tidy picture
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "answer.png"))
    if not DOCS_SCREENSHOT.exists() or os.environ.get("UPDATE_SCREENSHOT") == "1":
        page.screenshot(path=str(DOCS_SCREENSHOT))


def test_a_followup_is_read_with_the_earlier_question(page: Page) -> None:
    ask(page, "2022年镇村调委会受理了多少宗纠纷？")
    ask(page, "涉案金额呢？")
    last = page.locator(".ra-answer").last
    expect(last).to_contain_text("341.53万元")
    expect(last.locator(".ra-readwith")).to_contain_text("2022年镇村调委会受理了多少宗纠纷")
    expect(page.locator(".ra-answer")).to_have_count(2)  # the earlier turn stays
    page.screenshot(path=str(ARTIFACTS / "followup.png"))


def test_a_citation_opens_its_paragraph_in_the_report_view(page: Page) -> None:
    ask(page, ADVICE)
    page.locator(".ra-answer .ra-refs a.ra-goto").first.click()
    target = page.locator("#ra-report [data-para='26']").first
    expect(target).to_be_in_viewport()
    expect(target).to_have_class(re.compile("ra-flash"))
    expect(target).to_contain_text("205宗")


def test_a_link_in_a_question_is_shown_as_typed(page: Page) -> None:
    typed = "[链接](http://example.com) www.example.com 法律顾问"
    ask(page, typed)
    user = page.locator("#ra-chat .message.user, #ra-chat [data-testid='user']").last
    expect(user).to_contain_text(typed)
    expect(page.locator("#ra-chat a[href*='example.com']")).to_have_count(0)


def test_traditional_display_and_the_report_view(page: Page) -> None:
    ask(page, ADVICE)
    page.get_by_text("繁體", exact=True).click()
    expect(page.locator(".ra-answer").last).to_contain_text("諮詢")
    page.get_by_role("tab", name="報告全文").click()  # the tab's name is converted too
    report = page.locator("#ra-report")
    expect(report.locator(".ra-toc")).to_contain_text("二、深入學習宣傳貫徹習近平法治思想")
    expect(report.locator("#ra-p-0-26")).to_contain_text("¶26")


# Text the 繁體 toggle leaves as it is: the script's own name, and what the reader typed.
AS_TYPED = {"简体", ADVICE}
SHOWN_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ["STYLE", "SCRIPT"].includes(parent.tagName)) continue;
    if (parent.closest(".ra-original pre") || !parent.checkVisibility()) continue;
    if (node.nodeValue.trim()) out.push(node.nodeValue.trim());
  }
  document.querySelectorAll("[placeholder]").forEach((e) => {
    if (e.checkVisibility()) out.push(e.getAttribute("placeholder"));
  });
  return out;
}"""


def simplified_left(page: Page) -> list[str]:
    """Visible text (and placeholders) the 繁體 toggle has not converted: text in traditional
    characters reads the same after a round trip (s2tw is not idempotent: 後 -> 后 -> 後)."""
    from assistant.text.script import to_simplified, to_traditional

    shown: list[str] = page.evaluate(SHOWN_TEXT)
    return [t for t in shown if t not in AS_TYPED and to_traditional(to_simplified(t)) != t]


def test_traditional_converts_the_whole_page_and_keeps_open_cards_open(page: Page) -> None:
    ask(page, ADVICE)
    card = page.locator("#ra-sources .ra-card.ra-cited").first
    card.locator("summary").first.click()
    card.locator(".ra-original summary").click()
    assert simplified_left(page)  # the check below can fail: simplified text is there
    page.locator("#ra-script").get_by_text("繁體", exact=True).click()
    expect(page.locator(".ra-answer").last).to_contain_text("諮詢")
    expect(page.locator("#ra-sources .ra-card").first).to_contain_text("相關度")
    card = page.locator("#ra-sources .ra-card.ra-cited").first
    expect(card).to_have_attribute("open", "")  # the card the reader opened stays open
    expect(card.locator(".ra-original")).to_have_attribute("open", "")
    expect(card.locator(".ra-ctx.ra-focus")).to_contain_text("法律諮詢")
    expect(page.locator("#ra-sources .ra-card:not(.ra-cited)").first).not_to_have_attribute(
        "open", ""
    )
    card.locator(".ra-original summary").click()  # closed again for a tidy picture
    docs_screenshot(page, "traditional.png")
    card.locator(".ra-original summary").click()
    for tab in ["問答", "報告全文", "報告文件", "評測"]:  # every tab's words, Gradio's too
        page.get_by_role("tab", name=tab).click()
        expect(page.locator("footer")).to_contain_text("通過 API 使用")
        assert simplified_left(page) == [], tab
    page.get_by_role("tab", name="問答").click()
    page.locator("#ra-script").get_by_text("简体", exact=True).click()
    expect(page.locator(".ra-answer").last).to_contain_text("咨询")
    expect(page.get_by_role("tab", name="报告全文")).to_be_visible()
    expect(page.locator("footer")).to_contain_text("通过 API 使用")
    expect(page.locator("#ra-sources .ra-card.ra-cited").first).to_have_attribute("open", "")
    ask(page, "2022年镇村调委会受理了多少宗纠纷？")  # new sources: all cards closed again
    expect(page.locator("#ra-sources details[open]")).to_have_count(0)


def test_a_question_typed_in_traditional_mode_stays_as_typed(page: Page) -> None:
    from assistant.ui.page_script import gradio_words

    typed = "下载"  # one of Gradio's own words, which the page swaps elsewhere
    assert typed in gradio_words()
    page.locator("#ra-script").get_by_text("繁體", exact=True).click()
    expect(page.get_by_role("tab", name="報告全文")).to_be_visible()
    ask(page, typed)
    user = page.locator("#ra-chat .message.user, #ra-chat [data-testid='user']").last
    expect(user).to_have_text(typed)


def test_clear_and_examples(page: Page) -> None:
    page.locator(".gallery-item, [data-testid='dataset'] button").first.click()
    expect(page.locator(".ra-answer")).to_have_count(1)
    page.locator("#ra-clear").click()
    expect(page.locator(".ra-answer")).to_have_count(0)
    expect(page.locator("#ra-sources .ra-empty")).to_be_visible()


def test_the_chat_bin_icon_also_forgets_the_conversation(page: Page) -> None:
    ask(page, "2022年镇村调委会受理了多少宗纠纷？")
    page.locator("#ra-chat").get_by_role("button", name="清空对话").click()
    expect(page.locator("#ra-sources .ra-empty")).to_be_visible()
    ask(page, "涉案金额呢？")  # nothing to lean on any more: read alone
    expect(page.locator(".ra-readwith")).to_have_count(0)


def test_each_page_has_its_own_conversation(browser: BrowserContext, page: Page, url: str) -> None:
    ask(page, ADVICE)
    other = browser.new_page()
    other.goto(url)
    expect(other.locator("#ra-question textarea")).to_be_visible()
    expect(other.locator(".ra-answer")).to_have_count(0)
    other.close()


def test_markup_in_the_report_stays_text_in_the_browser(
    browser: BrowserContext, embedder, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "source"
    source.mkdir()
    (source / "hostile.txt").write_text(
        "现将测试镇2022年度普法工作情况报告如下：\n一、普法工作\n"
        "2022年，测试镇共举办<script>window.pwned=1</script>普法讲座12场。\n"
        "测试镇宣传栏展示<img src=x onerror=window.pwned=2>图片。\n",
        encoding="utf-8",
    )
    settings = Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)
    hostile = Engine(settings, embedder, open_index(settings, embedder))
    dialogs: list[str] = []
    for hostile_url in serve(hostile):
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(hostile_url)
        ask(page, "测试镇举办了多少场普法讲座？<img src=x onerror=window.pwned=3>")
        expect(page.locator(".ra-answer").last).to_contain_text("<script>window.pwned=1</script>")
        expect(page.locator("#ra-chat")).to_contain_text("<img src=x onerror=window.pwned=3>")
        page.get_by_role("tab", name="报告全文").click()
        expect(page.locator("#ra-report")).to_contain_text("<img src=x onerror=window.pwned=2>")
        assert page.evaluate("window.pwned") is None
        assert page.locator("#ra-report img, #ra-chat img[src='x'], #ra-sources img").count() == 0
        page.close()
    assert dialogs == []


def test_evaluating_an_uploaded_file_and_downloading_the_results(
    page: Page, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(
        '{"id": "a", "question": "镇法律顾问审查了多少份民事合同？", "paragraphs": [32], '
        '"answer": "299份"}\n'
        '{"id": "b", "question": "大涌镇有多少家外资企业？", "paragraphs": []}\n',
        encoding="utf-8",
    )
    page.get_by_role("tab", name="评测").click()
    expect(page.locator("#ra-eval-help")).to_contain_text("报告没有回答这个问题")
    with page.expect_download() as template:
        page.locator("#ra-eval-template").click()
    lines = Path(template.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(set(json.loads(x)) >= {"id", "question"} for x in lines)
    page.locator("#ra-eval-upload input[type=file]").set_input_files(str(mine))
    expect(page.locator("#ra-eval-upload")).to_contain_text(file_name("mine.jsonl"))
    page.locator("#ra-eval-run").click()
    expect(page.locator("#ra-eval-status")).to_contain_text("已评测 mine.jsonl：2 题")
    expect(page.get_by_text("高亮命中率（高亮短语含标准答案）")).to_be_visible()
    with page.expect_download() as results:
        page.locator("#ra-eval-json").click()
    rows = json.loads(Path(results.value.path()).read_text(encoding="utf-8"))["results"]
    assert [(r["id"], r["gold_paragraphs"]) for r in rows] == [("a", [32]), ("b", [])]
    assert results.value.suggested_filename == "mine-results.json"
    docs_screenshot(page, "evaluation.png")


def test_marking_answers_right_and_wrong_writes_the_marks_file(page: Page, marks: Path) -> None:
    ask(page, ADVICE)
    page.locator("#ra-mark-right").click()
    expect(page.locator("#ra-mark-status")).to_contain_text("（对，¶26）")
    ask(page, "涉案金额呢？")
    expect(page.locator("#ra-mark-status")).to_have_text("")  # a new answer, a fresh mark
    page.locator("#ra-mark-wrong").click()
    box = page.locator("#ra-mark-paragraph textarea, #ra-mark-paragraph input").first
    box.fill("¶43")
    docs_screenshot(page, "marking.png")
    page.locator("#ra-mark-save").click()
    expect(page.locator("#ra-mark-status")).to_contain_text("（错，¶43）")
    expect(page.locator("#ra-mark-fix")).to_be_hidden()
    rows = [json.loads(line) for line in marks.read_text(encoding="utf-8").splitlines()]
    assert [(r["paragraphs"], r["answer"]) for r in rows[-2:]] == [([26], "205宗"), ([43], "")]
    assert rows[-1]["question"] != "涉案金额呢？" and "涉案金额" in rows[-1]["question"]
    page.get_by_role("tab", name="评测").click()
    page.locator("#ra-eval-marks").click()
    expect(page.locator("#ra-eval-status")).to_contain_text(f"已评测 {marks.name}")


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return dict(found)


def test_the_page_fits_a_phone(browser: BrowserContext, url: str) -> None:
    phone = browser.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(url)
    ask(phone, ADVICE)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling
    title = box(phone, ".ra-banner h1")
    size = phone.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.ra-banner h1')).fontSize)"
    )
    assert title["height"] < 1.6 * size and title["x"] + title["width"] <= 390  # one line
    chat, sources = box(phone, "#ra-chat"), box(phone, "#ra-sources")
    heading = box(phone, ".ra-sources-title")
    assert chat["y"] + chat["height"] <= heading["y"] < sources["y"]  # the sources follow the chat
    end = sources["y"] + sources["height"]
    for after in ("#ra-question", "#ra-mark", "#ra-examples"):  # … before every other panel
        assert box(phone, after)["y"] >= end, after
    assert all(box(phone, s)["width"] <= 390 for s in ("#ra-chat", "#ra-sources", "#ra-examples"))
    expect(phone.locator("#ra-mark-right")).to_be_visible()
    docs_screenshot(phone, "phone.png", full_page=True)
    phone.get_by_role("tab", name="评测").click()
    expect(phone.locator("#ra-eval-template")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    docs_screenshot(phone, "phone-evaluation.png")
    phone.close()


def test_a_report_added_from_the_page_is_searchable(
    browser: BrowserContext, embedder, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.txt").write_text("一、总体情况\n2022年，我镇受理纠纷61宗。\n", encoding="utf-8")
    settings = Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)
    small = Engine(settings, embedder, open_index(settings, embedder))
    upload = tmp_path / "upload" / "讲座.txt"
    upload.parent.mkdir()
    upload.write_text("一、普法宣传\n2022年，我镇举办法治讲座44场。\n", encoding="utf-8")
    for small_url in serve(small):
        page = browser.new_page()
        page.goto(small_url)
        page.get_by_role("tab", name="报告文件").click()
        page.locator("#ra-doc-upload input[type=file]").set_input_files(str(upload))
        expect(page.locator("#ra-doc-upload")).to_contain_text(file_name("讲座.txt"))
        page.locator("#ra-doc-add").click()
        expect(page.locator("#ra-doc-status")).to_contain_text("共 2 份报告")
        docs_screenshot(page, "documents.png")
        page.get_by_role("tab", name="问答").click()
        expect(page.locator("#ra-document")).to_be_visible()  # the picker appears with two
        ask(page, "举办了多少场法治讲座？")
        expect(page.locator(".ra-answer").last).to_contain_text("44场")
        page.close()
    assert sorted(p.name for p in source.iterdir()) == ["a.txt", "讲座.txt"]


# A saved web page (GBK, a government site's template around the report) and a scanned PDF
# (an image-only page: no text layer), each with facts no other report has.
PAGE_TITLE = "测试镇2022年普法宣传工作报告"
PAGE_REPORT = [
    "现将测试镇2022年普法宣传工作情况报告如下：",
    "一、普法阵地建设",
    "2022年，我镇在公园和广场新建法治宣传栏27块，更新普法标语130条。",
]
SCAN_TITLE = "测试镇2022年交通安全工作报告"
SCAN_REPORT = [
    "一、交通安全宣传",
    "2022年，我镇开展交通安全宣传活动35场，发放宣传资料8600份。",
    "二、道路隐患整治",
    "全年排查整治道路安全隐患42处，新增交通信号灯12组。",
]


def file_name(name: str) -> re.Pattern[str]:
    """A file's name as an upload box shows it: Gradio writes its stem and suffix in two
    elements, which Chromium 156.0.8078.129 reads with a space between (交通安全-扫描件 .pdf)."""
    stem, dot, suffix = name.rpartition(".")
    return re.compile(re.escape(stem) + r"\s*" + re.escape(dot + suffix))


def add_from_page(page: Page, path: Path, reports: int) -> None:
    page.get_by_role("tab", name="报告文件").click()
    page.locator("#ra-doc-upload input[type=file]").set_input_files(str(path))
    expect(page.locator("#ra-doc-upload")).to_contain_text(file_name(path.name))
    page.locator("#ra-doc-add").click()
    expect(page.locator("#ra-doc-status")).to_contain_text(f"共 {reports} 份报告", timeout=120_000)
    page.get_by_role("tab", name="问答").click()


def test_a_saved_web_page_and_a_scanned_pdf_uploaded_in_the_page_are_answered_and_cited(
    browser: BrowserContext, embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from .test_ocr import render_scan
    from .test_webpage import encoded

    monkeypatch.setenv("ASSISTANT_OCR_CACHE_DIR", str(tmp_path / "ocr-cache"))
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.txt").write_text("一、总体情况\n2022年，我镇受理纠纷61宗。\n", encoding="utf-8")
    settings = Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)
    small = Engine(settings, embedder, open_index(settings, embedder))
    uploads = tmp_path / "upload"
    uploads.mkdir()
    web = uploads / "普法宣传.html"
    web.write_bytes(encoded("p", "gbk-meta", PAGE_REPORT, h1=PAGE_TITLE))
    scan = uploads / "交通安全-扫描件.pdf"
    scan.write_bytes(render_scan(SCAN_REPORT, title=SCAN_TITLE)[0])
    import pypdf

    assert not (pypdf.PdfReader(scan).pages[0].extract_text() or "").strip()  # no text layer
    for small_url in serve(small):
        page = browser.new_page()
        page.goto(small_url)
        add_from_page(page, web, 2)
        ask(page, "新建了多少块法治宣传栏？")
        answer = page.locator(".ra-answer").last
        expect(answer).to_contain_text("27块")
        expect(answer.locator(".ra-refs")).to_contain_text(PAGE_TITLE)
        add_from_page(page, scan, 3)
        expect(page.locator(".ra-banner")).to_contain_text(SCAN_TITLE)
        ask(page, "2022年开展了多少场交通安全宣传活动？")
        answer = page.locator(".ra-answer").last
        expect(answer).to_contain_text("35场")
        expect(answer.locator(".ra-refs")).to_contain_text(SCAN_TITLE)
        card = page.locator("#ra-sources .ra-card.ra-cited").first
        expect(card).to_contain_text(SCAN_TITLE)
        ask(page, "宣传资料呢？")  # a follow-up, read with the question before it
        last = page.locator(".ra-answer").last
        expect(last.locator(".ra-readwith")).to_contain_text("交通安全宣传活动")
        expect(last).to_contain_text("8600份")
        page.screenshot(path=str(ARTIFACTS / "scanned-upload.png"))
        page.close()
    assert sorted(p.name for p in source.iterdir()) == sorted(["a.txt", web.name, scan.name])
