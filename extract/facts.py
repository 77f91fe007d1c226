"""The corpus fact table behind ``extract facts``: every statistic of a set of records, each fact counted once.

**Same fact** (SPEC section 8): ``total`` statistics with equal ``metric``, ``value``, ``value_max``,
``campaign``, ``place`` and ``period_end`` are one fact, however many documents report it (and however
often one document repeats it); ``sources`` lists the ids of those documents, in input order.  A ``case``
statistic is a fact of its own for each mention: two stories that each arrest 4 suspects are two busts.
A fact's other columns (``approx``, ``unit``, ``place_code``, ``period_start``, ``case_type``, ``text``) are
those of its first mention; ``unit`` is the unit of the record's quantity with the same offsets.  A record
given twice (same id, source and offsets) adds nothing the second time.

**Order** of the rows, the same for the same input: grouped as ``--group-by campaign,place,metric``
groups them (campaign by code point, nulls last; place: ``全国``, then by division code so that a
city comes before its districts, then places without a code, null last; metrics in the SPEC's order);
within a group the ``total`` facts before the ``case`` ones, the figure for all crime types before each
crime type's, then by ``period_end`` and ``period_start`` (nulls last), the larger value first, and
finally input order.

**Group totals** (``group_facts``): a group's facts are the ones that share the values of the group-by
columns.  Only ``total`` facts are added, per unit; a ``case`` figure is listed, never added (the tally
it belongs to already counts it), and so is an ``other`` figure (those measure different things).
A ``total`` fact inside another ``total`` fact of the group is a *part* and is not added either: same
campaign, metric and unit, and the other covers it in every respect and is larger in one: its place
contains this one's (``全国`` contains every place; by GB/T 2260 code), its crime type is null while
this one's is set (the ``其中`` breakdown of a tally), or its period ends later with the same start or
an earlier one (an earlier report of the same running tally).

**Translations**: a release and its translation (paired as ``extract crosscheck`` pairs them) report the
same facts; a figure matched in both (same slot and value) is one fact with both documents as sources,
whatever its scope, so a matched pair is never counted twice.

This module imports only the standard library when loaded: ``extract`` imports it eagerly so that
``extract.facts`` is always the function (a package attribute that a later ``import extract.facts``
would otherwise replace by the module), and ``import extract`` must stay cheap (see extract.forkserver).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import BaseModel

    from schemas import Fact, FactGroup, Statistic

GROUP_COLUMNS: tuple[str, ...] = (
    "metric", "campaign", "place", "place_code", "period_start", "period_end", "case_type", "unit", "scope",
)
FORMATS: tuple[str, ...] = (".csv", ".jsonl", ".parquet")
MAX_HELD = 1000  # lines without a record before a file is judged not to be JSONL records
PARQUET_HINT = "parquet output needs pyarrow: pip install 'extract[parquet]'"
# Cells that a spreadsheet would run as a formula; document ids and campaign names come from untrusted text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Mention(NamedTuple):
    """Where a fact is reported: a document and the statistic's span in its text."""

    doc_id: str
    source: str
    start: int
    end: int
    text: str


class FactEntry(NamedTuple):
    """A fact-table row with every mention behind it (for reports that show the sentences)."""

    fact: Fact
    mentions: tuple[Mention, ...]


class _Acc:
    """A fact being collected: its first statistic and every mention so far."""

    __slots__ = ("doc_ids", "first", "mentions", "seq", "unit")

    def __init__(self, first: Statistic, unit: str | None, seq: int) -> None:
        self.first = first
        self.unit = unit
        self.seq = seq
        self.doc_ids: dict[str, None] = {}
        self.mentions: list[Mention] = []


class InputError(ValueError):
    """A records file ``extract facts`` cannot use at all: missing, empty, not JSONL, or from an older extract."""


class MissingExtra(RuntimeError):
    """An optional dependency (an extra in pyproject.toml) is not installed."""


@cache
def _statistics_adapter() -> Any:
    from pydantic import TypeAdapter

    from schemas import Statistic

    return TypeAdapter(list[Statistic])


def _reason(exc: Exception) -> str:
    """One line for a validation error: where, what, and how many more."""
    from pydantic import ValidationError

    if not isinstance(exc, ValidationError):
        return str(exc)
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(p) for p in ("statistics", *first["loc"]))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def record_parts(record: BaseModel | Mapping[str, Any]) -> tuple[str, str, list[Statistic], dict[tuple[int, int], str]]:
    """(id, source, statistics, unit by quantity offsets) of one record; ValueError (one line) when malformed."""
    from pydantic import BaseModel, ValidationError

    if isinstance(record, BaseModel):
        record = record.model_dump(mode="json")
    if not isinstance(record, Mapping):
        raise ValueError(f"row is a JSON {type(record).__name__}, not an object")
    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError("row has no 'id' string")
    if "statistics" not in record:
        raise ValueError("row has no 'statistics' list")
    if not isinstance(record["statistics"], list):
        raise ValueError(f"'statistics' is a {type(record['statistics']).__name__}, not a list")
    try:
        stats = _statistics_adapter().validate_python(record["statistics"])
    except ValidationError as exc:
        raise ValueError(_reason(exc)) from None
    units: dict[tuple[int, int], str] = {}
    quantities = record.get("quantities")
    for q in quantities if isinstance(quantities, list) else ():
        if isinstance(q, Mapping) and isinstance(q.get("unit"), str):
            units[(q.get("start"), q.get("end"))] = q["unit"]  # type: ignore[index]
    return doc_id, str(record.get("source") or ""), stats, units


def _number(value: float | int | None) -> float | int | None:
    """Integral floats as ints (83000.0 → 83000), so the CSV and JSONL show the number as the text does."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return value


class FactTable:
    """Collects the facts of records added one by one; ``facts(records)`` is the one-call form."""

    def __init__(self, *, pairs: bool = True, explicit: Sequence[tuple[str, str]] = ()) -> None:
        self._facts: dict[tuple[Any, ...], _Acc] = {}
        self._seen: set[tuple[str, str, int, int]] = set()
        self.records = 0
        self.statistics = 0
        # translation pairs (extract.crosscheck): a fact both versions report is one fact with both sources
        self.pairs = pairs
        self.explicit = list(explicit)
        self._versions: list[dict[str, Any]] = []
        self._sources: dict[str, str] = {}
        self._paired = False

    def add(self, record: BaseModel | Mapping[str, Any] | ParsedRecord) -> None:
        """Add one record's statistics (ValueError with a one-line reason when the record is malformed)."""
        row: Mapping[str, Any] | None = record.row if isinstance(record, ParsedRecord) else None
        parts = record[1:] if isinstance(record, ParsedRecord) else record_parts(record)
        doc_id, source, stats, units = parts
        if self.pairs:
            if row is None:
                row = record.model_dump(mode="json") if hasattr(record, "model_dump") else record  # type: ignore[union-attr,assignment]
            self._versions.append({
                "id": doc_id, "lang": row.get("lang"), "translation_of": row.get("translation_of"),  # type: ignore[union-attr]
                "statistics": [x.model_dump() for x in stats],
            })
            self._sources.setdefault(doc_id, source)
            self._paired = False
        self.records += 1
        for s in stats:
            mention = (doc_id, source, s.start, s.end)
            if mention in self._seen:  # the same record given twice
                continue
            self._seen.add(mention)
            self.statistics += 1
            if s.scope == "total":
                key: tuple[Any, ...] = ("total", s.metric, s.value, s.value_max, s.campaign, s.place, s.period_end)
            else:
                key = ("case", *mention)
            acc = self._facts.get(key)
            if acc is None:
                acc = self._facts[key] = _Acc(s, units.get((s.start, s.end)), len(self._facts))
            acc.doc_ids.setdefault(doc_id)
            acc.mentions.append(Mention(doc_id, source, s.start, s.end, s.text))

    def __len__(self) -> int:
        """How many distinct facts so far."""
        return len(self._facts)

    def _merge_pairs(self) -> None:
        """Fold the facts of translation pairs together: a figure matched in both versions is one fact."""
        if self._paired or not self.pairs:
            return
        from .crosscheck import find_pairs

        self._paired = True
        where: dict[tuple[str, int, int], tuple[Any, ...]] = {}
        for key, acc in self._facts.items():
            for m in acc.mentions:
                where[(m.doc_id, m.start, m.end)] = key
        for check in find_pairs(self._versions, self.explicit):
            for x in check.alignments:
                if x.status != "match" or x.a is None or x.b is None:
                    continue
                ka = where.get((x.a.doc, x.a.start, x.a.end))
                kb = where.get((x.b.doc, x.b.start, x.b.end))
                if ka is None or kb is None or ka == kb or kb not in self._facts or ka not in self._facts:
                    continue
                into, gone = self._facts[ka], self._facts.pop(kb)
                for doc in gone.doc_ids:
                    into.doc_ids.setdefault(doc)
                into.mentions.extend(gone.mentions)
                for m in gone.mentions:
                    where[(m.doc_id, m.start, m.end)] = ka

    def entries(self) -> list[FactEntry]:
        """The facts with their mentions, in the table's order (module docstring)."""
        from schemas import Fact

        self._merge_pairs()
        out: list[tuple[int, FactEntry]] = []
        for acc in self._facts.values():
            s = acc.first
            fact = Fact(
                metric=s.metric, value=_number(s.value), value_max=_number(s.value_max), approx=s.approx,
                unit=acc.unit, scope=s.scope, campaign=s.campaign, place=s.place, place_code=s.place_code,
                period_start=s.period_start, period_end=s.period_end, case_type=s.case_type,
                n_sources=len(acc.doc_ids), sources=";".join(acc.doc_ids), text=s.text,
            )
            out.append((acc.seq, FactEntry(fact, tuple(acc.mentions))))
        out.sort(key=lambda pair: (*_order(pair[1].fact), pair[0]))
        return [entry for _, entry in out]

    def rows(self) -> list[Fact]:
        """The fact table: one ``Fact`` per distinct fact."""
        return [entry.fact for entry in self.entries()]


def _metric_rank(metric: str) -> int:
    from schemas import METRICS

    return METRICS.index(metric) if metric in METRICS else len(METRICS)


def _place_rank(place: str | None, code: str | None) -> tuple[int, str]:
    """Places in administrative order: 全国, then by division code (a city before its districts), then the rest."""
    from .places import NATIONWIDE

    if place is None:
        return (3, "")
    if place == NATIONWIDE:
        return (0, "")
    return (1, code) if code else (2, place)


def _order(f: Fact) -> tuple[Any, ...]:
    return (
        f.campaign is None, f.campaign or "", _place_rank(f.place, f.place_code), _metric_rank(f.metric),
        f.scope != "total", f.case_type is not None, f.case_type or "",
        f.period_end is None, f.period_end or "", f.period_start is None, f.period_start or "", -f.value,
    )


def facts(
    records: Iterable[BaseModel | Mapping[str, Any]], *, pairs: bool = True, explicit: Sequence[tuple[str, str]] = ()
) -> list[Fact]:
    """The fact table of ``records`` (Documents or their JSON dicts): one ``Fact`` per distinct fact.

    With ``pairs`` (the default) releases and their translations (``explicit`` id pairs, a record's
    ``translation_of``, or found by ``extract.crosscheck``) count a figure both report once.
    """
    table = FactTable(pairs=pairs, explicit=explicit)
    for record in records:
        table.add(record)
    return table.rows()


# --- reading records files --------------------------------------------------------------------------


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    import gzip

    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            yield from enumerate(fh, 1)
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def _parse(raw: bytes, first: bool) -> Any:
    import json

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("line is not UTF-8") from None
    if first:
        line = line.removeprefix("\ufeff")
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg}") from None


class ParsedRecord(NamedTuple):
    """A record checked by ``record_parts``: the row itself and the parts the fact table reads."""

    row: dict[str, Any]
    doc_id: str
    source: str
    statistics: list[Statistic]
    units: dict[tuple[int, int], str]


def read_records(
    path: Path, on_error: Callable[[int, str], None], *, need_statistics: bool = True
) -> Iterator[ParsedRecord]:
    """The records of the JSONL file ``path`` (plain or .gz), checked; a malformed row goes to ``on_error``.

    ``on_error(line, reason)`` gets each malformed row, which is skipped.  ``InputError`` when the file is of
    no use at all: missing, empty, no line a JSON object, or (with ``need_statistics``) no record with a
    ``statistics`` list (the output of an extract older than the link stage; without ``need_statistics``
    such records count as having none).  Row errors before the first good record are held back, so a file
    that is not JSONL gives that one line only; ``MAX_HELD`` such lines without a record end the reading.
    """
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a regular file")
    held: list[tuple[int, str]] = []
    good = objects = lacking = lines = 0
    for lineno, raw in _lines(path):
        if not raw.strip():
            continue
        lines += 1
        try:
            row = _parse(raw, lines == 1)
            if isinstance(row, dict):
                objects += 1
                lacking += "statistics" not in row
            if not need_statistics and isinstance(row, dict) and "statistics" not in row:
                parsed = ParsedRecord(row, *record_parts({**row, "statistics": []}))
            else:
                parsed = ParsedRecord(row, *record_parts(row))
        except ValueError as exc:
            if good:
                on_error(lineno, str(exc))
                continue
            held.append((lineno, str(exc)))
            if len(held) < MAX_HELD:
                continue
            break  # that many lines and not one record: judge the file on them
        good += 1
        for item in held:
            on_error(*item)
        held.clear()
        yield parsed
    if not good:
        if not lines:
            raise InputError("empty file")
        if lacking and lacking == objects:
            raise InputError("no record has a 'statistics' list: output of an extract older than the link stage"
                             " (rerun extract on the articles)")
        what = "no valid record" if objects else "not a JSONL file of extract records"
        raise InputError(f"{what} (line {held[0][0]}: {held[0][1]})")


# --- group totals -----------------------------------------------------------------------------------


def parse_columns(spec: str) -> list[str]:
    """``campaign,place,metric`` → the list of group-by columns; ValueError naming an unknown one."""
    columns = [c.strip() for c in spec.split(",") if c.strip()]
    unknown = [c for c in columns if c not in GROUP_COLUMNS]
    if unknown or not columns:
        raise ValueError(f"unknown column {unknown[0]!r}; choose from {', '.join(GROUP_COLUMNS)}" if unknown
                         else "name at least one column")
    return columns


@cache
def _add_as() -> dict[str, dict[str, str]]:
    from . import patterns

    table: dict[str, dict[str, str]] = {}
    for lang in ("zh", "en"):
        for metric, units in patterns.load(lang, "facts").get("add_as", {}).items():
            table.setdefault(metric, {}).update(units)
    return table


def added_unit(fact: Fact) -> str:
    """The unit a fact is added up under: its own, or the one ``patterns/<lang>/facts.toml`` counts it as."""
    unit = fact.unit or ""
    table = _add_as()
    return table.get(fact.metric, {}).get(unit) or table.get("*", {}).get(unit) or unit


def _place_cover(big: Fact, small: Fact) -> int | None:
    """0 same place, 1 ``big``'s place strictly contains ``small``'s, None otherwise or unknown."""
    from .places import NATIONWIDE, Place

    if big.place == small.place:
        return 0
    if small.place is None or big.place is None:
        return None
    if big.place == NATIONWIDE:
        return 1
    if big.place_code and small.place_code and big.place_code != small.place_code:
        return 1 if Place(small.place, small.place_code).within(Place(big.place, big.place_code)) else None
    return None


def covers(big: Fact, small: Fact) -> bool:
    """True when the ``total`` fact ``small`` is part of the ``total`` fact ``big`` (module docstring)."""
    if (big.campaign, big.metric, added_unit(big)) != (small.campaign, small.metric, added_unit(small)):
        return False
    place = _place_cover(big, small)
    kind = 0 if big.case_type == small.case_type else 1 if big.case_type is None else None
    if big.period_end == small.period_end:
        end: int | None = 0
    elif big.period_end and small.period_end and small.period_end < big.period_end:
        end = 1
    else:
        end = None
    start_ok = not (big.period_start and small.period_start and small.period_start < big.period_start)
    if place is None or kind is None or end is None or not start_ok:
        return False
    return place + kind + end > 0


def roles(group: Sequence[Fact]) -> list[str]:
    """How each fact of a group enters its totals: ``summed``, ``part``, ``case`` or ``listed``."""
    totals = [f for f in group if f.scope == "total" and f.metric != "other"]
    out = []
    for f in group:
        if f.scope == "case":
            out.append("case")
        elif f.metric == "other":
            out.append("listed")
        elif any(covers(big, f) for big in totals if big is not f):
            out.append("part")
        else:
            out.append("summed")
    return out


def summarise(key: Mapping[str, str | None], group: Sequence[Fact]) -> FactGroup:
    """A FactGroup: ``group``'s facts with their roles, sources and per-unit totals."""
    from schemas import FactGroup

    group_roles = roles(group)
    mixed = len({f.metric for f in group}) > 1
    totals: dict[str, float | int] = {}
    for f, role in zip(group, group_roles, strict=True):
        if role == "summed":
            unit = f"{f.metric} {added_unit(f)}" if mixed else added_unit(f)
            totals[unit] = _number(totals.get(unit, 0) + f.value)  # type: ignore[assignment]
    sources = {doc for f in group for doc in f.sources.split(";")}
    return FactGroup(key=dict(key), n_facts=len(group), n_sources=len(sources), totals=totals,
                     facts=list(group), roles=group_roles)  # type: ignore[arg-type]


def group_key(fact: Fact, by: Sequence[str]) -> tuple[str | None, ...]:
    """The values of the group-by columns ``by`` of one fact."""
    return tuple(getattr(fact, c) for c in by)


def key_order(by: Sequence[str], key: Sequence[str | None], codes: Mapping[str, str | None]) -> tuple[Any, ...]:
    """Sort key of a group, in the fact table's order (``codes``: each place's division code)."""
    out: list[tuple[Any, ...]] = []
    for column, value in zip(by, key, strict=True):
        if column == "place":
            out.append(_place_rank(value, codes.get(value or "")))
        elif column == "metric":
            out.append((value is None, _metric_rank(value) if value else 0, ""))
        else:
            out.append((value is None, 0, value or ""))
    return tuple(out)


def place_codes(rows: Iterable[Fact]) -> dict[str, str | None]:
    """The division code of each place named in ``rows`` (for ordering groups by place)."""
    return {f.place: f.place_code for f in rows if f.place is not None}


def group_facts(rows: Sequence[Fact], by: Sequence[str]) -> list[FactGroup]:
    """Facts grouped by the columns ``by`` (``GROUP_COLUMNS``), with totals that add each ``total`` fact once."""
    by = list(by)
    bad = [c for c in by if c not in GROUP_COLUMNS]
    if bad:
        raise ValueError(f"cannot group by {bad[0]!r}; choose from {', '.join(GROUP_COLUMNS)}")
    buckets: dict[tuple[str | None, ...], list[Fact]] = {}
    for f in rows:
        buckets.setdefault(group_key(f, by), []).append(f)
    codes = place_codes(rows)
    order = sorted(buckets, key=lambda k: key_order(by, k, codes))
    return [summarise(dict(zip(by, k, strict=True)), buckets[k]) for k in order]


def format_total(group: FactGroup) -> str:
    """``2,494 起`` (one sum per unit, ``; ``-joined; ``metric`` first when the group mixes metrics), or ``—``."""
    from .review import format_number

    if not group.totals:
        return "—"
    mixed = len({f.metric for f in group.facts}) > 1
    parts = []
    for unit, value in sorted(group.totals.items()):
        metric, name = unit.split(" ", 1) if mixed else ("", unit)
        parts.append(f"{metric} {format_number(value)} {name}".strip())
    return "; ".join(parts)


def group_table(groups: Sequence[FactGroup], by: Sequence[str], *, listed: int = 5) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the group totals (shared by ``extract facts --group-by`` and ``extract report``)."""
    head = [*by, "facts", "sources", "summed", "parts", "Σ total", "case figures (not summed)"]
    rows = []
    for g in groups:
        count = {r: g.roles.count(r) for r in ("summed", "part", "case", "listed")}
        cases = [f.text for f, r in zip(g.facts, g.roles, strict=True) if r == "case"]
        shown = ", ".join(cases[:listed]) + (f", … +{len(cases) - listed}" if len(cases) > listed else "")
        total = "— (other: not summed)" if count["listed"] == g.n_facts else format_total(g)
        rows.append([
            *(v if v is not None else "—" for v in g.key.values()),
            str(g.n_facts), str(g.n_sources), str(count["summed"]), str(count["part"]), total,
            f"{count['case']}: {shown}" if cases else "—",
        ])
    return head, rows


def format_groups(groups: Sequence[FactGroup], by: Sequence[str]) -> str:
    """The plain-text group table ``extract facts --group-by`` prints (CJK-width aligned)."""
    from .report import _table

    head, rows = group_table(groups, by)
    lines = _table(head, rows, numeric_from=len(by)) if rows else ["(no facts)"]
    lines += ["", "Σ adds the summed facts: total figures, each fact once, per unit (a range adds its lower end);"
              " parts (inside another fact of the group) and case figures are not added."]
    return "\n".join(lines)


# --- writing ----------------------------------------------------------------------------------------


def output_format(path: Path) -> str:
    """``.csv``, ``.jsonl`` or ``.parquet`` from the path's suffix; ValueError for anything else."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: the fact table is written as .csv, .jsonl or .parquet")
    return suffix


def need_parquet() -> None:
    """Raise MissingExtra (with the install hint) when pyarrow is not installed."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingExtra(PARQUET_HINT) from None


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(rows: Sequence[Fact]) -> Iterator[str]:
    """The CSV lines of the fact table (header first; empty cells for nulls)."""
    import csv
    import io

    from schemas import FACT_COLUMNS

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FACT_COLUMNS)
    for row in rows:
        writer.writerow([_cell(getattr(row, c)) for c in FACT_COLUMNS])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def write_facts(rows: Sequence[Fact], path: Path | None) -> None:
    """Write the fact table to ``path`` by its suffix, atomically (CSV to stdout when ``path`` is None).

    CSV files are UTF-8 with a byte-order mark, so that spreadsheets open the Chinese text correctly
    (stdout gets no BOM); a text cell that starts like a formula (``=``, ``+``, ``-``, ``@``) is prefixed
    with ``'``.  JSONL is one ``Fact`` per line.  Parquet needs the ``parquet`` extra (pyarrow).
    """
    if path is None:
        for chunk in csv_text(rows):
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    fmt = output_format(path)
    if fmt == ".parquet":
        need_parquet()
    from .writers import atomic_file

    with atomic_file(path) as tmp:
        if fmt == ".csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                fh.writelines(csv_text(rows))
        elif fmt == ".jsonl":
            with tmp.open("w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(row.model_dump_json() + "\n" for row in rows)
        else:
            _write_parquet(rows, tmp)


def _write_parquet(rows: Sequence[Fact], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from schemas import FACT_COLUMNS

    numbers = {"value": pa.float64(), "value_max": pa.float64(), "n_sources": pa.int64()}
    schema = pa.schema([(c, numbers.get(c, pa.string())) for c in FACT_COLUMNS])
    table = pa.Table.from_pylist([row.model_dump() for row in rows], schema=schema)
    pq.write_table(table, path)
