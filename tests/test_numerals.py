"""The numeral normaliser: an exhaustive table from easy to nasty, plus round-trip property tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import numerals

D = Decimal

CASES: list[tuple[str, int | Decimal]] = [
    # Arabic
    ("0", 0), ("7", 7), ("42", 42), ("2693", 2693), ("10000", 10000), ("007", 7),
    ("1,067", 1067), ("21,000", 21000), ("1,067,000", 1067000), ("1，067", 1067), ("12,345,678", 12345678),
    ("3.5", D("3.5")), ("10.67", D("10.67")), ("0.5", D("0.5")), ("90.25", D("90.25")), ("1.0", 1),
    ("2.50", D("2.5")), ("1,234.5", D("1234.5")), (".5", D("0.5")), ("100.00", 100),
    # full-width
    ("２０２３", 2023), ("８", 8), ("１，０６７", 1067), ("３.５", D("3.5")), ("１０．５", D("10.5")),
    # single Chinese digits
    ("零", 0), ("〇", 0), ("一", 1), ("二", 2), ("两", 2), ("三", 3), ("四", 4), ("五", 5), ("六", 6),
    ("七", 7), ("八", 8), ("九", 9),
    # tens
    ("十", 10), ("十一", 11), ("十五", 15), ("二十", 20), ("两十", 20), ("二十一", 21), ("九十九", 99),
    ("一十", 10), ("一十二", 12), ("五十", 50),
    # hundreds, thousands
    ("一百", 100), ("百", 100), ("一百零一", 101), ("一百一十", 110), ("一百一", 110), ("三百五", 350),
    ("三百五十", 350), ("九百九十九", 999), ("两百", 200), ("二百零五", 205), ("一千", 1000), ("千", 1000),
    ("一千零一", 1001), ("一千零一十", 1010), ("一千一百", 1100), ("三千五", 3500), ("两千", 2000),
    ("九千九百九十九", 9999), ("五千零五十", 5050), ("一千零五", 1005),
    # 万
    ("万", 10000), ("一万", 10000), ("两万", 20000), ("两万五", 25000), ("两万五千", 25000), ("十万", 100000),
    ("十二万", 120000), ("一百万", 1000000), ("一千万", 10000000), ("三万零五", 30005), ("一万零一百", 10100),
    ("十万零一", 100001), ("五十万", 500000), ("九十九万九千九百九十九", 999999), ("一万二千三百四十五", 12345),
    ("三十五万", 350000), ("一千二百万", 12000000), ("两千万", 20000000),
    # 亿
    ("亿", 100000000), ("一亿", 100000000), ("两亿", 200000000), ("十亿", 1000000000), ("一亿零五", 100000005),
    ("三亿五千万", 350000000), ("一亿两千万", 120000000), ("一亿五", 150000000), ("十二亿", 1200000000),
    ("一万亿", 10**12), ("一千二百万亿", 12 * 10**14), ("一万零五亿", 1000500000000), ("三亿零五十万", 300500000),
    ("一亿零一万", 100010000), ("九亿九千九百九十九万九千九百九十九", 999999999),
    # 大写
    ("壹", 1), ("贰", 2), ("叁", 3), ("肆", 4), ("伍", 5), ("陆", 6), ("柒", 7), ("捌", 8), ("玖", 9),
    ("拾", 10), ("壹拾", 10), ("壹佰", 100), ("壹仟", 1000), ("壹仟贰佰叁拾肆", 1234), ("伍拾万", 500000),
    ("壹万零伍佰", 10500), ("叁亿", 300000000), ("玖仟玖佰玖拾玖", 9999), ("贰拾", 20), ("陆佰零捌", 608),
    # digit-by-digit (years, codes)
    ("二〇二三", 2023), ("二零二三", 2023), ("一九九八", 1998), ("二〇〇八", 2008), ("一二", 12),
    # mixed Arabic + Chinese
    ("8.3万", 83000), ("1.3万", 13000), ("5千", 5000), ("3000万", 30000000), ("110亿", 11000000000),
    ("3万4000", 34000), ("25万6千", 256000), ("16.4亿", 1640000000), ("47.264287亿", 4726428700),
    ("10.67亿", 1067000000), ("2179万", 21790000), ("0.5万", 5000), ("1.25万", 12500), ("3.1万", 31000),
    ("408万", 4080000), ("7163万", 71630000), ("2万", 20000), ("1亿2000万", 120000000), ("1,000万", 10000000),
    ("3.3万", 33000), ("７.６万", 76000), ("12万3", 120003), ("1.5千", 1500), ("2百", 200), ("5十", 50),
    ("1.067亿", 106700000), ("0.01亿", 1000000), ("3亿5000万", 350000000),
    # Chinese decimals
    ("三点五", D("3.5")), ("零点五", D("0.5")), ("十二点零五", D("12.05")), ("二十五点五", D("25.5")),
    ("三点五亿", 350000000), ("一点二万", 12000), ("百分之", None),
]  # fmt: skip

NON_NUMERALS = ["", "abc", "万万万x", "1.2.3", "点五", "三点", "3五", "1,0", "1" * 65]

VALID = [(text, value) for text, value in CASES if value is not None]


def test_table_has_enough_rows() -> None:
    assert len(VALID) >= 150


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_parse(text: str, expected: int | Decimal) -> None:
    value = numerals.parse(text)
    assert value == expected
    if isinstance(expected, int):
        assert isinstance(value, int), f"{text!r} should give an int, got {value!r}"


@pytest.mark.parametrize("text", NON_NUMERALS + [t for t, v in CASES if v is None])
def test_not_a_numeral(text: str) -> None:
    with pytest.raises(numerals.NumeralError):
        numerals.parse(text)


def test_exact_arithmetic_not_float() -> None:
    # 0.1 + 0.2 style float errors would show up here.
    assert numerals.parse("47.264287亿") == 4726428700
    assert numerals.parse("0.3万") == 3000
    assert numerals.parse("1.1") == Decimal("1.1")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("五六百", 500, 600), ("三四万", 30000, 40000), ("十五六", 15, 16), ("七八十", 70, 80), ("二三十", 20, 30),
     ("一两百", 100, 200), ("一两", 1, 2), ("五七", None, None), ("两三千", 2000, 3000), ("八九百", 800, 900), ("三四十万", 300000, 400000)],
)  # fmt: skip
def test_parse_range(text: str, low: int | None, high: int | None) -> None:
    got = numerals.parse_range(text)
    assert got == (None if low is None else (low, high))


def test_not_a_range() -> None:
    for text in ["五百", "三十", "五七", "十", "5"]:
        assert numerals.parse_range(text) is None


@pytest.mark.parametrize(
    ("text", "factor"), [("", 1), ("万", 10**4), ("十万", 10**5), ("百万", 10**6), ("千万", 10**7), ("亿", 10**8),
                         ("万亿", 10**12), ("千", 1000)]
)  # fmt: skip
def test_multiplier(text: str, factor: int) -> None:
    assert numerals.multiplier(text) == factor


def test_trailing_multiplier() -> None:
    assert numerals.trailing_multiplier("三万") == 10**4
    assert numerals.trailing_multiplier("3") == 1
    assert numerals.trailing_multiplier("五十万") == 10**5


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**16 - 1), st.booleans())
def test_chinese_grouped_round_trip(n: int, capital: bool) -> None:
    assert numerals.parse(numerals.to_chinese(n, grouped=True, capital=capital)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_digit_by_digit_round_trip(n: int) -> None:
    assert numerals.parse(numerals.to_chinese(n, grouped=False)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_with_separators_round_trip(n: int) -> None:
    assert numerals.parse(f"{n:,}") == n
    assert numerals.parse(f"{n:,}".replace(",", "，")) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_mixed_wan_round_trip(high: int, low: int) -> None:
    # 3万4000 style: Arabic groups joined by 万.
    text = f"{high}万{low}" if low >= 1000 or low == 0 else f"{high}万零{low}"
    if low == 0:
        text = f"{high}万"
    assert numerals.parse(text) == high * 10**4 + low


def test_linear_time_on_long_input() -> None:
    with pytest.raises(numerals.NumeralError):
        numerals.parse("万亿余" * 100_000)
    with pytest.raises(numerals.NumeralError):
        numerals.parse("9" * 200_000)
    assert numerals.parse("9" * 40) == int("9" * 40)
