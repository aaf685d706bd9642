"""The entry point: runs the app and turns every outcome into an exit code, in one place."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Literal

import typer

from dibcyber import i18n
from dibcyber.cli import localise
from dibcyber.cli.base import (
    app,
    error,
    locale_lang,
    report_error,
)
from dibcyber.errors import DibcyberError, ExitCode
from dibcyber.io.console import StreamWriteError
from dibcyber.io.console import setup as setup_process

if TYPE_CHECKING:
    from dibcyber.models.base import Lang
else:  # keep pydantic off the start-up path of --help and --version
    Lang = Literal["ja", "en"]

# --- entry point -------------------------------------------------------------------------------


def _escape_usage_errors() -> None:
    """The command-line parser's own messages quote what was typed (``No such option: …``): show control
    and bidirectional characters there escaped too, like every dibcyber message."""
    from dibcyber.errors import shown

    exceptions = getattr(getattr(typer, "_click", None), "exceptions", None)
    base = getattr(exceptions, "ClickException", None)
    if base is None:
        return
    for cls in vars(exceptions).values():  # every class that words its own message (NoSuchOption, …)
        own = vars(cls).get("format_message") if isinstance(cls, type) and issubclass(cls, base) else None
        if own is not None and not getattr(own, "_escaped", False):
            setattr(cls, "format_message", _escaping(own, shown))  # noqa: B010 - a class found at run time


def _escaping(original: Any, shown: Any) -> Any:
    def format_message(self: Any) -> str:
        return str(shown(original(self)))

    format_message._escaped = True  # type: ignore[attr-defined]
    return format_message


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the app and turn every outcome into an exit code.

    The command-line parser reports its own usage errors (exit 2) and Ctrl-C (exit 130); everything
    dibcyber raises on purpose is a ``DibcyberError`` and carries its exit code.
    """
    # No pydantic plugins: one installed beside dibcyber (an observability SDK's entry point) would see
    # every supplier's data dibcyber validates, and finding plugins reads the metadata of every
    # installed package on every run (about 18 ms, a twentieth of an assess).
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    setup_process()  # consoles that cannot show every character, readers that close the pipe early, GC
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    command = typer.main.get_command(app)
    localise.apply(command, _error_lang(args))  # --help and usage errors in the user's language
    _escape_usage_errors()  # after localise: what it writes is escaped too
    try:
        command.main(args=args, prog_name="dibcyber", standalone_mode=True)
        code: int = ExitCode.OK
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (ExitCode.OK if e.code is None else ExitCode.USAGE)
    except StreamWriteError:
        code = ExitCode.WRITE_REFUSED  # reported below, once
    except DibcyberError as e:
        report_error(e, _error_lang(args))
        code = e.exit_code
    except KeyboardInterrupt:
        error(i18n.text("interrupted", _error_lang(args)), _error_lang(args))
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = ExitCode.OK
    except Exception as e:
        if debug:  # the traceback, and still exit 70: CI must tell a bug from a failed gate (exit 1)
            import traceback

            traceback.print_exc()
        lang = _error_lang(args)
        error(i18n.text("internal", lang, kind=type(e).__name__,
                         then=i18n.text("internal_debug" if debug else "internal_rerun", lang)), lang)
        code = ExitCode.INTERNAL
    failure = _stdout_failure()  # a full disk, a closed descriptor: exit 4, never a traceback at exit
    if failure is not None:
        error(failure.render(_error_lang(args)), _error_lang(args))
        code = ExitCode.WRITE_REFUSED
    sys.exit(int(code))


def _error_lang(args: list[str]) -> Lang:
    """The user's language for error messages: --lang (-l) on the command line, else the locale."""
    for i, arg in enumerate(args):
        if arg in ("--lang", "-l") and i + 1 < len(args):
            return "ja" if args[i + 1] == "ja" else "en"
        if arg.startswith("--lang="):
            return "ja" if arg.endswith("=ja") else "en"
    return locale_lang()


def _stdout_failure() -> DibcyberError | None:
    """Flush standard output now and return the write error it met during the run, if any."""
    import contextlib

    from dibcyber.io.console import write_failure

    with contextlib.suppress(DibcyberError, OSError, ValueError, AttributeError):
        sys.stdout.flush()  # an error is kept by the stream and returned below
    return write_failure()
