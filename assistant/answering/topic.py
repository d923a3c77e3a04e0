"""Is the shown answer about what a question for a number, a date or a name asks about?

A national work report gives a figure in nearly every sentence, so "a count was asked and
the sentence holds one" says little: 今年房价上涨的控制目标是多少？ was answered with
国内生产总值增长6%以上 (both are this year's targets). What a question asks about is in its
nouns: the collection's nouns (counted when the index is built, `text/nouns.py`) that it
contains, each weighed by how specific it is in the collection, its idf (log(1 + passages /
passages holding it)). `topic_share` is the weight of those found in the answer or before it
in its passage (where a 他 or 该 in the answer points to) over the weight of all of them;
below TOPIC_SHARE the answer is about something else and the report does not say. Beside
nouns the collection uses, words it never writes do not count: they are as often a paraphrase
(老百姓 for 群众) as a topic the report lacks. A question naming only such words (股市, 航母)
asks about something the report never mentions: no figure of it answers.

    topic_share('今年房价上涨的控制目标是多少？', '…国内生产总值增长6%以上', nouns) -> 0.0

TOPIC_SHARE is the largest cut that refuses at most 1 % of the right answers to typed
questions on CMRC 2018 trial + DRCD test: `python benchmarks/topic_gate.py` measures 0.8 % of
them (6 of 722), against 50 % of the answers given when the gold passage is removed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache

from assistant.answering.answer_types import named_rate
from assistant.answering.years import PERIOD
from assistant.text.nouns import LONGEST, TAGS, NounCounts
from assistant.text.tokens import normalize, posseg

TOPIC_SHARE = 0.4
_INTERROGATIVE = re.compile(r"多少|几|什么|哪|谁|怎|如何|为何|是否|有没有|吗")
# Interrogative phrases whose noun is not a topic: 什么时候, 多长时间, 什么地方.
_ASKING_PHRASE = re.compile(
    r"(?:什么|多长|哪个|哪段|何)(?:时候|时间|时期|年份|地方|名字)"
    # A measure of the topic, not a topic: 减税降费的规模是多少 asks about 减税降费.
    # ... and so is one asked to change: 高校招生规模扩大多少 asks about 高校招生.
    r"|(?:规模|数量|总量|总额|数额|数目|幅度)"
    r"(?=(?:是|为|有|达到|大约|约|扩大|增加|增长|提高|减少|下降|降低|缩小)?了?(?:多少|多大|几))"
)
# The report itself, as a question names it: 报告提出要在什么时候实现碳达峰 asks about 碳达峰.
_THE_REPORT = re.compile(
    r"(?:本|这份|该|这个)?(?:政府工作)?报告(?=提出|提到|指出|认为|说|强调|显示|讲|写|开头|结尾|"
    r"第|中|里|上|对|如何|怎么|是否|有没有)|(?:本|这份|该|这个)(?:政府工作)?报告"
)


# The scope of a figure, not what it is: 今年全国一般公共预算支出规模是多少？ asks about 预算支出
# (which jieba tags as verbs), and 全国 alone refused 一般公共预算支出规模29.7万亿元.
SCOPE = re.compile(r"全(?:国|省|市|县|区|镇|乡|村|年)|我(?:国|省|市|县|区|镇|乡|村)")


def question_words(question: str, nouns: Mapping[str, int]) -> list[str]:
    """The collection's nouns that the question contains, longest first: a noun inside a
    longer one found there (法律 in 法律顾问) is left out, and so are interrogatives, the
    report the question speaks of (报告提出…, 本报告中…) and the scope (全国, 我镇)."""
    text = _asked_about(question)
    # A noun read from the middle of a numeral, pronoun or adverb into the next word is none
    # of the question's words: 一个人多少钱 (一个|人) does not ask about 个人.
    spans = _function_spans(text)
    found = [
        (start, start + size)
        for size in range(min(LONGEST, len(text)), 1, -1)
        for start in range(len(text) - size + 1)
        if text[start : start + size] in nouns
        and not _INTERROGATIVE.search(text[start : start + size])
        and not _across(spans, start, start + size)
    ]
    kept: list[tuple[int, int]] = []
    for start, end in found:  # longest first
        if not any(a <= start and end <= b for a, b in kept):
            kept.append((start, end))
    out: list[str] = []
    for start, end in sorted(kept):
        if text[start:end] not in out:
            out.append(text[start:end])
    return out


def _asked_about(question: str) -> str:
    """The normalised question without its interrogative phrases, the report it names, its
    scope and the several years it asks about (“九五”时期, 年均: `years.PERIOD`, which the year
    rules weigh): what is left names what it asks about."""
    text = _ASKING_PHRASE.sub("，", normalize(question))
    text = _THE_REPORT.sub("，", text)
    return PERIOD.sub("，", SCOPE.sub("，", text))


def topic_share(question: str, context: str, nouns: NounCounts) -> float | None:
    """The idf-weighted share of the question's nouns that `context` holds; None when the
    question holds none of the collection's nouns."""
    weights = _topic_weights(question, nouns)
    if not weights:
        return None
    text = normalize(context)
    # A noun the question writes as a word is found where the passage writes it as one too.
    asked = _asked_about(question)
    return sum(
        w
        for word, w in weights.items()
        if (stands_in(word, text) if stands_in(word, asked) else word in text)
        or _said_together(word, text)
    ) / sum(weights.values())


# Words a report writes for two or more of a question's at once: 城乡低保标准 is the city's and
# the countryside's (去年城市和农村的低保标准各提高了多少？).
_COVERED_BY = {"城市": "城乡", "农村": "城乡", "城镇": "城乡", "乡村": "城乡", "中部": "中西部"}
_COVERED_BY |= {"西部": "中西部"}
# What a list's items share, written once after the last: 科技、教育、卫生和文化事业 writes
# 卫生事业 (2006年中央财政的卫生事业支出…增长了百分之多少？ on the 2007 work report).
_SHARED_ENDS = ("事业", "产业", "行业", "企业", "部门", "工作", "支出", "投资", "资金", "项目")


def _said_together(word: str, text: str) -> bool:
    """`text` writes `word` together with others: a word covering it (`_COVERED_BY`), or its
    start as an item of a list whose last item carries its end (`_SHARED_ENDS`)."""
    cover = _COVERED_BY.get(word)
    if cover and cover in text:
        return True
    end = next((e for e in _SHARED_ENDS if word.endswith(e) and len(word) > len(e)), None)
    if end is None:
        return False
    start = re.escape(word[: -len(end)])
    return bool(re.search(rf"{start}(?:[、和与及][\u4e00-\u9fff]{{1,4}}?)+{end}", text))


@lru_cache(maxsize=64)  # the same passage for each noun and candidate of a question
def _word_spans(text: str) -> tuple[tuple[int, int], ...]:
    import jieba

    jieba.setLogLevel(60)  # quiet, as text/tokens.py loads it: no dictionary log on stderr
    return tuple((start, end) for _, start, end in jieba.tokenize(text, HMM=False))


# jieba's tags of the words no noun starts inside: numerals, measure words, pronouns, adverbs,
# times, conjunctions, prepositions and particles (一个, 这个, 通常, 目前).
_FUNCTION_TAGS = ("m", "q", "r", "d", "t", "c", "p", "u")


def _function_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where `text`'s function words (_FUNCTION_TAGS) stand, as (start, stop)."""
    out: list[tuple[int, int]] = []
    at = 0
    for pair in posseg().lcut(text, HMM=False):  # type: ignore[attr-defined]
        if pair.flag.startswith(_FUNCTION_TAGS):
            out.append((at, at + len(pair.word)))
        at += len(pair.word)
    return tuple(out)


def stands_in(word: str, text: str) -> bool:
    """`word` is written in `text` where a word starts or inside one, not from the middle of
    one into the next: 积极推行政务公开 (推行 政务) does not write 行政, so 2022年大涌镇作出了
    多少宗行政处罚决定？ is not answered by the 收到政府信息公开申请4件 after it."""
    if word not in text:
        return False
    spans = _word_spans(text)
    return any(not _across(spans, *found.span()) for found in re.finditer(re.escape(word), text))


def _across(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """The characters start:end begin inside a word that runs past them (推行|政务 for 行政).
    Ending inside one is reading a compound's start: 中央预算 of 中央|预算内|投资."""
    return any(a < start < b < end for a, b in spans)


def _topic_weights(question: str, nouns: NounCounts) -> dict[str, float]:
    """Each noun of the question the collection uses, weighed by its idf. A question whose
    every noun is one the collection never writes (去年股市成交额是多少？, 外汇储备 beside the
    report's 物资储备) weighs them as nouns of a single passage: then no figure of the report
    is about it. Among nouns the report uses, one it never writes is left out, as a paraphrase
    may be (老百姓 for 群众)."""
    counts, size = nouns.counts, nouns.passages
    weights = {w: math.log(1.0 + size / counts[w]) for w in question_words(question, counts)}
    segmented = segmented_nouns(question)
    if any(not any(w in word for word in segmented) for w in weights):
        return weights  # a noun the report writes stands alone: no word it is in decides
    unwritten = unwritten_nouns(question, nouns)
    written = [w for w in weights if not any(w in word for word in unwritten)]
    if unwritten and not written:
        return {word: math.log(1.0 + size) for word in unwritten}
    return weights


def unwritten_nouns(question: str, nouns: NounCounts) -> list[str]:
    """The question's nouns (jieba's) whose first two characters no noun of the collection
    holds, nor all but one of the rest: a compound says what it is about first. 外汇储备 when
    the report writes only 物资储备; not 粮食产量 when it writes 粮食安全 and 产量, nor 汽车销量
    when it writes 汽车 (and 汽车销售, a verb)."""
    written = "\n".join(nouns.counts)  # is a piece inside any noun: one substring search
    out = []
    for word in segmented_nouns(question):
        covered: set[int] = set()
        for size in range(2, len(word) + 1):
            for start in range(len(word) - size + 1):
                if word[start : start + size] in written:
                    covered.update(range(start, start + size))
        if len(word) - len(covered) >= 2 and not covered & {0, 1} and not _shortens(word, written):
            out.append(word)
    return out


def _shortens(word: str, written: str) -> bool:
    """`word` is a noun of the collection with a character left out here and there: 镇委 for
    镇党委 (大涌镇的镇委书记叫什么名字？, town probe p331, was refused)."""
    pattern = "[^\n]?".join(re.escape(c) for c in word)
    return re.search(pattern, written) is not None


def off_topic(question: str, context: str, nouns: NounCounts) -> bool:
    """The answer is about something else than what the question asks about."""
    share = topic_share(question, context, nouns)
    return share is not None and share < TOPIC_SHARE


def says_nothing_of(question: str, context: str, nouns: NounCounts) -> bool:
    """A question about what the report says of something (报告如何评价美国大选？) answered by
    a passage naming none of its nouns: the sentence matched only 报告 (现在，我代表国务院，
    向大会报告政府工作…). For any question, not only one asking for a figure."""
    if not _THE_REPORT.search(normalize(question)):
        return False
    return topic_share(question, context, nouns) == 0.0


# An item of a list written after its lead: 今年发展主要预期目标是：国内生产总值增长6%以上；
LIST_ITEM = re.compile(r"：[^：]+[；;]")
# Measures of what is asked about, not what it is: 经济增长速度的预期目标 asks about 经济增长.
MEASURES = ("速度", "增速", "幅度", "规模", "数量", "总量", "总额", "数额", "数目")


@lru_cache(maxsize=256)  # asked once for each candidate sentence of a question
def segmented_nouns(question: str) -> tuple[str, ...]:
    """jieba's nouns (2 to LONGEST characters) among its words of the question, without
    interrogatives and measures. Unlike `question_words`' substrings of the collection's
    nouns, no word across two of the question's: 失业率控制 holds 率控制, which jieba once took for
    a noun of a report."""
    words = posseg().lcut(_asked_about(question), HMM=False)  # type: ignore[attr-defined]
    out: list[str] = []
    for pair in words:
        word = pair.word
        if (
            pair.flag in TAGS
            and 2 <= len(word) <= LONGEST
            and not word.endswith(MEASURES)  # 增长速度 too
            and not _INTERROGATIVE.search(word)
            and word not in out
        ):
            out.append(word)
    return tuple(out)


def item_off_topic(question: str, item: str, nouns: NounCounts) -> bool:
    """A list's item is about something else than the question: it lacks the question's most
    specific noun (the one of highest idf; each of them on a tie). An item names what it
    gives in full, so a share of the question's nouns is not enough: 居民消费价格涨幅3%左右
    under 今年发展主要预期目标是： holds 涨幅 and 目标 of 今年房价涨幅控制目标是多少？ (a topic
    share of 0.6), not 房价. `item` is the item with its list's lead.

        item_off_topic('今年房价涨幅控制目标是多少？', '…目标是：居民消费价格涨幅3%左右；', nouns)
            -> True
    """
    counts, size = nouns.counts, nouns.passages
    # A noun the collection never uses weighs as one of a single passage: the report has no
    # item for it (今年股市指数的目标是多少？).
    weights = {w: math.log(1.0 + size / counts.get(w, 1)) for w in segmented_nouns(question)}
    if not weights:
        return False
    text = normalize(item)
    heaviest = max(weights.values())
    return any(word not in text for word, w in weights.items() if w == heaviest)


def figures_off_topic(question: str, said_of: str, nouns: NounCounts) -> bool:
    """The answer's figures are about something else than the question: what they may be said
    of (`said_of`, their passage up to the end of the sentence of the last one) holds too little
    of the question's nouns, as `off_topic` weighs them. A sentence after the figures does not
    count: in 国内生产总值达到67.7万亿元，增长6.9%。粮食产量实现“十二连增”。 no figure is said of
    粮食产量. A question for a rate is answered by a figure said of that rate (今年財政赤字率是
    多少？ by 今年赤字率拟按3%安排, though jieba's noun of the question is 财政赤字)."""
    rate = named_rate(question)
    if rate and rate in normalize(said_of):
        return False
    return off_topic(question, said_of, nouns)
