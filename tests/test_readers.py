"""Reading and decoding inputs: encodings, size limits, odd files, JSONL rows."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from conftest import CORPUS

from extract import Extractor
from extract.extractor import Article
from extract.readers import (
    MAX_DOC_CHARS,
    DecodeError,
    InputError,
    LineTooLong,
    bounded_lines,
    decode_bytes,
    iter_articles,
    parse_jsonl_row,
    read_text_file,
)

SIMPLIFIED = "警方破获电信网络诈骗案件2494起，抓获犯罪嫌疑人2693名，涉案金额15万余元。"
TRADITIONAL = "警方破獲電信網路詐騙案件2494起，抓獲犯罪嫌疑人2693名，涉案金額15萬餘元。"
SHORT_SIMPLIFIED = ["中", "中国", "公安", "警方", "网络", "公安局", "一起案件", "抓获3人", "净网行动", "侦破"]
SHORT_TRADITIONAL = ["中", "中國", "公安", "警方", "網路", "詐騙", "公安局", "一起案件", "抓獲3人", "淨網行動"]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
@pytest.mark.parametrize("text", [SIMPLIFIED, *SHORT_SIMPLIFIED])
def test_gbk_family_decodes_as_gb18030(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == (text, "gb18030")


@pytest.mark.parametrize("text", [TRADITIONAL, *SHORT_TRADITIONAL])
def test_big5_decodes_as_big5(text: str) -> None:
    assert decode_bytes(text.encode("big5")) == (text, "big5")


def test_utf8_bom_and_utf16_are_named() -> None:
    assert decode_bytes(SIMPLIFIED.encode("utf-8")) == (SIMPLIFIED, "utf-8")
    assert decode_bytes(b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8")) == (SIMPLIFIED, "utf-8-sig")
    assert decode_bytes(SIMPLIFIED.encode("utf-16")) == (SIMPLIFIED, "utf-16")


def test_windows_1252_english() -> None:
    text = "Police said the “café” ring made €2 million — 30 suspects held."
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (b"PK\x03\x04\x14\x00\x00\x00binary", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_undecodable_bytes_raise_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_random_high_bytes_without_nul_are_not_text() -> None:
    noise = bytes((i * 7919 + 13) % 127 + 129 for i in range(4000))
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(noise)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_reencoded_corpus_article_extracts_identically(tmp_path: Path, extractor: Extractor, encoding: str) -> None:
    original = CORPUS / "001_15d342227f5ed265.txt"
    text = original.read_text(encoding="utf-8")
    copy = tmp_path / original.name
    copy.write_bytes(text.encode(encoding))
    article = read_text_file(copy)
    assert isinstance(article, Article)
    assert article.text == text
    assert article.encoding == encoding
    a = extractor.process(article).model_dump(exclude={"source", "encoding"})
    b = extractor.process(Article(id=copy.stem, text=text)).model_dump(exclude={"source", "encoding"})
    assert a == b


def test_big5_traditional_file_offsets_point_into_decoded_text(tmp_path: Path, extractor: Extractor) -> None:
    text = "【新聞】\n公安機關開展「淨網2023」專項行動，偵破電信網路詐騙案件８起，抓獲犯罪嫌疑人１２名。\n"
    path = tmp_path / "tw.txt"
    path.write_bytes(text.encode("big5"))
    article = read_text_file(path)
    assert isinstance(article, Article) and article.encoding == "big5" and article.text == text
    record = extractor.process(article)
    assert record.encoding == "big5"
    assert [c.canonical for c in record.campaigns] == ["净网2023"]
    assert record.campaigns[0].text == "淨網2023"
    values = {(q.text, q.value) for q in record.quantities}
    assert {("８起", 8), ("１２名", 12)} <= values
    for layer in ("quantities", "campaigns", "case_types", "entities"):
        for item in getattr(record, layer):
            assert text[item.start : item.end] == item.text


def test_fifo_and_dangling_symlink_do_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "ok.txt").write_text("抓获3人。", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    by_id = {item.id: item for item in items}
    assert isinstance(by_id["ok"], Article)
    assert isinstance(by_id["pipe"], InputError) and "not a regular file" in by_id["pipe"].reason
    assert isinstance(by_id["gone"], InputError) and "no such file" in by_id["gone"].reason


def test_oversized_file_is_rejected_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: costs no disk, and must not be read
        fh.truncate(50 * 1024 * 1024)
    item = read_text_file(path)
    assert isinstance(item, InputError) and "too large" in item.reason


def test_text_over_the_character_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("a" * (MAX_DOC_CHARS + 1), encoding="utf-8")
    item = read_text_file(path)
    assert isinstance(item, InputError) and "too long" in item.reason
    path.write_text("a" * MAX_DOC_CHARS, encoding="utf-8")
    assert isinstance(read_text_file(path), Article)


def test_bounded_lines_skips_an_overlong_line_and_keeps_the_next() -> None:
    data = b"short\n" + b"x" * 5000 + b"\n" + b"after\n" + b"tail-without-newline"
    lines = list(bounded_lines(io.BytesIO(data), limit=100))
    assert lines[0] == b"short\n"
    assert isinstance(lines[1], LineTooLong) and "5001 bytes" in str(lines[1])
    assert lines[2:] == [b"after\n", b"tail-without-newline"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not json", "not JSON"),
        ('{"id": "x"', "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"id": "x"}', "no 'text' field"),
        ('{"id": "x", "text": null}', "'text' is NoneType"),
        ('{"id": "x", "text": ["a"]}', "'text' is list"),
        ('{"id": "x", "text": "   "}', "'text' is empty"),
        ("[" * 100000, "not JSON"),
    ],
)
def test_bad_jsonl_rows(line: str, reason: str) -> None:
    item = parse_jsonl_row(line, lineno=3, source="c.jsonl")
    assert isinstance(item, InputError)
    assert reason in item.reason
    assert item.source == "c.jsonl:3"


def test_jsonl_rows_keep_given_fields_and_fallback_ids() -> None:
    row = parse_jsonl_row(json.dumps({"text": "抓获3人", "title": "T", "lang": "xx"}), lineno=7, source="d/c.jsonl")
    assert isinstance(row, Article)
    assert row.id == "c:7" and row.title == "T" and row.lang is None and row.source == "d/c.jsonl:7"


def test_gzip_jsonl_and_truncated_gzip(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"r{i}", "text": f"抓获{i + 1}人。"}, ensure_ascii=False) + "\n" for i in range(50))
    good = tmp_path / "a.jsonl.gz"
    good.write_bytes(gzip.compress(rows.encode("utf-8")))
    assert [a.id for a in iter_articles([good])] == [f"r{i}" for i in range(50)]
    bad = tmp_path / "b.jsonl.gz"
    bad.write_bytes(gzip.compress(rows.encode("utf-8"))[:-30])
    items = list(iter_articles([bad]))
    assert isinstance(items[-1], InputError) and "cannot read further" in items[-1].reason
    assert all(isinstance(a, Article) for a in items[:-1])


def test_non_utf8_jsonl_line_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        json.dumps({"id": "g", "text": "抓获3人"}, ensure_ascii=False).encode("gbk")
        + b"\n"
        + json.dumps({"id": "u", "text": "抓获3人"}, ensure_ascii=False).encode("utf-8")
        + b"\n"
    )
    items = list(iter_articles([path]))
    assert isinstance(items[0], InputError) and "not UTF-8" in items[0].reason
    assert isinstance(items[1], Article) and items[1].id == "u"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> list[Article | InputError]:
    from extract.readers import read_stdin

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    return list(read_stdin())


def test_stdin_jsonl_after_blank_lines_keeps_line_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    items = _stdin(monkeypatch, b"\n\n" + json.dumps({"text": "抓获3人"}).encode() + b"\nnope\n")
    assert isinstance(items[0], Article) and items[0].id == "stdin:3" and items[0].source == "<stdin>:3"
    assert isinstance(items[1], InputError) and items[1].id == "stdin:4" and "not JSON" in items[1].reason


def test_stdin_text_keeps_leading_blank_lines_and_detects_gbk(monkeypatch: pytest.MonkeyPatch) -> None:
    items = _stdin(monkeypatch, b"\r\n\n" + SIMPLIFIED.encode("gbk"))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].text == "\r\n\n" + SIMPLIFIED and items[0].encoding == "gb18030"


def test_stdin_overlong_first_jsonl_line_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from extract import readers

    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1000)
    big = json.dumps({"id": "big", "text": "a" * 5000}).encode()
    items = _stdin(monkeypatch, big + b"\n" + json.dumps({"id": "ok", "text": "抓获3人"}).encode() + b"\n")
    assert isinstance(items[0], InputError) and "line too long" in items[0].reason
    assert isinstance(items[1], Article) and items[1].id == "ok"
