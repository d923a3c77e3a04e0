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

import numpy as np

from assistant.answering.answer_types import asked
from assistant.answering.focus import question_focus
from assistant.answering.highlight import (
    FEATURES,
    HIGHLIGHT_FILE,
    Highlighter,
    clauses,
    features,
    segments,
)
from assistant.evaluation.judge_fit import DATA, SPLITS, load_split
from assistant.index.bm25 import BM25
from assistant.report.chunks import answer_sentences
from assistant.text.tokens import normalize, tokens


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


def _pairs(
    groups: list[Group], mean: np.ndarray, scale: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(the span's clause minus another clause of its sentence), both ways: a logistic
    regression without intercept on them is a linear RankNet. Each sentence counts the same."""
    rows: list[np.ndarray] = []
    signs: list[int] = []
    weights: list[float] = []
    for g in groups:
        x = (np.array(g.rows) - mean) / scale
        good = [i for i, label in enumerate(g.labels) if label]
        bad = [i for i, label in enumerate(g.labels) if not label]
        share = 1.0 / (2 * len(good) * len(bad)) if bad else 0.0
        for i in good:
            for j in bad:
                rows += [x[i] - x[j], x[j] - x[i]]
                signs += [1, 0]
                weights += [share, share]
    return np.array(rows), np.array(signs), np.array(weights)


def top1(groups: list[Group], score: Callable[[np.ndarray], np.ndarray]) -> float:
    """Share of groups whose highest-scored clause holds the span."""
    hits = 0
    for g in groups:
        scores = score(np.array(g.rows))
        hits += g.labels[int(np.argmax(scores))]
    return hits / len(groups) if groups else 0.0


def fit(output: Path | None, say: Callable[[str], None]) -> Path:
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    groups: list[Group] = []
    counts: dict[str, int] = {}
    for name, (folder, file) in SPLITS.items():
        found = _groups(DATA / folder / file)
        counts[name] = len(found)
        groups.extend(found)
        say(f"{name}: {len(found)} shown sentences with 2 or more clauses")
    x = np.array([row for g in groups for row in g.rows], dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    pairs, signs, weights = _pairs(groups, mean, scale)
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000)
    model.fit(pairs, signs, sample_weight=weights * len(groups) / weights.sum())
    fitted = Highlighter(
        tuple(round(float(v), 4) for v in mean),
        tuple(round(float(v), 4) for v in scale),
        tuple(round(float(v), 4) for v in model.coef_[0]),
        0.0,
    )
    coverage = FEATURES.index("coverage")
    before = top1(groups, lambda rows: rows[:, coverage])
    after = top1(groups, lambda rows: np.array([fitted.score(r) for r in rows]))
    say(f"clause holding the span ranked first: {before:.3f} by question words, {after:.3f} fitted")
    info: dict[str, Any] = {
        "command": "assistant fit-highlight",
        "training": counts,
        "top1_training": {"question_words": round(before, 4), "fitted": round(after, 4)},
    }
    target = output or Path(__file__).resolve().parents[1] / HIGHLIGHT_FILE
    target.write_text(
        json.dumps(fitted.to_dict(**info), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    say(f"fitted in {time.perf_counter() - started:.0f} s")
    return target
