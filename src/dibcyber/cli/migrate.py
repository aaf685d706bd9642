"""``dibcyber migrate``: answers carried to another profile."""


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
    note,
    pick_lang,
    registry,
    user_lang,
)
from dibcyber.io.outputs import choose_format, vet_output


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
    from dibcyber.errors import Msg, UsageError
    from dibcyber.io.atomic import atomic_write
    from dibcyber.report import worklist as wl

    State.paths += path or []
    wl_fmt = None
    if worklist is not None:
        wl_fmt = choose_format(worklist, None, ["md", "html", "xlsx", "json"], on_stdout="md", option="--worklist",
                               example="worklist")
    if output is not None and worklist is not None and output.resolve() == worklist.resolve():
        raise UsageError(Msg("cli.worklist_same_file", path=str(output)), hint=Msg("cli.worklist_same_file.hint"))
    for target, option in ((output, "-o"), (worklist, "--worklist")):
        if target is not None:
            vet_output(target, [answers], option=option, force=force)
    done = mig.run(registry(), answers, to, written_as=output)
    work, text = done.worklist, done.text
    language = pick_lang(lang, done.language)
    if worklist is not None and wl_fmt is not None:
        atomic_write(worklist, wl.render(work, wl_fmt, language))
        note(i18n.text("wrote", user_lang(lang), path=worklist))
    if output is not None:
        atomic_write(output, text)
        note(i18n.text("wrote", user_lang(lang), path=output))
    else:
        sys.stdout.write(text)
    counts: dict[str, int] = {}
    for item in work.items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    said = user_lang(lang)  # what the command line says: the user's language; the worklist: the target's
    labels = wl.LABELS[said]
    kinds = ("、" if said == "ja" else ", ").join(
        f"{labels[k]}{v}件" if said == "ja" else f"{labels[k]} {v}" for k, v in counts.items())
    note(i18n.text("migrated", said, profile=done.target_profile, written=work.written, carried=work.carried,
                   merged=work.merged, split=work.written - work.carried - work.merged, items=len(work.items),
                   kinds=kinds))
