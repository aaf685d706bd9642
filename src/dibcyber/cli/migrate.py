"""``dibcyber migrate``: answers carried to another profile."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

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
    registry,
)

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
    from dibcyber.app import migrate as mig
    from dibcyber.app import pipeline
    from dibcyber.engine.checks import selected
    from dibcyber.errors import Msg, UsageError, WriteRefusedError
    from dibcyber.io.yamlio import atomic_write
    from dibcyber.report import worklist as wl

    State.paths += path or []
    wl_fmt = None
    if worklist is not None:
        wl_fmt = _WORKLIST_FORMATS.get(worklist.suffix.lower())
        if wl_fmt is None:
            raise UsageError(Msg("cli.worklist_format_unknown", name=str(worklist)),
                             hint=Msg("cli.worklist_format.hint"))
    if output is not None and worklist is not None and output.resolve() == worklist.resolve():
        raise UsageError(Msg("cli.worklist_same_file", path=str(output)), hint=Msg("cli.worklist_same_file.hint"))
    for target, option in ((output, "-o"), (worklist, "--worklist")):
        if target is not None and target.exists() and not force:
            raise WriteRefusedError(Msg("write.exists", path=str(target)), hint=Msg("write.use_force.hint"))
        if target is not None:
            check_output(target, [answers], option)
    reg = registry()
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
        note(i18n.text("wrote", language, path=worklist))
    if output is not None:
        atomic_write(output, text)
        note(i18n.text("wrote", language, path=output))
    else:
        sys.stdout.write(text)
    counts: dict[str, int] = {}
    for item in work.items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    labels = wl.LABELS[language]
    kinds = ", ".join(f"{labels[k]} {v}" for k, v in counts.items())
    if language == "ja":
        note(f"{target_prof.id} への移行: {work.written}件の要件を書き出した（そのまま移行 {work.carried}件、"
              f"統合 {work.merged}件、分割 {work.written - work.carried - work.merged}件）。"
              f"作業リスト {len(work.items)}件: {kinds}")
    else:
        note(f"{work.written} requirements written for {target_prof.id} ({work.carried} carried one-to-one, "
              f"{work.merged} merged, {work.written - work.carried - work.merged} split); worklist "
              f"{len(work.items)} items: {kinds}")
