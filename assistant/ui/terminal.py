"""Plain-text rendering of a response for the terminal."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answering.extract import NOT_IN_REPORT
from assistant.engine import Response

BOLD_YELLOW = "\033[1;33m{}\033[0m"
DIM = "\033[2m{}\033[0m"


def render_text(response: Response, *, colour: bool) -> str:
    mark: Callable[[str], str] = (lambda s: BOLD_YELLOW.format(s)) if colour else (
        lambda s: f"【{s}】"
    )  # fmt: skip
    dim: Callable[[str], str] = (lambda s: DIM.format(s)) if colour else (lambda s: s)
    answer = response.answer
    lines: list[str] = []
    if answer.abstained:
        lines.append(f"答：{NOT_IN_REPORT}")
    else:
        lines.append(f"答：{answer.marked(mark)}")
        for c in answer.citations:
            where = " › ".join(
                p for p in (response.titles.get(c.document, c.document), c.section) if p
            )
            lines.append(dim(f"  [{c.number}] {where} ¶{c.paragraph}"))
    lines.append("")
    for place, hit in enumerate(response.passages, start=1):  # as shown: the answer's first
        chunk = hit.chunk
        lines.append(f"{place}. ¶{chunk.paragraph}  score {hit.score:.3f}  {chunk.document}")
        if chunk.section:
            lines.append(dim(f"   {chunk.section_path}"))
        lines.append(f"   {chunk.text}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
