"""``dibcyber init`` and ``schema``: a new answers file, the JSON Schemas."""


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
    note,
    pick_lang,
    registry,
)
from dibcyber.io.outputs import vet_output

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
    from dibcyber.io.atomic import atomic_write

    State.paths += path or []
    reg = registry()
    prof = reg.profile(profile)
    cat = reg.catalog(prof.catalog)
    from dibcyber.app.pipeline import input_files

    vet_output(output, input_files(reg, None), force=force)
    ref = prof.id
    if profile.endswith((".yaml", ".yml")) or os.sep in profile:  # a profile file: point to it from the output
        ref = os.path.relpath(Path(profile).resolve(), output.resolve().parent)
    text = questionnaire.render(prof, cat, pick_lang(lang, prof.language), dt.date.today(), output.name, ref)
    atomic_write(output, text)
    count = sum(1 for _ in selected(prof, cat))
    note(i18n.text("wrote_init", pick_lang(lang, prof.language), path=output, count=count, profile=prof.id))


SCHEMA_KINDS = ("answers | catalog | profile | result | portfolio | check | assess | diff | history | evidence | "
                "evidence-index | worklist | catalog-list | profile-list")
"""What ``dibcyber schema`` takes, for --help without importing the models (a test keeps it equal to
``app.schemas.KINDS``)."""


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(metavar="KIND", help=SCHEMA_KINDS)] = "answers",
) -> None:
    """Print the JSON Schema of a dibcyber file format (for editors and validators)."""
    from dibcyber.app import schemas

    sys.stdout.write(schemas.render(kind))
