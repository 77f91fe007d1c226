"""Segmentation: jieba for Chinese and spaCy's rules for English, both linear in the text length.

Chinese words are jieba's: its dictionary, its DAG and route, its HMM for unknown words. They are
computed by jieba-rs (the Rust implementation of jieba, through ``rjieba``), 8x faster than the
Python package over a whole article, and made word-for-word equal to ``jieba.lcut`` by applying
Python jieba's own block rules around it (``jieba_cut``; tests compare the two on real and random
text). ``engine="python"`` runs the Python package instead.

spaCy's own Chinese tokenizer aligns jieba's words to the text with ``text[pos:].index(word)``,
copying the rest of the text for every word: quadratic, 7 s for a 333k-character article. The
tokenizer here aligns them in linear time. spaCy's English tokenizer is quadratic on one very long
run without spaces (thousands of quotes); such runs are cut into tokens by a plain linear rule instead.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Literal

import regex
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from . import cache as disk_cache
from .doc import remember_text

# Longest whitespace-free run handed to spaCy's English tokenizer; real words are far shorter.
MAX_EN_RUN = 200
_LONG_RUN = regex.compile(rf"\S{{{MAX_EN_RUN + 1},}}")
_PLAIN_TOKEN = regex.compile(r"\w+|[^\w\s]|\s+")


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """Align ``words`` (which concatenate to ``text`` up to whitespace) into spaCy words and spaces."""
    if "".join(words) == text:
        return _covering_words_and_spaces(words)
    out_words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    n = len(text)
    for word in words:
        if not word or word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0:
            raise ValueError(f"segment {word!r} not found in the text after offset {pos}")
        if start > pos:
            out_words.append(text[pos:start])
            spaces.append(False)
        out_words.append(word)
        spaces.append(False)
        pos = start + len(word)
        if pos < n and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < n:
        out_words.append(text[pos:])
        spaces.append(False)
    return out_words, spaces


def _covering_words_and_spaces(words: list[str]) -> tuple[list[str], list[bool]]:
    """``words_and_spaces`` when ``words`` cover the text exactly, as jieba's do: no searching needed.

    A whitespace run between two words becomes one token, except that a single space right after a
    word is that word's trailing space (spaCy's convention).
    """
    out_words: list[str] = []
    spaces: list[bool] = []
    run: list[str] = []

    def flush() -> None:
        gap = "".join(run)
        run.clear()
        if out_words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            out_words.append(gap)
            spaces.append(False)

    for word in words:
        if not word:
            continue
        if word.isspace():
            run.append(word)
            continue
        if run:
            flush()
        out_words.append(word)
        spaces.append(False)
    if run:
        flush()
    return out_words, spaces


# Python jieba's block rules (jieba.re_han_default, jieba.re_skip_default, jieba.finalseg.re_skip):
# text is cut into runs of Han/ASCII word characters, segmented, and everything between them
# (punctuation, other scripts) becomes one token per character, whitespace runs per character.
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_RE_SKIP = re.compile("(\r\n|\\s)")
_RE_ALNUM = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")

Engine = Literal["rust", "python"]


def _jieba_dir() -> Path:
    """The folder of the jieba package, found without importing it (its import costs 0.2 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def quiet_jieba() -> None:
    """Python jieba without its 'Building prefix dict' lines on stderr (imported only when it is used)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)


def jieba_dictionary(word: str = r"\S+", min_freq: int = 1) -> dict[str, int]:
    """Entries of jieba's default dictionary (the file shipped with jieba): word -> frequency.

    Only words matching the regex ``word`` with a frequency of at least ``min_freq``; one regex pass
    over the file, so a narrow selection costs a few milliseconds, not a Python loop over 349k lines.
    """
    path = _jieba_dir().joinpath("dict.txt")
    stat = path.stat()
    # The selection is cached, keyed by the file it came from: reading 5 MB costs 0.05-0.2 s a start.
    key = hashlib.sha1(f"{_CACHE_FORMAT}|{path}|{stat.st_size}|{stat.st_mtime_ns}|{word}|{min_freq}".encode()).hexdigest()
    cached = _read_cached(key)
    if cached is not None:
        return cached
    text = path.read_text(encoding="utf-8")
    digits = len(str(max(min_freq, 0)))  # frequencies have no leading zeros: >= 100 has 3+ digits
    entries = re.findall(rf"^({word}) (\d{{{digits},}})\b", text, flags=re.M)
    found = {w: int(f) for w, f in entries if int(f) >= min_freq}
    _write_cached(key, found)
    return found


_CACHE_FORMAT = 1


def _read_cached(key: str) -> dict[str, int] | None:
    raw = disk_cache.read(f"jieba-{key}.json")
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:
        return None  # a damaged cache file: computed again and rewritten
    return data if isinstance(data, dict) else None


def _write_cached(key: str, found: dict[str, int]) -> None:
    # whole or absent, even with runs side by side; a read-only home is skipped (extract.cache)
    disk_cache.write(f"jieba-{key}.json", json.dumps(found, ensure_ascii=False).encode("utf-8"))


@cache
def _ascii_words() -> frozenset[str]:
    # Python jieba splits an ASCII run at its punctuation unless the run is a dictionary word (C++)
    return frozenset(jieba_dictionary(r"[!-~]+"))


def jieba_cut(text: str) -> list[str]:
    """``jieba.lcut(text)`` (accurate mode, HMM on), computed with jieba-rs: the same words, faster.

    jieba-rs segments each run of Han and ASCII word characters exactly as jieba does, except that
    it keeps an ASCII run such as ``2023-12-22`` or ``www.a.com`` whole where Python jieba's HMM
    step splits it at the punctuation; that step is applied here.
    """
    return _apply_block_rules(text, _rust_words(text), merge_spaces=False)[0]


def jieba_tokens(text: str) -> tuple[list[str], list[bool]]:
    """spaCy words and spaces of ``text`` from ``jieba_cut``'s words, in one pass over the anchors.

    Equal to ``words_and_spaces(jieba_cut(text), text)``: each whitespace run becomes one token,
    except that a single space right after a word is that word's trailing space.
    """
    return _apply_block_rules(text, _rust_words(text), merge_spaces=True)


# jieba-rs cuts the text at the same places as Python jieba (_RE_HAN, one token per other character,
# "\r\n" kept together) but counts every CJK block as Han where Python jieba stops at U+9FD5; a text
# without those characters is cut by one call for the whole text, with the very words of per-block calls.
_WIDE_HAN = re.compile("[\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F]")
# Where Python jieba's rules may change jieba-rs's words: whitespace (a run of several characters, or
# a space, becomes spaCy's tokens) and ASCII punctuation of a Han block (jieba splits an ASCII word
# there). One character class, so the scan runs at regex speed; the rest is per anchor.
_ANCHORS = re.compile(r"[\s+#&._%\-][\s+#&._%\-]*")
_SPACE = re.compile(r"\s")
_PARTS = re.compile(r"\s+|\S+")


def _rust_words(text: str) -> list[str]:
    """jieba-rs's words of ``text`` cut at Python jieba's block edges, before its ASCII rule."""
    import rjieba

    if _WIDE_HAN.search(text) is None:
        return rjieba.cut(text)
    return _rust_words_per_block(text)


def _rust_words_per_block(text: str) -> list[str]:
    """``_rust_words`` by Python jieba's own block loop: one jieba-rs call per Han block."""
    import rjieba

    out: list[str] = []
    # split() with a capturing group alternates: text between word runs, a word run, text between...
    for i, block in enumerate(_RE_HAN.split(text)):
        if not block:
            continue
        if i % 2:
            out.extend(rjieba.cut(block))
        elif not _RE_SKIP.search(block):
            out.extend(block)  # punctuation and other scripts: one token per character
        else:
            for piece in _RE_SKIP.split(block):
                if _RE_SKIP.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)
    return out


def _apply_block_rules(text: str, words: list[str], *, merge_spaces: bool) -> tuple[list[str], list[bool]]:
    """Python jieba's ASCII rule on ``words`` (which cover ``text``), and spaCy's whitespace tokens if asked.

    Work is proportional to the anchors (``_ANCHORS``): the words between them are copied by slices.
    A token is all whitespace or holds none, so a whitespace run is exactly a run of whole tokens; an
    ASCII word that jieba splits holds one of the punctuation characters.
    """
    ends = list(accumulate(map(len, words)))
    if (ends[-1] if ends else 0) != len(text):
        raise ValueError("jieba's words do not cover the text")
    ascii_words = _ascii_words()
    out: list[str] = []
    trailing: list[int] = []  # indices in ``out`` of words followed by one space
    done = 0  # words[:done] are in ``out``
    for m in _ANCHORS.finditer(text):
        run = m[0]
        start = m.start()
        if run.isspace():
            if not merge_spaces or (len(run) == 1 and run != " "):
                continue  # one whitespace character other than a space is already its own token
            parts: Iterable[tuple[int, str]] = ((start, run),)
        elif _SPACE.search(run) is None:
            parts = ((start, run),)
        else:
            parts = [(start + p.start(), p[0]) for p in _PARTS.finditer(run)]
        for at, part in parts:
            first = max(bisect_right(ends, at), done)  # the word holding the part's first character
            stop = bisect_right(ends, at + len(part) - 1) + 1
            if stop <= first:
                continue
            if part.isspace():
                if not merge_spaces:
                    continue
                out += words[done:first]
                done = stop
                if out and part[0] == " ":
                    trailing.append(len(out) - 1)
                    part = part[1:]
                if part:
                    out.append(part)
                continue
            out += words[done:first]
            done = stop
            for word in words[first:stop]:
                if word.isascii() and word not in ascii_words:
                    out += [p for p in _RE_ALNUM.split(word) if p]
                else:
                    out.append(word)
    out += words[done:]
    spaces = [False] * len(out)
    for i in trailing:
        spaces[i] = True
    return out, spaces


class OrthCache(dict[str, int]):
    """Word -> orth ID of the words ``vocab`` holds, to build Docs from IDs: spaCy then skips hashing
    every word's string, half of what ``Doc(vocab, words=...)`` costs; the Doc is the same."""

    # Bounds the memory beside the vocab's own lexemes; a full cache starts again.
    MAX_SIZE = 200_000

    def __init__(self, vocab: Vocab) -> None:
        super().__init__()
        self.vocab = vocab
        self.missing: list[str] = []

    def __missing__(self, word: str) -> str:
        self.missing.append(word)
        return word  # a word not cached yet reaches spaCy as a string, which makes its lexeme

    def doc(self, words: list[str], spaces: list[bool]) -> Doc:
        """``Doc(vocab, words=words, spaces=spaces)``, its known words passed as orth IDs."""
        self.missing = []
        keys = list(map(self.__getitem__, words))
        try:
            doc = Doc(self.vocab, words=keys, spaces=spaces)
        except KeyError:
            # an ID whose string a closed memory zone dropped: forget every ID, build from the strings
            self.clear()
            return Doc(self.vocab, words=words, spaces=spaces)
        # a memory zone's words are dropped when it closes (spaCy < 3.8 has no zones)
        if self.missing and not getattr(self.vocab, "in_memory_zone", False):
            if len(self) + len(self.missing) > self.MAX_SIZE:
                self.clear()
            strings = self.vocab.strings
            for word in self.missing:
                self[word] = strings[word]
        return doc


class JiebaTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer with jieba's segmentation, aligned to the text in linear time.

    ``engine="rust"`` (default) computes jieba's words with jieba-rs (``jieba_cut``); ``"python"``
    calls the jieba package itself.
    """

    def __init__(self, vocab: Vocab, engine: Engine = "rust") -> None:
        if engine not in ("rust", "python"):
            raise ValueError(f"unknown jieba engine {engine!r} (expected 'rust' or 'python')")
        # spaCy's "char" setting loads nothing: the Python jieba model (0.6 s) only when it is used
        if engine == "python":
            quiet_jieba()
        super().__init__(vocab, segmenter="jieba" if engine == "python" else "char")  # type: ignore[arg-type]
        self.engine = engine
        self._orths = OrthCache(vocab)
        if engine == "rust":
            jieba_cut("预热")  # load jieba-rs's dictionary now, not on the first document

    def __call__(self, text: str) -> Doc:
        """Segment ``text`` with jieba into a Doc whose tokens cover every character."""
        if self.engine == "rust":
            words, spaces = jieba_tokens(text)
        else:
            words, spaces = words_and_spaces(self.jieba_seg.lcut(text, cut_all=False), text)  # type: ignore[union-attr]
        if self._orths.vocab is not self.vocab:  # IDs are the vocab's: a tokenizer given another starts again
            self._orths = OrthCache(self.vocab)
        return remember_text(self._orths.doc(words, spaces), text)


@registry.tokenizers("extract.jieba_tokenizer.v1")
def create_jieba_tokenizer(engine: Engine = "rust"):  # type: ignore[no-untyped-def]
    """spaCy registry entry for ``JiebaTokenizer`` (usable from a pipeline config)."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, engine)

    return make


class SafeEnglishTokenizer:
    """Wraps spaCy's English tokenizer; texts with absurdly long space-free runs use a linear rule."""

    def __init__(self, tokenizer) -> None:  # type: ignore[no-untyped-def]
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        """Tokenize ``text``; linear-time fallback when a space-free run is longer than MAX_EN_RUN."""
        if not _LONG_RUN.search(text):
            return remember_text(self.tokenizer(text), text)  # spaCy's tokenizer never drops a character
        pieces = [m[0] for m in _PLAIN_TOKEN.finditer(text)]
        words, spaces = words_and_spaces(pieces, text)
        return remember_text(Doc(self.vocab, words=words, spaces=spaces), text)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.tokenizer, name)
