"""What a pattern's text tells the stages that run it: whether its branches are tied together, its
top-level branches, whether a match can cross a line, and the words every match must hold."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import regex

try:  # the standard parser is private: without it no pattern has required words (slower, same output)
    import re._constants as re_constants
    import re._parser as re_parser
except ImportError:  # pragma: no cover
    re_parser = None  # type: ignore[assignment]

# Inline flags for the whole pattern (?i) and back-references tie branches together: never split those.
_TIED = regex.compile(r"\(\?[a-zA-Z-]+\)|\\[1-9]|\(\?P=|\\g<")


def ties_branches(pattern: str) -> bool:
    """True when ``pattern`` holds what ties its branches together (inline flags, back-references)."""
    return _TIED.search(pattern) is not None


def top_branches(pattern: str) -> list[str]:
    """The top-level branches of ``pattern`` (``a|(b|c)|[|]`` → ``a``, ``(b|c)``, ``[|]``), else it whole.

    Whole when it cannot be split safely: inline flags, back-references, unbalanced groups, or a
    branch that does not compile alone.
    """
    if ties_branches(pattern):
        return [pattern]
    out: list[str] = []
    depth, start, i, n = 0, 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1  # a ] first in a class is a literal
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    if depth != 0:
        return [pattern]
    try:
        for branch in out:
            regex.compile(branch)
    except regex.error:
        return [pattern]
    return out


# The openings of ``(?…)`` that cannot make a pattern read a line break: groups, look-arounds, named
# groups and references, and the flag i (the en cues' ``(?-i:On)``).
_SAFE_GROUPS = (":", "=", "!", "<=", "<!", "P<", "P=", "i:", "i)", "-i:", "-i)")


@cache
def line_local(pattern: str) -> bool:
    """True when no match of ``pattern`` can hold or test a line break, judged from its text.

    Such a pattern finds the same matches in a line scanned alone (the text before it visible to
    look-behinds, the line's own break to look-aheads) as in a scan of the whole text: no match can
    run from one line into the next and hide a match of that line.  Allowed: literals, classes,
    ``\\d \\w \\b \\B``, escaped punctuation, groups, look-arounds and the flag i.  Anything else
    (``.``, ``[^…]``, ``\\s``, ``\\W``, ``\\p{…}``, ``$``, other inline flags, a line break) might read
    one, and so might a class holding one of those; the judgement errs towards False.
    """
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if not nxt or nxt == "\n" or (nxt.isalnum() and nxt not in "dwbB"):
                return False
            i += 2
            continue
        if ch in ".$" or ch < " " or pattern.startswith("[^", i):
            return False
        if pattern.startswith("(?", i) and not pattern.startswith(_SAFE_GROUPS, i + 2):
            return False
        i += 1
    return True


# The most strings one word set of ``required_words`` may hold: each costs a search of the paragraph.
_MAX_WORDS = 8
_MAX_BRANCH_WORDS = 16  # the words of an alternation of words (上半年|下半年|第一季度|…)
_MAX_SETS = 3  # the sets tested per paragraph, at most: each rules out less than the one before
# What the standard parser reads otherwise than ``regex`` does: POSIX classes, fuzzy counts, Unicode
# properties and names (``\\p{Han}`` fails to parse, but a ``{`` that is no count is read as a literal).
# An escaped ``\\{`` is a literal to both.
_FOREIGN_SYNTAX = re.compile(r"\[:|(?<!\\)(?:\\\\)*\{(?!\d*,?\d*\})|\\[pPN]")


@cache
def required_words(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...]:
    """Sets of strings such that every match of ``pattern`` holds one string of each set, best first.

    Read from the pattern's parse tree: literals, small classes, alternations of them, groups, and
    repeats taken at least once; runs of such items give longer strings (``截[至止]`` → 截至, 截止).  A
    paragraph holding no string of one set holds no match, and a ``str.find`` says so at a fraction of
    the cost of a regex search.  Empty (nothing known) for a case-insensitive pattern, inline flags, or
    a pattern the standard parser would read otherwise than ``regex``.
    """
    if re_parser is None or flags & re.IGNORECASE or _FOREIGN_SYNTAX.search(pattern):
        return ()
    try:
        parsed = re_parser.parse(pattern)
    except (re.error, RecursionError):
        return ()
    if parsed.state.flags & ~(re.UNICODE | re.VERBOSE):  # a global inline flag: (?i), (?s) …
        return ()
    # a word holding another of its set rules nothing more out (第一季度 beside 一季度)
    found = {frozenset(w for w in words if not any(o != w and o in w for o in words)) for words in _needed(list(parsed))}
    kept: list[frozenset[str]] = []
    for words in sorted(found, key=lambda words: (len(words), -min(map(len, words)), sorted(words))):
        # a set that a kept one implies (月份 or 月 where 月 is needed) rules nothing more out
        if not any(all(any(w in a for w in words) for a in sure) for sure in kept):
            kept.append(words)
    return tuple(tuple(sorted(words)) for words in kept[:_MAX_SETS])


def _needed(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The word sets a sequence of parse items needs (see required_words)."""
    out: list[frozenset[str]] = []
    run: frozenset[str] | None = None  # what the current run of exactly-known items matches
    for op, av in items:
        exact = _exact(op, av)
        if exact is not None and run is not None and len(run) * len(exact) <= _MAX_WORDS:
            run = frozenset(a + b for a in run for b in exact)
            continue
        if run is not None and "" not in run:
            out.append(run)
        run = exact if exact is not None and len(exact) <= _MAX_WORDS else None
        out += _needed_by(op, av)
    if run is not None and "" not in run:
        out.append(run)
    return out


def _best(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best word set a sequence of parse items needs, or None."""
    found = _needed(items)
    return min(found, key=lambda words: (len(words), -min(map(len, words)))) if found else None


def _needed_by(op: Any, av: Any) -> list[frozenset[str]]:
    """The word sets every match of one parse item holds one of each of (a group: all of its own)."""
    if op is re_constants.LITERAL:
        return [frozenset(chr(av))]
    if op is re_constants.IN:
        chars = _class_chars(av)
        return [chars] if chars is not None else []
    if op is re_constants.SUBPATTERN:
        _, add, remove, sub = av
        return [] if add or remove else _needed(list(sub))
    if op is re_constants.ATOMIC_GROUP:
        return _needed(list(av))
    if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
        low, _, sub = av
        return _needed(list(sub)) if low >= 1 else []
    if op is re_constants.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            words = _best(list(branch))
            if words is None:
                return []
            union |= words
        return [frozenset(union)] if len(union) <= _MAX_BRANCH_WORDS else []
    return []


def _exact(op: Any, av: Any) -> frozenset[str] | None:
    """Every string one parse item can match, when they are few, else None."""
    if op is re_constants.LITERAL:
        return frozenset(chr(av))
    if op is re_constants.IN:
        return _class_chars(av)
    if op in (re_constants.AT, re_constants.ASSERT, re_constants.ASSERT_NOT):
        return frozenset({""})  # zero-width: the match around it is what the items beside it match
    if op is re_constants.SUBPATTERN:
        _, add, remove, sub = av
        return None if add or remove else _exact_sequence(list(sub))
    if op is re_constants.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            words = _exact_sequence(list(branch))
            if words is None:
                return None
            union |= words
        return frozenset(union) if len(union) <= _MAX_WORDS else None
    if op is re_constants.MAX_REPEAT or op is re_constants.MIN_REPEAT:
        low, high, sub = av
        once = _exact_sequence(list(sub))
        if once is None or high > 2:
            return None
        out, power = set(), frozenset({""})
        for times in range(high + 1):
            if times >= low:
                out |= power
            power = frozenset(a + b for a in power for b in once)
        return frozenset(out) if len(out) <= _MAX_WORDS else None
    return None


def _exact_sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """Every string a sequence of parse items can match, when they are few, else None."""
    out = frozenset({""})
    for op, av in items:
        exact = _exact(op, av)
        if exact is None or len(out) * len(exact) > _MAX_WORDS:
            return None
        out = frozenset(a + b for a in out for b in exact)
    return out


def _class_chars(av: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters a class of literals and small ranges matches (None for negated or category classes)."""
    chars: set[str] = set()
    for op, arg in av:
        if op is re_constants.LITERAL:
            chars.add(chr(arg))
        elif op is re_constants.RANGE and arg[1] - arg[0] < _MAX_WORDS:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:
            return None
    return frozenset(chars) if len(chars) <= _MAX_WORDS else None


def lacks(segment: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """True when ``segment`` holds no string of one of the word sets ``needs`` (so no match of theirs)."""
    for words in needs:
        for word in words:
            if word in segment:
                break
        else:
            return True
    return False
