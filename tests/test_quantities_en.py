"""English quantities: sentences written for these tests (not from the corpus) and the data-file examples."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_quantities

from extract import extract_text, patterns
from extract.normalize import normalize
from extract.quantities import find_quantities


def check(text: str, expected: list[dict[str, Any]]) -> None:
    assert_quantities(text, [q.model_dump() for q in find_quantities(normalize(text), "en")], expected)


CASES: list[tuple[str, list[dict[str, Any]]]] = [
    ("Police detained four suspects on Monday.",
     [dict(text="four suspects", value=4, unit="suspect", kind="person", object="suspects")]),
    ("Investigators solved twenty-one cases in May.",
     [dict(text="twenty-one cases", value=21, unit="case", kind="case")]),
    ("They shut down more than 21,000 illegal accounts.",
     [dict(text="more than 21,000 illegal accounts", value=21000, approx="more_than", unit="account", object="illegal accounts")]),
    ("The platform has 1.067 billion registered users.",
     [dict(value=1067000000, unit="user", kind="person")]),
    ("Losses reached 3.3 million yuan.",
     [dict(text="3.3 million yuan", value=3300000, unit="yuan", kind="money", currency="CNY", object=None)]),
    ("Over 500 people were questioned.",
     [dict(text="Over 500 people", value=500, approx="more_than", kind="person")]),
    ("Nearly 8,000 websites were rectified.",
     [dict(text="Nearly 8,000 websites", value=8000, approx="nearly", unit="website")]),
    ("Almost 300 fugitives were caught.",
     [dict(approx="nearly", value=300, kind="person")]),
    ("About 40 gangs were broken up.", [dict(approx="about", value=40, unit="gang")]),
    ("Around 2,000 victims came forward.", [dict(approx="about", kind="person")]),
    ("Approximately 12,500 bank cards were frozen.", [dict(approx="about", value=12500, unit="card")]),
    ("Less than 10 percent of reports were false.",
     [dict(text="Less than 10 percent", approx="at_most", value=10, unit="%", kind="percent")]),
    ("Each suspect faces up to 7 years in prison.",
     [dict(text="up to 7 years", approx="at_most", value=7, unit="year", kind="duration")]),
    ("Fines ranged between 50 and 140 yuan.",
     [dict(text="between 50 and 140 yuan", value=50, value_max=140, kind="money")]),
    ("Teams of 10-20 people worked in shifts.",
     [dict(text="10-20 people", value=10, value_max=20, kind="person")]),
    ("They launched a 100-day campaign against fraud.",
     [dict(text="100-day", value=100, unit="day", kind="duration", object="campaign")]),
    ("Fraud cases fell 10.7 percent year on year.",
     [dict(text="10.7 percent", value=10.7, unit="%", kind="percent")]),
    ("Complaints dropped by 24%.", [dict(text="24%", value=24, kind="percent")]),
    ("The gang paid $7 million in bribes.",
     [dict(text="$7 million", value=7000000, kind="money", currency="USD")]),
    ("He was fined 5,000 dollars.", [dict(unit="dollar", currency="USD", value=5000)]),
    ("The victims lost RMB 2 million.", [dict(value=2000000, currency="CNY", kind="money")]),
    ("The videos drew millions of clicks.",
     [dict(text="millions of clicks", value=1000000, approx="several", unit="click")]),
    ("Thousands of accounts were suspended.", [dict(value=1000, approx="several")]),
    ("Police seized 2,300 mobile phones.", [dict(value=2300, unit="phone", object="mobile phones")]),
    ("The court sentenced 35 criminals.", [dict(unit="criminal", kind="person")]),
    ("The operation lasted three months.", [dict(text="three months", value=3, unit="month", kind="duration")]),
    ("Police removed more than 20,000 pieces of harmful information.",
     [dict(unit="piece", object="harmful information")]),
    ("Officers visited 120 schools and 45 hospitals.",
     [dict(value=120, unit="school"), dict(value=45, unit="hospital")]),
    ("One of the suspects, aged 35, was detained.", [dict(text="35", value=35, kind="age")]),
    ("A 62-year-old woman lost 40,000 yuan.",
     [dict(text="62-year-old", value=62, kind="age"), dict(text="40,000 yuan", kind="money")]),
    ("The victim is 70 years old.", [dict(text="70 years old", value=70, kind="age")]),
    ("Police in 12 cities joined; COVID-19 cases were not counted.", [dict(value=12, unit="city")]),
    ("Three of them were released.", []),
    ("Tens of thousands of accounts and two million users were affected.",
     [dict(text="Tens of thousands of accounts", value=10000, approx="several"), dict(text="two million users", value=2000000)]),
    ("It cost 5.6 billion yuan ($770 million).",
     [dict(text="5.6 billion yuan", currency="CNY"), dict(text="$770 million", currency="USD", value=770000000)]),
    ("Sentences ranged from two to three years.", [dict(text="two to three years", value=2, value_max=3, kind="duration")]),
    ("More than 80,000 \"black cards\" and 300 “zombie” accounts were seized.",
     [dict(text="More than 80,000 \"black cards\"", unit="card", object="black cards"),
      dict(text="300 “zombie” accounts", object="zombie” accounts".replace("”", ""))]),
    ("They cleaned up 19,000 pieces of illegal and harmful information and closed 32 websites.",
     [dict(object="illegal and harmful information"), dict(unit="website")]),
    ("The suspects, aged between 20 and 45, were warned 4,287 person-times.",
     [dict(value=20, value_max=45, kind="age"), dict(unit="person-time", kind="person")]),
    ("Police questioned 20 and charged 45 suspects.", [dict(text="45 suspects", value=45)]),
    ("In 2023 the police launched the campaign.", []),
    ("The law took effect on March 1, 2024.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:20] for c in CASES])
def test_sentence(text: str, expected: list[dict[str, Any]]) -> None:
    check(text, expected)


XFAIL: list[tuple[str, list[dict[str, Any]]]] = [
    # A counted noun before "hit": the number has no noun after it and no scale word.
    ("The number of suspects hit 950 this year.", [dict(value=950, unit="suspect")]),
]


@pytest.mark.xfail(strict=True, reason="a bare number whose noun comes before the verb is not taken yet")
@pytest.mark.parametrize(("text", "expected"), XFAIL, ids=[c[0][:20] for c in XFAIL])
def test_known_failures(text: str, expected: list[dict[str, Any]]) -> None:
    check(text, expected)


def test_data_file_examples() -> None:
    examples = patterns.load("en", "quantities").get("examples", [])
    assert examples
    for ex in examples:
        check(ex["text"], ex["expect"])


@pytest.mark.xfail(strict=True, reason="after a hyphenated duration the object runs on into the verb phrase")
def test_hyphenated_duration_object_stops_at_the_noun() -> None:
    (q,) = extract_text("The 100-day campaign also targeted online gambling.", lang="en").quantities
    assert (q.value, q.unit, q.object) == (100, "day", "campaign")


@pytest.mark.parametrize(("text", "value"), [
    ("The amount involved was 1.26 hundred million yuan.", 126000000),  # 亿 translated word for word
    ("They paid 3 ten thousand yuan.", 30000),  # 万 translated word for word
    ("about 1.5 million yuan", 1500000),  # a quantity that ends the text
    ("two hundred people", 200),
])
def test_machine_translated_scales_and_text_end(text: str, value: int) -> None:
    (q,) = extract_text(text, lang="en").quantities
    assert q.value == value and text[q.start : q.end] == q.text


@pytest.mark.parametrize(("text", "currencies"), [
    ("He paid RMB 300 and rmb 200", ["CNY", "CNY"]),  # a lower-case code once crashed the matcher
    ("Fines of Rmb 300 were paid.", ["CNY"]),
    ("It cost hk$ 300 and Hk$300.", ["HKD", "HKD"]),
    ("Prices of US$ 5 and us$ 6.", ["USD", "USD"]),
])
def test_currency_symbols_in_any_case(text: str, currencies: list[str]) -> None:
    qs = extract_text(text, lang="en").quantities
    assert [q.currency for q in qs] == currencies
    assert all(text[q.start : q.end] == q.text for q in qs)


def test_a_participle_after_and_ends_the_object() -> None:
    text = "The gang sold more than 8,000 pieces of personal data and involving more than 30 victims."
    (q,) = [q for q in find_quantities(text, "en") if q.text.startswith("more than 8,000")]
    assert q.object == "personal data"
