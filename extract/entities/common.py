"""What both languages' entity rules share: the candidate type and how overlapping candidates resolve."""

from __future__ import annotations

from collections.abc import Iterable

Candidate = tuple[int, int, str]
# On equal length the more specific label wins.
_PRIORITY = {"ORG": 4, "PERSON": 3, "DATE": 2, "LOC": 1}


def resolve(cands: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by label priority, then leftmost.

    Candidates that overlap nothing are most of them: sorted by offset (a plain tuple sort), the
    candidates fall into groups that overlap only among themselves, and only groups of two or more
    need the longest-first choice.
    """
    chosen: list[Candidate] = []
    group: list[Candidate] = []
    reach = -1  # the furthest end of the candidates seen so far
    for c in sorted(set(cands)):
        if c[0] >= reach:  # nothing before c reaches into it: the group so far is closed
            if group:
                _choose(group, chosen)
            group = [c]
        else:
            group.append(c)
        if c[1] > reach:
            reach = c[1]
    if group:
        _choose(group, chosen)
    return chosen


def _choose(group: list[Candidate], chosen: list[Candidate]) -> None:
    """Append to ``chosen`` the candidates of one overlapping group that win, by offset."""
    if len(group) == 1:
        if group[0][1] > group[0][0]:
            chosen.append(group[0])
        return
    won: list[Candidate] = []
    taken: set[int] = set()
    for c in sorted(group, key=_rank):
        s, e, _ = c
        if e <= s or not taken.isdisjoint(range(s, e)):
            continue
        won.append(c)
        taken.update(range(s, e))
    won.sort()
    chosen.extend(won)


def _rank(c: Candidate) -> tuple[int, int, int]:
    return c[0] - c[1], -_PRIORITY[c[2]], c[0]
