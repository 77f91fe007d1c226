"""Degrade, don't drop: a stage that raises on a document costs only that stage's results."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extract import Extractor
from extract.extractor import Article
from extract.runner import _stage_errors
from extract.writers import to_json_line

TEXT = "“净网2023”专项行动共侦破案件2494起，抓获犯罪嫌疑人2693名，涉嫌侵犯公民个人信息罪。"


@Language.component("test_explodes_on_boom")
def _explodes(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise KeyError("rmb")
    return doc


class Fragile(Extractor):
    """An Extractor whose pipeline has a stage that raises on texts holding BOOM, before quantities."""

    def nlp(self, lang: str) -> Language:
        fresh = lang not in self._nlps
        nlp = super().nlp(lang)
        if fresh:
            nlp.add_pipe("test_explodes_on_boom", before="extract_quantities")
        return nlp


def test_a_failing_stage_keeps_the_other_stages_results() -> None:
    good = Fragile(lang="zh").process(Article(id="a", text=TEXT))
    bad = Fragile(lang="zh").process(Article(id="b", text=TEXT + "BOOM"))
    assert good.errors == []
    assert [(e.stage, e.error) for e in bad.errors] == [("test_explodes_on_boom", "KeyError: 'rmb'")]
    # every other stage still ran: the same findings as the clean text (the BOOM suffix adds none)
    for layer in ("quantities", "campaigns", "case_types", "entities", "statistics"):
        assert getattr(bad, layer) == getattr(good, layer), layer
    assert bad.quantities and bad.campaigns and bad.case_types


def test_a_layer_whose_rows_break_the_models_is_dropped_alone() -> None:
    @Language.component("test_bad_rows")
    def bad_rows(doc: Doc) -> Doc:
        doc.spans["statistics"].attrs["records"] = [{"text": "x", "start": "nowhere"}]
        return doc

    ext = Extractor(lang="zh")
    ext.nlp("zh").add_pipe("test_bad_rows", last=True)
    rec = ext.process(Article(id="c", text=TEXT))
    assert [e.stage for e in rec.errors] == ["records:statistics"]
    assert rec.statistics == [] and rec.quantities and rec.campaigns and rec.case_types


def test_stage_errors_are_read_from_records_and_json_lines() -> None:
    rec = Fragile(lang="zh").process(Article(id="d", text="BOOM 抓获3人", source="x.txt"))
    for result in (rec, to_json_line(rec)):
        (problem,) = _stage_errors(result)
        assert (problem.id, problem.source) == ("d", "x.txt")
        assert "test_explodes_on_boom: KeyError: 'rmb'" in problem.reason
    clean = Extractor(lang="zh").process(Article(id="e", text="抓获3人"))
    assert _stage_errors(clean) == [] and _stage_errors(to_json_line(clean)) == []


# The CLI in a subprocess whose pipelines carry the failing stage (added by wrapping pipeline.build).
RUNNER = """
import sys
from spacy.language import Language
from extract import pipeline

@Language.component("test_explodes_on_boom")
def explodes(doc):
    if "BOOM" in doc.text:
        raise KeyError("rmb")
    return doc

real = pipeline.build
def build(*args, **kwargs):
    nlp = real(*args, **kwargs)
    nlp.add_pipe("test_explodes_on_boom", before="extract_quantities")
    return nlp
pipeline.build = build
import cli
sys.argv = ["extract", *sys.argv[1:]]
cli.main()
"""


@pytest.mark.parametrize("bad_first", [True, False])
def test_cli_writes_the_record_and_says_so(tmp_path: Path, bad_first: bool) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"id": "bad", "text": "BOOM 侦破案件3起"}, {"id": "good", "text": "侦破案件4起"}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (rows if bad_first else rows[::-1])))
    out, errs = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, str(src), "-o", str(out), "--errors", str(errs), "--jobs", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    written = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(written) == {"bad", "good"}
    assert written["bad"]["errors"] == [{"stage": "test_explodes_on_boom", "error": "KeyError: 'rmb'"}]
    assert [q["value"] for q in written["bad"]["quantities"]] == [3]
    assert written["good"]["errors"] == []
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "bad" in lines[0] and "test_explodes_on_boom" in lines[0]
    assert "2 written" in proc.stderr and "1 written with a failed stage" in proc.stderr
    (err_row,) = map(json.loads, errs.read_text().splitlines())
    assert err_row["id"] == "bad" and "record written" in err_row["reason"]


@Language.component("test_stalls_on_stall")
def _stalls(doc: Doc) -> Doc:
    while "STALL" in doc.text:  # a pathological rule: never returns on its own
        pass
    return doc


class Stalling(Extractor):
    """An Extractor whose last stage never returns on texts holding STALL."""

    def nlp(self, lang: str) -> Language:
        fresh = lang not in self._nlps
        nlp = super().nlp(lang)
        if fresh:
            nlp.add_pipe("test_stalls_on_stall", last=True)
        return nlp


def test_a_stage_over_the_time_budget_is_stopped_and_named() -> None:
    """A document that overruns its budget is written with what finished; the next document is untouched."""
    ex = Stalling(lang="zh", time_budget=0.5)
    ex.process(Article(id="warm", text=TEXT))  # pipelines built outside the budget being measured
    t0 = time.monotonic()
    rec = ex.process(Article(id="a", text=TEXT + "STALL"))
    assert time.monotonic() - t0 < 3
    assert [e.stage for e in rec.errors] == ["test_stalls_on_stall"]
    assert rec.errors[0].error.startswith("too slow: stage test_stalls_on_stall after 0.")
    assert rec.quantities and rec.statistics  # the stages before it kept their results
    assert not ex.process(Article(id="b", text=TEXT)).errors


def test_the_command_line_default_budget_is_the_library_s() -> None:
    import inspect

    import cli
    from extract.extractor import DEFAULT_TIME_BUDGET

    assert inspect.signature(cli.run).parameters["time_budget"].default == DEFAULT_TIME_BUDGET


def test_in_a_batch_only_the_stalling_document_is_stopped() -> None:
    """Each document of a batch has its own budget: the one that stalls is stopped, the others are whole."""
    ex = Stalling(lang="zh", time_budget=0.5)
    ex.process(Article(id="warm", text=TEXT))
    batch = [Article(id="a", text=TEXT), Article(id="b", text=TEXT + "STALL"), Article(id="c", text=TEXT)]
    t0 = time.monotonic()
    a, b, c = ex.process_batch(batch)
    assert time.monotonic() - t0 < 3
    assert not isinstance(b, Exception) and [e.stage for e in b.errors] == ["test_stalls_on_stall"]
    assert b.quantities and b.statistics
    clean = Extractor(lang="zh").process(Article(id="a", text=TEXT))
    for doc in (a, c):
        assert not isinstance(doc, Exception) and not doc.errors
        assert doc.model_dump(exclude={"id"}) == clean.model_dump(exclude={"id"})


def test_an_alarm_that_rings_after_the_stage_is_ignored() -> None:
    """A SIGALRM delivered once the stage is disarmed (late) raises nothing; armed, it stops the stage."""
    import signal

    from extract.budget import Budget, TooSlow

    with Budget(5.0) as budget:
        assert budget.alarm
        budget.arm(0.0)
        budget.disarm()
        signal.raise_signal(signal.SIGALRM)  # late: ignored
        budget.arm(4.99)
        with pytest.raises(TooSlow):
            while True:  # 10 ms left of the budget: the alarm stops this loop
                pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
