"""Property-based tests: any text in, no exception out, numbers preserved."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.answering.highlight import clauses, segments
from assistant.config import ChunkSettings
from assistant.report.chunks import chunk_document, sentences, windows
from assistant.report.documents import parse_document
from assistant.report.outline import place
from assistant.text.formats import text_paragraphs
from assistant.text.tokens import tokens

# Chinese, punctuation of both widths, latin, digits, pinyin-ish parentheses, newlines.
ALPHABET = st.sampled_from(
    [
        *"大涌镇法治政府建设一二三、（）()，,。.;；:：“”？! \n\t\r",
        "鎮(zhèn)",
        "1.",
        "\x00",
        "🙂",
        "ａ",
    ]
)
TEXTS = st.lists(ALPHABET, max_size=200).map("".join) | st.text(max_size=200)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_text_paragraphs_number_lines_of_the_input(text: str) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbers = [number for number, _ in text_paragraphs(text)]
    assert numbers == sorted(set(numbers))
    for number, paragraph in text_paragraphs(text):
        assert 1 <= number <= len(lines)
        assert lines[number - 1].strip()
        assert paragraph.strip()


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_any_text_parses_and_chunks_with_its_paragraph_numbers(text: str) -> None:
    document = parse_document("any.txt", text.encode("utf-8"))
    expected = {number for number, _ in text_paragraphs(text)}
    assert {p.number for p in document.paragraphs} <= expected
    placed = place(document.paragraphs)
    assert [p.paragraph.number for p in placed] == [p.number for p in document.paragraphs]
    for chunk in chunk_document(document, ChunkSettings(max_chars=30)):
        assert chunk.paragraph in expected
        assert chunk.text


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.integers(min_value=5, max_value=80), st.integers(min_value=0, max_value=3))
def test_windows_cover_every_sentence(text: str, size: int, overlap: int) -> None:
    parts = windows(text, ChunkSettings(max_chars=size, overlap_sentences=overlap))
    joined = "".join(parts)
    for sentence in sentences(text):
        assert sentence in joined


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_tokens_never_fail_and_are_non_empty_strings(text: str) -> None:
    assert all(isinstance(t, str) and t for t in tokens(text))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_every_clause_has_a_segment_in_order(text: str) -> None:
    numbers = segments(text)
    assert len(numbers) == len(clauses(text))
    assert numbers == sorted(numbers)
