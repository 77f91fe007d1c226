"""``--jobs``: ordered, bounded, error-isolating parallel extraction (extract.parallel)."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from conftest import CORPUS
from test_cli import extract

from extract import Extractor
from extract.extractor import Article
from extract.parallel import batches, default_jobs, parallel_extract
from extract.readers import InputError
from extract.runner import extract_all, run
from extract.writers import to_json_line
from schemas import Document


class CrashingExtractor(Extractor):
    """Kills its worker process outright on one document, as a segfault or OOM kill would."""

    def process_batch(self, articles: Sequence[Article]) -> list[Document | Exception]:
        if any(article.id == "crash" for article in articles):
            os._exit(3)
        return super().process_batch(articles)


@pytest.fixture(scope="module")
def articles() -> list[Article | InputError]:
    """Forty short documents with a read error and a document whose extraction fails among them."""
    docs = [Article(id=row["id"], text=row["text"]) for row in map(json.loads, short_rows(40))]
    bad_read = InputError(id="unreadable", source="x.txt", reason="empty file")
    bad_lang = Article(id="bad-lang", text="文本", lang="xx")  # no pipeline for 'xx': extraction fails
    return [*docs[:20], bad_read, bad_lang, *docs[20:]]


def dumps(results: list[Document | InputError]) -> list[str]:
    return [r.model_dump_json() if isinstance(r, Document) else repr(r) for r in results]


def test_batches_are_lazy_and_bounded() -> None:
    pulled = 0

    def endless() -> Iterator[Article]:
        nonlocal pulled
        for n in itertools.count():
            pulled += 1
            yield Article(id=str(n), text="字" * 30)

    first, second = itertools.islice(batches(endless(), max_chars=100, max_docs=10), 2)
    assert [len(first), len(second)] == [4, 4]  # 4 x 30 chars reaches 100
    assert pulled == 8
    few = next(batches(iter([Article(id="a", text="x")] * 25), max_chars=10**9, max_docs=10))
    assert len(few) == 10


def test_parallel_output_equals_sequential_in_order(articles: list[Article | InputError], extractor: Extractor) -> None:
    sequential = list(extract_all(articles, extractor))
    parallel = list(parallel_extract(articles, Extractor(), jobs=2, max_docs=8))
    assert dumps(parallel) == dumps(sequential)
    failed = [r for r in parallel if isinstance(r, InputError)]
    assert [e.id for e in failed] == ["unreadable", "bad-lang"]
    assert "extraction failed" in failed[1].reason


def test_encoded_results_are_the_json_lines_of_a_sequential_run(
    articles: list[Article | InputError], extractor: Extractor
) -> None:
    sequential = list(extract_all(articles, extractor))
    encoded = list(parallel_extract(articles, Extractor(), jobs=2, max_docs=8, encode=True))
    assert encoded == [
        r if isinstance(r, InputError) else to_json_line(r) for r in sequential
    ]
    assert all(isinstance(r, str) for r in encoded if not isinstance(r, InputError))


def test_inflight_work_is_bounded() -> None:
    pulled = 0

    def stream() -> Iterator[Article]:
        nonlocal pulled
        for n in range(10_000):
            pulled += 1
            yield Article(id=f"d{n}", text="抓获犯罪嫌疑人12名。", lang="zh")

    results = parallel_extract(stream(), Extractor(), jobs=2, max_docs=1, inflight_per_job=2)
    first = next(results)
    assert isinstance(first, Document) and first.id == "d0"
    # one document per batch: 2 jobs x 2 batches in flight, plus 2 + 1 batches held back to cut the
    # end of the stream finer (``batches``); the 10,000 are not read ahead.
    assert pulled <= 2 * 2 + 3 + 1
    results.close()


def test_worker_death_fails_only_that_document() -> None:
    items = [Article(id=f"d{n}", text=f"抓获犯罪嫌疑人{n + 1}名。", lang="zh") for n in range(6)]
    items.insert(3, Article(id="crash", text="抓获犯罪嫌疑人9名。", lang="zh"))
    results = list(parallel_extract(items, CrashingExtractor(), jobs=2, max_docs=2))
    assert [r.id for r in results] == [a.id for a in items]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [(e.id, e.reason) for e in errors] == [("crash", "extraction failed: worker process died")]
    assert [r.quantities[0].value for r in results if isinstance(r, Document)] == [1, 2, 3, 4, 5, 6]


def test_extractor_pickles_without_its_pipelines(extractor: Extractor) -> None:
    import pickle

    extractor.nlp("zh")
    copy = pickle.loads(pickle.dumps(Extractor(lang="zh")))
    assert copy.lang == "zh"
    assert len(pickle.dumps(extractor)) < 1000  # built pipelines stay behind


def test_default_jobs_is_available_cores() -> None:
    assert default_jobs() == len(os.sched_getaffinity(0))


def short_rows(n: int) -> list[str]:
    """``n`` JSONL rows, each one corpus line that has a number: more documents than one batch holds."""
    lines = [
        line.strip()
        for p in sorted(CORPUS.glob("*.txt"))
        for line in p.read_text(encoding="utf-8-sig").splitlines()
        if any(ch.isdigit() for ch in line) and 20 <= len(line.strip()) <= 300
    ]
    return [json.dumps({"id": f"r{k}", "text": lines[k % len(lines)]}, ensure_ascii=False) for k in range(n)]


@pytest.fixture(scope="module")
def jsonl_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """130 short documents and one broken row: two batches (100 documents each at most), so workers run."""
    path = tmp_path_factory.mktemp("jobs") / "corpus.jsonl"
    rows = short_rows(130)
    rows.insert(7, '{"id": "broken", "text": ')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_run_with_jobs_writes_the_same_file(jsonl_corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    s1 = run([jsonl_corpus], one, jobs=1)
    s2 = run([jsonl_corpus], two, jobs=2)
    assert (s1.read, s1.written, s1.failed) == (s2.read, s2.written, s2.failed) == (131, 130, 1)
    assert one.read_bytes() == two.read_bytes()


def test_cli_jobs_output_is_byte_identical(jsonl_corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = extract(str(jsonl_corpus), "-o", str(one), "--jobs", "1")
    r2 = extract(str(jsonl_corpus), "-o", str(two), "--jobs", "2")
    assert r1.returncode == r2.returncode == 1  # the broken row fails, in both
    assert r1.stderr == r2.stderr
    assert "131 documents read, 130 written, 1 failed" in r2.stderr
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text(encoding="utf-8").splitlines()) == 130
    assert extract(str(jsonl_corpus), "--jobs", "0").returncode == 2


def test_gzip_corpus_in_and_gzip_output_out(jsonl_corpus: Path, tmp_path: Path) -> None:
    import gzip

    packed = tmp_path / "corpus.jsonl.gz"
    packed.write_bytes(gzip.compress(jsonl_corpus.read_bytes()))
    plain, zipped = tmp_path / "plain.jsonl", tmp_path / "out.jsonl.gz"
    assert run([jsonl_corpus], plain, jobs=1).written == 130
    assert run([packed], zipped, jobs=2).written == 130
    unzipped = gzip.decompress(zipped.read_bytes()).decode("utf-8")
    # Same records; only ``source`` (the input path and line) names the .gz file instead.
    assert unzipped == plain.read_text(encoding="utf-8").replace(str(jsonl_corpus), str(packed))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl.gz", "out.jsonl.gz", "plain.jsonl"]


def test_fork_server_module_is_light_and_prestart_launches_the_server() -> None:
    code = (
        "import sys\n"
        "from extract.forkserver import prestart\n"
        "assert 'spacy' not in sys.modules, 'importing extract.forkserver pulled in spaCy'\n"
        "prestart()\n"
        "from multiprocessing import forkserver\n"
        "assert forkserver._forkserver._forkserver_pid is not None\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=CORPUS.parent, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_default_run_on_small_inputs_starts_no_workers(tmp_path: Path) -> None:
    import cli
    from extract.inputs import input_bytes

    assert input_bytes([str(CORPUS)]) == sum(p.stat().st_size for p in CORPUS.glob("*.txt"))
    assert cli._small([str(CORPUS)])  # five articles: workers would cost more than the run
    big = tmp_path / "big.jsonl"
    with big.open("wb") as fh:
        fh.truncate(cli.SMALL_INPUT_BYTES + 1)  # sparse: only its size matters here
    assert not cli._small([str(CORPUS), str(big)])
    assert not cli._small(["-"])  # stdin cannot be sized: the cores are used


def _texts(batches_: list[list[Article | InputError]]) -> list[str]:
    return [a.text if isinstance(a, Article) else a.id for b in batches_ for a in b]


@pytest.mark.parametrize("parts", [2, 3, 4])
def test_the_end_of_the_stream_is_cut_finer_for_the_workers(parts: int) -> None:
    items = [Article(id=str(n), text="字" * (700 + 37 * (n % 5))) for n in range(120)]
    plain = list(batches(iter(items), max_chars=5_000, max_docs=100))
    guided = list(batches(iter(items), max_chars=5_000, max_docs=100, parts=parts))
    assert _texts(guided) == _texts(plain) == [a.text for a in items]  # nothing lost, reordered or repeated
    sizes = [sum(len(a.text) for a in b if isinstance(a, Article)) for b in guided]
    full = len(guided) - 2 * parts
    assert guided[:full] == plain[:full]  # before the end, the same batches as without workers
    assert len(guided) > len(plain)
    assert all(2_000 <= s < 5_000 for s in sizes[full:-1])  # the rest in 2 x parts smaller batches
    assert sizes[-1] <= sizes[full]


def test_a_stream_that_fits_one_batch_stays_one_batch() -> None:
    small = [Article(id=str(n), text="字" * 100) for n in range(30)]
    assert list(batches(iter(small), max_chars=5_000, max_docs=100, parts=2)) == [small]
    assert list(batches(iter([]), max_chars=5_000, max_docs=100, parts=2)) == []
    errors = [InputError(id="e", source="s", reason="r")] * 3  # no text, still counted by documents
    assert len(list(batches(iter(errors * 50), max_chars=5_000, max_docs=10, parts=2))) > 1
