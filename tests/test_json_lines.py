"""Records are written by pydantic-core's serializer: byte for byte the line model_dump + json.dumps gives."""

from __future__ import annotations

import json
import random
import struct
from typing import Any

import pytest

from extract.writers import to_json_line
from schemas import Campaign, Document, Entity, Quantity, StageError, Statistic


def _plain(record: Document) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")) + "\n"


def _document(value: Any, text: str = "涉案金额15万元", **head: Any) -> Document:
    quantity = Quantity(text=text, start=0, end=len(text) or 1, value=value, unit="元", kind="money", object=text)
    statistic = Statistic(text="a", start=0, end=1, value=value, value_max=value, metric="money_involved", scope="total")
    return Document(id="d1", lang="zh", quantities=[quantity], statistics=[statistic], **head)


FLOATS = [
    0.0, -0.0, 0.1, 1 / 3, 15.5, 1e-4, 9.99e-5, 1e-5, -1e-5, 6.3e-6, 1.5e-7, 1e-10, 2.5e-12, 5e-324,
    1e15, 9999999999999998.0, 1e16, 1.5e17, 1e21, 1e22, 1.7976931348623157e308,
    float("inf"), float("-inf"), float("nan"),
]  # fmt: skip
INTS = [0, 1, -1, 150000, 2**53 + 1, 2**63, 2**64 + 1, -(2**70), 10**30]


@pytest.mark.parametrize("value", FLOATS + INTS, ids=repr)
def test_numbers_are_written_as_python_writes_them(value: float | int) -> None:
    record = _document(value)
    assert to_json_line(record) == _plain(record)


def test_random_floats_are_written_as_python_writes_them() -> None:
    rng = random.Random(5)
    values = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(3000)]
    values += [10 ** rng.uniform(-9, 23) * rng.choice([1, -1]) for _ in range(3000)]
    values += [round(rng.uniform(0, 1e6), rng.randint(0, 8)) for _ in range(3000)]
    for value in values:
        record = _document(value)
        assert to_json_line(record) == _plain(record), value


@pytest.mark.parametrize(
    "text",
    ["".join(map(chr, range(0, 128))), "中文“引号”\u2028\u2029\u3000", "😀é\\/\"", "0.00001 e-5 1e-05", "a\ud800b"],
    ids=["ascii", "cjk", "astral", "number-like text", "lone surrogate"],
)
def test_strings_are_written_as_python_writes_them(text: str) -> None:
    record = _document(3, text=text)
    line = to_json_line(record)
    if "\ud800" in text:
        assert "\ud800" not in line and json.loads(line)["id"] == "d1"  # scrubbed, never a write error
    else:
        assert line == _plain(record)


def test_every_field_and_optional_member() -> None:
    record = Document(
        id="x", source="a/b.txt", lang="en", title="T", published="2023-01-02", encoding="gb18030",
        translation_of="y",
        campaigns=[Campaign(text="c", start=0, end=1, name="c", year=2023, canonical="c")],
        entities=[Entity(text="e", start=0, end=1, label="DATE", value="2023-01-02")],
        errors=[StageError(stage="s", error="KeyError: 'x'")],
    )  # fmt: skip
    assert to_json_line(record) == _plain(record)
    assert to_json_line(Document(id="x", lang="zh")) == _plain(Document(id="x", lang="zh"))  # no translation_of key
    assert to_json_line({"b": 1, "a": [0.5, None]}) == '{"b":1,"a":[0.5,null]}\n'
