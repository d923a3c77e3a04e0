"""Extractive answers on hand-made hits (pure logic; the real engine is tested elsewhere)."""

from __future__ import annotations

import numpy as np

from assistant.answering.answer_types import Asked, asked, named_rate
from assistant.answering.extract import extract, year_conflict
from assistant.answering.focus import content_tokens, focus_weights
from assistant.answering.leads import list_leads, paragraph_leads
from assistant.answering.years import year_words
from assistant.report.chunks import Chunk, answer_windows
from assistant.report.documents import Paragraph
from assistant.retrieval.aliases import named_terms
from assistant.retrieval.search import Hit

P26 = (
    "3.创新社会治理，提高社会治理科学化和法治化水平。优化公共法律服务，送法下乡。"
    "2022年，我镇11个村(社区)法律顾问提供免费法律咨询205宗，在村(社区)举办法治讲座44场。"
)
P47 = "6月30日，我镇召开党委理论学习中心组学习(扩大)会议暨民法典专题宣讲会。"


def hit(
    text: str,
    paragraph: int,
    rank: int = 1,
    dense: float = 0.9,
    keyword: float = 0.6,
    section: tuple[str, ...] = ("六、举措", "（一）职能"),
) -> Hit:
    chunk = Chunk(rank - 1, "r.txt", paragraph, section, text)
    return Hit(chunk, rank, score=dense + keyword, dense=dense, keyword=keyword, section=0.0)


def idf(term: str) -> float:
    return 1.0


def test_a_number_question_gets_the_sentence_with_the_number_highlighted() -> None:
    answer = extract("法律顾问提供了多少宗免费法律咨询？", [hit(P26, 26)], idf=idf, threshold=0.5)
    assert not answer.abstained
    assert "205宗" in answer.text
    assert "205宗" in answer.highlights
    assert answer.text.endswith("[1]")
    assert [(c.number, c.paragraph, c.section) for c in answer.citations] == [
        (1, 26, "六、举措 › （一）职能")
    ]


def test_a_date_question_highlights_the_date() -> None:
    answer = extract("民法典专题宣讲会是什么时候召开的？", [hit(P47, 47)], idf=idf, threshold=0.5)
    assert "6月30日" in answer.highlights


def test_weak_evidence_abstains_and_cites_nothing() -> None:
    answer = extract(
        "大涌镇有多少人口？", [hit(P26, 26, dense=0.3, keyword=0.0)], idf=idf, threshold=0.5
    )
    assert answer.abstained
    assert answer.text == "" and answer.citations == ()
    assert extract("任何问题", [], idf=idf, threshold=0.0).abstained


def test_citations_are_numbered_by_first_use_across_passages() -> None:
    hits = [hit(P26, 26), hit(P47 + "我镇法律顾问作了宣讲。", 47, rank=2)]
    answer = extract("法律顾问提供了多少咨询，宣讲会在哪天？", hits, idf=idf, threshold=0.5)
    numbers = [c.number for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    for c in answer.citations:
        assert f"[{c.number}]" in answer.text


def test_marked_wraps_each_highlight() -> None:
    answer = extract("提供了多少宗法律咨询？", [hit(P26, 26)], idf=idf, threshold=0.5)
    assert "<mark>205宗</mark>" in answer.marked(lambda s: f"<mark>{s}</mark>")


P43 = "2022年，我镇、村（社区）调委会共受理民间各类纠纷61宗，成功调处61宗，涉案金额约341.53万元。"


def test_a_figure_written_twice_is_marked_where_it_answers() -> None:
    answer = extract("调委会成功调处了多少宗纠纷？", [hit(P43, 43)], idf=idf, threshold=0.5)
    assert (answer.highlights, answer.occurrences) == (("61宗",), (1,))
    assert answer.marked(lambda s: f"【{s}】").startswith(
        "2022年，我镇、村（社区）调委会共受理民间各类纠纷61宗，成功调处【61宗】"
    )
    answer = extract("调委会共受理了多少宗纠纷？", [hit(P43, 43)], idf=idf, threshold=0.5)
    assert answer.occurrences == (0,)
    assert answer.marked(lambda s: f"【{s}】").count("【") == 1


def test_a_question_asking_two_things_gets_a_phrase_for_each() -> None:
    for question in (
        "2022年调委会受理了多少宗纠纷，涉案金额多少？",
        "How many disputes did the committees accept, and how much money was involved?",
    ):
        answer = extract(question, [hit(P43, 43)], idf=idf, threshold=0.0)
        assert answer.highlights == ("61宗", "约341.53万元"), question
    one = extract("调委会受理了多少宗纠纷？", [hit(P43, 43)], idf=idf, threshold=0.0)
    assert one.highlights == ("61宗",)


def test_question_kinds_and_content_tokens() -> None:
    assert asked("提供了多少宗？") == Asked("number", ("宗", "件", "起", "单"))
    assert asked("How many cases?") == Asked("number", ("宗", "件", "起", "单"))
    consultations = asked("How many free legal consultations did the advisers provide?")
    assert consultations is not None  # 11个 counts villages; the consultations are 205宗
    assert consultations.spans("我镇11个村（社区）法律顾问提供免费法律咨询205宗") == ["205宗"]
    villages = asked("How many villages are there?")
    assert villages is not None and villages.kind == "number" and not villages.units
    # "How many" asks for a count: an amount of money or a share does not answer it.
    hospitals = asked("How many new hospitals will be built this year?")
    assert hospitals is not None
    assert hospitals.spans("人均财政补助标准分别再增加30元和5元，参保率提高到95%") == []
    assert hospitals.spans("新建医院3所") == ["3所"]
    money = asked("How much money was involved?")
    assert money is not None and money.spans("涉案金额约341.53万元") == ["约341.53万元"]
    # Who counted is not what is counted: the lawyers reviewed contracts (份).
    contracts = asked("How many civil contracts did the public-sector lawyers review?")
    assert contracts is not None and contracts.units == ("份", "部", "篇", "件")
    lawyers = asked("How many lawyers serve the town?")
    assert lawyers is not None and lawyers.units[0] == "人"
    # An English rate or ratio asks for a share.
    ratio = asked("What is this year's target for the deficit-to-GDP ratio?")
    assert ratio is not None and ratio.units == ("%", "％", "成", "个百分点", "百分点")
    # 多少个 counts things: no amount of money answers it (今年要新增多少个城市更新项目？ was
    # answered 中央预算内投资7350亿元 on the 2025 work report), nor "a number of" (一批).
    projects = asked("今年要新增多少个城市更新项目？")
    assert projects is not None
    assert projects.spans("今年中央预算内投资拟安排7350亿元，出台一批区域发展政策。") == []
    assert projects.spans("完成两批试点，新开工改造城镇老旧小区5.6万个。") == ["5.6万个", "两批"]
    assert asked("投资了多少个亿？").spans("投资7350亿元") == ["7350亿元"]  # type: ignore[union-attr]
    # A change of a share in percentage points is one figure (the 2013 work report marked 1个).
    points = asked("赤字率提高了几个百分点？")
    assert points is not None and points.spans("赤字率拟按4%左右安排、比上年提高1个百分点") == [
        "4%左右",
        "1个百分点",
    ]
    # A figure of a report's economy, asked in English (national work reports).
    figures = (
        "What was GDP growth last year?",
        "What is the CPI target?",
        "What was last year's grain output?",
        "How large is this year's deficit?",
    )
    assert [getattr(asked(f), "kind", None) for f in figures] == ["number"] * 4
    assert asked("What is the plan for rural revitalisation?") is None
    # 哪位 + a title asks for the person holding it.
    minister = asked("哪位部长负责疫苗研发？")
    assert minister is not None and minister.kind == "person" and minister.titles == ("部长",)
    assert minister.spans("有序推进疫苗研制和加快免费接种") == []
    assert asked("什么时候召开？") == Asked("date")
    assert asked("王英康哪一年上任？") == Asked("year")
    assert asked("政务公开要实现哪几个方面的公开？") is None  # 哪几 asks "which", not a count
    assert asked("为什么要普法？") is None
    assert "多少" not in content_tokens("法律顾问提供了多少宗咨询？")
    assert "顾问" in content_tokens("法律顾问提供了多少宗咨询？")


def test_counts_must_agree_in_unit_and_dates_are_not_counts() -> None:
    count = Asked("number", ("宗", "件", "起", "单"))
    assert count.spans("提供免费法律咨询205宗，举办讲座44场") == ["205宗"]
    assert Asked("number").spans("6月30日，2022年，约341.53万元") == ["约341.53万元"]
    assert Asked("number", ("届",)).spans("参加第十三届竞赛") == ["第十三届"]


def test_documents_and_applications_are_counted_in_fen_or_jian() -> None:
    # 依申请公开收到了几份申请？ had abstained on 收到政府信息公开申请4件.
    applications = asked("依申请公开收到了几份申请？")
    assert applications is not None
    assert applications.spans("主动公开政府信息3548条；收到政府信息公开申请4件") == ["4件"]
    cases = asked("调解了几件纠纷？")  # 件 asked counts cases, not documents
    assert cases is not None and cases.spans("审查299份合同，受理纠纷61宗") == ["61宗"]


def test_a_number_the_passages_do_not_give_is_not_invented() -> None:
    answer = extract("大涌镇常住人口有多少人？", [hit(P26, 26)], idf=idf, threshold=0.5)
    assert answer.abstained and answer.confidence == 0.0


def test_focus_words_next_to_the_interrogative_weigh_double() -> None:
    weights = focus_weights("书记要求打造什么样的环境", idf)
    assert weights["环境"] == 2.0 and weights["书记"] == 1.0


def test_a_question_about_another_year_conflicts() -> None:
    assert year_conflict("2023年计划举办多少场讲座？", "2022年举办法治讲座44场")
    assert not year_conflict("2022年举办了多少场讲座？", "2022年举办法治讲座44场")
    assert not year_conflict("2023年有什么安排？", "深入实施八五普法规划")


def test_a_phrase_the_question_states_never_answers_it() -> None:
    question = asked("44场村居法治讲座里有几场是讲民法典的？")
    assert question == Asked("number", ("次", "场", "期", "轮"), ("44场",))
    assert question.spans("在村(社区)举办法治讲座44场，参与人数约700人次") == []
    assert question.spans("其中民法典讲座12场") == ["12场"]


def test_a_number_in_a_slogan_about_something_else_is_no_answer() -> None:
    court = asked("2022年镇行政机关负责人出庭应诉了几次？")
    assert court is not None
    slogan = "实现群众“一个窗口对外，群众最多跑一次”。"
    assert court.figures(slogan) == []
    assert court.spans(slogan) == ["一次"]  # what the highlight trees were fitted on
    assert court.figures("负责人出庭应诉3次，“最多跑一次”") == ["3次"]
    passage = "加大行政机关负责人出庭应诉力度，实现群众“一个窗口对外，群众最多跑一次”。"
    answer = extract(
        "2022年镇行政机关负责人出庭应诉了几次？", [hit(passage, 40)], idf=idf, threshold=0.5
    )
    assert answer.abstained
    # A quoted name of what the question asks about still answers it.
    circle = asked("镇里打造的法律服务圈是多长时间的？")
    assert circle is not None
    assert circle.figures("有效提升我镇“半小时法律服务圈”质量和水平") == ["半小时"]


def test_units_match_whole_measure_words() -> None:
    assert Asked("number", ("次", "场")).spans("参与人数约700人次") == []
    assert Asked("number", ("人", "人次")).spans("参与人数约700人次") == ["约700人次"]


def test_a_person_is_asked_for_by_the_role_they_hold() -> None:
    person = asked("镇党委书记是谁？")
    assert person == Asked("person", titles=("书记",))
    assert person.spans("镇党委书记王英康结合大涌实际提出意见") == ["王英康"]
    assert person.spans("党政办作为牵头政务公开督办单位") == []
    assert asked("镇长叫什么名字？") == Asked("person", titles=("镇长",))
    # A name stands for the role it is given with: the party secretary is not the mayor.
    for other_role in ("党政办的主任是谁？", "镇长叫什么名字？", "Who is the mayor of Dayong?"):
        assert asked(other_role).spans("镇党委书记王英康结合大涌实际提出意见") == []  # type: ignore[union-attr]
    assert asked("大涌镇的党委一把手是谁？").spans("镇党委书记王英康提出意见") == ["王英康"]  # type: ignore[union-attr]
    assert asked("镇政府的官方微信公众号叫什么？") is None  # a thing's name, not a person's
    # Plain 谁 is answered by roles, peoples and foreign names in general text: no gate.
    assert asked("规范性文件的清理工作是交给谁去做的？") is None
    assert asked("谁设计了该教堂？") is None


def test_a_rate_is_answered_only_by_a_sentence_that_names_it() -> None:
    """贫困发生率下降到多少？ on the 2015 work report, which gives no such rate, showed
    农村居民人均可支配收入实际增长9.2%."""
    review = "农村居民人均可支配收入实际增长9.2%，快于城镇居民收入增长；农村贫困人口减少1232万人。"
    question = "贫困发生率下降到多少？"
    assert extract(question, [hit(review, 5)], idf=idf, threshold=0.5).abstained
    named = "贫困人口减少6800多万，贫困发生率由10.2%下降到3.1%。"
    answer = extract(question, [hit(named, 9)], idf=idf, threshold=0.5)
    assert not answer.abstained and "3.1%" in answer.text
    assert named_rate(question) == "发生率" and named_rate("增长率是多少？") == ""
    # 失业率 is not 就业率 (2004 work report): 就业率去年底达到83% gives no unemployment rate.
    employed = "全国普通高校毕业生就业率去年底达到83%，比上年增加60万人。"
    question = "去年年末城镇登记失业率是多少？"
    assert named_rate(question) == "失业率"
    assert extract(question, [hit(employed, 9)], idf=idf, threshold=0.5).abstained


def test_counts_in_general_text() -> None:
    # Shares, ranks, durations, currencies and large numbers, as CMRC and DRCD write them.
    assert Asked("number", ("%", "％", "成")).spans("约占全省总播种面积的四分之三左右") == [
        "四分之三"
    ]
    share = asked("少数民族人口占总人口的百分之多少？")
    assert share is not None and share.spans("少数民族人口占总人口的83.4%") == ["83.4%"]
    assert asked("纳哈出率领多少蒙古军？") == Asked("number")  # 率领 is not a rate
    # A rate asked with its verb is a share: 今年赤字率拟按多少安排？ on the 2016 work report had
    # marked the deficit, 2.18万亿元, beside 赤字率提高到3%.
    for question in ["今年赤字率拟按多少安排？", "贫困发生率下降到多少？", "失业率控制在多少？"]:
        rate = asked(question)
        assert rate is not None and rate.spans("拟安排财政赤字2.18万亿元，赤字率提高到3%") == [
            "3%"
        ], question
    assert asked("胜率新纪录是多少胜？") == Asked("number")  # a record counted in wins
    rank = asked("重庆GDP按城市计算位居全国第几？")
    assert rank is not None and rank.spans("GDP按城市计算居全国第七。") == ["第七"]
    years = asked("重庆这名称出现到现在大约已经多少年？")
    assert years is not None and years.spans("重庆得名迄今已八百余年。") == ["八百余年"]
    assert asked("挪威的权力中心于西元几年转移到奥斯陆？") == Asked("year")
    assert Asked("year").spans("民国七十一年7月1日升格为省辖市") == ["民国七十一年"]
    money = asked("为学校筹得多少钱？")
    assert money is not None and money.spans("为学校筹得29亿美元") == ["29亿美元"]
    assert Asked("number").spans("耗费5,000,000美元") == ["5,000,000美元"]
    hours = asked("新生儿一天要睡超过多少个小时？")
    assert hours is not None and (hours.kind, hours.units) == ("number", ())  # 个: anything


def test_where_questions_want_a_place_of_the_asked_kind() -> None:
    village = asked("法治文化主题公园建在哪个村？")
    assert village == Asked("place", ("村",))
    assert village.spans("借助法治文化主题公园、宣传栏，中山市") == []
    assert asked("在哪些场合学习了反有组织犯罪法？") is None  # 在哪些 asks "which", not where
    assert asked("工作站的地址是什么？") == Asked("place")


def test_times_of_a_consultation_are_its_cases() -> None:
    """法律顾问提供了多少次免费咨询？ marked the 44场 of the lectures: a report counts
    consultations in cases (法律咨询205宗). Cases written right after what the question counts
    the times of answer it; cases of anything else do not."""
    text = "法律顾问提供免费法律咨询205宗，在村（社区）举办法治讲座44场，受理纠纷61宗。"
    consultations = asked("法律顾问提供了多少次免费咨询？")
    assert consultations is not None and consultations.counted == ("咨询",)
    assert consultations.spans(text) == ["44场", "205宗"]
    lectures = asked("举办了多少次讲座？")
    assert lectures is not None and lectures.spans(text) == ["44场"]
    answer = extract("法律顾问提供了多少次免费咨询？", [hit(text, 26)], idf=idf, threshold=0.5)
    assert answer.highlights == ("205宗",)


def test_a_village_is_named_from_where_its_name_starts() -> None:
    """哪个社区申报省级民主法治示范村？ marked 动大涌社区: three characters before 社区 took
    the end of 推动. A name starts where a word does, never with a preposition (在安堂社区)
    or a conjunction (和南文村)."""
    community = asked("哪个社区申报省级民主法治示范村？")
    assert community is not None
    assert community.spans("积极推动大涌社区按照标准申报示范村（社区）。") == ["大涌社区"]
    assert community.spans("总队在安堂社区举办了宣讲志愿活动。") == ["安堂社区"]
    village = asked("建在哪个村？")
    assert village is not None
    assert village.spans("服务岐山村和南文村，走访和平村") == ["岐山村", "南文村", "和平村"]


def test_several_is_not_a_count_when_something_else_is_asked() -> None:
    assert asked("镇里落实几部决策条例，想达到什么目的？") is None
    assert asked("镇里落实了几部决策条例？") == Asked("number", ("份", "部", "篇", "件"))


def test_closeness_in_meaning_chooses_between_windows_sharing_no_words() -> None:
    text = "镇里组织了普法讲座。镇里开展了禁毒宣传活动，主题是珍爱生命。"
    windows = answer_windows(text)
    assert windows[:2] == [("镇里组织了普法讲座。",), ("镇里开展了禁毒宣传活动，主题是珍爱生命。",)]
    closeness = np.array([0.80, 0.90, 0.85], dtype=np.float32)  # singles, then the pair

    def similarity(h: Hit) -> np.ndarray:
        return closeness

    question = "What was the theme of the anti-drug campaign?"  # no Chinese words to match
    chosen = extract(question, [hit(text, 48)], idf=idf, threshold=0.5, similarity=similarity)
    assert chosen.text == "镇里开展了禁毒宣传活动，主题是珍爱生命。[1]"
    plain = extract(question, [hit(text, 48)], idf=idf, threshold=0.5)
    assert plain.text != chosen.text  # without meaning, nothing tells the windows apart
    # A Chinese question is answered by the words it shares, whatever the vectors say.
    chinese = extract("镇里组织了什么讲座？", [hit(text, 48)], idf=idf, threshold=0.5,
                      similarity=similarity)  # fmt: skip
    assert chinese.text.startswith("镇里组织了普法讲座。")


def test_dates_written_without_digits() -> None:
    date = Asked("date")
    assert date.spans("天城文在19世纪晚期成为梵语的标准书写系统") == ["19世纪晚期"]
    assert "九月初九" in date.spans("每年农历九月初九重阳节举办")
    assert date.spans("当前和今后一个时期全镇的首要政治任务") == []


P1 = "认真贯彻落实《国务院关于加强法治政府建设的意见》（国发〔2010〕33号）。"


def test_a_document_number_is_not_a_count() -> None:
    """'国发〔2010〕33号' names a document: it does not answer 'GDP是多少', but it does
    answer a question about the document's number."""
    assert asked("大涌镇的GDP是多少？").spans(P1) == []  # type: ignore[union-attr]
    assert extract("大涌镇的GDP是多少？", [hit(P1, 1)], idf=idf, threshold=0.5).abstained
    answer = extract("《国务院关于加强法治政府建设的意见》文号是多少？", [hit(P1, 1)],
                     idf=idf, threshold=0.5)  # fmt: skip
    assert not answer.abstained and answer.highlights == ("33号",)


def test_english_text_that_asks_nothing_gets_no_answer() -> None:
    for text in ("test", "alert(1)", "<img src=x onerror=alert(1)>"):
        assert extract(text, [hit(P26, 26)], idf=idf, threshold=0.5).abstained, text
    question = "How many free legal consultations were provided?"
    assert not extract(question, [hit(P26, 26)], idf=idf, threshold=0.5).abstained


def test_a_change_in_a_value_may_be_answered_by_a_share() -> None:
    """'生产总值增长…是多少' is answered by '5%左右' as well as by an amount in 元."""
    sentence = "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。"
    found = asked("国内生产总值增长预期目标是多少？")
    assert found is not None and "5%左右" in found.spans(sentence)
    plain = asked("国内生产总值是多少？")
    assert plain is not None and plain.spans(sentence) == []  # a level is not a share


def test_gdp_is_money_not_a_rank_or_a_count() -> None:
    """'大涌镇的GDP是多少？' was answered by '第八个' (an ordinal passes as a count); a GDP is
    an amount of money, or a share when its growth is asked."""
    text = "开展第八个“宪法宣传周”活动，共举办讲座44场。"
    assert asked("大涌镇的GDP是多少？").spans(text) == []  # type: ignore[union-attr]
    assert extract("大涌镇的GDP是多少？", [hit(text, 1)], idf=idf, threshold=0.5).abstained
    money = "全年GDP达到356.2亿元，增长5.2%。"
    assert asked("大涌镇的GDP是多少？").spans(money) == ["356.2亿元"]  # type: ignore[union-attr]
    assert "5.2%" in asked("GDP增长了多少？").spans(money)  # type: ignore[union-attr]


def test_the_highlight_is_the_clause_with_the_words_the_question_weighs_most() -> None:
    """Counting shared words picked the report's closing formula (大涌镇, 2022, 法治政府建设);
    weighed by rarity and nearness to 什么, 思想 and 指导 pick the clause that answers."""
    text = (
        "2022年，大涌镇坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政，"
        "现将大涌镇2022年度法治政府建设情况报告如下："
    )
    answer = extract("大涌镇2022年推进法治政府建设是以什么思想为指导的？", [hit(text, 1)],
                     idf=idf, threshold=0.0)  # fmt: skip
    assert not answer.abstained
    assert len(answer.highlights) == 1 and "习近平新时代" in answer.highlights[0]


def test_a_list_joined_by_the_enumeration_comma_is_highlighted_whole() -> None:
    """、 joins the items of one clause; the highlight used to be one item of the list."""
    text = "我镇坚持法治工作和经济社会发展同部署、同推进、同督促、同考核、同奖惩，压实责任。"
    answer = extract("法治工作要和经济社会发展做到哪几个“同”？", [hit(text, 1)],
                     idf=idf, threshold=0.0)  # fmt: skip
    assert len(answer.highlights) == 1
    assert "同部署" in answer.highlights[0] and "同奖惩" in answer.highlights[0]
    assert "压实责任" not in answer.highlights[0]


def test_a_magnitude_counts_the_noun_after_it() -> None:
    """551万农村贫困人口 counts people, though 万 is not a measure word for them."""
    found = asked("2020年有多少农村贫困人口脱贫？")
    assert found is not None
    assert found.spans("年初剩余的551万农村贫困人口全部脱贫。") == ["551万"]
    assert found.spans("新开工改造城镇老旧小区5.3万个。") == []  # 个 is not a person


def test_a_magnitude_after_the_counted_noun_counts_it() -> None:
    """农村贫困人口减少1240万 (the 2017 work report) answers 贫困人口减少了多少, also as a
    target with its qualifier (1000万以上); a magnitude after another noun does not."""
    found = asked("2017年要减少多少农村贫困人口？")
    assert found is not None
    assert found.spans("今年再减少农村贫困人口1000万以上，完成易地扶贫搬迁340万人。") == [
        "340万人",
        "1000万以上",
    ]
    change = asked("农村贫困人口减少了多少？")  # a change: a share answers it too
    assert change is not None
    assert change.spans("农村贫困人口减少1240万，易地扶贫搬迁人口超过240万。") == [
        "1240万",
        "超过240万",
    ]
    assert change.spans("新增贷款超过12万亿，出口增长4%。") == ["4%"]  # 贷款 counts no people
    # 多少人 without the noun: a bare magnitude after a noun of people counts them.
    people = asked("2016年全国共有多少人易地扶贫搬迁？")
    assert people is not None
    assert people.spans("农村贫困人口减少1240万，易地扶贫搬迁人口超过240万。") == [
        "1240万",
        "超过240万",
    ]


def test_a_digit_of_a_latin_name_is_no_figure() -> None:
    """广义货币M2预期增长目标拟定为13%左右 (the 2013 work report) highlighted 2, from M2."""
    found = asked("今年的广义货币增长目标是多少？")
    assert found is not None
    assert found.spans("广义货币M2预期增长目标拟定为13%左右。") == ["13%左右"]
    assert found.spans("PM2.5浓度下降3%，建成5G基站60万个，参加G20峰会。") == ["3%", "60万个"]


def test_the_number_of_a_list_item_is_no_figure() -> None:
    """2.做好普法宣传教育 answered 大涌镇一共有多少个村（社区）？ with 2."""
    found = asked("大涌镇一共有多少个村（社区）？")
    assert found is not None
    assert found.spans("2.做好普法宣传教育。积极推动大涌社区申报示范村（社区）。") == []
    assert found.spans("3、在辖区11个村（社区）开展讲座。") == ["11个"]
    assert asked("增长了多少？").spans("增长2.5%。") == ["2.5%"]  # type: ignore[union-attr]


def test_a_magnitude_in_chinese_numerals_is_read_whole() -> None:
    """The 1985 work report: 粮食产量达到四亿零七百多万吨 highlighted 四亿."""
    found = asked("1984年粮食产量是多少？")
    assert found is not None
    assert "四亿零七百多万吨" in found.spans("粮食产量达到四亿零七百多万吨，比上年增长5.1%；")
    people = asked("全国有多少人？")
    assert people is not None
    assert people.spans("全国人口达到十亿零五千万人。") == ["十亿零五千万人"]


def test_how_many_of_a_thing_is_never_a_share() -> None:
    """去年有多少个城市细颗粒物浓度下降？ counts cities (74个), not 浓度下降9.1%."""
    found = asked("去年有多少个城市细颗粒物浓度下降？")
    assert found is not None
    spans = found.spans("74个重点城市细颗粒物（PM2.5）年均浓度下降9.1%。")
    assert "74个" in spans and "9.1%" not in spans
    hours = asked("每周多少个小时？")  # 个 still counts anything else
    assert hours is not None and hours.spans("每周服务18小时。") == ["18"]


def test_an_ordinal_is_not_a_count() -> None:
    """多少个 asks how many; 第十八届 says which one."""
    found = asked("青少年法治教育实践基地有多少个？")
    assert found is not None
    assert found.spans("组织学校参加第十八届全国法治动漫微视频作品征集活动。") == []
    assert found.spans("建成实践基地3个。") == ["3个"]


def test_a_question_for_a_name_is_not_a_count_wherever_its_interrogative_stands() -> None:
    """哪一个组织 asks for the body even before 人数 (DRCD: 哪一個組織估計…死刑的人數超過兩千人)."""
    assert asked("哪一个组织估计中国每年判处死刑的人数超过两千人？") is None
    assert asked("如何得知中国的死刑人数？") is None
    assert asked("镇里有哪几个村获得表彰，共多少个？") is not None  # 哪几 asks a count too


def test_periods_and_era_years_answer_when_questions() -> None:
    date, year = Asked("date"), Asked("year")
    assert date.spans("疫情期间，我镇开展线上普法") == ["疫情期间"]
    assert date.spans("“十三五”时期，全国脱贫攻坚取得胜利") == ["“十三五”时期"]
    assert date.spans("南京的发展基础在民国十八年打下") == ["民国十八年"]
    assert year.spans("至元十一年，元朝发动第一次侵日战争") == ["至元十一年"]
    # The report's set phrases name no time: 新时代, 新时期, 今后一个时期, 连续三年.
    assert date.spans("大涌新时代文明实践中心举办宣讲") == []
    assert date.spans("开创新时期法治工作新局面") == []
    assert date.spans("当前和今后一个时期的首要任务") == []
    assert date.spans("连续三年保持增长") == []
    assert year.spans("王英康哪一年上任") == []
    # Nor does the length of a plan or of schooling (2013 and 2025 work reports).
    assert date.spans("实施学前教育三年行动计划，“入园难”问题有所缓解") == []
    assert date.spans("出台实施新型城镇化战略五年行动计划") == []
    assert date.spans("全面实现城乡九年免费义务教育") == []


def test_counts_in_chinese_numerals_with_any_measure_word() -> None:
    kinds = asked("分割成的方格颜色有几种？")
    assert kinds is not None and kinds.spans("方格分为两种颜色") == ["两种"]
    times = asked("男性自杀比率是女性的多少倍？")
    assert times is not None and "三倍" in times.spans("男性约为女性的三倍")
    assert Asked("number").spans("参加第十八届全国法治动漫微视频征集") == []


def test_long_spans_ratios_and_large_numbers_in_words() -> None:
    years = asked("扁掌龙亚科在地球上生存了多少年？")
    assert years is not None and years.spans("持续生存了近2,400万年。") == ["2,400万年"]
    length = asked("太阳的亮度用了多久的时间增加了五分之二？")
    assert length is not None and length.spans("在这46亿年当中，它的亮度增加了") == ["46亿年"]
    share = asked("目前学校男女生比例是多少？")
    assert share is not None and share.spans("男女生比例约为1：7（男：女）") == ["1:7"]
    assert Asked("number").spans("研究开支总共六亿七千多万美金") == ["六亿七千多万"]
    assert Asked("number").spans("万一出现问题") == []


def test_a_range_names_its_first_year_too() -> None:
    """1975-1985年间 holds 1975: a question about 1975 is not contradicted by it."""
    assert not year_conflict("韩国在1975年后的十年教育经费增长了多少？", "1975-1985年间增长近16倍")
    assert year_conflict("2021年的目标是多少？", "2020年增长2.3%")


def test_a_year_named_earlier_in_the_passage_is_no_conflict() -> None:
    """The passage names its year once; the answer sentence goes on with another."""
    question = "为什么2008年NBA总决赛被誉为梦幻对决？"
    answer = "本届总决赛是继1987年以后再一次由凯尔特人及湖人对决，被誉为梦幻对决。"
    assert year_conflict(question, answer)
    assert not year_conflict(question, answer, "2008年NBA总决赛于6月举行。" + answer)


def test_the_year_of_an_answers_section_counts() -> None:
    """A target under 三、2021年重点工作 does not answer a question about 2020."""
    target = "粮食产量保持在1.3万亿斤以上。"
    assert year_conflict("2020年粮食产量是多少？", target, target, "三、2021年重点工作")
    assert not year_conflict("2021年粮食产量的目标是多少？", target, target, "三、2021年重点工作")
    assert not year_conflict("2020年粮食产量是多少？", target, target, "一、2020年工作回顾")


def test_a_passage_opening_with_another_year_and_english_years() -> None:
    """2001 work report: the passage opens with 2001年是…, so its 继续发行1500亿元长期建设国债 is
    no answer about 2000, in Chinese or in English; about 2001 it is."""
    answer = "继续发行1500亿元长期建设国债，集中用于在建项目和西部开发项目。"
    context = "2001年是进入新世纪、实施“十五”计划的第一年。做好今年的各项工作，至关重要。" + answer
    assert year_conflict("2000年发行了多少长期建设国债？", answer, context)
    english = "How much did the government issue in long-term construction bonds in 2000?"
    assert year_conflict(english, answer, context)
    assert not year_conflict("2001年要发行多少长期建设国债？", answer, context)
    assert not year_conflict(english.replace("2000", "2001"), answer, context)
    assert year_conflict("In 2000, how much did the government issue in bonds?", answer, context)
    assert not year_conflict("How much is 2,000 yuan in bonds?", answer, context)


def test_this_year_is_not_answered_under_the_review_of_last_year() -> None:
    """2005 work report: 全年粮食总产量达到46947万吨 under 一、过去一年工作回顾 (or
    一、一年来工作回顾, 2004) is last year's harvest, no answer to this year's target."""
    answer = "粮食生产出现重要转机，全年粮食总产量达到46947万吨，增产3877万吨。"
    for heading in ("一、过去一年工作回顾", "一、一年来工作回顾"):
        assert year_conflict("今年全国粮食总产量的目标是多少吨？", answer, answer, heading)
        assert not year_conflict("去年全国粮食总产量是多少吨？", answer, answer, heading)
    # The town report reviews its year under headings naming no review: 今年 is its year.
    assert not year_conflict("今年举办了多少场讲座？", "举办法治讲座44场。", "", "六、主要举措")


def test_a_figure_for_several_years_does_not_answer_one_year() -> None:
    """2001 work report: 五年累计实际利用外资2894亿美元 and 平均每年增长8.3％ are for the
    “九五” period; a question about 2000 alone is not answered by them, one about the period
    is."""
    text = "五年累计实际利用外资2894亿美元，比“八五”时期增长79.6％。"
    assert extract("2000年一年全国实际利用外资多少亿美元？", [hit(text, 7)], idf=idf,
                   threshold=0.5).abstained  # fmt: skip
    answer = extract("五年来实际利用外资一共多少亿美元？", [hit(text, 7)], idf=idf, threshold=0.5)
    assert not answer.abstained and answer.highlights == ("2894亿美元",)
    assert asked("社会消费品零售总额这几年平均每年增长多少？").units == ()  # 这几年 is no 几年


def test_what_is_left_is_not_a_change() -> None:
    """2005 work report: 农村贫困人口比上年减少290万 says how many fewer, not how many are left."""
    text = "加大扶贫工作力度，中央财政安排扶贫资金122亿元，农村贫困人口比上年减少290万。"
    left = extract(
        "到去年年底，全国农村还有多少贫困人口？", [hit(text, 27)], idf=idf, threshold=0.5
    )
    assert left.abstained
    fewer = extract("去年农村贫困人口减少了多少？", [hit(text, 27)], idf=idf, threshold=0.5)
    assert not fewer.abstained and fewer.highlights == ("290万",)


def test_english_questions_for_a_size_or_for_money_spent() -> None:
    size = asked("What was the size of China's foreign exchange reserves at the end of 2004?")
    assert size is not None and size.kind == "number"
    spent = asked("How much did the central government invest in the Three Gorges project?")
    assert spent is not None and "亿元" in spent.units
    assert named_terms("How much did China spend on national defense in 2003?") == ("国防",)


def test_a_close_sentence_about_the_year_asked_answers_instead_of_another_years() -> None:
    """The 2017 work report: 2016年国内生产总值增长了多少？ matches this year's target best
    (under 二、2017年工作总体部署: a conflict), and abstained; the review of 2016 answers."""
    review = "国内生产总值达到74.4万亿元，增长6.7%，名列世界前茅。"
    target = "今年发展的主要预期目标是：国内生产总值增长6.5%左右，在实际工作中争取更好结果；"
    hits = [
        hit(review, 9, 1, section=("一、2016年工作回顾",)),
        hit(target, 37, 2, section=("二、2017年工作总体部署",)),
    ]
    answer = extract("2016年国内生产总值增长了多少？", hits, idf=idf, threshold=0.5)
    assert not answer.abstained
    assert answer.highlights == ("6.7%",)
    assert answer.citations[0].paragraph == 9
    # The target still answers its own year; and with no sentence of the year asked, the
    # answer is still refused.
    own = extract("2017年国内生产总值增长目标是多少？", hits, idf=idf, threshold=0.5)
    assert own.highlights == ("6.5%左右",)
    other = extract("2015年国内生产总值增长了多少？", hits, idf=idf, threshold=0.5)
    assert other.abstained


def test_this_years_question_is_answered_by_the_item_of_this_years_targets() -> None:
    """今年…能耗要下降多少？: 2016's 能耗下降5% beside 上年 conflicts; the target item says 今年
    in its list's lead (今年发展的主要预期目标是：)."""
    review = "工业企业利润由上年下降2.3%转为增长8.5%，单位国内生产总值能耗下降5%。"
    targets = ("今年发展的主要预期目标是：国内生产总值增长6.5%左右；"
               "居民消费价格涨幅3%左右；单位国内生产总值能耗下降3.4%以上。")  # fmt: skip
    hits = [
        hit(review, 9, 1, section=("一、2016年工作回顾",)),
        hit(targets, 37, 2, section=("二、2017年工作总体部署",)),
    ]
    answer = extract("今年单位国内生产总值能耗要下降多少？", hits, idf=idf, threshold=0.5)
    assert answer.highlights == ("3.4%以上",)


def test_this_years_question_prefers_the_sentence_that_says_this_year() -> None:
    """今年的城镇登记失业率控制在多少？: the review's 年末城镇登记失业率4.02% says no year and
    comes first; the target item says 今年 in its lead and answers."""
    targets = ("今年发展的主要预期目标是：国内生产总值增长6.5%左右；"
               "城镇新增就业1100万人以上，城镇登记失业率4.5%以内；进出口回稳向好。")  # fmt: skip
    hits = [
        hit("年末城镇登记失业率4.02%，为多年来最低。", 10, 1, section=("一、2016年工作回顾",)),
        hit(targets, 37, 2, section=("二、2017年工作总体部署",)),
    ]
    answer = extract("今年的城镇登记失业率控制在多少？", hits, idf=idf, threshold=0.5)
    assert answer.highlights == ("4.5%以内",)
    # Asked without a year, the first sentence answers as before.
    plain = extract("城镇登记失业率是多少？", hits, idf=idf, threshold=0.5)
    assert plain.highlights == ("4.02%",)


def test_last_years_question_is_answered_from_the_section_of_the_year_before() -> None:
    """The 2015 work report: 去年城镇新增就业多少人？ best matches this year's target (under
    二、2015年工作总体部署); the review under 一、2014年工作回顾 says no 去年 but is last year."""
    review = "就业稳，城镇新增就业1322万人，高于上年。"
    targets = hit("今年经济社会发展的主要预期目标是：城镇新增就业1000万人以上。", 81, 1,
                  section=("二、2015年工作总体部署",))  # fmt: skip
    hits = [targets, hit(review, 14, 2, section=("一、2014年工作回顾",))]
    answer = extract("去年城镇新增就业多少人？", hits, idf=idf, threshold=0.5)
    assert answer.highlights == ("1322万人",)
    # Under a heading two years back, it is not last year: the answer is refused.
    old = hit(review, 14, 2, section=("一、2013年工作回顾",))
    assert extract("去年城镇新增就业多少人？", [targets, old], idf=idf, threshold=0.5).abstained


def test_a_plan_of_this_year_under_a_heading_without_a_year_is_not_last_years_figure() -> None:
    """Blind probes on the 2015 and 2007 work reports: 去年全国粮食一共收了多少？ best matched
    今年粮食产量要稳定在5.5亿吨以上 under 四、协调推动经济稳定增长和结构优化 (no year in the
    heading, so not the year after the review's) and was refused; 2006年煤炭行业淘汰了多少
    落后产能？ was refused on 今年力争…淘汰. The review of the year answers both."""
    plan = hit("今年粮食产量要稳定在5.5亿吨以上，保障粮食安全。", 68, 1,
               section=("四、协调推动经济稳定增长和结构优化",))  # fmt: skip
    said = "经济结构有新的优化，粮食产量达到6.07亿吨，消费贡献率上升。"
    review = hit(said, 5, 2, section=("一、2014年工作回顾",))
    answer = extract("去年全国粮食产量一共多少？", [plan, review], idf=idf, threshold=0.5)
    assert answer.highlights == ("6.07亿吨",)
    # Five years reviewed are not last year: nothing answers.
    years = hit(said, 5, 2, section=("一、过去五年工作回顾",))
    assert extract("去年全国粮食产量一共多少？", [plan, years], idf=idf, threshold=0.5).abstained
    coal = hit("五年淘汰落后炼铁产能1亿吨，今年力争淘汰3000万吨。", 54, 1,
               section=("三、促进经济又好又快发展",))  # fmt: skip
    cut = hit("煤炭、电解铝分别淘汰落后生产能力1.1亿吨和120万吨。", 13, 2,
              section=("一、2006年工作回顾",))  # fmt: skip
    answer = extract("2006年煤炭行业淘汰了多少落后产能？", [coal, cut], idf=idf, threshold=0.5)
    assert answer.citations[0].paragraph == 13


def test_last_years_figure_far_below_this_years_target_still_answers() -> None:
    """去年国内生产总值增长了多少？ (the 2015 and 2025 work reports) abstained: the target's
    国内生产总值增长 holds the rare bigram 值增 the review's 国内生产总值达到…增长 does not, and
    it scored the review too far below to take its place. Holding most of the target's words
    is close enough; a sentence about something else is not."""

    def rare(term: str) -> float:  # as in a work report: 值增 is written once, beside 总值
        return 2.0 if term == "值增" else 1.0

    target = "今年经济社会发展的主要预期目标是：国内生产总值增长7%左右，居民消费价格涨幅3%左右。"
    targets = hit(target, 81, 1, section=("二、2015年工作总体部署",))
    said = "增速稳，国内生产总值达到63.6万亿元，比上年增长7.4%，在世界主要经济体中名列前茅。"
    review = hit(said, 14, 2, section=("一、2014年工作回顾",))
    answer = extract("去年国内生产总值增长了多少？", [targets, review], idf=rare, threshold=0.5)
    assert answer.highlights == ("7.4%",)
    other = hit("城镇新增就业1322万人，高于上年。", 14, 2, section=("一、2014年工作回顾",))
    assert extract(
        "去年国内生产总值增长了多少？", [targets, other], idf=rare, threshold=0.5
    ).abstained


def test_the_figure_written_after_the_asked_change_answers() -> None:
    """2015年国内生产总值增长了多少？ on the 2016 work report showed 服务业在国内生产总值中的比重
    上升到50.5%…经济增长的贡献率达到66.4%: it holds 国内生产总值 and 增长 as the review's
    国内生产总值达到67.7万亿元，增长6.9% does, and its passage ranked higher. The figure of the
    change asked is the one written right after 增长."""
    section = ("一、2015年工作回顾",)
    share = (
        "服务业在国内生产总值中的比重上升到50.5%，首次占据“半壁江山”。"
        "消费对经济增长的贡献率达到66.4%。"
    )
    growth = "国内生产总值达到67.7万亿元，增长6.9%，在世界主要经济体中位居前列。"
    hits = [hit(share, 16, 1, section=section), hit(growth, 14, 2, section=section)]
    answer = extract("2015年国内生产总值增长了多少？", hits, idf=idf, threshold=0.5)
    assert answer.text.startswith(growth) and answer.highlights == ("6.9%",)
    # 经济增长 named as a thing, not asked as a change: its own sentence still answers.
    asked_share = extract("消费对经济增长的贡献率是多少？", hits, idf=idf, threshold=0.5)
    assert asked_share.highlights == ("66.4%",)


def test_next_years_plans_are_the_section_about_next_year() -> None:
    """明年镇里法治建设的工作计划有哪些？ (the town report) got ¶13, about the outline's
    implementation; its plans stand under 八、下一年度推进法治政府建设的主要安排, whose sentences
    do not say 明年. A question about next year that nothing answers so abstains."""
    done = (
        "实施以来，我镇认真贯彻落实中央、省、市关于法治政府建设的工作部署，有效推动法治建设工作。"
    )
    review = hit(done, 13, 1, section=("四、贯彻落实纲要的情况",))
    plans = hit("坚持党对法治政府建设工作的领导，落实年度工作计划。", 54, 2,
                section=("八、下一年度推进法治政府建设的主要安排",))  # fmt: skip
    answer = extract("明年镇里法治建设的工作计划有哪些？", [review, plans], idf=idf, threshold=0.5)
    assert answer.citations[0].paragraph == 54
    assert extract("明年镇里法治建设的工作计划有哪些？", [review], idf=idf, threshold=0.5).abstained


def test_last_year_is_not_answered_by_this_years_target() -> None:
    """去年粮食产量 asked of a work report; the sentence gives 今年's target (its lead-in)."""
    question = "去年粮食产量是多少？"
    answer = "粮食产量保持在1.3万亿斤以上；"
    context = "今年发展主要预期目标是：国内生产总值增长5%左右；" + answer
    assert year_conflict(question, answer, context)
    assert not year_conflict("今年粮食产量的目标是多少？", answer, context)
    review = "粮食产量1.37万亿斤，增产74亿斤。"
    assert not year_conflict(question, review, "过去一年……" + review)
    # A sentence that says both years, or neither, is no conflict.
    both = "去年经济增长2.3%，今年预期增长6%以上。"
    assert not year_conflict("去年经济增长了多少？", both, both)
    assert not year_conflict("去年经济增长了多少？", review, review)
    # Last year as the measure of this year's figure is not last year (the 2009 work report:
    # 拟安排中央财政赤字7500亿元，比上年增加5700亿元 answers 今年财政赤字是多少？).
    compared = "今年赤字率拟按3.2%左右安排、比去年有所下调。"
    assert year_conflict("去年赤字率是多少？", compared, compared)
    deficit = "拟安排中央财政赤字7500亿元，比上年增加5700亿元。"
    assert not year_conflict("今年财政赤字是多少？", deficit, deficit)
    assert not year_conflict("财政赤字比上年增加了多少？", deficit, deficit)


TARGETS = (
    "我们要努力保持经济社会持续健康发展。今年发展主要预期目标是：国内生产总值增长6%以上；"
    "城镇新增就业1100万人以上；粮食产量保持在1.3万亿斤以上。"
)


def test_an_item_of_a_list_is_read_with_the_list_lead() -> None:
    lead = "今年发展主要预期目标是："
    parts = [
        "甲。",
        lead + "国内生产总值增长6%以上；",
        "城镇新增就业1100万人；",
        "粮食产量保持。",
        "乙；",
    ]
    assert list_leads(parts) == ["", "", lead, lead, ""]


# The 2012 work report writes its targets' lead as a paragraph of its own (¶55), the items in
# the next one (¶56); the review of 2011 stands under its own heading (¶5).
LEAD_2012 = "今年经济社会发展的主要预期目标是："
ITEMS_2012 = (
    "国内生产总值增长7.5％；城镇新增就业900万人以上，城镇登记失业率控制在4.6％以内；"
    "居民消费价格涨幅控制在4％左右；进出口总额增长10％左右，国际收支状况继续改善。"
    "同时，要在产业结构调整、自主创新、节能减排等方面取得新进展。"
)
REVIEW_2012 = "国内生产总值47.2万亿元，比上年增长9.2％；公共财政收入10.37万亿元，增长24.8％。"


def test_a_passage_continues_the_lead_of_the_paragraph_before_it() -> None:
    parts = ["国内生产总值增长7.5％；", "进出口总额增长10％左右。", "同时，要在方面取得进展。"]
    assert list_leads(parts, LEAD_2012) == [LEAD_2012, LEAD_2012, ""]
    paragraphs = {
        ("r.txt", n): Paragraph("r.txt", n, text, text)
        for n, text in [
            (54, "我们要坚持稳中求进。"),
            (55, "我们要坚持稳中求进。" + LEAD_2012),
            (56, ITEMS_2012),
            (57, "这里要着重说明，国内生产总值增长目标略微调低。"),
        ]
    }
    window = Chunk(9, "r.txt", 56, (), ITEMS_2012[40:])  # a later window of a long paragraph
    hits = [hit(ITEMS_2012, 56), hit(paragraphs["r.txt", 57].text, 57, rank=2)]
    assert paragraph_leads([*hits, Hit(window, 3, 1.0, 0.5, 0.5, 0.0)], paragraphs) == {
        0: LEAD_2012
    }


def test_an_item_is_read_with_the_lead_in_the_paragraph_before() -> None:
    """On the 2012 work report 去年国内生产总值增长了多少？ had shown this year's target, 7.5％, and
    今年居民消费价格涨幅目标是多少？ the paragraph explaining the targets (¶57)."""
    targets = hit(ITEMS_2012, 56, section=("二、工作总体部署",))  # no year in the headings
    explained = hit(
        "这里要着重说明，国内生产总值增长目标略微调低。"
        "提出居民消费价格涨幅控制在4％左右，综合考虑了输入性通胀因素。", 57, rank=2,
        section=("二、工作总体部署",),
    )  # fmt: skip
    review = Hit(
        Chunk(2, "r.txt", 5, ("一、工作回顾",), REVIEW_2012), 3, 1.5, 0.88, 0.6, 0.0
    )  # fmt: skip
    hits = [targets, explained, review]
    openings = {targets.chunk.id: LEAD_2012}
    last = "去年国内生产总值增长了多少？"
    assert "7.5％" in extract(last, hits, idf=idf, threshold=0.5).highlights
    # With the lead the item is this year's: no passage says last year's growth.
    assert extract(last, hits, idf=idf, threshold=0.5, openings=openings).abstained
    prices = "今年居民消费价格涨幅目标是多少？"
    assert extract(prices, hits, idf=idf, threshold=0.5).citations[0].paragraph == 57
    answer = extract(prices, hits, idf=idf, threshold=0.5, openings=openings)
    assert answer.highlights == ("4％左右",) and answer.citations[0].paragraph == 56


def test_last_year_is_not_answered_under_this_years_heading_when_last_years_is_found() -> None:
    """The 2010 work report explains its target (这里要着重说明，提出国内生产总值增长8％左右) under
    二、2010年主要任务; 去年国内生产总值增长了多少？ is answered from 一、2009年工作回顾."""
    explained = hit(
        "这里要着重说明，提出国内生产总值增长8％左右，主要是强调好字当头。", 69,
        section=("二、2010年主要任务",),
    )  # fmt: skip
    review = "国内生产总值达到33.5万亿元，比上年增长8.7%；财政收入6.85万亿元，增长11.7%。"
    question = "去年国内生产总值增长了多少？"
    for heading, shown in [("一、2009年工作回顾", "8.7%"), ("一、工作回顾", "8％左右")]:
        other = hit(review, 6, rank=2, dense=0.88, section=(heading,))
        answer = extract(question, [explained, other], idf=idf, threshold=0.0)
        assert shown in answer.highlights, heading


def test_a_passage_that_says_last_year_lends_it_to_its_later_sentences() -> None:
    """去年城镇调查失业率是多少？ on the 2023 work report abstained: the sentence saying 去年 has no
    figure, and the review's 年末城镇调查失业率降到5.5% stands in a passage that says 过去一年 once,
    at its start."""
    said = hit("强化稳岗扩就业政策支持。去年城镇调查失业率一度明显攀升。", 11)
    review = hit(
        "过去一年，我国经济发展遇到多重超预期因素冲击。全年国内生产总值增长3%，"
        "城镇新增就业1206万人，年末城镇调查失业率降到5.5%。", 8, rank=3,
    )  # fmt: skip

    def rare_year(term: str) -> float:  # 去年 is rarer in a report than its other words
        return 3.0 if term in ("去年", "年城") else 1.0

    answer = extract("去年城镇调查失业率是多少？", [said, review], idf=rare_year, threshold=0.5)
    assert answer.highlights == ("5.5%",) and answer.citations[0].paragraph == 8
    assert year_words("去年城镇调查失业率是多少？") == {"last": {"去年", "年城"}}
    assert year_words("比去年增长了多少？") == {}  # a comparison asks no year


def test_the_item_asked_for_not_the_first_one_after_the_lead() -> None:
    """今年的粮食产量目标是什么？ had been answered with the GDP item: it shares 今年 and 目标是
    with the lead, which is written before the first item only."""
    answer = extract("今年的粮食产量目标是什么？", [hit(TARGETS, 30)], idf=idf, threshold=0.0)
    assert "粮食产量保持在1.3万亿斤以上" in answer.text
    assert not any("国内生产总值" in h for h in answer.highlights)


def test_several_years_are_not_answered_by_one() -> None:
    """过去五年国内生产总值年均增长多少？ on the 2017 and 2022 work reports (which review one
    year) showed 增长6.7% and 增长8.1%; a review of five years answers it."""
    growth = "过去五年国内生产总值年均增长多少？"
    assert year_conflict(growth, "国内生产总值达到74.4万亿元，增长6.7%")
    assert not year_conflict(growth, "国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%")
    jobs = "过去五年城镇新增就业累计多少？"  # the heading says it for its passages
    assert not year_conflict(jobs, "城镇新增就业6600万人以上。", heading="一、过去五年工作回顾")
    one_year = hit("国内生产总值达到74.4万亿元，增长6.7%，名列世界前茅。", 9, 1,
                   section=("一、2016年工作回顾",))  # fmt: skip
    question = "过去五年国内生产总值年均增长多少？"
    assert extract(question, [one_year], idf=idf, threshold=0.5).abstained
    five = hit("经济实力跃上新台阶。国内生产总值年均增长7.1%。", 5, 2,
               section=("一、过去五年工作回顾",))  # fmt: skip
    answer = extract(question, [one_year, five], idf=idf, threshold=0.5)
    assert not answer.abstained and answer.highlights == ("7.1%",)


def test_one_year_is_not_answered_by_several() -> None:
    """去年城镇居民人均可支配收入实际增长多少？ on the 2011 work report, which gives only the
    term's averages, showed 年均分别实际增长9.7% (the five years 2006-2010); a sentence naming a
    year beside its period still answers (2008: 2007年参保人数突破2亿人)."""
    income = "去年城镇居民人均可支配收入实际增长多少？"
    average = "城镇居民人均可支配收入和农村居民人均纯收入年均分别实际增长9.7%和8.9%；"
    assert year_conflict(income, average)
    assert year_conflict("2010年城镇居民人均可支配收入实际增长多少？", average)
    assert not year_conflict("过去五年城镇居民人均可支配收入年均实际增长多少？", average)
    assert not year_conflict(income, "去年城镇居民人均可支配收入实际增长7%，年均增长9.7%")
    insured = "全国财政用于社会保障支出五年累计1.95万亿元。2007年参保人数突破2亿人；"
    assert not year_conflict("去年有多少人参加了城镇职工基本养老保险？", insured)
    assert extract(income, [hit(average, 6, 1)], idf=idf, threshold=0.5).abstained
    said = hit("去年城镇居民人均可支配收入实际增长7%，农村居民人均纯收入实际增长9.3%。", 6, 2)
    answer = extract(income, [hit(average, 6, 1), said], idf=idf, threshold=0.5)
    assert not answer.abstained and answer.highlights == ("7%",)


def test_last_year_is_not_answered_under_this_years_plans() -> None:
    """去年发生了哪些重大自然灾害？ on the 2010 work report showed a plan under 二、2010年主要任务
    (健全重大自然灾害…应急处理机制). A sentence there that says last year answers; so does one
    under a heading that plans nothing (六、2022年度…的主要举措和成效, the town's year)."""
    question = "去年发生了哪些重大自然灾害？"
    plan = "健全重大自然灾害、突发公共安全事件应急处理机制。"
    assert year_conflict(question, plan, plan, "二、2010年主要任务")
    assert year_conflict(question, plan, plan, "二、2014年工作总体部署")
    said = "去年发生了严重自然灾害，我们全力抗灾。"
    assert not year_conflict(question, said, said, "二、2010年主要任务")
    assert not year_conflict(question, plan, plan, "六、2022年度推进法治政府建设的主要举措和成效")
    assert not year_conflict("今年要健全哪些机制？", plan, plan, "二、2010年主要任务")


def test_an_english_question_is_not_answered_by_a_passage_without_the_figure_it_names() -> None:
    """The 2022 work report answered it with new urban jobs: the report's words for lifted out
    of poverty (脱贫, 贫困) are nowhere in that passage."""
    question = "How many rural people were lifted out of poverty last year?"
    jobs = extract(
        question,
        [hit("城镇新增就业1269万人，城镇调查失业率平均为5.1%。", 8)],
        idf=idf,
        threshold=0.5,
    )
    assert jobs.abstained
    poor = extract(question, [hit("农村贫困人口减少1442万人。", 8)], idf=idf, threshold=0.5)
    assert poor.highlights == ("1442万人",)
    grain = extract(
        "How much was grain output last year?",
        [hit("全国粮食连续四年增产，2007年产量达到50150万吨。", 6)], idf=idf, threshold=0.5,
    )  # fmt: skip
    assert grain.highlights == ("50150万吨",)  # 粮食产量, written apart
