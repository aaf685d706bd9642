"""Spreadsheets in and out, safely.

Writing: every text dibcyber puts in a cell is stored as a string with Excel's "quote prefix", so a value
such as ``=HYPERLINK(...)``, ``+1``, ``-1``, ``@SUM(1)`` or one starting with a tab or carriage return
is shown as the text it is and never becomes a formula — neither when the file is opened nor when
someone edits the cell later.

Reading: a workbook is untrusted input, usually from another company. Before openpyxl sees it, the ZIP
container is checked against limits (file size, number of parts, uncompressed size, compression ratio),
so that a ZIP bomb is refused without being inflated. XML is parsed through defusedxml (no entity
expansion, no external entities); external links and macros are never followed or run; formulas are
read as their literal text and never evaluated.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dibcyber.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class Limits:
    """Bounds on an untrusted workbook. Each can be raised with an environment variable (see README)."""

    file_bytes: int = 20 * 1024 * 1024
    parts: int = 2_000
    uncompressed_bytes: int = 200 * 1024 * 1024
    ratio: int = 200
    cells: int = 500_000

    @classmethod
    def from_env(cls) -> Limits:
        def get(name: str, default: int) -> int:
            value = os.environ.get(name, "")
            return int(value) if value.isdigit() and int(value) > 0 else default

        base = cls()
        return cls(file_bytes=get("DIBCYBER_XLSX_MAX_BYTES", base.file_bytes),
                   parts=base.parts,
                   uncompressed_bytes=get("DIBCYBER_XLSX_MAX_UNCOMPRESSED", base.uncompressed_bytes),
                   ratio=base.ratio,
                   cells=get("DIBCYBER_XLSX_MAX_CELLS", base.cells))


def set_text(cell: Cell, value: Any) -> None:
    """Put ``value`` in ``cell`` so that it can never become a formula."""
    if value is None or value == "":
        cell.value = None
        return
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        cell.value = value
        return
    text = clean_text(str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl would store a leading '=' as a formula
    if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS[:4]):
        cell.quotePrefix = True  # Excel and LibreOffice keep it text when the cell is edited


def clean_text(text: str) -> str:
    """Characters XML 1.0 cannot hold (control characters other than tab and line breaks) removed."""
    return "".join(c for c in text if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))


def check_container(path: Path, limits: Limits, name: str) -> list[str]:
    """Refuse what is not a regular file within limits, or not a ZIP, or a ZIP bomb. Returns warnings
    (external links, macros) about parts that will be ignored."""
    try:
        info = path.stat()
    except OSError as e:
        raise InvalidInputError(Problem(f"cannot read: {e.strerror}", file=name)) from None
    import stat

    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise InvalidInputError(Problem(f"is {kind}; expected an .xlsx workbook", file=name))
    if info.st_size > limits.file_bytes:
        raise InvalidInputError(Problem(
            f"the workbook is {info.st_size:,} bytes, more than the limit of {limits.file_bytes:,}", file=name,
            hint="a questionnaire is far smaller; if this one is genuine, raise DIBCYBER_XLSX_MAX_BYTES"))
    try:
        with zipfile.ZipFile(path) as zf:
            entries = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InvalidInputError(Problem(
            "not an .xlsx workbook (not a ZIP container)", file=name,
            hint="save it in Excel as 'Excel Workbook (*.xlsx)'; .xls and .csv files are not read")) from None
    if len(entries) > limits.parts:
        raise InvalidInputError(Problem(f"the workbook has {len(entries):,} parts, more than {limits.parts:,}",
                                        file=name))
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1_000_000 and ratio > limits.ratio:
            raise InvalidInputError(Problem(
                f"part '{entry.filename[:80]}' expands {ratio:,.0f} times (a ZIP bomb?); refused", file=name))
    if total > limits.uncompressed_bytes:
        raise InvalidInputError(Problem(
            f"the workbook expands to {total:,} bytes, more than the limit of {limits.uncompressed_bytes:,}",
            file=name, hint="if this is genuine, raise DIBCYBER_XLSX_MAX_UNCOMPRESSED"))
    names = {e.filename for e in entries}
    if "xl/workbook.xml" not in names:
        raise InvalidInputError(Problem("not an .xlsx workbook (no xl/workbook.xml)", file=name,
                                        hint="save it in Excel as 'Excel Workbook (*.xlsx)'"))
    warnings = []
    if any(n.startswith("xl/externalLinks/") for n in names):
        warnings.append("the workbook links to other workbooks; the links are ignored, never followed")
    if any(n.endswith("vbaProject.bin") for n in names):
        warnings.append("the workbook contains macros; they are ignored, never run")
    return warnings


def open_untrusted(path: Path, name: str, limits: Limits | None = None) -> tuple[Workbook, list[str]]:
    """Open a workbook for reading values only: formulas as text, no links, no macros."""
    limits = limits or Limits.from_env()
    warnings = check_container(path, limits, name)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except InvalidInputError:
        raise
    except Exception as e:  # openpyxl raises many kinds on a malformed file; all mean the same to a user
        raise InvalidInputError(Problem(f"cannot read the workbook: {type(e).__name__}", file=name,
                                        hint="open it in Excel or LibreOffice and save it again as .xlsx")) from None
    return wb, warnings


def rows(ws: Worksheet, budget: list[int], name: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(1-based row number, values) of a read-only sheet, counting cells against a shared budget."""
    try:
        for number, values in enumerate(ws.iter_rows(values_only=True), 1):
            budget[0] -= len(values)
            if budget[0] < 0:
                raise InvalidInputError(Problem("the workbook has more cells than dibcyber reads", file=name,
                                                hint="if this is genuine, raise DIBCYBER_XLSX_MAX_CELLS"))
            yield number, values
    except InvalidInputError:
        raise
    except Exception as e:
        raise InvalidInputError(Problem(f"cannot read sheet '{ws.title}': {type(e).__name__}", file=name,
                                        hint="open it in Excel or LibreOffice and save it again as .xlsx")) from None


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def save(wb: Workbook) -> bytes:
    import io

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
