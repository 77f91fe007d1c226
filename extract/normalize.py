"""Offset-preserving normalisation and language detection.

The rule stages match against a normalised copy of the text that has exactly the same length
as the original, so every match offset is also an offset into the original: full-width ASCII
becomes half-width, exotic spaces become a plain space.  Nothing is inserted or removed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .doc import register_extensions

_SPACES = "\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000"
_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_TABLE.update({ord(ch): " " for ch in _SPACES})
# Characters that change length under str.translate would break the offset contract; keep 1:1.
assert all(len(v) == 1 for v in _TABLE.values())


def normalize(text: str) -> str:
    """Return ``text`` with full-width ASCII and odd spaces folded, same length as ``text``."""
    return text.translate(_TABLE)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def detect_lang(text: str) -> str:
    """``"zh"`` when Han characters make up a real share of the letters in ``text``, else ``"en"``."""
    han = latin = 0
    for ch in text[:20000]:
        if _is_cjk(ch):
            han += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    # One Han character carries roughly a word; English words average ~5 letters.
    return "zh" if han * 5 >= latin * 0.5 and han > 0 else "en"


@Language.factory("extract_normalizer")
def make_normalizer(nlp: Language, name: str) -> NormalizerComponent:
    """spaCy factory for the normaliser component."""
    return NormalizerComponent()


class NormalizerComponent:
    """Sets ``doc._.norm_text``: the same-length normalised text the rule stages read."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Normalise ``doc.text`` into ``doc._.norm_text``."""
        doc._.norm_text = normalize(doc.text)
        return doc
