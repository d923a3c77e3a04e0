"""Abbreviations a question uses for what a Chinese report spells out.

A reader asks 今年GDP增长目标是多少？; the report writes 国内生产总值增长6%以上. The keyword search,
the words that choose the sentence and the topic gate (answering/topic.py) see only what the
question writes, so the question is read with the report's words after the abbreviation:

    spelled_out('今年GDP增长目标是多少？') -> '今年GDP（国内生产总值）增长目标是多少？'
    spelled_out('今年经济增长的预期目标是多少？')
        -> '今年经济增长（国内生产总值增长）的预期目标是多少？'

An English question keeps its words for its meaning (answering/extract.py); its keyword
search and the words that choose its sentence are the report's words for its abbreviations and
for the terms of a government report's figures it names (`searched_with`: a short glossary,
as no maintained English-Chinese dictionary installs offline; the multilingual model alone put
the deficit-to-GDP ratio's paragraph below rank 10 on the 2021 work report):

    searched_with('What is the deficit-to-GDP ratio?') -> 'What is the deficit-to-GDP ratio? 赤字率'
"""

from __future__ import annotations

import re

ALIASES = {
    "gdp": "国内生产总值",
    "cpi": "居民消费价格",
    "ppi": "工业生产者出厂价格",
    "pmi": "采购经理指数",
}
_ABBREVIATION = re.compile(r"(?<![A-Za-z])(" + "|".join(ALIASES) + r")(?![A-Za-z])", re.I)
# Everyday words for a figure a report states in its own terms, when asked as a figure:
# 今年经济增长的预期目标是多少？ asks for 国内生产总值增长6%以上, not for a sentence that says
# 经济增长; 物价涨幅的目标 (or 通胀目标) for 居民消费价格涨幅3%左右; 新增就业岗位的目标 for
# 城镇新增就业1100万人以上. Not as an object: 消费对经济增长的贡献率 asks for a share of it.
_AS_A_FIGURE = r"(?=(?:(?!贡献|拉动)[^，,。？?]){0,6}(?:目标|预期|控制|多少|几))"
_EVERYDAY_WORDS = (
    ("经济(?:增长|增速)", "国内生产总值增长"),
    ("物价|通胀|通货膨胀", "居民消费价格"),
    ("(?:就业|工作)岗位", "就业"),
)
_EVERYDAY = tuple(
    (re.compile(rf"(?<![对于])(?:{everyday}){_AS_A_FIGURE}"), words)
    for everyday, words in _EVERYDAY_WORDS
)
# A word `spelled_out` gave the report's words for, with them: GDP（国内生产总值）.
_SPELLED = re.compile(
    "(?:" + "|".join([*ALIASES, *(word for word, _ in _EVERYDAY_WORDS)]) + ")（([^（）]+)）", re.I
)
# The report's word for a change an English question asks about: What was GDP growth last
# year? is 国内生产总值…增长6.7%, not the 74.4万亿元 written beside 国内生产总值.
# A rise in prices is a 涨幅 (居民消费价格涨幅3%左右), not an 增长: the glossary names it.
_OF_PRICES = r"(?! in (?:consumer )?prices)"
_CHANGES = (
    (re.compile(rf"\b(?:grow|grew|grown|growth|rise|rose|risen)\b{_OF_PRICES}", re.I), "增长"),
    (re.compile(rf"\bincrease[sd]?\b{_OF_PRICES}", re.I), "增加"),
    (re.compile(r"\b(?:fall|fell|fallen|drop|dropped|decline[sd]?|decrease[sd]?)\b", re.I), "下降"),
)
# The terms of a government report's figures, as an English question names them.
_TERMS = tuple(
    (re.compile(rf"\b(?:{english})\b", re.I), chinese)
    for english, chinese in (
        (r"econom(?:y|ic)(?= (?:grow|grew|growth|expand))|economic growth", "国内生产总值"),
        (r"deficit[- ]to[- ]GDP ratio|deficit ratio", "赤字率"),
        (r"deficits?", "赤字"),
        (r"special[- ]purpose bonds?|special bonds?", "专项债券"),
        (r"treasury bonds?", "国债"),
        (r"urban jobs?|new jobs?|jobs? created", "城镇新增就业"),
        (r"unemployment", "失业率"),
        (r"grain (?:output|production|harvest)", "粮食产量"),
        (r"grain", "粮食"),
        (r"energy consumption|energy intensity", "能耗"),
        (r"(?:rise|increase)s? in (?:consumer )?prices", "居民消费价格 涨幅"),
        (r"consumer prices?|inflation", "居民消费价格"),
        (r"(?:foreign )?trade(?! (?:negotiations?|talks))|imports?|exports?", "进出口"),
        (r"defen[cs]e (?:budget|spending)|military (?:budget|spending)", "国防支出"),
        (r"(?:national )?defen[cs]e|military", "国防"),
        (r"(?:lifted |raised |brought )?out of poverty", "脱贫 贫困"),
        (r"rural poor|poverty", "贫困"),
        (r"fiscal revenues?|government revenues?|revenues?", "财政收入"),
        (r"pensions?", "养老金"),
        (r"tax(?:es)? and fee cuts?|tax cuts?", "减税降费"),
        (r"central government budget(?:ary)? investment", "中央预算内投资"),
        (r"R&D|research and development", "研发"),
        (r"foreign exchange reserves?|forex reserves?", "外汇储备"),
        (r"(?:trade )?negotiations?|(?:trade )?talks", "谈判"),
        # The great projects a work report names.
        (r"South-to-North Water (?:Diversion|Transfer)", "南水北调"),
        (r"Three Gorges", "三峡"),
        (r"West-East (?:Natural )?Gas (?:Pipeline|Transmission)", "西气东输"),
        (r"Qinghai-Tibet (?:Railway|Railroad)", "青藏铁路"),
        (
            r"(?:large-scale |great )?"
            r"(?:Western Development|development of the west(?:ern region)?)",
            "西部大开发",
        ),
        (r"Hong Kong", "香港"),
        (r"Maca[ou]", "澳门"),
        (r"Taiwan", "台湾 两岸"),  # 两岸关系: across the Strait
        # ... and of a rule-of-law report (法治政府建设情况报告, the town report's kind).
        (r"rule[- ]of[- ]law|law[- ]based", "法治"),
        (r"problems?|shortcomings?|weakness(?:es)?|deficienc(?:y|ies)", "不足 问题"),
        (r"administrative penalt(?:y|ies)", "行政处罚"),
        (r"administrative reconsideration", "行政复议"),
        (r"administrative (?:litigation|lawsuits?)", "行政诉讼"),
        (r"legal consultations?", "法律咨询"),
        (r"legal advis[eo]rs?", "法律顾问"),
        (r"mediation", "调解"),
        (r"disputes?", "纠纷"),
        (r"law[- ]enforcement", "执法"),
        (r"training(?: courses?| sessions?| classes)?", "培训"),
        (r"green(?:ing| space| areas?)|afforestation|tree[- ]planting", "绿化"),
        (r"State Council", "国务院"),
        (r"(?:guiding )?opinions?(?= on\b)", "意见"),
        (r"normative documents?", "规范性文件"),
        (r"law popularisation|law popularization|legal publicity|legal education", "普法"),
        (r"civil code", "民法典"),
        (r"petitions?|letters and visits", "信访"),
        (r"contracts?", "合同"),
        (r"lectures?", "讲座"),
        (r"government information", "政府信息"),
        (r"disclos(?:e|ed|es|ing|ures?)", "公开"),
        (r"proactive(?:ly)?", "主动"),
        (r"WeChat(?: (?:official |public )?accounts?)?", "微信公众号"),
        (r"publicity", "宣传"),
        (r"drug control|anti-drug|narcotics|illegal drugs", "禁毒 毒品"),  # not 药品 (medicines)
        (r"legal aid", "法律援助"),
        (r"five-year plans?", "五年规划 规划"),  # “十四五”规划 too
        (r"principles?", "原则"),
        (r"clean(?:-| )?ups?|clearing up", "清理"),
    )
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def spelled_out(question: str) -> str:
    """`question` with the report's words after each abbreviation it uses."""
    if not _CJK.search(question):
        return question
    out = _ABBREVIATION.sub(lambda m: f"{m.group(1)}（{ALIASES[m.group(1).lower()]}）", question)
    for everyday, words in _EVERYDAY:
        if words not in everyday.sub("", out):  # the question does not write them already
            out = everyday.sub(f"\\g<0>（{words}）", out)
    return out


def in_report_words(spelled: str) -> str:
    """A `spelled_out` question with only the report's words where it gave them:
    今年通胀（居民消费价格）目标是多少？ -> 今年居民消费价格目标是多少？"""
    return _SPELLED.sub(r"\1", spelled)


def searched_with(question: str) -> str:
    """The words a question's keyword search looks for: `spelled_out` for a Chinese question;
    an English one with the report's words for its abbreviations and glossary terms after it,
    and for the change it asks about when it names one (GDP growth: 国内生产总值 增长)."""
    if _CJK.search(question):
        return spelled_out(question)
    words = dict.fromkeys(named_terms(question))
    if words:  # a change of a figure the report names
        words.update(dict.fromkeys(verb for word, verb in _CHANGES if word.search(question)))
    return " ".join((question, *words)) if words else question


def named_terms(question: str) -> tuple[str, ...]:
    """The report's words for what an English question names, by its abbreviations and the
    glossary: () for a Chinese question, or one naming nothing the glossary knows."""
    if _CJK.search(question):
        return ()
    words: dict[str, None] = {}
    rest = question
    for term, chinese in _TERMS:  # the deficit-to-GDP ratio is 赤字率: its GDP is no figure
        if term.search(rest):
            words[chinese] = None
            rest = term.sub(" ", rest)
    found = dict.fromkeys(ALIASES[m.group(1).lower()] for m in _ABBREVIATION.finditer(rest))
    return tuple({**found, **words})
