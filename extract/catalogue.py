"""The campaign and crime-type catalogues, merged across languages, for ``extract catalogue``.

The data lives in ``patterns/zh|en/campaigns.toml`` and ``patterns/zh|en/case_types.toml``; this module
only reads and lists it (one row per canonical name, with its Chinese and English spellings).
"""

from __future__ import annotations

import json
from typing import Any

from . import patterns


def campaigns() -> list[dict[str, Any]]:
    """Every known campaign: name, kind, Chinese aliases and descriptions, English label and forms, years, issuer."""
    rows: dict[str, dict[str, Any]] = {}
    for entry in patterns.load("zh", "campaigns").get("campaign", []):
        rows[entry["name"]] = {
            "name": entry["name"],
            "kind": entry.get("kind", "code"),
            "aliases_zh": list(entry.get("aliases", [])),
            "descriptions_zh": list(entry.get("descriptions", [])),
            "label_en": None,
            "aliases_en": [],
            "patterns_en": [],
            "years": list(entry.get("years", [])),
            "issuer": entry.get("issuer"),
        }
    for entry in patterns.load("en", "campaigns").get("campaign", []):
        row = rows.setdefault(
            entry["name"],
            {"name": entry["name"], "kind": "code", "aliases_zh": [], "descriptions_zh": [], "label_en": None,
             "aliases_en": [], "patterns_en": [], "years": [], "issuer": None},
        )
        row["label_en"] = entry.get("label")
        # names as English media write them, most used first; descriptive phrases are patterns, kept apart
        row["aliases_en"] = list(entry.get("codes", []))
        row["patterns_en"] = list(entry.get("phrases", []))
    return list(rows.values())


def case_types() -> list[dict[str, Any]]:
    """Every known crime type: canonical, kind (charge/category/subtype), parent category, Chinese spellings, English label and patterns."""
    zh = patterns.load("zh", "case_types")
    rows: dict[str, dict[str, Any]] = {}

    def row(canonical: str, kind: str) -> dict[str, Any]:
        return rows.setdefault(
            canonical,
            {"canonical": canonical, "kind": kind, "parent": None, "aliases_zh": [], "context_only_zh": [],
             "label_en": None, "patterns_en": []},
        )

    weak = set(zh.get("weak_charges", []))
    for charge in zh.get("charges", []):
        r = row(charge, "charge")
        if charge in weak:
            r["context_only_zh"].append(charge)
    for entry in zh.get("case_type", []):
        r = row(entry["canonical"], entry.get("kind", "category"))
        r["parent"] = entry.get("parent")
        r["aliases_zh"].extend(entry.get("aliases", []))
        r["context_only_zh"].extend([*entry.get("weak", []), *entry.get("framed", [])])
    for entry in patterns.load("en", "case_types").get("case_type", []):
        r = row(entry["canonical"], "category")
        r["label_en"] = entry.get("label")
        r["patterns_en"].extend([*entry.get("patterns", []), *entry.get("weak", [])])
    return list(rows.values())


def listing(which: str) -> list[dict[str, Any]]:
    """The rows of catalogue ``which`` (``campaigns`` or ``case-types``)."""
    if which == "campaigns":
        return campaigns()
    if which in ("case-types", "case_types"):
        return case_types()
    raise ValueError(f"unknown catalogue {which!r} (expected campaigns or case-types)")


LEGENDS = {
    "campaigns": "# name [code|description]  zh: aliases / descriptions  en: names, the most used first"
    "  years: seen with  issuer: who runs it",
    "case-types": "# canonical [charge|category|subtype]  zh: spellings; (in parentheses) read only next to a"
    " case word (案, 罪, 犯罪…)  en: label",
}


def format_text(which: str) -> str:
    """A plain-text listing of catalogue ``which``, one entry per line, after a legend of its marks."""
    lines: list[str] = [LEGENDS["case-types" if which == "case_types" else which]] if which in (*LEGENDS, "case_types") else []
    for r in listing(which):
        if which == "campaigns":
            head = f"{r['name']}\t[{r['kind']}]"
            zh = " / ".join([*r["aliases_zh"], *r["descriptions_zh"]])
            en = "; ".join(r["aliases_en"])
            extra = f"\tyears: {','.join(map(str, r['years']))}" if r["years"] else ""
            extra += f"\tissuer: {r['issuer']}" if r["issuer"] else ""
        else:
            head = f"{r['canonical']}\t[{r['kind']}]"
            zh = " / ".join([*r["aliases_zh"], *(f"({a})" for a in r["context_only_zh"])])
            en = r["label_en"] or ""
            extra = ""
        lines.append(f"{head}\tzh: {zh or '-'}\ten: {en or '-'}{extra}")
    return "\n".join(lines)


def format_json(which: str) -> str:
    """Catalogue ``which`` as a JSON array."""
    return json.dumps(listing(which), ensure_ascii=False, indent=2)
