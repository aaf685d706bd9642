"""Errors and exit codes. Imports only the message texts (``dibcyber.i18n``, pure data), so every layer
may raise these.

Only the CLI catches them (see ``cli.main``) and turns them into a message and an exit code. Every message
and hint is a ``Msg``: a message ID with named parameters, rendered in the user's language when it is
printed (``render(lang)``); the texts live in ``dibcyber/i18n/errors.py``.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from dibcyber.i18n.errors import ERRORS, NOUNS

PathPart = str | int
"""One step of a dotted path inside a document: a key or a list index."""


class Noun(str):
    """A word a message names a thing by ('answers file', 'workbook'), rendered from ``NOUNS`` in the
    user's language; as a ``str`` it is the English word."""

    __slots__ = ()


class Msg:
    """A message or hint: an ID of ``i18n.errors.ERRORS`` and its named parameters, rendered at print time.

    A parameter may be a value (formatted as it is: quote what comes from a file through ``cap`` or
    ``shown`` first), another ``Msg`` or ``Noun`` (rendered in the same language), or a list or tuple of
    those (joined with ', ' in English, '、' in Japanese). ``str()`` is the English text."""

    __slots__ = ("id", "params")

    def __init__(self, message_id: str, /, **params: Any) -> None:
        self.id = message_id
        self.params: tuple[tuple[str, Any], ...] = tuple(
            (k, tuple(v) if isinstance(v, list | set | frozenset) else v) for k, v in params.items())

    def render(self, lang: str = "en") -> str:
        """The text in ``lang`` (Japanese for 'ja', English otherwise)."""
        template = ERRORS[self.id]["ja" if lang == "ja" else "en"]
        return template.format(**{k: _param(v, lang) for k, v in self.params})

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.id!r}" + "".join(f", {k}={v!r}" for k, v in self.params) + ")"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.id, self.params) == (other.id, other.params)

    def __hash__(self) -> int:
        return hash((self.id, repr(self.params)))


class Lines(tuple):  # type: ignore[type-arg]
    """A parameter of several lines (each a value or a ``Msg``), rendered one per line."""

    __slots__ = ()


def _param(value: Any, lang: str) -> Any:
    if isinstance(value, Lines):
        return "\n".join(str(_param(v, lang)) for v in value)
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, Noun):
        entry = NOUNS.get(str(value))
        return entry["ja" if lang == "ja" else "en"] if entry else str(value)
    if isinstance(value, tuple):
        return ("、" if lang == "ja" else ", ").join(str(_param(v, lang)) for v in value)
    return value


def render(text: Msg | None, lang: str = "en") -> str:
    """A message or hint as text in ``lang`` ('' for none)."""
    return text.render(lang) if text is not None else ""


_ERRNO = {errno.ENOENT: "os.not_found", errno.EACCES: "os.permission", errno.EPERM: "os.permission",
          errno.EISDIR: "os.is_folder", errno.ENOTDIR: "os.not_folder", errno.ENOSPC: "os.no_space",
          errno.EDQUOT: "os.no_space", errno.EROFS: "os.read_only", errno.ELOOP: "os.loop",
          errno.ENAMETOOLONG: "os.name_too_long", errno.EEXIST: "os.exists", errno.EBADF: "os.closed",
          errno.EIO: "os.io", errno.EFBIG: "os.too_large", errno.EMFILE: "os.too_many_open"}


def os_reason(e: OSError) -> Msg:
    """Why the operating system refused, in the user's words: common errnos by ID, others as the system
    says them."""
    known = _ERRNO.get(e.errno or 0)
    return Msg(known) if known else Msg("os.other", reason=shown(str(e.strerror or e)))

_UNSHOWABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                         "\ufff9-\ufffb]")
"""Characters a message never shows as they are: control characters (all but the line break: escape
sequences can recolour or rewrite a terminal), and the invisible and bidirectional formatting characters
(U+202E can make 'exe.txt' read 'txt.exe')."""


def shown(text: str) -> str:
    """``text`` as a message may show it: every character of ``_UNSHOWABLE`` written as an escape
    (``\\x1b``, ``\\u202e``), whether it came from a file, a workbook or the command line."""
    return _UNSHOWABLE.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                           else f"\\u{ord(m.group(0)):04x}", text)


def cap(value: Any, width: int = 60) -> Any:
    """A value as it may appear in a message: scalars as written (a ``str``), capped at ``width``
    characters with '…'; containers named by a ``Msg``, never printed (an alias can make a tiny file
    expand to a huge tree)."""
    if isinstance(value, dict):
        return Msg("value.mapping", count=len(value)) if len(value) != 1 else Msg("value.mapping_one")
    if isinstance(value, list | tuple | set):
        return Msg("value.list", count=len(value)) if len(value) != 1 else Msg("value.list_one")
    if isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    text = shown(text.replace("\n", "⏎"))  # control and bidirectional characters escaped
    return text if len(text) <= width else text[: width - 1] + "…"


def dotted(path: Sequence[PathPart]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(cap(part))
    return out


class ExitCode(IntEnum):
    """Process exit codes. Documented in the README; a test keeps the two in step."""

    OK = 0
    """Success."""
    FINDINGS = 1
    """The command worked and found something: a failed gate, a regression, a broken evidence file."""
    USAGE = 2
    """The command line itself is wrong (unknown option, missing argument)."""
    INVALID_INPUT = 3
    """A file or name given to dibcyber is invalid: YAML syntax, schema, unknown ID, not UTF-8, not found."""
    WRITE_REFUSED = 4
    """dibcyber would not or could not write: target exists, file changed on disk, I/O error."""
    MISSING_COMPONENT = 5
    """Something dibcyber needs is not installed: the pdf extra, a Japanese font."""
    END_OF_INPUT = 6
    """Standard input ended while a question was open (Ctrl-D, a closed pipe or descriptor); every answer
    given before it is saved."""
    INTERRUPTED = 130
    """Interrupted by the user (Ctrl-C). Nothing half-written is left behind."""
    INTERNAL = 70
    """A bug in dibcyber. Run again with --debug and report the traceback."""


def location(file: str | None, line: int | None = None, column: int | None = None, cell: str | None = None,
             path: str | None = None) -> str:
    """Where a problem is, as messages write it: ``file:line:column: cell: dotted.path``."""
    parts = []
    if file:
        where = file
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        parts.append(where)
    if cell:
        parts.append(cell)
    if path:
        parts.append(path)
    return ": ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    message: Msg
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str | None = None  # dotted path inside the document, e.g. requirements[3].title.ja
    hint: Msg | None = None
    cell: str | None = None  # a spreadsheet cell, e.g. 要求事項!E12 (workbooks have no lines)

    def location(self) -> str:
        return location(self.file, self.line, self.column, self.cell, self.path)

    def render(self, lang: str = "en") -> str:
        loc = self.location()
        message = self.message.render(lang)
        text = f"{loc}: {message}" if loc else message
        return text + _hint(self.hint, lang)


def _hint(hint: Msg | None, lang: str) -> str:
    return "\n    " + Msg("frame.hint", hint=hint).render(lang) if hint is not None else ""


class DibcyberError(Exception):
    """Base of every error dibcyber reports to the user on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: Msg, *, hint: Msg | None = None) -> None:
        super().__init__(message.render())
        self.message = message
        self.hint = hint

    def render(self, lang: str = "en") -> str:
        """The error as the command line prints it, in ``lang``."""
        return self.message.render(lang) + _hint(self.hint, lang)


class InvalidInputError(DibcyberError):
    """One or more problems in the user's input. Every problem of a file is reported together."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, problems: list[Problem] | Problem | Msg, *, hint: Msg | None = None) -> None:
        if isinstance(problems, Msg):
            problems = [Problem(problems, hint=hint)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__(problems[0].message if problems else Msg("frame.invalid_input"))
        self.args = (problems[0].render() if problems else self.message.render(),)  # str(): the first, located

    MAX_SHOWN = 100
    """A hostile file can hold a million problems; the first hundred say what is wrong."""

    def render(self, lang: str = "en") -> str:
        n = len(self.problems)
        head = Msg("frame.problems_one") if n == 1 else Msg("frame.problems", count=n)
        shown = self.problems[: self.MAX_SHOWN]
        text = head.render(lang) + "\n" + "\n".join("  " + p.render(lang).replace("\n", "\n  ") for p in shown)
        if n > len(shown):
            text += "\n  " + Msg("frame.more_problems", more=n - len(shown), shown=len(shown)).render(lang)
        return text


class WriteRefusedError(DibcyberError):
    """dibcyber will not overwrite, or could not write, a file."""

    exit_code = ExitCode.WRITE_REFUSED


class EndOfInputError(DibcyberError):
    """Standard input ended before an interactive session did."""

    exit_code = ExitCode.END_OF_INPUT


class UsageError(DibcyberError):
    """A wrong combination of command-line options that the parser itself cannot catch."""

    exit_code = ExitCode.USAGE
