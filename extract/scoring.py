"""Scoring predictions against gold annotations, as the record contract's sections 7 and 8 define.

A predicted item matches a gold item when their spans overlap and, for quantities, ``value``,
``value_max`` and ``kind`` are equal; for campaigns and case types, ``canonical`` is equal; for
entities, ``label`` is equal; for statistics, ``value`` is equal.  Strict scoring also requires
equal offsets.  Matching is one-to-one: each gold item takes the unmatched compatible prediction
that overlaps it most.  Among matched statistics, each of ``STAT_ATTRS`` is compared exactly (null
equals null).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from schemas import LISTS

# ``object`` is lenient (one contains the other), ``object_exact`` the same string.
ATTRS: tuple[str, ...] = ("approx", "unit", "currency", "object", "object_exact")
STAT_ATTRS: tuple[str, ...] = ("metric", "scope", "campaign", "place", "period_start", "period_end", "case_type")
_BREAKDOWN_FIELD = {"quantities": "kind", "entities": "label", "statistics": "metric"}


class PRF(BaseModel):
    """Counts and precision / recall / F1 of one list (or one kind/label of it)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add ``other``'s counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def summary(self) -> dict[str, float | int]:
        """Counts and rates as a plain dict."""
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }


class ListScore(BaseModel):
    """Lenient and strict scores of one list, with a breakdown by kind or label."""

    lenient: PRF = Field(default_factory=PRF)
    strict: PRF = Field(default_factory=PRF)
    by_kind: dict[str, PRF] = Field(default_factory=dict)

    def add(self, other: ListScore) -> None:
        """Add ``other``'s counts to these."""
        self.lenient.add(other.lenient)
        self.strict.add(other.strict)
        for key, prf in other.by_kind.items():
            self.by_kind.setdefault(key, PRF()).add(prf)


class Scores(BaseModel):
    """Everything ``extract eval`` reports for a set of documents."""

    documents: int = 0
    lists: dict[str, ListScore] = Field(default_factory=lambda: {name: ListScore() for name in LISTS})
    attr_correct: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(ATTRS, 0))
    attr_total: int = 0
    stat_correct: dict[str, int] = Field(default_factory=lambda: dict.fromkeys(STAT_ATTRS, 0))
    stat_total: int = 0
    title_correct: int = 0
    published_correct: int = 0
    by_lang: dict[str, dict[str, ListScore]] = Field(default_factory=dict)
    missing_predictions: list[str] = Field(default_factory=list)

    def attr_accuracy(self) -> dict[str, float]:
        """Share of matched quantities whose approx / unit / currency / object are right."""
        return {a: (self.attr_correct[a] / self.attr_total if self.attr_total else 1.0) for a in ATTRS}

    def stat_accuracy(self) -> dict[str, float]:
        """Share of matched statistics whose metric / scope / campaign / place / period / case type are right."""
        return {a: (self.stat_correct[a] / self.stat_total if self.stat_total else 1.0) for a in STAT_ATTRS}

    def value(self, key: str) -> float:
        """A threshold key's score: F1 of ``[lang/]list[.strict]``, or ``statistics.<attr>`` accuracy."""
        name, _, attr = key.partition(".")
        if name == "statistics" and attr in STAT_ATTRS:
            return self.stat_accuracy()[attr]
        return self.f1(key)

    def f1(self, key: str) -> float:
        """F1 for a threshold key ``[lang/]list[.strict]``, e.g. ``quantities``, ``en/entities.strict``."""
        lang, _, rest = key.rpartition("/")
        name, _, mode = rest.partition(".")
        table = self.by_lang.get(lang, {}) if lang else self.lists
        if name not in LISTS:
            raise KeyError(f"unknown list {name!r} in {key!r} (expected one of {', '.join(LISTS)})")
        if mode not in ("", "strict"):
            raise KeyError(f"unknown mode {mode!r} in {key!r} (expected nothing or .strict)")
        score = table.get(name, ListScore())
        return (score.strict if mode == "strict" else score.lenient).f1

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (what ``extract eval --json`` prints)."""

        def table(lists: dict[str, ListScore]) -> dict[str, Any]:
            return {
                name: {
                    "lenient": s.lenient.summary(),
                    "strict": s.strict.summary(),
                    "by_kind": {k: v.summary() for k, v in sorted(s.by_kind.items())},
                }
                for name, s in lists.items()
            }

        return {
            "documents": self.documents,
            "lists": table(self.lists),
            "by_lang": {lang: table(lists) for lang, lists in sorted(self.by_lang.items())},
            "quantity_attribute_accuracy": {k: round(v, 4) for k, v in self.attr_accuracy().items()},
            "matched_quantities": self.attr_total,
            "statistic_attribute_accuracy": {k: round(v, 4) for k, v in self.stat_accuracy().items()},
            "matched_statistics": self.stat_total,
            "title_accuracy": round(self.title_correct / self.documents, 4) if self.documents else 1.0,
            "published_accuracy": round(self.published_correct / self.documents, 4) if self.documents else 1.0,
            "missing_predictions": self.missing_predictions,
        }


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _compatible(layer: str, pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if layer == "quantities":
        return (
            _same_number(pred.get("value"), gold.get("value"))
            and _same_number(pred.get("value_max"), gold.get("value_max"))
            and pred.get("kind") == gold.get("kind")
        )
    if layer == "entities":
        return pred.get("label") == gold.get("label")
    if layer == "statistics":
        return _same_number(pred.get("value"), gold.get("value"))
    return pred.get("canonical") == gold.get("canonical")


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def object_matches(pred: str | None, gold: str | None) -> bool:
    """Objects match when both are absent or one string contains the other."""
    if not pred or not gold:
        return not pred and not gold
    return pred in gold or gold in pred


def match(
    layer: str, preds: list[dict[str, Any]], golds: list[dict[str, Any]], *, strict: bool
) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs that match under the lenient or strict rule."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, gold in enumerate(golds):
        best, best_overlap = -1, 0
        for pi, pred in enumerate(preds):
            if pi in used or not _compatible(layer, pred, gold):
                continue
            if strict and (pred["start"], pred["end"]) != (gold["start"], gold["end"]):
                continue
            ov = _overlap(pred, gold)
            if ov > best_overlap:
                best, best_overlap = pi, ov
        if best >= 0:
            used.add(best)
            pairs.append((best, gi))
    return pairs


def _score_list(layer: str, preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> tuple[ListScore, list]:
    score = ListScore()
    lenient_pairs = match(layer, preds, golds, strict=False)
    strict_pairs = match(layer, preds, golds, strict=True)
    for prf, pairs in ((score.lenient, lenient_pairs), (score.strict, strict_pairs)):
        prf.tp += len(pairs)
        prf.fp += len(preds) - len(pairs)
        prf.fn += len(golds) - len(pairs)
    field = _BREAKDOWN_FIELD.get(layer)
    if field:
        matched_p = {p for p, _ in lenient_pairs}
        matched_g = {g for _, g in lenient_pairs}
        by: dict[str, PRF] = defaultdict(PRF)
        for _, gi in lenient_pairs:
            by[str(golds[gi].get(field))].tp += 1
        for pi, pred in enumerate(preds):
            if pi not in matched_p:
                by[str(pred.get(field))].fp += 1
        for gi, gold in enumerate(golds):
            if gi not in matched_g:
                by[str(gold.get(field))].fn += 1
        score.by_kind = dict(by)
    return score, lenient_pairs


def score_document(pred: dict[str, Any], gold: dict[str, Any], scores: Scores) -> None:
    """Add one document's comparison to ``scores``."""
    scores.documents += 1
    lang = str(gold.get("lang") or pred.get("lang") or "?")
    lang_table = scores.by_lang.setdefault(lang, {name: ListScore() for name in LISTS})
    for layer in LISTS:
        preds = pred.get(layer) or []
        golds = gold.get(layer) or []
        list_score, pairs = _score_list(layer, preds, golds)
        scores.lists[layer].add(list_score)
        lang_table[layer].add(list_score)
        if layer == "quantities":
            for pi, gi in pairs:
                scores.attr_total += 1
                p, g = preds[pi], golds[gi]
                for attr in ("approx", "unit", "currency"):
                    scores.attr_correct[attr] += p.get(attr) == g.get(attr)
                scores.attr_correct["object"] += object_matches(p.get("object"), g.get("object"))
                scores.attr_correct["object_exact"] += (p.get("object") or None) == (g.get("object") or None)
        if layer == "statistics":
            for pi, gi in pairs:
                scores.stat_total += 1
                for attr in STAT_ATTRS:
                    scores.stat_correct[attr] += preds[pi].get(attr) == golds[gi].get(attr)
    scores.title_correct += (pred.get("title") or None) == (gold.get("title") or None)
    scores.published_correct += pred.get("published") == gold.get("published")


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold documents in ``gold_dir`` (``*.json``), keyed by id."""
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[str(data.get("id") or path.stem)] = data
    if not gold:
        raise FileNotFoundError(f"no gold *.json files in {gold_dir}")
    return gold


def score(predictions: Iterable[dict[str, Any]], gold: dict[str, dict[str, Any]]) -> Scores:
    """Score predicted documents against gold documents (matched by id; unpredicted gold counts as empty)."""
    scores = Scores()
    seen: set[str] = set()
    for pred in predictions:
        doc_id = str(pred.get("id"))
        if doc_id in gold and doc_id not in seen:
            seen.add(doc_id)
            score_document(pred, gold[doc_id], scores)
    for doc_id in sorted(set(gold) - seen):
        scores.missing_predictions.append(doc_id)
        score_document({"id": doc_id}, gold[doc_id], scores)
    return scores


def parse_thresholds(spec: str | dict[str, float]) -> dict[str, float]:
    """``"quantities=0.95,en/entities.strict=0.8"`` (or a dict) as ``{key: minimum F1}``."""
    if isinstance(spec, dict):
        return {str(k): float(v) for k, v in spec.items()}
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"threshold {part!r} is not KEY=VALUE")
        out[key.strip()] = float(value)
    return out


def check_thresholds(thresholds: dict[str, float]) -> None:
    """Raise ``KeyError`` for a threshold key no score answers to, before anything is scored."""
    empty = Scores()
    for key in thresholds:
        try:
            empty.value(key)
        except ZeroDivisionError:
            pass  # a known key with nothing scored yet


def below(scores: Scores, thresholds: dict[str, float]) -> list[str]:
    """The thresholds ``scores`` does not reach, as readable lines."""
    return [
        f"{key}: {'accuracy' if _is_attr(key) else 'F1'} {scores.value(key):.4f} < {minimum:.4f}"
        for key, minimum in thresholds.items()
        if scores.value(key) + 1e-12 < minimum
    ]


def _is_attr(key: str) -> bool:
    name, _, attr = key.partition(".")
    return name == "statistics" and attr in STAT_ATTRS


def format_table(scores: Scores) -> str:
    """The human-readable score table ``extract eval`` prints."""
    lines = [f"documents: {scores.documents}", ""]
    head = f"{'list':<22}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}{'strict F1':>11}"
    lines.append(head)
    lines.append("-" * len(head))

    def row(name: str, s: ListScore | PRF, strict: PRF | None) -> str:
        prf = s.lenient if isinstance(s, ListScore) else s
        st = f"{strict.f1:>11.3f}" if strict is not None else " " * 11
        return (
            f"{name:<22}{prf.tp + prf.fn:>6}{prf.tp + prf.fp:>6}"
            f"{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}{st}"
        )

    for name, s in scores.lists.items():
        lines.append(row(name, s, s.strict))
        for kind, prf in sorted(s.by_kind.items()):
            lines.append(row(f"  {kind}", prf, None))
    for lang, lists in sorted(scores.by_lang.items()):
        lines.append("")
        lines.append(f"[{lang}]")
        for name, s in lists.items():
            lines.append(row(name, s, s.strict))
    acc = scores.attr_accuracy()
    lines.append("")
    lines.append(
        f"matched quantities: {scores.attr_total}  "
        + "  ".join(f"{k} {v:.3f}" for k, v in acc.items())
    )
    lines.append(
        f"matched statistics: {scores.stat_total}  "
        + "  ".join(f"{k} {v:.3f}" for k, v in scores.stat_accuracy().items())
    )
    n = scores.documents or 1
    lines.append(f"title {scores.title_correct}/{scores.documents} ({scores.title_correct / n:.3f})  "
                 f"published {scores.published_correct}/{scores.documents} ({scores.published_correct / n:.3f})")
    if scores.missing_predictions:
        lines.append(f"no prediction for: {', '.join(scores.missing_predictions)}")
    return "\n".join(lines)
