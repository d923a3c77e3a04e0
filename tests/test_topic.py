"""The topic gate: a figure about something else than what the question asks about."""

from __future__ import annotations

import json

from assistant.answering.answer_types import asked
from assistant.answering.extract import extract, said_of_figures
from assistant.answering.topic import (
    TOPIC_SHARE,
    figures_off_topic,
    item_off_topic,
    off_topic,
    question_words,
    says_nothing_of,
    topic_share,
    unwritten_nouns,
)
from assistant.report.chunks import Chunk
from assistant.retrieval.search import Hit
from assistant.text.nouns import NounCounts, noun_counts, nouns

PARAGRAPHS = [
    "今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上。",
    "保障好群众住房需求。坚持房子是用来住的、不是用来炒的定位，稳地价、稳房价、稳预期。",
    "积极的财政政策要提质增效。今年赤字率拟按3.2%左右安排，不再发行抗疫特别国债。",
    "扩大有效投资。今年拟安排地方政府专项债券3.65万亿元。中央预算内投资安排6100亿元。",
    "过去一年，国防和军队建设取得新的重大成就。",
    "主要目标任务如期完成，脱贫攻坚目标任务全面完成。",
    "完成污染防治攻坚战阶段性目标任务。",
    "实现高职院校扩招100万人目标。",
    "如期实现全面建成小康社会目标。",
    "完成十四五规划目标任务。",
    "确保实现全年目标。",
    "目标是保持经济运行在合理区间。",
]  # 目标 is in most paragraphs of a work report: it says little about what is asked
NOUNS = NounCounts(noun_counts(PARAGRAPHS), len(PARAGRAPHS))


def idf(term: str) -> float:
    return 1.0


def ask(question: str, paragraph: int) -> object:
    text = PARAGRAPHS[paragraph]
    hit = Hit(Chunk(0, "r.txt", paragraph + 1, (), text), 1, 1.6, 0.9, 0.7, 0.0)
    return extract(question, [hit], idf=idf, threshold=0.5, nouns=NOUNS)


def test_nouns_are_counted_per_passage() -> None:
    assert {"房价", "生产总值", "国防"} <= set(NOUNS.counts)
    assert NOUNS.counts["房价"] == 1 and "稳" not in NOUNS.counts
    assert "开会" not in nouns("镇党委什么时候开会传达学习")  # a verb is not a topic


def test_a_question_holds_the_collection_nouns_longest_first() -> None:
    counts = {"法律": 3, "顾问": 2, "法律顾问": 2, "时候": 4, "合同": 1}
    assert question_words("法律顾问什么时候审查了多少份合同？", counts) == ["法律顾问", "合同"]


def test_a_figure_about_another_target_is_off_topic() -> None:
    """房价 is in the collection (one paragraph) but not in the GDP target's sentence."""
    assert ask("今年房价上涨的控制目标是多少？", 0).abstained  # type: ignore[attr-defined]
    right = ask("今年国内生产总值增长的预期目标是多少？", 0)
    assert not right.abstained and right.highlights == ("6%以上",)  # type: ignore[attr-defined]
    assert topic_share("今年房价上涨的控制目标是多少？", PARAGRAPHS[0], NOUNS) < TOPIC_SHARE  # type: ignore[operator]


def test_the_budget_of_something_the_passage_does_not_name() -> None:
    """预算 is there (中央预算内投资) but 国防, the specific word, is not."""
    assert off_topic("今年国防预算安排了多少？", PARAGRAPHS[3], NOUNS)
    assert ask("今年国防预算安排了多少？", 3).abstained  # type: ignore[attr-defined]
    assert ask("中央预算内投资安排了多少钱？", 3).highlights == ("6100亿元",)  # type: ignore[attr-defined]


TARGETS = [
    "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，"
    "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；单位国内生产总值能耗和主要污染物排放量继续下降。",
    "坚持房子是用来住的、不是用来炒的定位，稳地价、稳房价、稳预期。",
    "完善能耗考核方式。",
    "推动调查失业率控制在合理区间，确保重点群体就业。",
    "城镇新增就业1206万人，年末城镇调查失业率降到5.5%。",
    "广义货币供应量和社会融资规模增速同名义经济增速基本匹配。",
    "目标是保持经济运行在合理区间。",
]
TARGET_NOUNS = NounCounts(noun_counts(TARGETS), len(TARGETS))
LEAD = "今年发展主要预期目标是："


def test_a_list_item_must_name_the_questions_most_specific_noun() -> None:
    """The CPI target shares 涨幅 and 目标 with a question about house prices (share 0.6), but
    not 房价, the word the report uses least: another target is no answer."""
    prices = LEAD + "居民消费价格涨幅3%左右；"
    question = "今年房价涨幅控制目标是多少？"
    assert not off_topic(question, prices, TARGET_NOUNS)
    assert item_off_topic(question, prices, TARGET_NOUNS)
    assert not item_off_topic("今年居民消费价格涨幅的目标是多少？", prices, TARGET_NOUNS)
    jobs = LEAD + "城镇新增就业1200万人左右，城镇调查失业率5.5%左右；"
    assert not item_off_topic("今年城镇调查失业率控制在多少以内？", jobs, TARGET_NOUNS)
    growth = LEAD + "国内生产总值增长5%左右；"
    assert item_off_topic("今年单位国内生产总值能耗下降目标是多少？", growth, TARGET_NOUNS)
    # A measure of what is asked is not what is asked (增速 is in one paragraph only).
    assert not item_off_topic("今年国内生产总值增长增速的目标是多少？", growth, TARGET_NOUNS)


def test_a_list_item_is_read_through_the_real_extraction() -> None:
    def ask_item(question: str) -> object:
        hit = Hit(Chunk(0, "r.txt", 1, (), TARGETS[0]), 1, 1.6, 0.9, 0.7, 0.0)
        return extract(question, [hit], idf=idf, threshold=0.5, nouns=TARGET_NOUNS)

    assert ask_item("今年房价涨幅控制目标是多少？").abstained  # type: ignore[attr-defined]
    assert ask_item("今年单位国内生产总值能耗下降目标是多少？").abstained  # type: ignore[attr-defined]
    cpi = ask_item("今年居民消费价格涨幅的目标是多少？")
    assert not cpi.abstained and cpi.highlights == ("3%左右",)  # type: ignore[attr-defined]
    gdp = ask_item("今年国内生产总值增长的预期目标是多少？")
    assert not gdp.abstained and gdp.highlights == ("5%左右",)  # type: ignore[attr-defined]


def test_words_the_collection_never_uses_decide_only_alone() -> None:
    """股市 is in no paragraph: a question about it alone asks what the report never mentions
    (去年股市成交额是多少？ showed M2's 13.6% on the 2014 work report). Beside a noun the report
    uses, such a word may be a paraphrase (老百姓 for 群众) and does not decide."""
    assert topic_share("去年股市成交额是多少？", PARAGRAPHS[0], NOUNS) == 0.0
    assert off_topic("股市上涨了多少？", PARAGRAPHS[0], NOUNS)
    assert not off_topic("稳房价让多少老百姓受益？", PARAGRAPHS[1], NOUNS)
    assert 0.0 < TOPIC_SHARE < 1.0


def test_a_noun_the_report_writes_only_in_part_is_unwritten() -> None:
    """外汇储备 where the report writes only 物资储备 (2014: 去年外汇储备是多少？ showed the CPI
    target of a sentence on 粮食等物资储备); 粮食产量 where it writes 粮食安全 and 产量 is
    written."""
    texts = ["粮食等物资储备充裕，价格涨幅控制在3.5%左右。", "保障粮食安全，产量达到1.2万亿斤。"]
    counts = NounCounts(noun_counts(texts), len(texts))
    assert unwritten_nouns("去年外汇储备是多少？", counts) == ["外汇储备"]
    assert off_topic("去年外汇储备是多少？", texts[0], counts)
    assert unwritten_nouns("去年粮食产量是多少？", counts) == []
    assert not off_topic("去年粮食产量是多少？", texts[1], counts)


def test_a_noun_shortened_by_a_character_is_written() -> None:
    """镇委 is 镇党委 (town probe p331, 大涌镇的镇委书记叫什么名字？, was refused: its only noun
    was one the report 'never writes')."""
    texts = ["镇党委书记王英康结合大涌实际提出意见。", "召开镇党委会议。"]
    counts = NounCounts(noun_counts(texts), len(texts))
    assert unwritten_nouns("大涌镇的镇委书记叫什么名字？", counts) == []
    assert not off_topic("大涌镇的镇委书记叫什么名字？", texts[0], counts)
    assert unwritten_nouns("去年外汇储备是多少？", counts) == ["外汇储备"]


def test_the_index_keeps_the_noun_counts(engine) -> None:  # type: ignore[no-untyped-def]
    """Counted at build time and stored (nouns.json): no jieba on the question path."""
    stored = json.loads((engine.index.path / "nouns.json").read_text(encoding="utf-8"))
    assert stored == engine.index.nouns and stored["法律顾问"] >= 2
    assert engine.searcher.nouns.passages == len(engine.index.chunks)


def test_the_town_report_refuses_a_count_of_something_else(engine) -> None:  # type: ignore[no-untyped-def]
    """宣传资料 are never counted in the report; 299份 counts contracts."""
    engine.topic_gate = False
    try:
        assert "299份" in engine.ask("镇里发放了多少份民法典宣传资料？").answer.highlights
    finally:
        engine.topic_gate = True
    assert engine.ask("镇里发放了多少份民法典宣传资料？").answer.abstained
    right = engine.ask("2022年村(社区)法律顾问提供了多少宗免费法律咨询？").answer
    assert not right.abstained and right.highlights == ("205宗",)


def test_the_report_a_question_speaks_of_is_no_topic() -> None:
    """报告提出要在什么时候实现碳达峰 asks about 碳达峰, not about the report."""
    nouns = {"报告": 2, "碳达峰": 1, "政府": 30}
    assert question_words("报告提出要在什么时候实现碳达峰？", nouns) == ["碳达峰"]
    assert question_words("本报告中政府的目标是什么？", nouns) == ["政府"]
    assert question_words("审议了几份报告？", nouns) == ["报告"]  # a report as the topic


def test_a_measure_of_the_topic_is_no_topic() -> None:
    """减税降费的规模是多少 asks about 减税降费 (the 2017 work report's 3500亿元左右, in a
    sentence without 规模); 规模 as what is asked about stays."""
    nouns = {"减税降费": 3, "规模": 10, "企业": 40}
    assert question_words("今年减税降费的规模是多少？", nouns) == ["减税降费"]
    assert question_words("企业数量有多少？", {**nouns, "数量": 5}) == ["企业"]
    assert question_words("扩大了哪些企业的规模？", nouns) == ["企业", "规模"]
    # ... nor is one asked to change (a 2009 probe: 4万亿元 of 扩大国内需求 was its answer).
    assert question_words("2009年高校招生规模扩大多少？", {**nouns, "高校": 2}) == ["高校"]


def test_a_noun_read_across_a_numeral_or_an_adverb_is_no_topic() -> None:
    """新的扶贫线定在一个人多少钱？ (a 2009 work-report probe) asks nothing about 个人: 一个|人.
    It held only that noun, which 新标准提高到人均1196元 lacks, so it was refused. A noun
    across two content words stays (四川省|长 writes 省长)."""
    nouns = {"个人": 3, "扶贫": 2, "省长": 1, "四川省": 1, "常会": 1}
    assert question_words("新的扶贫线定在一个人多少钱？", nouns) == ["扶贫"]
    assert question_words("个人所得税怎么算？", nouns) == ["个人"]
    assert question_words("抢七局通常会在什么时候举行？", nouns) == []  # 通常|会
    assert question_words("他是何时辞去四川省长职务的？", nouns) == ["四川省", "省长"]


def test_what_the_report_says_of_something_it_never_names() -> None:
    """报告如何评价美国大选？ (2021 development d042) was answered with the opening line, which
    matched only 报告. Any question, not only one for a figure, abstains when the passage names
    none of its nouns; a passage naming them answers it."""
    opening = "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。"
    nouns = {"报告": 2, "政府": 30, "评价": 3, "房价": 1, "政协委员": 1}
    assert says_nothing_of("报告如何评价房价？", opening, nouns=NounCounts(nouns, 40))
    assert not says_nothing_of("报告如何评价房价？", PARAGRAPHS[1], NounCounts(nouns, 40))
    assert not says_nothing_of("如何评价房价？", opening, NounCounts(nouns, 40))  # not "the report"
    hit = Hit(Chunk(0, "r.txt", 1, (), opening), 1, 1.6, 0.9, 0.7, 0.0)
    asked = extract("报告如何评价房价？", [hit], idf=idf, threshold=0.5, nouns=NOUNS)
    assert asked.abstained


def test_an_english_question_is_judged_by_the_reports_words_it_names() -> None:
    """What was last year's grain output? (the 2017 work report) marked 51.6%, the share of
    services in a sentence without 粮食: its glossary words say what it asks about."""
    services = "消费在经济增长中发挥主要拉动作用。服务业增加值占国内生产总值比重上升到51.6%。"
    grain = "粮食产量首次跃上1.4万亿斤新台阶。"
    nouns = NounCounts(noun_counts([services, grain, *PARAGRAPHS]), len(PARAGRAPHS) + 2)

    def answer(text: str) -> object:
        hit = Hit(Chunk(0, "r.txt", 1, (), text), 1, 1.6, 0.9, 0.7, 0.0)
        return extract("What was last year's grain output?", [hit], idf=idf, threshold=0.5,
                       nouns=nouns)  # fmt: skip

    assert answer(services).abstained  # type: ignore[attr-defined]
    assert answer(grain).highlights == ("1.4万亿斤",)  # type: ignore[attr-defined]


def test_the_scope_of_a_figure_is_no_topic() -> None:
    """今年全国一般公共预算支出规模是多少？ (a PDF of the 2025 work report) was refused: jieba tags
    预算 and 支出 as verbs, so 全国 alone judged 一般公共预算支出规模29.7万亿元."""
    nouns = {"全国": 11, "我镇": 30, "法律顾问": 5, "人口": 3}
    assert question_words("今年全国一般公共预算支出规模是多少？", nouns) == []
    assert question_words("我镇有多少个法律顾问？", nouns) == ["法律顾问"]
    assert question_words("全国人口有多少？", nouns) == ["人口"]


def test_an_english_question_about_what_the_town_report_never_counts(engine) -> None:  # type: ignore[no-untyped-def]
    """Fixed-set q157 was answered with the 205宗 of free legal consultations: 'administrative
    penalty' is 行政处罚, which that sentence does not name."""
    penalties = engine.ask("How many administrative penalty cases did Dayong decide in 2022?")
    assert penalties.answer.abstained
    advice = engine.ask("How many free legal consultations did village legal advisers provide?")
    assert advice.answer.highlights == ("205宗",)


REVIEW = [  # a year in review: figures for one thing, a name without one for another
    "国内生产总值达到67.7万亿元，增长6.9%，在世界主要经济体中位居前列。粮食产量实现“十二连增”，"
    "居民消费价格涨幅保持较低水平。",
    "今年赤字率拟按3%安排，财政赤字2.38万亿元，比去年增加2000亿元。",
    "农村贫困人口减少1442万人。",
    "城镇新增就业1312万人，超过全年预期目标。",
    "单位国内生产总值能耗下降4.8%。",
    "就在草议获批两天后，内战第一场战役就展开了。",
    "积极的财政政策要提升效能。今年赤字率拟按2.8%左右安排、比去年有所下调。",
]
REVIEW_NOUNS = NounCounts(noun_counts(REVIEW), len(REVIEW))


def test_a_figure_said_of_something_else_does_not_answer() -> None:
    """The sentence names 粮食产量, but its figures are said of 国内生产总值."""
    said_of = said_of_figures(REVIEW[0], REVIEW[0], asked("去年粮食产量是多少？"))  # type: ignore[arg-type]
    assert said_of == "国内生产总值达到67.7万亿元,增长6.9%,在世界主要经济体中位居前列。"
    assert figures_off_topic("去年粮食产量是多少？", said_of, REVIEW_NOUNS)

    def answer(question: str, paragraph: int) -> object:
        hit = Hit(Chunk(0, "r.txt", paragraph + 1, (), REVIEW[paragraph]), 1, 1.6, 0.9, 0.7, 0.0)
        return extract(question, [hit], idf=idf, threshold=0.5, nouns=REVIEW_NOUNS)

    assert answer("去年粮食产量是多少？", 0).abstained  # type: ignore[attr-defined]
    assert answer("去年城镇新增就业多少人？", 3).highlights == ("1312万人",)  # type: ignore[attr-defined]
    # What the figure is said of may follow it in its sentence.
    assert answer("内战第一场战役是草议获批几天后打响的？", 5).highlights == ("两天后",)  # type: ignore[attr-defined]
    # A rate named in the question answers under jieba's longer noun (財政赤字率: 财政赤字).
    assert answer("今年財政赤字率是多少？", 1).highlights == ("3%",)  # type: ignore[attr-defined]
    # ... and a passage that never writes that noun (今年财政赤字率是多少？ on the 2022 report).
    assert answer("今年财政赤字率是多少？", 6).highlights == ("2.8%左右",)  # type: ignore[attr-defined]
    assert answer("去年农村贫困人口减少了多少？", 2).highlights == ("1442万人",)  # type: ignore[attr-defined]


def test_a_word_written_together_with_others_is_written() -> None:
    """城乡低保标准 writes the city's and the countryside's (2015 probe f026, refused before);
    科技、教育、卫生和文化事业 writes 卫生事业 (2007 probe s036)."""
    counts = {"城市": 3, "农村": 3, "低保": 1, "标准": 2, "卫生事业": 1, "中央财政": 2}
    found = NounCounts(counts, 10)
    text = "全面建立临时救助制度，城乡低保标准分别提高9.97%和14.1%。"
    assert topic_share("去年城市和农村的低保标准各提高了多少？", text, found) == 1.0
    spent = "全年中央财政用于科技、教育、卫生和文化事业的支出分别为774亿元、536亿元。"
    assert topic_share("中央财政的卫生事业支出是多少？", spent, found) == 1.0
    # Not a list whose last item carries the end: 卫生 alone is no 卫生事业.
    assert topic_share("中央财政的卫生事业支出是多少？", "中央财政加强卫生监督。", found) < 0.5
