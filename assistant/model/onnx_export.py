"""The default model as ONNX: exported once from its sentence-transformers directory.

`assistant ask` should not pay 3.5 s of torch and sentence-transformers imports for one
question. Once, beside the built model (`build.py`), this writes what `onnx_encoder` needs
without torch:

    multilingual-e5-small/onnx/
      model.onnx          the BERT graph: input_ids, attention_mask (int64 [batch, seq])
                          -> last_hidden_state (float32 [batch, seq, 384]); opset 17
      model.onnx.data     its fp32 weights, one file, memory-mapped by onnxruntime
      unigram*.npy/.json  the tokenizer as arrays (`unigram.write_vocabulary`)
      ONNX.json           marker, written last: {"format": 1, "model": <BUILD.json>, ...}

    folder = ensure_onnx_model(ensure_default_model())   # ~10 s the first time, then free

The legacy (TorchScript) exporter is used: its graph runs 25-35 % faster in onnxruntime than
the dynamo exporter's. Weights in one external file rather than inside model.onnx: the session
then loads in 0.09 s instead of 0.61 s and leaves unused embedding rows on disk.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.model.build import MARKER as MODEL_MARKER
from assistant.model.build import swap_into_place, work_dir
from assistant.model.st_directory import write_json
from assistant.model.unigram import FILES as TOKENIZER_FILES
from assistant.model.unigram import write_vocabulary

FORMAT = 1
FOLDER = "onnx"
GRAPH = "model.onnx"
WEIGHTS = "model.onnx.data"
MARKER = "ONNX.json"
OPSET = 17
_REQUIRED = (GRAPH, WEIGHTS, *TOKENIZER_FILES, MARKER)


def _marker(model_dir: Path) -> dict[str, object]:
    model = json.loads((model_dir / MODEL_MARKER).read_text(encoding="utf-8"))
    return {"format": FORMAT, "opset": OPSET, "model": model}


def is_complete(model_dir: Path) -> bool:
    """True when `model_dir/onnx` is a finished export of the model now in `model_dir`."""
    folder = model_dir / FOLDER
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        expected = _marker(model_dir)
    except (OSError, ValueError):
        return False
    return marker == expected and all((folder / name).is_file() for name in _REQUIRED)


def ensure_onnx_model(model_dir: Path, *, progress: bool = True) -> Path:
    """`model_dir/onnx`, exported first if it is missing, partial or from another build."""
    if not is_complete(model_dir):
        export_onnx_model(model_dir, progress=progress)
    return model_dir / FOLDER


def export_onnx_model(model_dir: Path, *, progress: bool = True) -> Path:
    """Export `model_dir` (a sentence-transformers BERT directory) into `model_dir/onnx`.

    Written into `.building-<pid>-*` inside `model_dir`, the marker last, then renamed into
    place; an interrupted export leaves nothing half-written where a whole one is expected.
    Takes 10-15 s and 2.2 GB of memory, once; the result takes 0.5 GB of disk.
    """
    from tqdm import tqdm

    target = model_dir / FOLDER
    started = time.perf_counter()
    if progress:
        print(
            "Preparing the fast encoder (an ONNX export of the model, once; about 10 s)…",
            file=sys.stderr,
            flush=True,
        )
    work = work_dir(target)
    try:
        with tqdm(total=4, unit="step", desc="Exporting to ONNX", disable=not progress) as bar:
            _export_graph(model_dir, work / "inline.onnx", on_step=bar.update)
            _external_weights(work / "inline.onnx", work / GRAPH)
            bar.update()
            write_vocabulary(model_dir / "tokenizer.json", work)
            bar.update()
        for path in work.iterdir():
            path.chmod(0o644)  # onnx writes the weights file 0600
        write_json(work / MARKER, _marker(model_dir))
        swap_into_place(work, target)
    except OSError as exc:
        raise AssistantError(
            f"Exporting the model to {target} failed ({exc.strerror or exc}); free some disk "
            "space (it needs 1 GB while exporting) or set ASSISTANT_MODEL_DIR to another folder."
        ) from exc
    except Exception as exc:  # an exporter failure: the cached model itself is suspect
        raise AssistantError(
            f"Exporting the model to ONNX failed ({type(exc).__name__}: {exc}). Delete "
            f"{model_dir} and run again: the model is rebuilt and exported."
        ) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if progress:
        seconds = time.perf_counter() - started
        print(f"Fast encoder ready in {seconds:.0f} s.", file=sys.stderr, flush=True)
    return target


def _export_graph(model_dir: Path, out: Path, on_step: Any) -> None:
    """The BertModel of `model_dir` -> ONNX with the weights inline (one 470 MB file)."""
    import torch
    from transformers import AutoModel

    from assistant.model.embedder import quiet_transformers

    with quiet_transformers(True):
        bert = AutoModel.from_pretrained(
            str(model_dir), add_pooling_layer=False, attn_implementation="eager"
        ).eval()
    on_step()

    class LastHiddenState(torch.nn.Module):
        """BERT with token_type_ids fixed to 0 (XLM-R tokenizers make no others)."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            states: torch.Tensor = self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            return states

    # Two rows, the second padded, so the mask is traced as data rather than as all ones.
    ids = torch.tensor([[0, 1000, 2000, 3000, 4000, 2], [0, 1500, 2, 1, 1, 1]], dtype=torch.long)
    mask = (ids != 1).long()
    axes = {0: "batch", 1: "seq"}
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about Python branches on shapes
        torch.onnx.export(
            LastHiddenState().eval(),
            (ids, mask),
            str(out),
            dynamo=False,
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            opset_version=OPSET,
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
            do_constant_folding=True,
        )
    on_step()


def _external_weights(inline: Path, out: Path) -> None:
    """Re-save `inline` as `out` + one weights file beside it (`WEIGHTS`), then delete it."""
    import onnx

    model = onnx.load(str(inline))
    onnx.save_model(
        model,
        str(out),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=WEIGHTS,
        size_threshold=1024,
    )
    del model
    os.remove(inline)
