"""The time expressions of a paragraph and the calendar arithmetic of the period reader."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Sequence
from operator import itemgetter

import regex

# A time expression found in the text: its start and end, its kind (since, until, …) and the match.
_TimeHit = tuple[int, int, str, regex.Match[str]]
_second = itemgetter(1)


class _ParagraphTimes:
    """The time expressions of one paragraph, arranged so that a span's are found with two bisects.

    ``hits`` are in text order.  The hits of a paragraph never overlap (each lies in one sentence, and
    a sentence keeps no two that overlap), so by their ends they are also in order of their starts,
    and the hits wholly inside a span are a run of the list.  Should equal ends make the order
    ambiguous (empty matches), the spans are read by a plain filter instead.
    """

    def __init__(self, hits: list[_TimeHit]) -> None:
        self.hits = sorted(hits, key=_second)  # stable: equal ends stay in the paragraph's order
        self.starts = [h[0] for h in self.hits]
        self.ends = [h[1] for h in self.hits]
        self.kinds = [h[2] for h in self.hits]
        n = len(self.hits)
        self.ordered = all(self.ends[k - 1] < self.ends[k] and self.starts[k - 1] <= self.starts[k] for k in range(1, n))
        # else: every hit, latest end first, equal ends in the paragraph's order
        self.latest_first = [] if self.ordered else sorted(range(n), key=lambda k: -self.ends[k])
        # (hit index, campaign) → its (start, end), resolved when first asked for
        self.resolved: dict[tuple[int, str | None], tuple[str | None, str | None]] = {}
        # (hits nearest first, span before the figure's sentence, campaign) → the period they give
        self.periods: dict[tuple[Sequence[int], bool, str | None], tuple[str | None, str | None] | None] = {}

    def nearest(self, start: int, end: int) -> Sequence[int]:
        """Indexes of the hits wholly inside ``[start, end)``, the one ending latest first (hashable)."""
        if start >= end:
            return ()
        if self.ordered:
            lo = bisect.bisect_left(self.starts, start)
            hi = bisect.bisect_right(self.ends, end, lo)
            return range(hi - 1, lo - 1, -1)
        return tuple(k for k in self.latest_first if start <= self.starts[k] and self.ends[k] <= end)


_REL = {"今": 0, "本": 0, "去": -1, "前": -2, "this": 0, "last": -1}


def _group_year(groups: dict[str, str | None], ref: dt.date | None, year: int | None) -> int | None:
    if groups.get("y"):
        return int(groups["y"])  # type: ignore[arg-type]
    rel = groups.get("ry")
    if rel:
        base = ref.year if ref else year
        return base + _REL.get(rel.lower(), 0) if base else None
    return ref.year if ref else year


_MONTH_NAMES = {m.lower()[:3]: i for i, m in enumerate(calendar.month_name) if m}


def _month(groups: dict[str, str | None]) -> int | None:
    m = groups.get("m")
    if not m:
        return None
    return int(m) if m.isdigit() else _MONTH_NAMES.get(m.lower()[:3])


def _first_day(y: int | None, groups: dict[str, str | None]) -> str | None:
    if y is None:
        return None
    month = _month(groups) or 1
    day = int(groups["d"]) if groups.get("d") else 1
    try:
        return dt.date(y, month, day).isoformat()
    except ValueError:
        return None


def _last_day(y: int | None, groups: dict[str, str | None]) -> str | None:
    part = (groups.get("part") or "").lower()
    if y is None or part in ("中旬", "上旬", "下旬", "初", "mid", "early"):
        return None
    month = _month(groups)
    if month is None:
        return f"{y:04d}-12-31" if part in ("底", "末", "end") else None
    if groups.get("d"):
        try:
            return dt.date(y, month, int(groups["d"])).isoformat()  # type: ignore[arg-type]
        except ValueError:
            return None
    return dt.date(y, month, calendar.monthrange(y, month)[1]).isoformat()


_ISO_DATE = regex.compile(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?")


def _date(published: str | None) -> dt.date | None:
    m = _ISO_DATE.fullmatch(published or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None
