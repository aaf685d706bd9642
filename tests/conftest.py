from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "reference"
CONTROLS = ROOT / "controls"
CASES = Path(__file__).resolve().parent / "cases"

# Tests never touch the user's cache; one fresh cache per test session.
os.environ["DIBCYBER_CACHE_DIR"] = tempfile.mkdtemp(prefix="dibcyber-test-cache-")
os.environ.pop("DIBCYBER_PATH", None)
os.environ["COLUMNS"] = "160"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run the real CLI entry point in-process and capture what it prints and its exit code."""
    from dibcyber.cli import main

    out, err = io.StringIO(), io.StringIO()
    # main() also sets PYDANTIC_DISABLE_PLUGINS for its process: restored here, so that one in-process run
    # does not change the environment of the tests and subprocesses that follow
    saved = {k: os.environ.get(k) for k in (*(env or {}), "PYDANTIC_DISABLE_PLUGINS")}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main([str(a) for a in args])
                code = 0
            except SystemExit as e:
                code = int(e.code or 0)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli() -> Iterator[type[Result]]:
    yield Result


@pytest.fixture(scope="session")
def registry():  # type: ignore[no-untyped-def]
    from dibcyber.io.registry import Registry

    return Registry()


# The three built-in catalogs, loaded once per session (tests/test_reference.py, tests/test_methods.py).
@pytest.fixture(scope="session")
def r2(registry):  # type: ignore[no-untyped-def]
    return registry.catalog("nist-800-171r2")


@pytest.fixture(scope="session")
def r3(registry):  # type: ignore[no-untyped-def]
    return registry.catalog("nist-800-171r3")


@pytest.fixture(scope="session")
def atla(registry):  # type: ignore[no-untyped-def]
    return registry.catalog("atla-2022")
