"""Chinese entities on page text: credit lines with a colon, news outlets, a force's official account."""

from __future__ import annotations

import pytest

from extract import Extractor


@pytest.fixture(scope="module")
def ex() -> Extractor:
    """One Chinese pipeline for the module."""
    return Extractor(lang="zh")


def labelled(ex: Extractor, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in ex.extract(text).entities}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("警方共抓获犯罪嫌疑人12名。\n责任编辑：周明轩", ("周明轩", "PERSON")),
        ("警方共抓获犯罪嫌疑人12名。\n（编辑：罗思琪　校对：黄文博）", ("黄文博", "PERSON")),
        ("警方共抓获犯罪嫌疑人12名。\n（编辑：罗思琪　校对：黄文博）", ("罗思琪", "PERSON")),
        ("据澎湃新闻报道，警方抓获犯罪嫌疑人5名。", ("澎湃新闻", "ORG")),
        ("中新网兰州3月2日电 甘肃警方破获案件30起。", ("中新网", "ORG")),
        ("来源：甘肃网警\n警方破获案件30起。", ("甘肃网警", "ORG")),
    ],
)
def test_page_entities(ex: Extractor, text: str, expected: tuple[str, str]) -> None:
    assert expected in labelled(ex, text)


def test_cyber_police_title_alone_stays_a_title(ex: Extractor) -> None:
    got = labelled(ex, "网警周明轩提醒，不要轻信陌生来电。")
    assert ("周明轩", "PERSON") in got
    assert not any(label == "ORG" for _, label in got)
