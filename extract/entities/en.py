"""English entity rules: names, agencies, places and dates in English wire copy and translations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

import ahocorasick_rs
import regex

from .. import patterns
from ..lexicon import alternation as _alt
from ..lexicon import guarded_trie, matches_at
from .common import Candidate

_SPACES = regex.compile(r"(\s+)")  # compiled once: regex.split() looks its pattern up in a cache on every call
# A capital letter after no ASCII word character: where ``\b[A-Z]`` can match (a superset).
_WORD_CAPITAL = re.compile(r"[A-Z](?<![A-Za-z0-9_][A-Z])")
_NOT_BEFORE_CAP = frozenset("’'.-")  # nor can a capitalised word (``cap``) start after these


class EnRules:
    """Compiled English NER rules."""

    def __init__(self) -> None:
        data = patterns.load("en", "entities")
        places = patterns.load("en", "places").get("names", {})
        person, org, loc = data.get("person", {}), data.get("org", {}), data.get("loc", {})
        self.places = {n for names in places.values() for n in names} | set(loc.get("extra", []))
        # a prefix-factored trie tries the same names in the same longest-first order as the flat
        # alternation, without one attempt per name at every position
        self.loc = regex.compile(rf"\b(?:{guarded_trie(self.places)})\b")
        self.loc_flat = rf"\b(?:{_alt(self.places)})\b"  # the definition, for the equivalence test
        self.place_starts = ahocorasick_rs.AhoCorasick(sorted(self.places)) if self.places else None
        self.heads = set(org.get("heads", []))
        self.not_first = set(org.get("not_first", []))
        # A name starts where a word starts and is at most 40 characters long: without these bounds every
        # position inside a long token (a hex blob, an ID number, "A.A.A.") would start an attempt
        # scanning to the token's end, quadratic in the token.
        cap = r"(?<![\w’'.-])(?:[A-Z][\w’'.-]{0,40}[\w’']|[A-Z])(?![\w’'])"
        self.run = regex.compile(rf"\b{cap}(?:(?:\s(?:of|and|for|on)(?:\sthe)?)?\s{cap})*")
        known = org.get("names", []) + org.get("media", []) + org.get("abbreviations", [])
        # \b fails before a dot-ended or punctuated name edge, so look-arounds on word characters
        self.org_names = regex.compile(rf"(?<![\w.])(?:{guarded_trie(known)})(?![\w])")
        self.org_name_starts = ahocorasick_rs.AhoCorasick(sorted(set(known))) if known else None
        self.org_names_flat = rf"(?<![\w.])(?:{_alt(known)})(?![\w])"  # the definition, for the equivalence test
        levels = _alt(loc.get("levels", []))
        self.leveled = regex.compile(rf"\b[A-Z][a-z]+(?:['-]?[a-z]+)*\s(?:{levels})\b") if levels else None
        months = _alt(loc.get("dateline_months", []))
        self.dateline = (
            regex.compile(
                rf"(?m)^\s*(?P<c>[A-Z]{{3,}}(?:[ -][A-Z]{{3,}})*),\s"
                rf"(?:(?:{months})\.?\s\d|[A-Z][\w ]{{0,30}}\s\([A-Z][\w ]*\)\s?[-–—])"  # or: WENZHOU, China (AFP) -
            )
            if months
            else None
        )
        self.surnames = set(person.get("surnames", []))
        self.not_names = set(person.get("not_names", []))
        syl = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en"
               r"|er|in|un|ia|ie|iu|ua|uo|ue|ui|a|o|e|i|u|v)")
        self.pinyin = regex.compile(rf"(?i)(?:{syl}){{1,3}}")
        before = _alt(person.get("before", []))
        after = _alt(person.get("after", []))
        self.person_ctx = regex.compile(
            rf"(?:(?<=\b(?:{before})\s)(?P<n>{cap}(?:\s{cap})?))"
            rf"|(?P<n>{cap}(?:\s{cap})?)(?=,\s(?:a|an|the|deputy|director|head|chief|vice|spokesman|professor)\b|\s(?:{after})\b)"
            + (rf"|(?m:^[ \t]*(?P<n>{cap}(?:\s{cap}){{1,2}}):)" if person.get("speaker_line") else "")
        )

    def _is_person(self, name: str) -> bool:
        words = name.split()
        if any(w in self.places or w in self.heads or (len(w) > 1 and w.isupper()) for w in words):
            return False  # an all-caps word is a heading or an acronym (RELATED ARTICLES), not a name
        # A pinyin surname plus a pinyin given name is a name even when the surname is also an English
        # word (He Jianping, Tan Zhiyong); alone, such a word is not.
        if (
            len(words) in (2, 3)
            and words[0] in self.surnames
            and not any(w in self.not_names for w in words[1:])
            and all(self.pinyin.fullmatch(w) for w in words[1:])
        ):
            return True
        if any(w in self.not_names for w in words):
            return False
        if all(self.pinyin.fullmatch(w) for w in words):
            first = words[0]
            return any(first.startswith(s) for s in self.surnames)
        return len(words) == 2

    def find(self, text: str, published: str | None) -> list[Candidate]:
        """English PERSON, ORG and LOC candidates in ``text`` (DATEs come from extract.dates)."""
        out: list[Candidate] = []
        # the rules are tried only where their matches can start (found by C scans): at a capital
        # that opens a word, or at the start of a line
        capitals, word_capitals, lines = name_starts(text)
        for m in matches_at(partial(self.run.match, text), capitals):
            out.extend(self._org(m))
        out.extend((m.start(), m.end(), "ORG") for m in self.org_name_matches(text))
        out.extend((m.start(), m.end(), "LOC") for m in self.loc_matches(text))
        if self.leveled is not None:
            out.extend(
                (m.start(), m.end(), "LOC")
                for m in matches_at(partial(self.leveled.match, text), word_capitals)
                if self._place_name(m[0])
            )
        if self.dateline is not None:
            out.extend((m.start("c"), m.end("c"), "LOC") for m in matches_at(partial(self.dateline.match, text), lines))
        persons = [
            (m.start("n"), m.end("n"), "PERSON")
            for m in matches_at(partial(self.person_ctx.match, text), sorted({*capitals, *lines}))
            if self._is_person(m["n"])
        ]
        known = {text[s:e] for s, e, _ in persons}
        if known:
            again = regex.compile(rf"\b(?:{_alt(known)})\b")
            persons.extend((m.start(), m.end(), "PERSON") for m in again.finditer(text))
        out.extend(persons)
        return out

    def org_name_matches(self, text: str) -> Iterator[regex.Match[str]]:
        """What ``self.org_names.finditer(text)`` finds, tried only where the automaton sees a known name start."""
        return _anchored(self.org_names, self.org_name_starts, text)

    def loc_matches(self, text: str) -> Iterator[regex.Match[str]]:
        """What ``self.loc.finditer(text)`` finds, tried only where the automaton sees a place name start."""
        return _anchored(self.loc, self.place_starts, text)

    def _place_name(self, phrase: str) -> bool:
        """A pinyin (or known) name before a level word: Nanshan District, not Financial District."""
        name = phrase.rsplit(None, 1)[0]
        if name in self.places:
            return True
        return name not in self.not_names and name not in self.heads and bool(
            self.pinyin.fullmatch(name.replace("'", "").replace("-", ""))
        )

    def _org(self, m: regex.Match[str]) -> list[Candidate]:
        words = _SPACES.split(m[0])
        toks = words[::2]
        offs = []
        pos = m.start()
        for i, w in enumerate(words):
            if i % 2 == 0:
                offs.append(pos)
            pos += len(w)
        first = 0
        while first < len(toks) and toks[first] in self.not_first:
            first += 1
        last = -1
        for i in range(first, len(toks)):
            if toks[i] in self.heads:
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is None or nxt in ("of", "for"):
                    last = len(toks) - 1 if nxt else i
        if last <= first or toks[first] in ("of", "and", "for", "on", "the"):
            return []  # a lone head word (Police, Bureau) names no one
        while toks[last] in ("of", "and", "for", "on", "the"):
            last -= 1
        return [(offs[first], offs[last] + len(toks[last]), "ORG")]



def _anchored(
    pattern: regex.Pattern[str], words: ahocorasick_rs.AhoCorasick | None, text: str
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts with one of the automaton's words."""
    if words is None:
        return iter(())
    starts = sorted({s for _, s, _ in words.find_matches_as_indexes(text, overlapping=True)})
    return matches_at(partial(pattern.match, text), starts)


def name_starts(text: str) -> tuple[list[int], list[int], list[int]]:
    """Where a capitalised word (``cap``) and where ``\\b[A-Z]`` can start in ``text`` (supersets), and where its lines start."""
    lines = [0]
    i = text.find("\n")
    while i >= 0:
        lines.append(i + 1)
        i = text.find("\n", i + 1)
    word_capitals = [m.start() for m in _WORD_CAPITAL.finditer(text)]
    capitals = [p for p in word_capitals if not p or text[p - 1] not in _NOT_BEFORE_CAP]
    return capitals, word_capitals, lines
