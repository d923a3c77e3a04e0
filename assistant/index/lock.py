"""One index build at a time per index folder, across processes.

Two `assistant index` runs, or the app refreshing while the CLI builds, would otherwise each
write a build and then remove every build but their own, leaving CURRENT naming a folder
the other one deleted. A build holds an exclusive lock on `<index>/.build.lock` (filelock:
an OS-level lock, released by the kernel when its process ends, so a killed build never
leaves a stale lock behind); the one that comes second waits, then usually finds the index
fresh and loads it instead of building it again.

    with build_lock(index_dir, timeout=900, on_wait=print) as waited:
        ...  # waited is True when another process held the lock first
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.errors import AssistantError

LOCK_NAME = ".build.lock"


@contextmanager
def build_lock(
    index_dir: Path, *, timeout: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[bool]:
    """Hold the folder's build lock; yields whether another process had to be waited for."""
    path = index_dir / LOCK_NAME
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path)
        waited = not _try(lock, 0)
        if waited:
            if on_wait is not None:
                on_wait(
                    f"Another process is building the index in {index_dir}; waiting for it "
                    f"to finish (at most {timeout:.0f} s)…"
                )
            if not _try(lock, timeout):
                raise AssistantError(
                    f"Another process has been building the index in {index_dir} for over "
                    f"{timeout:.0f} s: try again when it has finished, or pass --index DIR to "
                    "build in another folder."
                )
    except OSError as error:
        raise AssistantError(
            f"Cannot write the index in {index_dir} ({error.strerror or error}): pass --index "
            "DIR (or set ASSISTANT_INDEX_DIR) to a writable folder."
        ) from error
    try:
        yield waited
    finally:
        lock.release()


def _try(lock: FileLock, timeout: float) -> bool:
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        return False
    return True
