"""Lists read through the real engine: a lead written as a paragraph of its own, items."""

from __future__ import annotations

from pathlib import Path

from assistant.answering.extract import extract
from assistant.answering.leads import items_after_leads
from assistant.config import Settings
from assistant.report.chunks import Chunk
from assistant.report.documents import Paragraph
from assistant.retrieval.search import Hit
from assistant.text.nouns import NounCounts, noun_counts

REPORT = [
    "某县政府工作报告",
    "一、2023年工作回顾",
    "过去一年，全县上下团结奋斗，经济社会发展取得新成效。",
    "全县地区生产总值达到320亿元，比上年增长6.1%；城镇新增就业1.2万人；粮食产量45万吨。",
    "我们坚持项目为王，新开工重点项目56个，完成投资210亿元。",
    "二、2024年工作安排",
    "今年全县经济社会发展的主要预期目标是：",
    "地区生产总值增长6%左右；城镇新增就业1万人以上；居民消费价格涨幅3%左右。",
    "这里要着重说明，提出地区生产总值增长6%左右，主要是强调高质量发展，引导各方面把着力点放到"
    "提高发展质量和效益上来。",
]


def test_last_year_and_this_year_on_a_report_whose_targets_lead_stands_alone(
    tmp_path: Path,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    from assistant.engine import Engine
    from assistant.index.store import open_index

    source = tmp_path / "source"
    source.mkdir()
    (source / "county.txt").write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    settings = Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)
    engine = Engine(settings, embedder, open_index(settings, embedder))
    last = engine.ask("去年地区生产总值增长了多少？").answer
    assert last.highlights == ("6.1%",) and last.citations[0].paragraph == 4
    target = engine.ask("今年地区生产总值增长的预期目标是多少？").answer
    assert target.highlights == ("6%左右",) and target.citations[0].paragraph == 8
    jobs = engine.ask("去年城镇新增就业多少人？").answer
    assert jobs.highlights == ("1.2万人",) and jobs.citations[0].paragraph == 4


TARGETS_REPORT = [
    "某市政府工作报告",
    "一、2023年工作回顾",
    "全市地区生产总值增长5.2%，城镇新增就业3.1万人，居民消费价格上涨0.4%。",
    "坚持房子是用来住的、不是用来炒的定位，稳地价、稳房价、稳预期。",
    "完善能耗考核方式，推动能耗双控逐步转向碳排放双控。",
    "二、2024年工作安排",
    "今年全市发展的主要预期目标是：地区生产总值增长5%左右；城镇新增就业3万人以上；"
    "居民消费价格涨幅3%左右；单位地区生产总值能耗和主要污染物排放量继续下降。",
]


def test_another_target_of_the_list_is_no_answer(
    tmp_path: Path,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    """Each target names what it is: 房价 and 能耗 have no target in the list, and the price
    and growth targets beside them are no answer (answering/topic.item_off_topic)."""
    from assistant.engine import Engine
    from assistant.index.store import open_index

    source = tmp_path / "source"
    source.mkdir()
    (source / "city.txt").write_text("\n".join(TARGETS_REPORT) + "\n", encoding="utf-8")
    settings = Settings(source_dir=source, index_dir=tmp_path / "index", progress=False)
    engine = Engine(settings, embedder, open_index(settings, embedder))
    assert engine.ask("今年房价涨幅的控制目标是多少？").answer.abstained
    assert engine.ask("今年单位地区生产总值能耗下降目标是多少？").answer.abstained
    for question in ("今年居民消费价格涨幅的目标是多少？", "今年通胀目标是多少？"):
        prices = engine.ask(question).answer
        assert not prices.abstained and prices.highlights == ("3%左右",), question
    growth = engine.ask("今年地区生产总值增长的预期目标是多少？").answer
    assert not growth.abstained and growth.highlights == ("5%左右",)


def _hit(document: str, paragraph: int, text: str, score: float, rank: int) -> Hit:
    return Hit(Chunk(paragraph, document, paragraph, (), text), rank, score, 0.9, 0.5, 0.0)


def test_the_items_a_lead_opens_come_before_it() -> None:
    """The 2011 work report: the lead ranked second, its items fourth, out of the three
    passages an answer is chosen from; asked 今年的主要预期目标是什么？, its items were not among
    the hits at all. They now score as the lead does, just before it."""
    texts = {
        1: "今后五年，我国经济增长预期目标是年均增长7%。",
        3: "今年国民经济和社会发展的主要预期目标是：",
        4: "国内生产总值增长8%左右；城镇新增就业900万人以上。",
        5: "2011年是“十二五”开局之年。",
    }
    paragraphs = {("r.txt", n): Paragraph("r.txt", n, text, text) for n, text in texts.items()}
    chunks = [Chunk(n, "r.txt", n, (), text) for n, text in texts.items()]
    hits = [
        _hit("r.txt", 1, texts[1], 2.8, 1),
        _hit("r.txt", 3, texts[3], 2.67, 2),
        _hit("r.txt", 5, texts[5], 2.62, 3),
        _hit("r.txt", 4, texts[4], 2.55, 4),
    ]
    ranked = items_after_leads(hits, paragraphs, chunks)
    assert [(h.chunk.paragraph, h.rank, h.score) for h in ranked[:3]] == [
        (1, 1, 2.8), (4, 2, 2.67), (3, 3, 2.67)
    ]  # fmt: skip
    without = items_after_leads([h for h in hits if h.chunk.paragraph != 4], paragraphs, chunks)
    assert [h.chunk.paragraph for h in without] == [1, 4, 3, 5]
    assert items_after_leads(hits[:1], paragraphs, chunks) == hits[:1]  # no lead: as it was


def test_another_item_gives_way_to_the_sentence_about_the_question() -> None:
    """今年广义货币M2增长目标是多少？ on the 2011 work report: the GDP item, which says 今年 in
    its lead, replaced the money sentence (which does not) and was then refused as another
    target; the money sentence now answers."""
    money = "实施稳健的货币政策。保持合理的社会融资规模，广义货币增长目标为16%。"
    items = "国内生产总值增长8%左右；居民消费价格总水平涨幅控制在4%左右；"
    lead = "今年国民经济和社会发展的主要预期目标是："
    nouns = NounCounts(noun_counts([money, items, lead]), 3)
    hits = [_hit("r.txt", 78, money, 2.6, 1), _hit("r.txt", 75, items, 2.4, 2)]
    answer = extract(
        "今年广义货币M2增长目标是多少？", hits, idf=lambda _: 1.0, threshold=0.5, nouns=nouns,
        openings={75: lead},
    )  # fmt: skip
    assert not answer.abstained and answer.highlights == ("16%",)
