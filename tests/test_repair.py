"""Text repair on the real scraped report: mojibake, pinyin, punctuation, script."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.text.pinyin import annotation_table, strip_readings
from assistant.text.punctuation import normalise
from assistant.text.repair import RepairedText, repair_lines

PINYIN_ANNOTATION = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")
CJK = "\u4e00-\u9fff"


@pytest.fixture(scope="module")
def repaired(report_lines: list[str]) -> RepairedText:
    return repair_lines(report_lines)


# The nine damaged spots of the report (docs/report-noise.md, section 3): line -> text the
# repaired line must contain (headings: start with).
MOJIBAKE_SPOTS = [
    (1, "建设。现将大涌镇2022年度"),
    (24, "行为内容到决策程序最后到决策执行"),
    (30, "（三）推进行政决策科学化"),
    (33, "（四）坚持严格规范"),
    (37, "推行行政执法人员日常考核制度，通过组织收看"),
    (40, "（六）强化对行政权力"),
    (45, "（八）提高政府工作人员法治思维"),
    (54, "建设德才兼备的高素质法治工作队伍"),
]
# What the damage looked like: none of it may survive.
DEBRIS = ["?", "\ufffd", "ㄈ", "┩", "ㄋ", "﹫", "ò", "耍", "┨", "岣", "哒", "ぷ", "魅", "藛",
          "酥", "贫龋", "ㄟ", "涞", "咚", "刭", "F", "M", "^", "|", "Q", "T"]  # fmt: skip


@pytest.mark.parametrize(("number", "expected"), MOJIBAKE_SPOTS)
def test_mojibake_spot_is_restored(repaired: RepairedText, number: int, expected: str) -> None:
    line = repaired.lines[number - 1]
    if expected.startswith("（"):
        assert line.startswith(expected), line[:40]
    else:
        assert expected in line, line


def test_line_24_is_restored_twice(repaired: RepairedText) -> None:
    assert repaired.lines[23].count("到决策") == 2


def test_no_mojibake_debris_remains(repaired: RepairedText) -> None:
    text = "\n".join(repaired.lines)
    for debris in DEBRIS:
        assert debris not in text, debris
    # bopomofo, box drawing, kana and small-form variants are never in a Chinese report
    assert not re.search("[\u3100-\u312f\u2500-\u257f\u3040-\u30ff\ufe50-\ufe6f]", text)


def test_inferred_heading_numbers_are_noted(repaired: RepairedText) -> None:
    assert len(repaired.notes) == 2
    assert repaired.notes[0].startswith("line 30: heading number （三）")
    assert "（二）/（四）" in repaired.notes[0]
    assert repaired.notes[1].startswith("line 40: heading number （六）")
    assert "（五）/（七）" in repaired.notes[1]


def test_whole_report_repairs_fast(report_lines: list[str], repaired: RepairedText) -> None:
    start = time.perf_counter()
    again = repair_lines(report_lines)
    elapsed = time.perf_counter() - start
    assert again == repaired  # deterministic
    assert elapsed < 2.0, f"{elapsed:.2f} s (libraries already loaded)"


def test_line_count_and_empty_lines_are_kept() -> None:
    assert repair_lines(["", "  ", "鎮(zhèn)"]).lines == ("", "", "镇")
    assert repair_lines([]).lines == ()


def test_invisible_characters_of_a_web_page_are_dropped() -> None:
    # The 2017 work report on Wikisource writes 74.4\u200b万亿元: a figure the answer types must
    # read as one, and a key a user copies without the zero-width space.
    line = "国内生产总值达到74.4\u200b万亿元，\ufeff增长6.7%，研发经费支出与国内生产总值\u200b之比"
    assert repair_lines([line]).lines == (
        "国内生产总值达到74.4万亿元，增长6.7%，研发经费支出与国内生产总值之比",
    )


def test_report_keeps_its_56_lines(report_lines: list[str], repaired: RepairedText) -> None:
    assert len(report_lines) == len(repaired.lines) == 56


def test_no_pinyin_annotation_survives(repaired: RepairedText) -> None:
    for number, line in enumerate(repaired.lines, start=1):
        assert not PINYIN_ANNOTATION.search(line), (number, line)


def test_real_parentheses_survive(repaired: RepairedText) -> None:
    text = "\n".join(repaired.lines)
    assert text.count("村（社区）") >= 10
    assert "（2021-2025年）" in text
    assert "（国发〔2010〕33号）" in text
    assert "（包括新行政处罚法）" in text
    assert "（企业和个人）" in text
    assert repaired.lines[22].startswith("（一）依法全面履行政府职能")


def test_output_is_simplified_with_full_width_punctuation(repaired: RepairedText) -> None:
    assert repaired.lines[0].startswith("2022年，大涌镇坚持以习近平新时代中国特色社会主义思想")
    assert repaired.lines[2].startswith("我镇严格落实“第一议题”制度，将党的二十大精神")
    assert "学法、用法、考法、述法" in repaired.lines[6]
    assert "会议强调：一是" in repaired.lines[2]
    assert "12月31日及之前" in repaired.lines[15]
    assert "收到政府信息公开申请4件" in repaired.lines[38]
    assert "“防控疫情 法治同行”" in repaired.lines[47]
    assert repaired.lines[23].startswith("1.职权法定，")
    assert "约341.53万元" in repaired.lines[42]


def test_no_ascii_comma_or_semicolon_between_chinese(repaired: RepairedText) -> None:
    for line in repaired.lines:
        assert not re.search(f"[{CJK}（）、。][,;:]|[,;:][{CJK}（）]", line), line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大涌鎮(zhèn)堅(jiān)持", "大涌鎮堅持"),
        ("村(社區)", "村(社區)"),
        ("(一)依法", "(一)依法"),
        ("經(jìng)", "經"),  # a heteronym is still a reading
        ("鎮(jiān)", "鎮(jiān)"),  # not a reading of 鎮
        ("F(xiàn)", "F(xiàn)"),  # after a mojibake byte: evidence, not an annotation
        ("鎮(zhèn)(zhèn)(abc)", "鎮(abc)"),
        ("a(a)", "a(a)"),
    ],
)
def test_strip_readings(text: str, expected: str) -> None:
    assert strip_readings(text) == expected


def test_annotation_table_learns_the_site_readings(report_lines: list[str]) -> None:
    table = annotation_table(report_lines)
    assert len(table) == 110
    assert table["鎮"] == "zhèn"
    assert table["經"] == "jīng"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年,,大涌", "2022年，大涌"),
        ("學法,、用法", "學法、用法"),
        ("工作,。", "工作。"),
        ("整治,;在", "整治；在"),
        ("強調:一是", "強調：一是"),
        ("(2021-2025年)", "（2021-2025年）"),
        ("12月31 日", "12月31日"),
        ("防控疫情 法治同行", "防控疫情 法治同行"),
        ("Hello, world: 3.5 and 1,000 (see p. 3)?", "Hello, world: 3.5 and 1,000 (see p. 3)?"),
        ("1.職權", "1.職權"),
        # A PDF's text layer spaces every change of font (the 2025 work report printed by
        # Chromium): the figure and its 左右 are one answer.
        ("国内生产总值增长5% 左右；", "国内生产总值增长5%左右；"),
        ("增长 9.2% 。新", "增长9.2%。新"),
        ("巩固 “ 双减 ” 成果", "巩固“双减”成果"),
        ("the “best” way, GDP 增长", "the “best” way, GDP 增长"),
        # Digits spaced one by one (the 1998 work report's scrape): one number between Chinese.
        ("政府从1 9 9 3 年3 月", "政府从1993年3月"),
        ("达到7 4 7 7 2 亿元，增长8 ．8 ％。", "达到74772亿元，增长8．8％。"),
        ("steps 1 2 3 of 增长", "steps 1 2 3 of 增长"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_clean_simplified_text_passes_through() -> None:
    clean = [
        "（三）推进行政决策科学化、民主化、法治化",
        "1.健全科学民主依法决策机制。落实《重大行政决策程序暂行条例》，推进决策程序制度化。",
        "涉案金额约341.53万元，有效发挥基层人民调解作用。",
        "",
        "An English line, with commas: 3.5 and (notes).",
    ]
    assert repair_lines(clean).lines == tuple(clean)


def test_repair_is_idempotent(repaired: RepairedText) -> None:
    assert repair_lines(repaired.lines).lines == repaired.lines


ALPHABET = st.sampled_from(
    [
        *"大涌镇鎮法治政府建設三四（）()，,。.;；:：“”？?!、 　\t",
        "鎮(zhèn)",
        "?jīng)",
        "(社區)",
        "?。ㄈ┩七M",
        "F(xiàn)",
        "1.",
        "\x00",
        "🙂",
        "é",
    ]
)
LINES = st.lists(st.lists(ALPHABET, max_size=40).map("".join) | st.text(max_size=40), max_size=6)


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_any_lines_repair_without_error_keeping_count(lines: list[str]) -> None:
    result = repair_lines(lines)
    assert len(result.lines) == len(lines)
    assert all(isinstance(line, str) for line in result.lines)


@settings(max_examples=200, deadline=None)
@given(LINES)
def test_repair_of_any_lines_is_idempotent(lines: list[str]) -> None:
    once = repair_lines(lines).lines
    assert repair_lines(once).lines == once
