"""The rule stages' shortcuts give exactly what the plain patterns they replace give."""

from __future__ import annotations

import random
import re

import pytest

from extract import campaigns, quantities
from extract.lexicon import alternation


@pytest.fixture(scope="module")
def zh_campaign_rules() -> campaigns.ZhRules:
    return campaigns.zh_rules()


def _random_campaign_text(rng: random.Random, rules: campaigns.ZhRules) -> str:
    names = list(rules.code_names)
    pieces = [
        *names,
        "2023", "2019", "1999", "20", "19", "7", "-", "·", " ", "_", "年",
        "“", "”", "「", "」", "'", '"',
        "专项行动", "行动", "集群战役", "夏季", "打击", "网", "云", "剑",
    ]  # fmt: skip
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))


def test_code_names_tried_only_where_a_name_puts_a_start(zh_campaign_rules: campaigns.ZhRules) -> None:
    rules = zh_campaign_rules
    assert rules.code_name is not None  # the catalogue's code names hold no digit or separator
    rng = random.Random(11)
    for _ in range(4000):
        text = _random_campaign_text(rng, rules)
        expected = [(m.span(), m.groupdict()) for m in rules.code.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in campaigns._code_matches(rules, text)] == expected, text


def test_quoted_names_tried_only_at_possible_openings(zh_campaign_rules: campaigns.ZhRules) -> None:
    rules = zh_campaign_rules
    rng = random.Random(12)
    pieces = ["“", "”", "「", "」", "'", '"', "2023", "19", "-", "·", " ", "夏", "季", "打击", "净网", "行动", "专项行动", "a", "，"]
    for _ in range(15000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = [(m.span(), m.groupdict()) for m in rules.quoted.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in campaigns._quoted_matches(rules, text)] == expected, text


def test_affix_is_the_longest_first_alternation() -> None:
    rng = random.Random(13)
    for _ in range(3000):
        words = ["".join(rng.choice("打击了为达") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 6))]
        chunk = "".join(rng.choice("打击了为达") for _ in range(rng.randint(0, 6)))
        by_length = quantities._by_length(words)
        start = re.compile(alternation(words)).match(chunk)
        assert quantities._affix(chunk, by_length, 1) == (start[0] if start else None), (words, chunk)
        ends = [w for w in sorted(set(words), key=len, reverse=True) if chunk.endswith(w)]
        assert quantities._affix(chunk, by_length, -1) == (ends[0] if ends else None), (words, chunk)


def test_memoised_chinese_values_equal_a_fresh_parse() -> None:
    cases = [("两", None, ""), ("三", "五", "万"), ("1.5", None, "亿"), ("五六百", None, ""), ("半", None, "万"), ("十", "八", "")]
    for raw, raw2, mult in cases:
        assert quantities._zh_value(raw, raw2, mult) == quantities._zh_value.__wrapped__(raw, raw2, mult)
    assert quantities._zh_value("两", None, "万") == (20000, None)
    assert quantities._zh_value("三", "五", "万") == (30000, 50000)
    assert quantities._zh_value("十", "八", "") is None  # a range must rise


def test_digit_class_covers_every_isdigit_character() -> None:
    digit = re.compile(f"[{quantities._ISDIGIT_CLASS}]")
    assert [hex(c) for c in range(0x110000) if chr(c).isdigit() and not digit.match(chr(c))] == []


def test_phrase_after_a_number_stops_at_any_digit() -> None:
    zh = quantities.matcher("zh")
    assert isinstance(zh, quantities.ZhQuantities)
    # ① and ² are digits to str.isdigit without being decimal: the phrase ends before them as before 3.
    for digit in ("3", "①", "²", "３"):
        assert zh._after_np(f"5名嫌疑人员{digit}号", 2, 100) == ("嫌疑人员", False)


@pytest.mark.parametrize("short_list", [64, 0], ids=["alternation", "automaton"])
def test_indexed_scan_names_the_word_found(monkeypatch: pytest.MonkeyPatch, short_list: int) -> None:
    from extract import lexicon

    monkeypatch.setattr(lexicon, "_SHORT_LIST", short_list)
    rng = random.Random(14)
    for _ in range(500):
        words = ["".join(rng.choice("诈骗罪ab") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))]
        text = "".join(rng.choice("诈骗罪abc") for _ in range(rng.randint(0, 30)))
        scanner = lexicon.WordScanner(words)
        indexed = scanner.find_indexed(text)
        assert [(s, e) for _, s, e in indexed] == scanner.find(text)
        assert all(scanner.words[i] == text[s:e] for i, s, e in indexed)


def test_han_class_is_regex_han_script() -> None:
    import numpy
    import regex

    from extract import case_types

    every = numpy.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    ours = re.compile(f"[{case_types.han_class()}]+")
    assert [m.span() for m in ours.finditer(every)] == [m.span() for m in regex.finditer(r"\p{Han}+", every)]


def test_han_class_is_cached_and_a_damaged_cache_is_read_again(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The ranges come from the cache file when it holds a class, and are read off the code points
    again (and the file rewritten) when it is damaged."""
    import regex

    from extract import case_types

    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path))
    read = case_types.han_class.__wrapped__  # the function without its per-process cache
    fresh = read()
    cached = tmp_path / f"han-class-{regex.__version__}.txt"
    assert cached.read_text(encoding="utf-8") == fresh
    assert read() == fresh
    for damage in (b"", b"\xff\xfe", b"a-z", b"\\"):
        cached.write_bytes(damage)
        assert read() == fresh
        assert cached.read_text(encoding="utf-8") == fresh


def test_generic_frame_on_re_finds_what_regex_finds() -> None:
    import regex

    from extract import case_types, patterns

    ctx = patterns.load("zh", "case_types").get("context", {})
    plain = regex.compile(case_types.generic_source(ctx, r"\p{Han}"))
    fast = case_types.lexicon("zh").generic
    assert fast is not None
    rng = random.Random(15)
    pieces = ["涉嫌", "以", "构成", "犯有", "等人", "罪", "案", "诈骗", "、", "，", "犯", "a", "𠀀", "〇", "々", " "]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)
        ], text


def test_atomic_arabic_numbers_match_as_the_plain_pattern() -> None:
    from extract import patterns

    zh = quantities.matcher("zh")
    assert isinstance(zh, quantities.ZhQuantities)
    plain = zh._compile(patterns.load("zh", "quantities"), atomic=False)
    assert plain.pattern != zh.pattern.pattern
    rng = random.Random(16)
    pieces = ["1", "2", "0", "9", ",", ".", ",000", ".5", "万", "千", "零", "一", "元", "人", "年", "%", "-", "至",
              "余", "多", "(含)", " ", "号", "第", "百分之", "约", "GB", "亿"]  # fmt: skip
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in zh.pattern.finditer(text)] == expected, text


def test_generic_frames_outside_candidates_as_the_covered_positions_say() -> None:
    from extract import case_types

    lex = case_types.lexicon("zh")
    rng = random.Random(17)
    pieces = ["涉嫌", "等人", "诈骗", "盗窃", "罪", "案", "、", "，", "寻衅", "滋事", "某某", "走私"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        cands = case_types._candidates(lex, text)
        if rng.random() < 0.5:  # any candidates, overlapping, unsorted or empty: the reading must not rely on order
            cands = [case_types.Candidate(a, rng.randint(a, len(text)), "x", "strong")
                     for a in (rng.randint(0, len(text)) for _ in range(rng.randint(0, 4)))]  # fmt: skip
        covered = {i for c in cands for i in range(c.start, c.end)}
        assert lex.generic is not None
        expected = [
            case_types.Candidate(*m.span("x"), m["x"], case_types.STRONG)
            for m in lex.generic.finditer(text)
            if not (m["x"].endswith("犯") or "犯罪" in m["x"] or m["x"].endswith("违法"))
            and covered.isdisjoint(range(*m.span("x")))
        ]
        assert case_types._generic(lex, text, cands) == expected, text


def test_descriptive_names_skip_operation_words_after_no_han(zh_campaign_rules: campaigns.ZhRules) -> None:
    rules = zh_campaign_rules
    assert rules.min_body > 0
    rng = random.Random(18)
    pieces = ["专项行动", "整治行动", "大会战", "开展", "的", "、", "“", "”", "网络", "打击", "a", "2023", " ", "，", "夏"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for start, end in rules.ending.find(text):
            assert campaigns._descriptive(rules, text, start, end) == campaigns._descriptive_run(rules, text, start, end), text
