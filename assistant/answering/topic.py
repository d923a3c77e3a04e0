"""Is the shown answer about what a question for a number, a date or a name asks about?

A national work report gives a figure in nearly every sentence, so "a count was asked and
the sentence holds one" says little: 今年房价上涨的控制目标是多少？ was answered with
国内生产总值增长6%以上 (both are this year's targets). What a question asks about is in its
nouns (jieba's tags), each weighed by how specific it is in the collection: its idf, log(1 +
passages / passages holding it). `topic_share` is the weight of those found in the answer or
before it in its passage (where a 他 or 该 in the answer points to) over the weight of all of
them; below TOPIC_SHARE the answer is about something else and the report does not say.
Nouns the collection never uses are left out: they are as often a paraphrase (老百姓 for 群众)
as a topic the report lacks.

    topic_share('今年房价上涨的控制目标是多少？', '…国内生产总值增长6%以上', frequency, 94) -> 0.0

TOPIC_SHARE is the largest cut that refuses at most 1 % of the right answers to typed
questions on CMRC 2018 trial + DRCD test: `python benchmarks/topic_gate.py` measures 0.4 % of
them (3 of 679) against 37 % of the answers given when the gold passage is removed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from assistant.answering.answer_types import tagged_words
from assistant.text.tokens import normalize

TOPIC_SHARE = 0.3
_INTERROGATIVE = re.compile(r"多少|几|什么|哪|谁|怎|如何|为何|是否|有没有|吗")
# Interrogative phrases whose noun is not a topic: 什么时候, 多长时间, 什么地方.
_ASKING_PHRASE = re.compile(r"(?:什么|多长|哪个|哪段|何)(?:时候|时间|时期|年份|地方|名字)")
# jieba's tags for nouns, names, fixed expressions (个人所得税) and verbal nouns (援助): the
# things a question asks about. Verbs and function words (开会, 经过) are not topics.
_TOPIC_TAGS = ("n", "nr", "nrt", "ns", "nt", "nz", "l", "vn", "j")


def question_words(question: str) -> list[str]:
    """The question's nouns of two or more characters, without its interrogatives."""
    out: list[str] = []
    text = _ASKING_PHRASE.sub("，", normalize(question))
    for word in tagged_words(text, _TOPIC_TAGS):
        if not _INTERROGATIVE.search(word) and word not in out:
            out.append(word)
    return out


def topic_share(
    question: str, context: str, frequency: Callable[[str], int], size: int
) -> float | None:
    """The idf-weighted share of the question's nouns that `context` holds; None when none
    of them occurs in the collection of `size` passages (`frequency(word)`: how many hold it)."""
    weights = {}
    for word in question_words(question):
        count = frequency(word)
        if count > 0:
            weights[word] = math.log(1.0 + size / count)
    if not weights:
        return None
    text = normalize(context)
    return sum(w for word, w in weights.items() if word in text) / sum(weights.values())


def off_topic(question: str, context: str, frequency: Callable[[str], int], size: int) -> bool:
    """The answer is about something else than what the question asks about."""
    share = topic_share(question, context, frequency, size)
    return share is not None and share < TOPIC_SHARE
