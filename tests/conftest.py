"""Shared fixtures: the real model and a real index over the real report, built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
REPORT = SOURCE / "dayong-2022-rule-of-law-report.txt"


@pytest.fixture(scope="session")
def report_lines() -> list[str]:
    return REPORT.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    from assistant.model.embedder import load_embedder

    return load_embedder(None, progress=False)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(source_dir=SOURCE, index_dir=tmp_path_factory.mktemp("index"), progress=False)


@pytest.fixture(scope="session")
def engine(embedder, settings):  # type: ignore[no-untyped-def]
    from assistant.engine import Engine
    from assistant.index.store import open_index

    return Engine(settings, embedder, open_index(settings, embedder))
