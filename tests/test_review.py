"""The HTML review page: highlights by layer and kind, hover values, gold marks, escaping, valid HTML5."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, GOLD

from extract import review
from extract.review import ReviewDoc, render_page
from extract.scoring import load_gold

html5lib = pytest.importorskip("html5lib")


def assert_valid_html5(page: str) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page)
    assert not parser.errors


def q(text: str, start: int, value: float, kind: str, **extra: object) -> dict:
    item = {"text": text, "start": start, "end": start + len(text), "value": value, "value_max": None,
            "approx": "exact", "unit": text[-1], "kind": kind, "currency": None, "object": None}
    item.update(extra)
    return item


def record(text: str, **layers: list[dict]) -> dict:
    rec = {"id": "t1", "source": "", "lang": "zh", "title": None, "published": None,
           "quantities": [], "campaigns": [], "case_types": [], "entities": []}
    rec.update(layers)
    for items in layers.values():
        for item in items:
            assert text[item["start"]:item["end"]] == item["text"]
    return rec


TEXT = "湖南省公安厅“净网2024”专项行动侦破电诈案件8.3万起，抓获犯罪嫌疑人1200余名。"


def sample() -> ReviewDoc:
    s = TEXT.index
    rec = record(
        TEXT,
        quantities=[q("8.3万起", s("8.3"), 83000, "case"),
                    q("1200余名", s("1200"), 1200, "person", approx="more_than", object="犯罪嫌疑人")],
        campaigns=[{"text": "净网2024", "start": s("净网"), "end": s("净网") + 6, "name": "净网", "year": 2024,
                    "canonical": "净网2024"}],
        case_types=[{"text": "电诈", "start": s("电诈"), "end": s("电诈") + 2, "canonical": "电信网络诈骗"}],
        entities=[{"text": "湖南省公安厅", "start": 0, "end": 6, "label": "ORG", "value": None}],
    )
    return ReviewDoc(rec, TEXT)


def test_every_item_highlighted_by_layer_and_kind_with_hover_value() -> None:
    page = render_page([sample()])
    assert_valid_html5(page)
    for cls in ("L-quantities K-case", "L-quantities K-person", "L-campaigns K-campaign",
                "L-case_types K-case_type", "L-entities K-ORG"):
        assert f'class="hl {cls} S-pred"' in page
    assert "8.3万起 → 83,000 · case · exact" in page
    assert "1200余名 → 1,200 · person · more_than · 犯罪嫌疑人" in page
    assert "净网2024 → 净网2024 · campaign" in page
    assert "电诈 → 电信网络诈骗 · case type" in page
    # Layer and kind toggles, with CSS that hides the highlights of an unchecked one.
    for layer in ("quantities", "campaigns", "case_types", "entities"):
        assert f'data-toggle="L-{layer}"' in page
        assert f"body.hide-L-{layer} .hl.L-{layer}" in page
    assert 'data-toggle="K-money"' in page and 'data-toggle="K-DATE"' in page
    # The text survives unchanged once the markup is removed.
    body = re.search(r'<div class="text"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", body) == TEXT


def test_side_table_lists_every_record_with_a_link_to_its_span() -> None:
    page = render_page([sample()])
    rows = re.findall(r'<tr class="L-(\w+) K-(\w+) S-pred">', page)
    assert sorted(rows) == sorted([("quantities", "case"), ("quantities", "person"), ("campaigns", "campaign"),
                                   ("case_types", "case_type"), ("entities", "ORG")])
    for anchor in re.findall(r'<a href="#(d0-\w+)">', page):
        assert f'id="{anchor}"' in page


def test_overlapping_items_of_different_layers_nest_and_all_show() -> None:
    text = "开展打击网络谣言专项行动"
    rec = record(
        text,
        campaigns=[{"text": "打击网络谣言专项行动", "start": 2, "end": 12, "name": "网络谣言打击整治专项行动",
                    "year": None, "canonical": "网络谣言打击整治专项行动"}],
        case_types=[{"text": "网络谣言", "start": 4, "end": 8, "canonical": "网络谣言"}],
    )
    page = render_page([ReviewDoc(rec, text)])
    assert_valid_html5(page)
    # The overlap segment carries both layers, outer campaign, inner case type with both hover lines.
    m = re.search(r'<span class="hl L-campaigns[^>]*><span class="hl L-case_types[^>]*title="([^"]*)">网络谣言</span>',
                  page)
    assert m, page
    assert "campaign" in m.group(1) and "case type" in m.group(1)
    assert page.count('data-item="d0-c0"') == 3  # the campaign is split into three fragments around it


def test_untrusted_text_and_fields_are_escaped() -> None:
    evil = '<script>alert("x")</script> 抓获<b onmouseover="x()">5名</b> & "quotes"'
    s = evil.index("5名")
    rec = record(evil, quantities=[q("5名", s, 5, "person", object='"><img src=x onerror=alert(1)>')])
    rec["id"] = "<script>id</script>"
    rec["title"] = "</title><script>t()</script>"
    page = render_page([ReviewDoc(rec, evil)], title="<i>t</i>")
    assert_valid_html5(page)
    assert "<script>alert" not in page and "<b onmouseover" not in page and "<img src=x" not in page
    assert "<script>id" not in page and "<script>t()" not in page and "<i>t</i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp; &quot;quotes&quot;" in page
    assert page.count("<script>") == 1  # only the page's own toggle script


def test_gold_marks_misses_and_spurious_items_with_the_lenient_rule() -> None:
    text = "侦破案件12起，抓获30人，涉案金额5万元。"
    pred = record(text, quantities=[q("12起", 4, 12, "case"), q("30人", 10, 3, "person")])
    gold = record(text, quantities=[q("12起", 4, 12, "case", approx="more_than"), q("30人", 10, 30, "person"),
                                    q("5万元", 18, 50000, "money", currency="CNY")])
    page = render_page([ReviewDoc(pred, text, gold)])
    assert_valid_html5(page)
    assert 'class="hl L-quantities K-case S-ok"' in page
    assert 'class="hl L-quantities K-person S-spurious"' in page  # wrong value: spurious ...
    assert 'class="hl L-quantities K-person S-miss"' in page  # ... and the gold item missed
    assert 'class="hl L-quantities K-money S-miss"' in page
    assert "MISSED (gold only): 5万元 → 50,000 CNY · money · exact" in page
    assert "SPURIOUS (not in gold): 30人 → 3 · person · exact" in page
    assert "gold approx=more_than" in page  # matched, but an attribute differs
    assert "quantities 2 (✓1 spurious 1 missed 2)" in page


def test_items_whose_offsets_do_not_fit_are_listed_not_highlighted() -> None:
    text = "抓获5名。"
    rec = record(text)
    rec["quantities"] = [{**q("5名", 2, 5, "person"), "start": 3, "end": 5}, {**q("9名", 40, 9, "person")}]
    page = render_page([ReviewDoc(rec, text)])
    assert_valid_html5(page)
    assert page.count("offsets do not fit the text") == 2
    assert "S-pred\" data-item" not in page


def test_corpus_page_highlights_every_record_and_is_valid(extractor: object) -> None:
    docs = list(review.review_docs([CORPUS], extractor=extractor, gold=load_gold(GOLD)))
    assert len(docs) == len(list(CORPUS.glob("*.txt")))
    page = render_page(docs)
    assert_valid_html5(page)
    for i, doc in enumerate(docs):
        marks, counts = review.build_marks(doc, i)
        assert all(m.valid for m in marks), [m.item for m in marks if not m.valid]
        for m in marks:
            assert f'id="{m.anchor}"' in page
        for layer in counts.pred:
            assert counts.ok[layer] + counts.spurious[layer] == counts.pred[layer]
            assert counts.ok[layer] + counts.miss[layer] == len(doc.gold.get(layer) or [])


def test_write_dir_uses_safe_unique_file_names(tmp_path: Path) -> None:
    doc = sample()
    other = ReviewDoc({**doc.record, "id": "../../evil id"}, doc.text)
    same = ReviewDoc({**doc.record, "id": "../../evil/id"}, doc.text)
    assert review.write_dir(tmp_path / "out", [doc, other, same]) == 3
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["evil_id.html", "evil_id_2.html", "index.html", "t1.html"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert_valid_html5(index)
    assert 'href="evil_id.html"' in index and "../../evil id" in index


def extract_cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("extract") or str(Path(sys.executable).parent / "extract")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=300)


def test_cli_show_with_gold_and_run_with_html(tmp_path: Path) -> None:
    article = sorted(CORPUS.glob("*.txt"))[1]
    res = extract_cli("show", str(article), "--html", str(tmp_path / "one.html"), "--gold", str(GOLD))
    assert res.returncode == 0, res.stderr
    page = (tmp_path / "one.html").read_text(encoding="utf-8")
    assert "S-ok" in page and 'class="hl L-' in page and "missed" in page
    res = extract_cli("run", str(CORPUS), "-o", str(tmp_path / "out.jsonl"), "--html", str(tmp_path / "rev"), "-j", "1")
    assert res.returncode == 0, res.stderr
    pages = sorted(p.stem for p in (tmp_path / "rev").glob("*.html"))
    assert pages == sorted([p.stem for p in CORPUS.glob("*.txt")] + ["index"])
    assert "S-pred" in (tmp_path / "rev" / f"{article.stem}.html").read_text(encoding="utf-8")
    bad = extract_cli("run", "-", "--html", str(tmp_path / "x"))
    assert bad.returncode == 2


def test_an_html_page_is_reviewed_as_its_visible_text(tmp_path: Path, extractor: object) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<!DOCTYPE html><html><head><title>t</title><style>.a{width:66.67%}</style></head><body>"
        "<h1>警方通报</h1><p>全省共抓获犯罪嫌疑人<strong>31</strong>名，冻结资金37.5万元。</p></body></html>",
        encoding="utf-8",
    )
    (doc,) = review.review_docs([page_file], extractor=extractor)
    assert "<" not in doc.text and "抓获犯罪嫌疑人31名" in doc.text  # the text a reader sees
    marks, _ = review.build_marks(doc)
    assert marks and all(m.valid for m in marks)
    assert {m.item["text"] for m in marks if m.layer == "quantities"} == {"31名", "37.5万元"}
    html_page = render_page([doc])
    assert_valid_html5(html_page)
    assert "&lt;strong&gt;" not in html_page and "width:66.67%" not in html_page
