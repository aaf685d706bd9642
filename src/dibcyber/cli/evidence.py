"""``dibcyber evidence lock|check|index``."""


import sys
from pathlib import Path
from typing import Annotated

import typer

from dibcyber import i18n
from dibcyber.cli.base import (
    LangOpt,
    OutputFormat,
    emit,
    evidence_app,
    locale_lang,
    report_error,
    say,
    user_lang,
)
from dibcyber.errors import DibcyberError, ExitCode


@evidence_app.command("lock")
def evidence_lock(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS")],
    lock_file: Annotated[bool, typer.Option("--lock-file", help="Write ANSWERS.evidence-lock.yaml beside the "
                         "answers instead of adding sha256/size to them.")] = False,
) -> None:
    """Record the SHA-256 and size of every cited evidence file."""
    from dibcyber.app import evidence as ev

    entries, files = ev.lock(answers, to_lock_file=lock_file)
    target = ev.lock_path(answers) if lock_file else answers
    say(i18n.text("locked", locale_lang(), entries=entries, files=files, path=target))


@evidence_app.command("check")
def evidence_check(
    answers: Annotated[list[Path], typer.Argument(metavar="ANSWERS...", help="Answers files (the exit code is "
                       "the worst of them).")],
    max_age: Annotated[int | None, typer.Option("--max-age", min=1, help="Days; older evidence is a problem.",
                       show_default=False)] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    lang: LangOpt = None,
) -> None:
    """Report missing, changed, expired, too old or escaping evidence; exit 1 when there is any."""
    import datetime as dt

    from dibcyber.app import evidence as ev
    from dibcyber.app import pipeline
    from dibcyber.cli import terminal

    reports, worst = [], int(ExitCode.OK)
    for a in answers:
        try:
            loaded = pipeline.load_answers(a)
            reports.append(ev.check(loaded.answers, a, dt.date.today(), max_age, text=loaded.text))
        except DibcyberError as e:
            if len(answers) == 1:
                raise
            report_error(e, user_lang(lang))  # one broken file hides no other's results
            worst = max(worst, int(e.exit_code))
    for report in reports:
        if fmt is OutputFormat.table:
            terminal.evidence_table(report, user_lang(lang))
    if fmt is not OutputFormat.table and reports:
        docs = [r.model_dump(mode="json") for r in reports]
        emit(docs[0] if len(answers) == 1 else docs, fmt)
    if any(r.problems for r in reports):
        worst = max(worst, int(ExitCode.FINDINGS))
    if worst:
        raise typer.Exit(worst)


@evidence_app.command("index")
def evidence_index(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv | json | md")] = "csv",
) -> None:
    """Export the evidence index (requirement, file or URL, hash, size, expiry) for reports."""
    import datetime as dt

    from dibcyber.app import evidence as ev
    from dibcyber.app import pipeline
    from dibcyber.errors import Msg, UsageError
    from dibcyber.report import evidence_index

    if fmt not in ("csv", "json", "md"):
        raise UsageError(Msg("cli.unknown_format", format=fmt), hint=Msg("cli.evidence_format.hint"))
    loaded = pipeline.load_answers(answers)
    index = ev.index(loaded.answers, answers, dt.date.today(), text=loaded.text)
    if fmt == "json":
        emit(index.model_dump(mode="json"), OutputFormat.json)  # schema: evidence-index
    else:
        sys.stdout.write(evidence_index.render(index, fmt))

