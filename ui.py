"""Web UI: ask questions about the report in a browser.

    python ui.py                       # http://127.0.0.1:7860
    python ui.py --port 8080 --auth reader:secret

The command only: `main()` opens the engine at the edge (building the index with progress
bars when it is missing) and serves the app on the loopback address unless --host says
otherwise. Never a share link. The app is assistant/ui/: `app.build_demo(engine)` (layout
and wiring; tests use it), the handlers of each tab (`chat_events`, `mark_events`,
`document_events`, `evaluation_events`), the logic they call (chat.py, marks.py, uploads.py,
evaluation_tab.py), the HTML (markup.py), the 简体 / 繁體 toggle (page_script.py) and the
look (style.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.ui.app import build_demo, launch
from assistant.ui.marks import marks_file
from assistant.ui.markup import escape
from assistant.ui.page import TITLE
from assistant.ui.page_script import SIMPLIFIED, TRADITIONAL

__all__ = [
    "SIMPLIFIED", "TRADITIONAL", "build_demo", "escape", "launch", "main", "parse_auth", "parser",
]  # fmt: skip


def parse_auth(text: str | None) -> tuple[str, str] | None:
    """'reader:secret' -> ('reader', 'secret'); None or '' -> no login."""
    if not text:
        return None
    user, colon, password = text.partition(":")
    if not colon or not user or not password:
        raise AssistantError("--auth (or ASSISTANT_AUTH) must look like user:password.")
    return user, password


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python ui.py", description=f"{TITLE}: the web UI.")
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="port to serve on (default 7860)")
    p.add_argument("--source", type=Path, help="folder of reports (default ./source)")
    p.add_argument("--index", type=Path, help="index folder (default ./index)")
    p.add_argument("--model", help="embedding model path or name (default: the bundled e5-small)")
    p.add_argument(
        "--marks",
        type=Path,
        help="question file the chat's 对/错 marks are appended to "
        "(default: <index folder>/marked-questions.jsonl)",
    )
    p.add_argument(
        "--auth",
        help="require a login, user:password (default: env ASSISTANT_AUTH, else no login)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        from assistant.engine import Engine

        auth = parse_auth(args.auth or os.environ.get("ASSISTANT_AUTH"))
        settings = Settings.from_env(source_dir=args.source, index_dir=args.index, model=args.model)
        print("Loading the model and the index (the first run builds them) …", flush=True)
        if args.marks is None:
            demo = build_demo(Engine.open(settings))
        else:
            marks_file(settings, args.marks)  # refused before the model loads
            demo = build_demo(Engine.open(settings), marks=args.marks)
        launch(demo, host=args.host, port=args.port, auth=auth)
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
