"""Hybrid retrieval: dense (FAISS) + keyword (BM25) evidence fused into ranked hits.

Both retrievers propose candidates; every candidate is then scored by both exactly
(a dot product with its stored vector, its BM25 score), so fusion sees complete evidence.
One hit per paragraph: a paragraph's best window stands for it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from assistant.config import SearchSettings
from assistant.errors import AssistantError
from assistant.index.bm25 import BM25
from assistant.index.folder import Index
from assistant.report.chunks import Chunk
from assistant.report.parts import part_number, referenced_part
from assistant.retrieval.fusion import rrf, weighted
from assistant.retrieval.late import maxsims
from assistant.text.nouns import NounCounts
from assistant.text.repair import INVISIBLE
from assistant.text.tokens import normalize, question_tokens, tokens

MAX_QUESTION_CHARS = 2000
# Added to the fused score of the chunks in a part the question names ('第六部分'): the
# number is certain evidence, stronger than any word overlap (fused scores are below ~2).
PART_BONUS = 2.0


class QueryEncoder(Protocol):
    token_states: bool

    def encode_queries(self, texts: Sequence[str]) -> NDArray[np.float32]: ...

    def encode_query_tokens(self, text: str) -> tuple[NDArray[np.float32], NDArray[np.float32]]: ...


@dataclass(frozen=True)
class Query:
    """A question encoded once: its unit vector and, for late interaction, its token states
    (None when the encoder gives none)."""

    vector: NDArray[np.float32]
    tokens: NDArray[np.float32] | None = None


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    rank: int  # 1-based
    score: float  # the fused score that ranked it
    dense: float  # cosine similarity between question and chunk
    keyword: float  # BM25 of the text, divided by the question's own maximum (about 0..1)
    section: float  # the same for the heading path
    late: float = 0.0  # MaxSim between question and chunk tokens (0: not computed)
    typed: float = 0.0  # 1 when it holds a phrase of the kind of answer asked (answering)


def clean_question(question: str) -> str:
    """Drop invisible characters (a zero-width space pasted with the question), turn control
    characters into spaces and strip surrounding space; refuse an empty question, one with no
    letter or digit in any script ('？？！', '😀🎉'), which no passage can answer, and one
    longer than MAX_QUESTION_CHARS (said, never cut silently)."""
    visible = INVISIBLE.sub("", question)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in visible).strip()
    if not text:
        raise AssistantError("The question is empty: type a question about the report.")
    if not any(ch.isalnum() for ch in text):
        raise AssistantError(
            "The question has no words, only punctuation or symbols: "
            "type a question about the report, in Chinese or English."
        )
    if len(text) > MAX_QUESTION_CHARS:
        raise AssistantError(
            f"The question is {len(text):,} characters long; questions are limited to "
            f"{MAX_QUESTION_CHARS:,}: ask about one thing at a time, quoting only the words "
            "you need."
        )
    return text


def top(scores: NDArray[np.float32], n: int) -> list[int]:
    """Indices of the n highest scores, best first (argpartition: O(len) not O(len log len))."""
    if n <= 0 or len(scores) == 0:
        return []
    part = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
    return [int(i) for i in part[np.argsort(-scores[part], kind="stable")]]


class Searcher:
    def __init__(self, index: Index, encoder: QueryEncoder, settings: SearchSettings):
        self.index = index
        self.encoder = encoder
        self.settings = settings
        words = settings.keyword_words
        self.text_bm25 = BM25([tokens(c.text, with_words=words) for c in index.chunks])
        self.section_bm25 = BM25(
            [tokens(" ".join(c.section), with_words=words) for c in index.chunks]
        )
        self._max_idf = math.log(1.0 + (len(index.chunks) + 0.5) / 0.5)
        self.nouns = NounCounts(index.nouns, len(index.chunks))  # answering/topic.py
        # Top-level part number -> its chunks ('六、…' -> the chunks under that heading).
        self.parts: dict[int, list[int]] = {}
        for chunk in index.chunks:
            number = part_number(chunk.section[0]) if chunk.section else None
            if number is not None:
                self.parts.setdefault(number, []).append(chunk.id)

    def _normalised_bm25(self, bm25: BM25, query: list[str]) -> NDArray[np.float32]:
        """BM25 / the sum of the question's idf (unknown terms count as the rarest)."""
        distinct = list(dict.fromkeys(query))
        if not distinct:
            return np.zeros(bm25.size, dtype=np.float32)
        ceiling = sum(bm25.idf(t) or self._max_idf for t in distinct)
        return bm25.scores(distinct) / np.float32(ceiling)

    def encode(self, question: str) -> NDArray[np.float32]:
        """The question's unit vector."""
        text = normalize(clean_question(question))
        vector: NDArray[np.float32] = self.encoder.encode_queries([text])[0].astype(np.float32)
        return vector

    @property
    def late_interaction(self) -> bool:
        """Whether searches re-rank by MaxSim: token states in the index and from the encoder,
        and a weight."""
        return (
            self.settings.late
            and self.settings.late_weight != 0
            and self.index.has_token_states
            and bool(getattr(self.encoder, "token_states", False))
        )

    def query(self, question: str) -> Query:
        """The question encoded once (pass it to `search`): its vector, and its token states
        when the search uses late interaction (the same encoder pass)."""
        if not self.late_interaction:
            return Query(self.encode(question))
        vector, tokens = self.encoder.encode_query_tokens(normalize(clean_question(question)))
        return Query(np.asarray(vector, dtype=np.float32), tokens)

    def search(
        self,
        question: str,
        k: int = 3,
        document: str | None = None,
        *,
        vector: NDArray[np.float32] | None = None,
        query: Query | None = None,
    ) -> list[Hit]:
        """The k best passages, one per paragraph. `query` (from `query()`) or `vector` saves
        encoding the question again; a bare vector ranks without late interaction."""
        text = clean_question(question)
        if query is None:
            query = Query(vector) if vector is not None else self.query(text)
        vector = query.vector
        query_tokens = question_tokens(text, with_words=self.settings.keyword_words)
        keyword = self._normalised_bm25(self.text_bm25, query_tokens)
        section = self._normalised_bm25(self.section_bm25, query_tokens)
        lo, hi = self._span(document)
        pool = min(hi - lo, max(self.settings.candidates, k * 4))
        if document is None and self.index.faiss_index is not None:  # a large index: HNSW
            _, found = self.index.faiss_index.search(vector[None, :], pool)
            dense_ids = [int(i) for i in found[0] if i >= 0]
        else:  # exact scores over the index, or over one document's slice
            dense_ids = [lo + i for i in top(self.index.vectors[lo:hi] @ vector, pool)]
        keyword_ids = [lo + i for i in top(keyword[lo:hi], pool) if keyword[lo + i] > 0]
        section_ids = [lo + i for i in top(section[lo:hi], pool // 2) if section[lo + i] > 0]
        part = referenced_part(text)
        part_ids = [i for i in self.parts.get(part or 0, []) if lo <= i < hi]
        candidates = list(dict.fromkeys(dense_ids + keyword_ids + section_ids + part_ids))
        if not candidates:
            return []
        ids = np.array(candidates, dtype=np.int64)
        dense = self.index.vectors[ids] @ vector
        fused = self._fuse(ids, dense, keyword[ids], section[ids])
        if part_ids:
            fused = fused + np.isin(ids, part_ids).astype(np.float32) * np.float32(PART_BONUS)
        late = np.zeros(len(ids), dtype=np.float32)
        if query.tokens is not None and self.late_interaction:
            fused, late = self._late(ids, fused, query.tokens)
        order = np.argsort(-fused, kind="stable")
        hits: list[Hit] = []
        seen: set[tuple[str, int]] = set()
        for j in order:
            chunk = self.index.chunks[int(ids[j])]
            key = (chunk.document, chunk.paragraph)
            if key in seen:
                continue
            seen.add(key)
            hits.append(
                Hit(
                    chunk,
                    len(hits) + 1,
                    float(fused[j]),
                    float(dense[j]),
                    float(keyword[ids[j]]),
                    float(section[ids[j]]),
                    float(late[j]),
                )
            )
            if len(hits) == k:
                break
        return hits

    def _late(
        self, ids: NDArray[np.int64], fused: NDArray[np.float32], tokens: NDArray[np.float32]
    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """late_weight x MaxSim added to the best late_pool candidates' fused scores (the rest
        stay below them: MaxSim is positive)."""
        late = np.zeros(len(ids), dtype=np.float32)
        best = np.argsort(-fused, kind="stable")[: self.settings.late_pool]
        offsets = self.index.token_offsets
        spans = [(int(offsets[ids[j]]), int(offsets[ids[j] + 1])) for j in best]
        late[best] = maxsims(tokens, self.index.token_states, spans)
        return fused + np.float32(self.settings.late_weight) * late, late

    def _span(self, document: str | None) -> tuple[int, int]:
        """The chunk id range to search: everything, or one document's chunks."""
        if document is None:
            return 0, len(self.index.chunks)
        for entry in self.index.documents:
            if entry.name == document:
                return entry.first_chunk, entry.first_chunk + entry.chunk_count
        raise AssistantError(
            f"No document named {document!r} in the index; choose one of: "
            + ", ".join(sorted(d.name for d in self.index.documents))
        )

    def _fuse(
        self,
        ids: NDArray[np.int64],
        dense: NDArray[np.float32],
        keyword: NDArray[np.float32],
        section: NDArray[np.float32],
    ) -> NDArray[np.float32]:
        s = self.settings
        if s.fusion == "dense":
            return dense
        if s.fusion == "keyword":
            return keyword + s.section_weight * section
        if s.fusion == "rrf":
            rankings = {
                "dense": [int(i) for i in np.argsort(-dense, kind="stable")],
                "keyword": [int(i) for i in np.argsort(-(keyword + s.section_weight * section))],
            }
            scores = rrf(
                rankings, k=s.rrf_k, weights={"dense": s.dense_weight, "keyword": s.keyword_weight}
            )
            return np.array([scores[i] for i in range(len(ids))], dtype=np.float32)
        weights = {
            "dense": s.dense_weight,
            "keyword": s.keyword_weight,
            "section": s.keyword_weight * s.section_weight,
        }
        return weighted({"dense": dense, "keyword": keyword, "section": section}, weights)
