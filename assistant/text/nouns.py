"""The nouns of a collection, counted when the index is built: what a question can ask about.

jieba's part-of-speech tags pick nouns, names, fixed expressions (个人所得税) and verbal
nouns (援助). Counting them at build time keeps jieba (half a second to load) off the question
path: a question's nouns are found by looking its substrings up in the counts
(`answering/topic.py`).

    noun_counts(['稳地价、稳房价、稳预期。', '国内生产总值增长6%以上。'])
        -> {'地价': 1, '房价': 1, '预期': 1, '国内': 1, '生产总值': 1, …}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assistant.text.tokens import normalize, posseg

TAGS = frozenset({"n", "nr", "nrt", "ns", "nt", "nz", "l", "vn", "j"})
LONGEST = 10  # characters: longer "nouns" are jieba's idioms and set phrases


@dataclass(frozen=True)
class NounCounts:
    """noun -> how many of `passages` passages hold it."""

    counts: Mapping[str, int] = field(default_factory=dict)
    passages: int = 0


def nouns(text: str) -> set[str]:
    """The distinct nouns (2 to LONGEST characters) of a text, normalised."""
    pairs = posseg().lcut(normalize(text), HMM=False)  # type: ignore[attr-defined]
    return {p.word for p in pairs if p.flag in TAGS and 2 <= len(p.word) <= LONGEST}


def noun_counts(texts: Iterable[str]) -> dict[str, int]:
    """noun -> how many of the texts hold it (as jieba finds it in each)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(nouns(text))
    return dict(sorted(counts.items()))
