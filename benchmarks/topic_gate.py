"""Where the topic gate's cut (assistant/answering/topic.py, TOPIC_SHARE) comes from.

    python benchmarks/topic_gate.py [--work DIR]

On the training splits only (CMRC 2018 trial, DRCD test; ../shared/data/README.md), every
question that asks for a kind of phrase (a count, a date, a person…) is searched once and
answered twice: with its gold passage among the hits, and with it removed (then nothing
answers it). For each candidate cut, the table gives the share of the right answers (a gold
span in the answer, gold passage present) that the gate would refuse, and the share of the
answers given without the gold passage that it would refuse. The cut shipped is the largest
that refuses at most 1 % of the right answers. The indexes are the ones `assistant fit-judge`
and `assistant fit-ranker` build (--work, default ~/.cache/report-assistant/fit-ranker; built
there if missing, a few minutes).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answering import topic  # noqa: E402
from assistant.answering.answer_types import asked  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.evaluation.judge_fit import SPLITS, askable, split_engine  # noqa: E402
from assistant.model.embedder import load_embedder  # noqa: E402
from assistant.retrieval.search import clean_question  # noqa: E402
from assistant.text.tokens import normalize  # noqa: E402

CUTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
MAX_REFUSED = 0.01  # of the right answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path.home() / ".cache" / "report-assistant"
                        / "fit-ranker")  # fmt: skip
    args = parser.parse_args()
    settings = Settings.from_env(progress=False)
    embedder = load_embedder(settings.model)
    right = {cut: 0 for cut in CUTS}  # right answers still given at each cut
    unsupported = {cut: 0 for cut in CUTS}  # answers given without the gold passage
    for split in SPLITS:
        engine, items = split_engine(settings, embedder, args.work, split)
        for item in items:
            if not askable(item.question) or asked(item.question) is None:
                continue
            text = clean_question(item.question)
            query = engine.searcher.query(text)
            hits = engine.searcher.search(text, 30, query=query)
            removed = [h for h in hits if h.chunk.document != item.gold]
            removed = [replace(h, rank=i) for i, h in enumerate(removed, start=1)]
            spans = [normalize(s) for s in item.spans]
            for cut in CUTS:
                topic.TOPIC_SHARE = cut
                answer = engine.answer_from(text, hits, query.vector)
                if not answer.abstained and any(s in normalize(answer.text) for s in spans):
                    right[cut] += 1
                unsupported[cut] += not engine.answer_from(text, removed, query.vector).abstained
    print("| cut | right answers refused | answers without the gold passage refused |")
    print("|---|---|---|")
    for cut in CUTS:
        lost = 1 - right[cut] / right[0.0] if right[0.0] else 0.0
        refused = 1 - unsupported[cut] / unsupported[0.0] if unsupported[0.0] else 0.0
        lost_n, refused_n = right[0.0] - right[cut], unsupported[0.0] - unsupported[cut]
        print(f"| {cut:.1f} | {lost:.1%} ({lost_n} of {right[0.0]}) "
              f"| {refused:.1%} ({refused_n} of {unsupported[0.0]}) |")  # fmt: skip
    best = max((c for c in CUTS if 1 - right[c] / max(right[0.0], 1) <= MAX_REFUSED), default=0.0)
    print(f"largest cut refusing at most {MAX_REFUSED:.0%} of the right answers: {best:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
