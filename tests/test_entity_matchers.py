"""The fast Chinese NER matchers find exactly what the rule regexes they stand in for find.

ZhRules keeps each ORG / LOC / person rule as one regex (the definition) and runs an equivalent
matcher that starts only where the Aho-Corasick scan says a match can start. These tests hold the
two together on real articles, on hand-made hard cases and on random text built from the
gazetteer's own pieces.
"""

from __future__ import annotations

import random
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.entities import rules
from extract.lexicon import matches_at

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted([*ROOT.glob("corpus/*.txt"), *ROOT.glob("tests/heldout/*.txt")])

HARD = [
    "山西省长治市公安局上党分局网安大队民警张伟说，",  # place chain, core, sub-units, speaker
    "市公安局网安支队、全市公安机关、该市公安局",  # one-character 市 with and without a place before it
    "四川省成都市武侯区人民法院审理后认为，北京市东城区",  # three places, a court, a LOC chain
    "市中区公安分局与市局网安支队联合",  # a place that starts with 市; the back-referenced 市局
    "某科技有限公司、一家保健品公司和中国移动、中国联通、中国电信",  # generic heads, operators
    "来源：长治日报  编辑：王芳 《人民日报》报道，记者 李明 王蕾",  # source, quoted paper, names after a title
    "重庆市公安局江北分局刑侦支队副支队长陈刚介绍：",  # title followed by a name and a colon
    "省厅、省公安厅网络安全保卫总队和县",  # back-references and a bare one-character place
    "市公安局发布会上，\n欧阳明辉 ：今年以来，李明表示",  # a four-character speaker before a spaced colon
]


# Edges of the anchor scan: nothing to find, anchors at the very start or end, a generic head with
# punctuation, a stop word or more than ten name characters before it, operators in a list.
EDGES = [
    "",
    "。，、 \n",
    "公司",
    "有限公司成立",
    "。公司",
    "的大学",
    "甲乙丙丁戊己庚辛壬癸子丑银行",
    "Acme2024科技有限公司和华为公司",
    "据介绍，黑龙江省哈尔滨市香坊区人民法院",
    "移动、联通、电信和中国移动",
    "记者王",
    "\n欧阳 说",
    "县",
    "市局",
    "淘宝",
    "民警：张伟、记者：　李娜，副局长王 刚，通讯员□欧阳明说",  # a title's separators before the name
    "\u3000张伟说。\x1c李明表示，•王芳指出：赵磊：",  # speakers after odd spaces and marks
    "民警",
    "北京首都国际机场、上海虹桥火车站、广州南站高铁站和香港港，重庆江北国际机场候机楼",  # LOC heads after places
    "长春龙嘉机场长春",
    "京在京赴沪，返津渝来渝。在京",  # one-character places after a motion verb, at both edges
]


def _org(rx_matches) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [
        (m.start(), m.end(), m["a"], m["c"], m["s"], m["g"], m["b"], tuple(m.starts("u")), tuple(m.ends("u")))
        for m in rx_matches
    ]


def _check(text: str) -> None:
    zh = rules("zh")
    assert _org(zh.org_matches(text)) == _org(zh.org.finditer(text))
    assert list(zh.loc_spans(text)) == [m.span() for m in zh.loc.finditer(text)]
    at = zh._scan(text)
    titles, speakers = at.titles, at.speakers
    assert [m.span("n") for m in matches_at(partial(zh.title_person.match, text), titles)] == [
        m.span("n") for m in zh.title_person.finditer(text)
    ]
    assert [m.span("n") for m in matches_at(partial(zh.speaker.match, text), speakers)] == [
        m.span("n") for m in zh.speaker.finditer(text)
    ]
    assert [m.span() for m in matches_at(partial(zh.org_names.match, text), at.names)] == [
        m.span() for m in zh.org_names.finditer(text)
    ]
    assert [m.span() for m in zh.abbrev_matches(text)] == [m.span() for m in zh.abbrev.finditer(text)]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_same_matches_on_articles(path: Path) -> None:
    _check(path.read_text(encoding="utf-8-sig"))


@pytest.mark.parametrize("text", HARD)
def test_same_matches_on_hard_cases(text: str) -> None:
    zh = rules("zh")
    assert list(zh.org.finditer(text)), "each hard case exercises the ORG rule"
    _check(text)


def _pieces() -> list[str]:
    zh = rules("zh")
    some_places = sorted(zh.place_names)[::40]
    return [
        *some_places, "省", "市", "县", "区", "全", "公安局", "公安厅", "分局", "网安支队", "大队", "派出所",
        "人民法院", "检察院", "有限公司", "科技", "银行", "市局", "省厅", "民警", "记者 ", "说", "表示",
        "：", "，", "。", "\n", " ", "张", "王", "李", "欧阳", "伟", "明", "的", "和", "中国移动", "、", "在", "京", "赴沪",
    ]


@pytest.mark.parametrize("text", EDGES)
def test_same_matches_at_the_edges(text: str) -> None:
    _check(text)


def test_anchor_scan_leaves_out_starts_that_cannot_match() -> None:
    zh = rules("zh")
    at = zh._scan("，。甲乙的丙丁有限公司")
    # before 有限公司 only the run 丙丁 can open a generic-head ORG: 的 is a stop word
    assert [p for p in at.org if p < 7] == [5, 6]
    assert zh._scan("").org == []


@pytest.mark.parametrize("text", HARD)
def test_same_matches_in_a_region(text: str) -> None:
    zh = rules("zh")
    for lo in range(0, len(text), 3):
        for hi in range(lo, len(text) + 1, 4):
            assert _org(zh.org_matches(text, lo, hi)) == _org(zh.org.finditer(text, lo, hi)), (lo, hi)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_same_matches_on_random_gazetteer_text(data: st.DataObject) -> None:
    pieces = _pieces()
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=40)))
    _check(text)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "河北省石家庄市公安局桥西分局", "  前后有空格的句子。\n\n第二段 English words 2024年  ", "甲"],
)
def test_token_bounds_mask_marks_exactly_the_token_edges(text: str) -> None:
    from extract import Extractor
    from extract.entities import _bounds

    doc = Extractor().nlp("zh").make_doc(text)
    expected = {0} if not len(doc) else {t.idx for t in doc} | {t.idx + len(t) for t in doc} | {len(text)}
    mask = _bounds(doc)
    assert len(mask) == len(text) + 1
    assert {i for i, b in enumerate(mask) if b} == expected


def test_left_cut_is_the_last_cut_word_ending_before_the_head() -> None:
    zh = rules("zh")

    def by_rfind(head: str) -> int:  # the plain definition: every word's last occurrence, the furthest end
        cut = 0
        for w in zh.left_cut:
            i = head.rfind(w, 0, len(head) - 2)
            if i >= 0:
                cut = max(cut, i + len(w))
        return cut

    rng = random.Random(21)
    pieces = [*zh.left_cut, "甲", "乙", "科技", "有限公司", "大学", "公司"]
    for _ in range(20000):
        head = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        last = zh.last_left_cut.search(head, 0, len(head) - 2) if len(head) > 2 else None
        assert (last.end() if last else 0) == by_rfind(head), head


def test_campaign_filter_drops_exactly_the_names_inside_a_campaign() -> None:
    from extract.entities import outside_campaigns

    rng = random.Random(22)
    for _ in range(3000):
        campaigns = [(a, a + rng.randint(0, 8)) for a in (rng.randint(0, 30) for _ in range(rng.randint(1, 4)))]
        rows = [
            {"start": a, "end": a + rng.randint(1, 6), "label": rng.choice(["ORG", "PERSON", "LOC", "DATE"])}
            for a in (rng.randint(0, 34) for _ in range(rng.randint(0, 8)))
        ]
        expected = [
            e for e in rows
            if e["label"] not in ("ORG", "PERSON") or not any(s <= e["start"] and e["end"] <= t for s, t in campaigns)
        ]
        assert outside_campaigns(rows, campaigns) == expected, (rows, campaigns)


def _ent_state(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(t.ent_iob, t.ent_type, t.ent_kb_id, t.ent_id) for t in doc] + [
        (e.start, e.end, e.label_, e.kb_id) for e in doc.ents
    ]


@pytest.mark.parametrize("seed", range(60))
def test_set_ents_sets_what_spacys_setter_sets(seed: int) -> None:
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from extract import Extractor
    from extract.doc import set_layer
    from extract.entities import set_ents

    rng = random.Random(seed)
    nlp = Extractor().nlp("zh")
    pieces = ["重庆市", "公安局", "民警", "张伟", "说", "，", " ", "  ", "2024年", "江北分局", "。\n", "Li Wei "]
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
    earlier = bool(text.strip()) and rng.random() < 0.3
    # the same random records on both docs: overlapping, nested, unlabelled, starting or lying in spaces
    rows = []
    for _ in range(rng.randint(0, 8) if text else 0):
        a = rng.randrange(len(text))
        b = rng.randint(a + 1, len(text))
        label = rng.choice(["ORG", "PERSON", "LOC", "DATE", ""])
        rows.append({"text": text[a:b], "start": a, "end": b, "label": label})
    ours, theirs = nlp.make_doc(text), nlp.make_doc(text)
    for doc in (ours, theirs):
        if earlier:  # entities and knowledge-base ids left by an earlier component
            doc.ents = [Span(doc, 0, 1, label="LOC", kb_id="Q1")]
        set_layer(doc, "entities", rows, label_field="label")
    set_ents(ours)
    theirs.ents = filter_spans(list(theirs.spans["entities"]))
    assert _ent_state(ours) == _ent_state(theirs)


def _layer_state(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    group = doc.spans["entities"]
    return [(s.start, s.end, s.start_char, s.end_char, s.label, s.kb_id, s.id) for s in group] + [
        group.name, group.attrs["records"]
    ]


@pytest.mark.parametrize("seed", range(80))
def test_store_sets_what_add_to_layer_and_set_ents_set(seed: int) -> None:
    from spacy.tokens import Span

    from extract import Extractor
    from extract.doc import add_to_layer
    from extract.entities import _store, _tokens, set_ents

    rng = random.Random(100 + seed)
    nlp = Extractor().nlp("zh")
    pieces = ["重庆市", "公安局", "民警", "张伟", "说", "，", " ", "  ", "2024年", "江北分局", "。\n", "Li Wei "]
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
    earlier = bool(text.strip()) and rng.random() < 0.3

    def rows(k: int) -> list[dict]:  # type: ignore[type-arg]
        # overlapping, nested, empty, unlabelled, in spaces, outside the text, with a text that differs
        out = []
        for _ in range(k):
            a = rng.randint(-1, len(text) + 1)
            b = rng.randint(a, len(text) + 2)
            label = rng.choice(["ORG", "PERSON", "LOC", "DATE", ""])
            row_text = text[a:b] if rng.random() < 0.9 else "x"
            out.append({"text": row_text, "start": a, "end": b, "label": label, "value": None})
        return out

    before, found = rows(rng.randint(0, 3)), rows(rng.randint(0, 8))
    ours, theirs = nlp.make_doc(text), nlp.make_doc(text)
    for doc in (ours, theirs):
        if earlier:  # entities and knowledge-base ids left by an earlier component
            doc.ents = [Span(doc, 0, 1, label="LOC", kb_id="Q1")]
        if before:
            add_to_layer(doc, "entities", [r for r in before if 0 <= r["start"] < r["end"] <= len(text)], "label")
    _store(ours, found, _tokens(ours))
    add_to_layer(theirs, "entities", found, label_field="label")
    set_ents(theirs)
    assert _layer_state(ours) == _layer_state(theirs)
    assert _ent_state(ours) == _ent_state(theirs)


def test_names_found_again_as_the_alternation_finds_them() -> None:
    import ahocorasick_rs
    import regex

    from extract.entities.zh import _LEFTMOST_LONGEST, _SMALL
    from extract.lexicon import alternation

    rng = random.Random(23)
    for _ in range(3000):
        known = {"".join(rng.choice("张伟王芳欧阳明") for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 5))}
        text = "".join(rng.choice("张伟王芳欧阳明，") for _ in range(rng.randint(0, 30)))
        again = ahocorasick_rs.AhoCorasick(list(known), matchkind=_LEFTMOST_LONGEST, implementation=_SMALL)
        found = [(s, e) for _, s, e in again.find_matches_as_indexes(text)]
        assert found == [m.span() for m in regex.finditer(alternation(known), text)], (known, text)


def test_resolve_chooses_what_the_longest_first_scan_chooses() -> None:
    from extract.entities.common import _PRIORITY, resolve

    def longest_first(cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:  # the definition
        chosen: list[tuple[int, int, str]] = []
        taken: set[int] = set()
        for s, e, label in sorted(set(cands), key=lambda c: (-(c[1] - c[0]), -_PRIORITY[c[2]], c[0])):
            if e <= s or taken & set(range(s, e)):
                continue
            chosen.append((s, e, label))
            taken |= set(range(s, e))
        return sorted(chosen)

    rng = random.Random(24)
    for _ in range(20000):
        cands = [
            (a, a + rng.randint(0, 6), rng.choice(["ORG", "PERSON", "DATE", "LOC"]))
            for a in (rng.randint(0, 20) for _ in range(rng.randint(0, 10)))
        ]
        assert resolve(cands) == longest_first(cands), cands
    assert resolve([]) == []


def test_english_place_trie_finds_what_the_flat_alternation_finds() -> None:
    import regex

    en = rules("en")
    flat = regex.compile(en.loc_flat)
    names = sorted(en.places)
    rng = random.Random(25)
    glue = [" ", ", ", "-", "s ", "n ", " City", " Province", " and ", "'s ", ".", "\n", "X", "Guinea-Bissau"]
    texts = [
        "Police in Guangdong Province and Guangdong said on Monday that Guinea-Bissau, Guineas and Dominican "
        "Republic officials met in Beijing Municipality.",
        "",
        "Anhui",
        "Anhuis Anhui-based Beijinger Beijing.",
    ]
    for _ in range(3000):
        texts.append("".join(rng.choice([*rng.sample(names, 6), *glue]) for _ in range(rng.randint(0, 8))))
    for text in texts:
        assert [m.span() for m in en.loc.finditer(text)] == [m.span() for m in flat.finditer(text)], text
        assert [m.span() for m in en.loc_matches(text)] == [m.span() for m in flat.finditer(text)], text


EN_ARTICLES = sorted([*ROOT.glob("tests/heldout/*en*.txt"), *ROOT.glob("tests/heldout2/e*.txt")])
EN_PIECES = [
    "Li Wei", "Zhang San", "said", "told reporters", ", a spokesman", "Mr. ", "Ms ", "Police", "Bureau", "of", "the",
    "Public Security", "Shenzhen", "BEIJING, Jan. 5 (Xinhua) -- ", "WENZHOU, China (AFP) - ", "\n", "\n  ", " ", ", ",
    "A.B.", "O'Brien", "McDonald", "x-Ray", "U.S.", "Tencent", "WeChat", "Xinhua", "Guangdong Province", "'s ", ".",
    "Zhou Wei:", "Q:", "2024", "don't", "_Hidden", "Ünal", "étude", "Nanshan District", "-Futian County", "'Baoan",
]


def _check_en(text: str) -> None:
    import regex

    from extract.entities.en import name_starts

    en = rules("en")
    capitals, word_capitals, lines = name_starts(text)
    for rx, starts in (
        (en.run, capitals), (en.person_ctx, sorted({*capitals, *lines})), (en.dateline, lines), (en.leveled, word_capitals)
    ):
        assert [m.span() for m in matches_at(partial(rx.match, text), starts)] == [m.span() for m in rx.finditer(text)]
    flat = regex.compile(en.org_names_flat)
    assert [m.span() for m in en.org_name_matches(text)] == [m.span() for m in flat.finditer(text)]
    assert [m.span() for m in en.loc_matches(text)] == [m.span() for m in en.loc.finditer(text)]


@pytest.mark.parametrize("path", EN_ARTICLES, ids=lambda p: p.name)
def test_english_rules_tried_only_at_capitals_and_line_starts_on_articles(path: Path) -> None:
    _check_en(path.read_text(encoding="utf-8-sig"))


def test_english_rules_tried_only_at_capitals_and_line_starts_on_random_text() -> None:
    rng = random.Random(26)
    for text in ["", "\n", "A", "said Li Wei", "\nZhou Wei: yes\n"]:
        _check_en(text)
    for _ in range(2000):
        _check_en("".join(rng.choice(EN_PIECES) for _ in range(rng.randint(0, 14))))


def test_role_or_verb_finds_a_word_where_the_flat_alternation_does() -> None:
    import regex

    from extract.lexicon import alternation

    zh = rules("zh")
    words = [*zh.titles, *(w for w in zh.left_cut if len(w) > 1)]
    flat = regex.compile(alternation(words))
    rng = random.Random(27)
    pieces = [*rng.sample(words, 30), *"甲乙民警科长所局队", "大队", "派出所", "支队"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        assert bool(zh.role_or_verb.search(text, a, b)) == bool(flat.search(text, a, b)), (text, a, b)
