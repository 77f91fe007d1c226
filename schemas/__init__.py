"""Pydantic models of the records extract produces (the record contract in README "Record format")."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Approx = Literal["exact", "more_than", "nearly", "about", "at_most", "several"]
QuantityKind = Literal["case", "person", "money", "percent", "duration", "age", "count"]
EntityLabel = Literal["PERSON", "ORG", "LOC", "DATE"]
Lang = Literal["zh", "en"]

APPROX_VALUES: tuple[str, ...] = Approx.__args__  # type: ignore[attr-defined]
QUANTITY_KINDS: tuple[str, ...] = QuantityKind.__args__  # type: ignore[attr-defined]
ENTITY_LABELS: tuple[str, ...] = EntityLabel.__args__  # type: ignore[attr-defined]
Metric = Literal[
    "cases_solved", "cases_filed", "cases_handled", "suspects_arrested", "suspects_prosecuted", "people_punished",
    "gangs_broken", "money_involved", "money_recovered", "money_frozen", "victim_losses", "victims",
    "accounts_closed", "content_removed", "sites_closed", "items_seized", "organisations_penalised", "other",
]
Scope = Literal["total", "case"]
METRICS: tuple[str, ...] = Metric.__args__  # type: ignore[attr-defined]
LISTS: tuple[str, ...] = ("quantities", "campaigns", "case_types", "entities", "statistics")


class Item(BaseModel):
    """A span of the document text: ``doc_text[start:end] == text``."""

    model_config = ConfigDict(extra="forbid")

    text: str
    start: int = Field(ge=0)
    end: int = Field(gt=0)


class Quantity(Item):
    """A number with a unit (SPEC section 3)."""

    # Negative only with a stated minus on a percentage or amount (-3.8%, 百分之负三点八).
    value: float | int
    value_max: float | int | None = None
    approx: Approx = "exact"
    unit: str
    kind: QuantityKind
    currency: str | None = None
    object: str | None = None


class Campaign(Item):
    """A named law-enforcement operation (SPEC section 4)."""

    name: str
    year: int | None = None
    canonical: str


class CaseType(Item):
    """A mention of a type of crime or offence (SPEC section 5)."""

    canonical: str


class Entity(Item):
    """A PERSON, ORG, LOC or DATE mention (SPEC section 6); DATEs may carry an ISO ``value``."""

    label: EntityLabel
    value: str | None = None


class Statistic(Item):
    """A quantity that reports an enforcement result, linked to what it measures and belongs to (SPEC section 8).

    ``place`` is the official name of the area covered (``长治市``, ``全国``); ``place_code`` its six-digit
    administrative division code (GB/T 2260), None for ``全国`` or when unknown.  Periods are ISO dates.
    """

    value: float | int
    value_max: float | int | None = None
    approx: Approx = "exact"
    metric: Metric
    scope: Scope
    campaign: str | None = None
    place: str | None = None
    place_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    period_start: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    period_end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    case_type: str | None = None


class Fact(BaseModel):
    """One distinct fact of a corpus: a statistic counted once however many articles report it (SPEC section 8).

    ``unit`` is the unit of the quantity the statistic is; ``sources`` the ids of the documents that report
    it, joined by ``;``, in input order; ``text`` the span of its first mention.
    """

    model_config = ConfigDict(extra="forbid")

    metric: Metric
    value: float | int
    value_max: float | int | None = None
    approx: Approx = "exact"
    unit: str | None = None
    scope: Scope
    campaign: str | None = None
    place: str | None = None
    place_code: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    case_type: str | None = None
    n_sources: int = Field(ge=1)
    sources: str
    text: str


FACT_COLUMNS: tuple[str, ...] = tuple(Fact.model_fields)
FactRole = Literal["summed", "part", "case", "listed"]


class FactGroup(BaseModel):
    """The facts that share the values of some columns (``extract facts --group-by``), with their totals.

    ``roles`` says, fact by fact, how each enters the totals: ``summed`` (a ``total`` figure added to
    ``totals``), ``part`` (a ``total`` figure inside another fact of the group: a crime type's share, an
    earlier tally of the same count, a smaller area), ``case`` (one case's figure) and ``listed``
    (``other`` metric: figures of different things); only ``summed`` facts are added.  ``totals`` maps
    each unit (``"<metric> <unit>"`` when the group mixes metrics) to its sum (a range adds its lower end).
    """

    model_config = ConfigDict(extra="forbid")

    key: dict[str, str | None]
    n_facts: int
    n_sources: int
    totals: dict[str, float | int]
    facts: list[Fact]
    roles: list[FactRole]


class StageError(BaseModel):
    """A pipeline stage that raised on one document: the record keeps every other stage's results."""

    model_config = ConfigDict(extra="forbid")

    stage: str  # the spaCy component's name, e.g. "extract_quantities"
    error: str  # the exception's type and message, e.g. "KeyError: 'rmb'"


class Document(BaseModel):
    """Everything extracted from one article: one JSON line of the output."""

    model_config = ConfigDict(extra="forbid")

    id: str
    source: str = ""
    lang: Lang
    title: str | None = None
    published: str | None = None
    encoding: str | None = None
    # The id of the document this one translates (given by the input, never guessed); written only
    # when set, so records of untranslated articles keep the SPEC's fields alone.
    translation_of: str | None = Field(default=None, exclude_if=lambda v: v is None)
    quantities: list[Quantity] = Field(default_factory=list)
    campaigns: list[Campaign] = Field(default_factory=list)
    case_types: list[CaseType] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)
    # Stages that failed on this document (empty when all ran): their lists are empty or partial.
    errors: list[StageError] = Field(default_factory=list)


class GoldDocument(BaseModel):
    """A gold annotation file: a Document whose ``source`` and ``lang`` may be absent."""

    model_config = ConfigDict(extra="ignore")

    id: str
    source: str | None = None
    lang: Lang | None = None
    title: str | None = None
    published: str | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    campaigns: list[Campaign] = Field(default_factory=list)
    case_types: list[CaseType] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)


ITEM_MODELS: dict[str, type[Item]] = {
    "quantities": Quantity,
    "campaigns": Campaign,
    "case_types": CaseType,
    "entities": Entity,
    "statistics": Statistic,
}

__all__ = [
    "APPROX_VALUES",
    "ENTITY_LABELS",
    "ITEM_MODELS",
    "LISTS",
    "StageError",
    "METRICS",
    "QUANTITY_KINDS",
    "Approx",
    "Campaign",
    "CaseType",
    "Document",
    "Entity",
    "EntityLabel",
    "FACT_COLUMNS",
    "Fact",
    "FactGroup",
    "FactRole",
    "GoldDocument",
    "Item",
    "Lang",
    "Metric",
    "Quantity",
    "QuantityKind",
    "Scope",
    "Statistic",
]
