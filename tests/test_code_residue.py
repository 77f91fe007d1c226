"""Page boilerplate: nothing is taken from CSS or script residue (layout stage, line rules as data)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract import Extractor, patterns
from extract.layout import any_match, code_regions, mask
from extract.regexes import ties_branches

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


# Lines of our own for the rule-by-rule search: CSS, script, markup, near misses and plain prose.
CODE_PROBES = [
    OWN_PAGE_ZH,
    OWN_PAGE_EN,
    "a{color:red}\n  </style>\n@import url(x.css);\nlet n = 3;\nfunction (a, b) {\n",
    "document.getElementById('x')\nfont:1;size:2;margin:3;\nwidth: 10px; height: 5px;\n{}\n",
    "",
    "\n\n  \n",
    "今年以来共破获案件312起。\r\n价格：100元；数量：3；\rvar\u2028style\x0bconst x=1;\u2029",
    "The letter {a} said: go; come; stay; leave;\nfunctions (a) are fine\nvariable = 2\n",
]


def _code_regions_one_alternation(text: str) -> list[tuple[int, int]]:
    """The plain scan code_regions replaced: every line searched with one alternation of all the rules."""
    rules = [r for lang in ("zh", "en") for r in patterns.load(lang, "layout").get("code_lines", [])]
    whole = regex.compile("|".join(f"(?:{r})" for r in rules), regex.MULTILINE)
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and whole.search(body):
            out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def test_rules_searched_one_by_one_agree_with_their_alternation() -> None:
    found = 0
    for text in CODE_PROBES:
        assert code_regions(text) == _code_regions_one_alternation(text), text
        found += len(code_regions(text))
    assert found >= 10  # the probes do hold code lines, not only agree on finding none
    # a rule set with a back-reference or a whole-pattern flag stays one alternation
    assert ties_branches(r"(a)\1") and ties_branches(r"(?i)x") and not ties_branches(r"(?-i:On) x|[a-z]+:")


def test_any_match_is_a_match_of_the_alternation() -> None:
    branches = (r"[{}]", r"^\s*//", r"\b(?:var|function)\b\s*[\w.(=]", r"</?\w+[^>]*>")
    whole = regex.compile("|".join(branches))
    split = tuple(regex.compile(b) for b in branches)
    for line in ["", "x", "  // note", "a // b", "var x", "variable", "<p>", "a < b", "{", "函数function("]:
        assert any_match(split, line) == (whole.search(line) is not None), line


def test_rules_a_text_lacks_the_words_of_are_never_missed() -> None:
    """code_regions runs only the rules whose needed words the text holds: the regions are those of
    every rule (the one alternation), on the probes, on the probes' lines one by one and on every
    article of the sets, and each rule's needed words lie in each of its matches."""
    from extract.layout import _code_line, _code_needs

    texts = list(CODE_PROBES)
    texts += [line for text in CODE_PROBES for line in text.splitlines()]
    texts += [p.read_text(encoding="utf-8") for d in ("corpus", "tests/heldout", "tests/heldout2") for p in sorted(Path(d).glob("*.txt"))]
    for text in texts:
        assert code_regions(text) == _code_regions_one_alternation(text), text[:80]
    needs = _code_needs()
    assert sum(1 for n in needs if n) >= 6  # the braces of CSS count: an escaped { is a literal
    for rule, sets in zip(_code_line(), needs, strict=True):
        for text in CODE_PROBES:
            for m in rule.finditer(text):
                assert all(any(w in m[0] for w in words) for words in sets), (rule.pattern, m[0])
