"""BM25 over keyword tokens, kept as an inverted index of numpy arrays.

Hand-written rather than rank_bm25 (scores every document per query in Python: too slow
at 100k chunks) or bm25s (its own vocabulary and tokenizer plumbing): the whole of it is
the formula below, and `scores` returns a dense vector over all chunks, which is what the
fusion step needs.

    score(q, d) = sum over distinct t in q of
                  idf(t) * tf(t,d)*(k1+1) / (tf(t,d) + k1*(1-b+b*|d|/avg))
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

Postings = tuple[NDArray[np.int32], NDArray[np.float32]]


class BM25:
    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75):
        self.size = len(documents)
        lengths = np.array([len(d) for d in documents], dtype=np.float32)
        average = float(lengths.mean()) if self.size and lengths.sum() else 1.0
        norm = k1 * (1.0 - b + b * lengths / average)
        ids: dict[str, list[int]] = {}
        tfs: dict[str, list[int]] = {}
        for doc_id, document in enumerate(documents):
            for term, tf in Counter(document).items():
                ids.setdefault(term, []).append(doc_id)
                tfs.setdefault(term, []).append(tf)
        self._postings: dict[str, Postings] = {}
        self._idf: dict[str, float] = {}
        for term, doc_ids in ids.items():
            id_array = np.array(doc_ids, dtype=np.int32)
            tf_array = np.array(tfs[term], dtype=np.float32)
            weight = tf_array * (k1 + 1.0) / (tf_array + norm[id_array])
            self._postings[term] = (id_array, weight.astype(np.float32))
            df = len(doc_ids)
            self._idf[term] = math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def idf(self, term: str) -> float:
        return self._idf.get(term, 0.0)

    def scores(self, query: Sequence[str]) -> NDArray[np.float32]:
        """BM25 score of every document for the query tokens; shape (size,)."""
        out = np.zeros(self.size, dtype=np.float32)
        for term in dict.fromkeys(query):
            posting = self._postings.get(term)
            if posting is not None:
                out[posting[0]] += self._idf[term] * posting[1]
        return out
