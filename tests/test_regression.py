"""Gold regression: extraction over corpus/ must keep F1 at or above tests/thresholds.toml."""

from __future__ import annotations

import tomllib

from conftest import CORPUS, GOLD, ROOT

from extract import scoring


def test_corpus_meets_thresholds(corpus_records: list[dict]) -> None:
    thresholds = tomllib.loads((ROOT / "tests" / "thresholds.toml").read_text(encoding="utf-8"))
    scores = scoring.score(corpus_records, scoring.load_gold(GOLD))
    assert scores.documents == len(list(CORPUS.glob("*.txt")))
    assert not scores.missing_predictions
    failures = scoring.below(scores, scoring.parse_thresholds(thresholds))
    assert not failures, "\n".join(failures) + "\n\n" + scoring.format_table(scores)


def test_every_record_keeps_the_offset_contract(corpus_records: list[dict]) -> None:
    for rec in corpus_records:
        text = (CORPUS / f"{rec['id']}.txt").read_text(encoding="utf-8-sig")
        for layer in ("quantities", "campaigns", "case_types", "entities", "statistics"):
            starts = [it["start"] for it in rec[layer]]
            assert starts == sorted(starts), (rec["id"], layer)
            for it in rec[layer]:
                assert text[it["start"] : it["end"]] == it["text"], (rec["id"], layer, it)


def test_every_statistic_is_one_of_the_quantities(corpus_records: list[dict]) -> None:
    for rec in corpus_records:
        spans = {(q["start"], q["end"], q["value"]) for q in rec["quantities"]}
        for st in rec["statistics"]:
            assert (st["start"], st["end"], st["value"]) in spans, (rec["id"], st)
