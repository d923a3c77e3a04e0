"""Adding and removing reports from the browser: only inside the source folder, under a
sanitised name, never overwriting a file. The caller refreshes the index afterwards.

    safe_name("../报告 2023.docx") -> "报告 2023.docx"      (path parts dropped)
    safe_name(".hidden.txt")       -> "hidden.txt"          (no hidden names)
    safe_name("/etc/passwd")       -> AssistantError        (not a report suffix)
    add_report(source, "a.txt", data) -> source / "a.txt"    (refused when the name is taken or
                                                               the same bytes are already there)
    remove_report(source, "a.txt")                           (only a report listed there)

Size limits are the reader's own (`report.documents.MAX_TEXT_BYTES`, `MAX_PACKAGED_BYTES`):
a file the index would refuse is refused before it is written. Every message is one Chinese
line.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path, PurePosixPath

from assistant.errors import AssistantError
from assistant.report.documents import MAX_PACKAGED_BYTES, MAX_TEXT_BYTES
from assistant.text.formats import SUFFIXES

# Characters no file name here may hold: controls, and those Windows or shells treat specially.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')
MAX_NAME_CHARS = 120


def safe_name(name: str) -> str:
    """The bare file name to store an upload under, or AssistantError."""
    bare = PurePosixPath((name or "").replace("\\", "/")).name
    bare = _UNSAFE.sub("", bare).strip().lstrip(". ").strip()
    suffix = PurePosixPath(bare).suffix.lower()
    if suffix not in SUFFIXES or not PurePosixPath(bare).stem.strip():
        raise AssistantError(f"只能添加 {'、'.join(SUFFIXES)} 格式的报告（收到「{name}」）。")
    if len(bare) > MAX_NAME_CHARS:
        raise AssistantError(f"文件名太长（{len(bare)} 个字符，最多 {MAX_NAME_CHARS} 个）。")
    return bare


def size_limit(name: str) -> int:
    return (
        MAX_TEXT_BYTES
        if PurePosixPath(name).suffix.lower() in (".txt", ".md")
        else (MAX_PACKAGED_BYTES)
    )


def report_files(source_dir: Path) -> list[Path]:
    """The reports in the source folder (what the index reads), by name."""
    if not source_dir.is_dir():
        return []
    return sorted(
        p for p in source_dir.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    )  # fmt: skip


def add_report(source_dir: Path, name: str, data: bytes) -> Path:
    """Write `data` as a new report in `source_dir`; returns its path."""
    bare = safe_name(name)
    limit = size_limit(bare)
    if len(data) > limit:
        raise AssistantError(
            f"文件太大：{len(data) / 1e6:.1f} MB，{PurePosixPath(bare).suffix} 报告最多 "
            f"{limit / 1e6:.0f} MB。"
        )
    if not data.strip():
        raise AssistantError(f"「{bare}」是空文件。")
    folder = source_dir.resolve()
    target = folder / bare
    if target.parent != folder:  # safe_name makes this impossible; checked all the same
        raise AssistantError("报告只能写入报告文件夹。")
    digest = hashlib.sha256(data).hexdigest()
    for existing in report_files(folder):
        if existing.name.lower() == bare.lower():
            raise AssistantError(f"已有同名报告「{existing.name}」：请先删除它或改名后再添加。")
        if hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            raise AssistantError(f"这份报告已经在了：与「{existing.name}」内容完全相同。")
    part = folder / f".upload-{secrets.token_hex(6)}.part"  # hidden: never read as a report
    try:
        part.write_bytes(data)
        os.link(part, target)  # fails if the name was taken meanwhile: never overwrites
    except FileExistsError as error:
        raise AssistantError(f"已有同名报告「{bare}」：请先删除它或改名后再添加。") from error
    except OSError as error:
        raise AssistantError(f"无法写入报告「{bare}」：{error.strerror}") from error
    finally:
        part.unlink(missing_ok=True)
    return target


def remove_report(source_dir: Path, name: str) -> Path:
    """Delete the report named `name` (exactly as listed); the last one stays."""
    files = report_files(source_dir.resolve())
    found = next((p for p in files if p.name == name), None)
    if found is None:
        raise AssistantError(f"报告文件夹中没有「{name}」。")
    if len(files) == 1:
        raise AssistantError("这是最后一份报告，不能删除：先添加另一份。")
    try:
        found.unlink()
    except OSError as error:
        raise AssistantError(f"无法删除「{name}」：{error.strerror}") from error
    return found
