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

from dibcyber import __version__
from dibcyber.errors import DibcyberError, ExitCode

if TYPE_CHECKING:
    from dibcyber.models.base import Lang
else:  # keep pydantic off the start-up path of --help and --version
    Lang = Literal["ja", "en"]

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
) -> None:
    State.paths = list(path or [])


def locale_lang() -> Lang:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def pick_lang(explicit: LangOption | None, default: Lang | None = None) -> Lang:
    if explicit is not None:
        return "ja" if explicit is LangOption.ja else "en"
    return default or locale_lang()


def _registry() -> Any:
    from dibcyber.registry import Registry

    return Registry(State.paths)


def _emit(data: Any, fmt: OutputFormat) -> None:
    from dibcyber import output

    sys.stdout.write(output.serialise(data, fmt.value))


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
                   ".json": "json", ".csv": "csv"}


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


@app.command()
def report(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="The answers YAML file.")],
    kind: Annotated[ReportKind, typer.Option("--kind", "-k", help="gap: gap analysis report; plan: system "
                    "security implementation plan; poam: plan of action and milestones.")] = ReportKind.gap,
    fmt: Annotated[ReportFormat | None, typer.Option("--format", "-f", help="html | pdf | md | json | csv; "
                   "default: from the output file's suffix, else md.", show_default=False)] = None,
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
    path: PathOpt = None,
) -> None:
    """Render a gap report, implementation plan or POA&M as HTML, PDF, Markdown, JSON or CSV."""
    from dibcyber import pipeline
    from dibcyber.errors import InvalidInputError, Problem, UsageError
    from dibcyber.report import Options, render
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    suffix = Path(output).suffix.lower()
    if fmt is None and output != "-" and suffix not in _SUFFIX_FORMATS:
        raise UsageError(f"cannot tell the format from '{output}'",
                         hint="use a .html, .pdf, .md, .json or .csv file name, or --format")
    chosen = fmt.value if fmt else _SUFFIX_FORMATS.get(suffix, "md") if output != "-" else "md"
    if chosen == "pdf" and output == "-":
        raise UsageError("a PDF cannot go to standard output", hint="name a file with -o report.pdf")
    if templates is not None and not templates.is_dir():
        raise InvalidInputError(Problem("is not a folder", file=str(templates)))
    logo_bytes = logo_type = None
    if logo is not None:
        logo_type = _LOGO_TYPES.get(logo.suffix.lower())
        if logo_type is None:
            raise InvalidInputError(Problem("not a PNG, JPEG, GIF, WebP or SVG file", file=str(logo)))
        from dibcyber.safeio import read_bytes_limited

        logo_bytes = read_bytes_limited(logo, what="logo")
    reg = _registry()
    result = pipeline.assess(reg, answers, profile=profile, lang=pick_lang(lang) if lang else None,
                             default_lang=locale_lang())
    if output != "-":
        _check_output(Path(output), pipeline.input_files(reg, answers, logo, font, templates), "-o")
    options = Options(kind=kind.value, fmt=chosen, lang=result.language, marking=marking,  # type: ignore[arg-type]
                      logo=logo_bytes, logo_type=logo_type, templates=templates, font=font)
    data = render(result, options)
    if output == "-":
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
    else:
        atomic_write(Path(output), data)
        typer.echo(f"wrote {output}", err=True)


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


@app.command()
def check(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="The answers YAML file.")],
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
                        "file, or git:REF (the same file at a git revision).", show_default=False)] = None,
    evidence: Annotated[bool, typer.Option("--evidence", help="Fail on missing, changed, expired, too old or "
                        "escaping evidence files.")] = False,
    max_evidence_age: Annotated[int | None, typer.Option("--max-evidence-age", min=1, metavar="DAYS",
                                                         help="Days; evidence "
                                "older than this fails the evidence gate (implies --evidence).",
                                show_default=False)] = None,
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
    import datetime as dt

    from dibcyber import ci_output, compare, gates, pipeline
    from dibcyber import evidence as ev
    from dibcyber.errors import UsageError, WriteRefusedError
    from dibcyber.yamlio import atomic_write

    State.paths += path or []
    reg = _registry()
    loaded = pipeline.load_answers(answers)
    prof = pipeline.profile_for(reg, loaded, profile)
    result, lines = pipeline.assess_with_lines(reg, loaded, profile=profile, lang=pick_lang(lang) if lang else None,
                                               default_lang=locale_lang())
    language = result.language
    overall, per_family = prof.gates.min_conformance, {}
    for item in min_conformance or []:
        name, _, value = item.rpartition("=")
        try:
            ratio = float(value)
        except ValueError:
            raise UsageError(f"--min-conformance {item}: not a number", hint="e.g. 0.9 or ORG-GOV=1.0") from None
        if not 0 <= ratio <= 1:
            raise UsageError(f"--min-conformance {item}: a ratio between 0 and 1")
        if name:
            per_family[name] = ratio
        else:
            overall = ratio
    spec = gates.GateSpec(
        min_sprs=min_sprs if min_sprs is not None else prof.gates.min_sprs,
        min_conformance=overall, category_conformance=per_family,
        require=tuple(require or prof.gates.require),
        require_cmmc_conditional=require_cmmc_conditional or prof.gates.require_cmmc_conditional,
        baseline=baseline is not None,
        evidence=evidence or max_evidence_age is not None or prof.gates.evidence)
    comparison = None
    if baseline is not None:
        from dibcyber.gitio import NotAtRevision

        try:
            before_loaded = pipeline.load_spec(baseline, answers)
        except NotAtRevision:
            before_loaded = None  # a new file: nothing to regress from
        if before_loaded is not None:
            before = pipeline.assess(reg, before_loaded, profile=profile or prof.id, lang=language)
            comparison = compare.compare(before, result, baseline, str(answers))
    report = None
    if spec.evidence:
        report = ev.check(loaded.answers, answers, dt.date.today(),
                          max_evidence_age or prof.gates.evidence_max_age_days, text=loaded.text)
    outcomes = gates.evaluate(result, spec, comparison, report)
    uri = _uri(answers)
    baseline_file = Path(baseline) if baseline and not baseline.startswith("git:") else None
    inputs = pipeline.input_files(reg, answers, baseline_file)
    if junit_file is not None and sarif_file is not None:
        _check_output(sarif_file, [junit_file], "--sarif")
    for target, option in ((junit_file, "--junit"), (sarif_file, "--sarif")):
        if target is not None:
            _check_output(target, inputs, option)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)  # CI jobs name report folders that may not exist
            except OSError as e:
                raise WriteRefusedError(f"cannot write {target}: {e.strerror}") from e
    if junit_file:
        atomic_write(junit_file, ci_output.junit(result, outcomes, str(answers), language))
    if sarif_file:
        atomic_write(sarif_file, ci_output.sarif_text(result, uri, lines, language))
    if fmt is CheckFormat.json:
        doc = result.model_dump(mode="json")
        doc["gates"] = [o.model_dump(mode="json") for o in outcomes]
        doc["passed"] = all(o.passed for o in outcomes)
        if comparison:
            doc["baseline"] = comparison.model_dump(mode="json")
        if report:
            doc["evidence"] = report.model_dump(mode="json")
        _emit(doc, OutputFormat.json)
    elif fmt is CheckFormat.github:
        sys.stdout.write(ci_output.github_annotations(result, outcomes, uri, lines, language))
        summary = ci_output.markdown_summary(result, outcomes, language)
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:
            with Path(step_summary).open("a", encoding="utf-8") as f:
                f.write(summary)
        else:
            sys.stdout.write(summary)
    else:
        from dibcyber import terminal

        terminal.check_summary(result, outcomes, language)
    if not all(o.passed for o in outcomes):
        raise typer.Exit(int(ExitCode.FINDINGS))


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


@app.command()
def history(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="An answers file tracked by git.")],
    svg: Annotated[Path | None, typer.Option("--svg", help="Also write the scores over time as an SVG chart.",
                   show_default=False)] = None,
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="table | md | json")] = TextFormat.table,
    profile: Annotated[str | None, typer.Option("--profile", "-p", show_default=False)] = None,
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
                                         f"dibcyber history: {answers.name}"))
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

    count = ev.lock(answers, to_lock_file=lock_file)
    target = ev.lock_path(answers) if lock_file else answers
    typer.echo(f"locked {count} evidence files in {target}")


@evidence_app.command("check")
def evidence_check(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS")],
    max_age: Annotated[int | None, typer.Option("--max-age", min=1, help="Days; older evidence is a problem.",
                       show_default=False)] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Report missing, changed, expired, too old or escaping evidence; exit 1 when there is any."""
    import datetime as dt

    from dibcyber import evidence as ev
    from dibcyber import pipeline, terminal

    loaded = pipeline.load_answers(answers)
    report = ev.check(loaded.answers, answers, dt.date.today(), max_age, text=loaded.text)
    if fmt is OutputFormat.table:
        terminal.evidence_table(report)
    else:
        _emit(report.model_dump(mode="json"), fmt)
    if report.problems:
        raise typer.Exit(int(ExitCode.FINDINGS))


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
    from dibcyber.report.tabular import safe_cell
    from dibcyber.report.templating import md_escape

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
    typer.echo(f"wrote {output}: {count} requirements of profile {prof.id}; fill it in, then: dibcyber assess {output}")


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="answers | catalog | profile | result")] = "answers",
) -> None:
    """Print the JSON Schema of a dibcyber file format (for editors and validators)."""
    from dibcyber import schemas

    sys.stdout.write(schemas.render(kind))


# --- entry point -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the app and turn every outcome into an exit code.

    The command-line parser reports its own usage errors (exit 2) and Ctrl-C (exit 130); everything
    dibcyber raises on purpose is a ``DibcyberError`` and carries its exit code.
    """
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    command = typer.main.get_command(app)
    try:
        command.main(args=args, prog_name="dibcyber", standalone_mode=True)
        code: int = ExitCode.OK
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (ExitCode.OK if e.code is None else ExitCode.USAGE)
    except DibcyberError as e:
        _error(e.render())
        code = e.exit_code
    except KeyboardInterrupt:
        _error("interrupted")
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = ExitCode.OK
    except Exception as e:
        if debug:  # the traceback, and still exit 70: CI must tell a bug from a failed gate (exit 1)
            import traceback

            traceback.print_exc()
        _error(f"internal error: {type(e).__name__}. This is a bug in dibcyber; "
               + ("please report the traceback above." if debug else "run again with --debug and report "
                  "the traceback."))
        code = ExitCode.INTERNAL
    sys.exit(int(code))


def _check_output(target: Path, inputs: list[Path], option: str) -> None:
    """Refuse an output that is an input or not a regular file (see ``safeio.check_output``)."""
    from dibcyber.safeio import check_output

    check_output(target, inputs, option=option)


def _error(message: str) -> None:
    sys.stderr.write(f"dibcyber: error: {message}\n")
