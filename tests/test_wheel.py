"""The built wheel carries the catalogs, profiles and templates and finds them at run time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_lists_catalogs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT],
                   check=True, capture_output=True)
    wheel = next(dist.glob("dibcyber-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel],
                   check=True, capture_output=True)
    exe = env_dir / "bin" / "dibcyber"
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DIBCYBER_PATH"}}
    clean["DIBCYBER_NO_CACHE"] = "1"
    listed = subprocess.run([exe, "catalog", "list", "--format", "json"], capture_output=True, text=True,
                            check=True, cwd=tmp_path, env=clean)
    assert {r["id"] for r in json.loads(listed.stdout)} == {"atla-2022", "nist-800-171r2", "nist-800-171r3"}
    assert all(r["source"] == "built-in" for r in json.loads(listed.stdout))
    where = subprocess.run([py, "-c", "from dibcyber.io.resources import data_dir; print(data_dir('templates'))"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=clean)
    assert "site-packages" in where.stdout
    profiles = subprocess.run([exe, "profile", "list", "--format", "json"], capture_output=True, text=True,
                              check=True, cwd=tmp_path, env=clean)
    assert len(json.loads(profiles.stdout)) == 4
    compiled = subprocess.run([py, "-c", "from dibcyber.io.resources import data_dir; "
                               "print(len(list((data_dir('controls') / 'compiled').glob('*.json'))))"],
                              capture_output=True, text=True, check=True, cwd=tmp_path, env=clean)
    assert compiled.stdout.strip() == "3"  # built-in catalogs ship compiled: the user's cache is never asked
