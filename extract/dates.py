"""DATE mentions (SPEC section 6) and their ISO ``value``, resolved against the publication date.

``今年4月`` in an article published 2023-12-22 is ``2023-04``; ``去年`` is ``2022``; a day and month
without a year (``12月21日``) takes the publication year.  Without a publication date only absolute
dates get a value.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import regex

from . import patterns
from .lexicon import matches_at

_REL_YEAR = {"今": 0, "本": 0, "去": -1, "前": -2, "明": 1}
_PART_ZH = "(?:初|底|末|中|上半年|下半年|年初|年底|年末|年中)"
_DAY_PART = "(?:凌晨|早上|上午|中午|下午|傍晚|晚上|夜间|夜里|晚|早)"

# A Chinese date: year (absolute or relative), month, day, a range end and a clock time, each optional
# but at least one part present.  Every quantifier is bounded, so the pattern is linear.
_ZH = (
    # Every kept date has a year, a relative year or a month, so it starts with a digit or one of
    # 今去前明本: the lookahead stops the all-optional pattern from matching empty at every position.
    r"(?=[\d今去前明本])(?<![\d年])"
    r"(?:"
    r"(?P<y>(?:19|20)\d\d)(?:年度?|-(?=\d{1,2}-)|/(?=\d{1,2}/)|\.(?=\d{1,2}\.\d))"
    r"|(?P<ry>[今去前明本])年度?"
    r")?"
    r"(?:(?P<ypart>初|底|末|中|上半年|下半年)(?![\d一二三四五六七八九十]))?"
    r"(?:(?P<m>1[0-2]|0?[1-9])(?:月份?|-(?=\d)|/(?=\d)|\.(?=\d))(?P<mpart>初|底|末|中旬|上旬|下旬|中|份)?)?"
    r"(?:(?P<d>3[01]|[12]\d|0?[1-9])(?:日|号|(?<=[-/.]\d{1,2})(?!\d))"
    r"(?:(?:至|到|-|—|~)(?P<d2>3[01]|[12]\d|0?[1-9])日)?"
    r"(?:\s?" + _DAY_PART + r")?"
    r"(?:\s?(?P<hh>[01]?\d|2[0-3])(?:时|:|点)(?P<mm>[0-5]\d)(?:分)?)?"
    r")?"
)
_ZH_RE = regex.compile(_ZH)
# Where a non-empty _ZH_RE match can start. Its first part is a year (four digits and 年 - / .),
# a relative year (今年), a month (one or two digits and 月 - / .) or a day (one or two digits and
# 日 号, or digits right after - / . for 2023-12-5): so a run of at most four digits before one of
# those marks, 今年 and the like, or a digit after - / . . Trying _ZH_RE only there halves find_zh:
# the regex engine cannot skip ahead to the possible starts of a pattern that opens with lookarounds.
# No start lies inside a match of this pattern (those positions follow a digit), so finditer sees them all.
_ZH_STARTS = regex.compile(r"(?<![\d年])(?:\d{1,4}[年\-/.月日号]|[今去前明本]年|(?<=[-/.])\d)")
# _ZH_STARTS asks the regex engine at every position of the text; the marks it needs are few, so
# _date_starts finds them with str.find and reads the digits before each (the same starts, 2.5x faster).
_DATE_MARKS = "年-/.月日号"
_REL_YEARS = frozenset("今去前明本")
_DIGIT = regex.compile(r"\d")


def _is_digit(ch: str) -> bool:
    """Whether ``regex``'s ``\\d`` matches ``ch``: ``str.isdecimal`` agrees in the BMP, not beyond (newer digits)."""
    return ch.isdecimal() if ch <= "\uffff" else _DIGIT.match(ch) is not None


def _opens_date(text: str, p: int) -> bool:
    """``(?<![\\d年])`` at ``p``: no digit and no 年 right before it."""
    return p == 0 or not (text[p - 1] == "年" or _is_digit(text[p - 1]))


def _date_starts(text: str) -> list[int]:
    """``[m.start() for m in _ZH_STARTS.finditer(text)]``, read back from the marks that end a date's first part.

    A start is the first of one to four digits before a mark, 今年 and the like, or a digit right
    after - / . ; no start lies inside another's match, so finditer reports every such position.
    """
    starts: set[int] = set()
    for mark in _DATE_MARKS:
        q = text.find(mark)
        while q >= 0:
            p = q
            while p > 0 and q - p < 5 and _is_digit(text[p - 1]):
                p -= 1
            if 0 < q - p < 5:  # the whole run of digits before the mark (a longer one has no start)
                if _opens_date(text, p):
                    starts.add(p)
            elif p == q and mark == "年" and q and text[q - 1] in _REL_YEARS and _opens_date(text, q - 1):
                starts.add(q - 1)
            if mark in "-/." and q + 1 < len(text) and _is_digit(text[q + 1]):
                starts.add(q + 1)
            q = text.find(mark, q + 1)
    return sorted(starts)


# A bare day (8日，… / 记者16日从… / 21日上午): a day of the publication month, as news reports write it.
# Only at the head of a clause and before a comma, a part of day, a clock time or 从/在/起/晚, so a
# count of days (3日内, 用时5日) is not a date.
_ZH_BARE_DAY = regex.compile(
    r"(?:(?<=^|[\n，,。；;：:！？\s（(）)”」』]|记者|者于|于)(?P<d>3[01]|[12]\d|[1-9])日)"
    r"(?=[，,]|" + _DAY_PART + r"|\d{1,2}(?:时|:|点)|[从在起晚])"
    r"(?:\s?" + _DAY_PART + r")?(?:\s?(?P<hh>[01]?\d|2[0-3])(?:时|:|点)(?:(?P<mm>[0-5]\d)分?)?许?)?",
    flags=regex.M,
)
_ZH_DAYS: regex.Pattern[str] | None = None

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
_EN_RE = regex.compile(
    r"\b(?:"
    r"(?:(?:the\s)?(?P<part>end|beginning|start|middle|first\shalf|second\shalf)\sof\s)?"
    r"(?:" + _MON + r"(?:\s(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s?[-–]\s?(?P<d2>[12]\d|3[01]|0?[1-9]))?)?"
    r"(?:,?\s(?P<y>(?:19|20)\d\d)|\s(?P<rel1>this|last|next)\syear)?"
    r"|(?P<rel>this|last|next)\s(?P<unit>year|month|week)"
    r"|(?<=(?:\b(?:in|of|since|until|by|during|from|to|before|after|early|late|mid)\s))(?P<y2>(?:19|20)\d\d)(?![-\d])"
    r"|(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    r"))\b",
    regex.IGNORECASE,
)


def _zh_days() -> regex.Pattern[str]:
    global _ZH_DAYS
    if _ZH_DAYS is None:
        words = patterns.load("zh", "entities").get("date", {}).get("relative_days", [])
        _ZH_DAYS = regex.compile("|".join(regex.escape(w) for w in words) or r"(?!x)x")
    return _ZH_DAYS


def find_zh(text: str, published: str | None = None) -> list[tuple[int, int, str | None]]:
    """Chinese DATE spans ``(start, end, value)`` in ``text``."""
    ref = _ref(published)
    out: list[tuple[int, int, str | None]] = []
    for m in matches_at(partial(_ZH_RE.match, text), _date_starts(text)):
        start, end = m.span()
        if end == start:
            continue
        # every group the checks and the value read, fetched at once (a look-up by name costs as much as the rest)
        y, ry, mo, ypart, d, hh, mm = m.group("y", "ry", "m", "ypart", "d", "hh", "mm")
        if not (y or ry or mo):
            continue
        if mo and not y and text.find("月", start, end) < 0:
            continue  # 8.3 or 10-7 without a year is a number, not a date
        if ypart and not (y or ry):
            continue
        out.append((start, end, _value_zh(y, ry, mo, d, hh, mm, ref)))
    for m in _zh_days().finditer(text):
        out.append((m.start(), m.end(), None))
    for m in _ZH_BARE_DAY.finditer(text):
        out.append((m.start(), m.end(), _bare_day(int(m["d"]), ref)))
    return out


def _bare_day(day: int, ref: dt.date | None) -> str | None:
    """The date of a day named alone: in the publication month, or the month before if still to come."""
    if ref is None:
        return None
    year, month = ref.year, ref.month
    if day > ref.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_PUBLISHED = regex.compile(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?")


def _ref(published: str | None) -> dt.date | None:
    m = _PUBLISHED.match(published or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return dt.date(int(m[1]), 1, 1)


def _year_of_month(ref: dt.date, month: int) -> int:
    """The year of a month named without one, taken as its nearest occurrence around the publication date."""
    # Reports look back: 12月28日 in an article of 2024-01-05 is 2023-12-28, not a date a year ahead.
    return ref.year - 1 if month - ref.month > 6 else ref.year


def _value_zh(
    y: str | None, ry: str | None, mo: str | None, d: str | None, hh: str | None, mm: str | None, ref: dt.date | None
) -> str | None:
    """The ISO value of a Chinese date from its year, relative year, month, day, hour and minute groups."""
    year: int | None = int(y) if y else None
    if ry:
        year = ref.year + _REL_YEAR[ry] if ref else None
    if year is None and ref is not None and mo:
        year = _year_of_month(ref, int(mo))
    if year is None:
        return None
    if not mo:
        return f"{year:04d}"
    month = int(mo)
    if not d:
        return f"{year:04d}-{month:02d}"
    day = int(d)
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}"
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if hh and mm:
        value += f"T{int(hh):02d}:{mm}"
    return value


def find_en(text: str, published: str | None = None) -> list[tuple[int, int, str | None]]:
    """English DATE spans ``(start, end, value)`` in ``text``."""
    ref = _ref(published)
    out: list[tuple[int, int, str | None]] = []
    for m in _EN_RE.finditer(text):
        start, end = m.start(), m.end()
        if m["iso"]:
            tail = regex.match(r"\s(?:[01]\d|2[0-3]):[0-5]\d", text[end : end + 6])
            if tail:
                end += tail.end()
            out.append((start, end, m["iso"]))
            continue
        out.append((start, end, _value_en(m, ref)))
    return out


def _value_en(m: regex.Match[str], ref: dt.date | None) -> str | None:
    if m["y2"]:
        return m["y2"]
    if m["wd"]:
        return None
    if m["rel"]:
        if ref is None or m["unit"].lower() != "year":
            return None
        return f"{ref.year + {'this': 0, 'last': -1, 'next': 1}[m['rel'].lower()]:04d}"
    year: int | None = int(m["y"]) if m["y"] else None
    if m["rel1"] and ref is not None:
        year = ref.year + {"this": 0, "last": -1, "next": 1}[m["rel1"].lower()]
    if year is None and ref is not None:
        year = _year_of_month(ref, _MONTHS[m["mon"].lower()]) if m["mon"] else ref.year
    if m["mon"] is None:
        return f"{year:04d}" if year else None
    if year is None:
        return None
    month = _MONTHS[m["mon"].lower()]
    if m["d"]:
        return f"{year:04d}-{month:02d}-{int(m['d']):02d}"
    return f"{year:04d}-{month:02d}"
