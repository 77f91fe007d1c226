"""English counted nouns: kind by lemma (spaCy's noun tables, generated data), translated classifiers."""

from __future__ import annotations

import pytest

from extract.normalize import normalize
from extract.quantities import find_quantities, matcher


def found(text: str) -> list[tuple[str, str, str]]:
    """(text, unit, kind) of every quantity in ``text``."""
    return [(q.text, q.unit or "", q.kind) for q in find_quantities(normalize(text), "en")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police in Guangzhou made 2,300 arrests last year.", ("2,300 arrests", "arrest", "person")),
        ("The blogger had 3.5 million followers.", ("3.5 million followers", "follower", "person")),
        ("Prosecutors charged 18 hackers in Hefei.", ("18 hackers", "hacker", "person")),
        ("The scheme cheated 640 retirees in Lanzhou.", ("640 retirees", "retiree", "person")),
        ("Courts in Zhejiang heard 5,200 cybercrimes in 2019.", ("5,200 cybercrimes", "cybercrime", "case")),
        # irregular plural through the exception table, not a hand list
        ("Nine policemen were commended.", ("Nine policemen", "policeman", "person")),
        # an unlisted plural keeps kind count but gets its real lemma, not a chopped "s"
        ("Officers seized 61 routers and 12 batteries.", ("12 batteries", "battery", "count")),
    ],
)
def test_counted_noun_decides_the_kind(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(text)


def test_translated_classifier_takes_the_kind_of_the_noun_before() -> None:
    # Machine-translated 破获诈骗案件512起 / 手机87部: the classifier after the number says nothing.
    got = found("The bureau solved fraud cases 2,048 pieces and seized mobile phones 61 pieces.")
    assert ("2,048 pieces", "piece", "case") in got
    assert ("61 pieces", "piece", "count") in got


def test_adjective_in_s_is_not_a_plural_noun() -> None:
    units = [u for _, u, _ in found("They logged 30 suspicious transfers and 4 various fees.")]
    assert "suspiciou" not in units and "variou" not in units


def test_lemmatizer_reads_the_generated_tables() -> None:
    lemmas = matcher("en").lemmas  # type: ignore[union-attr]
    assert lemmas.plural("cybercrimes") == "cybercrime"
    assert lemmas.plural("followers") == "follower"  # listed as a lemma too; the rule wins
    assert lemmas.plural("women") == "woman"
    assert lemmas.plural("news") is None and lemmas.plural("status") is None


def test_range_with_currency_on_both_ends_is_one_quantity() -> None:
    qs = find_quantities(normalize("Fines ranged between 200 yuan and 500 yuan per post."), "en")
    assert [(q.value, q.value_max, q.currency) for q in qs] == [(200, 500, "CNY")]
