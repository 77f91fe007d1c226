"""Chinese quantities: numerals, qualifiers, ranges, units and currencies, dates excluded, counted objects."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

import regex

from .. import currencies, numerals
from ..lexicon import WordScanner
from .common import (
    _ARABIC,
    _ARABIC_AFTER,
    _CN,
    _CN_START,
    _ISDIGIT_CLASS,
    _MULT,
    _YEAR,
    Guards,
    _affix,
    _alts,
    _by_length,
    _exact,
    _Found,
    _is_han,
)

# Small hot-path patterns use the standard re: cheaper per call than regex, same semantics here.
_LEADING_DIGITS = re.compile(r"[0-9]+")
_CLAUSE_END = re.compile(r"[。；;\n]")
_HAS_CAPS = re.compile(r"[A-Z]")
_OPENERS, _CLOSERS = "“‘「『", "”’」』"
_MASK = "\x00"  # stands for a quoted character: no verb contains it
# The capturing groups of the Chinese pattern, in order.
_GROUPS = ("pre", "cur", "sign", "pct", "pnum", "bare_q", "bare", "num", "to", "num2", "mid", "mult", "mid2", "unit", "post")


class ZhQuantities:
    """Chinese matcher: numerals, qualifiers, ranges, units, dates excluded, counted objects."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.units: dict[str, str] = dict(data.get("units", {}))
        self.aliases: dict[str, str] = dict(data.get("unit_aliases", {}))
        self.currencies: dict[str, str] = dict(data.get("currencies", {}))
        money = currencies.table()
        for spelling, cur in money.zh_units.items():  # 港币 → 港元 HKD, 人民币 → 元 CNY
            self.units.setdefault(spelling, "money")
            self.currencies.setdefault(cur.unit, cur.code)
            if spelling != cur.unit:
                self.aliases.setdefault(spelling, cur.unit)
        self.currency_prefix: dict[str, str] = dict(money.zh_prefix)
        self.coins = money.zh_coins
        self.coin_counters = frozenset(data.get("object", {}).get("coin_counters", []))
        self.minor: dict[str, Decimal] = {w: f for w, f in money.minor.get("CNY", {}).items() if _is_han(w)}
        # 3元5角2分: a digit and a sub-unit of 元, repeated, right after an amount in 元.
        self.minor_step = re.compile(rf"([0-9{numerals.CN_DIGIT_CHARS}])({_alts(self.minor) or '(?!)'})")
        self.counter_nouns: dict[str, str] = dict(data.get("counter_nouns", {}))
        self.all_units = {**self.units, **self.counter_nouns}
        self.shares: dict[str, int] = {k: int(v) for k, v in data.get("shares", {}).items()}
        approx = data.get("approx", {})
        self.prefix: dict[str, str] = dict(approx.get("prefix", {}))
        self.infix: dict[str, str] = dict(approx.get("infix", {}))
        self.suffix: dict[str, str] = dict(approx.get("suffix", {}))
        self.bare: dict[str, str] = dict(approx.get("bare", {}))
        self.past = set(approx.get("past_before_duration", {}).get("words", []))
        dates = data.get("dates", {})
        self.day_units = set(dates.get("day_units", []))
        self.duration_before = tuple(dates.get("duration_before", []))
        self.duration_after = tuple(dates.get("duration_after", []))
        self.year_min, self.year_max = int(dates.get("year_min", 1000)), int(dates.get("year_max", 2999))
        ctx = data.get("context", {})
        self.max_digits = int(ctx.get("max_digits", 11))
        # Only the two characters before a number are tested: the words of one and of two characters, as
        # sets (one lookup each instead of an endswith per word).
        self.not_after = _short_words(ctx.get("not_after", []))
        self.not_after_cn = _short_words(ctx.get("not_after_cn", []))
        obj = data.get("object", {})
        self.delims = set(obj.get("delimiters", ""))
        # The last delimiter of a window: a delimiter with none after it up to the window end.  re skips to
        # the delimiters in C and the possessive run never backtracks (a greedy run from the window start,
        # backtracking to the last delimiter, cost twice as much).
        delims = re.escape("".join(sorted(self.delims)))
        self.last_delim = re.compile(f"[{delims}][^{delims}]*+\\Z")
        self.quotes = set(obj.get("quotes", ""))
        self.np_stops = frozenset(self.delims | self.quotes)  # a noun phrase after a number ends at these
        # ... or at a digit (str.isdigit): the class holds every stop and, as a superset, every digit
        self.np_end = re.compile(f"[{re.escape(''.join(sorted(self.np_stops)))}{_ISDIGIT_CLASS}]")
        # Quotes and whitespace are dropped from object phrases (“帮信”案件 → 帮信案件).
        self.drop = {ord(ch): None for ch in self.quotes | set(" \t\n\r\u3000")}
        # Most chunks hold none of them: a class search is cheaper than translating every chunk.
        self.droppable = re.compile(f"[{re.escape(''.join(sorted(chr(c) for c in self.drop)))}]")
        # Word lists tested at one position are sets per length (a lookup per length, longest first):
        # cheaper than an alternation, which tries its words one by one.
        self.verbs_by_length = _by_length(obj.get("verbs", []))
        self.longest_verb = self.verbs_by_length[0][0] if self.verbs_by_length else 0
        self.linking = tuple(sorted(obj.get("linking", []), key=len, reverse=True))
        self.leading = tuple(sorted(obj.get("leading", []), key=len, reverse=True))
        self.linking_by_length = _by_length(self.linking)
        self.leading_by_length = _by_length(self.leading)
        # The verbs of a chunk as finditer over their longest-first alternation finds them (leftmost,
        # longest, non-overlapping), in one call.
        self.verb_scanner = WordScanner(obj.get("verbs", []))
        self.nominal_verbs = tuple(sorted(obj.get("nominal_verbs", []), key=len, reverse=True))
        self.after_stops = re.compile(_alts(obj.get("after_stops", [])))
        self.after_initial_by_length = _by_length(obj.get("after_initial", []))
        self.after_ignore = set(obj.get("after_ignore", []))
        self.person_suffixes = tuple(obj.get("person_suffixes", []))
        self.relative_openers = tuple(obj.get("relative_openers", []))
        self.relative_max = int(obj.get("relative_max", 8))
        # person nouns of two characters or more: a one-character suffix (人) ends too many words
        self.person_nouns = tuple(w for w in self.person_suffixes if len(w) >= 2)
        self.possessors = tuple(obj.get("possessors", []))
        self.conjunctions = frozenset(obj.get("conjunctions", []))
        self.case_nouns = tuple(obj.get("case_nouns", []))
        self.subdivision = tuple(obj.get("subdivision", []))
        self.verb_markers = tuple(obj.get("verb_markers", []))
        self.linking_chain = set(obj.get("linking_chain", []))
        self.modifier_verbs = set(obj.get("modifier_verbs", []))
        self.short_head = int(obj.get("short_head", 3))
        self.names_at_end = re.compile(obj.get("names_at_end", "(?!)"))
        self.measure_tails = tuple(obj.get("measure_tails", []))
        self.modifier_ends = tuple(obj.get("modifier_ends", []))
        signs = data.get("signs", {})
        self.minus = tuple(signs.get("minus", []))
        self.sign_kinds = frozenset(signs.get("kinds", []))
        self.sign_not_after = "".join(signs.get("not_after", []))
        self.closers: dict[str, str] = dict(data.get("unit_closers", {}))
        self.inclusive = tuple(data.get("ranges", {}).get("inclusive", []))
        self.guards = Guards(data.get("guards", {}))
        # $20, ￥300, HK$100万 (a symbol or a code before the number) and 100 USDT (a code after it).
        symbols = _alts(money.zh_symbols)
        codes = _alts(c for c in money.zh_symbols if c.isascii() and c.isalpha() and c.isupper())
        # A match starts with a qualifier, a symbol or a digit: the leading class (a necessary condition,
        # so the same matches) lets the engine skip every other position at C speed.
        symbol_first = regex.escape("".join(sorted({w[0] for w in [*self.prefix, *money.zh_symbols] if w} | set("0123456789"))))
        self.symbol_pattern = re.compile(
            rf"(?=[{symbol_first}])(?:"
            rf"(?P<pre>{_alts(self.prefix)})?(?<![A-Za-z])(?P<sym>{symbols})\s?(?P<num>{_ARABIC})(?P<mult>[万亿]{{0,2}})(?P<yuan>元)?"
            rf"|(?<![0-9A-Za-z.,])(?P<num2>{_ARABIC})(?P<mult2>[万亿]{{0,2}})\s?(?P<code>{codes or '(?!)'})(?![A-Za-z])"
            rf")"
        )
        self.money_zh = money.zh_symbols
        # One pass tells whether any symbol or code occurs at all: every alternative starts with a literal,
        # so re skips to the possible first characters in C (2x cheaper than an Aho-Corasick pass, which
        # lists every match; 6x cheaper than the symbol pattern's scan).
        self.symbol_finder = re.compile(_alts(money.zh_symbols)) if money.zh_symbols else None
        self.symbol_chars = {ch for sym in money.zh_symbols for ch in sym if not ch.isascii() or not ch.isalpha()}
        self.minor_of = next((m.unit for m in money.zh_units.values() if m.code == "CNY"), "元")
        self.pattern = self._compile(data)

    def _compile(self, data: dict[str, Any], atomic: bool = True) -> re.Pattern[str]:
        """The Chinese pattern (``atomic=False``: its plain reading, the Arabic parts free to backtrack)."""
        not_before: dict[str, list[str]] = data.get("unit_not_before", {})
        # Units grouped by their first character, longest first in each group (the alternation takes the
        # longest unit whose guard passes, as one flat longest-first list would): the engine skips a group
        # on one character test instead of trying its units one by one.
        by_first: dict[str, list[str]] = {}
        for unit in sorted(self.all_units, key=len, reverse=True):
            tail = not_before.get(unit)
            guard = f"(?!{_alts(tail)})" if tail else ""
            by_first.setdefault(unit[0], []).append(regex.escape(unit[1:]) + guard)
        unit_alts = [
            regex.escape(first) + (rests[0] if len(rests) == 1 else f"(?:{'|'.join(rests)})") for first, rests in by_first.items()
        ]
        self.connectors = set(data.get("ranges", {}).get("connectors", ["至", "到"]))
        conn = _alts(self.connectors)
        incl = rf"(?:{_alts(self.inclusive)})?" if self.inclusive else ""
        # A numeral of any length: Chinese and Arabic parts chained (一百一十一万一千一百一十一, 5万4千6百,
        # 1千零1, 一万5000); an Arabic part continues only after a place unit or 零.  The reader checks
        # the whole is well formed.  The lookbehinds keep a number from starting inside another one (so
        # neither 1千零1 gives 1 nor a run of 1万1万… is tried at every digit: linear time).
        # An Arabic part never gives back a digit, comma or point it took: nothing that may follow it
        # starts with one (checked), so backtracking into it could never succeed; the atomic group spares
        # the engine those retries wherever digits are followed by no unit (dates, phone numbers, times).
        arabic = f"(?>{_ARABIC})" if atomic else _ARABIC
        followers = [*self.all_units, *self.connectors, *self.inclusive, *self.infix, *_MULT, *numerals.CN_CHARS]
        assert not any(w[:1] in "0123456789,." for w in followers), "a word after a number starts like one"
        chain = rf"(?:[{_CN}]|(?<=[{_ARABIC_AFTER}]){arabic}){{0,40}}"
        cn_num = rf"[{_CN_START}]{chain}(?:点[{numerals.CN_DIGIT_CHARS}]{{1,8}}[{_MULT}]{{0,3}})?|半"
        num = rf"(?:(?<![0-9{_ARABIC_AFTER}]){arabic}(?:\s?[{numerals.CN_UNIT_CHARS}]{chain})?|(?<![{_CN}]){cn_num}|(?<![{_CN}])[百千万](?=[余多])|(?<=[近约超逾])[百千万](?=[^余多]))"
        # Words in which a numeral character is no numeral (拾起, 五台山): no number starts there.
        guard = self.guards.lookahead(_CN_START + "0123456789半百千万")
        infix = _alts(self.infix)
        # A minus sign is no hyphen after a word or number (COVID-19, 10-20人); 负 none after 正 or 胜.
        symbols = "".join(m for m in self.minus if not _is_han(m))
        words = [m for m in self.minus if _is_han(m)]
        not_after = f"(?<![{regex.escape(self.sign_not_after)}])" if self.sign_not_after else ""
        signs = [f"(?<![0-9A-Za-z.%{_CN}])[{regex.escape(symbols)}]"] if symbols else []
        signs += [f"{not_after}(?:{_alts(words)})"] if words else []
        sign = f"(?:(?P<sign>{'|'.join(signs) or '(?!)'})(?=[0-9{_CN_START}]))?"
        # Every match starts with a qualifier or a numeral character: the lookahead lets the engine skip
        # all other positions cheaply, which is most of the speed of this stage.
        numeral_first = "0123456789半百千万" + _CN_START + "".join(m[0] for m in self.minus)
        first = {w[0] for w in [*self.prefix, *self.bare, *self.currency_prefix, "百分之", "千分之"]} | set(numeral_first)
        # Then what a match can start with: a digit, a numeral or a whole qualifier / currency word (a
        # necessary condition, so the same matches); most positions that pass the class fail here at once.
        # A qualifier is followed by what may start a number, a bare one (数, 上) by a multiplier.
        firsts = regex.escape("".join(sorted(first)))
        starts = "|".join(
            f"(?:{_alts(ws)}){after}"
            for ws, after in (
                ([w for w in self.prefix if w[0] not in numeral_first], f"(?=[{firsts}])"),
                ([w for w in self.bare if w[0] not in numeral_first], f"(?=[{_MULT}])"),
                ([w for w in [*self.currency_prefix, "百分之", "千分之"] if w[0] not in numeral_first], ""),
            )
            if ws
        )
        starts = f"(?=[{regex.escape(numeral_first)}]|{starts})" if starts else ""
        # The standard library's re, not regex: the pattern uses no regex-only syntax, and re runs it
        # about 2.5x faster (the same backtracking semantics, so the same matches; all quantifiers bounded).
        pattern = re.compile(
            rf"""
            (?=[{regex.escape("".join(sorted(first)))}]){starts}(?<![0-9])
            (?:(?P<pre>{_alts(self.prefix)})(?=[{regex.escape("".join(sorted(first)))}]))?
            (?P<cur>{_alts(self.currency_prefix) or "(?!)"})?
            {sign}
            (?:
                (?P<pct>百分之|千分之)(?P<pnum>负?(?:{_ARABIC}|[{_CN}]{{1,24}}(?:点[{numerals.CN_DIGIT_CHARS}]{{1,8}})?))
              | (?:
                    (?P<bare_q>{_alts(self.bare)})(?P<bare>[{_MULT}]{{1,3}})
                  | {guard}(?P<num>{num})(?:\s?{incl}\s?(?P<to>{conn})\s?(?P<num2>{num}))?
                    (?P<mid>{infix})?(?P<mult>[{_MULT}]{{1,3}})?(?P<mid2>余|多)?
                )
                (?=[{regex.escape("".join(sorted({u[0] for u in self.all_units})))}])(?P<unit>{"|".join(unit_alts)})
            )
            (?P<post>{_alts(self.suffix)})?
            """,
            re.VERBOSE,
        )
        order = tuple(sorted(pattern.groupindex, key=pattern.groupindex.__getitem__))
        assert pattern.groups == len(_GROUPS) and order == _GROUPS, order  # _build unpacks m.groups()
        return pattern

    def find(self, text: str) -> list[_Found]:
        """Every quantity in ``text`` (normalised), with its object."""
        found: list[_Found] = []
        for m in self.pattern.finditer(text):
            item = self._build(text, m)
            if item is not None:
                found.append(item)
        found = self.guards.unmasked(text, found)
        found = self._merge_unit_ranges(text, found)
        found = self._two_units(text, found)
        found = self._symbols(text, found)
        self._objects(text, found)
        return found

    def _two_units(self, text: str, found: list[_Found]) -> list[_Found]:
        """``3元5角2分`` is one amount (3.52 元), not 3元 and 5角."""
        out: list[_Found] = []
        for q in found:
            if out and q.start < out[-1].end:
                continue  # the 5角 of 3元5角, taken into the amount before it
            if q.unit == self.minor_of and q.currency == "CNY" and q.value_max is None and q.end == q.num_end:
                last, pos = Decimal(1), q.end
                while (m := self.minor_step.match(text, pos)) is not None and self.minor[m[2]] < last:
                    last = self.minor[m[2]]
                    q.value = Decimal(q.value) + numerals.parse(m[1]) * last
                    pos = m.end()
                q.end = q.num_end = pos
            out.append(q)
        return out

    def _symbols(self, text: str, found: list[_Found]) -> list[_Found]:
        """Amounts a symbol or code marks in Chinese text ($20, ￥300, 100 USDT), where no unit follows."""
        if self.symbol_finder is not None:
            if self.symbol_finder.search(text) is None:
                return found  # the common case: every match holds a symbol or code, and none is in the text
        elif not any(ch in text for ch in self.symbol_chars) and not _HAS_CAPS.search(text):
            return found  # nothing a symbol or code could start with
        extra: list[_Found] = []
        taken = [(q.start, q.end) for q in found]
        for m in self.symbol_pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            sym = m["sym"] or m["code"]
            raw, mult = (m["num"], m["mult"]) if m["sym"] else (m["num2"], m["mult2"])
            parsed = _zh_value(raw, None, mult or "")
            if parsed is None:
                continue
            money = self.money_zh[sym]
            approx = self.prefix[m["pre"]] if m["pre"] else "exact"
            start = m.start() if m["pre"] or not m["sym"] else m.start("sym")
            extra.append(_Found(start, m.end(), m.start("num") if m["sym"] else m.start("num2"), m.end(), parsed[0], None, approx, money.unit, "money", money.code))
        return sorted([*found, *extra], key=lambda q: q.start) if extra else found

    def _merge_unit_ranges(self, text: str, found: list[_Found]) -> list[_Found]:
        """``30元至50元`` is one range, not two amounts."""
        out: list[_Found] = []
        for q in found:
            prev = out[-1] if out else None
            high, gap_end = q.value, q.start
            if high < 0 and text[q.start] in self.connectors and not self._connects(text[prev.end if prev else 0 : q.start]):
                high, gap_end = -high, q.start + 1  # 30元-50元: the dash joins the two, it is no minus
            if (
                prev is not None
                and prev.unit == q.unit
                and prev.value_max is None
                and q.value_max is None
                and self._connects(text[prev.end : gap_end])
                and prev.value < high
            ):
                prev.end, prev.value_max = q.end, high
                if q.approx != "exact" and prev.approx == "exact":
                    prev.approx = q.approx
                continue
            out.append(q)
        return out

    def _range_follows(self, text: str, end: int) -> bool:
        """True when a range connector and another number follow ``end`` (一年至三年, 一人-3人)."""
        rest = text[end : end + 8].lstrip()
        for mark in self.inclusive:
            if rest.startswith(mark):
                rest = rest[len(mark) :].lstrip()
        for conn in self.connectors:
            if rest.startswith(conn):
                after = rest[len(conn) :].lstrip()[:1]
                return bool(after) and (after.isdigit() or after in _CN_START)
        return False

    def _connects(self, between: str) -> bool:
        """True when ``between`` joins two amounts into a range (至, -, ``(含)-``)."""
        if between in self.connectors:
            return True
        if len(between) > 8:
            return False
        for mark in self.inclusive:
            between = between.replace(mark, "")
        return between.strip() in self.connectors

    def _build(self, text: str, m: re.Match[str]) -> _Found | None:
        # One groups() call instead of a lookup per group name: this runs for every candidate.
        pre, cur, sign, pct, pnum, bare_q, bare, raw, _to, raw2, mid, mult, mid2, unit, post = m.groups()
        if pct:
            unit = "%" if pct == "百分之" else "‰"
            num_start, num_end = m.start("pct"), m.end("pnum")
            end = num_end
            try:
                value: numerals.Number = numerals.parse(pnum)
            except numerals.NumeralError:
                # 百分之七十百分位: the longest numeral at the start is the number (70), not the run.
                prefix = numerals.longest_prefix(pnum)
                if prefix is None:
                    return None
                value, num_end = prefix[0], m.start("pnum") + prefix[1]
                end, post = num_end, None
            approx = self.prefix.get(pre, "exact") if pre else "exact"
            if post:
                approx, end = self.suffix[post], m.end("post")
            if num_start and text[num_start - 1] in "第":
                return None
            return _Found(m.start(), end, num_start, num_end, value, None, approx, unit, "percent", None)
        if not unit:
            return None
        if bare:
            num_start = m.start("bare_q")
            if num_start and text[num_start - 1].isdigit() or not pre and num_start and text[num_start - 1] in _CN:
                return None
            value, value_max = numerals.multiplier(bare), None
            approx = self.bare[bare_q]
        else:
            num_start = m.start("num")
            if not self._plausible_start(text, num_start, raw):
                return None
            if (unit == "年" or unit in self.day_units) and not self._not_date(text, m, unit, pre):
                return None  # a date; tested first, every check here being a pure reject
            if unit in self.shares and (mult or mid or mid2):
                return None  # 三成 is a share; 3万成 is no number of tenths
            if raw == "一" and not raw2 and not pre and not mid and not mult and unit not in self.shares:
                # The lone 一 is an article (一起…案, 一名) except for a length of time in context
                # (tested before reading the value: 一 always parses, and most of them are rejected here).
                if self._range_follows(text, m.end()):
                    pass  # 一年至三年: the first end of a range is a number
                elif self.all_units.get(unit) != "duration" or not self._duration_context(text, m.start(), m.end()):
                    return None
            if not raw2 and not mult and raw.isascii() and raw.isdigit() and len(raw) <= numerals.MAX_LENGTH:
                value, value_max = int(raw), None  # the common case: what _value gives, without the calls
            else:
                parsed = _zh_value(raw, raw2, mult or "")
                if parsed is None:
                    return None
                value, value_max = parsed
            approx = "exact"
            if mid:
                approx = self.infix[mid]
            if mid2:
                approx = self.infix.get(mid2, "more_than")
        start = m.start() if pre or not cur else m.end("cur")  # 人民币300万元 → 300万元
        kind = self.all_units[unit]
        if sign:
            if kind in self.sign_kinds:
                value = -value  # -3.8%, 下降了-22.2%: the minus is the stated number's
            elif start == m.start("sign"):
                start = m.end("sign")  # a dash before a count is no sign of it
        if pre:
            if pre in self.past and kind == "duration":
                start = m.start("pre") + len(pre)  # 近3年来: "in the past 3 years", not "nearly"
            else:
                approx = self.prefix[pre]
        unit_end = end = m.end("unit")
        if post:
            approx, end = self.suffix[post], m.end("post")
        elif self.closers.get(text[end : end + 1]) == kind and not _is_han(text[end + 1 : end + 2]):
            end += 1  # 壹仟玖佰圆整: 整 closes the amount
        norm_unit = self.aliases.get(unit, unit)
        if unit in self.shares:
            tenths = self.shares[unit]
            if not 0 < value <= tenths or value_max is not None and value_max > tenths:
                return None
            value, norm_unit = value * tenths, "%"
            value_max = None if value_max is None else value_max * tenths
        if unit in ("个多月", "个多小时", "多年"):
            approx = "more_than"
        currency = self.currencies.get(norm_unit) if kind == "money" else None
        if kind == "money" and cur and norm_unit in ("元", "角"):
            currency = self.currency_prefix[cur]  # 新台币3亿元 is TWD, 美金1.2万元 USD
        return _Found(start, end, num_start, unit_end, value, value_max, approx, norm_unit, kind, currency)

    def _plausible_start(self, text: str, num_start: int, raw: str) -> bool:
        """False for ordinals, serials, file names, phone numbers and numbers glued to other digits."""
        if num_start:
            # The two characters before the number, tested in place (no slice: this runs per candidate).
            lo = num_start - 2 if num_start >= 2 else 0
            last = text[num_start - 1]
            if last.isdigit() or last == "." or last == "," and lo < num_start - 1 and text[lo].isdigit():
                return False
            pair = text[lo:num_start] if lo < num_start - 1 else None
            one, two = self.not_after
            if last in one or pair in two:
                return False
            one, two = self.not_after_cn
            if raw[0] in numerals.DIGITS and (last in one or pair in two):
                return False  # 周一, 初五: weekdays and lunar days
        if len(raw) < self.max_digits:
            return True  # too short for a run of max_digits digits
        digits = _LEADING_DIGITS.match(raw)
        return not (digits and len(digits[0]) >= self.max_digits)

    def _duration_context(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 6) : start]
        after = text[end : end + 4]
        return before.endswith(self.duration_before) or after.startswith(self.duration_after)

    def _not_date(self, text: str, m: re.Match[str], unit: str, pre: str | None) -> bool:
        """False when the match is a date (2023年, 9月25日, 二〇二三年) rather than a quantity."""
        raw = m["num"] or ""
        if unit == "年" and not pre and not m["mid"] and not m["mult"]:
            if _YEAR.fullmatch(raw) and self.year_min <= int(raw) <= self.year_max:
                return False
            if len(raw) >= 2 and all(ch in numerals.DIGITS for ch in raw):
                return False  # 二〇二三年, 二零二三年: digit-by-digit years
            if m["num2"] and _YEAR.fullmatch(m["num2"]):
                return False
        if unit in self.day_units and not pre and not m["mid"] and not m["post"]:
            start = m.start()
            if start and text[start - 1] in "月":
                return False
            if not self._duration_context(text, start, m.end()):
                return False
        return True

    # -- objects ------------------------------------------------------------------------------------

    def _objects(self, text: str, found: list[_Found]) -> None:
        prev_end = 0
        prev: _Found | None = None
        sharing = False  # inside a 其中… list whose items share the object of the total before it
        for i, q in enumerate(found):
            nxt = found[i + 1].start if i + 1 < len(found) else len(text)
            if q.unit in self.counter_nouns:
                q.object = q.unit
            elif nxt == q.end and i + 1 < len(found):
                # 3类17项车驾管业务: both count the noun phrase after the second one.
                nq = found[i + 1]
                after_next = found[i + 2].start if i + 2 < len(found) else len(text)
                q.object = self._after_np(text, nq.end, after_next)[0] or self._object(text, q, prev_end, nxt)
            else:
                q.object = self._object(text, q, prev_end, nxt)
            if q.object:
                q.object = self._trim_object(q.object)
            if sharing and prev is not None and _CLAUSE_END.search(text, prev.end, q.start):
                sharing = False
            if q.object is None and prev is not None and prev.object and prev.unit == q.unit:
                between = text[prev.end : q.start]
                if sharing or any(w in between for w in self.subdivision):
                    q.object = prev.object  # 查处问题游戏134款，其中，警告23款、限期整改85款
                    sharing = True
            if q.object and q.kind == "person":
                q.object = self._person_head(q.object)
            if q.kind == "count" and q.unit in self.coin_counters and (coin := self.coins.get(q.object or "")):
                q.kind, q.unit, q.currency = "money", coin.unit, coin.code  # 3个比特币: coins counted are money
            if q.object and q.unit in ("个", "位", "口") and q.object.endswith(self.person_suffixes):
                q.kind = "person"
            if q.unit == "件" and q.object and any(w in q.object for w in self.case_nouns):
                q.kind = "case"
            prev_end, prev = q.end, q

    def _object(self, text: str, q: _Found, prev_end: int, next_start: int) -> str | None:
        ch = text[q.end : q.end + 1]
        if not ch or ch in self.np_stops or ch.isdigit():
            after, closed = None, False  # what _after_np says when punctuation follows, without the call
        else:
            after, closed = self._after_np(text, q.end, next_start)
        if after and (closed or self._starts_noun(text, q.end)):
            return after  # whatever comes before the number
        before = self._before_chunk(text, q.start, prev_end)
        if after and not before:
            return after
        if before:
            return before
        if q.kind in ("money", "duration"):
            head = self._clean(text[max(prev_end, q.start - 8) : q.start])
            if head.endswith(self.nominal_verbs):  # one C call for the common case: none of them
                for verb in self.nominal_verbs:
                    if head.endswith(verb):
                        return verb
        return after or None

    def _starts_noun(self, text: str, end: int) -> bool:
        """True when the text right after a quantity continues with a noun (not punctuation or a verb)."""
        ch = text[end : end + 1]
        if not ch or ch in self.delims or ch in "、" or ch.isspace() or ch.isdigit() or ch in "(（":
            return False
        return _affix(text[end : end + self.longest_verb], self.verbs_by_length, 1) is None

    def _clean(self, chunk: str) -> str:
        return chunk.translate(self.drop) if self.droppable.search(chunk) else chunk

    def _before_chunk(self, text: str, start: int, prev_end: int) -> str | None:
        """The noun phrase right before the number (抓获犯罪嫌疑人2693名 → 犯罪嫌疑人)."""
        lo = start - 30 if start - 30 > prev_end else prev_end
        d = self.last_delim.search(text, lo, start)
        chunk = text[d.start() + 1 if d else lo : start]
        scan = None  # the chunk as the verb scanner sees it: quoted names masked
        if self.droppable.search(chunk):
            chunk, scan = self._unquote(chunk)
        if chunk.startswith("、") or (d is None and lo == prev_end > 0 and chunk[:1] in self.conjunctions):
            # 手机300部和电脑20台: the conjunction after the previous figure joins the two, it is no part
            # of this one's noun phrase
            cut = len(chunk) - len(chunk.lstrip("、")) if chunk.startswith("、") else 1
            chunk, scan = chunk[cut:], scan[cut:] if scan is not None else None
        if chunk.endswith(self.verb_markers):
            return None  # 借了30万元: an aspect marker closes a verb, no noun phrase before the number
        if chunk.endswith(self.linking):
            first = True
            while True:
                word = _affix(chunk, self.linking_by_length, -1)
                if word is None:
                    break
                # After the first, only multi-character links or function words: 行为由每周 keeps 行为.
                if not first and len(word) == 1 and word not in self.linking_chain:
                    break
                chunk, first = chunk[: -len(word)], False
            if chunk.endswith(self.verb_markers):
                return None  # 较去年提高2.1个百分点: a comparison, not a noun phrase
        if not chunk:
            return None
        # a verb inside a quoted name is part of the name (办理“帮助信息网络犯罪活动”案件468起)
        # (word, start, end) as the automaton gives them: no list of pairs rebuilt per chunk
        verbs = self.verb_scanner.find_indexed(scan[: len(chunk)] if scan is not None else chunk)
        if verbs and "的" in chunk and (relative := self._relative_np(chunk, verbs)):  # (none without a 的)
            return relative
        if verbs:
            _, last_start, last_end = verbs[-1]
            if last_end == len(chunk):
                # 行政处罚57人: the number follows its verb directly; but 开展网络安全检查680余次 has a
                # noun phrase ending in a verbal noun after an earlier verb.
                earlier = verbs[-2][2] if len(verbs) > 1 else None
                if earlier is None or earlier == last_start or "、" in chunk[earlier:last_start]:
                    return None
                chunk = chunk[earlier:]
            else:
                # 发送劝阻信息, 整治分发平台, 行政处罚单位: a verb that modifies a short head noun stays in
                # the noun phrase, which then starts after the verb before it (or at the chunk start).
                k = len(verbs) - 1
                while (
                    k >= 0
                    and chunk[verbs[k][1] : verbs[k][2]] in self.modifier_verbs
                    and (len(chunk) - verbs[k][2] <= self.short_head or self._compound(verbs, k))
                ):
                    k -= 1
                if k < len(verbs) - 1 and (k >= 0 or verbs[0][1] > 0):
                    chunk = chunk[verbs[k][2] :] if k >= 0 else chunk
                else:
                    chunk = chunk[last_end:]
        if "的" in chunk:
            chunk = chunk.rsplit("的", 1)[1]
        if chunk.startswith(self.leading):
            chunk = self._strip_leading(chunk)
        if chunk.endswith("等") and len(chunk) > 1:
            chunk = chunk[:-1]
        if "等" in chunk and len(chunk.rsplit("等", 1)[1]) >= 2:
            chunk = self._strip_leading(chunk.rsplit("等", 1)[1])  # 资格证、毕业证等各类假证: the head after 等 is what is counted
        return chunk if len(chunk) >= 2 else None

    @staticmethod
    def _compound(verbs: list[tuple[int, int, int]], k: int) -> bool:
        """True when verb ``k`` follows a noun of two characters or more after the verb before it, so
        that it ends a compound noun (发布网络安全教育防范图文 → 网络安全教育…), not a clause."""
        return k > 0 and verbs[k][1] - verbs[k - 1][2] >= 2

    def _relative_np(self, chunk: str, verbs: list[tuple[int, int, int]]) -> str | None:
        """The head noun with its short relative clause, right before the number (挽救有自杀倾向的网民6人
        → 有自杀倾向的网民; 查处传播违法域名的企业 → 传播违法域名的企业); None for anything else: a possessive
        (该团伙的成员), a long clause (为诈骗团伙提供洗钱服务的犯罪嫌疑人 counts 犯罪嫌疑人) or a head
        followed by names (犯罪嫌疑人沈某等4人)."""
        clause_end = chunk.rfind("的")
        head = chunk[clause_end + 1 :]
        if clause_end < 0 or len(head) < 2 or head.endswith("等") or "某" in head:
            return None
        for k in range(len(verbs) - 1, -1, -1):
            start = verbs[k][2]
            if start >= clause_end:
                continue
            clause = chunk[start:clause_end]
            if len(clause) > self.relative_max or "的" in clause:
                return None
            opens = clause.startswith(self.relative_openers)
            if opens or (k + 1 < len(verbs) and verbs[k + 1][1] == start):
                return clause + "的" + head
        return None

    def _person_head(self, obj: str) -> str:
        """A count of people counts a person noun: a short verb after it is the clause's (押解犯罪嫌疑人
        乘机280余人次 → 犯罪嫌疑人)."""
        if obj.endswith(self.person_suffixes):
            return obj
        for cut in range(len(obj) - 1, max(1, len(obj) - 3) - 1, -1):
            if obj[:cut].endswith(self.person_nouns):
                return obj[:cut]
        return obj

    def _trim_object(self, obj: str) -> str:
        """An object without a name at its end, a measure word (规模), or what precedes 相关."""
        if "某" in obj and (m := self.names_at_end.search(obj)) and m.start() > 0:
            obj = obj[: m.start()]  # 犯罪嫌疑人梁某杰 → 犯罪嫌疑人
        # Each word list is tested whole first (one C call): most objects start and end with none of them.
        if obj.startswith(self.possessors):
            for owner in self.possessors:
                if obj.startswith(owner) and len(obj) - len(owner) >= 2 and not obj.startswith(self.person_suffixes, len(owner)):
                    obj = obj[len(owner) :]  # 原告维修费 → 维修费: the owner is not what is counted
                    break
        if obj.endswith(self.measure_tails):
            for tail in self.measure_tails:
                if obj.endswith(tail) and len(obj) - len(tail) >= 2:
                    obj = obj[: -len(tail)]
        for word in self.modifier_ends:
            if word not in obj:
                continue
            before, sep, head = obj.rpartition(word)
            if before and len(head) >= 2:
                obj = head  # 网络暴力相关犯罪嫌疑人 → 犯罪嫌疑人; 相关案件 keeps its 相关
        return obj

    def _unquote(self, chunk: str) -> tuple[str, str]:
        """``chunk`` without quotes and spaces, and the same with the quoted characters masked."""
        kept: list[str] = []
        masked: list[str] = []
        depth = 0
        for ch in chunk:
            if ch in _OPENERS:
                depth += 1
            elif ch in _CLOSERS:
                depth = max(0, depth - 1)
            if ord(ch) in self.drop:
                continue
            kept.append(ch)
            masked.append(_MASK if depth else ch)
        return "".join(kept), "".join(masked)

    def _strip_leading(self, chunk: str) -> str:
        """``chunk`` without the leading words of ``self.leading`` at its start (each longest first)."""
        while chunk.startswith(self.leading):
            chunk = chunk[len(_affix(chunk, self.leading_by_length, 1)) :]  # type: ignore[arg-type]
        return chunk

    def _after_np(self, text: str, end: int, next_start: int) -> tuple[str | None, bool]:
        """The noun phrase right after the unit (39起重特大案件被… → 重特大案件) and whether a closer ends it."""
        i = end
        if text[i : i + 1] == "的":
            i += 1
        hi = min(next_start, i + 16, len(text))
        stops = self.np_stops
        if i >= hi or text[i] in stops or text[i].isdigit():
            return None, False  # most quantities end at punctuation: no phrase after them
        # The first stop or digit in [i + 1, hi): the class finds candidates in C, each one confirmed.
        j = i + 1
        while (found := self.np_end.search(text, j, hi)) is not None:
            j = found.start()
            if text[j] in stops or text[j].isdigit():
                break
            j += 1
        else:
            j = hi
        closed = j < len(text) and text[j] in "”」』》"
        chunk = text[i:j]
        if chunk.startswith("、"):
            return None, False  # 35人、行政处罚57人: the next list item, not a noun for this one
        if "的" in chunk and i == end:
            head, _, tail = chunk.partition("的")
            # 31名工作人员的劳动合同 counts the people; 数千个长期无人认领的证件 counts the 证件.
            chunk = head if head.endswith(self.person_suffixes) else tail
        if _affix(chunk, self.after_initial_by_length, 1) is not None:
            return None, False
        verb = _affix(chunk, self.verbs_by_length, 1)
        if verb and not chunk.startswith(self.nominal_verbs):
            return None, False  # 近千人参与: a verb follows, nothing counted after the number
        stop = self.after_stops.search(chunk, 1) if chunk else None
        if stop is not None:
            if stop[0] in self.conjunctions and stop.end() == len(chunk) and text[j : j + 1] in self.delims:
                # A conjunction needs what it joins: one right before punctuation is the last character
                # of a word (两家握手言和，), so what follows the number is no noun phrase.
                return None, False
            chunk, closed = chunk[: stop.start()], False
        chunk = chunk.strip()
        if not chunk or chunk in self.after_ignore:
            return None, False
        if _affix(chunk, self.verbs_by_length, 1) is not None and chunk not in self.nominal_verbs:
            return None, False
        return chunk, closed


def _short_words(words: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of one character and those of two (a window of two characters holds no longer one)."""
    assert all(words), "an empty word would end every text"
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


@lru_cache(maxsize=4096)  # a pure function of a short numeral: the same few (两, 三万, 1.5亿) recur everywhere
def _zh_value(raw: str, raw2: str | None, mult: str) -> tuple[numerals.Number, numerals.Number | None] | None:
    """Value and range end of a Chinese numeral part; None when it does not parse."""
    try:
        factor = numerals.multiplier(mult)
        if raw2:
            low, high = numerals.range_ends(raw, raw2)  # 两到三万 → 20000..30000
            return _exact(low, factor), _exact(high, factor)
        if raw == "半":
            return _exact(Decimal("0.5"), factor), None
        rng = numerals.parse_range(raw)
        if rng:
            return _exact(rng[0], factor), _exact(rng[1], factor)
        return _exact(numerals.parse(raw), factor), None
    except numerals.NumeralError:
        return None


