"""``dibcyber portfolio``: many suppliers in one table."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dibcyber import i18n
from dibcyber.cli.base import (
    LangOpt,
    PathOpt,
    State,
    app,
    check_output,
    note,
    pick_lang,
)
from dibcyber.errors import ExitCode


class PortfolioFormat(StrEnum):
    table = "table"
    html = "html"
    pdf = "pdf"
    md = "md"
    xlsx = "xlsx"
    json = "json"


@app.command()
def portfolio(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Answers files or workbooks, folders "
                     "(searched recursively) or glob patterns; one file is one supplier or system.")],
    output: Annotated[str, typer.Option("--output", "-o", help="File to write; '-' for standard output.")] = "-",
    fmt: Annotated[PortfolioFormat | None, typer.Option("--format", "-f", help="table | html | pdf | md | xlsx | "
                   "json; default: from the output file's suffix, else table.", show_default=False)] = None,
    lang: LangOpt = None,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Score every supplier with this profile "
                       "(e.g. cmmc-l2) instead of each file's own.", show_default=False)] = None,
    group_by: Annotated[str | None, typer.Option("--group-by", metavar="TAG", help="Group by this tag of the "
                        "organisation block (tier, business_unit, …; 'prime' for the prime).",
                        show_default=False)] = None,
    stale: Annotated[int | None, typer.Option("--stale", metavar="DAYS", min=0, help="Flag assessments older "
                     "than this many days before the as-of date.", show_default=False)] = None,
    min_conformance: Annotated[float | None, typer.Option("--min-conformance", metavar="RATIO", min=0.0, max=1.0,
                               help="Flag suppliers below this conformance ratio and exit 1 when any is.",
                               show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help="Judge overdue and stale "
                     "against this date (default: the newest assessment date, never the clock).",
                     show_default=False)] = None,
    baseline: Annotated[str | None, typer.Option("--baseline", metavar="FILE|git:REF", help="A previous "
                        "portfolio JSON, or git:REF for the -o file at a revision (git:REF:PATH for another); "
                        "suppliers whose score fell are flagged and exit 1.", show_default=False)] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-j", min=1, help="Processes to use (default: "
                       "every core).", show_default=False)] = None,
    font: Annotated[Path | None, typer.Option("--font", help="Japanese font file for PDF output.",
                    show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing -o file.")] = False,
    path: PathOpt = None,
) -> None:
    """One view of many suppliers: conformance, SPRS, CMMC, overdue items, a heat map, common gaps."""
    import datetime as dt

    from dibcyber.app import batch
    from dibcyber.engine import portfolio as pf
    from dibcyber.errors import InvalidInputError, Msg, Problem, UsageError
    from dibcyber.io.yamlio import atomic_write
    from dibcyber.report import portfolio_view

    State.paths += path or []
    suffix = Path(output).suffix.lower()
    by_suffix = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".xlsx": "xlsx", ".json": "json"}
    chosen = fmt.value if fmt else by_suffix.get(suffix, "table") if output != "-" else "table"
    if output != "-" and fmt is None and suffix not in by_suffix:
        raise UsageError(Msg("cli.format_unknown", name=output), hint=Msg("cli.portfolio_format.hint"))
    if chosen in ("pdf", "xlsx", "docx") and output == "-":
        raise UsageError(Msg("cli.binary_stdout", kind=chosen.upper()),
                         hint=Msg("cli.name_a_file.hint", name=f"portfolio.{chosen}"))
    if chosen == "table" and output != "-":
        raise UsageError(Msg("cli.table_terminal"), hint=Msg("cli.table_terminal.hint"))
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(Msg("cli.as_of_not_date", value=as_of), hint=Msg("cli.as_of_not_date.hint")) from None
    files, missing = batch.discover(paths)
    if output != "-":
        check_output(Path(output), list(files), "-o")
        if (Path(output).exists() or Path(output).is_symlink()) and not force:
            from dibcyber.errors import Msg, WriteRefusedError

            raise WriteRefusedError(Msg("write.exists", path=output), hint=Msg("write.use_force.hint"))
    prior = None
    if baseline is not None:
        prior = _portfolio_baseline(baseline, Path(output) if output != "-" else None)
    from functools import partial

    progress = batch.Progress("portfolio", len(files))
    rows, errors, titles = [], list(missing), pf.Titles()
    try:
        for outcome in batch.run(partial(batch.portfolio_row, profile=profile), files,
                                 workers=workers or batch.default_workers(), paths=State.paths, progress=progress):
            if outcome.error is not None:
                errors.append(outcome.error)
            else:
                rows.append(titles.take(outcome.value))  # one copy of each title, not one per supplier
    finally:
        progress.close()
    language = pick_lang(lang)
    doc = pf.build(rows, errors, language=language, as_of=day, group_by=group_by, stale_days=stale,
                   min_conformance=min_conformance, baseline=prior, baseline_name=baseline, titles=titles)
    if chosen == "table":
        portfolio_view.table(doc, language)
    else:
        data = portfolio_view.render(doc, chosen, language, font=font)
        if output == "-":
            sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        else:
            atomic_write(Path(output), data)
            note(i18n.text("wrote_portfolio", language, path=output, read=doc.files_read, failed=len(doc.unreadable)))
    if doc.unreadable:
        for u in doc.unreadable:
            first = u.problems[0]
            note(f"dibcyber: error: {first.location or u.file}: {first.message}")
        raise InvalidInputError(Problem(Msg("portfolio.unreadable", count=len(doc.unreadable),
                                            total=len(doc.unreadable) + doc.files_read)))
    for file in doc.baseline_ambiguous:
        note(f"dibcyber: {file}: matches more than one supplier of the baseline (or shares one with "
              "another file); not compared")
    if doc.below or doc.fell or doc.baseline_ambiguous:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _portfolio_baseline(spec: str, output: Path | None) -> Any:
    """A previous portfolio JSON: a file, or ``git:REF[:PATH]`` (PATH defaults to the -o file)."""
    from pydantic import ValidationError

    from dibcyber.errors import InvalidInputError, Msg, Problem
    from dibcyber.io import gitio
    from dibcyber.io.loading import problems_from_validation
    from dibcyber.io.yamlio import Locator, read_text
    from dibcyber.models.portfolio import Portfolio

    if spec.startswith("git:"):
        ref, _, file = spec[4:].partition(":")
        target = Path(file) if file else output
        if target is None:
            raise InvalidInputError(Problem(Msg("git.names_no_file", spec=spec),
                                            hint=Msg("portfolio.names_no_file.hint")))
        text, name = gitio.show(target, ref), spec
    else:
        text, name = read_text(Path(spec)), spec
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise InvalidInputError(Problem(Msg("portfolio.not_json", reason=str(e)), file=name,
                                        hint=Msg("portfolio.not_json.hint"))) from None
    try:
        return Portfolio.model_validate(data)
    except ValidationError as e:
        raise InvalidInputError(problems_from_validation(e, Portfolio, Locator("", name))) from None
