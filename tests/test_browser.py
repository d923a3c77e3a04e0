"""The web UI in a real browser: Debian's Chromium driven by Playwright, against the real
engine served on the loopback address. No browser download: /usr/bin/chromium or skip.

Screenshots go to tests/artifacts/ (git-ignored); docs/screenshot.png is written when it is
missing, or again with UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import os
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


def serve(engine: Engine) -> Iterator[str]:
    demo = ui.build_demo(engine)
    url = ui.launch(demo, host="127.0.0.1", port=free_port(), block=False)
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture(scope="module")
def url(engine) -> Iterator[str]:  # type: ignore[no-untyped-def]
    yield from serve(engine)


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


def test_traditional_display_and_the_report_view(page: Page) -> None:
    ask(page, ADVICE)
    page.get_by_text("繁體", exact=True).click()
    expect(page.locator(".ra-answer").last).to_contain_text("諮詢")
    page.get_by_role("tab", name="报告全文").click()
    report = page.locator("#ra-report")
    expect(report.locator(".ra-toc")).to_contain_text("二、深入學習宣傳貫徹習近平法治思想")
    expect(report.locator("#ra-p-0-26")).to_contain_text("¶26")


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
