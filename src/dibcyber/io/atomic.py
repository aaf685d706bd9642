"""Atomic file writes: a file is always either its old or its new version (temporary file, fsync, rename,
folder fsync), a refusal when the file changed on disk since it was read, and the named kill points that
let tests/test_kill.py stop a write in each of its windows.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from dibcyber.errors import InvalidInputError, Msg, Noun, WriteRefusedError, os_reason
from dibcyber.io.safeio import new_file_mode, read_bytes_limited, stat_for_write


def _refuse_if_changed(path: Path, expected: bytes | None) -> None:
    """With ``expected``, refuse when the file on disk no longer holds those bytes (someone else changed it
    since we read it)."""
    if expected is None:
        return
    try:  # through the bounded reader: a file swapped for a FIFO or a huge file is 'changed', never read whole
        current = read_bytes_limited(path, limit=len(expected) + 1, truncate=True)
    except InvalidInputError:
        current = None
    if current != expected:
        raise WriteRefusedError(Msg("write.changed", path=str(path)), hint=Msg("write.changed.hint"))


TEST_KILL_AT = "DIBCYBER_TEST_KILL_AT"
"""Tests only: the name of a point in ``atomic_write`` (``mid-write``, ``before-rename``,
``before-dir-sync``) where the process kills itself, so that tests/test_kill.py hits each window of a
write deterministically instead of hoping a random kill lands in a microsecond."""


def test_kill_point(name: str) -> None:
    """Kill this process (SIGKILL: no cleanup, no flush) when ``DIBCYBER_TEST_KILL_AT`` names this point."""
    if os.environ.get(TEST_KILL_AT) == name:
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def atomic_write(path: Path, data: str | bytes, *, expect_unchanged: bytes | None = None,
                 mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that the file is always either the old or the new version: a
    temporary file in the same folder, flushed and fsync'ed, renamed over the target, then the folder
    fsync'ed.

    An existing file keeps its permission bits; a new one gets ``mode``, by default
    ``safeio.new_file_mode()`` (0600 unless ``DIBCYBER_FILE_MODE`` says otherwise), because what
    dibcyber writes holds assessment data. A symbolic link is written through (the real file gets the
    new content). Never replaces a directory, device, FIFO or socket with a regular file: those are
    refused (``WriteRefusedError``). With ``expect_unchanged``, refuse to write when the file on disk no
    longer holds those bytes (someone else changed it since we read it).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    _refuse_if_changed(path, expect_unchanged)
    if path.is_symlink():
        path = Path(os.path.realpath(path))  # write through the link: the real file gets the new content
    try:
        st, kind = stat_for_write(path)
    except OSError as e:
        raise WriteRefusedError(Msg("write.failed", path=str(path), reason=os_reason(e))) from e
    if kind is not None:
        raise WriteRefusedError(Msg("write.not_regular", path=str(path), kind=Noun(kind)),
                                hint=Msg("write.folder.hint") if kind == "a folder" else
                                Msg("write.not_regular.hint"))
    directory = path.parent if str(path.parent) else Path()
    new_mode = st.st_mode & 0o7777 if st is not None else (new_file_mode() if mode is None else mode)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise WriteRefusedError(Msg("write.failed", path=str(path), reason=os_reason(e))) from e
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), new_mode)
            f.write(raw[: len(raw) // 2])
            f.flush()
            test_kill_point("mid-write")
            f.write(raw[len(raw) // 2:])
            f.flush()
            os.fsync(f.fileno())
        _refuse_if_changed(path, expect_unchanged)  # again, as late as possible: the window is the rename
        test_kill_point("before-rename")
        Path(tmp).replace(path)
        test_kill_point("before-dir-sync")
    except OSError as e:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise WriteRefusedError(Msg("write.failed", path=str(path), reason=os_reason(e))) from e
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
