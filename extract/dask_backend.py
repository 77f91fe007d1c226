"""The optional Dask backend: the same pipeline on a Dask cluster, partitioned by document.

``pip install -e ".[dask]"``, then ``extract corpus/ -o out.jsonl --dask local`` (a LocalCluster on
this machine) or ``--dask tcp://scheduler:8786``.  The article stream is cut into partitions (lists
of whole documents, see ``extract.parallel.batches``) and each partition is one Dask task, with a
bounded number in flight so the corpus is never held in memory.  Each worker keeps one Extractor
per thread for the whole run, so pipelines are built once per worker, not once per task.

Results come back in input order: the client writes one JSONL part per partition
(``OUT.jsonl.parts/part-00000.jsonl``...) and the runner writes the merged file, byte-identical to
a single-process run.  Workers need no shared file system.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemas import Document

from .batch import extract_all
from .extractor import Article, Extractor
from .parallel import BATCH_CHARS, BATCH_DOCS, batches
from .readers import InputError
from .writers import to_json_line

if TYPE_CHECKING:
    from distributed import Client

Item = Article | InputError
Result = Document | InputError

_local = threading.local()


def _extract_partition(token: str, extractor: Extractor, batch: list[Item], encode: bool = False) -> list[Result | str]:
    """Run on a worker: extract one partition with this thread's Extractor for run ``token``.

    With ``encode``, records come back as their JSON lines, made on the worker.
    """

    # Keyed by run token so a long-lived worker serving several runs never mixes their settings;
    # one copy per thread because a worker with several threads must not share one spaCy pipeline.
    cached: tuple[str, Extractor] | None = getattr(_local, "extractor", None)
    if cached is None or cached[0] != token:
        cached = (token, pickle.loads(pickle.dumps(extractor)))
        _local.extractor = cached
    results = extract_all(batch, cached[1])
    if encode:
        return [r if isinstance(r, InputError) else to_json_line(r) for r in results]
    return list(results)


def connect(address: str, *, n_workers: int | None = None) -> Client:
    """A Dask client: ``local`` starts a LocalCluster (one single-threaded process per core), else a scheduler address."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # the extra is optional
        raise RuntimeError('the Dask backend needs the dask extra: pip install -e ".[dask]"') from exc
    if address == "local":
        from .forkserver import default_jobs

        cluster = LocalCluster(
            n_workers=n_workers or default_jobs(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        return Client(cluster)
    return Client(address)


def _write_part(parts_dir: Path, index: int, results: list[Result | str]) -> None:
    """One partition's documents as ``part-NNNNN.jsonl``, written to a temporary file and renamed."""
    target = parts_dir / f"part-{index:05d}.jsonl"
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parts_dir)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        for result in results:
            if isinstance(result, str):
                fh.write(result)
            elif isinstance(result, Document):
                fh.write(to_json_line(result))
    os.replace(tmp, target)


def dask_extract(
    items: Iterable[Item],
    extractor: Extractor | None = None,
    *,
    client: Client | str,
    parts_dir: Path | None = None,
    max_chars: int = BATCH_CHARS,
    max_docs: int = BATCH_DOCS,
    inflight_per_worker: int = 2,
    n_workers: int | None = None,
    encode: bool = False,
) -> Iterator[Result | str]:
    """Extract ``items`` on the cluster behind ``client``, yielding results in input order.

    ``client`` is a connected Client, or an address for ``connect`` (then closed at the end;
    ``n_workers`` sizes a ``local`` cluster).
    With ``parts_dir``, each partition's documents are also written there as one JSONL part.
    With ``encode``, records come back as their JSON lines (made on the workers).
    """
    if isinstance(client, str):
        owned = connect(client, n_workers=n_workers)
        try:
            yield from dask_extract(
                items,
                extractor,
                client=owned,
                parts_dir=parts_dir,
                max_chars=max_chars,
                max_docs=max_docs,
                inflight_per_worker=inflight_per_worker,
                encode=encode,
            )
        finally:
            cluster = owned.cluster
            owned.close()
            if client == "local" and cluster is not None:
                cluster.close()
        return
    extractor = extractor or Extractor()
    token = uuid.uuid4().hex
    # Scattered once, so tasks carry a reference to the settings instead of a copy each.
    [remote_extractor] = client.scatter([extractor], broadcast=True)
    workers = max(1, sum(client.nthreads().values()))
    limit = workers * inflight_per_worker
    if parts_dir is not None:
        parts_dir.mkdir(parents=True, exist_ok=True)
        for stale in parts_dir.glob("part-*.jsonl"):
            stale.unlink()
    pending: deque[Any] = deque()
    index = 0

    def drain_one() -> list[Result | str]:
        nonlocal index
        results: list[Result | str] = pending.popleft().result()
        if parts_dir is not None:
            _write_part(parts_dir, index, results)
        index += 1
        return results

    try:
        for batch in batches(items, max_chars=max_chars, max_docs=max_docs, parts=workers):
            pending.append(client.submit(_extract_partition, token, remote_extractor, batch, encode, pure=False))
            while len(pending) >= limit:
                yield from drain_one()
        while pending:
            yield from drain_one()
    finally:
        for future in pending:
            future.cancel()
