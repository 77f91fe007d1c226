"""Segmentation: jieba for Chinese and spaCy's rules for English, both linear in the text length.

spaCy's own Chinese tokenizer aligns jieba's words to the text with ``text[pos:].index(word)``,
copying the rest of the text for every word: quadratic, 7 s for a 333k-character article. The
tokenizer here does the same alignment with ``str.find(word, pos)``. spaCy's English tokenizer is
quadratic on one very long run without spaces (thousands of quotes); such runs are cut into
tokens by a plain linear rule instead.
"""

from __future__ import annotations

import regex
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

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


class JiebaTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer with the jieba segmenter, aligned to the text in linear time."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__(vocab, segmenter="jieba")  # type: ignore[arg-type]

    def __call__(self, text: str) -> Doc:
        """Segment ``text`` with jieba into a Doc whose tokens cover every character."""
        words, spaces = words_and_spaces(self.jieba_seg.lcut(text, cut_all=False), text)  # type: ignore[union-attr]
        return remember_text(Doc(self.vocab, words=words, spaces=spaces), text)


@registry.tokenizers("extract.jieba_tokenizer.v1")
def create_jieba_tokenizer():  # type: ignore[no-untyped-def]
    """spaCy registry entry for ``JiebaTokenizer`` (usable from a pipeline config)."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab)

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
