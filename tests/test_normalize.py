"""Offset-preserving normalisation: Traditional Chinese, full-width forms, odd spaces, CRLF, HTML."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import Extractor
from extract.normalize import normalize, t2s_char


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("淨網2023", "净网2023"),
        ("詐騙", "诈骗"),
        ("電信網路詐騙", "电信网路诈骗"),
        ("侵犯公民個人資訊", "侵犯公民个人资讯"),
        ("幫助信息網絡犯罪活動", "帮助信息网络犯罪活动"),
        ("抓獲犯罪嫌疑人１２名", "抓获犯罪嫌疑人12名"),
        ("15萬餘元", "15万余元"),
        ("臺灣", "台湾"),
        ("\uf900", "\u8c48"),  # a CJK compatibility ideograph becomes the unified one
        ("Ｎｅｔ　２０２２，（公安）", "Net 2022,(公安)"),
        ("15\u00a0万元\u2009共\u200b计", "15 万元 共 计"),
        ("第一行\r\n第二行\r第三行", "第一行 \n第二行\n第三行"),
        ("警方&nbsp;破获", "警方      破获"),
        ("&ldquo;净网&rdquo;", "      “净网”      "),
        ("A&amp;B", "A    &B"),
        ("&#20928;&#x7F51;", "       净       网"),
        ("&#65297;", "       1"),
        ("&bogus; &#99999999; & ;", "&bogus; &#99999999; & ;"),
        ("甲<br/>乙<p class=\"x\">丙</p>", "甲\n" + " " * 4 + "乙\n" + " " * 12 + "丙\n" + " " * 3),
        ("<span>涉案</span>", "      涉案       "),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    out = normalize(raw)
    assert out == expected
    assert len(out) == len(raw)


def test_simplified_corpus_han_characters_are_left_alone() -> None:
    from conftest import CORPUS

    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        changed = {(a, b) for a, b in zip(text, normalize(text), strict=True) if a != b and "\u4e00" <= a <= "\u9fff"}
        assert not changed, (path.name, changed)


def test_t2s_char_is_one_to_one() -> None:
    assert t2s_char("網") == "网"
    assert t2s_char("网") == "网"
    assert t2s_char("ab") == "ab"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_normalize_never_changes_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["&nbsp;", "&amp;", "&ldquo;", "&#x4e2d;", "&#12288;", "\r\n", "\r", "<br>", "<p>", "</p>", "網", "詐", "１", "\u3000", "a", "中", "&", "<", ";"]),
        max_size=60,
    ).map("".join)
)
def test_normalize_same_length_on_markup_soup(text: str) -> None:
    assert len(normalize(text)) == len(text)




def _check_offsets(record: object, text: str) -> None:
    for layer in ("quantities", "campaigns", "case_types", "entities"):
        for item in getattr(record, layer):
            assert text[item.start : item.end] == item.text


def test_traditional_article_extracts_like_simplified(extractor: Extractor) -> None:
    trad = "公安機關開展「淨網2023」專項行動，偵破侵犯公民個人信息案件8起，抓獲犯罪嫌疑人12名，涉案金額15萬餘元。"
    simp = "公安机关开展「净网2023」专项行动，侦破侵犯公民个人信息案件8起，抓获犯罪嫌疑人12名，涉案金额15万余元。"
    assert len(trad) == len(simp)
    a, b = extractor.extract(trad), extractor.extract(simp)
    _check_offsets(a, trad)
    assert [c.canonical for c in a.campaigns] == [c.canonical for c in b.campaigns] == ["净网2023"]
    assert [c.canonical for c in a.case_types] == [c.canonical for c in b.case_types]
    assert "侵犯公民个人信息" in {c.canonical for c in a.case_types}
    assert [(q.start, q.end, q.value, q.kind) for q in a.quantities] == [
        (q.start, q.end, q.value, q.kind) for q in b.quantities
    ]
    assert {q.value for q in a.quantities} >= {8, 12, 150000}


def test_scraped_html_entities_and_crlf_keep_offsets(extractor: Extractor) -> None:
    text = "警方破获&nbsp;案件８起，\r\n抓获犯罪嫌疑人&nbsp;12名，涉案金额15万余元&hellip;<br/>&ldquo;净网2023&rdquo;专项行动\r\n"
    record = extractor.extract(text)
    _check_offsets(record, text)
    assert {q.value for q in record.quantities} >= {8, 12, 150000}
    assert [c.canonical for c in record.campaigns] == ["净网2023"]


def test_the_code_point_array_translates_like_the_table() -> None:
    from extract.normalize import _table, _translate

    table = _table()
    every_bmp = "".join(chr(cp) for cp in range(0x10000))  # surrogates, controls, unassigned: all of them
    assert _translate(every_bmp) == every_bmp.translate(table)
    assert any(ord(v) > 0xFFFF for v in table.values())  # BMP characters mapped beyond it are kept whole
    astral = [chr(cp) for cp in table if cp > 0xFFFF]
    assert astral  # compatibility ideographs beyond the BMP: the text they are in goes by the dict
    for text in ["", "丽" + astral[0], astral[-1] + "，８起", "😀淨網８", "\ud800\udc00淨", "淨\udfff", "\x00"]:
        assert normalize(text) == text.translate(table)
        assert len(normalize(text)) == len(text)


def test_han_and_latin_counts_equal_the_regex_counts() -> None:
    import random
    import re

    from extract.normalize import _han_and_latin, detect_lang

    han_run, latin_run = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]+"), re.compile("[A-Za-z]+")
    # the edges of every range, their neighbours, characters whose low bits look like letters, astral ones
    edges = [0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0xC1, 0xE1, 0x141, 0x15A, 0x33FF, 0x3400, 0x4DBF,
             0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xD800, 0xDFFF, 0x20000, 0x1F600]  # fmt: skip
    alphabet = [chr(c) for c in edges]
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        expected = (len(text) - len(han_run.sub("", text)), len(text) - len(latin_run.sub("", text)))
        assert _han_and_latin(text) == expected, text
    assert detect_lang("警方破获案件12起") == "zh" and detect_lang("Police arrested 4 suspects.") == "en"
    assert detect_lang("") == "en" and detect_lang("公安 " + "word " * 2) == "zh"


def test_every_digit_regex_reads_is_a_digit_int_reads_after_normalising() -> None:
    """``regex``'s ``\\d`` knows digits newer than Python's ``int()`` (Kawi ``𑽐``): after the
    normaliser, every character ``\\d`` matches is one ``int()`` reads, with the same value where
    Python knows it, and each newer set reads 0-9 in code-point order."""
    import unicodedata

    import regex

    planes = "".join(chr(cp) for cp in range(0x20000) if not 0xD800 <= cp <= 0xDFFF)
    digits = [m[0] for m in regex.finditer(r"\d", planes)]
    assert len(digits) > 600
    for ch in digits:
        value = int(normalize(ch))
        if ch.isdecimal():
            assert value == unicodedata.decimal(ch)
    newer = [ch for ch in digits if not ch.isdecimal()]
    assert newer, "regex knows no digit that Python does not: the fix is no longer needed"
    assert [int(normalize(ch)) for ch in newer] == [k % 10 for k in range(len(newer))]


def test_newer_digits_no_longer_cost_an_article_its_entities(extractor: Extractor) -> None:
    """A year in Kawi digits used to raise in the date reader and lose the entities layer."""
    record = extractor.extract("20𑽐𑽐年5月，长治市公安局侦破案件20𑽐𑽐起。")
    assert record.errors == []
    assert [(q.text, q.value) for q in record.quantities] == [("20𑽐𑽐起", 2000)]
    assert ("20𑽐𑽐年5月", "DATE") in [(e.text, e.label) for e in record.entities]
