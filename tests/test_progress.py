"""The progress bar knows its total where the inputs can be counted cheaply (issue 21)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from conftest import CORPUS
from test_cli import extract

from extract.readers import count_documents


def test_count_documents_of_folders_and_jsonl(tmp_path: Path) -> None:
    rows = tmp_path / "r.jsonl"
    rows.write_text("".join(json.dumps({"id": str(i), "text": "抓获2人。"}) + "\n" for i in range(7)), encoding="utf-8")
    assert count_documents([CORPUS, rows]) == 5 + 7


def test_uncountable_inputs_give_no_total(tmp_path: Path) -> None:
    gz = tmp_path / "r.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"id": "a", "text": "x"}\n'))
    assert count_documents(["-"]) is None and count_documents([gz]) is None


def test_the_bar_shows_the_total(tmp_path: Path) -> None:
    res = extract(str(CORPUS), "-o", str(tmp_path / "o.jsonl"), "--progress", "-j", "1")
    assert res.returncode == 0 and "5/5" in res.stderr
