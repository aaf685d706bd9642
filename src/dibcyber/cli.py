"""The command line. Thin by design: parse options, call one function, print, map errors to exit codes.

Errors are caught in one place, ``main``: a ``DibcyberError`` prints its message and exits with its code;
anything else is a bug and prints one line (``--debug`` shows the traceback).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from dibcyber import __version__, i18n
from dibcyber.console import StreamWriteError
from dibcyber.console import setup as setup_process
from dibcyber.errors import DibcyberError, ExitCode

if TYPE_CHECKING:
    from dibcyber.models.base import Lang
else:  # keep pydantic off the start-up path of --help and --version
    Lang = Literal["ja", "en"]

def _usage_name(self: Any) -> str:
    """An argument on the usage line as click writes it: NAME required, [NAME] optional, '...' repeated.
    typer 0.29 writes a required argument as {NAME} and wraps a metavar that is already [NAME] again."""
    name = str(self.display_name_raw)
    if not self.required and not name.startswith("["):
        name = f"[{name}]"
    if self.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


if hasattr(typer.core.TyperArgument, "_usage_display_name"):
    setattr(typer.core.TyperArgument, "_usage_display_name", _usage_name)  # noqa: B010 - a private hook

app = typer.Typer(
    name="dibcyber",
    help="Self-assessment against 防衛産業サイバーセキュリティ基準 and NIST SP 800-171 (SPRS, CMMC).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
catalog_app = typer.Typer(help="Browse and validate control catalogs.", no_args_is_help=True)
profile_app = typer.Typer(help="Browse profiles.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
app.add_typer(profile_app, name="profile")


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


class LangOption(StrEnum):
    ja = "ja"
    en = "en"


class State:
    paths: list[Path] = []  # noqa: RUF012 - process-wide options of one CLI run


PathOpt = Annotated[
    list[Path] | None,
    typer.Option("--path", "-P", metavar="DIR", help="Folder with your own catalogs and profiles (repeatable). "
                 "Also read from DIBCYBER_PATH.", show_default=False),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
LangOpt = Annotated[LangOption | None, typer.Option("--lang", "-l", help="Language of texts (ja|en). "
                    "Default: the profile's, then the locale's.", show_default=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dibcyber {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    path: PathOpt = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", metavar="NAME", help="Read answers files, your "
                        "own catalogs and profiles, and git:REF revisions of them in this encoding (e.g. cp932) "
                        "instead of UTF-8 (also evidence lock files; not built-in catalogs or workbooks).",
                        show_default=False)] = None,
) -> None:
    State.paths = list(path or [])
    if encoding is not None or "dibcyber.yamlio" in sys.modules:  # (re)set: one process may run many commands
        from dibcyber.yamlio import set_input_encoding

        set_input_encoding(encoding)


def locale_lang() -> Lang:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def _user_lang(explicit: LangOption | None) -> Lang:
    """The language for what the command line says about its work: --lang, else the locale's."""
    return pick_lang(explicit) if explicit else locale_lang()


def pick_lang(explicit: LangOption | None, default: Lang | None = None) -> Lang:
    if explicit is not None:
        return "ja" if explicit is LangOption.ja else "en"
    return default or locale_lang()


def _registry() -> Any:
    from dibcyber.registry import Registry

    return Registry(State.paths)


def _emit(data: Any, fmt: OutputFormat) -> None:
    from dibcyber import console, output

    text = output.serialise(data, fmt.value)
    if not console.can_encode(text):  # a cp932 console: escaped, not degraded, so the data stays exact
        text = output.serialise(data, fmt.value, ascii_only=True)
    sys.stdout.write(text)


# --- catalog -----------------------------------------------------------------------------------


@catalog_app.command("list")
def catalog_list(path: PathOpt = None, fmt: FormatOpt = OutputFormat.table, lang: LangOpt = None) -> None:
    """List the catalogs dibcyber can see."""
    from dibcyber import terminal, views

    State.paths += path or []
    reg = _registry()
    language = pick_lang(lang)
    rows = [views.catalog_summary(reg.catalog(e.id), language, "built-in" if e.builtin else str(e.path))
            for e in reg.entries("catalog")]
    if fmt is OutputFormat.table:
        terminal.catalog_list(rows, language, reg.shadowed)
    else:
        _emit(rows, fmt)


@catalog_app.command("show")
def catalog_show(
    catalog_id: Annotated[str, typer.Argument(metavar="CATALOG", help="Catalog ID, e.g. nist-800-171r2.")],
    requirement: Annotated[list[str] | None, typer.Argument(
        metavar="[REQUIREMENT]...", help="Show these requirements in full (IDs or aliases).",
        show_default=False)] = None,
    family: Annotated[list[str] | None, typer.Option("--family", metavar="FAMILY", help="Only this family (ID or "
                      "abbreviation, e.g. AC); repeatable.", show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", metavar="TAG", help="Only requirements with this tag "
                   "(e.g. basic, cmmc-l1, organizational); repeatable.", show_default=False)] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Only requirements whose ID, title "
                      "or statement contains this text (either language).", show_default=False)] = None,
    path: PathOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    lang: LangOpt = None,
) -> None:
    """Show a catalog: its families and requirements, or chosen requirements in full."""
    from dibcyber import terminal, views

    State.paths += path or []
    cat = _registry().catalog(catalog_id)
    ids = tuple(cat.alias_index.get(r, r) for r in requirement or [])
    _check_known(cat, ids)
    flt = views.Filter(tuple(family or []), tuple(tag or []), search, ids)
    if fmt is not OutputFormat.table:
        _emit(views.catalog_document(cat, flt), fmt)
    elif ids:
        terminal.requirements_detail(cat, flt, pick_lang(lang))
    else:
        terminal.catalog_table(cat, flt, pick_lang(lang))


def _check_known(cat: Any, ids: tuple[str, ...]) -> None:
    from dibcyber.checks import did_you_mean
    from dibcyber.errors import InvalidInputError, Problem

    unknown = [i for i in ids if i not in cat.by_id]
    if unknown:
        raise InvalidInputError([Problem(f"no requirement '{i}' in catalog '{cat.id}'",
                                         hint=did_you_mean(i, cat.alias_index)) for i in unknown])


@catalog_app.command("validate")
def catalog_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Catalog or profile YAML files.")],
    path: PathOpt = None,
) -> None:
    """Check catalog or profile files: schema, duplicate IDs, families, mappings. Exit 3 on problems."""
    from dibcyber.errors import InvalidInputError

    State.paths += path or []
    reg = _registry()
    problems = []
    for file in files:
        try:
            obj = reg.validate_file(file)
        except InvalidInputError as e:
            problems += e.problems
            continue
        kind = "catalog" if obj.format.startswith("dibcyber/catalog") else "profile"
        typer.echo(f"{file}: valid {kind} '{obj.id}'")
    if problems:
        raise InvalidInputError(problems)


# --- profile -----------------------------------------------------------------------------------


@profile_app.command("list")
def profile_list(path: PathOpt = None, fmt: FormatOpt = OutputFormat.table, lang: LangOpt = None) -> None:
    """List the profiles dibcyber can see."""
    from dibcyber import terminal

    State.paths += path or []
    reg = _registry()
    language = pick_lang(lang)
    rows = []
    for e in reg.entries("profile"):
        prof = reg.profile(str(e.path))
        rows.append({"id": prof.id, "title": prof.title.get(language), "catalogs": prof.catalogs,
                     "scoring": prof.scoring, "language": prof.language or "—",
                     "source": "built-in" if e.builtin else str(e.path)})
    if fmt is OutputFormat.table:
        terminal.profile_list(rows, language)
    else:
        _emit(rows, fmt)


@profile_app.command("show")
def profile_show(
    profile_id: Annotated[str, typer.Argument(metavar="PROFILE", help="Profile ID or path to a profile file.")],
    path: PathOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    lang: LangOpt = None,
) -> None:
    """Show a profile: catalogs, selection, scoring methods, gates."""
    from dibcyber import terminal, views
    from dibcyber.checks import selected

    State.paths += path or []
    reg = _registry()
    prof = reg.profile(profile_id)
    if fmt is not OutputFormat.table:
        _emit(views.profile_document(prof), fmt)
        return
    cat = reg.catalog(prof.catalog)
    terminal.profile_detail(prof, cat, list(selected(prof, cat)), pick_lang(lang, prof.language))


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
    from dibcyber import pipeline
    from dibcyber.errors import UsageError

    State.paths += path or []
    explicit = pick_lang(lang) if lang else None
    if interactive:
        from dibcyber.interactive import Session

        Session(answers, _registry(), lang=explicit, profile=profile, revisit=revisit,
                families=tuple(family or []), default_lang=locale_lang()).run()
        return
    if family:
        raise UsageError("--family selects what --interactive visits", hint="add --interactive, or use "
                         "'dibcyber catalog show' to browse a family")
    reg = _registry()
    result = pipeline.assess(reg, answers, profile=profile, lang=explicit, default_lang=locale_lang())
    extra = [pipeline.assess(reg, answers, profile=p, lang=result.language) for p in also or []]
    if fmt is OutputFormat.table:
        from dibcyber import terminal

        for r in (result, *extra):
            terminal.assessment_summary(r, result.language, top=top)
    else:
        doc = result.model_dump(mode="json")
        if extra:
            doc["also"] = [r.model_dump(mode="json") for r in extra]
        _emit(doc, fmt)


# --- report ------------------------------------------------------------------------------------

_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml",
               ".gif": "image/gif", ".webp": "image/webp"}
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".markdown": "md",
                   ".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".docx": "docx"}


class ReportKind(StrEnum):
    gap = "gap"
    plan = "plan"
    poam = "poam"


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
                    "security implementation plan; poam: plan of action and milestones.")] = ReportKind.gap,
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
    """Render a gap report, implementation plan or POA&M as HTML, PDF, DOCX, Markdown, JSON, CSV or XLSX."""
    from dibcyber import pipeline
    from dibcyber.errors import InvalidInputError, Problem, UsageError
    from dibcyber.report import Options, render
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    if batch_mode or out_dir is not None:
        if not (batch_mode and out_dir is not None):
            raise UsageError("--batch and --out go together", hint="dibcyber report --batch suppliers/ --out reports/")
        if output != "-":
            raise UsageError("with --batch, name the folder with --out, not a file with -o")
        if document_number is not None:
            raise UsageError("one --document-number cannot number many reports",
                             hint="give each answers file a document: number: instead")
        _report_batch(answers, out_dir, kind, fmt, lang, profile, templates, logo, marking, font, workers, firm)
        return
    if len(answers) != 1:
        raise UsageError(f"one answers file, not {len(answers)}", hint="use --batch --out DIR for many")
    answers_file = Path(answers[0])
    suffix = Path(output).suffix.lower()
    if fmt is None and output != "-" and suffix not in _SUFFIX_FORMATS:
        raise UsageError(f"cannot tell the format from '{output}'",
                         hint="use a .html, .pdf, .docx, .md, .json, .csv or .xlsx file name, or --format")
    chosen = fmt.value if fmt else _SUFFIX_FORMATS.get(suffix, "md") if output != "-" else "md"
    if chosen in ("pdf", "xlsx", "docx") and output == "-":
        raise UsageError(f"a {chosen.upper()} file cannot go to standard output",
                         hint=f"name a file with -o report.{chosen}")
    if templates is not None and not templates.is_dir():
        raise InvalidInputError(Problem("is not a folder", file=str(templates)))
    logo_bytes, logo_type = _logo(logo)
    reg = _registry()
    result = pipeline.assess(reg, answers_file, profile=profile, lang=pick_lang(lang) if lang else None,
                             default_lang=locale_lang())
    if output != "-":
        _check_output(Path(output), pipeline.input_files(reg, answers_file, logo, font, templates), "-o")
    options = Options(kind=kind.value, fmt=chosen, lang=result.language, marking=marking,  # type: ignore[arg-type]
                      logo=logo_bytes, logo_type=logo_type, templates=templates, font=font,
                      document_number=document_number, firm=firm)
    data = render(result, options)
    if output == "-":
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
    else:
        atomic_write(Path(output), data)
        _note(i18n.text("wrote", _user_lang(lang), path=output))


def _report_batch(specs: list[str], out_dir: Path, kind: ReportKind, fmt: ReportFormat | None,
                  lang: LangOption | None, profile: str | None, templates: Path | None, logo: Path | None,
                  marking: str | None, font: Path | None, workers: int | None, firm: str | None = None) -> None:
    """Every supplier's report in one run: failures isolated, names that cannot collide or leave --out."""
    from functools import partial

    from dibcyber import batch
    from dibcyber.errors import InvalidInputError, Problem, WriteRefusedError
    from dibcyber.report import Options

    chosen = fmt.value if fmt else "html"
    files, missing = batch.discover(specs)
    if not files and not missing:
        raise InvalidInputError(Problem("no answers files found", hint="name files, folders or glob patterns"))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WriteRefusedError(f"cannot create {out_dir}: {e.strerror}") from e
    if not out_dir.is_dir():
        raise WriteRefusedError(f"{out_dir} is not a folder")
    names = batch.output_names(files, f".{kind.value}.{chosen}")
    targets = [out_dir / n for n in names]
    inputs = {f.resolve() for f in files}
    clash = [t for t in targets if t.resolve() in inputs]
    if clash:
        raise WriteRefusedError(f"{clash[0]} is also an input; not overwriting it", hint="use another --out folder")
    logo_bytes, logo_type = _logo(logo)
    options = Options(kind=kind.value, fmt=chosen, lang="ja", marking=marking,  # type: ignore[arg-type]
                      logo=logo_bytes, logo_type=logo_type, templates=templates, font=font, firm=firm)
    task = partial(batch.report_file, options=options, profile=profile, lang=pick_lang(lang) if lang else None)
    progress = batch.Progress(f"{kind.value} {chosen}", len(files))
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
    _note(i18n.text("wrote_batch", locale_lang(), count=written, folder=out_dir, failed=len(failures)))
    if failures:
        for u in sorted(failures, key=lambda u: u.file):
            first = u.problems[0]
            _note(f"  {first.location or u.file}: {first.message}")
        worst = max(u.exit_code for u in failures)
        raise typer.Exit(worst if worst != int(ExitCode.FINDINGS) else int(ExitCode.INVALID_INPUT))


def _logo(logo: Path | None) -> tuple[bytes | None, str | None]:
    from dibcyber.errors import InvalidInputError, Problem
    from dibcyber.safeio import read_bytes_limited

    if logo is None:
        return None, None
    logo_type = _LOGO_TYPES.get(logo.suffix.lower())
    if logo_type is None:
        raise InvalidInputError(Problem("not a PNG, JPEG, GIF, WebP or SVG file", file=str(logo)))
    return read_bytes_limited(logo, what="logo"), logo_type


# --- check, diff, history, evidence -----------------------------------------------------------------

evidence_app = typer.Typer(help="Lock and check the evidence files answers cite.", no_args_is_help=True)
app.add_typer(evidence_app, name="evidence")


class TextFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    github = "github"


class FailOn(StrEnum):
    regression = "regression"
    gates = "gates"
    both = "both"


@app.command()
def check(
    answers: Annotated[list[Path], typer.Argument(metavar="ANSWERS...", help="Answers YAML files (as many as "
                       "pre-commit passes; the exit code is the worst of them).")],
    min_sprs: Annotated[int | None, typer.Option("--min-sprs", metavar="N", help="Fail below this SPRS score.",
                        show_default=False)] = None,
    min_conformance: Annotated[list[str] | None, typer.Option(
        "--min-conformance", metavar="RATIO|FAMILY=RATIO",
            help="Fail below this conformance ratio (0.9), overall or for a family "
        "(ORG-GOV=1.0, AC=0.8); repeatable.", show_default=False)] = None,
    require: Annotated[list[str] | None, typer.Option("--require", metavar="ID|TAG",
                                                      help="These requirement IDs or tags must be "
                       "implemented (e.g. organizational, basic, 3.5.3); repeatable.", show_default=False)] = None,
    require_cmmc_conditional: Annotated[bool, typer.Option("--require-cmmc-conditional",
                                        help="Fail unless CMMC Level 2 conditional status is reached.")] = False,
    baseline: Annotated[str | None, typer.Option("--baseline", metavar="FILE|git:REF",
                                                 help="Fail on any regression from this answers "
                        "file, or git:REF (each file at a git revision).", show_default=False)] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Which gates decide the exit code: regression "
                       "(the baseline and evidence gates: for pull requests), gates (the profile's and the "
                       "options' gates: for release branches) or both. Every gate is reported either way.")
                       ] = FailOn.both,
    evidence: Annotated[bool, typer.Option("--evidence", help="Fail on missing, changed, expired, too old or "
                        "escaping evidence files.")] = False,
    max_evidence_age: Annotated[int | None, typer.Option("--max-evidence-age", min=1, metavar="DAYS",
                                                         help="Days; evidence "
                                "older than this fails the evidence gate (implies --evidence).",
                                show_default=False)] = None,
    min_evidence_coverage: Annotated[float | None, typer.Option(
        "--min-evidence-coverage", metavar="RATIO", min=0.0, max=1.0,
        help="Fail when fewer implemented requirements than this ratio (0.8) cite locked, unchanged "
        "evidence.", show_default=False)] = None,
    fail_on_scan_contradiction: Annotated[bool, typer.Option(
        "--fail-on-scan-contradiction", help="Fail where a scanner rule (dibcyber import xccdf) failed on a "
        "requirement answered 'implemented'.")] = False,
    junit_file: Annotated[Path | None, typer.Option("--junit", metavar="FILE", help="Write JUnit XML here.",
                          show_default=False)] = None,
    sarif_file: Annotated[Path | None, typer.Option("--sarif", metavar="FILE", help="Write SARIF 2.1.0 here.",
                          show_default=False)] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="table | json | github (workflow "
                   "annotations plus a Markdown summary).")] = CheckFormat.table,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Score with this profile.",
                       show_default=False)] = None,
    lang: LangOpt = None,
    path: PathOpt = None,
) -> None:
    """Assess, apply gates, exit 0 when all pass and 1 when any fails (3 for invalid input)."""
    from dibcyber import checking, pipeline

    State.paths += path or []
    request = checking.CheckRequest(
        min_sprs=min_sprs, min_conformance=tuple(min_conformance or ()), require=tuple(require or ()),
        require_cmmc_conditional=require_cmmc_conditional, baseline=baseline, evidence=evidence,
        max_evidence_age=max_evidence_age, min_evidence_coverage=min_evidence_coverage,
        fail_on_scan_contradiction=fail_on_scan_contradiction, profile=profile,
        lang=pick_lang(lang) if lang else None, default_lang=locale_lang(), fail_on=fail_on.value)
    checking.vet_baseline(baseline, request.fail_on, len(answers))
    checking.thresholds(request.min_conformance, None)  # a wrong threshold is a usage error before any file
    reg = _registry()
    baseline_file = Path(baseline) if baseline and not baseline.startswith("git:") else None
    inputs = [p for a in answers for p in pipeline.input_files(reg, a, baseline_file)]
    _vet_ci_outputs(junit_file, sarif_file, inputs)
    runs, worst = [], int(ExitCode.OK)
    for a in answers:
        try:
            runs.append(checking.run(reg, a, request))
        except DibcyberError as e:
            if len(answers) == 1:
                raise
            _report_error(e, request.lang or locale_lang())  # one broken file hides no other's results
            worst = max(worst, int(e.exit_code))
    _write_check_outputs(runs, fmt, junit_file, sarif_file, request.fail_on)
    if not all(r.passed for r in runs):
        worst = max(worst, int(ExitCode.FINDINGS))
    if worst:
        raise typer.Exit(worst)


def _vet_ci_outputs(junit_file: Path | None, sarif_file: Path | None, inputs: list[Path]) -> None:
    from dibcyber.errors import WriteRefusedError

    if junit_file is not None and sarif_file is not None:
        _check_output(sarif_file, [junit_file], "--sarif")
    for target, option in ((junit_file, "--junit"), (sarif_file, "--sarif")):
        if target is not None:
            _check_output(target, inputs, option)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)  # CI jobs name report folders that may not exist
            except OSError as e:
                raise WriteRefusedError(f"cannot write {target}: {e.strerror}") from e


def _write_check_outputs(runs: list[Any], fmt: CheckFormat, junit_file: Path | None, sarif_file: Path | None,
                         mode: str) -> None:
    """Print and write what `check` produced for each file: the table, JSON (one document, or a list for
    several files), GitHub annotations and summary, JUnit and SARIF (one file for all answers files)."""
    from dibcyber.yamlio import atomic_write

    if not runs:
        return
    language = runs[0].result.language
    if junit_file or sarif_file or fmt is CheckFormat.github:
        from dibcyber import ci_output  # XML and SARIF writers: not for the table

        uris = [_uri(r.answers) for r in runs]  # asks git: only when used
        checked = [ci_output.Checked(r.result, r.outcomes, uri, r.lines, _regressed(r, mode))
                   for r, uri in zip(runs, uris, strict=True)]
        if junit_file:
            atomic_write(junit_file, ci_output.junit_many(checked, language, mode))
        if sarif_file:
            import json

            doc = ci_output.sarif_many([(c, c.file) for c in checked], language)
            atomic_write(sarif_file, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    if fmt is CheckFormat.json:
        docs = [r.document() for r in runs]
        _emit(docs[0] if len(docs) == 1 else docs, OutputFormat.json)
    elif fmt is CheckFormat.github:
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        for r, c in zip(runs, checked, strict=True):
            sys.stdout.write(ci_output.github_annotations(r.result, r.outcomes, c.file, r.lines, r.result.language))
            summary = ci_output.markdown_summary(r.result, r.outcomes, r.result.language)
            if step_summary:
                with Path(step_summary).open("a", encoding="utf-8") as f:
                    f.write(summary)
            else:
                sys.stdout.write(summary)
    else:
        from dibcyber import terminal

        for r in runs:
            if len(runs) > 1:
                typer.echo(f"== {r.answers}")
            terminal.check_summary(r.result, r.outcomes, r.result.language)


def _regressed(run: Any, mode: str) -> frozenset[str] | None:
    """In regression mode, the requirements that regressed (the others not met are known, not failures)."""
    if mode != "regression" or run.comparison is None:
        return None
    return frozenset(c.id for c in run.comparison.regressions)


def _uri(path: Path) -> str:
    """The answers file as a repository-relative URI when in git (what code-scanning expects)."""
    from dibcyber import gitio

    root = gitio.repo_root(path.resolve())
    if root is not None:
        return path.resolve().relative_to(root).as_posix()
    return path.as_posix()


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="Answers file, git:REF (same file as NEW) or "
                   "git:REF:PATH.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="Answers file, or git:REF:PATH.")],
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="table | md | json")] = TextFormat.table,
    profile: Annotated[str | None, typer.Option("--profile", "-p", show_default=False,
                       help="Score both with this profile.")] = None,
    lang: LangOpt = None,
    path: PathOpt = None,
) -> None:
    """What improved, what regressed, and how the scores moved between two versions of an answers file."""
    from dibcyber import compare, pipeline, terminal

    State.paths += path or []
    reg = _registry()
    after_loaded = pipeline.load_spec(new)
    before_loaded = pipeline.load_spec(old, after_loaded.path)
    explicit = pick_lang(lang) if lang else None
    after = pipeline.assess(reg, after_loaded, profile=profile, lang=explicit, default_lang=locale_lang())
    before = pipeline.assess(reg, before_loaded, profile=profile or after.profile, lang=after.language)
    comparison = compare.compare(before, after, before_loaded.name, after_loaded.name)
    if fmt is TextFormat.json:
        _emit(comparison.model_dump(mode="json"), OutputFormat.json)
    else:
        text = terminal.diff_text(comparison, after.language, markdown=fmt is TextFormat.md)
        sys.stdout.write(text)
    from dibcyber import gates

    # a regression is what the baseline gate of `check` calls one: exit 1, as the README's table says
    if not all(o.passed for o in gates.evaluate(after, gates.GateSpec(baseline=True), comparison)):
        raise typer.Exit(int(ExitCode.FINDINGS))


@app.command()
def history(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="An answers file tracked by git.")],
    svg: Annotated[Path | None, typer.Option("--svg", help="Also write the scores over time as an SVG chart.",
                   show_default=False)] = None,
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="table | md | json")] = TextFormat.table,
    profile: Annotated[str | None, typer.Option("--profile", "-p", show_default=False)] = None,
    lang: LangOpt = None,
    path: PathOpt = None,
) -> None:
    """Scores over the answers file's git history (dates from the assessment, else the commit)."""
    from dibcyber import gitio, pipeline, terminal
    from dibcyber.errors import DibcyberError
    from dibcyber.models.check import HistoryPoint
    from dibcyber.report import charts
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    reg = _registry()
    points: list[HistoryPoint] = []
    for commit, day, subject, rel in gitio.log(answers):
        try:
            text = gitio.show_at(answers, commit, rel)
            loaded = pipeline.load_answers(answers, text=text, name=f"git:{commit[:10]}:{rel}")
            result = pipeline.assess(reg, loaded, profile=profile)
        except DibcyberError as e:
            points.append(HistoryPoint(commit=commit, date=day, date_source="commit", subject=subject, sprs=None,
                                       conformance=None, implemented=None, error=" ".join(e.render().split())))
            continue
        sp = result.scores.sprs
        points.append(HistoryPoint(
            commit=commit, date=result.assessment.date, date_source="assessment", subject=subject,
            sprs=sp.value if sp else None, conformance=result.scores.conformance.ratio,
            implemented=result.scores.conformance.implemented))
    if svg is not None:
        _check_output(svg, pipeline.input_files(reg, answers), "--svg")
        atomic_write(svg, charts.history([(p.date.isoformat(), p.sprs, p.conformance) for p in points],
                                         f"dibcyber history: {answers.name}", lang=pick_lang(lang)))
    if fmt is TextFormat.json:
        _emit([p.model_dump(mode="json") for p in points], OutputFormat.json)
    else:
        sys.stdout.write(terminal.history_text(points, markdown=fmt is TextFormat.md))


@evidence_app.command("lock")
def evidence_lock(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS")],
    lock_file: Annotated[bool, typer.Option("--lock-file", help="Write ANSWERS.evidence-lock.yaml beside the "
                         "answers instead of adding sha256/size to them.")] = False,
) -> None:
    """Record the SHA-256 and size of every cited evidence file."""
    from dibcyber import evidence as ev

    entries, files = ev.lock(answers, to_lock_file=lock_file)
    target = ev.lock_path(answers) if lock_file else answers
    typer.echo(i18n.text("locked", locale_lang(), entries=entries, files=files, path=target))


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

    from dibcyber import evidence as ev
    from dibcyber import pipeline, terminal

    reports, worst = [], int(ExitCode.OK)
    for a in answers:
        try:
            loaded = pipeline.load_answers(a)
            reports.append(ev.check(loaded.answers, a, dt.date.today(), max_age, text=loaded.text))
        except DibcyberError as e:
            if len(answers) == 1:
                raise
            _report_error(e, _user_lang(lang))  # one broken file hides no other's results
            worst = max(worst, int(e.exit_code))
    for report in reports:
        if fmt is OutputFormat.table:
            terminal.evidence_table(report, _user_lang(lang))
    if fmt is not OutputFormat.table and reports:
        docs = [r.model_dump(mode="json") for r in reports]
        _emit(docs[0] if len(answers) == 1 else docs, fmt)
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

    from dibcyber import evidence as ev
    from dibcyber import pipeline
    from dibcyber.errors import UsageError
    from dibcyber.markdown import md_escape
    from dibcyber.report.tabular import safe_cell

    loaded = pipeline.load_answers(answers)
    report = ev.check(loaded.answers, answers, dt.date.today(), text=loaded.text)
    fields = ("requirement", "path", "url", "title", "sha256", "size", "expires", "problems")
    rows = [{f: getattr(i, f) for f in fields} for i in report.items]
    if fmt == "json":
        _emit([{**r, "expires": str(r["expires"]) if r["expires"] else None} for r in rows], OutputFormat.json)
    elif fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(fields)
        for r in rows:
            writer.writerow([safe_cell(" ".join(r[f]) if f == "problems" else r[f]) for f in fields])
        sys.stdout.write("\ufeff" + buf.getvalue())  # a BOM, as in report CSVs, for spreadsheet programs
    elif fmt == "md":
        sys.stdout.write("| " + " | ".join(fields) + " |\n|" + "---|" * len(fields) + "\n")
        for r in rows:
            cells = [md_escape(" ".join(r[f]) if f == "problems" else ("" if r[f] is None else r[f])) for f in fields]
            sys.stdout.write("| " + " | ".join(cells) + " |\n")
    else:
        raise UsageError(f"unknown format '{fmt}'", hint="csv, json or md")


# --- export, import ---------------------------------------------------------------------------------

export_app = typer.Typer(help="Questionnaires for suppliers (XLSX) and OSCAL documents.", no_args_is_help=True)
import_app = typer.Typer(help="Read returned questionnaires and scan results back into answers.",
                         no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


@export_app.command("xlsx")
def export_xlsx(
    answers: Annotated[Path | None, typer.Argument(metavar="[ANSWERS]", help="Answers to pre-fill (their profile "
                       "is used).", show_default=False)] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).")] = Path(
        "questionnaire.xlsx"),
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile of an empty questionnaire "
                       "(or another profile for ANSWERS).", show_default=False)] = None,
    lang: LangOpt = None,
    objectives: Annotated[bool, typer.Option("--objectives", help="Assessment objectives as rows, each with a "
                          "finding.")] = False,
    return_to: Annotated[str | None, typer.Option("--return-to", metavar="WHOM", help="Whom the supplier "
                         "returns it to (shown in the instructions).", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    path: PathOpt = None,
) -> None:
    """Write a questionnaire workbook that a supplier fills in with Excel alone."""
    from dibcyber import pipeline, workbook
    from dibcyber.checks import selected
    from dibcyber.errors import UsageError, WriteRefusedError
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    if answers is None and profile is None:
        raise UsageError("name an answers file to pre-fill, or --profile for an empty questionnaire")
    if output.exists() and not force:
        raise WriteRefusedError(f"{output} exists; not overwriting it", hint="use --force to replace it")
    _check_output(output, [answers] if answers else [], "-o")
    reg = _registry()
    resolved = {}
    loaded = None
    if answers is not None:
        loaded = pipeline.load_answers(answers)
        prof = pipeline.profile_for(reg, loaded, profile)
        cat = reg.catalog(prof.catalog)
        res = pipeline.resolve_answers(loaded, cat, pipeline.own_catalog(reg, loaded, profile))
        resolved = {rid: a for rid, (_, a) in res.answers.items()}
    else:
        assert profile is not None
        prof = reg.profile(profile)
        cat = reg.catalog(prof.catalog)
    language = pick_lang(lang, prof.language)
    spec = workbook.ExportSpec(profile=prof, catalog=cat, ids=tuple(selected(prof, cat)), lang=language,
                               objectives=objectives, answers=loaded.answers if loaded else None,
                               resolved=resolved, return_to=return_to, source=answers.name if answers else None)
    atomic_write(output, workbook.export(spec))
    _note(i18n.text("wrote_questionnaire", _user_lang(lang), path=output, count=len(spec.ids), profile=prof.id))


@export_app.command("oscal")
def export_oscal(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="The answers YAML file.")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="Folder to write "
                      "assessment-results.json and poam.json into (created if missing).")] = Path("oscal"),
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Score with this profile instead of "
                       "the one the file names.", show_default=False)] = None,
    lang: LangOpt = None,
    path: PathOpt = None,
) -> None:
    """Write OSCAL 1.x JSON: assessment results (findings and observations) and a POA&M of open items."""
    from dibcyber import oscal, pipeline
    from dibcyber.errors import WriteRefusedError
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    result = pipeline.assess(_registry(), answers, profile=profile, lang=pick_lang(lang) if lang else None,
                             default_lang=locale_lang())
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WriteRefusedError(f"cannot create {output}: {e.strerror}") from e
    for name, doc in (("assessment-results.json", oscal.assessment_results(result, result.language)),
                      ("poam.json", oscal.poam(result, result.language))):
        target = output / name
        _check_output(target, pipeline.input_files(None, answers), "-o")
        atomic_write(target, oscal.dumps(doc))
        _note(i18n.text("wrote", _user_lang(lang), path=target))


@import_app.command("xlsx")
def import_xlsx(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A questionnaire workbook (.xlsx).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write a new answers file "
                      "(default: standard output).", show_default=False)] = None,
    into: Annotated[Path | None, typer.Option("--into", metavar="ANSWERS", help="Merge into this answers file, "
                    "keeping its comments, order and untouched answers.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite -o; take the workbook's side of conflicts; "
                     "read a workbook of another profile or catalog version by requirement ID.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="With --into: show what would change, write "
                       "nothing.")] = False,
    path: PathOpt = None,
) -> None:
    """Read a returned questionnaire: every bad cell reported at once (exit 3), nothing written then."""
    from dibcyber import importing
    from dibcyber.errors import UsageError, WriteRefusedError
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    if output is not None and into is not None:
        raise UsageError("use either -o (a new answers file) or --into (merge), not both")
    if output or into:
        _check_output(output or into, [file], "-o" if output else "--into")  # type: ignore[arg-type]
    reg = _registry()
    if into is not None:
        outcome, editable = importing.merge(reg, file, into, force=force)
    else:
        if output is not None and output.exists() and not force:
            raise WriteRefusedError(f"{output} exists; not overwriting it",
                                    hint="use --into to merge into it, or --force to replace it")
        outcome = importing.fresh(reg, file, force=force)
    for w in outcome.warnings:
        _note(i18n.text("warning", locale_lang(), message=w))
    for c in outcome.changes if into is not None else []:
        _note(f"{c.kind:>9} {c.requirement}: {', '.join(c.fields)}")
    for c in outcome.conflicts:
        for d in c.detail:
            _note(f"overridden {c.requirement}: {d}")
    _note(f"{len(outcome.changes)} changed or added, {outcome.unchanged} unchanged")
    if into is not None:
        if not dry_run and outcome.changes:
            editable.save(outcome.text)
            _note(i18n.text("updated", locale_lang(), path=into))
    elif output is not None:
        atomic_write(output, outcome.text)
        _note(i18n.text("wrote", locale_lang(), path=output))
    else:
        sys.stdout.write(outcome.text)


@import_app.command("xccdf")
def import_xccdf(
    file: Annotated[Path, typer.Argument(metavar="RESULTS", help="XCCDF 1.2 results or an ARF report (oscap xccdf "
                    "eval --results / --results-arf), inside the repository of the answers.")],
    into: Annotated[Path | None, typer.Option("--into", metavar="ANSWERS", help="Merge into this answers file, "
                    "keeping its comments, order and answers.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write a new answers file holding the "
                      "scan's evidence and no answers.", show_default=False)] = None,
    profile: Annotated[str, typer.Option("--profile", "-p", help="With -o: the profile of the new file.")
                       ] = "atla-standard",
    force: Annotated[bool, typer.Option("--force", help="Overwrite -o.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change, write nothing.")] = False,
    path: PathOpt = None,
) -> None:
    """Record scan results as locked evidence with each rule's result; a status is never changed."""
    from dibcyber import scanimport
    from dibcyber.errors import UsageError, WriteRefusedError

    State.paths += path or []
    target = into or output
    if (into is None) == (output is None) or target is None:
        raise UsageError("use either --into ANSWERS (merge) or -o NEW (a new answers file)")
    _check_output(target, [file], "--into" if into else "-o")
    if output is not None and output.exists() and not force:
        raise WriteRefusedError(f"{output} exists; not overwriting it", hint="use --into to merge into it")
    reg = _registry()
    outcome = (scanimport.merge(reg, file, into) if into is not None
               else scanimport.fresh(reg, file, target, profile))
    _scan_notes(outcome)
    if not dry_run and outcome.changes:
        outcome.save()
        _note(i18n.text("updated" if into else "wrote", locale_lang(), path=target))


def _scan_notes(outcome: Any) -> None:
    lang, m = locale_lang(), outcome.mapping
    for rid, kind in outcome.changes:
        _note(f"{kind:>9} {rid}")
    _note(i18n.text("scan_mapped", lang, direct=m.direct, derived=m.derived, unmapped=len(m.unmapped),
                    requirements=len(m.findings), path=outcome.evidence))
    for rid in outcome.contradictions:
        _note(i18n.text("warning", lang, message=i18n.text("scan_contradiction", lang, requirement=rid)))


_WORKLIST_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".xlsx": "xlsx",
                     ".json": "json"}


@app.command()
def migrate(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="The answers YAML file to carry over.")],
    to: Annotated[str, typer.Option("--to", metavar="PROFILE", help="Target profile (ID or path), e.g. "
                  "nist-800-171r3.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The migrated answers file "
                      "(default: standard output).", show_default=False)] = None,
    worklist: Annotated[Path | None, typer.Option("--worklist", "-w", metavar="FILE", help="Write the worklist "
                        "(.md, .html, .xlsx or .json).", show_default=False)] = None,
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")] = False,
    path: PathOpt = None,
) -> None:
    """Carry answers to another profile across the crosswalks; list what needs a person in a worklist."""
    from dibcyber import migrate as mig
    from dibcyber import pipeline
    from dibcyber.checks import selected
    from dibcyber.errors import UsageError, WriteRefusedError
    from dibcyber.report import worklist as wl
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    wl_fmt = None
    if worklist is not None:
        wl_fmt = _WORKLIST_FORMATS.get(worklist.suffix.lower())
        if wl_fmt is None:
            raise UsageError(f"cannot tell the worklist format from '{worklist}'",
                             hint="use a .md, .html, .xlsx or .json file name")
    if output is not None and worklist is not None and output.resolve() == worklist.resolve():
        raise UsageError(f"-o and --worklist name the same file ({output})",
                         hint="the migrated answers and the worklist need a file each")
    for target, option in ((output, "-o"), (worklist, "--worklist")):
        if target is not None and target.exists() and not force:
            raise WriteRefusedError(f"{target} exists; not overwriting it", hint="use --force to replace it")
        if target is not None:
            _check_output(target, [answers], option)
    reg = _registry()
    loaded = pipeline.load_answers(answers)
    source_prof = pipeline.profile_for(reg, loaded, None)
    source_cat = reg.catalog(source_prof.catalog)
    resolved = pipeline.resolve_answers(loaded, source_cat, None).answers
    given = {rid: (key, a) for rid, (key, a) in resolved.items() if a.model_dump(exclude_defaults=True)}
    target_prof = reg.profile(to)
    target_cat = reg.catalog(target_prof.catalog)
    ids = list(selected(target_prof, target_cat))
    via_id = mig.pivot(source_cat, target_cat)
    data, origin, work = mig.migrate(given, source_cat, target_cat, target_prof, ids,
                                     source_profile=source_prof.id, organization=loaded.answers.organization.name,
                                     via=reg.catalog(via_id) if via_id else None)
    text = mig.answers_yaml(
        data, origin, profile=target_prof.id,
        organization=loaded.answers.organization.model_dump(mode="python", exclude_none=True),
        assessment=loaded.answers.assessment.model_dump(mode="python", exclude_none=True),
        source_name=answers.name, source_catalog=source_cat.id, order=ids)
    check = pipeline.load_answers(output or answers, text=text, name="(migrated answers)")
    pipeline.resolve_answers(check, target_cat, None)  # what is written must be valid answers
    language = pick_lang(lang, target_prof.language)
    if worklist is not None and wl_fmt is not None:
        atomic_write(worklist, wl.render(work, wl_fmt, language))
        _note(i18n.text("wrote", language, path=worklist))
    if output is not None:
        atomic_write(output, text)
        _note(i18n.text("wrote", language, path=output))
    else:
        sys.stdout.write(text)
    counts: dict[str, int] = {}
    for item in work.items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    labels = wl.LABELS[language]
    kinds = ", ".join(f"{labels[k]} {v}" for k, v in counts.items())
    if language == "ja":
        _note(f"{target_prof.id} への移行: {work.written}件の要件を書き出した（そのまま移行 {work.carried}件、"
              f"統合 {work.merged}件、分割 {work.written - work.carried - work.merged}件）。"
              f"作業リスト {len(work.items)}件: {kinds}")
    else:
        _note(f"{work.written} requirements written for {target_prof.id} ({work.carried} carried one-to-one, "
              f"{work.merged} merged, {work.written - work.carried - work.merged} split); worklist "
              f"{len(work.items)} items: {kinds}")


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

    from dibcyber import batch
    from dibcyber import portfolio as pf
    from dibcyber.errors import InvalidInputError, Problem, UsageError
    from dibcyber.report import portfolio_view
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    suffix = Path(output).suffix.lower()
    by_suffix = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".xlsx": "xlsx", ".json": "json"}
    chosen = fmt.value if fmt else by_suffix.get(suffix, "table") if output != "-" else "table"
    if output != "-" and fmt is None and suffix not in by_suffix:
        raise UsageError(f"cannot tell the format from '{output}'", hint="use .html, .pdf, .md, .xlsx or .json")
    if chosen in ("pdf", "xlsx", "docx") and output == "-":
        raise UsageError(f"a {chosen.upper()} file cannot go to standard output",
                         hint=f"name a file with -o portfolio.{chosen}")
    if chosen == "table" and output != "-":
        raise UsageError("the table is for the terminal", hint="choose --format html, pdf, md, xlsx or json")
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of}: not a date", hint="write YYYY-MM-DD") from None
    files, missing = batch.discover(paths)
    if output != "-":
        _check_output(Path(output), list(files), "-o")
        if (Path(output).exists() or Path(output).is_symlink()) and not force:
            from dibcyber.errors import WriteRefusedError

            raise WriteRefusedError(f"{output} exists; not overwriting it", hint="use --force to replace it")
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
            _note(i18n.text("wrote_portfolio", language, path=output, read=doc.files_read, failed=len(doc.unreadable)))
    if doc.unreadable:
        for u in doc.unreadable:
            first = u.problems[0]
            _note(f"dibcyber: error: {first.location or u.file}: {first.message}")
        raise InvalidInputError(Problem(f"{len(doc.unreadable)} of {len(doc.unreadable) + doc.files_read} files "
                                        "could not be read (listed above and in the output)"))
    for file in doc.baseline_ambiguous:
        _note(f"dibcyber: {file}: matches more than one supplier of the baseline (or shares one with "
              "another file); not compared")
    if doc.below or doc.fell or doc.baseline_ambiguous:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _portfolio_baseline(spec: str, output: Path | None) -> Any:
    """A previous portfolio JSON: a file, or ``git:REF[:PATH]`` (PATH defaults to the -o file)."""
    from pydantic import ValidationError

    from dibcyber import gitio
    from dibcyber.errors import InvalidInputError, Problem
    from dibcyber.loading import problems_from_validation
    from dibcyber.models.portfolio import Portfolio
    from dibcyber.yamlio import Locator, read_text

    if spec.startswith("git:"):
        ref, _, file = spec[4:].partition(":")
        target = Path(file) if file else output
        if target is None:
            raise InvalidInputError(Problem(f"'{spec}' names no file", hint="write git:REF:PATH, or use -o"))
        text, name = gitio.show(target, ref), spec
    else:
        text, name = read_text(Path(spec)), spec
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise InvalidInputError(Problem(f"not a portfolio JSON file: {e}", file=name,
                                        hint="use the output of dibcyber portfolio --format json")) from None
    try:
        return Portfolio.model_validate(data)
    except ValidationError as e:
        raise InvalidInputError(problems_from_validation(e, Portfolio, Locator("", name))) from None


# --- init and schema -----------------------------------------------------------------------------


@app.command()
def init(
    profile: Annotated[str, typer.Option("--profile", "-p", help="Profile to answer (ID or path).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path("answers.yaml"),
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    path: PathOpt = None,
) -> None:
    """Write a complete questionnaire for a profile: every requirement, commented, ready to fill in."""
    import datetime as dt

    from dibcyber import questionnaire
    from dibcyber.checks import selected
    from dibcyber.errors import WriteRefusedError
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    reg = _registry()
    prof = reg.profile(profile)
    cat = reg.catalog(prof.catalog)
    from dibcyber.pipeline import input_files

    _check_output(output, input_files(reg, None), "-o")
    if (output.exists() or output.is_symlink()) and not force:
        raise WriteRefusedError(f"{output} exists; not overwriting it", hint="use --force to replace it")
    ref = prof.id
    if profile.endswith((".yaml", ".yml")) or os.sep in profile:  # a profile file: point to it from the output
        ref = os.path.relpath(Path(profile).resolve(), output.resolve().parent)
    text = questionnaire.render(prof, cat, pick_lang(lang, prof.language), dt.date.today(), output.name, ref)
    atomic_write(output, text)
    count = sum(1 for _ in selected(prof, cat))
    _note(i18n.text("wrote_init", pick_lang(lang, prof.language), path=output, count=count, profile=prof.id))


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="answers | catalog | profile | result | "
                                        "portfolio | check | assess")] = "answers",
) -> None:
    """Print the JSON Schema of a dibcyber file format (for editors and validators)."""
    from dibcyber import schemas

    sys.stdout.write(schemas.render(kind))


# --- entry point -------------------------------------------------------------------------------


def _escape_usage_errors() -> None:
    """The command-line parser's own messages quote what was typed (``No such option: …``): show control
    and bidirectional characters there escaped too, like every dibcyber message."""
    from dibcyber.errors import shown

    exceptions = getattr(getattr(typer, "_click", None), "exceptions", None)
    base = getattr(exceptions, "ClickException", None)
    if base is None:
        return
    for cls in vars(exceptions).values():  # every class that words its own message (NoSuchOption, …)
        own = vars(cls).get("format_message") if isinstance(cls, type) and issubclass(cls, base) else None
        if own is not None and not getattr(own, "_escaped", False):
            setattr(cls, "format_message", _escaping(own, shown))  # noqa: B010 - a class found at run time


def _escaping(original: Any, shown: Any) -> Any:
    def format_message(self: Any) -> str:
        return str(shown(original(self)))

    format_message._escaped = True  # type: ignore[attr-defined]
    return format_message


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the app and turn every outcome into an exit code.

    The command-line parser reports its own usage errors (exit 2) and Ctrl-C (exit 130); everything
    dibcyber raises on purpose is a ``DibcyberError`` and carries its exit code.
    """
    setup_process()  # consoles that cannot show every character, readers that close the pipe early, GC
    _escape_usage_errors()
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    command = typer.main.get_command(app)
    try:
        command.main(args=args, prog_name="dibcyber", standalone_mode=True)
        code: int = ExitCode.OK
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (ExitCode.OK if e.code is None else ExitCode.USAGE)
    except StreamWriteError:
        code = ExitCode.WRITE_REFUSED  # reported below, once
    except DibcyberError as e:
        _report_error(e, _error_lang(args))
        code = e.exit_code
    except KeyboardInterrupt:
        _error(i18n.text("interrupted", _error_lang(args)), _error_lang(args))
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = ExitCode.OK
    except Exception as e:
        if debug:  # the traceback, and still exit 70: CI must tell a bug from a failed gate (exit 1)
            import traceback

            traceback.print_exc()
        lang = _error_lang(args)
        _error(i18n.text("internal", lang, kind=type(e).__name__,
                         then=i18n.text("internal_debug" if debug else "internal_rerun", lang)), lang)
        code = ExitCode.INTERNAL
    failure = _stdout_failure()  # a full disk, a closed descriptor: exit 4, never a traceback at exit
    if failure is not None:
        _error(failure.render(), _error_lang(args))
        code = ExitCode.WRITE_REFUSED
    sys.exit(int(code))


def _report_error(e: DibcyberError, lang: Lang) -> None:
    """An error the user can act on, on standard error, in their language."""
    if lang == "ja":
        from dibcyber.errors_ja import render as render_ja

        _error(render_ja(e), lang)
    else:
        _error(e.render(), lang)


def _check_output(target: Path, inputs: list[Path], option: str) -> None:
    """Refuse an output that is an input or not a regular file (see ``safeio.check_output``)."""
    from dibcyber.safeio import check_output

    check_output(target, inputs, option=option)


def _error_lang(args: list[str]) -> Lang:
    """The user's language for error messages: --lang (-l) on the command line, else the locale."""
    for i, arg in enumerate(args):
        if arg in ("--lang", "-l") and i + 1 < len(args):
            return "ja" if args[i + 1] == "ja" else "en"
        if arg.startswith("--lang="):
            return "ja" if arg.endswith("=ja") else "en"
    return locale_lang()


def _stdout_failure() -> DibcyberError | None:
    """Flush standard output now and return the write error it met during the run, if any."""
    import contextlib

    from dibcyber.console import write_failure

    with contextlib.suppress(DibcyberError, OSError, ValueError, AttributeError):
        sys.stdout.flush()  # an error is kept by the stream and returned below
    return write_failure()


def _note(message: str) -> None:
    """One line on standard error, control and bidirectional characters shown escaped (``errors.shown``)."""
    from dibcyber.errors import shown

    typer.echo(shown(message), err=True)


def _error(message: str, lang: Lang = "en") -> None:
    from dibcyber.errors import shown

    try:
        sys.stderr.write(i18n.text("error", lang, message=shown(message)) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # standard error itself is gone: the exit code says it
        pass
