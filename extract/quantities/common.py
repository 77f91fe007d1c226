"""What both languages' quantity matchers share: number patterns, word-list helpers, the candidate type, guards."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import regex

from .. import numerals

_ARABIC = r"[0-9]{1,15}(?:,[0-9]{3}){0,5}(?:\.[0-9]{1,12})?"
_CN_START = "零〇一二两俩三四五六七八九十壹贰叁肆伍陆柒捌玖拾"
_CN = numerals.CN_CHARS
_MULT = "十百千万亿兆"
# An Arabic number continues a Chinese numeral only after these (5万4千6百, 1千零1), never after 十 (拾3).
_ARABIC_AFTER = "百千万亿兆佰仟萬億零〇"
_YEAR = re.compile(r"[0-9]{4}")
# A superset of the characters for which str.isdigit() is true: decimal digits (\d) and the blocks of
# superscript, circled, parenthesised and other digits (tests check it covers every one).
_ISDIGIT_CLASS = (
    r"\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070-\u2089\u2460-\u24ff\u2776-\u2793"
    r"\U00010a40-\U00010a48\U00010e60-\U00010e7e\U00011052-\U00011065\U0001f100-\U0001f10c"
)
# How far a URL or file name around a number is looked for, either side of it.
_MASK_REACH = 300
# The printable ASCII run starting at a position, up to _MASK_REACH characters (read in C).
_ASCII_RUN = re.compile(f"[!-~]{{0,{_MASK_REACH}}}")


def _is_han(text: str) -> bool:
    """True when ``text`` starts with a CJK ideograph."""
    return "\u4e00" <= text[:1] <= "\u9fff"


def _alts(words: Any) -> str:
    """A regex alternation of literal words, longest first (so 超过 wins over 超)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _to_number(value: numerals.Number) -> int | float:
    return value if isinstance(value, int) else float(value)


def _by_length(words: Any) -> tuple[tuple[int, frozenset[str]], ...]:
    """``words`` grouped by length, longest first: an affix test is one set lookup per length."""
    lengths = sorted({len(w) for w in words if w}, reverse=True)
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in lengths)


def _affix(chunk: str, by_length: tuple[tuple[int, frozenset[str]], ...], side: int) -> str | None:
    """The longest word of ``by_length`` that ends (side -1) or starts (side 1) ``chunk``, or None."""
    for n, words in by_length:
        piece = chunk[-n:] if side < 0 else chunk[:n]
        if piece in words:
            return piece
    return None


@dataclass(slots=True)  # one per candidate: slots make building and reading them cheaper
class _Found:
    """A candidate quantity before it becomes a ``Quantity`` record."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: numerals.Number
    value_max: numerals.Number | None
    approx: str
    unit: str
    kind: str
    currency: str | None
    object: str | None = None


class Guards:
    """Lexical guards (data): words whose numeral characters are no numerals (拾起, 五台山), and spans
    (URLs, file names, percent-encoded text) whose digits are no quantities."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.words: list[str] = [entry["word"] for entry in data.get("word", [])]
        masks = [entry["pattern"] for entry in data.get("mask", [])]
        self.mask = re.compile("|".join(f"(?:{m})" for m in masks)) if masks else None

    def lookahead(self, starts: str) -> str:
        """A regex lookahead failing where a number would start inside a guard word (empty when none).

        ``starts`` are the characters a number can start with; a guard word fails the lookahead at each of
        them (收拾 at 拾: the text from there must be 拾, and the text up to its end 收拾).  Every
        alternative starts with a literal, which lets the engine skip it on a single character test;
        a class of those literals first rejects the usual start (a digit) on one test for them all.
        """
        alts = []
        firsts = set()
        for word in sorted(set(self.words), key=len, reverse=True):
            for k, ch in enumerate(word):
                if ch in starts:
                    alts.append(f"{re.escape(word[k:])}(?<={re.escape(word)})" if k else re.escape(word))
                    firsts.add(ch)
        return f"(?!(?=[{re.escape(''.join(sorted(firsts)))}])(?:{'|'.join(alts)}))" if alts else ""

    def unmasked(self, text: str, found: list[_Found]) -> list[_Found]:
        """``found`` without the items whose number lies in a masked span of ``text``.

        Every mask is a run of printable ASCII, so only the run around each number is searched (a few
        characters per quantity instead of a scan of the whole text), up to ``_MASK_REACH`` either side.
        """
        if self.mask is None or not found:
            return found
        out = []
        for q in found:
            lo = hi = q.num_start
            stop = max(0, lo - _MASK_REACH)
            while lo > stop and "!" <= text[lo - 1] <= "~":
                lo -= 1
            hi = _ASCII_RUN.match(text, hi).end()  # type: ignore[union-attr]  # it matches the empty string
            # Most runs hold no masked span at all: one search says so before the overlap test.
            if lo < hi and self.mask.search(text, lo, hi) is not None and self._overlaps(text, q, lo, hi):
                continue
            out.append(q)
        return out

    def _overlaps(self, text: str, q: _Found, lo: int, hi: int) -> bool:
        """True when a masked span of ``text[lo:hi]`` overlaps ``q``."""
        assert self.mask is not None
        return any(m.start() < q.end and q.start < m.end() for m in self.mask.finditer(text, lo, hi))


def _exact(value: numerals.Number, factor: int) -> numerals.Number:
    if isinstance(value, int):
        return value * factor
    product = Decimal(value) * factor
    return int(product) if product == product.to_integral_value() else product.normalize()
