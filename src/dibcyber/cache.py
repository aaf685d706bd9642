"""A compiled cache of validated catalogs and profiles.

Entries are keyed by the SHA-256 of the file's bytes together with a fingerprint of dibcyber's model
code, so an edited file or a changed model can never be served stale. The cache is an optimisation only:
any failure to read or write it is ignored. ``DIBCYBER_NO_CACHE=1`` turns it off;
``DIBCYBER_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import cache
from pathlib import Path

from dibcyber import __version__


@cache
def _fingerprint() -> str:
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent
    for name in ("models/base.py", "models/catalog.py", "models/profile.py", "checks.py"):
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path | None:
    if os.environ.get("DIBCYBER_NO_CACHE"):
        return None
    explicit = os.environ.get("DIBCYBER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dibcyber"


def key(kind: str, raw: bytes) -> str:
    return f"{kind}-{_fingerprint()}-{hashlib.sha256(raw).hexdigest()}"


def get(entry: str) -> bytes | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        return (directory / f"{entry}.json").read_bytes()
    except OSError:
        return None


def put(entry: str, payload: bytes) -> None:
    directory = cache_dir()
    if directory is None:
        return
    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f".{entry}.{os.getpid()}.tmp"
        tmp.write_bytes(payload)
        tmp.replace(directory / f"{entry}.json")
