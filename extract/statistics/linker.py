"""The link stage's reader: one document's quantities linked into statistic rows (SPEC section 8)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from operator import itemgetter, methodcaller
from typing import Any, NamedTuple

import regex

from ..places import NATION, Place, common_ancestor, divisions, english_words
from ..regexes import lacks, line_local
from .cues import FirstOf, _key, cues
from .periods import (
    _date,
    _first_day,
    _group_year,
    _last_day,
    _ParagraphTimes,
    _second,
    _TimeHit,
)
from .sentences import (
    _CHARACTER_BREAKS,
    _CLAUSE_END,
    Layout,
    WordPattern,
    _holding,
    _positions,
)

_YEAR = regex.compile(r"(?:19|20)\d\d")
_LOOKBACK = 3  # paragraphs searched back for the place of a story on a page with no place of its own
# A figure's words (verb, noun, place, time, 共/累计) lie near it: reading at most this many characters
# of its sentence on each side, and of its paragraph before the sentence, keeps the stage linear on
# a megabyte line with no punctuation; real sentences and paragraphs are far shorter.
_SENTENCE_REACH = 600
_PARAGRAPH_REACH = 3000
# Time words that date one event (a month, a day): the period only when nearest the figure, never half
# of one (截至8月底 with the press conference's 9月12日 is no period from September to August).
_POINTS = ("month", "day")
# Two campaign names at most this far apart, a conjunction between them, are named as one pair.
_PAIR_GAP = 12
NOT_STATISTIC_KINDS = frozenset({"percent", "duration", "age"})


_first = itemgetter(0)
_SPAN = methodcaller("span")
# The place marks of a paragraph: every start of something that can name a place, the scope words and
# national bodies (word "") as ``(start, end, word)``, and the agency words' starts; each sorted.
_Marks = tuple[list[int], list[tuple[int, int, str]], list[int]]
class _PlaceEvents(NamedTuple):
    """The places one paragraph names, as events sorted by start, each read once.

    An event ``(start, end, words, places)`` is a scope word or national body (``words``: read only by
    the spans that read them), a place or agency name the NER found, or the name ending at an agency
    word (萧山警方): its words lie in ``[start, end)`` (an agency word's name ends where the word
    starts: only the start counts, as in ``_read_places``).  ``places`` are what it names inside the
    article's place; events naming nothing there are left out, so a span names a place exactly when
    an event lies inside it.  ``starts`` are the events' starts, for bisecting.
    """

    starts: list[int]
    events: list[tuple[int, int, bool, list[Place]]]


_NO_EVENTS = _PlaceEvents([], [])


class Rows(list[dict[str, Any]]):
    """A layer's rows (sorted by start, as every layer is) with their starts, for span look-ups."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        super().__init__(rows)
        self.starts = [r["start"] for r in self]


def _inside(rows: Rows, span: tuple[int, int] | None) -> list[dict[str, Any]]:
    """The rows lying wholly inside ``span``."""
    if span is None or not rows:
        return []
    i = bisect.bisect_left(rows.starts, span[0])
    j = bisect.bisect_left(rows.starts, span[1], i)
    if i == j:
        return []
    return [r for r in rows[i:j] if r["end"] <= span[1]]


class Linker:
    """Links the quantities of one document (rows of the other layers in hand) into statistics."""

    def __init__(
        self,
        text: str,
        lang: str,
        *,
        title: str | None,
        published: str | None,
        quantities: list[dict[str, Any]],
        campaigns: list[dict[str, Any]],
        case_types: list[dict[str, Any]],
        entities: list[dict[str, Any]],
    ) -> None:
        self.text = text
        self.lang = lang
        self.cues = cues(lang)
        self.layout = Layout.read(text, lang, title)
        self.title = title
        self.published = published
        self.ref = _date(published)
        self.quantities = quantities
        self.campaigns = Rows(campaigns)
        self.case_types = Rows(case_types)
        self.places = Rows([e for e in entities if e["label"] in ("LOC", "ORG")])
        self._narrowest_cache: dict[tuple[Place, ...], Place] = {}
        self._name_cache: dict[tuple[str, Place | None], list[Place]] = {}
        self._specific_cache: dict[str, str] = {}
        self._words_found: list[tuple[int, int, str]] | None = None
        self._agencies: list[int] | None = None
        self._para_times: dict[int, list[_TimeHit]] = {}
        self._period_matches: dict[int, tuple[list[int], list[regex.Match[str]]]] = {}
        self._times_index: dict[int, _ParagraphTimes | None] = {}
        self._quotes: tuple[list[int], list[int]] | None = None
        self._clauses: dict[int, tuple[list[int], list[int]]] = {}
        self._sentence_clauses: dict[int, tuple[list[int], list[int]]] = {}
        self._para_first: dict[tuple[int, int], int | None] = {}
        self._case_sentence: dict[tuple[int, int], bool] = {}
        self._case_title: dict[int, bool] = {}
        self._marks: list[int] | None = None
        self._scopes_found: list[tuple[int, int, str]] | None = None
        self._para_marks: dict[int, tuple[list[tuple[int, int, str]], list[int]]] = {}
        # the place events of each paragraph a figure stands in, by the paragraph's start; built only
        # once article_place is set (by place(), after __init__): their places are read within it
        self._events: dict[int, _PlaceEvents] = {}
        self._inside_article: dict[Place, bool] = {}
        self._agency_places: dict[str, Place | None] = {}  # a name before agency words: its place in the article's
        self._named_inside: dict[str, list[Place]] = {}  # a name's places inside the article's place
        self._para_case: dict[int, tuple[bool, int | None]] = {}
        self._earlier_campaign: dict[int, str | None] = {}
        self._marks_local = line_local(self.cues.national_re.pattern) and line_local(self.cues.agency_re.pattern)
        self._campaign_types: dict[str, str | None] = {}
        self._quantity_starts: list[int] | None = None
        self._implying: dict[tuple[int, int], bool] = {}
        self._sentence_types: dict[tuple[int, int], list[dict[str, Any]]] = {}
        self._excluding: dict[tuple[int, int], bool] = {}
        self._reversed: str | None = None
        self._sentence_starts: dict[tuple[int, int], list[tuple[str, regex.Match[str]]]] = {}
        self._year_hints: dict[str | None, int | None] = {}
        # (kind, pattern, groups, campaign) of a time expression → its start and end (see _resolved_time)
        self._resolved: dict[tuple[str, Any, tuple[Any, ...], str | None], tuple[str | None, str | None]] = {}
        self._reference_days: dict[str | None, str | None] = {}
        self.article_place: Place | None = None
        self.article_place = self._article_place()
        self.article_campaign = self._article_campaign()
        self._campaign_spans: dict[str, tuple[str | None, str | None]] = {}
        self._campaign_periods: dict[str, tuple[str | None, str | None]] = {}
        self.dateline = self._dateline()

    # ---- the article's head ------------------------------------------------------------------
    def _article_campaign(self) -> str | None:
        if self.layout.title is None and self.title:
            # a headline given apart from the text: the campaigns of the text that it names
            named = [r for r in self.campaigns if r["text"] in self.title]
            if named:
                return self._specific(named[0]["canonical"])
        for span in (self.layout.title, self.layout.opening):
            found = _inside(self.campaigns, span)
            if found:
                return self._specific(found[0]["canonical"])
        return None

    def _article_place(self) -> Place | None:
        if self.title:
            found = self._title_places(self.title)
            if found:
                return max(found, key=lambda p: p.level)
        for span in (self.layout.title, self.layout.opening):
            if span is None or span == self.layout.title:
                continue
            if span == self.layout.opening and self._is_case_story(span[0], span[1]):
                continue
            found = self._read_places(span[0], span[1], within=None, words=True)
            if found:
                return found[0] if span == self.layout.opening else max(found, key=lambda p: p.level)
        return None

    def _dateline(self) -> dict[str, str | None] | None:
        """A dateline's month and day (``本报杭州8月26日电``, ``BEIJING, July 25 (Xinhua)``) when there is no publication date."""
        if self.ref is not None:
            return None
        head_end = self.layout.paragraphs[min(3, len(self.layout.paragraphs)) - 1][1] if self.layout.paragraphs else 0
        m = self.cues.dateline_re.search(self.text, 0, head_end)
        return m.groupdict() if m else None

    def _title_places(self, title: str) -> list[Place]:
        """The areas a headline names (长治公安…, 公安部…, Guangdong police…)."""
        if self.cues.national_re.search(title):
            return [NATION]
        table = divisions()
        if self.lang == "zh":
            return table.find(title)
        return table.find_pinyin(english_words(title))

    # ---- one quantity ------------------------------------------------------------------------
    def link(self) -> list[dict[str, Any]]:
        """The statistic rows of the document, in text order."""
        return self.link_indexed()[0]

    def link_indexed(self) -> tuple[list[dict[str, Any]], list[int]]:
        """The statistic rows, in text order, and the index in ``quantities`` of each row's quantity."""
        out: list[dict[str, Any]] = []
        at: list[int] = []
        for n, q in enumerate(self.quantities):
            row = self.statistic(q)
            if row is not None:
                out.append(row)
                at.append(n)
        return out, at

    def statistic(self, q: dict[str, Any]) -> dict[str, Any] | None:
        """The statistic row for quantity ``q``, or None when it reports no enforcement result."""
        if q["kind"] in NOT_STATISTIC_KINDS:
            return None
        # where the figure stands, looked up once for every field below
        pos = q["start"]
        i = self.layout.paragraph_index(pos)
        para = (pos, pos) if i is None else self.layout.paragraphs[i]
        if self._quoted(pos, para):
            return None
        # the sentence holding the figure, in its paragraph (Layout.sentence without a second look-up)
        s, e = (pos, pos) if i is None else _holding(*self.layout.sentences_in(i), pos)
        lo, hi = pos - _SENTENCE_REACH, q["end"] + _SENTENCE_REACH  # conditionals: no max/min calls per figure
        sent = (s if s > lo else lo, e if e < hi else hi)
        metric = self.metric(q, sent)
        if metric is None:
            return None
        scope = self.scope(q, sent, para)
        campaign = self.campaign(q, sent, para)
        place = self.place(q, sent, para, scope)
        # One case's figures get no period: the gold of the held-out sets disagrees on dating a bust by
        # the day of its sentence (2024年5月，…抓获…), and SPEC section 8 is silent.
        period: tuple[str | None, str | None] = (None, None) if scope == "case" else self.period(q, sent, para, campaign)
        return {
            "text": q["text"], "start": q["start"], "end": q["end"],
            "value": q["value"], "value_max": q.get("value_max"), "approx": q.get("approx", "exact"),
            "metric": metric, "scope": scope, "campaign": campaign,
            "place": place.name if place else None, "place_code": place.code if place else None,
            "period_start": period[0], "period_end": period[1],
            "case_type": self.case_type(q, sent, para, scope, campaign),
        }

    def _quoted(self, pos: int, para: tuple[int, int]) -> bool:
        """True inside a quotation of paragraph ``para`` (a rumour, slogan or name quoted is no result)."""
        opens, closes = self._quotes or self._quote_marks()
        i = bisect.bisect_left(opens, pos) - 1
        if i < 0 or opens[i] < para[0]:
            return False
        opened = opens[i]
        j = bisect.bisect_left(closes, pos)
        # a figure inside any quotation is no result: a slogan or rumour quoted whole, or a name
        # (“五项机制”, “百日行动”)
        return not (j > 0 and closes[j - 1] > opened)

    def _quote_marks(self) -> tuple[list[int], list[int]]:
        """Where opening and closing quotes stand, found once per document."""
        if self._quotes is None:
            self._quotes = (_positions(self.text, "“"), _positions(self.text, "”"))
        return self._quotes

    def _clause_marks(self, sent: tuple[int, int]) -> tuple[list[int], list[int]]:
        """Starts and ends of the clause breaks that can bound a clause of ``sent``, found once.

        A line-local break pattern is run over the sentence's paragraph only (once per paragraph): the
        breaks it finds there are those of the whole text, and no other break lies inside the sentence.
        """
        found = self._sentence_clauses.get(sent[0])  # asked for several times per figure
        if found is not None:
            return found
        ps, pe = self.layout.paragraph(sent[0]) if self.cues.local_clauses else (0, len(self.text))
        if pe <= ps:
            return [], []  # a position outside every paragraph: no sentence, no clause break
        found = self._clauses.get(ps)
        if found is None:
            hits = list(map(_SPAN, _CLAUSE_END[self.lang].finditer(self.text, ps, pe)))
            found = self._clauses[ps] = (list(map(_first, hits)), list(map(_second, hits)))
        self._sentence_clauses[sent[0]] = found
        return found

    def _first_in_paragraph(self, pattern: WordPattern | FirstOf, para: tuple[int, int]) -> int | None:
        """End of the first match of ``pattern`` in the paragraph (one search per paragraph and pattern)."""
        key = (id(pattern), para[0])
        if key not in self._para_first:
            m = pattern.search(self.text, para[0], para[1])
            self._para_first[key] = m.end() if m else None
        return self._para_first[key]

    def _clause_start(self, sent: tuple[int, int], pos: int) -> int:
        """Where the clause holding ``pos`` starts: after the last clause break before it in ``sent``."""
        if self.lang in _CHARACTER_BREAKS:
            if self._reversed is None:
                self._reversed = self.text[::-1]
            n = len(self.text)
            # text[sent[0]:pos] read backwards: its first break is the last one before pos
            m = _CLAUSE_END[self.lang].search(self._reversed, n - pos, n - sent[0])
            return sent[0] if m is None else n - m.start()
        starts, ends = self._sentence_clauses.get(sent[0]) or self._clause_marks(sent)
        i = bisect.bisect_right(ends, pos) - 1
        return ends[i] if i >= 0 and starts[i] >= sent[0] else sent[0]

    def _clause_end(self, sent: tuple[int, int], pos: int) -> int:
        """Where the clause holding ``pos`` ends: at the first clause break from it in ``sent``."""
        if self.lang in _CHARACTER_BREAKS:
            m = _CLAUSE_END[self.lang].search(self.text, pos, sent[1])
            return sent[1] if m is None else m.start()
        starts, ends = self._sentence_clauses.get(sent[0]) or self._clause_marks(sent)
        i = bisect.bisect_left(starts, pos)
        return starts[i] if i < len(starts) and ends[i] <= sent[1] else sent[1]

    def metric(self, q: dict[str, Any], sent: tuple[int, int]) -> str | None:
        """What ``q`` measures, or None when nothing marks it as an enforcement result."""
        c = self.cues
        start, end = q["start"], q["end"]
        if self._may_exclude(sent):
            reach = 30 if self.lang == "zh" else 80
            lo = max(sent[0], start - reach)
            # Chinese words are plain (``re``): bounds in place of the slice find the same
            if c.exclude_re.search(self.text, lo, start) if self.lang == "zh" else c.exclude_re.search(self.text[lo:start]):
                return None
        clause = self._clause_start(sent, start)
        # the verb nearest before the figure in its clause, else the first after it: (start, end, word);
        # the counted thing is what stands between verb and figure, with the figure's object and unit
        verb = self._last_verb(clause, start)
        if verb is not None:
            zone = (verb[1], start)
        else:
            verb = self._first_verb(end, self._clause_end(sent, end))
            zone = (end, end if verb is None else verb[0])
        kind = q["kind"]
        if verb is not None:
            for rule in c.rules_for(verb[2]):
                if rule.kinds and kind not in rule.kinds:
                    continue
                if rule.noun_re is None or self._names(rule.noun_re, zone[0], zone[1], q) is not None:
                    return rule.name
            noun = self._names(c.noun_re, clause, start, q)
            if noun is not None and (metric := self._noun_metric(noun, kind)):
                return metric
            # a result verb that fits no row (发现漏洞, 返还证件) is `other`; any other verb is no result
            return "other" if c.is_other(verb[2]) else None
        noun = self._names(c.noun_re, clause, start, q)
        return None if noun is None else self._noun_metric(noun, kind)

    def _may_exclude(self, sent: tuple[int, int]) -> bool:
        """False when no exclusion word (每日, 目标, 以上的) stands in ``sent``, so in no window of it: one
        search per sentence spares its figures theirs."""
        return self._may_hold(self.cues.exclude_re, sent, self._excluding)

    def _may_hold(self, pattern: WordPattern, span: tuple[int, int], seen: dict[tuple[int, int], bool]) -> bool:
        """False when no word of ``pattern`` stands in ``span``, and so in no span inside it (judged once
        per span, remembered in ``seen``).

        Plain words only (``re``): a match in a span is one the scan of ``span`` finds, or lies inside
        one it finds.  English cues are patterns with ``\\b``, which read a span's bounds as text
        bounds: for them this is always True, and every span is scanned.
        """
        if not self.cues.plain_words:
            return True
        found = seen.get(span)
        if found is None:
            found = seen[span] = pattern.search(self.text, span[0], span[1]) is not None
        return found

    def _names(self, pattern: WordPattern, start: int, end: int, q: dict[str, Any]) -> str | None:
        """The first match of ``pattern`` in the counted thing: ``text[start:end]``, a space, and the
        object and unit of ``q``; or None.

        Where no word of the pattern holds a space, no match runs from the text into the object: the
        text is searched in place, then the object, with no joined string built.
        """
        if self.cues.spaceless_nouns:
            m = pattern.search(self.text, start, end)
            if m is None:
                m = pattern.search((q.get("object") or "") + " " + (q.get("unit") or ""))
        else:
            m = pattern.search(self.text[start:end] + " " + (q.get("object") or "") + " " + (q.get("unit") or ""))
        return None if m is None else m[0]

    def _first_verb(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The first verb in ``text[start:end]`` as absolute ``(start, end, word)``, or None."""
        if self.lang == "zh":
            m = self.cues.verb_re.search(self.text, start, end)
            return None if m is None else (*m.span(), m[0])
        m = self.cues.verb_re.search(self.text[start:end])  # \b reads past the bounds: the slice
        return None if m is None else (start + m.start(), start + m.end(), m[0])

    def _last_verb(self, clause: int, pos: int) -> tuple[int, int, str] | None:
        """The last verb match of the scan of ``text[clause:pos]``, as absolute ``(start, end, word)``.

        Chinese verbs are a plain alternation of words (``re``, no look-arounds or anchors): a scan
        bounded by ``pos``/``endpos`` finds what the scan of the slice finds, without the slice.  A scan
        shared by the figures of a clause costs more than it saves: 2,812 figures of the sample lie in
        2,554 clauses.  English verbs are patterns with ``\\b``, which reads past ``pos``: the slice is scanned.
        """
        found = None
        if self.lang == "zh":
            for found in self.cues.verb_re.finditer(self.text, clause, pos):  # noqa: B007 (the last one)
                pass
            return None if found is None else (*found.span(), found[0])
        for found in self.cues.verb_re.finditer(self.text[clause:pos]):  # noqa: B007
            pass
        return None if found is None else (clause + found.start(), clause + found.end(), found[0])

    def _noun_metric(self, noun: str, kind: str) -> str | None:
        return self.cues.noun_rule(noun, kind)

    def _is_case_story(self, start: int, end: int) -> bool:
        return bool(self.cues.case_re.search(self.text, start, end))

    def scope(self, q: dict[str, Any], sent: tuple[int, int], para: tuple[int, int]) -> str:
        """``total`` for a tally over many cases, ``case`` for a figure in the story of one case."""
        c = self.cues
        titled = self._case_title.get(para[0])
        if titled is None:
            titled = self._case_title[para[0]] = bool(c.case_title_re.match(self.text, para[0], para[1]))
        if titled:
            return "case"  # a paragraph headed by a case's name (◆屯留区梁某杰等人侵犯公民个人信息案。) tells that case
        if self.lang == "zh":
            # plain words (re): the search bounded to the head finds what the search of its slice finds
            if c.definite_re.search(self.text, sent[0], q["start"]):
                return "case"
            if c.total_re.search(self.text, sent[0], q["start"]):
                return "total"
        else:
            head = self.text[sent[0] : q["start"]]
            if c.definite_re.search(head):
                return "case"
            if c.total_re.search(head):
                return "total"
        told = self._case_sentence.get(sent)
        if told is None:
            # the sentence tells a case, or a case cue earlier in its paragraph started one (once per sentence)
            first = self._first_in_paragraph(c.case_re, para)
            told = self._case_sentence[sent] = (first is not None and first <= sent[0]) or self._is_case_story(sent[0], sent[1])
        return "case" if told else "total"

    # ---- what the figure belongs to ----------------------------------------------------------
    def _specific(self, canonical: str) -> str:
        """The canonical with its year when the article names the campaign with exactly one year."""
        if canonical not in self._specific_cache:
            names = {r["canonical"] for r in self.campaigns if r["name"] == canonical}
            self._specific_cache[canonical] = names.pop() if len(names) == 1 else canonical
        return self._specific_cache[canonical]

    def campaign(self, q: dict[str, Any], sent: tuple[int, int], para: tuple[int, int]) -> str | None:
        """The campaign the sentence, its paragraph or else the article reports ``q`` under."""
        reach = max(para[0], sent[0] - _PARAGRAPH_REACH)
        starts = self.campaigns.starts
        k = bisect.bisect_left(starts, reach)
        # no campaign starts in reach of the figure (most figures): neither span below names one
        spans = (sent, (reach, sent[0])) if k < len(starts) and starts[k] < sent[1] else ()
        for span in spans:
            found = _inside(self.campaigns, span)
            if found:
                before = [r for r in found if r["end"] <= q["start"]]
                pick = before[-1] if before else found[0]
                if self._joined_to_article_campaign(pick, found):
                    # “云剑-2022”行动和…专项行动, “昆仑2023”专项行动暨夏季行动: of two campaigns named as one
                    # pair, the one the article reports (a campaign run inside another keeps its own name)
                    return self.article_campaign
                return self._specific(pick["canonical"])
        first = self._first_in_paragraph(self.cues.back_ref_re, para)
        if first is not None and first <= q["start"]:
            # 此项工作 / the campaign: the one named last before this paragraph
            i = bisect.bisect_left(starts, para[0])
            earlier = [r for r in self.campaigns[:i] if r["end"] <= para[0]]
            if earlier:
                return self._specific(earlier[-1]["canonical"])
        return self.article_campaign

    def _joined_to_article_campaign(self, pick: dict[str, Any], found: list[dict[str, Any]]) -> bool:
        """True when ``pick`` and the article's campaign are named together, joined by a conjunction."""
        if self.article_campaign is None or self._specific(pick["canonical"]) == self.article_campaign:
            return False
        for r in found:
            if self._specific(r["canonical"]) != self.article_campaign:
                continue
            lo, hi = (r["end"], pick["start"]) if r["end"] <= pick["start"] else (pick["end"], r["start"])
            if 0 <= hi - lo <= _PAIR_GAP and self.cues.pair_re.search(self.text, lo, hi):
                return True
        return False

    def place(self, q: dict[str, Any], sent: tuple[int, int], para: tuple[int, int], scope: str) -> Place | None:
        """The area ``q`` covers: the sentence's place, its paragraph's, else the article's.

        Every span read lies in the figure's paragraph: its place events answer each span with two
        bisects (a span's answer is the narrowest of its places, whatever their order).
        """
        events = self._events.get(para[0]) or self._place_events(para)
        if events.starts:  # a paragraph naming no place (most figures of a long story) skips the spans
            spans = [(sent[0], q["start"], True), (q["end"], sent[1], False), (max(para[0], sent[0] - _PARAGRAPH_REACH), sent[0], True)]
            if scope == "case":
                spans.append((sent[1], min(para[1], sent[1] + _PARAGRAPH_REACH), False))  # the story goes on after the figure
            for start, end, words in spans:
                found = self._span_places(events, start, end, words) if start < end else None
                if found:
                    return found[0] if len(found) == 1 else self._narrowest(found)
        if self.article_place is not None:
            return self.article_place
        # a page of several stories: the nearest earlier paragraph of the same story names the place
        i = bisect.bisect_left(self.layout.paragraphs, para)
        if i >= len(self.layout.paragraphs) or self.layout.paragraphs[i] != para:
            i = 0
        for ps, pe in reversed(self.layout.paragraphs[max(0, i - _LOOKBACK) : i]):
            found = self._span_places(self._place_events((ps, pe)), ps, pe, True)
            if found:
                return self._narrowest(found)
        return NATION if scope == "total" else None

    def _place_events(self, para: tuple[int, int]) -> _PlaceEvents:
        """The place events of paragraph ``para``, read once (none for a span outside every paragraph)."""
        events = self._events.get(para[0])
        if events is None:
            events = self._events[para[0]] = self._read_events(para[0])
        return events

    def _read_events(self, pos: int) -> _PlaceEvents:
        """The place events of the paragraph holding ``pos``, their places read within the article's place."""
        i = self.layout.paragraph_index(pos)
        if i is None:
            return _NO_EVENTS
        ps, pe = self.layout.paragraphs[i]
        words, agencies = self._marks_of(i)
        within = self.article_place
        events: list[tuple[int, int, bool, list[Place]]] = []
        for start, end, word in words:
            place = NATION if word == "" else self._scope_word(word)
            if place is not None and self._in_article(place):
                events.append((start, end, True, [place]))
        starts = self.places.starts
        for row in self.places[bisect.bisect_left(starts, ps) : bisect.bisect_left(starts, pe)]:
            found = self._named_inside.get(row["text"])
            if found is None:
                found = self._named_inside[row["text"]] = [p for p in self._named(row["text"], within) if self._in_article(p)]
            if found:
                events.append((row["start"], row["end"], False, found))
        table = divisions()
        for at in agencies:
            name = table.name_before(self.text, at)  # 萧山警方, 雁塔公安
            if name is None:
                continue
            # the same names stand before agency word after agency word: each read once
            if name in self._agency_places:
                place = self._agency_places[name]
            else:
                place = self._agency_places[name] = table.pick_named(name, within)
            if place is not None and self._in_article(place):
                events.append((at, at, False, [place]))
        if not events:
            return _NO_EVENTS
        events.sort(key=_first)
        return _PlaceEvents(list(map(_first, events)), events)

    def _in_article(self, place: Place) -> bool:
        """True when ``place`` is nationwide or lies inside the article's place (judged once per place)."""
        inside = self._inside_article.get(place)
        if inside is None:
            art = self.article_place
            inside = self._inside_article[place] = place.code is None or art is None or place.within(art)
        return inside

    def _span_places(self, events: _PlaceEvents, start: int, end: int, words: bool) -> list[Place]:
        """The places of the events lying wholly inside ``[start, end)``: the places ``_read_places``
        reads there within the article's place, in another order (their narrowest is the same)."""
        starts, items = events
        k = bisect.bisect_left(starts, start)
        found: list[Place] = []
        for _, stop, word, places in items[k : bisect.bisect_left(starts, end, k)]:
            if stop <= end and (words or not word):
                found += places
        return found

    def _narrowest(self, found: list[Place]) -> Place:
        """One place for a list: the deepest of one chain, else what holds them all (once per list: the
        same places come back for figure after figure)."""
        key = tuple(found)
        if key not in self._narrowest_cache:
            self._narrowest_cache[key] = self._narrow(found)
        return self._narrowest_cache[key]

    @staticmethod
    def _narrow(found: list[Place]) -> Place:
        found = list(dict.fromkeys(found))
        if len(found) == 1:
            return found[0]
        deepest = max(found, key=lambda p: p.level)
        if all(deepest.within(p) for p in found):
            return deepest
        return common_ancestor(found)

    def _read_places(self, start: int, end: int, *, within: Place | None, words: bool) -> list[Place]:
        """Places named between ``start`` and ``end`` in the order of their kinds (scope words, names,
        agency words), kept inside ``within`` when it is given: the article's place from its opening
        (``found[0]`` depends on that order), and the plain reading the place events are tested against.

        ``words``: also read scope words (全省) and national agencies (公安部), which set the scope
        only as the subject, before the figure (``39起…被公安部挂牌督办`` is no national figure).
        """
        if not self._has_mark(start, end):
            return []  # most spans name no place at all: one look-up settles them
        local = self._paragraph_marks(start, end)
        out: list[Place] = []
        if words:
            hits = local[1] if local else self._word_hits()
            # walk the hits from the span's start (no copy of the rest of the list)
            for k in range(bisect.bisect_left(hits, (start, -1, "")), len(hits)):
                pos, end_pos, word = hits[k]
                if pos >= end:
                    break
                if end_pos > end:
                    continue
                place = NATION if word == "" else self._scope_word(word)
                if place is not None:
                    out.append(place)
        for row in _inside(self.places, (start, end)):
            out.extend(self._named(row["text"], within or self.article_place))
        if local:
            agencies = local[2]
            found = agencies[bisect.bisect_left(agencies, start) : bisect.bisect_left(agencies, end)]
        else:
            found = self._agency_hits(start, end)
        for pos in found:
            # 萧山警方, 雁塔公安: a name before an agency word, even one the NER left alone
            place = divisions().named_before(self.text, pos, within=within or self.article_place)
            if place is not None and place not in out:
                out.append(place)
        if within is not None and within.code is not None:
            out = [p for p in out if p.code is None or p.within(within)] or []
        return [p for p in out if p is not None]

    def _has_mark(self, start: int, end: int) -> bool:
        """True when anything that can name a place starts in ``[start, end)``."""
        if start >= end:
            return False
        local = self._paragraph_marks(start, end)
        marks = local[0] if local else self._place_marks()
        i = bisect.bisect_left(marks, start)
        return i < len(marks) and marks[i] < end

    def _paragraph_marks(self, start: int, end: int) -> _Marks | None:
        """The place marks of the paragraph holding ``[start, end)`` (None when no one paragraph does).

        Every span the readers ask about lies in one paragraph.  Agency words and national bodies are
        line-local patterns (see line_local): scanned over the paragraph they give the whole text's
        matches there, so only the paragraphs of figures are read.  Scope words are taken from the
        whole text's scan (their pattern may look across a line break).
        """
        i = self.layout.paragraph_index(start)
        if i is None or not self._marks_local:
            return None
        ps, pe = self.layout.paragraphs[i]
        if end > pe:
            return None
        words, agencies = self._marks_of(i)
        starts = self.places.starts
        places = starts[bisect.bisect_left(starts, ps) : bisect.bisect_left(starts, pe)]
        return sorted([h[0] for h in words] + places + agencies), words, agencies

    def _marks_of(self, i: int) -> tuple[list[tuple[int, int, str]], list[int]]:
        """The scope words and national bodies (word "") as ``(start, end, word)`` and the agency words'
        starts, in paragraph ``i``, found once: scanned over the paragraph when the patterns are
        line-local, else cut from the whole text's scans."""
        found = self._para_marks.get(i)
        if found is None:
            ps, pe = self.layout.paragraphs[i]
            if self._marks_local:
                text = self.text
                c = self.cues
                stop = min(len(text), pe + 1)  # the line's break stays visible to look-aheads
                words = self._paragraph_scope_words(ps, pe)
                national = [
                    (m.start(), m.end(), "")
                    for m in c.national_re.finditer(text, ps, stop)
                    if m.start() < pe and not c.agent_re.search(text, max(0, m.start() - 2), m.start())
                ]
                if national:
                    words = sorted(words + national)
                agencies = [m.start() for m in c.agency_re.finditer(text, ps, stop) if m.start() < pe] if self.lang == "zh" else []
            else:
                hits = self._word_hits()
                words = hits[bisect.bisect_left(hits, (ps, -1, "")) : bisect.bisect_left(hits, (pe, -1, ""))]
                agencies = self._agency_hits(ps, pe)
            found = self._para_marks[i] = (words, agencies)
        return found

    def _paragraph_scope_words(self, ps: int, pe: int) -> list[tuple[int, int, str]]:
        """The scope words (全省) the whole text's scan finds in the paragraph ``[ps, pe)``, by position.

        No scope word holds a line break, so no match of the whole scan runs into the paragraph from
        before it: a scan from its start, seeing as far past its end as the look-ahead reads, finds the
        same ones (and a paragraph lacking every scope word holds none).
        """
        c = self.cues
        if c.scope_reach is None:
            scope = self._scope_hits()
            return scope[bisect.bisect_left(scope, (ps, -1, "")) : bisect.bisect_left(scope, (pe, -1, ""))]
        text = self.text
        if c.scope_needs and lacks(text[ps:pe], c.scope_needs):
            return []
        return [(m.start(), m.end(), m["w"]) for m in c.scope_word_re.finditer(text, ps, min(len(text), pe + c.scope_reach)) if m.start() < pe]

    def _scope_hits(self) -> list[tuple[int, int, str]]:
        """Scope words (全省) of the whole text, found once, by position."""
        if self._scopes_found is None:
            self._scopes_found = sorted((m.start(), m.end(), m["w"]) for m in self.cues.scope_word_re.finditer(self.text))
        return self._scopes_found

    def _place_marks(self) -> list[int]:
        """Where anything that can name a place starts (scope word, place or agency name, agency word)."""
        if self._marks is None:
            self._agency_hits(0, 0)
            self._marks = sorted([h[0] for h in self._word_hits()] + self.places.starts + (self._agencies or []))
        return self._marks

    def _agency_hits(self, start: int, end: int) -> list[int]:
        """Where agency words (警方, 公安, 分局) start between ``start`` and ``end``, found once per document."""
        if self._agencies is None:
            self._agencies = [m.start() for m in self.cues.agency_re.finditer(self.text)] if self.lang == "zh" else []
        i = bisect.bisect_left(self._agencies, start)
        j = bisect.bisect_left(self._agencies, end, i)
        return self._agencies[i:j]

    def _word_hits(self) -> list[tuple[int, int, str]]:
        """Scope words (全省) and national agencies (word "") of the whole text, found once, by position."""
        if self._words_found is None:
            text = self.text
            hits = list(self._scope_hits())
            hits += [
                (m.start(), m.end(), "")
                for m in self.cues.national_re.finditer(text)
                if not self.cues.agent_re.search(text, max(0, m.start() - 2), m.start())
            ]
            self._words_found = sorted(hits)
        return self._words_found

    def _named(self, name: str, within: Place | None) -> list[Place]:
        """The divisions a place or agency name holds (cached: names repeat through an article)."""
        key = (name, within)
        if key not in self._name_cache:
            table = divisions()
            if self.lang == "zh":
                self._name_cache[key] = table.find(name, within=within)
            else:
                self._name_cache[key] = table.find_pinyin(english_words(name), within=within)
        return self._name_cache[key]

    def _scope_word(self, word: str) -> Place | None:
        pl = self.cues.place
        if word in pl.get("nationwide", []):
            return NATION
        art = self.article_place
        if art is None:
            return None
        if word in pl.get("province", []):
            return art.ancestor(1)
        if word in pl.get("city", []):
            return art.ancestor(2) if art.level >= 2 else art
        return None

    def case_type(
        self, q: dict[str, Any], sent: tuple[int, int], para: tuple[int, int], scope: str, campaign: str | None
    ) -> str | None:
        """The crime type counted: named before ``q`` in its sentence, inside or right after it, in its
        case story, implied by a cue word before it in its sentence or in its case story, or by its
        campaign."""
        c = self.cues
        # the types named in the sentence, looked up once for its figures
        named = self._sentence_types.get(sent)
        if named is None:
            named = self._sentence_types[sent] = _inside(self.case_types, sent)
        before = [r for r in named if r["end"] <= q["start"]] if named else named
        if before:
            if not self._listed_for_others(before, q):
                return before[-1]["canonical"]
            return self._campaign_case_type(campaign) if campaign else None
        # A type inside the figure or after it in its clause lies in its sentence, unless the figure
        # runs past the sentence's end: with none named in the sentence, there is none to look up.
        if named or q["end"] > sent[1]:
            within = _inside(self.case_types, (q["start"], q["end"]))
            if within:
                return within[0]["canonical"]  # 2,135 telecommunication network fraud cases
            after = _inside(self.case_types, (q["end"], self._clause_end(sent, q["end"])))
            if after and (c.after_link_re is None or c.after_link_re.fullmatch(self.text, q["end"], after[0]["start"])):
                return after[0]["canonical"]  # 35 criminals suspected of cyber violence
        if scope == "case":
            found = named or _inside(self.case_types, para)
            if found:
                return found[0]["canonical"]
        if self._may_imply(para):
            implied = self._implied(sent[0], q["start"])
            if implied:
                return implied[-1]  # 反诈民警迅速开展止付，成功冻结涉案资金1.5万元
            if scope == "case":
                implied = self._implied(para[0], q["start"]) or self._implied(q["end"], para[1])
                if implied:
                    return implied[0]  # 典型案例：…骗取老人钱财…抓获犯罪嫌疑人19名 (养老诈骗)
        if campaign:
            return self._campaign_case_type(campaign)
        return None

    def _may_imply(self, para: tuple[int, int]) -> bool:
        """False when no cue word implying a crime type stands in paragraph ``para``, and so in no span
        of it: one search per paragraph spares most figures their scans."""
        return self._may_hold(self.cues.implied_re, para, self._implying)

    def _implied(self, start: int, end: int) -> list[str]:
        """The crime types that cue words in ``[start, end)`` imply, in text order."""
        c = self.cues
        return [
            c.implied[_key(m[0], self.lang)]
            for m in c.implied_re.finditer(self.text, start, end)
            if not c.not_implied_re.match(self.text, m.start())
        ]

    def _listed_for_others(self, before: list[dict[str, Any]], q: dict[str, Any]) -> bool:
        """True when the crime types before ``q`` are a list of different types each with its own figure
        (侦办帮信案件4160起、开设赌场案件512起，依法关停账号十余万个): the figure after it counts none."""
        if len(before) < 2 or before[-2]["canonical"] == before[-1]["canonical"]:
            return False
        if "、" not in self.text[before[-2]["end"] : before[-1]["start"]]:
            return False
        if self._quantity_starts is None:
            self._quantity_starts = sorted(other["start"] for other in self.quantities)
        # a quantity starting between the last type and the figure
        i = bisect.bisect_left(self._quantity_starts, before[-1]["end"])
        return i < len(self._quantity_starts) and self._quantity_starts[i] < q["start"]

    def _campaign_case_type(self, campaign: str) -> str | None:
        """The crime type a campaign's own name holds (打击电信网络诈骗专项行动), looked up once per campaign."""
        if campaign not in self._campaign_types:
            self._campaign_types[campaign] = None
            for m in self.campaigns:
                if self._specific(m["canonical"]) != campaign:
                    continue
                inner = _inside(self.case_types, (m["start"], m["end"]))
                if inner:
                    self._campaign_types[campaign] = inner[0]["canonical"]
                    break
        return self._campaign_types[campaign]

    # ---- the period --------------------------------------------------------------------------
    def period(
        self, q: dict[str, Any], sent: tuple[int, int], para: tuple[int, int], campaign: str | None
    ) -> tuple[str | None, str | None]:
        """ISO start and end of the time ``q`` covers, from the time words nearest before it."""
        times = self._times_index[para[0]] if para[0] in self._times_index else self._times_of(para)
        if times is not None:
            # before the figure in its sentence, then after it (English puts time last: … so far this
            # year), then earlier in the paragraph (every span lies in the figure's paragraph)
            spans = ((sent[0], q["start"]), (q["end"], sent[1]), (max(para[0], sent[0] - _PARAGRAPH_REACH), sent[0]))
            for n, (start, end) in enumerate(spans):
                nearest = times.nearest(start, end)
                if not nearest:
                    continue  # most spans hold no time words
                # the figures of a sentence share their runs of time words: each run read once
                key = (nearest, n == 2, campaign)
                if key not in times.periods:
                    times.periods[key] = self._span_period(times, nearest, n == 2, campaign)
                found = times.periods[key]
                if found is not None:
                    return found
        if campaign is not None:
            # a function of the campaign alone (the year hint and the reference day are the campaign's)
            if campaign not in self._campaign_periods:
                year = self._year_hint(campaign)
                self._campaign_periods[campaign] = self._clip(*self._campaign_period(campaign, year), campaign)
            return self._campaign_periods[campaign]
        return None, None

    def _span_period(
        self, times: _ParagraphTimes, nearest: Sequence[int], before_sentence: bool, campaign: str | None
    ) -> tuple[str | None, str | None] | None:
        """The period the time words ``nearest`` (indexes into ``times``, nearest first) give a figure
        of ``campaign``, or None when none of them dates it."""
        kinds = times.kinds
        # A comparison (同比, over the same period of last year) names no period of the figure; a month
        # or day before the figure's sentence dates some other event.
        found = [k for k in nearest if kinds[k] != "compare" and not (before_sentence and kinds[k] in _POINTS)]
        if not found:
            return None
        if kinds[found[0]] in _POINTS:
            return self._clip(*self._resolved_time(times, found[0], campaign), campaign)  # 2024年5月，… / 于6月22日…收网
        # resolved only as far as needed: most spans settle on their nearest words
        start = end = None
        start_found = end_found = False
        for k in found:
            if kinds[k] in _POINTS:
                continue
            s, e = self._resolved_time(times, k, campaign)
            if not start_found and s:
                start, start_found = s, True
            # 截至8月中旬 ends the figure where it says, even where that is no exact day
            if not end_found and (e or kinds[k] == "until"):
                end, end_found = e, True
            if start_found and end_found:
                break
        return self._clip(start, end, campaign)

    def _times_of(self, para: tuple[int, int]) -> _ParagraphTimes | None:
        """The time words of paragraph ``para`` arranged for look-ups, or None when it holds none."""
        if para[0] in self._times_index:
            return self._times_index[para[0]]
        i = self.layout.paragraph_index(para[0]) if para[1] > para[0] else None
        hits = self._paragraph_times(i) if i is not None else []
        found = self._times_index[para[0]] = _ParagraphTimes(hits) if hits else None
        return found

    def _resolved_time(self, times: _ParagraphTimes, k: int, campaign: str | None) -> tuple[str | None, str | None]:
        """Start and end of time word ``k`` of ``times`` for a figure of ``campaign``, resolved once."""
        key = (k, campaign)
        found = times.resolved.get(key)
        if found is None:
            _, _, kind, m = times.hits[k]
            # the same time words (今年以来) come back paragraph after paragraph: what they resolve to is
            # a function of the kind, the pattern, its groups and the campaign (the year hint is the campaign's)
            same = (kind, m.re, m.groups(), campaign)
            found = self._resolved.get(same)
            if found is None:
                found = self._resolved[same] = self._resolve(kind, m, campaign, self._year_hint(campaign))
            times.resolved[key] = found
        return found

    def _clip(self, start: str | None, end: str | None, campaign: str | None) -> tuple[str | None, str | None]:
        """No reported figure covers time after the report: an end past the reference date is cut to it."""
        ref = self._reference_day(campaign)
        if ref and end and end > ref and (start is None or start <= ref):
            end = ref
        return start, end

    def _reference_day(self, campaign: str | None) -> str | None:
        """The day the report speaks from: its publication date, else its dateline's day in the year that
        the figure's campaign names (SPEC 8: ``北京10月14日电`` ends a so-far figure on that day)."""
        if self.ref is not None and len(self.published or "") == 10:
            return self.published
        if campaign not in self._reference_days:  # asked for every figure: once per campaign
            year = self._year_hint(campaign or self.article_campaign)
            day = None if self.dateline is None or year is None else _last_day(year, self.dateline)
            self._reference_days[campaign] = day
        return self._reference_days[campaign]

    def _year_hint(self, campaign: str | None) -> int | None:
        if self.ref is not None:
            return self.ref.year
        if campaign not in self._year_hints:
            # No publication date: the year of the figure's campaign, else of the campaign the article reports
            m = _YEAR.search(campaign or "") or _YEAR.search(self.article_campaign or "")
            self._year_hints[campaign] = int(m.group()) if m else None
        return self._year_hints[campaign]

    def _paragraph_times(self, i: int) -> list[_TimeHit]:
        """Every time expression of paragraph ``i``, found once: in sentence order, pattern order within
        a sentence (earlier patterns win overlaps), text order within a pattern.

        Only the paragraphs of figures get read.  A line-local pattern is run over the paragraph alone:
        the matches a whole-text scan would give there (none can come from the line before).  Any other
        pattern is run once over the whole text and its matches in the paragraph looked up.
        """
        found = self._para_times.get(i)
        if found is not None:
            return found
        ps, pe = self.layout.paragraphs[i]
        sentences, firsts = self.layout.sentences_in(i)
        # (sentence, start, end, kind, match) of the matches lying in one sentence, in pattern order and
        # then text order (each pattern's matches come in text order)
        inside: list[tuple[int, int, int, str, regex.Match[str]]] = []
        text = self.text
        stop = min(len(text), pe + 1)  # the line's break stays visible to look-aheads
        segment = text[ps:stop]
        for n, kind, pattern, local, needs in self.cues.period_scans:
            if needs and lacks(segment, needs):
                continue  # a word every match holds is missing: so is any match (most patterns, most paragraphs)
            if local:
                # most patterns find nothing in a paragraph: one search says so at less cost than an
                # iterator; from a first match on, the scan is the one from the paragraph's start
                first = pattern.search(text, ps, stop)
                if first is None or first.start() >= pe:
                    continue
                matches: Iterable[regex.Match[str]] = pattern.finditer(text, first.start(), stop)
            else:
                starts, every = self._period_matches.get(n) or self._whole_text_matches(n)
                matches = every[bisect.bisect_left(starts, ps) : bisect.bisect_left(starts, pe)]
            for m in matches:
                start, end = m.span()
                if start >= pe:
                    break
                k = bisect.bisect_right(firsts, start) - 1
                if k >= 0 and end <= sentences[k][1]:
                    inside.append((k, start, end, kind, m))
        if len(inside) > 1:
            inside.sort(key=_first)  # stable: by sentence, keeping pattern and text order within one
        found: list[_TimeHit] = []
        taken: list[tuple[int, int]] = []  # the spans kept in the current sentence
        sentence = -1
        for k, start, end, kind, m in inside:
            if k != sentence:
                sentence, taken = k, []
            elif any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, end, kind, m))
        self._para_times[i] = found
        return found

    def _whole_text_matches(self, n: int) -> tuple[list[int], list[regex.Match[str]]]:
        """The matches of period pattern ``n`` over the whole text, with their starts, found once."""
        if n not in self._period_matches:
            every = list(self.cues.periods[n][1].finditer(self.text))
            self._period_matches[n] = ([m.start() for m in every], every)
        return self._period_matches[n]

    def _resolve(self, kind: str, m: regex.Match[str], campaign: str | None, year: int | None) -> tuple[str | None, str | None]:
        pub = self._reference_day(campaign)
        groups = m.groupdict()
        y = _group_year(groups, self.ref, year)
        if kind == "year":
            return (f"{y:04d}-01-01", f"{y:04d}-12-31") if y else (None, None)
        if kind == "full_year":
            cy = _YEAR.search(campaign or "")
            fy = int(cy.group()) if cy else year
            return (f"{fy:04d}-01-01", f"{fy:04d}-12-31") if fy else (None, None)
        if kind == "so_far":
            return (self._campaign_start(campaign) if campaign else None), pub
        if kind == "campaign":
            # 行动期间 / during the operation: the campaign's stated span, else its start to the report's day
            span_start, span_end = self._campaign_span(campaign)
            return span_start, span_end or pub
        if kind == "since":
            return _first_day(y, groups), pub
        if kind in _POINTS:
            return _first_day(y, groups), _last_day(y, groups)
        if kind == "until":
            return None, _last_day(y, groups)
        if kind == "range":
            end = {"m": groups.get("m2") or groups.get("m"), "d": groups.get("d2")}
            return _first_day(y, groups), _last_day(y, end)
        if kind == "first_months":
            n = groups.get("n") or ""
            months = int(n) if n.isdigit() else self.cues.numbers.get(n.lower())
            if y is None or not months or months > 12:
                return None, None
            return _first_day(y, {"m": "1"}), _last_day(y, {"m": str(months)})
        if kind == "part_of_year":
            months = self.cues.parts.get((groups.get("part") or "").lower())
            if y is None or months is None:
                return None, None
            return _first_day(y, {"m": str(months[0])}), _last_day(y, {"m": str(months[1])})
        return None, None

    def _campaign_period(self, campaign: str, year: int | None) -> tuple[str | None, str | None]:
        """A total with no time words of its own: its campaign's stated span, else the campaign's year."""
        pub = self._reference_day(campaign)
        start, stop = self._campaign_span(campaign)
        if start:
            return start, stop or pub
        cy = _YEAR.search(campaign)
        if cy:
            y = int(cy.group())
            end = f"{y:04d}-12-31"
            return f"{y:04d}-01-01", (pub if pub and pub < end else end)
        return None, pub

    def _campaign_start(self, campaign: str | None) -> str | None:
        """The start the article states for ``campaign``."""
        return self._campaign_span(campaign)[0]

    def _campaign_span(self, campaign: str | None) -> tuple[str | None, str | None]:
        """The span the article states for ``campaign``: the since- or range-expression nearest its name
        in a sentence naming it (``自2023年3月以来…“净网2023”``, ``于1月26日至2月28日…开展…专项行动``)."""
        if campaign is None:
            return None, None
        if campaign in self._campaign_spans:
            return self._campaign_spans[campaign]
        found: tuple[str | None, str | None] = (None, None)
        year = self._year_hint(campaign)
        for r in self.campaigns:
            if self._specific(r["canonical"]) != campaign:
                continue
            s, e = self.layout.sentence(r["start"])
            hits = self._stated_starts(s, e)
            if not hits:
                # The 100-day campaign, which began in March: the next sentence, when it refers back to it
                ns, ne = self.layout.next_sentence(e) or (e, e)
                if ne > e and self.cues.back_ref_re.search(self.text, ns, ne):
                    hits = self._stated_starts(ns, ne)
            if hits:
                kind, m = min(hits, key=lambda h: min(abs(h[1].start() - r["end"]), abs(r["start"] - h[1].end())))
                groups = m.groupdict()
                y = _group_year(groups, self.ref, year)
                start = _first_day(y, groups)
                stop = _last_day(y, {"m": groups.get("m2") or groups.get("m"), "d": groups.get("d2")}) if kind == "range" else None
                found = (start, stop)
                break
        self._campaign_spans[campaign] = found
        return found

    def _stated_starts(self, start: int, end: int) -> list[tuple[str, regex.Match[str]]]:
        """The since- and range-expressions in the sentence ``[start, end)`` (``kind``, match), in pattern
        order, found once per sentence (the campaigns named in one sentence share them)."""
        key = (start, end)
        found = self._sentence_starts.get(key)
        if found is None:
            sentence = self.text[start:end]
            found = self._sentence_starts[key] = [
                (kind, m)
                for _, kind, p, _, needs in self.cues.period_scans
                if kind in ("since", "range") and not (needs and lacks(sentence, needs))
                for m in p.finditer(self.text, start, end)
            ]
        return found
