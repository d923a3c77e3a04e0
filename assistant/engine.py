"""The assistant as one object: settings + embedding model + index -> cited responses.

Built once at the edge (CLI, UI) with `Engine.open(settings)`, then asked many times.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from assistant.answering.extract import NOT_IN_REPORT, Answer, extract, heading_hit, outline_answer
from assistant.answering.front import OPENING, asks_front, front_answer, front_line
from assistant.answering.highlight import Highlighter, load_highlighter
from assistant.answering.judge import Judge
from assistant.answering.leads import items_after_leads, paragraph_leads, whole_paragraphs
from assistant.answering.named_part import Point, named_heading, part_points
from assistant.answering.typed_rank import TYPED_POOL, rerank
from assistant.config import Settings
from assistant.index.folder import Index
from assistant.index.store import open_index
from assistant.model.embedder import Embedder, load_embedder
from assistant.report.documents import Paragraph, source_files
from assistant.report.outline import heading_level
from assistant.report.parts import asks_title, part_number, referenced_part
from assistant.retrieval.aliases import searched_with, spelled_out
from assistant.retrieval.place import common_place, report_place, without_place
from assistant.retrieval.ranker import apply as apply_ranker
from assistant.retrieval.ranker import load_ranker
from assistant.retrieval.search import Hit, Searcher, clean_question

# Used when the calibration file has no entry for the model in use.
DEFAULT_THRESHOLD = 0.80
# Passages the answer is chosen from, whatever -k shows: the answer and whether to give one
# never depend on how many passages are displayed.
ANSWER_POOL = 3
# A part named by its heading's words answers when one of this many best passages is in it.
NAMED_PART_HITS = 3


@dataclass(frozen=True)
class Response:
    question: str
    passages: tuple[Hit, ...]
    answer: Answer
    titles: dict[str, str]  # document name -> title

    def to_dict(self) -> dict[str, Any]:
        """The `--json` schema (stable; later versions only add fields)."""
        return {
            "question": self.question,
            "answer": NOT_IN_REPORT if self.answer.abstained else self.answer.text,
            "abstained": self.answer.abstained,
            "confidence": round(self.answer.confidence, 4),
            "highlights": list(self.answer.highlights),
            "occurrences": list(self.answer.occurrences),
            "citations": [
                {
                    "number": c.number,
                    "document": c.document,
                    "title": self.titles.get(c.document, c.document),
                    "section": c.section,
                    "paragraph": c.paragraph,
                }
                for c in self.answer.citations
            ],
            "passages": [
                {
                    "rank": h.rank,
                    "document": h.chunk.document,
                    "title": self.titles.get(h.chunk.document, h.chunk.document),
                    "paragraph": h.chunk.paragraph,
                    "section": h.chunk.section_path,
                    "text": h.chunk.text,
                    "score": round(h.score, 4),
                }
                for h in self.passages
            ],
        }


CALIBRATION_FILE = "calibration.json"


def _calibration(text: str, model_id: str) -> dict[str, Any] | None:
    entry = json.loads(text).get(model_id)
    return entry if isinstance(entry, dict) and "threshold" in entry else None


def load_calibration(model_id: str, index_dir: Path | None = None) -> dict[str, Any] | None:
    """The calibration `assistant calibrate` wrote for this model: the index folder's own
    (made on that folder's reports), else the package's default, else None."""
    sources: list[Callable[[], str]] = []
    if index_dir is not None:
        sources.append(lambda: (index_dir / CALIBRATION_FILE).read_text(encoding="utf-8"))
    sources.append(
        lambda: resources.files("assistant").joinpath(CALIBRATION_FILE).read_text("utf-8")
    )
    for read in sources:
        try:
            entry = _calibration(read(), model_id)
        except (OSError, ValueError, TypeError, AttributeError):
            continue
        if entry is not None:
            return entry
    return None


def calibrated_threshold(entry: dict[str, Any] | None) -> float:
    """The score threshold for models without a judge (DEFAULT_THRESHOLD if none)."""
    try:
        if entry is not None and entry.get("kind", "score") == "score":
            return float(entry["threshold"])
    except (TypeError, ValueError):
        pass
    return DEFAULT_THRESHOLD


def calibrated_judge(judge: Judge | None, entry: dict[str, Any] | None) -> Judge | None:
    """The judge, with the cut `assistant calibrate` chose on this index's own questions."""
    if judge is None or entry is None or entry.get("kind") != "judge":
        return judge
    try:
        return replace(judge, cut=float(entry["threshold"]))
    except (TypeError, ValueError):
        return judge


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder, index: Index):
        if settings.search.learned:  # the fitted ranking weights (retrieval/ranker.py)
            ranker = load_ranker(embedder.model_id)
            settings = replace(settings, search=apply_ranker(settings.search, ranker))
        self.settings = settings
        self.embedder = embedder
        calibration = load_calibration(embedder.model_id, settings.index_dir)
        self.threshold = calibrated_threshold(calibration)
        # The learned "does it answer?" (None for a model it was not fitted for).
        # No judge ships (docs/evaluation.md: fitted on CMRC/DRCD it refused a quarter of the
        # town report's answerable questions); ASSISTANT_JUDGE=FILE tries one.
        fitted = os.environ.get("ASSISTANT_JUDGE")
        judge = Judge.load(embedder.model_id, Path(fitted)) if fitted else None
        self.judge: Judge | None = calibrated_judge(judge, calibration)
        # The answer-type gate on top of the judge (a count asked, none given: abstain).
        self.gate = True
        # A typed answer must name enough of what the question asks about (answering/topic.py).
        self.topic_gate = True
        # The clause scorer of `assistant fit-highlight`; None: the clause with most question words.
        self.highlighter: Highlighter | None = load_highlighter()
        # Keep each answer's evidence even without a judge (assistant fit-judge collects it).
        self.keep_evidence = False
        self._lock = threading.Lock()
        self._install(index)

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        rebuild: bool = False,
        on_wait: Callable[[str], None] | None = None,
    ) -> Engine:
        """`on_wait` hears why it takes long when another process is building the index."""
        source_files(settings.source_dir)  # a missing source folder fails before the model loads
        embedder = load_embedder(settings.model, progress=settings.progress)
        index = open_index(settings, embedder, rebuild=rebuild, on_wait=on_wait)
        return cls(settings, embedder, index)

    def _install(self, index: Index) -> None:
        searcher = Searcher(index, self.embedder, self.settings.search)
        with self._lock:
            self.index = index
            self.searcher = searcher
            self.titles = {d.name: d.title for d in index.documents}
            self.place = common_place(self.titles.values())
            # (document, heading text) -> the heading's paragraph, for answers about a part.
            self.headings = {
                (p.document, p.text): p for p in index.paragraphs.values() if part_number(p.text)
            }
            # ... and of a section of a part (（一）依法全面履行政府职能), named by its words.
            self.sections = {
                (p.document, p.text): p
                for p in index.paragraphs.values()
                if heading_level(p.text) == 2
            }
            # document -> {heading text: heading}: the parts and sections a question may name.
            self.named_parts: dict[str, dict[str, Paragraph]] = {}
            for (document, text), p in {**self.headings, **self.sections}.items():
                self.named_parts.setdefault(document, {})[text] = p

    def refresh(self, *, rebuild: bool = False) -> None:
        """Rebuild the index if the sources changed and swap it in; questions in flight
        finish on the searcher they started with."""
        self._install(open_index(self.settings, self.embedder, rebuild=rebuild))

    def ask(
        self,
        question: str,
        k: int | None = None,
        document: str | None = None,
        *,
        focus: str | None = None,
    ) -> Response:
        """Search for `question`; answer `focus` when given (a follow-up read with the turn
        before it is searched with that turn's words but answers only what it asks)."""
        text = clean_question(question)
        shown = k or self.settings.top_k
        searcher = self.searcher
        # Searched without the place every report searched is about (大涌镇的绿化…: 绿化…).
        place = report_place(self.titles.get(document, "")) if document else self.place
        searched = without_place(text, place)
        query = searcher.query(searched)
        vector = query.vector
        # Read with the report's words for an abbreviation (GDP: 国内生产总值; retrieval/aliases).
        read = spelled_out(text)
        hits = searcher.search(
            searched_with(searched), max(shown, TYPED_POOL), document=document, query=query
        )
        hits = rerank(
            spelled_out(focus) if focus else read, hits, self.settings.search.typed_weight
        )
        hits = items_after_leads(hits, searcher.index.paragraphs, searcher.index.chunks)
        hits = hits[: max(shown, ANSWER_POOL)]
        heading, points = self._named_part(text, hits, searcher)
        kind = asks_front(text) if hits else None  # who delivered the report, or when
        front = self._front_line(kind, hits, searcher) if kind else None
        if kind and front is None:
            # Who delivered it or when, and its opening lines do not say: no body sentence does
            # (the town report answered 这份报告是谁作的？ with a sentence about 党的二十大报告).
            answer = Answer("", (), (), abstained=True, confidence=0.0)
        elif front is not None:  # who delivered the report, or when: its opening lines
            line, phrase = front
            answer = front_answer(line, phrase, 1.0 + hits[0].dense)
            others = [
                h
                for h in hits
                if (h.chunk.document, h.chunk.paragraph) != (line.document, line.number)
            ]
            hits = [
                heading_hit(line, hits[0]),
                *(replace(h, rank=n) for n, h in enumerate(others, 2)),
            ]
            hits = hits[: max(shown, ANSWER_POOL)]
        elif heading is not None:
            answer = outline_answer(text, heading, hits, points)
            if asks_title(text):
                hits = [
                    heading_hit(heading, hits[0]),
                    *(replace(h, rank=h.rank + 1) for h in hits[:-1]),
                ]
        else:
            if focus:  # the sentence is chosen for what the follow-up asks, in words and meaning
                asked = clean_question(focus)
                vector = searcher.encode(asked)
                answer = self.answer_from(spelled_out(asked), hits, vector, searcher=searcher)
            else:
                answer = self.answer_from(read, hits, vector, searcher=searcher)
            hits = cited_first(hits, answer)
        return Response(text, tuple(hits[:shown]), answer, self.titles)

    def answer_from(
        self, question: str, hits: list[Hit], vector: Any, *, searcher: Searcher | None = None
    ) -> Answer:
        """The extracted answer (or abstention) from ranked hits; `vector` is the question's.
        `searcher` is the one the hits came from (ask passes its own: a refresh may have
        swapped in another index meanwhile, whose chunk ids mean other chunks)."""
        searcher = searcher or self.searcher
        index = searcher.index
        return extract(
            question, hits[:ANSWER_POOL], idf=searcher.text_bm25.idf,
            threshold=self.threshold, judge=self.judge, gate=self.gate,
            keep_evidence=self.keep_evidence, highlighter=self.highlighter,
            nouns=searcher.nouns if self.topic_gate else None,
            openings=paragraph_leads(hits[:ANSWER_POOL], index.paragraphs),
            passages=whole_paragraphs(hits[:ANSWER_POOL], index.paragraphs),
            titles=self.titles,
            similarity=lambda hit: index.window_cosines(hit.chunk.id, vector),
        )  # fmt: skip

    def _front_line(
        self, kind: str, hits: list[Hit], searcher: Searcher
    ) -> tuple[Paragraph, str] | None:
        """The opening line of the best passage's report that names its speaker or its date
        (`kind`, answering/front.py)."""
        document, paragraphs = hits[0].chunk.document, searcher.index.paragraphs
        lines = [
            paragraphs[(document, n)] for n in range(1, 4 * OPENING) if (document, n) in paragraphs
        ]
        return front_line(kind, lines)

    def _named_part(
        self, question: str, hits: list[Hit], searcher: Searcher
    ) -> tuple[Paragraph | None, tuple[Point, ...]]:
        """The heading of the top-level part a question names, and its points: by its number
        ('第六部分'), when the best passage lies in it; or by its heading's words ('存在哪些
        不足？', answering/named_part.py), when one of the best passages lies in it and it
        has points to list (sub-headings or numbered items)."""
        if not hits:
            return None, ()
        top = hits[0].chunk
        index = searcher.index
        number = referenced_part(question)
        if number is not None:
            if not top.section:
                return None, ()
            heading = self.headings.get((top.document, top.section[0]))
            if heading is None or part_number(top.section[0]) != number:
                return None, ()
            return heading, part_points(heading, index.chunks, self.sections)
        parts = self.named_parts.get(top.document, {})
        named = named_heading(question, parts, self.titles.get(top.document, ""))
        if named is None or all(named not in h.chunk.section[:2] for h in hits[:NAMED_PART_HITS]):
            return None, ()
        heading = parts[named]
        points = part_points(heading, index.chunks, self.sections)
        return (heading, points) if points else (None, ())

    def paragraph(self, document: str, number: int) -> Paragraph | None:
        return self.index.paragraphs.get((document, number))


def cited_first(hits: list[Hit], answer: Answer) -> list[Hit]:
    """The hits with the paragraphs the answer cites first, in the order it cites them: the
    first passage shown is the one the answer came from (an answer read from the second hit,
    新增城镇就业900万人 under this year's targets, is not shown below last year's 859万人). Each
    hit keeps its search rank: sorting by it gives the search's order back."""
    if answer.abstained or not answer.citations:
        return hits
    order = {(c.document, c.paragraph): n for n, c in enumerate(answer.citations)}
    key = {id(h): order.get((h.chunk.document, h.chunk.paragraph), len(order)) for h in hits}
    return sorted(hits, key=lambda h: key[id(h)])  # stable: the rest keep their order
