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
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dibcyber.errors import InvalidInputError, Msg, Problem

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


def read_container(path: Path, name: str) -> tuple[bytes, list[Msg]]:
    """The workbook's bytes, once checked: a regular file within the size limit, a ZIP that is no bomb
    (``safeio``), with a workbook part. Returns warnings about parts that will be ignored (external links,
    macros). The bytes are what openpyxl reads, so the file cannot change between check and use."""
    import io
    import zipfile

    from dibcyber.io.safeio import check_zip, read_bytes_limited

    data = read_bytes_limited(path, what="workbook")
    if not data.startswith(b"PK"):
        raise InvalidInputError(Problem(Msg("xlsx.not_zip"), file=name, hint=Msg("xlsx.not_zip.hint")))
    check_zip(data, name)
    from dibcyber.io.safeio import ENV_MAX_FILE_SIZE, human_size, limits

    most = PART_TEXT_FACTOR * limits().max_file_size
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        for info in zf.infolist():  # before any XML is parsed: one huge text cell is refused here
            if info.file_size > most and info.filename.startswith(("xl/sharedStrings", "xl/worksheets/")):
                raise InvalidInputError(Problem(
                    Msg("xlsx.part_too_large", part=_shown_part(info.filename), size=human_size(info.file_size),
                        limit=human_size(limits().max_file_size)), file=name,
                    hint=Msg("xlsx.raise.hint", variable=ENV_MAX_FILE_SIZE)))
    if "xl/workbook.xml" not in names:
        raise InvalidInputError(Problem(Msg("xlsx.no_workbook_part"), file=name,
                                        hint=Msg("xlsx.no_workbook_part.hint")))
    warnings: list[Msg] = []
    if any(n.startswith("xl/externalLinks/") for n in names):
        warnings.append(Msg("xlsx.external_links"))
    if any(n.endswith("vbaProject.bin") for n in names):
        warnings.append(Msg("xlsx.macros"))
    return data, warnings


def open_untrusted(path: Path, name: str) -> tuple[Workbook, list[Msg]]:
    """Open a workbook for reading values only: formulas as text, no links, no macros."""
    import io

    data, warnings = read_container(path, name)
    from openpyxl.reader.excel import ExcelReader

    part: list[str] = []
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, keep_vba=False, data_only=False, keep_links=False)
        _record_parts(reader.archive, part)
        reader.read()
    except Exception as e:  # openpyxl raises many kinds on a malformed file; all mean the same to a user
        where = Msg("xlsx.where_part", part=_shown_part(part[-1])) if part else Msg("xlsx.where_structure")
        raise InvalidInputError(Problem(Msg("xlsx.unreadable", where=where, error=type(e).__name__), file=name,
                                        hint=Msg("xlsx.save_again.hint"))) from None
    return reader.wb, warnings


def _record_parts(archive: Any, seen: list[str]) -> None:
    """Note the name of every part openpyxl reads, so that an error can say which one it could not."""
    read, open_ = archive.read, archive.open

    def reading(name: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(name, "filename", str(name)))
        return read(name, *args, **kwargs)

    def opening(name: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(name, "filename", str(name)))
        return open_(name, *args, **kwargs)

    archive.read, archive.open = reading, opening


def _shown_part(name: str) -> str:
    from dibcyber.errors import shown

    name = shown(name)
    return name if len(name) <= 80 else name[:79] + "…"


MAX_CELL_TEXT = 65_536
"""Characters in one cell (Excel holds at most 32,767): a longer one is not a questionnaire answer."""
PART_TEXT_FACTOR = 8
"""A text part (shared strings, a sheet) may be this many times ``DIBCYBER_MAX_FILE_SIZE``, XML included:
more text than that could never be written back as an answers file within the limit."""


def rows(ws: Worksheet, budget: list[int], name: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(1-based row number, values) of a read-only sheet, counting cells against a shared budget."""
    try:
        for number, values in enumerate(ws.iter_rows(values_only=True), 1):
            budget[0] -= len(values)
            if budget[0] < 0:
                raise InvalidInputError(Problem(Msg("xlsx.too_many_cells", limit=max_cells()), file=name,
                                                hint=Msg("xlsx.raise.hint", variable="DIBCYBER_XLSX_MAX_CELLS")))
            for column, value in enumerate(values, 1):
                if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
                    raise InvalidInputError(Problem(
                        Msg("xlsx.cell_too_long", length=len(value), limit=MAX_CELL_TEXT // 2 - 1), file=name,
                        cell=f"{_shown_part(ws.title)}!{column_letter(column)}{number}",
                        hint=Msg("xlsx.cell_too_long.hint")))
            yield number, values
    except InvalidInputError:
        raise
    except Exception as e:
        part = getattr(ws, "_worksheet_path", None)
        sheet, error = _shown_part(ws.title), type(e).__name__
        raise InvalidInputError(Problem(
            Msg("xlsx.sheet_unreadable_part", sheet=sheet, part=_shown_part(part), error=error) if part
            else Msg("xlsx.sheet_unreadable", sheet=sheet, error=error), file=name,
            hint=Msg("xlsx.save_again.hint"))) from None


def column_letter(index: int) -> str:
    """1 → A, 27 → AA (openpyxl's own helper; imported here so callers need not import openpyxl early)."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def save(wb: Workbook, date: dt.date | None) -> bytes:
    """The workbook as bytes, with no clock in them: the same content gives the same bytes in any second.

    openpyxl stamps each member of the ZIP with the current time and the document's properties with the
    time of saving; the members are written again with one fixed time, and the properties' created and
    modified times become ``date`` at noon UTC (the day the content is of: the assessment date, which noon
    keeps the same calendar day from UTC-12 to UTC+11 when Excel shows it in local time), or are left out when
    the content has no date (both are optional in Office Open XML). The author is dibcyber, not openpyxl."""
    import io
    import zipfile

    from dibcyber import __version__

    if wb.properties.creator in (None, "openpyxl"):  # Excel shows it as the file's author
        wb.properties.creator = f"dibcyber {__version__}"
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _core_times(data, date)
            dst.writestr(fixed, data)
    return out.getvalue()


_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def _core_times(xml: bytes, date: dt.date | None) -> bytes:
    """docProps/core.xml with its created and modified times set to ``date`` (noon UTC), or removed."""
    if date is None:
        return _CORE_TIME.sub(b"", xml)
    stamp = f"{date.isoformat()}T12:00:00Z".encode()
    return _CORE_TIME.sub(lambda m: m.group(1) + stamp + m.group(3), xml)  # the element's own tag, kept
