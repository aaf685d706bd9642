"""PDF output where WeasyPrint or its Pango libraries are missing (a plain Windows Python): exit 5 and a
message that names what to install and the HTML print route, never a traceback.

The failure is made real in a subprocess: a sitecustomize on PYTHONPATH makes ``import weasyprint`` fail
the way it does on such a machine (OSError from cffi's dlopen of libpango, or no package at all)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"

BLOCKER = '''
import sys


class _NoWeasyPrint:
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            {action}
        return None


sys.meta_path.insert(0, _NoWeasyPrint())
'''
ACTIONS = {
    # what WeasyPrint's cffi raises when libpango-1.0-0 cannot be found
    "no-pango": "raise OSError(\"cannot load library 'libpango-1.0-0': error 0x7e.  Additionally, "
                "ctypes.util.find_library() did not manage to locate a library called 'libpango-1.0-0'\")",
    "no-weasyprint": "raise ModuleNotFoundError(\"No module named 'weasyprint'\", name=name)",
}


def run_without(kind: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    site = tmp_path / f"site-{kind}"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BLOCKER.format(action=ACTIONS[kind]), "utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "dibcyber", *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False)


@pytest.mark.parametrize("command", ["report", "portfolio"])
def test_no_pango_names_what_to_install_and_the_html_route(tmp_path: Path, command: str) -> None:
    r = run_without("no-pango", tmp_path, command, str(EXAMPLE), "-o", "out.pdf")
    assert r.returncode == 5, r.stderr
    assert "Traceback" not in r.stderr
    assert "dibcyber: error: PDF output needs the Pango text libraries" in r.stderr
    assert "libpango-1.0-0" in r.stderr  # what the loader said, and the package to install
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in r.stderr
    assert "--format html" in r.stderr and "print it to PDF" in r.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_no_weasyprint_names_the_pdf_extra(tmp_path: Path) -> None:
    r = run_without("no-weasyprint", tmp_path, "report", str(EXAMPLE), "-o", "out.pdf")
    assert r.returncode == 5, r.stderr
    assert "WeasyPrint, which is not installed" in r.stderr and "pip install '.[pdf]' in a clone" in r.stderr
    assert "--format html" in r.stderr and "Traceback" not in r.stderr


def test_the_html_route_still_works_without_pango(tmp_path: Path) -> None:
    r = run_without("no-pango", tmp_path, "report", str(EXAMPLE), "-o", "out.html")
    assert r.returncode == 0, r.stderr
    assert "<html" in (tmp_path / "out.html").read_text("utf-8")


def test_install_hint_per_platform() -> None:
    from dibcyber.report.pdf import pango_install

    assert "MSYS2" in str(pango_install("win32")) and "WEASYPRINT_DLL_DIRECTORIES" in str(pango_install("win32"))
    assert "brew install pango" in str(pango_install("darwin"))
    assert "apt-get install" in str(pango_install("linux"))
