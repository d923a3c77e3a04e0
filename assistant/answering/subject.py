"""A question sharing nothing with its answer's passage but the report's subject is not answered.

大涌镇的交通怎么样？ and 大涌镇有什么特产？ were answered with the opening paragraph and a study
session: they share 大涌镇, the town the whole report is about, and nothing else. What such a
question asks about is in its other words (交通, 特产); when the passage writes none of them, it
is about something else, and the report does not say.

    own_words('大涌镇的交通怎么样？', '大涌镇2022年度法治政府建设情况报告')  -> ['交通']
    shares_nothing('大涌镇有什么特产？', '3月24日，大涌镇召开…', title)        -> True

The words are jieba's (two characters or more), without interrogatives, the words of the
report's title and those made of its characters (镇政府 of 大涌镇…法治政府…). A question
whose every word is in the title (大涌镇的法治政府建设怎么样？) is about the whole report and is
not refused here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.tokens import normalize, words

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A figure or a date the question writes is a word of it too: 12月9日, 4·15.
_FIGURE = re.compile(r"\d+(?:[.·:/-]\d+)*[年月日号]?")
# Interrogatives and the frame of a question about a report, which name no topic.
_FRAME = re.compile(
    r"^(?:什么|怎么|怎么样|怎样|如何|哪些|哪个|哪里|多少|为什么|为何|是否|有没有|是不是|"
    r"有何|请问|一下|报告|提到|提出|说明|介绍|具体|主要|情况|内容|方面)$"
)


@lru_cache(maxsize=64)
def _title_words(title: str) -> frozenset[str]:
    """The title's words and character pairs (jieba leaves 大涌镇 in single characters)."""
    text = normalize(title)
    return frozenset({w for run in _CJK_RUN.findall(text) for w in words(run)}) | {
        text[i : i + 2] for i in range(len(text) - 1)
    }


@lru_cache(maxsize=256)  # asked for each candidate passage of a question
def own_words(question: str, title: str) -> tuple[str, ...]:
    """The question's words beyond interrogatives, frame words and the report's title."""
    in_title = _title_words(title)
    found: list[str] = []
    for run in _CJK_RUN.findall(normalize(question)):
        for word in words(run):
            if _FRAME.match(word) or word in in_title or set(word) <= set(normalize(title)):
                continue  # 镇政府 is made of the title's characters: the report's subject
            if word not in found:
                found.append(word)
    return (*found, *(f for f in _FIGURE.findall(normalize(question)) if f not in title))


def _written(word: str, text: str) -> bool:
    return word in text or (len(word) >= 4 and word[:2] in text and word[2:] in text)


@lru_cache(maxsize=256)
def names_subject(question: str, title: str) -> bool:
    """The question names what the report is about: a word of its title (大涌镇, 国务院), not
    only its frame (报告, 情况)."""
    text = normalize(question)
    subject = [w for w in _title_words(title) if _CJK_RUN.fullmatch(w) and not _FRAME.match(w)]
    return any(w in text for w in subject)


def shares_nothing(question: str, passage: str, title: str) -> bool:
    """The question names the report's subject, has words of its own, and the passage writes
    none of them."""
    asked = own_words(question, title)
    if not asked or not names_subject(question, title):
        return False  # the passage is not read
    text = normalize(passage)
    return not any(_written(word, text) for word in asked)
