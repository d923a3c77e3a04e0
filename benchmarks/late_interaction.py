"""Late interaction, stored or computed: what each costs per question and on disk.

    python benchmarks/late_interaction.py [--rounds 3]

On the built index of the town report (`assistant index` first) and its fixed question set,
in one process, round-robin (the machine's load moves all variants alike):
- warm `Engine.ask` p50/p95 with late interaction over stored token states (the default),
  and with late interaction off;
- the alternative of computing token states at question time: encoding the texts of the
  `late_pool` best candidates with token states, per question (what would be added to ask);
- the index folder's size with and without `tokens.npy`.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.engine import Engine  # noqa: E402
from assistant.evaluation.questions import load_questions  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = Settings.from_env(progress=False)
    stored = Engine.open(settings)
    off = Engine(
        dataclasses.replace(settings, search=dataclasses.replace(settings.search, late=False)),
        stored.embedder,
        stored.index,
    )
    questions = [q.question for q in load_questions(settings.source_dir / "questions.jsonl")]
    pool = stored.settings.search.late_pool
    times: dict[str, list[float]] = {"stored": [], "off": [], "computed (encode only)": []}
    for engine in (stored, off):
        engine.ask(questions[0])
    for _ in range(args.rounds):
        for question in questions:
            for name, engine in (("stored", stored), ("off", off)):
                started = time.perf_counter()
                engine.ask(question)
                times[name].append((time.perf_counter() - started) * 1000)
            hits = off.searcher.search(question, pool)
            texts = [h.chunk.embedding_text(settings.chunking) for h in hits]
            started = time.perf_counter()
            stored.embedder.encode_passage_tokens(texts)
            times["computed (encode only)"].append((time.perf_counter() - started) * 1000)
    print(f"{len(questions)} questions x {args.rounds} rounds, late_pool {pool}")
    for name, values in times.items():
        print(f"  {name:24s} p50 {statistics.median(values):6.1f} ms   "
              f"p95 {percentile(values, 0.95):6.1f} ms")  # fmt: skip
    folder = stored.index.path
    total = sum(p.stat().st_size for p in folder.iterdir())
    tokens = (folder / "tokens.npy").stat().st_size
    print(f"  index {total / 1e6:.2f} MB with token states, {(total - tokens) / 1e6:.2f} MB "
          f"without ({len(stored.index.chunks)} chunks, {len(stored.index.token_states)} "
          "token states)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
