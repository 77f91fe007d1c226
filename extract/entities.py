"""NER stage: PERSON, ORG, LOC and DATE entities (SPEC section 6).

Rules over the normalised text (compiled regexes and gazetteer lists, see patterns/<lang>/entities.toml,
places.toml and surnames.toml); jieba's token boundaries, already on the Doc, decide where a name ends.
Overlapping candidates resolve to the longest span (重庆市公安局江北分局 is one ORG, not LOC + ORG).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import regex
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from schemas import Entity

from . import dates, patterns
from .doc import add_to_layer, doc_text, norm_text, records, token_span
from .lexicon import alternation as _alt
from .lexicon import guarded_trie, trie_pattern

Candidate = tuple[int, int, str]
_ORG_BACKREF = ("公安厅", "公安局", "市局", "省厅")  # a body named without its place: 市局网安支队
_ORG_AFTER = 40  # room after an anchor word for the lookaheads that end an ORG match
# On equal length the more specific label wins.
_PRIORITY = {"ORG": 4, "PERSON": 3, "DATE": 2, "LOC": 1}
_HAN_NAME = r"[\p{Han}A-Za-z0-9]"



def resolve(cands: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by label priority, then leftmost."""
    chosen: list[Candidate] = []
    taken: bytearray | None = None
    for s, e, label in sorted(set(cands), key=lambda c: (-(c[1] - c[0]), -_PRIORITY[c[2]], c[0])):
        if taken is None:
            taken = bytearray(e)  # the first candidate is the longest: grown on demand below
        if e > len(taken):
            taken.extend(bytes(e - len(taken)))
        # a per-character occupancy map keeps this linear in the text, not quadratic in candidates
        if e <= s or any(taken[s:e]):
            continue
        chosen.append((s, e, label))
        taken[s:e] = b"\x01" * (e - s)
    return sorted(chosen)


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
        self.after_name = sorted(person.get("after_name", []), key=len, reverse=True)
        self.not_given = set(person.get("not_given", []))
        self.anon_not_after = set(person.get("anon_not_after", ""))
        anon_after = regex.escape(person.get("anon_not_after", ""))
        surname_re = f"(?:{_alt(compound)}|[{regex.escape(''.join(self.surnames))}])"
        # a compound surname may take a two-character given name: 欧阳明辉
        self.title_person = regex.compile(
            rf"(?:{_alt(person.get('titles', []))})(?:\s|□)?(?P<n>{surname_re}\p{{Han}}{{1,2}})"
        )
        self.anon = regex.compile(rf"(?P<n>[{regex.escape(''.join(self.surnames))}]某(?:[\p{{Han}}--[{anon_after}]])?)",
                                  flags=regex.V1)
        self.speaker = regex.compile(
            rf"(?:(?<=[，,。！？；：:“”\"\n\s、•])|^)(?P<n>{surname_re}\p{{Han}}{{1,2}})"
            rf"(?=(?:{_alt(person.get('speech', []))})|\s?[:：])",
            flags=regex.M,
        )
        self.titles = [t for t in person.get("titles", []) if len(t) >= 2]
        self.next_name = regex.compile(rf"[ \t\u3000]{{1,3}}(?P<n>{surname_re}\p{{Han}}{{1,2}})(?=\s|$)", flags=regex.M)
        self.common = _common_words()
        stop = "的了在和与及对是为由据把被将从向于等其各该本我你他她它们这那有并或但也都就又还已"
        name = rf"[\p{{Han}}A-Za-z0-9--[{stop}]]"
        place = f"(?:{guarded_trie(self.place_names)})"
        core = rf"(?:{guarded_trie(org.get('core', []))})(?!{_alt(org.get('core_not_before', []))})"
        self.core_needs_place = set(org.get("core_needs_place", []))
        self.generic_weak = tuple(org.get("generic_weak", []))
        sub = rf"(?:{name}{{0,8}}?(?:{guarded_trie(org.get('sub', []))})(?![长员]))"
        generic = rf"(?:{name}{{1,10}}?(?:{guarded_trie(org.get('generic', []))})(?![卡账]))"
        standalone = rf"(?:{guarded_trie(org.get('standalone', []))})(?![长门])"
        self.org = regex.compile(
            rf"(?:(?P<a>(?:{place}){{1,3}}|(?<![全城都本各该两省市区县乡镇])[省市县区])(?P<c>{core})"
            rf"|(?P<s>{standalone})|(?P<g>{generic})|(?P<b>{_alt(_ORG_BACKREF)})(?={sub}))"
            rf"(?:(?P<u>{sub})|(?P<u>{generic}))*",
            flags=regex.V1,
        )
        # Every ORG match contains one of these words, and starts at most _ORG_BEFORE characters
        # before its first one: the ORG regex only needs to run in windows around them.
        anchors = [*org.get("core", []), *org.get("sub", []), *org.get("generic", []), *org.get("standalone", []), *_ORG_BACKREF]
        self.org_anchor = regex.compile(trie_pattern(anchors))
        self.org_before = 3 * max(map(len, self.place_names), default=1) + 12
        # A LOC match starts with a place name; place names are at least two characters long.
        self.place_prefix2 = {n[:2] for n in self.place_names if len(n) >= 2}
        self.place_first = regex.compile("[" + regex.escape("".join(sorted({n[0] for n in self.place_names}))) + "]")
        assert all(len(n) >= 2 for n in self.place_names), "LOC candidate search assumes two-character place names"
        self.org_names = regex.compile(
            rf"(?:{_alt(org.get('names', []))})(?![A-Za-z]|{_alt(org.get('names_not_before', []))})|(?<=[、，,])(?:{_alt(org.get('operators', []))})(?=[、和及与]|运营商|公司)"
            rf"|(?:{_alt(org.get('operators', []))})(?=[、](?:{_alt(org.get('operators', []))}))"
        )
        self.org_quoted = regex.compile(r"(?<=《)\p{Han}{2,12}?(?:报|网|杂志|电视台)(?=》)")
        self.org_source = regex.compile(r"(?<=来源[:：]\s{0,3})\p{Han}{2,10}?(?=编辑|作者|责任编辑|\s|\d|$|[|｜])", flags=regex.M)
        self.left_cut = sorted(org.get("left_cut", []), key=len, reverse=True)
        self.abbrev = regex.compile(rf"(?<=[{loc.get('abbrev_after', '')}])[{loc.get('abbrev', '')}](?=\p{{Han}})")
        self.loc = regex.compile(
            rf"(?:{place}){{1,3}}(?:{name}{{0,4}}?(?:{_alt(loc.get('heads', []))})(?![\p{{Han}}]))?",
            flags=regex.V1,
        )

    def _org_matches(self, text: str) -> Iterator[regex.Match[str]]:
        """``self.org.finditer(text)``, run only in the windows around ORG anchor words (same matches)."""
        n = len(text)
        segments: list[list[int]] = []
        for m in self.org_anchor.finditer(text, overlapped=True):
            s, e = max(0, m.start() - self.org_before), min(n, m.end() + _ORG_AFTER)
            if segments and s <= segments[-1][1]:
                segments[-1][1] = max(segments[-1][1], e)
            else:
                segments.append([s, e])
        for s, e in segments:
            yield from self.org.finditer(text, s, e)

    def _loc_matches(self, text: str) -> Iterator[regex.Match[str]]:
        """``self.loc.finditer(text)``, tried only where a place name can start (same matches)."""
        pos = 0
        for c in self.place_first.finditer(text):
            i = c.start()
            if i < pos or text[i : i + 2] not in self.place_prefix2:
                continue
            m = self.loc.match(text, i)
            if m is not None:
                yield m
                pos = max(m.end(), i + 1)

    def _has_place(self, name: str) -> bool:
        return any(name[i:j] in self.place_names for i in range(len(name)) for j in range(i + 2, min(len(name), i + 5) + 1))

    def _name_end(self, text: str, s: int, bounds: set[int], lengths: tuple[int, ...]) -> int | None:
        """Where a name starting at ``s`` ends: before a typical follower word, else at a token boundary."""
        # shortest first (孙萍说: 说 ends the name), unless jieba kept the longer one whole (李向东表示)
        for n in sorted(lengths):
            if any(text.startswith(w, s + n) for w in self.after_name) and text[s + 1 : s + n] not in self.not_given:
                longer = s + n + 1
                if (
                    n + 1 in lengths and longer in bounds and s + n not in bounds
                    and any(text.startswith(w, longer) for w in self.after_name)
                ):
                    return longer
                return s + n
        for n in lengths:
            if s + n in bounds and text[s + 1 : s + n] not in self.not_given:
                return s + n
        return None

    def _person(self, text: str, m: regex.Match[str], bounds: set[int]) -> Candidate | None:
        s = m.start("n")
        maxlen = m.end("n") - s
        k = 2 if text[s : s + 2] in self.compound else 1
        lengths = tuple(n for n in (k + 2, k + 1) if n <= maxlen)
        end = self._name_end(text, s, bounds, lengths)
        if end is None:
            return None
        given = text[s + 1 : end]
        if self.common.get(text[s:end], 0) >= 100:
            return None  # 网民文明上网: a dictionary word, not a name
        if given in self.not_given or any(given.startswith(w) for w in self.not_given if len(w) > 1):
            return None
        return (s, end, "PERSON")

    def find(self, text: str, bounds: set[int], published: str | None) -> list[Candidate]:
        """Chinese PERSON, ORG and LOC candidates in ``text`` (overlaps resolved by the caller)."""
        out: list[Candidate] = []
        for m in self._org_matches(text):
            out.extend(self._org(text, m, bounds))
        for rx in (self.org_names, self.org_quoted, self.org_source):
            out.extend((m.start(), m.end(), "ORG") for m in rx.finditer(text))
        for m in self._loc_matches(text):
            s, e = m.start(), m.end()
            if (s in bounds or s == 0) and (e in bounds or text[s:e] in self.full_places):
                out.append((s, e, "LOC"))
        out.extend((m.start(), m.end(), "LOC") for m in self.abbrev.finditer(text))
        persons: list[Candidate] = []
        for rx in (self.title_person, self.speaker):
            for m in rx.finditer(text):
                c = self._person(text, m, bounds)
                if c:
                    persons.append(c)
                    # names listed after one title: 通讯员 吴慧星 王蕾
                    pos = c[1]
                    while (nm := self.next_name.match(text, pos)) and self.common.get(nm["n"], 0) < 100:
                        persons.append((nm.start("n"), nm.end("n"), "PERSON"))
                        pos = nm.end("n")
        for m in self.anon.finditer(text):
            s, e = m.start(), m.end()
            # the third character is part of the name only when the clause goes on after it (李某红被抓)
            if e - s == 3 and not (
                e == len(text) or not text[e].isalnum() or text[e] in self.anon_not_after
                or any(text.startswith(w, e) for w in self.after_name)
            ):
                e -= 1
            persons.append((s, e, "PERSON"))
        known = {text[s:e] for s, e, _ in persons if e - s >= 2}
        if known:
            again = regex.compile(_alt(known))
            persons.extend((m.start(), m.end(), "PERSON") for m in again.finditer(text) if m.start() in bounds)
        out.extend(persons)
        return out

    def _org(self, text: str, m: regex.Match[str], bounds: set[int]) -> list[Candidate]:
        s = m.start()
        if m["c"] and m["c"] in self.core_needs_place and len(m["a"]) == 1:
            return []
        if m["g"]:
            head = m["g"]
            cut = 0
            for w in self.left_cut:
                i = head.rfind(w, 0, len(head) - 2)
                if i >= 0:
                    cut = max(cut, i + len(w))
            s += cut
            while s not in bounds and s < m.end("g") - 2:
                s += 1
            if m.end("g") - s <= 2:
                return []
            if m["g"].endswith(self.generic_weak) and m.end("g") - s <= 4 and not self._has_place(text[s : m.end("g")]):
                return []
        ends = [m.end("c") if m["c"] else m.end("s") if m["s"] else m.end("g") if m["g"] else -1]
        ends.extend(m.ends("u"))
        extra: list[Candidate] = []
        # a sub-unit that swallows a role (民警金科) or a verb (依托…工作室) ends the name before it
        for us, ue in zip(m.starts("u"), m.ends("u"), strict=True):
            seg = text[us:ue]
            if any(t in seg for t in self.titles) or any(w in seg for w in self.left_cut if len(w) > 1):
                ends = [e for e in ends if e <= us]
                for m2 in self.org.finditer(text, us + 1, m.end()):
                    extra.extend(self._org(text, m2, bounds))
                break
        good = [e for e in ends if e > s and (e in bounds or e == len(text) or self._title_at(text, e))]
        if not good:
            return extra
        return [(s, max(good), "ORG"), *extra]

    def _title_at(self, text: str, pos: int) -> bool:
        """A role word starts at ``pos`` or one character before it (外宣科科长)."""
        return any(text.startswith(t, pos) or text.startswith(t, pos - 1) for t in self.titles if len(t) == 2)


class EnRules:
    """Compiled English NER rules."""

    def __init__(self) -> None:
        data = patterns.load("en", "entities")
        places = patterns.load("en", "places").get("names", {})
        person, org, loc = data.get("person", {}), data.get("org", {}), data.get("loc", {})
        self.places = {n for names in places.values() for n in names} | set(loc.get("extra", []))
        self.loc = regex.compile(rf"\b(?:{_alt(self.places)})\b")
        self.heads = set(org.get("heads", []))
        self.not_first = set(org.get("not_first", []))
        cap = r"(?:[A-Z][\w’'.-]*[\w’']|[A-Z])"
        self.run = regex.compile(rf"\b{cap}(?:(?:\s(?:of|and|for|on)(?:\sthe)?)?\s{cap})*")
        self.org_names = regex.compile(rf"\b(?:{_alt(org.get('names', []))})\b")
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
        )

    def _is_person(self, name: str) -> bool:
        words = name.split()
        if any(w in self.not_names or w in self.places or w in self.heads for w in words):
            return False
        if all(self.pinyin.fullmatch(w) for w in words):
            first = words[0]
            return any(first.startswith(s) for s in self.surnames)
        return len(words) == 2

    def find(self, text: str, published: str | None) -> list[Candidate]:
        """English PERSON, ORG and LOC candidates in ``text`` (DATEs come from extract.dates)."""
        out: list[Candidate] = []
        for m in self.run.finditer(text):
            out.extend(self._org(m))
        out.extend((m.start(), m.end(), "ORG") for m in self.org_names.finditer(text))
        out.extend((m.start(), m.end(), "LOC") for m in self.loc.finditer(text))
        persons = [(m.start("n"), m.end("n"), "PERSON") for m in self.person_ctx.finditer(text) if self._is_person(m["n"])]
        known = {text[s:e] for s, e, _ in persons}
        if known:
            again = regex.compile(rf"\b(?:{_alt(known)})\b")
            persons.extend((m.start(), m.end(), "PERSON") for m in again.finditer(text))
        out.extend(persons)
        return out

    def _org(self, m: regex.Match[str]) -> list[Candidate]:
        words = regex.split(r"(\s+)", m[0])
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


def _common_words() -> dict[str, int]:
    """jieba's word frequencies (already loaded by the segmenter): frequent words are not names."""
    import jieba

    jieba.initialize()
    return jieba.dt.FREQ  # type: ignore[no-any-return]


@cache
def rules(lang: str) -> ZhRules | EnRules:
    """The compiled rules for ``lang`` (built once per process)."""
    return ZhRules() if lang == "zh" else EnRules()


def _bounds(doc: Doc) -> set[int]:
    if not len(doc):
        return {0}
    arr = doc.to_array(["IDX", "LENGTH"])
    starts = arr[:, 0]
    return set(starts.tolist()) | set((starts + arr[:, 1]).tolist()) | {len(doc_text(doc))}


def find_entities(doc: Doc, lang: str) -> list[Entity]:
    """Rule entities of ``doc`` as records, DATEs with their ISO ``value``."""
    text = norm_text(doc)
    published = doc._.published
    if lang == "zh":
        cands = rules("zh").find(text, _bounds(doc), published)  # type: ignore[union-attr]
        found_dates = dates.find_zh(text, published)
    else:
        cands = rules("en").find(text, published)  # type: ignore[call-arg]
        found_dates = dates.find_en(text, published)
    cands.extend((s, e, "DATE") for s, e, _ in found_dates)
    values = {(s, e): v for s, e, v in found_dates}
    raw = doc_text(doc)
    return [
        Entity(text=raw[s:e], start=s, end=e, label=label, value=values.get((s, e)) if label == "DATE" else None)  # type: ignore[arg-type]
        for s, e, label in resolve(cands)
    ]


def set_ents(doc: Doc) -> None:
    """Mirror the ``entities`` layer on ``doc.ents`` (token-aligned, overlaps dropped)."""
    spans = [token_span(doc, r["start"], r["end"], r["label"]) for r in records(doc, "entities")]
    doc.ents = filter_spans([s for s in spans if s is not None])


@Language.factory("extract_entities", default_config={"lang": "zh"})
def make_entities(nlp: Language, name: str, lang: str) -> EntityComponent:
    """spaCy factory for the rule-based NER stage."""
    return EntityComponent(lang)


class EntityComponent:
    """Finds entities, stores exact records in ``doc.spans["entities"]`` and sets ``doc.ents``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        rules(lang)

    def __call__(self, doc: Doc) -> Doc:
        """Add the entities of ``doc`` to its ``entities`` layer and ``doc.ents``."""
        found = find_entities(doc, self.lang)
        # A campaign name ("Clean Network 2024", “昆仑2023”) is an operation, not an organisation or a
        # person; the capitalised-phrase and name rules cannot tell, the campaign stage already has.
        campaigns = [(r["start"], r["end"]) for r in records(doc, "campaigns")]
        if campaigns:
            found = [
                e for e in found
                if e.label not in ("ORG", "PERSON") or not any(s <= e.start and e.end <= t for s, t in campaigns)
            ]
        add_to_layer(doc, "entities", found, label_field="label")
        set_ents(doc)
        return doc
