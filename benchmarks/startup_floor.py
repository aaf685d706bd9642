#!/usr/bin/env python3
"""The least any typer command with `assess`'s options can cost: a floor for bench_startup.py.

    python benchmarks/startup_floor.py assess ANSWERS     # parses assess's options, does nothing

It imports what every dibcyber command needs before it does any work (typer, pydantic's BaseModel,
ruamel.yaml) and declares `assess`'s ten parameters with the same types. typer 0.2x validates each
parameter with a pydantic TypeAdapter built when the command runs, so this floor includes that too.
Nothing of dibcyber is imported.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import ruamel.yaml  # noqa: F401
import typer
from pydantic import BaseModel  # noqa: F401

app = typer.Typer(add_completion=False)


class Format(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


@app.command()
def assess(
    answers: Annotated[Path, typer.Argument()],
    profile: Annotated[str | None, typer.Option("--profile", "-p")] = None,
    path: Annotated[list[Path] | None, typer.Option("--path")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    top: Annotated[int, typer.Option("--top")] = 10,
    interactive: Annotated[bool, typer.Option("--interactive", "-i")] = False,
    revisit: Annotated[bool, typer.Option("--all")] = False,
    family: Annotated[list[str] | None, typer.Option("--family")] = None,
    also: Annotated[list[str] | None, typer.Option("--also")] = None,
) -> None:
    """Parse assess's options and stop."""


@app.command()
def version() -> None:
    """A second command, so that the app is a group as dibcyber's is."""


if __name__ == "__main__":
    app()
