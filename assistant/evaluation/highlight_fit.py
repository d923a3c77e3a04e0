"""Refit the highlighted-clause scorer (answering/highlight.py): `assistant fit-highlight`.

    assistant fit-highlight [--output FILE]      # default: assistant/highlight.json

Training data, and only that (../shared/data/README.md): the CMRC 2018 trial set and the
DRCD test set, questions written by others about passages nobody here chose. For each
question, the sentence of its gold passage that holds a gold answer span is the shown
sentence (alone, and with the sentence before it: the engine shows pairs too); its clauses
are the candidates, and the clause holding the span is the one to find (questions whose span
runs over a clause boundary are left out). The question's word weights come from BM25 over
the split's own passages, as they come from the index in the engine. A pairwise logistic
regression (scikit-learn, standardised features, no intercept: the span's clause against
each other clause of its sentence) weighs `highlight.FEATURES`; the clause scored highest is
highlighted. No model, no index: it runs in a minute. Nothing here reads
this project's question sets or the 2019/2024 national reports, and the output is
deterministic: the same data give the same file.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.answering.answer_types import asked
from assistant.answering.focus import question_focus
from assistant.answering.highlight import (
    FEATURES,
    HIGHLIGHT_FILE,
    INPUTS,
    Highlighter,
    clauses,
    features,
    inputs,
    segments,
)
from assistant.evaluation.judge_fit import DATA, SPLITS, load_split
from assistant.evaluation.trees_fit import boosted, top1
from assistant.index.bm25 import BM25
from assistant.report.chunks import answer_sentences
from assistant.text.tokens import normalize, tokens

# Chosen by fitting on one training split and scoring the other (0.629 / 0.745 for the logistic
# regression before it; 0.671 / 0.796 with these; 5-31 leaves and 60-400 rounds all within 0.01).
TREES = {"max_iter": 100, "learning_rate": 0.1, "max_leaf_nodes": 7, "min_samples_leaf": 80}


@dataclass(frozen=True)
class Group:
    rows: list[tuple[float, ...]]
    labels: list[int]  # 1 for each clause holding a gold span


def _groups(path: Path) -> list[Group]:
    passages, items = load_split(path)
    bm25 = BM25([tokens(text) for text in passages.values()])
    sentences = {name: answer_sentences(text) for name, text in passages.items()}
    groups: list[Group] = []
    for item in items:
        spans = {normalize(span.strip()) for span in item.spans}
        groups.extend(_group(item.question, sentences[item.gold], spans, bm25.idf))
    return groups


def _group(
    question: str, sentences: list[str], spans: set[str], idf: Callable[[str], float]
) -> list[Group]:
    where = next(
        (i for i, s in enumerate(sentences) if any(span in normalize(s) for span in spans)), None
    )
    if where is None or not spans:
        return []
    focus = question_focus(question, idf)
    type_ = asked(question)
    windows = [sentences[where]]
    if where > 0:
        windows.append(sentences[where - 1] + sentences[where])
    out = []
    for text in windows:
        parts = clauses(text)
        labels = [int(any(span in normalize(p) for span in spans)) for p in parts]
        if len(parts) < 2 or not any(labels):
            continue  # nothing to choose, or the span runs over a clause boundary
        out.append(Group(features(parts, focus, type_, question, segments(text)), labels))
    return out


def fit(output: Path | None, say: Callable[[str], None]) -> Path:
    started = time.perf_counter()
    by_split: dict[str, list[Group]] = {}
    for name, (folder, file) in SPLITS.items():
        by_split[name] = _groups(DATA / folder / file)
        say(f"{name}: {len(by_split[name])} shown sentences with 2 or more clauses")
    groups = [g for found in by_split.values() for g in found]
    coverage = FEATURES.index("coverage")
    # Fitted on one split, scored on the other: how well it carries to questions it never saw.
    across: dict[str, float] = {}
    for fitted_on, scored_on in (("cmrc-trial", "drcd-test"), ("drcd-test", "cmrc-trial")):
        trees = Highlighter(boosted(by_split[fitted_on], TREES, len(INPUTS), inputs))
        across[f"{fitted_on} -> {scored_on}"] = round(top1(by_split[scored_on], trees.scores), 4)
    fitted = Highlighter(boosted(groups, TREES, len(INPUTS), inputs))
    before = top1(groups, lambda rows: [row[coverage] for row in rows])
    after = top1(groups, fitted.scores)
    say(f"clause holding the span ranked first: {before:.3f} by question words, {after:.3f} fitted")
    for pair, share in across.items():
        say(f"  fitted on {pair}: {share:.3f}")
    info: dict[str, Any] = {
        "command": "assistant fit-highlight",
        "training": {name: len(found) for name, found in by_split.items()},
        "top1_training": {"question_words": round(before, 4), "fitted": round(after, 4)},
        "top1_other_split": across,
    }
    target = output or Path(__file__).resolve().parents[1] / HIGHLIGHT_FILE
    target.write_text(
        json.dumps(fitted.to_dict(**info), ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    say(f"fitted in {time.perf_counter() - started:.0f} s")
    return target
