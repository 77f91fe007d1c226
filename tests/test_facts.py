"""The fact table: each fact once across articles, group totals, CSV/JSONL/Parquet output, bad input, README rows."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extract
from cli import app
from extract.extractor import Article
from extract.facts import FactTable, covers, format_groups, group_facts, read_records, roles, write_facts
from schemas import FACT_COLUMNS, Fact

ROOT = Path(__file__).resolve().parent.parent

# Two releases of the same day, worded differently, reporting the same national figure; the first also
# gives a background figure (网民规模) that is no statistic.
RELEASE_A = (
    "公安部1月10日通报：2023年，全国公安机关深入推进“净网2023”专项行动，共侦破网络犯罪案件8.3万起，"
    "抓获犯罪嫌疑人11.3万名。截至2023年12月，我国网民规模达10.92亿人，互联网普及率达77.5%。"
)
RELEASE_B = "记者从公安部获悉，2023年全国公安机关“净网2023”专项行动累计侦破案件8.3万起。"
# A city's tally and, in its own paragraph, the story of one bust.
CITY = (
    "今年以来，长治市公安机关深入开展“净网2023”专项行动，共侦破涉网案件320起，抓获犯罪嫌疑人120名。\n"
    "近日，长治市公安局潞州分局破获一起侵犯公民个人信息案，抓获犯罪嫌疑人4名，查获公民个人信息2万余条。"
)


@pytest.fixture(scope="module")
def records(extractor: extract.Extractor) -> list[dict]:
    articles = [
        Article(id="release-a", text=RELEASE_A, published="2024-01-10"),
        Article(id="release-b", text=RELEASE_B, published="2024-01-10"),
        Article(id="city", text=CITY, published="2023-11-20"),
    ]
    return [r.model_dump(mode="json") for r in extractor.pipe(articles)]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, list(args))
    return res.exit_code, res.stdout, res.stderr


def fact(**fields: object) -> Fact:
    base: dict[str, object] = {"metric": "cases_solved", "value": 1, "unit": "起", "scope": "total", "campaign": "净网2023",
                               "place": "全国", "n_sources": 1, "sources": "d", "text": "1起"}
    return Fact.model_validate(base | fields)


def test_the_same_national_figure_in_two_articles_is_one_fact_with_two_sources(records: list[dict]) -> None:
    rows = extract.facts(records)
    national = [f for f in rows if f.metric == "cases_solved" and f.place == "全国"]
    assert len(national) == 1
    f = national[0]
    assert (f.value, f.unit, f.scope, f.campaign, f.period_end) == (83000, "起", "total", "净网2023", "2023-12-31")
    assert f.n_sources == 2 and f.sources == "release-a;release-b"
    assert f.text == "8.3万起"  # the first mention
    # The same records given twice add nothing.
    assert extract.facts(records + records) == rows


def test_a_background_figure_is_no_statistic_and_no_fact(records: list[dict]) -> None:
    release_a = records[0]
    assert any(q["text"] == "10.92亿人" for q in release_a["quantities"])
    assert not any(s["text"] == "10.92亿人" for s in release_a["statistics"])
    assert not any(f.value == 1_092_000_000 for f in extract.facts(records))


def test_a_case_figure_is_its_own_fact_listed_but_never_summed(records: list[dict]) -> None:
    rows = extract.facts(records)
    case = [f for f in rows if f.scope == "case" and f.metric == "suspects_arrested"]
    assert [(f.value, f.text, f.sources) for f in case] == [(4, "4名", "city")]
    groups = {tuple(g.key.values()): g for g in group_facts(rows, ["campaign", "metric"])}
    arrested = groups[("净网2023", "suspects_arrested")]
    # The national tally is added; the city's (inside it: a smaller area, a period that ends earlier) is a part,
    # and the bust's 4 is listed.
    assert arrested.totals == {"名": 113000}
    assert sorted(arrested.roles) == ["case", "part", "summed"]
    text = format_groups(list(groups.values()), ["campaign", "metric"])
    line = next(x for x in text.splitlines() if "suspects_arrested" in x)
    assert "113,000 名" in line and "1: 4名" in line


def test_cli_group_by_counts_each_fact_once_and_lists_case_figures(tmp_path: Path, records: list[dict]) -> None:
    out = write_jsonl(tmp_path / "out.jsonl", records)
    code, stdout, stderr = invoke("facts", str(out), "--group-by", "campaign,place,metric")
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert lines[0].split()[:6] == ["campaign", "place", "metric", "facts", "sources", "summed"]
    national = next(x for x in lines if "全国" in x and "cases_solved" in x)
    assert re.search(r"cases_solved\s+1\s+2\s+1\s+0\s+83,000 起", national)  # one fact, two sources
    city = next(x for x in lines if "长治市" in x and "suspects_arrested" in x)
    assert "120 名" in city and "4名" not in city
    bust = next(x for x in lines if "潞州区" in x and "suspects_arrested" in x)
    assert re.search(r"—\s+1: 4名$", bust)  # listed, nothing summed
    assert "metric,value" not in stdout  # the table replaces the CSV on stdout
    assert "3 records read, 0 skipped" in stderr


def test_parts_of_a_tally_are_not_added() -> None:
    national = fact(value=83000)
    province = fact(value=3000, place="江苏省", place_code="320000")
    city = fact(value=500, place="南京市", place_code="320100")
    fraud = fact(value=40000, case_type="电信网络诈骗")
    earlier = fact(value=50000, period_start="2023-01-01", period_end="2023-06-30")
    whole_year = fact(value=83000, period_start="2023-01-01", period_end="2023-12-31", text="8.3万起")
    other_city = fact(value=700, place="杭州市", place_code="330100")
    assert covers(national, province) and covers(province, city) and covers(national, fraud)
    assert covers(whole_year, earlier) and not covers(earlier, whole_year)
    assert not covers(province, other_city) and not covers(city, province)
    assert not covers(national, fact(value=9, campaign="云剑2023", place="江苏省"))  # another campaign
    assert not covers(national, fact(value=9, place="江苏省", metric="suspects_arrested", unit="名"))
    # The same count in two crime types' shares: neither is part of the other; both are added.
    a, b = fact(value=67, case_type="侵犯公民个人信息"), fact(value=36, case_type="侵犯公民个人信息", text="36起")
    assert roles([a, b]) == ["summed", "summed"]
    assert roles([province, city, other_city]) == ["summed", "part", "summed"]
    # Places in administrative order: 全国, then by division code (a province before its cities).
    order = group_facts([other_city, city, fact(value=5, place=None), province, national], ["place"])
    assert [g.key["place"] for g in order] == ["全国", "江苏省", "南京市", "杭州市", None]
    # 人 and 名 count the same people (patterns/zh/facts.toml): 1627人 is part of 2693名.
    total = fact(metric="suspects_arrested", value=2693, unit="名", place="长治市", place_code="140400")
    share = fact(metric="suspects_arrested", value=1627, unit="人", place="长治市", place_code="140400",
                 case_type="电信网络诈骗")
    group = group_facts([total, share], ["campaign", "place", "metric"])[0]
    assert group.roles == ["summed", "part"] and group.totals == {"名": 2693}


def test_group_by_rejects_unknown_columns(tmp_path: Path, records: list[dict]) -> None:
    out = write_jsonl(tmp_path / "out.jsonl", records)
    code, _, stderr = invoke("facts", str(out), "--group-by", "campaign,colour")
    assert code == 2 and "colour" in stderr


def test_csv_round_trip_with_bom(tmp_path: Path, records: list[dict]) -> None:
    rows = extract.facts(records)
    path = tmp_path / "facts.csv"
    write_facts(rows, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "净网2023".encode() in raw
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == FACT_COLUMNS
        back = [Fact.model_validate({k: (v if v != "" else None) for k, v in row.items()}) for row in reader]
    assert back == rows
    # stdout gets the same rows, without the BOM.
    code, stdout, _ = invoke("facts", str(write_jsonl(tmp_path / "out.jsonl", records)))
    assert code == 0 and not stdout.startswith("\ufeff")
    assert stdout == raw.decode("utf-8-sig")


def test_csv_cells_that_look_like_formulas_are_defused(tmp_path: Path) -> None:
    row = fact(sources="=HYPERLINK(\"http://x\")", campaign="@SUM(A1)")
    write_facts([row], tmp_path / "f.csv")
    text = (tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text


def test_jsonl_output_and_atomic_write(tmp_path: Path, records: list[dict], monkeypatch: pytest.MonkeyPatch) -> None:
    out = write_jsonl(tmp_path / "out.jsonl", records)
    target = tmp_path / "facts.jsonl"
    code, _, stderr = invoke("facts", str(out), "-o", str(target))
    assert code == 0, stderr
    back = [Fact.model_validate_json(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert back == extract.facts(records)
    assert "净网2023" in target.read_text(encoding="utf-8")  # UTF-8 as is, not \u escapes
    # A write that fails half-way leaves the previous file, and no temporary file.
    before = target.read_bytes()

    def broken(rows: object) -> object:
        yield "metric\n"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys.modules["extract.facts"], "csv_text", broken)
    code, _, stderr = invoke("facts", str(out), "-o", str(tmp_path / "facts.csv"))
    assert code == 2 and "No space left" in stderr
    assert not (tmp_path / "facts.csv").exists() and target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.jsonl", "out.jsonl"]


def test_parquet_output(tmp_path: Path, records: list[dict]) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra (pyarrow) is not installed")
    out = write_jsonl(tmp_path / "out.jsonl", records)
    code, _, stderr = invoke("facts", str(out), "-o", str(tmp_path / "facts.parquet"))
    assert code == 0, stderr
    table = pq.read_table(tmp_path / "facts.parquet")
    assert tuple(table.column_names) == FACT_COLUMNS
    assert [Fact.model_validate(r) for r in table.to_pylist()] == extract.facts(records)


def test_parquet_without_the_extra_is_one_line_and_exit_2(
    tmp_path: Path, records: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = write_jsonl(tmp_path / "out.jsonl", records)
    code, stdout, stderr = invoke("facts", str(out), "-o", str(tmp_path / "facts.parquet"))
    assert code == 2 and stdout == ""
    assert stderr.strip().splitlines() == ["error: parquet output needs pyarrow: pip install 'extract[parquet]'"]
    assert not (tmp_path / "facts.parquet").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\n  \n", "empty file"),
        ("长治市公安机关“净网2023”专项行动共侦破涉网刑事案件2494起。\n第二段。\n".encode(), "not a JSONL file of extract records"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a JSONL file of extract records"),
        (b'[{"id": "a", "statistics": []}]\n', "not a JSONL file of extract records"),
    ],
)
def test_empty_and_non_jsonl_files_say_so_in_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    code, stdout, stderr = invoke("facts", str(path))
    assert code == 2 and stdout == ""
    assert len(stderr.strip().splitlines()) == 1 and reason in stderr and str(path) in stderr


def test_records_of_an_older_extract_say_so_in_one_line(tmp_path: Path, records: list[dict]) -> None:
    old = [{k: v for k, v in r.items() if k != "statistics"} for r in records]
    path = write_jsonl(tmp_path / "old.jsonl", old)
    code, stdout, stderr = invoke("facts", str(path), "-o", str(tmp_path / "f.csv"))
    assert code == 2 and stdout == "" and not (tmp_path / "f.csv").exists()
    assert len(stderr.strip().splitlines()) == 1 and "no record has a 'statistics' list" in stderr
    missing = tmp_path / "missing.jsonl"
    code, _, stderr = invoke("facts", str(missing))
    assert code == 2 and "no such file" in stderr


def test_a_malformed_row_is_reported_and_skipped(tmp_path: Path, records: list[dict]) -> None:
    bad_stat = json.loads(json.dumps(records[2]))
    bad_stat["statistics"][0]["metric"] = "cases_dreamt"
    lines = [json.dumps(records[0], ensure_ascii=False), "{torn", json.dumps(bad_stat, ensure_ascii=False),
             json.dumps(records[1], ensure_ascii=False), json.dumps({"id": "x"})]
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, stdout, stderr = invoke("facts", str(path))
    assert code == 1
    errors = stderr.strip().splitlines()[:-1]
    assert errors == [
        f"error: {path}:2: not JSON: Expecting property name enclosed in double quotes; row skipped",
        f"error: {path}:3: statistics.0.metric: Input should be 'cases_solved', 'cases_filed', 'cases_handled', "
        "'suspects_arrested', 'suspects_prosecuted', 'people_punished', 'gangs_broken', 'money_involved', "
        "'money_recovered', 'money_frozen', 'victim_losses', 'victims', 'accounts_closed', 'content_removed', "
        "'sites_closed', 'items_seized', 'organisations_penalised' or 'other'; row skipped",
        f"error: {path}:5: row has no 'statistics' list; row skipped",
    ]
    assert "2 records read, 3 skipped" in stderr
    rows = list(csv.DictReader(io.StringIO(stdout)))
    national = [r for r in rows if r["metric"] == "cases_solved" and r["place"] == "全国"]
    assert [(r["n_sources"], r["sources"]) for r in national] == [("2", "release-a;release-b")]
    assert not any(r["sources"] == "city" for r in rows)


def test_errors_before_the_first_good_row_are_still_reported(tmp_path: Path, records: list[dict]) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("not json\n" + json.dumps(records[1], ensure_ascii=False) + "\n", encoding="utf-8")
    seen: list[tuple[int, str]] = []
    table = FactTable()
    for record in read_records(path, lambda line, reason: seen.append((line, reason))):
        table.add(record)
    assert [line for line, _ in seen] == [1] and table.records == 1 and len(table) == 1


def test_library_name_stays_the_function_after_importing_the_module() -> None:
    import importlib

    importlib.import_module("extract.facts")
    assert callable(extract.facts) and extract.facts([]) == []


def test_gzipped_records_are_read(tmp_path: Path, records: list[dict]) -> None:
    import gzip

    path = tmp_path / "out.jsonl.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    code, stdout, _ = invoke("facts", str(path))
    assert code == 0 and stdout.count("\n") == 1 + len(extract.facts(records))


def readme_sample() -> tuple[list[str], list[str]]:
    """The commands and the output lines of the README's fact-table sample."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- facts-sample.*?-->\s*```\w*\n(.*?)```", text, re.S)
    assert block, "the README's fact-table sample is missing"
    lines = block.group(1).splitlines()
    return [x[2:] for x in lines if x.startswith("$ ")], [x for x in lines if not x.startswith("$ ")]


def test_readme_fact_rows_are_what_extract_facts_prints_on_the_corpus(tmp_path: Path, corpus_records: list[dict]) -> None:
    commands, shown = readme_sample()
    assert commands[0] == "extract corpus/ -o out.jsonl"
    pipeline = re.fullmatch(r"extract facts out\.jsonl \| grep -e \^metric -e '([^']+)' \| head -(\d+)", commands[1])
    assert pipeline, commands[1]
    out = write_jsonl(tmp_path / "out.jsonl", corpus_records)
    code, stdout, stderr = invoke("facts", str(out))
    assert code == 0, stderr
    wanted = re.compile(f"^metric|{pipeline.group(1)}")
    printed = [line for line in stdout.splitlines() if wanted.search(line)][: int(pipeline.group(2))]
    assert printed == shown


def test_a_file_of_invalid_records_is_not_called_old_output(tmp_path: Path, records: list[dict]) -> None:
    bad = json.loads(json.dumps(records[0]))
    bad["statistics"][0]["scope"] = "galaxy"
    path = write_jsonl(tmp_path / "out.jsonl", [bad])
    code, _, stderr = invoke("facts", str(path))
    assert code == 2 and "no valid record (line 1: statistics.0.scope:" in stderr


def test_a_closed_stdout_ends_quietly(tmp_path: Path, records: list[dict]) -> None:
    import shutil
    import subprocess

    out = write_jsonl(tmp_path / "out.jsonl", records)
    exe = shutil.which("extract") or str(Path(sys.executable).parent / "extract")
    proc = subprocess.Popen([exe, "facts", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `extract facts out.jsonl | head -0`
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and "Broken pipe" not in stderr and "Traceback" not in stderr
