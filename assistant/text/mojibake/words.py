"""Word checks with jieba's dictionary, for candidate repairs the document alone cannot judge.

    char_probability('所') ~ 0.003           # how common a character is, for unseen ones
    follow_probability('淡', '薄') ~ 0.06    # 淡薄 is a word; 淡省 is not: 0.0
    text_logp('提高政府工作人员') ~ -26.2    # 提高 / 政府 / 工作人员
    text_logp('提高政工作人员') ~ -28.1      # 提高 / 政工 / 作 / 人员
jieba loads its dictionary on first use (about half a second, shared with the keyword
index); the repair only asks when a document has damage to undo.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from assistant.text.mojibake.charmodel import level_background

_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def text_logp(text: str) -> float:
    """log P(text) under jieba's word-unigram model, on its best segmentation of each run
    of Chinese characters (punctuation, digits and latin are not scored)."""
    tokenizer = _jieba().dt
    total = 0.0
    for run in _HAN_RUN.findall(text):
        route: dict[int, tuple[float, int]] = {}
        tokenizer.calc(run, tokenizer.get_DAG(run), route)
        total += float(route[0][0])
    return total


def follow_probability(prev: str, char: str) -> float:
    """How often `prev` starts the word `prev + char`, by jieba's word counts, in [0, 1)."""
    freq = _jieba().dt.FREQ
    pair = freq.get(prev + char) or 0
    return pair / (pair + (freq.get(prev) or 0)) if pair else 0.0


@cache
def _single_total() -> int:
    """The summed counts of jieba's one-character words."""
    return sum(count for word, count in _jieba().dt.FREQ.items() if len(word) == 1)


def char_probability(char: str) -> float:
    """P(char) for a Chinese character, from jieba's one-character word counts (a proxy
    for how common it is: 所 76,462, 恕 876); other characters by GB2312 level."""
    if not _HAN_RUN.match(char):
        return level_background(char)
    return ((_jieba().dt.FREQ.get(char) or 0) + 1) / _single_total()
