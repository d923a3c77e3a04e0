"""The evaluation tab: run a question file through the engine and shape the results for
display (metrics in Chinese, where the gold paragraph ranked, the failing questions with
their reasons in Chinese), for download (one row per question, JSON and CSV), and a
template question file made from the indexed report.

    view = evaluate(engine, load_questions(path))
    view.metrics -> [("问题数（可回答 / 不可回答）", "40 (36 / 4)"),
                     ("recall@1 首位命中率", "0.861"), ...]
    view.ranks   -> [("1", 31), ("2", 3), ..., ("10", 0), ("未进前10", 1)]
    view.failures -> [{"id": "q7", "question": …, "why": "标准段落 ¶26 排在第3位", …}, ...]
    result_rows(view.outcomes)[0]
      -> {"id": "q1", "question": …, "gold_paragraphs": [26], "top_paragraph": 26,
          "answer": "…205宗…", "abstained": False, "confidence": 0.93, "hit": True}

`hit` is the question's verdict at a glance: for an answerable question, the top passage is a
gold paragraph (recall@1); for one the report does not answer, the engine abstained.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.evaluation.metrics import Asker, Outcome, Report, failures, run, summarise
from assistant.evaluation.questions import Question, load_questions
from assistant.report.documents import Paragraph
from assistant.ui.report_examples import report_examples

MISSED = "未进前10"
RESULT_FIELDS = (
    "id", "question", "gold_paragraphs", "top_paragraph",
    "answer", "abstained", "confidence", "hit",
)  # fmt: skip
# A question no report of this kind answers, for the template's "not in the report" line.
UNANSWERED_EXAMPLE = "报告中提到的负责人手机号码是多少？"


@dataclass(frozen=True)
class EvaluationView:
    report: Report
    metrics: tuple[tuple[str, str], ...]  # (label, value) rows
    ranks: tuple[tuple[str, int], ...]  # (rank label, answerable questions), "1".."10", MISSED
    outcomes: tuple[Outcome, ...] = ()
    failures: tuple[dict[str, Any], ...] = ()  # id, question, why (Chinese), answer, top


def metric_rows(report: Report) -> tuple[tuple[str, str], ...]:
    r = report
    return (
        ("问题数（可回答 / 不可回答）", f"{r.questions} ({r.answerable} / {r.unanswerable})"),
        ("recall@1 首位命中率", f"{r.recall_at_1:.3f}"),
        ("recall@3 前三命中率", f"{r.recall_at_3:.3f}"),
        ("recall@5 前五命中率", f"{r.recall_at_5:.3f}"),
        ("MRR@10 平均倒数排名", f"{r.mrr_at_10:.3f}"),
        ("nDCG@10 排序质量", f"{r.ndcg_at_10:.3f}"),
        ("答案命中率", f"{r.answer_hit:.3f}（{r.answer_keys} 题有标准答案）"),
        ("高亮命中率（高亮短语含标准答案）", f"{r.highlight_hit:.3f}"),
        ("高亮 F1（高亮短语与标准答案的字符 F1）", f"{r.highlight_f1:.3f}"),
        ("拒答精确率", f"{r.abstention_precision:.3f}"),
        ("拒答召回率", f"{r.abstention_recall:.3f}"),
        ("误拒答（可回答却拒答）", str(r.false_abstentions)),
        ("延迟 p50 / p95", f"{r.latency_p50_ms:.1f} / {r.latency_p95_ms:.1f} 毫秒"),
    )


def rank_counts(outcomes: Sequence[Outcome]) -> tuple[tuple[str, int], ...]:
    """How many answerable questions had their gold paragraph at each rank (1..10, missed)."""
    counts = {str(rank): 0 for rank in range(1, 11)} | {MISSED: 0}
    for outcome in outcomes:
        if outcome.gold:
            rank = outcome.rank
            counts[MISSED if rank is None else str(rank)] += 1
    return tuple(counts.items())


def _paragraphs(numbers: Iterable[int]) -> str:
    return "、".join(f"¶{n}" for n in numbers)


def failure_reasons(o: Outcome) -> list[str]:
    """Why a question failed, in Chinese (the codes of `metrics.failures`)."""
    words = {
        "rank": f"标准段落 {_paragraphs(o.gold)} "
        + ("未进前10" if o.rank is None else f"排在第{o.rank}位"),
        "abstained": "报告能回答却拒答了",
        "lacks_key": f"回答中没有标准答案「{o.key}」",
        "answered": "报告没有答案却作答了",
    }
    return [words[code] for code in failures(o)]


def failure_rows(outcomes: Sequence[Outcome]) -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "id": o.id,
            "question": o.question,
            "why": "；".join(why),
            "answer": o.answer,
            "top": list(o.ranked[:3]),
        }
        for o in outcomes
        if (why := failure_reasons(o))
    )


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
    return EvaluationView(
        report, metric_rows(report), rank_counts(outcomes), tuple(outcomes), failure_rows(outcomes)
    )


def load_for_tab(path: Path) -> list[Question]:
    """`load_questions`, its error as one Chinese line naming the file, not its folder
    (an upload sits in a temporary folder the user never saw)."""
    try:
        return load_questions(path)
    except AssistantError as error:
        message = " ".join(str(error).replace(str(path), path.name).split())
        raise AssistantError(f"问题文件有误：{message}") from error


def hit(o: Outcome) -> bool:
    return o.rank == 1 if o.gold else o.abstained


def result_rows(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """One row per question, for the JSON and CSV downloads (fields: `RESULT_FIELDS`)."""
    return [
        {
            "id": o.id,
            "question": o.question,
            "gold_paragraphs": list(o.gold),
            "top_paragraph": o.ranked[0] if o.ranked else None,
            "answer": o.answer,
            "abstained": o.abstained,
            "confidence": round(o.confidence, 4),
            "hit": hit(o),
        }
        for o in outcomes
    ]


def results_json(view: EvaluationView) -> str:
    body = {"metrics": dict(view.metrics), "results": result_rows(view.outcomes)}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def results_csv(view: EvaluationView) -> str:
    """CSV, gold paragraphs space-separated; saved with a BOM so spreadsheets read it as UTF-8."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RESULT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in result_rows(view.outcomes):
        gold = " ".join(str(n) for n in row["gold_paragraphs"])
        top = "" if row["top_paragraph"] is None else row["top_paragraph"]
        writer.writerow(row | {"gold_paragraphs": gold, "top_paragraph": top})
    return out.getvalue()


def write_results(view: EvaluationView, folder: Path, stem: str) -> tuple[Path, Path]:
    """Write `<stem>-results.json` and `.csv` into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path, csv_path = folder / f"{stem}-results.json", folder / f"{stem}-results.csv"
    json_path.write_text(results_json(view), encoding="utf-8")
    csv_path.write_text(results_csv(view), encoding="utf-8-sig")
    return json_path, csv_path


_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"^(?:19|20)\d{2}年")


def _count_line(paragraph: Paragraph) -> tuple[str, str] | None:
    """A count question about one paragraph and its key: ('…咨询多少宗？', '205宗')."""
    for question in report_examples([paragraph], limit=3):
        before, found, after = question.partition("多少")
        if not found:
            continue
        start = paragraph.text.find(_YEAR.sub("", before))
        unit = after.rstrip("？")[:2]
        figure = _FIGURE.match(paragraph.text, start + len(_YEAR.sub("", before)))
        if start < 0 or figure is None:
            continue
        key = figure.group(0) + next(
            (u for u in (unit, unit[:1]) if paragraph.text.startswith(u, figure.end())), ""
        )
        return question, key
    return None


def template_lines(paragraphs: Iterable[Paragraph]) -> str:
    """Three example lines made for the indexed report: a question with a short answer, an
    open question (no key), and one the report does not answer. A `document` field only
    when there are several documents."""
    ordered = sorted(paragraphs, key=lambda p: (p.document, p.number))
    several = len({p.document for p in ordered}) > 1
    rows: list[dict[str, Any]] = []
    counted = next(((p, found) for p in ordered if (found := _count_line(p))), None)
    if counted is not None:
        p, (question, key) = counted
        rows.append({"question": question, "paragraphs": [p.number], "answer": key, "p": p})
    for p, after in pairwise(ordered):
        topic = report_examples([p], limit=1)
        if topic and topic[0].endswith("方面做了哪些工作？") and after.document == p.document:
            rows.append({"question": topic[0], "paragraphs": [after.number], "answer": "",
                         "p": after})  # fmt: skip
            break
    if not rows and ordered:
        first = ordered[0]
        rows.append({"question": "报告开头讲了什么？", "paragraphs": [first.number],
                     "answer": "", "p": first})  # fmt: skip
    rows.append({"question": UNANSWERED_EXAMPLE, "paragraphs": [], "answer": "", "p": None})
    lines = []
    for number, row in enumerate(rows, start=1):
        p = row.pop("p")
        line = {"id": f"t{number:03d}", **row}
        if several and p is not None:
            line["document"] = p.document
        lines.append(json.dumps(line, ensure_ascii=False))
    return "\n".join(lines) + "\n"
