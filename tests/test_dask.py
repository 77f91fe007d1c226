"""The optional Dask backend (extract.dask_backend) on a LocalCluster; needs the ``dask`` extra."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cli import extract
from test_parallel import short_rows

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from extract import Extractor  # noqa: E402
from extract.dask_backend import dask_extract  # noqa: E402
from extract.extractor import Article  # noqa: E402
from extract.readers import InputError  # noqa: E402
from extract.runner import extract_all  # noqa: E402
from extract.writers import to_json_line  # noqa: E402
from schemas import Document  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    """An in-process LocalCluster: one worker thread, no dashboard, started once for the module."""
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def items() -> list[Article | InputError]:
    docs = [Article(id=row["id"], text=row["text"]) for row in map(json.loads, short_rows(40))]
    return [*docs[:20], Article(id="bad-lang", text="文本", lang="xx"), *docs[20:]]


def test_partitions_give_the_sequential_result(
    client: distributed.Client, items: list[Article | InputError], extractor: Extractor, tmp_path: Path
) -> None:
    parts = tmp_path / "out.jsonl.parts"
    results = list(dask_extract(items, Extractor(), client=client, parts_dir=parts, max_docs=8))
    sequential = list(extract_all(items, extractor))
    assert [r.id for r in results] == [r.id for r in sequential]
    docs = [r for r in results if isinstance(r, Document)]
    assert [to_json_line(d) for d in docs] == [to_json_line(r) for r in sequential if isinstance(r, Document)]
    assert [r.id for r in results if isinstance(r, InputError)] == ["bad-lang"]
    files = sorted(parts.glob("part-*.jsonl"))
    assert len(files) > 2  # one part per partition
    merged = "".join(f.read_text(encoding="utf-8") for f in files)
    assert merged == "".join(to_json_line(d) for d in docs)


def test_cli_dask_local_matches_single_process(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = short_rows(130)
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    single, on_dask = tmp_path / "single.jsonl", tmp_path / "dask.jsonl"
    assert extract(str(corpus), "-o", str(single), "--jobs", "1").returncode == 0
    res = extract(str(corpus), "-o", str(on_dask), "--dask", "local", "--jobs", "2")
    assert res.returncode == 0, res.stderr
    assert "130 documents read, 130 written, 0 failed" in res.stderr
    assert on_dask.read_bytes() == single.read_bytes()
    parts = sorted((tmp_path / "dask.jsonl.parts").glob("part-*.jsonl"))
    assert len(parts) >= 2
    assert b"".join(p.read_bytes() for p in parts) == single.read_bytes()
