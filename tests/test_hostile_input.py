"""Hostile input II: odd strings in any field of a row, NUL bytes, UTF-32, escape sequences in ids.

Each case failed before the field checks of ``extract.clean``: a lone surrogate in a row aborted the
whole run with no output at all.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest
from test_bad_input import GOOD_ZH, extract, rows

from extract import Article, Extractor
from extract.clean import for_terminal
from extract.readers import parse_jsonl_row, read_text_file
from extract.writers import to_json_line


def _row(**fields: str) -> str:
    # json.dumps writes a lone surrogate as the escape \ud800, as any JSON producer may.
    return json.dumps({"text": GOOD_ZH, **fields}) + "\n"


@pytest.mark.parametrize("field", ["id", "title", "source", "published", "translation_of"])
def test_a_lone_surrogate_in_any_field_is_that_row_s_error(field: str) -> None:
    line = _row(**({"id": "a"} if field != "id" else {}), **{field: "x\ud800y"})
    got = parse_jsonl_row(line.strip(), lineno=3, source="s.jsonl")
    assert not hasattr(got, "text"), got
    assert f"'{field}'" in got.reason and "U+D800" in got.reason
    if field == "id":
        assert got.id == "s:3"  # an unusable id: the row is named by its place in the file


def test_control_characters_in_an_id_are_refused_and_in_a_title_become_spaces() -> None:
    bad = parse_jsonl_row(_row(id="a\x1b[31mb").strip(), lineno=1, source="s.jsonl")
    assert "control character (U+001B)" in bad.reason
    good = parse_jsonl_row(_row(id="a", title="第一行\n第二行").strip(), lineno=1, source="s.jsonl")
    assert good.title == "第一行 第二行"


def test_the_run_goes_on_past_a_bad_row(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text(_row(id="a\ud800") + _row(id="ok", title="t\udfff") + _row(id="good"), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    res = extract(str(src), "-o", str(out))
    assert res.returncode == 1, res.stderr
    assert [r["id"] for r in rows(out)] == ["good"]
    assert res.stderr.count("lone surrogate") == 2 and "2 failed" in res.stderr
    again = extract(str(src), "-o", str(out), "--resume")
    assert again.returncode == 1 and [r["id"] for r in rows(out)] == ["good"]


def test_show_keeps_the_page_of_the_good_rows(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text(_row(id="a\ud800") + _row(id="good"), encoding="utf-8")
    page = tmp_path / "v.html"
    res = extract("show", str(src), "--html", str(page))
    assert res.returncode == 1 and "lone surrogate" in res.stderr
    html = page.read_text(encoding="utf-8")
    assert "2494" in html and "2693" in html


def test_writers_never_fail_on_a_string_that_reached_them() -> None:
    line = to_json_line({"id": "a\ud800", "text": "b"})
    assert line.encode("utf-8") and "\ufffd" in line


def test_nul_anywhere_means_binary(tmp_path: Path) -> None:
    f = tmp_path / "late.txt"
    f.write_bytes(GOOD_ZH.encode("utf-8") * 3000 + b"\x00" + GOOD_ZH.encode("utf-8"))
    assert f.stat().st_size > 65536 * 2
    assert "binary" in read_text_file(f).reason


def test_utf32_with_its_bom_is_read_as_utf32(tmp_path: Path) -> None:
    for codec, bom in (("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")):
        f = tmp_path / f"{codec}.txt"
        f.write_bytes(bom + GOOD_ZH.encode(codec))
        got = read_text_file(f)
        assert (got.text, got.encoding) == (GOOD_ZH, "utf-32")


def test_terminal_lines_escape_what_a_terminal_would_obey() -> None:
    assert for_terminal("id \x1b]0;owned\x07 x") == "id \\x1b]0;owned\\x07 x"
    assert for_terminal("a\u202eb\ud800") == "a\\u202eb\\ud800"
    assert for_terminal("长治市 plain") == "长治市 plain"


def test_an_escape_sequence_in_a_file_name_is_not_printed_raw(tmp_path: Path) -> None:
    f = tmp_path / "a\x1b[2Jb.txt"
    f.write_bytes(b"\x00\x01binary")
    res = extract(str(f), "-o", str(tmp_path / "o.jsonl"))
    assert res.returncode == 1 and "\x1b" not in res.stderr and "\\x1b[2J" in res.stderr


def _refused(args: list[str]) -> str:
    from typer.testing import CliRunner

    from cli import app

    res = CliRunner().invoke(app, ["run", *args])
    assert res.exit_code == 2, res.output
    return " ".join(res.output.replace("│", " ").split())  # the usage box wraps lines


def test_output_is_never_renamed_over_a_fifo_a_folder_or_an_input(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(_row(id="a"), encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "is a FIFO, not a regular file" in _refused([str(src), "-o", str(fifo)])
    assert "is a FIFO" in _refused([str(src), "-o", str(tmp_path / "o.jsonl"), "--errors", str(fifo)])
    assert "is a folder" in _refused([str(src), "-o", str(tmp_path)])
    assert "is an input of this run" in _refused([str(src), "-o", str(src)])
    link = tmp_path / "same.jsonl"
    link.symlink_to(src)
    assert "is an input of this run" in _refused([str(src), "-o", str(link)])
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text(GOOD_ZH, encoding="utf-8")
    old = folder / "out.jsonl"
    old.write_text("", encoding="utf-8")
    assert "inside the input folder" in _refused([str(folder), "-o", str(old)])
    page = tmp_path / "page.html"
    page.write_text("x", encoding="utf-8")
    assert "review pages go into a folder" in _refused([str(src), "-o", str(tmp_path / "o.jsonl"), "--html", str(page)])
    assert stat.S_ISFIFO(fifo.stat().st_mode) and src.read_text(encoding="utf-8") == _row(id="a")


def test_review_pages_for_long_and_duplicate_ids_and_gzip_output(tmp_path: Path) -> None:
    long_a, long_b = "长" * 90 + "甲", "长" * 90 + "乙"  # 273 bytes each: over any file-name limit
    src = tmp_path / "s.jsonl"
    texts = ["侦破案件3起。", "抓获犯罪嫌疑人4名。", "关停账号5个。", "冻结资金6万元。"]
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                           for i, t in zip([long_a, long_b, "dup", "dup"], texts, strict=True)), encoding="utf-8")
    pages = tmp_path / "pages"
    res = extract(str(src), "-o", str(tmp_path / "o.jsonl.gz"), "--html", str(pages))
    assert res.returncode == 0, res.stderr
    names = sorted(p.name for p in pages.iterdir())
    assert len(names) == 5 and "index.html" in names
    assert all(len(n.encode("utf-8")) <= 255 for n in names)
    dup_pages = [(pages / n).read_text(encoding="utf-8") for n in names if n.startswith("dup")]
    assert len(dup_pages) == 2 and ("5个" in dup_pages[0]) != ("5个" in dup_pages[1])  # each its own record


def _seconds(extractor: Extractor, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        extractor.process(Article(id="x", text=text, lang="en"))
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize("unit", ["A. ", "A.", "DEADBEEF0123456789ABCDEF", "11010519491231002X "])
def test_english_rules_grow_linearly(extractor: Extractor, unit: str) -> None:
    """Four times the text costs well under sixteen times the time; a hex blob of 40k took 56 s before."""
    small = _seconds(extractor, unit * (2_500 // len(unit)))
    large = _seconds(extractor, unit * (10_000 // len(unit)))
    assert large < 8 * small + 0.05, (small, large)
