"""``dibcyber export`` and ``import``: supplier workbooks and OSCAL."""


import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from dibcyber import i18n
from dibcyber.cli.base import (
    LangOpt,
    PathOpt,
    State,
    check_output,
    export_app,
    import_app,
    locale_lang,
    note,
    pick_lang,
    registry,
    user_lang,
)
from dibcyber.io.outputs import vet_output


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
    from dibcyber.app import pipeline
    from dibcyber.engine.checks import selected
    from dibcyber.errors import Msg, UsageError
    from dibcyber.exchange import workbook_export
    from dibcyber.io.atomic import atomic_write

    State.paths += path or []
    if answers is None and profile is None:
        raise UsageError(Msg("cli.export_needs_input"))
    vet_output(output, [answers], force=force)
    reg = registry()
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
    spec = workbook_export.ExportSpec(profile=prof, catalog=cat, ids=tuple(selected(prof, cat)), lang=language,
                               objectives=objectives, answers=loaded.answers if loaded else None,
                               resolved=resolved, return_to=return_to, source=answers.name if answers else None)
    atomic_write(output, workbook_export.export(spec))
    note(i18n.text("wrote_questionnaire", user_lang(lang), path=output, count=len(spec.ids), profile=prof.id))


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
    from dibcyber.app import pipeline
    from dibcyber.errors import Msg, WriteRefusedError, os_reason
    from dibcyber.exchange import oscal
    from dibcyber.io.atomic import atomic_write

    State.paths += path or []
    result = pipeline.assess(registry(), answers, profile=profile, lang=pick_lang(lang) if lang else None,
                             default_lang=locale_lang())
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WriteRefusedError(Msg("write.cannot_create", path=str(output), reason=os_reason(e))) from e
    for name, doc in (("assessment-results.json", oscal.assessment_results(result, result.language)),
                      ("poam.json", oscal.poam(result, result.language))):
        target = output / name
        check_output(target, pipeline.input_files(None, answers), "-o")
        atomic_write(target, oscal.dumps(doc))
        note(i18n.text("wrote", user_lang(lang), path=target))


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
    from dibcyber.app import importing
    from dibcyber.errors import Msg, UsageError
    from dibcyber.io.atomic import atomic_write

    State.paths += path or []
    if output is not None and into is not None:
        raise UsageError(Msg("cli.o_or_into"))
    if output is not None:
        vet_output(output, [file], force=force, merge_option="--into")
    elif into is not None:
        check_output(into, [file], "--into")
    reg = registry()
    if into is not None:
        outcome, editable = importing.merge(reg, file, into, force=force)
    else:
        outcome = importing.fresh(reg, file, force=force)
    for w in outcome.warnings:
        note(i18n.text("warning", locale_lang(), message=w.render(locale_lang())))
    lang = locale_lang()
    for c in outcome.changes if into is not None else []:
        note(i18n.text("import_change", lang, kind=i18n.text(f"change_{c.kind}", lang), requirement=c.requirement,
                       fields=", ".join(c.fields)))
    for c in outcome.conflicts:
        for d in c.detail:
            note(i18n.text("import_overridden", lang, requirement=c.requirement, detail=d.render(lang)))
    note(i18n.text("import_summary", lang, changed=len(outcome.changes), unchanged=outcome.unchanged))
    if into is not None:
        if not dry_run and outcome.changes:
            editable.save(outcome.text)
            note(i18n.text("updated", locale_lang(), path=into))
    elif output is not None:
        atomic_write(output, outcome.text)
        note(i18n.text("wrote", locale_lang(), path=output))
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
    from dibcyber.app import scanimport
    from dibcyber.errors import Msg, UsageError

    State.paths += path or []
    target = into or output
    if (into is None) == (output is None) or target is None:
        raise UsageError(Msg("cli.into_or_o"))
    if output is not None:
        vet_output(output, [file], force=force, merge_option="--into")
    else:
        check_output(target, [file], "--into")
    reg = registry()
    outcome = (scanimport.merge(reg, file, into) if into is not None
               else scanimport.fresh(reg, file, target, profile))
    _scan_notes(outcome)
    if not dry_run and outcome.changes:
        outcome.save()
        note(i18n.text("updated" if into else "wrote", locale_lang(), path=target))


def _scan_notes(outcome: Any) -> None:
    lang, m = locale_lang(), outcome.mapping
    for rid, kind in outcome.changes:
        note(i18n.text("scan_change", lang, kind=i18n.text(f"change_{kind}", lang), requirement=rid))
    note(i18n.text("scan_mapped", lang, direct=m.direct, derived=m.derived, unmapped=len(m.unmapped),
                    requirements=len(m.findings), path=outcome.evidence))
    for rid in outcome.contradictions:
        note(i18n.text("warning", lang, message=i18n.text("scan_contradiction", lang, requirement=rid)))
