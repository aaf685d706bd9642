"""A compiled cache of validated catalogs and profiles, treated as untrusted input.

The cache folder (the platform's user cache folder from platformdirs: ``$XDG_CACHE_HOME/dibcyber``, else
``~/.cache/dibcyber`` on Linux, ``%LOCALAPPDATA%/dibcyber/Cache`` on Windows) is shared by every process of
the user, so an entry is never believed on its name alone. Each entry is one header line and a payload:

    {"format": "dibcyber-cache@2", "kind": "catalog", "fingerprint": …, "source_sha256": …,
     "payload_sha256": …, "size": …}
    <the validated model as JSON>

An entry is used only when its header is well formed, names this cache format, this kind, dibcyber's
model fingerprint (version plus model code) and the SHA-256 of the source file's bytes, and when the
payload hashes to ``payload_sha256``. Anything else (corruption, an entry planted or copied under another
name, an older format) is a miss: the source is parsed again and the entry rewritten. The payload then
goes through the strict models again (and the registry re-runs the catalog checks), so even a
well-formed entry can only ever give what validation accepts.

What the cache is trusted with: only catalogs and profiles from the user's own folders (``--path``,
``DIBCYBER_PATH``, a file path). Built-in ones never go through it (``Registry._load_builtin``), so an
entry edited and re-hashed by anyone who can write the cache folder cannot change a built-in text or a
built-in profile's gates. For the user's own files, a process that can write the cache (it is
owner-only, so one running as the user) could as well change the files themselves.

The cache is an optimisation only: a folder that cannot be created, is read-only, is not a folder, or is
owned by another user simply turns caching off, silently; the user's own folder that others may write
to is made owner-only first (entries are verified all the same).
``DIBCYBER_NO_CACHE=1`` turns it off; ``DIBCYBER_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from functools import cache
from pathlib import Path

from dibcyber import __version__

FORMAT = "dibcyber-cache@2"
MAX_ENTRY = 64 << 20
"""A larger entry is not ours (the biggest catalog compiles to well under 1 MB)."""
MAX_HEADER = 4096
"""A longer header line is not ours (a real one is about 300 bytes)."""


@cache
def _fingerprint() -> str:
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent.parent
    for name in ("models/base.py", "models/catalog.py", "models/profile.py", "engine/checks.py"):
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path | None:
    """The cache folder, created owner-only if missing; None when caching is off or not safely possible."""
    if os.environ.get("DIBCYBER_NO_CACHE"):
        return None
    explicit = os.environ.get("DIBCYBER_CACHE_DIR")
    try:
        if explicit:
            directory = Path(explicit)
        elif os.name == "nt":  # Windows has no ~/.cache: %LOCALAPPDATA%\dibcyber\Cache
            from platformdirs import user_cache_dir

            directory = Path(user_cache_dir("dibcyber", appauthor=False))
        else:  # $XDG_CACHE_HOME/dibcyber or ~/.cache/dibcyber; without a home, caching is off
            base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
            directory = Path(base) / "dibcyber"
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = directory.lstat()
    except (OSError, RuntimeError, ValueError):  # no home, read-only, not a folder, a NUL in the variable
        return None
    if not stat.S_ISDIR(st.st_mode):  # a symbolic link in place of the folder: not ours
        return None
    if hasattr(os, "geteuid"):
        if st.st_uid != os.geteuid():
            return None  # someone else's folder: they could plant entries
        if st.st_mode & 0o022:  # ours but writable by others (an older dibcyber under umask 002): tighten it
            try:
                directory.chmod(0o700)
            except OSError:
                return None
    if not os.access(directory, os.W_OK | os.X_OK):
        return None
    return directory


def _name(kind: str, raw: bytes) -> str:
    return f"{kind}-{_fingerprint()}-{hashlib.sha256(raw).hexdigest()}.json"


def _header(kind: str, raw: bytes, payload: bytes) -> dict[str, object]:
    return {"format": FORMAT, "kind": kind, "fingerprint": _fingerprint(),
            "source_sha256": hashlib.sha256(raw).hexdigest(),
            "payload_sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}


def get(kind: str, raw: bytes) -> bytes | None:
    """The cached payload for a source file's bytes, or None when there is none that can be verified."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        fd = os.open(directory / _name(kind, raw), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY:
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(MAX_ENTRY + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    head, sep, payload = data.partition(b"\n")
    if not sep or len(head) > MAX_HEADER:  # ours is one flat object of six short fields
        return None
    try:
        header = json.loads(head)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's JSON parser goes
        return None
    if header != _header(kind, raw, payload):
        return None
    return payload


def put(kind: str, raw: bytes, payload: bytes) -> None:
    """Store a payload for a source file's bytes, atomically and owner-only; failures are ignored."""
    directory = cache_dir()
    if directory is None:
        return
    name = _name(kind, raw)
    body = json.dumps(_header(kind, raw, payload), sort_keys=True).encode() + b"\n" + payload
    tmp = directory / f".{name}.{os.getpid()}.tmp"
    with contextlib.suppress(OSError):
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(body)
            tmp.replace(directory / name)
        except OSError:
            tmp.unlink(missing_ok=True)
