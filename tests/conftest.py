"""Shared fixtures: the repository root, the corpus, and one Extractor per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import Extractor

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
