#!/usr/bin/env python3
"""Collect dibcyber and every wheel it needs into one folder, for a machine with no internet access.

    python scripts/bundle.py -o dibcyber-bundle [--platform win_amd64] [--python-version 3.11] [--no-pdf]

Run it from a clone on a machine that reaches PyPI. It builds dibcyber's wheel from this checkout, downloads
every dependency as a wheel for the chosen platform and Python (`pip download --only-binary=:all:`; the
Japanese fonts for PDF come as wheels too), and writes:

    wheels/            dibcyber and its dependencies
    SHA256SUMS         the SHA-256 of every file, checked by the install scripts before anything is installed
    install.ps1        Windows (PowerShell): verify, create .venv, install offline
    install.sh         Linux/macOS: the same
    examples/          the example company, to try it
    README.txt         these steps in Japanese and English

Copy the folder to the offline machine (USB media under your organisation's media rules) and run the
install script there. pip evaluates dependency markers for the machine that downloads, not the target, so
Windows-only dependencies (colorama) are added explicitly for Windows targets.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS_ONLY = ["colorama"]  # typer's console colours on Windows (a marker pip cannot see from Linux)

INSTALL_SH = """#!/bin/sh
# dibcyber offline install: verify the bundle, then install it into .venv without any network access.
set -eu
cd "$(dirname "$0")"
if command -v sha256sum >/dev/null 2>&1; then sha256sum -c --quiet SHA256SUMS
else shasum -a 256 -c --quiet SHA256SUMS; fi
PY="${{PYTHON:-python3}}"
"$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --no-index --find-links wheels "dibcyber{extras}"
echo "installed: $(.venv/bin/dibcyber --version)"
echo "try it:    .venv/bin/dibcyber assess examples/sample-seiki/answers.yaml"
"""

INSTALL_PS1 = """# dibcyber offline install (Windows PowerShell 5 or later): verify the bundle, then install it
# into .venv without any network access. Run: powershell -ExecutionPolicy Bypass -File install.ps1
$ErrorActionPreference = "Stop"
Set-Location -Path $PSScriptRoot
foreach ($line in Get-Content -Encoding UTF8 SHA256SUMS) {{
    $expected, $file = $line -split "  ", 2
    $actual = (Get-FileHash -Algorithm SHA256 -Path $file).Hash.ToLower()
    if ($actual -ne $expected) {{ throw "checksum mismatch: $file" }}
}}
$py = if ($env:PYTHON) {{ $env:PYTHON }} else {{ "py" }}
$pyArgs = if ($env:PYTHON) {{ @() }} else {{ @("-{python}") }}
& $py @pyArgs -m venv .venv
& .venv\\Scripts\\python.exe -m pip install --quiet --no-index --find-links wheels "dibcyber{extras}"
& .venv\\Scripts\\dibcyber.exe --version
Write-Host "try it:  .venv\\Scripts\\dibcyber.exe assess examples\\sample-seiki\\answers.yaml"
"""

README = """dibcyber offline bundle — {target}

[日本語]
インターネットに接続できない端末に dibcyber をインストールするための一式です。
1. このフォルダをそのまま対象の端末にコピーします（媒体の取扱いは社内規程に従ってください）。
2. Windows: PowerShell で  powershell -ExecutionPolicy Bypass -File install.ps1
   Linux:   sh install.sh
   スクリプトは SHA256SUMS で全ファイルを検証してから、ネットワークを使わずに .venv へインストールします。
3. 動作確認:  .venv\\Scripts\\dibcyber.exe assess examples\\sample-seiki\\answers.yaml（Windows）
PDF 出力には Pango が必要です。Windows で Pango がない場合は --format html で出力し、
ブラウザの印刷機能で PDF にしてください。

[English]
Everything needed to install dibcyber on a machine without internet access.
1. Copy this folder to the target machine (following your organisation's media rules).
2. Windows: powershell -ExecutionPolicy Bypass -File install.ps1     Linux: sh install.sh
   The scripts check every file against SHA256SUMS, then install into .venv without network access.
3. Try it: .venv\\Scripts\\dibcyber.exe assess examples\\sample-seiki\\answers.yaml (Windows)
PDF output needs Pango; on Windows without it, write --format html and print it to PDF from a browser.
"""


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def requirements(pdf: bool) -> list[str]:
    """The runtime dependencies as pyproject.toml states them (and the pdf and docx extras': the report
    documents a consultant hands over)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    deps = list(project["dependencies"])
    if pdf:
        deps += project["optional-dependencies"]["pdf"] + project["optional-dependencies"]["docx"]
    return list(dict.fromkeys(deps))  # the fonts are in both extras


def build(out: Path, *, platform: str | None, python: str, pdf: bool) -> list[Path]:
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(ROOT))
    target = ["--only-binary=:all:", "--python-version", python]
    if platform:
        target += ["--platform", platform]
    deps = requirements(pdf) + (WINDOWS_ONLY if platform and platform.startswith("win") else [])
    pip("download", "--quiet", "--dest", str(wheels), *target, *deps)
    shutil.copytree(ROOT / "examples", out / "examples", dirs_exist_ok=True)
    extras = "[pdf,docx]" if pdf else ""
    (out / "install.sh").write_text(INSTALL_SH.format(extras=extras), "utf-8", newline="\n")
    (out / "install.sh").chmod(0o755)
    (out / "install.ps1").write_text("\ufeff" + INSTALL_PS1.format(extras=extras, python=python), "utf-8",
                                     newline="\r\n")
    target_name = f"{platform or 'this platform'}, Python {python}"
    (out / "README.txt").write_text("\ufeff" + README.format(target=target_name), "utf-8", newline="\r\n")
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out).as_posix()}" for p in files]
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", "utf-8", newline="\n")
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--platform", help="e.g. win_amd64, manylinux2014_x86_64 (default: this machine's)")
    ap.add_argument("--python-version", default=f"{sys.version_info.major}.{sys.version_info.minor}")
    ap.add_argument("--no-pdf", action="store_true", help="leave out WeasyPrint, python-docx and the Japanese fonts")
    args = ap.parse_args()
    if args.output.exists() and any(args.output.iterdir()):
        ap.error(f"{args.output} exists and is not empty")
    files = build(args.output, platform=args.platform, python=args.python_version, pdf=not args.no_pdf)
    size = sum(p.stat().st_size for p in files)
    print(f"bundle in {args.output}: {len(files)} files, {size / 1e6:.0f} MB; SHA256SUMS written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
