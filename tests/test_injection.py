"""Output injection, tried in a real browser: payloads in every free-text field (organisation name included)
of an answers file, the HTML reports opened in headless Chromium. Had any script run, the page would mark
its own DOM; had any markup or CSS escaped, the browser would request a URL from a local server. Neither
may happen. (Escaping in Markdown, CSV, JUnit and SARIF is tested in test_reports.py and test_ci.py.)"""

from __future__ import annotations

import http.server
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_reports import needs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared by the server's handler instances

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.hits = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def payload(url: str, field: str) -> str:
    """One string that would mark the DOM or fetch ``url`` if any part of it escaped, as YAML (quoted)."""
    mark = f"document.documentElement.setAttribute('data-owned','{field}')"
    parts = [
        f"<script>{mark}</script>",
        f"<img src={url}/img-{field} onerror=\"{mark}\">",
        f"<svg onload=\"{mark}\"><image href='{url}/svg-{field}'/></svg>",
        f"</style><style>body{{background:url({url}/css-{field})}}</style>",
        f"</title></textarea><iframe src={url}/frame-{field}></iframe>",
        f"<a href=\"javascript:{mark}\">click</a>",
        f"[md]({url}/md-{field}) ![i]({url}/mdimg-{field})",
        f"<link rel=stylesheet href={url}/link-{field}>",
        "@here | table | breaker |",
        f"\"><base href={url}/base-{field}/>",
    ]
    text = " ".join(parts)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile(folder: Path, url: str) -> Path:
    fields = {name: payload(url, name) for name in (
        "org", "org_en", "address", "prime", "contact", "assessor", "scope", "system", "marking", "narrative",
        "owner", "measure", "title", "ev_title", "odp")}
    (folder / "evidence").mkdir()
    (folder / "evidence" / "p.md").write_text("x", "utf-8")
    path = folder / "answers.yaml"
    path.write_text(f"""format: dibcyber/answers@1
profile: cmmc-l2
organization:
  name: {fields['org']}
  name_en: {fields['org_en']}
  address: {fields['address']}
  prime: {fields['prime']}
  contact: {{name: {fields['contact']}}}
assessment:
  date: 2026-11-01
  assessor: {fields['assessor']}
  scope: {fields['scope']}
  system: {fields['system']}
  marking: {fields['marking']}
requirements:
  "3.1.1":
    status: not_implemented
    narrative: {fields['narrative']}
    owner: {fields['owner']}
    planned_measure: {fields['measure']}
    target_date: 2027-01-01
    evidence: [{{path: evidence/p.md, title: {fields['ev_title']}}}]
  "3.1.2":
    status: implemented
    narrative: {fields['narrative']}
    evidence: [{{url: "javascript:alert(1)", title: {fields['ev_title']}}}]
  "3.12.4": {{status: implemented, narrative: {fields['title']}}}
""", "utf-8")
    return path


@pytest.mark.parametrize("kind", ["gap", "plan", "poam"])
def test_no_script_runs_and_nothing_is_fetched(tmp_path: Path, server: str, kind: str) -> None:
    from conftest import run_cli

    needs("chromium", CHROMIUM is not None, "apt-get install --no-install-recommends chromium")
    answers = hostile(tmp_path, server)
    html = tmp_path / f"{kind}.html"
    result = run_cli("report", answers, "-k", kind, "-o", html)
    assert result.code == 0, result.err
    text = html.read_text("utf-8")
    assert server in text  # the payloads are in the page, as text
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp_path / 'p'}",
         "--virtual-time-budget=3000", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120, check=True)
    dom = done.stdout
    assert "<body" in dom  # the page rendered
    assert not re.search(r"<html[^>]*data-owned", dom), "a script ran"
    assert _Recorder.hits == [], f"the page requested {_Recorder.hits}"
    assert not re.search(r"<(script|iframe|svg|img|link|base)\b[^>]*127\.0\.0\.1", dom)
    assert not re.search(r"<a\b[^>]*href=\"javascript:", dom)
