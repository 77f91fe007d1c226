"""Bad input, exit codes, interruption and --resume, all through the real ``extract`` command."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS

EXE = shutil.which("extract") or str(Path(sys.executable).parent / "extract")
GOOD_ZH = "长治市公安机关“净网2023”专项行动共侦破涉网刑事案件2494起，抓获犯罪嫌疑人2693名，涉案金额15万余元。"
GOOD_TW = "公安機關「淨網2023」專項行動偵破電信網路詐騙案件８起，抓獲犯罪嫌疑人１２名。"
BIG = 50 * 1024 * 1024


def extract(*args: str, stdin: bytes | None = None, no_root_override: bool = False) -> subprocess.CompletedProcess[str]:
    prefix: list[str] = []
    if no_root_override and os.geteuid() == 0:
        # Root reads any file whatever its mode; without these capabilities chmod 000 really means unreadable.
        setpriv = shutil.which("setpriv")
        assert setpriv, "running as root needs setpriv (util-linux) to make a file unreadable"
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    res = subprocess.run([*prefix, EXE, *args], input=stdin, capture_output=True, timeout=300)
    return subprocess.CompletedProcess(res.args, res.returncode, res.stdout.decode("utf-8"), res.stderr.decode("utf-8"))


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad_input")


@pytest.fixture(scope="module")
def mixed_run(workdir: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One run over good documents mixed with every kind of bad input."""
    src = workdir / "in"
    src.mkdir()
    (src / "good_utf8.txt").write_text(GOOD_ZH, encoding="utf-8")
    (src / "good_bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD_ZH.encode("utf-8"))
    (src / "good_gbk.txt").write_bytes(GOOD_ZH.encode("gbk"))
    (src / "good_big5.txt").write_bytes(GOOD_TW.encode("big5"))
    (src / "good_crlf.txt").write_bytes(("标题\r\n" + GOOD_ZH + "\r\n").encode("utf-8"))
    (src / "good_en.txt").write_text("Police detained 5 suspects in a fraud case.", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    os.mkfifo(src / "fifo.txt")
    (src / "dangling.txt").symlink_to(src / "nowhere")
    locked = src / "locked.txt"
    locked.write_text(GOOD_ZH, encoding="utf-8")
    locked.chmod(0o000)
    with (src / "huge.txt").open("wb") as fh:
        fh.write(("涉案金额15万余元。" * (BIG // 27 + 1)).encode("utf-8")[:BIG])
    good_rows = [{"id": "row_ok", "text": GOOD_ZH}, {"id": "row_ok2", "text": "Police seized 3 phones."}]
    with (src / "rows.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(good_rows[0], ensure_ascii=False) + "\n")
        fh.write("this line is not json\n")
        fh.write(json.dumps({"id": "row_notext", "title": "no text"}) + "\n")
        fh.write(json.dumps({"id": "row_numtext", "text": 42}) + "\n")
        fh.write('{"id": "row_huge", "text": "' + "余万亿" * (BIG // 9) + '"}\n')
        fh.write(json.dumps(good_rows[1]) + "\n")
    out = workdir / "out"
    out.mkdir()
    started = time.monotonic()
    res = extract(
        str(src), str(workdir / "missing.txt"), "-o", str(out / "out.jsonl"), "--errors", str(out / "errors.jsonl"),
        no_root_override=True,
    )
    assert time.monotonic() - started < 120, "bad input made the run slow"
    return res, out


BAD = {
    "empty": "empty file",
    "binary": "binary file",
    "fifo": "not a regular file",
    "dangling": "no such file or directory",
    "locked": "permission denied",
    "huge": "too large",
    "rows:2": "not JSON",
    "row_notext": "no 'text' field",
    "row_numtext": "'text' is int, not a string",
    "rows:5": "line too long",
    "missing": "no such file or directory",
}


def test_bad_input_exit_code_and_summary(mixed_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    res, _ = mixed_run
    assert res.returncode == 1, res.stderr
    assert res.stderr.splitlines()[-1] == f"extract: {8 + len(BAD)} documents read, 8 written, {len(BAD)} failed"


def test_good_documents_of_the_same_run_are_all_written(mixed_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = mixed_run
    records = {r["id"]: r for r in rows(out / "out.jsonl")}
    assert set(records) == {"good_big5", "good_bom", "good_crlf", "good_en", "good_gbk", "good_utf8", "row_ok", "row_ok2"}
    assert records["good_gbk"]["encoding"] == "gb18030"
    assert records["good_big5"]["encoding"] == "big5"
    assert records["good_bom"]["encoding"] == "utf-8-sig"
    assert records["good_utf8"]["encoding"] == "utf-8"
    assert records["good_big5"]["campaigns"][0]["canonical"] == "净网2023"
    for rid in ("good_utf8", "good_bom", "good_gbk", "row_ok"):
        assert [q["value"] for q in records[rid]["quantities"]] == [2494, 2693, 150000], rid
    crlf = records["good_crlf"]
    text = ("标题\r\n" + GOOD_ZH + "\r\n")
    assert all(text[q["start"] : q["end"]] == q["text"] for q in crlf["quantities"])
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary or journal file left behind"


def test_each_failure_is_one_clear_line(mixed_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    res, out = mixed_run
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(BAD)
    for doc_id, reason in BAD.items():
        hits = [line for line in errors if line.startswith(f"error: {doc_id}: ")]
        assert len(hits) == 1, (doc_id, errors)
        assert reason.lower() in hits[0].lower(), hits[0]
    written = rows(out / "errors.jsonl")
    assert {e["id"] for e in written} == set(BAD)
    for err in written:
        assert set(err) == {"id", "source", "reason"}
        assert BAD[err["id"]].lower() in err["reason"].lower()
        assert err["source"]
    by_id = {e["id"]: e for e in written}
    assert by_id["rows:2"]["source"].endswith("rows.jsonl:2")
    assert by_id["locked"]["source"].endswith("locked.txt")


def test_all_good_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GOOD_ZH.encode("gb18030"))
    res = extract(str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), "--errors", str(tmp_path / "e.jsonl"), "-j", "1")
    assert res.returncode == 0, res.stderr
    assert res.stderr.strip().endswith("1 document read, 1 written, 0 failed")
    assert (tmp_path / "e.jsonl").read_text() == ""


@pytest.mark.parametrize(
    "args",
    [
        ["run"],
        ["run", "x.txt", "--lang", "fr"],
        ["run", "x.txt", "--resume"],
        ["run", "x.txt", "-o", "{tmp}"],
        ["run", "x.txt", "-o", "{tmp}/o.jsonl", "--errors", "{tmp}/o.jsonl"],
        ["run", "x.txt", "--no-such-option"],
        ["run", "x.txt", "--jobs", "0"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    res = extract(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert res.returncode == 2, res.stderr
    assert "Usage" in res.stderr or "Error" in res.stderr


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"\x00\x01\x02binary\x00", "binary file"), ("抓获3人".encode("big5", "ignore") + b"\xff\xfe", "")],
)
def test_stdin_bad_input(data: bytes, reason: str) -> None:
    res = extract("-", "-j", "1", stdin=data)
    if reason:
        assert res.returncode == 1
        assert f"error: stdin: <stdin>: {reason}" in res.stderr
    else:
        assert res.returncode in (0, 1)  # whatever it decodes to, it must say so without crashing
        assert "Traceback" not in res.stderr


# -- interruption and --resume --------------------------------------------------------------------------
# The articles come through stdin, written by the test: the run is interrupted exactly after DONE
# documents, while it waits for more input, however fast or slow the pipeline is.

DONE = 8


@pytest.fixture(scope="module")
def rows_jsonl() -> list[bytes]:
    """24 JSONL rows: corpus paragraphs, each one document."""
    paras = []
    for path in sorted(CORPUS.glob("*.txt")):
        paras += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 60]
    return [
        (json.dumps({"id": f"d{i:04d}", "text": paras[i % len(paras)]}, ensure_ascii=False) + "\n").encode("utf-8")
        for i in range(24)
    ]


@pytest.fixture(scope="module")
def reference(rows_jsonl: list[bytes], tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("reference") / "reference.jsonl"
    res = extract("-", "-o", str(out), "-j", "1", stdin=b"".join(rows_jsonl))
    assert res.returncode == 0, res.stderr
    return out.read_bytes()


def _interrupt(rows: list[bytes], out: Path, sig: int) -> tuple[int, str]:
    """Feed DONE rows, wait until the journal holds them, then send ``sig``; (exit code, stderr)."""
    journal = out.with_name(f".{out.name}.partial")
    # A child inherits an ignored SIGINT (a test run started in the background, ``pytest &``) and,
    # as Unix programs should, keeps ignoring it: give it the default a terminal's Ctrl-C meets.
    proc = subprocess.Popen(
        [EXE, "-", "-o", str(out), "-j", "1"], stdin=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(b"".join(rows[:DONE]))
    proc.stdin.flush()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= DONE:
            break
        time.sleep(0.02)
    assert proc.poll() is None, proc.stderr.read().decode()
    proc.send_signal(sig)
    code = proc.wait(timeout=60)
    err = proc.stderr.read().decode("utf-8")
    proc.stdin.close()
    proc.stderr.close()
    return code, err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupted_run_leaves_no_output_and_resume_completes_it(
    rows_jsonl: list[bytes], reference: bytes, tmp_path: Path, sig: int
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    code, err = _interrupt(rows_jsonl, out, sig)
    assert out.read_text(encoding="utf-8") == "previous complete output\n", "interrupted run touched the output"
    # kill -9 leaves the lock file too (the kernel dropped the lock itself): the next run takes it over
    left = [".out.jsonl.lock"] if sig == signal.SIGKILL else []
    assert sorted(p.name for p in tmp_path.iterdir()) == [*left, ".out.jsonl.partial", "out.jsonl"]
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 130, err
        assert "interrupted" in err and "--resume" in err
    res = extract("-", "-o", str(out), "--resume", "-j", "1", stdin=b"".join(rows_jsonl))
    assert res.returncode == 0, res.stderr
    last = res.stderr.strip().splitlines()[-1]
    assert last == f"extract: 24 documents read, 24 written, 0 failed ({DONE} already done by the interrupted run)"
    assert ("which is no longer running" in res.stderr) == (sig == signal.SIGKILL)
    assert out.read_bytes() == reference
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_torn_journal_line_is_dropped_on_resume(rows_jsonl: list[bytes], reference: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    lines = reference.splitlines(keepends=True)
    out.with_name(f".{out.name}.partial").write_bytes(b"".join(lines[:5]) + lines[5][:40])
    res = extract("-", "-o", str(out), "--resume", "-j", "1", stdin=b"".join(rows_jsonl))
    assert res.returncode == 0, res.stderr
    assert "(5 already done" in res.stderr
    assert out.read_bytes() == reference


def test_without_resume_a_stale_journal_is_discarded(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    journal = out.with_name(f".{out.name}.partial")
    journal.write_text(json.dumps({"id": "a", "source": "stale"}) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_ZH, encoding="utf-8")
    res = extract(str(tmp_path / "a.txt"), "-o", str(out), "-j", "1")
    assert res.returncode == 0, res.stderr
    assert "discarding" in res.stderr
    assert [r["id"] for r in rows(out)] == ["a"] and rows(out)[0]["source"].endswith("a.txt")
