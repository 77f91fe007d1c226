"""The HTML review page: each article with every extracted span highlighted, layer by layer.

The page is one self-contained HTML5 file (inline CSS and a few lines of JS, no network): the
article text with each item of the four layers highlighted by layer and kind, the normalised
value on hover (``8.3万起 → 83,000 · case · exact``), a checkbox per layer and per kind that hides
its highlights, and a side table of every record.  Given gold, items are compared with the
scorer's lenient rule (``extract.scoring.match``): misses (gold, not predicted) and spurious items
(predicted, not in gold) get their own styles.

displaCy's span style is not used: it renders tokens separated by spaces (wrong for Chinese), works
on token offsets rather than the records' character offsets, and has no hook for per-item hover
text, status styles or toggles.  The renderer below splits the text at every item edge and nests
one ``<span>`` per covering item, so overlapping items of different layers are all visible.
Everything taken from the article or the records is HTML-escaped: article text is untrusted.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from schemas import ENTITY_LABELS, LISTS, METRICS, QUANTITY_KINDS

from .readers import InputError

# Outermost first: each layer has its own underline slot (padding), quantities are a fill.
LAYER_ORDER: tuple[str, ...] = ("entities", "campaigns", "case_types", "statistics", "quantities")
LAYER_TITLES: dict[str, str] = {
    "quantities": "quantities",
    "campaigns": "campaigns",
    "case_types": "case types",
    "entities": "entities",
    "statistics": "statistics",
}
LAYER_KINDS: dict[str, tuple[str, ...]] = {
    "quantities": QUANTITY_KINDS,
    "campaigns": ("campaign",),
    "case_types": ("case_type",),
    "entities": ENTITY_LABELS,
    "statistics": METRICS,
}
# Bytes of an id kept in a page file name (the rest is a hash): well under the usual 255-byte limit.
_NAME_BYTES = 120
_SHORT = {"quantities": "q", "campaigns": "c", "case_types": "t", "entities": "e", "statistics": "s"}
_LAYER_SWATCH = {"campaigns": "#6a1b9a", "case_types": "#c62828", "entities": "#555", "statistics": "#00695c"}


def esc(value: object) -> str:
    """HTML-escape any value for text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def format_number(value: object) -> str:
    """A value with thousands separators; integral floats without ``.0`` (83000.0 → 83,000)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        value = int(value)
    return f"{value:,}"


def item_kind(layer: str, item: dict[str, Any]) -> str:
    """The kind an item is highlighted by: quantity kind, entity label, or the layer's single kind."""
    if layer == "quantities":
        return str(item.get("kind"))
    if layer == "entities":
        return str(item.get("label"))
    if layer == "statistics":
        return str(item.get("metric"))
    return LAYER_KINDS[layer][0]


def normalised(layer: str, item: dict[str, Any]) -> str:
    """The normalised value of an item as one short string (``83,000 · case · exact``)."""
    if layer == "quantities":
        value = format_number(item.get("value"))
        if item.get("value_max") is not None:
            value += "–" + format_number(item["value_max"])
        parts = [value + (f" {item['currency']}" if item.get("currency") else ""), str(item.get("kind")),
                 str(item.get("approx"))]
        if item.get("object"):
            parts.append(str(item["object"]))
        return " · ".join(parts)
    if layer == "statistics":
        period = "–".join(str(item.get(k) or "?") for k in ("period_start", "period_end"))
        parts = [str(item.get("metric")), str(item.get("scope")), f"campaign {item.get('campaign') or '—'}",
                 f"place {item.get('place') or '—'}", f"period {period}"]
        if item.get("case_type"):
            parts.append(str(item["case_type"]))
        return " · ".join(parts)
    if layer == "entities":
        label = str(item.get("label"))
        return f"{item['value']} · {label}" if item.get("value") else label
    kind = "campaign" if layer == "campaigns" else "case type"
    return f"{item.get('canonical')} · {kind}"


def describe(layer: str, item: dict[str, Any]) -> str:
    """Hover text of an item: ``8.3万起 → 83,000 · case · exact``."""
    return f"{item.get('text')} → {normalised(layer, item)}"


@dataclass
class ReviewDoc:
    """One article to review: its record, its text and, optionally, its gold annotation."""

    record: dict[str, Any]
    text: str
    gold: dict[str, Any] | None = None


@dataclass
class Mark:
    """One item placed on the page: predicted (``pred``/``ok``/``spurious``) or a gold ``miss``."""

    layer: str
    item: dict[str, Any]
    status: str
    anchor: str
    note: str = ""
    valid: bool = True

    @property
    def kind(self) -> str:
        """Quantity kind, entity label or the layer's kind."""
        return item_kind(self.layer, self.item)

    def title(self) -> str:
        """Hover text, with the gold status in front when there is one."""
        prefix = {"miss": "MISSED (gold only): ", "spurious": "SPURIOUS (not in gold): "}.get(self.status, "")
        return prefix + describe(self.layer, self.item) + (f" [{self.note}]" if self.note else "")

    def classes(self) -> str:
        """CSS classes: highlight, layer, kind, status."""
        return f"L-{self.layer} K-{self.kind} S-{self.status}"


@dataclass
class DocCounts:
    """Per-layer counts of one document: predicted, and with gold matched / spurious / missed."""

    pred: dict[str, int] = field(default_factory=dict)
    ok: dict[str, int] = field(default_factory=dict)
    spurious: dict[str, int] = field(default_factory=dict)
    miss: dict[str, int] = field(default_factory=dict)


def _attr_note(pred: dict[str, Any], gold: dict[str, Any]) -> str:
    """Quantity attributes that differ from the matched gold item (the scorer's attribute check)."""
    from .scoring import object_matches

    diffs = [f"gold {a}={gold.get(a)}" for a in ("approx", "unit", "currency") if pred.get(a) != gold.get(a)]
    if not object_matches(pred.get("object"), gold.get("object")):
        diffs.append(f"gold object={gold.get('object')}")
    return "; ".join(diffs)


def build_marks(doc: ReviewDoc, doc_index: int = 0) -> tuple[list[Mark], DocCounts]:
    """Every item of the record (and gold misses) as Marks, with the document's counts."""
    from .scoring import match

    marks: list[Mark] = []
    counts = DocCounts()
    n = len(doc.text)
    for layer in LISTS:
        preds = list(doc.record.get(layer) or [])
        counts.pred[layer] = len(preds)
        statuses = ["pred"] * len(preds)
        notes = [""] * len(preds)
        misses: list[dict[str, Any]] = []
        if doc.gold is not None:
            golds = list(doc.gold.get(layer) or [])
            pairs = match(layer, preds, golds, strict=False)
            matched_gold = {g for _, g in pairs}
            statuses = ["spurious"] * len(preds)
            for p, g in pairs:
                statuses[p] = "ok"
                if layer == "quantities":
                    notes[p] = _attr_note(preds[p], golds[g])
            misses = [g for i, g in enumerate(golds) if i not in matched_gold]
            counts.ok[layer] = len(pairs)
            counts.spurious[layer] = len(preds) - len(pairs)
            counts.miss[layer] = len(misses)
        short = _SHORT[layer]
        for i, item in enumerate(preds):
            marks.append(Mark(layer, item, statuses[i], f"d{doc_index}-{short}{i}", notes[i]))
        for i, item in enumerate(misses):
            marks.append(Mark(layer, item, "miss", f"d{doc_index}-{short}m{i}"))
    for mark in marks:
        start, end = mark.item.get("start"), mark.item.get("end")
        mark.valid = (
            isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n
            and doc.text[start:end] == mark.item.get("text")
        )
    return marks, counts


def render_text(text: str, marks: list[Mark]) -> str:
    """The article text as HTML, every valid mark wrapped in nested highlight spans."""
    placed = [m for m in marks if m.valid]
    edges = sorted({0, len(text), *(m.item["start"] for m in placed), *(m.item["end"] for m in placed)})
    starts: dict[int, list[Mark]] = {}
    for m in placed:
        starts.setdefault(m.item["start"], []).append(m)
    rank = {layer: i for i, layer in enumerate(LAYER_ORDER)}
    active: list[Mark] = []
    opened: set[str] = set()
    out: list[str] = []
    for a, b in zip(edges, edges[1:], strict=False):
        active = [m for m in active if m.item["end"] > a] + starts.get(a, [])
        piece = esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        covering = sorted(active, key=lambda m: (rank[m.layer], m.status == "miss", m.item["start"]))
        hover = "\n".join(m.title() for m in covering)
        html_open: list[str] = []
        for depth, m in enumerate(covering):
            attrs = f' class="hl {m.classes()}" data-item="{m.anchor}"'
            if m.anchor not in opened:
                opened.add(m.anchor)
                attrs += f' id="{m.anchor}"'
            if depth == len(covering) - 1:
                # The innermost title is the one a browser shows, so it lists every covering item.
                attrs += f' title="{esc(hover)}"'
            html_open.append(f"<span{attrs}>")
        out.append("".join(html_open) + piece + "</span>" * len(covering))
    return "".join(out)


def render_table(marks: list[Mark], *, gold: bool) -> str:
    """The side table: one row per mark, grouped by layer, sorted by offset."""
    order = {layer: i for i, layer in enumerate(LISTS)}
    rows = sorted(marks, key=lambda m: (order[m.layer], m.item.get("start", 0), m.status == "miss"))
    # The gold status comes first so it stays in view when the table is narrower than its content.
    head = "<tr>" + ("<th>gold</th>" if gold else "")
    head += "<th>layer</th><th>kind</th><th>text</th><th>normalised</th><th>offsets</th></tr>"
    body: list[str] = []
    for m in rows:
        text = esc(m.item.get("text"))
        link = f'<a href="#{m.anchor}">{text}</a>' if m.valid else f"{text} <em>(offsets do not fit the text)</em>"
        cells = [
            esc(LAYER_TITLES[m.layer]), esc(m.kind), link, esc(normalised(m.layer, m.item)),
            f'<td class="num">{esc(m.item.get("start"))}–{esc(m.item.get("end"))}</td>',
        ]
        row = "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells)
        if gold:
            status = {"ok": "✓", "spurious": "spurious", "miss": "missed"}[m.status]
            note = f" ({esc(m.note)})" if m.note else ""
            row = f'<td class="status-{m.status}">{esc(status)}{note}</td>' + row
        body.append(f'<tr class="L-{m.layer} K-{m.kind} S-{m.status}">{row}</tr>')
    return f'<table class="items"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def _meta(doc: ReviewDoc, counts: DocCounts) -> str:
    rec = doc.record
    parts = [f"<span>id {esc(rec.get('id'))}</span>", f"<span>lang {esc(rec.get('lang'))}</span>"]
    if rec.get("source"):
        parts.append(f"<span>source {esc(rec.get('source'))}</span>")
    for key in ("published",):
        value = f"<span>{key} {esc(rec.get(key))}"
        if doc.gold is not None and (doc.gold.get(key) or None) != (rec.get(key) or None):
            value += f' <b class="status-spurious">(gold: {esc(doc.gold.get(key))})</b>'
        parts.append(value + "</span>")
    if doc.gold is not None and (doc.gold.get("title") or None) != (rec.get("title") or None):
        parts.append(f'<span class="status-spurious">gold title: {esc(doc.gold.get("title"))}</span>')
    for layer in LISTS:
        line = f"{LAYER_TITLES[layer]} {counts.pred[layer]}"
        if doc.gold is not None:
            line += f" (✓{counts.ok[layer]} spurious {counts.spurious[layer]} missed {counts.miss[layer]})"
        parts.append(f"<span>{esc(line)}</span>")
    return f'<div class="meta">{"".join(parts)}</div>'


def render_doc(doc: ReviewDoc, doc_index: int = 0) -> str:
    """One article's section: heading, metadata, highlighted text and side table."""
    marks, counts = build_marks(doc, doc_index)
    rec = doc.record
    heading = esc(rec.get("title") or rec.get("id"))
    lang = "zh-Hans" if rec.get("lang") == "zh" else "en"
    return (
        f'<section class="doc" id="d{doc_index}"><h2>{heading}</h2>{_meta(doc, counts)}'
        f'<div class="cols"><div class="text" lang="{lang}">{render_text(doc.text, marks)}</div>'
        f'<div class="side">{render_table(marks, gold=doc.gold is not None)}</div></div></section>'
    )


def _asset(name: str) -> str:
    return resources.files("extract").joinpath("templates", name).read_text(encoding="utf-8")


def _toggle_css() -> str:
    """One hide rule per toggle class: an unchecked layer or kind loses its highlights and table rows."""
    rules = []
    for layer, kinds in LAYER_KINDS.items():
        for cls in (f"L-{layer}", *(f"K-{k}" for k in kinds)):
            rules.append(
                f"body.hide-{cls} .hl.{cls} {{ background: none !important; border-bottom-color: transparent "
                f"!important; outline: none !important; }} body.hide-{cls} tr.{cls} {{ display: none; }}"
            )
    return "\n".join(rules)


def _controls(gold: bool) -> str:
    boxes = []
    for layer in LISTS:
        kinds = LAYER_KINDS[layer]
        colour = _LAYER_SWATCH.get(layer)
        swatch = f'<span class="legend-swatch" style="border-bottom:3px solid {colour}"></span>' if colour else ""
        boxes.append(
            f'<label><input type="checkbox" checked data-toggle="L-{layer}"> {swatch}{esc(LAYER_TITLES[layer])}</label>'
        )
        if len(kinds) > 1:
            sub = "".join(
                f'<label><input type="checkbox" checked data-toggle="K-{k}"> '
                f'<span class="legend-swatch hl L-{layer} K-{k}"></span>{esc(k)}</label>'
                for k in kinds
            )
            boxes.append(f'<span class="kinds">[{sub}]</span> ')
    legend = ""
    if gold:
        legend = (
            '<div class="controls">gold: <label><span class="legend-swatch swatch-miss"></span>missed (gold only)</label>'
            '<label><span class="legend-swatch swatch-spurious"></span>spurious (not in gold)</label>'
            "<label>plain highlight = matched (lenient rule)</label></div>"
        )
    return f'<div class="controls">{"".join(boxes)}</div>{legend}'


def render_page(docs: Iterable[ReviewDoc], *, title: str = "extract review") -> str:
    """A complete, self-contained HTML5 page reviewing ``docs``."""
    docs = list(docs)
    gold = any(d.gold is not None for d in docs)
    sections = "".join(render_doc(d, i) for i, d in enumerate(docs))
    nav = ""
    if len(docs) > 1:
        links = "".join(f'<a href="#d{i}">{esc(d.record.get("id"))}</a>' for i, d in enumerate(docs))
        nav = f'<nav class="docs">{links}</nav>'
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{_asset('review.css')}\n{_toggle_css()}\n</style>\n</head>\n"
        f'<body>\n<header class="top"><h1>{esc(title)}</h1>{_controls(gold)}</header>\n{nav}\n'
        f"<main>{sections}</main>\n<script>\n{_asset('review.js')}</script>\n</body>\n</html>\n"
    )


def safe_name(doc_id: str, taken: set[str]) -> str:
    """A file name for a document id: no path separators or odd characters, unique within ``taken``.

    File systems limit a name to 255 bytes, and a CJK character takes three: a long or altered id
    keeps a prefix of at most ``_NAME_BYTES`` bytes plus a hash of the whole id, so that two long
    ids sharing a prefix still get different names.
    """
    cleaned = re.sub(r"[^\w.-]", "_", doc_id).strip("._") or "doc"
    base = cleaned.encode("utf-8")[:_NAME_BYTES].decode("utf-8", "ignore")
    if base != cleaned:
        base = f"{base}-{hashlib.sha1(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name.lower())
    return name + ".html"


def write_page(path: Path, docs: Iterable[ReviewDoc], *, title: str = "extract review") -> None:
    """Write one review page for ``docs`` to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(docs, title=title), encoding="utf-8")


def write_dir(folder: Path, docs: Iterable[ReviewDoc]) -> int:
    """One review page per document in ``folder`` plus ``index.html`` linking them; returns the count."""
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = {"index"}
    rows: list[str] = []
    for doc in docs:
        doc_id = str(doc.record.get("id"))
        name = safe_name(doc_id, taken)
        write_page(folder / name, [doc], title=f"extract review: {doc_id}")
        counts = " · ".join(f"{LAYER_TITLES[k]} {len(doc.record.get(k) or [])}" for k in LISTS)
        rows.append(
            f'<li><a href="{esc(name)}">{esc(doc_id)}</a> {esc(doc.record.get("title") or "")} '
            f'<small>({esc(counts)})</small></li>'
        )
    index = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>extract review</title>\n'
        f"<style>\n{_asset('review.css')}\nli {{ margin: .3rem 0; }}\n</style>\n</head>\n"
        f'<body>\n<section class="doc"><h2>extract review: {len(rows)} documents</h2>'
        f"<ul>{''.join(rows)}</ul></section>\n</body>\n</html>\n"
    )
    (folder / "index.html").write_text(index, encoding="utf-8")
    return len(rows)


def read_records(path: Path) -> dict[str, deque[dict[str, Any]]]:
    """Records of an output JSONL file (``.gz`` too), by id and by ``id\x00source`` (a queue each, in file order).

    Lines that are not a JSON object are skipped: the pages show what the output holds.
    """
    by_key: dict[str, deque[dict[str, Any]]] = {}
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:  # type: ignore[operator]
        for line in fh:
            try:
                row = json.loads(line) if line.strip() else None
            except ValueError:
                continue
            if isinstance(row, dict):
                by_key.setdefault(f"{row.get('id')}\x00{row.get('source')}", deque()).append(row)
    return by_key


def review_docs(
    inputs: Iterable[str | Path],
    *,
    extractor: Any = None,
    records: dict[str, deque[dict[str, Any]]] | None = None,
    gold: dict[str, dict[str, Any]] | None = None,
    errors: list[InputError] | None = None,
) -> Iterator[ReviewDoc]:
    """ReviewDocs for the articles in ``inputs``: their records taken from ``records`` or extracted now.

    Articles that cannot be read or extracted (or have no record in ``records``) are appended to
    ``errors`` and skipped.
    """
    from .readers import iter_articles

    if records is None and extractor is None:
        from .extractor import Extractor

        extractor = Extractor()
    for article in iter_articles(inputs):
        if isinstance(article, InputError):
            if errors is not None:
                errors.append(article)
            continue
        if records is not None:
            # Matched by id and source, so two documents with one id each find their own record.
            queue = records.get(f"{article.id}\x00{article.source}")
            if not queue:
                if errors is not None:
                    errors.append(InputError(article.id, article.source, "no record in the output"))
                continue
            record = queue.popleft()
        else:
            try:
                record = extractor.process(article).model_dump(mode="json")
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the page
                if errors is not None:
                    errors.append(InputError(article.id, article.source, f"extraction failed: {exc}"))
                continue
        yield as_shown(ReviewDoc(record, article.text, (gold or {}).get(article.id)))


def as_shown(doc: ReviewDoc) -> ReviewDoc:
    """The document as the page shows it: an HTML page as its visible text, each item moved there from
    the markup (the record itself keeps its markup offsets, SPEC 1)."""
    from .html import looks_like_html, read_page, to_text_span

    if not looks_like_html(doc.text):
        return doc
    page = read_page(doc.text)

    def moved(rows: Any) -> Any:
        if not isinstance(rows, list):
            return rows
        out = []
        for row in rows:
            if isinstance(row, dict) and isinstance(row.get("start"), int) and isinstance(row.get("end"), int):
                start, end = to_text_span(page, row["start"], row["end"])
                row = {**row, "start": start, "end": end, "text": page.text[start:end]}
            out.append(row)
        return out

    record = {key: moved(value) if key in LISTS else value for key, value in doc.record.items()}
    gold = None if doc.gold is None else {key: moved(value) if key in LISTS else value for key, value in doc.gold.items()}
    return ReviewDoc(record, page.text, gold)


def show(
    inputs: Iterable[str | Path], html_path: Path, *, gold_dir: Path | None = None, extractor: Any = None
) -> tuple[int, list[InputError]]:
    """``extract show``: extract ``inputs`` and write one review page; returns (documents, errors)."""
    from .scoring import load_gold

    gold = load_gold(gold_dir) if gold_dir is not None else None
    errors: list[InputError] = []
    docs = list(review_docs(inputs, extractor=extractor, gold=gold, errors=errors))
    title = "extract review" + (f" against {gold_dir}" if gold_dir is not None else "")
    write_page(html_path, docs, title=title)
    return len(docs), errors


def review_run(
    inputs: Iterable[str | Path], output: Path | None, folder: Path, *, extractor: Any = None
) -> tuple[int, list[InputError]]:
    """``extract run --html DIR``: review pages of a finished run.

    The records are read back from ``output`` when the run wrote a file; when it wrote to stdout
    the articles are extracted a second time.  Returns (pages written, articles left out).
    """
    records = read_records(output) if output is not None and output.exists() else None
    errors: list[InputError] = []
    count = write_dir(folder, review_docs(inputs, extractor=extractor, records=records, errors=errors))
    return count, errors
