import pytest

from assistant.index.bm25 import BM25
from assistant.text.tokens import bigrams, normalize, tokens


def test_bigrams_of_a_run() -> None:
    assert bigrams("法律顾问") == ["法律", "律顾", "顾问"]
    assert bigrams("镇") == ["镇"]


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("法律顧問", "法律顾问"), ("ＡＢＣ１２３", "abc123"), ("村（社區）", "村(社区)")],
)
def test_questions_and_documents_meet_in_one_form(traditional: str, simplified: str) -> None:
    assert normalize(traditional) == simplified
    assert tokens(traditional) == tokens(simplified)


def test_numbers_and_words_are_tokens() -> None:
    assert tokens("提供205宗，约341.53万元 Legal advice") == [
        "提供", "205", "宗", "约", "341.53", "万元", "legal", "advice",
    ]  # fmt: skip


def test_bm25_prefers_the_document_with_the_rare_term() -> None:
    index = BM25([tokens("法律顾问提供咨询"), tokens("人民调解委员会"), tokens("法律宣传")])
    scores = index.scores(tokens("法律顾问"))
    assert scores.argmax() == 0
    assert scores[1] == 0.0
    assert index.idf("顾问") > index.idf("法律") > 0


def test_bm25_unknown_terms_score_nothing() -> None:
    index = BM25([tokens("法律顾问")])
    assert index.scores(["火星"]).tolist() == [0.0]
    assert index.idf("火星") == 0.0
