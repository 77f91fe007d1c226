"""Case-type stage: mentions of crime and offence types with canonical names (SPEC section 5).

Chinese: every charge of the Criminal Law, every category and spelling of
``patterns/zh/case_types.toml`` goes into one ``extract.lexicon.WordScanner`` (an Aho-Corasick
automaton), matched once over the normalised text (leftmost, longest).  Spellings that are ordinary
words too (``谣言``, ``黑客``, ``爆炸``) and conduct phrases (``贩卖公民个人信息``) are kept only
in a crime-type context: quoted, followed by 罪/案/犯罪…, after 涉嫌/打击…, or listed next to another
type (``谣言、暴力``).
Generic frames (``涉嫌X罪``, ``等人X案``) report charges missing from the catalogue as written.
English: the regular expressions of ``patterns/en/case_types.toml``, one alternation.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy
import regex
from spacy.language import Language
from spacy.tokens import Doc

from schemas import CaseType

from . import cache as disk_cache
from . import patterns
from .doc import add_to_layer, doc_text, norm_text
from .lexicon import WordScanner
from .normalize import normalize

STRONG, WEAK, FRAMED = "strong", "weak", "framed"
_OPEN_QUOTES = "“\"‘'「『《"
_CLOSE_QUOTES = "”\"’'」』》"


class Candidate(NamedTuple):
    """One matched spelling before the context check (a tuple: cheap to build, one per match)."""

    start: int
    end: int
    canonical: str
    strength: str


@dataclass(frozen=True)
class Lexicon:
    """The compiled recogniser of one language."""

    lang: str
    pattern: regex.Pattern[str] | None  # en: one alternation of named groups
    scanner: WordScanner | None  # zh: every spelling, leftmost-longest in one Aho-Corasick pass
    info: dict[str, tuple[str, str]]  # zh: normalised alias -> (canonical, strength); en: group -> same
    after: regex.Pattern[str]
    before: regex.Pattern[str]
    separator: regex.Pattern[str]
    generic: re.Pattern[str] | None
    negators: frozenset[str] = frozenset()
    entries: tuple[tuple[str, str], ...] = ()  # zh: info of each scanner word, in scanner.words order
    heads: frozenset[str] = frozenset()  # canonicals that are only the head noun after a quoted type


def zh_aliases() -> dict[str, tuple[str, str]]:
    """Every Chinese spelling, normalised, with its canonical name and strength."""
    data = patterns.load("zh", "case_types")
    info: dict[str, tuple[str, str]] = {}
    weak_charges = set(data.get("weak_charges", []))
    for charge in data.get("charges", []):
        info[normalize(charge)] = (charge, WEAK if charge in weak_charges else STRONG)
    for entry in data.get("case_type", []):
        canonical = entry["canonical"]
        if entry.get("kind") in ("category", "subtype") or canonical not in info:
            info.setdefault(normalize(canonical), (canonical, STRONG))
        for field, strength in (("aliases", STRONG), ("weak", WEAK), ("framed", FRAMED)):
            for alias in entry.get(field, []):
                info[normalize(alias)] = (canonical, strength)
    return info


def _zh_lexicon() -> Lexicon:
    data = patterns.load("zh", "case_types")
    ctx = data.get("context", {})
    info = zh_aliases()
    after = regex.compile(r"\L<w>", w=ctx.get("after", ["罪"]))
    before = regex.compile(r"(?:\L<w>)$", w=ctx.get("before", ["涉嫌"]))
    separator = regex.compile(r"\L<w>", w=ctx.get("list_separators", ["、"]))
    generic = re.compile(generic_source(ctx, han_class()))
    negators = frozenset(ctx.get("negators", []))
    scanner = WordScanner(info)
    entries = tuple(info[w] for w in scanner.words)
    heads = frozenset(ctx.get("heads", []))
    return Lexicon("zh", None, scanner, info, after, before, separator, generic, negators, entries, heads=heads)


def generic_source(ctx: dict[str, list[str]], han: str) -> str:
    """The 涉嫌X罪 / 等人X案 frame, its body of Han characters written as the class ``han``."""
    gb = "|".join(re.escape(w) for w in ctx.get("generic_before", ["涉嫌"]))
    ga = "|".join(re.escape(w) for w in ctx.get("generic_after", ["罪"]))
    # Bounded, lazy body: linear time; the body may not run over punctuation.
    return rf"(?:{gb})(?P<x>[{han}、]{{2,15}}?)(?:{ga})"


@cache
def han_class() -> str:
    """``regex``'s ``\\p{Han}`` as ranges for a standard ``re`` class, read off every code point once.

    The generic frame runs on ``re``, which scans for the first characters of its opening words in C
    (3x faster than ``regex`` here) but knows no Unicode scripts.
    """
    # Reading every code point costs ~20 ms a start (each --jobs worker too): the ranges are cached
    # under the user's cache directory, keyed by the regex release whose Unicode tables they come from.
    name = f"han-class-{regex.__version__}.txt"
    cached = disk_cache.read(name)
    if cached is not None:
        try:
            found = cached.decode("utf-8")
            if re.fullmatch(f"[{found}]+", "汉字𠀀"):
                return found
        except (UnicodeDecodeError, re.error):
            pass  # a damaged file: read the code points again and cache them anew
    every = numpy.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    found = "".join(f"{re.escape(m[0][0])}-{re.escape(m[0][-1])}" for m in regex.finditer(r"\p{Han}+", every))
    disk_cache.write(name, found.encode("utf-8"))
    return found


def _en_lexicon() -> Lexicon:
    data = patterns.load("en", "case_types")
    ctx = data.get("context", {})
    info: dict[str, tuple[str, str]] = {}
    alts: list[tuple[str, str]] = []
    for i, entry in enumerate(data.get("case_type", [])):
        for field, strength in (("patterns", STRONG), ("weak", WEAK)):
            for j, pat in enumerate(entry.get(field, [])):
                group = f"g{i}_{field[0]}{j}"
                info[group] = (entry["canonical"], strength)
                alts.append((group, pat))
    # Longer patterns first: the alternation is ordered, and "cyber violence" must win over "violence".
    alts.sort(key=lambda gp: -len(gp[1]))
    body = "|".join(f"(?P<{g}>{p})" for g, p in alts) or "(?!)"
    pattern = regex.compile(rf"(?<![\w-])(?:{body})(?![\w-])", regex.IGNORECASE)
    after = regex.compile(ctx.get("after", r"\s+crimes?\b"), regex.IGNORECASE)
    before = regex.compile(ctx.get("before", r"suspected of\s+$"), regex.IGNORECASE)
    separator = regex.compile(ctx.get("list_separators", [r"^\s*(?:,|and)\s*$"])[0], regex.IGNORECASE)
    heads = frozenset(ctx.get("heads", []))
    return Lexicon("en", pattern, None, info, after, before, separator, None, heads=heads)


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled recogniser for ``lang`` (built once per process)."""
    return _zh_lexicon() if lang == "zh" else _en_lexicon()


def _candidates(lex: Lexicon, text: str) -> list[Candidate]:
    found: list[Candidate] = []
    if lex.scanner is not None:
        entries = lex.entries  # (canonical, strength) by the scanner's word index: no slicing, no hashing
        for i, start, end in lex.scanner.find_indexed(text):
            canonical, strength = entries[i]
            found.append(Candidate(start, end, canonical, strength))
        return found
    assert lex.pattern is not None
    for m in lex.pattern.finditer(text):
        key = m[0] if lex.lang == "zh" else m.lastgroup
        if key is None or key not in lex.info:
            continue
        canonical, strength = lex.info[key]
        found.append(Candidate(m.start(), m.end(), canonical, strength))
    return found


def _quoted(text: str, c: Candidate) -> bool:
    return c.start > 0 and c.end < len(text) and text[c.start - 1] in _OPEN_QUOTES and text[c.end] in _CLOSE_QUOTES


def _framed(lex: Lexicon, text: str, c: Candidate) -> bool:
    if _quoted(text, c):
        return True
    if lex.after.match(text, c.end, min(len(text), c.end + 40)):
        return True
    return bool(lex.before.search(text, max(0, c.start - 40), c.start))


def _listed(lex: Lexicon, text: str, a: Candidate, b: Candidate) -> bool:
    """``a`` and ``b`` are neighbours in a list of types (谣言、暴力; rumors and violence)."""
    gap = text[a.end : b.start]
    if len(gap) > 8:
        return False
    gap = gap.strip(_OPEN_QUOTES + _CLOSE_QUOTES)
    return bool(lex.separator.fullmatch(gap)) if lex.lang == "zh" else bool(lex.separator.match(gap))


def recognise(lang: str, text: str) -> list[CaseType]:
    """The case types in ``text`` (normalised), as records with offsets into it."""
    return [
        CaseType(text=text[c.start : c.end], start=c.start, end=c.end, canonical=c.canonical)
        for c in _find(lang, text)
    ]


def _find(lang: str, text: str) -> list[Candidate]:
    """The accepted mentions of ``text`` (normalised), by start offset."""
    lex = lexicon(lang)
    cands = [c for c in _candidates(lex, text) if not (c.start and text[c.start - 1] in lex.negators)]
    keep: list[Candidate] = []
    for i, c in enumerate(cands):
        if c.strength == STRONG or _framed(lex, text, c):
            keep.append(c)
            continue
        if c.strength == WEAK:
            prev = cands[i - 1] if i > 0 else None
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            if (prev and _listed(lex, text, prev, c)) or (nxt and _listed(lex, text, c, nxt)):
                keep.append(c)
    if lex.heads:
        keep = _drop_heads(lex, text, keep)
    if lex.generic is not None:
        keep.extend(_generic(lex, text, cands))
    keep.sort(key=lambda c: c.start)
    return keep


def _drop_heads(lex: Lexicon, text: str, keep: list[Candidate]) -> list[Candidate]:
    """Drop a generic head right after a quoted type: in “杀猪盘”诈骗案 / "false loan" fraud the type is the quote."""
    out: list[Candidate] = []
    for c in keep:
        prev = out[-1] if out else None
        if (
            prev is not None
            and c.canonical in lex.heads
            and prev.canonical not in lex.heads
            and _quoted(text, prev)
            and text[prev.end + 1 : c.start].strip() == ""
            and c.start - prev.end <= 2
        ):
            continue
        out.append(c)
    return out


def _generic(lex: Lexicon, text: str, cands: list[Candidate]) -> list[Candidate]:
    """Charges written in a 涉嫌X罪 / 等人X案 frame that the catalogue does not know."""
    assert lex.generic is not None
    out: list[Candidate] = []
    starts: list[int] | None = None  # built on the first frame that needs it: most texts have none
    reach: list[int] = []
    for m in lex.generic.finditer(text):
        s, e = m.span("x")
        x = m["x"]
        if x.endswith("犯") or "犯罪" in x or x.endswith("违法"):
            continue
        if starts is None:
            spans = sorted((c.start, c.end) for c in cands if c.start < c.end)  # an empty one covers nothing
            starts = [a for a, _ in spans]
            reach = list(itertools.accumulate((b for _, b in spans), max))  # furthest end so far
        # a candidate overlaps s:e when one starting before e ends after s
        i = bisect.bisect_left(starts, e) - 1
        if s < e and i >= 0 and reach[i] > s:
            continue
        out.append(Candidate(s, e, x, STRONG))
    return out


@Language.factory("extract_case_types", default_config={"lang": "zh"})
def make_case_types(nlp: Language, name: str, lang: str) -> CaseTypeComponent:
    """spaCy factory for the case-type stage."""
    return CaseTypeComponent(lang)


class CaseTypeComponent:
    """Finds crime-type mentions and stores them in ``doc.spans["case_types"]``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        lexicon(lang)

    def __call__(self, doc: Doc) -> Doc:
        """Add the case types of ``doc`` to its ``case_types`` layer."""
        text = doc_text(doc)
        # Rows in CaseType field order, the text as written; doc_to_record validates them.
        rows = [
            {"text": text[c.start : c.end], "start": c.start, "end": c.end, "canonical": c.canonical}
            for c in _find(self.lang, norm_text(doc))
        ]
        add_to_layer(doc, "case_types", rows, label_field="canonical")
        return doc

