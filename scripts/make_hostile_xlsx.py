#!/usr/bin/env python3
"""Write the XLSX cases of the hostile-input corpus (tests/cases/hostile/xlsx-*): workbooks that attack
`dibcyber import xlsx`. Binary files cannot be written by hand, so this script makes them from a real
questionnaire; run it again after a change to the questionnaire format and commit what it writes.

    python scripts/make_hostile_xlsx.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "hostile"

LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def questionnaire() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "q.xlsx"
        subprocess.run([sys.executable, "-m", "dibcyber", "export", "xlsx", "--profile", "cmmc-l2", "--lang", "en",
                        "-o", str(out)], check=True, capture_output=True)
        return out.read_bytes()


def rewrite(data: bytes, replace: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> bytes:
    """The workbook with parts replaced (None: removed) or added."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename in replace:
                if replace[item.filename] is not None:
                    dst.writestr(item.filename, replace[item.filename])
                continue
            dst.writestr(item, src.read(item.filename))
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return buf.getvalue()


def filled(data: bytes, cells: dict[str, object], org: dict[str, object] | None = None) -> bytes:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Requirements"]
    header = {c.value: c.column for c in ws[1]}
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for key, value in cells.items():
        rid, column = key.split("|")
        ws.cell(rows[rid], header[column]).value = value
    for ref, value in (org or {"B2": "検証株式会社", "B12": "2026-11-01"}).items():
        wb["Organization"][ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def case(name: str, what: str, files: dict[str, bytes], args: list[str], exit_code: int, stderr: list[str],
         **extra: object) -> None:
    folder = CASES / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for fname, body in files.items():
        (folder / fname).write_bytes(body)
    spec = {"what": what, "args": args, "exit": exit_code, "stderr": stderr, **extra}
    (folder / "case.yaml").write_text("\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in spec.items())
                                      + "\n", "utf-8")


def with_meta(data: bytes, key: str, value: str) -> bytes:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    for row in wb["_dibcyber"].iter_rows():
        if row[0].value == key:
            row[1].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def issue17(good: bytes, valid: bytes, imp: list[str]) -> None:
    """Issue 17: metadata naming local files, parts named in read errors, huge text refused early."""
    passwd = with_meta(valid, "profile", "/etc/passwd")
    case("xlsx-meta-profile-etc-passwd", "issue 17: a workbook naming /etc/passwd as its profile is refused at its "
         "cell; the file is never read or echoed", {"returned.xlsx": passwd}, imp, 3,
         ["returned.xlsx: _dibcyber!B3", "not a profile name"], absent=["root:", "/etc/passwd"], max_stderr=1000)
    case("xlsx-meta-profile-relative-yaml", "issue 17: a workbook naming ../evil.yaml as its profile is refused",
         {"returned.xlsx": with_meta(valid, "profile", "../evil.yaml")}, imp, 3,
         ["_dibcyber!B3", "not a profile name"], absent=["evil.yaml"])
    case("xlsx-meta-profile-bare-yaml", "issue 17: a profile file beside the workbook, named by it, is not loaded",
         {"returned.xlsx": with_meta(valid, "profile", "evil.yaml"),
          "evil.yaml": "format: dibcyber/profile@1\nid: evil-profile\ncatalog: nist-800-171r2\n"
                       "title: {ja: 悪, en: evil}\n".encode()}, imp, 3, ["_dibcyber!B3"],
         absent=["evil-profile", "evil.yaml"])
    case("xlsx-meta-profile-windows-path", "issue 17: a Windows path as the workbook profile is refused without echo",
         {"returned.xlsx": with_meta(valid, "profile", "C:\\Windows\\win.ini")}, imp, 3, ["_dibcyber!B3"],
         absent=["win.ini"])
    case("xlsx-meta-profile-into", "issue 17: import --into still refuses a workbook whose metadata names a file",
         {"returned.xlsx": with_meta(valid, "profile", "/etc/hostname"),
          "answers.yaml": b"format: dibcyber/answers@1\nprofile: cmmc-l2\norganization: {name: x}\n"
                          b"assessment: {date: 2026-11-01}\n"},
         ["import", "xlsx", "returned.xlsx", "--into", "answers.yaml"], 3, ["_dibcyber!B3"], absent=["/etc/hostname"])
    case("xlsx-malformed-styles-part", "issue 17: a read error names the part (it said 'cannot read the workbook: "
         "ValueError')", {"returned.xlsx": rewrite(valid, {"xl/styles.xml": b"<styleSheet><numFmts count='x'>"})},
         imp, 3, ["xl/styles.xml", "not what Excel writes"])
    case("xlsx-malformed-sheet-part", "issue 17: a sheet that cannot be read names its part",
         {"returned.xlsx": rewrite(valid, {"xl/worksheets/sheet3.xml": b'<worksheet xmlns="http://schemas.'
                                           b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
                                           b'<c r="A1" t="n"><v>not a number</v></c></row></sheetData></worksheet>'})},
         imp, 3, ["xl/worksheets/sheet3.xml"])
    marked = filled(good, {"3.1.1|Status": "implemented", "3.1.1|Narrative": "HUGE-CELL-MARK"})
    with zipfile.ZipFile(io.BytesIO(marked)) as zf:
        body = zf.read("xl/worksheets/sheet3.xml")
    huge = rewrite(marked, {"xl/worksheets/sheet3.xml": body.replace(b"HUGE-CELL-MARK", "長".encode() * 100_000)})
    case("xlsx-huge-cell", "issue 17: a 100,000-character cell is refused at its cell while reading, before any "
         "YAML is built (openpyxl writes at most 32,767, so the part is edited)", {"returned.xlsx": huge}, imp, 3,
         ["Requirements!F2", "100,000 characters"], max_stderr=1000, seconds=10)
    text = b"<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><si><t>" + b"a" * 900_000 + \
        b"</t></si></sst>"
    case("xlsx-huge-shared-strings", "issue 17: a shared-strings part with more text than any answers file can hold "
         "is refused before it is parsed (180 MB in 2.5 MB ran past 60 s)",
         {"returned.xlsx": rewrite(valid, {}, {"xl/sharedStrings.xml": text})}, imp, 3,
         ["xl/sharedStrings.xml", "DIBCYBER_MAX_FILE_SIZE"], env={"DIBCYBER_MAX_FILE_SIZE": "100K"}, seconds=5)
    sheet = b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><sheetData>" + \
        b"<row r='1'><c r='A1' t='inlineStr'><is><t>" + b"b" * 900_000 + b"</t></is></c></row></sheetData></worksheet>"
    case("xlsx-huge-inline-sheet", "issue 17: a sheet part holding more text than any answers file is refused early",
         {"returned.xlsx": rewrite(valid, {"xl/worksheets/sheet1.xml": sheet})}, imp, 3,
         ["xl/worksheets/sheet1.xml"], env={"DIBCYBER_MAX_FILE_SIZE": "100K"}, seconds=5)


def main() -> int:
    good = questionnaire()
    valid = filled(good, {"3.1.1|Status": "implemented"})
    imp = ["import", "xlsx", "returned.xlsx", "-o", "answers.yaml"]
    if sys.argv[1:] == ["--issue17"]:  # only the cases issue 17 added, leaving the others' bytes alone
        issue17(good, valid, imp)
        return 0
    sheet = "xl/worksheets/sheet3.xml"
    case("xlsx-zip-bomb", "issue 10: a workbook part that expands 5,000 times is refused before inflating",
         {"returned.xlsx": rewrite(valid, {}, {"xl/media/zeros.bin": b"\0" * 20_000_000})}, imp, 3,
         ["a ZIP bomb"], seconds=10)
    case("xlsx-entity-bomb", "issue 10: an XML entity expansion (billion laughs) in a sheet is refused",
         {"returned.xlsx": rewrite(valid, {sheet: LAUGHS})}, imp, 3, ["cannot read"], seconds=10)
    case("xlsx-not-a-zip", "issue 8: a CSV saved as .xlsx is named for what it is",
         {"returned.xlsx": b"ID,Status\n3.1.1,implemented\n"}, imp, 3, ["not an .xlsx workbook"])
    case("xlsx-truncated", "issue 10: half a workbook (a broken download) is refused, not half-read",
         {"returned.xlsx": valid[: len(valid) // 2]}, imp, 3, ["not a valid workbook"])
    case("xlsx-no-workbook-part", "issue 8: a ZIP that is not a workbook",
         {"returned.xlsx": rewrite(valid, {"xl/workbook.xml": None})}, imp, 3, ["no xl/workbook.xml"])
    case("xlsx-part-outside", "issue 10: a ZIP part named outside the archive (../) is refused",
         {"returned.xlsx": rewrite(valid, {}, {"../../evil.txt": b"x"})}, imp, 3, ["outside itself"])
    case("xlsx-fifo", "issue 10: a FIFO named like a workbook returns at once",
         {}, imp, 3, ["named pipe"], special=[{"path": "returned.xlsx", "kind": "fifo"}], seconds=5)
    case("xlsx-directory", "issue 10: a folder named like a workbook", {}, imp, 3, ["folder"],
         special=[{"path": "returned.xlsx", "kind": "dir"}])
    case("xlsx-formula-cells", "issue 8: formulas pasted into answer cells are read as text, never trusted",
         {"returned.xlsx": filled(good, {"3.1.1|Status": "=IF(1,\"implemented\")",
                                         "3.1.2|Target date": "=TODAY()"})}, imp, 3,
         ["Requirements!E2", "is not a status", "Requirements!J3", "is not a date"])
    case("xlsx-external-link", "issue 8: links to other workbooks are ignored with a warning, never followed",
         {"returned.xlsx": rewrite(valid, {}, {"xl/externalLinks/externalLink1.xml":
                                               b'<externalLink xmlns="http://schemas.openxmlformats.org/'
                                               b'spreadsheetml/2006/main"/>'})}, imp, 0,
         ["the links are ignored, never followed"], changes=["answers.yaml"])
    case("xlsx-too-many-cells", "issue 10: a workbook with more cells than the limit is refused",
         {"returned.xlsx": valid}, imp, 3, ["more cells than dibcyber reads", "DIBCYBER_XLSX_MAX_CELLS"],
         env={"DIBCYBER_XLSX_MAX_CELLS": "200"})
    case("xlsx-output-is-input", "issue 13: import cannot write its answers over the workbook it reads",
         {"returned.xlsx": valid}, ["import", "xlsx", "returned.xlsx", "-o", "returned.xlsx", "--force"], 4,
         ["it is an input"])
    meta_broken = filled(good, {"3.1.1|Status": "implemented"})
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(meta_broken))
    for row in wb["_dibcyber"].iter_rows():
        if row[0].value == "profile":
            row[1].value = "x" * 5000
    out = io.BytesIO()
    wb.save(out)
    case("xlsx-forged-metadata", "issue 10: a forged metadata sheet names an unknown profile; the message caps it",
         {"returned.xlsx": out.getvalue()}, imp, 3, ["profile"], max_stderr=2000)
    plain = openpyxl.Workbook()
    plain.active.append(["ID", "Status"])
    plain.active.append(["3.1.1", "implemented"])
    buf = io.BytesIO()
    plain.save(buf)
    case("xlsx-not-dibcyber", "issue 8: a workbook not made by dibcyber is recognised and refused",
         {"returned.xlsx": buf.getvalue()}, imp, 3, ["not made by dibcyber"])
    issue17(good, valid, imp)
    print(f"wrote the xlsx cases under {CASES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
