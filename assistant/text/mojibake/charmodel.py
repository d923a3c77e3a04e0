"""A character n-gram model of one document, to score candidate repairs of its damaged spots.

Built from the document's own clean text (simplified), smoothed towards a background of
how common each character is in general: a given one (jieba's dictionary, see `words`) or
GB2312's levels (level 1 over level 2 over other Han over symbols):
    model = CharModel.from_texts(["依法行政，建设法治政府"])
    model.logp("法", "治") > model.logp("法", "鎰")          # bigrams, for the beam search
    model.text_logp("建设法治") > model.text_logp("建设法冶")  # trigrams, for the final say
'\\n' stands for a paragraph edge, so the model also knows how paragraphs start and end.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

EDGE = "\n"
INDENT_LOGP = math.log(0.2)  # a paragraph may start with an indent; clean text never shows it
# Characters that behave alike: the model also counts their class, so '（八）' is likely
# when '（一）' '（二）' were seen.
CLASSES = {**dict.fromkeys("〇一二三四五六七八九十", "N"), **dict.fromkeys("0123456789", "D")}
_CLASS_SIZE = {"N": 11, "D": 10}
_COMMON_MARKS = set("，。、；：？！“”《》（）〔〕【】—…·　%.-")
_BACKGROUND_SIZE = 5000.0  # about the total weight of `_weight` over every character


def level_background(char: str) -> float:
    """P(char) a priori, from GB2312's levels alone."""
    return _weight(char) / _BACKGROUND_SIZE


@cache
def _weight(char: str) -> float:
    """How likely a character is a priori, before looking at the document."""
    if char in _COMMON_MARKS or char.isascii():
        return 1.0 if char in _COMMON_MARKS or char.isalnum() else 0.05
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 0.01 if "\u3400" <= char <= "\u9fff" else 0.0005
    if 0xB0 <= lead <= 0xD7:
        return 1.0  # level 1: the 3,755 most used characters
    if 0xD8 <= lead <= 0xF7:
        return 0.1  # level 2
    return 0.01  # GB2312 symbols, kana, box drawing...


@dataclass
class CharModel:
    unigrams: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)
    followers: Counter[str] = field(default_factory=Counter)  # distinct successors per char
    total: int = 0
    classes: Counter[tuple[str, str]] = field(default_factory=Counter)  # bigrams of classes
    class_followers: Counter[str] = field(default_factory=Counter)
    class_counts: Counter[str] = field(default_factory=Counter)
    trigrams: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    contexts: Counter[tuple[str, str]] = field(default_factory=Counter)  # distinct followers
    context_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    background: Callable[[str], float] = level_background  # P(char) before the document
    _p_char: dict[str, float] = field(default_factory=dict, repr=False)

    @classmethod
    def from_texts(
        cls, texts: Iterable[str], background: Callable[[str], float] = level_background
    ) -> CharModel:
        """One text per clean run of the document (simplified, normalised punctuation)."""
        model = cls(background=background)
        for text in texts:
            chars = [EDGE, *text, EDGE]
            model.unigrams.update(chars[1:])
            model.bigrams.update(itertools.pairwise(chars))
            model.trigrams.update(zip(chars, chars[1:], chars[2:], strict=False))
        model.contexts.update((a, b) for a, b, _ in model.trigrams)
        for (a, b, _), count in model.trigrams.items():
            model.context_counts[a, b] += count
        model.total = sum(model.unigrams.values())
        model.followers.update(prev for prev, _ in model.bigrams)
        for (prev, char), count in model.bigrams.items():
            model.classes[CLASSES.get(prev, prev), CLASSES.get(char, char)] += count
        model.class_followers.update(prev for prev, _ in model.classes)
        for char, count in model.unigrams.items():
            model.class_counts[CLASSES.get(char, char)] += count
        return model

    def p_char(self, char: str) -> float:
        """P(char): the document's count, smoothed towards the background."""
        p = self._p_char.get(char)
        if p is None:
            mass = 0.25 * self.total + 100.0  # how much the background counts
            prior = mass * self.background(char)
            p = self._p_char[char] = (self.unigrams.get(char, 0) + prior) / (self.total + mass)
        return p

    def logp(self, prev: str, char: str) -> float:
        """log P(char | prev), Witten-Bell interpolated with `p_char`; where a numeral is
        involved, averaged with the estimate for its class."""
        if prev == EDGE and char.isspace():
            return INDENT_LOGP
        p = self._witten_bell(prev, char)
        if prev in CLASSES or char in CLASSES:
            p = (p + self._by_class(prev, char)) / 2
        return math.log(p)

    def logp3(self, first: str, prev: str, char: str) -> float:
        """log P(char | first, prev), Witten-Bell interpolated with the bigram estimate."""
        lower = math.exp(self.logp(prev, char))
        kinds = self.contexts[first, prev]
        if not kinds:
            return math.log(lower)
        seen = self.context_counts[first, prev]
        return math.log((self.trigrams[first, prev, char] + kinds * lower) / (seen + kinds))

    def text_logp(self, text: str) -> float:
        """log P(text[2:] | text[:2]) by the trigram estimate: for comparing readings of one
        spot, each given with the same context on both sides."""
        return sum(self.logp3(a, b, c) for a, b, c in zip(text, text[1:], text[2:], strict=False))

    def _witten_bell(self, prev: str, char: str) -> float:
        seen = self.unigrams[prev]  # every character (and each edge) is followed once
        kinds = self.followers[prev]
        if not kinds:
            return self.p_char(char)
        pair = self.bigrams[prev, char]
        return (pair + kinds * self.p_char(char)) / (seen + kinds)

    def _by_class(self, prev: str, char: str) -> float:
        """P(class of char | class of prev) * P(char | its class)."""
        first, second = CLASSES.get(prev, prev), CLASSES.get(char, char)
        seen, kinds = self.class_counts[first], self.class_followers[first]
        share = 1 / _CLASS_SIZE.get(second, 1)
        lower = (
            (self.class_counts[second] + 1) / (self.total + 100)
            if second in _CLASS_SIZE
            else self.p_char(char) / share
        )
        if not kinds:
            return lower * share
        return (self.classes[first, second] + kinds * lower) / (seen + kinds) * share
