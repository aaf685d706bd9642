"""Errors and exit codes. Imports nothing else of dibcyber, so every layer may raise these.

Only the CLI catches them (see ``cli.main``) and turns them into a message and an exit code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

PathPart = str | int
"""One step of a dotted path inside a document: a key or a list index."""

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


def cap(value: Any, width: int = 60) -> str:
    """A value as it may appear in a message: scalars as written, capped at ``width`` characters with
    '…'; containers named, never printed (an alias can make a tiny file expand to a huge tree)."""
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys" if len(value) != 1 else "a mapping of 1 key"
    if isinstance(value, list | tuple | set):
        return f"a list of {len(value)} items" if len(value) != 1 else "a list of 1 item"
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
            out += ("." if out else "") + cap(part)
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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str | None = None  # dotted path inside the document, e.g. requirements[3].title.ja
    hint: str | None = None
    cell: str | None = None  # a spreadsheet cell, e.g. 要求事項!E12 (workbooks have no lines)

    def location(self) -> str:
        parts = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.cell:
            parts.append(self.cell)
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

    def render(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else self.message
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class DibcyberError(Exception):
    """Base of every error dibcyber reports to the user on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        return self.message + (f"\n    hint: {self.hint}" if self.hint else "")


class InvalidInputError(DibcyberError):
    """One or more problems in the user's input. Every problem of a file is reported together."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, problems: list[Problem] | Problem | str, *, hint: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, hint=hint)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        first = problems[0].render() if problems else "invalid input"
        super().__init__(first)

    MAX_SHOWN = 100
    """A hostile file can hold a million problems; the first hundred say what is wrong."""

    def render(self) -> str:
        n = len(self.problems)
        head = "1 problem" if n == 1 else f"{n} problems"
        shown = self.problems[: self.MAX_SHOWN]
        text = f"{head}:\n" + "\n".join("  " + p.render().replace("\n", "\n  ") for p in shown)
        if n > len(shown):
            text += f"\n  … and {n - len(shown)} more problems like these (only the first {len(shown)} are shown)"
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
