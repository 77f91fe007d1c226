"""The link stage's cue tables (``patterns/<lang>/statistics.toml``), compiled once per language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from .. import patterns
from ..regexes import line_local, required_words, top_branches
from .sentences import _CLAUSE_END, WordPattern


@dataclass(frozen=True)
class MetricRule:
    """One row of the metric table: verbs, the counted nouns it needs and the kinds it takes."""

    name: str
    verbs: tuple[str, ...]
    nouns: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    noun_re: WordPattern | None = None

    def takes(self, zone: str, kind: str) -> bool:
        """True when ``zone`` (the counted thing) and ``kind`` fit this rule."""
        if self.kinds and kind not in self.kinds:
            return False
        return self.noun_re is None or self.noun_re.search(zone) is not None


class Cues:
    """The compiled cue tables of one language (``patterns/<lang>/statistics.toml``)."""

    def __init__(self, lang: str) -> None:
        data = patterns.load(lang, "statistics")
        self.lang = lang
        flags = regex.IGNORECASE if lang == "en" else 0
        self.rules = [_rule(r, lang) for r in data.get("metric", [])]
        self.noun_rules = [_rule({**r, "verbs": r["nouns"], "nouns": []}, lang) for r in data.get("nouns_alone", [])]
        self.other_verbs = tuple(data.get("other", {}).get("verbs", []))
        verbs = {v for r in self.rules for v in r.verbs} | set(self.other_verbs)
        self.verb_re = _words(verbs, lang, flags)
        self.noun_re = _words({n for r in self.noun_rules for n in r.verbs}, lang, flags)
        # the word lists of other languages than English are plain words, compiled with ``re`` (_words)
        self.plain_words = lang != "en"
        # when no noun cue holds a space, a search of a span joined to the figure's object by a space
        # finds what the span's search, else the object's, finds
        nouns = [n for r in self.rules for n in r.nouns] + [n for r in self.noun_rules for n in r.verbs]
        self.spaceless_nouns = self.plain_words and not any(" " in n for n in nouns)
        self.by_verb: dict[str, list[MetricRule]] = {}
        for rule in self.rules:
            for verb in rule.verbs:
                self.by_verb.setdefault(_key(verb, lang), []).append(rule)
        excl = data.get("exclude", {})
        self.exclude_re = _words({w for ws in excl.values() for w in ws}, lang, flags)
        scope = data.get("scope", {})
        self.total_re = _words(scope.get("total", []), lang, flags)
        self.definite_re = _words(scope.get("definite", []), lang, flags)
        # the case cues: the words (in file order), then the pattern's branches
        case_words = scope.get("case", [])
        branches: list[WordPattern] = []
        if case_words and lang == "zh":
            branches.append(re.compile("|".join(re.escape(w) for w in case_words)))
        elif case_words:
            branches.append(regex.compile("|".join(rf"\b{w}\b" for w in case_words), flags | regex.MULTILINE))
        if scope.get("case_pattern"):
            branches += [regex.compile(b, flags | regex.MULTILINE) for b in top_branches(scope["case_pattern"])]
        self.case_re = FirstOf(branches)
        self.case_title_re = regex.compile(scope.get("case_title", r"(?!x)x"), flags)
        place = data.get("place", {})
        self.place = place
        followers = "|".join(regex.escape(w) for w in place.get("followers", []))
        scope_words = [*place.get("nationwide", []), *place.get("province", []), *place.get("city", [])]
        # How far past a paragraph the scope-word scan's look-ahead reads (a space, then a follower);
        # None when a scope word holds a line break, so that a match could run in from the line before.
        self.scope_reach = None if any("\n" in w for w in scope_words) else 1 + max(map(len, place.get("followers", [])), default=0)
        self.scope_word_re = regex.compile(
            rf"(?P<w>{_alt(place.get('nationwide', []))}|{_alt(place.get('province', []))}|{_alt(place.get('city', []))})"
            + (rf"(?=\s?(?:{followers}))" if followers else ""),
            flags,
        )
        self.national_re = _words(place.get("national", []), lang, flags)
        self.scope_needs = required_words(self.scope_word_re.pattern, flags)
        self.agent_re = _words(place.get("agent_markers", []), lang, flags)
        self.agency_re = _words(place.get("agency", []), lang, flags)
        self.back_ref_re = _words(data.get("campaign", {}).get("back_reference", []), lang, flags)
        self.pair_re = _words(data.get("campaign", {}).get("pair", []), lang, flags)
        period = data.get("period", {})
        self.periods = [(p["kind"], regex.compile(p["regex"], flags)) for p in period.get("pattern", [])]
        self.local_clauses = line_local(_CLAUSE_END[lang].pattern)
        # which period patterns can be run over one line at a time (see line_local)
        self.period_local = [line_local(p["regex"]) for p in period.get("pattern", [])]
        # (number, kind, pattern, line-local, the word sets its every match holds) of each period
        # pattern, as the paragraph scans read them
        self.period_scans = [
            (n, kind, p, self.period_local[n], required_words(p.pattern, p.flags & regex.IGNORECASE))
            for n, (kind, p) in enumerate(self.periods)
        ]
        self.parts = {k.lower(): tuple(v) for k, v in period.get("parts", {}).items()}
        self.numbers: dict[str, int] = {k.lower(): int(v) for k, v in period.get("numbers", {}).items()}
        self.dateline_re = regex.compile(period.get("dateline", r"(?!x)x"), flags | regex.MULTILINE)
        kinds = data.get("case_type", {})
        implied = kinds.get("implied", {})
        # words that imply a crime type without naming one (涉诈设备, 被骗走积蓄 → 电信网络诈骗)
        self.implied_re = _words({w for ws in implied.values() for w in ws}, lang, flags)
        self.implied = {_key(w, lang): canonical for canonical, ws in implied.items() for w in ws}
        # ... except where the word starts a name (反诈中心 is an agency, whatever its figures count)
        self.not_implied_re = _words(kinds.get("not_implied", []), lang, flags)
        links = kinds.get("after_links", [])
        # what may stand between a figure and a crime type named after it (35 suspects of cyber violence)
        self.after_link_re = regex.compile(rf"\s*(?:{'|'.join(links)})(?:\s+[\w-]+){{0,2}}\s*", flags) if links else None

    def rules_for(self, verb: str) -> list[MetricRule]:
        """The metric rules a verb (as found in the text) can start, in file order."""
        found = self.by_verb.get(verb if self.lang != "en" else verb.lower())
        if found is None:
            # English entries are patterns (arrest(?:ed|s)?): find the rows whose pattern the word is
            key = _key(verb, self.lang)
            found = self.by_verb[key] = [r for r in self.rules if self._is_word_of(verb, r.verbs)] if self.lang == "en" else []
        return found

    def is_other(self, verb: str) -> bool:
        """True when ``verb`` is one of the work verbs whose figures are ``other`` results."""
        return self._is_word_of(verb, self.other_verbs)

    def noun_rule(self, noun: str, kind: str) -> str | None:
        """The metric a noun cue gives a figure of ``kind`` (涉案金额 → money_involved), or None."""
        for rule in self.noun_rules:
            if self._is_word_of(noun, rule.verbs) and rule.takes("", kind):
                return rule.name
        return None

    def _is_word_of(self, found: str, entries: tuple[str, ...]) -> bool:
        """True when the text ``found`` is one of ``entries`` (English entries are patterns)."""
        if self.lang != "en":
            return found in entries
        return any(_pattern(v).fullmatch(found) for v in entries)


class FirstOf:
    """An alternation searched one branch at a time: the leftmost match, the earlier branch on a tie.

    That is the match the alternation itself gives (at each position the branches are tried in
    order), but ``regex`` scans a mixed alternation (plain words beside classes, anchors and
    look-arounds) several times slower than it scans each branch alone.
    """

    def __init__(self, branches: list[WordPattern]) -> None:
        self.branches = branches

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | regex.Match[str] | None:
        """The alternation's first match in ``text[pos:endpos]`` (look-behinds see before ``pos``)."""
        end = len(text) if endpos is None else endpos
        best: re.Match[str] | regex.Match[str] | None = None
        for branch in self.branches:
            m = branch.search(text, pos, end)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best


@cache
def _pattern(entry: str) -> regex.Pattern[str]:
    """An English cue entry compiled (case-insensitive), once per process."""
    return regex.compile(entry, regex.IGNORECASE)


def _key(word: str, lang: str) -> str:
    return word.lower() if lang == "en" else word


def _rule(row: dict[str, Any], lang: str) -> MetricRule:
    nouns = tuple(row.get("nouns", ()))
    noun_re: WordPattern | None = None
    if nouns:
        # English nouns are stems or patterns (compan, rumou?r), matched at a word start
        if lang == "en":
            noun_re = regex.compile("|".join(rf"\b(?:{n})" for n in nouns), regex.IGNORECASE)
        else:
            noun_re = re.compile(_alt(nouns))
    return MetricRule(row["name"], tuple(row["verbs"]), nouns, tuple(row.get("kinds", ())), noun_re)


def _alt(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"


def _words(words: Iterable[str], lang: str, flags: int) -> WordPattern:
    """One alternation, longest first; English words must stand whole (regex-valued entries kept)."""
    if lang == "en":
        body = "|".join(sorted(words, key=len, reverse=True))
        return regex.compile(rf"\b(?:{body or '(?!x)x'})\b", flags)
    return re.compile(_alt(words), flags)


@cache
def cues(lang: str) -> Cues:
    """The cue tables of ``lang``, compiled once per process."""
    return Cues(lang)
