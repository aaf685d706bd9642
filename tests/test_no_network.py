"""Nothing is fetched: every command runs in a process whose sockets are blocked, and none tries one.

The block is a ``sitecustomize`` module first on PYTHONPATH: it replaces socket creation, connection and
name resolution with a function that records the attempt in a file and raises. An attempt that dibcyber
caught and hid would still be recorded. PDF rendering (WeasyPrint, the likeliest to fetch) is included.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BLOCKER = '''
import os, socket

def _blocked(*args, **kwargs):
    with open(os.environ["DIBCYBER_SOCKET_LOG"], "a", encoding="utf-8") as f:
        f.write(repr(args)[:200] + "\\n")
    raise OSError("network access blocked by the test")

class _Socket(socket.socket):
    def __init__(self, *args, **kwargs):
        _blocked(*args)

socket.socket = _Socket
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
socket.gethostbyname = _blocked
socket.socketpair = _blocked
'''

RUNNER = '''
import json, sys
from dibcyber.cli import main
codes = []
for argv in json.loads(sys.argv[1]):
    try:
        main(argv)
        codes.append(0)
    except SystemExit as e:
        codes.append(int(e.code or 0))
print("CODES=" + json.dumps(codes))
'''


def test_no_command_opens_a_socket(tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples" / "sample-seiki", work)
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, "utf-8")
    log = tmp_path / "sockets.log"
    # An evidence URL and a remote logo-like reference in free text must stay text.
    answers = work / "answers.yaml"
    answers.write_text(answers.read_text("utf-8").replace(
        "    owner: 情報システム課 山田\n",
        "    owner: 情報システム課 山田 <img src=\"http://198.51.100.1/x.png\"> ![x](https://198.51.100.1/y)\n", 1),
        "utf-8")
    commands = [
        ["catalog", "list"],
        ["assess", "answers.yaml", "--format", "json"],
        ["report", "answers.yaml", "-o", "gap.html"],
        ["report", "answers.yaml", "-o", "gap.md"],
        ["report", "answers.yaml", "-k", "poam", "-o", "poam.csv"],
        ["report", "answers.yaml", "-o", "gap.pdf"],
        ["check", "answers.yaml", "--evidence", "--junit", "junit.xml", "--sarif", "out.sarif"],
        ["evidence", "check", "answers.yaml"],
        ["evidence", "index", "answers.yaml", "--format", "json"],
        ["evidence", "lock", "answers.yaml", "--lock-file"],
        ["init", "--profile", "cmmc-l2", "-o", "new.yaml"],
        ["diff", "answers.yaml", "new.yaml", "--format", "json"],
        ["import", "xccdf", "evidence/scans/debian12-standard.arf.xml", "--into", "answers.yaml"],
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT / "src")]),
           "DIBCYBER_SOCKET_LOG": str(log), "DIBCYBER_NO_CACHE": "1", "no_proxy": "", "http_proxy": "http://198.51.100.1:1"}
    done = subprocess.run([sys.executable, "-c", RUNNER, json.dumps(commands)], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert "CODES=" in done.stdout, done.stderr[-3000:]
    codes = json.loads(done.stdout.rsplit("CODES=", 1)[1])
    assert log.exists() is False, log.read_text("utf-8")
    if codes[5] == 5:  # no PDF support installed here: the rest still counts
        pytest.skip("the pdf extra is not installed")
    bad = {" ".join(c): code for c, code in zip(commands, codes, strict=True) if code not in (0, 1)}
    assert not bad, f"{bad}\n{done.stderr[-3000:]}"
    # The blocker works: a process that does reach for the network is caught.
    probe = subprocess.run([sys.executable, "-c", "import urllib.request as u; u.urlopen('http://198.51.100.1/')"],
                           env=env, capture_output=True, text=True, timeout=60, check=False)
    assert probe.returncode != 0 and log.exists()


def test_no_pydantic_plugin_of_the_environment_sees_the_answers(tmp_path: Path) -> None:
    """A pydantic plugin is any package with a ``pydantic`` entry point; pydantic loads it at the first
    validation and hands it every validated value. dibcyber turns plugins off for its run."""
    site = tmp_path / "site"
    dist = site / "spy_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8")
    marker = tmp_path / "loaded"
    (site / "spy_plugin.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('loaded')\n"
        "class _Plugin:\n    def new_schema_validator(self, *a, **k):\n        return None, None, None\n"
        "plugin = _Plugin()\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    probe = subprocess.run([sys.executable, "-c", "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\n"
                            "M(x=1)"], env=env, capture_output=True, check=True)
    assert marker.exists(), probe.stderr  # the plugin is found by pydantic itself: the test can see one
    marker.unlink()
    example = ROOT / "examples" / "sample-seiki" / "answers.yaml"
    r = subprocess.run([sys.executable, "-m", "dibcyber", "assess", str(example), "--format", "json"], env=env,
                       capture_output=True, check=False)
    assert r.returncode == 0, r.stderr.decode()
    assert not marker.exists()
