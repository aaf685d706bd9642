"""What every command shares: the typer app and its groups, option types, the language, notes on
standard error."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from dibcyber import __version__, i18n
from dibcyber.errors import DibcyberError

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
        say(f"dibcyber {__version__}")
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
    if encoding is not None or "dibcyber.io.encoding" in sys.modules:  # (re)set: one process may run many commands
        from dibcyber.io.encoding import set_input_encoding

        set_input_encoding(encoding)


def locale_lang() -> Lang:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def user_lang(explicit: LangOption | None) -> Lang:
    """The language for what the command line says about its work: --lang, else the locale's."""
    return pick_lang(explicit) if explicit else locale_lang()


def pick_lang(explicit: LangOption | None, default: Lang | None = None) -> Lang:
    if explicit is not None:
        return "ja" if explicit is LangOption.ja else "en"
    return default or locale_lang()


def registry() -> Any:
    from dibcyber.io.registry import Registry

    return Registry(State.paths)


def emit(data: Any, fmt: OutputFormat) -> None:
    from dibcyber.io import console, output

    text = output.serialise(data, fmt.value)
    if not console.can_encode(text):  # a cp932 console: escaped, not degraded, so the data stays exact
        text = output.serialise(data, fmt.value, ascii_only=True)
    sys.stdout.write(text)


evidence_app = typer.Typer(help="Lock and check the evidence files answers cite.", no_args_is_help=True)
export_app = typer.Typer(help="Questionnaires for suppliers (XLSX) and OSCAL documents.", no_args_is_help=True)
import_app = typer.Typer(help="Read returned questionnaires and scan results back into answers.",
                         no_args_is_help=True)
app.add_typer(evidence_app, name="evidence")
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


def report_error(e: DibcyberError, lang: Lang) -> None:
    """An error the user can act on, on standard error, in their language."""
    error(e.render(lang), lang)


def check_output(target: Path, inputs: list[Path], option: str) -> None:
    """Refuse an output that is an input or not a regular file (see ``safeio.check_output``)."""
    from dibcyber.io.safeio import check_output

    check_output(target, inputs, option=option)




def note(message: str) -> None:
    """One line on standard error, control and bidirectional characters shown escaped (``errors.shown``)."""
    from dibcyber.errors import shown

    say(shown(message), err=True)


def say(text: str, *, err: bool = False) -> None:
    """One line on standard output (or error) through the process's own stream wrapper (``io.console``),
    where a reader that went away (``| head``) is not an error. typer.echo opens its own stream on the
    same descriptor, so a closed pipe became click's exit 1 in the middle of a command (an import stopped
    before saving)."""
    stream = sys.stderr if err else sys.stdout
    try:
        stream.write(text + "\n")
        stream.flush()
    except BrokenPipeError:  # standard error is not wrapped on a UTF-8 console: the reader went away
        from dibcyber.io.console import reader_gone

        reader_gone(stream)


def error(message: str, lang: Lang = "en") -> None:
    from dibcyber.errors import shown

    try:
        sys.stderr.write(i18n.text("error", lang, message=shown(message)) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # standard error itself is gone: the exit code says it
        pass
