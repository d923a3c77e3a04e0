"""Extractive answers: the sentence(s) of the top passages that answer the question, the key
phrase in them, numbered citations, and an honest abstention when the evidence is weak.

No language model: sentences are scored by how much of the question's rare vocabulary they
contain (idf-weighted), plus the retrieval score of their passage and the presence of the
kind of thing asked for (a number for 多少, a date for 何时, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.chunks import sentences
from assistant.search import Hit
from assistant.tokenize import normalize, tokens

# What kind of phrase a question asks for, and how that phrase looks in the report.
_NUMBER = (
    r"(?:约|近|超过|共|达)?\d+(?:\.\d+)?(?:余|多)?"
    r"(?:万|亿)?(?:元|宗|件|场|人次|人|份|个|次|名|项|家|户|期|篇|所|条|起|单|%|％|届|部|岁)?"
)
_DATE = (
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}月)?(?:底前|底|初|以来)?|\d{4}年(?:以来|底)?"
)
_KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "number",
        re.compile(
            r"多少|几[个份宗场件次名项家户篇所条起人]|数量|人次|金额|how many|how much", re.I
        ),
        re.compile(_NUMBER),
    ),
    ("date", re.compile(r"什么时候|何时|哪天|哪一天|几月|日期|时间|when", re.I), re.compile(_DATE)),
)
_QUESTION_WORDS = re.compile(
    r"多少|什么|哪些|哪个|哪位|哪里|如何|怎么|怎样|为什么|是否|有没有|吗|呢|请问|报告|"
    r"大涌镇|大涌|我镇|本镇|该镇|镇里|2022年"
)


@dataclass(frozen=True)
class Citation:
    number: int  # [1], [2] ... in the answer text
    document: str
    section: str
    paragraph: int


@dataclass(frozen=True)
class Answer:
    text: str  # plain answer text with [n] citation marks; "" when abstained
    highlights: tuple[str, ...]  # key phrases inside `text`
    citations: tuple[Citation, ...]
    abstained: bool
    confidence: float  # the evidence score compared with the abstention threshold

    def marked(self, mark: Callable[[str], str]) -> str:
        """The answer text with each key phrase wrapped by `mark` (terminal colour, <mark>)."""
        out = self.text
        for phrase in sorted(set(self.highlights), key=len, reverse=True):
            out = out.replace(phrase, mark(phrase))
        return out


NOT_IN_REPORT = "报告中似乎没有回答这个问题。以下是最接近的段落，供参考。"


def question_kind(question: str) -> tuple[str, re.Pattern[str]] | None:
    for name, asks, looks in _KINDS:
        if asks.search(question):
            return name, looks
    return None


def content_tokens(question: str) -> list[str]:
    """The question's keyword tokens without question words ('多少', '哪些', ...)."""
    return tokens(_QUESTION_WORDS.sub(" ", normalize(question)))


def confidence(hits: Sequence[Hit]) -> float:
    """Evidence that the top passage answers the question: its dense and keyword match."""
    if not hits:
        return 0.0
    top = hits[0]
    return top.dense + 0.5 * top.keyword


def _sentence_score(
    sentence: str, query: set[str], idf: Callable[[str], float], kind: re.Pattern[str] | None
) -> float:
    have = set(tokens(sentence))
    total = sum(idf(t) for t in query) or 1.0
    score = sum(idf(t) for t in query & have) / total
    if kind is not None and kind.search(sentence):
        score += 0.3
    return score


def extract(
    question: str,
    hits: Sequence[Hit],
    *,
    idf: Callable[[str], float],
    threshold: float,
    max_sentences: int = 2,
) -> Answer:
    """Pick the answering sentence(s) from the top hits and cite their paragraphs."""
    conf = confidence(hits)
    if not hits or conf < threshold:
        return Answer("", (), (), abstained=True, confidence=conf)
    query = set(content_tokens(question)) or set(tokens(question))
    asked = question_kind(question)
    kind = asked[1] if asked else None
    scored: list[tuple[float, int, str]] = []
    for position, hit in enumerate(hits[:3]):
        prior = 0.15 * (hit.score / hits[0].score if hits[0].score > 0 else 0.0)
        for sentence in sentences(hit.chunk.text):
            if len(sentence.strip()) < 4:
                continue
            score = _sentence_score(sentence, query, idf, kind) + prior - 0.05 * position
            scored.append((score, position, sentence.strip()))
    if not scored:
        return Answer("", (), (), abstained=True, confidence=conf)
    scored.sort(key=lambda item: -item[0])
    best = scored[0][0]
    chosen = [scored[0]]
    for item in scored[1:]:
        if len(chosen) >= max_sentences:
            break
        if item[0] >= 0.8 * best and item[2] not in {c[2] for c in chosen}:
            chosen.append(item)
    citations: list[Citation] = []
    parts: list[str] = []
    for _, position, sentence in chosen:
        hit = hits[position]
        number = next(
            (c.number for c in citations if c.paragraph == hit.chunk.paragraph
             and c.document == hit.chunk.document),
            len(citations) + 1,
        )  # fmt: skip
        if number == len(citations) + 1:
            citations.append(
                Citation(number, hit.chunk.document, hit.chunk.section_path, hit.chunk.paragraph)
            )
        parts.append(f"{sentence}[{number}]")
    text = "".join(parts)
    highlights = _highlights(text, kind, query)
    return Answer(text, highlights, tuple(citations), abstained=False, confidence=conf)


def _highlights(text: str, kind: re.Pattern[str] | None, query: set[str]) -> tuple[str, ...]:
    """The asked-for phrase (a number, a date) nearest the question's words, else the clause
    sharing most with the question."""
    clean = re.sub(r"\[\d+\]", lambda m: " " * len(m.group(0)), text)  # citation marks
    if kind is not None:
        found = [m for m in kind.finditer(clean) if re.search(r"\d", m.group(0))]
        found = [m for m in found if not re.fullmatch(r"\d{4}年?", m.group(0))] or found
        if found:
            anchors = [
                m.start() for t in query for m in re.finditer(re.escape(t), normalize(clean))
            ]
            if not anchors:
                return (found[0].group(0),)

            def distance(m: re.Match[str]) -> int:
                return min(min(abs(m.start() - a), abs(m.end() - a)) for a in anchors)

            return (min(found, key=distance).group(0),)
    clauses = [c for c in re.split(r"[，。；：！？、\[\]0-9]+", text) if len(c) >= 2]
    if not clauses:
        return ()
    best = max(clauses, key=lambda c: len(query & set(tokens(c))))
    return (best,) if query & set(tokens(best)) else ()
