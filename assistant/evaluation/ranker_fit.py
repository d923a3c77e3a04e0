"""Refit the learned ranking (retrieval/ranker.py): `assistant fit-ranker [--work DIR]`.

Training data, and only that (../shared/data/README.md):
- CMRC 2018 trial and DRCD test, 4,495 questions written by others, each split's passages
  indexed by the normal pipeline (one document per passage, as `fit-judge` does);
- the kind of answer each question asks (`answering/typed_rank.py`) is matched against each
  candidate, as the engine does;
- government work reports without their questions, for the register of this project's
  documents: in every second paragraph (about) of three or more sentences (chosen by a hash, so
  always the same ones) the middle sentence is taken out and becomes the query for what is
  left of its paragraph. Reports from 1978 on, every third year, never 2019 or 2024 (test
  documents), each written one paragraph per line.

Every query is searched with the hand weights and late interaction over 30 candidates; where
the gold paragraph is among the 10 best, each other candidate gives one pair (gold minus
other, per feature). A logistic regression without intercept on the question splits' pairs
(both signs) is a linear RankNet: its coefficients are the dense, keyword and late weights,
scaled so dense is 1. The heading weight comes from the report queries alone, the others
fixed: the one in [0, 2] that ranks their gold highest (`fit_weights` says why). Each
source counts the same in total, and each query the same within its source. The output is
deterministic: the same data and model give the same file.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.answering.typed_rank import typed_evidence
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.evaluation.judge_fit import DATA, SPLITS, askable, load_split
from assistant.report.chunks import answer_sentences
from assistant.retrieval.ranker import FEATURES, RANKER_FILE, Ranker
from assistant.retrieval.search import Hit
from assistant.text.formats import text_paragraphs

REPORTS = DATA / "gov-work-reports" / "government_work_reports.jsonl"
TEST_YEARS = {"2019", "2024"}  # never fitted on
TOP = 10  # candidates a query's pairs come from
POOL = 30  # candidates late interaction scores while collecting


@dataclass(frozen=True)
class TrainingQuery:
    text: str
    document: str
    paragraph: int | None  # None: any paragraph of the document (one passage per document)


def _chosen(name: str, number: int) -> bool:
    return hashlib.sha256(f"{name}:{number}".encode()).digest()[0] % 2 == 0


def report_queries() -> tuple[dict[str, str], list[TrainingQuery]]:
    """(file name -> text, queries): the self-supervised government-register pairs."""
    try:
        records = [json.loads(line) for line in REPORTS.read_text(encoding="utf-8").splitlines()]
    except (OSError, ValueError) as error:
        raise AssistantError(
            f"Cannot read {REPORTS} ({error}): fit-ranker reads ../shared/data beside the checkout."
        ) from error
    files: dict[str, str] = {}
    queries: list[TrainingQuery] = []
    for record in records:
        year = str(record.get("year") or "")
        if not year.isdigit() or year in TEST_YEARS or int(year) < 1978 or int(year) % 3:
            continue
        name = f"gov-{year}.txt"
        lines: list[str] = []
        for _, paragraph in text_paragraphs(str(record["content"])):
            text = paragraph.strip()
            parts = answer_sentences(text)
            if len(parts) >= 3 and _chosen(name, len(lines) + 1):
                middle = parts[len(parts) // 2]
                rest = text.replace(middle, "", 1).strip()
                if 8 <= len(middle) <= 120 and rest:
                    queries.append(TrainingQuery(middle, name, len(lines) + 1))
                    text = rest
            lines.append(text)
        files[name] = "\n".join(lines) + "\n"
    return files, queries


def _write(source: Path, files: dict[str, str]) -> None:
    source.mkdir(parents=True, exist_ok=True)
    for old in source.glob("*.txt"):
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        target = source / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def _sources() -> dict[str, tuple[dict[str, str], list[TrainingQuery]]]:
    out: dict[str, tuple[dict[str, str], list[TrainingQuery]]] = {}
    for split, (folder, filename) in SPLITS.items():
        passages, items = load_split(DATA / folder / filename)
        out[split] = (passages, [TrainingQuery(i.question, i.gold, None) for i in items])
    out["gov-reports"] = report_queries()
    return out


def _is_gold(hit: Hit, query: TrainingQuery) -> bool:
    return hit.chunk.document == query.document and query.paragraph in (None, hit.chunk.paragraph)


def collect(
    settings: Settings, embedder: Any, work: Path, say: Callable[[str], None]
) -> dict[str, list[np.ndarray]]:
    """Per source, per query with its gold among the TOP: features (TOP, n) with gold first."""
    from tqdm import tqdm

    from assistant.index.store import open_index
    from assistant.retrieval.search import Searcher

    groups: dict[str, list[np.ndarray]] = {}
    for source_name, (files, queries) in _sources().items():
        source = work / source_name / "source"
        _write(source, files)
        local = replace(settings, source_dir=source, index_dir=work / source_name / "index")
        started = time.perf_counter()
        index = open_index(local, embedder)
        searcher = Searcher(index, embedder, replace(local.search, late_pool=POOL))
        say(f"{source_name}: {len(files)} documents, {len(queries)} queries, index ready "
            f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
        found: list[np.ndarray] = []
        for query in tqdm(queries, desc=source_name, unit="q", disable=not settings.progress):
            if not askable(query.text):
                continue
            hits = searcher.search(query.text, TOP)
            typed = typed_evidence(query.text, [h.chunk.text for h in hits])
            if typed is not None:
                hits = [replace(h, typed=t) for h, t in zip(hits, typed, strict=True)]
            gold = [h for h in hits if _is_gold(h, query)]
            if not gold or len(hits) < 2:
                continue
            others = [h for h in hits if not _is_gold(h, query)]
            found.append(np.array([_features(h) for h in [gold[0], *others]], dtype=np.float64))
        groups[source_name] = found
    return groups


def _features(hit: Hit) -> list[float]:
    return [float(getattr(hit, f)) for f in FEATURES]


def _pairs(groups: dict[str, list[np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """(gold minus other per feature, weight): each source weighing the same in total, each
    query the same within its source."""
    rows: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for found in groups.values():
        for group in found:
            diffs = group[0] - group[1:]
            if len(diffs):
                rows.append(diffs)
                weights.append(np.full(len(diffs), 1.0 / (len(diffs) * len(found))))
    if not rows:
        raise AssistantError("No training pairs: check ../shared/data.")
    return np.concatenate(rows), np.concatenate(weights)


def fit_weights(groups: dict[str, list[np.ndarray]]) -> tuple[float, ...]:
    """Dense, keyword and late weights from the question splits (pairwise logistic regression
    without intercept, both signs: a linear RankNet); then the heading weight from the report
    queries, the others held fixed (the question splits have no headings, and a sentence taken
    out of its paragraph shares no specific words with what is left, so the report queries say
    nothing true about the keyword weight). Scaled so dense is 1."""
    from sklearn.linear_model import LogisticRegression

    questions = {n: g for n, g in groups.items() if n in SPLITS} or groups
    pairs, weight = _pairs(questions)
    free = [FEATURES.index(f) for f in FEATURES if f != "section"]
    x = np.concatenate([pairs[:, free], -pairs[:, free]])
    y = np.concatenate([np.ones(len(pairs)), np.zeros(len(pairs))])
    model = LogisticRegression(fit_intercept=False, C=10.0, max_iter=1000)
    model.fit(x, y, sample_weight=np.concatenate([weight, weight]) * len(pairs))
    coefficients = np.zeros(len(FEATURES))
    coefficients[free] = model.coef_[0]
    dense = coefficients[FEATURES.index("dense")]
    if dense <= 0:
        raise AssistantError("The fit gave dense evidence no positive weight: check the data.")
    reports = {n: g for n, g in groups.items() if n not in SPLITS}
    if reports:
        coefficients[FEATURES.index("section")] = dense * _heading_weight(
            reports, coefficients / dense
        )
    return tuple(round(float(c / dense), 4) for c in coefficients)


def _heading_weight(groups: dict[str, list[np.ndarray]], fixed: np.ndarray) -> float:
    """The heading weight in [0, 2] (steps of 0.05) that ranks the gold highest (mean
    reciprocal rank among its TOP), the other weights fixed; the smallest of equals. (The
    pairwise loss is no guide here: a few queries whose gold is far below dominate it, and its
    minimum, 2.0, ranks worse than no heading weight at all.)"""
    column = FEATURES.index("section")
    found = [g for gs in groups.values() for g in gs]
    best, best_mrr = 0.0, -1.0
    for w in np.round(np.arange(0.0, 2.0001, 0.05), 2):
        weights = fixed.copy()
        weights[column] = w
        mrr = float(
            np.mean([1.0 / (1 + int((g[1:] @ weights > g[0] @ weights).sum())) for g in found])
        )
        if mrr > best_mrr + 1e-12:
            best, best_mrr = float(w), mrr
    return best


def top1(groups: list[np.ndarray], weights: tuple[float, ...]) -> float:
    """Share of queries whose gold scores highest among their TOP under `weights`."""
    w = np.array(weights)
    wins = [float(np.argmax(g @ w) == 0) for g in groups]
    return round(float(np.mean(wins)), 4) if wins else 0.0


def fit(
    settings: Settings,
    work: Path,
    output: Path | None,
    say: Callable[[str], None],
    hand: tuple[float, ...],
) -> Path:
    from assistant.model.embedder import load_embedder

    embedder = load_embedder(settings.model, progress=settings.progress)
    groups = collect(settings, embedder, work, say)
    cache = work / f"groups-{embedder.model_id.replace(':', '_')}.npz"
    arrays = {f"{name}/{i}": g for name, found in groups.items() for i, g in enumerate(found)}
    np.savez_compressed(cache, **arrays)  # type: ignore[arg-type]
    say(f"features of every query saved in {cache}")
    weights = fit_weights(groups)
    summary = {
        name: {
            "queries": len(found),
            "top1_hand": top1(found, hand),
            "top1_fitted": top1(found, weights),
        }
        for name, found in groups.items()
    }
    for name, row in summary.items():
        say(f"{name}: {row['queries']} queries with gold in the top {TOP}; re-ranked top-1 "
            f"{row['top1_hand']} with the hand weights, {row['top1_fitted']} fitted")  # fmt: skip
    ranker = Ranker(embedder.model_id, weights)
    target = output or Path(__file__).resolve().parents[1] / RANKER_FILE
    data = ranker.to_dict(training=summary, command="assistant fit-ranker")
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    say("weights: " + ", ".join(f"{f} {w}" for f, w in zip(FEATURES, weights, strict=True)))
    return target
