"""The package's layers (docs/architecture.md): imports only go down, and only the model
layer imports torch. Checked with import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("lint-imports")
    if command is None:
        pytest.fail("lint-imports is missing: pip install -e '.[dev]'")
    return subprocess.run(
        [command, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_imports_go_down_the_layers() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The contract really bites: a copy of the package where the text layer imports the
    engine is refused, naming the offending import."""
    shutil.copytree(ROOT / "assistant", tmp_path / "assistant")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    script = tmp_path / "assistant" / "text" / "script.py"
    script.write_text(script.read_text(encoding="utf-8") + "\nimport assistant.engine\n")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command;"
            " sys.exit(lint_imports_command())",
            "--no-cache",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "assistant.text.script -> assistant.engine" in result.stdout
