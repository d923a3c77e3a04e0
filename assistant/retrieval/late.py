"""Late interaction: how well each word of the question is matched somewhere in a passage,
from the encoder's own token states (ColBERT's MaxSim, no training).

    maxsim(question_tokens, passage_tokens)   # (q, d) and (p, d) unit rows -> about 0.7..0.95

For each question token, its best cosine over the passage's tokens; the mean over the question
tokens. The prompt ("query: ", "passage: ") and the special tokens are left out by the encoder
(`Embedder.encode_passage_tokens`). A pooled vector blurs a paragraph into one point; MaxSim
keeps 2022年 and 法律顾问 apart, so it separates near-duplicate paragraphs of one report that
share the official vocabulary. The search adds `late_weight` x MaxSim to the fused score of its
best `late_pool` candidates (`search.Searcher`); the weight is fitted by `assistant fit-ranker`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def maxsims(
    question: NDArray[np.floating], states: NDArray[np.floating], offsets: list[tuple[int, int]]
) -> NDArray[np.float32]:
    """`maxsim` of the question against several passages at once: passage i is rows
    offsets[i][0]:offsets[i][1] of `states` (one conversion and one product for them all)."""
    out = np.zeros(len(offsets), dtype=np.float32)
    spans = [(i, a, b) for i, (a, b) in enumerate(offsets) if b > a]
    if len(question) == 0 or not spans:
        return out
    rows = np.concatenate([np.arange(a, b) for _, a, b in spans])
    passages = np.asarray(states[rows], dtype=np.float32)
    # (q, all their tokens). einsum, not `@`: a BLAS product wakes OpenBLAS's threads, which then
    # compete with onnxruntime's on 2 cores and slow the next question's encoding from 5 ms to
    # 8-10 ms; einsum's own loop costs about 1 ms here and leaves them be.
    similarities = np.einsum("qd,pd->qp", np.asarray(question, dtype=np.float32), passages)
    starts = np.cumsum([0] + [b - a for _, a, b in spans[:-1]])
    best = np.maximum.reduceat(similarities, starts, axis=1)  # (q, passages)
    out[[i for i, _, _ in spans]] = best.mean(axis=0)
    return out


def maxsim(question: NDArray[np.floating], passage: NDArray[np.floating]) -> float:
    """Mean over question tokens of their best cosine with a passage token (0 when either has
    no tokens)."""
    if len(question) == 0 or len(passage) == 0:
        return 0.0
    similarities = np.asarray(question, dtype=np.float32) @ np.asarray(passage, dtype=np.float32).T
    return float(similarities.max(axis=1).mean())
