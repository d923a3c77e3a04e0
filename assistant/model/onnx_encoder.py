"""The default model through onnxruntime: the same vectors as sentence-transformers, no torch.

    encoder = OnnxEncoder.load(ensure_onnx_model(ensure_default_model()), MODEL_ID)
    encoder.encode_queries(["法治政府建设"])        # -> float32 (1, 384), unit length, ~5 ms
    encoder.encode_passages(texts, progress=True)   # -> float32 (len(texts), 384)

It computes what sentence-transformers computes for the built model (modules.json: BERT, mean
pooling with the prompt tokens included, L2 normalisation): `prompt + text` tokenized by
`unigram.UnigramTokenizer` (truncated at 512 tokens), BERT's last hidden states from the
exported graph (`onnx_export`), their mean over the attention mask, divided by its norm. The
vectors agree with sentence-transformers' to cosine 0.9999999 and the token ids are identical
(tests/test_onnx_encoder.py), so it keeps the model id: indexes built either way stay valid.

Passages are embedded longest first, 16 at a time: batches of similar lengths waste little on
padding (+37 % texts/s over unsorted batches of 32 on 2 cores).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from assistant.errors import AssistantError
from assistant.model.embedder import Embedder, usable_cpus
from assistant.model.onnx_export import GRAPH
from assistant.model.unigram import UnigramTokenizer

# onnxruntime threads: 2 measured best for one query; more starve the rest of the machine.
MAX_THREADS = 2


class OnnxEncoder(Embedder):
    """An onnxruntime session of the exported BERT and its tokenizer."""

    passage_batch = 16

    def __init__(
        self,
        session: Any,
        tokenizer: UnigramTokenizer,
        model_id: str,
        *,
        query_prompt: str = "",
        passage_prompt: str = "",
    ) -> None:
        dimension = int(session.get_outputs()[0].shape[-1])
        super().__init__(
            model_id, dimension, query_prompt=query_prompt, passage_prompt=passage_prompt
        )
        self.session = session
        self.tokenizer = tokenizer

    @classmethod
    def load(
        cls,
        folder: Path,
        model_id: str,
        *,
        query_prompt: str = "",
        passage_prompt: str = "",
    ) -> OnnxEncoder:
        """The session (graph optimisation ALL, weights memory-mapped) and the tokenizer of an
        `onnx_export` folder; a damaged folder is an AssistantError saying how to recover."""
        import onnxruntime as ort  # type: ignore[import-untyped]

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = min(MAX_THREADS, usable_cpus())
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: no notes about unused initializers
        try:
            session = ort.InferenceSession(
                str(folder / GRAPH), options, providers=["CPUExecutionProvider"]
            )
            tokenizer = UnigramTokenizer.load(folder)
        except Exception as exc:  # onnxruntime raises its own exception types
            raise AssistantError(
                f"Could not load the fast encoder in {folder} ({type(exc).__name__}: {exc}). "
                f"Delete {folder} and run again: it is exported again in about 10 s."
            ) from exc
        return cls(
            session,
            tokenizer,
            model_id,
            query_prompt=query_prompt,
            passage_prompt=passage_prompt,
        )

    token_states = True

    def _vectors(
        self, texts: list[str], prompt: str, *, progress: bool, batch_size: int
    ) -> NDArray[np.float32]:
        vectors, _ = self._encode_all(texts, prompt, progress=progress, batch_size=batch_size)
        return vectors

    def _with_tokens(
        self, texts: list[str], prompt: str, *, progress: bool, batch_size: int
    ) -> tuple[NDArray[np.float32], list[NDArray[np.float32]]]:
        vectors, states = self._encode_all(
            texts, prompt, progress=progress, batch_size=batch_size, tokens=True
        )
        return vectors, states

    def _encode_all(
        self,
        texts: list[str],
        prompt: str,
        *,
        progress: bool,
        batch_size: int,
        tokens: bool = False,
    ) -> tuple[NDArray[np.float32], list[NDArray[np.float32]]]:
        ids = [self.tokenizer.encode(prompt + text) for text in texts]
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))  # longest first
        out = np.empty((len(ids), self.dimension), dtype=np.float32)
        states: list[NDArray[np.float32]] = [_NO_TOKENS] * (len(ids) if tokens else 0)
        lead = self.tokenizer.encode(prompt)[:-1]  # <s> and the prompt's pieces
        starts: Iterable[int] = range(0, len(order), batch_size)
        if progress:  # tqdm only then: importing it is 15 ms of a cold question
            from tqdm import tqdm

            starts = tqdm(starts, desc="Batches")
        for start in starts:
            rows = order[start : start + batch_size]
            vectors, hidden = self._batch([ids[i] for i in rows])
            out[rows] = vectors
            if tokens:
                for row, i in enumerate(rows):
                    skip = _shared_prefix(lead, ids[i])
                    states[i] = _unit_rows(hidden[row, skip : len(ids[i]) - 1])
        return out, states

    def _batch(self, ids: list[list[int]]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """Token ids of a few texts -> their unit vectors (padded to the longest, masked), and
        the last hidden states they are the mean of.

        [[0, 6, 2], [0, 2]] -> input_ids [[0, 6, 2], [0, 2, 1]], attention_mask [[1, 1, 1],
        [1, 1, 0]] -> states (2, 3, 384) -> masked mean (2, 384) -> / norm.
        """
        longest = max(map(len, ids))
        input_ids = np.full((len(ids), longest), self.tokenizer.pad, dtype=np.int64)
        mask = np.zeros((len(ids), longest), dtype=np.int64)
        for row, tokens in enumerate(ids):
            input_ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        (states,) = self.session.run(
            ["last_hidden_state"], {"input_ids": input_ids, "attention_mask": mask}
        )
        weights = mask[:, :, None].astype(np.float32)
        summed = (states * weights).sum(axis=1)
        means = summed / np.maximum(weights.sum(axis=1), 1e-9)  # as sentence-transformers
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        vectors: NDArray[np.float32] = (means / np.maximum(norms, 1e-12)).astype(np.float32)
        return vectors, states


_NO_TOKENS = np.zeros((0, 0), dtype=np.float32)


def _shared_prefix(lead: list[int], ids: list[int]) -> int:
    """How many of `ids` are the prompt's: [0, 41, 1294, 12, 6] and [0, 41, 1294, 12, 6, 11043,
    …] share 5; "▁" merges into a following Latin word ("passage: The" -> …, 12, ▁The): 4."""
    n = 0
    while n < min(len(lead), len(ids) - 1) and lead[n] == ids[n]:
        n += 1
    return n


def _unit_rows(states: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.maximum(np.linalg.norm(states, axis=1, keepdims=True), 1e-12)
    unit: NDArray[np.float32] = (states / norms).astype(np.float32)
    return unit
