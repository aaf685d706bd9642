"""Run dibcyber with ``atomic_write`` replaced by a plain, in-place write — to prove that the kill tests
can fail (tests/test_kill.py): killed at the same named point, a plain write leaves a half-written file.

    python tests/plain_writer.py evidence lock answers.yaml
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dibcyber.io import atomic


def plain_write(path: Path, data: str | bytes, *, expect_unchanged: bytes | None = None,
                mode: int | None = None) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with Path(path).open("wb") as f:  # truncates the target first: what atomic_write exists to avoid
        f.write(raw[: len(raw) // 2])
        f.flush()
        os.fsync(f.fileno())
        atomic.test_kill_point("mid-write")
        f.write(raw[len(raw) // 2:])


atomic.atomic_write = plain_write  # before any command module imports it by name

if __name__ == "__main__":
    from dibcyber.cli import main

    main(sys.argv[1:])
