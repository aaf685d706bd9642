"""``dibcyber init`` and ``schema``: a new answers file, the JSON Schemas."""

from __future__ import annotations

import os
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

    from dibcyber.engine import questionnaire
    from dibcyber.engine.checks import selected
    from dibcyber.errors import Msg, WriteRefusedError
    from dibcyber.io.yamlio import atomic_write

    State.paths += path or []
    reg = registry()
    prof = reg.profile(profile)
    cat = reg.catalog(prof.catalog)
    from dibcyber.app.pipeline import input_files

    check_output(output, input_files(reg, None), "-o")
    if (output.exists() or output.is_symlink()) and not force:
        raise WriteRefusedError(Msg("write.exists", path=str(output)), hint=Msg("write.use_force.hint"))
    ref = prof.id
    if profile.endswith((".yaml", ".yml")) or os.sep in profile:  # a profile file: point to it from the output
        ref = os.path.relpath(Path(profile).resolve(), output.resolve().parent)
    text = questionnaire.render(prof, cat, pick_lang(lang, prof.language), dt.date.today(), output.name, ref)
    atomic_write(output, text)
    count = sum(1 for _ in selected(prof, cat))
    note(i18n.text("wrote_init", pick_lang(lang, prof.language), path=output, count=count, profile=prof.id))


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="answers | catalog | profile | result | "
                                        "portfolio | check | assess")] = "answers",
) -> None:
    """Print the JSON Schema of a dibcyber file format (for editors and validators)."""
    from dibcyber.app import schemas

    sys.stdout.write(schemas.render(kind))
