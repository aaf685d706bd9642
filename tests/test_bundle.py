"""The offline bundle: built from this checkout, installed with no network at all, and it runs the example.

Building downloads wheels from the package index (as a user would on a connected machine); installing runs
in a network namespace with no route out (`unshare -n`), so any attempt to reach the network fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def _offline_prefix() -> list[str]:
    if shutil.which("unshare") and os.geteuid() == 0:
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["unshare", "-n"]
    if os.environ.get("CI"):
        pytest.fail("CI must be able to run `unshare -n` (root) to prove the offline install")
    pytest.skip("needs root and unshare -n to cut the network")
    return []


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "dibcyber-bundle"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "bundle.py"), "-o", str(out)], check=True,
                   capture_output=True, timeout=900)
    return out


def test_the_bundle_installs_and_runs_offline(bundle: Path, tmp_path: Path) -> None:
    offline = _offline_prefix()
    names = {p.name for p in (bundle / "wheels").iterdir()}
    assert any(n.startswith("dibcyber-") for n in names)
    assert any(n.startswith("noto_cjk_sans_jp_regular") for n in names)  # fonts travel with it
    assert all(n.endswith(".whl") for n in names)
    sums = (bundle / "SHA256SUMS").read_text("utf-8").splitlines()
    assert len(sums) == sum(1 for p in bundle.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    assert (bundle / "install.ps1").read_bytes().startswith(b"\xef\xbb\xbf")  # PowerShell 5 reads UTF-8 by BOM
    assert b"\r\n" in (bundle / "install.ps1").read_bytes()
    site = tmp_path / "site"
    shutil.copytree(bundle, site)
    script = ("sh install.sh && .venv/bin/dibcyber assess examples/sample-seiki/answers.yaml --format json "
              "> result.json && .venv/bin/dibcyber report examples/sample-seiki/answers.yaml -o gap.pdf")
    done = subprocess.run([*offline, "sh", "-c", script], cwd=site, capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"format": "dibcyber/result@1"' in (site / "result.json").read_text("utf-8")
    assert (site / "gap.pdf").read_bytes().startswith(b"%PDF")


def test_a_tampered_bundle_is_refused_before_anything_is_installed(bundle: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(bundle, site)
    wheel = next((site / "wheels").glob("dibcyber-*.whl"))
    data = bytearray(wheel.read_bytes())
    data[100] ^= 0xFF
    wheel.write_bytes(bytes(data))
    done = subprocess.run(["sh", "install.sh"], cwd=site, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert not (site / ".venv").exists()
