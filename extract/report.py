"""The corpus report behind ``extract report OUT.jsonl``: totals by campaign-year, crime type and quantity kind.

It reads only records (the JSONL contract in ``schemas``).  What is counted and summed:

* **mentions** count every listed item; **documents** count the records with at least one.
* **Campaign-year.**  A campaign mention's year is its own (``净网2023``) or else the year of the
  record's ``published`` date (marked ``*``), else unknown.  Each case, person and money quantity
  of a record is attributed to the campaign mention nearest before it in the text (the first
  mention when none precedes it); records without a campaign go to ``(no campaign)``.  This is a
  reading heuristic, not something the records state.
* **Sums** add ``value`` (the stated number; the lower end of a range) over *distinct figures*:
  within one record and one group, the same (kind, value, value_max, currency) is summed once,
  because press releases repeat their headline numbers.  Money is summed per currency.
* **suspects** are person quantities whose ``object`` names suspects (``SUSPECT_TERMS``); persons
  counts every person quantity (victims, users, officers included).

The HTML report puts each figure's source sentence one click away (a ``<details>`` element): the
sentence is cut from the record's source file, found by its ``source`` (a path, or ``path:line``
of a JSONL corpus) and checked against the item's offsets.
"""

from __future__ import annotations

import bisect
import gzip
import html
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas import QUANTITY_KINDS

SUSPECT_TERMS: tuple[str, ...] = (
    "嫌疑人", "嫌犯", "在逃人员", "违法人", "犯罪人员", "涉案人员", "违法犯罪人员", "犯罪分子",
    "suspect", "criminal", "offender", "fugitive",
)
NO_CAMPAIGN = "(no campaign)"
SUMMED_KINDS: tuple[str, ...] = ("case", "person", "money", "count")
MAX_EXAMPLES = 30
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s)")
_WINDOW = 160


@dataclass(frozen=True)
class Ref:
    """One item of one record, kept so its source sentence can be shown."""

    doc_id: str
    source: str
    item: dict[str, Any]


@dataclass
class Group:
    """Counts for one row of a table, with a few example items."""

    mentions: int = 0
    documents: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sums: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    year_from_published: bool = False
    examples: list[Ref] = field(default_factory=list)
    more: int = 0

    def example(self, ref: Ref) -> None:
        """Keep ``ref`` as an example, up to ``MAX_EXAMPLES``."""
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(ref)
        else:
            self.more += 1


def is_suspect(quantity: dict[str, Any]) -> bool:
    """A person quantity whose object names suspects."""
    obj = (quantity.get("object") or "").lower()
    return quantity.get("kind") == "person" and any(term in obj for term in SUSPECT_TERMS)


def _year(value: Any) -> int | None:
    match = re.match(r"(\d{4})", str(value or ""))
    return int(match.group(1)) if match else None


def _sum_key(q: dict[str, Any]) -> str:
    """The column a quantity's value is summed into: ``case``, ``person``, ``count``, ``money CNY``."""
    kind = str(q.get("kind"))
    return f"money {q.get('currency') or '?'}" if kind == "money" else kind


@dataclass
class Report:
    """The aggregated corpus: tables keyed by campaign-year, crime type and quantity kind."""

    documents: int = 0
    campaigns: dict[tuple[str, int | None], Group] = field(default_factory=dict)
    case_types: dict[str, Group] = field(default_factory=dict)
    kinds: dict[str, Group] = field(default_factory=dict)

    def add(self, record: dict[str, Any]) -> None:
        """Add one record's items to the tables."""
        self.documents += 1
        doc_id, source = str(record.get("id")), str(record.get("source") or "")
        pub_year = _year(record.get("published"))
        mentions = sorted(record.get("campaigns") or [], key=lambda c: c.get("start", 0))
        keys: list[tuple[str, int | None]] = []
        for c in mentions:
            year = c.get("year") if isinstance(c.get("year"), int) else pub_year
            key = (str(c.get("name") or c.get("canonical")), year)
            group = self.campaigns.setdefault(key, Group())
            group.mentions += 1
            group.documents.add(doc_id)
            group.year_from_published |= not isinstance(c.get("year"), int) and year is not None
            keys.append(key)
        starts = [c.get("start", 0) for c in mentions]
        seen: set[tuple[Any, ...]] = set()
        for q in record.get("quantities") or []:
            kind = str(q.get("kind"))
            kgroup = self.kinds.setdefault(kind, Group())
            kgroup.mentions += 1
            kgroup.documents.add(doc_id)
            figure = (kind, q.get("value"), q.get("value_max"), q.get("currency"))
            if ("*", *figure) not in seen:
                seen.add(("*", *figure))
                if kind in SUMMED_KINDS:
                    kgroup.sums[_sum_key(q)] += float(q.get("value") or 0)
                kgroup.example(Ref(doc_id, source, q))
            if kind not in ("case", "person", "money"):
                continue
            if keys:
                i = bisect.bisect_right(starts, q.get("start", 0)) - 1
                key = keys[max(i, 0)]
            else:
                key = (NO_CAMPAIGN, pub_year)
            group = self.campaigns.setdefault(key, Group())
            group.documents.add(doc_id)
            group.year_from_published |= not keys and pub_year is not None
            columns = [_sum_key(q)] + (["suspects"] if is_suspect(q) else [])
            for col in columns:
                group.counts[col] += 1
            if (key, *figure) in seen:
                continue
            seen.add((key, *figure))
            for col in columns:
                group.sums[col] += float(q.get("value") or 0)
            if kind != "money":
                group.example(Ref(doc_id, source, q))
        for t in record.get("case_types") or []:
            group = self.case_types.setdefault(str(t.get("canonical")), Group())
            group.mentions += 1
            group.documents.add(doc_id)
            group.example(Ref(doc_id, source, t))

    def campaign_rows(self) -> list[tuple[str, str, Group]]:
        """(campaign, year label, group), by year then by cases; ``(no campaign)`` last."""
        def order(item: tuple[tuple[str, int | None], Group]) -> tuple[Any, ...]:
            (name, year), group = item
            return (name == NO_CAMPAIGN, year is None, year or 0, -group.sums.get("case", 0), name)

        rows = []
        for (name, year), group in sorted(self.campaigns.items(), key=order):
            label = "?" if year is None else f"{year}{'*' if group.year_from_published else ''}"
            rows.append((name, label, group))
        return rows

    def money_columns(self) -> list[str]:
        """Money sum columns present in the campaign table (``money CNY`` …)."""
        return sorted({c for g in self.campaigns.values() for c in g.sums if c.startswith("money")})


def aggregate(records: Iterable[dict[str, Any]]) -> Report:
    """Aggregate records into a Report."""
    report = Report()
    for record in records:
        report.add(record)
    return report


def load_records(path: Path) -> Iterator[dict[str, Any]]:
    """Records of an output JSONL file, one dict per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{lineno}: not JSON: {exc.msg}") from exc


def fmt(value: float) -> str:
    """A sum with thousands separators, without a spurious ``.0``."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


# --- terminal table ---------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(head: list[str], rows: list[list[str]], numeric_from: int) -> list[str]:
    widths = [max(_width(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell))
            out.append(pad + cell if i >= numeric_from else cell + pad)
        return "  ".join(out).rstrip()

    return [line(head), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def campaign_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the campaign-year table (shared by the terminal and the HTML)."""
    money = report.money_columns()
    head = ["campaign", "year", "docs", "mentions", "cases n", "cases Σ", "suspects n", "suspects Σ",
            "persons n", "persons Σ", *(f"{m} Σ" for m in money)]
    rows = []
    for name, year, g in report.campaign_rows():
        rows.append([
            name, year, str(len(g.documents)), str(g.mentions),
            str(g.counts.get("case", 0)), fmt(g.sums.get("case", 0)),
            str(g.counts.get("suspects", 0)), fmt(g.sums.get("suspects", 0)),
            str(g.counts.get("person", 0)), fmt(g.sums.get("person", 0)),
            *(fmt(g.sums.get(m, 0)) for m in money),
        ])
    return head, rows


def kind_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the quantity-kind table."""
    order = {k: i for i, k in enumerate(QUANTITY_KINDS)}
    rows = []
    for kind, g in sorted(report.kinds.items(), key=lambda kv: order.get(kv[0], 99)):
        sums = "; ".join(f"{k.removeprefix('money ')} {fmt(v)}" if k.startswith("money") else fmt(v)
                         for k, v in sorted(g.sums.items()))
        rows.append([kind, str(len(g.documents)), str(g.mentions), sums or "—"])
    return ["kind", "docs", "mentions", "Σ distinct values"], rows


def case_type_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the crime-type table, most mentioned first."""
    rows = [
        [name, str(len(g.documents)), str(g.mentions)]
        for name, g in sorted(report.case_types.items(), key=lambda kv: (-kv[1].mentions, kv[0]))
    ]
    return ["crime type", "docs", "mentions"], rows


def format_text(report: Report) -> str:
    """The plain-text tables ``extract report`` prints (CJK-width aligned)."""
    lines = [f"documents: {report.documents}", "", "by campaign and year (* = year from the publication date)"]
    lines += _table(*campaign_table(report), numeric_from=2)
    lines += ["", "by crime type"] + _table(*case_type_table(report), numeric_from=1)
    lines += ["", "by quantity kind"] + _table(*kind_table(report), numeric_from=1)
    lines += ["", "Σ sums distinct figures per document (a repeated number counts once); values are the stated"
              " number, the lower end of a range."]
    return "\n".join(lines)


# --- source sentences -------------------------------------------------------------------------

class SourceTexts:
    """Article texts reread from the records' sources, for showing the sentence around an item."""

    def __init__(self) -> None:
        self._texts: dict[str, str | None] = {}

    def prefetch(self, sources: Iterable[str]) -> None:
        """Load the texts for ``sources`` (JSONL corpora are read once for all their lines)."""
        wanted: dict[Path, set[int]] = defaultdict(set)
        for source in set(sources) - set(self._texts):
            match = re.fullmatch(r"(.+):(\d+)", source)
            if match and Path(match.group(1)).is_file():
                wanted[Path(match.group(1))].add(int(match.group(2)))
                self._texts[source] = None
            else:
                self._texts[source] = self._read_file(source)
        for path, lines in wanted.items():
            self._read_jsonl(path, lines)

    @staticmethod
    def _read_file(source: str) -> str | None:
        from .readers import read_text_file

        path = Path(source)
        if not source or not path.is_file():
            return None
        article = read_text_file(path)
        return getattr(article, "text", None)

    def _read_jsonl(self, path: Path, lines: set[int]) -> None:
        opener = gzip.open if path.name.endswith(".gz") else open
        try:
            with opener(path, "rt", encoding="utf-8-sig", errors="replace") as fh:  # type: ignore[operator]
                for lineno, line in enumerate(fh, 1):
                    if lineno not in lines:
                        continue
                    try:
                        text = json.loads(line).get("text")
                    except (json.JSONDecodeError, AttributeError):
                        text = None
                    self._texts[f"{path}:{lineno}"] = text.removeprefix("\ufeff") if isinstance(text, str) else None
        except OSError:
            return

    def sentence(self, ref: Ref) -> tuple[str, str, str] | None:
        """(before, item, after) within the item's sentence, or None when the source is not available."""
        if ref.source not in self._texts:
            self.prefetch([ref.source])
        text = self._texts.get(ref.source)
        start, end = ref.item.get("start"), ref.item.get("end")
        if not text or not isinstance(start, int) or not isinstance(end, int) or text[start:end] != ref.item.get("text"):
            return None
        lo = max(0, start - _WINDOW)
        ends_before = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
        lo = ends_before[-1] if ends_before else lo
        after = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
        hi = after.end() if after else min(len(text), end + _WINDOW)
        return text[lo:start].lstrip(), text[start:end], text[end:hi].rstrip()


# --- HTML -------------------------------------------------------------------------------------

def esc(value: object) -> str:
    """HTML-escape a value for text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _describe(item: dict[str, Any]) -> str:
    from .review import format_number

    if "kind" in item:
        value = format_number(item.get("value"))
        if item.get("value_max") is not None:
            value += "–" + format_number(item["value_max"])
        extra = f" · {item['object']}" if item.get("object") else ""
        return f"{value} · {item.get('kind')} · {item.get('approx')}{extra}"
    return str(item.get("canonical") or item.get("label") or "")


def _details(group: Group, texts: SourceTexts, what: str) -> str:
    if not group.examples:
        return ""
    items = []
    for ref in group.examples:
        sent = texts.sentence(ref)
        head = f"<b>{esc(ref.item.get('text'))}</b> → {esc(_describe(ref.item))} <small>({esc(ref.doc_id)})</small>"
        if sent is None:
            body = " <small>(source text not available)</small>"
        else:
            before, hit, after = sent
            body = f'<div class="sent">{esc(before)}<mark>{esc(hit)}</mark>{esc(after)}</div>'
        items.append(f"<li>{head}{body}</li>")
    more = f"<li>… and {group.more} more</li>" if group.more else ""
    n = len(group.examples) + group.more
    return f"<details><summary>{n} {esc(what)}</summary><ul>{''.join(items)}{more}</ul></details>"


def _html_table(head: list[str], rows: list[list[str]], details: list[str], numeric_from: int) -> str:
    th = "".join(f"<th>{esc(h)}</th>" for h in head) + "<th>sources</th>"
    body = []
    for row, det in zip(rows, details, strict=True):
        cells = "".join(
            f'<td class="num">{esc(c)}</td>' if i >= numeric_from else f"<td>{esc(c)}</td>" for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}<td>{det}</td></tr>")
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def bar_chart(report: Report) -> str:
    """Inline SVG: horizontal bars of cases Σ and suspects Σ per campaign-year."""
    rows = [(f"{name} {year}", g.sums.get("case", 0.0), g.sums.get("suspects", 0.0))
            for name, year, g in report.campaign_rows()]
    rows = [r for r in rows if r[1] or r[2]]
    if not rows:
        return "<p>No case or suspect figures to chart.</p>"
    top = max(max(c, s) for _, c, s in rows) or 1.0
    label_w, bar_w, bar_h, gap = 260, 420, 12, 10
    row_h = 2 * bar_h + gap
    height = 30 + row_h * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{label_w + bar_w + 120}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 120} {height}" role="img" aria-label="cases and suspects by campaign-year">',
        '<rect x="0" y="4" width="12" height="10" fill="#f9a825"/><text x="16" y="13">cases Σ</text>',
        '<rect x="90" y="4" width="12" height="10" fill="#1e88e5"/><text x="106" y="13">suspects Σ</text>',
    ]
    for i, (label, cases, suspects) in enumerate(rows):
        y = 26 + i * row_h
        # Long descriptive names are cut so they stay inside the label column; the full name is the tooltip.
        short = label if len(label) <= 22 else label[:21] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h + 4}" text-anchor="end">{esc(short)}'
                     f"<title>{esc(label)}</title></text>")
        for j, (value, colour) in enumerate(((cases, "#f9a825"), (suspects, "#1e88e5"))):
            w = bar_w * value / top
            by = y + j * bar_h
            parts.append(f'<rect x="{label_w}" y="{by}" width="{w:.1f}" height="{bar_h - 1}" fill="{colour}">'
                         f"<title>{esc(label)}: {fmt(value)}</title></rect>")
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{by + bar_h - 2}" class="v">{fmt(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


_CSS = """
body { font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  margin: 1rem 2rem; color: #1b1b1b; }
h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
details summary { cursor: pointer; color: #0057b7; } details ul { margin: .3rem 0; padding-left: 1.2rem; max-width: 60rem; }
.sent { color: #444; margin: .1rem 0 .4rem; } mark { background: #ffd54f; }
svg.chart text { font-size: 12px; font-family: inherit; } svg.chart text.v { fill: #333; }
.note { color: #555; font-size: .85rem; max-width: 60rem; }
"""


def render_html(report: Report, *, title: str = "extract corpus report") -> str:
    """The self-contained HTML report: chart, three tables, source sentences behind each row."""
    texts = SourceTexts()
    groups = [g for _, _, g in report.campaign_rows()] + list(report.case_types.values()) + list(report.kinds.values())
    texts.prefetch(ref.source for g in groups for ref in g.examples)
    c_head, c_rows = campaign_table(report)
    c_details = [_details(g, texts, "figures (case/person)") for _, _, g in report.campaign_rows()]
    t_head, t_rows = case_type_table(report)
    t_details = [_details(report.case_types[row[0]], texts, "mentions") for row in t_rows]
    k_head, k_rows = kind_table(report)
    k_details = [_details(report.kinds[row[0]], texts, "distinct figures") for row in k_rows]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n<h1>{esc(title)}: {report.documents} documents</h1>\n"
        '<p class="note">Case, person and money figures are attributed to the campaign named nearest before them '
        "in the article (the first campaign when none precedes; <i>(no campaign)</i> otherwise). A campaign's year "
        "is its own, or the publication year (*). Σ adds the stated values of distinct figures per document: a "
        "number repeated in one article counts once; a range counts its lower end. Suspects are person figures "
        "whose object names suspects; persons are all person figures.</p>\n"
        f"<h2>Cases and suspects by campaign-year</h2>\n{bar_chart(report)}\n"
        f"<h2>By campaign and year</h2>\n{_html_table(c_head, c_rows, c_details, 2)}\n"
        f"<h2>By crime type</h2>\n{_html_table(t_head, t_rows, t_details, 1)}\n"
        f"<h2>By quantity kind</h2>\n{_html_table(k_head, k_rows, k_details, 1)}\n"
        "</body>\n</html>\n"
    )


def write_html(path: Path, report: Report) -> None:
    """Write the HTML report to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
