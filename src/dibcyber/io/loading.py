"""YAML files to models. Every problem of a file is collected and reported together, located by
file, line, column and dotted path, with a hint where one helps."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dibcyber.errors import InvalidInputError, PathPart, Problem, cap, dotted
from dibcyber.io.yamlio import Locator

M = TypeVar("M", bound=BaseModel)


def _unwrap(tp: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated/list/dict annotations."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _model_at(root: type[BaseModel], loc: Sequence[PathPart]) -> type[BaseModel] | None:
    """The model class that sits at ``loc`` inside ``root``, if the path leads through models."""
    current: Any = root
    for part in loc:
        candidates = _unwrap(current)
        nxt: Any = None
        for cand in candidates:
            origin = typing.get_origin(cand)
            if isinstance(part, int) and origin in (list, tuple):
                nxt = typing.get_args(cand)[0]
            elif isinstance(part, str) and origin is dict:
                nxt = typing.get_args(cand)[1]
            elif isinstance(part, str) and isinstance(cand, type) and issubclass(cand, BaseModel):
                field = cand.model_fields.get(part)
                if field is not None:
                    nxt = field.annotation
            if nxt is not None:
                break
        if nxt is None:
            return None
        current = nxt
    for cand in _unwrap(current):
        if isinstance(cand, type) and issubclass(cand, BaseModel):
            return cand
    return None


def _expected_fields(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


_VALIDATOR_PART = re.compile(
    r"^(?:\[key\]|(?:function-(?:after|before|wrap|plain)|nullable|tagged-union|union|lax-or-strict|"
    r"json-or-python|chain|default|definition-ref|constrained-[a-z]+|literal)\[.*\])$", re.DOTALL)


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[PathPart, ...]:
    """The path through the user's data: without the parts pydantic adds for validators, union members and
    dictionary keys ('function-after[...]', '[key]'). A user's key is never taken for one of those."""
    return tuple(p for p in loc if not (isinstance(p, str) and _VALIDATOR_PART.match(p)))


def problems_from_validation(
    error: ValidationError, root: type[BaseModel], locator: Locator, prefix: Sequence[PathPart] = ()
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in error.errors(include_url=False):
        loc = tuple(prefix) + _clean_loc(err["loc"])
        problem = _problem(err, loc, root, locator, len(prefix))
        key = (problem.path or "", problem.message)
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    return problems


def describe(value: Any) -> str:
    """A value from the user's file as a message may show it: what it is, and its text capped at 60
    characters. A mapping or list is named, never printed (an alias can expand it enormously)."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {cap(value)}"
    if isinstance(value, dt.datetime):
        return f"a date and time '{cap(value)}'"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"'{cap(value)}'"
    return cap(value)


_JAPANESE_WORDS = {
    "実施済み": "implemented", "実施済": "implemented", "実装済み": "implemented", "実装済": "implemented",
    "一部実施": "partially_implemented", "一部実装": "partially_implemented", "部分的に実施": "partially_implemented",
    "計画中": "planned", "予定": "planned", "未実施": "not_implemented", "未実装": "not_implemented",
    "該当なし": "not_applicable", "対象外": "not_applicable", "適用外": "not_applicable",
    "適合": "met", "不適合": "not_met",
}
"""Japanese words for statuses and findings: not accepted (the file format has one spelling for each,
so files compare and diff cleanly), but the message names the word to write."""

_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "dict_type": "expected a mapping (indented 'key: value' lines)",
    "model_type": "expected a mapping (indented 'key: value' lines)",
    "model_attributes_type": "expected a mapping (indented 'key: value' lines)",
    "list_type": "expected a list (lines starting with '- ')",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
}


def _problem(
    err: ErrorDetails, loc: tuple[PathPart, ...], root: type[BaseModel], locator: Locator, skip: int
) -> Problem:
    """One pydantic error in the user's words: what was expected, what was found (capped), what to do.

    Messages are English: dibcyber has no message catalogue for its errors yet (the --lang option
    chooses the language of reports). pydantic's own wording ('Input should be …') is never shown."""
    kind = err["type"]
    line, col = locator.position(loc)
    path = dotted(loc) or None
    hint: str | None = None
    value = err.get("input")
    ctx = err.get("ctx") or {}
    message = err["msg"]
    inner = loc[skip:]
    if kind == "extra_forbidden":
        key = cap(loc[-1]) if loc else ""
        model = _model_at(root, inner[:-1])
        allowed = _expected_fields(model) if model else []
        message = f"unknown key '{key}'"
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif allowed:
            hint = "allowed keys here: " + ", ".join(allowed)
    elif kind == "missing":
        message = f"missing required key '{cap(loc[-1]) if loc else ''}'"
        model = _model_at(root, inner[:-1])
        if model:
            required = [n for n, f in model.model_fields.items() if f.is_required()]
            hint = "required keys here: " + ", ".join(required)
    elif kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        message = f"expected text, got the number {value!r}"
        hint = "put it in quotes exactly as you mean it, e.g. \"3.10\" or \"01\" (unquoted, YAML reads 3.10 as " \
               "the number 3.1 and 01 as 1)"
    elif kind == "literal_error":
        message = f"expected {ctx.get('expected', 'another value')}, got {describe(value)}"
        word = _JAPANESE_WORDS.get(value.strip()) if isinstance(value, str) else None
        if word:
            hint = f"write '{word}' (the file format uses the English words; reports show them in Japanese)"
    elif kind.startswith(("date_", "datetime_")):
        if isinstance(value, dt.datetime):
            message = f"expected a date without a time, got {describe(value)}"
        else:
            message = f"expected a date, got {describe(value)}"
        hint = "write dates as YYYY-MM-DD, e.g. 2027-03-31"
        if isinstance(value, str):  # the same reader as prompts and workbooks: say what it would be
            from dibcyber.dates import DateError, parse_date

            try:
                hint = f"write dates as YYYY-MM-DD, e.g. {parse_date(value).isoformat()}"
            except DateError as e:
                if "is not a date" not in e.en:  # a reason more exact than the format: say it
                    hint = f"{e.en.split(': ', 1)[-1]}; write dates as YYYY-MM-DD"
    elif kind.startswith("value_error") or kind == "assertion_error":
        message = cap(message.removeprefix("Value error, ").removeprefix("Assertion failed, "), 200)
    elif kind == "string_pattern_mismatch":
        message = f"does not have the expected form, got {describe(value)}"
        if loc and loc[-1] == "sha256":
            hint = "a SHA-256 is 64 lowercase hexadecimal digits; 'dibcyber evidence lock' writes it for you"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most",
                 "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "")
        message = f"must be {bound} {limit}, got {describe(value)}"
    elif kind in _EXPECTED:
        message = f"{_EXPECTED[kind]}, got {describe(value)}"
    else:
        message = cap(message.replace("Input should be", "expected"), 200) + f", got {describe(value)}"
    return Problem(message=message, file=locator.name, line=line, column=col, path=path, hint=hint)


def located(locator: Locator, loc: Sequence[PathPart], message: str, hint: str | None = None) -> Problem:
    line, col = locator.position(loc)
    return Problem(message, file=locator.name, line=line, column=col, path=dotted(loc) or None, hint=hint)


def validate_data(data: Any, model: type[M], text: str, name: str) -> M:
    """Validate parsed YAML data into ``model`` or raise one error listing every problem."""
    if not isinstance(data, dict):
        what = "an empty file" if data is None else describe(data)
        raise InvalidInputError(Problem(f"expected a YAML mapping at the top level, found {what}", file=name))
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise InvalidInputError(problems_from_validation(e, model, Locator(text, name))) from None
