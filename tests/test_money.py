"""Money of every kind (issue 16): currencies by name, symbol and code in both languages, two-unit
amounts, 兆 and 成.  The table-driven tests take every spelling of patterns/currencies.toml (and its
CLDR part), so adding a currency adds its tests."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.currencies import CurrencyTable, Money, table
from extract.quantities import find_quantities

TABLE = table()


def _money(text: str, lang: str) -> list[tuple[str, float, str | None, str]]:
    return [(q.text, q.value, q.currency, q.unit) for q in find_quantities(text, lang) if q.kind == "money"]


@pytest.mark.parametrize(("spelling", "money"), sorted(TABLE.zh_units.items()))
def test_every_chinese_name_after_a_number(spelling: str, money: Money) -> None:
    got = _money(f"警方冻结涉案资金300万{spelling}。", "zh")
    assert got == [(f"300万{spelling}", 3_000_000, money.code, money.unit)]


@pytest.mark.parametrize(("name", "money"), sorted(TABLE.en_names.items()))
def test_every_english_name_after_a_number(name: str, money: Money) -> None:
    text = f"Police froze 3 million {name} in the accounts."
    got = _money(text, "en")
    assert [(g[1], g[2]) for g in got] == [(3_000_000, money.code)], got


@pytest.mark.parametrize(("symbol", "money"), sorted(TABLE.symbols.items()))
def test_every_symbol_and_code_before_a_number_in_english(symbol: str, money: Money) -> None:
    got = _money(f"Police froze {symbol}300 and {symbol} 2.5 million.", "en")
    assert [(g[1], g[2]) for g in got] == [(300, money.code), (2_500_000, money.code)], got


@pytest.mark.parametrize(("symbol", "money"), sorted(TABLE.zh_symbols.items()))
def test_every_symbol_and_code_before_a_number_in_chinese(symbol: str, money: Money) -> None:
    got = _money(f"收取{symbol}300，另有约{symbol}25万。", "zh")
    assert [(g[1], g[2], g[3]) for g in got] == [(300, money.code, money.unit), (250_000, money.code, money.unit)], got


@pytest.mark.parametrize("code", sorted(c for c in TABLE.codes if c.isupper()))
def test_every_code_after_a_number(code: str) -> None:
    assert [g[2] for g in _money(f"Police seized 5,000 {code} from the gang.", "en")] == [code]
    assert [g[2] for g in _money(f"民警追回5000 {code}。", "zh")] == [code]


# The hard cases of issue 16, as a table: text, language, the money found (text, value, currency).
CASES = [
    ("He paid RMB 300 and rmb 200.", "en", [("RMB 300", 300, "CNY"), ("rmb 200", 200, "CNY")]),
    ("The fund lost 125 million australian dollars.", "en", [("125 million australian dollars", 125_000_000, "AUD")]),
    ("A bond of HK$ 10.05 billion and C$ 300 million.", "en", [("HK$ 10.05 billion", 10_050_000_000, "HKD"), ("C$ 300 million", 300_000_000, "CAD")]),
    ("Fines of 5,000 yen, 50 pence and 300 Swiss francs.", "en", [("5,000 yen", 5000, "JPY"), ("50 pence", 50, "GBP"), ("300 Swiss francs", 300, "CHF")]),
    ("In 1990 the firm owed 2 million guilders and 300 naira.", "en", [("2 million guilders", 2_000_000, "NLG"), ("300 naira", 300, "NGN")]),
    ("He paid $20 for the card.", "en", [("$20", 20, "USD")]),
    ("Tickets cost 300€, 50 £ and 100$ abroad.", "en", [("300€", 300, "EUR"), ("50 £", 50, "GBP"), ("100$", 100, "USD")]),
    ("He owed 3 $5 bills.", "en", [("$5", 5, "USD")]),
    ("The gang took 5,000 USDT and 3 bitcoins.", "en", [("5,000 USDT", 5000, "USDT"), ("3 bitcoins", 3, "BTC")]),
    ("He paid 3 dollars 50 cents.", "en", [("3 dollars 50 cents", 3.5, "USD")]),
    ("It cost thirteen dollars and forty-five cents.", "en", [("thirteen dollars and forty-five cents", 13.45, "USD")]),
    ("A ticket of 3 pounds 50p.", "en", [("3 pounds 50p", 3.5, "GBP")]),
    ("骗取受害人4人民币，另有瑞士法郎1000瑞士法郎。", "zh", [("4人民币", 4, "CNY"), ("1000瑞士法郎", 1000, "CHF")]),
    ("涉案资金包括5000泰铢、1万越南盾、300港币、2万新台币、50万缅币和100万澳门元。", "zh",
     [("5000泰铢", 5000, "THB"), ("1万越南盾", 10000, "VND"), ("300港币", 300, "HKD"), ("2万新台币", 20000, "TWD"), ("50万缅币", 500000, "MMK"), ("100万澳门元", 1_000_000, "MOP")]),
    ("赃款折合200菲律宾比索和3000万柬埔寨瑞尔，另有5万澳元。", "zh", [("200菲律宾比索", 200, "PHP"), ("3000万柬埔寨瑞尔", 30_000_000, "KHR"), ("5万澳元", 50000, "AUD")]),
    ("新台币3亿元和港币300万元。", "zh", [("3亿元", 300_000_000, "TWD"), ("300万元", 3_000_000, "HKD")]),
    ("收到$20和￥300，约HK$100万。", "zh", [("$20", 20, "USD"), ("￥300", 300, "CNY"), ("约HK$100万", 1_000_000, "HKD")]),
    ("嫌疑人将赃款换成100 USDT和3个比特币。", "zh", [("100 USDT", 100, "USDT"), ("3个", 3, "BTC")]),
    ("涉案金额3元5角，单价3元5角2分。", "zh", [("3元5角", 3.5, "CNY"), ("3元5角2分", 3.52, "CNY")]),
    ("交易额四十九兆九千五百九十二亿元。", "zh", [("四十九兆九千五百九十二亿元", 49_959_200_000_000, "CNY")]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES, ids=[c[0][:20] for c in CASES])
def test_money_cases(text: str, lang: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(t, v, c) for t, v, c, _ in _money(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("诈骗案件同比下降三成。", [("三成", 30, None)]),
        ("七成以上的受害人是女性，近一成为老人。", [("七成以上", 70, "more_than"), ("近一成", 10, "nearly")]),
        ("破案率提升3成至5成。", [("3成至5成", 30, 50)]),
        ("他一成不变，三成员到场，形成合力。", []),
    ],
)
def test_cheng_is_a_share_in_tenths(text: str, expected: list[tuple[object, ...]]) -> None:
    got = [q for q in find_quantities(text, "zh") if q.kind == "percent"]
    assert all(q.unit == "%" for q in got)
    assert [(q.text, q.value, (q.value_max if q.value_max is not None else q.approx if q.approx != "exact" else None)) for q in got] == expected


def test_a_bare_dollar_is_usd_and_a_named_one_is_its_own() -> None:
    got = _money("They paid $5 million, 3 million Hong Kong dollars and NT$ 2 million.", "en")
    assert [g[2] for g in got] == ["USD", "HKD", "TWD"]


def test_an_ambiguous_cldr_symbol_means_only_what_the_hand_kept_table_says() -> None:
    # CLDR gives "$" to the New Taiwan dollar in zh-Hant and "¥" to the yen in English.
    assert TABLE.symbols["$"].code == "USD" and TABLE.symbols["¥"].code == "CNY"


def test_one_spelling_with_two_codes_is_an_error() -> None:
    t = CurrencyTable()
    t._put(t.zh_units, "元", Money("CNY", "元"), "zh name")
    with pytest.raises(ValueError, match="both CNY and JPY"):
        t._put(t.zh_units, "元", Money("JPY", "日元"), "zh name")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("警方查获3个比特币。", ("3个", "BTC", 3)),  # coins counted with a classifier are money
        ("收缴以太坊100枚。", ("100枚", "ETH", 100)),
        ("冻结USDT 500个。", ("500个", "USDT", 500)),
    ],
)
def test_coins_counted_with_a_classifier_are_money(text: str, expected: tuple[str, str, int]) -> None:
    (q,) = extract_text(text, lang="zh").quantities
    assert (q.text, q.kind, q.currency, q.value) == (expected[0], "money", expected[1], expected[2])


def test_a_classifier_before_other_things_still_counts() -> None:
    (q,) = extract_text("查获手机3个。", lang="zh").quantities
    assert (q.kind, q.currency) == ("count", None)
