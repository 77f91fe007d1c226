"""The look-up indexes of the link stage agree with the plain scans they replace, on sentences of our own."""

from __future__ import annotations

import regex

from extract.places import Divisions, Place, divisions
from extract.statistics import _positions

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
