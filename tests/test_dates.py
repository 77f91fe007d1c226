"""DATE spans and their ISO values, resolved against the publication date."""

from __future__ import annotations

from functools import partial

import pytest

from extract import Article, Extractor
from extract.dates import find_en, find_zh
from extract.lexicon import matches_at

PUBLISHED = "2023-12-22"

ZH = [
    ("今年4月，警方开展行动", "今年4月", "2023-04"),
    ("去年，全市共破获案件", "去年", "2022"),
    ("12月21日，市政府召开发布会", "12月21日", "2023-12-21"),
    ("2022年底以来，警方", "2022年底", "2022"),
    ("截至9月底，共抓获", "9月底", "2023-09"),
    ("2023年3月以来集中开展", "2023年3月", "2023-03"),
    ("2024-01-02公布", "2024-01-02", "2024-01-02"),
    ("去年12月，警方", "去年12月", "2022-12"),
    ("前年，全省", "前年", "2021"),
    ("明年1月起施行", "明年1月", "2024-01"),
    ("2023年初，警方", "2023年初", "2023"),
    ("今年上半年，全市", "今年上半年", "2023"),
    ("今年6月底，警方", "今年6月底", "2023-06"),
    ("截至2023年11月30日，共", "2023年11月30日", "2023-11-30"),
    ("7月份以来", "7月份", "2023-07"),
    ("10月10日至11日召开", "10月10日至11日", "2023-10-10"),
    ("12月21日上午，警方", "12月21日上午", "2023-12-21"),
    ("2023年12月22日10时30分，", "2023年12月22日10时30分", "2023-12-22T10:30"),
]
EN = [
    ("Police said last year that", "last year", "2022"),
    ("by the end of September", "the end of September", "2023-09"),
    ("on September 25th the court", "September 25th", "2023-09-25"),
    ("this year police", "this year", "2023"),
    ("the law takes effect next year", "next year", "2024"),
    ("a meeting on October 10-11", "October 10-11", "2023-10-10"),
    ("in March 2023 police", "March 2023", "2023-03"),
    ("on March 1, 2023, the court", "March 1, 2023", "2023-03-01"),
    ("in the first half of 2023", "the first half of 2023", "2023"),
    ("in 2021, police", "2021", "2021"),
    ("on 2023-12-22 09:15 police", "2023-12-22 09:15", "2023-12-22"),
    ("on Thursday police said", "Thursday", None),
]


@pytest.mark.parametrize(("text", "span", "value"), ZH)
def test_zh_dates(text: str, span: str, value: str) -> None:
    found = [(text[s:e], v) for s, e, v in find_zh(text, PUBLISHED)]
    assert (span, value) in found


@pytest.mark.parametrize(("text", "span", "value"), EN)
def test_en_dates(text: str, span: str, value: str) -> None:
    found = [(text[s:e], v) for s, e, v in find_en(text, PUBLISHED)]
    assert (span, value) in found


@pytest.mark.parametrize("text", ["近年来，警方", "近日，警方破获", "目前，案件正在审理", "以来", "此前，警方", "日前，警方",
                                  "近三年，全省", "近一个月，警方"])
def test_vague_time_words_are_not_dates(text: str) -> None:
    assert find_zh(text, PUBLISHED) == []


@pytest.mark.parametrize("text", ["in recent years", "recently, police", "in the coming months", "the past three years",
                                  "Police said 2,021 people"])
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


@pytest.mark.parametrize(("text", "published", "value"), [
    ("12月28日，警方", "2024-01-05", "2023-12-28"),
    ("12月28日起施行", "2023-12-22", "2023-12-28"),
    ("1月5日，警方", "2023-12-22", "2023-01-05"),
])
def test_month_without_year_takes_its_nearest_year(text: str, published: str, value: str) -> None:
    assert [v for _, _, v in find_zh(text, published)] == [value]


def test_english_month_without_year_takes_its_nearest_year() -> None:
    assert [v for _, _, v in find_en("on December 28 police", "2024-01-05")] == ["2023-12-28"]


def test_yiliai_after_a_relative_year() -> None:
    text = "今年以来，全省破获案件"
    assert [(text[s:e], v) for s, e, v in find_zh(text, PUBLISHED)] == [("今年", "2023")]


@pytest.mark.xfail(strict=True, reason="上个月/本月/上周 are not recognised as Chinese relative dates")
def test_zh_relative_month() -> None:
    assert [(s, e) for s, e, _ in find_zh("上个月，警方破获案件", PUBLISHED)] == [(0, 3)]


@pytest.mark.xfail(strict=True, reason="'last month' is found but gets no value (only relative years are resolved)")
def test_en_last_month_value() -> None:
    assert [v for _, _, v in find_en("last month police said", PUBLISHED)] == ["2023-11"]


@pytest.mark.xfail(strict=True, reason="an hour without minutes (10时) is not joined to the date")
def test_zh_hour_without_minutes_is_joined() -> None:
    text = "2023年12月22日10时，警方"
    assert [text[s:e] for s, e, _ in find_zh(text, PUBLISHED)] == ["2023年12月22日10时"]


@pytest.mark.xfail(strict=True, reason="abbreviated English months (Dec. 5) are not dates")
def test_en_abbreviated_month() -> None:
    assert [v for _, _, v in find_en("on Dec. 5 police said", PUBLISHED)] == ["2023-12-05"]


def test_zh_dates_tried_only_where_a_date_can_start() -> None:
    """find_zh tries the date pattern only at _ZH_STARTS: it finds the non-empty matches finditer finds."""
    import random

    from extract import dates

    pieces = [
        "2023", "2019", "20", "19", "1999", "12", "1", "0", "5", "30", "31", "123456", "٣", "２", "𑽐",
        "年", "年度", "月", "月份", "日", "号", "-", "/", ".", "至", "到", "—", "~", "时", "点", ":", "分",
        "今", "去", "前", "明", "本", "初", "底", "末", "中", "上半年", "旬", "上午", "晚", " ", "，", "次日", "记者",
    ]  # fmt: skip
    rng = random.Random(31)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = [m.span() for m in dates._ZH_RE.finditer(text) if m.end() > m.start()]
        starts = [m.start() for m in dates._ZH_STARTS.finditer(text)]
        found = [m.span() for m in matches_at(partial(dates._ZH_RE.match, text), starts) if m.end() > m.start()]
        assert found == expected, text


def test_zh_date_starts_read_from_the_marks_are_the_regex_starts() -> None:
    """_date_starts (str.find for the marks, digits read back) gives the starts of _ZH_STARTS.finditer."""
    import random

    from extract import dates

    pieces = [
        "2023", "2019", "20", "19", "1999", "12", "1", "0", "5", "30", "31", "123456", "12345", "٣", "２", "𑽐",
        "𑵐", "¹", "①", "七", "年", "年度", "月", "月份", "日", "号", "-", "/", ".", "至", "到", "—", "~", "时",
        "点", ":", "分", "今", "去", "前", "明", "本", "初", "底", "末", "中", "上半年", "旬", "晚", " ", "，", "\n",
    ]  # fmt: skip
    rng = random.Random(47)
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert dates._date_starts(text) == [m.start() for m in dates._ZH_STARTS.finditer(text)], text


def test_is_digit_is_what_regex_calls_a_digit() -> None:
    """_is_digit agrees with regex's \\d on every code point (str.isdecimal lags behind in newer scripts)."""
    import regex

    from extract import dates

    everything = "".join(map(chr, range(0x110000)))
    digits = {m.start() for m in regex.finditer(r"\d", everything)}
    assert {i for i, ch in enumerate(everything) if dates._is_digit(ch)} == digits
