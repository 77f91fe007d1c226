"""Layout stage: the article's headline and publication date from its first lines.

Web captures start with site chrome: navigation bars, breadcrumbs (``首页 > 公安 > 正文``), greetings
(``您好!欢迎访问…``), image file names (``微信截图_….png``) and column labels.  The title is the first
line that is none of these; the publication date comes from a page timestamp line (``发布时间:``,
``来源:… 2018-10-13 04:55``, ``2023-12-22来源:``, ``Updated: …``) or a dateline, and is None when the
head of the text gives no year.
"""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .doc import doc_text, norm_text, register_extensions

_HEAD_LINES = 15
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


def _is_title(line: str) -> bool:
    if _CHROME.search(line) or _META.search(line):
        return False
    n = len(line)
    if n < 6 or n > 250:
        return False
    words = _LIST_ITEM.findall(line)
    han = sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff")
    # a navigation bar: many short space-separated items (四川新闻 成都市 绵阳市 …)
    if han and len(words) >= 4 and max(len(w) for w in words) <= 6:
        return False
    # a Latin-script title needs a few words; a date or number line is no title
    return bool(han) or len(words) >= 3


def find_title(text: str) -> str | None:
    """The first line near the top that reads like a headline (not navigation or chrome), as written."""
    for line in text.splitlines()[:_HEAD_LINES]:
        line = line.strip()
        if _is_title(line):
            return line
    return None


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


class LayoutComponent:
    """Sets ``doc._.title`` and ``doc._.published`` unless the input already supplied them."""

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
        return doc
