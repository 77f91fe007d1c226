"""HTML pages as input: the text a reader sees on the page, mapped character by character to the markup.

The stages run on the page's visible text (tags dropped, entities decoded, whitespace collapsed as a
browser does, a line break at every block element, nothing from ``<script>``, ``<style>`` or
``<head>``), and every offset in the record is mapped back, so that offsets are into the HTML file as
decoded, as SPEC section 1 asks: ``markup[start:end] == text``. A span that runs across an inline tag
(``<b>2494</b>起``) keeps that tag in its ``text``: the slice is what the file holds.

Headline and date come from the page's own metadata where it has them (its one ``<h1>``,
``og:title``, ``article:published_time`` and the like), else from the visible text as for any
article. Lines made mostly of link text (menus, related-story lists) are the page's furniture: their
items are listed like the body, but their figures give no statistics (README, "HTML pages", says why
no main-text extractor is used and what was measured).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import regex

from schemas import LISTS, Document

# Elements whose start and end break a line (CSS display: block, list-item, table parts).
_BLOCK = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul".split()
)
# Elements whose content is raw text up to their end tag (a '<' inside is not markup), each with the
# pattern of that end tag.
_RAW = {
    name: regex.compile(rf"</{name}(?=[\s/>])", regex.IGNORECASE)
    for name in ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")
}
# Elements whose content is never shown as text.
_HIDDEN = frozenset("template svg math object canvas select head".split()) | _RAW.keys()
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACE = re.compile(r"[ \t\n\r\f]+")
# <meta> names and properties that carry the publication time, in order of trust.
_DATE_META = ("article:published_time", "pubdate", "publishdate", "publish_date", "date", "dc.date",
              "dc.date.issued", "og:published_time", "datepublished")
_TITLE_META = ("og:title", "twitter:title", "articletitle", "title")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)[-/.年]?(1[0-2]|0?[1-9])[-/.月]?(3[01]|[12]\d|0?[1-9])(?!\d)")


def _wide(ch: str) -> bool:
    """A character of a script written without spaces between words (CJK ideographs, kana, full-width forms)."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


@dataclass
class Page:
    """A page's visible text and, for each of its characters, the markup range it was read from."""

    markup: str
    text: str
    starts: list[int]
    ends: list[int]
    title: str | None = None
    published: str | None = None
    # Text ranges of lines that are page furniture (link lists, menus): listed like the body, but no
    # figure in them is an enforcement result of this article (a related story's headline is not).
    furniture: list[tuple[int, int]] = field(default_factory=list)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The markup range of the text range ``[start, end)``."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.markup)
            return at, at
        return self.starts[start], self.ends[end - 1]


# Tokens of the markup. Each pattern consumes what it matches, and a start tag that never closes
# ends the scan (a browser drops a tag cut off by the end of the file), so the scan is linear on
# any input: Python's html.parser is quadratic on unclosed tags (``<a <a <a …``).
_TAG = regex.compile(r"<(/?)([A-Za-z][^\s/>]*)((?>[^>\"']+|\"[^\"]*\"|'[^']*')*)>")
_COMMENT_END = regex.compile(r"-->|--!>")
_REFERENCE = regex.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_ATTR = regex.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_MARK = regex.compile(r"[<&]")


class _TextView:
    """Collects a page's visible characters, each with the markup range it was read from."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.hidden: list[str] = []  # open hidden elements
        self.pre = 0
        self.meta: dict[str, str] = {}
        self.h1_from: int | None = None
        self.h1s: list[str] = []  # the text of each <h1>
        self.link_from: int | None = None
        self.links: list[tuple[int, int]] = []  # text ranges read inside <a>
        self.at = 0  # markup position of the token being read

    def read(self) -> None:
        """Read the whole markup, once, left to right."""
        m, n = self.markup, len(self.markup)
        i = 0
        while i < n:
            nxt = _MARK.search(m, i)
            j = nxt.start() if nxt else n
            if j > i:
                self.at = i
                self.data(m[i:j])
            if j >= n:
                break
            self.at = j
            if m[j] == "&":
                ref = _REFERENCE.match(m, j)
                if ref is None:
                    self.data("&")
                    i = j + 1
                else:
                    self.reference(ref[0])
                    i = ref.end()
                continue
            if m.startswith("<!--", j):
                close = _COMMENT_END.search(m, j + 4)
                i = close.end() if close else n
                continue
            if m.startswith(("<!", "<?", "</"), j) and not _TAG.match(m, j):
                if m.startswith("</", j) and j + 2 < n and m[j + 2].isalpha():
                    break  # an end tag cut off by the end of the file
                # a declaration, processing instruction or bogus comment: up to the next '>'
                close = m.find(">", j)
                i = close + 1 if close >= 0 else n
                continue
            tag = _TAG.match(m, j)
            if tag is None:
                if j + 1 < n and m[j + 1].isalpha():
                    break  # a start tag cut off by the end of the file
                self.data("<")
                i = j + 1
                continue
            name = tag[2].lower()
            i = tag.end()
            if tag[1]:
                self.end_tag(name)
                continue
            self.start_tag(name, tag[3])
            if name in _RAW:
                # raw text: hidden, up to its own end tag (or the end of the file)
                close = _RAW[name].search(m, i)
                i = close.start() if close else n
                self.at = i
                self.end_tag(name)
                if close:
                    after = m.find(">", i)
                    i = after + 1 if after >= 0 else n
            elif tag[3].rstrip().endswith("/") and name not in _VOID:
                self.end_tag(name)

    def _emit(self, chars: str, start: int, end: int) -> None:
        for ch in chars:
            self.chars.append(ch)
            self.starts.append(start)
            self.ends.append(end)

    def _break(self, lines: int = 2) -> None:
        """End the line; a block ends its paragraph too (a blank line, as in a text article)."""
        while self.chars and self.chars[-1] == " ":  # a line ends with no trailing space
            self._drop()
        if not self.chars:
            return
        tail = "".join(self.chars[-lines:])
        have = len(tail) - len(tail.rstrip("\n"))
        for _ in range(lines - have):
            self._emit("\n", self.at, self.at)

    def _drop(self) -> None:
        self.chars.pop()
        self.starts.pop()
        self.ends.pop()

    def start_tag(self, tag: str, attrs: str) -> None:
        """An element opens."""
        if tag == "meta":
            values = {a[1].lower(): a[2] or a[3] or a[4] or "" for a in _ATTR.finditer(attrs)}
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"])
        if tag in _HIDDEN and tag not in _VOID:
            self.hidden.append(tag)
            return
        if self.hidden:
            return
        if tag in _BLOCK:
            self._break(1 if tag == "br" else 2)
        if tag == "pre":
            self.pre += 1
        if tag == "h1":
            self.h1_from = len(self.chars)
        if tag == "a":
            self.link_from = len(self.chars)

    def end_tag(self, tag: str) -> None:
        """An element closes."""
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag == "a" and self.link_from is not None:
            self.links.append((self.link_from, len(self.chars)))
            self.link_from = None
        if tag == "h1" and self.h1_from is not None:
            self.h1s.append(_SPACE.sub(" ", "".join(self.chars[self.h1_from :])).strip())
            self.h1_from = None
        if tag in _BLOCK:
            self._break()

    def data(self, data: str) -> None:
        """Text between tags: shown with white space collapsed as a browser does."""
        if self.hidden:
            return
        start = self.at
        if self.pre:
            for i, ch in enumerate(data):
                self._emit(ch, start + i, start + i + 1)
            return
        pos = 0
        for m in _SPACE.finditer(data):
            self._text(data[pos : m.start()], start + pos)
            # One space for a run of white space, none at the start of a line, and none for a line
            # break between two CJK characters (CSS Text 3: 打击\n犯罪 reads 打击犯罪).
            if self.chars and self.chars[-1] not in " \n" and not (
                "\n" in m[0] and _wide(self.chars[-1]) and m.end() < len(data) and _wide(data[m.end()])
            ):
                self._emit(" ", start + m.start(), start + m.end())
            pos = m.end()
        self._text(data[pos:], start + pos)

    def _text(self, chunk: str, start: int) -> None:
        for i, ch in enumerate(chunk):
            self._emit(ch, start + i, start + i + 1)

    def reference(self, source: str) -> None:
        """A character reference (``&amp;``, ``&#8220;``): its character, read from the whole reference."""
        if self.hidden:
            return
        value = html.unescape(source)
        start, end = self.at, self.at + len(source)
        if value == "\xa0":  # a no-break space is never collapsed: pages space fields with runs of them
            self._emit(" ", start, end)
            return
        if value.isspace() and not self.pre:
            if self.chars and self.chars[-1] not in " \n":
                self._emit(" ", start, end)
            return
        self._emit(value, start, end)


def looks_like_html(text: str) -> bool:
    """True when ``text`` opens like an HTML document (a doctype or an ``<html>``/``<head>`` tag)."""
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower() or head.startswith("<head")


def read_page(markup: str) -> Page:
    """The visible text of ``markup`` with its character map, headline and publication date."""
    view = _TextView(markup)
    view.read()
    view.at = len(markup)
    view._break()
    while view.chars and view.chars[-1] == "\n":
        view._drop()
    page = Page(markup=markup, text="".join(view.chars), starts=view.starts, ends=view.ends)
    page.title = _title(view)
    page.published = _published(view.meta)
    page.furniture = _link_lines(page.text, view.links)
    return page


# A line at least this share of whose characters are link text is a menu or link-list item.
LINK_DENSITY = 0.8


def _link_lines(text: str, links: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines of ``text`` made mostly of link text (menus, related-story lists, footers)."""
    linked = [0] * (len(text) + 1)
    for start, end in links:
        # a link's trailing spaces may have been dropped since it closed (a line ends with none)
        linked[min(start, len(text))] += 1
        linked[min(end, len(text))] -= 1
    out: list[tuple[int, int]] = []
    depth = start = 0
    in_link = 0
    for i, ch in enumerate(text + "\n"):
        depth += linked[i]
        if ch == "\n":
            line = text[start:i]
            shown = len(line) - line.count(" ")
            if shown and in_link >= LINK_DENSITY * shown:
                out.append((start, i))
            start, in_link = i + 1, 0
        elif depth > 0 and ch != " ":
            in_link += 1
    return out


def _title(view: _TextView) -> str | None:
    """The page's headline: its one ``<h1>``, else the headline of its metadata, as the page shows it."""
    h1 = [h for h in view.h1s if h]
    if len(h1) == 1:
        return h1[0]
    for key in _TITLE_META:
        value = _SPACE.sub(" ", view.meta.get(key, "")).strip()
        if value:
            return value
    return None


def _published(meta: dict[str, str]) -> str | None:
    """The publication date the page's metadata states (ISO ``YYYY-MM-DD``), else None."""
    for key in _DATE_META:
        m = _ISO_DATE.search(meta.get(key, ""))
        if m:
            return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    return None


def to_markup_offsets(record: Document, page: Page) -> Document:
    """Map every item's offsets in ``record`` from the page's visible text to its markup, in place."""
    for layer in LISTS:
        for item in getattr(record, layer):
            start, end = page.span(item.start, item.end)
            item.start, item.end, item.text = start, end, page.markup[start:end]
    return record


def to_text_span(page: Page, start: int, end: int) -> tuple[int, int]:
    """The visible-text range of the markup range ``[start, end)`` (the inverse of ``Page.span``): the
    characters read from inside it."""
    lo = bisect_left(page.starts, start)
    hi = bisect_right(page.ends, end, lo=lo)
    return lo, max(lo, hi)

