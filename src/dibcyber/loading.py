"""YAML files to models. Every problem of a file is collected and reported together, located by
file, line, column and dotted path, with a hint where one helps."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dibcyber.errors import InvalidInputError, Problem
from dibcyber.yamlio import Locator, PathPart, dotted

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


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[PathPart, ...]:
    # pydantic adds the validator kind ('function-after[...]') or union member names in some locs.
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p and "]" in p and "(" not in p)))


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


def _problem(
    err: ErrorDetails, loc: tuple[PathPart, ...], root: type[BaseModel], locator: Locator, skip: int
) -> Problem:
    kind = err["type"]
    line, col = locator.position(loc)
    path = dotted(loc) or None
    hint: str | None = None
    message = err["msg"]
    inner = loc[skip:]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(root, inner[:-1])
        allowed = _expected_fields(model) if model else []
        message = f"unknown key '{key}'"
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif allowed:
            hint = "allowed keys here: " + ", ".join(allowed)
    elif kind == "missing":
        message = f"missing required key '{loc[-1]}'"
        model = _model_at(root, inner[:-1])
        if model:
            required = [n for n, f in model.model_fields.items() if f.is_required()]
            hint = "required keys here: " + ", ".join(required)
    elif kind == "string_type" and isinstance(err.get("input"), int | float) and not isinstance(
        err.get("input"), bool
    ):
        message = f"expected text, got the number {err['input']!r}"
        hint = "put it in quotes exactly as you mean it, e.g. \"3.10\" or \"01\" (unquoted, YAML reads 3.10 as " \
               "the number 3.1 and 01 as 1)"
    elif kind == "literal_error":
        message = f"{err['msg']}, got {err.get('input')!r}"
    elif kind.startswith(("date_", "datetime_")):
        message = f"expected a date, got {err.get('input')!r}"
        hint = "write dates as YYYY-MM-DD, e.g. 2027-03-31"
    elif kind.startswith("value_error"):
        message = message.removeprefix("Value error, ")
    return Problem(message=message, file=locator.name, line=line, column=col, path=path, hint=hint)


def located(locator: Locator, loc: Sequence[PathPart], message: str, hint: str | None = None) -> Problem:
    line, col = locator.position(loc)
    return Problem(message, file=locator.name, line=line, column=col, path=dotted(loc) or None, hint=hint)


def validate_data(data: Any, model: type[M], text: str, name: str) -> M:
    """Validate parsed YAML data into ``model`` or raise one error listing every problem."""
    if not isinstance(data, dict):
        what = "an empty file" if data is None else f"a {type(data).__name__}"
        raise InvalidInputError(Problem(f"expected a YAML mapping at the top level, found {what}", file=name))
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise InvalidInputError(problems_from_validation(e, model, Locator(text, name))) from None
