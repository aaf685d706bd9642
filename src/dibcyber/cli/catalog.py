"""``dibcyber catalog`` and ``profile``: browse and validate catalogs and profiles."""


from pathlib import Path
from typing import Annotated, Any

import typer

from dibcyber.cli.base import (
    FormatOpt,
    LangOpt,
    OutputFormat,
    PathOpt,
    State,
    catalog_app,
    emit,
    pick_lang,
    profile_app,
    registry,
    say,
)

# --- catalog -----------------------------------------------------------------------------------


@catalog_app.command("list")
def catalog_list(path: PathOpt = None, fmt: FormatOpt = OutputFormat.table, lang: LangOpt = None) -> None:
    """List the catalogs dibcyber can see."""
    from dibcyber.cli import terminal
    from dibcyber.engine import views

    State.paths += path or []
    reg = registry()
    language = pick_lang(lang)
    rows = [views.catalog_summary(reg.catalog(e.id), language, "built-in" if e.builtin else str(e.path))
            for e in reg.entries("catalog")]
    if fmt is OutputFormat.table:
        terminal.catalog_list(rows, language, reg.shadowed)
    else:
        emit(rows, fmt)


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
    from dibcyber.cli import terminal
    from dibcyber.engine import views

    State.paths += path or []
    cat = registry().catalog(catalog_id)
    ids = tuple(cat.alias_index.get(r, r) for r in requirement or [])
    _check_known(cat, ids)
    flt = views.Filter(tuple(family or []), tuple(tag or []), search, ids)
    if fmt is not OutputFormat.table:
        emit(views.catalog_document(cat, flt), fmt)
    elif ids:
        terminal.requirements_detail(cat, flt, pick_lang(lang))
    else:
        terminal.catalog_table(cat, flt, pick_lang(lang))


def _check_known(cat: Any, ids: tuple[str, ...]) -> None:
    from dibcyber.engine.checks import did_you_mean
    from dibcyber.errors import InvalidInputError, Msg, Problem

    unknown = [i for i in ids if i not in cat.by_id]
    if unknown:
        raise InvalidInputError([Problem(Msg("catalog.no_requirement", id=i, catalog=cat.id),
                                         hint=did_you_mean(i, cat.alias_index)) for i in unknown])


@catalog_app.command("validate")
def catalog_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Catalog or profile YAML files.")],
    path: PathOpt = None,
) -> None:
    """Check catalog or profile files: schema, duplicate IDs, families, mappings. Exit 3 on problems."""
    from dibcyber.errors import InvalidInputError

    State.paths += path or []
    reg = registry()
    problems = []
    for file in files:
        try:
            obj = reg.validate_file(file)
        except InvalidInputError as e:
            problems += e.problems
            continue
        kind = "catalog" if obj.format.startswith("dibcyber/catalog") else "profile"
        say(f"{file}: valid {kind} '{obj.id}'")
    if problems:
        raise InvalidInputError(problems)


# --- profile -----------------------------------------------------------------------------------


@profile_app.command("list")
def profile_list(path: PathOpt = None, fmt: FormatOpt = OutputFormat.table, lang: LangOpt = None) -> None:
    """List the profiles dibcyber can see."""
    from dibcyber.cli import terminal
    from dibcyber.engine import views

    State.paths += path or []
    reg = registry()
    language = pick_lang(lang)
    rows = []
    for e in reg.entries("profile"):
        prof = reg.profile(str(e.path))
        rows.append(views.profile_summary(prof, language, "built-in" if e.builtin else str(e.path)))
    if fmt is OutputFormat.table:
        terminal.profile_list(rows, language)
    else:
        emit(rows, fmt)


@profile_app.command("show")
def profile_show(
    profile_id: Annotated[str, typer.Argument(metavar="PROFILE", help="Profile ID or path to a profile file.")],
    path: PathOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    lang: LangOpt = None,
) -> None:
    """Show a profile: catalogs, selection, scoring methods, gates."""
    from dibcyber.cli import terminal
    from dibcyber.engine import views
    from dibcyber.engine.checks import selected

    State.paths += path or []
    reg = registry()
    prof = reg.profile(profile_id)
    if fmt is not OutputFormat.table:
        emit(views.profile_document(prof), fmt)
        return
    cat = reg.catalog(prof.catalog)
    terminal.profile_detail(prof, cat, list(selected(prof, cat)), pick_lang(lang, prof.language))
