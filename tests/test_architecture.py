"""The arrows of the design point one way, and start-up stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "src" / "dibcyber"


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def ours(mods: set[str]) -> set[str]:
    return {m for m in mods if m == "dibcyber" or m.startswith("dibcyber.")}


def test_errors_import_nothing_of_ours() -> None:
    assert ours(imports(PKG / "errors.py")) == set()


def test_models_import_only_models() -> None:
    for f in (PKG / "models").glob("*.py"):
        assert all(m.startswith("dibcyber.models") for m in ours(imports(f))), f


def test_only_the_cli_knows_the_command_line_library() -> None:
    for f in PKG.rglob("*.py"):
        if f.relative_to(PKG).parts[0] != "cli":
            assert not {"typer", "click"} & {m.split(".")[0] for m in imports(f)}, f


def test_engine_layers_do_not_print_or_read_the_clock() -> None:
    for name in ("engine/checks.py", "engine/views.py", "engine/scoring.py", "models/result.py", "models/answers.py"):
        src = (PKG / name).read_text("utf-8")
        assert "print(" not in src and "datetime.now" not in src and "date.today" not in src, name


REPORT_LIBRARIES = ("jinja2", "weasyprint", "openpyxl", "hypothesis")
# --help and --version answer from typer alone: no terminal rendering, no models, no YAML
NOT_FOR_HELP = (*REPORT_LIBRARIES, "rich", "pydantic", "ruamel.yaml")


@pytest.mark.parametrize(("args", "forbidden"), [
    (["--help"], NOT_FOR_HELP), (["--version"], NOT_FOR_HELP),
    (["catalog", "list"], REPORT_LIBRARIES), (["check", "examples/sample-seiki/answers.yaml"], REPORT_LIBRARIES),
    # the CI output paths: Markdown summary and annotations need no template engine
    (["check", "examples/sample-seiki/answers.yaml", "--format", "github"], REPORT_LIBRARIES),
])
def test_startup_imports_no_report_libraries(args: list[str], forbidden: tuple[str, ...]) -> None:
    code = (
        "import sys\n"
        "from dibcyber.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"heavy = sorted(m for m in {forbidden!r} if m in sys.modules)\n"
        "sys.stderr.write('HEAVY=' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                            cwd=PKG.parent.parent)
    assert "HEAVY=" in result.stderr
    assert result.stderr.rsplit("HEAVY=", 1)[1].strip() == ""


def test_engine_does_no_io() -> None:
    mods = {m.split(".")[0] for m in imports(PKG / "engine" / "scoring.py")}
    assert not {"os", "pathlib", "subprocess", "io", "shutil", "rich", "typer"} & mods
    assert ours(imports(PKG / "engine" / "scoring.py")) <= {
        "dibcyber.engine.checks", "dibcyber.models.answers", "dibcyber.models.base", "dibcyber.models.catalog",
        "dibcyber.models.profile", "dibcyber.models.result", "dibcyber.io.yamlio"}
