"""The guarantees behind the hostile corpus, tested where a data case cannot reach: --debug on a real bug,
the cache as untrusted input, and the helpers other commands build on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import CASES, run_cli
from dibcyber.errors import InvalidInputError, WriteRefusedError
from dibcyber.io import cache
from dibcyber.io.atomic import atomic_write
from dibcyber.io.registry import Registry
from dibcyber.io.safeio import check_output, read_bytes_limited

EXAMPLE = CASES.parent.parent / "examples" / "sample-seiki" / "answers.yaml"


@pytest.mark.parametrize("debug", [False, True])
def test_an_internal_error_is_exit_70_with_or_without_debug(monkeypatch: pytest.MonkeyPatch, debug: bool) -> None:
    from dibcyber.app import pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "assess", broken)
    result = run_cli(*(["--debug"] if debug else []), "assess", EXAMPLE)
    assert result.code == 70  # CI must tell a bug from a failed gate (1)
    assert ("Traceback" in result.err and "RuntimeError: a bug" in result.err) is debug
    assert "internal error: RuntimeError" in result.err


# --- the cache ---------------------------------------------------------------------------------------


def _inhouse(tmp_path: Path) -> Path:
    folder = tmp_path / "cats"
    folder.mkdir()
    path = folder / "inhouse.yaml"
    path.write_text((CASES / "user-path" / "inhouse.yaml").read_text("utf-8"), "utf-8")
    return path


def _entry(cache_dir: Path, source: Path) -> Path:
    import hashlib

    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    (found,) = cache_dir.glob(f"catalog-*-{digest}.json")
    return found


def _title(path: Path) -> str:
    return Registry([path.parent]).catalog("sample-inhouse").by_id["IH-1"].title.en or ""


def test_a_planted_entry_for_another_source_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(tmp_path / "cache"))
    path = _inhouse(tmp_path)
    assert _title(path) == "No shared accounts"
    entry = _entry(tmp_path / "cache", path)
    head, _, payload = entry.read_bytes().partition(b"\n")
    header = json.loads(head)
    assert header["format"] == cache.FORMAT and len(header["source_sha256"]) == 64
    # An entry that is internally consistent but made for other source bytes, copied under this name:
    forged = payload.replace(b"No shared accounts", b"Planted title")
    other = {**header, "source_sha256": "0" * 64, "payload_sha256": __import__("hashlib").sha256(forged).hexdigest(),
             "size": len(forged)}
    entry.write_bytes(json.dumps(other).encode() + b"\n" + forged)
    assert _title(path) == "No shared accounts"
    # ... and the rebuilt entry replaced it.
    assert b"Planted title" not in entry.read_bytes()


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],  # truncated
    lambda b: b.replace(b"No shared accounts", b"No shared accountz"),  # payload edited, header not
    lambda b: b"not json at all",
    lambda b: b.replace(cache.FORMAT.encode(), b"dibcyber-cache@1"),  # an older format
])
def test_a_corrupt_entry_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(tmp_path / "cache"))
    path = _inhouse(tmp_path)
    _title(path)
    entry = _entry(tmp_path / "cache", path)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert _title(path) == "No shared accounts"
    assert entry.read_bytes() == good


def test_a_symlinked_entry_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(tmp_path / "cache"))
    path = _inhouse(tmp_path)
    _title(path)
    entry = _entry(tmp_path / "cache", path)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert cache.get("catalog", path.read_bytes()) is None


def test_an_own_cache_folder_writable_by_others_is_made_private(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cache"
    target.mkdir()
    target.chmod(0o777)
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(target))
    assert cache.cache_dir() == target
    assert target.stat().st_mode & 0o777 == 0o700


def test_a_cache_folder_owned_by_someone_else_turns_caching_off(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cache"
    target.mkdir(mode=0o700)
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(target))
    monkeypatch.setattr(os, "geteuid", lambda: target.stat().st_uid + 1)
    assert cache.cache_dir() is None


@pytest.mark.parametrize("setup", ["read-only", "a-file", "symlink", "missing-parent-unwritable"])
def test_an_unusable_cache_folder_turns_caching_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    setup: str) -> None:
    target = tmp_path / "cache"
    if setup == "read-only":
        target.mkdir(mode=0o500)
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
    elif setup == "a-file":
        target.write_text("not a folder", "utf-8")
    elif setup == "symlink":
        (tmp_path / "real").mkdir(mode=0o700)
        target.symlink_to(tmp_path / "real")
    else:
        target = Path("/proc/self/no-such/dibcyber")
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(target))
    assert cache.cache_dir() is None
    path = _inhouse(tmp_path)
    assert _title(path) == "No shared accounts"  # works, uncached
    result = run_cli("catalog", "validate", path)
    assert result.code == 0, result.err


def test_no_home_turns_caching_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIBCYBER_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert cache.cache_dir() is None


def test_cache_entries_are_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(tmp_path / "cache" / "deeper"))
    path = _inhouse(tmp_path)
    _title(path)
    assert (tmp_path / "cache" / "deeper").stat().st_mode & 0o777 == 0o700
    assert _entry(tmp_path / "cache" / "deeper", path).stat().st_mode & 0o777 == 0o600


# --- helpers for every command that writes ---------------------------------------------------------------


def test_check_output_refuses_inputs_by_any_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "answers.yaml"
    src.write_text("x: 1\n", "utf-8")
    (tmp_path / "hard.yaml").hardlink_to(src)
    (tmp_path / "soft.yaml").symlink_to(src)
    (tmp_path / "templates").mkdir()
    for name in ("answers.yaml", "./answers.yaml", str(src), "hard.yaml", "soft.yaml", "templates/x.html"):
        with pytest.raises(WriteRefusedError, match="is an input"):
            check_output(Path(name), [src, tmp_path / "templates", None])
    check_output(Path("new.md"), [src, None])  # a new name is fine
    check_output(Path("answers.md"), [src])


def test_check_output_and_atomic_write_never_replace_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (Path("/dev/null"), fifo, tmp_path):
        with pytest.raises(WriteRefusedError, match="not a regular file"):
            check_output(target, [])
        with pytest.raises(WriteRefusedError, match="not a regular file"):
            atomic_write(target, "x")
    assert fifo.is_fifo() and Path("/dev/null").is_char_device()


def test_read_bytes_limited(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 100)
    assert read_bytes_limited(path, 100) == b"x" * 100
    with pytest.raises(InvalidInputError, match="larger than the limit of 99 bytes"):
        read_bytes_limited(path, 99, "answers file")
    os.mkfifo(tmp_path / "p")
    for special, words in ((tmp_path / "p", "named pipe"), (Path("/dev/zero"), "character device"),
                           (tmp_path, "a folder"), (tmp_path / "nope", "not found")):
        with pytest.raises(InvalidInputError, match=words):
            read_bytes_limited(special, 1000)


def test_hashing_a_large_evidence_file_shows_progress_on_a_terminal(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import io

    from dibcyber.app import evidence

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    path = tmp_path / "big.bin"
    path.write_bytes(b"a" * (3 << 20))
    monkeypatch.setattr(evidence, "_PROGRESS_FROM", 1 << 20)
    monkeypatch.setattr(evidence, "_PROGRESS_STEP", 1 << 20)
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    assert evidence._digest(path) == (hashlib.sha256(b"a" * (3 << 20)).hexdigest(), 3 << 20)
    assert "hashing big.bin: 33%" in screen.getvalue() and "100%" in screen.getvalue()
    quiet = io.StringIO()
    monkeypatch.setattr("sys.stderr", quiet)
    evidence._digest(path)
    assert quiet.getvalue() == ""  # not a terminal: nothing


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


def test_check_zip_refuses_bombs_and_broken_workbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    from dibcyber.io.safeio import check_zip

    check_zip(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>" * 100}), "ok.xlsx")
    cases = [
        (b"PK\x03\x04 not really a zip", "not a valid workbook"),
        (_zip({"xl/sharedStrings.xml": b"\0" * (20 << 20)}), "a ZIP bomb"),  # ~1000:1
        (_zip({"../../etc/cron.d/x": b"x"}), "outside itself"),
        (_zip({f"p{i}.xml": b"" for i in range(10_001)}), "more than 10,000"),
    ]
    for data, words in cases:
        with pytest.raises(InvalidInputError, match=words):
            check_zip(data, "bad.xlsx")
    monkeypatch.setenv("DIBCYBER_MAX_UNZIPPED_SIZE", "1K")
    with pytest.raises(InvalidInputError, match="over the limit of 1 KB"):
        check_zip(_zip({"a.xml": bytes(range(256)) * 8}), "big.xlsx")
