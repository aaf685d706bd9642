"""``dibcyber portfolio`` as a use case: score many suppliers' files in parallel and build one portfolio."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pydantic import ValidationError

from dibcyber.app import batch
from dibcyber.engine import portfolio as pf
from dibcyber.errors import InvalidInputError, Msg, Problem
from dibcyber.io import gitio
from dibcyber.io.encoding import read_text
from dibcyber.io.loading import problems_from_validation
from dibcyber.io.locator import Locator
from dibcyber.models.base import Lang
from dibcyber.models.portfolio import Portfolio, Unreadable


@dataclass(frozen=True)
class Request:
    files: list[Path]
    missing: list[Unreadable]
    """Patterns and paths that named no file, reported as unreadable."""
    profile: str | None
    as_of: dt.date | None
    group_by: str | None
    stale_days: int | None
    min_conformance: float | None
    baseline: str | None
    """A previous portfolio JSON, or git:REF[:PATH]."""
    output: Path | None
    """The -o file (the default PATH of git:REF)."""
    workers: int | None
    language: Lang


def run(request: Request, search_paths: list[Path], progress: batch.ProgressFn | None = None) -> Portfolio:
    """Score every file (``progress`` is told after each) and build the portfolio."""
    prior = load_baseline(request.baseline, request.output) if request.baseline is not None else None
    rows, errors, titles = [], list(request.missing), pf.Titles()
    for outcome in batch.run(partial(batch.portfolio_row, profile=request.profile), request.files,
                             workers=request.workers or batch.default_workers(), paths=search_paths,
                             progress=progress):
        if outcome.error is not None:
            errors.append(outcome.error)
        else:
            rows.append(titles.take(outcome.value))  # one copy of each title, not one per supplier
    return pf.build(rows, errors, language=request.language, as_of=request.as_of, group_by=request.group_by,
                    stale_days=request.stale_days, min_conformance=request.min_conformance, baseline=prior,
                    baseline_name=request.baseline, titles=titles)


def load_baseline(spec: str, output: Path | None) -> Portfolio:
    """A previous portfolio JSON: a file, or ``git:REF[:PATH]`` (PATH defaults to the -o file)."""
    if spec.startswith("git:"):
        ref, _, file = spec[4:].partition(":")
        target = Path(file) if file else output
        if target is None:
            raise InvalidInputError(Problem(Msg("git.names_no_file", spec=spec),
                                            hint=Msg("portfolio.names_no_file.hint")))
        text, name = gitio.show(target, ref), spec
    else:
        text, name = read_text(Path(spec)), spec
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise InvalidInputError(Problem(Msg("portfolio.not_json", reason=str(e)), file=name,
                                        hint=Msg("portfolio.not_json.hint"))) from None
    try:
        return Portfolio.model_validate(data)
    except ValidationError as e:
        raise InvalidInputError(problems_from_validation(e, Portfolio, Locator("", name))) from None
