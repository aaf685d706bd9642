"""The compiled catalog cache is never stale and never required."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES
from dibcyber.io.registry import Registry


def _catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "cats"
    folder.mkdir()
    path = folder / "inhouse.yaml"
    path.write_text((CASES / "user-path" / "inhouse.yaml").read_text("utf-8"), "utf-8")
    return path


def test_edit_invalidates_and_damage_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(cache))
    path = _catalog(tmp_path)
    first = Registry([path.parent]).catalog("sample-inhouse")
    entries = sorted(cache.glob("catalog-*.json"))
    assert entries  # built-in and user catalogs were compiled
    assert first.by_id["IH-1"].title.en == "No shared accounts"

    path.write_text(path.read_text("utf-8").replace("No shared accounts", "Shared accounts forbidden"), "utf-8")
    assert Registry([path.parent]).catalog("sample-inhouse").by_id["IH-1"].title.en == "Shared accounts forbidden"

    for entry in cache.glob("catalog-*.json"):
        entry.write_bytes(b"{not json")
    assert Registry([path.parent]).catalog("sample-inhouse").by_id["IH-1"].title.en == "Shared accounts forbidden"


def test_an_invalid_file_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(tmp_path / "cache"))
    path = _catalog(tmp_path)
    path.write_text(path.read_text("utf-8").replace("family: IH-PE", "family: IH-XX"), "utf-8")
    from dibcyber.errors import InvalidInputError

    for _ in range(2):
        with pytest.raises(InvalidInputError, match="unknown family 'IH-XX'"):
            Registry([path.parent]).catalog("sample-inhouse")


def test_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DIBCYBER_NO_CACHE", "1")
    Registry().catalog("nist-800-171r2")
    assert not (tmp_path / "cache").exists()


def test_the_cache_folder_is_the_platforms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux: $XDG_CACHE_HOME/dibcyber (platformdirs), owner-only; DIBCYBER_CACHE_DIR wins."""
    from dibcyber.io import cache

    monkeypatch.delenv("DIBCYBER_CACHE_DIR", raising=False)
    monkeypatch.delenv("DIBCYBER_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = cache.cache_dir()
    assert folder == tmp_path / "xdg" / "dibcyber"
    assert folder is not None and (folder.stat().st_mode & 0o777) == 0o700
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
