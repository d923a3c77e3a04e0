"""Cold start of the web UI: seconds from `python ui.py` to the first answer over HTTP.

    python benchmarks/ui_cold_start.py [--runs 3] [--timeout 300] [--index DIR]

The index is built first (not timed), so each run measures what a user waits for when the
index already exists: interpreter + imports + model load + index load + Gradio start + one
question through gradio_client. Loopback only, a free port per run, and a time cap: a run
that has no answer within --timeout seconds is killed and reported as a failure.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from serving import free_port, prepared_env, stop, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "2022年村(社区)法律顾问提供了多少宗免费法律咨询？"


def one_run(env: dict[str, str], timeout: float) -> float:
    from gradio_client import Client

    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "ui.py", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_serving(port, server, time.monotonic() + timeout)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        answer = client.predict(QUESTION, api_name="/ask")
        seconds = time.perf_counter() - started
        if "205宗" not in answer["answer"]:
            raise RuntimeError(f"unexpected answer: {answer['answer']!r}")
        return seconds
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts to time (default 3)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per run")
    parser.add_argument("--index", type=Path, help="index folder (default: the project's)")
    args = parser.parse_args()
    env = prepared_env(ROOT, args.index, args.timeout)
    times = [one_run(env, args.timeout) for _ in range(args.runs)]
    print("ui cold start to first answer: " + ", ".join(f"{t:.2f}" for t in times) + " s")
    print(f"median {statistics.median(times):.2f} s over {len(times)} run(s)")


if __name__ == "__main__":
    main()
