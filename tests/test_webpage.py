"""Saved government web pages (.html/.htm): only the report's paragraphs, numbered, and its title.

The pages are generated here around the town report's lines, in the three layouts Chinese
government sites use (a CMS <p> body, a <br>-separated body, an old nested-table layout) and
the encodings they are saved in (UTF-8, GBK declared as gbk or gb2312, GBK undeclared).
"""

from __future__ import annotations

import html
import io
import shutil
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.report.documents import load_documents, parse_document
from assistant.text.formats import read_paragraphs, read_source
from assistant.text.webpage import clean, decode_html, read_webpage

from .conftest import REPORT

H1 = "大涌镇2022年法治政府建设年度报告"
SITE = "中山市大涌镇人民政府"
# Strings of the site around the report: none may reach a paragraph (unless the report has it).
BOILERPLATE = [
    "当前位置", "首页", "政务公开", "发布时间", "来源：", "浏览次数", "字号", "分享到", "微信",
    "微博", "打印本页", "关闭窗口", "相关链接", "版权所有", "ICP备", "网站标识码", "公网安备",
    "联系我们", "网站地图", "主办单位", "无障碍", "搜索", "document", "function", "font-size",
]  # fmt: skip
ENCODINGS = {
    "utf8-meta": ("utf-8", '<meta charset="utf-8">'),
    "gbk-meta": ("gbk", '<meta charset="gbk">'),
    "gb2312-httpequiv": ("gbk", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),  # noqa: E501
    "gbk-undeclared": ("gbk", ""),
}  # fmt: skip


def report_paragraphs() -> list[str]:
    return [line.strip() for line in REPORT.read_text(encoding="utf-8").split("\n") if line.strip()]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def head(charset: str) -> str:
    return f"""<head>{charset}
<title>{H1}_规划计划_{SITE}</title>
<meta name="keywords" content="{SITE},政务公开"><meta name="ArticleTitle" content="{H1}">
<style>body {{ font-size:14px; font-family:"微软雅黑"; }} .nav li {{ float:left; }}</style>
<script>function setFontSize(s) {{ document.getElementById('zoom').style.fontSize = s + 'px'; }}
document.write('<span class="weather">今日天气：多云</span>');</script>
</head>"""


NAV = (
    '<div class="top">无障碍 | <a href="/fanti/">繁體</a> | <a href="/login">登录</a></div>'
    f'<div class="logo"><img src="/logo.png" alt="{SITE}"><span>{SITE}</span></div>'
    '<form action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form>'
    '<ul class="menu"><li><a href="/">首页</a></li><li><a href="/gk/">政务公开</a><ul>'
    '<li><a href="/gk/zn/">政府信息公开指南</a></li>'
    '<li><a href="/gk/gh/">规划计划</a></li></ul></li>'
    '<li><a href="/fw/">政务服务</a><ul><li><a href="/fw/gr/">个人办事</a></li>'
    '<li><a href="/fw/fr/">法人办事</a></li></ul></li><li><a href="/hd/">互动交流</a></li></ul>'
)
CRUMBS = (
    '<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/gk/">政务公开</a> &gt; '
    '<a href="/gk/gh/">规划计划</a></div>'
)
INFO = (
    '<div class="info"><span>发布时间：2023-01-10 09:30</span> <span>来源：大涌镇人民政府</span> '
    '<span>浏览次数：1234</span> <span>字号：<a href="javascript:setFontSize(18)">大</a> '
    '<a href="javascript:setFontSize(14)">小</a></span></div>'
)
SHARE = (
    '<div class="share">分享到：<a href="javascript:;">微信</a> <a href="https://weibo.com/">微博</a>'
    '</div><div class="tools"><a href="javascript:window.print()">打印本页</a> '
    '<a href="javascript:window.close()">关闭窗口</a></div>'
)
RELATED = '<div class="related"><h3>相关链接</h3><ul>' + "".join(
    f'<li><a href="/gk/gh/post_{n}.html">{title}</a><span>2022-0{n}-15</span></li>'
    for n, title in enumerate(["大涌镇2021年法治政府建设年度报告", "大涌镇开展宪法宣传周活动"], 1)
) + "</ul></div>"  # fmt: skip
FOOTER = (
    '<div class="footer"><p><a href="/contact/">联系我们</a> | <a href="/map/">网站地图</a></p>'
    f"<p>主办单位：{SITE}　版权所有 © 2023</p><p>粤ICP备05021341号　网站标识码：4420000094　"
    "粤公网安备 44200002444337号</p>"
    "<script>var s = document.createElement('script');</script></div>"
)


def body(layout: str, paragraphs: list[str]) -> str:
    if layout == "p":  # a CMS: one <p> per paragraph in <div class="TRS_Editor">
        inner = "\n".join(f'<p style="text-indent:2em">{esc(p)}</p>' for p in paragraphs)
        return f'<div class="TRS_Editor" id="zoom">\n{inner}\n</div>'
    if layout == "br":  # one <div>, paragraphs indented with full-width spaces, split by <br>
        inner = "<br/>\n".join("\u3000\u3000" + esc(p) for p in paragraphs)
        return f'<div id="zoom" class="content">\n{inner}<br/>\n</div>'
    raise AssertionError(layout)


def page(layout: str, charset: str, paragraphs: list[str], h1: str | None = H1) -> str:
    title = f'<div class="title"><h1>{h1}</h1></div>' if h1 else ""
    if layout == "table":  # an old site: everything in nested tables, the body in a <td>
        rows = "\n".join(f'<p align="left"><font size="3">{esc(p)}</font></p>' for p in paragraphs)
        return f"""<html>{head(charset)}<body>
<table width="1000"><tr><td>{NAV}</td></tr></table>
<table width="1000"><tr><td width="220"><table><tr><td>政务公开</td></tr>
<tr><td><a href="/gk/zn/">政府信息公开指南</a></td></tr></table></td>
<td><table><tr><td>{CRUMBS}</td></tr></table><table class="article">
<tr><td align="center">{title}</td></tr><tr><td>{INFO}</td></tr>
<tr><td class="bt_content" id="zoom">
{rows}
</td></tr><tr><td>{SHARE}</td></tr><tr><td>{RELATED}</td></tr></table></td></tr></table>
<table width="1000"><tr><td>{FOOTER}</td></tr></table></body></html>"""
    return f"""<!DOCTYPE html>
<html>{head(charset)}<body>
{NAV}
<div class="main">{CRUMBS}<div class="article">{title}
{INFO}
{body(layout, paragraphs)}
{SHARE}</div>{RELATED}</div>
{FOOTER}
</body></html>"""


def encoded(layout: str, encoding: str, paragraphs: list[str], h1: str | None = H1) -> bytes:
    codec, charset = ENCODINGS[encoding]
    return page(layout, charset, paragraphs, h1).encode(codec, errors="xmlcharrefreplace")


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("layout", ["p", "br", "table"])
def test_a_government_page_gives_exactly_the_report_paragraphs(layout: str, encoding: str) -> None:
    expected = [clean(p) for p in report_paragraphs()]
    source = read_source("report.html", encoded(layout, encoding, report_paragraphs()))
    assert source.paragraphs == tuple(enumerate(expected, start=1))
    assert source.title == H1
    report = "".join(expected)
    leaked = [b for b in BOILERPLATE if b not in report for _, t in source.paragraphs if b in t]
    assert leaked == []


def test_paragraphs_are_cleaned_of_wrapping_spaces_and_the_title_heading() -> None:
    paragraphs = [
        "一、总体情况",
        "我镇召开\n会议，研究 法治工作。  The town  met.",
        *report_paragraphs(),
    ]
    data = page("p", '<meta charset="utf-8">', paragraphs, h1=None).replace(
        '<div class="TRS_Editor" id="zoom">', f'<div class="TRS_Editor" id="zoom"><h1>{H1}</h1>'
    )  # the <h1> inside the body: trafilatura keeps it as a first <head>, which is dropped
    numbered = read_paragraphs("r.htm", data.encode("utf-8"))
    assert numbered[:3] == [
        (1, "一、总体情况"),
        (2, "我镇召开会议，研究法治工作。 The town met."),
        (3, clean(report_paragraphs()[0])),
    ]


def test_the_title_falls_back_to_the_title_tag_without_its_site_suffixes() -> None:
    source = read_source("r.html", encoded("p", "utf8-meta", report_paragraphs(), h1=None))
    assert source.title == H1


def test_reading_the_same_page_twice_gives_the_same_paragraphs() -> None:
    # trafilatura's deduplicate=True is a process-wide cache: the second read would lose text.
    data = encoded("p", "utf8-meta", report_paragraphs())
    assert read_webpage(data, "a.html") == read_webpage(data, "b.html")


@pytest.mark.parametrize(
    "paragraphs", [[], ["12月9日，我镇召开党委会议。"]], ids=["empty", "short"]
)
def test_a_page_without_report_text_is_refused_with_what_to_do(paragraphs: list[str]) -> None:
    with pytest.raises(AssistantError, match=r"no report text found in this page.*\.txt copy"):
        read_webpage(encoded("p", "utf8-meta", paragraphs), "notice.html")


def test_decoding_follows_the_declaration_and_reads_gb2312_as_gb18030() -> None:
    text = '<meta charset="gb2312"><p>大涌镇法治政府建设报告</p>'
    assert decode_html(text.encode("gb18030")) == text
    wrong = '<meta charset="utf-8"><p>大涌镇法治政府建设情况报告，我镇召开会议。</p>'
    assert decode_html(wrong.encode("gbk")) == wrong  # a false declaration: detected instead


def test_an_html_page_beside_a_txt_is_read_with_its_own_title(tmp_path: Path) -> None:
    shutil.copy(REPORT, tmp_path / REPORT.name)
    (tmp_path / "page.html").write_bytes(encoded("br", "gbk-undeclared", report_paragraphs()))
    documents = {d.name: d for d in load_documents(tmp_path)}
    assert sorted(documents) == ["dayong-2022-rule-of-law-report.txt", "page.html"]
    assert documents["page.html"].title == H1
    assert documents[REPORT.name].title == "大涌镇2022年度法治政府建设情况报告"
    from_text = [p.text for p in documents[REPORT.name].paragraphs]
    assert [p.text for p in documents["page.html"].paragraphs] == [clean(t) for t in from_text]


def test_a_docx_title_and_a_heading_like_first_line_name_the_document() -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "大涌镇2023年法治政府建设年度报告"
    document.add_paragraph("我镇召开会议。")
    buffer = io.BytesIO()
    document.save(buffer)
    assert parse_document("r.docx", buffer.getvalue()).title == "大涌镇2023年法治政府建设年度报告"
    text = "关于2023年法治政府建设情况的报告\n一、总体情况\n我镇召开会议。".encode()
    assert parse_document("r.txt", text).title == "关于2023年法治政府建设情况的报告"
    assert parse_document("r.txt", "一、总体情况\n我镇召开会议。".encode()).title == "r"
