"""What kind of phrase a question asks for, and whether a sentence contains one.

    asked("法律顾问提供了多少宗咨询？")  -> Asked(kind="number", units=("宗", "件", "起"))
    asked("宣讲会是什么时候召开的？")    -> Asked(kind="date", units=())
    asked("党政办的主任是谁？")          -> Asked(kind="person")
    asked("工作站的地址在哪里？")        -> Asked(kind="place")
    asked("报告讲了哪些措施？")          -> None (any sentence may answer)
    Asked("number", ("宗", "件", "起")).spans("提供免费法律咨询205宗，举办讲座44场")
        -> ["205宗"]    (44场 has the wrong unit)

Unit agreement is what lets the assistant say "the report does not give that number":
a question about 多少人 is not answered by a sentence that only counts 场 or 份. A phrase the
question itself contains never answers it: '44场讲座里有几场讲民法典' is not answered by 44场.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.tokenize import normalize

# Measure words that count the same kind of thing.
_UNIT_GROUPS = (
    ("人", "人次", "名", "位"),
    ("宗", "件", "起", "单"),
    ("次", "场", "期", "轮"),
    ("元", "万元", "亿元"),
    ("个",),
    ("份", "部", "篇"),
    ("条", "项", "款"),
    ("家", "户", "所"),
    ("%", "％", "成"),
)
_ALL_UNITS = sorted({u for group in _UNIT_GROUPS for u in group}, key=len, reverse=True)
_NUMBER = re.compile(
    r"(?:约|近|超过|共|达)?\d+(?:\.\d+)?(?:余|多)?(?:万|亿)?(?:"
    + "|".join(re.escape(u) for u in _ALL_UNITS)
    + r")?"
)
# Counts written in Chinese numerals: 第十三届, 三项, 五公开 (the unit is required).
_CJK_COUNT = re.compile(
    r"第[一二三四五六七八九十百零]+[届次期批个名]|[一二三四五六七八九十两百千]+(?:"
    + "|".join(re.escape(u) for u in _ALL_UNITS if u not in ("%", "％"))
    + r"|公开|项制度)"
)
_DATE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}月)?(?:底前|底|初|以来)?|\d{4}年(?:以来|底)?"
)
_YEAR = re.compile(r"\d{4}年")
_ASKS_NUMBER = re.compile(
    r"多少|(?<!哪)几|数量|人数|金额|比例|how many|how much|population|what (?:percentage|share)",
    re.I,
)
# A person: a role that a person holds, or 谁 next to an act that people do.
_ASKS_PERSON = re.compile(
    r"(?:主任|书记|镇长|局长|主席|律师|负责人|一把手|领导|法官|志愿者)的?"
    r"(?:是|叫|姓)?(?:谁|哪位|什么名字|名字|姓名|叫什么)|"
    r"谁(?:给|来|主讲|讲|主持|作|做了?报告|宣讲)|"
    r"who (?:is|was) the (?:mayor|secretary|head|director|chair)|who (?:gave|led|heads|chairs)",
    re.I,
)
# Any agent, a person or an organisation: '交给谁去做', '由哪个部门牵头'.
_ASKS_AGENT = re.compile(
    r"谁|哪位|哪个(?:部门|单位|机构)|哪家|\bwho\b|which (?:department|office|firm)", re.I
)
_ASKS_PLACE = re.compile(
    r"哪个村|哪个社区|在哪里|在哪儿|在哪(?![些个种])|地址|地点|\bwhere\b", re.I
)
# Names in these reports: a surname, then one or two characters (jieba tags them nr).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤麦欧伍冼区岑骆甘关植梅詹"
)
_ORGANISATION = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?:单位|部门|办公室|办|局|所|站|中心|委员会|政府|法院|检察院|机关|"
    r"党委|公司|协会|学会|村委会|大队|中队)"
)
_PLACE = re.compile(
    r"[\u4e00-\u9fff]{2,6}(?:路|街|大道|巷|广场)|\d+号|"
    r"(?<![我本全各该个])[\u4e00-\u9fff]{2,3}(?:村|社区)(?![（(])"
)
_QUESTION_WORD = re.compile(r"哪|什么|何")
_OTHER_QUESTION = re.compile(r"什么|怎么|怎样|如何|为什么|为何|哪些")
_ASKS_YEAR = re.compile(r"哪一?年|which year|what year", re.I)
_ASKS_DATE = re.compile(r"什么时候|何时|哪一?天|几月|几号|日期|when", re.I)
_UNIT_AFTER = re.compile(r"(?:多少|(?<!哪)几)(" + "|".join(re.escape(u) for u in _ALL_UNITS) + ")")
_NOUN_UNITS = (
    (re.compile(r"第几|名次|排名", re.I), ("届", "次", "期", "批", "个", "名")),
    (
        re.compile(
            r"人口|人数|多少人|population|mediators|lawyers|officers|"
            r"how many (?:[a-z-]+ ){0,3}(?:people|persons|residents|staff|officials)",
            re.I,
        ),
        ("人", "人次", "名", "位"),
    ),
    (
        re.compile(
            r"how many (?:[a-z-]+ ){0,3}(?:cases|disputes|complaints|requests|applications)", re.I
        ),
        ("宗", "件", "起", "单"),
    ),
    (
        re.compile(
            r"how many (?:[a-z-]+ ){0,3}(?:times|sessions|lectures|meetings|events|talks)", re.I
        ),
        ("次", "场", "期", "轮"),
    ),
    (
        re.compile(r"how many (?:[a-z-]+ ){0,3}(?:documents|regulations|files)", re.I),
        ("份", "部", "篇"),
    ),
    (re.compile(r"率|比例|percent", re.I), ("%", "％", "成")),
    (re.compile(r"金额|多少钱|收入|总值|产值|预算|how much money", re.I), ("元", "万元", "亿元")),
)


@dataclass(frozen=True)
class Asked:
    kind: str  # "number", "date", "year", "person", "agent" (person or organisation), "place"
    units: tuple[str, ...] = ()  # acceptable measure words for a number; () = any
    given: tuple[str, ...] = ()  # phrases of this kind in the question itself: never an answer

    def spans(self, sentence: str) -> list[str]:
        """The phrases of the asked kind in a sentence (years are not counts), except the ones
        the question gives."""
        return [f for f in self._found(normalize(sentence)) if f not in self.given]

    def _found(self, text: str) -> list[str]:
        if self.kind == "year":
            return _YEAR.findall(text)
        if self.kind == "date":
            return [m.group(0) for m in _DATE.finditer(text) if re.search(r"\d", m.group(0))]
        if self.kind == "person":
            return person_names(text)
        if self.kind == "agent":
            return person_names(text) + _ORGANISATION.findall(text)
        if self.kind == "place":
            places = _PLACE.findall(text) + _tagged(text, ("ns",))
            return [
                p for p in places if not _QUESTION_WORD.search(p) and p.endswith(self.units or "")
            ]
        found = [m.group(0) for m in _NUMBER.finditer(text) if not _is_date_part(text, m)]
        found += _CJK_COUNT.findall(text)
        if self.units:
            found = [f for f in found if _unit(f) in self.units]
        return found


@cache
def _posseg() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


def _tagged(text: str, flags: tuple[str, ...]) -> list[str]:
    """Words of at least two characters that jieba tags with one of the flags."""
    return [p.word for p in _posseg().lcut(text) if p.flag in flags and len(p.word) > 1]  # type: ignore[attr-defined]


def person_names(text: str) -> list[str]:
    """Personal names: runs of jieba person-name tags that start with a common surname
    ('王英康', '何小锐'); honorific-free, 2-4 characters."""
    names: list[str] = []
    run = ""
    for pair in _posseg().lcut(text, HMM=True):  # type: ignore[attr-defined]
        if pair.flag in ("nr", "nrfg") and len(run + pair.word) <= 4:
            run += pair.word
            continue
        if 2 <= len(run) <= 4 and run[0] in _SURNAMES:
            names.append(run)
        run = pair.word if pair.flag in ("nr", "nrfg") else ""
    if 2 <= len(run) <= 4 and run[0] in _SURNAMES:
        names.append(run)
    return names


def _is_date_part(text: str, match: re.Match[str]) -> bool:
    """'2022年', '6月', '30日': numbers that are dates, not counts."""
    after = text[match.end() : match.end() + 1]
    return after in ("年", "月", "日", "时") or bool(re.fullmatch(r"\d{4}", match.group(0)))


def _unit(count: str) -> str:
    """The measure word a count ends with, the longest that fits: '约700人次' -> '人次'."""
    return next((u for u in _ALL_UNITS if count.endswith(u)), count[-1:])


def _group(unit: str) -> tuple[str, ...]:
    for group in _UNIT_GROUPS:
        if unit in group:
            return group
    return (unit,)


def asked(question: str) -> Asked | None:
    found = _kind(normalize(question))
    if found is None:
        return None
    # Phrases of the asked kind that the question already states cannot be its answer.
    return Asked(found.kind, found.units, tuple(found._found(normalize(question))))


def _kind(text: str) -> Asked | None:
    if _ASKS_YEAR.search(text):
        return Asked("year")
    if _ASKS_DATE.search(text):
        return Asked("date")
    if _ASKS_PERSON.search(text):
        return Asked("person")
    if place := _ASKS_PLACE.search(text):
        return Asked(
            "place",
            ("村",) if "村" in place.group(0) else ("社区",) if "社区" in place.group(0) else (),
        )
    number = _ASKS_NUMBER.search(text)
    if number and _OTHER_QUESTION.search(text, number.end()):
        number = None  # '落实几部条例，想达到什么目的': 几 means "several", 什么 is asked
    if not number:
        return Asked("agent") if _ASKS_AGENT.search(text) else None
    unit = _UNIT_AFTER.search(text)
    if unit:
        return Asked("number", _group(unit.group(1)))
    for pattern, units in _NOUN_UNITS:
        if pattern.search(text):
            return Asked("number", units)
    return Asked("number")
