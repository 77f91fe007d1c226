"""The look-up indexes of the link stage agree with the plain scans they replace, on sentences of our own."""

from __future__ import annotations

import regex

from extract import patterns
from extract.places import Divisions, Place, divisions
from extract.statistics import FirstOf, _positions, cues, top_branches

TEXTS = [
    "据悉，黄浦警方联合长宁分局破获一起网络诈骗案，萧山警方、雁塔公安与江北分局协同收网。",
    "成都市武侯区公安分局、宝安网警和鼓楼区检察院通报：2024年以来共办理案件312起。",
    "“清朗”专项行动中，某县局与海淀派出所查处违法网站17家，“净网”行动同步开展。",
    "警方",  # an agency word at the very start: nothing before it
    "公安部部署“夏季行动”，全国公安机关共抓获犯罪嫌疑人1.2万名。",
]


def _named_before_plain(table: Divisions, text: str, pos: int, within: Place | None) -> Place | None:
    """The plain scan named_before replaced: every length from the longest name down to 2."""
    longest = max(map(len, table.by_name))
    for length in range(min(longest, pos), 1, -1):
        word = text[pos - length : pos]
        codes = table.by_name.get(word) or table.stems.get(word)
        if codes:
            return table._pick(codes, within, [])
    return None


def test_named_before_index_agrees_with_the_plain_scan() -> None:
    table = divisions()
    agency = regex.compile("分局|警方|公安|网警|检察院|派出所|县局")
    checked = 0
    for text in TEXTS:
        # at every agency word and at every other position too: the index must never differ
        for pos in range(len(text) + 1):
            for within in (None, table.place("330100"), table.place("510000")):
                assert table.named_before(text, pos, within=within) == _named_before_plain(table, text, pos, within)
        checked += len(agency.findall(text))
    assert checked >= 8
    # and it still finds what it is for: a district's bare stem before an agency word
    assert table.named_before("萧山警方", 2) == Place("萧山区", "330109")


def test_quote_positions_agree_with_a_regex_scan() -> None:
    for text in [*TEXTS, "", "“”“", "无引号的一句话。"]:
        for mark in ("“", "”"):
            assert _positions(text, mark) == [m.start() for m in regex.finditer(mark, text)]


def test_top_branches_split_only_at_the_top() -> None:
    assert top_branches(r"a|(b|c)|[|]|\||[]|]|[^]|]x") == ["a", "(b|c)", "[|]", r"\|", "[]|]", "[^]|]x"]
    # what ties branches together, or does not parse, stays whole
    for whole in [r"(?i)a|b", r"(a)|\1", r"(?P<x>a)|(?P=x)", "(a|b", r"a|b)"]:
        assert top_branches(whole) == [whole]


ZH_CASES = [
    "2024年3月5日，海淀警方破获一起电信诈骗案。",
    "经查，犯罪嫌疑人王某某伙同李某在境外设立窝点，共骗取资金80余万元。",
    "“11·08”专案中，专案组赴多地抓获该团伙成员23名。",
    "全省公安机关侦破案件1200起，其中网络赌博案件300起。",
    "  6月12日上午，联合收网；该案涉案金额2亿元。据悉此案系跨境诈骗案：",
    "案。某",
]
EN_CASES = [
    "On March 3 police in Wenzhou arrested 12 suspects in the case, which involved 40 million yuan.",
    "The gang, led by a man surnamed Li, was broken up. Police said in total 3,200 cases were solved.",
    "Authorities across the province solved 1,200 cases this year.",
]


def test_case_cues_searched_by_branch_agree_with_the_whole_alternation() -> None:
    checked = 0
    for lang, texts in (("zh", ZH_CASES), ("en", EN_CASES)):
        data = patterns.load(lang, "statistics")["scope"]
        flags = regex.MULTILINE | (regex.IGNORECASE if lang == "en" else 0)
        words = [regex.escape(w) if lang == "zh" else rf"\b{w}\b" for w in data.get("case", [])]
        whole = regex.compile("|".join([*words, data["case_pattern"]]), flags)
        split = cues(lang).case_re
        assert isinstance(split, FirstOf) and len(split.branches) >= 2
        for text in texts:
            for pos in range(0, len(text) + 1, 3):
                for end in range(pos, len(text) + 1, 4):
                    a, b = whole.search(text, pos, end), split.search(text, pos, end)
                    assert (a and a.span()) == (b and b.span()), (lang, text, pos, end)
                    checked += a is not None
    assert checked > 50  # the windows do find case cues, not only agree on finding nothing


def test_first_of_takes_the_leftmost_match_and_the_earlier_branch_on_a_tie() -> None:
    pattern = r"案件|案件中|[\p{Han}]某|(?<=[。])\s*\d+月"
    whole = regex.compile(pattern)
    split = FirstOf([regex.compile(b) for b in top_branches(pattern)])
    for text in ["本案件中刘某", "刘某办理案件中", "收网。 5月，案件中", "无"]:
        for pos in range(len(text) + 1):
            a, b = whole.search(text, pos), split.search(text, pos)
            assert (a and a.span()) == (b and b.span())
    assert split.search("案件中").span() == (0, 2)  # a tie at 0: the earlier branch, as the alternation
