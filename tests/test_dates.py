"""DATE spans and their ISO values, resolved against the publication date."""

from __future__ import annotations

import pytest

from extract import Article, Extractor
from extract.dates import find_en, find_zh

PUBLISHED = "2023-12-22"

ZH = [
    ("今年4月，警方开展行动", "今年4月", "2023-04"),
    ("去年，全市共破获案件", "去年", "2022"),
    ("12月21日，市政府召开发布会", "12月21日", "2023-12-21"),
    ("2022年底以来，警方", "2022年底", "2022"),
    ("截至9月底，共抓获", "9月底", "2023-09"),
    ("2023年3月以来集中开展", "2023年3月", "2023-03"),
    ("2024-01-02公布", "2024-01-02", "2024-01-02"),
]
EN = [
    ("Police said last year that", "last year", "2022"),
    ("by the end of September", "the end of September", "2023-09"),
    ("on September 25th the court", "September 25th", "2023-09-25"),
]


@pytest.mark.parametrize(("text", "span", "value"), ZH)
def test_zh_dates(text: str, span: str, value: str) -> None:
    found = [(text[s:e], v) for s, e, v in find_zh(text, PUBLISHED)]
    assert (span, value) in found


@pytest.mark.parametrize(("text", "span", "value"), EN)
def test_en_dates(text: str, span: str, value: str) -> None:
    found = [(text[s:e], v) for s, e, v in find_en(text, PUBLISHED)]
    assert (span, value) in found


@pytest.mark.parametrize("text", ["近年来，警方", "近日，警方破获", "目前，案件正在审理", "以来"])
def test_vague_time_words_are_not_dates(text: str) -> None:
    assert find_zh(text, PUBLISHED) == []


@pytest.mark.parametrize("text", ["in recent years", "recently, police", "in the coming months"])
def test_vague_english_time_words_are_not_dates(text: str) -> None:
    assert find_en(text, PUBLISHED) == []


def test_yiliai_is_not_part_of_the_date() -> None:
    text = "2023年3月以来"
    (s, e, _), = find_zh(text, PUBLISHED)
    assert text[s:e] == "2023年3月"


def test_relative_dates_without_publication_date_have_no_value() -> None:
    assert [v for _, _, v in find_zh("今年4月", None)] == [None]


def test_entity_records_carry_the_value() -> None:
    rec = Extractor().process(Article(id="d", text="今年4月，警方开展行动。", published=PUBLISHED))
    dates = [e for e in rec.entities if e.label == "DATE"]
    assert [(d.text, d.value) for d in dates] == [("今年4月", "2023-04")]
