"""Faults a batch job meets on a shared machine (issue 18): a killed run leaves no process behind, two
runs cannot write one output, a full disk is one clear line, and --errors survives an interruption."""

from __future__ import annotations

import fcntl
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS
from test_cli import extract

from extract import forkserver

sys.path.append(str(Path(__file__).resolve().parent.parent / "bench"))
from chaos import alive, descendants  # noqa: E402  the chaos script's /proc readers, one copy

EXE = str(Path(sys.executable).parent / "extract")


def _corpus_rows(n: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    return "".join(json.dumps({"id": f"d{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n" for i in range(n))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are Linux's")
@pytest.mark.parametrize("wait_for", [3, 4], ids=["first-worker-just-forked", "all-started"])
def test_kill_9_of_a_run_leaves_no_worker_behind(tmp_path: Path, wait_for: int) -> None:
    # Killed the moment a worker appears, before it has unpickled its arguments and run its
    # initialiser: the window a first version left open (workers then outlived the run).
    src = tmp_path / "big.jsonl"
    src.write_text(_corpus_rows(3000), encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    proc = subprocess.Popen([EXE, str(src), "-o", str(tmp_path / "o.jsonl"), "-j", "2"], stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    kids: set[int] = set()
    while time.monotonic() < deadline and len(kids) < wait_for and proc.poll() is None:  # tracker, fork server, 2 workers
        time.sleep(0.01)
        kids = descendants(proc.pid)
    assert len(kids) >= wait_for, kids
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(k) for k in kids):
        time.sleep(0.2)
    assert not [k for k in kids if alive(k)], "processes of the killed run are still alive"
    # its multiprocessing folder is left (nothing was alive to remove it), marked: the next run removes it
    (left,) = temp.glob("pymp-*")
    assert (left / f"extract-run-{proc.pid}").exists()
    assert forkserver.sweep_stale_temp_dirs(temp) == 1
    assert not list(temp.iterdir())


def test_only_folders_of_dead_runs_are_swept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for name, marks in {
        "pymp-dead": [f"extract-run-{dead.pid}"],
        "pymp-alive": [f"extract-run-{os.getpid()}"],
        "pymp-other-program": [],
        "pymp-odd": ["extract-run-x"],
    }.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "listener-abc").touch()
        for mark in marks:
            (tmp_path / name / mark).touch()
    assert forkserver.sweep_stale_temp_dirs(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pymp-alive", "pymp-odd", "pymp-other-program"]
    assert forkserver.sweep_stale_temp_dirs(tmp_path / "missing") == 0


def test_a_second_run_on_one_output_is_refused_and_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    journal = tmp_path / ".o.jsonl.partial"
    journal.write_text('{"id": "x", "source": "busy"}\n', encoding="utf-8")
    lock = tmp_path / ".o.jsonl.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b"4242 otherhost\n")
        for extra in ([], ["--resume"]):
            res = extract(str(CORPUS), "-o", str(out), *extra)
            assert res.returncode == 2
            assert f"another run (pid 4242) is writing {out}; wait for it or choose another -o" in res.stderr
            assert journal.read_text(encoding="utf-8") == '{"id": "x", "source": "busy"}\n'  # not discarded
            assert not out.exists()
    finally:
        os.close(fd)


def test_the_lock_of_a_dead_run_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    (tmp_path / ".o.jsonl.lock").write_text("999999 somehost\n", encoding="utf-8")
    res = extract(str(CORPUS), "-o", str(out), "-j", "1")
    assert res.returncode == 0, res.stderr
    assert "taking over" in res.stderr and "999999" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.jsonl"]


def _limited(nbytes: int):  # noqa: ANN202 - a preexec_fn
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))

    return limit


def test_a_full_disk_is_one_line_and_resume_completes_the_run(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(_corpus_rows(30), encoding="utf-8")
    clean = tmp_path / "clean.jsonl"
    assert extract(str(src), "-o", str(clean), "-j", "1").returncode == 0
    out = tmp_path / "o.jsonl"
    res = subprocess.run([EXE, str(src), "-o", str(out), "-j", "1"], capture_output=True, text=True,
                         preexec_fn=_limited(200_000), timeout=300)
    assert res.returncode == 1, res.stderr
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error")]
    assert len(errors) == 1 and "Traceback" not in res.stderr
    assert errors[0].startswith(f"error: cannot write {out}: File too large; ")
    assert "finished documents are kept in" in errors[0] and errors[0].endswith("free space and rerun with --resume")
    assert not out.exists() and (tmp_path / ".o.jsonl.partial").exists()
    again = extract(str(src), "-o", str(out), "--resume", "-j", "1")
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == clean.read_bytes()


def test_errors_are_journaled_and_kept_by_an_interrupted_run(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"bad{i}", "text": ""}) + "\n" for i in range(3)) + _corpus_rows(2000)
    src = tmp_path / "in.jsonl"
    src.write_text(rows, encoding="utf-8")
    errs = tmp_path / "e.jsonl"
    proc = subprocess.Popen([EXE, str(src), "-o", str(tmp_path / "o.jsonl"), "--errors", str(errs), "-j", "1"],
                            stderr=subprocess.PIPE, text=True)
    partial = tmp_path / ".e.jsonl.partial"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not partial.exists() or partial.read_text(encoding="utf-8").count("\n") < 3):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert not errs.exists()
    assert [json.loads(ln)["id"] for ln in partial.read_text(encoding="utf-8").splitlines()] == ["bad0", "bad1", "bad2"]
