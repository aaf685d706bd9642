"""Spreadsheets in and out, safely.

Writing: every text dibcyber puts in a cell is stored as a string cell, and one that could read as a
formula (``=HYPERLINK(...)``, ``+1``, ``-1``, ``@SUM(1)``, or one starting with a tab or carriage return)
also gets Excel's "quote prefix", so it is shown as the text it is and never becomes a formula — neither
when the file is opened nor when someone edits the cell later.

Reading: a workbook is untrusted input, usually from another company. Before openpyxl sees it, the file
and its ZIP container are checked by ``safeio`` (a regular file within the size limit; number of parts,
uncompressed size, compression ratio, part names), so that a ZIP bomb is refused without being inflated.
XML is parsed through defusedxml (no entity expansion, no external entities); external links and macros
are never followed or run; formulas are read as their literal text and never evaluated.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dibcyber.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def max_cells() -> int:
    """How many cells of a workbook are read at most (``DIBCYBER_XLSX_MAX_CELLS``)."""
    value = os.environ.get("DIBCYBER_XLSX_MAX_CELLS", "")
    return int(value) if value.isdigit() and int(value) > 0 else 500_000


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


def read_container(path: Path, name: str) -> tuple[bytes, list[str]]:
    """The workbook's bytes, once checked: a regular file within the size limit, a ZIP that is no bomb
    (``safeio``), with a workbook part. Returns warnings about parts that will be ignored (external links,
    macros). The bytes are what openpyxl reads, so the file cannot change between check and use."""
    import io
    import zipfile

    from dibcyber.safeio import check_zip, read_bytes_limited

    data = read_bytes_limited(path, what="workbook")
    if not data.startswith(b"PK"):
        raise InvalidInputError(Problem(
            "not an .xlsx workbook (not a ZIP container)", file=name,
            hint="save it in Excel as 'Excel Workbook (*.xlsx)'; .xls and .csv files are not read"))
    check_zip(data, name)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        raise InvalidInputError(Problem("not an .xlsx workbook (no xl/workbook.xml)", file=name,
                                        hint="save it in Excel as 'Excel Workbook (*.xlsx)'"))
    warnings = []
    if any(n.startswith("xl/externalLinks/") for n in names):
        warnings.append("the workbook links to other workbooks; the links are ignored, never followed")
    if any(n.endswith("vbaProject.bin") for n in names):
        warnings.append("the workbook contains macros; they are ignored, never run")
    return data, warnings


def open_untrusted(path: Path, name: str) -> tuple[Workbook, list[str]]:
    """Open a workbook for reading values only: formulas as text, no links, no macros."""
    import io

    data, warnings = read_container(path, name)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False,
                                    keep_vba=False)
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
                raise InvalidInputError(Problem(f"the workbook has more cells than dibcyber reads ({max_cells():,})",
                                                file=name, hint="if this is genuine, raise DIBCYBER_XLSX_MAX_CELLS"))
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
