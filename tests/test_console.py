"""Japanese Windows consoles, simulated: every command that prints, run as a real process on a cp932
stream (PowerShell 5 and cmd.exe), with TERM=dumb, NO_COLOR, narrow and wide terminals, output to a file
or a pipe, and a reader that closes the pipe early."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "sample-seiki"
BAD = ("Traceback", "Exception ignored", "UnicodeEncodeError", "BrokenPipeError")
BOX = set("─│┌┐└┘├┤┬┴┼━┃┏┓┗┛┡┩╇╭╮╰╯═║")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example in a git repository with two commits (for diff and history) and an exported workbook.

    The organisation's name holds an em dash, which cp932 cannot encode."""
    repo = tmp_path_factory.mktemp("console") / "policy"
    shutil.copytree(EXAMPLE, repo)
    for args in (("init", "-q"), ("config", "user.email", "ci@example.com"), ("config", "user.name", "ci"),
                 ("add", "-A"), ("commit", "-qm", "first")):
        git(repo, *args)
    answers = repo / "answers.yaml"
    text = answers.read_text("utf-8").replace("  ORG-01:\n    status: implemented",
                                              "  ORG-01:\n    status: not_implemented", 1)
    answers.write_text(text.replace("name: 株式会社サンプル精機", "name: 株式会社サンプル精機 — 本社", 1), "utf-8")
    git(repo, "commit", "-qam", "second")
    assert "—" in answers.read_text("utf-8")
    r = run("export", "xlsx", "answers.yaml", "-o", "q.xlsx", cwd=repo)
    assert r.returncode == 0, r.stderr
    return repo


def run(*args: str, cwd: Path, env: dict[str, str] | None = None, **kw: object) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "PYTHONIOENCODING": "cp932", **(env or {})}
    full.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "dibcyber", *args], cwd=cwd, env=full, capture_output=True,
                          check=False, **kw)  # type: ignore[call-overload, no-any-return]


# (arguments, exit code, text the output must contain)
COMMANDS = [
    (("assess", "answers.yaml"), 0, "適合率"),
    (("assess", "answers.yaml", "--lang", "en", "--top", "3"), 0, "Conformance"),
    (("check", "answers.yaml", "--min-sprs", "110"), 1, "NG min-sprs"),
    (("check", "answers.yaml", "--require", "organizational", "--lang", "en"), 1, "organizational"),
    (("catalog", "list"), 0, "atla-2022"),
    (("catalog", "show", "atla-2022", "--family", "ORG-GOV"), 0, "ORG-01"),
    (("catalog", "show", "nist-800-171r2", "3.1.1", "--lang", "ja"), 0, "3.1.1"),
    (("profile", "list"), 0, "atla-standard"),
    (("profile", "show", "atla-standard"), 0, "対象要件"),
    (("diff", "git:HEAD~1", "answers.yaml"), 1, "ORG-01"),  # a regression: exit 1
    (("history", "answers.yaml"), 0, "second"),
    (("evidence", "check", "answers.yaml"), 0, "evidence"),
    (("portfolio", "answers.yaml"), 0, "Files read: 1"),
    (("import", "xlsx", "q.xlsx"), 0, "ORG-01"),
    (("assess", "missing.yaml"), 3, "missing.yaml"),
    (("catalog", "show", "atla-2022", "ORG-99"), 3, "ORG-99"),
]


@pytest.mark.parametrize(("args", "code", "needle"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, tuple)
                         else None)
@pytest.mark.parametrize("env", [{"TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "40"}, {"COLUMNS": "250"}],
                         ids=["dumb-nocolor-40", "wide-250"])
def test_every_command_on_a_cp932_console(work: Path, args: tuple[str, ...], code: int, needle: str,
                                          env: dict[str, str]) -> None:
    r = run(*args, cwd=work, env=env)
    out, err = r.stdout.decode("cp932"), r.stderr.decode("cp932")  # strict: no bytes cp932 cannot read
    assert r.returncode == code, err
    assert not any(b in out + err for b in BAD), err
    assert needle in (out if code == 0 else out + err)
    assert "\x1b" not in out + err
    assert not BOX & set(out), "rich must fall back to its ASCII boxes"
    if code:
        assert "dibcyber: error" in err or code == 1


def test_characters_cp932_cannot_show_degrade_to_look_alikes(work: Path) -> None:
    r = run("assess", "answers.yaml", cwd=work, env={"COLUMNS": "120"})
    out = r.stdout.decode("cp932")
    assert "株式会社サンプル精機 - 本社" in out
    assert "########" in out and "\n# 実施済み  = 一部実施  + 計画中  _ 未実施  - 未評価  . 該当なし" in out
    assert "?" not in out
    assert "－" not in out and " -5点" in out  # U+2212 as ASCII, not cp932's two-cell full-width minus
    assert "look-alikes" in r.stderr.decode("cp932")  # output to a file: say it is not exact, once
    blockers = run("check", "answers.yaml", "--require-cmmc-conditional", "--lang", "en", cwd=work)
    assert blockers.returncode == 1 and "NG require-cmmc-conditional" in blockers.stdout.decode("cp932")


def test_utf8_output_is_untouched(work: Path) -> None:
    r = run("assess", "answers.yaml", cwd=work, env={"PYTHONIOENCODING": "utf-8"})
    out = r.stdout.decode("utf-8")
    assert "株式会社サンプル精機 — 本社" in out and "█" in out and "─" in out
    assert r.stderr == b""


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_machine_output_on_cp932_escapes_instead_of_degrading(work: Path, fmt: str) -> None:
    from ruamel.yaml import YAML

    r = run("assess", "answers.yaml", "--format", fmt, cwd=work)
    assert r.returncode == 0 and r.stderr == b""
    doc = YAML(typ="safe").load(r.stdout.decode("cp932"))  # JSON is YAML
    assert doc["organization"]["name"] == "株式会社サンプル精機 — 本社"


def test_error_messages_on_stderr_degrade_too(work: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = (work / "answers.yaml").read_text("utf-8").replace("status: implemented", "status: 実装済み — 全部", 1)
    bad.write_text(text, "utf-8")
    r = run("assess", str(bad), cwd=work)
    err = r.stderr.decode("cp932")
    assert r.returncode == 3 and "実装済み - 全部" in err and not any(b in err for b in BAD)


def _closed_pipe(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Standard output is a pipe whose reader has already gone: the first write fails with EPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        return subprocess.run([sys.executable, "-m", "dibcyber", *args], cwd=cwd, env=env, stdout=write,
                              stderr=subprocess.PIPE, check=False)
    finally:
        os.close(write)


@pytest.mark.parametrize(("args", "code"), [
    (("assess", "answers.yaml"), 0),
    (("assess", "answers.yaml", "--format", "json"), 0),
    (("check", "answers.yaml", "--min-sprs", "110"), 1),  # a failing gate must not pass because of `| head`
    (("catalog", "show", "nist-800-171r2"), 0),
    (("report", "answers.yaml", "--format", "md"), 0),
    (("assess", "missing.yaml"), 3),
])
def test_a_closed_pipe_keeps_the_exit_code_and_prints_no_traceback(work: Path, args: tuple[str, ...],
                                                                   code: int) -> None:
    r = _closed_pipe(*args, cwd=work)
    err = r.stderr.decode("utf-8")
    assert r.returncode == code, err
    assert not any(b in err for b in BAD), err
    assert "look-alikes" not in err


def test_head_in_a_shell_pipeline(work: Path) -> None:
    if shutil.which("bash") is None or shutil.which("head") is None:
        pytest.skip("needs bash and head")
    cmd = f"set -o pipefail; '{sys.executable}' -m dibcyber check answers.yaml --min-sprs 110 | head -1"
    r = subprocess.run(["bash", "-c", cmd], cwd=work, capture_output=True, check=False,
                       env={**os.environ, "PYTHONIOENCODING": "cp932"})
    assert r.returncode == 1
    assert len(r.stdout.splitlines()) == 1
    assert not any(b.encode() in r.stderr for b in BAD)


def test_fallbacks_are_safe_in_cp932_and_ascii_and_keep_bar_widths() -> None:
    from dibcyber.cli.terminal import _BAR
    from dibcyber.io.console import FALLBACK, safe_text

    glyphs = [c for c, _ in _BAR.values()]
    for encoding in ("cp932", "ascii"):
        shown = [safe_text(c, encoding) for c in glyphs]
        assert all(len(s) == 1 for s in shown) and len(set(shown)) == len(shown), shown
        for ch in [*FALLBACK, "╭", "═", "║", "┼", "①", "é"]:
            safe_text(ch, encoding).encode(encoding)
    assert safe_text("╭", "cp932") == "+" and safe_text("═", "cp932") == "-" and safe_text("║", "ascii") == "|"
    assert safe_text("①", "ascii") == "1" and safe_text("é", "ascii") == "?"


def test_characters_an_encoding_would_change_are_replaced_too() -> None:
    from dibcyber.io.console import changed_by

    assert changed_by("cp932") == {0x2212: "-"}
    assert changed_by("utf-8") == {} and changed_by("ascii") == {}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_narrow_terminal_keeps_ids_counts_and_ratios(work: Path, lang: str) -> None:
    from rich.cells import cell_len

    r = run("assess", "answers.yaml", "--lang", lang, cwd=work, env={"COLUMNS": "40"})
    lines = r.stdout.decode("cp932").splitlines()
    assert all(cell_len(line.rstrip()) <= 40 for line in lines), [ln for ln in lines if cell_len(ln.rstrip()) > 40]
    family = next(line for line in lines if line.startswith(" ORG-GOV "))
    assert "2/3" in family and "66.7%" in family and "…" not in family  # ORG-01 is not implemented here


def family_rows() -> list:  # type: ignore[type-arg]
    from dibcyber.cli.terminal import FamilyRow

    return [FamilyRow("ORG-AUD", "監査、自己点検、是正措置及び実装計画", "2/3", {"implemented": 2, "planned": 1},
                      "66.7%", "ロック済み 0/2"),
            FamilyRow("SYS-IA", "Identification and Authentication", "19/20",
                      {"implemented": 19, "partially_implemented": 1}, "95.0%", "ロック済み 0/19")]


def printed(rows: list, width: int | None) -> list[str]:  # type: ignore[type-arg]
    from rich.console import Console

    from dibcyber.cli.terminal import _family_rows

    con = Console(force_terminal=True, width=width or 400, color_system=None, soft_wrap=True)
    with con.capture() as cap:
        for line in _family_rows(rows, 24, width):
            con.print(line)
    return cap.get().splitlines()


@pytest.mark.parametrize("width", [None, 120, 85, 80])
def test_family_rows_fold_titles_to_a_terminal_and_keep_every_character(width: int | None) -> None:
    from rich.cells import cell_len

    rows = family_rows()
    lines = printed(rows, width)
    if width is not None:
        assert all(cell_len(ln) <= width for ln in lines), lines
    else:
        assert len(lines) == len(rows)  # in a pipe: a row is one line, whatever its length
    starts = [i for i, ln in enumerate(lines) if ln.startswith((" ORG-", " SYS-"))]
    assert [lines[i].split()[0] for i in starts] == ["ORG-AUD", "SYS-IA"]
    assert "66.7%" in lines[starts[0]] and "95.0%" in lines[starts[1]]  # counts and ratios on the first line
    for n, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True)):
        pieces = [lines[start][10:].split("  ")[0].strip()] + [ln.strip() for ln in lines[start + 1:end]]
        assert "".join(pieces).replace(" ", "") == rows[n].title.replace(" ", "")  # every character, in order
        for piece in pieces[1:]:
            assert not piece.startswith(("、", "。", "ィ")), pieces  # no line starts with closing punctuation
        if n == 1 and width != 80:  # English folds between words, never inside one that fits the column
            assert all(w in rows[n].title.split() for p in pieces for w in p.split()), pieces


def test_family_rows_from_a_users_catalog_cannot_inject_markup_or_break_the_row() -> None:
    """A family ID or title is a user catalog's text: '[b' and 'c]' in two columns once joined into a rich
    tag and vanished; a line break split the row."""
    from dibcyber.cli.terminal import FamilyRow

    rows = [FamilyRow("X[b", "c] 題名\nあり\tタブ \\", "1/1", {"implemented": 1}, "100.0%", None),
            FamilyRow("ORG-GOV", "基本方針", "3/3", {"implemented": 3}, "100.0%", None)]
    lines = printed(rows, None)
    assert len(lines) == 2
    assert lines[0].startswith(" X[b" + " " * 4 + "  c] 題名 あり タブ \\  ") and "1/1" in lines[0]
    from rich.cells import cell_len

    assert cell_len(lines[0]) == cell_len(lines[1])  # the columns line up


def test_family_ids_too_long_for_the_terminal_leave_the_titles_out() -> None:
    from rich.cells import cell_len

    from dibcyber.cli.terminal import FamilyRow

    rows = [FamilyRow("A-VERY-LONG-FAMILY-IDENTIFIER-OF-A-USER-CATALOG", "題名", "1/1", {"implemented": 1},
                      "100.0%", "ロック済み 0/1")]
    lines = printed(rows, 80)
    assert all(cell_len(ln) <= 80 for ln in lines), lines
    assert "A-VERY-LONG-FAMILY-IDENTIFIER-OF-A-USER-CATALOG" in lines[0] and "題名" not in lines[0]


def test_the_summary_at_120_columns_in_a_pipe_has_no_trailing_spaces(work: Path) -> None:
    """At 120 columns nothing of the example wraps; where rich wraps a long line (a gap with its owner at 60
    columns) it may still leave a space at the break."""
    r = run("assess", "answers.yaml", cwd=work, env={"COLUMNS": "120", "PYTHONIOENCODING": "utf-8"})
    lines = r.stdout.decode("utf-8").splitlines()
    assert [ln for ln in lines if ln != ln.rstrip()] == []
    assert any(ln.startswith(" SYS-AC ") and "95.0%" in ln for ln in lines)
