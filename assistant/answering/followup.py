"""Elliptical follow-ups: read "涉案金额呢？" with the question before it. No language model.

A follow-up leans on the previous turn in one of three ways:

    attribute   "涉案金额呢？"   the new words occur in what the previous turn found
                -> '2022年镇村调委会受理了多少宗纠纷，涉案金额是多少？'
    new topic   "那调解呢？"     the new words are elsewhere: keep the question's frame
                -> '2022年调解多少宗？'    (year and question word of the previous turn)
    generic     "具体有哪些？"   no new words at all
                -> '<previous question>，具体有哪些？'

`resolve` returns the query to search, the question the answer must answer (`focus`: what
the follow-up itself asks, so '那法治讲座呢？' after a question about 咨询宗数 highlights 44场,
not the previous turn's 205宗) and the earlier question it was read with; a question that
stands on its own comes back unchanged with `read_with=None`.

English follow-ups ('What about the amount involved?') are read with the previous question:
the search is the previous question plus the new words, the answer is chosen for 'What is
the amount involved?' (so the previous question's 'how many' does not type the answer).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.answering.years import RELATIVE
from assistant.text.script import to_simplified
from assistant.text.tokens import tokens


@dataclass(frozen=True)
class Turn:
    """What a later question may lean on."""

    question: str  # as the user typed it
    query: str  # what was searched for it
    anchor: str  # the standalone question this turn was read with (its own question if none)
    context: str  # text of the passages found for it
    asks: str = ""  # what its answer answered (a follow-up's own question); "" = `anchor`


@dataclass(frozen=True)
class Resolved:
    query: str  # what to search
    read_with: str | None  # the earlier (standalone) question it was read with
    focus: str | None = None  # what the answer must answer, when not the query itself

    @property
    def asks(self) -> str:
        """The question the answer is chosen for."""
        return self.focus or self.query


# Longer than this, a question carries its own subject and is read alone.
MAX_FOLLOWUP_CHARS = 16
# A short question with no marker is a follow-up only when its words are in the previous
# passages and it is at most this long ("成功调处了多少宗？").
MAX_BARE_CHARS = 10
# A follow-up names at most a short topic ("涉案金额", "行政复议").
MAX_TOPIC_CHARS = 8

_END = re.compile(r"[\s?？。.!！,，、:：;；]+$")
_LEAD = re.compile(r"^(?:那么|那|还有|另外|此外|以及|其中|而|那关于|关于)\s*")
_NE = re.compile(r"(?:呢|呐|嘞)$")
_PRONOUN = re.compile(r"它们|它|其中|这些|那些|他们|她们|该项|这项|这个|那个|上述")
# Question words and fillers: what remains after removing them is the follow-up's topic.
_ASKING = re.compile(
    r"具体|分别|都|又|还|有|是|了|的|哪些|哪个|哪位|哪里|什么时候|什么|多少|几[个份宗场件次名项家户篇所条起人]?|"
    r"如何|怎么样|怎么|怎样|为什么|为何|谁|何时|吗|呢|情况|内容|做法|措施"
)
# The asked-for part of a standalone question, reused when a follow-up switches topic.
_FRAME = re.compile(
    r"多少[个份宗场件次名项家户篇所条起人元]?|几[个份宗场件次名项家户篇所条起人]|"
    r"哪些|哪个|哪位|什么时候|何时|谁|如何|怎么样|怎样|怎么|为什么|什么"
)
# A follow-up that only moves in time ('那去年呢？') asks the previous question of that year.
_WHEN = r"\d{4}年|今年|去年|前年|明年|上年|上一年|本年度|过去一年"
_ONLY_WHEN = re.compile(rf"^(?:{_WHEN})$")
_WHEN_IN = re.compile(_WHEN)
# A follow-up asking only how a figure changed ('比上年增加多少？') asks it of the previous
# question's subject: after 今年超长期特别国债发行多少？ it is not the deficit's
# 比上年增加1.6万亿元.
_CHANGE_ONLY = re.compile(
    r"^(?:比|较)?(?:上年|去年|上一年|同期|上年同期)?(?:同比)?"
    r"(?:增加|增长|提高|下降|减少|降低|上涨|下调|上调|扩大|缩小)(?:了|幅度)?$"
)
# A follow-up asking for the target of the previous question's subject ('今年的目标呢？'
# after 去年国内生产总值增长了多少？ is 今年国内生产总值增长的目标是多少？).
_ASPECT = re.compile(rf"^(?:{_WHEN})?的?(?:主要)?(?:预期)?目标$")
_QUANTITY = re.compile(r"金额|数量|人数|人次|费用|比例|次数|件数|宗数|总数|数目")
# What kind of figure the previous question asked for, which a follow-up naming only another
# subject asks too: after 今年国内生产总值增长的预期目标是多少？, 那居民消费价格呢？ asks this
# year's price target, not last year's result in the passage before the targets.
_KIND = re.compile(r"(?:主要)?(?:预期|控制)?目标|计划|任务")
_ENGLISH = re.compile(r"^(?:and|what about|how about|and what about)\s+(.+)$", re.I)
_ENGLISH_FRAME = re.compile(r"\b(?:how many|how much|when|who|which|what|why|how)\b", re.I)
_ENGLISH_GENERIC = re.compile(r"^(?:which ones|what are they|why|how|such as|for example)$", re.I)


def _plain(text: str) -> str:
    """Simplified script, half-width, no trailing punctuation: '那調解呢？' -> '那调解呢'."""
    return _END.sub("", to_simplified(unicodedata.normalize("NFKC", text)).strip())


def _topic(core: str) -> str:
    """The new words of a follow-up: '那调解呢' -> '调解'; '具体有哪些' -> ''."""
    text = _LEAD.sub("", core)
    text = _NE.sub("", text)
    text = _PRONOUN.sub("", text)
    return _ASKING.sub("", text).strip()


def _is_followup(core: str, topic: str, context: str) -> bool:
    if not core or len(core) > MAX_FOLLOWUP_CHARS or len(topic) > MAX_TOPIC_CHARS:
        return False
    if _LEAD.match(core) or _NE.search(core) or _PRONOUN.search(core) or not topic:
        return True
    return len(core) <= MAX_BARE_CHARS and _in_context(topic, context)


def _in_context(topic: str, context: str) -> bool:
    """Most of the topic's keyword tokens occur in the previous passages."""
    wanted = set(tokens(topic))
    if not wanted:
        return False
    have = set(tokens(context))
    return len(wanted & have) * 2 >= len(wanted)


# An English question's word, as a Chinese follow-up of it asks it: after "Who leads the
# town's rule-of-law work?", 那营商环境呢？ is 营商环境怎么样？ (it was read as 营商环境Who？).
_IN_CHINESE = {"how many": "多少", "how much": "多少", "when": "什么时候", "which": "哪些"}


def _frame(anchor: str) -> str:
    """The question word of the previous question, without its unit: '多少宗' -> '多少'."""
    found = _FRAME.search(anchor)
    if not found:
        english = _ENGLISH_FRAME.search(anchor)
        return _IN_CHINESE.get(english.group(0).lower(), "怎么样") if english else ""
    word = found.group(0)
    return word[:2] if word.startswith("多少") else word[:1] if word.startswith("几") else word


def _subject(anchor: str, frame: re.Match[str]) -> str:
    """What the previous question asked about, its question word taken out:
    '今年拟发行多少超长期特别国债' -> '今年拟发行超长期特别国债'; '国内生产总值增长了多少' ->
    '国内生产总值增长'."""
    subject = anchor[: frame.start()] + anchor[frame.end() :]
    return re.sub(r"(?:是|为|有|达到|的|了)+$", "", subject)


def resolve(question: str, previous: Turn | None) -> Resolved:
    """The query for `question`, read with `previous` when it is elliptical.

    resolve('涉案金额呢？', Turn(..., anchor='2022年镇村调委会受理了多少宗纠纷？',
                                context='…涉案金额约341.53万元…'))
    -> Resolved('2022年镇村调委会受理了多少宗纠纷，涉案金额是多少？',
                read_with='2022年镇村调委会受理了多少宗纠纷？')
    """
    if previous is None:
        return Resolved(question, None)
    core = _plain(question)
    anchor = _plain(previous.anchor)
    english = _ENGLISH.match(core)
    if english is not None:
        topic = english.group(1).strip()
        # The previous question's time, as the answer is asked it: 去年城镇新增就业多少人？ then
        # "And CPI?" asks last year's CPI, not this year's target.
        when = next(
            (f"{y} year" for y in ("last", "this", "next") if RELATIVE[y].search(anchor)), None
        )
        asks = (
            f"What is {topic} {when}?"
            if when and when not in topic.lower()
            else f"What is {topic}?"
        )
        return Resolved(f"{previous.anchor} {topic}?", previous.anchor, asks)
    if _ENGLISH_GENERIC.match(core):
        return Resolved(f"{anchor} {core}?", previous.anchor)
    topic = _topic(core)
    if not _is_followup(core, topic, previous.context):
        return Resolved(question, None)
    asked = _LEAD.sub("", _NE.sub("", core))  # '那调解呢' -> '调解'
    if _ONLY_WHEN.match(topic):
        # '城镇新增就业呢？' then '去年呢？': 去年城镇新增就业多少？, a question of its own.
        base = _plain(previous.asks or previous.anchor)
        if RELATIVE["last"].search(topic):
            # Last year's result, not its target: a report reviews the year before.
            base = re.sub(rf"的?(?:{_KIND.pattern})", "", base)
        moved = _WHEN_IN.sub(topic, base, count=1) if _WHEN_IN.search(base) else topic + base
        return Resolved(f"{moved}？", previous.anchor)
    if not topic:
        return Resolved(f"{anchor}，{asked}？", previous.anchor)
    kind = _KIND.search(anchor)
    if not _FRAME.search(asked):
        if kind is not None and not _KIND.search(asked):
            asked = f"{asked}的{kind.group(0)}是{_frame(anchor) or '什么'}"
        else:
            asked = f"{topic}是多少" if _QUANTITY.search(topic) else f"{asked}{_frame(anchor)}"
    year = _WHEN_IN.search(anchor)  # 2022年, 今年: the time of the previous question
    # A follow-up that names its own time keeps it: 今年的目标呢 is not 去年今年的目标.
    prefix = year.group(0) if year and not _WHEN_IN.search(asked) else ""
    if _ASPECT.match(topic) and (frame := _FRAME.search(anchor)):
        # The previous subject's target, in the follow-up's time: 去年国内生产总值增长了多少？
        # then 今年的目标呢？ -> 今年国内生产总值增长的目标是多少？
        subject = _subject(anchor, frame)
        own = _WHEN_IN.search(topic)
        if own is not None:
            subject = own.group(0) + _WHEN_IN.sub("", subject, count=1)
        aspect = _WHEN_IN.sub("", topic).lstrip("的")
        return Resolved(f"{subject}的{aspect}是多少？", previous.anchor)
    if _CHANGE_ONLY.match(topic) and (frame := _FRAME.search(anchor)):
        # The change of what the previous question asked about, its question word taken out:
        # 今年拟发行多少超长期特别国债 -> 今年拟发行超长期特别国债比上年增加多少？
        subject = _subject(anchor, frame)
        return Resolved(f"{anchor}，{asked}？", previous.anchor, f"{subject}{asked}？")
    if _in_context(topic, previous.context):
        # Searched with the previous question (same passage), answered for the new words.
        return Resolved(f"{anchor}，{asked}？", previous.anchor, f"{prefix}{asked}？")
    return Resolved(f"{prefix}{asked}？", previous.anchor)
