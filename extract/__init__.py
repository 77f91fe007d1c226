"""extract: quantities, campaigns, crime types and entities from Chinese and English news articles."""

from __future__ import annotations

import atexit
import gc
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schemas import Campaign, CaseType, Document, Entity, Fact, Quantity, Statistic

    from .extractor import Article, Extractor, extract_text

__all__ = [
    "Article", "Campaign", "CaseType", "Document", "Entity", "Extractor", "Fact", "Quantity", "Statistic",
    "extract_text", "facts",
]
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
    "Statistic": "schemas",
    "Fact": "schemas",
}

# Imported now, not lazily: importing the submodule extract.facts sets the package attribute ``facts`` to
# the module, which would hide the function; binding the function here, after that import, keeps it.
# The module loads only the standard library, so ``import extract`` stays cheap.
from .facts import facts  # noqa: E402
from .spacy_cli import defer as _defer_spacy_cli  # noqa: E402

_defer_spacy_cli()  # spaCy's CLI (typer, weasel, httpx: 0.15 s) only if something uses it

# At exit the interpreter collects garbage several times over every live object (spaCy and its
# dependencies alone are 80,000): 0.15-0.3 s added to every run. Freezing them first lets those
# collections skip them (0.03 s); the memory goes back to the system with the process, and Python
# never promised finalisers for objects still alive at exit.
atexit.register(gc.freeze)


def __getattr__(name: str) -> Any:
    """The public names, imported when first asked for."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
