"""Property-based fuzzing: any bytes as an answers, catalog, profile or lock file give a result or exit 3
with a located message, never an internal error (70), a traceback or an unbounded run.

Inputs are either raw bytes or a valid file mutated with bytes and YAML tokens that have broken parsers
before (anchors and aliases, deep brackets, NUL, dates, tags, tabs, BOMs). The CI run is short; set
DIBCYBER_FUZZ_EXAMPLES (e.g. 5000) for a longer one.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASES, run_cli
from dibcyber.errors import InvalidInputError

EXAMPLES = int(os.environ.get("DIBCYBER_FUZZ_EXAMPLES", "40"))
SECONDS = 10.0
"""Each example's bound: far above a normal run (well under a second, even on a busy machine), far below the
minutes an alias bomb or a FIFO used to take."""

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("DIBCYBER_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture], database=None)

ANSWERS = (
    'format: dibcyber/answers@1\nprofile: cmmc-l2\norganization: {name: 検証株式会社}\n'
    'assessment: {date: 2026-11-01}\nrequirements:\n  "3.1.1":\n    status: implemented\n'
    '    evidence:\n      - path: policy.md\n  "3.1.2": {status: planned, target_date: 2027-03-31}\n'
).encode()
CATALOG = (CASES / "user-path" / "inhouse.yaml").read_bytes()
PROFILE = b"format: dibcyber/profile@1\nid: fuzz\ntitle: {en: Fuzz}\ncatalogs: [nist-800-171r2]\nscoring: [sprs]\n"
LOCK = (b"format: dibcyber/evidence-lock@1\nfiles:\n  policy.md: {sha256: "
        + b"0" * 64 + b", size: 9}\n")

TOKENS = [b"&a ", b"*a", b"&b [*a, *a, *a, *a]", b"[" * 200, b"{" * 100, b"- " * 80, b"\x00", b"\t", b"\xef\xbb\xbf",
          b"\xff\xfe", b": ", b"\n", b"? ", b"!!python/object/apply:os.system [x]", b"!!binary AAAA", b"2026-02-30",
          b"9999-12-31", b"2027-01-01 23:59:59", b"3.10", b"<<: *a", b"'", b'"', b"|", b">-", b"#", b"---\n",
          b"...\n", b"%YAML 1.1\n", b"\xe5\xae\x9f\xe6\x96\xbd\xe6\xb8\x88\xe3\x81\xbf", b"\x82\xa0", b"null",
          b"~", b"1e309", b".nan", b"0x1F", b"-1", b"\r", b"\x85", b"\xe2\x80\xa8"]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """A valid file with a few random edits: insert, delete or replace, with bytes or tokens."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        piece = draw(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=12)))
        action = draw(st.sampled_from(["insert", "replace", "delete"]))
        if action == "insert":
            data[at:at] = piece
        elif action == "replace":
            data[at:at + len(piece)] = piece
        else:
            del data[at:at + draw(st.integers(1, 40))]
    return bytes(data)


def inputs(seed: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=2000), mutated(seed))


def _bounded(call: Callable[[], Any]) -> Any:
    start = time.monotonic()
    try:
        return call()
    finally:
        assert time.monotonic() - start < SECONDS


def _located(e: InvalidInputError) -> None:
    assert e.problems
    for p in e.problems:
        assert p.file, p.render()
        for lang in ("en", "ja"):  # every message renders in both languages
            text = p.message.render(lang)
            assert "Input should be" not in text and "datetime.date" not in text, text
            assert len(text) < 400, text


def _workdir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="dibcyber-fuzz-"))
    (folder / "policy.md").write_text("# policy\n", "utf-8")
    return folder


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIBCYBER_NO_CACHE", "1")  # fuzz input must not fill the session cache


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    from dibcyber.io.registry import Registry

    return Registry()


@FUZZ
@given(data=inputs(ANSWERS))
def test_answers_loader(data: bytes) -> None:
    from dibcyber.app import pipeline

    path = _workdir() / "answers.yaml"
    path.write_bytes(data)
    try:
        _bounded(lambda: pipeline.load_answers(path))
    except InvalidInputError as e:
        _located(e)


@FUZZ
@given(data=inputs(ANSWERS))
def test_answers_scoring(data: bytes, registry: Any) -> None:
    """Past the loader: whatever validates also scores (dates at the edges, odd IDs)."""
    from dibcyber.app import pipeline

    path = _workdir() / "answers.yaml"
    path.write_bytes(data)
    try:
        _bounded(lambda: pipeline.assess(registry, path))
    except InvalidInputError as e:
        _located(e)


@FUZZ
@given(data=inputs(CATALOG))
def test_catalog_loader(data: bytes, registry: Any) -> None:
    path = _workdir() / "catalog.yaml"
    path.write_bytes(data)
    try:
        _bounded(lambda: registry.catalog_file(path))
    except InvalidInputError as e:
        _located(e)


@FUZZ
@given(data=inputs(PROFILE))
def test_profile_loader(data: bytes, registry: Any) -> None:
    path = _workdir() / "profile.yaml"
    path.write_bytes(data)
    try:
        _bounded(lambda: registry.profile(str(path)))
    except InvalidInputError as e:
        _located(e)


@FUZZ
@given(data=inputs(LOCK))
def test_lock_loader(data: bytes) -> None:
    from dibcyber.app import evidence

    folder = _workdir()
    (folder / "answers.evidence-lock.yaml").write_bytes(data)
    try:
        _bounded(lambda: evidence.read_lock(folder / "answers.yaml"))
    except InvalidInputError as e:
        _located(e)


COMMANDS = [
    ["assess", "{f}", "--format", "json"],
    ["check", "{f}", "--evidence"],
    ["evidence", "check", "{f}"],
    ["evidence", "lock", "{f}"],
    ["report", "{f}", "-f", "md"],
]


@FUZZ
@given(data=inputs(ANSWERS), command=st.sampled_from(COMMANDS))
def test_cli_entry_points(data: bytes, command: list[str]) -> None:
    path = _workdir() / "answers.yaml"
    path.write_bytes(data)
    result = _bounded(lambda: run_cli(*[a.format(f=path) for a in command]))
    assert result.code in (0, 1, 3), f"{command}: exit {result.code}\n{result.err}"
    assert "Traceback" not in result.err
    if result.code == 3:
        assert str(path) in result.err  # located: the file is named


@FUZZ
@given(data=inputs(CATALOG))
def test_cli_catalog_validate(data: bytes) -> None:
    path = _workdir() / "catalog.yaml"
    path.write_bytes(data)
    result = _bounded(lambda: run_cli("catalog", "validate", path))
    assert result.code in (0, 3), result.err
    assert "Traceback" not in result.err


def test_edge_dates_score_or_fail_located(registry: Any) -> None:
    """The dates nearest the bounds still score (the 180-day closeout is added to them)."""
    from dibcyber.app import pipeline

    for day in (dt.date(1900, 1, 1), dt.date(2999, 12, 31)):
        path = _workdir() / "answers.yaml"
        path.write_bytes(ANSWERS.replace(b"2026-11-01", day.isoformat().encode()))
        assert pipeline.assess(registry, path).assessment.date == day
