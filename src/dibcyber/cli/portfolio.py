"""``dibcyber portfolio``: many suppliers in one table."""


import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dibcyber import i18n
from dibcyber.cli.base import (
    LangOpt,
    PathOpt,
    State,
    app,
    error,
    note,
    pick_lang,
    user_lang,
)
from dibcyber.cli.progress import Progress
from dibcyber.errors import ExitCode
from dibcyber.io.outputs import choose_format, vet_output


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
    from dibcyber.app import portfolio as portfolios
    from dibcyber.errors import InvalidInputError, Msg, Problem, UsageError
    from dibcyber.io.atomic import atomic_write
    from dibcyber.report import portfolio_view

    State.paths += path or []
    chosen = choose_format(output, fmt.value if fmt else None, ["html", "pdf", "md", "xlsx", "json"],
                           on_stdout="table", example="portfolio")
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
        vet_output(Path(output), files, force=force)
    language = pick_lang(lang)
    progress = Progress("portfolio", len(files), user_lang(lang))
    try:
        doc = portfolios.run(portfolios.Request(
            files=files, missing=missing, profile=profile, as_of=day, group_by=group_by, stale_days=stale,
            min_conformance=min_conformance, baseline=baseline, output=Path(output) if output != "-" else None,
            workers=workers, language=language), State.paths, progress)
    finally:
        progress.close()
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
            error(f"{first.location or u.file}: {first.say(user_lang(lang))}", user_lang(lang))
        raise InvalidInputError(Problem(Msg("portfolio.unreadable", count=len(doc.unreadable),
                                            total=len(doc.unreadable) + doc.files_read)))
    for file in doc.baseline_ambiguous:
        note(i18n.text("baseline_ambiguous", language, file=file))
    if doc.below or doc.fell or doc.baseline_ambiguous:
        raise typer.Exit(int(ExitCode.FINDINGS))
