"""What a process imports: not spaCy's CLI (which still works when asked for), not spaCy where no text is extracted."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    """Run ``code`` in a fresh interpreter (this one has imported spaCy already) and return its output."""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout.strip()


def test_a_run_imports_none_of_the_cli_packages() -> None:
    out = _run(
        "import sys\n"
        "from extract import Extractor\n"
        "doc = Extractor().extract('抓获犯罪嫌疑人12名。')\n"
        "assert doc.quantities, doc\n"
        "print(sorted(m for m in ('spacy.cli.download', 'typer', 'weasel', 'httpx', 'requests') if m in sys.modules))"
    )
    assert out == "[]"


def test_spacy_cli_still_works_after_extract() -> None:
    out = _run(
        "import extract, spacy, sys\n"
        "from spacy.cli import info\n"
        "assert callable(info)\n"
        "import spacy.cli.train  # a submodule, imported while the stand-in is in place\n"
        "from spacy.cli import download\n"
        "assert callable(download)\n"
        "assert type(sys.modules['spacy.cli']).__name__ == 'module', sys.modules['spacy.cli']\n"
        "assert spacy.cli is sys.modules['spacy.cli']\n"
        "print(spacy.info()['spacy_version'] == spacy.__version__)"
    )
    assert out == "True"


def test_spacy_info_loads_the_cli_on_first_call() -> None:
    out = _run(
        "import extract, spacy, sys\n"
        "assert 'typer' not in sys.modules\n"
        "print(spacy.info()['spacy_version'] == spacy.__version__, 'typer' in sys.modules)"
    )
    assert out == "True True"


def test_spacy_imported_first_is_left_alone() -> None:
    out = _run("import spacy, extract, sys\nprint(type(sys.modules['spacy.cli']).__name__)")
    assert out == "module"


def test_the_main_process_of_a_jobs_run_does_not_import_spacy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    corpus = tmp_path / "c.jsonl"
    text = "警方共侦破电信网络诈骗案件12起，抓获犯罪嫌疑人31名，涉案金额500余万元。" * 30
    corpus.write_text("".join(json.dumps({"id": f"d{n}", "text": text}, ensure_ascii=False) + "\n" for n in range(80)))
    out = _run(
        "import sys\n"
        f"sys.argv = ['extract', {str(corpus)!r}, '-o', {str(tmp_path / 'o.jsonl')!r}, '-j', '2', '-q']\n"
        "from cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(sorted(m for m in ('spacy', 'extract.pipeline', 'rjieba') if m in sys.modules))"
    )
    assert out == "[]"
    lines = (tmp_path / "o.jsonl").read_text().splitlines()
    assert len(lines) == 80 and all(json.loads(line)["statistics"] for line in lines)


def test_live_objects_are_frozen_at_exit() -> None:
    """The interpreter's final collections skip what is alive at exit (they cost 0.15-0.3 s a run)."""
    out = _run(
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(gc.get_freeze_count() > 10_000))  # runs after extract's handler\n"
        "from extract import Extractor\n"
        "Extractor().extract('抓获犯罪嫌疑人12名。')"
    )
    assert out == "True"


def test_only_an_extractor_asked_to_freezes_after_building() -> None:
    """``freeze=True`` (the command line's) moves live objects to the permanent generation once a
    pipeline is built; a library Extractor leaves the caller's objects collectable."""
    out = _run(
        "import gc\n"
        "from extract import Extractor\n"
        "Extractor().extract('抓获犯罪嫌疑人12名。')\n"
        "before = gc.get_freeze_count()\n"
        "ex = Extractor(freeze=True)\n"
        "ex.extract('抓获犯罪嫌疑人12名。')\n"
        "print(before, gc.get_freeze_count() > 10_000)"
    )
    assert out == "0 True"


def test_the_command_line_freezes_its_pipelines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "a.txt"
    src.write_text("警方抓获犯罪嫌疑人12名。", encoding="utf-8")
    out = _run(
        "import gc, sys\n"
        f"sys.argv = ['extract', {str(src)!r}, '-o', {str(tmp_path / 'o.jsonl')!r}, '-q']\n"
        "from cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(gc.get_freeze_count() > 10_000)"
    )
    assert out == "True"
