"""The mojibake repair against a simulation of the site's damage.

The clean text is the real report with its annotations stripped, its punctuation widened
and its nine damaged runs replaced by what docs/report-noise.md says they were. Re-damaging
it must reproduce the real scraped report; damaging it with every straddling match hit (and
with larger sets of annotated characters, which straddle elsewhere) must be repaired.
"""

from __future__ import annotations

import difflib
import random
import re

import pytest

from assistant.text.mojibake import gbk, simulate
from assistant.text.mojibake.charmodel import CharModel
from assistant.text.mojibake.heading_numbers import implied_number, numeral_text, numeral_value
from assistant.text.mojibake.locate import tokens, windows
from assistant.text.mojibake.restore import repair, view
from assistant.text.pinyin import annotation_table, readings, strip_readings
from assistant.text.script import to_simplified

# line -> (damaged run after stripping readings, what it was: traditional, as the site had it)
ORIGINALS = {
    1: [("?,F(xiàn)將", "。現將")],
    24: [("?jīng)Q", "決"), ("?jīng)Q", "決")],
    30: [("?。ㄈ┩七M(jìn)", "　（三）推進")],
    33: [("?。ㄋ模﹫?jiān)", "　（四）堅")],
    37: [("??己酥贫龋ㄟ^(guò)", "常考核制度，通過")],
    40: [("?。?qiáng)", "　（六）強")],
    45: [("?。ò耍┨岣哒ぷ魅藛T", "　（八）提高政府工作人員")],
    54: [("?zhèn)涞母咚刭|(zhì)", "備的高素質")],
}


def _widen(text: str) -> str:
    """The site's input punctuation: ',,' and ',' were '，', a ',' before 、。;?: was stray."""
    text = re.sub(r",(?=[、。;?:])", "", text.replace(",,", "，"))
    return text.replace(",", "，").replace(";", "；").replace(":", "：")


@pytest.fixture(scope="module")
def clean(report_lines: list[str]) -> list[str]:
    out = []
    for number, line in enumerate(report_lines, start=1):
        text = strip_readings(line)
        for damaged, original in ORIGINALS.get(number, []):
            assert damaged in text
            text = text.replace(damaged, original, 1)
        out.append(_widen(text))
    return out


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


class _Scripted:
    """Answers the site's stray-comma questions from a script (then no), counting them."""

    def __init__(self, bits: list[bool]) -> None:
        self.bits = bits
        self.asked = 0

    def __call__(self, mark: str, aligned: bool) -> bool:
        self.asked += 1
        return self.asked <= len(self.bits) and self.bits[self.asked - 1]


class _LikeTheSite:
    """A stray comma at every straddling match (so each does damage), elsewhere 65 %."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def __call__(self, mark: str, aligned: bool) -> bool:
        return not aligned or self.random.random() < 0.65


def _damage_like(clean: str, seen: str, table: dict[str, str]) -> str:
    """Damage `clean`, choosing each stray comma greedily to look most like `seen`."""
    bits: list[bool] = []
    while True:
        without, with_ = _Scripted([*bits, False]), _Scripted([*bits, True])
        plain = simulate.damage(clean, table, without)
        if without.asked <= len(bits):
            return plain
        comma = simulate.damage(clean, table, with_)
        bits.append(_similarity(comma, seen) > _similarity(plain, seen))


def test_simulation_reproduces_the_real_report(report_lines: list[str], clean: list[str]) -> None:
    table = annotation_table(report_lines)
    for number, (text, seen) in enumerate(zip(clean, report_lines, strict=True), start=1):
        assert _damage_like(text, seen, table) == seen, number


def test_the_report_s_nine_damaged_runs_are_found(report_lines: list[str]) -> None:
    found = []
    for number, line in enumerate(report_lines, start=1):
        toks = tokens(line)
        found += [(number, line[toks[w.first].start : toks[w.last - 1].end]) for w in windows(toks)]
    assert found == [
        (1, "?,F(xiàn)"),
        (24, "?jīng)Q"),
        (24, "?jīng)Q"),
        (30, "?。ㄈ┩七M(jìn)"),
        (33, "?。ㄋ模﹫?jiān)"),
        (37, "??己酥贫龋ㄟ^(guò)"),
        (40, "?。?qiáng)"),
        (45, "?。ò耍┨岣哒ぷ魅藛T"),
        (54, "?zhèn)涞母咚刭|(zhì)"),
    ]


def test_damage_examples() -> None:
    assert simulate.damage("到決策", {"經": "jīng"}) == "到?jīng)Q策"
    assert simulate.damage("鎮", {"鎮": "zhèn"}) == "鎮(zhèn)"
    assert gbk.decode(b"\xa1,,F") == "?,F"  # '?' eats the ASCII byte after a lead byte
    assert gbk.decode(b"\xfd\xa3x") == "x"  # an unassigned pair is dropped
    assert "保和" in simulate.damage(
        "環保和安全", {}, lambda mark, aligned: True
    )  # '：' is no byte step


def _extended_tables(clean: list[str], base: dict[str, str]) -> list[dict[str, str]]:
    """The site's table plus 150 more converted characters: new straddling matches."""
    converted = sorted({c for line in clean for c in line if to_simplified(c) != c})
    tables = []
    for seed in range(3):
        table = dict(base)
        for char in random.Random(seed).sample(converted, 150):
            if readings(char):
                table[char] = sorted(readings(char))[0]
        tables.append(table)
    return tables


def test_simulated_damage_is_repaired(report_lines: list[str], clean: list[str]) -> None:
    """The site's annotated characters, then three larger sets; every straddling match
    does damage."""
    base = annotation_table(report_lines)
    damaged_runs = restored_runs = 0
    for table in [base, *_extended_tables(clean, base)]:
        site = _LikeTheSite(seed=7)
        damaged = [simulate.damage(line, table, site) for line in clean]
        repaired = repair(damaged).lines
        for before, after, want in zip(damaged, repaired, clean, strict=True):
            runs = len(windows(tokens(before)))
            damaged_runs += runs
            restored_runs += runs if view(after) == view(want) else 0
    print(f"simulated damage: {restored_runs} of {damaged_runs} runs restored")
    assert damaged_runs >= 40
    assert restored_runs == damaged_runs


@pytest.mark.parametrize("value", range(1, 100))
def test_numerals_round_trip(value: int) -> None:
    assert numeral_value(numeral_text(value)) == value


def test_heading_number_from_neighbours() -> None:
    lines = ["六、举措", "（二）完善", "正文。正文。", "？强化", "（四）坚持", "七、不足"]
    assert implied_number(lines, 3) == (3, "（二）/（四）")
    assert implied_number(lines, 2) is None  # a body paragraph
    assert implied_number(["（一）甲", "？乙", "（五）丙"], 1) is None  # neighbours disagree


def test_character_model_prefers_the_document_s_pairs() -> None:
    model = CharModel.from_texts(["依法行政，建设法治政府", "（一）依法", "（二）完善"])
    assert model.logp("法", "治") > model.logp("法", "鎰")
    assert model.logp("（", "三") > model.logp("（", "热")  # numerals share what they saw
