"""One build folder on disk: FAISS vectors + a metadata sidecar, written and swapped in atomically.

    index/
      CURRENT                 name of the live build, replaced atomically (os.replace)
      build-<fingerprint>-<random>/
        meta.json             format, model id, settings, code hash, one entry per document
        chunks.jsonl          one Chunk per line, in vector order
        paragraphs.jsonl      every paragraph (repaired and original text) for context views
        vectors.npy           float32 (n_chunks, dim), L2-normalised
        faiss.index           from HNSW_FROM chunks on only: an HNSW inner-product index over
                              those vectors (`vector_index`); below, the search is an exact
                              product with vectors.npy and faiss is never imported
        sentences.npy         float32 (n_sentences, dim): each chunk's answer sentences
                              (`chunks.answer_sentences`), chunk after chunk
        sentence_counts.npy   int64 (n_chunks,): how many sentences each chunk has
        tokens.npy            float16 (n_tokens, dim): each chunk's token states (unit rows of
                              the encoder's last hidden states, prompt and special tokens left
                              out), chunk after chunk, for late interaction (`retrieval.late`);
                              (0, dim) when the encoder gives none or the index has more than
                              LATE_MAX_CHUNKS chunks
        token_counts.npy      int64 (n_chunks,): how many token states each chunk has

A build is written to a temporary folder, renamed to build-<fingerprint>-<random>, and only then
named in CURRENT, so an interrupted build leaves the previous index serving. Freshness is
decided by content hashes (source bytes, model id, chunk settings, text-pipeline code),
never by timestamps.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from assistant.errors import AssistantError
from assistant.report.chunks import Chunk, window_spans
from assistant.report.documents import Document, Paragraph

FORMAT = 3
CURRENT = "CURRENT"
# A .tmp-build-*/.tmp-CURRENT-* older than this was left by a killed build: removed.
STALE_TMP_SECONDS = 600


@dataclass(frozen=True)
class DocumentEntry:
    name: str
    title: str
    sha256: str
    first_chunk: int
    chunk_count: int
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Index:
    """A loaded index: everything a search needs, in memory."""

    path: Path
    model_id: str
    chunks: tuple[Chunk, ...]
    documents: tuple[DocumentEntry, ...]
    paragraphs: dict[tuple[str, int], Paragraph]
    vectors: NDArray[np.float32]
    faiss_index: Any  # the HNSW index of a large build; None: search `vectors` exactly
    # Answer sentences: rows sentence_offsets[i]:sentence_offsets[i + 1] belong to chunk i.
    sentences: NDArray[np.float32]
    sentence_offsets: NDArray[np.int64]
    # Token states: rows token_offsets[i]:token_offsets[i + 1] belong to chunk i (none stored:
    # zero rows, every offset 0).
    token_states: NDArray[np.float16]
    token_offsets: NDArray[np.int64]
    # noun -> how many chunks hold it (text/nouns.py), for what a question asks about.
    nouns: dict[str, int] = field(default_factory=dict)

    @property
    def has_token_states(self) -> bool:
        return len(self.token_states) > 0

    def chunk_tokens(self, chunk_id: int) -> NDArray[np.float16]:
        """One chunk's token states, (n_tokens, dim) float16 unit rows ((0, dim) if none)."""
        offsets = self.token_offsets
        return self.token_states[offsets[chunk_id] : offsets[chunk_id + 1]]

    def sentence_vectors(self, chunk_id: int) -> NDArray[np.float32]:
        """The vectors of one chunk's answer sentences, in `answer_sentences` order."""
        offsets = self.sentence_offsets
        return self.sentences[offsets[chunk_id] : offsets[chunk_id + 1]]

    def window_cosines(self, chunk_id: int, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        """Cosine between a question vector and each answer window of a chunk (`window_spans`
        order); a pair of sentences is represented by the sum of their vectors."""
        sentences = self.sentence_vectors(chunk_id)
        spans = window_spans(self.chunks[chunk_id].text)
        if len(sentences) == 0 or not spans:
            return np.zeros(0, dtype=np.float32)
        windows = np.stack([sentences[list(span)].sum(axis=0) for span in spans])
        norms = np.maximum(np.linalg.norm(windows, axis=1), 1e-12)
        cosines: NDArray[np.float32] = (windows @ vector / norms).astype(np.float32)
        return cosines


def current_build(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    path = index_dir / name
    return path if name.startswith("build-") and path.is_dir() else None


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def offsets_of(counts: NDArray[np.int64]) -> NDArray[np.int64]:
    """Sentence counts per chunk -> start offsets, with the total at the end."""
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


# From this many chunks on, the vector index is HNSW instead of exact search: measured by
# `python benchmarks/scale.py` (docs/benchmarks.md), flat search becomes the largest part of
# a query between 50,000 and 100,000 chunks while HNSW keeps recall@10 at 1.0 there. Dense
# search only proposes candidates; every candidate is then scored exactly.
HNSW_FROM = 50_000
HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 64


def vector_index(matrix: NDArray[np.float32]) -> Any:
    """An inner-product FAISS index over unit vectors: flat below HNSW_FROM rows, else HNSW.
    (Builds write it from HNSW_FROM rows on only; below, exact search needs no index.)"""
    import faiss

    dimension = matrix.shape[1]
    index: Any
    if len(matrix) < HNSW_FROM:
        index = faiss.IndexFlatIP(dimension)
    else:
        index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    index.add(matrix)
    return index


def write_build(
    index_dir: Path,
    meta: dict[str, Any],
    chunks: list[Chunk],
    documents: list[Document],
    matrix: NDArray[np.float32],
    sentences: tuple[NDArray[np.float32], NDArray[np.int64]],
    token_states: tuple[NDArray[np.float16], NDArray[np.int64]],
    nouns: dict[str, int],
) -> Path:
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-build-", dir=index_dir))
    except OSError as error:
        raise AssistantError(
            f"Cannot write the index in {index_dir} ({error.strerror}): pass --index DIR "
            "(or set ASSISTANT_INDEX_DIR) to a writable folder."
        ) from error
    try:
        write_jsonl(tmp / "chunks.jsonl", [asdict(c) for c in chunks])
        write_jsonl(
            tmp / "paragraphs.jsonl",
            [asdict(p) for d in documents for p in d.paragraphs],
        )
        np.save(tmp / "vectors.npy", matrix)
        np.save(tmp / "sentences.npy", sentences[0])
        np.save(tmp / "sentence_counts.npy", sentences[1])
        np.save(tmp / "tokens.npy", token_states[0])
        np.save(tmp / "token_counts.npy", token_states[1])
        (tmp / "nouns.json").write_text(json.dumps(nouns, ensure_ascii=False), "utf-8")
        if len(matrix) >= HNSW_FROM:
            import faiss

            faiss.write_index(vector_index(matrix), str(tmp / "faiss.index"))
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")
        # A fresh name every time: the live build is never touched until CURRENT moves.
        final = index_dir / f"build-{meta['fingerprint'][:12]}-{uuid.uuid4().hex[:8]}"
        os.replace(tmp, final)
    except OSError as error:  # disk full, folder removed under us: the live build is intact
        shutil.rmtree(tmp, ignore_errors=True)
        raise AssistantError(
            f"Cannot write the index in {index_dir} ({error}): free some disk space or pass "
            "--index DIR to another folder; the previous index is untouched."
        ) from error
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    pointer = index_dir / f".tmp-{CURRENT}-{os.getpid()}"
    pointer.write_text(final.name, encoding="utf-8")
    os.replace(pointer, index_dir / CURRENT)
    _remove_old_builds(index_dir, keep=final.name)
    return final


def _remove_old_builds(index_dir: Path, keep: str) -> None:
    for path in index_dir.glob("build-*"):
        if path.name != keep:
            shutil.rmtree(path, ignore_errors=True)
    # Left by a build killed while writing (SIGKILL, power loss). A live build exists for
    # seconds only (it is made after embedding), so an old one is never in use.
    for path in index_dir.glob(".tmp-*"):
        try:
            stale = time.time() - path.stat().st_mtime > STALE_TMP_SECONDS
        except OSError:
            continue
        if stale and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif stale:
            path.unlink(missing_ok=True)


def _read_ann(path: Path) -> Any:
    import faiss

    return faiss.read_index(str(path / "faiss.index"))


def load_build(path: Path) -> Index:
    """Read one build folder; AssistantError when any part is missing or inconsistent."""
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("meta.json is not a JSON object")
        if meta.get("format") != FORMAT:
            raise ValueError(f"format {meta.get('format')}, expected {FORMAT}")
        chunks = tuple(
            Chunk(r["id"], r["document"], r["paragraph"], tuple(r["section"]), r["text"])
            for r in read_jsonl(path / "chunks.jsonl")
        )
        paragraphs = {
            (r["document"], r["number"]): Paragraph(**r)
            for r in read_jsonl(path / "paragraphs.jsonl")
        }
        vectors = np.load(path / "vectors.npy")
        sentences = np.load(path / "sentences.npy")
        offsets = offsets_of(np.load(path / "sentence_counts.npy"))
        # Memory-mapped: a question reads the few chunks it re-ranks, not megabytes.
        token_states = np.load(path / "tokens.npy", mmap_mode="r")
        token_offsets = offsets_of(np.load(path / "token_counts.npy"))
        ann = _read_ann(path) if vectors.shape[0] >= HNSW_FROM else None
        nouns = json.loads((path / "nouns.json").read_text(encoding="utf-8"))
        if not isinstance(nouns, dict) or not all(isinstance(n, int) for n in nouns.values()):
            raise ValueError("nouns.json is not an object of counts")
        documents = tuple(
            DocumentEntry(**{**d, "notes": tuple(d["notes"])}) for d in meta["documents"]
        )
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as error:
        raise AssistantError(
            f"The index in {path} is damaged ({error}): run `assistant index` to rebuild it."
        ) from error
    consistent = len(chunks) == vectors.shape[0] == len(offsets) - 1
    consistent = consistent and (ann is None or ann.ntotal == len(chunks))
    consistent = consistent and len(token_offsets) == len(offsets)
    consistent = consistent and token_offsets[-1] == token_states.shape[0]
    if token_states.shape[0] and token_states.shape[1] != meta["dimension"]:
        consistent = False
    dimension = vectors.shape[1] if vectors.ndim == 2 else -1
    if ann is not None and ann.d != dimension:
        consistent = False
    if not consistent or dimension != meta["dimension"] or offsets[-1] != sentences.shape[0]:
        raise AssistantError(
            f"The index in {path} is inconsistent ({len(chunks)} chunks, {vectors.shape[0]} "
            "vectors): run `assistant index` to rebuild it."
        )
    return Index(
        path,
        meta["model_id"],
        chunks,
        documents,
        paragraphs,
        vectors,
        ann,
        sentences,
        offsets,
        token_states,
        token_offsets,
        nouns,
    )
