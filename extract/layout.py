"""Layout stage: the article's headline and publication date from its first lines."""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .doc import norm_text, register_extensions

_PUBLISHED = regex.compile(r"(?P<y>(?:19|20)\d\d)[-年/.](?P<m>\d{1,2})[-月/.](?P<d>\d{1,2})")


def find_title(text: str) -> str | None:
    """The first non-empty line that reads like a headline (not navigation), as written."""
    for line in text.splitlines()[:15]:
        line = line.strip()
        if 6 <= len(line) <= 120 and ">" not in line and "|" not in line:
            return line
    return None


def find_published(text: str) -> str | None:
    """The ISO publication date stated in the first lines, or None."""
    head = "\n".join(text.splitlines()[:15])
    m = _PUBLISHED.search(head)
    if not m:
        return None
    return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"


@Language.factory("extract_layout")
def make_layout(nlp: Language, name: str) -> LayoutComponent:
    """spaCy factory for the layout (title and date) stage."""
    return LayoutComponent()


class LayoutComponent:
    """Sets ``doc._.title`` and ``doc._.published`` unless the input already supplied them."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Fill in the title and publication date of ``doc``."""
        text = norm_text(doc)
        if doc._.title is None:
            doc._.title = find_title(doc.text)
        if doc._.published is None:
            doc._.published = find_published(text)
        return doc
