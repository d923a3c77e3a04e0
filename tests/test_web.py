"""HTML rendering: marks, citations, source cards, report view — and nothing a report or a
user types is ever rendered as markup (pure tests, then the real pipeline on a hostile report).
"""

from __future__ import annotations

import html as stdlib_html
import re

import pytest

from assistant.answering.extract import NOT_IN_REPORT, Answer, Citation
from assistant.config import Settings
from assistant.engine import Engine, Response
from assistant.index.store import open_index
from assistant.report.chunks import Chunk
from assistant.report.documents import Paragraph
from assistant.retrieval.search import Hit
from assistant.text.script import to_traditional
from assistant.ui.chat import ask, messages
from assistant.ui.markup import (
    NOT_IN_PAGE,
    answer_html,
    escape,
    failures_html,
    marked,
    neighbours,
    report_html,
    sources_html,
)

DOC = "r.txt"
SECTION = ("六、主要举措", "（一）依法全面履行政府职能")
TEXT_26 = "2022年，我镇法律顾问提供免费法律咨询205宗，举办法治讲座44场。"
PARAGRAPHS = {
    (DOC, 1): Paragraph(DOC, 1, "六、主要举措", "六、主要举措"),
    (DOC, 2): Paragraph(DOC, 2, "（一）依法全面履行政府职能", "(一)依法全面履行政府职能"),
    (DOC, 25): Paragraph(DOC, 25, "2.全面履职。", "2.全面履職。"),
    (DOC, 26): Paragraph(DOC, 26, TEXT_26, "2022年,,我鎮法律顧問提供免費法律諮詢205宗"),
    (DOC, 28): Paragraph(DOC, 28, "（二）完善依法行政制度体系", "(二)完善依法行政制度體系"),
}
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def response(abstained: bool = False, text: str = TEXT_26) -> Response:
    chunk = Chunk(0, DOC, 26, SECTION, text)
    other = Chunk(1, DOC, 25, SECTION, "2.全面履职。")
    hits = (Hit(chunk, 1, 1.234, 0.9, 0.6, 0.1), Hit(other, 2, 0.5, 0.4, 0.2, 0.0))
    if abstained:
        answer = Answer("", (), (), abstained=True, confidence=0.3)
    else:
        citation = Citation(1, DOC, " › ".join(SECTION), 26)
        answer = Answer(f"{text}[1]", ("205宗",), (citation,), abstained=False, confidence=1.2)
    return Response("问题", hits, answer, {DOC: "大涌镇报告"})


def tags(html: str) -> set[str]:
    """The element names that really occur as markup in `html`."""
    return {name.lower() for name in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", html)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("<b>", "&lt;b&gt;"),
        ("\"&'", "&quot;&amp;&#x27;"),
        ("**粗体**", "&#42;&#42;粗体&#42;&#42;"),
        ("[1](javascript:x)", "&#91;1&#93;&#40;javascript&#58;x&#41;"),
        ("[链接](http://example.com)", "&#91;链接&#93;&#40;http&#58;//example.com&#41;"),
        ("www.example.com", "www&#46;example.com"),
        ("$x$", "&#36;x&#36;"),
        ("大涌镇", "大涌镇"),
    ],
)
def test_escape_makes_html_and_markdown_inert(text: str, expected: str) -> None:
    assert escape(text) == expected


@pytest.mark.parametrize("text", ["<a href='x'>&amp;</a>", '"quoted"', "大涌镇，2022年。", ""])
def test_escape_agrees_with_html_escape_where_markdown_is_silent(text: str) -> None:
    assert escape(text) == stdlib_html.escape(text, quote=True)


def test_marked_wraps_the_longest_phrases_and_escapes_the_rest() -> None:
    assert (
        marked("共<61宗>，61宗", ["61宗", "1宗"])
        == "共&lt;<mark>61宗</mark>&gt;，<mark>61宗</mark>"
    )
    assert marked("a<b", []) == "a&lt;b"


def test_answer_has_the_key_phrase_marked_and_numbered_citations() -> None:
    html = answer_html(response())
    assert "<mark>205宗</mark>" in html
    assert '<sup class="ra-cite">[1]</sup>' in html
    assert "¶26" in html and "大涌镇报告" in html and "（一）依法全面履行政府职能" in html
    assert "ra-abstained" not in html
    assert "\n" not in html  # one Markdown HTML block: a blank line would end it


def test_an_abstention_looks_different_and_says_so() -> None:
    html = answer_html(response(abstained=True))
    assert 'class="ra-answer ra-abstained"' in html
    assert escape(NOT_IN_PAGE) in html
    assert "来源段落" in NOT_IN_PAGE and NOT_IN_REPORT not in html
    assert "<mark>" not in html and "ra-cite" not in html


def test_a_followup_says_which_question_it_was_read_with() -> None:
    html = answer_html(response(), read_with="<b>上一问</b>", query="上一问，涉案金额是多少？")
    assert "结合上一问" in html and "&lt;b&gt;上一问&lt;/b&gt;" in html
    assert "涉案金额是多少" in html


def test_traditional_display_converts_answer_and_highlight() -> None:
    html = answer_html(response(), convert=to_traditional)
    assert "諮詢" in html and "<mark>205宗</mark>" in html


def test_neighbours_skip_missing_line_numbers() -> None:
    before, this, after = neighbours(PARAGRAPHS, DOC, 26)
    assert (before and before.number, this and this.number, after and after.number) == (25, 26, 28)
    assert neighbours(PARAGRAPHS, DOC, 1)[0] is None
    assert neighbours(PARAGRAPHS, "other.txt", 26) == (None, None, None)


def test_source_cards_show_context_and_the_original_on_request() -> None:
    html = sources_html(response(), PARAGRAPHS)
    assert html.count('<details class="ra-card') == 2
    assert 'class="ra-card ra-cited"' in html  # the cited passage is marked as [1]
    assert "相关度 1.234" in html and "六、主要举措 › （一）依法全面履行政府职能" in html
    assert "¶25" in html and "¶28" in html  # previous and next paragraphs
    assert '<details class="ra-original"><summary>查看原文（修复前）</summary>' in html
    assert "2022年,,我鎮法律顧問" in html


def test_the_empty_sources_panel_explains_itself() -> None:
    assert "ra-empty" in sources_html(None, PARAGRAPHS)


def test_report_view_has_an_outline_and_every_paragraph_labelled() -> None:
    html = report_html({DOC: "大涌镇报告"}, PARAGRAPHS)
    assert '<a href="#ra-p-0-1">六、主要举措</a>' in html
    assert '<li class="ra-toc-2"><a href="#ra-p-0-2">' in html
    for number in (1, 2, 25, 26, 28):
        assert f'id="ra-p-0-{number}"' in html and f"¶{number}</span>" in html


def test_failures_table_escapes_questions_and_answers() -> None:
    html = failures_html(
        [{"id": "q1", "question": HOSTILE[0], "why": "x", "answer": HOSTILE[1], "top": [3, 4]}]
    )
    assert tags(html) == {"table", "thead", "tr", "th", "tbody", "td"}
    assert "¶3 ¶4" in html
    assert "全部问题通过" in failures_html([])


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_stays_text_everywhere(hostile: str) -> None:
    text = f"2022年共举办{hostile}讲座205宗。"
    paragraphs = {**PARAGRAPHS, (DOC, 26): Paragraph(DOC, 26, text, hostile)}
    rendered = [
        answer_html(response(text=text), read_with=hostile, query=hostile),
        sources_html(response(text=text), paragraphs),
        report_html({DOC: hostile}, paragraphs),
    ]
    for html in rendered:
        assert not tags(html) & {"script", "img"}
        assert "&lt;" in html


# The real pipeline on a report that contains markup (its own index, the session model).
HOSTILE_REPORT = "\n".join(
    [
        "现将测试镇2022年度普法工作情况报告如下：",
        "一、普法工作",
        "2022年，测试镇共举办<script>alert(1)</script>普法讲座12场，参与人数约300人次。",
        "测试镇宣传栏展示<img src=x onerror=alert(1)>图片，并开展**法律**进社区活动。",
        "二、下一步安排",
        "继续开展普法宣传。",
    ]
)


@pytest.fixture(scope="module")
def hostile_engine(embedder, tmp_path_factory: pytest.TempPathFactory) -> Engine:  # type: ignore[no-untyped-def]
    source = tmp_path_factory.mktemp("hostile-source")
    (source / "hostile.txt").write_text(HOSTILE_REPORT + "\n", encoding="utf-8")
    settings = Settings(
        source_dir=source, index_dir=tmp_path_factory.mktemp("hostile-index"), progress=False
    )
    return Engine(settings, embedder, open_index(settings, embedder))


@pytest.mark.slow
def test_markup_in_a_report_renders_inert_through_the_real_pipeline(hostile_engine: Engine) -> None:
    history = (ask(hostile_engine, "2022年测试镇举办了多少场普法讲座？", ()),)
    history += (ask(hostile_engine, "<img src=x onerror=alert(1)>宣传栏呢？", history),)
    first = history[0].response
    assert first.passages[0].chunk.paragraph == 3
    assert "<script>" in first.passages[0].chunk.text  # the pipeline kept the markup as text
    chat = "".join(m["content"] for m in messages(history, lambda s: s))
    panel = sources_html(history[-1].response, hostile_engine.index.paragraphs)
    report = report_html(hostile_engine.titles, hostile_engine.index.paragraphs)
    for html in (chat, panel, report):
        assert not tags(html) & {"script", "img"}
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in report
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in report
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in chat  # the user's own text, too
    assert "&lt;script&gt;" in panel


def test_a_cited_paragraph_links_to_the_report_view() -> None:
    html = answer_html(response())
    assert 'href="#ra-goto/26/r.txt"' in html
    report = report_html({DOC: "大涌镇报告"}, PARAGRAPHS)
    assert 'data-doc="r.txt" data-para="26"' in report


def test_a_source_card_marks_the_phrase_of_the_answer_not_every_equal_phrase() -> None:
    """¶39 gives 3%左右 twice (prices, energy use); the answer is the first one."""
    text = "居民消费价格涨幅3%左右；单位国内生产总值能耗降低3%左右。"
    chunk = Chunk(0, DOC, 39, SECTION, text)
    citation = Citation(1, DOC, " › ".join(SECTION), 39)
    answer = Answer("居民消费价格涨幅3%左右；[1]", ("3%左右",), (citation,), False, 1.2)
    html = sources_html(
        Response("问题", (Hit(chunk, 1, 1.2, 0.9, 0.6, 0.1),), answer, {DOC: "报告"}), {}
    )
    snippet = re.search(r'<div class="ra-snippet">(.*?)</div>', html)
    assert snippet is not None
    assert snippet.group(1).count("<mark>") == 1
    assert "涨幅<mark>3%左右</mark>" in snippet.group(1)
    assert marked(text, ["3%左右"]).count("<mark>") == 2  # without the answer's sentences


def test_a_figure_written_twice_is_marked_once_in_the_answer_and_its_card() -> None:
    """…受理纠纷61宗，成功调处61宗 asked 成功调处了多少宗: the second 61宗, in chat and card."""
    sentence = "我镇调委会共受理纠纷61宗，成功调处61宗。"
    text = "3.化解纠纷。" + sentence
    chunk = Chunk(0, DOC, 43, SECTION, text)
    citation = Citation(1, DOC, " › ".join(SECTION), 43)
    answer = Answer(f"{sentence}[1]", ("61宗",), (citation,), False, 1.2, occurrences=(1,))
    reply = Response("问题", (Hit(chunk, 1, 1.2, 0.9, 0.6, 0.1),), answer, {DOC: "报告"})
    chat = answer_html(reply)
    assert chat.count("<mark>") == 1 and "调处<mark>61宗</mark>" in chat
    cards = sources_html(reply, {})
    snippet = re.search(r'<div class="ra-snippet">(.*?)</div>', cards)
    assert snippet is not None
    assert snippet.group(1).count("<mark>") == 1 and "调处<mark>61宗</mark>" in snippet.group(1)
    assert marked(text, ["61宗"]).count("<mark>") == 2  # without knowing which
