"""Faults: an index build killed at any point leaves the previous index serving, and a
refresh under load swaps the new index in without failing a question in flight.

The kill tests run the real `python -m assistant index` in a subprocess against tmp copies
(ASSISTANT_SOURCE_DIR/ASSISTANT_INDEX_DIR), after a source change that needs a rebuild, and
SIGKILL it at deterministic points: a small hook (HOOK below, installed before the CLI
runs) prints `STAGE <name>` and stops at that point of the build, the test checks the disk
is in the expected half-written state, then kills. One more kill is purely by time.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from assistant.config import Settings
from assistant.engine import Engine
from assistant.index.folder import CURRENT, current_build, load_build
from assistant.index.lock import LOCK_NAME
from assistant.index.store import open_index
from assistant.model.embedder import Embedder

from .conftest import ROOT
from .test_bad_input import CONTRACTS, TINY, MemoEmbedder

pytestmark = pytest.mark.slow

ADDED = "四、新增工作\n2023年，我镇新建了12个法治文化公园，覆盖全部社区。\n"  # ¶9, ¶10
PARKS = "我镇新建了多少个法治文化公园？"

# Runs `python -m assistant index -q` with one build step made to announce itself and stop
# (env KILL_AT), so the parent can SIGKILL it exactly there.
HOOK = r"""
import os, runpy, sys, time
import numpy
import assistant.model.embedder, assistant.index.folder as store
stage = os.environ["KILL_AT"]

def halt(name):
    if name == stage:
        print("STAGE", name, flush=True)
        time.sleep(120)

encode = assistant.model.embedder.Embedder.encode_passages
def encode_passages(self, texts, **kwargs):
    halt("embedding")
    return encode(self, texts, **kwargs)
assistant.model.embedder.Embedder.encode_passages = encode_passages

save = numpy.save
def np_save(path, *args, **kwargs):
    halt("chunks-written")  # chunks.jsonl and paragraphs.jsonl are in .tmp-build-*
    save(path, *args, **kwargs)
    if str(path).endswith("token_counts.npy"):
        halt("arrays-written")  # everything but meta.json is in .tmp-build-*
store.np.save = np_save

replace = os.replace
def os_replace(src, dst):
    if os.path.basename(dst) == "CURRENT":
        halt("pointer-written")  # .tmp-CURRENT-<pid> names the new build; CURRENT does not
    replace(src, dst)
    if os.path.basename(str(dst)).startswith("build-"):
        halt("renamed")  # the new build-* folder is complete, CURRENT still the old one
store.os.replace = os_replace

sys.argv = ["assistant", "index", "-q"]
runpy.run_module("assistant", run_name="__main__")
"""

STAGES = ["embedding", "chunks-written", "arrays-written", "renamed", "pointer-written"]


@pytest.fixture(scope="module")
def memo(embedder: Embedder) -> MemoEmbedder:
    return MemoEmbedder(embedder)


@pytest.fixture
def workspace(tmp_path: Path, memo: MemoEmbedder) -> Iterator[Settings]:
    """A tiny report with a live index, then a source change that needs a rebuild."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "tiny.txt").write_text(TINY, encoding="utf-8")
    settings = Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)
    open_index(settings, memo)
    (source / "tiny.txt").write_text(TINY + ADDED, encoding="utf-8")
    yield settings


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env |= {
        "ASSISTANT_SOURCE_DIR": str(settings.source_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    return env


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _wait_for_stage(process: subprocess.Popen[str], stage: str, timeout: float = 120) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    line = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith("STAGE") or not line:
            break
    if line.strip() != f"STAGE {stage}":
        process.kill()
        _, err = process.communicate(timeout=30)
        pytest.fail(f"the build did not reach {stage}: {line!r} {err[-2000:]}")


def _assert_previous_index_serves(settings: Settings, previous: Path, memo: MemoEmbedder) -> None:
    """CURRENT still names the previous build, which loads and answers."""
    pointer = (settings.index_dir / CURRENT).read_text(encoding="utf-8").strip()
    assert pointer == previous.name  # never a .tmp-* or half build
    assert current_build(settings.index_dir) == previous
    index = load_build(previous)
    response = Engine(settings, memo, index).ask(CONTRACTS)
    assert response.answer.citations[0].paragraph == 5


def _assert_next_open_rebuilds(settings: Settings, previous: Path, memo: MemoEmbedder) -> None:
    """The stale source is noticed; the new build answers about the added paragraph, and the
    killed build's leftovers (once old) are cleaned up."""
    for leftover in settings.index_dir.glob(".tmp-*"):
        os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    index = open_index(settings, memo)
    assert index.path != previous
    assert current_build(settings.index_dir) == index.path
    response = Engine(settings, memo, index).ask(PARKS)
    assert response.answer.citations[0].paragraph == 10
    left = sorted(p.name for p in settings.index_dir.iterdir())
    # No half build, no stale temporary; the build lock's file stays (it is reused).
    assert left == sorted([CURRENT, LOCK_NAME, index.path.name])


class SlowBuild(MemoEmbedder):
    """Embedding that takes at least a second, as on a real report (the memo would make the
    rebuild too quick for any question to overlap it)."""

    def __init__(self, inner: MemoEmbedder) -> None:
        super().__init__(inner.inner)
        self.memo = inner.memo

    def encode_passages(
        self, texts: list[str], *, progress: bool = False, batch_size: int = 32
    ) -> NDArray[np.float32]:
        time.sleep(1.0)
        return super().encode_passages(texts, progress=progress, batch_size=batch_size)


@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_a_step_leaves_the_previous_index_serving(
    stage: str, workspace: Settings, memo: MemoEmbedder
) -> None:
    previous = current_build(workspace.index_dir)
    assert previous is not None
    process = subprocess.Popen(
        [sys.executable, "-c", HOOK],
        cwd=ROOT,
        env=_env(workspace, KILL_AT=stage),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_stage(process, stage)
        tmp_builds = list(workspace.index_dir.glob(".tmp-build-*"))
        new_builds = [p for p in workspace.index_dir.glob("build-*") if p != previous]
        if stage in ("chunks-written", "arrays-written"):  # caught half-written
            assert len(tmp_builds) == 1 and not new_builds
            assert (tmp_builds[0] / "chunks.jsonl").exists()
            assert not (tmp_builds[0] / "meta.json").exists()
        elif stage in ("renamed", "pointer-written"):
            assert not tmp_builds and len(new_builds) == 1
        else:
            assert not tmp_builds and not new_builds
        if stage == "pointer-written":
            assert list(workspace.index_dir.glob(f".tmp-{CURRENT}-*"))
    finally:
        _kill(process)
    _assert_previous_index_serves(workspace, previous, memo)
    _assert_next_open_rebuilds(workspace, previous, memo)


# Early in the run (importing), and later (loading the model, embedding): the whole tiny
# build takes well under a second on an idle machine since the ONNX path (6 s with torch).
@pytest.mark.parametrize("seconds", [0.1, 0.3])
def test_a_build_killed_by_time_leaves_the_previous_index_serving(
    seconds: float, workspace: Settings, memo: MemoEmbedder
) -> None:
    """The plain `python -m assistant index`, killed while importing / loading the model."""
    previous = current_build(workspace.index_dir)
    assert previous is not None
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "index", "-q"],
        cwd=ROOT,
        env=_env(workspace),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    time.sleep(seconds)
    assert process.poll() is None, "the build finished before it could be killed"
    _kill(process)
    _assert_previous_index_serves(workspace, previous, memo)
    _assert_next_open_rebuilds(workspace, previous, memo)


def test_refresh_under_load_swaps_the_index_without_failing_a_question(
    workspace: Settings, memo: MemoEmbedder
) -> None:
    """Four threads ask questions while the source changes and engine.refresh() rebuilds:
    every question succeeds, and the new paragraph is answerable once the refresh returns."""
    shutil.copy(workspace.source_dir / "tiny.txt", workspace.source_dir / "tiny.txt.new")
    (workspace.source_dir / "tiny.txt").write_text(TINY, encoding="utf-8")  # back to the old
    engine = Engine(workspace, SlowBuild(memo), open_index(workspace, memo))
    old_path = engine.index.path
    stop = threading.Event()
    answered: list[tuple[float, int]] = []

    def keep_asking(worker: int) -> int:
        count = 0
        while not stop.is_set():
            response = engine.ask(CONTRACTS if (worker + count) % 2 else PARKS)
            assert response.passages
            answered.append((time.monotonic(), worker))
            count += 1
        return count

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(keep_asking, worker) for worker in range(4)]
        time.sleep(0.5)
        os.replace(workspace.source_dir / "tiny.txt.new", workspace.source_dir / "tiny.txt")
        started = time.monotonic()
        engine.refresh()
        finished = time.monotonic()
        time.sleep(0.5)
        stop.set()
        counts = [f.result(timeout=60) for f in futures]  # re-raises any failed question
    assert engine.index.path != old_path
    assert all(count > 0 for count in counts)
    assert any(started <= t <= finished for t, _ in answered)  # asked during the rebuild
    assert any(t > finished for t, _ in answered)
    assert engine.ask(PARKS).answer.citations[0].paragraph == 10
