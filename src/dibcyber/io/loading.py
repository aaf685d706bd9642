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

from dibcyber.errors import InvalidInputError, Msg, PathPart, Problem, cap, dotted
from dibcyber.i18n.errors import ERRORS
from dibcyber.io.locator import Locator

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
    seen: set[tuple[str, Msg]] = set()
    for err in error.errors(include_url=False):
        loc = tuple(prefix) + _clean_loc(err["loc"])
        problem = _problem(err, loc, root, locator, len(prefix))
        key = (problem.path or "", problem.message)
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    return problems


def describe(value: Any) -> Msg:
    """A value from the user's file as a message may show it: what it is, and its text capped at 60
    characters. A mapping or list is named, never printed (an alias can expand it enormously)."""
    if value is None:
        return Msg("value.empty")
    if isinstance(value, bool):
        return Msg("value.true" if value else "value.false")
    if isinstance(value, int | float):
        return Msg("value.number", value=cap(value))
    if isinstance(value, dt.datetime):
        return Msg("value.datetime", value=cap(value))
    if isinstance(value, dt.date):
        return Msg("value.date", value=value.isoformat())
    if isinstance(value, str):
        return Msg("value.text", value=cap(value))
    capped = cap(value)
    return capped if isinstance(capped, Msg) else Msg("value.text", value=capped)


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
    "string_type": "expected.text",
    "int_type": "expected.whole_number",
    "int_parsing": "expected.whole_number",
    "int_from_float": "expected.whole_number",
    "float_type": "expected.number",
    "float_parsing": "expected.number",
    "bool_type": "expected.bool",
    "bool_parsing": "expected.bool",
    "dict_type": "expected.mapping",
    "model_type": "expected.mapping",
    "model_attributes_type": "expected.mapping",
    "list_type": "expected.list",
    "string_too_short": "expected.not_empty",
    "too_short": "expected.not_empty",
    "string_too_long": "expected.shorter",
    "too_long": "expected.fewer",
    "enum": "expected.one_of",
    "missing_argument": "expected.more",
}
"""pydantic's error types (``err['type']``) as the message ID that says what was expected; a type not
listed here falls back to ``validation.other``, which quotes pydantic's own text."""

_BOUNDS = {"greater_than_equal": "expected.at_least", "greater_than": "expected.more_than",
           "less_than_equal": "expected.at_most", "less_than": "expected.less_than"}


def _either(expected: str) -> Any:
    """pydantic's "'a', 'b' or 'c'" as a list the message renders in the user's language."""
    items = re.findall(r"'[^']*'", expected)
    if len(items) < 2 or f"{', '.join(items[:-1])} or {items[-1]}" != expected:
        return cap(expected, 200)
    return Msg("value.either", items=[cap(i) for i in items[:-1]], last=cap(items[-1]))


def _problem(
    err: ErrorDetails, loc: tuple[PathPart, ...], root: type[BaseModel], locator: Locator, skip: int
) -> Problem:
    """One pydantic error in the user's words: what was expected, what was found (capped), what to do.

    Long because it is a table in code: one branch per kind of pydantic error, each naming its message ID.

    Each error type maps to a message ID (``i18n.errors``); pydantic's own wording ('Input should be …')
    is shown only for a type dibcyber does not know, and then as pydantic's. A validator of ours raises
    ``PydanticCustomError`` whose type is a message ID and whose context holds its parameters."""
    kind = err["type"]
    line, col = locator.position(loc)
    path = dotted(loc) or None
    hint: Msg | None = None
    value = err.get("input")
    ctx = err.get("ctx") or {}
    got = describe(value)
    inner = loc[skip:]
    message: Msg
    if kind in ERRORS:  # a validator of ours: the type is the message ID, the context its parameters
        message = Msg(kind, **{k: cap(v) for k, v in ctx.items()})
        hint = Msg(kind + ".hint") if kind + ".hint" in ERRORS else None
    elif kind == "extra_forbidden":
        key = str(cap(loc[-1])) if loc else ""
        model = _model_at(root, inner[:-1])
        allowed = _expected_fields(model) if model else []
        message = Msg("validation.unknown_key", key=key)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            hint = Msg("hint.did_you_mean", word=close[0])
        elif allowed:
            hint = Msg("validation.allowed_keys.hint", keys=allowed)
    elif kind == "missing":
        message = Msg("validation.missing_key", key=cap(loc[-1]) if loc else "")
        model = _model_at(root, inner[:-1])
        if model:
            required = [n for n, f in model.model_fields.items() if f.is_required()]
            hint = Msg("validation.required_keys.hint", keys=required)
    elif kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        message = Msg("validation.number_for_text", value=repr(value))
        hint = Msg("validation.number_for_text.hint")
    elif kind == "literal_error":
        message = Msg("validation.one_of", expected=_either(str(ctx.get("expected", "?"))), got=got)
        word = _JAPANESE_WORDS.get(value.strip()) if isinstance(value, str) else None
        if word:
            hint = Msg("validation.english_word.hint", word=word)
    elif kind.startswith(("date_", "datetime_")):
        message = Msg("validation.date_without_time" if isinstance(value, dt.datetime) else "validation.date",
                      got=got)
        hint = Msg("date.format.hint", example="2027-03-31")
        if isinstance(value, str):  # the same reader as prompts and workbooks: say what it would be
            from dibcyber.dates import DateError, parse_date

            try:
                hint = Msg("date.format.hint", example=parse_date(value).isoformat())
            except DateError as e:
                if e.msg.id != "date.not_a_date":  # a reason more exact than the format: say it
                    hint = Msg("date.reason.hint", reason=e.reason)
    elif kind.startswith("value_error") or kind == "assertion_error":
        text = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        message = Msg("validation.other", detail=cap(text, 200))
    elif kind == "string_pattern_mismatch":
        message = Msg("validation.pattern", got=got)
        if loc and loc[-1] == "sha256":
            hint = Msg("validation.sha256.hint")
    elif kind in _BOUNDS:
        message = Msg("validation.bound", bound=Msg(_BOUNDS[kind], limit=next(iter(ctx.values()), "")), got=got)
    elif kind in _EXPECTED:
        params = {"max_length": ctx.get("max_length", "?")} if "too_long" in kind else (
            {"expected": cap(ctx.get("expected", "?"), 200)} if kind == "enum" else {})
        message = Msg("validation.expected", expected=Msg(_EXPECTED[kind], **params), got=got)
    else:
        message = Msg("validation.other_got", detail=cap(err["msg"], 200), got=got)
    return Problem(message=message, file=locator.name, line=line, column=col, path=path, hint=hint)


def located(locator: Locator, loc: Sequence[PathPart], message: Msg, hint: Msg | None = None) -> Problem:
    line, col = locator.position(loc)
    return Problem(message, file=locator.name, line=line, column=col, path=dotted(loc) or None, hint=hint)


def validate_data(data: Any, model: type[M], text: str, name: str) -> M:
    """Validate parsed YAML data into ``model`` or raise one error listing every problem."""
    if not isinstance(data, dict):
        what = Msg("value.empty_file") if data is None else describe(data)
        raise InvalidInputError(Problem(Msg("validation.top_level", found=what), file=name))
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise InvalidInputError(problems_from_validation(e, model, Locator(text, name))) from None
