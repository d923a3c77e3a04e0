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
from typing import Protocol

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

# The packages whose code decides the chunks (reading, repair, outline, chunking, and any
# module added to them later): editing any of their files invalidates the index.
TEXT_PIPELINE = ("text", "report")
# How long a second build waits for the first one (a large corpus takes minutes to embed).
LOCK_TIMEOUT_SECONDS = 900.0


class PassageEncoder(Protocol):
    model_id: str
    dimension: int

    def encode_passages(
        self, texts: list[str], *, progress: bool = False, batch_size: int = 32
    ) -> NDArray[np.float32]: ...


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
) -> dict[str, tuple[NDArray[np.float32], NDArray[np.float32]]]:
    """(chunk vectors, sentence vectors) per document sha256 from the live build, when they were
    made the same way."""
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
        reusable = {}
        for d in meta["documents"]:
            first, last = d["first_chunk"], d["first_chunk"] + d["chunk_count"]
            reusable[d["sha256"]] = (vectors[first:last], sentences[offsets[first] : offsets[last]])
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
    # Per document: (chunk vectors, sentence vectors) reused, or None = embed.
    vectors: list[tuple[NDArray[np.float32], NDArray[np.float32]] | None] = []
    for document in documents:
        doc_chunks = _renumber(chunk_document(document, settings.chunking), start=len(chunks))
        old = reuse.get(document.sha256)
        fits = old is not None and len(old[0]) == len(doc_chunks)
        vectors.append(old if fits else None)
        entries.append(_entry(document, len(chunks), len(doc_chunks)))
        chunks.extend(doc_chunks)
    counts = np.array(
        [len(c.sentence_texts(settings.chunking)) for c in chunks], dtype=np.int64
    ).reshape(-1)
    # One encoder call for every new chunk and its sentences: batches span documents (many
    # small documents would otherwise embed one short batch each).
    todo = [
        c for entry, v in zip(entries, vectors, strict=True) if v is None
        for c in chunks[entry.first_chunk : entry.first_chunk + entry.chunk_count]
    ]  # fmt: skip
    texts = [c.embedding_text(settings.chunking) for c in todo]
    texts += [t for c in todo for t in c.sentence_texts(settings.chunking)]
    fresh = encoder.encode_passages(texts, progress=settings.progress) if texts else np.zeros(
        (0, encoder.dimension), dtype=np.float32
    )  # fmt: skip
    fresh_chunks, fresh_sentences = fresh[: len(todo)], fresh[len(todo) :]
    chunk_parts: list[NDArray[np.float32]] = []
    sentence_parts: list[NDArray[np.float32]] = []
    used = used_sentences = 0
    for entry, v in zip(entries, vectors, strict=True):
        first, last = entry.first_chunk, entry.first_chunk + entry.chunk_count
        if v is None:
            n_sentences = int(counts[first:last].sum())
            v = (
                fresh_chunks[used : used + entry.chunk_count],
                fresh_sentences[used_sentences : used_sentences + n_sentences],
            )
            used += entry.chunk_count
            used_sentences += n_sentences
        chunk_parts.append(np.asarray(v[0], dtype=np.float32).reshape(entry.chunk_count, -1))
        sentence_parts.append(np.asarray(v[1], dtype=np.float32).reshape(-1, encoder.dimension))
    matrix = _stack(chunk_parts, encoder.dimension)
    sentence_matrix = _stack(sentence_parts, encoder.dimension)
    meta = {
        "format": FORMAT,
        "model_id": encoder.model_id,
        "dimension": int(matrix.shape[1]),
        "chunking": asdict(settings.chunking),
        "code_hash": code_hash(),
        "fingerprint": fingerprint(encoder.model_id, settings.chunking, hashes),
        "documents": [asdict(e) for e in entries],
    }
    path = write_build(index_dir, meta, chunks, documents, matrix, (sentence_matrix, counts))
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


def is_fresh(build: Path, settings: Settings, model_id: str) -> bool:
    try:
        meta = json.loads((build / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(meta, dict) or meta.get("model_id") != model_id:
        return False  # made by another model (or not a build's meta at all)
    hashes = source_hashes(settings.source_dir)
    return bool(meta.get("fingerprint") == fingerprint(model_id, settings.chunking, hashes))


def _load_fresh(settings: Settings, model_id: str) -> Index | None:
    """The live build when it is fresh and whole. CURRENT is read twice at most: a build
    that another process replaced (and removed) while we read it is followed to the new one."""
    for _ in range(2):
        build = current_build(settings.index_dir)
        if build is None or not is_fresh(build, settings, model_id):
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
    if not rebuild:
        index = _load_fresh(settings, encoder.model_id)
        if index is not None:
            return index
    with build_lock(settings.index_dir, timeout=LOCK_TIMEOUT_SECONDS, on_wait=on_wait) as waited:
        if waited or not rebuild:
            index = _load_fresh(settings, encoder.model_id)
            if index is not None:
                return index
        return build_index(settings, encoder)
