from assistant.config import ChunkSettings
from assistant.report.chunks import Chunk, sentences, windows
from assistant.report.documents import Paragraph, load_documents
from assistant.report.outline import heading_level, item_title, place

from .conftest import SOURCE

LEVEL1 = [2, 6, 9, 12, 15, 22, 49, 53]
LEVEL2 = [23, 27, 30, 33, 38, 40, 42, 45]
ORDINALS = "一二三四五六七八"


def _report() -> list[Paragraph]:
    return list(load_documents(SOURCE)[0].paragraphs)


def test_all_eight_top_level_headings_are_found_in_order() -> None:
    found = [p.number for p in _report() if heading_level(p.text) == 1]
    assert found == LEVEL1
    texts = {p.number: p.text for p in _report()}
    assert [texts[n][0] for n in LEVEL1] == list(ORDINALS)


def test_all_eight_second_level_headings_are_found_damaged_ones_included() -> None:
    texts = {p.number: p.text for p in _report()}
    found = [p.number for p in _report() if heading_level(p.text) == 2]
    assert found == LEVEL2
    assert [texts[n][:3] for n in LEVEL2] == [f"（{c}）" for c in ORDINALS]


def test_paragraph_26_has_the_documented_section_path() -> None:
    placed = {p.paragraph.number: p for p in place(_report())}
    assert placed[26].section == (
        "六、2022年度推进法治政府建设的主要举措和成效",
        "（一）依法全面履行政府职能",
    )
    assert placed[1].section == ()
    assert placed[47].section[-1].startswith("1.加强对政府工作人员的宪法法治宣传教育")
    assert placed[30].is_heading and placed[30].section == (placed[22].paragraph.text,)


def test_item_titles_and_non_items() -> None:
    assert item_title("1.职权法定，依法规范本镇。其余") == "1.职权法定，依法规范本镇"
    assert item_title("3.5万元的预算") is None
    assert item_title("我镇召开会议。") is None


def test_a_long_line_starting_like_a_heading_is_body_text() -> None:
    assert heading_level("一、" + "很长的正文。" * 30) == 0
    assert heading_level("（一）依法全面履行政府职能") == 2


def test_sentences_keep_closing_quotes() -> None:
    assert sentences("甲。“乙！”丙；丁") == ["甲。", "“乙！”", "丙；", "丁"]


def test_long_paragraph_windows_keep_sentences_whole_and_overlap() -> None:
    text = "".join(f"第{i}句话的内容比较长一些。" for i in range(30))
    parts = windows(text, ChunkSettings(max_chars=60, overlap_sentences=1))
    assert len(parts) > 1
    assert all(p.endswith("。") for p in parts)
    assert all(len(p) <= 60 for p in parts)
    assert parts[0].split("。")[-2] == parts[1].split("。")[0]  # one sentence of overlap


def test_chunk_embedding_text_carries_the_heading_path() -> None:
    chunk = Chunk(0, "r.txt", 26, ("六、举措", "（一）职能"), "正文")
    assert chunk.embedding_text(ChunkSettings()) == "六、举措 › （一）职能\n正文"
    assert chunk.embedding_text(ChunkSettings(section_context=False)) == "正文"
