"""The highlighted phrase: which clause of the shown sentence answers the question.

The clause holding most of the question's words is usually the one that *repeats* the
question (我镇严格落实“第一议题”制度，将党的二十大精神作为重点学习内容 asked as 靠的是什么制度？
echoes 党的二十大精神…重点学习 and answers in the clause before). So each clause is scored by
boosted trees (answering/trees.py) over what it shares with the question, what its
neighbours share, how much of it is new, where it stands and whether it holds the kind of
answer asked for, each also against the best and the least of its sentence's clauses;
`assistant fit-highlight` (evaluation/highlight_fit.py) fits them on CMRC 2018 trial + DRCD
test, where the clause holding the gold answer span is the one to find, and writes
`assistant/highlight.json` (about 40 KB). Without the file, the clause with most question
words is highlighted, as before.

    model = load_highlighter()                 # None when the file is missing or damaged
    choose(sentence, focus, type_, question, model) -> ('我镇严格落实“第一议题”制度',) or ()
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from assistant.answering.answer_types import CHANGE_VERB, YES_NO_MARKER, Asked
from assistant.answering.focus import Focus
from assistant.answering.phrase import widened
from assistant.answering.trees import Trees
from assistant.answering.years import PERIOD, RELATIVE, YEARS
from assistant.retrieval.aliases import searched_with
from assistant.text.tokens import normalize, posseg, tokens

HIGHLIGHT_FILE = "highlight.json"
FEATURES = (
    "coverage",  # share of the question's weighted words in the clause
    "below_best",  # its coverage minus the best clause's (0 for the best)
    "previous",  # coverage of the clause before
    "next",  # coverage of the clause after
    "after_best",  # the clause right after the best-covering one
    "before_best",  # the clause right before it
    "focus",  # share of the words next to the interrogative (打造什么样的环境: 打造, 环境)
    "novelty",  # share of the clause's characters the question does not have
    "length",  # log(1 + characters)
    "first",
    "last",
    "quoted",  # holds a quotation or a title in 《》: named things are answers
    "typed_span",  # the question asks for a kind of phrase and the clause holds one
    "typed_none",  # the clause holds none of the asked kind
    "enumerator",  # starts as a list item or heading (一是, 2.): it names, it rarely answers
    "digits",
    "before_here",  # share of the words written before the interrogative in the clause
    "after_here",  # ... of those written after it
    "before_earlier",  # ... of the words before it in the clauses before this one
    "after_later",  # ... of the words after it in the clauses after this one
    "typed_coverage",  # coverage when a kind of phrase is asked (its clause names the event)
    "segment_below",  # its segment's coverage minus the best segment's (segments end at ；。)
    "after_best_segment",  # right after the best-covering clause, in the same segment
)
# Characters a clause boundary adds between a figure and a question word (highlight of a typed
# question): 5 is the middle of the plateau (3-10) where the figure holding the gold span is
# chosen most often on CMRC 2018 trial and DRCD test sentences with two or more (0.78 → 0.83 and
# 0.67 → 0.70 of them).
CLAUSE_GAP = 5
# How much more a figure right after the question's change verb (增加, 下降…) counts.
CHANGE_BONUS = 2.0
# A question for where a change ends: 起征点提高到多少？, 降到了多少？
_ASKS_END = re.compile(r"(?<!得)(?:到|至)了?(?:多少|几)")
# How much a figure written right after a change verb (增产291亿斤) counts for a question that
# asks for no change (粮食产量是多少？), and the words that ask for one.
CHANGES_FIGURE = 0.5
_ASKS_CHANGE = re.compile(r"[涨增降减升跌]|多了|少了|变化|幅度|速度|增速")
# How much a figure for several years (年均超收2040亿元) counts for a question about one; and
# how far before the figure its period is looked for.
PERIODS_FIGURE = 0.25
_PERIOD_REACH = 6
# How much a figure written right after 去年(的) counts for a question about this year.
LAST_YEARS_FIGURE = 0.25
# ... and a date written right before a verb the question does not write.
OTHER_VERBS_DATE = 0.5
# 、 joins the items of one clause (同部署、同推进、同奖惩): it does not end one.
_CLAUSE_END = re.compile(r"[，。；：！？,;!?]+")
# A segment: the clauses up to a full stop or a semicolon (在X方面，Y；在Z方面，W。).
_SEGMENT_END = re.compile(r"[。；！？;!?]+")
_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z0-9]")
_QUOTED = re.compile(r"[“「『《\"]")
_QUOTATION = re.compile(r"[《“「『]([^》”」』]{2,})[》”」』]")
NAMED_RUN = 6  # characters of a title a question writes in a row to name it
_ENUMERATOR = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|[（(]?[0-9一二三四五六七八九十]+[)）、.．])"
)
_DIGIT = re.compile(r"\d")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_FIGURE_CHARS = set("0123456789.,")  # an empty slice ("") is in no set: the text's edges
# A clause that only sets the scene: 在强化《城乡规划法》实施方面, 就安全生产方面.
_FRAME = re.compile(r"^(?:在|从|就)[^，。；：]*方面$")
_ASKS_ASPECT = re.compile(r"(?:哪|什么|几个)[些个几]?方面")
# A question for a named work: a law, a document, a book (哪两部法律法规, 印发了什么文件,
# 哪一本小说). Its answer is a title in 《》 the question does not give.
_WORKS = (
    r"(?:法律法规|法律|法规|条例|规定|办法|意见|方案|规划|纲要|通知|决定|文件|书(?![写法面店院])|作品|小说|电影|"
    r"歌曲?|专辑|节目|著作|刊物|杂志|报纸|剧)"
)
_ASKS_WORK = re.compile(
    rf"(?:(?:哪[一两几]?[部本首份篇个项]?|什么|哪些){_WORKS}|哪[一两几]?[部本首篇](?![门分位]))"
    # 法律法规宣讲活动 asks for an activity, not a work.
    r"(?!法规|宣讲|宣传|活动|培训|学习|知识|服务|顾问|意识|素养|工作|援助)"
)
_TITLE = re.compile(r"《[^《》]{1,40}》")
# A yes/no question restates a statement; the clause stating (or denying) it answers.
# So does one asking "X or not X" (覆盖面够不够？, 意识强不强？).
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")
_YES_NO = re.compile(rf"[吗嘛][？?！!。]*\s*$|{YES_NO_MARKER.pattern}|{_A_NOT_A.pattern}")
# What a question ending in 吗 asks about is its last word: 申请都按时答复了吗？ asks whether
# they were answered (均已按期作出答复), not about the applications (收到…申请4件).
_ENDING = re.compile(r"(?:[了过的啊呀吧]*[吗嘛呢][了啊呀]?)?[？?！!。\s]*$")
TIE = 1e-3  # how much the question's other words count beside those a yes/no asks about
# The least weight, against the question's heaviest word, of the last word a question ending in
# 吗 asks about: 落实 (1.0 against 3.3 on the town report) is said of nearly everything.
SPECIFIC = 0.5


# What the trees see besides each clause's own FEATURES: each feature against the best and the
# least of its sentence's clauses (a coverage of 0.3 wins in one sentence and loses in another),
# how many clauses the sentence has, and where this one stands among them.
INPUTS = (
    *FEATURES,
    *(f"{name} - most" for name in FEATURES),
    *(f"{name} - least" for name in FEATURES),
    "clauses",
    "place",
)


def inputs(rows: Sequence[Sequence[float]]) -> list[tuple[float, ...]]:
    """The INPUTS of each clause, from the FEATURES rows of one sentence's clauses."""
    if not rows:
        return []
    most = [max(column) for column in zip(*rows, strict=True)]
    least = [min(column) for column in zip(*rows, strict=True)]
    count = math.log(len(rows))
    last = max(1, len(rows) - 1)
    return [
        (
            *row,
            *(v - m for v, m in zip(row, most, strict=True)),
            *(v - m for v, m in zip(row, least, strict=True)),
            count,
            i / last,
        )
        for i, row in enumerate(rows)
    ]


@dataclass(frozen=True)
class Highlighter:
    trees: Trees

    def scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """A score per clause (higher: more likely the one holding the answer), from the
        FEATURES rows of one sentence's clauses."""
        return [self.trees.score(row) for row in inputs(rows)]

    def to_dict(self, **extra: Any) -> dict[str, Any]:
        return {"features": list(FEATURES), "inputs": list(INPUTS), **self.trees.to_dict(), **extra}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Highlighter:
        if list(data["features"]) != list(FEATURES) or list(data["inputs"]) != list(INPUTS):
            raise ValueError("the highlighter was fitted on other features: refit it")
        trees = Trees.from_dict(data)
        if trees.width != len(INPUTS):
            raise ValueError("the highlighter's trees were fitted on other inputs: refit it")
        return cls(trees)


def load_highlighter(path: Path | None = None) -> Highlighter | None:
    """The fitted clause scorer (the package's, or `path`); None when there is none."""
    try:
        if path is None:
            text = resources.files("assistant").joinpath(HIGHLIGHT_FILE).read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return Highlighter.from_dict(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def clauses(text: str) -> list[str]:
    """The clauses of a sentence (or two), in order; fragments under 2 characters dropped."""
    return [c for c in _CLAUSE_END.split(text) if len(c) >= 2]


def segments(text: str) -> list[int]:
    """For each clause of `clauses(text)`, the number of its segment."""
    return [n for n, part in enumerate(_SEGMENT_END.split(text)) for _ in clauses(part)]


def _share(weights: dict[str, float], have: set[str]) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in have) / total if total else 0.0


def features(
    parts: Sequence[str],
    focus: Focus,
    type_: Asked | None,
    question: str,
    segment: Sequence[int] | None = None,
) -> list[tuple[float, ...]]:
    """One row of FEATURES per clause of `parts` (`clauses`); `segment` numbers each clause's
    segment (`segments`; None: one segment)."""
    weights = focus.weights
    asked_chars = set(_CHAR.findall(normalize(question)))
    near = {t: w for t, w in weights.items() if t in focus.near}
    before = {t: w for t, w in weights.items() if t in focus.before}
    after = {t: w for t, w in weights.items() if t in focus.after}
    have = [set(tokens(p)) for p in parts]
    coverage = [_share(weights, h) for h in have]
    best = max(range(len(parts)), key=lambda i: coverage[i]) if parts else 0
    seg = list(segment) if segment is not None else [0] * len(parts)
    held: dict[int, set[str]] = {}
    for i, h in enumerate(have):
        held.setdefault(seg[i], set()).update(h)
    seg_cover = {n: _share(weights, h) for n, h in held.items()}
    top_segment = max(seg_cover.values(), default=0.0)
    rows: list[tuple[float, ...]] = []
    for i, part in enumerate(parts):
        chars = _CHAR.findall(normalize(part))
        novelty = sum(1 for c in chars if c not in asked_chars) / len(chars) if chars else 0.0
        spans = bool(type_.spans(part)) if type_ is not None else False
        earlier = set().union(*have[:i])
        later = set().union(*have[i + 1 :])
        rows.append(
            (
                coverage[i],
                coverage[i] - coverage[best],
                coverage[i - 1] if i > 0 else 0.0,
                coverage[i + 1] if i + 1 < len(parts) else 0.0,
                float(i == best + 1),
                float(i == best - 1),
                _share(near, have[i]),
                novelty,
                math.log1p(len(part)),
                float(i == 0),
                float(i == len(parts) - 1),
                float(bool(_QUOTED.search(part))),
                float(spans),
                float(type_ is not None and not spans),
                float(bool(_ENUMERATOR.match(part))),
                float(bool(_DIGIT.search(normalize(part)))),
                _share(before, have[i]),
                _share(after, have[i]),
                _share(before, earlier),
                _share(after, later),
                coverage[i] if type_ is not None else 0.0,
                seg_cover[seg[i]] - top_segment,
                float(i == best + 1 and seg[i] == seg[best]),
            )
        )
    return rows


def clause_scores(
    parts: Sequence[str],
    focus: Focus,
    type_: Asked | None,
    question: str,
    model: Highlighter | None,
    segment: Sequence[int] | None = None,
) -> list[float]:
    """How well each clause of `parts` answers the question (higher is better); without a
    model, the share of the question's weighted words it holds."""
    if model is None:
        return [_share(focus.weights, set(tokens(p))) for p in parts]
    return model.scores(features(parts, focus, type_, question, segment))


def choose(
    text: str,
    focus: Focus,
    type_: Asked | None,
    question: str,
    model: Highlighter | None,
) -> tuple[str, ...]:
    """The highlighted phrase of `text`: the phrase of the asked kind nearest the question's
    words, else the best clause."""
    return tuple(phrase for phrase, _ in choose_at(text, focus, type_, question, model))


def choose_at(
    text: str,
    focus: Focus,
    type_: Asked | None,
    question: str,
    model: Highlighter | None,
) -> tuple[tuple[str, int], ...]:
    """`choose`, each phrase with where it starts in `text`: 受理纠纷61宗，成功调处61宗 asked
    调成了多少宗 marks the second 61宗, not both."""
    parts = clauses(text)
    if not parts:
        return ()
    weights = focus.weights
    if type_ is not None:
        # The phrase of the asked kind nearest the question's words, over the whole sentence:
        # in a report the count stands in the clause that names what it counts, which the
        # clause scorer (fitted on encyclopedia questions) often passes over (docs/evaluation.md).
        # Figures given in turn for subjects named in turn go by their order.
        found = _respective(text, type_, weights) or _nearest_span(text, type_, weights, question)
        if found is not None:
            # 约15 → 约15至20厘米 (answering/phrase.py)
            start, end = widened(text, found[1], found[1] + len(found[0]), question)
            return ((text[start:end], start),)
    yes_no = bool(_YES_NO.search(normalize(question)))
    if yes_no:
        model = None  # the clause with most of the question's words
        scores = _stating(parts, focus, question)
    else:
        scores = clause_scores(parts, focus, type_, question, model, segments(text))
    if not yes_no:
        # A clause made only of the question's words (倒逼企业提高环保意识 for
        # 靠什么倒逼企业提高环保意识？) says nothing new: the answer is beside it. On the
        # training splits this moves 6 and 69 highlights onto the gold clause, and 2 and 0 off.
        asked_words = set(tokens(question))
        restating = [i for i, part in enumerate(parts) if _restates(part, asked_words)]
        if len(restating) < len(parts):
            for i in restating:
                scores[i] = -math.inf
    if not _ASKS_ASPECT.search(normalize(question)):
        # 在贯彻实施《森林法》方面 sets the scene for the clause after it: it does not answer
        # (no gold span of the training splits is in one).
        framed = [i for i, part in enumerate(parts) if _FRAME.match(normalize(part))]
        if len(framed) < len(parts):
            for i in framed:
                scores[i] = -math.inf
    starts = _clause_starts(text, parts)
    if _ASKS_WORK.search(normalize(question)):
        # The titles the question does not give, in the best clause holding one.
        given = set(_TITLE.findall(normalize(question)))
        titled = {
            i: titles
            for i, part in enumerate(parts)
            if (titles := [m for m in _TITLE.finditer(part) if normalize(m.group(0)) not in given])
        }
        if titled:
            at = max(titled, key=lambda i: scores[i])
            first, last = titled[at][0], titled[at][-1]
            return ((parts[at][first.start() : last.end()], starts[at] + first.start()),)
    at = max(range(len(parts)), key=lambda i: scores[i])
    if model is None and not scores[at]:
        return ()
    return ((parts[at], starts[at]),)


def _stating(parts: Sequence[str], focus: Focus, question: str) -> list[float]:
    """For a yes/no question, the share of the words it asks about each clause holds: those
    after 有没有/是否 when it writes some (政府信息公开申请有没有按期答复？ asks about 按期答复,
    stated by 均已按期作出答复, not by 收到政府信息公开申请4件), else all of them; ties go to the
    clause with more of the question's words."""
    plain = normalize(question)
    marker = YES_NO_MARKER.search(plain)
    asked = set(tokens(plain[marker.end() :])) if marker else _last_word(plain)
    told = {t: w for t, w in focus.weights.items() if t in asked}
    heaviest = max(focus.weights.values(), default=0.0)
    if not marker and max(told.values(), default=0.0) < SPECIFIC * heaviest:
        # A last word written all over the report (执法全过程记录制度落实了吗？: 落实) asks
        # whether it was done: the clause naming what was done states it.
        told = {}
    return [
        (_share(told, have) if told else 0.0) + TIE * _share(focus.weights, have)
        for have in (set(tokens(p)) for p in parts)
    ]


def _last_word(plain: str) -> set[str]:
    """The words (`tokens`) of the last word a question ending in 吗 writes before it: what
    it asks about. Empty for any other question, or when that word is a single character."""
    body = _ENDING.sub("", plain)
    if body == plain or not body:
        return set()
    words = posseg().lcut(body, HMM=False)  # type: ignore[attr-defined]
    return set(tokens(words[-1].word)) if words else set()


def _clause_starts(text: str, parts: Sequence[str]) -> list[int]:
    """Where each clause of `clauses(text)` starts in `text`."""
    starts: list[int] = []
    at = 0
    for part in parts:
        at = text.find(part, at)
        starts.append(at)
        at += len(part)
    return starts


def _restates(part: str, asked_words: set[str]) -> bool:
    """Whether every word (bigram) of the clause is one of the question's."""
    words = tokens(part)
    return bool(words) and all(w in asked_words for w in words)


_QUALIFIERS = frozenset({"左右", "以上", "以下", "以内", "上下"})


# A change asked with one character (能耗降了多少？, 涨了几成): the report's verbs for it.
_ONE_CHARACTER_CHANGES = (
    (re.compile(r"[降跌减](?:了|低了)?(?:多少|几)"), ("下降", "降低", "减少")),
    (re.compile(r"[增涨升](?:了|加了)?(?:多少|几)"), ("增长", "增加", "提高", "上涨")),
)


def _implied_changes(asked: str) -> list[str]:
    """The report's change verbs for a change the question asks with one character."""
    return [verb for pattern, verbs in _ONE_CHARACTER_CHANGES if pattern.search(asked)
            for verb in verbs]  # fmt: skip


def _nearest_span(
    text: str, type_: Asked, weights: dict[str, float], question: str = ""
) -> tuple[str, int] | None:
    """The phrase of the asked kind closest to the question's weighted words in `text` (each
    word counts its weight over 1 + its distance in characters, each clause boundary between
    them counting CLAUSE_GAP more: a figure stands with what its own clause names), as written,
    with where it starts: of a phrase written twice, the place closest to those words (the
    first on a tie)."""
    spans = type_.spans(text)
    if not spans:
        return None
    plain = normalize(text)
    asked = normalize(question)
    # An English question's change is the one its keyword search looks for (growth: 增长).
    changes = CHANGE_VERB.findall(normalize(searched_with(question))) or _implied_changes(asked)
    this_year = bool(RELATIVE["this"].search(asked)) and not RELATIVE["last"].search(asked)
    asks_end = bool(_ASKS_END.search(asked))
    # A question for a level (粮食产量是多少？) asks for no change: not the 291亿斤 of 又增产
    # 291亿斤，达到9680亿斤.
    level = not changes and not _ASKS_CHANGE.search(asked)
    dated = type_.kind in ("date", "year")
    # A question about one year (2006年…多收了多少？) is not answered by a figure for several
    # (从2003年到2006年年均超收2040亿元，其中去年超收2573亿元).
    one_year = bool(YEARS.search(asked) or RELATIVE["this"].search(asked)
                    or RELATIVE["last"].search(asked)) and not PERIOD.search(asked)  # fmt: skip
    # A qualifier the question asks with (控制在多少左右？) is part of any figure: it says
    # nothing of which (3%左右 beside 城镇登记失业率4.5%以内).
    named = _named(plain, asked)
    places = {t: _places(plain, t, named) for t in weights if t not in _QUALIFIERS}
    bounds = [m.start() for m in _CLAUSE_END.finditer(plain)]

    def gap(start: int, stop: int) -> float:
        if stop <= start:
            return 0.0
        return stop - start + CLAUSE_GAP * sum(1 for b in bounds if start <= b < stop)

    def closeness(found: tuple[str, int]) -> float:
        span, at = found
        end = at + len(span)
        total = 0.0
        for token, where in places.items():
            gaps = [gap(end, a) if a >= end else gap(b, at) for a, b in where]
            if gaps:
                total += weights[token] / (1.0 + min(gaps))
        # 比上年增加了多少？ asks for the figure the change verb gives (比上年增加5700亿元), not
        # the one beside the subject (中央财政赤字7500亿元).
        before = plain[max(0, at - 3) : at]
        if any(before.endswith((verb, f"{verb}了")) for verb in changes):
            total *= CHANGE_BONUS
        # 提高到多少？ asks where the change ends: 从月销售额10万元提高到15万元 gives 15万元.
        if asks_end and before.endswith(("到", "至")):
            total *= CHANGE_BONUS
        verb = before[-3:-1] if before.endswith("了") else before[-2:]
        if level and CHANGE_VERB.fullmatch(verb):
            total *= CHANGES_FIGURE
        if one_year and PERIOD.search(plain[max(0, at - _PERIOD_REACH) : at]):
            total *= PERIODS_FIGURE
        # 今年赤字率是多少？ in 赤字率从去年的2.1%提高到2.3%: last year's figure is not asked.
        if this_year and before.endswith(("去年的", "上年的", "去年", "上年")):
            total *= LAST_YEARS_FIGURE
        # 今年5月1日施行的 dates 施行: a date right before a verb the question does not ask
        # about is that verb's date (宣讲会是哪天举办的？ is not answered by it).
        if dated and (verb := _verb_after(plain, end)) and verb not in asked:
            total *= OTHER_VERBS_DATE
        return total

    # Which phrase: each weighed where it is first written (weighing every place instead
    # moved 1 training highlight onto the gold span and 3 off it). Then which of its places.
    # A phrase inside a title the question names is part of that name, not its answer; so is
    # a date inside any title (《2022年大涌镇普法依法治理工作要点》), when one stands outside.
    inside = [(m.start(), m.end()) for t in named for m in re.finditer(re.escape(t), plain)]
    if dated:
        titled = [(m.start(), m.end()) for m in _TITLE.finditer(plain)]
        if any(not _within(a, titled) for s in spans for a in _written(plain, s)):
            inside += titled
    outside = {
        span: written
        for span in dict.fromkeys(spans)
        if (written := [a for a in _written(plain, span) if not _within(a, inside)])
    }
    if not outside:
        return None
    # A figure the question writes itself is what it asks about, not its answer: 四万亿投资计划里，
    # 中央政府要新拿出多少钱？ is not answered by the 4万亿元 of the plan.
    asked_figures = _figures(asked) if type_.kind == "number" else set()
    unasked = {s: written for s, written in outside.items() if _figure(s) not in asked_figures}
    span = max(((s, written[0]) for s, written in (unasked or outside).items()), key=closeness)[0]
    at = max(((span, a) for a in outside[span]), key=closeness)[1]
    return text[at : at + len(span)], at


# What the subjects named in turn share, before their figures: 实际增长, 分别下降, 年均增长.
_PREDICATE = re.compile(
    r"(?:年均|分别|实际|同比|比上年|均|各)*(?:增长|增加|下降|减少|提高|降低|上升|上涨|达到|为|是|占)+$"
)


def _respective(text: str, type_: Asked, weights: dict[str, float]) -> tuple[str, int] | None:
    """Of figures written in turn for subjects named in turn (城镇居民人均可支配收入和农村居民
    人均纯收入实际增长8.4％和11.4％; 二氧化硫、化学需氧量排放量分别下降3.5%、2.9%), the one
    whose subject holds most of the question's words: 农村居民人均纯收入 is 11.4％, not the
    8.4％ nearest the question's 实际增长. None when the subjects and figures do not pair up
    one to one, or no subject holds more of the question than the others."""
    spans = dict.fromkeys(type_.spans(text))
    if len(spans) < 2:
        return None
    plain = normalize(text)  # as long as `text`: the spans are written in it
    figures = "|".join(re.escape(span) for span in sorted(spans, key=len, reverse=True))
    for run in re.finditer(rf"(?:{figures})(?:[和与、及](?:{figures}))+", plain):
        given = re.findall(figures, run.group(0))
        start = max((m.end() for m in _CLAUSE_END.finditer(plain, 0, run.start())), default=0)
        head = _PREDICATE.sub("", plain[start : run.start()])
        if not _HAN.search(head) and start:
            # 科技、教育、卫生和文化事业的支出分别为774亿元、…，比上年增长29.2%、…: the subjects
            # are named before the clause's first figure, in the clause before.
            before = max((m.end() for m in _CLAUSE_END.finditer(plain, 0, start - 1)), default=0)
            first = _DIGIT.search(plain, before, start)
            head = _PREDICATE.sub("", plain[before : first.start()] if first else "")
        subjects = re.split(r"[和与、及]", head)
        if len(subjects) != len(given):
            # 城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长
            # 7.7%和6.8%: each subject stands before its own figure, one clause each.
            subjects = _clause_subjects(plain, start, len(given))
        if len(subjects) != len(given):
            continue
        subjects = _heads(subjects)
        shares = [_share(weights, set(tokens(subject))) for subject in subjects]
        best = max(range(len(shares)), key=lambda i: shares[i])
        if sorted(shares)[-2] == shares[best]:
            return None
        at = run.start() + sum(len(f) + 1 for f in given[:best])
        return text[at : at + len(given[best])], at
    return None


def _clause_subjects(plain: str, start: int, count: int) -> list[str]:
    """The last `count` clauses before `start` in its sentence that give a figure, each up to
    its first figure: the subjects figures written in turn after them go with."""
    sentence = max((m.end() for m in _SEGMENT_END.finditer(plain, 0, start)), default=0)
    bounds = [sentence, *(m.end() for m in _CLAUSE_END.finditer(plain, sentence, start))]
    clauses = [plain[a:b] for a, b in pairwise(bounds)]
    named = [clause[: digit.start()] for clause in clauses if (digit := _DIGIT.search(clause))]
    return named[-count:] if len(named) >= count else []


# What sets the scene before the first subject named in turn (今年小麦、稻谷…, 把小学、初中…).
_SCENE = re.compile(r"^(?:今年|去年|明年|上年|全年|其中|[把将使])+")


# ... and what is spent on them all: 中央财政用于科技、教育、卫生和文化事业 (科技 is the first).
_SPENT_ON = re.compile(r"^.*(?:用于|投向|投入)")


def _heads(subjects: list[str]) -> list[str]:
    """The subjects named in turn, with what the last one adds for all of them left out:
    in 小麦、稻谷最低收购价平均每斤分别提高0.11元和0.13元, 最低收购价 is said of both, so the
    last subject is 稻谷 (as long as the longest before it) and 小麦的最低收购价 is 0.11元."""
    heads = [_SCENE.sub("", subject) for subject in subjects]
    heads[0] = _SPENT_ON.sub("", heads[0])
    longest = max(len(head) for head in heads[:-1])
    if len(heads[-1]) > longest + 2:
        heads[-1] = heads[-1][:longest]
    return heads


_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:万亿|亿|万|千|百)?")
# A digit written in words before its magnitude (四万亿, 两千亿): the question's figures in digits.
_DIGIT_WORD = re.compile(r"[一二两三四五六七八九](?=万亿|亿|万|千|百)")
_DIGIT_VALUE = {c: str(n) for n, c in enumerate("〇一二三四五六七八九")} | {"两": "2"}


def _figures(asked: str) -> set[str]:
    """The figures (number and magnitude: 4万亿, 1.18万亿) a question writes."""
    digits = _DIGIT_WORD.sub(lambda m: _DIGIT_VALUE[m.group(0)], asked)
    return {m.group(0) for m in _FIGURE.finditer(digits)}


def _figure(span: str) -> str | None:
    """The number and magnitude a phrase starts with, else None: 4万亿元 -> 4万亿."""
    found = _FIGURE.match(normalize(span))
    return found.group(0) if found else None


def _named(plain: str, asked: str) -> list[str]:
    """The titles and quotations of `plain` the question names: the ones it quotes, and the
    ones it writes NAMED_RUN characters of in a row without their marks (普法依法治理工作要点哪天
    印发的？ names 《2022年大涌镇普法依法治理工作要点》)."""
    quoted = [q for q in _QUOTATION.findall(asked) if q in plain]
    unmarked = [
        title
        for title in dict.fromkeys(_QUOTATION.findall(plain))
        if any(title[i : i + NAMED_RUN] in asked for i in range(len(title) - NAMED_RUN + 1))
    ]
    return quoted + [t for t in unmarked if t not in quoted]


def _verb_after(plain: str, end: int) -> str:
    """The verb written right after `end` (two characters or more), else ''."""
    words = posseg().lcut(plain[end : end + 6])  # type: ignore[attr-defined]
    if words and words[0].flag.startswith("v") and len(words[0].word) > 1:
        return str(words[0].word)
    return ""


def _within(at: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(start <= at < stop for start, stop in ranges)


def _places(plain: str, token: str, named: Sequence[str]) -> list[tuple[int, int]]:
    """Where a question word stands in `plain`, as (start, stop). A word of a title or a
    quotation the question names (《2022年大涌镇普法依法治理工作要点》是什么时候印发的？) stands
    where that whole title does: its date is the one written beside the title, not the one
    beside a later title that repeats 大涌镇."""
    for title in named:
        if token in title:
            return [(m.start(), m.end()) for m in re.finditer(re.escape(title), plain)]
    return [(m.start(), m.end()) for m in re.finditer(re.escape(token), plain)]


def _written(plain: str, span: str) -> list[int]:
    """Where `span` is written as a figure of its own: 5% is not the end of 8.5%."""
    found = list(re.finditer(re.escape(span), plain))
    return [
        m.start()
        for m in found
        if not (span[:1].isdigit() and plain[m.start() - 1 : m.start()] in _FIGURE_CHARS)
        and not (span[-1:].isdigit() and plain[m.end() : m.end() + 1] in _FIGURE_CHARS)
    ] or [m.start() for m in found]
