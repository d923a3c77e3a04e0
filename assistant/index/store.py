"""Keeping the index fresh: what it was built from (source bytes, model, chunk settings and
text-pipeline code, all by content hash), building it from the sources, reusing the vectors of
unchanged documents, and opening the live build (`folder`) or rebuilding it.

    index = open_index(settings, encoder)        # built first when missing, stale or damaged
    index = open_index(settings, encoder, rebuild=True)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from assistant.config import ChunkSettings, Settings
from assistant.errors import AssistantError
from assistant.index.folder import (
    FORMAT,
    DocumentEntry,
    Index,
    current_build,
    load_build,
    offsets_of,
    write_build,
)
from assistant.index.lock import build_lock
from assistant.report.chunks import Chunk, chunk_document
from assistant.report.documents import Document, load_documents, read_file, source_files
from assistant.text.nouns import noun_counts

# The packages whose code decides the chunks (reading, repair, outline, chunking, and any
# module added to them later): editing any of their files invalidates the index.
TEXT_PIPELINE = ("text", "report")
# How long a second build waits for the first one (a large corpus takes minutes to embed).
LOCK_TIMEOUT_SECONDS = 900.0
# Token states are kept for late interaction up to this many chunks: ~110 tokens x 384 x 2
# bytes = 85 KB a chunk, so 10,000 chunks (about a hundred reports) take ~850 MB on disk.
# Larger indexes rank without late interaction (docs/evaluation.md).
LATE_MAX_CHUNKS = 10_000

# Per document: chunk vectors, sentence vectors, token states per chunk (None: not stored).
Vectors = tuple[NDArray[np.float32], NDArray[np.float32], list[NDArray[np.float16]] | None]


class PassageEncoder(Protocol):
    model_id: str
    dimension: int

    def encode_passages(
        self, texts: list[str], *, progress: bool = False, batch_size: int = 32
    ) -> NDArray[np.float32]: ...


def _encode_chunks(
    encoder: PassageEncoder, texts: list[str], *, tokens: bool, progress: bool
) -> tuple[NDArray[np.float32], list[NDArray[np.float16]] | None]:
    """Chunk vectors, and their token states when `tokens` (same encoder pass: free)."""
    if not texts:
        return np.zeros((0, encoder.dimension), dtype=np.float32), [] if tokens else None
    if not tokens:
        return encoder.encode_passages(texts, progress=progress), None
    vectors, states = encoder.encode_passage_tokens(texts, progress=progress)  # type: ignore[attr-defined]
    return vectors, [np.asarray(s, dtype=np.float16) for s in states]


def code_hash() -> str:
    """A hash of every module of the text pipeline (`TEXT_PIPELINE`), by path and bytes."""
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent
    for name in TEXT_PIPELINE:
        for path in sorted((package / name).rglob("*.py")):
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def source_hashes(source_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(read_file(p)).hexdigest() for p in source_files(source_dir)}


def fingerprint(model_id: str, chunking: ChunkSettings, hashes: dict[str, str]) -> str:
    blob = json.dumps(
        [FORMAT, model_id, chunking.fingerprint(), code_hash(), sorted(hashes.items())]
    ).encode()
    return hashlib.sha256(blob).hexdigest()[:20]


def _reusable_vectors(
    index_dir: Path, model_id: str, chunking: ChunkSettings
) -> dict[str, Vectors]:
    """(chunk vectors, sentence vectors, token states) per document sha256 from the live build,
    when they were made the same way."""
    build = current_build(index_dir)
    if build is None:
        return {}
    try:
        meta = json.loads((build / "meta.json").read_text(encoding="utf-8"))
        if (meta["format"], meta["model_id"], meta["chunking"], meta["code_hash"]) != (
            FORMAT,
            model_id,
            asdict(chunking),
            code_hash(),
        ):
            return {}
        vectors = np.load(build / "vectors.npy")
        sentences = np.load(build / "sentences.npy")
        offsets = offsets_of(np.load(build / "sentence_counts.npy"))
        states = np.load(build / "tokens.npy", mmap_mode="r")
        token_offsets = offsets_of(np.load(build / "token_counts.npy"))
        reusable: dict[str, Vectors] = {}
        for d in meta["documents"]:
            first, last = d["first_chunk"], d["first_chunk"] + d["chunk_count"]
            tokens = None
            if len(states):
                tokens = [
                    np.array(states[token_offsets[i] : token_offsets[i + 1]])
                    for i in range(first, last)
                ]
            reusable[d["sha256"]] = (
                vectors[first:last],
                sentences[offsets[first] : offsets[last]],
                tokens,
            )
        return reusable
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def build_index(settings: Settings, encoder: PassageEncoder) -> Index:
    """Parse, chunk and embed every source document, then swap the new build in."""
    index_dir = settings.index_dir
    documents = load_documents(settings.source_dir)
    hashes = {d.name: d.sha256 for d in documents}
    reuse = _reusable_vectors(index_dir, encoder.model_id, settings.chunking)
    chunks: list[Chunk] = []
    entries: list[DocumentEntry] = []
    for document in documents:
        doc_chunks = _renumber(chunk_document(document, settings.chunking), start=len(chunks))
        entries.append(_entry(document, len(chunks), len(doc_chunks)))
        chunks.extend(doc_chunks)
    keep_tokens = bool(getattr(encoder, "token_states", False)) and len(chunks) <= LATE_MAX_CHUNKS
    # Per document: its vectors reused (made the same way, token states too), or None = embed.
    vectors: list[Vectors | None] = []
    for document, entry in zip(documents, entries, strict=True):
        old = reuse.get(document.sha256)
        fits = (
            old is not None
            and len(old[0]) == entry.chunk_count
            and (old[2] is not None or not keep_tokens)
        )
        vectors.append(old if fits else None)
    counts = np.array(
        [len(c.sentence_texts(settings.chunking)) for c in chunks], dtype=np.int64
    ).reshape(-1)
    # One encoder call for every new chunk, one for their sentences: batches span documents
    # (many small documents would otherwise embed one short batch each).
    todo = [
        c for entry, v in zip(entries, vectors, strict=True) if v is None
        for c in chunks[entry.first_chunk : entry.first_chunk + entry.chunk_count]
    ]  # fmt: skip
    fresh_chunks, fresh_tokens = _encode_chunks(
        encoder,
        [c.embedding_text(settings.chunking) for c in todo],
        tokens=keep_tokens,
        progress=settings.progress,
    )
    sentence_texts = [t for c in todo for t in c.sentence_texts(settings.chunking)]
    fresh_sentences = (
        encoder.encode_passages(sentence_texts, progress=settings.progress)
        if sentence_texts
        else np.zeros((0, encoder.dimension), dtype=np.float32)
    )
    chunk_parts: list[NDArray[np.float32]] = []
    sentence_parts: list[NDArray[np.float32]] = []
    token_parts: list[NDArray[np.float16]] = []
    used = used_sentences = 0
    for entry, v in zip(entries, vectors, strict=True):
        first, last = entry.first_chunk, entry.first_chunk + entry.chunk_count
        if v is None:
            n_sentences = int(counts[first:last].sum())
            v = (
                fresh_chunks[used : used + entry.chunk_count],
                fresh_sentences[used_sentences : used_sentences + n_sentences],
                None if fresh_tokens is None else fresh_tokens[used : used + entry.chunk_count],
            )
            used += entry.chunk_count
            used_sentences += n_sentences
        chunk_parts.append(np.asarray(v[0], dtype=np.float32).reshape(entry.chunk_count, -1))
        sentence_parts.append(np.asarray(v[1], dtype=np.float32).reshape(-1, encoder.dimension))
        if keep_tokens and v[2] is not None:
            token_parts.extend(v[2])
    matrix = _stack(chunk_parts, encoder.dimension)
    sentence_matrix = _stack(sentence_parts, encoder.dimension)
    token_counts = np.array([len(t) for t in token_parts] or [0] * len(chunks), dtype=np.int64)
    token_matrix = (
        np.ascontiguousarray(np.concatenate(token_parts), dtype=np.float16)
        if token_parts
        else np.zeros((0, encoder.dimension), dtype=np.float16)
    )
    meta = {
        "format": FORMAT,
        "model_id": encoder.model_id,
        "dimension": int(matrix.shape[1]),
        "chunking": asdict(settings.chunking),
        "code_hash": code_hash(),
        "fingerprint": fingerprint(encoder.model_id, settings.chunking, hashes),
        "documents": [asdict(e) for e in entries],
        "token_states": keep_tokens,
    }
    path = write_build(
        index_dir,
        meta,
        chunks,
        documents,
        matrix,
        (sentence_matrix, counts),
        (token_matrix, token_counts),
        noun_counts(c.text for c in chunks),
    )
    return load_build(path)


def _stack(parts: list[NDArray[np.float32]], dimension: int) -> NDArray[np.float32]:
    stacked = np.concatenate(parts) if parts else np.zeros((0, dimension))
    return np.ascontiguousarray(stacked, dtype=np.float32)


def _renumber(chunks: list[Chunk], start: int) -> list[Chunk]:
    return [replace(chunk, id=start + i) for i, chunk in enumerate(chunks)]


def _entry(document: Document, first: int, count: int) -> DocumentEntry:
    return DocumentEntry(
        document.name, document.title, document.sha256, first, count, document.notes
    )


def is_fresh(build: Path, settings: Settings, model_id: str, *, tokens: bool = False) -> bool:
    """Whether `build` was made from today's sources, model, settings and code; with `tokens`
    (the encoder gives token states), also with token states where the size allows them."""
    try:
        meta = json.loads((build / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(meta, dict) or meta.get("model_id") != model_id:
        return False  # made by another model (or not a build's meta at all)
    if tokens and not meta.get("token_states") and _chunk_count(meta) <= LATE_MAX_CHUNKS:
        return False  # built by an encoder without token states: late interaction needs them
    hashes = source_hashes(settings.source_dir)
    return bool(meta.get("fingerprint") == fingerprint(model_id, settings.chunking, hashes))


def _chunk_count(meta: dict[str, Any]) -> int:
    try:
        return sum(int(d["chunk_count"]) for d in meta["documents"])
    except (KeyError, TypeError, ValueError):
        return 0


def _load_fresh(settings: Settings, model_id: str, *, tokens: bool = False) -> Index | None:
    """The live build when it is fresh and whole. CURRENT is read twice at most: a build
    that another process replaced (and removed) while we read it is followed to the new one."""
    for _ in range(2):
        build = current_build(settings.index_dir)
        if build is None or not is_fresh(build, settings, model_id, tokens=tokens):
            return None
        try:
            return load_build(build)
        except AssistantError:
            if current_build(settings.index_dir) == build:
                return None  # really damaged: rebuilt from the untouched source
    return None


def open_index(
    settings: Settings,
    encoder: PassageEncoder,
    *,
    rebuild: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> Index:
    """The live index, built first when it is missing, stale or damaged (or `rebuild`).

    Building holds the index folder's lock (`lock`); a process that had to wait for another
    one's build takes that build when it is fresh, even with `rebuild`: it is brand new.
    """
    tokens = bool(getattr(encoder, "token_states", False))
    if not rebuild:
        index = _load_fresh(settings, encoder.model_id, tokens=tokens)
        if index is not None:
            return index
    with build_lock(settings.index_dir, timeout=LOCK_TIMEOUT_SECONDS, on_wait=on_wait) as waited:
        if waited or not rebuild:
            index = _load_fresh(settings, encoder.model_id, tokens=tokens)
            if index is not None:
                return index
        return build_index(settings, encoder)
