"""Load test of the web UI's /ask API: N questions from C concurrent clients, bounded.

    python benchmarks/load_test.py [--requests 200] [--clients 8] [--timeout 300] [--index DIR]

Builds the index first (not timed), starts `python ui.py` on a free loopback port (127.0.0.1
only), then sends --requests questions from source/questions.jsonl (cycled) through
gradio_client (api_name "/ask") from --clients threads, each with its own Client. Reports
successes, p50/p95 latency, throughput and the server's peak resident memory (psutil, sampled
every 50 ms over the server and its children). A request counts only when it returns an
answer object. The run is capped at --timeout seconds; exit code 1 unless every request
succeeded, 2 when the server did not start.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil
from serving import free_port, prepared_env, stop, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Result:
    requests: int
    clients: int
    succeeded: int
    failed: int
    errors: list[str]  # the first few, for the report
    p50_ms: float
    p95_ms: float
    max_ms: float
    seconds: float
    throughput_per_s: float
    server_rss_idle_mb: float  # after startup, before the first request
    server_rss_peak_mb: float


def questions(path: Path, count: int) -> list[str]:
    texts = [json.loads(line)["question"] for line in path.read_text("utf-8").splitlines() if line]
    return [texts[i % len(texts)] for i in range(count)]


def rss_mb(process: psutil.Process) -> float:
    try:
        total: int = process.memory_info().rss
        for child in process.children(recursive=True):
            with contextlib.suppress(psutil.Error):  # it may exit while we look
                total += child.memory_info().rss
        return total / 2**20
    except psutil.Error:
        return 0.0


class PeakMemory(threading.Thread):
    """Samples the server's resident memory until stopped; keeps the maximum."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, rss_mb(self.process))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def run(args: argparse.Namespace, env: dict[str, str]) -> Result:
    from gradio_client import Client

    port = free_port()
    url = f"http://{HOST}:{port}/"
    server = subprocess.Popen(
        [sys.executable, "ui.py", "--host", HOST, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + args.timeout
    try:
        wait_until_serving(port, server, deadline)
        idle = rss_mb(psutil.Process(server.pid))
        sampler = PeakMemory(server.pid)
        sampler.start()
        local = threading.local()

        def ask(question: str) -> float:
            if not hasattr(local, "client"):  # one client (one session) per thread
                local.client = Client(url, verbose=False)
            started = time.perf_counter()
            payload: Any = local.client.predict(question, api_name="/ask")
            if not isinstance(payload, dict) or "answer" not in payload:
                raise RuntimeError(f"not an answer object: {payload!r:.200}")
            return (time.perf_counter() - started) * 1000

        latencies: list[float] = []
        errors: list[str] = []
        started = time.perf_counter()
        pool = ThreadPoolExecutor(max_workers=args.clients)
        futures = [pool.submit(ask, q) for q in questions(args.questions, args.requests)]
        try:
            for future in as_completed(futures, timeout=max(1.0, deadline - time.monotonic())):
                try:
                    latencies.append(future.result())
                except Exception as error:  # a failed request is counted, not fatal
                    errors.append(f"{type(error).__name__}: {error}"[:300])
        except TimeoutError:
            errors.append(f"time cap of {args.timeout:.0f} s reached")
        seconds = time.perf_counter() - started
        pool.shutdown(wait=False, cancel_futures=True)
        sampler.done.set()
        sampler.join()
        return Result(
            requests=args.requests,
            clients=args.clients,
            succeeded=len(latencies),
            failed=args.requests - len(latencies),
            errors=errors[:5],
            p50_ms=round(percentile(latencies, 0.50), 1),
            p95_ms=round(percentile(latencies, 0.95), 1),
            max_ms=round(max(latencies, default=0.0), 1),
            seconds=round(seconds, 2),
            throughput_per_s=round(len(latencies) / seconds, 2) if seconds else 0.0,
            server_rss_idle_mb=round(idle, 1),
            server_rss_peak_mb=round(max(sampler.peak, idle), 1),
        )
    finally:
        stop(server)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="questions to send (200)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--timeout", type=float, default=300.0, help="cap in seconds (300)")
    parser.add_argument(
        "--questions", type=Path, default=ROOT / "source" / "questions.jsonl", help="JSON Lines"
    )
    parser.add_argument("--index", type=Path, help="index folder (default: the project's)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    env = prepared_env(ROOT, args.index, args.timeout)
    try:
        result = run(args, env)
    except (RuntimeError, TimeoutError) as error:
        print(f"load test: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(asdict(result), indent=2))
    else:
        print(
            f"{result.succeeded}/{result.requests} succeeded with {result.clients} clients in "
            f"{result.seconds:.1f} s: {result.throughput_per_s:.1f} questions/s, "
            f"latency p50 {result.p50_ms:.0f} ms, p95 {result.p95_ms:.0f} ms, "
            f"max {result.max_ms:.0f} ms; server memory {result.server_rss_idle_mb:.0f} MB "
            f"idle, {result.server_rss_peak_mb:.0f} MB peak"
        )
        for message in result.errors:
            print(f"  error: {message}")
    return 0 if result.succeeded == result.requests else 1


if __name__ == "__main__":
    sys.exit(main())
