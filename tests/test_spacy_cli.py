"""spaCy's CLI is left out of a run's start-up, and still works when something asks for it."""

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
