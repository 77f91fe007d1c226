"""HTML pages as input (issue 14): the stages read the page's visible text, every offset points into the
markup, page metadata gives title and date, link lists give no statistics, and no page can make the
reader slow."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cli import extract

from extract import Extractor, extract_text
from extract.html import looks_like_html, read_page
from extract.scoring import load_gold, score
from schemas import LISTS

sys.path.append(str(Path(__file__).resolve().parent.parent / "bench"))
from html_pages import write_pages  # noqa: E402  the bench's page renditions, one copy

PAGE = """<!DOCTYPE html>
<html><head><title>嘉兴公安“断卡”行动再收网 - 嘉兴市公安局</title>
<meta property="article:published_time" content="2021-09-10T08:00:00+08:00">
<style>.box{width:66.67%;font-size:16px}</style>
<script>var _hmt = _hmt || []; var n = 3100;</script></head>
<body><div class="nav"><a href="/">网站首页</a> | <a href="/gk">警务公开</a></div>
<h1>嘉兴公安&ldquo;断卡&rdquo;行动再收网</h1>
<div class="content"><p>9月8日，嘉兴市公安局在&ldquo;净网2021&rdquo;专项行动中开展集中收网，抓获犯罪
   嫌疑人<strong>31</strong>名，冻结涉案资金37.5万元。</p>
<p>来源：嘉兴市公安局&nbsp;&nbsp;编辑：王某</p></div>
<ul class="related"><li><a href="/a.html">海盐警方破获一起网络诈骗案 抓获嫌疑人12名</a></li></ul>
</body></html>"""


def _check_offsets(record: dict, markup: str) -> None:
    for layer in LISTS:
        for item in record[layer]:
            assert markup[item["start"] : item["end"]] == item["text"], (layer, item)


def test_offsets_point_into_the_markup_and_spans_are_the_markup_between_them() -> None:
    doc = extract_text(PAGE).model_dump()
    _check_offsets(doc, PAGE)
    quantities = {q["text"]: q["value"] for q in doc["quantities"]}
    # a figure in bold keeps its tag in the span: the slice of the file is what the file holds
    assert quantities["31</strong>名"] == 31
    assert quantities["37.5万元"] == 375000
    assert [c["canonical"] for c in doc["campaigns"]] == ["断卡", "净网2021"]


def test_script_style_and_head_give_nothing_and_metadata_gives_title_and_date() -> None:
    doc = extract_text(PAGE)
    assert doc.title == "嘉兴公安“断卡”行动再收网"
    assert doc.published == "2021-09-10"
    assert not [q for q in doc.quantities if q.value in (66.67, 16, 3100)]


def test_a_related_story_headline_gives_quantities_but_no_statistic() -> None:
    doc = extract_text(PAGE)
    assert any(q.value == 12 for q in doc.quantities)
    assert {s.value for s in doc.statistics} == {31, 375000}


def test_a_link_inside_a_body_sentence_does_not_make_the_line_furniture() -> None:
    page = ("<html><body><p>全省公安机关共抓获犯罪嫌疑人<a href='/x'>2693名</a>，侦破案件2494起，"
            "详见<a href='/y'>通报</a>。</p></body></html>")
    assert {s.value for s in extract_text(page).statistics} == {2693, 2494}


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<html><body><p>打击\n    犯罪</p></body></html>", "打击犯罪"),  # a source line break between CJK characters
        ("<html><body><p>cyber\n   crime</p></body></html>", "cyber crime"),
        ("<html><body><p>a<br>b</p><div>c</div></body></html>", "a\nb\n\nc"),
        ("<html><body><p>A &amp; B&nbsp;&nbsp;C &#8220;D&#x201d; &unknown; &lt;</p></body></html>", "A & B  C “D” &unknown; <"),
        ("<html><body><pre>x   y\n z</pre></body></html>", "x   y\n z"),
        ("<html><body><!-- 抓获100人 --><p>ok</p><noscript>x</noscript><template>t</template></body></html>", "ok"),
        ("<html><head><title>T</title></head><body><svg><text>9</text></svg>x<textarea>1<b>2</b></textarea>y</body></html>", "xy"),
    ],
)
def test_visible_text_as_a_browser_shows_it(markup: str, text: str) -> None:
    page = read_page(markup)
    assert page.text == text
    # every character maps to where the markup has it
    for i, ch in enumerate(page.text):
        if ch not in " \n":
            assert page.markup[page.starts[i] : page.ends[i]] in (ch, *_refs(page.markup, page.starts[i], page.ends[i]))


def _refs(markup: str, start: int, end: int) -> tuple[str, ...]:
    return (markup[start:end],) if markup[start] == "&" else ()


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body>" + "<a " * 100_000,  # quadratic in Python's html.parser
        "<html><body>" + "</" * 100_000,
        "<html><body>" + "<a x>" * 100_000,
        "<html><body>" + "<" * 100_000,
        "<html><body>" + "&#" * 100_000,
        "<html><body><!--" + "a" * 300_000,
        "<html><body><script>" + "x<" * 100_000,
        "<html><body><a href='" + "x" * 300_000,
    ],
    ids=["unclosed-tags", "end-tag-starts", "many-tags", "lone-lt", "ref-starts", "open-comment", "open-script", "open-quote"],
)
def test_no_page_makes_the_reader_slow(markup: str) -> None:
    t0 = time.perf_counter()
    read_page(markup)
    assert time.perf_counter() - t0 < 3.0


@pytest.mark.parametrize(
    "markup",
    ["<html><body><p>抓获3人</p><a href='/x'>相关 </a>", "<html><body><a href='/x'>x   </a>\n\n", "<html><body><a> </a>"],
)
def test_a_page_ending_in_a_link_with_trailing_spaces_is_read(markup: str) -> None:
    # the link closed before its trailing spaces were dropped at the end of the page
    page = read_page(markup)
    assert not page.text.endswith((" ", "\n"))
    assert all(0 <= s <= e <= len(page.text) for s, e in page.furniture)
    extract_text(markup)  # the article is extracted, not lost


_PIECES = ["<p>", "</p>", "<a href='x'>", "</a>", "<br>", "<script>", "</script>", "<!--", "-->", "&amp;", "&nbsp;",
           "&#x201c;", "&", "<", ">", " ", "\n", "抓获", "犯罪嫌疑人", "31", "名", "<b>", "</b>", "<pre>", "</pre>", "'", '"']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_tag_soup_reads_with_its_map_in_order(pieces: list[str]) -> None:
    markup = "<html><body>" + "".join(pieces)
    page = read_page(markup)
    assert len(page.starts) == len(page.ends) == len(page.text)
    assert all(0 <= a <= b <= len(markup) for a, b in zip(page.starts, page.ends, strict=True))
    assert page.starts == sorted(page.starts)
    assert all(0 <= s <= e <= len(page.text) for s, e in page.furniture)


def test_only_a_document_that_opens_as_html_is_read_as_a_page() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("  <html lang='zh'><body>x</body></html>")
    assert not looks_like_html("抓获犯罪嫌疑人<5名>，<b>加粗</b>")
    assert not looks_like_html("The <html> tag opens a page.")


def test_pages_of_the_development_set_score_as_the_text_does(tmp_path: Path) -> None:
    write_pages(CORPUS, tmp_path / "pages")
    ex = Extractor()
    text_docs = [ex.process(a).model_dump() for a in _articles(sorted(CORPUS.glob("*.txt")))]
    pages = sorted((tmp_path / "pages").glob("*.html"))
    page_docs = [ex.process(a).model_dump() for a in _articles(pages)]
    for doc, path in zip(page_docs, pages, strict=True):
        _check_offsets(doc, path.read_text(encoding="utf-8"))
    on_text = score(text_docs, load_gold(CORPUS / "gold"))
    on_pages = score(page_docs, load_gold(tmp_path / "pages" / "gold"))
    for layer in LISTS:
        assert on_pages.lists[layer].lenient.f1 >= on_text.lists[layer].lenient.f1 - 0.005, layer
    assert on_pages.title_correct == on_text.title_correct
    assert on_pages.published_correct >= on_text.published_correct


def _articles(paths: list[Path]) -> list:
    from extract.readers import read_text_file

    return [read_text_file(p) for p in paths]


def test_the_cli_reads_html_files_in_a_folder_and_html_rows_of_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "rows.jsonl").write_text(json.dumps({"id": "r1", "text": PAGE}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    res = extract(str(folder), "-o", str(out))
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["page", "r1"]
    for r in records:
        _check_offsets(r, PAGE)
        assert r["title"] == "嘉兴公安“断卡”行动再收网"


def test_a_page_the_reader_fails_on_is_read_as_text_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.extractor as ex

    def broken(markup: str) -> None:
        raise ValueError("reader bug")

    monkeypatch.setattr(ex, "read_page", broken)
    doc = Extractor().process(ex.Article(id="p", text=PAGE))
    assert [e.stage for e in doc.errors] == ["html"]
    assert any(q.value == 375000 for q in doc.quantities)  # the rest of the pipeline still ran
