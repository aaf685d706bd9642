"""Reading YAML safely and fast, locating nodes for error messages, writing files atomically.

Parsing uses ruamel.yaml's safe loader (its C parser when installed). Line and column numbers are only
needed when something is wrong, so the slower round-trip parser that keeps them runs on the error path
alone (``Locator``). Loaders are built per call: no shared, mutated YAML objects.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import itertools
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from dibcyber.errors import InvalidInputError, Msg, Noun, PathPart, Problem, WriteRefusedError, cap, os_reason
from dibcyber.io.safeio import kind_of, limits, new_file_mode, read_bytes_limited

_ENCODING: list[str | None] = [None]
"""The encoding the user chose for the files dibcyber reads (``--encoding``); None: UTF-8."""


def set_input_encoding(name: str | None) -> None:
    """Read input files in ``name`` (e.g. cp932) instead of UTF-8: the user's explicit choice, never a
    guess. Files edited in place (interactive answering, evidence lock, import --into) stay UTF-8 only, so
    nothing is silently re-encoded on save."""
    if name is not None:
        import codecs

        try:
            name = codecs.lookup(name).name
        except LookupError:
            from dibcyber.errors import UsageError

            raise UsageError(Msg("encoding.unknown", name=cap(name)), hint=Msg("encoding.unknown.hint")) from None
    _ENCODING[0] = name


def input_encoding() -> str | None:
    return _ENCODING[0]


def read_text(path: Path, what: str = "file") -> str:
    """Read a regular file of bounded size (``safeio.read_bytes_limited``) as UTF-8, or in the encoding
    chosen with ``--encoding``. Anything else is an input error that says what the file looks like."""
    return decode_input(read_bytes_limited(path, what=what), str(path))


def decode_input(data: bytes, name: str) -> str:
    """Bytes of an input (a file, a git blob) as text: UTF-8, or the encoding chosen with ``--encoding``."""
    chosen = _ENCODING[0]
    if chosen is None or chosen == "utf-8":
        return decode_utf8(data, name)
    try:
        return data.decode(chosen)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InvalidInputError(Problem(Msg("encoding.invalid", encoding=chosen, byte=f"0x{data[e.start]:02x}",
                                            offset=e.start), file=name, line=line,
                                        hint=Msg("encoding.invalid.hint"))) from None


def decode_utf8(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        guess = guess_encoding(data)
        hint = Msg("utf8.save.hint")
        if guess:
            command = f"iconv -f {guess[1]} -t UTF-8 {name} > converted.yaml"
            hint = (Msg("utf8.looks_like_readable.hint", encoding=guess[0], command=command,
                        option=f"--encoding {guess[1].lower()}") if guess[1] in ("CP932", "EUC-JP")
                    else Msg("utf8.looks_like.hint", encoding=guess[0], command=command))
        raise InvalidInputError(
            Problem(
                Msg("encoding.invalid", encoding="UTF-8", byte=f"0x{data[e.start]:02x}", offset=e.start),
                file=name,
                line=line,
                hint=hint,
            )
        ) from None


def _japanese_share(text: str) -> float:
    if not text:
        return 0.0
    jp = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    odd = sum(1 for c in text if "\uff61" <= c <= "\uff9f" or c == "\ufffd")
    return (jp - 3 * odd) / len(text)


def guess_encoding(data: bytes) -> tuple[str, str] | None:
    """A best guess at a legacy encoding, as (name for people, name for iconv)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("UTF-16", "UTF-16")
    best: tuple[float, tuple[str, str]] | None = None
    for codec, label in (("cp932", ("Shift_JIS (CP932)", "CP932")), ("euc_jp", ("EUC-JP", "EUC-JP"))):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _japanese_share(text)
        if score > 0 and (best is None or score > best[0]):
            best = (score, label)
    if best:
        return best[1]
    with contextlib.suppress(UnicodeDecodeError):
        data.decode("cp1252")
        return ("Windows-1252 (Latin-1)", "CP1252")
    return None


class _FastResolver(VersionedResolver):
    """ruamel's resolver, less its cost: the stock one looks up the YAML version and rebuilds the lookup
    for every scalar (about half of the time of loading an answers file). This one takes the table of
    the document's version once per loader and reads it without changing it; what each scalar resolves
    to is the same (tests/test_yamlio_resolver.py compares the two)."""

    _table: Any = None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            table = self._table
            if table is None:
                table = self._table = self.versioned_resolver
            for tag, regexp in (*table.get(value[0] if value else "", ()), *table.get(None, ())):
                if regexp.match(value):
                    return Tag(suffix=tag)
            implicit = (False, implicit[1])
        return super().resolve(kind, value, implicit)


def _safe_yaml() -> YAML:
    from dibcyber.io.fastyaml import FastSafeConstructor

    yaml = YAML(typ="safe")
    yaml.allow_duplicate_keys = False
    yaml.Resolver = _FastResolver
    yaml.Constructor = FastSafeConstructor
    return yaml


def _mark_text(text: str, line: int, column: int) -> str:
    """The plain key written at a 0-based (line, column): up to its ':'."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return ""
    rest = lines[line][column:]
    return rest.split(":", 1)[0].strip() if ":" in rest else rest.strip()


_NUMBER = re.compile(r"^[-+]?(\d[\d_]*)?\.?\d[\d_]*([eE][-+]?\d+)?$")


def _yaml_error_problem(e: YAMLError, name: str, text: str = "") -> Problem:
    if isinstance(e, MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        what = " ".join(x for x in (e.context, e.problem) if x) or str(e)
        if "duplicate key" in what:
            m = re.search(r'duplicate key "([^"]*)"', what)
            key = m.group(1) if m else ""
            written = _mark_text(text, mark.line, mark.column) if mark is not None else ""
            detail: Msg
            hint: Msg
            if written and _NUMBER.match(written) and written != key:
                detail = Msg("yaml.number_key", written=cap(written), number=cap(key))
                hint = Msg("yaml.number_key.hint", written=cap(written))
            elif written and _NUMBER.match(written):
                detail = Msg("yaml.duplicate_number_key", key=cap(key))
                hint = Msg("yaml.duplicate_number_key.hint", written=cap(written))
            else:
                detail = Msg("yaml.duplicate_key", key=cap(key)) if m else Msg("yaml.duplicate_key_unnamed")
                hint = Msg("yaml.duplicate_key.hint")
        else:
            detail = Msg("yaml.parser_says", detail=cap(what, 200))
            hint = Msg("yaml.syntax.hint")
        if mark is not None:
            return Problem(Msg("yaml.syntax", detail=detail), file=name, line=mark.line + 1, column=mark.column + 1,
                           hint=hint)
        return Problem(Msg("yaml.syntax", detail=detail), file=name, hint=hint)
    return Problem(Msg("yaml.syntax", detail=Msg("yaml.parser_says", detail=cap(e, 200))), file=name)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# Characters YAML 1.2 does not allow in a document (c-printable's complement), NUL included.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_MAX_LISTED = 20


def _check_characters(text: str, name: str) -> None:
    """Control characters (a NUL byte above all) are refused with line:column, every one of them."""
    problems: list[Problem] = []
    for m in _FORBIDDEN.finditer(text):
        if len(problems) == _MAX_LISTED:
            problems.append(Problem(Msg("yaml.more_characters", count=_MAX_LISTED), file=name))
            break
        line, col = _position(text, m.start())
        char = m.group(0)
        message = Msg("yaml.nul") if char == "\x00" else Msg("yaml.control", code=f"U+{ord(char):04X}")
        problems.append(Problem(message, file=name, line=line, column=col, hint=Msg("yaml.control.hint")))
    if problems:
        raise InvalidInputError(problems)


_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$")


_DATE_REASONS = {"day is out of range for month": "date.day_out_of_range", "month must be in 1..12":
                 "date.month_out_of_range", "hour must be in 0..23": "date.hour_out_of_range",
                 "minute must be in 0..59": "date.minute_out_of_range", "second must be in 0..59":
                 "date.second_out_of_range"}


def _bad_date(value: str) -> Msg | None:
    """Why a plain scalar that YAML takes for a timestamp cannot be one, or None when it can."""
    m = _TIMESTAMP.match(value)
    if not m:
        return None
    try:
        dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m.group(4) is not None:
            dt.time(int(m.group(4)), int(m.group(5)), int(m.group(6)))
    except ValueError as e:
        known = _DATE_REASONS.get(str(e))
        return Msg(known) if known else Msg("date.python_says", reason=cap(e))
    return None


def _shape(text: str, name: str) -> None:
    """One streaming pass over the parser's events, before anything is built, that stops early when
    the document nests deeper than the limit or would expand (through aliases) to more values than the
    limit, refuses aliases to a node that contains them (recursive data), and reports every impossible
    calendar date (2026-02-30) with its line and column. Raises ``InvalidInputError``.

    Long because the pass is one loop over event kinds whose counters must stay together to stop early."""
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        ScalarEvent,
    )

    lim = limits()
    depth = nodes = 0
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []
    dates: list[Problem] = []

    def at(event: Any) -> tuple[int | None, int | None]:
        mark = event.start_mark
        return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)

    try:
        for event in _safe_yaml().parse(text):
            if isinstance(event, ScalarEvent):
                nodes += 1
                if event.anchor:
                    sizes[event.anchor] = 1
                if not event.style and event.tag is None and event.value[:1].isdigit():
                    why = _bad_date(event.value)
                    if why:
                        line, col = at(event)
                        dates.append(Problem(Msg("date.invalid", value=cap(event.value), reason=why), file=name,
                                             line=line, column=col, hint=Msg("date.format.hint", example="2027-03-31")))
            elif isinstance(event, CollectionStartEvent):
                depth += 1
                nodes += 1
                if depth > lim.max_yaml_depth:
                    line, col = at(event)
                    raise InvalidInputError(Problem(
                        Msg("yaml.too_deep", limit=lim.max_yaml_depth), file=name, line=line, column=col,
                        hint=Msg("yaml.too_deep.hint", setting=f"DIBCYBER_MAX_YAML_DEPTH={2 * lim.max_yaml_depth}")))
                stack.append((event.anchor, nodes))
                if event.anchor:
                    sizes.pop(event.anchor, None)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
                anchor, start = stack.pop()
                if anchor:
                    sizes[anchor] = nodes - start + 1
            elif isinstance(event, AliasEvent):
                if event.anchor not in sizes:
                    line, col = at(event)
                    raise InvalidInputError(Problem(
                        Msg("yaml.recursive_alias", alias=f"*{cap(event.anchor, 30)}"),
                        file=name, line=line, column=col, hint=Msg("yaml.recursive_alias.hint")))
                nodes += sizes[event.anchor]
            if nodes > lim.max_yaml_nodes:
                line, col = at(event)
                raise InvalidInputError(Problem(
                    Msg("yaml.too_many_values_aliases" if isinstance(event, AliasEvent) else "yaml.too_many_values",
                        limit=lim.max_yaml_nodes),
                    file=name, line=line, column=col,
                    hint=Msg("yaml.too_many_values.hint", setting=f"DIBCYBER_MAX_YAML_NODES={2 * lim.max_yaml_nodes}")))
    except YAMLError as e:
        raise InvalidInputError([*dates, _yaml_error_problem(e, name, text)]) from None
    if dates:
        raise InvalidInputError(dates)


def precheck(text: str, name: str) -> None:
    """Everything that must hold before a YAML text is given to a parser that builds data: allowed
    characters, nesting depth, alias expansion, calendar dates, syntax. Raises ``InvalidInputError``.
    A text that passed is remembered (with the limits it passed), so the several parses of one file in
    a run check it once."""
    if (text, limits()) in _PASSED:
        return
    _check_characters(text, name)
    _shape(text, name)
    _PASSED.append((text, limits()))
    del _PASSED[:-8]


_PASSED: list[tuple[str, Any]] = []


def parse(text: str, name: str) -> Any:
    """Parse one YAML document to plain Python data (dict, list, str, int, float, bool, date), within the
    limits of ``safeio.Limits`` (see ``precheck``)."""
    precheck(text, name)
    try:
        return _safe_yaml().load(text)
    except YAMLError as e:
        raise InvalidInputError(_yaml_error_problem(e, name, text)) from None
    except (ValueError, OverflowError) as e:  # a scalar YAML recognises but cannot build
        raise InvalidInputError(_value_problem(e, text, name)) from None
    except RecursionError:  # pragma: no cover - precheck bounds the depth far below Python's limit
        raise InvalidInputError(Problem(Msg("yaml.too_deep_unbounded"), file=name)) from None


def parse_roundtrip(text: str, name: str) -> Any:
    """Parse keeping comments, order and positions, for editing a user's file in place."""
    precheck(text, name)
    yaml = roundtrip_yaml()
    try:
        return yaml.load(text)
    except YAMLError as e:
        raise InvalidInputError(_yaml_error_problem(e, name, text)) from None
    except (ValueError, OverflowError) as e:
        raise InvalidInputError(_value_problem(e, text, name)) from None
    except RecursionError:  # pragma: no cover - precheck bounds the depth
        raise InvalidInputError(Problem(Msg("yaml.too_deep_unbounded"), file=name)) from None


_LONG_NUMBER = re.compile(r"(?<![\w.\"'])[-+]?(?:0[xob])?[0-9a-fA-F_]{1000,}(?![\w\"'])")


def _value_problem(error: ValueError | OverflowError, text: str, name: str) -> Problem:
    """A scalar YAML reads as a number but Python will not build — in practice an integer of thousands
    of digits (Python refuses to convert more than 4300) — located at its line and column, in our words
    rather than Python's."""
    m = _LONG_NUMBER.search(text)
    if m is not None:
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        digits = sum(c.isalnum() for c in m.group(0))
        return Problem(Msg("yaml.long_number", digits=digits), file=name, line=line, column=column,
                       hint=Msg("yaml.long_number.hint"))
    return Problem(Msg("yaml.unreadable_scalar"), file=name, hint=Msg("yaml.unreadable_scalar.hint"))


def roundtrip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump_roundtrip(data: Any) -> str:
    buf = io.StringIO()
    roundtrip_yaml().dump(data, buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=2)
def _compose(text: str) -> Any:
    """The node tree of a prechecked text (read only: shared by every Locator of the same text)."""
    return _safe_yaml().compose(text)


class Locator:
    """Finds the line and column of a dotted path in a YAML text, composing it lazily with positions.

    Composing (nodes with their marks, no Python objects built) runs in the C parser when installed, so
    locating thousands of problems in a large file stays fast; the text is prechecked first, so an alias
    bomb or deep nesting cannot make locating slow."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._root: Any = None
        self._parsed = False
        self._keys: dict[int, dict[str, Any]] = {}

    def _tree(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                precheck(self.text, self.name)
                self._root = _compose(self.text)
            except (YAMLError, InvalidInputError, ValueError, OverflowError, RecursionError):
                self._root = None  # best effort: a message without a position is still a message
        return self._root

    def _child(self, node: Any, part: PathPart) -> tuple[Any, Any] | None:
        """(the node that marks ``part``, the node it leads to) inside ``node``, or None."""
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        if isinstance(node, MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = {}
                for k, v in node.value:
                    if isinstance(k, ScalarNode):
                        keys.setdefault(k.value, (k, v))
                self._keys[id(node)] = keys
            found = keys.get(str(part))
            if found is None and isinstance(part, bool | None):
                found = keys.get(str(part).lower())
            return found
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            item = node.value[part]
            return item, item
        return None

    def position(self, path: Sequence[PathPart]) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest node of ``path`` that exists."""
        node = self._tree()
        best: tuple[int | None, int | None] = (None, None)
        if node is None:
            return best
        best = (node.start_mark.line + 1, node.start_mark.column + 1)
        for part in path:
            found = self._child(node, part)
            if found is None:
                break
            mark_node, node = found
            best = (mark_node.start_mark.line + 1, mark_node.start_mark.column + 1)
        return best


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
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise WriteRefusedError(Msg("write.failed", path=str(path), reason=os_reason(e))) from e
    if st is not None:
        kind = kind_of(st.st_mode)
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


_KEY_BLOCK = re.compile(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, offset of '-' under its key, columns from '-' to the item) as the file is written,
    so that saving does not re-indent what the user wrote. Defaults: 2, 2 and 2."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    indent = offset = None
    gap = 2
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith("- ") and stripped[1:].strip():
            gap = 1 + len(stripped[1:]) - len(stripped[1:].lstrip())
            break
    for line, nxt in itertools.pairwise(lines):
        m = _KEY_BLOCK.match(line)
        if not m:
            continue
        depth = len(nxt) - len(nxt.lstrip(" "))
        if nxt.lstrip().startswith("- "):
            if offset is None and depth >= len(m.group(1)):
                offset = depth - len(m.group(1))
        elif indent is None and depth > len(m.group(1)):
            indent = depth - len(m.group(1))
        if indent is not None and offset is not None:
            break
    return indent or 2, 2 if offset is None else offset, gap



@dataclass
class EditableYaml:
    """A user's YAML file opened for editing in place: comments, key order, quoting, indentation, line
    endings and a BOM all come back as they were; saving is atomic and refuses when the file changed on
    disk since it was read (or last saved)."""

    path: Path
    raw: bytes
    doc: Any
    indent: int
    offset: int
    gap: int
    crlf: bool
    bom: bool

    @classmethod
    def open(cls, path: Path, what: str = "answers file") -> EditableYaml:  # what: a key of i18n NOUNS
        raw = read_bytes_limited(path, what=what)
        try:
            text = decode_utf8(raw, str(path))
        except InvalidInputError as e:
            if input_encoding() in (None, "utf-8"):
                raise
            raise InvalidInputError(Problem(
                e.problems[0].message, file=str(path), line=e.problems[0].line,
                hint=Msg("encoding.edit_utf8_only.hint",
                         command=f"iconv -f {input_encoding()} -t UTF-8 {path} > converted.yaml"))) from None
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        indent, offset, gap = guess_indent(text)
        return cls(path, raw, parse_roundtrip(text, str(path)), indent, offset, gap, crlf,
                   raw.startswith(b"\xef\xbb\xbf"))

    def render(self) -> str:
        yaml = roundtrip_yaml()
        yaml.indent(mapping=self.indent, sequence=self.offset + self.gap, offset=self.offset)
        buf = io.StringIO()
        yaml.dump(self.doc, buf)
        return buf.getvalue()

    def save(self, text: str | None = None) -> None:
        body = self.render() if text is None else text
        if self.crlf:
            body = body.replace("\n", "\r\n")
        new = (b"\xef\xbb\xbf" if self.bom else b"") + body.encode("utf-8")
        atomic_write(self.path, new, expect_unchanged=self.raw)
        self.raw = new


def set_key(mapping: Any, key: str, value: Any) -> None:
    """Set ``key`` in a round-trip mapping. A new key goes last, and the comment lines that followed the
    old last key (in ruamel's model they belong to it, though they head what comes next) move behind it."""
    if key in mapping or not len(mapping):
        mapping[key] = value
        return
    last = list(mapping)[-1]
    token = mapping.ca.items.pop(last, None) if hasattr(mapping, "ca") else None
    mapping[key] = value
    if token is None:
        return
    inner = _last_block(value)
    after = token[2] if isinstance(token, list) and len(token) > 2 else None
    if inner is not None and after is not None and not any(token[:2]) and not any(token[3:]):
        # after the whole new block, not between its key and its first line
        items: dict[Any, Any] = inner.ca.items
        if isinstance(inner, list):
            items[len(inner) - 1] = [after, None]
        else:
            items[list(inner)[-1]] = [None, None, after, None]
    else:
        mapping.ca.items[key] = token


def _last_block(value: Any) -> Any:
    """The innermost block-style collection that a value written in block style ends with, or None for a
    scalar or a flow-style collection (a comment after those stays with their key)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found = None
    while isinstance(value, CommentedMap | CommentedSeq) and len(value) and not value.fa.flow_style():
        found = value
        value = value[list(value)[-1]] if isinstance(value, CommentedMap) else value[-1]
    return found
