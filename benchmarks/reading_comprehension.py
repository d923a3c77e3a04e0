"""CMRC 2018 dev and DRCD dev as retrieval + answer benchmarks, beside a bigram-BM25 baseline.

    python benchmarks/reading_comprehension.py cmrc   [--limit N] [--json OUT] [--work DIR]
    python benchmarks/reading_comprehension.py drcd   [--limit N] [--json OUT] [--work DIR]

Every passage of the dev set becomes one document (one line) in a temporary source folder,
indexed by the normal pipeline (repair, chunks, embeddings, FAISS, BM25); every question is
asked through `Engine.ask`. Reported: passage recall@1/@5 and MRR@10 for the assistant (as
shown, the answer's paragraph first, and in the search's own order: `assistant_search`) and
for a character-bigram BM25 over whole passages (the same tokens the assistant uses),
answer-hit (a gold answer span, normalised, appears in the extracted answer), highlight-hit
(the same for the highlighted phrase), how often it abstains (with the gold passage: a false
abstention), the same question asked again with its gold passage removed from the results
(then nothing answers it: the share that abstains, and how many are answered with no gold
span in the answer), and latency. --work keeps the index for reruns.
The data stays in ../shared/data (read, never copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.engine import Engine  # noqa: E402
from assistant.index.bm25 import BM25  # noqa: E402
from assistant.retrieval.search import clean_question  # noqa: E402
from assistant.text.tokens import normalize, tokens  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SETS = {"cmrc": DATA / "cmrc2018" / "cmrc2018_dev.json", "drcd": DATA / "drcd" / "DRCD_dev.json"}


def load(name: str) -> tuple[dict[str, str], list[tuple[str, str, list[str]]]]:
    """passages {doc name: text}, questions [(question, gold doc name, answer spans)]."""
    data = json.loads(SETS[name].read_text(encoding="utf-8"))["data"]
    passages: dict[str, str] = {}
    questions: list[tuple[str, str, list[str]]] = []
    for article in data:
        for paragraph in article["paragraphs"]:
            doc = f"{paragraph['id']}.txt"
            passages[doc] = " ".join(paragraph["context"].split())
            for qa in paragraph["qas"]:
                spans = sorted({a["text"] for a in qa["answers"]})
                questions.append((qa["question"], doc, spans))
    return passages, questions


def ranks_summary(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    return {
        "recall@1": sum(1 for r in ranks if r == 1) / n,
        "recall@5": sum(1 for r in ranks if r is not None and r <= 5) / n,
        "mrr@10": sum(1 / r for r in ranks if r is not None and r <= 10) / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", choices=sorted(SETS))
    parser.add_argument("--limit", type=int, help="only the first N questions (smoke runs)")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--work", type=Path, help="keep the source and index here for reruns")
    args = parser.parse_args()
    passages, questions = load(args.dataset)
    if args.limit:
        questions = questions[: args.limit]
        keep = {doc for _, doc, _ in questions}
        passages = {doc: text for doc, text in passages.items() if doc in keep}
    names = sorted(passages)

    baseline = BM25([tokens(passages[n]) for n in names])
    base_ranks: list[int | None] = []
    for question, gold, _ in questions:
        order = np.argsort(-baseline.scores(tokens(question)), kind="stable")[:10]
        ranked = [names[i] for i in order]
        base_ranks.append(ranked.index(gold) + 1 if gold in ranked else None)

    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.work or Path(scratch)
        source = Path(tmp) / "source"
        source.mkdir(parents=True, exist_ok=True)
        for name, text in passages.items():
            if not (source / name).is_file():
                (source / name).write_text(text, encoding="utf-8")
        settings = Settings(source_dir=source, index_dir=Path(tmp) / "index", progress=True)
        started = time.perf_counter()
        engine = Engine.open(settings)
        build_seconds = time.perf_counter() - started
        ranks: list[int | None] = []
        search_ranks: list[int | None] = []
        hits = highlight_hits = 0
        abstained = removed_abstained = removed_wrong = 0
        latencies: list[float] = []
        for question, gold, spans in questions:
            t0 = time.perf_counter()
            response = engine.ask(question, k=10)
            latencies.append((time.perf_counter() - t0) * 1000)
            ranked = list(dict.fromkeys(h.chunk.document for h in response.passages))
            ranks.append(ranked.index(gold) + 1 if gold in ranked else None)
            # The search's own order (the answer's paragraph is shown first, engine.cited_first).
            by_rank = sorted(response.passages, key=lambda h: h.rank)
            searched = list(dict.fromkeys(h.chunk.document for h in by_rank))
            search_ranks.append(searched.index(gold) + 1 if gold in searched else None)
            answer = normalize(response.answer.text)
            abstained += response.answer.abstained
            hits += any(normalize(span) in answer for span in spans)
            shown = [normalize(h) for h in response.answer.highlights]
            highlight_hits += not response.answer.abstained and any(
                normalize(span) in h for span in spans for h in shown
            )
            # The same question when the collection does not hold its passage.
            text = clean_question(question)
            query = engine.searcher.query(text)
            pool = [h for h in engine.searcher.search(text, 30, query=query)
                    if h.chunk.document != gold]  # fmt: skip
            pool = [replace(h, rank=i) for i, h in enumerate(pool, start=1)]
            without = engine.answer_from(text, pool, query.vector)
            removed_abstained += without.abstained
            removed_wrong += not without.abstained and not any(
                normalize(span) in normalize(without.text) for span in spans
            )
    result = {
        "dataset": args.dataset,
        "passages": len(passages),
        "questions": len(questions),
        "chunks": len(engine.index.chunks),
        "index_build_s": round(build_seconds, 1),
        # As shown (the answer's paragraph first), and in the search's own order.
        "assistant": {k: round(v, 4) for k, v in ranks_summary(ranks).items()},
        "assistant_search": {k: round(v, 4) for k, v in ranks_summary(search_ranks).items()},
        "bm25_bigram_baseline": {k: round(v, 4) for k, v in ranks_summary(base_ranks).items()},
        "answer_hit": round(hits / len(questions), 4),
        "highlight_hit": round(highlight_hits / len(questions), 4),
        "abstained": abstained,
        "false_abstention_rate": round(abstained / len(questions), 4),
        "gold_removed_abstained": round(removed_abstained / len(questions), 4),
        "gold_removed_answered_wrong": removed_wrong,
        "latency_p50_ms": round(statistics.median(latencies), 1),
        "latency_p95_ms": round(sorted(latencies)[int(0.95 * len(latencies)) - 1], 1),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
