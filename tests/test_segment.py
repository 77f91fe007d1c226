"""Segmentation: the linear jieba alignment agrees with spaCy's, and long inputs stay linear."""

from __future__ import annotations

import time

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.util import get_words_and_spaces

from extract.pipeline import blank
from extract.segment import MAX_EN_RUN, words_and_spaces

TEXTS = [
    "抓获犯罪嫌疑人2693名，涉案金额15万余元。",
    "  标题\n\n  正文 第一段\t结束 ",
    "首页 > 正文\r\n2023-12-22来源:廉政中国",
    " ",
    "Police  arrested\n4 suspects ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_alignment_matches_spacy(text: str) -> None:
    words = [w for w in jieba.lcut(text) if w]
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("公安局抓获名起元 \n\t　ab1２,，")), max_size=60))
def test_alignment_matches_spacy_on_random_text(text: str) -> None:
    words = [w for w in jieba.lcut(text) if w]
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_zh_tokens_cover_the_text_exactly() -> None:
    nlp = blank("zh")
    text = TEXTS[1]
    assert nlp(text).text == text


def test_long_inputs_are_tokenized_in_roughly_linear_time() -> None:
    zh = blank("zh")
    unit = "警方破获案件12起，抓获犯罪嫌疑人30名。" * 500
    t0 = time.perf_counter()
    zh(unit)
    small = time.perf_counter() - t0
    t0 = time.perf_counter()
    doc = zh(unit * 8)
    big = time.perf_counter() - t0
    assert doc.text == unit * 8
    # quadratic alignment would make 8x the text cost ~64x; allow generous noise
    assert big < max(small, 0.01) * 30


def test_english_space_free_runs_use_the_linear_fallback() -> None:
    en = blank("en")
    text = "“" * (MAX_EN_RUN * 50) + " Police arrested 4 suspects."
    doc = en(text)
    assert doc.text == text
    assert [t.text for t in en("Police arrested 4 suspects.")] == ["Police", "arrested", "4", "suspects", "."]
