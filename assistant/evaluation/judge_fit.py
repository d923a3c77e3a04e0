"""Refit the learned "does the shown answer answer the question?" (answering/judge.py).

    assistant fit-judge [--work DIR] [--output FILE] [--reuse-rows]
    ASSISTANT_JUDGE=FILE assistant eval --ablation      # the judge on, then off ("no-judge")

Training data, and only that (../shared/data/README.md): the CMRC 2018 trial set and the
DRCD test set, 4,495 questions written by others. Each split's passages are indexed by the
normal pipeline (one document per passage, cached in --work), and every question is asked
three ways:

    with its gold passage          answerable: label 1 when a gold span is in the answer
    gold passage removed           what a reader gets when the report does not say
    only its own article's other   the hardest "not in the report": same topic, same
    passages (gold removed)        words, no answer

The label is always "a gold answer span appears in the shown answer", so an answer found
elsewhere still counts. Features come from `answering/evidence.py`; a logistic regression
(scikit-learn, standardised features, classes balanced) is fitted, and the cut is the
probability below which only 2 % of the right answers fall (FALSE_ABSTENTION), on the same
training data. Nothing here
reads this project's question sets or the 2019/2024 national reports. The output is
deterministic: the same data and model give the same file.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answering.evidence import FEATURES
from assistant.answering.judge import Judge
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.retrieval.search import Hit, Query, clean_question
from assistant.text.tokens import normalize

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SPLITS = {
    "cmrc-trial": ("cmrc2018", "cmrc2018_trial.json"),
    "drcd-test": ("drcd", "DRCD_test.json"),
}
POOL = 30  # hits retrieved per question, before the gold passage is taken out
# Share of right answers (gold passage present) that the chosen cut may refuse.
FALSE_ABSTENTION = 0.02


@dataclass(frozen=True)
class Item:
    question: str
    gold: str  # document name of the gold passage
    article: tuple[str, ...]  # document names of the passages of its article
    spans: tuple[str, ...]


def load_split(path: Path) -> tuple[dict[str, str], list[Item]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    except (OSError, ValueError, KeyError) as error:
        raise AssistantError(
            f"Cannot read the training split {path} ({error}): fit-judge reads "
            "../shared/data beside the checkout."
        ) from error
    passages: dict[str, str] = {}
    items: list[Item] = []
    for article in data:
        names = tuple(f"{p['id']}.txt" for p in article["paragraphs"])
        for name, paragraph in zip(names, article["paragraphs"], strict=True):
            passages[name] = " ".join(paragraph["context"].split())
            for qa in paragraph["qas"]:
                spans = tuple(sorted({a["text"] for a in qa["answers"] if a["text"].strip()}))
                if spans:
                    items.append(Item(qa["question"], name, names, spans))
    return passages, items


def _renumber(hits: list[Hit]) -> list[Hit]:
    return [replace(h, rank=i) for i, h in enumerate(hits, start=1)]


def rows(engine: Any, items: list[Item], progress: bool) -> Iterator[tuple[list[float], int, str]]:
    """(features, label, variant) for every item asked three ways."""
    from tqdm import tqdm

    searcher = engine.searcher
    items = [item for item in items if askable(item.question)]  # a few are empty or too long
    queries: Iterable[Query]
    if searcher.late_interaction:  # token states too: one encoder pass per question
        queries = (searcher.query(item.question) for item in items)
    else:  # one batched encoder call for every question: far faster than one per question
        texts = [normalize(clean_question(item.question)) for item in items]
        queries = (Query(vector) for vector in searcher.encoder.encode_queries(texts))
    for item, query in tqdm(
        zip(items, queries, strict=True), total=len(items), desc="asking", unit="q",
        disable=not progress,
    ):  # fmt: skip
        hits = searcher.search(item.question, POOL, query=query)
        spans = [normalize(s) for s in item.spans]
        variants = {
            "gold": hits,
            "removed": _renumber([h for h in hits if h.chunk.document != item.gold]),
            "article": _renumber(
                [
                    h
                    for h in hits
                    if h.chunk.document in item.article and h.chunk.document != item.gold
                ]
            ),
        }
        for variant, pool in variants.items():
            if not pool:
                continue
            answer = engine.answer_from(item.question, pool, query.vector)
            if answer.evidence is None:
                continue
            text = normalize(answer.text)
            label = int(any(s in text for s in spans))
            yield list(answer.evidence.values), label, variant


def askable(question: str) -> bool:
    """Whether the question passes `clean_question` (a few training questions are empty)."""
    try:
        clean_question(question)
    except AssistantError:
        return False
    return True


def choose_cut(probabilities: np.ndarray, labels: np.ndarray, gold: np.ndarray) -> float:
    """The highest cut at which at most FALSE_ABSTENTION of the right answers given with
    the gold passage present would abstain: refusing a question the report answers is the
    cost we bound; within it, as many wrong answers as possible are refused."""
    right = probabilities[(labels == 1) & gold]
    return round(float(np.quantile(right, FALSE_ABSTENTION)), 4) if len(right) else 0.5


def split_engine(
    settings: Settings, embedder: Any, work: Path, split: str
) -> tuple[Any, list[Item]]:
    """An engine over one training split's passages (indexed in `work`/split, one document
    per passage) and the split's questions."""
    from assistant.engine import Engine
    from assistant.index.store import open_index

    folder, filename = SPLITS[split]
    passages, items = load_split(DATA / folder / filename)
    source = work / split / "source"
    source.mkdir(parents=True, exist_ok=True)
    for name, text in passages.items():
        target = source / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    local = replace(settings, source_dir=source, index_dir=work / split / "index")
    return Engine(local, embedder, open_index(local, embedder)), items


def _collect(
    settings: Settings, embedder: Any, work: Path, say: Callable[[str], None]
) -> tuple[list[list[float]], list[int], list[str]]:
    """Index each training split and ask every question three ways."""
    features: list[list[float]] = []
    labels: list[int] = []
    variants: list[str] = []
    for split in SPLITS:
        started = time.perf_counter()
        engine, items = split_engine(settings, embedder, work, split)
        engine.judge = None
        engine.threshold = -math.inf
        engine.keep_evidence = True
        say(f"{split}: {len(engine.index.documents)} passages indexed "
            f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
        for row, label, variant in rows(engine, items, settings.progress):
            features.append(row)
            labels.append(label)
            variants.append(f"{split}/{variant}")
    return features, labels, variants


def fit(
    settings: Settings,
    work: Path,
    output: Path | None,
    say: Callable[[str], None],
    *,
    reuse: bool = False,
) -> Path:
    """Fit the judge and write it; `reuse` takes the training rows of the last run from
    `work` (only when nothing that makes them has changed since)."""
    from sklearn.linear_model import LogisticRegression

    from assistant.model.embedder import load_embedder

    embedder = load_embedder(settings.model, progress=settings.progress)
    cache = work / f"rows-{embedder.model_id.replace(':', '_')}.json"
    if reuse and cache.is_file():
        table = json.loads(cache.read_text(encoding="utf-8"))
        columns = [table["names"].index(name) for name in FEATURES]
        features = [[row[i] for i in columns] for row in table["features"]]
        labels, variants = table["labels"], table["variants"]
        say(f"training rows reused from {cache}")
    else:
        features, labels, variants = _collect(settings, embedder, work, say)
        cache.write_text(
            json.dumps(
                {
                    "names": list(FEATURES),
                    "features": features,
                    "labels": labels,
                    "variants": variants,
                }
            ),
            encoding="utf-8",
        )
    x = np.array(features, dtype=np.float64)
    y = np.array(labels, dtype=np.int64)
    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 1e-9, x.std(axis=0), 1.0)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    model.fit((x - mean) / scale, y)
    probabilities = model.predict_proba((x - mean) / scale)[:, 1]
    gold = np.char.endswith(np.array(variants), "/gold")
    cut = choose_cut(probabilities, y, gold)
    judge = Judge(
        embedder.model_id,
        tuple(round(float(v), 6) for v in mean),
        tuple(round(float(v), 6) for v in scale),
        tuple(round(float(v), 6) for v in model.coef_[0]),
        round(float(model.intercept_[0]), 6),
        cut,
    )
    summary: dict[str, Any] = {}
    kinds = np.array(variants)
    for kind in sorted(set(variants)):
        mask = kinds == kind
        answered = probabilities[mask] >= cut
        summary[kind] = {
            "rows": int(mask.sum()),
            "answerable": int(y[mask].sum()),
            "answered_right": int((answered & (y[mask] == 1)).sum()),
            "answered_wrong": int((answered & (y[mask] == 0)).sum()),
            "abstained": int((~answered).sum()),
        }
    payload = {
        **judge.to_dict(),
        "fitted_on": {"splits": list(SPLITS), "rows": len(y), "positives": int(y.sum())},
        "training_summary": summary,
        "command": "assistant fit-judge",
    }
    target = output or work / "judge.json"
    target.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name, weight in zip(FEATURES, judge.weights, strict=True):
        say(f"  {name:18s} {weight:+.3f}")
    say(f"cut {cut}; {len(y)} rows, {int(y.sum())} answered right with abstention off")
    for kind, row in summary.items():
        say(f"  {kind}: {row}")
    return target
