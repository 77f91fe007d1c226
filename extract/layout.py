"""Layout stage: the article's headline and publication date from its first lines.

Web captures start with site chrome: navigation bars, breadcrumbs (``首页 > 公安 > 正文``), greetings
(``您好!欢迎访问…``), image file names (``微信截图_….png``) and column labels.  The title is the first
line that is none of these; the publication date comes from a page timestamp line (``发布时间:``,
``来源:… 2018-10-13 04:55``, ``2023-12-22来源:``, ``Updated: …``) or a dateline, and is None when the
head of the text gives no year.
"""

from __future__ import annotations

import re
from functools import cache

import regex
from spacy.language import Language
from spacy.tokens import Doc

from . import patterns
from .doc import doc_text, norm_text, register_extensions
from .regexes import lacks, required_words, ties_branches

_HEAD_LINES = 15
CODE_KEY = ("extract", "code_regions")  # doc.user_data key: the blanked (start, end) code lines
# doc.user_data key: (start, end) lines of a page's furniture (menus, link lists: extract.html)
FURNITURE_KEY = ("extract", "furniture")
_MONTHS = "January February March April May June July August September October November December".split()
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_NUM = regex.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s?(?:[-/.]|年)\s?(?P<m>1[0-2]|0?[1-9])\s?(?:[-/.]|月)\s?(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
)
_DATE_YM = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)年(?P<m>1[0-2]|0?[1-9])月(?!\d)")
_DATE_EN = regex.compile(
    rf"\b(?:{_MON}\s(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s(?P<y>(?:19|20)\d\d)"
    rf"|(?P<d2>3[01]|[12]\d|0?[1-9])\s{_MON.replace('mon', 'mon2')}\s(?P<y2>(?:19|20)\d\d))\b",
    regex.IGNORECASE,
)
# Lines that carry the page timestamp.
_META = regex.compile(
    r"发布时间|发布日期|发稿时间|时间[:：]|日期[:：]|来源[:：]|作者[:：]|编辑[:：]|浏览|"
    r"\b(?:Published|Updated|Posted|Date|Source)\b|\((?:Xinhua|AP|AFP|Reuters)\)",
    regex.IGNORECASE,
)
# Site chrome, never a headline.
_CHROME = regex.compile(
    r"[>|｜»]|首页|欢迎访问|您好|您的位置|当前位置|无障碍|登录|注册|字体|打印本页|关闭窗口|分享到"
    r"|\.(?:png|jpe?g|gif|bmp|webp)\s*$|^\s*(?:https?://|www\.)",
    regex.IGNORECASE,
)
_LIST_ITEM = regex.compile(r"\S+")
_HAN = re.compile("[\u4e00-\u9fff]")  # a plain range: ``re`` finds it at less cost per call


def _is_title(line: str) -> bool:
    if _CHROME.search(line) or _META.search(line):
        return False
    n = len(line)
    if n < 6 or n > 250:
        return False
    words = _LIST_ITEM.findall(line)
    han = _HAN.search(line) is not None
    # a navigation bar: many short space-separated items (四川新闻 成都市 绵阳市 …)
    if han and len(words) >= 4 and max(len(w) for w in words) <= 6:
        return False
    # a Latin-script title needs a few words; a date or number line is no title
    return han or len(words) >= 3


# CSS or script residue: a rule block, a declaration list, a statement.  Branches of one alternation,
# asked only whether any matches: each searched alone (``regex`` scans a mixed alternation slower).
_CODE = tuple(
    regex.compile(p)
    for p in (r"[{}]", r"^\s*[.#]?[\w-]+\s*:\s*[^:]+;", r"\b(?:var|function|window|document)\b\s*[\w.(=]", r"^\s*//", r"</?\w+[^>]*>")
)
def any_match(branches: tuple[regex.Pattern[str], ...], text: str) -> bool:
    """True when one of ``branches`` matches in ``text``: as the alternation of them would, faster."""
    for branch in branches:  # a loop, not any() over a generator: this runs for every line of a text
        if branch.search(text):
            return True
    return False


# a breadcrumb or section label: items joined by slashes (Home / China / Society), or a bracketed tool
_SECTION = regex.compile(r"^\S+(?:\s+/\s+\S+)+$|^\s*\[[^\]]*\]|^第\s*\d+\s*版")
# a line that ends a sentence is body text, not a headline
_SENTENCE_END = regex.compile(r"[。！？；]$")


@cache
def _chrome_words() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Site-name suffixes, outlet names, outlet tags and chrome words of both languages."""
    suffixes: list[str] = []
    media: set[str] = set()
    tags: list[str] = []
    chrome: list[str] = []
    for lang in ("zh", "en"):
        data = patterns.load(lang, "layout")
        suffixes += data.get("site_suffixes", [])
        media |= {m.casefold() for m in data.get("media", [])}
        tags += data.get("media_tags", [])
        chrome += data.get("chrome", [])
    return tuple(suffixes), frozenset(media), tuple(tags), tuple(chrome)


@cache
def _outlet_prefixes() -> tuple[str, ...]:
    """The outlet names a byline may open with (the non-ASCII ones, casefolded)."""
    return tuple(m for m in _chrome_words()[1] if not m.isascii())


def _is_site_line(line: str) -> bool:
    """A site, agency or outlet name, a section label, player or page-tool line, or code residue."""
    suffixes, media, tags, chrome = _chrome_words()
    if any_match(_CODE, line) or _SECTION.search(line) or any(w in line for w in chrome):
        return True
    if line.endswith(suffixes):
        return True
    words = line.split()
    if not words:
        return False
    # an outlet name alone or with a tag (人民公安报 电子版, People's Daily Online)
    core = " ".join(w for w in words if w not in tags)
    if core.casefold() in media or words[0].casefold() in media and len(words) <= 3:
        return True
    # a byline or report line opening with an outlet's name (澎湃新闻记者 贺一鸣, 人民网讯)
    if len(line) <= 30 and line.casefold().startswith(_outlet_prefixes()):
        return True
    # an all-caps section label (CHINA / SOCIETY, ADVERTISEMENT)
    return line.upper() == line and _HAN.search(line) is None


def _is_anchor(line: str) -> bool:
    """A timestamp, source or dateline line: the headline stands right before one."""
    return bool(_META.search(line) or _date_in(line))


def find_title(text: str) -> str | None:
    """The headline near the top, as written, or None where the page shows none (SPEC section 2).

    The headline is the title-like line right before a timestamp or dateline line; failing that, the
    first title-like line that does not end a sentence (a body paragraph is never a headline).
    """
    lines = [ln.strip() for ln in text.splitlines()[:_HEAD_LINES]]
    lines = [ln for ln in lines if ln]
    if len(lines) < 2:
        return None  # a headline stands over a text: one line alone is the text
    anchors: dict[int, bool] = {}  # asked of a line as a candidate and again as the next line's anchor

    def anchor(i: int) -> bool:
        if i not in anchors:
            anchors[i] = _is_anchor(lines[i])
        return anchors[i]

    judged: dict[int, bool] = {}  # lines are judged in order, as far as the answer needs: most
    # headlines are the first line or two, and the checks cost more than the rest of the stage

    def ok(i: int) -> bool:
        if i not in judged:
            ln = lines[i]
            judged[i] = _is_title(ln) and not _is_site_line(ln) and not anchor(i) and not _SENTENCE_END.search(ln)
        return judged[i]

    for i in range(len(lines) - 1):
        if ok(i) and anchor(i + 1):
            # a headline with a subtitle under it: the first of the run of headline-like lines
            while i > 0 and ok(i - 1):
                i -= 1
            return lines[i]
    return next((ln for i, ln in enumerate(lines) if ok(i)), None)


def _iso(y: str, m: str, d: str | None = None) -> str:
    return f"{int(y):04d}-{int(m):02d}" + (f"-{int(d):02d}" if d else "")


def _date_in(line: str) -> str | None:
    m = _DATE_NUM.search(line)
    if m:
        return _iso(m["y"], m["m"], m["d"])
    m = _DATE_EN.search(line)
    if m:
        mon = (m["mon"] or m["mon2"])[:3].lower()
        month = next(i for i, name in enumerate(_MONTHS, 1) if name[:3].lower() == mon)
        return _iso(m["y"] or m["y2"], str(month), m["d"] or m["d2"])
    m = _DATE_YM.search(line)
    if m:
        return _iso(m["y"], m["m"])
    return None


def find_published(text: str) -> str | None:
    """The ISO publication date stated by a timestamp or dateline near the top, or None."""
    lines = [ln.strip() for ln in text.splitlines()[:_HEAD_LINES]]
    # a timestamp line first, then a short line that is mostly a date (a bare dateline)
    for line in lines:
        if _META.search(line) and (value := _date_in(line)):
            return value
    for line in lines:
        if len(line) <= 40 and (value := _date_in(line)):
            return value
    return None


@Language.factory("extract_layout")
def make_layout(nlp: Language, name: str) -> LayoutComponent:
    """spaCy factory for the layout (title and date) stage."""
    return LayoutComponent()


@cache
def _code_line() -> tuple[regex.Pattern[str], ...]:
    """The code-residue line rules of both languages (patterns/<lang>/layout.toml), one regex each.

    A line is code when the alternation of the rules matches in it, that is when one rule does; the
    rules are searched one by one as ``regex`` scans them alone faster.  Rules that tie to each other
    (an inline flag for the whole pattern, a back-reference by number) stay one alternation.
    """
    rules = [r for lang in ("zh", "en") for r in patterns.load(lang, "layout").get("code_lines", [])]
    if any(ties_branches(r) for r in rules):
        return (regex.compile("|".join(f"(?:{r})" for r in rules), regex.MULTILINE),)
    return tuple(regex.compile(f"(?:{r})", regex.MULTILINE) for r in rules)


@cache
def _code_needs() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """For each rule of ``_code_line()``, the word sets every match holds (``required_words``)."""
    return tuple(required_words(rule.pattern, rule.flags) for rule in _code_line())


def code_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of CSS or script residue in ``text``, newline excluded."""
    # A rule whose needed words (a brace, ``document.``, ``<script``…) the text lacks matches no line of
    # it: one substring test rules it out, and most articles keep no rule to run line by line.
    rules = tuple(rule for rule, needs in zip(_code_line(), _code_needs(), strict=True) if not lacks(text, needs))
    if not rules:
        return []
    regions: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and any_match(rules, body):
            regions.append((pos, pos + len(body)))
        pos += len(line)
    return regions


def mask(text: str, regions: list[tuple[int, int]]) -> str:
    """``text`` with every region blanked by spaces: same length, so offsets stay valid."""
    if not regions:
        return text
    parts: list[str] = []
    last = 0
    for s, e in regions:
        parts += [text[last:s], " " * (e - s)]
        last = e
    parts.append(text[last:])
    return "".join(parts)


class LayoutComponent:
    """Sets ``doc._.title`` and ``doc._.published`` unless the input already supplied them, and blanks code
    residue (CSS, script) in the normalised text so later stages take nothing from it."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Fill in the title and publication date of ``doc``."""
        text = norm_text(doc)
        if doc._.title is None:
            title = find_title(text)
            if title is not None:
                # report the headline as written (the normalised copy has the same offsets)
                start = text.index(title)
                title = doc_text(doc)[start : start + len(title)]
            doc._.title = title
        if doc._.published is None:
            doc._.published = find_published(text)
        # raw text for the rules: normalisation may turn full-width ：；into ASCII ones CSS is made of
        regions = code_regions(doc_text(doc))
        doc.user_data[CODE_KEY] = regions
        doc._.norm_text = mask(text, regions)
        return doc
