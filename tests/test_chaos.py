"""A short version of bench/chaos.py (issue 18): every fault kind once or twice, on a small corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CHAOS = Path(__file__).resolve().parent.parent / "bench" / "chaos.py"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the script reads /proc")
def test_chaos_script_finds_every_fault_handled() -> None:
    res = subprocess.run([sys.executable, str(CHAOS), "--docs", "150", "--kills", "2", "--jobs", "1,2"],
                         capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, res.stdout + res.stderr
    table = res.stdout.split("fault ")[-1]
    assert table.count(" ok") == 10, res.stdout
