"""Parsed pattern files are cached on disk by the hash of their text: reused, invalidated, never trusted blindly."""

from __future__ import annotations

import pickle
import tomllib
from pathlib import Path

import pytest

from extract import patterns

DATA = b'[units]\nperson = ["\xe5\x90\x8d", "\xe4\xba\xba"]\nlimit = 8\n'


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(folder))
    return folder


def test_a_parsed_file_is_cached_and_read_back(cache: Path) -> None:
    assert patterns.read_toml(DATA, "t.toml") == tomllib.loads(DATA.decode())
    (written,) = cache.glob("patterns-*.pickle")
    written.write_bytes(pickle.dumps({"from": "cache"}))  # what the cache holds is what the next call gives
    assert patterns.read_toml(DATA, "t.toml") == {"from": "cache"}


def test_an_edited_file_is_parsed_again(cache: Path) -> None:
    patterns.read_toml(DATA, "t.toml")
    edited = DATA.replace(b"limit = 8", b"limit = 9")
    assert patterns.read_toml(edited, "t.toml")["units"]["limit"] == 9
    assert len(list(cache.glob("patterns-*.pickle"))) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(["a", "list"])])
def test_a_damaged_cache_file_is_parsed_again_and_rewritten(cache: Path, damage: bytes) -> None:
    patterns.read_toml(DATA, "t.toml")
    (written,) = cache.glob("patterns-*.pickle")
    written.write_bytes(damage)
    assert patterns.read_toml(DATA, "t.toml") == tomllib.loads(DATA.decode())
    assert pickle.loads(written.read_bytes()) == tomllib.loads(DATA.decode())


def test_no_cache_when_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACT_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert patterns.read_toml(DATA, "t.toml")["units"]["limit"] == 8
    assert not list(tmp_path.rglob("*.pickle"))


def test_a_broken_file_names_itself(cache: Path) -> None:
    with pytest.raises(patterns.PatternFileError, match=r"^patterns/zh/x.toml: "):
        patterns.read_toml(b"[units\n", "patterns/zh/x.toml")
    assert not list(cache.glob("*.pickle"))


def test_every_shipped_file_reads_the_same_through_the_cache(cache: Path) -> None:
    for path in sorted(Path(patterns.__file__).parents[1].joinpath("patterns").rglob("*.toml")):
        raw = path.read_bytes()
        fresh = tomllib.loads(raw.decode())
        assert patterns.read_toml(raw, path.name) == fresh  # parsed and written
        assert patterns.read_toml(raw, path.name) == fresh  # read back from the pickle
