"""What both languages' entity rules share: the candidate type and how overlapping candidates resolve."""

from __future__ import annotations

from collections.abc import Iterable

Candidate = tuple[int, int, str]
# On equal length the more specific label wins.
_PRIORITY = {"ORG": 4, "PERSON": 3, "DATE": 2, "LOC": 1}


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

