"""Answers and abstentions on the training splits (CMRC 2018 trial, DRCD test), with and
without the gold passage.

    python benchmarks/training_abstention.py

Each split's passages are one collection, indexed once into
~/.cache/report-assistant/fit-ranker (as `assistant fit-ranker` does). For every question
`judge_fit.askable` keeps, it is searched as `Engine.ask` would. When the gold passage comes
first, the answer is counted: a false abstention, or right (a gold span is in it), and
highlighted (a gold span is in its highlighted phrase). The same
question is then answered from the results with the gold passage left out. Then nothing
answers it, and the share that abstains is counted. These are the design splits. A change to
answering can be checked here without touching a held-out set. About 2-3 min on 2 cores, with
the indexes built.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.evaluation.judge_fit import SPLITS, askable, split_engine  # noqa: E402
from assistant.model.embedder import load_embedder  # noqa: E402
from assistant.retrieval.search import clean_question  # noqa: E402
from assistant.text.tokens import normalize  # noqa: E402

WORK = Path.home() / ".cache" / "report-assistant" / "fit-ranker"


def main() -> None:
    settings = Settings.from_env(progress=False)
    embedder = load_embedder(settings.model)
    for split in SPLITS:
        engine, items = split_engine(settings, embedder, WORK, split)
        first = false_abstentions = right = marked = asked = removed_abstained = 0
        for item in items:
            if not askable(item.question):
                continue
            text = clean_question(item.question)
            query = engine.searcher.query(text)
            hits = engine.searcher.search(text, 30, query=query)
            if hits and hits[0].chunk.document == item.gold:
                first += 1
                answer = engine.answer_from(text, hits, query.vector)
                false_abstentions += answer.abstained
                right += not answer.abstained and any(
                    normalize(span) in normalize(answer.text) for span in item.spans
                )
                marked += not answer.abstained and any(
                    normalize(span) in normalize(phrase)
                    for span in item.spans
                    for phrase in answer.highlights
                )
            without = [h for h in hits if h.chunk.document != item.gold]
            pool = [replace(h, rank=i) for i, h in enumerate(without, start=1)]
            asked += 1
            removed_abstained += engine.answer_from(text, pool, query.vector).abstained
        print(
            f"{split}: gold passage first for {first}; false abstentions {false_abstentions} "
            f"({100 * false_abstentions / max(first, 1):.2f} %), right {right}, "
            f"highlighted {marked}; "
            f"gold removed: {100 * removed_abstained / max(asked, 1):.1f} % of {asked} abstain",
            flush=True,
        )


if __name__ == "__main__":
    main()
