"""The kind of answer asked, as ranking evidence: a passage holding a phrase of that kind
(a count with the asked unit, a date, a name for 主任是谁 …; `answer_types`) moves up.

    rerank("大涌镇一共有多少个村（社区）？", hits, weight=0.2)
        -> the best TYPED_POOL hits with weight x 1 added to the score of those holding a
           count in 个, re-sorted; the rest unchanged below them

A question that asks no typed answer is not re-ranked. Only the TYPED_POOL best are touched,
and the bonus is never negative, so the passages the answer is chosen from do not depend on
how many are shown. The weight is fitted with the search weights (`assistant fit-ranker`).
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answering.answer_types import asked
from assistant.retrieval.search import Hit

TYPED_POOL = 10


def typed_evidence(question: str, texts: list[str]) -> list[float] | None:
    """1.0 for each text holding a phrase of the kind the question asks, else 0.0; None when
    the question asks for no particular kind."""
    kind = asked(question)
    if kind is None:
        return None
    return [1.0 if kind.spans(text) else 0.0 for text in texts]


def rerank(question: str, hits: list[Hit], weight: float) -> list[Hit]:
    if weight == 0 or not hits:
        return hits
    head, tail = hits[:TYPED_POOL], hits[TYPED_POOL:]
    evidence = typed_evidence(question, [h.chunk.text for h in head])
    if evidence is None:
        return hits
    scored = [
        replace(h, score=h.score + weight * e, typed=e) for h, e in zip(head, evidence, strict=True)
    ]
    scored.sort(key=lambda h: -h.score)  # stable: equal scores keep the search's order
    return [replace(h, rank=i) for i, h in enumerate([*scored, *tail], start=1)]
