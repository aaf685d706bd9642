"""``dibcyber check``, ``diff`` and ``history``: gates and comparisons for CI."""


import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dibcyber.cli.base import (
    LangOpt,
    OutputFormat,
    PathOpt,
    State,
    app,
    check_output,
    emit,
    locale_lang,
    pick_lang,
    registry,
    report_error,
    say,
)
from dibcyber.errors import DibcyberError, ExitCode


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
    from dibcyber.app import checking, pipeline

    State.paths += path or []
    request = checking.CheckRequest(
        min_sprs=min_sprs, min_conformance=tuple(min_conformance or ()), require=tuple(require or ()),
        require_cmmc_conditional=require_cmmc_conditional, baseline=baseline, evidence=evidence,
        max_evidence_age=max_evidence_age, min_evidence_coverage=min_evidence_coverage,
        fail_on_scan_contradiction=fail_on_scan_contradiction, profile=profile,
        lang=pick_lang(lang) if lang else None, default_lang=locale_lang(), fail_on=fail_on.value)
    checking.vet_baseline(baseline, request.fail_on, len(answers))
    checking.thresholds(request.min_conformance, None)  # a wrong threshold is a usage error before any file
    reg = registry()
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
            report_error(e, request.lang or locale_lang())  # one broken file hides no other's results
            worst = max(worst, int(e.exit_code))
    _write_check_outputs(runs, fmt, junit_file, sarif_file, request.fail_on)
    if not all(r.passed for r in runs):
        worst = max(worst, int(ExitCode.FINDINGS))
    if worst:
        raise typer.Exit(worst)


def _vet_ci_outputs(junit_file: Path | None, sarif_file: Path | None, inputs: list[Path]) -> None:
    from dibcyber.errors import Msg, WriteRefusedError, os_reason

    if junit_file is not None and sarif_file is not None:
        check_output(sarif_file, [junit_file], "--sarif")
    for target, option in ((junit_file, "--junit"), (sarif_file, "--sarif")):
        if target is not None:
            check_output(target, inputs, option)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)  # CI jobs name report folders that may not exist
            except OSError as e:
                raise WriteRefusedError(Msg("write.failed", path=str(target), reason=os_reason(e))) from e


def _write_check_outputs(runs: list[Any], fmt: CheckFormat, junit_file: Path | None, sarif_file: Path | None,
                         mode: str) -> None:
    """Print and write what `check` produced for each file: the table, JSON (one document, or a list for
    several files), GitHub annotations and summary, JUnit and SARIF (one file for all answers files)."""
    from dibcyber.io.atomic import atomic_write

    if not runs:
        return
    language = runs[0].result.language
    if junit_file or sarif_file or fmt is CheckFormat.github:
        from dibcyber.exchange import ci_output

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
        emit(docs[0] if len(docs) == 1 else docs, OutputFormat.json)
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
        from dibcyber.cli import terminal

        for r in runs:
            if len(runs) > 1:
                say(f"== {r.answers}")
            terminal.check_summary(r.result, r.outcomes, r.result.language)


def _regressed(run: Any, mode: str) -> frozenset[str] | None:
    """In regression mode, the requirements that regressed (the others not met are known, not failures)."""
    if mode != "regression" or run.comparison is None:
        return None
    return frozenset(c.id for c in run.comparison.regressions)


def _uri(path: Path) -> str:
    """The answers file as a repository-relative URI when in git (what code-scanning expects)."""
    from dibcyber.io import gitio

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
    from dibcyber.app import pipeline
    from dibcyber.cli import terminal
    from dibcyber.engine import compare

    State.paths += path or []
    reg = registry()
    after_loaded = pipeline.load_spec(new)
    before_loaded = pipeline.load_spec(old, after_loaded.path)
    explicit = pick_lang(lang) if lang else None
    after = pipeline.assess(reg, after_loaded, profile=profile, lang=explicit, default_lang=locale_lang())
    before = pipeline.assess(reg, before_loaded, profile=profile or after.profile, lang=after.language)
    comparison = compare.compare(before, after, before_loaded.name, after_loaded.name)
    if fmt is TextFormat.json:
        emit(comparison.model_dump(mode="json"), OutputFormat.json)
    else:
        text = terminal.diff_text(comparison, after.language, markdown=fmt is TextFormat.md)
        sys.stdout.write(text)
    from dibcyber.engine import gates

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
    from dibcyber.app import history as history_of
    from dibcyber.app import pipeline
    from dibcyber.cli import terminal
    from dibcyber.io.atomic import atomic_write
    from dibcyber.report import charts

    State.paths += path or []
    reg = registry()
    points = history_of.points(reg, answers, profile)
    if svg is not None:
        check_output(svg, pipeline.input_files(reg, answers), "--svg")
        atomic_write(svg, charts.history([(p.date.isoformat(), p.sprs, p.conformance) for p in points],
                                         f"dibcyber history: {answers.name}", lang=pick_lang(lang)))
    if fmt is TextFormat.json:
        emit([p.model_dump(mode="json") for p in points], OutputFormat.json)  # schema: history
    else:
        sys.stdout.write(terminal.history_text(points, markdown=fmt is TextFormat.md))
