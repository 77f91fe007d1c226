"""The one numeral reader: Arabic, Chinese (小写 and 大写), mixed and English numerals to exact numbers.

``parse("8.3万")`` → 83000, ``parse("47.264287亿")`` → 4726428700, ``parse("两万五")`` → 25000,
``parse("5万4千6百")`` → 54600, ``parse("肆佰叁拾萬")`` → 4300000, ``parse("三兆五千亿")`` → 3.5e12,
``parse("负三点八")`` → -3.8, ``parse("二〇二三")`` → 2023.  ``EnglishNumbers`` reads cardinals written
in words (``two hundred and two thousand``, ``ninety-five``, ``half a dozen``) and digits with a
scale word or suffix (``1.5 million``, ``10k``, ``1.2bn``).  Arithmetic is exact (``Decimal``); a
result is an ``int`` when integral, else a ``Decimal``.  A string that is not a well-formed numeral
(``七十百``, ``thirty and six``) raises ``NumeralError`` instead of being read as something else.
``parse_range("五六百")`` gives the two ends of a Chinese approximate range, ``range_ends`` the two
ends of ``A到B`` with the multiplier of B carried to A.  Every function is linear in its input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

Number = int | Decimal
# Longer strings are serial numbers or garbage, never a stated amount; the cap keeps parsing cheap.
MAX_LENGTH = 64

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "貳": 2, "兩": 2, "俩": 2, "倆": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
UNITS: dict[str, int] = SMALL_UNITS | BIG_UNITS
# Chinese numeral characters as regex class bodies (used by the quantity patterns too).
CN_DIGIT_CHARS = "".join(DIGITS)
CN_UNIT_CHARS = "".join(UNITS)
CN_CHARS = CN_DIGIT_CHARS + CN_UNIT_CHARS
# A leading minus: ASCII hyphen-minus, the minus sign, the full-width hyphen, and 负.
MINUS = "-−－负"

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)} | {0xFF0C: ord(","), 0xFF0E: ord(".")}
_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+")
_DECIMAL_CN = re.compile(rf"(?P<head>.+)点(?P<frac>[{CN_DIGIT_CHARS}]+)(?P<units>[{CN_UNIT_CHARS}]*)")
_ARABIC_HEAD = re.compile(rf"(?P<num>[0-9]+(?:,[0-9]{{3}})*\.[0-9]+|\.[0-9]+)(?P<units>[{CN_UNIT_CHARS}]*)")
_TOKEN = re.compile(rf"[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?|[{CN_CHARS}]|点|[.]")
# One space may stand between Arabic digits and a place unit (1 万, as typeset in some releases).
_DIGIT_SPACE_UNIT = re.compile(rf"(?<=[0-9])\s(?=[{CN_UNIT_CHARS}])")


class NumeralError(ValueError):
    """The text is not a numeral this module understands."""


def _normal(value: Decimal) -> Number:
    """``int`` when integral, else the exact ``Decimal`` without trailing zeros."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _positional(text: str) -> Number | None:
    """Digit-by-digit Chinese numerals (``二〇二三`` → 2023, ``三点五`` → 3.5), None when units occur."""
    if any(ch in UNITS for ch in text):
        return None
    whole, _, frac = text.partition("点")
    if not whole or not all(ch in DIGITS for ch in whole + frac):
        return None
    digits = "".join(str(DIGITS[ch]) for ch in whole)
    if frac:
        digits += "." + "".join(str(DIGITS[ch]) for ch in frac)
    return _normal(Decimal(digits))


def _cn_fraction(text: str) -> Decimal:
    """Digits after 点 read one by one (``点二五`` → 0.25)."""
    if not text or not all(ch in DIGITS for ch in text):
        raise NumeralError(f"bad decimal part {text!r}")
    return Decimal("0." + "".join(str(DIGITS[ch]) for ch in text))


def parse(text: str) -> Number:
    """The exact value of a numeral: Arabic (with separators, decimals), Chinese, or mixed; signed."""
    if text.isascii() and text.isdigit() and len(text) <= MAX_LENGTH:
        return int(text)  # the common case, without Decimal
    # Full-width digits and commas are the only non-ASCII characters the translation touches.
    s = text.strip() if text.isascii() else text.translate(_FULLWIDTH).replace("，", ",").strip()
    if not s or len(s) > MAX_LENGTH:
        raise NumeralError(f"empty or over-long numeral ({len(s)} characters)")
    if s[0] in MINUS:
        value = parse(s[1:].lstrip())
        if value < 0:
            raise NumeralError(f"two signs in {s!r}")
        return -value
    if _ARABIC.fullmatch(s):
        return _normal(Decimal(s.replace(",", "")))
    if " " in s or "\t" in s:
        s = _DIGIT_SPACE_UNIT.sub("", s)
    if "点" in s:
        # 三点五 / 百分之二十五点五 / 三点五亿: digits after 点 are a fraction, a unit run closes it.
        m = _DECIMAL_CN.fullmatch(s)
        if not m:
            raise NumeralError(f"misplaced decimal point in {s!r}")
        head = parse(m["head"])
        if head < 0:
            raise NumeralError(f"sign inside {s!r}")
        value = Decimal(head) + _cn_fraction(m["frac"])
        return _normal(value * multiplier(m["units"]))
    m = _ARABIC_HEAD.fullmatch(s)
    if m:
        # 8.3万, 1.5千, 0.01亿: a decimal coefficient is followed by nothing but its multiplier.
        return _normal(Decimal(m["num"].replace(",", "")) * multiplier(m["units"]))
    positional = _positional(s)
    if positional is not None and len(s) > 1:
        return positional
    return _normal(_grouped(_tokens(s), whole=True))


def _tokens(s: str) -> list[str]:
    """``s`` cut into Arabic numbers and single numeral characters; NumeralError on anything else."""
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(s):
        if m.start() != pos:
            break
        pos = m.end()
        tok = m[0]
        if tok in ("点", ".") or "." in tok:
            raise NumeralError(f"misplaced decimal point in {s!r}")
        out.append(tok)
    if pos != len(s):
        raise NumeralError(f"not a numeral: {s!r}")
    return out


def _grouped(tokens: list[str], whole: bool) -> Decimal:
    """A numeral with place units, split at its highest big unit (万 亿 兆) and read on both sides.

    ``三亿五千万`` is 三 × 亿 + 五千万; the part after the unit is below it (``零`` marks a gap,
    a lone digit is the next place down: ``两万五`` = 25000).  ``whole`` is False for the
    parts of a numeral, where a leading bare unit (``十``, ``百``) is no longer allowed.
    """
    top, at = 0, -1
    for i, tok in enumerate(tokens):
        unit = BIG_UNITS.get(tok, 0)
        if unit >= top:
            top, at = unit, i
    if not top:
        return _section(tokens, whole)
    left, right = tokens[:at], tokens[at + 1 :]
    if any(BIG_UNITS.get(t, 0) >= top for t in left):
        raise NumeralError(f"{tokens[at]} twice: {''.join(tokens)!r}")
    if not left:
        if not whole:
            raise NumeralError(f"bare {tokens[at]} inside a numeral: {''.join(tokens)!r}")
        head = Decimal(1)  # 万, 亿 alone (万余元, 近亿元)
    else:
        head = _grouped(left, whole)
        if head == 0:
            raise NumeralError(f"zero before {tokens[at]}: {''.join(tokens)!r}")
    value = head * top
    if not right:
        return value
    gap = right[0] in DIGITS and DIGITS[right[0]] == 0
    if gap:
        right = right[1:]
        if not right:
            raise NumeralError(f"numeral ends in a zero gap: {''.join(tokens)!r}")
    if not gap and len(right) == 1 and right[0] in DIGITS:
        return value + DIGITS[right[0]] * (top // 10)  # 两万五 = 25000, 一亿五 = 150000000
    tail = _grouped(right, whole=gap)
    if tail >= top:
        raise NumeralError(f"{''.join(right)!r} does not fit below {tokens[at]}")
    return value + tail


def _section(tokens: list[str], whole: bool) -> Decimal:
    """A numeral below 万 (or one Arabic number): digits and descending 千 百 十 with 零 gaps."""
    total = Decimal(0)
    number: Decimal | None = None  # a coefficient waiting for its unit
    number_cn = False  # ... written as one Chinese digit
    last_unit = 10**4  # units must descend
    zero = False  # a 零 since the last unit
    for i, tok in enumerate(tokens):
        if tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            if unit >= last_unit:
                raise NumeralError(f"place units out of order: {''.join(tokens)!r}")
            if number is None:
                # 十五, 百, 千: a bare unit starts a numeral; 一千零十 keeps a bare 十 after 零.
                if not (i == 0 and whole or zero and unit == 10):
                    raise NumeralError(f"unit without a digit: {''.join(tokens)!r}")
                number = Decimal(1)
            elif number >= 10:
                raise NumeralError(f"{number} before {tok}: {''.join(tokens)!r}")
            total += number * unit
            number, number_cn, last_unit, zero = None, False, unit, False
        elif tok in DIGITS and DIGITS[tok] == 0:
            if number is not None or i == 0 and len(tokens) > 1:
                raise NumeralError(f"misplaced zero: {''.join(tokens)!r}")
            zero = True
        else:
            if number is not None:
                raise NumeralError(f"two numbers in a row: {''.join(tokens)!r}")
            if tok in DIGITS:
                number, number_cn = Decimal(DIGITS[tok]), True
            else:
                number, number_cn = Decimal(tok.replace(",", "")), False
                if total and number >= last_unit:
                    raise NumeralError(f"{tok} does not fit below {last_unit}: {''.join(tokens)!r}")
    if number is not None:
        if number_cn and last_unit >= 100 and last_unit < 10**4 and not zero:
            number *= last_unit // 10  # 三百五 = 350, 三千五 = 3500
        total += number
    elif zero and len(tokens) > 1:
        raise NumeralError(f"numeral ends in a zero gap: {''.join(tokens)!r}")
    return total


def longest_prefix(text: str) -> tuple[Number, int] | None:
    """The value and length of the longest prefix of ``text`` that is a numeral (``七十百分位`` → 70, 2)."""
    for end in range(min(len(text), MAX_LENGTH), 0, -1):
        try:
            return parse(text[:end]), end
        except NumeralError:
            continue
    return None


_RANGE = re.compile(
    rf"(?P<head>[{CN_CHARS}]*?[十百千万亿拾佰仟])?(?P<a>[一两二三四五六七八九])(?P<b>[二两三四五六七八九])(?P<tail>[{CN_UNIT_CHARS}]*)"
)


def parse_range(text: str) -> tuple[Number, Number] | None:
    """Both ends of a Chinese adjacent-digit range (``五六百`` → 500, 600; ``十五六`` → 15, 16), else None."""
    if text.isascii():
        return None  # the range needs two Chinese digits
    m = _RANGE.fullmatch(text)
    if not m or DIGITS[m["b"]] != DIGITS[m["a"]] + 1:
        return None
    head, tail = m["head"] or "", m["tail"]
    if head and not tail and head[-1] in "十拾":
        # 十五六 → 15..16 (the tens already given)
        return parse(head + m["a"]), parse(head + m["b"])
    try:
        low, high = parse(head + m["a"] + tail), parse(head + m["b"] + tail)
    except NumeralError:
        return None
    return (low, high) if low < high else None


def range_ends(first: str, second: str) -> tuple[Number, Number]:
    """The two ends of ``first到second``, the multiplier closing ``second`` carried to a bare ``first``.

    ``一百二十`` to ``一百五十万`` is 1.2 to 1.5 million, ``两`` to ``三万`` 20000 to 30000, ``三`` to
    ``五十万`` 300000 to 500000; but ``5000`` to ``2万`` stays 5000 to 20000.  The longest run of
    units ending ``second`` that makes ``first`` with it a numeral below ``second`` is carried.
    NumeralError unless the low end is below the high end.
    """
    high = parse(second)
    run = len(second) - len(second.rstrip(CN_UNIT_CHARS))
    if first and first[-1] not in BIG_UNITS:
        for k in range(run, 0, -1):
            try:
                low = parse(first + second[-k:])
            except NumeralError:
                continue
            if low < high:
                return low, high
    low = parse(first)
    if not low < high:
        raise NumeralError(f"range does not rise: {first!r} to {second!r}")
    return low, high


def multiplier(text: str) -> int:
    """The value of a run of multipliers (``万`` 10000, ``十万`` 100000, ``万亿`` 10**12; empty → 1)."""
    value = 1
    for ch in text:
        unit = UNITS.get(ch)
        if unit is None:
            raise NumeralError(f"not a multiplier: {text!r}")
        value *= unit
    return value


# ---------------------------------------------------------------------------------------------------
# English


class EnglishNumbers:
    """Reads English cardinals: words (``two hundred and two thousand``), digits with scales and suffixes.

    ``words`` maps the number words below a hundred (``one`` … ``ninety``) to their values, ``scales``
    the scale words (``hundred``, ``thousand`` … ``trillion``, ``dozen``, ``mln``; a key may be a phrase,
    ``hundred million``), ``suffixes`` the letters glued to digits (``k``, ``bn``, ``MM``; case-sensitive).
    """

    def __init__(self, words: Mapping[str, int], scales: Mapping[str, int], suffixes: Mapping[str, int]) -> None:
        self.words = {k.lower(): int(v) for k, v in words.items()}
        self.scales = {k.lower(): int(v) for k, v in scales.items()}
        self.suffixes = {k: int(v) for k, v in suffixes.items()}
        self._suffix = re.compile(
            r"(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)(?P<suf>"
            + "|".join(re.escape(s) for s in sorted(self.suffixes, key=len, reverse=True))
            + ")"
            if self.suffixes
            else r"(?!)"
        )

    def parse(self, text: str) -> Number:
        """The exact value of ``text``; NumeralError when it is not a well-formed English cardinal."""
        s = " ".join(text.split())
        if not s:
            raise NumeralError("empty numeral")
        if s[0] in "-−":
            return -self.parse(s[1:])
        if s.lower().startswith("minus "):
            return -self.parse(s[6:])
        first, _, rest = s.partition(" ")
        if first[:1].isdigit() or first[:1] == ".":
            m = self._suffix.fullmatch(first)
            if m:
                if rest:
                    raise NumeralError(f"words after a suffix: {s!r}")
                return _normal(Decimal(m["num"].replace(",", "")) * self.suffixes[m["suf"]])
            value = parse(first)
            return _normal(Decimal(value) * self._scale_phrase(rest)) if rest else value
        return _normal(self._words(s.lower().replace("-", " ").replace(",", " ").split()))

    def _scale_phrase(self, text: str) -> int:
        """The factor of the scale words after digits (``million``, ``hundred million``, ``ten thousand``)."""
        key = text.lower()
        if key in self.scales:
            return self.scales[key]
        factor = 1
        for word in key.split():
            if word not in self.scales:
                raise NumeralError(f"not a scale word: {word!r}")
            factor *= self.scales[word]
        return factor

    def _words(self, tokens: list[str]) -> Decimal:
        """A cardinal in words: groups below a thousand, each closed by a descending scale word."""
        factor = Decimal(1)
        if tokens[:1] == ["half"]:
            if tokens[1:2] not in (["a"], ["an"]) or len(tokens) < 3:
                raise NumeralError(f"'half' without 'a' and a scale: {tokens!r}")
            factor, tokens = Decimal("0.5"), tokens[1:]
        total = Decimal(0)
        group: int | None = None  # the part below a thousand under construction
        below: int | None = None  # ... and its part below a hundred
        tens_open = False  # the last word was a tens word (twenty …), a unit may follow
        last_scale = 10**100  # big scales must descend
        after = ""  # what the previous word was: "", "scale", "hundred", "and", "word", "dozen"
        for i, tok in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if tok in ("a", "an"):
                if i != 0 or nxt not in self.scales:
                    raise NumeralError(f"'{tok}' not before a scale word: {tokens!r}")
                group, below, after = 1, 1, "word"
            elif tok == "and":
                # British and many US writers: "one hundred and six"; never "thirty and six".
                if after not in ("hundred", "scale") or nxt not in self.words:
                    raise NumeralError(f"misplaced 'and': {tokens!r}")
                after = "and"
            elif tok in self.words:
                value = self.words[tok]
                if after in ("word",):
                    if not (tens_open and 1 <= value <= 9):
                        raise NumeralError(f"two number words in a row: {tokens!r}")
                    below = (below or 0) + value
                    group = (group or 0) + value
                    tens_open = False
                else:
                    if after == "dozen":
                        raise NumeralError(f"a number after 'dozen': {tokens!r}")
                    if value == 0 and (len(tokens) > 1):
                        raise NumeralError(f"zero inside a numeral: {tokens!r}")
                    below = value
                    group = (group or 0) + value
                    tens_open = value >= 20 and value % 10 == 0
                after = "word"
            elif tok == "hundred":
                if after != "word" or not below or below >= 100 or group != below:
                    raise NumeralError(f"misplaced 'hundred': {tokens!r}")
                group, below, tens_open, after = below * 100, None, False, "hundred"
            elif tok == "dozen":
                if after not in ("word", "hundred", "scale") or nxt:
                    raise NumeralError(f"misplaced 'dozen': {tokens!r}")
                if after == "scale":
                    raise NumeralError(f"'dozen' after a scale: {tokens!r}")
                group, after = (group or 1) * 12, "dozen"
            elif tok in self.scales and self.scales[tok] >= 1000:
                scale = self.scales[tok]
                if after not in ("word", "hundred") or not group or scale >= last_scale:
                    raise NumeralError(f"misplaced {tok!r}: {tokens!r}")
                total += group * scale
                group, below, tens_open, last_scale, after = None, None, False, scale, "scale"
            else:
                raise NumeralError(f"not a number word: {tok!r}")
        if after == "and" or group is None and after != "scale":
            raise NumeralError(f"incomplete numeral: {tokens!r}")
        return (total + (group or 0)) * factor


_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen")  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def _english_below_1000(n: int, use_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    out = [f"{_EN_UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        if hundreds and use_and:
            out.append("and")
        if rest < 10:
            out.append(_EN_UNITS[rest])
        elif rest < 20:
            out.append(_EN_TEENS[rest - 10])
        else:
            tens, unit = divmod(rest, 10)
            out.append(_EN_TENS[tens] + (("-" if hyphen else " ") + _EN_UNITS[unit] if unit else ""))
    return " ".join(out)


def to_english(n: int, *, use_and: bool = False, hyphen: bool = True) -> str:
    """Render a non-negative integer below 10**15 in English words (the inverse of ``EnglishNumbers``, for tests)."""
    if n == 0:
        return "zero"
    parts = []
    for scale, name in _EN_SCALES:
        high, n = divmod(n, scale)
        if high:
            parts.append(f"{_english_below_1000(high, use_and, hyphen)} {name}")
    if n:
        if parts and use_and and n < 100:
            parts.append("and")
        parts.append(_english_below_1000(n, use_and, hyphen))
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------------
# Chinese rendering (the inverse of parse, used by the tests)


def _four(x: int, digits: str, units: tuple[str, ...], leading: bool) -> str:
    """A group below 10000 in Chinese (``1005`` → 一千零五; a leading ``1x`` → 十x)."""
    out, zero = "", False
    for i in range(3, -1, -1):
        d = (x // 10**i) % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        if i == 1 and d == 1 and not out and leading:
            out += units[1]
        else:
            out += digits[d] + units[i]
    return out


def to_chinese(n: int, *, grouped: bool = True, capital: bool = False, zhao: bool = False) -> str:
    """Render a non-negative integer in Chinese numerals (the inverse of ``parse``, used by tests).

    ``capital`` writes 大写 (壹贰叁, 拾佰仟); ``zhao`` writes 10**12 as 兆 instead of 万亿.
    """
    digits = "零壹贰叁肆伍陆柒捌玖" if capital else "零一二三四五六七八九"
    units = ("", "拾", "佰", "仟") if capital else ("", "十", "百", "千")
    if n == 0:
        return digits[0]
    if not grouped:
        return "".join(digits[int(c)] for c in str(n))
    return _render(n, digits, units, leading=not capital, zhao=zhao)


def _render(n: int, digits: str, units: tuple[str, ...], leading: bool, zhao: bool) -> str:
    if zhao and n >= 10**12:
        high, rest = divmod(n, 10**12)
        out = _render(high, digits, units, leading, zhao) + "兆"
        if rest:
            out += (digits[0] if rest < 10**11 else "") + _render(rest, digits, units, False, zhao)
        return out
    if n >= 10**8:
        high, rest = divmod(n, 10**8)
        out = _render(high, digits, units, leading, zhao) + "亿"
        if rest:
            out += (digits[0] if rest < 10**7 else "") + _render(rest, digits, units, False, zhao)
        return out
    high, low = divmod(n, 10**4)
    out = _four(high, digits, units, leading) + "万" if high else ""
    if low:
        if high and low < 1000:
            out += digits[0]
        out += _four(low, digits, units, leading=leading and not high)
    return out
