"""The terminal rendering of a response (`assistant ask` without --json), and the README's
example of the --json one."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from assistant.answering.extract import Answer, Citation
from assistant.engine import Response
from assistant.report.chunks import Chunk
from assistant.retrieval.search import Hit
from assistant.ui.terminal import render_text

DOC = "notes.txt"


def _response(section: tuple[str, ...]) -> Response:
    chunk = Chunk(0, DOC, 1, section, "2022年共受理纠纷31宗。")
    citation = Citation(1, DOC, " › ".join(section), 1)
    answer = Answer("2022年共受理纠纷31宗。[1]", ("31宗",), (citation,), False, 1.0)
    return Response(
        "受理了多少宗纠纷？", (Hit(chunk, 1, 1.0, 0.9, 0.5, 0.0),), answer, {DOC: "笔记"}
    )


def test_a_citation_shows_title_section_and_paragraph() -> None:
    text = render_text(_response(("一、调解",)), colour=False)
    assert "  [1] 笔记 › 一、调解 ¶1\n" in text
    assert "【31宗】" in text


def test_a_citation_without_a_section_has_no_stray_separator() -> None:
    text = render_text(_response(()), colour=False)
    assert "  [1] 笔记 ¶1\n" in text
    assert "›" not in text


def test_passages_are_numbered_as_shown_not_by_search_rank() -> None:
    """The answer's paragraph is shown first with its search rank 2: the list reads 1., 2."""
    response = _response(("一、调解",))
    other = Hit(Chunk(1, DOC, 2, (), "2021年共受理纠纷20宗。"), 1, 1.1, 0.9, 0.6, 0.0)
    cited = replace(response.passages[0], rank=2)
    text = render_text(replace(response, passages=(cited, other)), colour=False)
    assert re.search(r"^1\. ¶1 .*\n(?:.*\n)*^2\. ¶2 ", text, re.M)


def test_the_readme_json_example_is_valid_and_has_every_field() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", readme, re.S)
    assert block is not None
    example = json.loads(block.group(1))
    real = _response(("一、调解",)).to_dict()
    assert set(example) == set(real)
    assert set(example["citations"][0]) == set(real["citations"][0])
    assert set(example["passages"][0]) == set(real["passages"][0])
