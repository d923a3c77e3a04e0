"""Who delivered the report, and when: the lines above its first part.

A government work report opens with its title, a date line and the speaker:

    政府工作报告
    ——2017年3月5日在第十二届全国人民代表大会第五次会议上
    国务院总理　李克强

These lines share no words with 这份报告是谁作的？ or 报告是什么时候作的？, so the search does
not find them and the answer was a sentence that says 我代表国务院，向大会报告政府工作. A question
about the report's speaker or date is answered from them; a report without them (the town
report) does not say, and the assistant says so (no body sentence is about its own speaker).

    asks_front('这份报告是谁作的？')              -> 'speaker'
    asks_front('镇党委什么时候开会传达学习党的二十大报告？') -> None (a meeting's date)
    front_line('speaker', opening)            -> (¶4, '李克强')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.extract import Answer, Citation
from assistant.report.documents import Paragraph
from assistant.report.parts import part_number
from assistant.text.tokens import normalize

# The opening lines: before the first numbered part, and at most this many.
OPENING = 10
_REPORT = r"(?:这份|该|本|这个|此)?(?:政府工作)?报告"
_DELIVER = r"(?:作|做|发表|宣读|所作|撰写|写|提交|发布)"
# A question with no subject (那是什么时候作的？ after one about the report) asks about it.
_BARE = r"^(?:那|这|它)?(?:是|由)?(?:在)?"
_ASKS_SPEAKER = re.compile(
    rf"{_BARE}谁{_DELIVER}的[？?。]*$|{_REPORT}(?:是|由)?谁{_DELIVER}|谁{_DELIVER}[了的]?{_REPORT}|报告人|作报告的(?:人)?是谁|"
    rf"{_REPORT}的作者|"
    r"who (?:delivered|gave|presented|made|wrote|authored) (?:the|this) (?:[a-z-]+ ){0,3}report|"
    r"who is the (?:author|speaker) of (?:the|this) report",
    re.I,
)
_ASKS_DATE = re.compile(
    rf"{_BARE}(?:什么时候|何时|哪一?天){_DELIVER}的[？?。]*$|"
    rf"{_REPORT}(?:是|于)?(?:在)?(?:什么时候|何时|哪一?天|哪年哪月|几月几日|几月几号){_DELIVER}?|"
    rf"(?:什么时候|何时|哪一?天){_DELIVER}的?{_REPORT}|"
    r"when (?:was|is) (?:the|this) (?:[a-z-]+ ){0,3}report (?:delivered|given|presented|made|"
    r"published|released)",
    re.I,
)
_ROLE = r"(?:副?总理|主席|省长|市长|县长|区长|镇长|乡长|州长|部长|主任|书记|局长)"
_SPEAKER = re.compile(rf"{_ROLE}\s*([\u4e00-\u9fff]{{2,4}})$")
_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
_SHORT = 60  # characters: a front line, not a sentence of the body


def asks_front(question: str) -> str | None:
    """'speaker' or 'date' when the question asks who delivered the report or when."""
    text = normalize(question)
    if _ASKS_SPEAKER.search(text):
        return "speaker"
    if _ASKS_DATE.search(text):
        return "date"
    return None


def opening(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs above the first numbered part (一、…), at most OPENING of them."""
    out = []
    for paragraph in paragraphs[:OPENING]:
        if part_number(paragraph.text) is not None:
            break
        out.append(paragraph)
    return out


def front_line(kind: str, paragraphs: Sequence[Paragraph]) -> tuple[Paragraph, str] | None:
    """The opening line naming the speaker (with the name) or the date (with the date)."""
    for paragraph in opening(paragraphs):
        text = normalize(paragraph.text).strip()
        if len(text) > _SHORT:
            continue
        found = _SPEAKER.search(text) if kind == "speaker" else _DATE.search(text)
        if found is not None:
            phrase = found.group(1) if kind == "speaker" else found.group(0)
            if phrase in paragraph.text:
                return paragraph, phrase
    return None


def front_answer(paragraph: Paragraph, phrase: str, confidence: float) -> Answer:
    """The front line as the answer, cited, with the name or the date highlighted."""
    citation = Citation(1, paragraph.document, "", paragraph.number)
    return Answer(f"{paragraph.text}[1]", (phrase,), (citation,), False, confidence)
