"""The numeral reader: an exhaustive table from easy to nasty, malformed numerals, English cardinals, and
round-trip property tests (hypothesis, plus 10,000+ seeded random numbers per language, both ways)."""

from __future__ import annotations

import random
import time
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
    # long numerals (13 characters and more), mixed chains, financial capitals with 萬 and 圆-style amounts
    ("一百一十一万一千一百一十一", 1111111), ("九千九百九十九万九千九百九十九", 99999999),
    ("九千九百九十九亿九千九百九十九万九千九百九十九", 999999999999), ("肆佰叁拾萬", 4300000), ("壹仟玖佰", 1900),
    ("壹拾贰万叁仟肆佰伍拾陆", 123456), ("贰亿零叁佰万", 203000000), ("5万4千6百", 54600), ("1千零1", 1001),
    ("一万5000", 15000), ("2亿3千万", 230000000), ("1 万", 10000), ("12 亿", 1200000000),
    # 兆 = 10**12 at any depth, 万亿 the same
    ("兆", 10**12), ("一兆", 10**12), ("3兆", 3 * 10**12), ("三兆五千亿", 35 * 10**11), ("1.5兆", 15 * 10**11),
    ("两兆零五亿", 2 * 10**12 + 5 * 10**8), ("一万亿零一", 10**12 + 1), ("一兆一", 11 * 10**11),
    # 俩, 〇 gaps, traditional forms
    ("俩", 2), ("一千〇五", 1005), ("兩萬", 20000), ("壹億", 100000000),
    # signs
    ("负三点八", D("-3.8")), ("-3.8", D("-3.8")), ("−22.2", D("-22.2")), ("负5万", -50000), ("负二十", -20),
]  # fmt: skip

NON_NUMERALS = [
    "", "abc", "万万万x", "1.2.3", "点五", "三点", "3五", "1,0", "1" * 65,
    # malformed: place units out of order or repeated, a zero at an end, numbers side by side
    "七十百", "十十", "三百五十十", "一万万", "一亿亿", "五千六千", "1.5万5千", "一百零", "15千", "负负三", "--3", "零三百",
    "3万40000", "十百", "二三十一",
]  # fmt: skip

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


@pytest.mark.parametrize(
    ("first", "second", "low", "high"),
    [("一百二十", "一百五十万", 1200000, 1500000), ("七千", "九千亿", 7 * 10**11, 9 * 10**11), ("两", "三万", 20000, 30000),
     ("三", "五十万", 300000, 500000), ("十五", "二十万", 150000, 200000), ("八", "十二万", 80000, 120000),
     ("5000", "2万", 5000, 20000), ("1万", "5万", 10000, 50000), ("3", "5", 3, 5), ("二十", "三十", 20, 30),
     ("1.5", "3万", 15000, 30000), ("500", "1000万", 5000000, 10000000), ("300", "1万", 300, 10000),
     ("五", "六千", 5000, 6000), ("两", "三百", 200, 300), ("1 万", "5 万", 10000, 50000)],
)  # fmt: skip
def test_range_ends_carry_the_multiplier(first: str, second: str, low: int, high: int) -> None:
    assert numerals.range_ends(first, second) == (low, high)


@pytest.mark.parametrize(("first", "second"), [("五", "三"), ("3万", "2万"), ("10", "10"), ("七十百", "八十")])
def test_range_ends_must_rise(first: str, second: str) -> None:
    with pytest.raises(numerals.NumeralError):
        numerals.range_ends(first, second)


def test_longest_prefix() -> None:
    assert numerals.longest_prefix("七十百") == (70, 2)  # 百分之七十百分位
    assert numerals.longest_prefix("三百五十") == (350, 4)
    assert numerals.longest_prefix("万万") == (10000, 1)
    assert numerals.longest_prefix("点") is None


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**16 - 1), st.booleans(), st.booleans())
def test_chinese_grouped_round_trip(n: int, capital: bool, zhao: bool) -> None:
    assert numerals.parse(numerals.to_chinese(n, grouped=True, capital=capital, zhao=zhao)) == n


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


# ---------------------------------------------------------------------------------------------------
# English cardinals (the reader built from patterns/en/quantities.toml, as the quantity stage uses it)


def english() -> numerals.EnglishNumbers:
    from extract.quantities import EnQuantities, matcher

    m = matcher("en")
    assert isinstance(m, EnQuantities)
    return m.reader


ENGLISH: list[tuple[str, int | Decimal]] = [
    ("zero", 0), ("one", 1), ("twelve", 12), ("twenty", 20), ("twenty-one", 21), ("ninety five", 95),
    ("ninety-nine", 99), ("one hundred", 100), ("a hundred", 100), ("one hundred and six", 106),
    ("one hundred six", 106), ("two hundred and two thousand", 202000), ("fifteen hundred", 1500),
    ("one thousand and one", 1001), ("two million and five", 2000005), ("seventy-seven thousand", 77000),
    ("one million two hundred thousand and five", 1200005), ("three hundred and fifty million", 350000000),
    ("nine hundred ninety-nine trillion", 999 * 10**12), ("a million", 10**6), ("half a million", 500000),
    ("a dozen", 12), ("half a dozen", 6), ("three dozen", 36), ("3 dozen", 36), ("two dozen", 24),
    ("1.5 million", 1500000), ("1.26 hundred million", 126000000), ("3 ten thousand", 30000),
    ("10k", 10000), ("10K", 10000), ("1.2b", 1200000000), ("1MM", 1000000), ("5bn", 5000000000),
    ("3.5mn", 3500000), ("2tn", 2 * 10**12), ("1,500", 1500), ("20,000,000", 20000000), ("0.5", D("0.5")),
    ("-3.8", D("-3.8")), ("minus 5", -5), ("One Hundred And Six", 106),
]  # fmt: skip
NOT_ENGLISH = ["thirty and six", "and six", "one and", "hundred", "two three", "five twenty", "two thousand three million",
               "a", "a five", "half a", "one hundred hundred", "ten dozen thousand", "thousand", "10km", "zero five",
               "twenty thirty", "one hundred and thousand"]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text: str, expected: int | Decimal) -> None:
    value = english().parse(text)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("text", NOT_ENGLISH)
def test_not_english(text: str) -> None:
    with pytest.raises(numerals.NumeralError):
        english().parse(text)


# ---------------------------------------------------------------------------------------------------
# Round trips: 10,000+ seeded random numbers per language, written out and read back, both by the reader
# and through the quantity stage (so the patterns take the whole numeral, not only the reader).

ROUND_TRIPS = 10_000


def _random_int(rng: random.Random) -> int:
    """A random integer with up to 16 digits, many of them zeros (so 零 gaps and empty sections occur)."""
    width = rng.randint(1, 16)
    digits = [rng.choice("123456789")] + [("0" if rng.random() < 0.4 else rng.choice("123456789")) for _ in range(width - 1)]
    return int("".join(digits))


def _chinese_variants(n: int, rng: random.Random) -> str:
    """``n`` in Chinese, in one of the ways people write it: 小写 or 大写, 万亿 or 兆, 两, 〇, 萬/億, mixed Arabic."""
    style = rng.random()
    if style < 0.2 and n >= 10**4:
        # mixed: Arabic groups of four joined by 万 and 亿 (3亿0400万 is written 3亿零400万)
        groups, rest = [], n
        for unit in ("", "万", "亿", "万"):
            rest, group = divmod(rest, 10**4)
            groups.append((group, unit))
            if not rest:
                break
        out, zero = "", False
        for group, unit in reversed(groups):
            if group == 0:
                zero = bool(out)
                if unit == "亿" and out:
                    out += "亿"  # 1万亿: 亿 closes the 万 sections above it
                continue
            if out and (zero or group < 1000):
                out += "零"
            out, zero = out + str(group) + unit, False
        return out
    text = numerals.to_chinese(n, capital=style < 0.45, zhao=rng.random() < 0.3)
    if rng.random() < 0.5:
        text = "".join("两" if ch == "二" and nxt in "千百万亿兆" and rng.random() < 0.7 else ch
                       for ch, nxt in zip(text, text[1:] + " ", strict=True))  # fmt: skip
    if rng.random() < 0.3:
        text = text.replace("零", "〇")
    if rng.random() < 0.3:
        text = text.replace("万", "萬").replace("亿", "億")
    return text


def _random_decimal(rng: random.Random) -> Decimal:
    whole = _random_int(rng) if rng.random() < 0.5 else rng.randint(0, 9999)
    return Decimal(f"{whole % 10**10}.{rng.randint(0, 9999):04d}".rstrip("0").rstrip("."))


def test_chinese_round_trip_10000() -> None:
    from extract.quantities import find_quantities

    rng = random.Random(19)
    failures: list[tuple[str, object, object]] = []
    started = time.perf_counter()
    for i in range(ROUND_TRIPS):
        if i % 4 == 3:
            d = _random_decimal(rng)
            whole, _, frac = str(d).partition(".")
            if rng.random() < 0.5:
                text = numerals.to_chinese(int(whole)) + ("点" + numerals.to_chinese(int(frac), grouped=False).rjust(len(frac), "零") if frac else "")
                expected: int | Decimal = d
            else:
                unit, factor = rng.choice([("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("兆", 10**12), ("千", 1000)])
                text, expected = f"{d}{unit}", d * factor
        else:
            n = _random_int(rng)
            text, expected = _chinese_variants(n, rng), n
        if numerals.parse(text) != expected:
            failures.append((text, expected, numerals.parse(text)))
        if text in ("一", "壹"):
            continue  # a lone 一 is an article to the quantity stage (一起案件)
        got = [(q.text, q.value) for q in find_quantities(f"涉案金额{text}元，", "zh")]
        if got != [(f"{text}元", int(expected) if expected == int(expected) else float(expected))]:
            failures.append((text, expected, got))
    assert not failures, failures[:10]
    assert time.perf_counter() - started < 60  # a guard against a pattern gone quadratic, not a benchmark


def test_english_round_trip_10000() -> None:
    from extract.quantities import find_quantities

    reader = english()
    rng = random.Random(19)
    failures: list[tuple[str, object, object]] = []
    started = time.perf_counter()
    for i in range(ROUND_TRIPS):
        if i % 4 == 3:
            d = _random_decimal(rng)
            scale, factor = rng.choice([(" million", 10**6), (" billion", 10**9), (" trillion", 10**12),
                                        (" thousand", 1000), ("k", 1000), ("bn", 10**9), ("mn", 10**6)])  # fmt: skip
            text, expected = f"{d:,}{scale}", d * factor
        else:
            # 2 and up: a lone "one" is an article to the quantity stage ("one of them")
            n = max(2, rng.randint(2, 10**15 - 1) if rng.random() < 0.5 else _random_int(rng) % 10**15)
            text, expected = numerals.to_english(n, use_and=rng.random() < 0.5, hyphen=rng.random() < 0.5), n
        if reader.parse(text) != expected:
            failures.append((text, expected, reader.parse(text)))
        sentence = f"They lost {text} dollars in total."
        got = [(q.text, q.value) for q in find_quantities(sentence, "en")]
        if got != [(f"{text} dollars", int(expected) if expected == int(expected) else float(expected))]:
            failures.append((text, expected, got))
    assert not failures, failures[:10]
    assert time.perf_counter() - started < 60
