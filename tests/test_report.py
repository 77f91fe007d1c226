"""The corpus report: what is counted and summed, the terminal table, the HTML with sources and chart."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract import report as rp

TEXT_A = (
    "2023年，公安机关开展“净网2023”专项行动，侦破案件1200起，抓获犯罪嫌疑人800名。"
    "其中，“断卡”行动侦破案件300起，抓获嫌疑人150名，涉案金额5万元。"
    "“净网2023”行动侦破案件1200起。"
)
TEXT_B = "Police solved 40 cases and arrested 25 suspects; 3 victims were helped. Losses reached 1,000 dollars."


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def q(text: str, needle: str, value: float, kind: str, nth: int = 0, **extra: object) -> dict:
    start, end = span(text, needle, nth)
    item = {"text": needle, "start": start, "end": end, "value": value, "value_max": None, "approx": "exact",
            "unit": "x", "kind": kind, "currency": None, "object": None}
    item.update(extra)
    return item


def camp(text: str, needle: str, name: str, year: int | None, nth: int = 0) -> dict:
    start, end = span(text, needle, nth)
    return {"text": needle, "start": start, "end": end, "name": name, "year": year,
            "canonical": f"{name}{year or ''}"}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    folder = tmp_path_factory.mktemp("src")
    (folder / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps({"id": "x"}) + "\n" + json.dumps({"id": "b", "text": TEXT_B}) + "\n",
                                    encoding="utf-8")
    a = {
        "id": "a", "source": str(folder / "a.txt"), "lang": "zh", "published": "2024-01-05",
        "campaigns": [camp(TEXT_A, "净网2023", "净网", 2023), camp(TEXT_A, "断卡", "断卡", None),
                      camp(TEXT_A, "净网2023", "净网", 2023, nth=1)],
        "quantities": [
            q(TEXT_A, "1200起", 1200, "case"),
            q(TEXT_A, "800名", 800, "person", object="犯罪嫌疑人"),
            q(TEXT_A, "300起", 300, "case"),
            q(TEXT_A, "150名", 150, "person", object="嫌疑人"),
            q(TEXT_A, "5万元", 50000, "money", currency="CNY"),
            q(TEXT_A, "1200起", 1200, "case", nth=1),  # the headline figure repeated: summed once
        ],
        "case_types": [],
        "entities": [],
    }
    b = {
        "id": "b", "source": f"{folder / 'c.jsonl'}:2", "lang": "en", "published": None, "campaigns": [],
        "quantities": [
            q(TEXT_B, "40 cases", 40, "case"),
            q(TEXT_B, "25 suspects", 25, "person", object="suspects"),
            q(TEXT_B, "3 victims", 3, "person", object="victims"),
            q(TEXT_B, "1,000 dollars", 1000, "money", currency="USD"),
        ],
        "case_types": [{"text": "fraud", "start": 0, "end": 6, "canonical": "电信网络诈骗"}],  # offsets off on purpose
        "entities": [],
    }
    return [a, b]


def test_figures_go_to_the_nearest_preceding_campaign_and_repeats_sum_once(records: list[dict]) -> None:
    report = rp.aggregate(records)
    assert report.documents == 2
    jw = report.campaigns[("净网", 2023)]
    assert jw.mentions == 2 and jw.documents == {"a"}
    assert jw.counts["case"] == 2 and jw.sums["case"] == 1200  # two mentions, one distinct figure
    assert jw.sums["person"] == 800 and jw.sums["suspects"] == 800
    dk = report.campaigns[("断卡", 2024)]  # no year of its own: the publication year
    assert dk.year_from_published and dk.mentions == 1
    assert dk.sums["case"] == 300 and dk.sums["suspects"] == 150 and dk.sums["money CNY"] == 50000
    none = report.campaigns[(rp.NO_CAMPAIGN, None)]
    assert none.sums["case"] == 40 and none.sums["person"] == 28 and none.sums["suspects"] == 25
    assert none.sums["money USD"] == 1000
    assert report.kinds["case"].mentions == 4 and report.kinds["case"].sums["case"] == 1540
    assert report.kinds["money"].sums == {"money CNY": 50000, "money USD": 1000}
    assert report.case_types["电信网络诈骗"].mentions == 1


def test_suspects_need_an_object_naming_suspects() -> None:
    assert rp.is_suspect({"kind": "person", "object": "涉网犯罪嫌疑人"})
    assert rp.is_suspect({"kind": "person", "object": "Suspects"})
    assert not rp.is_suspect({"kind": "person", "object": "网民"})
    assert not rp.is_suspect({"kind": "person", "object": None})
    assert not rp.is_suspect({"kind": "case", "object": "嫌疑人"})


def test_terminal_table_aligns_chinese_columns(records: list[dict]) -> None:
    text = rp.format_text(rp.aggregate(records))
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("campaign"))
    block = lines[head:head + 5]
    assert re.match(r"净网\s+2023\s+1\s+2\s+2\s+1,200\s+1\s+800\s+1\s+800", block[2])
    assert block[3].startswith("断卡") and "2024*" in block[3]
    assert block[4].startswith("(no campaign)")
    widths = {rp._width(line) for line in block[:2]}
    assert len(widths) == 1  # header and rule line up, with CJK counted double-width
    assert "电信网络诈骗" in text and "CNY 50,000; USD 1,000" in text


def test_html_report_has_chart_tables_and_source_sentences(records: list[dict]) -> None:
    page = rp.render_html(rp.aggregate(records))
    html5lib = pytest.importorskip("html5lib")
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page)
    assert not parser.errors
    assert "<svg" in page and page.count("<rect") >= 2 + 2 * 3
    assert "<title>净网 2023: 1,200</title>" in page
    # The sentence around a figure, from a .txt source and from a JSONL row (path:line).
    assert "抓获犯罪嫌疑人<mark>800名</mark>。" in page
    assert "Police solved <mark>40 cases</mark> and arrested 25 suspects;" in page
    assert "其中，“断卡”行动侦破案件<mark>300起</mark>" in page
    assert "(source text not available)" in page  # the case type whose offsets do not fit
    assert page.count("<details>") >= 5


def test_html_report_escapes_record_content() -> None:
    rec = {"id": "<script>i()</script>", "source": "", "lang": "en", "published": None,
           "campaigns": [{"text": "x", "start": 0, "end": 1, "name": "<b>op</b>", "year": 2020, "canonical": "c"}],
           "quantities": [{"text": "<img src=x>", "start": 2, "end": 13, "value": 1, "value_max": None,
                           "approx": "exact", "unit": "case", "kind": "case", "currency": None, "object": "<s>"}],
           "case_types": [{"text": "y", "start": 0, "end": 1, "canonical": "<script>c()</script>"}], "entities": []}
    page = rp.render_html(rp.aggregate([rec]))
    assert "<script>" not in page and "<b>op" not in page and "<img src=x>" not in page and "<s>" not in page
    assert "&lt;b&gt;op&lt;/b&gt; 2020" in page


def test_cli_report_prints_table_and_writes_html(tmp_path: Path, corpus_records: list[dict]) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records), encoding="utf-8")
    exe = shutil.which("extract") or str(Path(sys.executable).parent / "extract")
    res = subprocess.run([exe, "report", str(out), "--html", str(tmp_path / "r.html")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert f"documents: {len(corpus_records)}" in res.stdout
    assert "by campaign and year" in res.stdout and "by quantity kind" in res.stdout
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    case_docs = sum(1 for r in corpus_records if any(i["kind"] == "case" for i in r["quantities"]))
    cases = sum(1 for r in corpus_records for i in r["quantities"] if i["kind"] == "case")
    if cases:
        assert f'<td>case</td><td class="num">{case_docs}</td><td class="num">{cases}</td>' in page
        assert "<mark>" in page and "(source text not available)" not in page
    bad = subprocess.run([exe, "report", str(tmp_path / "missing.jsonl")], capture_output=True, text=True)
    assert bad.returncode == 2
