"""English quantities: digits, number and scale words, qualifiers, ranges, counted nouns, currencies."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import regex

from .. import currencies, numerals, patterns
from .common import _ARABIC, _YEAR, Guards, _alts, _exact, _Found

_AGED = regex.compile(r"\baged?\s{1,3}$", regex.IGNORECASE)
_BETWEEN = regex.compile(r"\bbetween\s{1,3}$", regex.IGNORECASE)
_QUOTES = {ord(ch): None for ch in "\"“”‘"}
_SPACES = regex.compile(r"\s+")
_EN_WORD = regex.compile(r"[A-Za-z][\w’'-]*")
_TOKEN_WORD = regex.compile(r"[\w’'-]+")
_OF_PHRASE = regex.compile(r"\s+of\s+((?:[\w’'-]+\s?){1,6})")
_SENTENCE_END = regex.compile(r"[.;!?\n]")


# The last word before a number, nothing but spaces between (cases 1,024 pieces).
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z-]*) +$")


class NounLemmatizer:
    """English noun lemmas by spaCy's rule-lemmatizer tables (patterns/en/noun_lemmas.toml, generated)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.rules: list[tuple[str, str]] = [(old, new) for old, new in data.get("rules", [])]
        self.exceptions: dict[str, str] = dict(data.get("exceptions", {}))
        self.index = frozenset(data.get("index", {}).get("lemmas", "").split())

    def lemma(self, word: str) -> str | None:
        """The noun lemma of ``word`` (lower case), or None when it is not a known noun form."""
        if word in self.exceptions:
            return self.exceptions[word]
        # Rules before the index: the index also lists some plurals as lemmas (followers, parts).
        for old, new in self.rules:
            if word.endswith(old) and len(word) > len(old):
                cand = word[: len(word) - len(old)] + new
                if cand in self.index:
                    return cand
        return word if word in self.index else None

    def plural(self, word: str) -> str | None:
        """The singular of ``word`` when it is the plural form of a known noun, else None."""
        lemma = self.lemma(word)
        return lemma if lemma is not None and lemma != word else None


class EnQuantities:
    """English matcher: digits, number and scale words, qualifiers, ranges, counted nouns, currencies."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.nouns: dict[str, list[str]] = {k.lower(): v for k, v in data.get("nouns", {}).items()}
        self.words: dict[str, int] = {k.lower(): int(v) for k, v in data.get("number_words", {}).items()}
        self.scales: dict[str, int] = {k.lower(): int(v) for k, v in data.get("scales", {}).items()}
        self.suffixes: dict[str, int] = {k: int(v) for k, v in data.get("suffixes", {}).items()}
        self.money_only = frozenset(data.get("money_only_suffixes", []))
        self.reader = numerals.EnglishNumbers(self.words, self.scales, self.suffixes)
        signs = data.get("signs", {})
        self.minus = list(signs.get("minus", []))
        self.sign_kinds = frozenset(signs.get("kinds", []))
        self.age_after = tuple(data.get("age_after", [" old"]))
        self.guards = Guards(data.get("guards", {}))
        approx = data.get("approx", {})
        self.prefix: dict[str, str] = {k.lower(): v for k, v in approx.get("prefix", {}).items()}
        self.several: dict[str, int] = {k.lower(): int(v) for k, v in data.get("several", {}).items()}
        self.partitives = set(data.get("partitives", []))
        self.modifier_stop = set(data.get("modifier_stop", []))
        self.object_stop = set(data.get("object_stop", []))
        post = data.get("postmodifiers", [])
        # "cases related to (the) cyber crimes": the phrase is part of what is counted
        self.postmodifier = regex.compile(
            rf"\s+(?:{'|'.join(regex.escape(w) for w in post)})\s+((?:(?:the|a|an)\s+)?)((?:[\w’'-]+\s?){{1,5}})",
            regex.IGNORECASE,
        ) if post else None
        self.plural_fallback = bool(data.get("plural_fallback", True))
        self.lemmas = NounLemmatizer(patterns.load("en", "noun_lemmas"))
        money = currencies.table()
        # The pattern matches symbols case-insensitively (rmb, Hk$), so they are looked up casefolded.
        self.symbols: dict[str, currencies.Money] = {k.casefold(): v for k, v in money.symbols.items()}
        # A bare currency noun (dollars, yen) and a sub-unit alone (50 cents, 20 pence) are nouns of kind money.
        for word, cur in money.en_core.items():
            # The regular plural too: the lemma tables do not know every currency (guilders, bitcoins).
            for form in (word, word + "s"):
                self.nouns.setdefault(form, [cur.unit, "money", cur.code])
        for code, minor in money.minor.items():
            for word in minor:
                if len(word) > 1 and word.isascii():
                    self.nouns.setdefault(word, [self.lemmas.plural(word) or word, "money", code])
        self.currency_names = money.en_names
        self.name_words = max((k.count(" ") + 1 for k in money.en_names), default=1)
        self.codes = money.codes
        self.minor = money.minor
        minor_words = sorted({w for m in money.minor.values() for w in m if w.isascii()}, key=len, reverse=True)
        # 3 dollars 50 cents, thirteen dollars and forty-five cents: the sub-unit right after an amount.
        self.minor_pattern = regex.compile(
            rf"(?:,?\s{{1,3}}and\s{{1,3}}|\s{{1,3}})(?P<n>[0-9]{{1,2}}|{self._cardinal()})\s?(?P<w>{_alts(minor_words) or '(?!)'})\b",
            regex.IGNORECASE,
        )
        self.pattern = self._compile()

    def _cardinal(self) -> str:
        """The regex of a cardinal in words: ``two hundred and two thousand``, ``ninety-five``, ``half a dozen``.

        "and" only after hundred or a scale word and before a number below a hundred (never "thirty and
        six"); the reader checks the order of the scale words.
        """
        by_value: dict[str, list[str]] = {"unit": [], "teen": [], "tens": [], "zero": []}
        for word, value in self.words.items():
            key = "zero" if value == 0 else "unit" if value < 10 else "teen" if value < 20 else "tens"
            by_value[key].append(word)
        below_100 = rf"(?:(?:{_alts(by_value['tens'])})(?:(?:\s{{1,3}}|-)(?:{_alts(by_value['unit'])})\b)?|{_alts(by_value['teen'] + by_value['unit'] + by_value['zero'])})\b"
        hundred = _alts(w for w, v in self.scales.items() if v == 100 and " " not in w)
        dozen = _alts(w for w, v in self.scales.items() if v == 12)
        big = _alts(w for w, v in self.scales.items() if v >= 1000 and " " not in w)
        hundreds = rf"(?:\s{{1,3}}(?:{hundred})\b(?:\s{{1,3}}(?:and\s{{1,3}})?{below_100})?)?"
        head = rf"(?:(?:half\s{{1,3}})?an?(?=\s{{1,3}}(?:{hundred}|{dozen}|{big})\b)|{below_100})"
        return (
            rf"{head}{hundreds}(?:\s{{1,3}}(?:{big})\b(?:,?\s{{1,3}}(?:and\s{{1,3}})?{below_100}{hundreds})?){{0,5}}"
            rf"(?:\s{{1,3}}(?:{dozen})\b)?"
        )

    def _compile(self) -> regex.Pattern[str]:
        card = self._cardinal()
        suffix = _alts(self.suffixes) or "(?!)"
        # Case-sensitive suffixes inside a case-insensitive pattern: 10k, 1.2bn, 1MM but not 5mm.  A scale
        # word after digits is a group of its own (1.26 hundred million); a cardinal in words holds its own.
        num = rf"(?:{_ARABIC}(?:(?-i:(?P<suf>{suffix}))\b)?|{card})"
        num2 = rf"(?:{_ARABIC}(?:(?-i:(?P<suf2>{suffix}))\b)?|{card})"
        scale = _alts(self.scales)
        sym = _alts(self.symbols)
        # 300€, 50 £: a sign (not a code) may follow the number, as continental copy writes it.
        sym_after = _alts(k for k in self.symbols if not any(c.isalnum() for c in k)) or "(?!)"
        symbols = "".join(m for m in self.minus if not m.isalpha())
        words = [m for m in self.minus if m.isalpha()]
        signs = [f"[{regex.escape(symbols)}]"] if symbols else []
        signs += [rf"(?:{_alts(words)})\s{{1,3}}"] if words else []
        return regex.compile(
            rf"""
            (?<![\w.,$/-])
            (?:(?P<pre>{_alts(self.prefix)})\s{{1,3}})?
            (?:
                (?P<sev>{_alts(self.several)})\s{{1,3}}of\b
              | (?P<btw>between\s{{1,3}})?(?P<sign>{"|".join(signs) or "(?!)"})?(?:(?P<sym>{sym})\s?)?(?P<num>{num})(?:(?<=[0-9])\s{{1,3}}(?P<scale>{scale}))?
                (?:\s{{0,2}}(?P<to>(?(btw)and|(?:-|–|to)))\s{{0,2}}(?:(?P<sym2>{sym})\s?)?(?P<num2>{num2})(?:(?<=[0-9])\s{{1,3}}(?P<scale2>{scale}))?)?
                (?(btw)(?(num2)|(?!)))  # "between" only with its second end (not two hundred and three)
            )
            (?:(?<![^\s\d])(?P<symafter>\s?(?:{sym_after}))(?![\w$]))?
            (?P<pct>\s?%|\s{{1,3}}per\s?cent\b|\s{{1,3}}percent\b)?
            (?P<hyph>-(?P<hunit>[a-z]+)\b)?
            (?=(?P<rest>(?:\s{{1,3}}["“‘']?[A-Za-z][\w’'-]{{0,30}}["”’']?){{0,5}}))
            """,
            regex.VERBOSE | regex.IGNORECASE,
        )

    def find(self, text: str) -> list[_Found]:
        """Every quantity in English ``text``, with its object."""
        out: list[_Found] = []
        taken = 0  # where the sub-unit of the last two-unit amount ends
        for m in self.pattern.finditer(text):
            if m.start() < taken:
                continue  # the 50 cents of 3 dollars 50 cents
            item = self._build(text, m)
            if item is not None:
                if item.kind == "money":
                    before = item.end
                    item = self._with_minor(text, item)
                    taken = item.end if item.end != before else taken
                out.append(item)
        return self._merge_between(text, self.guards.unmasked(text, out))

    def _merge_between(self, text: str, found: list[_Found]) -> list[_Found]:
        """``between 200 yuan and 500 yuan`` is one range (from the first number), not two amounts."""
        out: list[_Found] = []
        for q in found:
            prev = out[-1] if out else None
            if (
                prev is not None
                and (prev.unit, prev.kind, prev.value_max, q.value_max) == (q.unit, q.kind, None, None)
                and text[prev.end : q.start].lower() == " and "
                and _BETWEEN.search(text, max(0, prev.start - 12), prev.start)
                and prev.value < q.value
            ):
                prev.end, prev.value_max = q.end, q.value
                continue
            out.append(q)
        return out

    def _number(self, raw: str, scale: str | None) -> numerals.Number:
        value = self.reader.parse(raw)
        if scale:
            value = _exact(value, self.scales[_SPACES.sub(" ", scale.lower())])
        return value

    def _factor(self, raw: str, scale: str | None, suffix: str | None) -> int:
        """The multiplier a number ends with (``million``, ``5bn``, ``three million``), 1 when none."""
        if scale:
            return self.scales[_SPACES.sub(" ", scale.lower())]
        if suffix:
            return self.suffixes[suffix]
        last = raw.rsplit(None, 1)[-1].lower()
        return self.scales.get(last, 1) if last != raw.lower() else 1

    def _build(self, text: str, m: regex.Match[str]) -> _Found | None:
        item = self._read(text, m)
        if item is None:
            return None
        if item.kind != "money" and (m["suf"] in self.money_only or m["suf2"] in self.money_only):
            return None  # 100m: metres, not a million, unless money
        if m["sign"]:
            if item.kind in self.sign_kinds:
                item.value = -item.value  # -3.8%, minus 3.8 percent
            elif item.start == m.start("sign"):
                item.start = item.num_start = m.end("sign")
        return item

    def _read(self, text: str, m: regex.Match[str]) -> _Found | None:
        pre = (m["pre"] or "").lower()
        approx = self.prefix.get(_SPACES.sub(" ", pre), "exact") if pre else "exact"
        start = m.start()
        if m["sev"]:
            value: numerals.Number = self.several[m["sev"].lower()]
            value_max = None
            approx = "several"
            num_end = m.end("sev") + 3
        else:
            raw = m["num"]
            if _YEAR.fullmatch(raw) and 1000 <= int(raw) <= 2999 and not m["scale"] and not m["sym"]:
                return None  # a year
            try:
                value = self._number(raw, m["scale"])
                value_max = self._number(m["num2"], m["scale2"] or m["scale"]) if m["num2"] else None
            except numerals.NumeralError:
                return None
            if value_max is not None and self._factor(raw, m["scale"], m["suf"]) == 1:
                # between 1.2 and 1.5 million, 2-3bn: the multiplier of the second end carries to the first
                carried = _exact(value, self._factor(m["num2"], m["scale2"], m["suf2"]))
                if carried < value_max:
                    value = carried
            if value_max is not None and not value < value_max:
                return None
            num_end = m.end("num2") if m["num2"] else m.end("num")
            num_end = max(num_end, m.end("scale2") if m["scale2"] else 0, m.end("scale") if m["scale"] else 0)
            if raw.lower() == "one" and not m["num2"] and not pre:
                return None  # "one of", "one suspect" as an article-like use is left out
        sym = m["sym"] or (m["symafter"] or "").strip()
        if m["symafter"] and not m["sym"]:
            num_end = m.end("symafter")
        if not sym and not m["pct"] and _AGED.search(text, max(0, start - 6), start):
            return _Found(start, num_end, start, num_end, value, value_max, approx, "year", "age", None)
        if m["pct"]:
            end = m.end("pct")
            return _Found(start, end, start, end, value, value_max, approx, "%", "percent", None)
        if sym:
            money = self.symbols[sym.casefold()]
            end = num_end
            return _Found(start, end, start, end, value, value_max, approx, money.unit, "money", money.code)
        if m["hyph"]:
            entry = self._noun(m["hunit"])
            if entry is None:
                return None
            lemma, kind, currency = entry
            end = m.end("hyph")
            if kind == "duration" and text[end : end + 4].lower() == "-old":
                return _Found(start, end + 4, start, end + 4, value, value_max, approx, lemma, "age", None)  # 35-year-old
            obj = self._object_words(m["rest"], 3)
            return _Found(start, end, start, end, value, value_max, approx, lemma, kind, currency, obj)
        words = list(_EN_WORD.finditer(m["rest"] or ""))
        base = m.start("rest")
        for i, w in enumerate(words[:5]):
            lw = w[0].lower()
            if i > 0 and lw in self.modifier_stop:
                break
            named = self._currency(words, i)
            if named is not None:  # 125 million Australian dollars, 300 USD, 2 bitcoins
                end = base + w.end()
                return _Found(start, end, start, end, value, value_max, approx, named.unit, "money", named.code)
            entry = self._noun(lw)
            if entry is None and i == 0 and self.plural_fallback and self._plural(lw):
                entry = (self.lemmas.plural(lw) or lw[:-1], "count", None)
            if entry is None:
                if i == 0 and lw in self.modifier_stop:
                    break
                continue
            # A noun used as a modifier (Internet platform enterprises): the head is the last noun.
            for nxt in words[i + 1 : i + 3]:
                if nxt.start() - w.end() > 1 or nxt[0].lower() in self.modifier_stop:
                    break
                head = self._noun(nxt[0])
                if head is None or head[1] == "money" and entry[1] != "money":
                    break
                w, entry = nxt, head
            lemma, kind, currency = entry
            end = base + w.end()
            if kind == "duration":
                for after in self.age_after:  # 35 years old, ninety five years of age
                    if text[end : end + len(after)].lower() == after:
                        end += len(after)
                        return _Found(start, end, start, end, value, value_max, approx, lemma, "age", None)
            if text[end : end + 8] == " (times)":
                end += 8
            # the empty string is "in" every string: test for the end of the text first
            if end < len(text) and text[end] in "\"”’'" and text[base:end].count(text[end]) % 2 == 1 or (
                text[end : end + 1] == "”" and "“" in text[base:end]
            ):
                end += 1  # 80,000 "black cards": the closing quote belongs to the span
            obj: str | None = text[base : base + w.end()].translate(_QUOTES).strip() or None
            if kind == "money":
                obj = None
            elif obj and self.postmodifier and (post := self.postmodifier.match(text, end)):
                tail = self._object_words(post[2], 4)
                if tail:
                    obj = f"{obj} {' '.join(text[end : post.start(2)].split())} {tail}"
            elif lemma in self.partitives:
                after_of = _OF_PHRASE.match(text[end : end + 80])
                obj = self._object_words(after_of[1], 6, keep_and=True) if after_of else obj
                if not after_of:
                    kind = self._kind_before(text, start) or kind
            return _Found(start, end, start, end, value, value_max, approx, lemma, kind, currency, obj)
        if m["scale"] or m["suf"] or m["num"] and self._factor(m["num"], None, None) >= 1000:
            noun = self._noun_before(text, start)
            if noun:
                lemma, kind, obj = noun
                return _Found(start, num_end, start, num_end, value, value_max, approx, lemma, kind, None, obj)
        return None

    def _currency(self, words: list[regex.Match[str]], i: int) -> currencies.Money | None:
        """The currency named by words ending at ``words[i]``: a full name (Hong Kong dollars) or a code."""
        if i == 0 and words[0][0] in self.codes:
            return self.codes[words[0][0]]  # 300 USD: a code in capitals right after the number
        for j in range(max(0, i + 1 - self.name_words), i + 1):
            if j < i and words[j + 1].start() - words[j].end() > 3:
                continue
            key = " ".join(w[0].lower() for w in words[j : i + 1])
            # the words are those of currencies.name_key (same word pattern, lower case, one space)
            money = self.currency_names.get(key)
            if money is not None:
                return money
        return None

    def _with_minor(self, text: str, item: _Found) -> _Found:
        """``3 dollars 50 cents``: the sub-unit right after an amount completes it (3.50 dollars)."""
        minor = self.minor.get(item.currency or "")
        if not minor or item.value_max is not None:
            return item
        m = self.minor_pattern.match(text, item.end)
        if m is None or m["w"].lower() not in minor:
            return item
        try:
            part = self.reader.parse(m["n"])
        except numerals.NumeralError:
            return item
        fraction = minor[m["w"].lower()]
        if not 0 < part * fraction < 1:
            return item
        item.value = Decimal(item.value) + part * fraction
        item.end = m.end()
        return item

    def _plural(self, word: str) -> bool:
        # A known noun's plural only when the lemma tables are there (suspicious, news are not plurals).
        if word in self.modifier_stop or len(word) <= 3:
            return False
        if self.lemmas.index:
            return self.lemmas.plural(word) is not None
        return word.endswith("s") and not word.endswith("ss")

    def _noun(self, word: str) -> tuple[str, str, str | None] | None:
        # The lexicon is keyed by lemma; a listed inflected form still wins (data, men → man).
        word = word.lower()
        entry = self.nouns.get(word)
        if entry is None:
            lemma = self.lemmas.plural(word)
            entry = self.nouns.get(lemma) if lemma else None
        if entry is None:
            return None
        lemma, kind = entry[0], entry[1]
        return lemma, kind, (entry[2] if len(entry) > 2 else None)

    def _object_words(self, chunk: str, limit: int, keep_and: bool = False) -> str | None:
        words: list[str] = []
        conjunctions = 0
        for w in _TOKEN_WORD.findall(chunk)[:limit]:
            if keep_and and w.lower() in ("and", "or"):
                conjunctions += 1
                if conjunctions > 1:
                    break  # illegal and harmful information and closed …: the second one starts a clause
                nxt = chunk[chunk.find(w) + len(w) :].split()[:1]
                if nxt and nxt[0].lower().endswith("ing"):
                    break  # … personal information and involving more: a participle starts a clause
            elif w.lower() in self.object_stop:
                break
            words.append(w)
        while words and words[-1].lower() in ("and", "or"):
            words.pop()
        return " ".join(words) or None

    def _kind_before(self, text: str, start: int) -> str | None:
        """The kind of a noun right before the number: translated classifiers (fraud cases 512 pieces)."""
        prev = _LAST_WORD.search(text[max(0, start - 40) : start])
        entry = self._noun(prev[1]) if prev else None
        return entry[1] if entry and entry[1] not in ("money", "duration") else None

    def _noun_before(self, text: str, start: int) -> tuple[str, str, str] | None:
        """A counted noun earlier in the sentence (the number of Internet users has reached 1.067 billion)."""
        window = text[max(0, start - 80) : start]
        window = _SENTENCE_END.split(window)[-1]
        words = list(_EN_WORD.finditer(window))
        for i in range(len(words) - 1, -1, -1):
            entry = self._noun(words[i][0])
            if entry and entry[1] not in ("money", "duration"):
                j = i
                while j > 0 and words[j - 1][0][:1].isupper() and words[j - 1][0].lower() not in self.object_stop:
                    j -= 1
                return entry[0], entry[1], window[words[j].start() : words[i].end()]
        return None


