"""Where a command's output goes: the format a file name asks for, and whether the file may be written.

One table of file suffixes for every command that writes (``report``, ``portfolio``, ``migrate
--worklist``), and one check before writing (``vet_output``): not an input, not a folder, device or
FIFO, and not an existing file unless ``--force`` (or ``--into``) says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from dibcyber.errors import Msg, UsageError, WriteRefusedError
from dibcyber.io.safeio import check_output

SUFFIXES: dict[str, str] = {
    ".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".markdown": "md", ".json": "json",
    ".csv": "csv", ".xlsx": "xlsx", ".docx": "docx",
}
"""File suffix → output format, for every command that chooses its format from ``-o``."""

BINARY = frozenset({"pdf", "xlsx", "docx"})
"""Formats that are files, never text on standard output."""

STDOUT = "-"


def choose_format(output: str | Path | None, given: str | None, allowed: Sequence[str], *,
                  on_stdout: str, option: str = "-o", example: str = "report") -> str:
    """The format to write: ``given`` (``--format``) when set, else the one ``output``'s suffix names,
    else (standard output: ``None`` or ``-``) ``on_stdout``. A suffix outside ``allowed`` and a binary
    format on standard output are usage errors that name what would work."""
    to_stdout = output is None or str(output) == STDOUT
    if given is not None:
        chosen = given
    elif to_stdout:
        chosen = on_stdout
    else:
        chosen = SUFFIXES.get(Path(output).suffix.lower(), "")  # type: ignore[arg-type]
        if chosen not in allowed:
            names = [s for s, f in SUFFIXES.items() if f in allowed]
            raise UsageError(Msg("cli.format_unknown", name=str(output)),
                             hint=Msg("output.suffixes_or_format.hint" if option == "-o" else "output.suffixes.hint",
                                      names=names))
    if chosen in BINARY and to_stdout:
        raise UsageError(Msg("cli.binary_stdout", kind=chosen.upper()),
                         hint=Msg("output.name_a_file.hint", option=option, name=f"{example}.{chosen}"))
    return chosen


def vet_output(target: Path, inputs: Iterable[Path | str | None], *, option: str = "-o", force: bool = False,
               merge_option: str | None = None) -> None:
    """Refuse to write ``target`` when it is an input or not a regular file (``safeio.check_output``), or
    when it exists and ``force`` is off. ``merge_option``: an option merges into an existing file instead
    (``--into``); the hint says so."""
    check_output(target, list(inputs), option=option)
    if (target.exists() or target.is_symlink()) and not force:
        raise WriteRefusedError(Msg("write.exists", path=str(target)),
                                hint=Msg("write.use_into_or_force.hint" if merge_option else "write.use_force.hint"))
