"""The highlighted figure is the whole phrase the report writes (answering/phrase.py)."""

from __future__ import annotations

import pytest

from assistant.answering.phrase import whole


@pytest.mark.parametrize(
    ("text", "span", "question", "expected"),
    [
        ("非洲猴面包树的果实长约15至20厘米。", "约15", "果实长约多少厘米？", "约15至20厘米"),
        ("若游戏中离，则4分钟内不得配对", "4", "则多少分钟内不得配对？", "4分钟"),
        ("图书馆藏书81.6万册，", "81.6万", "藏书量是多少？", "81.6万册"),
        ("是该团体的第15张单曲", "第15", "是第几张？", "第15张"),
        ("1990年代以后开始彻底改建", "1990年", "什么时候开始改建？", "1990年代以后"),
        ("现将大涌镇2022年度法治政府建设情况报告如下", "2022年", "哪一年度的报告？", "2022年度"),
        ("于2008年8月15日及8月16日举行", "2008年8月15日", "何时举行？", "2008年8月15日及8月16日"),
        ("生殖季在2至4月", "4月", "生殖季是什么时候？", "2至4月"),
        ("1985年9月至1987年7月在校学习", "1985年9月", "是什么时候？", "1985年9月至1987年7月"),
        ("出现于西元前1534年", "1534年", "于何时出现？", "西元前1534年"),
        ("高英是第二位皇后", "二位", "是第几位？", "第二位"),
        ("高英是第二位皇后", "二位", "是第几位皇后？", "第二位皇后"),
        ("两者相差不足两年", "两年", "相差多久？", "不足两年"),
        ("可容纳6,476名观众，", "6,476名", "能容纳多少名观众？", "6,476名观众"),
        ("在辖区11个村（社区）开展讲座", "11个", "覆盖了多少个村（社区）？", "11个村"),
    ],
)
def test_a_figure_widens_to_what_belongs_to_it(
    text: str, span: str, question: str, expected: str
) -> None:
    assert whole(text, span, question) == expected


@pytest.mark.parametrize(
    ("text", "span", "question"),
    [
        # 初 of 初步 is no part of the year; the question names no counted thing after 宗.
        ("2003年初步建立制度", "2003年", "何时建立？"),
        ("提供免费法律咨询205宗，举办讲座44场", "205宗", "提供了多少宗免费法律咨询？"),
        # What follows 岁 in the question is a clause, not the thing counted.
        ("他12岁开始从事漫画", "12岁", "他多少岁开始从事漫画行业？"),
        # Counts joined by 及 stay apart: only dates form a range that way.
        ("受理61宗及调处44宗", "61宗", "受理了多少宗？"),
    ],
)
def test_a_figure_does_not_swallow_its_neighbours(text: str, span: str, question: str) -> None:
    assert whole(text, span, question) == span


def test_a_span_the_text_does_not_hold_is_returned_as_given() -> None:
    assert whole("没有这个数字", "205宗") == "205宗"
