"""The command line: help for every command, and one-line errors instead of tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import build_parser, main


def _subcommands() -> dict[str, object]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return dict(action.choices)  # type: ignore[arg-type]


def test_every_command_has_help_text() -> None:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    helps = {choice.dest: choice.help for choice in action._choices_actions}  # type: ignore[attr-defined]
    assert set(helps) == set(_subcommands()) >= {"ask", "index", "eval", "calibrate"}
    assert all(helps.values())


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "\x00\x01"])
def test_an_empty_question_is_refused_with_a_hint(question: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["ask", question]) == 2
    err = capsys.readouterr().err
    assert "question is empty" in err
    assert "Traceback" not in err


def test_a_missing_source_folder_says_what_to_do(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["index", "-q", "--source", str(tmp_path / "nope"), "--index", str(tmp_path / "i")])
    assert code == 2
    assert "--source DIR" in capsys.readouterr().err


def test_an_empty_source_folder_says_what_to_do(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "src").mkdir()
    code = main(["index", "-q", "--source", str(tmp_path / "src"), "--index", str(tmp_path / "i")])
    assert code == 2
    assert "has no reports" in capsys.readouterr().err


def test_k_below_one_is_refused(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["ask", "法律顾问", "-k", "0"]) == 2
    assert "-k must be at least 1" in capsys.readouterr().err


def test_a_malformed_question_file_names_its_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"id": "a", "question": "q", "paragraphs": [1]}\n{oops\n', encoding="utf-8")
    assert main(["eval", "--questions", str(bad)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_output_cut_short_by_a_closed_pipe_is_not_an_error() -> None:
    """`assistant eval | head` printed a BrokenPipeError traceback once head had its lines."""
    flood = (
        "import assistant.cli as cli\n"
        "def flood(args):\n"
        "    for i in range(200_000):\n"
        "        print('line', i)\n"
        "    return 0\n"
        "cli.cmd_eval = flood\n"
        "raise SystemExit(cli.main(['eval']))\n"
    )
    run = subprocess.Popen(
        [sys.executable, "-c", flood], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert run.stdout is not None and run.stderr is not None
    assert run.stdout.readline() == b"line 0\n"
    run.stdout.close()  # what head does after its lines
    err = run.stderr.read().decode()
    assert run.wait(timeout=60) == 141
    assert "Traceback" not in err and "Exception ignored" not in err
