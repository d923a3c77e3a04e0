"""Keyword tokens for Chinese (and the odd English) text; the same function tokenizes the
corpus and the question, so traditional and simplified, full- and half-width all meet.

    tokens('村(社區)法律顧問提供205宗') ->
        ['村', '社区', '法律', '律顾', '顾问', '问提', '提供', '205', ...]
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from assistant.text.script import to_simplified

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:\.[0-9]+)?")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def normalize(text: str) -> str:
    """Simplified script, half-width letters and digits, lower case."""
    return to_simplified(unicodedata.normalize("NFKC", text)).lower()


def bigrams(run: str) -> list[str]:
    """'法律顾问' -> ['法律', '律顾', '顾问']; a lone character is its own token."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


@cache
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


@cache
def posseg() -> object:
    """jieba's part-of-speech tagger, loaded once (half a second: keep it off the question
    path where a question does not need it)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


def words(run: str) -> list[str]:
    """jieba words of a CJK run, without single characters (bigrams cover those)."""
    jieba = _jieba()
    return [w for w in jieba.lcut(run, HMM=False) if len(w) > 1]  # type: ignore[attr-defined]


def tokens(text: str, *, with_words: bool = False) -> list[str]:
    out: list[str] = []
    for run in _RUN.findall(normalize(text)):
        if _CJK.match(run):
            out.extend(bigrams(run))
            if with_words:
                out.extend("w:" + w for w in words(run) if len(w) > 2)
        else:
            out.append(run)
    return out


# Interrogatives carry no topic: '存在哪些不足' should search 存在/不足, not 在哪/哪些/些不.
_INTERROGATIVES = re.compile(
    r"多少|什么|哪些|哪个|哪几|哪位|哪里|哪一|哪|如何|怎么|怎样|为什么|为何|是否|有没有|是不是|"
    r"吗|呢|请问|几"
)


def question_tokens(question: str, *, with_words: bool = False) -> list[str]:
    """Keyword tokens of a question without its interrogatives (all tokens if none remain)."""
    text = normalize(question)
    return tokens(_INTERROGATIVES.sub(" ", text), with_words=with_words) or tokens(
        text, with_words=with_words
    )
