"""The ``extract`` command end to end, through a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS, GOLD

SHARED_CHECK = Path(__file__).resolve().parents[2] / "shared" / "tools" / "check_output.py"


def extract(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("extract") or str(Path(sys.executable).parent / "extract")
    return subprocess.run([exe, *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_corpus_to_jsonl_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = extract(str(CORPUS), "-o", str(out))
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert {r["lang"] for r in rows} == {"zh", "en"}
    assert "5 documents read, 5 written, 0 failed" in res.stderr
    assert not list(tmp_path.glob(".*.tmp")), "temporary file left behind"
    if SHARED_CHECK.exists():
        chk = subprocess.run([sys.executable, str(SHARED_CHECK), str(out), str(CORPUS)], capture_output=True, text=True)
        assert chk.returncode == 0, chk.stdout
        assert "0 problems" in chk.stdout


def test_output_is_stable_across_runs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert extract(str(CORPUS), "-o", str(a)).returncode == 0
    assert extract(str(CORPUS), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()


def test_jsonl_input_and_stdin(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "a1", "text": "抓获犯罪嫌疑人12名。", "title": "给定标题"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "a2", "text": "Police detained 5 suspects."})
        + "\n",
        encoding="utf-8",
    )
    res = extract(str(corpus))
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert rows[0]["title"] == "给定标题"
    assert rows[0]["quantities"][0]["value"] == 12
    piped = extract("-", stdin="涉案金额15万余元。")
    assert piped.returncode == 0, piped.stderr
    rec = json.loads(piped.stdout)
    assert rec["id"] == "stdin" and rec["quantities"][0]["value"] == 150000


def test_missing_input_reports_and_continues(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = extract(str(tmp_path / "nope.txt"), str(CORPUS / "001_15d342227f5ed265.txt"), "-o", str(out))
    assert res.returncode == 1
    assert "nope" in res.stderr and "no such file" in res.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_schema_command_prints_document_schema() -> None:
    res = extract("schema")
    assert res.returncode == 0
    schema = json.loads(res.stdout)
    assert schema["title"] == "Document"
    assert {"quantities", "campaigns", "case_types", "entities"} <= set(schema["properties"])


def test_eval_prints_table_json_and_enforces_min_f1(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert extract(str(CORPUS), "-o", str(out)).returncode == 0
    table = extract("eval", str(out), str(GOLD))
    assert table.returncode == 0, table.stderr
    assert "quantities" in table.stdout and "strict F1" in table.stdout
    js = extract("eval", str(out), str(GOLD), "--json")
    data = json.loads(js.stdout)
    assert data["documents"] == 5 and "lenient" in data["lists"]["entities"]
    strict = extract("eval", str(out), str(GOLD), "--min-f1", "quantities=1.01")
    assert strict.returncode == 1 and "below threshold" in strict.stderr
    bad = extract("eval", str(out), str(GOLD), "--min-f1", "numbers=0.5")
    assert bad.returncode == 2


def test_eval_on_corpus_folder_runs_extraction_first() -> None:
    res = extract("eval", str(CORPUS))
    assert res.returncode == 0, res.stderr
    assert "documents: 5" in res.stdout


def test_usage_error_exits_2() -> None:
    assert extract("run", str(CORPUS), "--lang", "fr").returncode == 2
