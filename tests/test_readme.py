"""The README's examples, run (issue 21): a code block after an ``<!-- example ... -->`` comment is checked.

- a ``python`` block runs statement by statement in a fresh namespace; an expression statement whose
  comment is a Python literal must give that value (``doc.quantities[0].value  # 2693``); a literal with
  ``...`` (``[{'text': '８起', 'value': 8, ...}]``) names only some keys of each dict;
- a ``json`` block (a record, abridged) is the record of the sentence in the code block before it: each
  ``"text": ..., "start": S, "end": E`` it shows must be an item the extractor finds there.

So an example edited wrong, or an extractor change that makes one false, fails here.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path
from typing import Any

import pytest

from extract import extract_text

README = Path(__file__).resolve().parent.parent / "README.md"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)
_MARK = re.compile(r"<!-- example\b[^>]*-->\s*\n```")
_ITEM = re.compile(r'\{"text": "([^"]+)", "start": (\d+), "end": (\d+)')


def blocks(text: str) -> list[tuple[str, str, str | None]]:
    """(language, code, the code of the block before it) of every block marked as an example."""
    fences = list(_FENCE.finditer(text))
    marked = {m.end() - 3 for m in _MARK.finditer(text)}
    out = []
    for i, f in enumerate(fences):
        if f.start() in marked:
            out.append((f[1], f[2], fences[i - 1][2] if i else None))
    return out


EXAMPLES = blocks(README.read_text(encoding="utf-8"))


def _comments(code: str) -> dict[int, str]:
    """Line number → the comment on that line."""
    return {
        tok.start[0]: tok.string.lstrip("#").strip()
        for tok in tokenize.generate_tokens(io.StringIO(code).readline)
        if tok.type == tokenize.COMMENT
    }


def _expected(comment: str) -> tuple[bool, Any]:
    """The literal a comment states, with ``...`` marking an abridged dict; (False, None) for prose."""
    abridged = ", ..." in comment
    try:
        return True, (abridged, ast.literal_eval(comment.replace(", ...", "")))
    except (ValueError, SyntaxError):
        return False, None


def _matches(got: Any, want: Any, abridged: bool) -> bool:
    if abridged and isinstance(want, list):
        return len(got) >= len(want) and all(_matches(g, w, True) for g, w in zip(got, want, strict=False))
    if abridged and isinstance(want, dict):
        return isinstance(got, dict) and all(k in got and got[k] == v for k, v in want.items())
    return bool(got == want)


def run_python(code: str) -> int:
    """Run ``code``; check every expression whose comment is a literal.  Returns how many were checked."""
    comments = _comments(code)
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    checked = 0
    for stmt in ast.parse(code).body:
        comment = comments.get(stmt.end_lineno or stmt.lineno)
        is_literal, expected = _expected(comment) if comment else (False, None)
        if isinstance(stmt, ast.Expr) and is_literal:
            got = eval(compile(ast.Expression(stmt.value), "README.md", "eval"), namespace)  # noqa: S307
            abridged, want = expected
            assert _matches(got, want, abridged), f"line {ast.unparse(stmt)!r} gives {got!r}, README says {comment}"
            checked += 1
        else:
            exec(compile(ast.Module([stmt], type_ignores=[]), "README.md", "exec"), namespace)  # noqa: S102
    return checked


def check_record(shown: str, sentence: str) -> int:
    """Every item the abridged record shows is found at the offsets it gives.  Returns how many."""
    doc = extract_text(sentence.strip())
    found = {(i.text, i.start, i.end) for layer in ("quantities", "campaigns", "case_types", "entities") for i in getattr(doc, layer)}
    items = [(t, int(s), int(e)) for t, s, e in _ITEM.findall(shown)]
    for item in items:
        assert item in found, f"README shows {item}, the extractor finds {sorted(found)}"
    return len(items)


def test_the_readme_has_examples() -> None:
    assert {lang for lang, _, _ in EXAMPLES} >= {"python", "json"}


@pytest.mark.parametrize(("lang", "code", "before"), EXAMPLES, ids=[f"{lang}-{i}" for i, (lang, _, _) in enumerate(EXAMPLES)])
def test_readme_example(lang: str, code: str, before: str | None) -> None:
    if lang == "python":
        run_python(code)
    elif lang == "json":
        assert before is not None
        assert check_record(code, before) >= 3
    else:
        pytest.fail(f"no runner for marked {lang} blocks")


def test_an_example_edited_wrong_fails() -> None:
    # The checks are not vacuous: a wrong value or a shifted offset is caught.
    with pytest.raises(AssertionError):
        run_python('x = 1 + 1\nx  # 3\n')
    sentence = "长治市公安机关“净网2023”专项行动共侦破涉网刑事案件2494起。"
    assert check_record('{"text": "2494起", "start": 28, "end": 33', sentence) == 1
    with pytest.raises(AssertionError):
        check_record('{"text": "2494起", "start": 32, "end": 37', sentence)
