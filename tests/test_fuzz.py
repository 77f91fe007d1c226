"""Property tests: whatever the text, extraction never raises and every record keeps the contract."""

from __future__ import annotations

import math

from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import Extractor
from extract.doc import LAYERS
from schemas import Document

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that the rule stages react to, so random text often looks like the real thing.
TOKENS = [
    "余", "万", "亿", "千", "百", "十", "多", "近", "约", "超", "逾", "以上", "左右", "不到", "至", "-", "~",
    "元", "万元", "起", "名", "人", "人次", "个", "条", "家", "%", "％", "岁", "天", "年", "月", "日",
    "某", "公安局", "分局", "派出所", "法院", "市", "省", "县", "区", "“", "”", "《", "》", "「", "」", "（", "）",
    "净网", "淨網", "断卡", "云剑", "专项行动", "夏季行动", "诈骗", "詐騙", "电信网络诈骗", "侵犯公民个人信息",
    "帮信", "侵公", "犯罪嫌疑人", "抓获", "抓獲", "破获", "涉案金额", "案件", "，", "。", "、", "\n", "\r\n",
    " ", "\u3000", "\u00a0", "&nbsp;", "&ldquo;", "<br>", "０", "１", "２", "８", "0", "1", "2", "3", "5", "9", ".",
    ",", "2023", "2023年", "12月", "3日", "今年", "去年", "张某", "王某某", "Li", "Police", "detained", "more than",
    "million", "billion", "suspects", "yuan", "cases", "Net", "Clean Network 2022", "about", "nearly", "20,000",
]

cjk_char = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
any_char = st.characters(codec="utf-8", exclude_categories=["Cs"])
piece = st.one_of(st.sampled_from(TOKENS), cjk_char, any_char, st.integers(0, 10**12).map(str))
cjk_heavy_text = st.lists(piece, max_size=80).map("".join)


def _sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for para in text.split("\n"):
            out += [s for s in para.replace("。", "。\n").replace(". ", ".\n").split("\n") if len(s) > 10]
    return out


SENTENCES = _sentences()


@st.composite
def mutated_sentence(draw: st.DrawFn) -> str:
    """A corpus sentence with random insertions, deletions, replacements and duplications."""
    chars = list(draw(st.sampled_from(SENTENCES)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        pos = draw(st.integers(0, len(chars)))
        if op == "insert":
            chars[pos:pos] = list(draw(piece))
        elif op == "delete" and chars:
            chars[pos : pos + draw(st.integers(1, 5))] = []
        elif op == "replace" and pos < len(chars):
            chars[pos] = draw(st.one_of(cjk_char, st.sampled_from(TOKENS)))
        elif op == "duplicate":
            end = min(len(chars), pos + draw(st.integers(1, 20)))
            chars[pos:pos] = chars[pos:end] * draw(st.integers(1, 4))
    return "".join(chars)


def check_record(record: Document, text: str) -> None:
    """The record contract (SPEC section 1-6) that must hold for any input."""
    data = record.model_dump(mode="json")
    assert Document.model_validate(data) == record
    for layer in LAYERS:
        items = data[layer]
        starts = [(it["start"], it["end"]) for it in items]
        assert starts == sorted(starts), layer
        for it in items:
            assert 0 <= it["start"] < it["end"] <= len(text), (layer, it)
            assert text[it["start"] : it["end"]] == it["text"], (layer, it)
    for q in data["quantities"]:
        for key in ("value", "value_max"):
            if q[key] is not None:
                assert math.isfinite(q[key]), q
                # negative only with a stated minus on a percentage or an amount (-3.8%, 百分之负三点八)
                assert q[key] >= 0 or q["kind"] in ("percent", "money") and any(m in q["text"].lower() for m in ("-", "−", "－", "负", "minus")), q


@SETTINGS
@given(cjk_heavy_text)
def test_random_cjk_heavy_text(extractor: Extractor, text: str) -> None:
    check_record(extractor.extract(text), text)


@SETTINGS
@given(mutated_sentence())
def test_mutated_corpus_sentences(extractor: Extractor, text: str) -> None:
    check_record(extractor.extract(text), text)


@SETTINGS
@given(mutated_sentence(), st.sampled_from(["zh", "en"]))
def test_forced_wrong_language_still_keeps_the_contract(extractor: Extractor, text: str, lang: str) -> None:
    check_record(extractor.extract(text, lang=lang), text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=400).map("".join))
def test_token_soup(extractor: Extractor, text: str) -> None:
    check_record(extractor.extract(text), text)
