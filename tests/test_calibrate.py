"""`assistant calibrate` writes into the index folder it calibrated, never into the installed
package, and the engine on that index reads it back."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from assistant.cli import main as cli
from assistant.config import Settings
from assistant.engine import Engine
from assistant.evaluation.calibrate import calibration_path

from .conftest import REPORT, SOURCE

pytestmark = pytest.mark.slow


def _questions(path: Path) -> Path:
    rows = [
        json.loads(line) for line in (SOURCE / "questions.jsonl").read_text("utf-8").splitlines()
    ]
    answerable = [r for r in rows if r["paragraphs"]][:6]
    unanswerable = [r for r in rows if not r["paragraphs"]][:4]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in answerable + unanswerable),
        encoding="utf-8",
    )
    return path


def test_calibrate_writes_beside_the_index_and_the_engine_reads_it(tmp_path: Path) -> None:
    source, index = tmp_path / "source", tmp_path / "index"
    source.mkdir()
    shutil.copy(REPORT, source / REPORT.name)
    questions = _questions(tmp_path / "mine.jsonl")
    package = calibration_path()
    before = hashlib.sha256(package.read_bytes()).hexdigest()
    flags = ["--source", str(source), "--index", str(index), "-q"]
    assert cli(["calibrate", "--questions", str(questions), *flags]) == 0
    assert hashlib.sha256(package.read_bytes()).hexdigest() == before
    table = json.loads((index / "calibration.json").read_text(encoding="utf-8"))
    (entry,) = table.values()
    assert entry["questions"] == 10 and entry["unanswerable"] == 4
    engine = Engine.open(Settings(source_dir=source, index_dir=index, progress=False))
    if entry["kind"] == "judge":
        assert engine.judge is not None and engine.judge.cut == entry["threshold"]
    else:
        assert engine.threshold == entry["threshold"]
