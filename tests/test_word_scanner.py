"""WordScanner finds exactly what the regex trie finds: leftmost, longest, non-overlapping."""

from __future__ import annotations

import random
import time

import pytest
import regex

from extract import lexicon
from extract.lexicon import WordScanner, trie_pattern


def _reference(words: list[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(trie_pattern(words), text)]


@pytest.mark.parametrize("short_list", [64, 0], ids=["alternation", "automaton"])
def test_same_matches_as_the_regex_trie(monkeypatch: pytest.MonkeyPatch, short_list: int) -> None:
    monkeypatch.setattr(lexicon, "_SHORT_LIST", short_list)
    rng = random.Random(7)
    for _ in range(1500):
        alphabet = "ab]-^诈骗罪"[: rng.randint(2, 7)]
        words = [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 8))
        ]
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert WordScanner(words).find(text) == _reference(words, text), (words, text)


def test_longest_spelling_wins_and_matches_do_not_overlap() -> None:
    scanner = WordScanner(["诈骗", "电信网络诈骗", "网络", "诈骗罪"])
    text = "打击电信网络诈骗犯罪和诈骗罪"
    assert [text[s:e] for s, e in scanner.find(text)] == ["电信网络诈骗", "诈骗罪"]


def test_empty_word_list_finds_nothing() -> None:
    assert WordScanner([]).find("任何文本") == []
    assert WordScanner([""]).find("任何文本") == []


def test_linear_time_on_a_long_run_of_prefixes() -> None:
    words = ["诈" * n + "骗" for n in range(1, 30)] + [f"词{i}" for i in range(100)]
    scanner = WordScanner(words)
    small, large = "诈" * 20_000, "诈" * 320_000
    t0 = time.perf_counter()
    scanner.find(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    assert scanner.find(large) == []
    t_large = time.perf_counter() - t0
    # 16x the text: a linear scan takes about 16x as long; a quadratic one 256x.
    assert t_large < 64 * t_small + 0.05
