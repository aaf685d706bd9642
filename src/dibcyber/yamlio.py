"""Reading YAML safely and fast, locating nodes for error messages, writing files atomically.

Parsing uses ruamel.yaml's safe loader (its C parser when installed). Line and column numbers are only
needed when something is wrong, so the slower round-trip parser that keeps them runs on the error path
alone (``Locator``). Loaders are built per call: no shared, mutated YAML objects.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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

from dibcyber.errors import InvalidInputError, Problem, WriteRefusedError

PathPart = str | int


def read_text(path: Path) -> str:
    """Read a file as UTF-8. Anything else is an input error that says what the file looks like."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInputError(Problem("file not found", file=str(path))) from None
    except IsADirectoryError:
        raise InvalidInputError(Problem("is a directory, expected a YAML file", file=str(path))) from None
    except OSError as e:
        raise InvalidInputError(Problem(f"cannot read: {e.strerror}", file=str(path))) from e
    return decode_utf8(data, str(path))


def decode_utf8(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        guess = guess_encoding(data)
        hint = "save the file as UTF-8"
        if guess:
            hint = (
                f"the file looks like {guess[0]}; convert it with "
                f"`iconv -f {guess[1]} -t UTF-8 {name} > converted.yaml` or save it as UTF-8 in your editor"
            )
        raise InvalidInputError(
            Problem(
                f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})",
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
    yaml = YAML(typ="safe")
    yaml.allow_duplicate_keys = False
    yaml.Resolver = _FastResolver
    return yaml


def _yaml_error_problem(e: YAMLError, name: str) -> Problem:
    if isinstance(e, MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        what = " ".join(x for x in (e.context, e.problem) if x) or str(e)
        if "duplicate key" in what:
            m = re.search(r'duplicate key "([^"]*)"', what)
            what = f"duplicate key '{m.group(1)}'" if m else "duplicate key"
            hint = "each key may appear only once in a mapping; remove or rename one of them"
        else:
            hint = "check indentation, a missing ':' or an unclosed quote near this place"
        if mark is not None:
            return Problem(f"YAML syntax: {what}", file=name, line=mark.line + 1, column=mark.column + 1, hint=hint)
        return Problem(f"YAML syntax: {what}", file=name, hint=hint)
    return Problem(f"YAML syntax: {e}", file=name)


_TIMESTAMP = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.:-])")


def _bad_dates(text: str, name: str) -> list[Problem]:
    """YAML reads 2026-11-31 as a date and fails; find every such value with its position."""
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        code = line.split(" #", 1)[0]
        for m in _TIMESTAMP.finditer(code):
            try:
                dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError as e:
                problems.append(Problem(f"'{m.group(0)}' is not a valid date ({e})", file=name, line=n,
                                        column=m.start() + 1, hint="write dates as YYYY-MM-DD, e.g. 2027-03-31"))
    return problems


def parse(text: str, name: str) -> Any:
    """Parse one YAML document to plain Python data (dict, list, str, int, float, bool, date)."""
    try:
        return _safe_yaml().load(text)
    except YAMLError as e:
        raise InvalidInputError(_yaml_error_problem(e, name)) from None
    except (ValueError, OverflowError) as e:  # a scalar YAML recognises but cannot build, e.g. 2026-02-30
        raise InvalidInputError(_bad_dates(text, name) or [Problem(f"invalid value: {e}", file=name)]) from None


def parse_roundtrip(text: str, name: str) -> Any:
    """Parse keeping comments, order and positions, for editing a user's file in place."""
    yaml = roundtrip_yaml()
    try:
        return yaml.load(text)
    except YAMLError as e:
        raise InvalidInputError(_yaml_error_problem(e, name)) from None


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


class Locator:
    """Finds the line and column of a dotted path in a YAML text, parsing it lazily with positions."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._root: Any = None
        self._parsed = False

    def _tree(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                self._root = YAML(typ="rt").load(self.text)
            except YAMLError:
                self._root = None
        return self._root

    def position(self, path: Sequence[PathPart]) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest node of ``path`` that exists."""
        node = self._tree()
        best: tuple[int | None, int | None] = (None, None)
        if node is None:
            return best
        if hasattr(node, "lc"):
            best = (node.lc.line + 1, node.lc.col + 1)
        for part in path:
            lc = getattr(node, "lc", None)
            try:
                if isinstance(node, dict) and part in node:
                    if lc is not None:
                        line, col = lc.key(part)
                        best = (line + 1, col + 1)
                    node = node[part]
                elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                    if lc is not None:
                        line, col = lc.item(part)
                        best = (line + 1, col + 1)
                    node = node[part]
                else:
                    break
            except (KeyError, IndexError, TypeError):
                break
        return best


def dotted(path: Sequence[PathPart]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _default_mode() -> int:
    """The mode a new file would get from open(): 0666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: str | bytes, *, expect_unchanged: bytes | None = None) -> None:
    """Write ``data`` to ``path`` so that the file is always either the old or the new version.

    With ``expect_unchanged``, refuse to write when the file on disk no longer holds those bytes
    (someone else changed it since we read it).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    if expect_unchanged is not None:
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != expect_unchanged:
            raise WriteRefusedError(
                f"{path} changed on disk since dibcyber read it; not overwriting",
                hint="run the command again to start from the file as it is now",
            )
    if path.is_symlink():
        path = path.resolve()  # write through the link: the real file gets the new content
    if path.is_dir():
        raise WriteRefusedError(f"{path} is a folder; give a file name")
    directory = path.parent if str(path.parent) else Path()
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise WriteRefusedError(f"cannot write {path}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except OSError as e:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise WriteRefusedError(f"cannot write {path}: {e.strerror}") from e
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
    def open(cls, path: Path) -> EditableYaml:
        raw = path.read_bytes()
        text = decode_utf8(raw, str(path))
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
    if token is not None:
        mapping.ca.items[key] = token
