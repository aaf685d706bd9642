"""Reading YAML safely and fast: the checks before parsing (characters, depth, aliases, dates), the safe
and round-trip parsers, the round-trip dumper, and the messages for a YAML text that cannot be read.

Parsing uses ruamel.yaml's safe loader (its C parser when installed). Line and column numbers are only
needed when something is wrong, so the slower round-trip parser that keeps them runs on the error path
alone (``Locator``, in locator.py). Loaders are built per call: no shared, mutated YAML objects.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from dibcyber.errors import InvalidInputError, Msg, Problem, cap
from dibcyber.io.safeio import limits


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
