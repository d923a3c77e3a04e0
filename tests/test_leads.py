"""Lists read through the real engine: a lead written as a paragraph of its own, items."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings

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
