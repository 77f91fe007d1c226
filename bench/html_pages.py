"""HTML renditions of annotated text articles, with their gold mapped into the markup.

Each article of a set (``corpus/``, ``tests/heldout2/``) is written as the page a CMS would serve:
``<head>`` with title, metadata, style sheet and script; the lines before the headline as navigation
links; the headline as ``<h1>``; body paragraphs as ``<p>`` with entities for curly quotes, a source
line break inside a sentence and bold figures; the lines after the body as a related-links list and
footer; the CSS and script residue of the scraped text moved into real ``<style>`` and ``<script>``.
Every gold item is mapped to the markup, so ``extract eval`` scores the HTML run exactly as it
scores the text run. The main-text extractors of the ``html`` extra are measured on these pages too
(``python bench/html_pages.py``): the generator knows which lines are the article.

Run: ``python bench/html_pages.py [SET_DIR ...]`` prints the eval of the text run and of the HTML run
side by side, and how well each main-text extractor finds the article's lines.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_CODE = re.compile(r"[{}]|^\s*[.#]?[\w-]+\s*:\s*[^:]+;|\b(?:var|function|window|document)\b|^\s*//")
_SCRIPT = re.compile(r"\b(?:var|function|window|document)\b|^\s*//|\(")
_SENTENCE = re.compile(r"[。！？”\".!?)）]\s*$")
_QUOTES = {"“": "&ldquo;", "”": "&rdquo;", "‘": "&lsquo;", "’": "&rsquo;", "—": "&mdash;"}


@dataclass
class Rendition:
    """A page's markup, for each character of the text the markup range it is written at, and which
    text lines are the article (headline and body paragraphs)."""

    markup: str
    starts: list[int]
    ends: list[int]
    body_lines: list[str] = field(default_factory=list)
    chrome_lines: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, size: int) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.starts = [-1] * size
        self.ends = [-1] * size

    def tag(self, markup: str) -> None:
        self.parts.append(markup)
        self.pos += len(markup)

    def text(self, text: str, offset: int, entities: bool, bold: set[int], bold_end: set[int]) -> None:
        for i, ch in enumerate(text):
            if offset + i in bold:
                self.tag("<strong>")
            if ch in "<>&":
                out = html.escape(ch)
            elif entities and ch in _QUOTES:
                out = _QUOTES[ch]
            elif ch == " " and (text[i - 1 : i] == " " or text[i + 1 : i + 2] == " "):
                out = "&nbsp;"  # a run of spaces, as a CMS writes it to keep it on the page
            else:
                out = ch
            self.starts[offset + i] = self.pos
            self.tag(out)
            self.ends[offset + i] = self.pos
            if offset + i + 1 in bold_end:
                self.tag("</strong>")


def render(text: str, gold: dict, seed: int) -> Rendition:
    """The HTML page of one annotated article (deterministic for a seed)."""
    rng = random.Random(seed)
    entities = rng.random() < 0.6
    # figures of statistics in bold, as police sites print them
    bold: set[int] = set()
    bold_end: set[int] = set()
    for stat in gold.get("statistics", []):
        if rng.random() < 0.35:
            bold.add(stat["start"])
            bold_end.add(stat["end"])
    title = gold.get("title")
    w = _Writer(len(text))
    published = gold.get("published")
    head_title = html.escape(title or "网站")
    w.tag(f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{head_title} - 门户网站</title>\n')
    if published and len(published) == 10 and rng.random() < 0.5:
        w.tag(f'<meta property="article:published_time" content="{published}T09:30:00+08:00">\n')
    w.tag('<link rel="stylesheet" href="/css/main.css">\n<style>body{font-size:14px;width:100%}</style>\n')
    w.tag('<script>var _hmt = _hmt || []; window.dataLayer = [3, 14];</script>\n</head>\n<body>\n')
    rend = Rendition(markup="", starts=[], ends=[])
    pos = 0
    state = "top"  # top (before the headline), body, tail (after the last body paragraph)
    lines = text.split("\n")
    last_body = max((i for i, line in enumerate(lines) if _is_body(line)), default=-1)
    for n, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        if _CODE.search(line):
            kind = "script" if _SCRIPT.search(line) else "style"
            w.tag(f"<{kind}>")
            w.text(line, start, False, set(), set())
            w.tag(f"</{kind}>\n")
            continue
        if state == "top" and title is not None and stripped == title.strip():
            w.tag('<div class="article">\n<h1 class="title">')
            w.text(line, start, entities, bold, bold_end)
            w.tag("</h1>\n")
            rend.body_lines.append(stripped)
            state = "body"
            continue
        if state != "tail" and _is_body(line) and (state == "body" or title is None):
            if state == "top":
                w.tag('<div class="article">\n')
                state = "body"
            w.tag("<p>")
            cut = _break_point(line, rng)
            w.text(line[:cut], start, entities, bold, bold_end)
            if cut < len(line):
                w.tag("\n        ")  # a line break of the CMS's source inside the sentence
                w.text(line[cut:], start + cut, entities, bold, bold_end)
            w.tag("</p>\n")
            rend.body_lines.append(stripped)
            if n == last_body:
                w.tag("</div>\n")
                state = "tail"
            continue
        rend.chrome_lines.append(stripped)
        if state == "top":
            w.tag('<div class="nav"><a href="/index.html">')
            w.text(line, start, entities, set(), set())
            w.tag("</a></div>\n")
        elif state == "body":
            w.tag('<div class="info">')
            w.text(line, start, entities, bold, bold_end)
            w.tag("</div>\n")
        else:
            w.tag('<ul class="related"><li><a href="/content/2024/0101.html">')
            w.text(line, start, entities, set(), set())
            w.tag("</a></li></ul>\n")
    if state == "body":
        w.tag("</div>\n")
    w.tag('<div class="footer">版权所有&nbsp;&copy; 2024</div>\n</body>\n</html>\n')
    rend.markup = "".join(w.parts)
    rend.starts, rend.ends = w.starts, w.ends
    return rend


def _is_body(line: str) -> bool:
    return len(line.strip()) >= 25 and bool(_SENTENCE.search(line))


def _break_point(line: str, rng: random.Random) -> int:
    """Where the CMS broke a paragraph's source line: between two CJK characters or at a space."""
    points = [i for i in range(8, len(line) - 8) if ("\u4e00" <= line[i - 1] <= "\u9fff" and "\u4e00" <= line[i] <= "\u9fff")]
    if not points or rng.random() < 0.5:
        return len(line)
    return rng.choice(points)


def map_gold(gold: dict, rend: Rendition) -> dict:
    """The gold of the text article with every span moved into the page's markup."""
    out = {**gold}
    for layer in ("quantities", "campaigns", "case_types", "entities", "statistics"):
        items = []
        for item in gold.get(layer, []):
            start, end = rend.starts[item["start"]], rend.ends[item["end"] - 1]
            if start < 0 or end < 0:
                raise ValueError(f"{gold['id']}: {layer} item {item['text']!r} is in a line the page hides")
            items.append({**item, "start": start, "end": end, "text": rend.markup[start:end]})
        out[layer] = items
    return out


def write_pages(set_dir: Path, out_dir: Path) -> list[tuple[str, Rendition]]:
    """Write ``out_dir/<stem>.html`` and ``out_dir/gold/<stem>.json`` for every article of a set."""
    (out_dir / "gold").mkdir(parents=True, exist_ok=True)
    written = []
    for n, path in enumerate(sorted(set_dir.glob("*.txt"))):
        text = path.read_text(encoding="utf-8-sig")
        gold = json.loads((set_dir / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        rend = render(text, gold, seed=n)
        (out_dir / f"{path.stem}.html").write_text(rend.markup, encoding="utf-8")
        mapped = map_gold(gold, rend)
        (out_dir / "gold" / f"{path.stem}.json").write_text(json.dumps(mapped, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append((path.stem, rend))
    return written


def _main_text_scores(pages: list[tuple[str, Rendition]]) -> None:
    """How many of the article's lines each installed main-text extractor keeps, and of the rest."""
    import time

    from extract.html import read_page
    from extract.normalize import detect_lang

    extractors = {}
    try:
        import justext

        def _justext(markup: str, lang: str) -> list[str]:
            # jusText has no Chinese stoplist: there, its stop-word thresholds are turned off
            stop = justext.get_stoplist("English") if lang == "en" else frozenset()
            tune = {} if lang == "en" else {"stopwords_low": 0, "stopwords_high": 0}
            paras = justext.justext(markup.encode("utf-8"), stop, encoding="utf-8", **tune)
            return [p.text for p in paras if not p.is_boilerplate]

        extractors["jusText"] = _justext
    except ImportError:
        pass
    try:
        import trafilatura

        def _trafilatura(markup: str, lang: str) -> list[str]:
            return (trafilatura.extract(markup, favor_recall=True) or "").split("\n")

        extractors["trafilatura"] = _trafilatura
    except ImportError:
        pass
    try:
        from readability import Document as Readable

        def _readability(markup: str, lang: str) -> list[str]:
            return read_page(Readable(markup).summary()).text.split("\n")

        extractors["readability-lxml"] = _readability
    except ImportError:
        pass
    print(f"{'main text by':18} {'body recall':>11} {'other kept':>11} {'ms/page':>8}")
    squash = re.compile(r"\s+")
    for name, fn in extractors.items():
        body_hit = body_all = other_kept = other_all = 0
        t0 = time.perf_counter()
        for _, rend in pages:
            lang = detect_lang(read_page(rend.markup).text)
            got = {squash.sub("", html.unescape(x)) for x in fn(rend.markup, lang)}
            got_text = "\n".join(got)
            for line in rend.body_lines:
                body_all += 1
                body_hit += squash.sub("", line) in got_text
            for line in rend.chrome_lines:
                other_all += 1
                other_kept += squash.sub("", line) in got
        ms = 1000 * (time.perf_counter() - t0) / max(1, len(pages))
        print(f"{name:18} {body_hit / max(1, body_all):11.3f} {other_kept / max(1, other_all):11.3f} {ms:8.1f}")


def main(argv: list[str]) -> None:
    """Render each set as pages, run and score text and pages, and measure the main-text extractors."""
    import subprocess
    import tempfile

    sets = [Path(a) for a in argv] or [ROOT / "corpus", ROOT / "tests" / "heldout2"]
    exe = str(Path(sys.executable).parent / "extract")
    for set_dir in sets:
        with tempfile.TemporaryDirectory() as tmp:
            pages = write_pages(set_dir, Path(tmp) / "pages")
            html_dir = Path(tmp) / "pages"
            for label, inputs, gold in (("text", set_dir, set_dir / "gold"), ("html", html_dir, html_dir / "gold")):
                out = Path(tmp) / f"{label}.jsonl"
                subprocess.run([exe, str(inputs), "-o", str(out)], check=True, stderr=subprocess.DEVNULL)
                table = subprocess.run([exe, "eval", str(out), str(gold)], capture_output=True, text=True).stdout
                print(f"== {set_dir.name} as {label}")
                print("\n".join(line for line in table.splitlines() if line and not line.startswith("  ")))
            _main_text_scores(pages)


if __name__ == "__main__":
    main(sys.argv[1:])
