"""What each figure of an answer is said of (answering/figure_span.py): a figure said of
none of the question's words does not answer it, even where the topic gate finds them in its
passage."""

from __future__ import annotations

from assistant.answering.extract import extract
from assistant.answering.figure_span import contrasted, said_of, said_of_nothing_asked
from assistant.report.chunks import Chunk
from assistant.retrieval.search import Hit
from assistant.text.nouns import NounCounts, noun_counts

# The 2015 work report's ¶5, shortened: the eastern region is named, its growth is not.
REVIEW = (
    "增速稳，国内生产总值达到63.6万亿元，比上年增长7.4%，在世界主要经济体中名列前茅。"
    "中西部地区经济增速快于东部地区。发展质量有新的提升，一般公共预算收入增长8.6%，"
    "能耗强度下降4.8%。"
)
WRITTEN = {"增速", "国内", "生产总值", "达到", "增长", "经济", "地区", "东部", "中西部", "发展"}
WRITTEN |= {"质量", "一般", "公共", "预算", "收入", "能耗", "强度"}


def idf(term: str) -> float:
    """The report writes these words (and their character pairs); no others."""
    pairs = {w[i : i + 2] for w in WRITTEN for i in range(len(w) - 1)}
    return 1.0 if term in WRITTEN or term in pairs else 0.0


def test_a_figure_is_said_of_its_sentence_up_to_its_clause() -> None:
    spans = said_of(REVIEW, REVIEW, ["63.6万亿元", "7.4%", "8.6%"])
    assert spans[0] == "增速稳,国内生产总值达到63.6万亿元"
    assert spans[1].endswith("国内生产总值达到63.6万亿元,比上年增长7.4%")  # its subject carries on
    assert spans[2] == "发展质量有新的提升,一般公共预算收入增长8.6%"  # not the sentence before


def test_a_sentence_naming_nothing_reads_the_one_before() -> None:
    context = "自公元前起为罗马帝国的城市。自从4世纪起"
    assert said_of(context, "自从4世纪起", ["4"]) == ["自公元前起为罗马帝国的城市。自从4世纪起"]


def test_figures_said_of_other_things_do_not_answer() -> None:
    figures = ["8.6%", "4.8%"]
    assert said_of_nothing_asked("去年东部地区的税收涨了多少？", REVIEW, REVIEW, figures, idf)
    # Words jieba tags as verbs (预算, 收入) name what a report's figures count.
    assert not said_of_nothing_asked(
        "去年一般公共预算收入增长了多少？", REVIEW, REVIEW, figures, idf
    )
    money = ["63.6万亿元"]
    assert said_of_nothing_asked("去年一般公共预算收入总共有多少亿元？", REVIEW, REVIEW, money, idf)
    # What the whole passage is about counts (its heading or first sentence).
    assert not said_of_nothing_asked(
        "去年一般公共预算收入总共有多少亿元？", REVIEW, REVIEW, money, idf, frame="一般公共预算"
    )


def test_no_judgement_without_a_written_word_or_with_a_pronoun() -> None:
    # 税收 is not written: a paraphrase may be, so nothing is judged.
    assert not said_of_nothing_asked("税收涨了多少？", REVIEW, REVIEW, ["8.6%"], idf)
    text = "其收入增长8.6%"
    assert not said_of_nothing_asked("东部地区收入增长多少？", text, text, ["8.6%"], idf)


def test_the_gate_refuses_through_the_real_extraction() -> None:
    nouns = NounCounts(noun_counts([REVIEW, "保障好群众住房需求。"]), 2)
    hit = Hit(Chunk(0, "r.txt", 5, (), REVIEW), 1, 1.6, 0.9, 0.7, 0.0)

    def ask(question: str) -> object:
        return extract(question, [hit], idf=idf, threshold=0.5, nouns=nouns)

    # The topic gate finds no noun in 一般公共预算收入 (jieba tags 预算, 收入 as verbs).
    assert ask("去年全国一般公共预算收入总共有多少亿元？").abstained  # type: ignore[attr-defined]
    assert ask("去年国内生产总值达到多少亿元？").highlights == ("63.6万亿元",)  # type: ignore[attr-defined]


def test_a_figure_said_of_the_other_qualifier_does_not_answer() -> None:
    rural = "农村居民人均可支配收入实际增长9.2%，快于城镇居民收入增长；"
    question = "去年城镇居民人均可支配收入增长了多少？"
    assert contrasted(question, "农村居民人均可支配收入实际增长9.2%")
    assert said_of_nothing_asked(question, rural, rural, ["9.2%"], idf)
    assert not said_of_nothing_asked("去年农村居民收入增长了多少？", rural, rural, ["9.2%"], idf)
    # A real growth is no nominal one; a span writing both qualifiers is not contrasted.
    assert contrasted("城镇居民收入名义增长了百分之几？", "城镇居民人均可支配收入实际增长10.4%")
    assert not contrasted("城镇居民收入名义增长了百分之几？", "名义增长12%，实际增长10.4%")
    assert not contrasted("出口增长了多少？", "进出口总额增长7.8%")
