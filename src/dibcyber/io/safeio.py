"""Untrusted files in, user files out: bounded reads, refused outputs, limits raisable by environment.

Every file dibcyber reads may come from another company. This module holds the rules that keep reading
them bounded and keep writing from destroying anything:

- ``read_bytes_limited`` reads a *regular* file only (never a FIFO, device, directory or socket, which
  could block forever or never end) and refuses, before reading a byte, a file larger than the limit.
- ``check_output`` refuses an output path that is one of the command's inputs, or that is not a regular
  file (a directory, a device such as /dev/null, a FIFO, a socket): dibcyber replaces files atomically,
  and replacing such a node with a regular file would be destructive.
- ``Limits`` gathers every bound, each raisable by an environment variable (see the README's
  "Security model").

Imports nothing of dibcyber but ``errors``, so every layer may use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dibcyber.errors import InvalidInputError, Msg, Noun, Problem, WriteRefusedError, os_reason

MiB = 1 << 20

ENV_MAX_FILE_SIZE = "DIBCYBER_MAX_FILE_SIZE"
ENV_MAX_EVIDENCE_SIZE = "DIBCYBER_MAX_EVIDENCE_SIZE"
ENV_MAX_YAML_DEPTH = "DIBCYBER_MAX_YAML_DEPTH"
ENV_MAX_YAML_NODES = "DIBCYBER_MAX_YAML_NODES"
ENV_MAX_UNZIPPED_SIZE = "DIBCYBER_MAX_UNZIPPED_SIZE"
ENV_MAX_XML_SIZE = "DIBCYBER_MAX_XML_SIZE"
ENV_MAX_XML_ELEMENTS = "DIBCYBER_MAX_XML_ELEMENTS"
ENV_FILE_MODE = "DIBCYBER_FILE_MODE"

_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def _env_int(name: str, default: int, *, sizes: bool = False) -> int:
    """A positive integer from the environment (``20M``, ``1G`` allowed for sizes), else ``default``.

    A malformed value is a usage problem of the user's own environment; it is reported, never ignored
    silently, because a limit the user believes raised but is not would be confusing."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    m = _SIZE.match(raw) if sizes else re.match(r"^\s*(\d+)\s*()$", raw)
    if not m or int(m.group(1)) <= 0:
        from dibcyber.errors import UsageError

        example = "20M, 1G" if sizes else "100"
        raise UsageError(Msg("env.not_positive", name=name, value=_cap(raw), example=example))
    return int(m.group(1)) * _UNITS[m.group(2).lower()]


@dataclass(frozen=True)
class Limits:
    """Bounds on untrusted input. Defaults suit real files with a wide margin; each is raisable."""

    max_file_size: int = 10 * MiB
    """Answers, catalog, profile and lock files (bytes). ``DIBCYBER_MAX_FILE_SIZE``."""
    max_evidence_size: int = 512 * MiB
    """Evidence files hashed by ``evidence lock/check`` (bytes). ``DIBCYBER_MAX_EVIDENCE_SIZE``."""
    max_yaml_depth: int = 64
    """Nesting of mappings and lists in one YAML document. ``DIBCYBER_MAX_YAML_DEPTH``."""
    max_yaml_nodes: int = 500_000
    """Values in one YAML document *after* expanding aliases (``*name``): stops alias bombs.
    ``DIBCYBER_MAX_YAML_NODES``."""
    max_unzipped_size: int = 200 * MiB
    """All members of a ZIP container (an XLSX workbook) together, uncompressed (bytes).
    ``DIBCYBER_MAX_UNZIPPED_SIZE``."""
    max_xml_size: int = 256 * MiB
    """Scan results read by ``import xccdf`` (bytes): OpenSCAP's ARF of a full profile is tens of MB.
    ``DIBCYBER_MAX_XML_SIZE``."""
    max_xml_elements: int = 4_000_000
    """XML elements in one scan results file (about 40 bytes each at the least).
    ``DIBCYBER_MAX_XML_ELEMENTS``."""

    @classmethod
    def from_env(cls) -> Limits:
        d = cls()
        return cls(
            max_file_size=_env_int(ENV_MAX_FILE_SIZE, d.max_file_size, sizes=True),
            max_evidence_size=_env_int(ENV_MAX_EVIDENCE_SIZE, d.max_evidence_size, sizes=True),
            max_yaml_depth=_env_int(ENV_MAX_YAML_DEPTH, d.max_yaml_depth),
            max_yaml_nodes=_env_int(ENV_MAX_YAML_NODES, d.max_yaml_nodes),
            max_unzipped_size=_env_int(ENV_MAX_UNZIPPED_SIZE, d.max_unzipped_size, sizes=True),
            max_xml_size=_env_int(ENV_MAX_XML_SIZE, d.max_xml_size, sizes=True),
            max_xml_elements=_env_int(ENV_MAX_XML_ELEMENTS, d.max_xml_elements),
        )


def limits() -> Limits:
    """The limits of this run (read from the environment each call: cheap, and tests can change it)."""
    return Limits.from_env()


def human_size(n: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor:
            value = n / factor
            return f"{value:.0f} {unit}" if value >= 10 or value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def _cap(value: object, width: int = 60) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def stat_for_write(path: Path) -> tuple[os.stat_result | None, str | None]:
    """What is at ``path`` before a write replaces it: its stat (None when nothing is there) and, when it is
    not a regular file, what it is in words (``kind_of``). Any other failure to stat it raises the
    ``OSError``: the caller refuses the write in its own words (``check_output``, ``atomic.atomic_write``)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None, None
    return st, kind_of(st.st_mode)


MISSING = "path.missing"
"""The ID of ``describe_path_problem``'s answer for a path that does not exist."""


def describe_path_problem(path: Path) -> Msg | None:
    """Why ``path`` cannot be read as a regular file (a phrase: 'does not exist', ID ``MISSING``), or None
    when it can be (as far as stat tells: a file that stat sees may still be unreadable). Never opens the
    file."""
    if "\x00" in str(path):
        return Msg("path.nul")
    try:
        st = path.stat()
    except FileNotFoundError:
        return Msg("path.missing") if not path.is_symlink() else Msg("path.broken_link")
    except OSError as e:
        if e.errno == errno.ELOOP:
            return Msg("path.loop")
        if e.errno == errno.ENAMETOOLONG:
            return Msg("path.too_long")
        return Msg("path.unexaminable", reason=os_reason(e))
    except ValueError:
        return Msg("path.invalid")
    what = kind_of(st.st_mode)
    return Msg("path.not_regular", kind=Noun(what)) if what else None


def read_bytes_limited(path: Path, limit: int | None = None, what: str = "file", *,
                       truncate: bool = False) -> bytes:
    """Read a regular file of at most ``limit`` bytes (default: ``Limits.max_file_size``).

    Refused, with a located message and exit 3 (``InvalidInputError``), before anything is read: a path
    that does not exist, a directory, FIFO, device or socket, a symbolic link loop, an unreadable file,
    and a file larger than the limit. The file is opened without blocking and checked again on the open
    descriptor, so a file swapped for a FIFO between the check and the open cannot hang the read; at most
    ``limit + 1`` bytes are ever read, so a file growing meanwhile cannot exhaust memory.
    ``what`` names the file in messages (``answers file``, ``catalog``…). With ``truncate``, a larger
    file is not refused: its first ``limit`` bytes are returned (for sniffing what a file is).
    """
    limit = limits().max_file_size if limit is None else limit
    name = str(path)
    problem = describe_path_problem(path)
    if problem is not None:
        if problem.id == MISSING:
            raise InvalidInputError(Problem(Msg("file.not_found", what=Noun(what)), file=name))
        raise InvalidInputError(Problem(Msg("file.unusable", what=Noun(what), problem=problem), file=name,
                                        hint=Msg("file.unusable.hint", what=Noun(what))))
    try:
        fd = open_regular(path)
    except NotRegularFileError as e:  # swapped for a folder or FIFO since the check above
        raise InvalidInputError(Problem(Msg("file.unusable", what=Noun(what),
                                            problem=Msg("path.not_regular", kind=Noun(str(e.strerror)))),
                                        file=name)) from None
    except OSError as e:
        raise InvalidInputError(Problem(Msg("file.unreadable", what=Noun(what), reason=os_reason(e)),
                                        file=name)) from None
    try:
        st = os.fstat(fd)
        if not truncate:
            _refuse_size(st.st_size, limit, what, name)
        chunks: list[bytes] = []
        total = 0
        want = limit if truncate else limit + 1
        while total < want:
            chunk = os.read(fd, min(1 << 20, want - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                _refuse_size(total, limit, what, name)
        return b"".join(chunks)
    except OSError as e:
        raise InvalidInputError(Problem(Msg("file.unreadable", what=Noun(what), reason=os_reason(e)),
                                        file=name)) from None
    finally:
        os.close(fd)


def read_head(path: Path, size: int) -> bytes | None:
    """The first ``size`` bytes of a regular file, or None for anything else (missing, a FIFO, a device,
    unreadable). For peeking at candidate files in a folder, where a problem means 'not one of ours'."""
    try:
        return read_bytes_limited(path, limit=size, what="file", truncate=True)
    except InvalidInputError:
        return None


class NotRegularFileError(OSError):
    """``open_regular`` found a FIFO, device, folder or socket on the open descriptor."""


def open_regular(path: Path) -> int:
    """A descriptor of ``path`` opened for reading, once it is known to be a regular file: stat before the
    open, ``O_NONBLOCK`` so that a FIFO swapped in meanwhile cannot block the open, fstat after it. The
    only way dibcyber opens a file it reads (see ``read_bytes_limited``, ``read_head``, ``read_part``)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        kind = kind_of(os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    if kind is not None:
        os.close(fd)
        raise NotRegularFileError(errno.EINVAL, kind)
    return fd


def zip_part_head(path: Path, part: str, size: int) -> bytes | None:
    """Up to ``size`` bytes of one part of a ZIP container (an XLSX workbook) that is a regular file within
    ``Limits.max_file_size``, or None when the file or part cannot be read. For sniffing workbooks in a
    folder: the file is read through ``read_bytes_limited`` (never a FIFO or device), and the part is
    only decompressed when its declared size is at most ``size``."""
    import io
    import zipfile

    try:
        data = read_bytes_limited(path, what="workbook")
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo(part)
            if info.file_size > size:
                return None
            return zf.read(info)[:size]
    except (InvalidInputError, OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError,
            NotImplementedError):
        return None


def _refuse_size(size: int, limit: int, what: str, name: str) -> None:
    if size > limit:
        variable = {"evidence file": ENV_MAX_EVIDENCE_SIZE, "scan results file": ENV_MAX_XML_SIZE}.get(
            what, ENV_MAX_FILE_SIZE)
        raise InvalidInputError(Problem(
            Msg("file.too_large_size", what=Noun(what), limit=human_size(limit), size=human_size(size))
            if size > limit + 1 else Msg("file.too_large", what=Noun(what), limit=human_size(limit)),
            file=name, hint=Msg("limit.raise.hint", setting=f"{variable}={max(2 * limit // MiB, 1)}M")))


def _identity(path: Path) -> tuple[Path, tuple[int, int] | None]:
    """The resolved path and, when it exists, (device, inode): two names of one file compare equal."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError, ValueError):
        resolved = path.absolute()
    ident = None
    with contextlib.suppress(OSError, ValueError):
        st = resolved.stat()
        ident = (st.st_dev, st.st_ino)
    return resolved, ident


def check_output(target: Path, inputs: Iterable[Path | str | None], *, option: str = "output") -> None:
    """Refuse (``WriteRefusedError``, exit 4) to write ``target`` when it is one of ``inputs`` or when it
    exists and is not a regular file.

    An input matches when the resolved paths are equal or when both name the same file (same device and
    inode: symbolic and hard links, ``./a`` and ``a``). ``inputs`` may hold ``None`` (ignored) and folders
    (then every file below a folder is an input, e.g. a templates folder). Directories, devices (``-o
    /dev/null``), FIFOs and sockets are refused rather than written through: dibcyber writes by replacing
    the file atomically, which must never turn such a node into a regular file; to discard or pipe the
    output, write to standard output (``-o -``) and redirect it. ``option`` names the option in the
    message (``-o``, ``--junit``…).
    """
    if "\x00" in str(target):
        raise WriteRefusedError(Msg("write.nul", option=Noun(option), path=_cap(repr(str(target)))))
    resolved, ident = _identity(target)
    try:
        _, kind = stat_for_write(resolved)
    except OSError as e:
        raise WriteRefusedError(Msg("write.failed", path=str(target), reason=os_reason(e))) from None
    if kind is not None:
        raise WriteRefusedError(
            Msg("write.option_not_regular", option=Noun(option), path=str(target), kind=Noun(kind)),
            hint=Msg("write.not_regular.pipe_hint") if kind != "a folder" else Msg("write.option_folder.hint"))
    for item in inputs:
        if item is None:
            continue
        in_resolved, in_ident = _identity(Path(item))
        same = resolved == in_resolved or (ident is not None and ident == in_ident)
        inside = in_resolved.is_dir() and resolved.is_relative_to(in_resolved)
        if same or inside:
            raise WriteRefusedError(Msg("write.is_input", option=Noun(option), path=str(target), input=str(item)),
                                    hint=Msg("write.is_input.hint"))


def new_file_mode() -> int:
    """The permission bits for a new file dibcyber creates: owner read/write only (0600), since outputs
    hold assessment data, unless ``DIBCYBER_FILE_MODE`` (octal, e.g. 0644) asks otherwise. The umask
    still applies."""
    raw = os.environ.get(ENV_FILE_MODE, "").strip()
    mode = 0o600
    if raw:
        try:
            mode = int(raw, 8)
        except ValueError:
            mode = -1
        if not 0 <= mode <= 0o777:
            from dibcyber.errors import UsageError

            raise UsageError(Msg("env.file_mode", name=ENV_FILE_MODE, value=_cap(raw)),
                             hint=Msg("env.file_mode.hint"))
    umask = os.umask(0)
    os.umask(umask)
    return mode & ~umask


MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_RATIO = 200
"""Real workbooks compress XML about 5-20 times; a member compressed 200 times or more is a bomb."""


def check_zip(data: bytes, name: str, what: str = "workbook") -> None:
    """Refuse (``InvalidInputError``, exit 3) a ZIP container (an XLSX workbook) that is not a ZIP, holds
    more than ``MAX_ZIP_MEMBERS`` members, would expand beyond ``Limits.max_unzipped_size`` in total, has a
    member compressed more than ``MAX_ZIP_RATIO`` times, or names a member outside the archive
    (``../``, absolute). Reads only the central directory: nothing is decompressed.

    Python's ``zipfile`` never returns more bytes for a member than its declared size, so checking the
    declared sizes bounds what a reader such as openpyxl can decompress from ``io.BytesIO(data)``.
    Read ``data`` with ``read_bytes_limited`` first (that bounds the compressed size).
    """
    import io
    import zipfile

    lim = limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise InvalidInputError(Problem(Msg("zip.invalid", what=Noun(what), reason=_cap(e, 80)), file=name,
                                        hint=Msg("zip.invalid.hint"))) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise InvalidInputError(Problem(Msg("zip.too_many_parts", what=Noun(what), count=len(members),
                                            limit=MAX_ZIP_MEMBERS), file=name))
    total = 0
    for info in members:
        if info.filename.startswith(("/", "\\")) or ".." in info.filename.replace("\\", "/").split("/"):
            raise InvalidInputError(Problem(Msg("zip.outside", what=Noun(what), part=_cap(info.filename)),
                                            file=name))
        total += info.file_size
        if info.file_size > MiB and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise InvalidInputError(Problem(Msg(
                "zip.bomb", what=Noun(what), part=_cap(info.filename),
                ratio=info.file_size // max(info.compress_size, 1), size=human_size(info.file_size)), file=name))
    if total > lim.max_unzipped_size:
        raise InvalidInputError(Problem(
            Msg("zip.too_large", what=Noun(what), size=human_size(total), limit=human_size(lim.max_unzipped_size)),
            file=name, hint=Msg("limit.raise.hint", setting=f"{ENV_MAX_UNZIPPED_SIZE}="
                                f"{2 * lim.max_unzipped_size // MiB}M")))
