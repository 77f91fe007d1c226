"""A newcomer's first hour (issue 21): the command line reads like prose and forgives the usual slips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS
from test_cli import extract

from extract.clean import counted


def test_version() -> None:
    res = extract("--version")
    assert res.returncode == 0 and res.stdout.startswith("extract ") and res.stdout.split()[1][0].isdigit()


@pytest.mark.parametrize("command", [[], ["run"], ["eval"], ["facts"], ["report"], ["show"]])
def test_help_names_values_not_python_types(command: list[str]) -> None:
    out = extract(*command, "--help").stdout
    for python_type in ("<bool>", "<list[", "<int", "<path>", "<str>", "{inputs}", "{predictions}"):
        assert python_type not in out, (command, python_type)


def test_top_help_says_what_a_bare_path_means() -> None:
    assert "extract run PATH" in " ".join(extract("--help").stdout.split())


def test_options_before_the_path_mean_run(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    res = extract("-o", str(out), "-j1", str(CORPUS))
    assert res.returncode == 0, res.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_a_mistyped_command_is_no_extraction(tmp_path: Path) -> None:
    res = extract("evall", str(CORPUS))
    assert res.returncode == 2 and "did you mean 'eval'?" in res.stderr
    assert res.stdout == ""  # nothing extracted


def test_a_file_named_like_a_command_is_still_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "evals").write_text("长治市公安机关共侦破案件2494起。", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = extract("evals")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["quantities"][0]["value"] == 2494


def test_a_bad_threshold_is_refused_before_scoring() -> None:
    res = extract("eval", str(CORPUS), "--min-f1", "bogus=0.9")
    assert res.returncode == 2 and "unknown list 'bogus'" in res.stderr
    assert res.stdout == ""  # no score table first


def test_summary_lines_count_in_english(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("长治市公安机关共侦破案件2494起。", encoding="utf-8")
    assert extract(str(one), "-o", str(tmp_path / "o.jsonl")).stderr.strip().endswith("1 document read, 1 written, 0 failed")
    assert [counted(n, "fact") for n in (0, 1, 2, 1000)] == ["0 facts", "1 fact", "2 facts", "1,000 facts"]


def test_a_mistyped_option_gets_only_a_close_suggestion() -> None:
    bogus = extract(str(CORPUS), "--bogus")
    assert bogus.returncode == 2 and "--bogus" in bogus.stderr and "--jobs" not in bogus.stderr
    close = extract(str(CORPUS), "--resum")
    assert close.returncode == 2 and "--resume" in close.stderr
