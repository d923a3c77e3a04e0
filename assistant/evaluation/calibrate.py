"""Abstention threshold from a question set: reproducible, written by a command.

Every question is answered with abstention off; the threshold is the confidence cut that
minimises the class-balanced error (a missed "not in the report" weighs as much as all
answerable questions over all unanswerable ones), placed in the middle of the widest gap.
Questions whose confidence is 0 were decided by the answer-type gate (a count asked, none
given), not by the threshold: they are left out. A cut below every answerable question sits
MARGIN under the weakest one, not lower: evidence weaker than any answered question of the set
is not an answer.

    choose_threshold(answerable=[0.9, 0.95], unanswerable=[0.7, 0.8]) -> 0.85
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

# Room left under the weakest answerable question when no unanswerable one lies below it.
MARGIN = 0.02


def choose_threshold(answerable: Sequence[float], unanswerable: Sequence[float]) -> float:
    if not answerable or not unanswerable:
        raise ValueError("calibration needs answerable and unanswerable questions")
    weight = len(answerable) / len(unanswerable)
    answerable = [c for c in answerable if c > 0] or list(answerable)
    unanswerable = [c for c in unanswerable if c > 0]
    cuts = sorted(set(answerable) | set(unanswerable))
    # Candidate thresholds: midpoints between neighbouring confidences, plus both ends.
    bottom = cuts[0] - (MARGIN if cuts[0] in answerable else 1e-3)
    candidates = [bottom] + [(a + b) / 2 for a, b in pairwise(cuts)] + [cuts[-1] + 1e-3]

    def cost(t: float) -> float:
        false_abstentions = sum(1 for c in answerable if c < t)
        missed = sum(1 for c in unanswerable if c >= t)
        return false_abstentions + weight * missed

    best = min(cost(t) for t in candidates)
    tied = [t for t in candidates if cost(t) == best]

    # Ties form runs of equally good cuts: take the one with the most room on both sides.
    def margin(t: float) -> float:
        return min(abs(t - c) for c in cuts)

    chosen: float = max(tied, key=margin)
    return round(chosen, 4)


def calibration_path() -> Path:
    return Path(str(resources.files("assistant").joinpath("calibration.json")))


def save(model_id: str, entry: dict[str, Any], path: Path | None = None) -> Path:
    """Merge `entry` for `model_id` into the calibration file at `path` (the package's
    default only when asked explicitly)."""
    target = path or calibration_path()
    try:
        table = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = {}
    table[model_id] = entry
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(table, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise AssistantError(
            f"Cannot write the calibration to {target} ({error.strerror or error}): pass "
            "--output FILE or --index DIR to a writable folder."
        ) from error
    return target
