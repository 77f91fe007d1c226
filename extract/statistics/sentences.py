"""Paragraphs, sentences and clause breaks of an article, as the link stage reads them."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import regex

# A word list as one pattern.  Chinese lists are plain words: the standard library's ``re`` matches an
# escaped alternation exactly as ``regex`` does, at a third of its cost per call on the short spans the
# stage reads many times per figure.  English entries are patterns (``arrest(?:ed|s)?``): ``regex``.
WordPattern = regex.Pattern[str] | re.Pattern[str]

# Breaks that are plain characters use ``re`` (same matches, less cost per call); ``regex`` where the
# break needs Unicode classes (\s) or look-arounds.  Sentences are split inside paragraphs (lines), which
# hold no line break.
_SENTENCE_END: dict[str, WordPattern] = {
    "zh": re.compile(r"[。！？!?]+"),
    "en": regex.compile(r"(?<=[.!?;])\s+(?=[\"'“‘(A-Z0-9])"),
}
_ENDS_A_SENTENCE = regex.compile(r"[。！？]|[.!?](?:\s|$)")
_CLAUSE_END: dict[str, WordPattern] = {"zh": re.compile(r"[，,：:；;（）()]"), "en": regex.compile(r"[,:;()]\s|—|--")}
# The languages whose clause breaks are single characters (a class): the first break after a position
# is a search of the text, the last before it a search of the text reversed.
_CHARACTER_BREAKS = frozenset({"zh"})


@dataclass
class Layout:
    """Paragraph and sentence bounds of an article, and its head (headline and opening paragraph).

    A paragraph is split into sentences when first asked about (most paragraphs hold no figure).
    """

    text: str
    lang: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    title: tuple[int, int] | None = None
    opening: tuple[int, int] | None = None
    paragraph_starts: list[int] = field(default_factory=list)
    _split: dict[int, tuple[list[tuple[int, int]], list[int]]] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str, lang: str, title: str | None) -> Layout:
        """Split ``text`` into paragraphs (lines) and find its headline and opening."""
        out = cls(text, lang)
        out.paragraphs = _lines(text)
        out.paragraph_starts = [s for s, _ in out.paragraphs]
        if title:
            at = text.find(title)
            if at >= 0:
                out.title = (at, at + len(title))
        after = out.title[1] if out.title else 0
        for ps, pe in out.paragraphs:
            body = text[ps:pe]
            if ps >= after and pe - ps >= 40 and _ENDS_A_SENTENCE.search(body):
                out.opening = (ps, pe)
                break
        return out

    def sentences_in(self, i: int) -> tuple[list[tuple[int, int]], list[int]]:
        """The sentences of paragraph ``i`` and their starts, split once."""
        found = self._split.get(i)
        if found is None:
            ps, pe = self.paragraphs[i]
            spans: list[tuple[int, int]] = []
            s = ps
            for m in _SENTENCE_END[self.lang].finditer(self.text, ps, pe):
                end = m.end()
                if end > s:
                    spans.append((s, end))
                s = end
            if s < pe:
                spans.append((s, pe))
            found = self._split[i] = (spans, [a for a, _ in spans])
        return found

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence of the text, paragraph by paragraph."""
        return [span for i in range(len(self.paragraphs)) for span in self.sentences_in(i)[0]]

    def paragraph_index(self, pos: int) -> int | None:
        """The index of the paragraph holding ``pos``, or None."""
        i = bisect.bisect_right(self.paragraph_starts, pos) - 1
        return i if i >= 0 and pos < self.paragraphs[i][1] else None

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos`` (a paragraph's sentences cover it: outside them, ``(pos, pos)``)."""
        i = self.paragraph_index(pos)
        if i is None:
            return (pos, pos)
        spans, starts = self.sentences_in(i)
        return _holding(spans, starts, pos)

    def next_sentence(self, pos: int) -> tuple[int, int] | None:
        """The first sentence starting at or after ``pos``, or None."""
        i = self.paragraph_index(pos)
        if i is not None:
            spans, starts = self.sentences_in(i)
            k = bisect.bisect_left(starts, pos)
            if k < len(spans):
                return spans[k]
            i += 1
        else:
            i = bisect.bisect_left(self.paragraph_starts, pos)
        return self.sentences_in(i)[0][0] if i < len(self.paragraphs) else None

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The paragraph holding ``pos``."""
        return _holding(self.paragraphs, self.paragraph_starts, pos)


def _positions(text: str, char: str) -> list[int]:
    """Every position of ``char`` in ``text``."""
    out: list[int] = []
    at = text.find(char)
    while at >= 0:
        out.append(at)
        at = text.find(char, at + 1)
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` that hold more than white space (a split: no match objects)."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line and not line.isspace():
            out.append((start, end))
        start = end + 1
    return out


def _holding(spans: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return (pos, pos)
