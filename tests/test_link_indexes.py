"""The look-up indexes of the link stage agree with the plain scans they replace, on sentences of our own."""

from __future__ import annotations

import bisect
import copy
import random
import re
from pathlib import Path

import regex

from extract import patterns
from extract.places import Divisions, Place, divisions
from extract.regexes import line_local, required_words, top_branches
from extract.statistics import FirstOf, Layout, Linker, cues
from extract.statistics.sentences import _CLAUSE_END, _lines, _positions

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


def _bare_linker(text: str, lang: str, entities: list[dict[str, object]] | None = None) -> Linker:
    """A Linker over ``text`` with no title, date or layers but the given entities."""
    return Linker(
        text, lang, title=None, published=None, quantities=[], campaigns=[], case_types=[], entities=entities or []
    )


def _whole_text_times(linker: Linker) -> list[tuple[int, int, str]]:
    """The plain scan the per-paragraph reading replaced: every pattern over the whole text, matches
    kept inside one sentence, then per sentence in pattern order, earlier patterns winning overlaps."""
    sentences = linker.layout.sentences
    firsts = [s for s, _ in sentences]
    found: dict[int, list[tuple[str, int, int]]] = {}
    for kind, pattern in linker.cues.periods:
        for m in pattern.finditer(linker.text):
            k = bisect.bisect_right(firsts, m.start()) - 1
            if k >= 0 and m.end() <= sentences[k][1]:
                found.setdefault(k, []).append((kind, *m.span()))
    out: list[tuple[int, int, str]] = []
    for k in sorted(found):
        taken: list[tuple[int, int]] = []
        for kind, start, end in found[k]:
            if not any(start < e and s < end for s, e in taken):
                taken.append((start, end))
                out.append((start, end, kind))
    return out


PERIOD_TEXTS = {
    "zh": [
        "",
        "没有任何时间词的一段话。",
        "2023年",  # a time word that is the whole text
        "今年以来，全省公安机关侦破案件1200起。\n截至6月底，抓获犯罪嫌疑人300名，同比上升12%。\n全年",
        # a since-expression whose words run over a line break: the whole-text scan's match crosses
        # sentences (dropped) and hides the one on the next line
        "自2023年起开展\n自2024年夏天以来，破获案件50起。\n  \n上半年，3月5日至4月8日行动期间查处网站17家",
        "第一季度\n5月\n前三个月，“净网2024”专项行动开展以来，去年同期为9起。2022年度共办结案件4起。",
    ],
    "en": [
        "",
        "No time words here at all.",
        "So far this year police in Zhejiang solved 1,200 cases.\nBy the end of June, 300 suspects were held.",
        "Since March 2023 the campaign has closed 17 sites.\nIn March, officers arrested 12.\nthroughout the year",
        "On May 3, 2024 the gang was broken up. During the operation, compared with the same period of last year",
    ],
}


def _time_hits(linker: Linker, start: int, end: int) -> list[tuple[int, int, str, object]]:
    """The time expressions inside a span as the period reader once read them (it now bisects the
    paragraph's runs): every paragraph's hits, cut to the span; an empty span holds none."""
    if start >= end:
        return []
    return [
        h
        for i, (ps, pe) in enumerate(linker.layout.paragraphs)
        if ps < end and pe > start
        for h in linker._paragraph_times(i)
        if start <= h[0] and h[1] <= end
    ]


def test_period_hits_read_per_paragraph_agree_with_the_whole_text_scan() -> None:
    checked = 0
    for lang, texts in PERIOD_TEXTS.items():
        for text in texts:
            linker = _bare_linker(text, lang)
            plain = _whole_text_times(linker)
            per_paragraph = [h[:3] for i in range(len(linker.layout.paragraphs)) for h in linker._paragraph_times(i)]
            assert per_paragraph == plain, (lang, text)
            # and any span's look-up is the plain list cut to the span
            for start in range(0, len(text) + 1, 3):
                for end in range(start, len(text) + 2, 5):
                    got = [h[:3] for h in _time_hits(linker, start, end)]
                    assert got == [h for h in plain if start <= h[0] and h[1] <= end], (lang, text, start, end)
            checked += len(plain)
    assert checked >= 25  # the texts do hold time words, not only agree on finding none


def test_line_local_patterns_are_told_apart() -> None:
    local = [r"\d+年", r"(?<![\d年])(?P<m>1[0-2])月(?![日号])", r"(?-i:On) (?P<m>May)\b", r"a\.b", r"\$", r"[今去]年"]
    not_local = [r"a.b", r"a\\.b", r"[^，]{0,40}?以来", r"\s", r"\W", r"\p{Han}", r"a$", r"(?s)a", "a\nb", r"(?m)^a", "a\\"]
    assert all(line_local(p) for p in local)
    assert not any(line_local(p) for p in not_local)
    # why it matters: the since-pattern's match over a line break hides the next line's match
    since = regex.compile(r"自(?P<y>20\d\d)年[^，,。；;]{0,40}?以来")
    text = "自2023年起开展\n自2024年以来"
    assert [m.start() for m in since.finditer(text)] == [0]
    line = text.index("\n") + 1
    assert [m.start() for m in since.finditer(text, line)] == [line]
    assert not line_local(since.pattern)
    # every shipped period pattern is judged (the Chinese ones but that one are read per paragraph)
    zh = cues("zh")
    assert sum(zh.period_local) == len(zh.periods) - 1


def _sentences_per_paragraph(text: str, lang: str) -> list[tuple[int, int]]:
    """The plain split: every paragraph scanned at once, with the break patterns' line-break branch."""
    end_re = regex.compile(r"[。！？!?]+|\n") if lang == "zh" else regex.compile(r"(?<=[.!?;])\s+(?=[\"'“‘(A-Z0-9])|\n")
    out: list[tuple[int, int]] = []
    for m in regex.finditer(r"[^\n]+", text):
        if m.group().isspace():
            continue
        ps, pe = m.span()
        s = ps
        for e in end_re.finditer(text, ps, pe):
            if e.end() > s:
                out.append((s, e.end()))
            s = e.end()
        if s < pe:
            out.append((s, pe))
    return out


def test_sentences_split_on_demand_agree_with_the_plain_split() -> None:
    texts = {
        "zh": [*PERIOD_TEXTS["zh"], "。", "！！\n？", "好。\n\n  \n。。好！？!?坏\n末句没有句号", "\n\n", "一句。 \n 两句！"],
        "en": [*PERIOD_TEXTS["en"], ".", "Yes. No!\n\n  \nA. b. C? (D) 'e'. 9 cases.", "\n"],
    }
    split = 0
    for lang, items in texts.items():
        for text in items:
            got = Layout.read(text, lang, None).sentences
            assert got == _sentences_per_paragraph(text, lang), (lang, text)
            split += len(got) - len(Layout.read(text, lang, None).paragraphs)
    assert split >= 8  # paragraphs do get split into sentences


def test_clause_bounds_from_paragraph_breaks_agree_with_the_whole_text_breaks() -> None:
    texts = {
        "zh": [*PERIOD_TEXTS["zh"], "（一）立案，抓获：3人；\n（二）破获(5)起,冻结", "，\n，", "无标点的一段话\n"],
        "en": [*PERIOD_TEXTS["en"], "Police, said: 3 (three); cases—solved -- 5,\n6; 7"],
    }
    checked = 0
    for lang, items in texts.items():
        for text in items:
            linker = _bare_linker(text, lang)
            marks = [m.span() for m in _CLAUSE_END[lang].finditer(text)]
            starts, ends = [a for a, _ in marks], [b for _, b in marks]
            for sent in [*linker.layout.sentences, (len(text), len(text))]:
                for pos in range(sent[0], sent[1] + 1):
                    i = bisect.bisect_right(ends, pos) - 1
                    assert linker._clause_start(sent, pos) == (ends[i] if i >= 0 and starts[i] >= sent[0] else sent[0])
                    j = bisect.bisect_left(starts, pos)
                    assert linker._clause_end(sent, pos) == (starts[j] if j < len(starts) and ends[j] <= sent[1] else sent[1])
                    checked += 1
            assert marks or "，" not in text
    assert checked > 300


def test_sentence_look_ups_split_lazily_agree_with_the_full_list() -> None:
    texts = {
        "zh": [*PERIOD_TEXTS["zh"], "好。\n\n  \n。。好！？!?坏\n末句没有句号", "\n\n"],
        "en": [*PERIOD_TEXTS["en"], "Yes. No!\n\n  \nA. b. C? (D) 'e'. 9 cases."],
    }
    for lang, items in texts.items():
        for text in items:
            every = _sentences_per_paragraph(text, lang)
            for pos in range(len(text) + 2):
                layout = Layout.read(text, lang, None)  # fresh: nothing split before the look-up
                holding = [s for s in every if s[0] <= pos < s[1]]
                assert layout.sentence(pos) == (holding[0] if holding else (pos, pos)), (lang, text, pos)
                later = [s for s in every if s[0] >= pos]
                assert layout.next_sentence(pos) == (later[0] if later else None), (lang, text, pos)
            assert Layout.read(text, lang, None).sentences == every


VERB_TEXTS = {
    "zh": [
        "今年以来立案侦办案件12起、立案3起，抓获嫌疑人5名，查获手机20部；破获案件7起刑事拘留4人。",
        "立案侦查\n立案侦\n（一）打掉团伙3个，逮捕2人\n\n  \n查处抓获刑拘逮捕",
        "全省共立案侦办电诈案件1200起立案侦查300起立案",
        "",
        "无动词的一句话，也没有数字。",
    ],
    "en": [
        "Police arrested 12 suspects, detained 3 and seized 40 phones; they arrested 5 more in May.",
        "Arrests: 7. arrest arrested arrests\nNo verbs here, 3 of them",
    ],
}


def test_clause_verbs_scanned_in_place_agree_with_the_scan_of_the_slice() -> None:
    checked = 0
    for lang, texts in VERB_TEXTS.items():
        verb_re = cues(lang).verb_re
        for text in texts:
            linker = _bare_linker(text, lang)
            for sent in linker.layout.sentences:
                for pos in range(sent[0], sent[1] + 1):
                    clause = linker._clause_start(sent, pos)
                    plain = list(verb_re.finditer(text[clause:pos]))
                    want = None if not plain else (clause + plain[-1].start(), clause + plain[-1].end(), plain[-1].group())
                    assert linker._last_verb(clause, pos) == want, (lang, text, pos)
                    checked += want is not None
    assert checked > 100  # figures after verbs, not only clauses with none
    # a figure inside a longer verb's span (立案侦|办) finds the shorter one before it, as the slice's scan does
    text = "全省立案侦办案件"
    linker = _bare_linker(text, "zh")
    assert linker._last_verb(0, len(text)) == (2, 6, "立案侦办")
    assert linker._last_verb(0, 5) == (2, 4, "立案")


MARK_TEXTS = {
    "zh": [
        "公安部部署，全省公安机关与萧山警方、雁塔公安协同。\n\n  \n全国共抓获1.2万人；江北分局破案3起，全市\n公安局",
        "警方\n全省\n公安部",  # marks at the very edges of paragraphs and of the text
        "",
        "没有任何地名的一段话。\n另一段也没有。",
    ],
    "en": [
        "The Ministry of Public Security said police nationwide arrested 12.\n\nGuangdong police solved 3 cases across the province.",
        "Ministry of Public Security\nnationwide",
    ],
}


def test_place_marks_read_per_paragraph_agree_with_the_whole_text_scan() -> None:
    checked = 0
    for lang, texts in MARK_TEXTS.items():
        for text in texts:
            # a place row from the NER, so place names count among the marks too
            at = text.find("萧山")
            entities = [{"label": "LOC", "text": "萧山", "start": at, "end": at + 2}] if at >= 0 else []
            local, plain = (
                _bare_linker(text, lang, entities)
                for _ in range(2)
            )
            plain._marks_local = False  # the whole text's marks only
            assert local._marks_local
            marks = plain._place_marks()
            for ps, pe in local.layout.paragraphs:
                for start in range(ps, pe + 1):
                    for end in range(start, pe + 1):
                        i = bisect.bisect_left(marks, start)
                        want = start < end and i < len(marks) and marks[i] < end
                        assert local._has_mark(start, end) == want, (lang, text, start, end)
                        for words in (True, False):
                            got = local._read_places(start, end, within=None, words=words)
                            assert got == plain._read_places(start, end, within=None, words=words), (lang, text, start, end)
                            checked += bool(got)
    assert checked > 100  # spans that do name places, not only agreement on none


def _period_plain(linker: Linker, q: dict[str, int], sent: tuple[int, int], para: tuple[int, int], campaign: str | None) -> tuple[str | None, str | None]:
    """The period as read before the per-paragraph runs: every span's hits cut from the paragraph's,
    sorted by end (latest first, ties in the paragraph's order), each resolved, then filtered."""
    year = linker._year_hint(campaign)
    spans = ((sent[0], q["start"]), (q["end"], sent[1]), (max(para[0], sent[0] - 3000), sent[0]))
    for n, (start, end) in enumerate(spans):
        hits = sorted(_time_hits(linker, start, end), key=lambda h: h[1], reverse=True)
        words = [(kind, *linker._resolve(kind, m, campaign, year)) for _, _, kind, m in hits]
        found = [f for f in words if f[0] != "compare" and (n < 2 or f[0] not in ("month", "day"))]
        if found:
            if found[0][0] in ("month", "day"):
                return linker._clip(found[0][1], found[0][2], campaign)
            start_day = next((s for k, s, _ in found if s and k not in ("month", "day")), None)
            end_day = next((e for k, _, e in found if (e or k == "until") and k not in ("month", "day")), None)
            return linker._clip(start_day, end_day, campaign)
    if campaign is not None:
        return linker._clip(*linker._campaign_period(campaign, year), campaign)
    return None, None


def test_periods_read_from_sorted_runs_agree_with_the_plain_reading() -> None:
    checked = 0
    for lang, texts in PERIOD_TEXTS.items():
        for text in texts:
            for published, campaign in ((None, None), ("2024-07-10", None), ("2024-07-10", "净网2023"), (None, "净网2023")):
                linker = Linker(
                    text, lang, title=None, published=published, quantities=[], campaigns=[], case_types=[], entities=[]
                )
                for i, para in enumerate(linker.layout.paragraphs):
                    spans, starts = linker.layout.sentences_in(i)
                    for pos in range(para[0], para[1]):
                        full = spans[bisect.bisect_right(starts, pos) - 1]
                        for size in (1, 3):
                            q = {"start": pos, "end": min(pos + size, para[1])}
                            sent = (max(full[0], q["start"] - 600), min(full[1], q["end"] + 600))
                            got = linker.period(q, sent, para, campaign)
                            assert got == _period_plain(linker, q, sent, para, campaign), (lang, text, pos, campaign)
                            checked += got != (None, None)
    assert checked > 300  # figures that do get periods, not only agreement on none


class _Hit:
    """A stand-in for a time word's match (the runs read only positions and kinds)."""


def test_runs_of_hits_with_equal_ends_keep_the_paragraphs_order() -> None:
    from extract.statistics.periods import _ParagraphTimes

    # an empty match beside a word ending where it stands: equal ends, so the plain filter is used
    for hits in (
        [(5, 5, "month", _Hit()), (3, 5, "year", _Hit()), (8, 10, "since", _Hit())],
        [(3, 5, "year", _Hit()), (5, 5, "month", _Hit()), (0, 2, "until", _Hit())],
        [(0, 2, "until", _Hit()), (3, 5, "year", _Hit()), (8, 10, "since", _Hit())],
    ):
        times = _ParagraphTimes(hits)
        for start in range(12):
            for end in range(12):
                # as _time_hits: an empty span holds nothing, not even an empty match
                want = [h for h in sorted(hits, key=lambda h: h[1], reverse=True) if start <= h[0] and h[1] <= end]
                want = want if start < end else []
                assert [times.hits[k] for k in times.nearest(start, end)] == want, (hits, start, end)
    assert not _ParagraphTimes([(5, 5, "month", _Hit()), (3, 5, "year", _Hit())]).ordered
    assert _ParagraphTimes([(3, 5, "year", _Hit()), (0, 2, "until", _Hit())]).ordered


def test_paragraph_and_sentence_prechecks_never_hide_a_word() -> None:
    texts = [
        "反诈民警冻结资金；骗取老人钱财案中，每日被骗走积蓄3万元。\n目标是反诈中心受理的诈骗案件100起。",
        "计划于明年，日均查处5起；平均每月受骗群众10人。",
        "无关的一段话。",
    ]
    implied = excluded = 0
    for text in texts:
        linker = _bare_linker(text, "zh")
        c = linker.cues
        for i, para in enumerate(linker.layout.paragraphs):
            for sent in linker.layout.sentences_in(i)[0]:
                for start in range(sent[0], sent[1] + 1):
                    for end in range(start, sent[1] + 1):
                        if linker._implied(start, end):
                            assert linker._may_imply(para), (text, start, end)
                            implied += 1
                        if c.exclude_re.search(text, start, end):
                            assert linker._may_exclude(sent), (text, start, end)
                            excluded += 1
    assert implied > 50 and excluded > 50  # the windows do hold such words
    # and the checks do spare the rest: a paragraph, a sentence with none, a figure outside paragraphs
    linker = _bare_linker(texts[2], "zh")
    assert not linker._may_imply(linker.layout.paragraphs[0]) and not linker._may_exclude(linker.layout.sentences_in(0)[0][0])
    assert not _bare_linker(texts[0], "zh")._may_imply((3, 3))


def test_noun_searches_in_place_agree_with_the_joined_string() -> None:
    c = cues("zh")
    assert c.spaceless_nouns
    text = "抓获犯罪嫌疑人及涉案人员共12名，关停网站和App 30个，冻结涉案资金流水"
    linker = _bare_linker(text, "zh")
    patterns_ = [c.noun_re, *(r.noun_re for r in c.rules if r.noun_re is not None)]
    for obj, unit in (("", ""), ("嫌疑人", "名"), (None, "个"), ("银行卡", None), ("涉案", "资金")):
        q = {"object": obj, "unit": unit}
        for pattern in patterns_:
            for start in range(len(text) + 1):
                for end in range(start, len(text) + 1, 3):
                    m = pattern.search(text[start:end] + " " + (obj or "") + " " + (unit or ""))
                    assert linker._names(pattern, start, end, q) == (m and m[0]), (pattern.pattern, start, end, q)


def test_figures_listed_after_types_are_found_by_their_starts() -> None:
    text = "侦办帮信案件4160起、开设赌场案件512起，依法关停账号十余万个"
    quantities = [{"start": text.index(f), "end": text.index(f) + len(f)} for f in ("十余万", "4160", "512")]  # any order
    linker = Linker(text, "zh", title=None, published=None, quantities=quantities, campaigns=[], case_types=[], entities=[])
    before = [{"canonical": "帮信", "start": 2, "end": 4}, {"canonical": "开设赌场", "start": 12, "end": 16}]
    assert text[before[0]["start"] : before[0]["end"]] == "帮信" and text[before[1]["start"] : before[1]["end"]] == "开设赌场"
    listed = 0
    for start in range(len(text) + 1):
        q = {"start": start, "end": start + 1}
        plain = any(before[-1]["end"] <= o["start"] < start for o in quantities)  # the scan the bisect replaced
        assert linker._listed_for_others(before, q) == plain, start
        listed += plain
    assert listed > 5

def test_place_events_name_the_places_the_span_reading_names() -> None:
    """Each span's places read from its paragraph's events are the set ``_read_places`` reads there,
    within the article's place (none, one holding the marks' places, one holding none of them)."""
    checked = 0
    titles = {"zh": [None, "杭州市公安局通报", "北京市公安局通报"], "en": [None, "Guangdong police", "Beijing police"]}
    for lang, texts in MARK_TEXTS.items():
        for text in texts:
            at = text.find("萧山")
            entities = [{"label": "LOC", "text": "萧山", "start": at, "end": at + 2}] if at >= 0 else []
            for title in titles[lang]:
                linker = Linker(
                    text, lang, title=title, published=None, quantities=[], campaigns=[], case_types=[], entities=entities
                )
                within = linker.article_place
                for para in linker.layout.paragraphs:
                    events = linker._place_events(para)
                    for start in range(para[0], para[1] + 1):
                        for end in range(start, para[1] + 1):
                            for words in (True, False):
                                want = linker._read_places(start, end, within=within, words=words)
                                got = linker._span_places(events, start, end, words)
                                assert set(got) == set(want), (lang, title, text, start, end, words)
                                checked += bool(got)
    assert checked > 100  # spans that do name places, not only agreement on none


ROOT = Path(__file__).resolve().parent.parent
# The texts the word checks are tried on: the corpus and the held-out sets, both languages.
REAL_TEXTS = sorted([*ROOT.glob("corpus/*.txt"), *ROOT.glob("tests/heldout*/*.txt")])


def _made_up_texts(pattern: str, n: int, seed: int) -> list[str]:
    """Texts strung together from the pattern's own words and characters, digits and breaks: they hold
    many matches, near-matches and words split across lines."""
    rng = random.Random(seed)
    words = regex.findall(r"[\p{Han}A-Za-z]+", pattern)
    pieces = [*words, *(ch for w in words for ch in w), "2023", "12", "5", "3", "，", "。", "\n", " ", "-", "至", "年", "月", "日"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def _cue_patterns(lang: str) -> list[tuple[str, int]]:
    """Every pattern of the cue tables (source, flags): the period patterns and the word lists."""
    c = cues(lang)
    found = [(p.pattern, p.flags) for _, p in c.periods]
    for value in vars(c).values():
        if isinstance(value, regex.Pattern | re.Pattern):
            found.append((value.pattern, value.flags))
    return found


def test_required_words_are_in_every_match() -> None:
    """Each word set of a pattern has a word inside each of its matches (overlapping ones too), on the
    corpus, the held-out texts and texts made of the pattern's own pieces."""
    real = [path.read_text(encoding="utf-8") for path in REAL_TEXTS]
    checked = 0
    for lang in ("zh", "en"):
        for n, (source, flags) in enumerate(_cue_patterns(lang)):
            needs = required_words(source, flags & regex.IGNORECASE)
            if not needs:
                continue
            pattern = regex.compile(source, flags)
            for text in [*real, *_made_up_texts(source, 300, n)]:
                for m in pattern.finditer(text, overlapped=True):
                    for words in needs:
                        assert any(w in m[0] for w in words), (source, words, m[0])
                    checked += 1
    assert checked > 2000


def test_required_words_read_from_the_parse() -> None:
    assert required_words("截[至止]目前|截[至止]今|目前|迄今|至今") == (("截止今", "目前", "至今", "迄今"),)
    assert required_words(r"(?:(?P<y>(?:19|20)\d\d)年)?前(?P<n>[1-9])个?月") == (("前",), ("月",))
    assert required_words(r"(?<!\d)(?P<y>(?:19|20)\d\d)年度?") == (("年",), ("19", "20"))
    # a word holding another of its set is dropped; a set implied by one kept is left out
    assert required_words("第一季度|一季度|上半年") == (("一季度", "上半年"),)
    assert required_words("全年") == (("全年",),)
    # nothing needed: optional or repeated-none items, classes of categories, negated classes
    for none in [r"a?", r"a*b*", r"\d+", r"[^a]", r".", r"(?:a|\d)", ""]:
        assert required_words(none) == (), none
    # nothing known where the standard parser would read otherwise than regex, or case is folded
    for foreign in [r"\p{Han}年", r"[[:alpha:]]年", r"(?:年){e<=1}", r"(?i)year", r"(?i:b)", r"\m年"]:
        assert required_words(foreign) == (), foreign
    assert required_words("year", regex.IGNORECASE) == ()
    assert required_words(r"a(?i:b)") == (("a",),)  # the words outside an inline flag still count
    # a zero-width item leaves the words beside it one run; a class of a few characters is a set
    assert required_words(r"截(?=至)至") == (("截至",),)
    assert required_words(r"[今去]年") == (("今年", "去年"),)


def test_period_hits_with_word_checks_agree_with_the_plain_scans() -> None:
    """The per-paragraph time words found with the word checks are those found without them."""
    checked = 0
    texts = [path.read_text(encoding="utf-8") for path in REAL_TEXTS]
    texts += [t for n, (_, p) in enumerate(cues("zh").periods) for t in _made_up_texts(p.pattern, 20, 100 + n)]
    for text in texts:
        lang = "zh" if regex.search(r"\p{Han}", text) else "en"
        linker = _bare_linker(text, lang)
        checked_linker = _bare_linker(text, lang)
        plain = copy.copy(linker.cues)
        plain.period_scans = [(n, kind, p, local, ()) for n, kind, p, local, _ in linker.cues.period_scans]
        linker.cues = plain
        for i in range(len(linker.layout.paragraphs)):
            want = [h[:3] for h in linker._paragraph_times(i)]
            assert [h[:3] for h in checked_linker._paragraph_times(i)] == want, (text, i)
            checked += len(want)
            # and the since- and range-expressions of each sentence (the campaigns' stated starts)
            for start, end in linker.layout.sentences_in(i)[0]:
                want_starts = [
                    (kind, m.span()) for kind, p in linker.cues.periods if kind in ("since", "range") for m in p.finditer(text, start, end)
                ]
                got = [(kind, m.span()) for kind, m in checked_linker._stated_starts(start, end)]
                assert got == want_starts, (text, start, end)
                checked += len(got)
    assert checked > 300


def test_scope_words_scanned_per_paragraph_agree_with_the_whole_text_scan() -> None:
    """A paragraph's scope words scanned from its start, seeing past its end as far as the look-ahead
    reads, are the whole text's scan cut to the paragraph; a scope word before a line break and its
    follower after it (全省\n公安) is found by both."""
    texts = [path.read_text(encoding="utf-8") for path in REAL_TEXTS]
    rng = random.Random(7)
    pieces = ["全省", "全国", "全市", "该市", "本市", "全区", "公安", "各地", "共", "\n", " ", "\n\n", "。", "开展", "已", "范围",
              "across the country", "nationwide", " police", "\n", "the city", "citywide", " "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(400)]
    checked = 0
    for text in texts:
        for lang in ("zh", "en"):
            linker = _bare_linker(text, lang)
            whole = linker._scope_hits()
            for ps, pe in linker.layout.paragraphs:
                want = [h for h in whole if ps <= h[0] < pe]
                assert linker._paragraph_scope_words(ps, pe) == want, (lang, text, ps, pe)
                checked += len(want)
    assert checked > 500


def test_lines_split_agree_with_the_line_scan() -> None:
    """The paragraphs split on line breaks are the lines a ``[^\\n]+`` scan finds holding more than
    white space."""
    rng = random.Random(3)
    pieces = ["\n", "\r", " ", "\u3000", "\t", "案件", "a", "\n\n", "\r\n", "\x0b", "\x1c", "。"]
    texts = [path.read_text(encoding="utf-8") for path in REAL_TEXTS] + ["", "\n", "a", "a\n", "\na"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 20))) for _ in range(2000)]
    for text in texts:
        plain = [m.span() for m in re.finditer(r"[^\n]+", text) if not m.group().isspace()]
        assert _lines(text) == plain, text


def test_time_words_resolved_once_per_document_agree_with_the_plain_reading() -> None:
    """Time words that come back paragraph after paragraph, read for figures of different campaigns in
    one document, resolve as each read alone does (the resolution is shared by kind, pattern, groups
    and campaign)."""
    text = "今年以来，破获案件5起。\n截至6月底，今年以来抓获12人。\n2023年以来，行动开展以来查处9家。\n今年以来，截至6月底冻结3万元。"
    checked = 0
    for published in (None, "2024-07-10"):
        linker = Linker(text, "zh", title=None, published=published, quantities=[], campaigns=[], case_types=[], entities=[])
        for i, para in enumerate(linker.layout.paragraphs):
            spans, starts = linker.layout.sentences_in(i)
            for pos in range(para[0], para[1]):
                full = spans[bisect.bisect_right(starts, pos) - 1]
                for campaign in (None, "净网2023", "云剑2024", None):
                    q = {"start": pos, "end": pos + 1}
                    got = linker.period(q, full, para, campaign)
                    assert got == _period_plain(linker, q, full, para, campaign), (pos, campaign, published)
                    checked += got != (None, None)
        assert len(linker._resolved) < sum(len(linker._paragraph_times(i)) for i in range(4)) * 3  # shared
    assert checked > 100
