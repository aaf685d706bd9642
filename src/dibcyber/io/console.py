"""The process's standard streams, made safe for the consoles dibcyber meets in the field.

Two things go wrong outside a UTF-8 terminal, and ``setup`` (called once by ``cli.main``) fixes both
(it also tunes the garbage collector for a short-lived process, see ``GC_THRESHOLD``):

- A console whose encoding cannot show a character (cp932 in PowerShell 5 and cmd.exe cannot show
  ``█ ✓ — ·`` or rounded box corners) would raise ``UnicodeEncodeError`` mid-output. The streams get an
  error handler that writes a safe look-alike instead (``#``, ``OK``, ``-``, ``.``, ``+``), or ``?``.
  Rich draws ASCII boxes on such a stream by itself (its ``ascii_only`` mode).
- A reader that stops early (``dibcyber check ... | head -1``) closes the pipe. Later writes are sent to
  the null device, so there is no traceback and no "Exception ignored" at exit, and the command runs to
  its end and keeps its own exit code: a gate that fails still exits 1 under ``set -o pipefail``.

Any other write error on standard output (a full disk, ``> /dev/full``, a descriptor closed from the
start with ``>&-``) is a ``StreamWriteError``: exit 4 with one line, caught in ``cli.main`` like every
error. Imports only the standard library and ``errors``: it is on the start-up path of every command.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
from typing import Any

from dibcyber.errors import WriteRefusedError

# Same width as the original wherever rich aligns columns with it (bars, boxes, rules).
FALLBACK = {
    "\u2014": "-", "\u2013": "-", "\u2212": "-", "\u2015": "-",  # dashes and minus
    "\u2026": "...", "\u22ef": "...",
    "\u2192": "->", "\u2190": "<-", "\u2264": "<=", "\u2265": ">=", "\u00d7": "x",
    "\u2713": "OK", "\u2714": "OK", "\u2717": "NG", "\u2718": "NG",
    "\u2588": "#", "\u2593": "=", "\u2592": "+", "\u2591": "_", "\u00b7": ".", "\u30fb": ".",
    "\u2022": "*", "\u25cf": "*",
    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
}
_HANDLER = "dibcyber-fallback"
_STDOUT_HANDLER = "dibcyber-fallback-stdout"


class _Stats:
    replaced_on_stdout = 0


def safe_text(ch: str, encoding: str) -> str:
    """What to write for ``ch`` on a stream of ``encoding`` that cannot encode it."""
    candidates = []
    if ch in FALLBACK:
        candidates.append(FALLBACK[ch])
    elif 0x2500 <= ord(ch) <= 0x257F:  # box drawing: the line's direction, else a corner
        import unicodedata

        name = unicodedata.name(ch, "")
        candidates.append("-" if "HORIZONTAL" in name else "|" if "VERTICAL" in name else "+")
    else:
        import unicodedata

        candidates.append(unicodedata.normalize("NFKC", ch))
    for text in candidates:
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        return text
    return "?"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(safe_text(ch, error.encoding) for ch in bad), error.end


def _fallback_stdout(error: UnicodeError) -> tuple[str, int]:
    if isinstance(error, UnicodeEncodeError):
        _Stats.replaced_on_stdout += error.end - error.start
    return _fallback(error)


codecs.register_error(_HANDLER, _fallback)
codecs.register_error(_STDOUT_HANDLER, _fallback_stdout)


def is_utf(encoding: str | None) -> bool:
    return (encoding or "").lower().replace("_", "-").startswith(("utf-8", "utf8", "utf-16", "utf-32"))


def can_encode(text: str, stream: Any = None) -> bool:
    """Whether ``stream`` (default: standard output) shows ``text`` unchanged."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    if is_utf(encoding):
        return True
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    except LookupError:
        return True
    return True


def changed_by(encoding: str) -> dict[int, str]:
    """Characters ``encoding`` encodes as a different character, and what to write instead.

    cp932 writes ``−`` (U+2212) as its full-width minus, which reads back as ``－`` and takes two cells of
    a Japanese console where rich counted one: treated like a character it cannot encode."""
    table = {}
    for ch, instead in FALLBACK.items():
        try:
            if ch.encode(encoding).decode(encoding) != ch:
                table[ord(ch)] = instead
        except (UnicodeError, LookupError):
            continue
    return table


class StreamWriteError(WriteRefusedError):
    """Standard output (or error) could not be written: a full disk, a closed descriptor, an I/O error.
    Exit 4, with one line; the reader going away (EPIPE, ``| head``) is not one of these (see above)."""

    def __init__(self, stream: str, error: OSError | ValueError) -> None:
        from dibcyber.errors import Msg, Noun, os_reason

        why = os_reason(error) if isinstance(error, OSError) and error.strerror else Msg("os.stream_closed")
        super().__init__(Msg("write.stream", stream=Noun(stream), reason=why))


class _Closed:
    """Standard output when the process started without one (``>&-``): any write is a write error."""

    name = "standard output"
    encoding = "utf-8"
    errors = "strict"
    closed_by_reader = False
    failed: StreamWriteError | None = None

    def write(self, text: str) -> int:
        self.failed = StreamWriteError(self.name, OSError(errno.EBADF, "the descriptor is closed"))
        raise self.failed

    def discard(self) -> None:
        pass

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "the descriptor is closed")


class _PipeSafe:
    """A standard stream that survives its reader going away (see the module's docstring), and writes
    look-alikes for characters its encoding would change (``changed_by``)."""

    def __init__(self, inner: io.TextIOWrapper, name: str = "standard output") -> None:
        self._inner = inner
        self.name = name
        self._table = {} if is_utf(inner.encoding) else changed_by(inner.encoding)
        self.closed_by_reader = False
        self.failed: StreamWriteError | None = None

    def _reader_gone(self) -> None:
        self.closed_by_reader = True
        reader_gone(self._inner)

    def write(self, text: str) -> int:
        if self.failed is not None:
            raise self.failed
        if self._table:
            text = text.translate(self._table)
        try:
            return self._inner.write(text)
        except BrokenPipeError:
            self._reader_gone()
            return len(text)
        except (OSError, ValueError) as e:
            raise self._failed(e) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.failed is not None:
            raise self.failed
        try:
            self._inner.flush()
        except BrokenPipeError:
            self._reader_gone()
            with contextlib.suppress(OSError):
                self._inner.flush()  # what was buffered now goes to the null device
        except (OSError, ValueError) as e:
            raise self._failed(e) from None

    def _failed(self, error: OSError | ValueError) -> StreamWriteError:
        """A write error other than the reader going away (a full disk, a closed descriptor): the output
        is incomplete, so the command fails with exit 4. The failure is kept (``failed``), so that code
        which swallows the exception (a library probing the stream) cannot hide it from ``cli.main``."""
        if self.failed is None:
            self.failed = StreamWriteError(self.name, error)
        return self.failed

    def discard(self) -> None:
        """Send what is still buffered to the null device: the interpreter's flush at exit then raises
        nothing more (no 'Exception ignored')."""
        self._reader_gone()
        self.closed_by_reader = False
        with contextlib.suppress(OSError, ValueError):
            self._inner.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


# Python collects cyclic garbage every 700 new container objects; building pydantic's validators and
# rich's tables makes hundreds of thousands at start-up, so a run spent ~10% of its time in collections
# that free almost nothing. A larger first generation still collects, just far less often.
GC_THRESHOLD = (50_000, 20, 20)


def reader_gone(stream: Any) -> None:
    """The reader of ``stream`` went away (``| head``): what is still written goes to the null device,
    so the command finishes its work (and keeps its exit code) instead of failing on its own notes."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


def setup() -> None:
    """Make the real standard streams safe (leave anything else, a test's StringIO, alone), and make
    start-up collect garbage less often."""
    import gc

    if gc.get_threshold()[0] < GC_THRESHOLD[0]:
        gc.set_threshold(*GC_THRESHOLD)
    out, err = sys.stdout, sys.stderr
    if isinstance(out, _PipeSafe):
        return
    if isinstance(err, io.TextIOWrapper) and err is sys.__stderr__ and not is_utf(err.encoding):
        err.reconfigure(errors=_HANDLER)
        sys.stderr = _PipeSafe(err, "standard error")
    if out is None:  # started with standard output closed: writing to it is an error, not silence
        sys.stdout = _Closed()
    if isinstance(out, io.TextIOWrapper) and out is sys.__stdout__:
        if not is_utf(out.encoding):
            out.reconfigure(errors=_STDOUT_HANDLER)
        sys.stdout = _PipeSafe(out)
        import atexit

        atexit.register(note_replacements)


def write_failure() -> StreamWriteError | None:
    """The write error standard output met during this run, if any (the stream's buffer is then
    discarded), for ``cli.main`` to report once, with exit 4."""
    out = sys.stdout
    failed = getattr(out, "failed", None)
    if isinstance(failed, StreamWriteError):
        out.discard()  # type: ignore[union-attr]
        out.failed = None  # type: ignore[union-attr]
        return failed
    return None


def note_replacements() -> None:
    """One line on standard error when characters of a file or pipe's output had to be replaced."""
    out = sys.stdout
    count = _Stats.replaced_on_stdout
    if not count or (isinstance(out, _PipeSafe) and out.closed_by_reader):
        return
    try:
        if out.isatty():
            return  # a person reading a console expects its glyphs; the output is not kept
    except (AttributeError, ValueError, OSError):
        pass
    encoding = getattr(out, "encoding", "?")
    sys.stderr.write(f"dibcyber: note: {count} characters that {encoding} cannot encode were written as look-alikes "
                     "or '?'; for an exact UTF-8 file use -o FILE, or set PYTHONUTF8=1\n")


def print_table(con: Any, table: Any) -> None:
    """Print a rich table so that no identifier or path is ever cut: on a terminal its text columns fold
    (wrap inside the cell) rather than end in '…'; in a pipe, a file or a CI log (no terminal width to
    respect) the table gets the width it needs, so a line holds the whole value for grep and for people."""
    for column in table.columns:
        if not column.no_wrap:
            column.overflow = "fold"
    if con.is_terminal:
        con.print(table)
        return
    need = con.measure(table, options=con.options.update(max_width=100_000)).maximum
    width = con.width
    try:
        con.width = max(width, need)
        con.print(table)
    finally:
        con.width = width
