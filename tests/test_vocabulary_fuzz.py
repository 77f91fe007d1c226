"""Vocabulary-driven fuzzing (issue 16): every word of every vocabulary in ``patterns/``, in its case
and width variants, next to numbers of every form, at the start and the end of a text and next to
punctuation.  Nothing may raise (a stage that raises shows up in ``record.errors``), and every item
keeps the offset contract.

Random fuzzing (tests/test_fuzz.py) never wrote ``rmb 200``; this does, because ``RMB`` is a word of
the currency table and its lower-case variant is tried before a number.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_fuzz import check_record

from extract import Extractor
from extract.quantities import find_quantities

PATTERNS = Path(__file__).resolve().parent.parent / "patterns"
# Numbers as they are written: Arabic, with separators and decimals, full-width, Chinese, mixed.
NUMBERS = ["3", "1,234.5", "１２", "十二万", "2.5万", "两千零一"]
SEPARATORS = ["，", "。", ", ", ". ", "\n", "（", "”", "、", " ", ""]
# The whole pipeline reads the words this many to a document (cheaper than one document each).
PER_DOCUMENT = 60


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "examples":  # sentences with expected items, not vocabulary
                yield key
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def vocabulary() -> list[str]:
    """Every word of every data file: keys and string values, as short as a word is (regexes included)."""
    words: set[str] = set()
    for path in sorted(PATTERNS.rglob("*.toml")):
        words.update(w for w in _strings(tomllib.loads(path.read_text(encoding="utf-8"))) if 0 < len(w) <= 24)
    return sorted(words)


def full_width(word: str) -> str:
    """ASCII letters, digits and signs as their full-width forms (ＲＭＢ, ３)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def variants(word: str) -> list[str]:
    """The word as written, in upper, lower and title case, and full width."""
    return list(dict.fromkeys([word, word.upper(), word.lower(), word.title(), full_width(word)]))


def text_for(word: str, numbers: list[str] = NUMBERS) -> str:
    """One text with every variant of ``word`` before and after numbers, starting and ending with it.

    The numbers and the spacing rotate, so every variant meets every number on both sides, glued or
    with a space, and each snippet is followed by a different punctuation mark.
    """
    parts = []
    i = 0
    for v in variants(word):
        for n in numbers:
            gap = " " if i % 2 else ""
            parts.append(f"{v}{gap}{n}{SEPARATORS[i % len(SEPARATORS)]}{n}{gap}{v}{SEPARATORS[(i + 3) % len(SEPARATORS)]}")
            i += 1
    return word + "".join(parts) + word


WORDS = vocabulary()


def test_the_vocabulary_is_all_of_patterns() -> None:
    # The currency symbols, the qualifiers and the gazetteers are in it, so a data edit is fuzzed at once.
    assert {"RMB", "HK$", "余", "more than", "净网", "长治市", "诈骗"} <= set(WORDS)
    assert len(WORDS) > 20_000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_word_next_to_every_number_in_the_quantity_stage(lang: str) -> None:
    """The stage that reads numbers, on every word: the cheap, exhaustive pass."""
    for word in WORDS:
        text = text_for(word)
        for q in find_quantities(text, lang):
            assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text, (word, q)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_word_through_the_whole_pipeline(extractor: Extractor, lang: str) -> None:
    """Every stage, forced to each language, on documents of the vocabulary's words with numbers."""
    for i in range(0, len(WORDS), PER_DOCUMENT):
        group = WORDS[i : i + PER_DOCUMENT]
        text = "".join(text_for(w, NUMBERS[j % len(NUMBERS) :: len(NUMBERS)]) + SEPARATORS[j % len(SEPARATORS)] for j, w in enumerate(group))
        record = extractor.extract(text, lang=lang)
        assert record.errors == [], (group[0], record.errors)
        check_record(record, text)
