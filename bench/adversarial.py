"""Adversarial inputs through the full pipeline: seconds per MB, per stage, at growing sizes.

Run from the repository root:  .venv/bin/python bench/adversarial.py [--mb 1.0] [--cases NAME,...]

Each case is one single-line article built by repeating a pattern that stresses some rule
(``余万亿`` chains, digit runs, thousands of quotes, ``某`` and ``公安局`` runs, markup).  It is
timed at sizes doubling from 1/32 to 1 times ``--mb`` megabytes (UTF-8), stage by stage (jieba segmentation
as ``tokenizer``, then each pipeline component), and ``growth`` says how the time per MB changes
from the smallest to the largest size: about 1 means linear; 32 at the largest size means quadratic.  A case that
takes longer than ``--budget`` seconds at one size is not run at the next.  This is a script,
not a test: it prints a table and never fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1_000_000


def _repeat(unit: str, prefix: str = "警方通报：") -> Callable[[int], str]:
    """A one-line article: ``prefix`` (so that language detection says zh) and ``unit`` repeated."""

    def make(nbytes: int) -> str:
        per = len(unit.encode("utf-8"))
        return prefix + unit * max(1, (nbytes - len(prefix.encode("utf-8"))) // per)

    return make


def _corpus_like(nbytes: int) -> str:
    """Real articles glued into one line: the baseline a normal article costs."""
    texts = [p.read_text(encoding="utf-8").replace("\n", "") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    zh = "".join(t for t in texts if sum("\u4e00" <= c <= "\u9fff" for c in t) > len(t) // 4)
    return _repeat(zh)(nbytes + len(zh.encode("utf-8")))[: nbytes // 3]


CASES: dict[str, Callable[[int], str]] = {
    "baseline: corpus text, one line": _corpus_like,
    "余万亿 repeated": _repeat("余万亿"),
    "余万亿元 after digits": _repeat("1余万亿元"),
    "digit run": _repeat("1234567890"),
    "digits with separators": _repeat("1,234.5"),
    "full-width digits": _repeat("１２３４５６７８９０"),
    "digit+unit chain": _repeat("8万余元9千多起"),
    "quotes “”": _repeat("“”"),
    "quoted names “净网”": _repeat("“净网2023”"),
    "open quotes only “": _repeat("“"),
    "book titles 《》": _repeat("《》"),
    "某 run": _repeat("某"),
    "公安局 run": _repeat("公安局"),
    "市公安局分局 chain": _repeat("市公安局分局派出所"),
    "专项行动 run": _repeat("专项行动"),
    "侦破案件3起， lines (link stage)": _repeat("侦破案件3起，\n"),
    "抓获2人。 lines (link stage)": _repeat("抓获2人。\n"),
    "抓获2人。 one paragraph (link stage)": _repeat("全省抓获2人。"),
    "figures, no punctuation (link stage)": _repeat("侦破案件3起抓获犯罪嫌疑人2人"),
    "诈骗 run": _repeat("诈骗"),
    "年月日 run": _repeat("2023年12月"),
    "&nbsp; entities": _repeat("&nbsp;"),
    "unclosed <p tags": _repeat("<p class=x "),
    "English: more than": _repeat("more than ", "Police said "),
    "English: digit groups": _repeat("1,000,", "Police said "),
    "English: Police Bureau": _repeat("Public Security Bureau ", "Police said "),
    "English: quotes run, no spaces": _repeat("“”", "Police said "),
    "English: A. repeated": _repeat("A. ", "Police said "),
    "English: A.A. one token": _repeat("A.", "Police said "),
    "English: upper-case hex blob": _repeat("DEADBEEF0123456789ABCDEF", "Police said "),
    "English: ID-number-like tokens": _repeat("11010519491231002X", "Police said "),
}


def time_stages(text: str, extractor: object) -> dict[str, float]:
    """Seconds spent by the tokenizer and each pipeline component on ``text``."""
    from extract.normalize import detect_lang

    lang = detect_lang(text)
    nlp = extractor.nlp(lang)  # type: ignore[attr-defined]
    times: dict[str, float] = {}
    start = time.perf_counter()
    doc = nlp.make_doc(text)
    times["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        doc = proc(doc)
        times[name.removeprefix("extract_")] = time.perf_counter() - start
    start = time.perf_counter()
    from extract.records import doc_to_record

    doc_to_record(doc, doc_id="adv", lang=lang, source="")
    times["records"] = time.perf_counter() - start
    return times


def main() -> None:
    """Run the cases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="largest size, in MB of UTF-8 (default 1)")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds a size may take before larger ones are skipped")
    parser.add_argument("--cases", default="", help="comma-separated substrings of case names to run")
    args = parser.parse_args()

    from extract import Extractor

    extractor = Extractor()
    for lang in ("zh", "en"):
        extractor.nlp(lang)
    wanted = [c for c in args.cases.split(",") if c]
    sizes = [int(args.mb * MB / 2**k) for k in range(5, -1, -1)]
    print(f"{'case':34} {'MB':>5} {'chars':>8} {'total s':>8} {'s/MB':>7} {'growth':>6}  slowest stage (s)")
    for name, make in CASES.items():
        if wanted and not any(w in name for w in wanted):
            continue
        first_rate = None
        for nbytes in sizes:
            text = make(nbytes)
            size_mb = len(text.encode("utf-8")) / MB
            times = time_stages(text, extractor)
            total = sum(times.values())
            rate = total / size_mb
            first_rate = first_rate or rate
            slow = sorted(times.items(), key=lambda kv: -kv[1])[:2]
            detail = ", ".join(f"{k} {v:.2f}" for k, v in slow)
            print(f"{name:34} {size_mb:5.2f} {len(text):8d} {total:8.2f} {rate:7.2f} {rate / first_rate:6.1f}  {detail}", flush=True)
            if total > args.budget:
                print(f"{'':34} (over the {args.budget:.0f} s budget: larger sizes skipped)", flush=True)
                break


if __name__ == "__main__":
    main()
