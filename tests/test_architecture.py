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


def test_errors_import_only_the_message_texts() -> None:
    assert ours(imports(PKG / "errors.py")) <= {"dibcyber.i18n.errors"}


def test_i18n_imports_nothing_of_ours() -> None:
    for f in (PKG / "i18n").glob("*.py"):
        assert ours(imports(f)) == set(), f


def test_models_import_only_models() -> None:
    for f in (PKG / "models").glob("*.py"):
        assert all(m.startswith("dibcyber.models") for m in ours(imports(f))), f


def test_only_the_cli_knows_the_command_line_library() -> None:
    for f in PKG.rglob("*.py"):
        if f.relative_to(PKG).parts[0] != "cli":
            assert not {"typer", "click"} & {m.split(".")[0] for m in imports(f)}, f


def test_engine_layers_do_not_print_or_read_the_clock() -> None:
    for name in ("engine/checks.py", "engine/views.py", "engine/resolve.py", "engine/sprs.py", "engine/conformance.py",
                 "engine/scoring.py", "models/result.py", "models/answers.py"):
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
    for f in (PKG / "engine").glob("*.py"):
        mods = {m.split(".")[0] for m in imports(f)}
        assert not {"os", "pathlib", "subprocess", "io", "shutil", "rich", "typer", "ruamel"} & mods, f


# The layers from the bottom up: a module may import its own layer and the layers below it, never above.
# i18n holds texts only; exchange and report turn models into formats; app holds the use cases.
LAYERS = ("i18n", "errors", "dates", "models", "engine", "io", "exchange", "report", "app", "cli")


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def _violations() -> list[str]:
    found = []
    for f in sorted(PKG.rglob("*.py")):
        mine = _layer("dibcyber." + ".".join(f.relative_to(PKG).with_suffix("").parts))
        if mine is None:
            continue
        for tree_node in ast.walk(ast.parse(f.read_text("utf-8"))):
            targets: list[str] = []
            if isinstance(tree_node, ast.ImportFrom) and tree_node.module:
                targets = ([f"dibcyber.{a.name}" for a in tree_node.names] if tree_node.module == "dibcyber"
                           else [tree_node.module])
            elif isinstance(tree_node, ast.Import):
                targets = [a.name for a in tree_node.names]
            for target in targets:
                theirs = _layer(target)
                if theirs is not None and LAYERS.index(theirs) > LAYERS.index(mine):
                    found.append(f"{f.relative_to(PKG)} ({mine}) imports {target} ({theirs})")
    return found


def test_imports_point_down_the_layers() -> None:
    assert _violations() == []


def test_every_module_is_in_a_layer() -> None:
    loose = [f.name for f in PKG.glob("*.py") if f.stem not in {"__init__", "__main__", *LAYERS}]
    assert loose == []


BODY_LINES, HARD_LIMIT = 60, 90


def _long_functions() -> list[tuple[str, str, int, bool]]:
    found = []
    for f in sorted(PKG.rglob("*.py")):
        for node in ast.walk(ast.parse(f.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node)
                body = node.body[1:] if doc else node.body
                if body:
                    lines = (node.end_lineno or node.lineno) - body[0].lineno + 1
                    if lines > BODY_LINES:
                        found.append((str(f.relative_to(PKG)), node.name, lines, "Long because" in (doc or "")))
    return found


def test_no_function_is_long_without_a_reason() -> None:
    """Issue 20: a function body over about 60 lines says why in its docstring ('Long because …'), and none
    goes over 90 lines whatever it says."""
    long = _long_functions()
    assert [(f, n, lines) for f, n, lines, reason in long if not reason] == []
    assert [(f, n, lines) for f, n, lines, _ in long if lines > HARD_LIMIT] == []
