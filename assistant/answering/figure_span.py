"""What each figure of an answer is said of, and whether any of them is said of what the
question asks about.

A report's sentence gives several figures, each after its own subject: 中西部地区经济增速快于
东部地区。一般公共预算收入增长8.6%，研究与试验发展经费支出与国内生产总值之比超过2%. The topic
gate (answering/topic.py) weighs the question's nouns over the whole passage up to the answer,
so 去年东部地区经济增速是多少？ finds 东部地区 there and is answered 8.6%. A figure is said of
its sentence up to the end of its own clause (，比上年增长7.4% continues 国内生产总值达到63.6万亿元
before it), and of the sentence before when its own names nothing before it. When no figure
of the asked kind is said of any of the question's content words (jieba's words; those the
report never writes are left out, as they may be paraphrases), nor does what the whole
passage is about (its headings, its first sentence) write one, the answer is about something
else. On the training splits this is nearly neutral (their questions were written looking at
the passage and share its sentence's words); it is for reports' verb-tagged topics and
sentences of several figures.

    said_of(text, text, ['63.6万亿元', '7.4%', '8.6%'])   # text = 增速稳，国内生产总值达到63.6
        -> ['增速稳,国内生产总值达到63.6万亿元',                 # 万亿元，比上年增长7.4%。……一般
            '增速稳,国内生产总值达到63.6万亿元,比上年增长7.4%',    # 公共预算收入增长8.6%
            '发展质量有新的提升,一般公共预算收入增长8.6%']

Unlike the topic gate's nouns, the content words include the ones jieba tags as verbs:
预算, 收入, 投资 and 支出 name what a report's figures count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from assistant.answering.answer_types import CHANGE_VERB
from assistant.answering.topic import MEASURES, SCOPE
from assistant.answering.years import CLAUSE_END
from assistant.text.tokens import normalize, posseg

_SENTENCE_END = re.compile(r"[。！？!?]")
# Any figure: left out when asking whether a sentence names anything before one.
_FIGURE = re.compile(r"\d+(?:[.．]\d+)*(?:[%％‰]|[万亿千百]*[^\d\s，,；;。！？!?：:、]?)")
# jieba's tags of content words: nouns, verbs, adjectives, distinguishing words, places.
_CONTENT_TAGS = ("n", "v", "a", "b", "f", "j", "l", "i", "s")
# Words that link a subject to its figure, or qualify the figure, and name nothing.
_LINKS = re.compile(
    r"^(?:达到|达|为|是|有|占|超过|突破|完成|实现|实际|同比|分别|累计|合计|共计|总计|总共|一共|"
    r"全年|年均|平均|上年|去年|今年|当年|比上年|比去年|预期|目标|左右|以上|以下|以内|之间|其中)$"
)
_POINTS_BACK = re.compile(r"[其该此这他她它]")
_INTERROGATIVE = re.compile(r"多少|几|什么|哪|谁|怎|如何|为何|是否|有没有|吗|多大|多高|多长")


@lru_cache(maxsize=256)  # the question's, for each candidate answer of it
def _words(text: str) -> tuple[str, ...]:
    """The content words of `text` (two characters or more) that name something: no change
    verb, link, measure or interrogative."""
    out: list[str] = []
    for pair in posseg().lcut(normalize(text), HMM=False):  # type: ignore[attr-defined]
        word = pair.word
        if (
            len(word) >= 2
            and pair.flag.startswith(_CONTENT_TAGS)
            and not CHANGE_VERB.fullmatch(word)
            and not _LINKS.match(word)
            and not SCOPE.fullmatch(word)  # 全国, 我镇: the scope, not what is counted
            and not word.endswith(MEASURES)
            and not _INTERROGATIVE.search(word)
            and word not in out
        ):
            out.append(word)
    return tuple(out)


def said_of(context: str, answer: str, figures: Sequence[str]) -> list[str]:
    """For each of `figures` (in the order `answer` writes them), the words it may be said
    of: its sentence up to the end of its clause, and the sentence before when the figure's
    own names nothing before it (全年共受理5宗。, 自从4世纪起). `context` is the answer's
    passage up to the answer's end, where that sentence before may be."""
    text, shown = normalize(context), normalize(answer)
    if not text.endswith(shown):
        text = shown
    out: list[str] = []
    cursor = len(text) - len(shown)
    for figure in figures:
        at = text.find(normalize(figure), cursor)
        if at < 0:
            continue
        cursor = at + len(figure)
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
        if start and not _words(_FIGURE.sub("", text[start:at])):
            start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start - 1)), default=0)
        end = CLAUSE_END.search(text, cursor)
        out.append(text[start : end.start() if end else len(text)])
    return out


def _written(word: str, idf: Callable[[str], float]) -> bool:
    """The report writes `word`, as far as its keyword index tells: the word, or each pair of
    its characters, is one of its tokens (调委会 is indexed as 调委 and 委会)."""
    return idf(word) > 0 or all(idf(word[i : i + 2]) > 0 for i in range(len(word) - 1))


# Qualifiers a figure is said of one or the other of: a figure said of 农村 does not answer a
# question about 城镇, nor a real growth (实际增长10.4%) one about the nominal growth.
_CONTRASTS = (
    ("名义", "实际"),
    ("城镇", "农村"),
    ("城市", "农村"),
    ("中央", "地方"),
    ("进口", "出口"),
    ("东部", "中西部"),
    ("东部", "西部"),
)


def contrasted(question: str, span: str) -> bool:
    """`span` writes the other of a pair of qualifiers (`_CONTRASTS`) where the question
    writes one, and not the question's: 农村居民人均可支配收入实际增长9.2% for
    城镇居民…增长了多少."""
    asked = normalize(question)
    for one, other in (*_CONTRASTS, *((b, a) for a, b in _CONTRASTS)):
        if one in asked and other not in asked and other in span and one not in span:
            return True
    return False


def said_of_nothing_asked(
    question: str,
    context: str,
    answer: str,
    figures: Sequence[str],
    idf: Callable[[str], float],
    frame: str = "",
) -> bool:
    """None of `figures` is said of what `question` asks about: each is said of the other of
    a pair of qualifiers (`contrasted`), or of none of the question's content words the report
    writes, and `frame` (what the whole passage is about: its headings, the lead of its list,
    its first sentence) writes none either. False when there is no figure, and for a figure
    said of a pronoun's subject (其, 该: written before the answer) or, with no written content
    word, of no other qualifier."""
    spans = said_of(context, answer, figures)
    if not spans:
        return False
    words = [w for w in _words(question) if _written(w, idf)]
    frame = normalize(frame)
    for span in spans:
        if contrasted(question, span):
            continue
        if not words or _POINTS_BACK.search(span) or any(w in span or w in frame for w in words):
            return False
    return True
