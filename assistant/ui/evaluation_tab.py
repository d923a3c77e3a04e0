"""The evaluation tab: run a question file through the engine and shape the results for
display (metrics in Chinese, where the gold paragraph ranked, the failing questions).

    view = evaluate(engine, load_questions(path))
    view.metrics -> [("问题数（可回答 / 不可回答）", "40 (36 / 4)"), ("recall@1", "0.861"), ...]
    view.ranks   -> [("1", 31), ("2", 3), ..., ("10", 0), ("未进前10", 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.evaluation.metrics import Asker, Outcome, Report, run, summarise
from assistant.evaluation.questions import Question

MISSED = "未进前10"


@dataclass(frozen=True)
class EvaluationView:
    report: Report
    metrics: tuple[tuple[str, str], ...]  # (label, value) rows
    ranks: tuple[tuple[str, int], ...]  # (rank label, answerable questions), "1".."10", MISSED


def metric_rows(report: Report) -> tuple[tuple[str, str], ...]:
    r = report
    return (
        ("问题数（可回答 / 不可回答）", f"{r.questions} ({r.answerable} / {r.unanswerable})"),
        ("recall@1 首位命中率", f"{r.recall_at_1:.3f}"),
        ("recall@3 前三命中率", f"{r.recall_at_3:.3f}"),
        ("recall@5 前五命中率", f"{r.recall_at_5:.3f}"),
        ("MRR@10", f"{r.mrr_at_10:.3f}"),
        ("nDCG@10", f"{r.ndcg_at_10:.3f}"),
        ("答案命中率", f"{r.answer_hit:.3f}（{r.answer_keys} 题有标准答案）"),
        ("拒答精确率", f"{r.abstention_precision:.3f}"),
        ("拒答召回率", f"{r.abstention_recall:.3f}"),
        ("误拒答", str(r.false_abstentions)),
        ("延迟 p50 / p95", f"{r.latency_p50_ms:.1f} / {r.latency_p95_ms:.1f} ms"),
    )


def rank_counts(outcomes: Sequence[Outcome]) -> tuple[tuple[str, int], ...]:
    """How many answerable questions had their gold paragraph at each rank (1..10, missed)."""
    counts = {str(rank): 0 for rank in range(1, 11)} | {MISSED: 0}
    for outcome in outcomes:
        if outcome.gold:
            rank = outcome.rank
            counts[MISSED if rank is None else str(rank)] += 1
    return tuple(counts.items())


def evaluate(
    engine: Asker,
    questions: Sequence[Question],
    on_progress: Callable[[int, int], None] | None = None,
) -> EvaluationView:
    """Ask every question; `on_progress(done, total)` after each one (for a progress bar)."""
    outcomes: list[Outcome] = []
    for done, question in enumerate(questions, start=1):
        outcomes.extend(run(engine, [question]))
        if on_progress is not None:
            on_progress(done, len(questions))
    report = summarise(outcomes)
    return EvaluationView(report, metric_rows(report), rank_counts(outcomes))
