"""HTML for the web UI: answers, source cards, the report view, failing questions.

Pure functions from engine values to HTML strings. Every piece of document or user text
goes through `escape`, so a report line like `<img src=x onerror=alert(1)>` is shown, never
run. `convert` is the display script (identity, or `to_traditional` for the 繁體 toggle); it
is applied to text before escaping.

    answer_html(response)  ->  <div class="ra-answer">…<mark>205宗</mark>…<sup>[1]</sup>…</div>
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from assistant.answering.extract import key_matches
from assistant.report.outline import format_path, heading_level, place

if TYPE_CHECKING:
    from assistant.engine import Response
    from assistant.report.documents import Paragraph
    from assistant.retrieval.search import Hit

Convert = Callable[[str], str]
Paragraphs = Mapping[tuple[str, int], "Paragraph"]  # (document, ¶n) -> paragraph

# One pass over the text: HTML's special characters as entities, and the characters Markdown
# (and the chat's LaTeX pass) would act on as numeric references, since the chat renders
# Markdown and a report line may contain `*`, `_`, `[` or `$`.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
    | {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|~$:"}
)
# The abstention notice in the page: the nearest passages are in the sources column (below
# the chat on a phone), not "below" as in the terminal's NOT_IN_REPORT.
NOT_IN_PAGE = (
    "报告中似乎没有回答这个问题。最接近的段落列在“来源段落”中（手机上在对话下方），供参考。"
)
# The chat's Markdown also turns bare addresses into links ('http://x', 'www.x'): with ':'
# escaped above and the dot after 'www' here, an address a user typed is shown as typed.
_WWW = re.compile(r"(?i)(www)\.")
# How far to look for a neighbouring paragraph (blank source lines have no number).
_NEIGHBOUR_GAP = 20


def _same(text: str) -> str:
    return text


def escape(text: str) -> str:
    """'<b>*1*</b>' -> '&lt;b&gt;&#42;1&#42;&lt;/b&gt;': inert as HTML and as Markdown."""
    return _WWW.sub(r"\1&#46;", text.translate(_ESCAPES))


def marked(
    text: str,
    phrases: Iterable[str],
    within: Sequence[str] = (),
    nth: Mapping[str, int] | None = None,
) -> str:
    """Escape `text`, wrap each phrase in <mark>: ('共61宗', ['61宗']) -> '共<mark>61宗</mark>'.
    With `within` (the answer's sentences), only the phrases inside those of them that `text`
    holds are marked: a source card marks the 3%左右 of the answer, not every 3%左右. A phrase
    in `nth` (`Answer.nth`: the key phrase is its n-th occurrence in the answer) is marked only
    there: counted in the first of `within` (the sentence it was chosen in), else in `text`."""
    scopes = [(at, at + len(w)) for w in within if w and (at := text.find(w)) >= 0]
    # Where occurrences are counted for `nth`: the first of `within` (nowhere when `text` does
    # not hold it), or all of `text`.
    home = None
    if within:
        at = text.find(within[0])
        home = (at, at + len(within[0])) if at >= 0 else (0, 0)
    out: list[str] = []
    start = 0
    for found in key_matches(text, phrases, nth or {}, home):
        if scopes and not any(a <= found.start() and found.end() <= b for a, b in scopes):
            continue
        out.append(escape(text[start : found.start()]))
        out.append(f"<mark>{escape(found.group(0))}</mark>")
        start = found.end()
    out.append(escape(text[start:]))
    return "".join(out)


def _cited(escaped: str, numbers: set[int]) -> str:
    """Turn the escaped citation marks '&#91;1&#93;' of known citations into superscripts."""

    def sup(found: re.Match[str]) -> str:
        number = int(found.group(1))
        if number not in numbers:
            return found.group(0)
        return f'<sup class="ra-cite">[{number}]</sup>'

    return re.sub(r"&#91;(\d+)&#93;", sup, escaped)


def answer_html(
    response: Response,
    *,
    read_with: str | None = None,
    query: str | None = None,
    convert: Convert = _same,
) -> str:
    """One assistant turn: the answer with its key phrase marked, citations, and a note
    when a follow-up was read with an earlier question. One line (a Markdown HTML block)."""
    parts: list[str] = []
    if read_with is not None:
        parts.append(
            f'<div class="ra-readwith">↪ {escape(convert("结合上一问"))}'
            f"「{escape(convert(read_with))}」{escape(convert('理解'))}"
            + (f"：{escape(convert(query))}" if query else "")
            + "</div>"
        )
    answer = response.answer
    if answer.abstained:
        parts.append(f'<div class="ra-tag">{escape(convert("未在报告中找到答案"))}</div>')
        parts.append(f'<p class="ra-text">{escape(convert(NOT_IN_PAGE))}</p>')
        return f'<div class="ra-answer ra-abstained">{"".join(parts)}</div>'
    nth = {convert(h): n for h, n in answer.nth().items()}
    text = marked(convert(answer.text), (convert(h) for h in answer.highlights), nth=nth)
    numbers = {c.number for c in answer.citations}
    parts.append(f'<p class="ra-text">{_cited(text, numbers)}</p>')
    refs = "".join(
        f'<li><span class="ra-num">[{c.number}]</span> '
        f"{escape(convert(response.titles.get(c.document, c.document)))}"
        + (f" › {escape(convert(c.section))}" if c.section else "")
        + f" {goto(c.document, c.paragraph)}</li>"
        for c in answer.citations
    )
    parts.append(f'<ol class="ra-refs">{refs}</ol>')
    return f'<div class="ra-answer">{"".join(parts)}</div>'


def error_html(message: str) -> str:
    return f'<div class="ra-answer ra-error"><p class="ra-text">{escape(message)}</p></div>'


def neighbours(paragraphs: Paragraphs, document: str, number: int) -> tuple[Paragraph | None, ...]:
    """(previous, this, next) paragraph of ¶number, skipping blank source lines."""

    def step(direction: int) -> Paragraph | None:
        for gap in range(1, _NEIGHBOUR_GAP + 1):
            found = paragraphs.get((document, number + direction * gap))
            if found is not None:
                return found
        return None

    return step(-1), paragraphs.get((document, number)), step(+1)


def _context(
    paragraphs: Paragraphs,
    hit: Hit,
    convert: Convert,
    phrases: Sequence[str],
    within: Sequence[str] = (),
    nth: Mapping[str, int] | None = None,
) -> str:
    chunk = hit.chunk
    before, this, after = neighbours(paragraphs, chunk.document, chunk.paragraph)
    rows: list[str] = []
    for role, paragraph in (("prev", before), ("focus", this), ("next", after)):
        if paragraph is None:
            continue
        body = convert(paragraph.text)
        shown = marked(body, phrases, within, nth) if role == "focus" else escape(body)
        rows.append(
            f'<p class="ra-ctx ra-{role}"><span class="ra-pn">¶{paragraph.number}</span>{shown}</p>'
        )
    if this is not None:
        rows.append(
            f'<details class="ra-original"><summary>{escape(convert("查看原文（修复前）"))}'
            f"</summary><pre>{escape(this.original)}</pre></details>"
        )
    return "".join(rows)


def sources_html(
    response: Response | None, paragraphs: Paragraphs, *, convert: Convert = _same
) -> str:
    """The sources panel: one card per passage; opening a card shows its paragraph between
    the previous and next ones, and on request the original (unrepaired) line."""
    if response is None or not response.passages:
        hint = "提问后，这里会列出答案引用的段落。点开卡片可查看上下文和原文。"
        return f'<div class="ra-sources ra-empty">{escape(convert(hint))}</div>'
    cited = {(c.document, c.paragraph): c.number for c in response.answer.citations}
    phrases = [convert(h) for h in response.answer.highlights]
    nth = {convert(h): n for h, n in response.answer.nth().items()}
    # The answer's sentences, one stretch per citation mark: where a card marks its phrases.
    within = [convert(part) for part in re.split(r"\[\d+\]", response.answer.text) if part]
    cards: list[str] = []
    for shown_at, hit in enumerate(response.passages, start=1):  # the answer's passages first
        chunk = hit.chunk
        number = cited.get((chunk.document, chunk.paragraph))
        badge = (
            f'<span class="ra-num">[{number}]</span>'
            if number is not None
            else f'<span class="ra-rank">#{shown_at}</span>'
        )
        title = convert(response.titles.get(chunk.document, chunk.document))
        text = convert(chunk.text)
        snippet = marked(text, phrases, within, nth) if number is not None else escape(text)
        contexts = _context(paragraphs, hit, convert, phrases, within, nth)
        section = (
            f'<div class="ra-section">{escape(convert(chunk.section_path))}</div>'
            if chunk.section
            else ""
        )
        cards.append(
            f'<details class="ra-card{" ra-cited" if number is not None else ""}"'
            f' data-doc="{escape(chunk.document)}" data-paragraph="{chunk.paragraph}"><summary>'
            f'<div class="ra-head">{badge}<span class="ra-para">¶{chunk.paragraph}</span>'
            f'<span class="ra-score">{escape(convert("相关度"))} {hit.score:.3f}</span></div>'
            f'<div class="ra-title">{escape(title)}</div>{section}'
            f'<div class="ra-snippet">{snippet}</div></summary>'
            f'<div class="ra-contexts">{contexts}</div>'
            "</details>"
        )
    return f'<div class="ra-sources">{"".join(cards)}</div>'


def goto(document: str, number: int) -> str:
    """A ¶n that opens the report view at that paragraph when clicked: the page's script
    (`style.JS`) reads '#ra-goto/<n>/<document>' from the link (the chat keeps no data-*
    attributes) and finds the report paragraph by its data-doc / data-para."""
    target = f"#ra-goto/{number}/{urllib.parse.quote(document, safe='')}"
    return f'<a class="ra-para ra-goto" href="{target}" title="在报告全文中查看">¶{number}</a>'


def report_html(
    titles: Mapping[str, str], paragraphs: Paragraphs, *, convert: Convert = _same
) -> str:
    """The repaired report(s): an outline of headings, then every paragraph labelled ¶n."""
    by_document: dict[str, list[Paragraph]] = {}
    for (document, _), paragraph in sorted(paragraphs.items()):
        by_document.setdefault(document, []).append(paragraph)
    parts: list[str] = []
    for position, (document, items) in enumerate(by_document.items()):
        placed = place(items)
        toc: list[str] = []
        body: list[str] = []
        for entry in placed:
            paragraph = entry.paragraph
            anchor = f"ra-p-{position}-{paragraph.number}"
            data = f'data-doc="{escape(document)}" data-para="{paragraph.number}"'
            text = escape(convert(paragraph.text))
            label = f'<span class="ra-pn">¶{paragraph.number}</span>'
            level = heading_level(paragraph.text) if entry.is_heading else 0
            if level:
                toc.append(f'<li class="ra-toc-{level}"><a href="#{anchor}">{text}</a></li>')
                body.append(
                    f'<h{level + 2} id="{anchor}" class="ra-h" {data}>{label}{text}</h{level + 2}>'
                )
            else:
                path = escape(convert(format_path(entry.section)))
                body.append(
                    f'<p id="{anchor}" class="ra-para-text" title="{path}" {data}>{label}{text}</p>'
                )
        title = escape(convert(titles.get(document, document)))
        parts.append(
            f'<article class="ra-report"><h2>{title}</h2>'
            f'<div class="ra-docname">{escape(document)} · {len(items)} '
            f"{escape(convert('段'))}</div>"
            f'<nav class="ra-toc"><div class="ra-toc-title">{escape(convert("目录"))}</div>'
            f"<ul>{''.join(toc)}</ul></nav>{''.join(body)}</article>"
        )
    return "".join(parts)


def failures_html(failures: Sequence[Mapping[str, Any]], *, convert: Convert = _same) -> str:
    """The evaluation's failing questions as a table (id, question, why, answer, top ¶)."""
    if not failures:
        return f'<div class="ra-pass">{escape(convert("全部问题通过。"))}</div>'
    head = "".join(
        f"<th>{escape(convert(h))}</th>" for h in ("编号", "问题", "原因", "回答", "前三段落")
    )
    rows = "".join(
        "<tr>"
        f"<td>{escape(str(f.get('id', '')))}</td>"
        f"<td>{escape(convert(str(f.get('question', ''))))}</td>"
        f"<td>{escape(str(f.get('why', '')))}</td>"
        f"<td>{escape(convert(str(f.get('answer', '')))) or '—'}</td>"
        f"<td>{escape(' '.join(f'¶{p}' for p in f.get('top', [])))}</td>"
        "</tr>"
        for f in failures
    )
    return f'<table class="ra-failures"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
