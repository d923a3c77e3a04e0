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


def maxsim(question: NDArray[np.floating], passage: NDArray[np.floating]) -> float:
    """Mean over question tokens of their best cosine with a passage token (0 when either has
    no tokens)."""
    if len(question) == 0 or len(passage) == 0:
        return 0.0
    similarities = np.asarray(question, dtype=np.float32) @ np.asarray(passage, dtype=np.float32).T
    return float(similarities.max(axis=1).mean())
