"""Editing a user's YAML file in place: ``EditableYaml`` keeps comments, key order, quoting, indentation
(``guess_indent``), line endings and a BOM, and saves atomically; ``set_key`` adds a key so that the
comments around it stay where the user wrote them.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dibcyber.errors import InvalidInputError, Msg, Problem
from dibcyber.io.atomic import atomic_write
from dibcyber.io.encoding import decode_utf8, input_encoding
from dibcyber.io.safeio import read_bytes_limited
from dibcyber.io.yamlio import parse_roundtrip, roundtrip_yaml

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
