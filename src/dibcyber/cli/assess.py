"""``dibcyber assess`` and ``report``: score answers and render reports."""


import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dibcyber import i18n
from dibcyber.cli.base import (
    LangOpt,
    LangOption,
    OutputFormat,
    PathOpt,
    State,
    app,
    check_output,
    emit,
    locale_lang,
    note,
    pick_lang,
    registry,
    user_lang,
)
from dibcyber.cli.progress import Progress
from dibcyber.errors import ExitCode
from dibcyber.io.outputs import choose_format

# --- assess ------------------------------------------------------------------------------------


@app.command()
def assess(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="The answers YAML file.")],
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Score with this profile instead of "
                       "the one the file names (ID or path).", show_default=False)] = None,
    path: PathOpt = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table: a summary for people; "
                   "json|yaml: the result document (dibcyber/result@1).")] = OutputFormat.table,
    lang: LangOpt = None,
    top: Annotated[int, typer.Option("--top", help="How many gaps and warnings the summary lists.")] = 10,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Answer unanswered requirements one "
                           "by one; every answer is saved at once.")] = False,
    revisit: Annotated[bool, typer.Option("--all", help="With --interactive: visit answered requirements "
                       "too.")] = False,
    family: Annotated[list[str] | None, typer.Option("--family", metavar="FAMILY",
                                                     help="With --interactive: only this family "
                      "(ID or abbreviation); repeatable.", show_default=False)] = None,
    also: Annotated[list[str] | None, typer.Option("--also", metavar="PROFILE",
                                                   help="Score the same answers by this profile too "
                    "(e.g. cmmc-l2 for an ATLA assessment); repeatable.", show_default=False)] = None,
) -> None:
    """Validate an answers file, score it and print a summary (or the result document)."""
    from dibcyber.app import pipeline
    from dibcyber.errors import Msg, UsageError

    State.paths += path or []
    explicit = pick_lang(lang) if lang else None
    if interactive:
        from dibcyber.cli.interactive import Session

        Session(answers, registry(), lang=explicit, profile=profile, revisit=revisit,
                families=tuple(family or []), default_lang=locale_lang()).run()
        return
    if family:
        raise UsageError(Msg("cli.family_needs_interactive"), hint=Msg("cli.family_needs_interactive.hint"))
    reg = registry()
    result = pipeline.assess(reg, answers, profile=profile, lang=explicit, default_lang=locale_lang())
    extra = [pipeline.assess(reg, answers, profile=p, lang=result.language) for p in also or []]
    if fmt is OutputFormat.table:
        from dibcyber.cli import terminal

        for r in (result, *extra):
            terminal.assessment_summary(r, result.language, top=top)
    else:
        doc = result.model_dump(mode="json")
        if extra:
            doc["also"] = [r.model_dump(mode="json") for r in extra]
        emit(doc, fmt)


# --- report ------------------------------------------------------------------------------------

_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml",
               ".gif": "image/gif", ".webp": "image/webp"}


class ReportKind(StrEnum):
    gap = "gap"
    plan = "plan"
    poam = "poam"
    evidence_request = "evidence-request"


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    docx = "docx"


@app.command()
def report(
    answers: Annotated[list[str], typer.Argument(metavar="ANSWERS", help="The answers YAML file (with --batch: "
                       "answers files, workbooks, folders or glob patterns).")],
    kind: Annotated[ReportKind, typer.Option("--kind", "-k", help="gap: gap analysis report; plan: system "
                    "security implementation plan; poam: plan of action and milestones; evidence-request: what to "
                    "examine, interview and test per requirement, with the evidence cited and missing.")
                    ] = ReportKind.gap,
    fmt: Annotated[ReportFormat | None, typer.Option("--format", "-f", help="html | pdf | docx | md | json | csv | "
                   "xlsx; default: from the output file's suffix, else md.", show_default=False)] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="File to write; '-' for standard output "
                      "(text formats).")] = "-",
    lang: LangOpt = None,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Score with this profile instead of "
                       "the one the file names.", show_default=False)] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="Folder whose templates and "
                         "messages/<lang>.yaml override the built-in ones.", show_default=False)] = None,
    logo: Annotated[Path | None, typer.Option("--logo", help="Logo image for the cover (PNG, JPEG, SVG).",
                    show_default=False)] = None,
    marking: Annotated[str | None, typer.Option("--marking", help="Marking on every page, e.g. 取扱注意; "
                       "default: the assessment's marking.", show_default=False)] = None,
    font: Annotated[Path | None, typer.Option("--font", help="Japanese font file for PDF output.",
                    show_default=False)] = None,
    document_number: Annotated[str | None, typer.Option("--document-number", help="Document number on the "
                               "cover; default: the answers file's document.number.", show_default=False)] = None,
    firm: Annotated[str | None, typer.Option("--firm", help="The consultant's firm that prepared the report, on "
                    "the cover; default: the answers file's document.firm.", show_default=False)] = None,
    batch_mode: Annotated[bool, typer.Option("--batch", help="One report per supplier for every answers file "
                          "under the paths given, on every core, into --out.")] = False,
    out_dir: Annotated[Path | None, typer.Option("--out", metavar="DIR", help="With --batch: the folder to "
                       "write the reports into.", show_default=False)] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-j", min=1, help="With --batch: processes to use "
                       "(default: every core).", show_default=False)] = None,
    path: PathOpt = None,
) -> None:
    """Render a gap report, implementation plan, POA&M or evidence request list as HTML, PDF, DOCX, Markdown,
    JSON, CSV or XLSX."""
    from dibcyber.app import pipeline
    from dibcyber.errors import InvalidInputError, Msg, Problem, UsageError
    from dibcyber.io.atomic import atomic_write
    from dibcyber.report import Options, render

    State.paths += path or []
    if batch_mode or out_dir is not None:
        if not (batch_mode and out_dir is not None):
            raise UsageError(Msg("cli.batch_needs_out"), hint=Msg("cli.batch_needs_out.hint"))
        if output != "-":
            raise UsageError(Msg("cli.batch_not_o"))
        if document_number is not None:
            raise UsageError(Msg("cli.batch_document_number"), hint=Msg("cli.batch_document_number.hint"))
        _report_batch(answers, out_dir, kind, fmt, lang, profile, templates, logo, marking, font, workers, firm)
        return
    if len(answers) != 1:
        raise UsageError(Msg("cli.one_answers_file", count=len(answers)), hint=Msg("cli.one_answers_file.hint"))
    answers_file = Path(answers[0])
    chosen = choose_format(output, fmt.value if fmt else None, [f.value for f in ReportFormat], on_stdout="md")
    if templates is not None and not templates.is_dir():
        raise InvalidInputError(Problem(Msg("registry.not_folder"), file=str(templates)))
    logo_bytes, logo_type = _logo(logo)
    reg = registry()
    result = pipeline.assess(reg, answers_file, profile=profile, lang=pick_lang(lang) if lang else None,
                             default_lang=locale_lang())
    if output != "-":
        check_output(Path(output), pipeline.input_files(reg, answers_file, logo, font, templates), "-o")
    options = Options(kind=kind.value, fmt=chosen, lang=result.language, marking=marking,  # type: ignore[arg-type]
                      logo=logo_bytes, logo_type=logo_type, templates=templates, font=font,
                      document_number=document_number, firm=firm)
    data = render(result, options, reg.catalog(result.catalog))
    if output == "-":
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
    else:
        atomic_write(Path(output), data)
        note(i18n.text("wrote", user_lang(lang), path=output))


def _report_batch(specs: list[str], out_dir: Path, kind: ReportKind, fmt: ReportFormat | None,
                  lang: LangOption | None, profile: str | None, templates: Path | None, logo: Path | None,
                  marking: str | None, font: Path | None, workers: int | None, firm: str | None = None) -> None:
    """Every supplier's report in one run: failures isolated, names that cannot collide or leave --out."""
    from functools import partial

    from dibcyber.app import batch
    from dibcyber.errors import InvalidInputError, Msg, Problem, WriteRefusedError, os_reason
    from dibcyber.report import Options

    chosen = fmt.value if fmt else "html"
    files, missing = batch.discover(specs)
    if not files and not missing:
        raise InvalidInputError(Problem(Msg("cli.no_answers_files"), hint=Msg("cli.no_answers_files.hint")))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WriteRefusedError(Msg("write.cannot_create", path=str(out_dir), reason=os_reason(e))) from e
    if not out_dir.is_dir():
        raise WriteRefusedError(Msg("write.not_folder", path=str(out_dir)))
    names = batch.output_names(files, f".{kind.value}.{chosen}")
    targets = [out_dir / n for n in names]
    inputs = {f.resolve() for f in files}
    clash = [t for t in targets if t.resolve() in inputs]
    if clash:
        raise WriteRefusedError(Msg("write.also_input", path=str(clash[0])), hint=Msg("write.also_input.hint"))
    logo_bytes, logo_type = _logo(logo)
    options = Options(kind=kind.value, fmt=chosen, lang="ja", marking=marking,  # type: ignore[arg-type]
                      logo=logo_bytes, logo_type=logo_type, templates=templates, font=font, firm=firm)
    task = partial(batch.report_file, options=options, profile=profile, lang=pick_lang(lang) if lang else None)
    progress = Progress(f"{kind.value} {chosen}", len(files), user_lang(lang))
    failures = list(missing)
    written = 0
    try:
        for outcome in batch.run(task, list(zip(files, targets, strict=True)),
                                 workers=workers or batch.default_workers(), paths=State.paths, progress=progress):
            if outcome.error is not None:
                failures.append(outcome.error)
            else:
                written += 1
    finally:
        progress.close()
    note(i18n.text("wrote_batch", locale_lang(), count=written, folder=out_dir, failed=len(failures)))
    if failures:
        for u in sorted(failures, key=lambda u: u.file):
            first = u.problems[0]
            note(f"  {first.location or u.file}: {first.say(user_lang(lang))}")
        worst = max(u.exit_code for u in failures)
        raise typer.Exit(worst if worst != int(ExitCode.FINDINGS) else int(ExitCode.INVALID_INPUT))


def _logo(logo: Path | None) -> tuple[bytes | None, str | None]:
    from dibcyber.errors import InvalidInputError, Msg, Problem
    from dibcyber.io.safeio import read_bytes_limited

    if logo is None:
        return None, None
    logo_type = _LOGO_TYPES.get(logo.suffix.lower())
    if logo_type is None:
        raise InvalidInputError(Problem(Msg("cli.logo_type"), file=str(logo)))
    return read_bytes_limited(logo, what="logo"), logo_type
