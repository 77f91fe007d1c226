"""Faults, tried over and over: SIGKILL and resume, two runs on one output, a full disk, SIGTERM at bad moments.

Run from the repository root:  .venv/bin/python bench/chaos.py [--docs 3000] [--kills 20] [--jobs 1,2]

On a generated corpus (short articles made from the sentences of ``corpus/``, written to a temporary
folder and removed afterwards) and for each ``--jobs`` value it
  (a) kills the run with SIGKILL at ``--kills`` random moments, each kill followed by ``--resume``
      (which the next kill may hit), checks that no process of the killed run is left alive, and that
      the final output is byte-identical to an uninterrupted run;
  (b) starts two runs on one output at once: one must be refused (exit 2), the other complete;
  (c) fills the disk with a file-size limit (RLIMIT_FSIZE): one error line, exit 1, then ``--resume``
      with the limit lifted gives the uninterrupted output;
  (d) sends SIGTERM during start-up and near the end of the run (as the journal is renamed): the
      output is whole or absent, and ``--resume`` completes it.
It prints a table of the faults tried and their outcomes and exits 1 if any outcome was wrong.  This is
a script, not a timed test; tests/test_chaos.py runs a short version of it.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = str(Path(sys.executable).parent / "extract")


@dataclass
class Outcome:
    """One fault kind at one --jobs value: how often it was tried and what went wrong."""

    fault: str
    jobs: int
    tries: int = 0
    problems: list[str] = field(default_factory=list)


def make_corpus(folder: Path, docs: int, seed: int) -> Path:
    """``docs`` JSONL rows of three to eight corpus sentences each."""
    rng = random.Random(seed)
    sentences = [
        s + "。"
        for p in sorted((ROOT / "corpus").glob("*.txt"))
        for s in p.read_text(encoding="utf-8").replace("\n", "").split("。")
        if 10 < len(s) < 300
    ]
    path = folder / "chaos.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(docs):
            text = "".join(rng.choice(sentences) for _ in range(rng.randint(3, 8)))
            fh.write(json.dumps({"id": f"c{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += list(kids - found)
            found |= kids
    return found


def alive(pid: int) -> bool:
    """True for a running (not zombie) process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return False


def command(src: Path, out: Path, jobs: int, *extra: str) -> list[str]:
    """The extract command line of a run."""
    return [EXE, str(src), "-o", str(out), "-j", str(jobs), "-q", *extra]


def wait_gone(pids: set[int], seconds: float = 10) -> list[int]:
    """The pids still alive after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


def kills(src: Path, out: Path, reference: bytes, jobs: int, n: int, span: float, rng: random.Random) -> Outcome:
    """(a) SIGKILL at n random moments, each followed by --resume; then a final --resume."""
    res = Outcome("SIGKILL + --resume", jobs)
    for i in range(n):
        proc = subprocess.Popen(command(src, out, jobs, *(["--resume"] if i else [])), stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + rng.uniform(0.2, span)
        kids: set[int] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            kids |= descendants(proc.pid)
            time.sleep(0.05)
        proc.kill()
        proc.wait()
        res.tries += 1
        if left := wait_gone(kids):
            res.problems.append(f"kill {i + 1}: {len(left)} processes left alive")
    final = subprocess.run(command(src, out, jobs, "--resume"), capture_output=True, text=True)
    if final.returncode != 0:
        res.problems.append(f"final --resume exited {final.returncode}: {final.stderr.strip()[-200:]}")
    elif out.read_bytes() != reference:
        res.problems.append("final output differs from an uninterrupted run")
    return res


def concurrent(src: Path, out: Path, reference: bytes, jobs: int) -> Outcome:
    """(b) two runs started together on one output."""
    res = Outcome("two runs, one -o", jobs, tries=1)
    a = subprocess.Popen(command(src, out, jobs), stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen(command(src, out, jobs), stderr=subprocess.PIPE, text=True)
    errs = [a.communicate()[1], b.communicate()[1]]
    codes = sorted([a.returncode, b.returncode])
    if codes != [0, 2]:
        res.problems.append(f"exit codes {codes}, expected one 0 and one 2")
    elif not any("another run (pid" in e for e in errs):
        res.problems.append("the refused run did not name the other")
    elif out.read_bytes() != reference:
        res.problems.append("output differs from an uninterrupted run")
    return res


def full_disk(src: Path, out: Path, reference: bytes, jobs: int) -> Outcome:
    """(c) a file-size limit at a third of the output's size, then --resume without it."""
    res = Outcome("disk full (RLIMIT_FSIZE)", jobs, tries=1)
    limit = max(4096, len(reference) // 3)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = subprocess.run(command(src, out, jobs), capture_output=True, text=True, preexec_fn=cap)
    lines = [ln for ln in run.stderr.splitlines() if ln.startswith("error")]
    if run.returncode != 1 or len(lines) != 1 or "Traceback" in run.stderr or "--resume" not in lines[0]:
        res.problems.append(f"exit {run.returncode}, stderr: {run.stderr.strip()[-200:]}")
        return res
    again = subprocess.run(command(src, out, jobs, "--resume"), capture_output=True, text=True)
    if again.returncode != 0 or out.read_bytes() != reference:
        res.problems.append(f"--resume after lifting the limit: exit {again.returncode}, output differs")
    return res


def sigterm(src: Path, out: Path, reference: bytes, jobs: int, moment: str, total: float) -> Outcome:
    """(d) SIGTERM at start-up, or near the end of the run (around the final rename)."""
    res = Outcome(f"SIGTERM at {moment}", jobs, tries=1)
    proc = subprocess.Popen(command(src, out, jobs), stderr=subprocess.PIPE, text=True)
    time.sleep(0.3 if moment == "start-up" else max(0.3, total * 0.98))
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate()
    if proc.returncode == -signal.SIGTERM:
        # killed outside the run's handler (still importing, or done and printing): nothing is left
        # behind, or the whole output
        left = sorted(p.name for p in out.parent.iterdir())
        if left not in ([], [out.name]) or left and out.read_bytes() != reference:
            res.problems.append(f"killed by SIGTERM, left {left}")
        return res
    if proc.returncode not in (0, 130):
        res.problems.append(f"exit {proc.returncode}: {err.strip()[-200:]}")
    if out.exists() and out.read_bytes() != reference:
        res.problems.append("a partial output was left in place")
    if proc.returncode == 130:
        again = subprocess.run(command(src, out, jobs, "--resume"), capture_output=True, text=True)
        if again.returncode != 0 or out.read_bytes() != reference:
            res.problems.append("--resume did not complete the output")
    return res


def main() -> int:
    """Run every fault at every --jobs value and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000, help="articles in the generated corpus")
    ap.add_argument("--kills", type=int, default=20, help="SIGKILLs per --jobs value")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    rows: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="extract-chaos-") as tmp:
        folder = Path(tmp)
        src = make_corpus(folder, args.docs, args.seed)
        for jobs in (int(j) for j in args.jobs.split(",")):
            ref_path = folder / f"reference-{jobs}.jsonl"
            t0 = time.monotonic()
            subprocess.run(command(src, ref_path, jobs), check=True)
            total = time.monotonic() - t0
            reference = ref_path.read_bytes()
            print(f"--jobs {jobs}: uninterrupted run {total:.1f} s, {len(reference):,} bytes", flush=True)
            faults = {
                "kill": lambda out, r=reference, j=jobs, t=total: kills(src, out, r, j, args.kills, t, rng),
                "two": lambda out, r=reference, j=jobs: concurrent(src, out, r, j),
                "disk": lambda out, r=reference, j=jobs: full_disk(src, out, r, j),
                "start": lambda out, r=reference, j=jobs, t=total: sigterm(src, out, r, j, "start-up", t),
                "end": lambda out, r=reference, j=jobs, t=total: sigterm(src, out, r, j, "the end", t),
            }
            for name, fault in faults.items():
                out = folder / f"{name}-{jobs}" / "out.jsonl"
                out.parent.mkdir()
                rows.append(fault(out))
                print(f"  {rows[-1].fault}: {'ok' if not rows[-1].problems else 'FAILED'}", flush=True)
    print()
    print(f"{'fault':28} {'jobs':>4} {'tries':>5}  outcome")
    for r in rows:
        print(f"{r.fault:28} {r.jobs:4d} {r.tries:5d}  {'ok' if not r.problems else '; '.join(r.problems)}")
    return 1 if any(r.problems for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
