"""Two builds of one index folder at once (two `assistant index` processes, or the app
refreshing while the CLI builds) leave one valid build named by CURRENT: the build lock
(assistant/index/lock.py) makes the second one wait, then take the first one's build."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from assistant.index.folder import CURRENT, current_build, load_build
from assistant.index.lock import LOCK_NAME

from .conftest import REPORT

pytestmark = pytest.mark.slow


def _workspace(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "source"
    source.mkdir()
    # A short report: the test is about the processes, not about embedding time.
    lines = REPORT.read_text(encoding="utf-8").split("\n")[:24]
    (source / "short.txt").write_text("\n".join(lines), encoding="utf-8")
    return source, tmp_path / "index"


def _index(source: Path, index: Path, *flags: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "index", "--source", str(source),
         "--index", str(index), *flags],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip


def _assert_one_valid_build(index: Path) -> None:
    build = current_build(index)
    assert build is not None, f"{CURRENT} names no build"
    assert [p.name for p in index.glob("build-*")] == [build.name]
    assert not list(index.glob(".tmp-*"))
    assert len(load_build(build).chunks) > 0


def test_two_index_processes_at_once_leave_one_valid_build(tmp_path: Path) -> None:
    source, index = _workspace(tmp_path)
    first = _index(source, index, "--rebuild")
    second = _index(source, index, "--rebuild")
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    for process, (out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err
        assert "Index ready in" in out
    _assert_one_valid_build(index)


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    source, index = _workspace(tmp_path)
    index.mkdir()
    held = FileLock(index / LOCK_NAME)
    held.acquire()  # this test process plays the first build
    try:
        waiting = _index(source, index)
        deadline = time.monotonic() + 300
        assert waiting.stderr is not None
        line = ""
        while "Another process is building" not in line and time.monotonic() < deadline:
            line = waiting.stderr.readline()
            if not line and waiting.poll() is not None:
                break
        assert "Another process is building the index" in line
        time.sleep(1.0)
        assert waiting.poll() is None, "it must wait, not build beside the first"
        assert current_build(index) is None
    finally:
        held.release()
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err
    assert "Index ready in" in out
    _assert_one_valid_build(index)
