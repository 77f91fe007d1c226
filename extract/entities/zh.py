"""Chinese entity rules: PERSON, ORG, LOC and DATE from gazetteers, patterns and jieba's word boundaries."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from collections.abc import Iterable, Iterator
from functools import partial
from typing import NamedTuple

import ahocorasick_rs
import regex

from .. import patterns
from ..lexicon import alternation as _alt
from ..lexicon import guarded_trie, matches_at
from ..segment import jieba_dictionary
from .common import Candidate

_ORG_BACKREF = ("公安厅", "公安局", "市局", "省厅")  # a body named without its place: 市局网安支队
_GENERIC_REACH = 10  # an ORG named by a generic head (…公司) starts at most this far before it: {name}{1,10}?
# What a word found by the anchor scan says about where a match may start.
_PLACE, _ONE, _SOLO, _BEFORE, _TITLE, _SPEECH, _CORE, _NAME, _LOC_HEAD, _SUB = 1, 2, 4, 8, 16, 32, 64, 128, 256, 512
# the first sub-unit of an ORG's tail starts with a sub-unit word at most 8 characters after the head,
# or with a generic head at most 10 after it (recorded one before, see _scan: 9 for both)
_UNIT_REACH = 9
_SINGLE, _SINGLE_NOT_AFTER = "省市县区", "全城都本各该两省市区县乡镇"  # 市公安局, but not 全市公安局
_HAN_NAME = r"[\p{Han}A-Za-z0-9]"
_LEFTMOST_LONGEST = ahocorasick_rs.MatchKind.LeftmostLongest
_SMALL = ahocorasick_rs.Implementation.NoncontiguousNFA  # the quickest to build, for a handful of words
_CLAUSE_OPEN = "，,。！？；：:“”\"\n、•"  # besides spaces, what a speaker's name may follow
_NEXT_NAME_OPEN = frozenset(" \t\u3000、")  # what ZhRules.next_name starts with
_START = operator.itemgetter(1)  # the start of an (index, start, end) match of the scan



class _Match:
    """The part of ``regex.Match`` that ``ZhRules.org_matches`` gives, for matches built outside the regex engine."""

    __slots__ = ("_text", "_start", "_end", "_groups", "_us", "_ue")

    def __init__(
        self, text: str, start: int, end: int, groups: dict[str, tuple[int, int]], us: list[int], ue: list[int]
    ) -> None:
        self._text, self._start, self._end, self._groups, self._us, self._ue = text, start, end, groups, us, ue

    def __getitem__(self, group: str) -> str | None:
        span = self._groups.get(group)
        return None if span is None else self._text[span[0] : span[1]]

    def span(self) -> tuple[int, int]:
        """Start and end of the match."""
        return self._start, self._end

    def start(self, group: str | None = None) -> int:
        """Start of the match or of ``group`` (-1 when the group did not take part)."""
        return self._start if group is None else self._groups.get(group, (-1, -1))[0]

    def end(self, group: str | None = None) -> int:
        """End of the match or of ``group`` (-1 when the group did not take part)."""
        return self._end if group is None else self._groups.get(group, (-1, -1))[1]

    def starts(self, group: str) -> list[int]:
        """Starts of every capture of the repeated sub-unit group ``u``."""
        return self._us if group == "u" else []

    def ends(self, group: str) -> list[int]:
        """Ends of every capture of the repeated sub-unit group ``u``."""
        return self._ue if group == "u" else []


class _OrgFound(NamedTuple):
    """One ORG match: its start and end, the head's group span by name (a, c, s, g or b), the sub-units'
    starts and ends."""

    start: int
    stop: int
    groups: dict[str, tuple[int, int]]
    unit_starts: list[int]
    unit_ends: list[int]

    def end(self) -> int:
        """Where the match ends (as ``regex.Match.end``, for ``matches_at``)."""
        return self.stop


class _Anchors(NamedTuple):
    """What one Aho-Corasick pass over a text says about where each rule can match."""

    org: list[int]  # sorted starts where the ORG rule can match
    places: dict[int, list[int]]  # place-name start -> lengths of the names there, longest first
    cores: set[int]  # where a core body word (公安局) starts
    other: set[int]  # where a standalone, back-reference or generic-head ORG can start
    titles: list[int]  # sorted starts of title words (民警 …)
    speakers: list[int]  # sorted positions where a speaker's name can start
    names: list[int]  # sorted starts of known ORG names and operator words
    loc_heads: list[int]  # sorted starts of place-like head words (机场, 火车站)
    units: list[int]  # sorted starts of sub-unit words (支队), and one before those of generic heads (公司)


_PLACE_SLOT = "(?:\x00place\x00)"  # stands for the place-name trie in the ORG and LOC rule sources


class ZhRules:
    """Compiled Chinese NER rules."""

    def __init__(self) -> None:
        data = patterns.load("zh", "entities")
        places = patterns.load("zh", "places").get("names", {})
        sur = patterns.load("zh", "surnames")
        self.surnames = set("".join(sur.get("single", "").split()))
        compound = sur.get("compound", [])
        self.compound = set(compound)
        person, org, loc = data.get("person", {}), data.get("org", {}), data.get("loc", {})
        self.place_names = {n for names in places.values() for n in names} | set(loc.get("extra", []))
        self.full_places = set(places.get("province", [])) | set(places.get("prefecture", [])) | set(
            places.get("county", [])
        )
        self.after_name = tuple(person.get("after_name", []))  # str.startswith takes a tuple of words
        self.not_given = set(person.get("not_given", []))
        self.not_given_prefixes = tuple(w for w in self.not_given if len(w) > 1)
        self.anon_not_after = set(person.get("anon_not_after", ""))
        anon_after = regex.escape(person.get("anon_not_after", ""))
        surname_re = f"(?:{_alt(compound)}|[{regex.escape(''.join(self.surnames))}])"
        # a compound surname may take a two-character given name: 欧阳明辉
        self.title_person = regex.compile(
            rf"(?:{guarded_trie(person.get('titles', []))})(?:[:：][ \u3000]?|\s|□)?(?P<n>{surname_re}\p{{Han}}{{1,2}})"
        )
        self.anon = regex.compile(rf"(?P<n>[{regex.escape(''.join(self.surnames))}]某(?:[\p{{Han}}--[{anon_after}]])?)",
                                  flags=regex.V1)
        self.speaker = regex.compile(
            rf"(?:(?<=[{regex.escape(_CLAUSE_OPEN)}\s])|^)(?P<n>{surname_re}\p{{Han}}{{1,2}})"
            rf"(?=(?:{_alt(person.get('speech', []))})|\s?[:：])",
            flags=regex.M,
        )
        self.titles = [t for t in person.get("titles", []) if len(t) >= 2]
        # names listed after one title, by spaces or 、 (责编：李娜、王悦), each ended by a space or a bracket
        self.next_name = regex.compile(
            rf"(?:[ \t\u3000]{{1,3}}|、)(?P<n>{surname_re}\p{{Han}}{{1,2}})(?=[\s）)\]】]|$)", flags=regex.M
        )
        self.common = _common_words()
        stop = "的了在和与及对是为由据把被将从向于等其各该本我你他她它们这那有并或但也都就又还已"
        name = rf"[\p{{Han}}A-Za-z0-9--[{stop}]]"
        # the place-name trie (5,700 names, 0.02 s to build) is put in where this slot stands only
        # when the ORG or LOC rule is compiled, which a run never does (see ``org``)
        place = _PLACE_SLOT
        core = rf"(?:{guarded_trie(org.get('core', []))})(?!{_alt(org.get('core_not_before', []))})"
        self.core_needs_place = set(org.get("core_needs_place", []))
        self.generic_weak = tuple(org.get("generic_weak", []))
        sub = rf"(?:{name}{{0,8}}?(?:{guarded_trie(org.get('sub', []))})(?![长员]))"
        generic = rf"(?:{name}{{1,{_GENERIC_REACH}}}?(?:{guarded_trie(org.get('generic', []))})(?![卡账]))"
        standalone = rf"(?:{guarded_trie(org.get('standalone', []))})(?![长门])"
        # The ORG and LOC rules, as one regex each. They are the definition; find() runs an equivalent
        # matcher (_org_at, _loc_at) that takes the place names from the Aho-Corasick scan, because a
        # regex trie of thousands of place names costs microseconds at every position it is tried.
        self._org_source = (
            rf"(?:(?P<a>(?:{place}){{1,3}}|(?<![{_SINGLE_NOT_AFTER}])[{_SINGLE}])(?P<c>{core})"
            rf"|(?P<s>{standalone})|(?P<g>{generic})|(?P<b>{_alt(_ORG_BACKREF)})(?={sub}))"
            rf"(?:(?P<u>{sub})|(?P<u>{generic}))*"
        )
        self.org_core = regex.compile(core, flags=regex.V1)
        self.org_other = regex.compile(
            rf"(?P<s>{standalone})|(?P<g>{generic})|(?P<b>{_alt(_ORG_BACKREF)})(?={sub})", flags=regex.V1
        )
        self.org_tail = regex.compile(rf"(?:(?P<u>{sub})|(?P<u>{generic}))*", flags=regex.V1)
        # the run of name characters (at most _GENERIC_REACH) that ends where a generic head starts
        self.name_run = regex.compile(rf"(?r){name}{{1,{_GENERIC_REACH}}}", flags=regex.V1)
        self.surname_firsts = frozenset(self.surnames | {c[0] for c in compound})
        # Where an ORG or LOC match can start, found in one Aho-Corasick pass over the text: a place
        # name, a one-character 省/市/县/区, a standalone or back-reference word, or up to _GENERIC_REACH
        # name characters before a generic head word. The regexes are then tried at those positions
        # only, and a core body word is looked for only where the scan saw one start.
        flags: dict[str, int] = {}
        for kind, words in (
            (_PLACE, self.place_names),
            (_ONE, _SINGLE),
            (_SOLO, [*org.get("standalone", []), *_ORG_BACKREF]),
            (_BEFORE, org.get("generic", [])),
            (_TITLE, person.get("titles", [])),
            (_SPEECH, [*person.get("speech", []), ":", "："]),
            (_CORE, org.get("core", [])),
            (_NAME, [*org.get("names", []), *org.get("operators", [])]),
            (_LOC_HEAD, loc.get("heads", [])),
            (_SUB, org.get("sub", [])),
        ):
            for w in words:
                flags[w] = flags.get(w, 0) | kind
        words = list(flags)
        # the scan sorts its matches into one bucket per distinct set of kinds, then handles each
        # bucket as a whole: a few operations per match instead of a test per kind
        self.kind_sets = sorted(set(flags.values()))
        self.bucket_of = [self.kind_sets.index(flags[w]) for w in words]  # by the automaton's word index
        self.starts = ahocorasick_rs.AhoCorasick(words)
        assert all(len(n) >= 2 for n in self.place_names), "LOC candidate search assumes two-character place names"
        op_first = regex.escape("".join({w[0] for w in org.get("operators", [])}))
        self.org_names = regex.compile(
            rf"(?:{guarded_trie(org.get('names', []))})(?![A-Za-z]|{_alt(org.get('names_not_before', []))})"
            rf"|(?=[{op_first}])(?<=[、，,])(?:{_alt(org.get('operators', []))})(?=[、和及与]|运营商|公司)"
            rf"|(?:{guarded_trie(org.get('operators', []))})(?=[、](?:{_alt(org.get('operators', []))}))"
        )
        # \K instead of a lookbehind: the search then jumps to 《 or 来源 instead of testing every position
        self.org_quoted = regex.compile(r"《\K\p{Han}{2,12}?(?:报|网|杂志|电视台)(?=》)")
        self.org_source = regex.compile(r"来源[:：]\s{0,3}\K\p{Han}{2,10}?(?=编辑|作者|责任编辑|\s|\d|$|[|｜])", flags=regex.M)
        self.left_cut = sorted(org.get("left_cut", []), key=len, reverse=True)
        # searched right to left, the first left-cut word found is the one that ends last
        self.last_left_cut = regex.compile(f"(?r){_alt(self.left_cut)}")
        # only ever asked whether one of the words occurs: a guarded trie answers that as the flat
        # alternation would, without trying every word at every position
        self.role_or_verb = regex.compile(guarded_trie([*self.titles, *(w for w in self.left_cut if len(w) > 1)]))
        self.titles2 = tuple(t for t in self.titles if len(t) == 2)
        self.abbrev_chars = loc.get("abbrev", "")
        self.abbrev = regex.compile(rf"(?<=[{loc.get('abbrev_after', '')}])[{loc.get('abbrev', '')}](?=\p{{Han}})")
        loc_tail = rf"(?:{name}{{0,4}}?(?:{_alt(loc.get('heads', []))})(?![\p{{Han}}]))?"
        self._loc_source = rf"(?:{place}){{1,3}}{loc_tail}"
        self.loc_tail = regex.compile(loc_tail, flags=regex.V1)

    @functools.cached_property
    def org(self) -> regex.Pattern[str]:
        """The ORG rule as one regex (compiled on first use: the place-name trie takes a second)."""
        return regex.compile(self._org_source.replace(_PLACE_SLOT, self._place), flags=regex.V1)

    @functools.cached_property
    def loc(self) -> regex.Pattern[str]:
        """The LOC rule as one regex (compiled on first use)."""
        return regex.compile(self._loc_source.replace(_PLACE_SLOT, self._place), flags=regex.V1)

    @functools.cached_property
    def _place(self) -> str:
        """The place names as one regex source (a prefix-factored trie)."""
        return f"(?:{guarded_trie(self.place_names)})"

    def _scan(self, text: str) -> _Anchors:
        """Where each rule can match in ``text``, from one Aho-Corasick pass (see ``_Anchors``).

        Every position left out is one where the rule's regex provably fails: a generic head's ORG
        starts inside the run of name characters before it, a place's ORG needs a core word at the
        end of its chain of places; a speaker's name starts with a surname.
        """
        firsts = self.surname_firsts
        buckets: list[list[tuple[int, int, int]]] = [[] for _ in self.kind_sets]
        bucket_of = self.bucket_of
        for m in self.starts.find_matches_as_indexes(text, overlapping=True):
            buckets[bucket_of[m[0]]].append(m)
        other: set[int] = set()
        cores: set[int] = set()
        ones: list[int] = []
        titles: list[int] = []
        speakers: set[int] = set()  # a speaker's name (2-4 characters, maybe a space) ends before 说 or ：
        names: list[int] = []
        loc_heads: list[int] = []
        units: list[int] = []
        places: dict[int, list[int]] = {}
        place_spans: list[tuple[int, int]] = []
        for kind, found in zip(self.kind_sets, buckets, strict=True):
            if not found:
                continue
            starts = list(map(_START, found))
            if kind & _PLACE:
                for _, s, e in found:
                    places.setdefault(s, []).append(e - s)
                    place_spans.append((s, e))
            if kind & _CORE:
                cores.update(starts)
            if kind & _ONE:
                ones.extend(starts)
            if kind & _SOLO:
                other.update(starts)
            if kind & _BEFORE:
                units.extend(s - 1 for s in starts)
                for s in starts:
                    run = self.name_run.match(text, max(0, s - _GENERIC_REACH), s) if s else None
                    if run is not None:
                        other.update(range(run.start(), s))
            if kind & _TITLE:
                # a titled name starts with a surname right after the title or after its separator
                titles.extend(s for _, s, e in found if not firsts.isdisjoint(text[e : e + 3]))
            if kind & _SPEECH:
                # the name opens a clause and starts with a surname: after punctuation or a space
                # (regex's \s lies within str.isspace)
                for s in starts:
                    for p in range(max(0, s - 5), s - 1):
                        if text[p] in firsts and (p == 0 or text[p - 1] in _CLAUSE_OPEN or text[p - 1].isspace()):
                            speakers.add(p)
            if kind & _NAME:
                names.extend(starts)
            if kind & _LOC_HEAD:
                loc_heads.extend(starts)
            if kind & _SUB:
                units.extend(starts)
        for lengths in places.values():
            lengths.sort(reverse=True)
        # a place or a one-character 省/市/县/区 opens an ORG only before a core body word, or before
        # another place that may lead to one (the chain is followed by _org_at)
        org = set(other)
        org.update(p for p in ones if p + 1 in cores and (p == 0 or text[p - 1] not in _SINGLE_NOT_AFTER))
        org.update(s for s, e in place_spans if e in cores or e in places)
        return _Anchors(
            sorted(org), places, cores, other, sorted(set(titles)), sorted(speakers), sorted(set(names)), sorted(loc_heads),
            sorted(units),
        )

    def _chain_ends(self, p: int, places: dict[int, list[int]], depth: int = 1) -> Iterator[int]:
        """Where ``(?:place){1,3}`` at ``p`` can end, in the regex's backtracking order."""
        for n in places.get(p, ()):
            if depth < 3:
                yield from self._chain_ends(p + n, places, depth + 1)
            yield p + n

    def _org_at(self, text: str, p: int, at: _Anchors) -> _OrgFound | None:
        """``self.org.match(text, p)``, with the place names and the possible starts taken from ``at``."""
        groups: dict[str, tuple[int, int]] = {}
        places = at.places
        single = text[p] in _SINGLE and (p == 0 or text[p - 1] not in _SINGLE_NOT_AFTER)
        if p in places or single:
            heads: Iterable[int] = self._chain_ends(p, places)
            if single:
                heads = itertools.chain(heads, (p + 1,))
            cores = at.cores
            for q in heads:
                core = self.org_core.match(text, q) if q in cores else None
                if core is not None:
                    groups = {"a": (p, q), "c": (q, core.end())}
                    break
        if groups:
            head_end = groups["c"][1]
        else:
            other = self.org_other.match(text, p) if p in at.other else None
            if other is None:
                return None
            # the three heads are alternatives without named groups inside: the last group is the one
            groups = {other.lastgroup: other.span()}
            head_end = other.end()
        units = at.units
        i = bisect.bisect_left(units, head_end)
        if i == len(units) or units[i] > head_end + _UNIT_REACH:  # no sub-unit can start: the tail is empty
            return _OrgFound(p, head_end, groups, [], [])
        tail = self.org_tail.match(text, head_end)
        if tail.end() == head_end:  # no sub-unit (most names): their captures need not be asked for
            return _OrgFound(p, head_end, groups, [], [])
        return _OrgFound(p, tail.end(), groups, tail.starts("u"), tail.ends("u"))

    def _org_found(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[_OrgFound]:
        """The ORG rule's matches in ``text[pos:endpos]``, as ``finditer`` finds them (see ``org_matches``)."""
        end = len(text) if endpos is None else endpos
        at = self._scan(text[pos:end])
        if pos:
            at = _Anchors(
                [i + pos for i in at.org], {i + pos: lengths for i, lengths in at.places.items()},
                {i + pos for i in at.cores}, {i + pos for i in at.other}, [], [], [], [], [i + pos for i in at.units],
            )
        # the regex sees the text before pos (lookbehinds) but none after endpos
        return self._orgs_at(text[:end], at)

    def _orgs_at(self, text: str, at: _Anchors) -> Iterator[_OrgFound]:
        """``finditer`` for ``_org_at`` at the ORG starts of ``at``: a match hides the starts inside it."""
        return matches_at(lambda p: self._org_at(text, p, at), at.org)

    def org_matches(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[_Match]:
        """What ``self.org.finditer(text, pos, endpos)`` finds, as match-like objects."""
        for start, end, groups, us, ue in self._org_found(text, pos, endpos):
            yield _Match(text, start, end, groups, us, ue)

    def loc_spans(self, text: str, at: _Anchors | None = None) -> Iterator[tuple[int, int]]:
        """The spans ``self.loc.finditer(text)`` finds, from the place names and head words in ``at``."""
        if at is None:
            at = self._scan(text)
        places, heads = at.places, at.loc_heads
        pos = 0
        for p in sorted(places):
            if p < pos:
                continue
            q = p
            for _ in range(3):  # (?:place){1,3}: greedy, and nothing after it can fail
                lengths = places.get(q)
                if not lengths:
                    break
                q += lengths[0]
            # the optional tail is at most four name characters and a head word: tried only before one
            i = bisect.bisect_left(heads, q)
            if i < len(heads) and heads[i] <= q + 4:
                tail = self.loc_tail.match(text, q)
                if tail is not None:
                    q = tail.end()
            yield p, q
            pos = q
    def abbrev_matches(self, text: str) -> Iterator[regex.Match[str]]:
        """What ``self.abbrev.finditer(text)`` finds, tried only at the abbreviations themselves (在京, 赴沪)."""
        return matches_at(partial(self.abbrev.match, text), _positions(text, self.abbrev_chars))

    def _has_place(self, name: str) -> bool:
        return any(name[i:j] in self.place_names for i in range(len(name)) for j in range(i + 2, min(len(name), i + 5) + 1))

    def _name_end(self, text: str, s: int, bounds: bytes, lengths: tuple[int, ...]) -> int | None:
        """Where a name starting at ``s`` ends: before a typical follower word, else at a token boundary.

        ``lengths`` are the name lengths to try, longest first.
        """
        # shortest first (孙萍说: 说 ends the name), unless jieba kept the longer one whole (李向东表示)
        for n in reversed(lengths):
            if text.startswith(self.after_name, s + n) and text[s + 1 : s + n] not in self.not_given:
                longer = s + n + 1
                if (
                    n + 1 in lengths and bounds[longer] and not bounds[s + n]
                    and text.startswith(self.after_name, longer)
                ):
                    return longer
                return s + n
        for n in lengths:
            if bounds[s + n] and text[s + 1 : s + n] not in self.not_given:
                return s + n
        return None

    def _person(self, text: str, m: regex.Match[str], bounds: bytes) -> Candidate | None:
        s = m.start("n")
        maxlen = m.end("n") - s
        k = 2 if text[s : s + 2] in self.compound else 1
        lengths = (k + 2, k + 1)[max(0, k + 2 - maxlen) :]  # those that fit in the match, longest first
        end = self._name_end(text, s, bounds, lengths)
        if end is None:
            return None
        given = text[s + 1 : end]
        if self.common.get(text[s:end], 0) >= 100:
            return None  # 网民文明上网: a dictionary word, not a name
        if given in self.not_given or given.startswith(self.not_given_prefixes):
            return None
        return (s, end, "PERSON")

    def find(self, text: str, bounds: bytes, published: str | None) -> list[Candidate]:
        """Chinese PERSON, ORG and LOC candidates in ``text`` (overlaps resolved by the caller).

        ``bounds[i]`` is 1 where a token starts or ends (``extract.entities._bounds``).
        """
        out: list[Candidate] = []
        at = self._scan(text)
        for found in self._orgs_at(text, at):
            out.extend(self._org(text, found, bounds))
        out.extend((m.start(), m.end(), "ORG") for m in matches_at(partial(self.org_names.match, text), at.names))
        for rx in (self.org_quoted, self.org_source):
            out.extend((m.start(), m.end(), "ORG") for m in rx.finditer(text))
        for s, e in self.loc_spans(text, at):
            if (bounds[s] or s == 0) and (bounds[e] or text[s:e] in self.full_places):
                out.append((s, e, "LOC"))
        out.extend((m.start(), m.end(), "LOC") for m in self.abbrev_matches(text))
        persons: list[Candidate] = []
        for m in itertools.chain(
            matches_at(partial(self.title_person.match, text), at.titles),
            matches_at(partial(self.speaker.match, text), at.speakers),
        ):
            c = self._person(text, m, bounds)
            if c:
                persons.append(c)
                # names listed after one title: 通讯员 吴慧星 王蕾
                pos = c[1]
                # (the pattern opens with a space or 、: most names are followed by neither)
                while (
                    text[pos : pos + 1] in _NEXT_NAME_OPEN
                    and (nm := self.next_name.match(text, pos))
                    and self.common.get(nm["n"], 0) < 100
                ):
                    persons.append((nm.start("n"), nm.end("n"), "PERSON"))
                    pos = nm.end("n")
        for m in self.anon.finditer(text):
            s, e = m.start(), m.end()
            # the third character is part of the name only when the clause goes on after it (李某红被抓)
            if e - s == 3 and not (
                e == len(text) or not text[e].isalnum() or text[e] in self.anon_not_after
                or text.startswith(self.after_name, e)
            ):
                e -= 1
            persons.append((s, e, "PERSON"))
        known = {text[s:e] for s, e, _ in persons if e - s >= 2}
        if known:
            # every later mention of a name found once: leftmost-longest, as the alternation
            # _alt(known) finds them, on an automaton built for this text (no regex to compile per document)
            again = ahocorasick_rs.AhoCorasick(list(known), matchkind=_LEFTMOST_LONGEST, implementation=_SMALL)
            persons.extend((s, e, "PERSON") for _, s, e in again.find_matches_as_indexes(text) if bounds[s])
        out.extend(persons)
        return out

    def _org(self, text: str, found: _OrgFound, bounds: bytes) -> list[Candidate]:
        s, end, groups, unit_starts, unit_ends = found
        core, generic = groups.get("c"), groups.get("g")
        if core and text[core[0] : core[1]] in self.core_needs_place and groups["a"][1] - groups["a"][0] == 1:
            return []
        if generic:
            g_start, g_end = generic
            # the name starts after the last left-cut word that ends before the head's last two characters
            last = self.last_left_cut.search(text, g_start, g_end - 2) if g_end - g_start > 2 else None
            if last is not None:
                s = last.end()
            while not bounds[s] and s < g_end - 2:
                s += 1
            if g_end - s <= 2:
                return []
            if text.endswith(self.generic_weak, g_start, g_end) and g_end - s <= 4 and not self._has_place(text[s:g_end]):
                return []
        head = core or groups.get("s") or generic
        ends = [head[1] if head else -1, *unit_ends]
        extra: list[Candidate] = []
        # a sub-unit that swallows a role (民警金科) or a verb (依托…工作室) ends the name before it
        for us, ue in zip(unit_starts, unit_ends, strict=True):
            if self.role_or_verb.search(text, us, ue):
                ends = [e for e in ends if e <= us]
                for inner in self._org_found(text, us + 1, end):
                    extra.extend(self._org(text, inner, bounds))
                break
        good = [e for e in ends if e > s and (bounds[e] or e == len(text) or self._title_at(text, e))]
        if not good:
            return extra
        return [(s, max(good), "ORG"), *extra]

    def _title_at(self, text: str, pos: int) -> bool:
        """A role word starts at ``pos`` or one character before it (外宣科科长)."""
        return text.startswith(self.titles2, pos) or text.startswith(self.titles2, pos - 1)



def _positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of every occurrence of any of ``chars`` in ``text`` (a few rare characters: str.find)."""
    found = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            found.append(i)
            i = text.find(ch, i + 1)
    found.sort()
    return found


def _common_words() -> dict[str, int]:
    """Frequent words of jieba's dictionary (frequency >= 100): such words are not names."""
    return jieba_dictionary(min_freq=100)

