"""What a question asks about, as weighted words: the input to choosing a sentence and the
clause to highlight in it.

    focus = question_focus('书记要求打造什么样的环境', idf)
    focus.weights  -> {'书记': 3.1, '要求': 1.2, '打造': 6.0, '环境': 5.4}   idf, doubled
                                                                        next to 什么
    focus.near     -> {'打造', '环境'}      within 4 characters of the interrogative
    focus.before   -> {'书记', '要求', '打造'}   the words written before it, and after it:
    focus.after    -> {'环境'}                  an answer often follows what precedes 什么
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.text.tokens import normalize, question_tokens

_INTERROGATIVE = re.compile(
    r"什么|哪些|哪个|哪几|哪位|哪里|哪|多少|几|谁|如何|怎么|怎样|为什么|为何"
)
NEAR = 4  # characters between a word and the interrogative for it to be "next to" it


@dataclass(frozen=True)
class Focus:
    weights: dict[str, float]
    near: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()
    after: frozenset[str] = frozenset()


def content_tokens(question: str) -> list[str]:
    """The question's keyword tokens without question words ('多少', '哪些', ...)."""
    return question_tokens(question)


def question_focus(question: str, idf: Callable[[str], float]) -> Focus:
    """The question's content words, weighted by idf (doubled next to the interrogative), and
    where they stand against it. A question without an interrogative has all its words
    before it."""
    text = normalize(question)
    marks = [m.start() for m in _INTERROGATIVE.finditer(text)]
    query = sorted(set(content_tokens(question)))  # sorted: sums in one order, any hash seed
    first = marks[0] if marks else len(text)
    near: set[str] = set()
    before: set[str] = set()
    after: set[str] = set()
    for token in query:
        at = [m.start() for m in re.finditer(re.escape(token), text)]
        if any(abs(a - m) <= NEAR for a in at for m in marks):
            near.add(token)
        (before if at and at[0] < first else after).add(token)
    rarest = max((idf(t) for t in query), default=1.0) or 1.0
    weights = {t: (idf(t) or rarest) * (2.0 if t in near else 1.0) for t in query}
    return Focus(weights, frozenset(near), frozenset(before), frozenset(after))


def focus_weights(question: str, idf: Callable[[str], float]) -> dict[str, float]:
    """`question_focus(...).weights`."""
    return question_focus(question, idf).weights
