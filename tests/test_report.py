"""The corpus report: what is counted and summed, the terminal table, the HTML with sources and chart."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

from extract import report as rp

TEXT_A = (
    "2023年，全国公安机关开展“净网2023”专项行动，侦破案件8.3万起，抓获犯罪嫌疑人11万名。"
    "截至2023年12月，我国网民规模达10.92亿人。\n"
    "近日，某地公安机关破获一起侵犯公民个人信息案，抓获犯罪嫌疑人4名。"
)
TEXT_B = "In 2023 Chinese police solved 83,000 cases under the Clean Network campaign; 3 victims were helped."


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def q(text: str, needle: str, value: float, kind: str, unit: str, **extra: object) -> dict:
    start, end = span(text, needle)
    item = {"text": needle, "start": start, "end": end, "value": value, "value_max": None, "approx": "exact",
            "unit": unit, "kind": kind, "currency": None, "object": None}
    item.update(extra)
    return item


def stat(text: str, needle: str, value: float, metric: str, scope: str = "total", **extra: object) -> dict:
    start, end = span(text, needle)
    item = {"text": needle, "start": start, "end": end, "value": value, "value_max": None, "approx": "exact",
            "metric": metric, "scope": scope, "campaign": "净网2023", "place": "全国", "place_code": None,
            "period_start": "2023-01-01", "period_end": "2023-12-31", "case_type": None}
    item.update(extra)
    return item


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    folder = tmp_path_factory.mktemp("src")
    (folder / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps({"id": "x"}) + "\n" + json.dumps({"id": "b", "text": TEXT_B}) + "\n",
                                    encoding="utf-8")
    a = {
        "id": "a", "source": str(folder / "a.txt"), "lang": "zh", "published": "2024-01-05",
        "campaigns": [], "entities": [],
        "quantities": [
            q(TEXT_A, "8.3万起", 83000, "case", "起"),
            q(TEXT_A, "11万名", 110000, "person", "名", object="犯罪嫌疑人"),
            q(TEXT_A, "10.92亿人", 1092000000, "person", "人", object="网民"),  # background: no statistic
            q(TEXT_A, "4名", 4, "person", "名", object="犯罪嫌疑人"),
        ],
        "statistics": [
            stat(TEXT_A, "8.3万起", 83000, "cases_solved"),
            stat(TEXT_A, "11万名", 110000, "suspects_arrested"),
            stat(TEXT_A, "4名", 4, "suspects_arrested", scope="case", period_start=None, period_end=None,
                 case_type="侵犯公民个人信息"),
        ],
        "case_types": [{"text": "侵犯公民个人信息", "start": span(TEXT_A, "侵犯公民个人信息")[0],
                        "end": span(TEXT_A, "侵犯公民个人信息")[1], "canonical": "侵犯公民个人信息"}],
    }
    b = {
        "id": "b", "source": f"{folder / 'c.jsonl'}:2", "lang": "en", "published": None, "campaigns": [],
        "quantities": [q(TEXT_B, "83,000 cases", 83000, "case", "case"), q(TEXT_B, "3 victims", 3, "person", "victim")],
        "statistics": [stat(TEXT_B, "83,000 cases", 83000, "cases_solved")],  # the same fact as a's 8.3万起
        "case_types": [{"text": "fraud", "start": 0, "end": 6, "canonical": "电信网络诈骗"}],  # offsets off on purpose
        "entities": [],
    }
    return [a, b]


def test_totals_count_each_fact_once_and_list_case_figures_apart(records: list[dict]) -> None:
    report = rp.aggregate(records)
    assert report.documents == 2 and len(report.facts) == 3
    groups = {tuple(g.key.values()): (g, entries) for g, entries in report.totals()}
    cases, entries = groups[("净网2023", "全国", "cases_solved")]
    assert (cases.n_facts, cases.n_sources, cases.totals) == (1, 2, {"起": 83000})  # reported twice, counted once
    assert [m.doc_id for m in entries[0].mentions] == ["a", "b"]
    arrested, _ = groups[("净网2023", "全国", "suspects_arrested")]
    assert arrested.totals == {"名": 110000} and sorted(arrested.roles) == ["case", "summed"]
    assert report.case_types["电信网络诈骗"].mentions == 1
    assert report.kinds["person"].mentions == 4 and report.without_statistics == 0


def test_terminal_table_has_totals_and_no_background_figure(records: list[dict]) -> None:
    text = rp.format_text(rp.aggregate(records))
    lines = text.splitlines()
    assert lines[0] == "documents: 2, facts: 3"
    head = lines.index("totals by campaign, place and metric") + 1
    block = lines[head:head + 4]
    assert re.match(r"净网2023\s+全国\s+cases_solved\s+1\s+2\s+1\s+0\s+83,000 起\s+—$", block[2])
    assert re.match(r"净网2023\s+全国\s+suspects_arrested\s+2\s+1\s+1\s+0\s+110,000 名\s+1: 4名$", block[3])
    widths = {rp._width(line) for line in block[:2]}
    assert len(widths) == 1  # header and rule line up, with CJK counted double-width
    assert "1,092,000,000" not in text and "110,004" not in text and "166,000" not in text
    assert "电信网络诈骗" in text and "by quantity kind" in text


def test_html_report_opens_each_total_to_its_sentences(records: list[dict]) -> None:
    page = rp.render_html(rp.aggregate(records), texts_from=[Path(records[0]["source"]).parent])
    html5lib = pytest.importorskip("html5lib")
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page)
    assert not parser.errors
    assert "<svg" in page and "<title>净网2023 · 全国: 83,000</title>" in page
    # Both articles' sentences behind the one fact: from a .txt source and from a JSONL row (path:line).
    assert "侦破案件<mark>8.3万起</mark>，抓获犯罪嫌疑人11万名。" in page
    assert "In 2023 Chinese police solved <mark>83,000 cases</mark> under the Clean Network campaign;" in page
    assert "抓获犯罪嫌疑人<mark>4名</mark>。" in page and "4 名 · exact · one case: not added · 侵犯公民个人信息" in page
    assert "10.92亿人</mark>" not in page.split("By crime type")[0]  # no background figure behind any total
    assert "(source text not available)" in page  # the case type whose offsets do not fit
    assert page.count("<details>") >= 5


def test_html_report_shows_the_figure_when_the_text_cannot_be_read(records: list[dict]) -> None:
    lost = json.loads(json.dumps(records[0]))
    lost["source"] = "/nonexistent/a.txt"
    page = rp.render_html(rp.aggregate([lost]))
    assert "<mark>8.3万起</mark> <small>(source text not available)</small>" in page


def test_sentence_lookup_is_one_function(records: list[dict]) -> None:
    report = rp.aggregate(records)
    texts = rp.SourceTexts([Path(records[0]["source"]).parent])
    mention = report.facts.entries()[0].mentions[0]
    before, hit, after = rp.fact_sentence(mention, texts) or ("", "", "")
    assert hit == mention.text and before.endswith("侦破案件")


def test_html_report_escapes_record_content() -> None:
    stat_row = {"text": "<img src=x>", "start": 2, "end": 13, "value": 1, "value_max": None, "approx": "exact",
                "metric": "cases_solved", "scope": "total", "campaign": "<b>op</b>", "place": "<i>p</i>",
                "place_code": None, "period_start": None, "period_end": None, "case_type": "<s>t</s>"}
    rec = {"id": "<script>i()</script>", "source": "", "lang": "en", "published": None,
           "campaigns": [{"text": "x", "start": 0, "end": 1, "name": "<b>op</b>", "year": 2020, "canonical": "c"}],
           "quantities": [{"text": "<img src=x>", "start": 2, "end": 13, "value": 1, "value_max": None,
                           "approx": "exact", "unit": "<u>", "kind": "case", "currency": None, "object": "<s>"}],
           "statistics": [stat_row],
           "case_types": [{"text": "y", "start": 0, "end": 1, "canonical": "<script>c()</script>"}], "entities": []}
    page = rp.render_html(rp.aggregate([rec]))
    for raw in ("<script>", "<b>op", "<img src=x>", "<s>", "<i>p", "<u>"):
        assert raw not in page
    assert "&lt;b&gt;op&lt;/b&gt;" in page and "&lt;img src=x&gt;" in page


def test_records_without_statistics_are_noted() -> None:
    rec = {"id": "old", "source": "", "lang": "zh", "quantities": [], "case_types": []}
    report = rp.aggregate([rec])
    assert report.without_statistics == 1
    assert "1 of 1 records have no statistics list" in rp.format_text(report)


def test_cli_report_prints_table_and_writes_html(tmp_path: Path, corpus_records: list[dict]) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records), encoding="utf-8")
    exe = shutil.which("extract") or str(Path(sys.executable).parent / "extract")
    res = subprocess.run([exe, "report", str(out), "--html", str(tmp_path / "r.html"), "--texts", str(CORPUS)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(f"documents: {len(corpus_records)}, facts: ")
    assert "totals by campaign, place and metric" in res.stdout and "by quantity kind" in res.stdout
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    case_docs = sum(1 for r in corpus_records if any(i["kind"] == "case" for i in r["quantities"]))
    cases = sum(1 for r in corpus_records for i in r["quantities"] if i["kind"] == "case")
    assert f'<td>case</td><td class="num">{case_docs}</td><td class="num">{cases}</td>' in page
    if any(r["statistics"] for r in corpus_records):
        assert "<mark>" in page and "(source text not available)" not in page
    assert not list(tmp_path.glob(".r.html.*"))  # written through a temporary file
    bad = subprocess.run([exe, "report", str(tmp_path / "missing.jsonl")], capture_output=True, text=True)
    assert bad.returncode == 2
    old = tmp_path / "old.jsonl"
    old.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "statistics"}) + "\n"
                           for r in corpus_records), encoding="utf-8")
    res = subprocess.run([exe, "report", str(old)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "have no statistics list" in res.stdout


def test_a_path_named_in_a_record_is_never_opened(tmp_path: Path, records: list[dict]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE 8.3万起。", encoding="utf-8")
    planted = json.loads(json.dumps(records[0]))
    planted["source"] = str(secret)
    planted["statistics"] = [stat("TOP-SECRET-LINE 8.3万起。", "8.3万起", 83000, "cases_solved")]
    page = rp.render_html(rp.aggregate([planted]))
    assert "TOP-SECRET" not in page and "(source text not available)" in page
    # Given as a text to read, the same file is quoted.
    assert "TOP-SECRET-LINE <mark>8.3万起</mark>" in rp.render_html(rp.aggregate([planted]), texts_from=[secret])


def test_cli_report_skips_malformed_records(tmp_path: Path, records: list[dict]) -> None:
    from typer.testing import CliRunner

    from cli import app

    broken_start = json.loads(json.dumps(records[0]))
    broken_start["statistics"][0]["start"] = None
    out = tmp_path / "mixed.jsonl"
    rows = [[1], {"quantities": [1]}, broken_start, records[1]]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    res = CliRunner().invoke(app, ["report", str(out), "--html", str(tmp_path / "r.html")])
    assert res.exit_code == 1 and "Traceback" not in res.output, res.output
    assert res.output.count("row skipped") >= 2
    assert "documents: " in res.output and (tmp_path / "r.html").exists()
