"""The built index on disk: FAISS vectors + a metadata sidecar, swapped in atomically.

    index/
      CURRENT                 name of the live build, replaced atomically (os.replace)
      build-<fingerprint>-<random>/
        meta.json             format, model id, settings, code hash, one entry per document
        chunks.jsonl          one Chunk per line, in vector order
        paragraphs.jsonl      every paragraph (repaired and original text) for context views
        vectors.npy           float32 (n_chunks, dim), L2-normalised
        faiss.index           inner-product index over those vectors
        sentences.npy         float32 (n_sentences, dim): each chunk's answer sentences
                              (`chunks.answer_sentences`), chunk after chunk
        sentence_counts.npy   int64 (n_chunks,): how many sentences each chunk has

A build is written to a temporary folder, renamed to build-<fingerprint>-<random>, and only then
named in CURRENT, so an interrupted build leaves the previous index serving. Freshness is
decided by content hashes (source bytes, model id, chunk settings, text-pipeline code),
never by timestamps.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import faiss
import numpy as np
from numpy.typing import NDArray

from assistant.chunks import Chunk, chunk_document, window_spans
from assistant.config import ChunkSettings, Settings
from assistant.documents import Document, Paragraph, load_documents, read_file, source_files
from assistant.errors import AssistantError

FORMAT = 2
CURRENT = "CURRENT"
# A .tmp-build-*/.tmp-CURRENT-* older than this was left by a killed build: removed.
STALE_TMP_SECONDS = 600
# Modules that cannot change the chunks; every other module of the package (repair, outline,
# chunking, formats, and any added later) is hashed, so editing it invalidates the index.
_NOT_TEXT_MODULES = frozenset(
    ("answer", "answer_types", "calibrate", "cli", "config", "embedder", "engine", "evaluate",
     "followup", "fusion", "keyword_index", "model_build", "questions", "render", "search",
     "store", "tokenize", "web", "__main__", "__init__")
)  # fmt: skip


class PassageEncoder(Protocol):
    model_id: str
    dimension: int

    def encode_passages(
        self, texts: list[str], *, progress: bool = False, batch_size: int = 32
    ) -> NDArray[np.float32]: ...


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
    faiss_index: Any
    # Answer sentences: rows sentence_offsets[i]:sentence_offsets[i + 1] belong to chunk i.
    sentences: NDArray[np.float32]
    sentence_offsets: NDArray[np.int64]

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


def code_hash() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        if path.stem not in _NOT_TEXT_MODULES and not path.stem.startswith("ui_"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def source_hashes(source_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(read_file(p)).hexdigest() for p in source_files(source_dir)}


def fingerprint(model_id: str, chunking: ChunkSettings, hashes: dict[str, str]) -> str:
    blob = json.dumps(
        [FORMAT, model_id, chunking.fingerprint(), code_hash(), sorted(hashes.items())]
    ).encode()
    return hashlib.sha256(blob).hexdigest()[:20]


def current_build(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    path = index_dir / name
    return path if name.startswith("build-") and path.is_dir() else None


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


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
        offsets = _offsets(np.load(build / "sentence_counts.npy"))
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
    path = _write_build(index_dir, meta, chunks, documents, matrix, (sentence_matrix, counts))
    return load_build(path)


def _stack(parts: list[NDArray[np.float32]], dimension: int) -> NDArray[np.float32]:
    stacked = np.concatenate(parts) if parts else np.zeros((0, dimension))
    return np.ascontiguousarray(stacked, dtype=np.float32)


def _offsets(counts: NDArray[np.int64]) -> NDArray[np.int64]:
    """Sentence counts per chunk -> start offsets, with the total at the end."""
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


def _renumber(chunks: list[Chunk], start: int) -> list[Chunk]:
    return [replace(chunk, id=start + i) for i, chunk in enumerate(chunks)]


def _entry(document: Document, first: int, count: int) -> DocumentEntry:
    return DocumentEntry(
        document.name, document.title, document.sha256, first, count, document.notes
    )


def _write_build(
    index_dir: Path,
    meta: dict[str, Any],
    chunks: list[Chunk],
    documents: list[Document],
    matrix: NDArray[np.float32],
    sentences: tuple[NDArray[np.float32], NDArray[np.int64]],
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
        _write_jsonl(tmp / "chunks.jsonl", [asdict(c) for c in chunks])
        _write_jsonl(
            tmp / "paragraphs.jsonl",
            [asdict(p) for d in documents for p in d.paragraphs],
        )
        np.save(tmp / "vectors.npy", matrix)
        np.save(tmp / "sentences.npy", sentences[0])
        np.save(tmp / "sentence_counts.npy", sentences[1])
        flat = faiss.IndexFlatIP(matrix.shape[1])
        flat.add(matrix)
        faiss.write_index(flat, str(tmp / "faiss.index"))
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
            for r in _read_jsonl(path / "chunks.jsonl")
        )
        paragraphs = {
            (r["document"], r["number"]): Paragraph(**r)
            for r in _read_jsonl(path / "paragraphs.jsonl")
        }
        vectors = np.load(path / "vectors.npy")
        sentences = np.load(path / "sentences.npy")
        offsets = _offsets(np.load(path / "sentence_counts.npy"))
        flat = faiss.read_index(str(path / "faiss.index"))
        documents = tuple(
            DocumentEntry(**{**d, "notes": tuple(d["notes"])}) for d in meta["documents"]
        )
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as error:
        raise AssistantError(
            f"The index in {path} is damaged ({error}): run `assistant index` to rebuild it."
        ) from error
    consistent = len(chunks) == vectors.shape[0] == flat.ntotal == len(offsets) - 1
    if not consistent or flat.d != meta["dimension"] or offsets[-1] != sentences.shape[0]:
        raise AssistantError(
            f"The index in {path} is inconsistent ({len(chunks)} chunks, {flat.ntotal} vectors):"
            " run `assistant index` to rebuild it."
        )
    return Index(
        path, meta["model_id"], chunks, documents, paragraphs, vectors, flat, sentences, offsets
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


def open_index(settings: Settings, encoder: PassageEncoder, *, rebuild: bool = False) -> Index:
    """The live index, built first when it is missing, stale or damaged."""
    build = current_build(settings.index_dir)
    if not rebuild and build is not None and is_fresh(build, settings, encoder.model_id):
        try:
            return load_build(build)
        except AssistantError:
            pass  # damaged: rebuilt below from the untouched source
    return build_index(settings, encoder)
