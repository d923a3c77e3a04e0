"""Extractive answers: the sentence(s) of the top passages that answer the question, the key
phrase in them, numbered citations, and an honest abstention when the evidence is weak.

No language model. Candidate answers are single sentences and pairs of adjacent sentences
of the top passages (a subject is often introduced in one sentence and answered in the
next). Each is scored by the share of the question's rare vocabulary it covers
(idf-weighted), the rank of its passage, and whether it holds the kind of phrase asked for
(a count in the right unit for 多少宗, a date for 何时: see answer_types.py).

Whether to answer at all is decided by a learned judge (judge.py) over the evidence
(evidence.py): its probability that the shown answer answers the question is the
confidence. Without a judge for the model in use, confidence = the top passage's cosine
similarity + the coverage of the chosen answer, against the threshold of `assistant
calibrate`; a typed question whose answer holds no phrase of that type gets no confidence
at all either way (the answer-type gate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from assistant.answering.answer_types import (
    ASKS_REMAINING,
    CHANGE_VERB,
    Asked,
    a_change,
    asked,
    asked_parts,
    change_figure,
    named_rate,
)
from assistant.answering.evidence import Evidence, length_feature
from assistant.answering.figure_span import said_of_nothing_asked
from assistant.answering.focus import question_focus
from assistant.answering.highlight import Highlighter, choose_at
from assistant.answering.judge import Judge
from assistant.answering.leads import list_leads
from assistant.answering.named_part import Point
from assistant.answering.quoted import unwritten
from assistant.answering.subject import shares_nothing
from assistant.answering.topic import (
    LIST_ITEM,
    figures_off_topic,
    item_off_topic,
    off_topic,
    says_nothing_of,
)
from assistant.answering.years import (
    PERIOD,
    YEARS,
    a_review,
    figure_of_several,
    question_years,
    said_years,
    year_before,
    year_conflict,
    year_words,
)
from assistant.report.chunks import Chunk, answer_sentences, window_spans
from assistant.report.documents import Paragraph
from assistant.report.outline import lead
from assistant.report.parts import asks_title
from assistant.retrieval.aliases import in_report_words, named_terms, searched_with
from assistant.retrieval.search import Hit
from assistant.text.nouns import NounCounts
from assistant.text.tokens import normalize, tokens

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ITEMS = re.compile(r"(?<=[；;])")  # where a list's items end
# English text counts as a question when it asks something: a question mark, a question
# word or a request. 'test', 'alert(1)' or a pasted tag is not one, and gets no answer.
_ENGLISH_QUESTION = re.compile(
    r"\?|^\W*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|"
    r"can|could|should|will|would|has|have|had|list|name|tell|describe|explain|give|show|"
    r"summari[sz]e|find)\b",
    re.IGNORECASE,
)
# Coverage assumed for a question with no Chinese words to match (English): neutral.
FOREIGN_COVERAGE = 0.5


@dataclass(frozen=True)
class Citation:
    number: int  # [1], [2] ... in the answer text
    document: str
    section: str
    paragraph: int


@dataclass(frozen=True)
class Answer:
    text: str  # plain answer text with [n] citation marks; "" when abstained
    highlights: tuple[str, ...]  # key phrases inside `text`
    citations: tuple[Citation, ...]
    abstained: bool
    confidence: float  # the judge's probability (or the evidence score) against its cut
    evidence: Evidence | None = None  # what the judge weighed (None: nothing to weigh)
    # For each key phrase, which of its occurrences in `text` it is (0: the first); () marks
    # every occurrence. 受理纠纷61宗，成功调处61宗 asked 调成了多少宗 is (1,).
    occurrences: tuple[int, ...] = ()

    def nth(self) -> dict[str, int]:
        """{phrase: which occurrence of it is the key phrase}; {} when every one is."""
        return dict(zip(self.highlights, self.occurrences, strict=False))

    def marked(self, mark: Callable[[str], str]) -> str:
        """The answer text with each key phrase wrapped by `mark` (terminal colour, <mark>)."""
        return marked_text(self.text, self.highlights, mark, self.nth())


def marked_text(
    text: str, phrases: Sequence[str], mark: Callable[[str], str], nth: Mapping[str, int]
) -> str:
    """`text` with the phrases wrapped by `mark` where `key_matches` finds them."""
    out: list[str] = []
    start = 0
    for found in key_matches(text, phrases, nth):
        out.append(text[start : found.start()] + mark(found.group(0)))
        start = found.end()
    out.append(text[start:])
    return "".join(out)


def key_matches(
    text: str,
    phrases: Iterable[str],
    nth: Mapping[str, int],
    home: tuple[int, int] | None = None,
) -> list[re.Match[str]]:
    """The places of `phrases` in `text` to mark, longest phrase first where they overlap. A
    phrase in `nth` only at that occurrence, counted inside `home` (start, end; None: all of
    `text`) and nowhere outside it; the others everywhere."""
    wanted = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not wanted:
        return []
    low, high = home if home is not None else (0, len(text))
    seen: dict[str, int] = {}
    out: list[re.Match[str]] = []
    for found in re.finditer("|".join(re.escape(p) for p in wanted), text):
        phrase = found.group(0)
        if phrase in nth:
            if not low <= found.start() < found.end() <= high:
                continue
            count = seen.get(phrase, 0)
            seen[phrase] = count + 1
            if count != nth[phrase]:
                continue
        out.append(found)
    return out


def occurrence(text: str, phrase: str, start: int) -> int:
    """Which occurrence of `phrase` in `text` (as `re.finditer` finds them) starts at `start`."""
    return sum(1 for m in re.finditer(re.escape(phrase), text) if m.start() < start)


@dataclass(frozen=True)
class _Candidate:
    score: float
    coverage: float
    hit: Hit
    parts: tuple[str, ...]  # one sentence, or two adjacent ones
    lead: str = ""  # the lead of the list it is an item of (主要预期目标是：)
    opening: str = ""  # the lead its passage continues, from the paragraph before it

    def context(self) -> str:
        """Its passage up to its end, after the lead the passage continues: what a 他, 该 or
        本届 in it points to, and which year its list is about."""
        passage = self.hit.chunk.text
        end = passage.find(self.parts[-1])
        text = passage[: end + len(self.parts[-1])] if end >= 0 else "".join(self.parts)
        return self.opening + text

    def heading(self) -> str:
        return " ".join(self.hit.chunk.section)


# Weight of a window's closeness in meaning to the question (cosine, against the closest
# window of the top passages), for questions with no Chinese words to share.
MEANING_WEIGHT = 3.0
# How far below the best candidate one naming the asked year may score and still replace it
# when the best is about another year (extract._of_the_year).
YEAR_MARGIN = 0.15
# ... or, for a figure, how much of the best one's question words it must hold, however far
# below it scores: 去年国内生产总值增长了多少？ (2015, 2025) scores this year's target first by
# the bigram 值增 of 国内生产总值增长, which the review's 国内生产总值达到63.6万亿元，比上年增长7.4%
# does not write.
YEAR_SHARE = 0.6
# How much a window counts more when it writes the asked kind of phrase right after the change
# the question asks about (增长了多少？ and 增长6.9%): 经济增长的贡献率达到66.4% names the change
# but gives another figure.
CHANGE_FIGURE = 0.15
Similarity = Callable[[Hit], NDArray[np.float32]]

# Paragraphs summarised in the answer about a whole part.
MAX_OUTLINE_ITEMS = 4

NOT_IN_REPORT = "报告中似乎没有回答这个问题。以下是最接近的段落，供参考。"


def _coverage(weights: dict[str, float], text: str, lent: Iterable[str] = ()) -> float:
    """Share of the question's weighted vocabulary found in the text (or `lent` to it)."""
    total = sum(weights.values())
    have = set(tokens(text)) | set(lent)
    return sum(w for t, w in weights.items() if t in have) / total if total else 0.0


def _said_before(opening: str, parts: Sequence[str]) -> list[set[str]]:
    """For each sentence of a passage, the years (`said_years`) its passage says before it,
    after the lead the passage continues."""
    out = []
    said = said_years(normalize(opening))
    for part in parts:
        out.append(said)
        said = said | said_years(normalize(part))
    return out


def _candidates(
    hits: Sequence[Hit],
    weights: dict[str, float],
    type_: Asked | None,
    similarity: Similarity | None,
    changes: Sequence[str] = (),
    openings: Mapping[int, str] | None = None,
    years: Mapping[str, set[str]] | None = None,
) -> list[_Candidate]:
    """The windows of the top hits, best first. `years` (`years.year_words`) are the tokens
    of the year the question asks about: a window is lent them when its passage says that
    year before it."""
    out: list[_Candidate] = []
    meanings = [similarity(hit) if similarity else None for hit in hits[:3]]
    closest = max((float(m.max()) for m in meanings if m is not None and len(m)), default=0.0)
    for position, hit in enumerate(hits[:3]):
        parts = answer_sentences(hit.chunk.text)
        opening = (openings or {}).get(hit.chunk.id, "")
        leads = list_leads(parts, opening)
        said = _said_before(opening, parts) if years else None
        for i, span in enumerate(window_spans(hit.chunk.text)):
            window = tuple(parts[j] for j in span)
            text = "".join(window)
            lent = [t for y in said[span[0]] for t in years.get(y, ())] if said and years else []
            # An item of a list is read with the list's lead (主要预期目标是：…；粮食产量…；).
            coverage = _coverage(weights, leads[span[0]] + text, lent)
            score = coverage - 0.08 * position
            meaning = meanings[position]
            if meaning is not None and i < len(meaning):
                # How close in meaning the window is to the question, against the closest
                # window: paraphrases and English questions share few or no words with it.
                score -= MEANING_WEIGHT * (closest - float(meaning[i]))
            if type_ is not None:
                score -= 0.04 * (len(window) - 1)  # a count or a date: the crisp sentence
                if type_.figures(text):
                    score += 0.3
                # 增长了多少？: the window writing a figure right after 增长 reports the change.
                if change_figure(text, type_, changes):
                    score += CHANGE_FIGURE
            out.append(_Candidate(score, coverage, hit, window, leads[span[0]], opening))
    return sorted(out, key=lambda c: (-c.score, -len(c.parts)))


def _of_the_period(
    question: str, candidates: Sequence[_Candidate], type_: Asked | None
) -> _Candidate:
    """For a question about several years (过去五年…年均增长多少？), the best candidate that
    speaks of several (`years.PERIOD`), in itself or its heading, when the best does not and
    its passage does not either; else the best (then `year_conflict` abstains)."""
    best = candidates[0]
    if not year_conflict(question, "".join(best.parts), best.context(), best.heading()):
        return best
    for other in _alternatives(candidates, type_):
        text = "".join(other.parts)
        if PERIOD.search(normalize(f"{other.lead}{text} {other.heading()}")) and (
            type_ is None or type_.figures(text)
        ):
            return other
    return best


def _alternatives(candidates: Sequence[_Candidate], type_: Asked | None) -> Iterator[_Candidate]:
    """The candidates after the best that may replace it when it speaks of another time: close
    to it, or, for a figure, holding most of its question words (an explanation holding most
    of the words may be about anything)."""
    best = candidates[0]
    for other in candidates[1:]:
        near = other.score >= best.score - YEAR_MARGIN
        if near or (type_ is not None and other.coverage >= YEAR_SHARE * best.coverage):
            yield other


def _of_the_year(
    question: str, candidates: Sequence[_Candidate], type_: Asked | None
) -> _Candidate:
    """The best candidate; but when it is about another year than the question asks about, a
    close one that says that year itself (in its sentence, its list's lead or its heading):
    2016年国内生产总值增长了多少？ on the 2017 work report is answered by …增长6.7% under
    一、2016年工作回顾, not by this year's target; 今年…能耗要下降多少？ by the target
    (今年发展的主要预期目标是：…能耗下降3.4%以上), not by 2016's 能耗下降5% beside 上年."""
    best = candidates[0]
    asked_text = normalize(question)
    if PERIOD.search(asked_text):
        return _of_the_period(question, candidates, type_)
    asked_years = question_years(asked_text)
    relative = said_years(asked_text)
    if not (asked_years or len(relative) == 1):
        return best
    # 今年的城镇登记失业率控制在多少？: the review's 年末城镇登记失业率4.02% says no year, the
    # target item says 今年 in its lead. (A 去年 is not so: a review rarely says it.)
    best_says = said_years(normalize(best.lead + "".join(best.parts)))
    unsaid = not asked_years and (
        (relative == {"this"} and "this" not in best_says)
        # 明年…的工作计划有哪些？: the plans stand under a heading about next year
        # (八、下一年度推进法治政府建设的主要安排), and their sentences do not say it.
        or (
            relative == {"next"} and "next" not in best_says | said_years(normalize(best.heading()))
        )
        # 去年国内生产总值增长了多少？: the best explains this year's target under
        # 二、2010年主要任务, and another candidate stands under the year before
        # (一、2009年工作回顾).
        or (
            relative == {"last"}
            and "last" not in best_says
            and any(year_before(h, best.heading()) for h in {c.heading() for c in candidates})
        )
    )
    # 2006年煤炭行业淘汰了多少落后产能？ on the 2007 report: the best gives this year's plan
    # (今年力争…淘汰) under a heading naming no year, another stands under 一、2006年工作回顾.
    unsaid = unsaid or (
        bool(asked_years)
        and "this" in best_says
        and not asked_years & set(YEARS.findall(normalize(best.lead + "".join(best.parts))))
        and any(a_review(c.heading()) and asked_years & set(YEARS.findall(normalize(c.heading())))
                for c in candidates[1:])
    )  # fmt: skip
    if not unsaid and not year_conflict(
        question, "".join(best.parts), best.context(), best.heading()
    ):
        return best
    for other in _alternatives(candidates, type_):
        text = "".join(other.parts)
        said = normalize(f"{other.lead}{text}")  # in itself: a year earlier in its passage is weak
        if asked_years:
            names = bool(asked_years & set(YEARS.findall(f"{said} {other.heading()}")))
        else:
            names = (
                bool(relative & said_years(said))
                or (relative == {"last"} and year_before(other.heading(), best.heading()))
                # 去年全国粮食一共收了多少？: the best, 今年粮食产量要稳定在…, stands under a
                # heading naming no year (四、协调推动经济稳定增长…), another under
                # 一、2014年工作回顾.
                or (
                    relative == {"last"}
                    and a_review(other.heading())
                    and not YEARS.search(normalize(best.heading()))
                    and "this" in best_says
                )
                or (relative == {"next"} and "next" in said_years(normalize(other.heading())))
            )
        if (
            names
            and not year_conflict(question, text, other.context(), other.heading())
            and (type_ is None or type_.figures(text))
        ):
            return other
    return best


def _another_item(candidate: _Candidate, question: str, type_: Asked, nouns: NounCounts) -> bool:
    """The candidate is an item of a list about something else than `question` (read with the
    report's words, `in_report_words`): an item names what it gives, so another target is no
    answer. Only the items giving the asked kind of phrase count: 居民消费价格涨幅3%左右；单位
    国内生产总值能耗和主要污染物排放量继续下降。 gives no figure for 能耗."""
    answer = "".join(candidate.parts)
    if not (candidate.lead or LIST_ITEM.search(answer)):
        return False
    items = [item for item in _ITEMS.split(answer) if type_.figures(item)] or [answer]
    return item_off_topic(question, candidate.lead + "".join(items), nouns)


_SENTENCE_END = re.compile(r"[。！？!?]")


def said_of_figures(context: str, answer: str, type_: Asked) -> str:
    """`context` (the answer's passage up to its end) without the answer's sentences after the
    last figure of the asked kind: what its figures may be said of. 国内生产总值达到67.7万亿元，
    增长6.9%。粮食产量实现“十二连增”。 gives no figure of 粮食产量."""
    text, shown = normalize(context), normalize(answer)
    cursor = 0
    for figure in type_.figures(shown):
        at = shown.find(figure, cursor)
        cursor = at + len(figure) if at >= 0 else cursor
    end = _SENTENCE_END.search(shown, cursor)
    rest = len(shown) - (end.end() if end else len(shown))
    if not rest or not text.endswith(shown):
        return text
    return text[: len(text) - rest]


def _names_none(question: str, context: str) -> bool:
    """An English question names figures of the report (`named_terms`: 脱贫 贫困 for lifted out
    of poverty) and the answer's passage writes none of them, not even apart (粮食产量 in
    全国粮食连续四年增产，2007年产量达到50150万吨)."""
    words = [word for term in named_terms(question) for word in term.split()]
    text = normalize(context)
    return bool(words) and not any(
        word in text or (len(word) >= 4 and word[:2] in text and word[2:] in text) for word in words
    )


def _frame(candidate: _Candidate) -> str:
    """What the whole of a candidate's passage is about: its headings, the lead of its list
    and its first sentence (1.创新调解工作机制。 names what the 61宗 after it count)."""
    first = _SENTENCE_END.search(candidate.hit.chunk.text)
    opening = candidate.hit.chunk.text[: first.end()] if first else ""
    return " ".join((candidate.heading(), candidate.lead, opening))


def _whole(candidate: _Candidate, passages: Mapping[int, str] | None) -> str:
    """The candidate's whole paragraph with its headings and the lead it continues."""
    chunk = candidate.hit.chunk
    text = (passages or {}).get(chunk.id, chunk.text)
    return " ".join((*chunk.section, candidate.opening, text))


def extract(
    question: str,
    hits: Sequence[Hit],
    *,
    idf: Callable[[str], float],
    threshold: float,
    similarity: Similarity | None = None,
    judge: Judge | None = None,
    gate: bool = True,
    keep_evidence: bool = False,
    highlighter: Highlighter | None = None,
    nouns: NounCounts | None = None,
    openings: Mapping[int, str] | None = None,
    passages: Mapping[int, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> Answer:
    """Pick the answering sentence(s) from the top hits and cite their paragraphs.

    `similarity(hit)` gives the cosine similarity between the question and each of the hit's
    `answer_windows` (from the sentence vectors of the index); a question with no Chinese
    words is answered by the closest window, any other by the words it shares. With a
    `judge`, it decides (its probability is the confidence) and `threshold` is unused;
    `gate` keeps the answer-type gate on top of it. The evidence is computed only for a
    judge, or when `keep_evidence` asks for it (fitting one): not on every question. The
    highlighted phrase is chosen by `highlighter` (answering/highlight.py) when there is one.
    `openings` gives the lead a hit's passage continues (`leads.paragraph_leads`), `passages`
    the whole paragraph a hit is a window of (a name the question quotes may stand in another
    window of it), `titles` each document's title (a question sharing only its words with the
    answer's passage is not answered)."""
    type_ = asked(question)
    foreign = not _CJK.search(question)
    # An English question is read with the report's words its keyword search looks for
    # (What is this year's GDP growth target? for 国内生产总值 增长): they choose its sentence and
    # say what it asks about.
    read = searched_with(question) if foreign else question
    focus = question_focus(read, idf)
    weights = focus.weights
    # Meaning chooses the sentence only for questions that share no words with the text
    # (English): for Chinese ones it moved answers by noise-level amounts and cost abstentions
    # on an unseen report (docs/evaluation.md).
    changes = CHANGE_VERB.findall(normalize(read))
    candidates = _candidates(
        hits, weights, type_, similarity if foreign else None, changes, openings,
        year_words(normalize(read)),
    )  # fmt: skip
    if not candidates:
        return Answer("", (), (), abstained=True, confidence=0.0)
    own_words = in_report_words(read)  # the question with the report's words it spells out
    if type_ is not None and nouns is not None:
        # Another item of a list is no candidate (its gate below would refuse it): 今年广义货币
        # M2增长目标是多少？ is answered by 广义货币增长目标为16%, not refused for the GDP item
        # of the targets' list (2011 work report), which shares more of its words.
        # Only when one of them comes close: 严把土地、信贷两个闸门 (2008) is no answer either.
        kept = [c for c in candidates if not _another_item(c, own_words, type_, nouns)]
        if kept and kept[0].score >= candidates[0].score - YEAR_MARGIN:
            candidates = kept

    # A passage writing the names the question quotes answers before one that does not, and
    # one writing a word of the question beyond the report's subject before one that does not,
    # when it comes close: a passage sharing only 城市 of 智慧城市 is no answer either.
    def subject_only(candidate: _Candidate) -> bool:
        if titles is None or foreign:
            return False
        title = titles.get(candidate.hit.chunk.document, "")
        return shares_nothing(question, _whole(candidate, passages), title)

    naming = [c for c in candidates if not unwritten(question, _whole(c, passages))]
    if naming and len(naming) < len(candidates):
        candidates = naming
    sharing = [c for c in candidates if not subject_only(c)]
    if sharing and sharing[0].score >= candidates[0].score - YEAR_MARGIN:
        candidates = sharing
    best = _of_the_year(question, candidates, type_)
    answer = "".join(best.parts)
    type_found = type_ is not None and bool(type_.figures(answer))
    typed_miss = type_ is not None and not type_found
    if foreign and not _ENGLISH_QUESTION.search(question):
        typed_miss = True  # not a question at all: nothing in the report answers it
    context = best.context()
    rate = named_rate(read)
    # A question for a rate is about that rate: 今年财政赤字率是多少？ is answered by 今年赤字率
    # 拟按2.8%左右安排, whose passage never writes the question's noun 财政赤字 (2022 report). The
    # rate is named by the figure's sentence, not a later one (6.5%左右的增速…。城镇调查失业率…).
    of_the_rate = (
        bool(rate)
        and type_ is not None
        and rate in normalize(best.lead) + said_of_figures(answer, answer, type_)
    )
    if type_ is not None and nouns is not None and not typed_miss and not of_the_rate:
        # A figure about something else: too little of what the question names (its nouns,
        # answering/topic.py) is in the answer or before it in its passage, or in what the
        # answer's figures are said of.
        typed_miss = (
            off_topic(read, context, nouns)
            or _another_item(best, own_words, type_, nouns)
            or (
                type_.kind == "number"
                and figures_off_topic(read, said_of_figures(context, answer, type_), nouns)
            )
            or (
                type_.kind == "number"
                and said_of_nothing_asked(
                    read, context, answer, type_.figures(answer), idf, _frame(best)
                )
            )
        )
    if nouns is not None and says_nothing_of(question, context, nouns):
        typed_miss = True
    if foreign and type_ is not None and not typed_miss and _names_none(question, context):
        typed_miss = True  # How many … lifted out of poverty? is not answered by 城镇新增就业
    if unwritten(question, _whole(best, passages)) or subject_only(best):
        # 怎么落实"谁执法谁普法"？ is not answered where no one writes it, nor 大涌镇的交通怎么样？
        # by a sentence sharing only 大涌镇 with it.
        typed_miss = True
    if rate and not typed_miss and rate not in normalize(best.lead + context):
        typed_miss = True  # 贫困发生率下降到多少？ is not answered by another share
    conflict = year_conflict(question, answer, context, best.heading())
    evidence = None
    if judge is not None or keep_evidence:
        typed = (type_ is not None, type_found)
        evidence = _evidence(question, hits, best, weights, typed, conflict, similarity)
    if judge is not None and evidence is not None:
        conf = judge.probability(evidence)
        cut = judge.cut
        if gate and (typed_miss or conflict):
            conf = 0.0
    else:
        coverage = FOREIGN_COVERAGE if foreign else best.coverage
        conf = hits[0].dense + coverage
        cut = threshold
        if typed_miss or conflict:
            conf = 0.0  # asked for a number, a date or a year the passages do not give
    if conf < cut:
        return Answer("", (), (), abstained=True, confidence=conf, evidence=evidence)
    chosen = [best]
    if type_ is None:  # a list or an explanation may continue in another cited paragraph
        second = next((c for c in candidates if c.hit.chunk.paragraph != best.hit.chunk.paragraph
                       or c.hit.chunk.document != best.hit.chunk.document), None)  # fmt: skip
        if second is not None and second.score >= 0.9 * best.score and second.coverage > 0:
            chosen.append(second)
    citations = tuple(
        Citation(n, c.hit.chunk.document, c.hit.chunk.section_path, c.hit.chunk.paragraph)
        for n, c in enumerate(chosen, start=1)
    )
    text = "".join("".join(c.parts) + f"[{n}]" for n, c in enumerate(chosen, start=1))
    shown = "".join(best.parts)  # the start of `text`
    found = choose_at(shown, focus, type_, question, highlighter)
    # A question asking two things (受理了多少宗纠纷，涉案金额多少？) gets a phrase for each.
    for part, kind in asked_parts(question):
        if kind != type_ and kind.spans(shown):
            part_focus = question_focus(part, idf)
            found += tuple(
                f for f in choose_at(shown, part_focus, kind, part, None) if f not in found
            )
    if type_ is not None and type_.kind == "number" and found:
        at = found[0][1]
        # The shown figure is for several years, and the question asks about one; or it is a
        # change, and the question asks what is left (还有多少贫困人口？ by 贫困人口减少290万).
        if figure_of_several(question, shown, at) or (
            ASKS_REMAINING.search(normalize(read)) and a_change(shown, at)
        ):
            return Answer("", (), (), abstained=True, confidence=0.0, evidence=evidence)
    highlights = tuple(phrase for phrase, _ in found)
    occurrences = tuple(occurrence(text, phrase, at) for phrase, at in found)
    return Answer(text, highlights, citations, False, conf, evidence, occurrences)


def _evidence(
    question: str,
    hits: Sequence[Hit],
    best: _Candidate,
    weights: dict[str, float],
    typed: tuple[bool, bool],  # (a kind of answer is asked for, the sentence holds one)
    conflict: bool,
    similarity: Similarity | None,
) -> Evidence:
    top = hits[0]
    answer = "".join(best.parts)
    have = set(tokens(answer))
    missing = [w for t, w in weights.items() if t not in have]
    rarest = max(weights.values(), default=0.0)
    meanings = similarity(top) if similarity is not None else None
    words = list(weights)
    return Evidence(
        (
            top.dense,
            top.keyword,
            top.section,
            top.score - hits[1].score if len(hits) > 1 else top.score,
            best.coverage,
            _coverage(weights, top.chunk.text),
            max(missing, default=0.0) / rarest if rarest else 1.0,
            float(typed[0]),
            float(typed[1]),
            float(conflict),
            float(meanings.max()) if meanings is not None and len(meanings) else top.dense,
            float(not _CJK.search(question)),
            length_feature(len(words)),
        )
    )


def outline_answer(
    question: str, heading: Paragraph, hits: Sequence[Hit], points: Sequence[Point] = ()
) -> Answer:
    """The answer to a question about a part ('第七部分讲的是什么？', '存在哪些不足？'): its
    heading, then its `points` (answering/named_part.py), all cited; without points, the lead
    sentence of each of its paragraphs found, in report order."""
    head = Citation(1, heading.document, "", heading.number)
    if asks_title(question):
        return Answer(f"{heading.text}[1]", (heading.text,), (head,), False, 1.0 + hits[0].dense)
    if not points:
        body = sorted(
            (h for h in hits if h.chunk.section and h.chunk.section[0] == heading.text),
            key=lambda h: h.chunk.paragraph,
        )[:MAX_OUTLINE_ITEMS]
        points = [Point(h.chunk.paragraph, h.chunk.section_path, lead(h.chunk.text)) for h in body]
    citations = [head] + [
        Citation(n, heading.document, p.section, p.paragraph) for n, p in enumerate(points, start=2)
    ]
    items = "；".join(f"{p.text}[{n}]" for n, p in enumerate(points, start=2))
    text = f"{heading.text}[1]" + (f"：{items}。" if items else "")
    return Answer(text, (heading.text,), tuple(citations), False, 1.0 + hits[0].dense)


def heading_hit(heading: Paragraph, best: Hit) -> Hit:
    """A heading shown as the first passage when a part's title is asked for (headings are
    not indexed); it carries the scores of the best passage of its part."""
    chunk = Chunk(-1, heading.document, heading.number, (), heading.text)
    return replace(best, chunk=chunk, rank=1)
