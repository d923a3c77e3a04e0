"""Saved web pages (.html/.htm): the report's paragraphs and title, without the site around it.

A government site wraps a report in navigation, breadcrumbs (首页 > 政务公开), a 发布时间/来源
line, a 分享到 bar, related links and a 版权所有/ICP备 footer. trafilatura (a maintained
main-text extractor) finds the body; this module decodes the bytes first, because trafilatura
ignores <meta charset> and undeclared GBK pages are common, and then numbers the blocks.

Numbering rule: ¶n is the 1-based position of a block among the non-empty blocks of the main
body as trafilatura 2.3.1 returns it (XML output, tables and comments left out): a block is a
leaf <p>, <head>, <item> or <quote>, and every <lb/> (a <br> in the page) starts a new block.
Whitespace is collapsed to one space and spaces between Chinese characters are removed. A
first <head> block equal to the page title is dropped (the title is not a paragraph).

    <h1>大涌镇报告</h1><p>一、总体情况</p><p>我镇召开<br>会议。</p>
    -> title '大涌镇报告', [(1, '一、总体情况'), (2, '我镇召开'), (3, '会议。')]

The numbering depends on trafilatura's version, which is pinned in pyproject.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree import ElementTree

from assistant.errors import AssistantError

MIN_TEXT_CHARS = 250  # below this, trafilatura's choice of main text is unreliable (spike)
_BLOCKS = frozenset({"p", "head", "item", "quote"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# GB2312 and GBK pages routinely carry characters only GB18030 has; it decodes both.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
_CJK_SPACE = re.compile(rf"(?<={_CJK}) +(?={_CJK})")
_SPACES = re.compile(r"\s+")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜]| - | — ).*$")


@dataclass(frozen=True)
class WebPage:
    title: str | None  # the page's <h1> (or its <title> without "_栏目_站点"), if any
    paragraphs: tuple[tuple[int, str], ...]  # (¶n, text)


def decode_html(data: bytes) -> str:
    """Bytes -> text: BOM, then the page's own <meta charset>, then UTF-8, then detection.

    '<meta charset="gb2312">' + '报告'.encode('gbk') -> '<meta charset="gb2312">报告'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(_SUPERSETS.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: detect instead
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and "\x00" not in str(best):
        return str(best)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def clean(text: str) -> str:
    """'　我镇 召开\n会议 ,  see  it ' -> '我镇召开会议 , see it'."""
    return _CJK_SPACE.sub("", _SPACES.sub(" ", text).strip())


def _walk(element: ElementTree.Element, blocks: list[tuple[str, list[str]]]) -> None:
    """Append the element's text to blocks[-1], opening a block at each <p>/<head>/… or <lb/>.

    blocks holds (tag of the block, its text pieces); text outside any block element (after
    a block ends) opens a block tagged "".
    """
    if element.tag in _BLOCKS:
        blocks.append((element.tag, []))
    elif element.tag == "lb":
        blocks.append((blocks[-1][0], []))
    blocks[-1][1].append(element.text or "")
    for child in element:
        _walk(child, blocks)
        blocks[-1][1].append(child.tail or "")
    if element.tag in _BLOCKS:
        blocks.append(("", []))


def _blocks(main: ElementTree.Element) -> list[tuple[str, str]]:
    """[(tag, cleaned text)] of the non-empty blocks under trafilatura's <main>."""
    blocks: list[tuple[str, list[str]]] = [("", [])]
    _walk(main, blocks)
    texts = ((tag, clean("".join(pieces))) for tag, pieces in blocks)
    return [(tag, text) for tag, text in texts if text]


def _title_tag(html: str) -> str:
    """'<title>大涌镇报告_规划计划</title>' -> '大涌镇报告_规划计划' ('' when there is none)."""
    import html as entities

    match = _TITLE_TAG.search(html)
    return clean(entities.unescape(match.group(1))) if match else ""


def _page_title(metadata_title: str, html: str) -> str | None:
    """trafilatura's title (the <h1>), or else the <title> without its '_栏目_站点' suffixes.

    ('', '<title>大涌镇报告_规划计划_大涌镇人民政府</title>') -> '大涌镇报告'
    """
    in_tag = _title_tag(html)
    title = clean(metadata_title)
    if not title or title == in_tag:  # trafilatura fell back to the whole <title>
        title = clean(_TITLE_SUFFIX.sub("", in_tag))
    return title or None


def read_webpage(data: bytes, name: str) -> WebPage:
    """A saved page's title and numbered main-text paragraphs (rule in the module docstring)."""
    import trafilatura

    html = decode_html(data)
    # deduplicate=False always: trafilatura's deduplication is a process-wide cache, so a
    # second page (or the same page read twice) would lose the paragraphs it shares.
    xml = trafilatura.extract(
        html,
        output_format="xml",
        include_tables=False,
        include_comments=False,
        with_metadata=True,
        deduplicate=False,
    )
    root = ElementTree.fromstring(xml) if xml else None
    main = root.find("main") if root is not None else None
    blocks = _blocks(main) if main is not None else []
    title = _page_title(root.get("title") or "" if root is not None else "", html)
    if blocks and blocks[0] == ("head", title):
        blocks = blocks[1:]
    if sum(len(text) for _, text in blocks) < MIN_TEXT_CHARS:
        raise AssistantError(
            f"{name}: no report text found in this page (under {MIN_TEXT_CHARS} characters of "
            "main text, the rest is site navigation): save the page again (the full page, "
            "once it has loaded), or add a .txt copy of the report."
        )
    return WebPage(title=title, paragraphs=tuple(enumerate((t for _, t in blocks), start=1)))
