"""Full-width punctuation of Chinese official documents, restored from the scraped ASCII.

The site turned every '，' into ',' and put a stray ',' before other punctuation:
    '建設,,圍繞' -> '建設，圍繞'    '學法,、用法' -> '學法、用法'    '工作,。' -> '工作。'
    '整治;在' -> '整治；在'         '強調:一是' -> '強調：一是'      '村(社區)' -> '村（社區）'
ASCII punctuation is only touched next to Chinese text, so English, decimals ('3.5'),
numbers ('1,000') and item numbers ('1.') keep theirs.
"""

from __future__ import annotations

import re

# Characters that make the context Chinese: CJK symbols and punctuation, kana, bopomofo,
# ideographs (with extensions), compatibility forms and full-width forms.
WIDE = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff"
)
_HAN = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"

_PARENS = re.compile(r"\(([^()\n]*)\)")
_HAS_WIDE = re.compile(f"[{WIDE}]")
_COMMAS = re.compile(f"(?<=[{WIDE}]),+|,+(?=[{WIDE}])")
_ABSORBS_COMMA = set("、。；;？?：:！!")
_MARKS = re.compile(f"(?<=[{WIDE}])[;:?!]|[;:?!](?=[{WIDE}])")
_FULL = {";": "；", ":": "：", "?": "？", "!": "！"}
# A PDF's text layer puts a space wherever the font changes: 增长 9.2% 。, 5% 左右, 巩固 “ 双减 ”.
# Chinese text never spaces a figure, a percent sign or a curly quote from the Chinese beside
# it; English keeps its spaces (the “best” way, GDP 增长).
_FIGURE_EDGE = "0-9%“”‘’"
_SPACES = re.compile(
    f"(?<=[{WIDE}])[ \u00a0]+(?=[{_FIGURE_EDGE}])|(?<=[{_FIGURE_EDGE}])[ \u00a0]+(?=[{WIDE}])"
)

# Digits spaced out one by one, as a letter-spaced page or the 1998 work report's scrape writes
# them (从1 9 9 3 年3 月, 达到7 4 7 7 2 亿元): between Chinese characters a run of single digits
# with a space after each is one number.
_SPACED_DIGITS = re.compile(f"(?<=[{WIDE}])\\d(?: \\d)+(?=[ \u00a0]?[{WIDE}])")


def _parens(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1] if match.start() else ""
    if _HAS_WIDE.search(match.group(1)) or _HAS_WIDE.match(before):
        return f"（{match.group(1)}）"
    return match.group(0)


def _commas(match: re.Match[str]) -> str:
    after = match.string[match.end() : match.end() + 1]
    return "" if after in _ABSORBS_COMMA else "，"


def _once(text: str) -> str:
    text = _PARENS.sub(_parens, text)
    text = _COMMAS.sub(_commas, text)
    text = _MARKS.sub(lambda match: _FULL[match.group(0)], text)
    text = _SPACED_DIGITS.sub(lambda match: match.group(0).replace(" ", ""), text)
    return _SPACES.sub("", text)


def normalise(text: str) -> str:
    """ASCII punctuation next to Chinese text -> the full-width forms; the spaces between
    Chinese and a figure, a percent sign or a curly quote go, and those inside a number
    spaced out digit by digit.

    Repeated to a fixed point ('?,F' -> '？,F' -> '？，F'), so normalising twice changes
    nothing; every round only widens or drops characters, so it ends.
    """
    while (done := _once(text)) != text:
        text = done
    return text
