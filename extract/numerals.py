"""The one numeral normaliser: Arabic, Chinese (小写 and 大写) and mixed numerals to exact numbers.

``parse("8.3万")`` → 83000, ``parse("47.264287亿")`` → 4726428700, ``parse("两万五")`` → 25000,
``parse("1,067")`` → 1067, ``parse("二〇二三")`` → 2023.  Arithmetic is exact (``Decimal``); the
result is an ``int`` when it is integral, else a ``Decimal``.  ``parse_range("五六百")`` gives the
two ends of a Chinese approximate range.  Every function is linear in its input.
"""

from __future__ import annotations

import re
from decimal import Decimal

Number = int | Decimal
# Longer strings are serial numbers or garbage, never a stated amount; the cap keeps parsing cheap.
MAX_LENGTH = 64

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "貳": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# Chinese numeral characters as a regex class body (used by the quantity patterns too).
CN_DIGIT_CHARS = "".join(DIGITS)
CN_UNIT_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
CN_CHARS = CN_DIGIT_CHARS + CN_UNIT_CHARS

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)} | {0xFF0C: ord(","), 0xFF0E: ord(".")}
_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+")
_DECIMAL_CN = re.compile(rf"(?P<head>.+)点(?P<frac>[{CN_DIGIT_CHARS}]+)(?P<units>[{CN_UNIT_CHARS}]*)")
_TOKEN = re.compile(rf"[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?|[{CN_CHARS}]|点|[.]")


class NumeralError(ValueError):
    """The text is not a numeral this module understands."""


def _normal(value: Decimal) -> Number:
    """``int`` when integral, else the exact ``Decimal`` without trailing zeros."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _positional(text: str) -> Number | None:
    """Digit-by-digit Chinese numerals (``二〇二三`` → 2023, ``三点五`` → 3.5), None when units occur."""
    if any(ch in SMALL_UNITS or ch in BIG_UNITS for ch in text):
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
    """The exact value of a numeral: Arabic (with separators, decimals), Chinese, or mixed."""
    if text.isascii() and text.isdigit() and len(text) <= MAX_LENGTH:
        return int(text)  # the common case, without Decimal
    # Full-width digits and commas are the only non-ASCII characters the translation touches.
    s = text.strip() if text.isascii() else text.translate(_FULLWIDTH).replace("，", ",").strip()
    if not s or len(s) > MAX_LENGTH:
        raise NumeralError(f"empty or over-long numeral ({len(s)} characters)")
    if _ARABIC.fullmatch(s):
        return _normal(Decimal(s.replace(",", "")))
    if "点" in s:
        # 三点五 / 百分之二十五点五 / 三点五亿: digits after 点 are a fraction, a unit run closes it.
        m = _DECIMAL_CN.fullmatch(s)
        if not m:
            raise NumeralError(f"misplaced decimal point in {s!r}")
        value = Decimal(parse(m["head"])) + _cn_fraction(m["frac"])
        return _normal(value * multiplier(m["units"]))
    positional = _positional(s)
    if positional is not None and len(s) > 1:
        return positional
    return _grouped(s)


def _grouped(s: str) -> Number:
    """Numerals with place units: 三千五百, 25万6千, 一亿零五百万, 两万五 (abbreviated last place)."""
    total = Decimal(0)  # everything closed by 亿 (and above)
    section = Decimal(0)  # everything closed by 万 below the current 亿
    group = Decimal(0)  # below 万: thousands, hundreds, tens
    number: Decimal | None = None
    number_is_single_cn = False
    last_unit = 0
    saw_zero = False
    pos = 0
    for m in _TOKEN.finditer(s):
        if m.start() != pos:
            raise NumeralError(f"not a numeral: {s!r}")
        pos = m.end()
        tok = m[0]
        if tok in DIGITS:
            d = DIGITS[tok]
            if d == 0:
                saw_zero = True
                number = None
                continue
            if number is not None:
                raise NumeralError(f"digits without place units: {s!r}")
            number, number_is_single_cn = Decimal(d), True
        elif tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            group += (number if number is not None else Decimal(1)) * unit
            number, number_is_single_cn, last_unit, saw_zero = None, False, unit, False
        elif tok in BIG_UNITS:
            unit = BIG_UNITS[tok]
            value = group + (number if number is not None else Decimal(0))
            if value == 0 and section == 0 and total == 0:
                value = Decimal(1)
            if unit == 10**4:
                section = (section + value) * unit
            else:
                total = (total + section + value) * unit
                section = Decimal(0)
            group, number, number_is_single_cn, last_unit, saw_zero = Decimal(0), None, False, unit, False
        elif tok in ("点", "."):
            raise NumeralError(f"misplaced decimal point in {s!r}")
        else:
            if number is not None:
                raise NumeralError(f"two numbers in a row: {s!r}")
            number, number_is_single_cn = Decimal(tok.replace(",", "")), False
    if pos != len(s):
        raise NumeralError(f"not a numeral: {s!r}")
    if number is not None:
        if number_is_single_cn and last_unit >= 100 and not saw_zero:
            number *= last_unit // 10  # 两万五 = 25000, 三百五 = 350
        group += number
    return _normal(total + section + group)


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


def multiplier(text: str) -> int:
    """The value of a run of multipliers (``万`` 10000, ``十万`` 100000, ``万亿`` 10**12; empty → 1)."""
    value = 1
    for ch in text:
        value *= SMALL_UNITS.get(ch) or BIG_UNITS.get(ch) or 1
    return value


def trailing_multiplier(text: str) -> int:
    """The multiplier a numeral ends with (``三万`` → 10000, ``3`` → 1), used to complete ``两到三万``."""
    value = 1
    for ch in reversed(text):
        unit = SMALL_UNITS.get(ch) or BIG_UNITS.get(ch)
        if not unit:
            break
        value *= unit
    return value


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


def to_chinese(n: int, *, grouped: bool = True, capital: bool = False) -> str:
    """Render a non-negative integer in Chinese numerals (the inverse of ``parse``, used by tests)."""
    digits = "零壹贰叁肆伍陆柒捌玖" if capital else "零一二三四五六七八九"
    units = ("", "拾", "佰", "仟") if capital else ("", "十", "百", "千")
    if n == 0:
        return digits[0]
    if not grouped:
        return "".join(digits[int(c)] for c in str(n))
    return _render(n, digits, units, leading=True)


def _render(n: int, digits: str, units: tuple[str, ...], leading: bool) -> str:
    if n >= 10**8:
        high, rest = divmod(n, 10**8)
        out = _render(high, digits, units, leading) + "亿"
        if rest:
            out += (digits[0] if rest < 10**7 else "") + _render(rest, digits, units, leading=False)
        return out
    high, low = divmod(n, 10**4)
    out = _four(high, digits, units, leading) + "万" if high else ""
    if low:
        if high and low < 1000:
            out += digits[0]
        out += _four(low, digits, units, leading=leading and not high)
    return out
