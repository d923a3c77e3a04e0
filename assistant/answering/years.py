"""Which year a text speaks of: the years it names (2022年, 1975-1985年间), and this year, last
year or next year as a report says them (今年, 去年, 上年, 下一年度; also in English), a comparison
with last year left out.

    said_years('今年赤字率拟按3.2%左右安排、比去年有所下调') -> {'this'}
    year_conflict('2023年计划举办多少场讲座？', '2022年举办法治讲座44场') -> True
"""

from __future__ import annotations

import re

from assistant.text.tokens import normalize, tokens

# A year, also as the start of a range (1975-1985年间).
YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=年|\s?[-－—~～至到]\s?(?:19|20)\d{2}年)")
# The years after one a passage names, told by it: 第二年, 次年, 三年后, 此后.
_LATER = re.compile(
    r"第[二三四五六七八九十]年|[次翌隔同]年|[一二两三四五六七八九十\d]+年(?:后|以后|之后)|后来|此后"
)
# A year as an English question writes it: in 2003, 2003's, In 2003, … (not 2,003 or 2003.5).
_ENGLISH_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d%]|[.,]\d)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def question_years(question: str) -> set[str]:
    """The years a normalised question names: 2022年, or 2022 in an English question."""
    found = set(YEARS.findall(question))
    if not _CJK.search(question):
        found |= set(_ENGLISH_YEAR.findall(question))
    return found


# This year, last year and next year as a report (or an English question) writes them.
RELATIVE = {
    "this": re.compile(r"今年|本年度|\bthis year\b", re.I),
    "last": re.compile(r"去年|上年|过去一年|上一年|\b(?:last|past|previous) year\b", re.I),
    # An annual report's plans: 八、下一年度推进法治政府建设的主要安排.
    "next": re.compile(r"明年|下一年度|下一年|下年度|来年|\bnext year\b", re.I),
}
# Several years together, as the review of a government's term writes them: 过去五年国内生产
# 总值年均增长多少？ is not answered by one year's 增长6.7%.
PERIOD = re.compile(
    r"过去(?:一年和)?[五十]年|[二三四五六七八九十]年(?:来|间|累计|持续)|几年来|[近这][五十几]年|年均|累计|"
    # 平均每年增长8.3％ (2001), and the plans' periods: “九五”时期, 十一五期间.
    r"平均每年|每年平均|(?:[六七八九]|十[一二三四五]?)五”?(?:时期|期间)"
)
# Last year as the measure of a figure of this year: 比上年增长, 较去年, 上年同期.
_COMPARED = re.compile(
    r"(?:比|较|同|超过|高于|低于|好于)(?:去年|上年|上一年)|(?:去年|上年)同期|"
    r"\b(?:than|compared (?:with|to)|over) (?:the )?(?:last|previous) year\b",
    re.I,
)


def year_conflict(question: str, answer: str, context: str = "", heading: str = "") -> bool:
    """The question names a year that neither the answer, nor `context` (its passage up to
    it), nor `heading` (its section path) names, and the answer or its heading names another.
    A passage names its year once, early: 2008年总决赛… then 本届总决赛是继1987年以后… answers a
    question about 2008. A section names it for all its passages: 今年…粮食产量保持在1.3万亿斤以上
    under 三、2021年重点工作 is a target for 2021, no answer to 2020年粮食产量是多少."""
    asked_text = normalize(question)
    if PERIOD.search(asked_text):
        # Several years asked: the answer, its passage or its heading speaks of several.
        return not PERIOD.search(normalize(f"{context}{answer} {heading}"))
    asked = question_years(asked_text)
    if _of_several(asked_text, asked, normalize(answer)):
        return True
    given = set(YEARS.findall(normalize(answer))) | set(YEARS.findall(normalize(heading)))
    named = given | set(YEARS.findall(normalize(context)))
    # ... or the passage's opening sentence names another: 2001年是…第一年。…继续发行1500亿元
    # 长期建设国债 is no answer about 2000. Unless the passage tells of the years after it
    # (1924年6月，黄埔军校正式成立…第二年，学校设炮兵科: 1925).
    plain = normalize(context)
    opening = set() if _LATER.search(plain) else set(YEARS.findall(plain.split("。", 1)[0]))
    if asked and (given or opening) and not asked & named:
        return True
    # This year and last year, as a report says them: 去年粮食产量 is not answered by
    # 今年发展主要预期目标是：…粮食产量保持在1.3万亿斤以上 (the sentence of the answer says 今年).
    asked_relative = said_years(asked_text)
    if len(asked_relative) != 1:
        return False
    start = context.rfind("。", 0, max(len(context) - len(answer), 0)) + 1  # the answer's sentence
    said = said_years(normalize(context[start:]))
    if asked_relative == {"next"}:
        # Next year's plans are said so, in the sentence or its heading (八、下一年度…的主要安排):
        # 大涌镇明年的智慧城市建设有什么计划？ is not answered by the report's opening paragraph.
        return "next" not in said | said_years(normalize(heading))
    if asked_relative == {"this"} and not said and a_review(heading):
        # 今年全国粮食总产量的目标是多少吨？ is not answered under 一、过去一年工作回顾 by
        # 全年粮食总产量达到46947万吨: a work report's review speaks of last year.
        return True
    if asked_relative == {"last"} and "last" not in said and _plans_of_a_year(heading):
        # 去年发生了哪些重大自然灾害？ is not answered under this year's plans: 健全重大自然灾害…
        # 应急处理机制 under 二、2010年主要任务 is a task (on 2008 the review's heading,
        # 一、过去五年工作回顾, names no year to tell it by).
        return True
    return bool(said) and not asked_relative & said


# A heading over a year's plans: 二、2008年主要任务, 二、2014年工作总体部署.
_PLANS = re.compile(r"任务|部署|安排|计划|打算")


# A review of one year: 一、2014年工作回顾, 一、过去一年工作回顾, 一、一年来工作回顾 (not
# 过去五年工作回顾).
_REVIEW = re.compile(r"(?:(?:19|20)\d{2}年|过去一年|一年来|去年)[^、，。]{0,6}回顾")


def a_review(heading: str) -> bool:
    """A heading reviewing one year: under it, a work report speaks of last year."""
    text = normalize(heading)
    return bool(_REVIEW.search(text)) and not PERIOD.search(text) and len(YEARS.findall(text)) < 2


def _plans_of_a_year(heading: str) -> bool:
    text = normalize(heading)
    return bool(YEARS.search(text) and _PLANS.search(text))


def figure_of_several(question: str, text: str, at: int) -> bool:
    """The figure at `at` in `text` is one for several years (its clause says 平均每年 or
    累计 and names no year) and the question asks about one: 2000年一年全国实际利用外资多少亿美元？
    is not answered by 五年累计实际利用外资2894亿美元."""
    asked = normalize(question)
    if PERIOD.search(asked) or not (question_years(asked) or said_years(asked)):
        return False
    clause = CLAUSE_END.split(normalize(text[:at]))[-1]
    return bool(PERIOD.search(clause)) and not YEARS.search(clause)


# Where a clause ends: a figure is said of its own clause (also answering/figure_span.py).
CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")


def _of_several(asked_text: str, years: set[str], answer: str) -> bool:
    """One year asked, several years answered: 去年城镇居民人均可支配收入实际增长多少？ is not
    answered by the term's 城镇居民人均可支配收入…年均分别实际增长9.7%, unless the answer also
    names a year (…五年累计1.95万亿元。…2007年参保人数突破2亿人; which one is for the year
    rules below)."""
    if not (years or said_years(asked_text)) or not PERIOD.search(answer):
        return False
    return not (YEARS.search(answer) or said_years(answer))


def said_years(text: str) -> set[str]:
    """Which of this year, last year and next year a normalised text speaks of ("this", "last",
    "next"). A comparison is not one: 拟安排中央财政赤字7500亿元，比上年增加5700亿元 is about this
    year."""
    plain = _COMPARED.sub("，", text)
    return {year for year, words in RELATIVE.items() if words.search(plain)}


def year_words(question: str) -> dict[str, set[str]]:
    """For each of this year, last year and next year a normalised question asks about, its
    tokens that write it, with the ones across its edges: 去年城镇调查失业率 -> {'last': {'去年',
    '年城'}}. A passage that says the year before a sentence (过去一年，…。年末城镇调查失业率降到
    5.5%) lends the sentence these tokens."""
    plain = _COMPARED.sub(lambda m: "，" * len(m.group(0)), question)  # positions kept
    out: dict[str, set[str]] = {}
    for year, words in RELATIVE.items():
        for found in words.finditer(plain):
            edge = question[max(found.start() - 1, 0) : found.end() + 1]
            out.setdefault(year, set()).update(tokens(edge))
    return out


def year_before(heading: str, this_year: str) -> bool:
    """A heading naming the year before the one `this_year` names: last year, as a work report
    says it (一、2014年工作回顾 beside 二、2015年工作总体部署)."""
    years = {int(y) for y in YEARS.findall(normalize(heading))}
    later = {int(y) for y in YEARS.findall(normalize(this_year))}
    return any(y + 1 in later for y in years)
