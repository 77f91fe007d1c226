"""The currency table both quantity matchers read: spellings, symbols and codes → ISO code and unit.

Two data files make it: ``patterns/currencies.toml`` (hand-kept: which currencies, the spellings news
copy uses, the default meaning of a bare noun such as "dollar") and ``patterns/currencies_cldr.toml``
(generated from the Unicode CLDR by ``tools/build_currencies.py``).  A symbol that CLDR gives to more
than one currency (``$`` is also the New Taiwan dollar's in zh-Hant, ``¥`` also the yen's in English)
means the one the hand-kept file names, and otherwise nothing: it is ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from . import patterns

_WORD = re.compile(r"[A-Za-z][\w’'-]*")


class CurrencyTableError(ValueError):
    """The currency data says two things of one spelling."""


@dataclass(frozen=True)
class Money:
    """What a currency spelling means: its ISO code (or ticker) and the unit an amount is normalised to."""

    code: str
    unit: str


def name_key(name: str) -> str:
    """An English name as the matcher compares it: lower-case words joined by one space (u.s. → u s)."""
    return " ".join(w.lower() for w in _WORD.findall(name))


@dataclass
class CurrencyTable:
    """Every spelling of every known currency, by language and by where it stands."""

    zh_units: dict[str, Money] = field(default_factory=dict)
    zh_prefix: dict[str, str] = field(default_factory=dict)
    symbols: dict[str, Money] = field(default_factory=dict)
    zh_symbols: dict[str, Money] = field(default_factory=dict)
    en_names: dict[str, Money] = field(default_factory=dict)
    en_core: dict[str, Money] = field(default_factory=dict)
    codes: dict[str, Money] = field(default_factory=dict)
    minor: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    # Virtual currencies by their Chinese names and tickers: counted with a classifier (3个比特币,
    # USDT 500个) they are still money.
    zh_coins: dict[str, Money] = field(default_factory=dict)

    def _put(self, table: dict[str, Money], key: str, money: Money, where: str) -> None:
        old = table.get(key)
        if old is not None and old.code != money.code:
            raise CurrencyTableError(f"patterns/currencies.toml: {where} {key!r} is both {old.code} and {money.code}")
        table.setdefault(key, money)


@cache
def table() -> CurrencyTable:
    """The merged currency table (built once per process)."""
    hand = patterns.load_shared("currencies")
    cldr = patterns.load_shared("currencies_cldr")
    out = CurrencyTable()
    claims: dict[str, set[str]] = {}
    for code, spec in cldr.items():
        for sym in spec.get("symbols", []):
            claims.setdefault(sym, set()).add(code)
    for code, spec in hand.items():
        gen = cldr.get(code, {})
        zh_names = [*gen.get("zh", []), *spec.get("zh", [])]
        en_names = [*gen.get("en", []), *spec.get("en", [])]
        zh = Money(code, spec.get("unit_zh") or (gen.get("zh") or [code])[0])
        en = Money(code, spec.get("unit_en") or gen.get("en_one") or code)
        for name in zh_names:
            out._put(out.zh_units, name, zh, "zh name")
        for name in spec.get("zh_prefix", []):
            out.zh_prefix.setdefault(name, code)
        for name in en_names:
            out._put(out.en_names, name_key(name), en, "English name")
        for word in spec.get("core_en", []):
            out._put(out.en_core, word.lower(), en, "English noun")
        own = spec.get("symbols", [])
        # A CLDR symbol that another currency also claims is kept only where this file names it.
        shared = [s for s in gen.get("symbols", []) if len(claims.get(s, ())) == 1]
        for sym in [*own, *shared]:
            out._put(out.symbols, sym, en, "symbol")
            out._put(out.zh_symbols, sym, zh, "symbol")
        out._put(out.codes, code, en, "code")
        if not spec.get("virtual"):
            out._put(out.symbols, code, en, "code")
            out._put(out.zh_symbols, code, zh, "code")
        else:
            for name in [*zh_names, *own, code]:
                out._put(out.zh_coins, name, zh, "coin")
        out.minor[code] = {word: Decimal(str(frac)) for word, frac in spec.get("minor", {}).items()}
    return out
