"""Page boilerplate: nothing is taken from CSS or script residue (layout stage, line rules as data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import Extractor
from extract.layout import code_regions, mask

HELDOUT2 = Path(__file__).parent / "heldout2"

OWN_PAGE_ZH = (
    "首页 > 警方动态\n"
    ".news-body p{font-size:15px;line-height:1.75;} .col-left{width:62.5%;float:left;}\n"
    "兰州警方侦破电信网络诈骗案件35起\n"
    "<script>var _paq = window._paq || [];(function(){var u=\"//stats.example.cn/\";_paq.push(['setSiteId', '17']);})();</script>\n"
    "今年以来，兰州市公安局开展“净网”专项行动，抓获犯罪嫌疑人48名，涉案金额1200万元。\n"
)
OWN_PAGE_EN = (
    ".story .inline-ad{ height: 90px; width: 72.5%; } @media (max-width: 640px) { .story h2 { font-size: 18px; } }\n"
    "LANZHOU, May 9 (Xinhua) -- Police in Gansu have arrested 48 suspects in 35 telecom fraud cases.\n"
    "function track(id) { var img = document.createElement('img'); img.width = 1; }\n"
)


def items(record: object) -> list[tuple[int, int, str]]:
    """(start, end, list) of every located item of a record."""
    out = []
    for layer in ("quantities", "campaigns", "case_types", "entities"):
        out += [(x.start, x.end, layer) for x in getattr(record, layer)]
    return out


def inside_code(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    regions = code_regions(text)
    return [sp for sp in spans if any(s < sp[1] and sp[0] < e for s, e in regions)]


@pytest.mark.parametrize(("lang", "text"), [("zh", OWN_PAGE_ZH), ("en", OWN_PAGE_EN)])
def test_nothing_taken_from_code_lines_of_own_pages(lang: str, text: str) -> None:
    record = Extractor(lang=lang).extract(text)
    assert len(code_regions(text)) == 2
    assert inside_code(text, items(record)) == []
    # the body around the residue is still read
    assert any(q.value == 48 for q in record.quantities)


def test_no_item_inside_css_or_script_on_heldout2() -> None:
    pages = sorted(HELDOUT2.glob("*.txt"))
    assert len(pages) >= 30
    with_code = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        with_code += bool(code_regions(text))
        record = Extractor(lang="en" if page.name.startswith("e") else "zh").extract(text)
        assert inside_code(text, items(record)) == [], page.name
    assert with_code >= 5  # the set does carry residue: the test is not vacuous


@pytest.mark.parametrize(
    "line",
    [
        "来源：兰州市公安局；发布时间：2024-05-09；浏览：1200",  # full-width punctuation: a meta line, not CSS
        "Note: the figures are provisional; totals: 48 suspects; 35 cases.",
        "警方提醒：{转账}前务必核实对方身份。",
    ],
)
def test_prose_is_not_code(line: str) -> None:
    assert code_regions(line) == []


def test_mask_keeps_offsets() -> None:
    text = "a{width:50%;}\nPolice held 3 people.\n"
    masked = mask(text, code_regions(text))
    assert len(masked) == len(text)
    assert masked.splitlines()[0].strip() == "" and masked.endswith("Police held 3 people.\n")
