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
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.text.tokens import normalize, posseg, words

# Measure words that count the same kind of thing.
_UNIT_GROUPS = (
    ("人", "人次", "名", "位"),
    ("宗", "件", "起", "单"),
    ("次", "场", "期", "轮"),
    ("元", "万元", "亿元", "美元", "日元", "港元", "欧元"),
    ("个",),
    # Documents and applications are counted in 份 or 件 (收到政府信息公开申请4件).
    ("份", "部", "篇", "件"),
    ("条", "项", "款"),
    ("家", "户", "所"),
    # A change of a share is written in percentage points: 比上年提高1个百分点 (not 1个).
    ("%", "％", "成", "个百分点", "百分点"),
    # Measures, one dimension each: 1.3万亿斤, 3.5万公里, 500万亩.
    ("斤", "公斤", "千克", "吨", "kg"),
    ("米", "公里", "千米", "km"),
    ("平方米", "平方公里", "平方千米", "km2", "亩", "公顷"),  # km² once normalised
    ("立方米",),
    ("千瓦", "千瓦时"),
    ("倍",),  # 多少倍 is answered by 三倍, not by a share
    ("岁",),
    ("天",),
)
_ALL_UNITS = sorted({u for group in _UNIT_GROUPS for u in group}, key=len, reverse=True)
_NUMBER = re.compile(
    # Not a digit of a name written in Latin letters: M2, PM2.5, G20, 5G.
    r"(?<![A-Za-z\d.])(?:约|近|超过|共|达)?\d+(?:,\d{3})*(?:\.\d+)?(?:余|多)?(?:万亿|万|亿)?(?:"
    + "|".join(re.escape(u) for u in _ALL_UNITS)
    + r")?(?:以上|左右|以下|以内)?(?![A-Za-z])"  # a target's qualifier belongs to it: 6%以上
)
# Counts written in Chinese numerals: 第十三届, 三项, 五公开 (the unit is required).
_CJK_COUNT = re.compile(
    r"第[一二三四五六七八九十百零]+[届次期批个名]|[一二三四五六七八九十两百千]+(?:多|余)?(?:"
    + "|".join(re.escape(u) for u in _ALL_UNITS if u not in ("%", "％"))
    + r"|公开|项制度)"
)
# With any measure word accepted (几种, 多少倍, 几岁): 两种, 三倍, 十八岁, 七间; and a magnitude
# in Chinese numerals, which needs none (六亿七千多万).
_CJK_ANY_COUNT = re.compile(
    # 一批 is "a number of" (出台一批区域发展政策), no count.
    r"(?<![第一二三四五六七八九十两百千])(?!一批)(?:[一二三四五六七八九十两百千]+(?:多|余)?"
    r"[种类天岁倍品间届层省国座张本首只艘架辆台枚颗棵株栋级段章节门支队批轮周]|"
    r"[一二三四五六七八九十两百千]+[万亿](?:零?[一二三四五六七八九十两百千万亿])*(?:多|余)?[万亿]?"
    # with its measure word: 四亿零七百多万吨, 十亿零五千万人
    r"(?:" + "|".join(re.escape(u) for u in _ALL_UNITS if u not in ("%", "％")) + r")?)"
)
_CJK_DIGITS = "一二三四五六七八九十两百千零"
# A year named by an era or a reign: 民国16年, 公元前279年, 至元十一年, 光绪十年 (not 连续三年, nor
# a length: 学前教育三年行动计划, 城乡九年免费义务教育, 三年内).
_ERA_YEAR = (
    rf"(?:民国|公元前?|西元前?)[{_CJK_DIGITS}\d]+年|"
    rf"(?!连续|最近|过去|未来|今后|此后|之后|以后|以来|这|那|每|近|前|后)"
    rf"(?:(?![哪几多何么第])[\u4e00-\u9fff]){{2}}[元{_CJK_DIGITS}廿]{{1,3}}年"
    r"(?!代|度|级|来|间|内|以|多|期|制|左右|行动|计划|规划|攻坚|专项|免费|义务)"
)
# Dates written without digits: 19世纪晚期, 八十年代, 秋季, 农历九月初九, 五月, a period
# (疫情期间, “十三五”时期, 清朝末年; not 新时期, and 时代 not at all: 新时代 is everywhere in a
# report) and an era year.
_DATE_WORDS = re.compile(
    rf"[{_CJK_DIGITS}\d]+(?:世纪|年代)(?:初|中|末|初期|中期|末期|晚期|早期)?|[春夏秋冬]季|农历|"
    rf"[{_CJK_DIGITS}]{{1,3}}月(?:[{_CJK_DIGITS}初]{{1,3}}日?)?|[上中下]旬|"
    r"(?:[\u4e00-\u9fff]{1,4}|“[^”]{1,8}”)(?<![个一这那新])(?:时期|期间|年间|初年|末年|前夕)|"
    + _ERA_YEAR
)
# Shares written in words: 四分之三, 百分之十, 四成.
_FRACTION = re.compile(rf"[{_CJK_DIGITS}]+分之[{_CJK_DIGITS}\d.]+|[一二三四五六七八九]成")
# A proportion written as a ratio: 男女生比例约为1:7, 2比1.
_RATIO = re.compile(r"\d+(?:\.\d+)?\s?[:：比]\s?\d+(?:\.\d+)?")
# Ranks: 第七, 前五, 第13.
_ORDINAL = re.compile(rf"(?:第|前)[{_CJK_DIGITS}\d]+")
# Durations in years: 3年, 八百余年.
_YEARS_LONG = re.compile(rf"[{_CJK_DIGITS}\d]+(?:,\d{{3}})*(?:\.\d+)?(?:万|亿)?(?:余|多)?年")
# How long (多长时间, 多久, 多长的过渡期): 5年, 三个月, 18个小时, 两周.
_ASKS_LENGTH = re.compile(r"多长时间|多久(?!以?前)|多长的?[\u4e00-\u9fff]{0,3}期")
_LENGTH = ("多久",)
_LENGTHS = re.compile(
    rf"(?:[{_CJK_DIGITS}\d]+(?:,\d{{3}})*(?:\.\d+)?(?:万|亿)?(?:余|多)?(?:个半|个多|个)?|半)"
    r"(?:年|月|周|天|日|小时|分钟|秒|赛季)"
)
# Questions asking for a document's or a thing's number (文号是多少): answered by '33号'.
_ASKS_REFERENCE = re.compile(
    r"文号|字号|编号|号码|(?:phone|telephone|hotline|document|reference) number", re.I
)
_REFERENCE = ("号",)
_NUMBERED = re.compile(r"\d+号")
_DATE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:至\d{1,2}月)?(?:底前|底|初|以来)?|\d{4}年(?:以来|底)?"
)
_YEAR = re.compile(rf"\d{{3,4}}年|{_ERA_YEAR}")
_ASKS_NUMBER = re.compile(
    # Not 这几年 (these few years), which asks nothing.
    r"多少|(?<![哪这那])几|数量|人数|金额|比例|how many|how much|how (?:large|big)|population|"
    # The size of something (丝路基金的规模有多大？): a figure, as 面积有多大 is an area.
    r"规模(?:有|是|为|达到|约)?多大|多大(?:的)?规模|"
    r"what (?:percentage|share)|"
    r"what (?:is|was|were|are) the (?:total )?amount|"
    # What was the size of China's foreign exchange reserves? (a figure)
    r"what (?:is|was|were|are|will be) the (?:total |overall )?(?:size|value|volume|scale)\b|"
    # What was GDP growth last year? What is the CPI target? (a figure)
    r"what\b[^?]*\b(?:rate|ratio|proportion|growth|inflation|output|gdp|cpi|ppi|pmi)\b",
    re.I,
)
# How large an area is: in square metres, kilometres, mu or hectares.
_ASKS_AREA = re.compile(r"面积(?:有|是|为|达到|约)?多大")
_AREA = _UNIT_GROUPS[11]
# A person, asked by the role they hold: '党政办的主任是谁？', '镇长叫什么名字？'. Plain 谁
# is not enough: on CMRC and DRCD 'who' is answered by roles, peoples and foreign names
# that no name test recognises (41 % of those answer sentences failed it).
_ROLES = r"主任|书记|镇长|局长|主席|负责人|一把手|市长|县长|区长|村长|站长|所长"
_ASKS_PERSON = re.compile(
    rf"({_ROLES})的?(?:是谁|是哪位|叫什么名字|的名字|姓名|叫什么|姓什么)|"
    r"who (?:is|was) the (mayor|secretary|head|director|chair)|"
    rf"哪一?位(?:副)?({_ROLES}|部长|省长|厅长|处长|科长)",  # 哪位部长负责疫苗研发
    re.I,
)
# The titles a name must stand with to answer for a role: the mayor is not the party
# secretary ('Who is the mayor?' is not answered by 镇党委书记王英康).
_ROLE_TITLES = {
    "一把手": ("书记",),
    "mayor": ("镇长", "市长", "县长", "区长"),
    "secretary": ("书记",),
    "head": ("负责人", "主任", "局长", "站长", "所长", "镇长", "市长", "县长", "区长"),
    "director": ("主任", "局长", "所长", "站长"),
    "chair": ("主席", "主任"),
}
# A place asked for as an address or a village: '工作站的地址是什么？', '建在哪个村？'.
# Plain 在哪里 is not enough: on CMRC and DRCD it is answered by events, bodies, works.
_ASKS_PLACE = re.compile(r"地址|哪个村|哪个社区|what address|which (?:village|community)", re.I)
# Names in these reports: a surname, then one or two characters (jieba tags them nr).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤麦欧伍冼区岑骆甘关植梅詹"
)
_PLACE = re.compile(
    r"[\u4e00-\u9fff]{2,6}(?:路|街|大道|巷|广场)|\d+号|"
    r"(?<![我本全各该个])[\u4e00-\u9fff]{2,3}(?:村|社区)(?![（(])"
)
_THREE_BEFORE_VILLAGE = re.compile(r"[\u4e00-\u9fff]{3}(?:村|社区)")
_NOT_A_NAME = ("p", "c")  # jieba's preposition and conjunction
_QUESTION_WORD = re.compile(r"哪|什么|何")
_OTHER_QUESTION = re.compile(r"什么|怎么|怎样|如何|为什么|为何|哪(?!几)")
_ASKS_YEAR = re.compile(r"哪一?年|(?:西元|公元|民国)几年|which year|what year", re.I)
_ASKS_DATE = re.compile(r"什么时候|何时|哪一?天|几月|几号|日期|when", re.I)
_UNIT_AFTER = re.compile(
    r"(?:多少|(?<![哪这那])几)(" + "|".join(re.escape(u) for u in (*_ALL_UNITS, "年")) + ")"
)
# Characters a noun after a measure word does not hold: 有几场是讲民法典的 names no noun.
_NOT_IN_NOUN = "是为被有在的了呢吗和与及"
# Times (多少次) and cases (宗, 件): consultations asked in times are counted in cases.
_TIMES, _CASES = _UNIT_GROUPS[2], _UNIT_GROUPS[1]
# Marker units: a rank (第几) or a duration in years (几年) is found by its own pattern.
_RANK, _DURATION = ("第",), ("年",)
# A place in a ranking or a prize (拿了什么名次, 获得几等奖): 第二名, 前三位, 一等奖, 冠军; an
# edition (第十三届) is not one.
_STANDING = ("名次",)
_ASKS_STANDING = re.compile(r"名次|第几名|前几名|几等奖")
_STANDING_WORDS = re.compile(
    rf"(?:第|前)[{_CJK_DIGITS}\d]+(?:名|位)|[{_CJK_DIGITS}\d]等奖|特等奖|[金银铜]奖|优秀奖|冠军|亚军|季军"
)
# 第几届, 第几批: the ordinal of that measure word (第十三届, not 第二名).
_ORDINAL_OF = re.compile(r"第(?:几|多少)([届次期批轮号])")
_SHARE = ("%", "％", "成", "个百分点", "百分点")
_HOW_MANY = re.compile(r"\bhow many\b(?! (?:yuan|dollars|percent))", re.I)
_QUALIFIER = re.compile(r"(?:以上|左右|以下|以内)$")
# A short quotation without a full stop: a slogan or a name (“群众最多跑一次”, “十四五”), whose
# numbers count nothing.
_SLOGAN = re.compile(r"[“「『][^”」』。]{1,16}[”」』]")
_CLAUSE_BEFORE = re.compile(r"[^，,。；;：:、！？!?]*$")
_COUNTED_NOUN = re.compile(r"人口|人数")
# Nouns that count people, before a bare magnitude: 易地扶贫搬迁人口超过240万 asked 多少人.
_PEOPLE = ("人口", "人数", "人员")
_CHANGE = re.compile(
    r"增长|增速|增幅|涨幅|下降|降低|减少|提高|[增降涨减升跌]了|growth|grow|increase|decrease", re.I
)
# The rate a question asks for, by its last three characters (赤字率拟按多少安排 -> 赤字率; 失业率
# is not 就业率).
_ASKED_RATE = re.compile(
    r"[\u4e00-\u9fff]{1,2}率[是为有达到至拟按在控制保持下降低提高升上增长减少了约将要]{0,4}多少"
)
# Rates a report writes as a change of the thing itself (增长6%), or in other words (比例).
_UNNAMED_RATES = ("长率", "比率")
_NOUN_UNITS = (
    (re.compile(r"第几|第多少|前几|名次|排名", re.I), _RANK),
    (
        re.compile(
            r"百分之|比例|比率|占比|percent|\b(?:rate|ratio|proportion)\b|"
            # A rate asked with its verb: 赤字率拟按多少安排, 贫困发生率下降到多少.
            + _ASKED_RATE.pattern,
            re.I,
        ),
        _SHARE,
    ),
    (
        re.compile(
            r"人口|人数|多少人|population|"  # the people counted, not those who count:
            r"how many (?:[a-z-]+ ){0,3}(?:people|persons|residents|staff|officials|mediators|"
            r"lawyers|officers)",  # 'how many contracts did the lawyers review' is 份
            re.I,
        ),
        ("人", "人次", "名", "位"),
    ),
    (
        re.compile(
            r"how many (?:[a-z-]+ ){0,3}"
            r"(?:cases|disputes|complaints|requests|applications|consultations|enquiries|inquiries)",
            re.I,
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
        re.compile(
            r"how many (?:[a-z-]+ ){0,3}(?:documents|regulations|files|contracts|agreements|"
            r"copies|reports|articles)",
            re.I,
        ),
        _UNIT_GROUPS[5],
    ),
    (
        re.compile(
            r"how many (?:[a-z-]+ ){0,3}(?:enterprises|companies|firms|households|schools|"
            r"hospitals|banks|shops|stores)",
            re.I,
        ),
        ("家", "户", "所", "个"),
    ),
    (
        # Lengths and weights asked in English: a count of kilometres is no century (21世纪).
        re.compile(
            r"how many (?:[a-z-]+ ){0,3}?(?:kilomet(?:re|er)s|km|miles|met(?:re|er)s)\b", re.I
        ),
        _UNIT_GROUPS[10],
    ),
    (
        re.compile(r"how many (?:[a-z-]+ ){0,3}?(?:tons|tonnes|kilograms|kg)\b", re.I),
        _UNIT_GROUPS[9],
    ),
    (
        re.compile(
            r"金额|多少钱|收入|总值|产值|预算|GDP|how much money|\bamount\b|"
            # How much did the government invest in …? How much will it spend on …? (money)
            r"how much\b[^?]*\b(?:invest(?:ed)?|spen[dt]|allocated?|earmark(?:ed)?)\b",
            re.I,
        ),
        _UNIT_GROUPS[3],
    ),
)


@dataclass(frozen=True)
class Asked:
    kind: str  # "number", "date", "year", "person" or "place"
    units: tuple[str, ...] = ()  # acceptable measure words for a number; () = any
    given: tuple[str, ...] = ()  # phrases of this kind in the question itself: never an answer
    titles: tuple[str, ...] = ()  # a person's: the sentence must hold one of them (() = any)
    excluded: tuple[str, ...] = ()  # measure words a number of any other unit may not have
    # The noun of the question that says what is counted (人口 in 贫困人口减少了多少): a bare
    # magnitude written after it in its clause counts it (农村贫困人口减少1240万).
    counted: tuple[str, ...] = ()
    # The question's own character pairs (no numerals): a slogan sharing one names what the
    # question asks about (“半小时法律服务圈” answers 法律服务圈是多长时间的？).
    about: tuple[str, ...] = field(default=(), compare=False)

    def spans(self, sentence: str) -> list[str]:
        """The phrases of the asked kind in a sentence (years are not counts), except the ones
        the question gives."""
        return [f for f in self._found(normalize(sentence)) if f not in self.given]

    def figures(self, sentence: str) -> list[str]:
        """`spans`, without the numbers of a slogan about something else: what may answer the
        question. 出庭应诉了几次？ is not answered by the 一次 of “一个窗口对外，群众最多跑一次”.
        (`spans` keeps them: the highlight trees were fitted on it.)"""
        if self.kind != "number":
            return self.spans(sentence)
        text = _SLOGAN.sub(self._unless_about, normalize(sentence))
        return [f for f in self._found(text) if f not in self.given]

    def _unless_about(self, slogan: re.Match[str]) -> str:
        quoted = slogan.group(0)
        if any(pair in quoted for pair in self.about):
            return quoted
        return "□" * len(quoted)

    def _found(self, text: str) -> list[str]:
        if self.kind == "year":
            return _YEAR.findall(text)
        if self.kind == "date":
            dates = [m.group(0) for m in _DATE.finditer(text) if re.search(r"\d", m.group(0))]
            return dates + _DATE_WORDS.findall(text)
        if self.kind == "person":
            if self.titles and not any(title in text for title in self.titles):
                return []
            return person_names(text)
        if self.kind == "place":
            places = _places(text) + tagged_words(text, ("ns",))
            return [
                p for p in places if not _QUESTION_WORD.search(p) and p.endswith(self.units or "")
            ]
        if self.units == _STANDING:
            return _STANDING_WORDS.findall(text)
        if self.units[:1] == _RANK:
            ordinals = _ORDINAL.finditer(text)
            return [
                m.group(0) + text[m.end() : m.end() + 1] if self.units[1:] else m.group(0)
                for m in ordinals
                if not self.units[1:] or text[m.end() : m.end() + 1] == self.units[1]
            ]
        if self.units == _DURATION:
            return [y for y in _YEARS_LONG.findall(text) if not _YEAR.fullmatch(y)]
        if self.units == _LENGTH:
            return [y for y in _LENGTHS.findall(text) if not _YEAR.fullmatch(y)]
        if self.units == _REFERENCE:
            return _NUMBERED.findall(text)
        numbers = [
            m
            for m in _NUMBER.finditer(text)
            if not _is_date_part(text, m)
            and not _is_reference(text, m)
            and not _is_enumerator(text, m)
        ]
        found = [m.group(0) for m in numbers] + _CJK_COUNT.findall(text)
        if not self.units:  # 多少个基地 is not answered by an edition (第十八届)
            found = [f for f in found if not f.startswith("第")]
            found += [f for f in _CJK_ANY_COUNT.findall(text) if f not in found]
        if self.units:
            found += [f for f in _CJK_ANY_COUNT.findall(text) if f not in found]  # 十亿零五千万人
            found = [f for f in found if _unit(f) in self.units]
            # 551万农村贫困人口: a magnitude whose measure word is in the noun after it.
            found += [m.group(0) for m in numbers if self._counts_noun(text, m)]
            if self.units == _TIMES and self.counted:
                # 多少次咨询 in 提供免费法律咨询205宗: cases of the thing counted, right after it.
                found += [
                    m.group(0)
                    for m in numbers
                    if _unit(m.group(0)) in _CASES and text[: m.start()].endswith(self.counted)
                ]
        if "%" in self.units:
            found += _FRACTION.findall(text) + _RATIO.findall(text)
        if self.excluded:  # How many hospitals is not answered by 30元
            found = [f for f in found if _unit(f) not in self.excluded]
        return found

    def _counts_noun(self, text: str, number: re.Match[str]) -> bool:
        """'551万' in '551万农村贫困人口' counts people: it ends with a magnitude, and the noun
        right after it (up to 8 characters, no punctuation) holds one of the asked units. So
        does '1240万' in '农村贫困人口减少1240万' asked 贫困人口减少了多少: the clause before it
        holds the noun the question counts."""
        bare = _QUALIFIER.sub("", number.group(0))
        if not bare.endswith(("万", "亿")) or set(self.units) <= set(_SHARE):
            return False
        after = re.match(r"[\u4e00-\u9fff]{1,8}", text[number.end() :])
        noun = after.group(0) if after else ""
        if any(u in noun for u in self.units if len(u) == 1):
            return True
        before = _CLAUSE_BEFORE.search(text[max(0, number.start() - 16) : number.start()])
        nouns = (*self.counted, *(_PEOPLE if "人" in self.units else ()))
        return before is not None and any(word in before.group(0) for word in nouns)


def _places(text: str) -> list[str]:
    """`_PLACE` matches; a village's or a community's name starts where a jieba word does and
    not with a preposition or a conjunction: 推动大涌社区 names 大涌社区, 在安堂社区 安堂社区."""
    places: list[str] = []
    words: dict[int, str] | None = None
    for match in _PLACE.finditer(text):
        place = match.group(0)
        if _THREE_BEFORE_VILLAGE.fullmatch(place):
            words = _words_at(text) if words is None else words
            flag = words.get(match.start())
            if (flag is None or flag in _NOT_A_NAME) and match.start() + 1 in words:
                place = place[1:]
        places.append(place)
    return places


def _words_at(text: str) -> dict[int, str]:
    """jieba's words by where they start: the flag of a one-character word, '' for longer."""
    words, at = {}, 0
    for pair in posseg().lcut(text):  # type: ignore[attr-defined]
        words[at] = pair.flag if len(pair.word) == 1 else ""
        at += len(pair.word)
    return words


def tagged_words(text: str, flags: tuple[str, ...]) -> list[str]:
    """Words of at least two characters that jieba tags with one of the flags."""
    return [p.word for p in posseg().lcut(text) if p.flag in flags and len(p.word) > 1]  # type: ignore[attr-defined]


def person_names(text: str) -> list[str]:
    """Personal names: runs of jieba person-name tags that start with a common surname
    ('王英康', '何小锐'); honorific-free, 2-4 characters."""
    names: list[str] = []
    run = ""
    for pair in posseg().lcut(text, HMM=True):  # type: ignore[attr-defined]
        if pair.flag in ("nr", "nrfg") and len(run + pair.word) <= 4:
            run += pair.word
            continue
        if 2 <= len(run) <= 4 and run[0] in _SURNAMES:
            names.append(run)
        run = pair.word if pair.flag in ("nr", "nrfg") else ""
    if 2 <= len(run) <= 4 and run[0] in _SURNAMES:
        names.append(run)
    return names


def _is_reference(text: str, match: re.Match[str]) -> bool:
    """'国发〔2010〕33号', '3号楼': a number followed by 号 names a thing; it counts nothing."""
    return text[match.end() : match.end() + 1] == "号"


def _is_enumerator(text: str, match: re.Match[str]) -> bool:
    """'2.做好普法宣传教育', '3、强化…': the number of a list item, at the start of a sentence."""
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    after = text[match.end() : match.end() + 2]
    return (
        before in ("", "。", "；", "：", "！", "？", " ", "\n")
        and after[:1] in (".", "．", "、")
        and not after[1:].isdigit()
    )


def _is_date_part(text: str, match: re.Match[str]) -> bool:
    """'2022年', '6月', '30日': numbers that are dates, not counts."""
    after = text[match.end() : match.end() + 1]
    return after in ("年", "月", "日", "时") or bool(re.fullmatch(r"\d{4}", match.group(0)))


def _unit(count: str) -> str:
    """The measure word a count ends with, the longest that fits: '约700人次' -> '人次',
    '6%以上' -> '%'."""
    count = re.sub(r"(?:以上|左右|以下|以内)$", "", count)
    return next((u for u in _ALL_UNITS if count.endswith(u)), count[-1:])


def _group(unit: str) -> tuple[str, ...]:
    for group in _UNIT_GROUPS:
        if unit in group:
            return group
    return (unit,)


# Where a question asking two things divides: 受理了多少宗纠纷，涉案金额多少？,
# "How many disputes …, and how much money was involved?"
_PART_BREAK = re.compile(r"[，,；;]\s*(?:and\s+)?|\s+and\s+(?=how|what|when|which|who)|以及|并且")
_INTERROGATIVE = re.compile(r"多少|几|哪|什么|何|谁|how|what|when|which|who", re.I)


def asked_parts(question: str) -> list[tuple[str, Asked]]:
    """Each part of a question that asks for two or more kinds of phrase, with its kind, in
    order; [] when it asks for one."""
    parts = [p for p in _PART_BREAK.split(question) if _INTERROGATIVE.search(p)]
    if len(parts) < 2:
        return []
    kinds: dict[Asked, str] = {}
    for part in parts:
        if (found := asked(part)) is not None:
            kinds.setdefault(found, part)
    return [(part, kind) for kind, part in kinds.items()] if len(kinds) > 1 else []


def asked(question: str) -> Asked | None:
    text = normalize(question)
    found = _kind(text)
    if found is None:
        return None
    # Phrases of the asked kind that the question already states cannot be its answer.
    return Asked(
        found.kind,
        found.units,
        tuple(found._found(text)),
        found.titles,
        found.excluded,
        found.counted,
        _pairs(text),
    )


def _pairs(text: str) -> tuple[str, ...]:
    words = re.findall(rf"[^\W\d{_CJK_DIGITS}a-zA-Z_]{{2,}}", text)
    return tuple(dict.fromkeys(w[i : i + 2] for w in words for i in range(len(w) - 1)))


def _kind(text: str) -> Asked | None:
    if _ASKS_REFERENCE.search(text):
        return Asked("number", _REFERENCE)
    if _ASKS_STANDING.search(text):
        return Asked("number", _STANDING)
    if of := _ORDINAL_OF.search(text):
        return Asked("number", (*_RANK, of.group(1)))
    if _ASKS_LENGTH.search(text):
        return Asked("number", _LENGTH)
    if _ASKS_YEAR.search(text):
        return Asked("year")
    if _ASKS_DATE.search(text):
        return Asked("date")
    if person := _ASKS_PERSON.search(text):
        role = next(r for r in person.groups() if r).lower()
        return Asked("person", titles=_ROLE_TITLES.get(role, (role,)))
    if place := _ASKS_PLACE.search(text):
        return Asked(
            "place",
            ("村",)
            if re.search("村|village", place.group(0), re.I)
            else ("社区",)
            if re.search("社区|community", place.group(0), re.I)
            else (),
        )
    if _ASKS_AREA.search(text):  # 住房面积有多大？ is not answered by 人均纯收入3255元
        return Asked("number", _AREA)
    number = _ASKS_NUMBER.search(text)
    if number and _OTHER_QUESTION.search(f"{text[: number.start()]}，{text[number.end() :]}"):
        # Another interrogative is what is asked: '落实几部条例，想达到什么目的' (几 means
        # "several"), '哪一个组织估计死刑人数超过两千人' (the body, not the count).
        number = None
    if not number:
        return None
    unit = _UNIT_AFTER.search(text)
    if unit and unit.group(1) == "年":
        return Asked("number", _DURATION)
    if unit and unit.group(1) != "个":  # 个 counts anything: 多少个小时 is answered by 18小时
        units = _group(unit.group(1))
        return Asked(
            "number", units, counted=_times_of(text, unit.end()) if units == _TIMES else ()
        )
    for pattern, units in _NOUN_UNITS:
        if pattern.search(text):
            # '生产总值增长多少': a change is given as a share as often as in the noun's unit.
            extra = _SHARE if _CHANGE.search(text) and units != _SHARE else ()
            counted = tuple(_COUNTED_NOUN.findall(text))
            return Asked("number", units + extra, counted=counted)
    if _HOW_MANY.search(text):  # a count: never an amount of money or a share
        return Asked("number", excluded=(*_UNIT_GROUPS[3], *_SHARE))
    if unit:  # 多少个城市 is counted, not 浓度下降9.1% nor 投资7350亿元 (but 多少个亿 is money)
        money = () if re.search(r"个(?:亿|万|千万|百万)", text) else _UNIT_GROUPS[3]
        # ... nor by how often something was done: 多少个行政执法单位 is not 进行2次全面清理 (no
        # 多少个/几个 question of CMRC 2018 trial or DRCD test has its answer in 次, 场, 期, 轮).
        return Asked("number", excluded=(*money, *_SHARE, *_TIMES))
    return Asked("number")


def _times_of(text: str, end: int) -> tuple[str, ...]:
    """What a question counts the times of, by the last word of the noun right after 多少次
    (多少次免费咨询 -> 咨询; 有几场是讲民法典的 -> none: 是 starts no noun): a report counts
    consultations or disputes as cases (法律咨询205宗)."""
    after = re.match(rf"[^\W\d{_NOT_IN_NOUN}]{{2,8}}", text[end:])
    nouns = words(after.group(0)) if after else []
    return (nouns[-1],) if nouns else ()


def named_rate(question: str) -> str:
    """The rate a question asks for, by its last three characters ("" when none, or when a
    report need not name it): '贫困发生率下降到多少？' -> '发生率'. A share in a sentence that does
    not name it is the share of something else (农村居民人均可支配收入实际增长9.2%)."""
    found = _ASKED_RATE.search(normalize(question))
    rate = found.group(0)[: found.group(0).index("率") + 1] if found else ""
    return "" if rate.endswith(_UNNAMED_RATES) else rate


# What a yes/no question writes before what it asks about: 有没有按期答复, 是否开展了….
YES_NO_MARKER = re.compile(r"是否|有没有|是不是|能不能|可不可以")

# The change a question asks about (增长了多少？): its figure is written right after the verb.
CHANGE_VERB = re.compile(r"增长|增加|下降|减少|提高|降低|上涨|回落|下调|上调|增产|减产|扩大|缩小")


def change_figure(text: str, type_: Asked, changes: Sequence[str]) -> bool:
    """Whether `text` writes a phrase of the asked kind right after one of the change verbs
    `changes`: 国内生产总值达到67.7万亿元，增长6.9% answers 增长了多少？, and
    经济增长的贡献率达到66.4% does not."""
    if not changes:
        return False
    plain = normalize(text)
    verbs = "|".join(re.escape(v) for v in dict.fromkeys(changes))
    return any(
        re.search(rf"(?:{verbs})了?(?:约|近|超过)?{re.escape(span)}", plain)
        for span in type_.spans(text)
    )


# A question for what is left (还有多少贫困人口？, 尚有多少): a level, not a change.
ASKS_REMAINING = re.compile(r"(?:还|尚|仍)(?:有|剩)(?:下)?多少|剩下多少|剩余多少")


def a_change(text: str, at: int) -> bool:
    """The phrase starting at `at` in `text` is a change, written right after a change verb:
    农村贫困人口比上年减少290万 gives how many fewer, not how many are left."""
    before = normalize(text[max(0, at - 6) : at])
    return bool(re.search(rf"(?:{CHANGE_VERB.pattern})了?(?:约|近|超过)?$", before))
