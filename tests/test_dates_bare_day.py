"""Chinese bare days (8日，… / 记者16日从…) as DATE, with a value from the publication month."""

from __future__ import annotations

import pytest

from extract.dates import find_zh


def dates(text: str, published: str | None = "2023-11-20") -> list[tuple[str, str | None]]:
    return [(text[s:e], v) for s, e, v in find_zh(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12日，兰州市公安局召开新闻发布会。", ("12日", "2023-11-12")),
        ("记者15日从甘肃省公安厅获悉，", ("15日", "2023-11-15")),
        ("（记者 马文）18日晚，民警接到报警。", ("18日晚", "2023-11-18")),
        ("“别转账！”19日上午，城关区公安分局民警赶到。", ("19日上午", "2023-11-19")),
        # a day after the publication day belongs to the month before
        ("28日，警方将嫌疑人抓获。", ("28日", "2023-10-28")),
    ],
)
def test_bare_day_is_a_date(text: str, expected: tuple[str, str | None]) -> None:
    assert expected in dates(text)


@pytest.mark.parametrize("text", ["警方用时3日便破案。", "连续作战5日，抓获嫌疑人。", "案件在10日内侦结。"])
def test_a_count_of_days_is_not_a_date(text: str) -> None:
    assert dates(text) == []


def test_bare_day_without_publication_date_has_no_value() -> None:
    assert dates("12日，警方通报案情。", None) == [("12日", None)]
