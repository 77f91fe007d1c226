"""Shared fixtures and checks: the repository root, the corpus, one Extractor per test session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

# The suite (and every extract it starts) caches into a folder of its own, not the user's ~/.cache.
os.environ.setdefault("EXTRACT_CACHE_DIR", tempfile.mkdtemp(prefix="extract-test-cache-"))

from extract import Extractor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def corpus_records(extractor: Extractor) -> list[dict]:
    """The corpus extracted once per session, as JSON-ready dicts."""
    from extract.readers import iter_articles
    from extract.runner import extract_all

    return [r.model_dump(mode="json") for r in extract_all(iter_articles([CORPUS]), extractor)]


def assert_quantities(text: str, got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    """``got`` (quantity dicts of ``text``) matches ``expected`` in order; each expected dict lists only the fields it checks.

    An expected ``object`` passes when it and the found object contain one another.
    """
    summary = [(q["text"], q["value"], q["value_max"], q["approx"], q["unit"], q["kind"], q["object"]) for q in got]
    assert len(got) == len(expected), summary
    for q, exp in zip(got, expected, strict=True):
        for key, value in exp.items():
            if key == "object" and value is not None:
                assert q["object"] and (value in q["object"] or q["object"] in value), (key, q, summary)
            else:
                assert q[key] == value, (key, q, summary)
        assert text[q["start"] : q["end"]] == q["text"]
