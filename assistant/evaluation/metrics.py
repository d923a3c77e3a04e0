"""Evaluation against a question file: retrieval, answers, abstention, latency.

The contract is plain data (as in sentence-transformers' evaluators): questions with gold
paragraphs; every metric is computed here from the engine's responses, so any question
file in the documented format can be measured, including ones the project never saw.

recall@k   share of answerable questions with a gold paragraph among the top k passages
MRR@10     mean of 1/rank of the first gold paragraph (0 beyond 10)
nDCG@10    binary relevance over all gold paragraphs of a question
answer-hit share of answerable questions with a key whose key appears in the shown answer
highlight-hit  the same for the highlighted phrase (the short answer a reader's eye goes to)
highlight-F1   character F1 of the best highlight against the key, by their longest common
               substring (the CMRC 2018 metric), averaged over questions with a key; an
               abstention or a missing highlight counts 0
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from assistant.engine import Response
from assistant.evaluation.questions import Question
from assistant.text.tokens import normalize


class Asker(Protocol):
    def ask(self, question: str, k: int | None = None, document: str | None = None) -> Response: ...


@dataclass(frozen=True)
class Outcome:
    id: str
    question: str
    gold: tuple[int, ...]
    ranked: tuple[int, ...]  # paragraph numbers of the top 10 passages
    answer: str
    key: str
    abstained: bool
    confidence: float
    seconds: float
    highlights: tuple[str, ...] = ()

    @property
    def rank(self) -> int | None:
        """1-based rank of the first gold paragraph, None when not in the top 10."""
        for position, paragraph in enumerate(self.ranked, start=1):
            if paragraph in self.gold:
                return position
        return None

    @property
    def answer_hit(self) -> bool:
        return (
            bool(self.key) and not self.abstained and normalize(self.key) in normalize(self.answer)
        )

    @property
    def highlight_hit(self) -> bool:
        key = normalize(self.key)
        return (
            bool(key) and not self.abstained and any(key in normalize(h) for h in self.highlights)
        )

    @property
    def highlight_f1(self) -> float:
        if not self.key or self.abstained:
            return 0.0
        return max((char_f1(h, self.key) for h in self.highlights), default=0.0)


def char_f1(prediction: str, key: str) -> float:
    """F1 of two strings by their longest common substring, on normalised characters:
    char_f1('205宗免费法律咨询', '205宗') -> 2 * (4/10 * 4/4) / (4/10 + 4/4) = 0.571..."""
    a, b = normalize(prediction).replace(" ", ""), normalize(key).replace(" ", "")
    if not a or not b:
        return 0.0
    best = 0
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    if best == 0:
        return 0.0
    precision, recall = best / len(a), best / len(b)
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Report:
    questions: int
    answerable: int
    unanswerable: int
    recall_at_1: float
    recall_at_3: float
    recall_at_5: float
    mrr_at_10: float
    ndcg_at_10: float
    answer_hit: float
    answer_keys: int
    abstention_precision: float
    abstention_recall: float
    false_abstentions: int
    latency_p50_ms: float
    latency_p95_ms: float
    failures: tuple[dict[str, Any], ...] = field(default=())
    highlight_hit: float = 0.0
    highlight_f1: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run(engine: Asker, questions: Sequence[Question]) -> list[Outcome]:
    outcomes = []
    for q in questions:
        started = time.perf_counter()
        response = engine.ask(q.question, k=10, document=q.document)
        seconds = time.perf_counter() - started
        outcomes.append(
            Outcome(
                q.id,
                q.question,
                q.paragraphs,
                tuple(h.chunk.paragraph for h in response.passages),
                response.answer.text,
                q.answer,
                response.answer.abstained,
                response.answer.confidence,
                seconds,
                response.answer.highlights,
            )
        )
    return outcomes


def _ndcg(outcome: Outcome) -> float:
    gains = [1.0 if p in outcome.gold else 0.0 for p in outcome.ranked[:10]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(set(outcome.gold)), 10)))
    return dcg / ideal if ideal else 0.0


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[position]


def _ratio(part: float, whole: int) -> float:
    return part / whole if whole else 0.0


def failures(o: Outcome) -> tuple[str, ...]:
    """How a question failed, as codes (worded in English here, in Chinese by the UI):
    "rank" (no gold paragraph first), "abstained" (on an answerable question),
    "lacks_key" (the answer misses its key), "answered" (an unanswerable question)."""
    if not o.gold:
        return () if o.abstained else ("answered",)
    codes = ("rank",) if o.rank is None or o.rank > 1 else ()
    if o.abstained:
        return (*codes, "abstained")
    return (*codes, "lacks_key") if o.key and not o.answer_hit else codes


def _english(o: Outcome, code: str) -> str:
    return {
        "rank": f"gold ¶{list(o.gold)} at rank {o.rank or '>10'}",
        "abstained": "abstained on an answerable question",
        "lacks_key": f"answer lacks {o.key!r}",
        "answered": "answered an unanswerable question",
    }[code]


def _failure(o: Outcome) -> dict[str, Any] | None:
    reasons = [_english(o, code) for code in failures(o)]
    if not reasons:
        return None
    return {"id": o.id, "question": o.question, "why": "; ".join(reasons), "answer": o.answer,
            "top": list(o.ranked[:3]), "confidence": round(o.confidence, 4)}  # fmt: skip


def summarise(outcomes: Sequence[Outcome]) -> Report:
    answerable = [o for o in outcomes if o.gold]
    unanswerable = [o for o in outcomes if not o.gold]
    ranks = [o.rank for o in answerable]
    keyed = [o for o in answerable if o.key]
    abstained = [o for o in outcomes if o.abstained]
    true_abstentions = sum(1 for o in abstained if not o.gold)
    latencies = [o.seconds * 1000 for o in outcomes]
    failing = tuple(f for o in outcomes if (f := _failure(o)) is not None)
    return Report(
        questions=len(outcomes),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        recall_at_1=_ratio(sum(1 for r in ranks if r is not None and r <= 1), len(answerable)),
        recall_at_3=_ratio(sum(1 for r in ranks if r is not None and r <= 3), len(answerable)),
        recall_at_5=_ratio(sum(1 for r in ranks if r is not None and r <= 5), len(answerable)),
        mrr_at_10=_ratio(sum(0 if r is None else 1 / r for r in ranks), len(answerable)),
        ndcg_at_10=statistics.fmean(_ndcg(o) for o in answerable) if answerable else 0.0,
        answer_hit=_ratio(sum(1 for o in keyed if o.answer_hit), len(keyed)),
        answer_keys=len(keyed),
        abstention_precision=_ratio(true_abstentions, len(abstained)),
        abstention_recall=_ratio(true_abstentions, len(unanswerable)),
        false_abstentions=len(abstained) - true_abstentions,
        latency_p50_ms=_percentile(latencies, 0.5),
        latency_p95_ms=_percentile(latencies, 0.95),
        failures=failing,
        highlight_hit=_ratio(sum(1 for o in keyed if o.highlight_hit), len(keyed)),
        highlight_f1=statistics.fmean(o.highlight_f1 for o in keyed) if keyed else 0.0,
    )


def format_report(report: Report) -> str:
    rows = [
        (
            "questions (answerable / not)",
            f"{report.questions} ({report.answerable} / {report.unanswerable})",
        ),
        ("recall@1", f"{report.recall_at_1:.3f}"),
        ("recall@3", f"{report.recall_at_3:.3f}"),
        ("recall@5", f"{report.recall_at_5:.3f}"),
        ("MRR@10", f"{report.mrr_at_10:.3f}"),
        ("nDCG@10", f"{report.ndcg_at_10:.3f}"),
        ("answer-hit", f"{report.answer_hit:.3f} (of {report.answer_keys} with a key)"),
        ("highlight-hit", f"{report.highlight_hit:.3f}"),
        ("highlight F1", f"{report.highlight_f1:.3f}"),
        ("abstention precision", f"{report.abstention_precision:.3f}"),
        ("abstention recall", f"{report.abstention_recall:.3f}"),
        ("false abstentions", f"{report.false_abstentions}"),
        ("latency p50 / p95", f"{report.latency_p50_ms:.1f} / {report.latency_p95_ms:.1f} ms"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    if report.failures:
        lines.append(f"\nfailing questions ({len(report.failures)}):")
        for f in report.failures:
            lines.append(f"  {f['id']} {f['question']}\n      {f['why']}; top {f['top']}")
    return "\n".join(lines)


def format_ablation(reports: dict[str, Report]) -> str:
    """A Markdown table, one row per retrieval variant."""
    head = (
        "| variant | R@1 | R@3 | R@5 | MRR@10 | nDCG@10 | answer-hit | highlight-hit |"
        " abst. P | abst. R | p50 ms |"
    )
    lines = [head, "|" + "---|" * 11]
    for name, r in reports.items():
        lines.append(
            f"| {name} | {r.recall_at_1:.3f} | {r.recall_at_3:.3f} | {r.recall_at_5:.3f} | "
            f"{r.mrr_at_10:.3f} | {r.ndcg_at_10:.3f} | {r.answer_hit:.3f} | "
            f"{r.highlight_hit:.3f} | {r.abstention_precision:.3f} | {r.abstention_recall:.3f} | "
            f"{r.latency_p50_ms:.1f} |"
        )
    return "\n".join(lines)
