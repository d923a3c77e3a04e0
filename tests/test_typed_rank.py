"""The kind of answer asked as ranking evidence (answering/typed_rank.py)."""

from __future__ import annotations

from assistant.answering.typed_rank import TYPED_POOL, rerank, typed_evidence
from assistant.report.chunks import Chunk
from assistant.retrieval.search import Hit


def hits(texts: list[str], scores: list[float]) -> list[Hit]:
    return [
        Hit(Chunk(i, "r.txt", i + 1, (), text), i + 1, score, score, 0.0, 0.0)
        for i, (text, score) in enumerate(zip(texts, scores, strict=True))
    ]


def test_a_passage_with_the_asked_kind_of_answer_moves_up() -> None:
    found = hits(["推进法治政府建设。", "全镇共有11个村（社区）。"], [1.00, 0.98])
    question = "大涌镇一共有多少个村（社区）？"
    assert typed_evidence(question, [h.chunk.text for h in found]) == [0.0, 1.0]
    ranked = rerank(question, found, weight=0.05)
    assert [h.chunk.paragraph for h in ranked] == [2, 1]
    assert [h.rank for h in ranked] == [1, 2] and ranked[0].typed == 1.0
    assert rerank(question, found, weight=0.01)[0].chunk.paragraph == 1  # a small nudge only


def test_questions_without_a_kind_and_a_zero_weight_are_left_alone() -> None:
    found = hits(["推进法治政府建设。", "全镇共有11个村（社区）。"], [1.00, 0.98])
    assert typed_evidence("法治政府建设有哪些举措？", ["x"]) is None
    assert rerank("法治政府建设有哪些举措？", found, weight=1.0) == found
    assert rerank("大涌镇一共有多少个村（社区）？", found, weight=0.0) == found


def test_only_the_best_candidates_are_touched_so_k_does_not_matter() -> None:
    texts = ["没有数字。"] * TYPED_POOL + ["共有11个村。"]
    found = hits(texts, [1.0 - i * 0.001 for i in range(len(texts))])
    ranked = rerank("一共有多少个村？", found, weight=5.0)
    assert ranked[-1].chunk.paragraph == TYPED_POOL + 1 and ranked[-1].typed == 0.0
