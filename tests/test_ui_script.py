"""The 简体 / 繁體 toggle's pure parts: status lines keep their names, Gradio's own words."""

from __future__ import annotations

import pytest

from assistant.ui.page_script import (
    SIMPLIFIED,
    TRADITIONAL,
    Words,
    convert_of,
    gradio_words,
    restyle,
)


@pytest.mark.parametrize(
    ("line", "traditional"),
    [
        (
            "已记录 **m001**（对，¶26）到 `报告/marks.jsonl`",
            "已記錄 **m001**（對，¶26）到 `报告/marks.jsonl`",
        ),
        ("已添加「讲座报告.txt」，共 2 份报告。", "已添加「讲座报告.txt」，共 2 份報告。"),
        ("", ""),
    ],
)
def test_a_status_line_changes_script_but_keeps_its_names(line: str, traditional: str) -> None:
    assert restyle(line, TRADITIONAL) == traditional
    assert restyle(traditional, SIMPLIFIED) == line


def test_an_unknown_script_shows_text_as_written() -> None:
    assert convert_of("klingon")("报告") == "报告" and convert_of(None)("报告") == "报告"
    assert convert_of(TRADITIONAL)("报告") == "報告"


def test_gradio_words_cover_the_upload_area_and_the_footer() -> None:
    words = gradio_words()
    assert words["将文件拖放到此处"] == "將文件拖放到此處"
    assert words["通过 API 使用"] == "通過 API 使用"
    assert all(simplified != traditional for simplified, traditional in words.items())


def test_words_update_every_registered_property() -> None:
    words = Words()
    words.add("tab", label="报告全文")
    words.add("button", value="运行评测")
    assert [u["label" if "label" in u else "value"] for u in words.updates(TRADITIONAL)] == [
        "報告全文",
        "運行評測",
    ]
    assert words.updates(SIMPLIFIED)[0]["label"] == "报告全文"
