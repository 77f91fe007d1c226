"""extract: quantities, campaigns, crime types and entities from Chinese and English news articles."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schemas import Campaign, CaseType, Document, Entity, Quantity

    from .extractor import Article, Extractor, extract_text

__all__ = ["Article", "Campaign", "CaseType", "Document", "Entity", "Extractor", "Quantity", "extract_text"]
__version__ = "0.1.0"

# Imported on first use: `import extract.forkserver` must not pay for spaCy (see extract.forkserver).
_LAZY = {
    "Article": "extract.extractor",
    "Extractor": "extract.extractor",
    "extract_text": "extract.extractor",
    "Campaign": "schemas",
    "CaseType": "schemas",
    "Document": "schemas",
    "Entity": "schemas",
    "Quantity": "schemas",
}


def __getattr__(name: str) -> Any:
    """The public names, imported when first asked for."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
