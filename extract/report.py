"""The corpus report behind ``extract report OUT.jsonl``: totals from statistics, crime types, quantity kinds.

It reads only records (the JSONL contract in ``schemas``).  What is counted and summed:

* **Totals** come from the records' ``statistics`` through the fact table (``extract.facts``): grouped
  by campaign, place and metric, each fact counted once however many articles report it, and only
  ``total`` figures added (per unit); a figure inside another of its group (a crime type's share of a
  tally, an earlier tally, a smaller area) is a *part*, and a ``case`` figure (one bust's) is listed,
  never added; ``other`` figures are listed.  Background figures (``网民规模10.67亿``) are no
  statistics, so they appear nowhere in the totals.
* **mentions** count every listed item; **documents** count the records with at least one (the
  crime-type and quantity-kind tables).

The HTML report puts the sentences behind each total one click away (a ``<details>`` element): each
fact of the group, with every sentence that reports it, found by ``fact_sentence``.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas import QUANTITY_KINDS, FactGroup

from .facts import (
    FactEntry,
    FactTable,
    Mention,
    ParsedRecord,
    group_key,
    group_table,
    key_order,
    place_codes,
    summarise,
)

GROUP_BY: tuple[str, ...] = ("campaign", "place", "metric")
CHART_METRICS: tuple[str, ...] = ("cases_solved", "suspects_arrested")
MAX_EXAMPLES = 30
MAX_SENTENCES = 5
ROLE_LABELS = {
    "summed": "total: added", "part": "total inside another fact: not added",
    "case": "one case: not added", "listed": "other: not added",
}
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
    examples: list[Ref] = field(default_factory=list)
    more: int = 0

    def example(self, ref: Ref) -> None:
        """Keep ``ref`` as an example, up to ``MAX_EXAMPLES``."""
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(ref)
        else:
            self.more += 1


@dataclass
class Report:
    """The aggregated corpus: the fact table, and tables keyed by crime type and quantity kind."""

    documents: int = 0
    facts: FactTable = field(default_factory=FactTable)
    without_statistics: int = 0
    case_types: dict[str, Group] = field(default_factory=dict)
    kinds: dict[str, Group] = field(default_factory=dict)

    def add(self, record: Mapping[str, Any] | ParsedRecord) -> None:
        """Add one record (ValueError when its statistics are malformed; a record without any is counted apart)."""
        row = record.row if isinstance(record, ParsedRecord) else record
        if "statistics" in row or isinstance(record, ParsedRecord):
            self.facts.add(record)
        if "statistics" not in row:
            self.without_statistics += 1
        self.documents += 1
        doc_id, source = str(row.get("id")), str(row.get("source") or "")
        seen: set[tuple[Any, ...]] = set()
        for q in row.get("quantities") or []:
            kgroup = self.kinds.setdefault(str(q.get("kind")), Group())
            kgroup.mentions += 1
            kgroup.documents.add(doc_id)
            figure = (q.get("kind"), q.get("value"), q.get("value_max"), q.get("currency"))
            if figure not in seen:
                seen.add(figure)
                kgroup.example(Ref(doc_id, source, q))
        for t in row.get("case_types") or []:
            group = self.case_types.setdefault(str(t.get("canonical")), Group())
            group.mentions += 1
            group.documents.add(doc_id)
            group.example(Ref(doc_id, source, t))

    def totals(self) -> list[tuple[FactGroup, list[FactEntry]]]:
        """The facts grouped by campaign, place and metric, each group with its totals and its facts' mentions."""
        buckets: dict[tuple[str | None, ...], list[FactEntry]] = {}
        entries = self.facts.entries()
        for entry in entries:
            buckets.setdefault(group_key(entry.fact, GROUP_BY), []).append(entry)
        codes = place_codes(e.fact for e in entries)
        out = []
        for key in sorted(buckets, key=lambda k: key_order(GROUP_BY, k, codes)):
            entries = buckets[key]
            out.append((summarise(dict(zip(GROUP_BY, key, strict=True)), [e.fact for e in entries]), entries))
        return out


def aggregate(records: Iterable[Mapping[str, Any] | ParsedRecord]) -> Report:
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


def totals_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the totals by campaign, place and metric (shared by the terminal and the HTML)."""
    return group_table([g for g, _ in report.totals()], GROUP_BY)


def kind_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the quantity-kind table (counts only: a quantity is not a statistic)."""
    order = {k: i for i, k in enumerate(QUANTITY_KINDS)}
    rows = [
        [kind, str(len(g.documents)), str(g.mentions)]
        for kind, g in sorted(report.kinds.items(), key=lambda kv: order.get(kv[0], 99))
    ]
    return ["kind", "docs", "mentions"], rows


def case_type_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the crime-type table, most mentioned first."""
    rows = [
        [name, str(len(g.documents)), str(g.mentions)]
        for name, g in sorted(report.case_types.items(), key=lambda kv: (-kv[1].mentions, kv[0]))
    ]
    return ["crime type", "docs", "mentions"], rows


NOTE = ("Σ adds total figures, each fact once (a figure several articles report counts once), per unit; a range "
        "adds its lower end. Parts (a figure inside another of its row: a crime type's share, an earlier tally, "
        "a smaller area) and case figures (one bust's) are not added; other figures are listed.")


def _missing_note(report: Report) -> list[str]:
    if not report.without_statistics:
        return []
    return [f"note: {report.without_statistics} of {report.documents} records have no statistics list (output of an"
            " extract older than the link stage): their figures are in no total; rerun extract on the articles."]


def format_text(report: Report) -> str:
    """The plain-text tables ``extract report`` prints (CJK-width aligned)."""
    head, rows = totals_table(report)
    lines = [f"documents: {report.documents}, facts: {len(report.facts)}", *_missing_note(report), "",
             "totals by campaign, place and metric"]
    lines += _table(head, rows, numeric_from=len(GROUP_BY)) if rows else ["(no statistics)"]
    lines += ["", "by crime type"] + _table(*case_type_table(report), numeric_from=1)
    lines += ["", "by quantity kind"] + _table(*kind_table(report), numeric_from=1)
    lines += ["", NOTE]
    return "\n".join(lines)


# --- source sentences -------------------------------------------------------------------------

class SourceTexts:
    """Article texts for showing the sentence around an item, read only from the paths a user gave.

    A record's ``source`` names where its text came from, but records are input too: a path taken
    from one would let any JSONL row have a local file quoted into a page.  So texts come only from
    ``paths`` (files, folders, JSONL corpora, read by ``extract.readers`` with its size bounds), and
    a record's text is found by its ``source`` or, failing that, its ``id``.
    """

    def __init__(self, paths: Sequence[str | Path] = ()) -> None:
        self.paths = [str(p) for p in paths]
        self._by_source: dict[str, str] = {}
        self._by_id: dict[str, str] = {}
        self._read = False

    def prefetch(self, refs: Iterable[tuple[str, str]]) -> None:
        """Read the given paths once, keeping the texts of the ``(id, source)`` pairs asked for."""
        if self._read or not self.paths:
            return
        self._read = True
        wanted = list(refs)
        sources, ids = {s for _, s in wanted}, {i for i, _ in wanted}
        from .readers import iter_articles

        for article in iter_articles(self.paths):
            text = getattr(article, "text", None)
            if text is None:
                continue
            if article.source in sources:
                self._by_source[article.source] = text
            if article.id in ids:
                self._by_id.setdefault(article.id, text)

    def text(self, doc_id: str, source: str) -> str | None:
        """The text of the record ``doc_id`` read from ``source``, when one of the given paths holds it."""
        return self._by_source.get(source) or self._by_id.get(doc_id)

    def sentence(self, ref: Ref) -> tuple[str, str, str] | None:
        """(before, item, after) within the item's sentence, or None when the source is not available."""
        self.prefetch([(ref.doc_id, ref.source)])
        text = self.text(ref.doc_id, ref.source)
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


def fact_sentence(mention: Mention, texts: SourceTexts) -> tuple[str, str, str] | None:
    """(before, figure, after) within the sentence of one mention of a fact, or None when its text is not available.

    The one place the totals read article text: records carry none, so it comes from what ``texts`` can read.
    """
    item = {"text": mention.text, "start": mention.start, "end": mention.end}
    return texts.sentence(Ref(mention.doc_id, mention.source, item))


def _describe_fact(entry: FactEntry, role: str) -> str:
    from .review import format_number

    f = entry.fact
    value = format_number(f.value) + (f"–{format_number(f.value_max)}" if f.value_max is not None else "")
    period = f"{f.period_start or '…'} – {f.period_end or '…'}" if f.period_start or f.period_end else ""
    bits = [f"{value} {f.unit or ''}".strip(), f.approx, ROLE_LABELS[role], period, f.case_type or ""]
    return " · ".join(b for b in bits if b)


def _fact_details(group: FactGroup, entries: list[FactEntry], texts: SourceTexts) -> str:
    """The facts of one total with the sentences that report them, summed ones first."""
    rank = {"summed": 0, "part": 1, "listed": 2, "case": 3}
    order = sorted(range(len(entries)), key=lambda i: rank[group.roles[i]])
    items = []
    for i in order[:MAX_EXAMPLES]:
        entry, role = entries[i], group.roles[i]
        head = (f"<b>{esc(entry.fact.text)}</b> → {esc(_describe_fact(entry, role))} "
                f"<small>({esc(entry.fact.n_sources)} source{'s' if entry.fact.n_sources > 1 else ''})</small>")
        sentences = []
        for mention in entry.mentions[:MAX_SENTENCES]:
            sent = fact_sentence(mention, texts)
            if sent is None:
                body = f"<mark>{esc(mention.text)}</mark> <small>(source text not available)</small>"
            else:
                before, hit, after = sent
                body = f"{esc(before)}<mark>{esc(hit)}</mark>{esc(after)}"
            sentences.append(f'<div class="sent">{body} <small>({esc(mention.doc_id)})</small></div>')
        if len(entry.mentions) > MAX_SENTENCES:
            sentences.append(f"<div class=\"sent\">… and {len(entry.mentions) - MAX_SENTENCES} more mentions</div>")
        items.append(f"<li>{head}{''.join(sentences)}</li>")
    more = f"<li>… and {len(order) - MAX_EXAMPLES} more</li>" if len(order) > MAX_EXAMPLES else ""
    n = len(entries)
    return f"<details><summary>{n} fact{'s' if n > 1 else ''}</summary><ul>{''.join(items)}{more}</ul></details>"


def _html_table(head: list[str], rows: list[list[str]], details: list[str], numeric_from: int,
                details_head: str = "sources") -> str:
    th = "".join(f"<th>{esc(h)}</th>" for h in head) + f"<th>{esc(details_head)}</th>"
    body = []
    for row, det in zip(rows, details, strict=True):
        cells = "".join(
            f'<td class="num">{esc(c)}</td>' if i >= numeric_from else f"<td>{esc(c)}</td>" for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}<td>{det}</td></tr>")
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def bar_chart(groups: list[tuple[FactGroup, list[FactEntry]]]) -> str:
    """Inline SVG: horizontal bars of cases solved Σ and suspects arrested Σ per campaign and place."""
    sums: dict[tuple[str, str], list[float]] = {}
    for g, _ in groups:
        metric = g.key.get("metric")
        if metric in CHART_METRICS and g.totals:
            label = (g.key.get("campaign") or "(no campaign)", g.key.get("place") or "?")
            sums.setdefault(label, [0.0, 0.0])[CHART_METRICS.index(metric)] += sum(g.totals.values())
    rows = [(f"{c} · {p}", v[0], v[1]) for (c, p), v in sums.items()]
    if not rows:
        return "<p>No case or suspect totals to chart.</p>"
    top = max(max(c, s) for _, c, s in rows) or 1.0
    label_w, bar_w, bar_h, gap = 260, 420, 12, 10
    row_h = 2 * bar_h + gap
    height = 30 + row_h * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{label_w + bar_w + 120}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 120} {height}" role="img" aria-label="cases solved and suspects arrested '
        'by campaign and place">',
        '<rect x="0" y="4" width="12" height="10" fill="#f9a825"/><text x="16" y="13">cases solved Σ</text>',
        '<rect x="130" y="4" width="12" height="10" fill="#1e88e5"/><text x="146" y="13">suspects arrested Σ</text>',
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


def render_html(report: Report, *, title: str = "extract corpus report", texts_from: Sequence[str | Path] = ()) -> str:
    """The self-contained HTML report: chart, three tables, the sentences behind each total and row.

    Sentences are quoted from the articles found under ``texts_from`` only (never from a path a
    record names); without it each figure is shown alone.
    """
    texts = SourceTexts(texts_from)
    groups = report.totals()
    count_groups = list(report.case_types.values()) + list(report.kinds.values())
    texts.prefetch([(ref.doc_id, ref.source) for g in count_groups for ref in g.examples]
                   + [(m.doc_id, m.source) for _, entries in groups for e in entries for m in e.mentions[:MAX_SENTENCES]])
    f_head, f_rows = group_table([g for g, _ in groups], GROUP_BY)
    f_details = [_fact_details(g, entries, texts) for g, entries in groups]
    t_head, t_rows = case_type_table(report)
    t_details = [_details(report.case_types[row[0]], texts, "mentions") for row in t_rows]
    k_head, k_rows = kind_table(report)
    k_details = [_details(report.kinds[row[0]], texts, "distinct figures") for row in k_rows]
    missing = "".join(f'<p class="note">{esc(line)}</p>' for line in _missing_note(report))
    totals = (_html_table(f_head, f_rows, f_details, len(GROUP_BY), details_head="sentences") if f_rows
              else "<p>No statistics.</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n<h1>{esc(title)}: {report.documents} documents, "
        f"{len(report.facts)} facts</h1>\n{missing}"
        f'<p class="note">{esc(NOTE)} Each total opens to its facts and the sentences that report them.</p>\n'
        f"<h2>Cases solved and suspects arrested by campaign and place</h2>\n{bar_chart(groups)}\n"
        f"<h2>Totals by campaign, place and metric</h2>\n{totals}\n"
        f"<h2>By crime type</h2>\n{_html_table(t_head, t_rows, t_details, 1)}\n"
        f"<h2>By quantity kind</h2>\n{_html_table(k_head, k_rows, k_details, 1)}\n"
        "</body>\n</html>\n"
    )


def write_html(path: Path, report: Report, texts_from: Sequence[str | Path] = ()) -> None:
    """Write the HTML report to ``path`` (a temporary file renamed into place)."""
    from .writers import atomic_file

    page = render_html(report, texts_from=texts_from)
    with atomic_file(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
