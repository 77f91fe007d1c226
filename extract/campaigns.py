"""Campaign stage: named enforcement operations and their canonical names (SPEC section 4).

Chinese, from ``patterns/zh/campaigns.toml``:

* code names of the catalogue, with a year before or after (``“净网2023”``, ``2021净网``,
  ``净网-2019``); an ambiguous code name (``清朗``) only quoted, with a year or before an operation word;
* any quoted name followed by an operation word (``“证件回家”专项工作``);
* catalogue names and aliases (``夏季行动`` → ``夏季治安打击整治行动``) and descriptions of code-named
  operations (``打击治理开办贩卖电话卡、银行卡专项行动`` → ``断卡``);
* descriptive names: a run of Han characters ending in an operation word (``…专项行动``, ``…大会战``),
  starting after the last verb or function word before it (``开展``, ``的``, ``和``).

English, from ``patterns/en/campaigns.toml``: code names (quoted, with a year, after "Operation" or before
campaign/operation/action) and descriptive phrases, all mapped to the Chinese canonical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, NamedTuple

import regex
from spacy.language import Language
from spacy.tokens import Doc

from schemas import Campaign

from . import patterns
from .doc import add_to_layer, doc_text, norm_text
from .lexicon import WordScanner, matches_at
from .lexicon import alternation as _alt
from .normalize import normalize

_OPEN = "“\"‘'「『"
_CLOSE = "”\"’'」』"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_SEP = r"[-—–·•_ ]?"
_MAX_RUN = 30
_HAN_RUN_REVERSED = re.compile("(?:、?[\u4e00-\u9fff])*")


class Found(NamedTuple):
    """A campaign mention before overlap resolution; lower ``rank`` wins an overlap."""

    start: int
    end: int
    name: str
    year: int | None
    rank: int


@dataclass(frozen=True)
class ZhRules:
    """The compiled Chinese recognisers."""

    code: re.Pattern[str]
    code_names: dict[str, tuple[str, bool]]  # alias -> (name, ambiguous)
    code_name: re.Pattern[str] | None  # the code names alone; None when one holds a digit or separator
    named: WordScanner
    named_map: dict[str, str]  # alias / description -> canonical name
    quoted: regex.Pattern[str]
    quoted_start: re.Pattern[str]  # where ``quoted`` can match: a cheap superset of its start positions
    ending: WordScanner
    follower: re.Pattern[str]
    starts: re.Pattern[str]
    generic: frozenset[str]
    bad_first: tuple[str, ...]
    bad_last: tuple[str, ...]
    min_body: int


def _entries(lang: str) -> list[dict[str, Any]]:
    return list(patterns.load(lang, "campaigns").get("campaign", []))



@cache
def zh_rules() -> ZhRules:
    """The Chinese recognisers, compiled once per process."""
    data = patterns.load("zh", "campaigns")
    desc = data.get("descriptive", {})
    code_names: dict[str, tuple[str, bool]] = {}
    named_map: dict[str, str] = {}
    for entry in _entries("zh"):
        name = entry["name"]
        if entry.get("kind", "code") == "code":
            for alias in [name, *entry.get("aliases", [])]:
                code_names[normalize(alias)] = (name, bool(entry.get("ambiguous", False)))
        else:
            for alias in [name, *entry.get("aliases", [])]:
                named_map[normalize(alias)] = name
        for phrase in entry.get("descriptions", []):
            named_map[normalize(phrase)] = name
    # Plain literal patterns run on the standard re (cheaper than regex for these); the lookahead of
    # possible first characters lets re skip every other position in C.
    firsts = re.escape("".join(sorted({"1", "2"} | {c[0] for c in code_names if c})))
    code = re.compile(
        rf"(?=[{firsts}])(?:(?P<y1>{_YEAR}){_SEP})?(?P<name>{_alt(list(code_names))})"
        rf"(?:{_SEP}(?P<y2>{_YEAR})(?!年))?"
    )
    # Code names hold no digit or separator (checked): every ``code`` match then has its name at s and
    # starts at s, s-4 or s-5 (a year, an optional separator), so ``code`` is tried at those places only.
    plain = all(not re.search(r"[\d\s\-—–·•_]", c) for c in code_names)
    code_name = re.compile(_alt(list(code_names))) if code_names and plain else None
    followers = desc.get("quoted_followers", ["专项行动", "行动"])
    quoted = regex.compile(
        rf"[{_OPEN}](?:(?P<y1>{_YEAR}){_SEP})?(?P<x>\p{{Han}}{{2,10}})(?:{_SEP}(?P<y2>{_YEAR}))?[{_CLOSE}]"
        rf"(?=(?:{_alt(followers)}))"
    )
    # Between the quotes of a ``quoted`` match: 2 to 20 characters, none of them a closing quote (years,
    # separators, Han characters); re finds such quote openings by scanning for the class, in C.
    quoted_start = re.compile(rf"[{_OPEN}](?=[^{_CLOSE}]{{2,20}}[{_CLOSE}](?:{_alt(followers)}))")
    return ZhRules(
        code=code,
        code_names=code_names,
        code_name=code_name,
        named=WordScanner(named_map),
        named_map=named_map,
        quoted=quoted,
        quoted_start=quoted_start,
        ending=WordScanner(desc.get("endings", ["专项行动"])),
        follower=re.compile(rf"(?:{_alt(followers)})"),
        starts=re.compile(_alt(desc.get("starts", ["开展"]))),
        generic=frozenset(desc.get("generic", [])),
        bad_first=tuple(desc.get("bad_first", [])),
        bad_last=tuple(desc.get("bad_last", [])),
        min_body=int(desc.get("min_body", 3)),
    )


def _is_quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in _OPEN and text[end] in _CLOSE


def _zh(text: str) -> list[Found]:
    r = zh_rules()
    found: list[Found] = []
    for m in _code_matches(r, text):
        name, ambiguous = r.code_names[m["name"]]
        year_s = m["y1"] or m["y2"]
        quoted = _is_quoted(text, m.start(), m.end())
        # “清朗·2023年暑期…”: a quoted name series, the year belongs to the edition title
        followed = bool(r.follower.match(text, m.end())) or (
            m.start() > 0 and text[m.start() - 1] in _OPEN and text[m.end() : m.end() + 1] in ("·", "•")
        )
        if ambiguous and not (quoted or year_s or followed):
            continue
        found.append(Found(m.start(), m.end(), name, int(year_s) if year_s else None, 0))
    for s, e in r.named.find(text):
        found.append(Found(s, e, r.named_map[text[s:e]], None, 1))
    for m in _quoted_matches(r, text):
        x = m["x"]
        year_s = m["y1"] or m["y2"]
        found.append(Found(m.start() + 1, m.end() - 1, x, int(year_s) if year_s else None, 2))
    for start, end in r.ending.find(text):
        span = _descriptive(r, text, start, end)
        if span is not None:
            s, e = span
            phrase = text[s:e]
            found.append(Found(s, e, r.named_map.get(phrase, phrase), None, 3))
    return found


def _code_matches(r: ZhRules, text: str) -> list[re.Match[str]]:
    """``list(r.code.finditer(text))``, trying the pattern only where a code name puts a match start."""
    if r.code_name is None:
        return list(r.code.finditer(text))
    starts: set[int] = set()
    for m in r.code_name.finditer(text):
        s = m.start()
        starts.add(s)
        # a year starts 19 or 20 (tested in place: a generator per name cost more than the test)
        if s >= 4 and text[s - 4] in "12":
            starts.add(s - 4)
        if s >= 5 and text[s - 5] in "12":
            starts.add(s - 5)
    return list(matches_at(partial(r.code.match, text), sorted(starts)))


def _quoted_matches(r: ZhRules, text: str) -> list[regex.Match[str]]:
    """``list(r.quoted.finditer(text))``, trying the pattern only at the openings ``quoted_start`` finds."""
    return list(matches_at(partial(r.quoted.match, text), (q.start() for q in r.quoted_start.finditer(text))))


def _descriptive(r: ZhRules, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The descriptive name ending at ``end`` (its operation word at ``start``), or None."""
    before = text[start - 1 : start]
    if r.min_body and not ("\u4e00" <= before <= "\u9fff" or before == "、"):
        return None  # no run of Han characters before it (most follow a closing quote): no body
    return _descriptive_run(r, text, start, end)


def _descriptive_run(r: ZhRules, text: str, start: int, end: int) -> tuple[int, int] | None:
    """``_descriptive`` read from the run before the operation word, whatever precedes it."""
    # The run of Han characters (and 、 between two of them) that ends at ``start``, within _MAX_RUN:
    # matched forward over the reversed window, in C.
    limit = max(0, start - _MAX_RUN)
    i = start - _HAN_RUN_REVERSED.match(text[limit:start][::-1]).end()
    run = text[i:start]
    cut = 0
    for m in r.starts.finditer(run):
        cut = m.end()
    body = run[cut:]
    if len(body) < r.min_body or body in r.generic or body.startswith("、"):
        return None
    if body.startswith(r.bad_first) or body.endswith(r.bad_last):
        return None
    return i + cut, end


def _en_code_pattern(codes: list[str]) -> regex.Pattern[str]:
    names = "|".join(
        regex.escape(c).replace(r"\ ", r"[\s-]+") for c in sorted(set(codes), key=len, reverse=True)
    ) or "(?!)"
    return regex.compile(
        rf"(?<![\w-])(?P<op>Operation\s+)?(?P<name>{names})(?:[\s-]*(?P<year>{_YEAR})|-(?P<num>\d{{1,2}})(?!\d))?(?![\w])",
        regex.IGNORECASE,
    )


@dataclass(frozen=True)
class EnRules:
    """The compiled English recognisers."""

    code: regex.Pattern[str]
    code_map: dict[str, str]
    phrase: regex.Pattern[str]
    groups: dict[str, str]
    operation_word: regex.Pattern[str]


@cache
def en_rules() -> EnRules:
    """The English recognisers, compiled once per process."""
    code_map: dict[str, str] = {}
    groups: dict[str, str] = {}
    alts: list[tuple[str, str]] = []
    for i, entry in enumerate(_entries("en")):
        for c in entry.get("codes", []):
            code_map[regex.sub(r"[\s-]+", " ", c.lower())] = entry["name"]
        for j, p in enumerate(entry.get("phrases", [])):
            g = f"p{i}_{j}"
            groups[g] = entry["name"]
            alts.append((g, p))
    alts.sort(key=lambda gp: -len(gp[1]))
    body = "|".join(f"(?P<{g}>{p})" for g, p in alts) or "(?!)"
    return EnRules(
        code=_en_code_pattern(list(code_map)),
        code_map=code_map,
        phrase=regex.compile(rf"(?<![\w-])(?:{body})(?![\w-])", regex.IGNORECASE),
        groups=groups,
        operation_word=regex.compile(
            r"[\"”’']?\s+(?:special\s+|series\s+of\s+|cluster\s+)?(?:campaigns?|operations?|actions?|crackdowns?)\b",
            regex.IGNORECASE,
        ),
    )


_OPERATION_HEADS = ("action", "campaign", "operation", "crackdown")


def _proper_operation(name: str) -> bool:
    """A code name written as a proper noun that names its own operation: ``Summer Action``."""
    words = name.split()
    return len(words) > 1 and all(w[:1].isupper() for w in words) and words[-1].lower() in _OPERATION_HEADS


def _en(text: str) -> list[Found]:
    r = en_rules()
    found: list[Found] = []
    for m in r.code.finditer(text):
        s, e = m.span()
        if m["op"]:
            s = m.start("name")
        name = r.code_map.get(regex.sub(r"[\s-]+", " ", m["name"].lower()))
        if name is None:
            continue
        quoted = _is_quoted(text, s, e)
        if not (quoted or m["year"] or m["op"] or r.operation_word.match(text, e) or _proper_operation(m["name"])):
            continue
        found.append(Found(s, e, name, int(m["year"]) if m["year"] else None, 0))
    for m in r.phrase.finditer(text):
        if m.lastgroup in r.groups:
            found.append(Found(m.start(), m.end(), r.groups[m.lastgroup], None, 1))
    return found


def recognise(lang: str, text: str) -> list[Campaign]:
    """The campaigns in ``text`` (normalised), as records with offsets into it."""
    return [
        Campaign(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            name=f.name,
            year=f.year,
            canonical=f"{f.name}{f.year or ''}",
        )
        for f in _find(lang, text)
    ]


def _find(lang: str, text: str) -> list[Found]:
    """The mentions of ``text`` (normalised) that win their overlaps, by start offset."""
    found = _zh(text) if lang == "zh" else _en(text)
    found.sort(key=lambda f: (f.rank, -(f.end - f.start), f.start))
    taken: list[Found] = []
    # Occupied character positions: mentions are short, so this stays linear in the text length.
    occupied: set[int] = set()
    for f in found:
        span = range(f.start, f.end)
        if not occupied.isdisjoint(span):  # any position taken (tested in C)
            continue
        occupied.update(span)
        taken.append(f)
    taken.sort(key=lambda f: f.start)
    return taken


@Language.factory("extract_campaigns", default_config={"lang": "zh"})
def make_campaigns(nlp: Language, name: str, lang: str) -> CampaignComponent:
    """spaCy factory for the campaign stage."""
    return CampaignComponent(lang)


class CampaignComponent:
    """Finds campaign names and stores them in ``doc.spans["campaigns"]``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        if lang == "zh":
            zh_rules()
        else:
            en_rules()

    def __call__(self, doc: Doc) -> Doc:
        """Add the campaigns of ``doc`` to its ``campaigns`` layer."""
        text = doc_text(doc)
        # Rows in Campaign field order, the text as written; doc_to_record validates them.
        rows = [
            {
                "text": text[f.start : f.end],
                "start": f.start,
                "end": f.end,
                "name": f.name,
                "year": f.year,
                "canonical": f"{f.name}{f.year or ''}",
            }
            for f in _find(self.lang, norm_text(doc))
        ]
        add_to_layer(doc, "campaigns", rows, label_field="canonical")
        return doc
