"""English entities on page text: datelines, bylines, transcript speakers, outlets, agency abbreviations."""

from __future__ import annotations

import pytest

from extract import Extractor


@pytest.fixture(scope="module")
def ex() -> Extractor:
    """One English pipeline for the module."""
    return Extractor(lang="en")


def labelled(ex: Extractor, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in ex.extract(text).entities}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HEFEI, Nov. 12 (Xinhua) -- Police in Anhui said on Tuesday that 80 people were held.",
         ("HEFEI", "LOC")),
        ("LANZHOU, China (AFP) - Police detained 30 people, state media said.", ("LANZHOU", "LOC")),
        ("LANZHOU, China (AFP) - Police detained 30 people, state media said.", ("AFP", "ORG")),
        ("The MPS said the campaign would continue.", ("MPS", "ORG")),
        ("Source: Ecns.cn | Editor: Gao Mingyu", ("Ecns.cn", "ORG")),
        ("Source: Ecns.cn | Editor: Gao Mingyu", ("Gao Mingyu", "PERSON")),
        ("By Qiao Lingfeng in Lanzhou | China Daily | Updated: 2021-05-01", ("Qiao Lingfeng", "PERSON")),
        ("Police in Chenggong District of Kunming seized 40 phones.", ("Chenggong District", "LOC")),
        # a surname that is also an English word, with a pinyin given name, after a title
        ("Mr. He Xiaodong, deputy director of the bureau, spoke.", ("He Xiaodong", "PERSON")),
    ],
)
def test_page_entities(ex: Extractor, text: str, expected: tuple[str, str]) -> None:
    assert expected in labelled(ex, text)


def test_transcript_speaker_line(ex: Extractor) -> None:
    text = "Moderator:\nThank you.\n\nTan Weimin:\nPolice solved 3,000 cases this year.\n"
    assert ("Tan Weimin", "PERSON") in labelled(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        "He said 40 people were held.",  # the pronoun is no name
        "RELATED ARTICLES:\nPolice close 30 sites.",  # a heading in capitals is no name
        "The Financial District police said 12 people were held.",  # not a pinyin place name
    ],
)
def test_no_false_names_or_places(ex: Extractor, text: str) -> None:
    got = labelled(ex, text)
    assert not any(label == "PERSON" for _, label in got)
    assert ("Financial District", "LOC") not in got
