"""The look-up indexes of the link stage agree with the plain scans they replace, on sentences of our own."""

from __future__ import annotations

import bisect

import regex

from extract import patterns
from extract.places import Divisions, Place, divisions
from extract.statistics import (
    _CLAUSE_END,
    FirstOf,
    Layout,
    Linker,
    _positions,
    cues,
    line_local,
    top_branches,
)

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
                    got = [h[:3] for h in linker._time_hits(start, end)]
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
