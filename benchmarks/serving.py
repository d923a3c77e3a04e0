"""Starting and stopping `ui.py` on loopback, shared by the benchmark scripts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_until_serving(port: int, server: subprocess.Popen[bytes], deadline: float) -> None:
    """Wait until the port accepts connections; `deadline` is on the time.monotonic() clock."""
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"ui.py exited with code {server.returncode} before serving")
        with socket.socket() as probe:
            probe.settimeout(0.2)
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError("ui.py did not start serving in time")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def prepared_env(root: Path, index: Path | None, timeout: float) -> dict[str, str]:
    """The environment for ui.py, after making sure its index is built (so runs time serving,
    not building)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", GRADIO_ANALYTICS_ENABLED="False")
    if index:
        env["ASSISTANT_INDEX_DIR"] = str(index)
    build = [sys.executable, "-m", "assistant", "index", "-q"]
    subprocess.run(build, cwd=root, env=env, check=True, timeout=timeout)
    return env
