"""What the evidence for a shown answer looks like, as numbers a learned judge can weigh.

One `Evidence` per question: the retrieval scores of the best passage, how clearly it beat
the next one, how much of the question the chosen sentence and the passage cover (大涌镇的
GDP是多少 asks for a word no paragraph holds: it weighs as much as the rarest word), whether
the kind of answer asked for is there, and how close in meaning the closest sentence is.
Every feature is bounded and means the same on any collection, so a judge fitted on
CMRC/DRCD passages can be used on a government report. (A share of question words the
collection has never seen was tried and left out: it depends on the collection's size,
1,000 passages there against 56 paragraphs here.)

    evidence.values  -> (0.87, 0.61, 0.0, 1.2, 0.35, 0.83, 0.1, 1.0, 1.0, 0.0, 0.86, 0.0, 1.9)
                         in FEATURES order
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FEATURES = (
    "dense",  # cosine between question and best passage
    "keyword",  # its BM25 over the question's own maximum (0..1)
    "section",  # the same for its heading path
    "margin",  # fused score of the best passage minus the second's
    "coverage",  # idf-weighted share of the question's words in the chosen sentence(s)
    "passage_coverage",  # the same in the whole best passage
    "rare_missing",  # idf share of the rarest question word missing from the sentence
    "typed",  # the question asks for a count, a date, a person, a place
    "type_found",  # ... and the chosen sentence holds one
    "year_conflict",  # the question names a year; the sentence names only others
    "meaning",  # cosine between the question and the closest answer sentence
    "foreign",  # no Chinese in the question (English): words cannot be matched
    "length",  # log(1 + number of the question's content words)
)


@dataclass(frozen=True)
class Evidence:
    values: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.values) != len(FEATURES):
            raise ValueError(f"{len(self.values)} values for {len(FEATURES)} features")

    def as_dict(self) -> dict[str, float]:
        return dict(zip(FEATURES, self.values, strict=True))


def length_feature(words: int) -> float:
    return math.log1p(words)
