"""Issue 17 (hardening, third list): guards that need more than a corpus case — real processes with a
timeout, closed and full output streams, forged git dates, cache edits, injected kills."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ANSWERS = """format: dibcyber/answers@1
profile: cmmc-l2
organization: {name: 検証株式会社}
assessment: {date: 2026-11-01}
requirements:
  "3.1.1": {status: implemented}
"""


def dibcyber(*args: str, cwd: Path, timeout: float = 60, stdout: object = subprocess.PIPE,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dibcyber", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}, timeout=timeout,
                          check=False)


@pytest.mark.parametrize("command", [["portfolio", "sup", "--format", "json"],
                                     ["report", "--batch", "sup", "--out", "out", "--format", "md"]])
def test_folder_scans_never_open_a_fifo_in_a_real_process(tmp_path: Path, command: list[str]) -> None:
    sup = tmp_path / "sup"
    (sup / "deep").mkdir(parents=True)
    (sup / "a.yaml").write_text(ANSWERS, "utf-8")
    for name in ("p.yaml", "q.yml", "r.xlsx", "deep/s.yaml"):
        os.mkfifo(sup / name)
    r = dibcyber(*command, cwd=tmp_path, timeout=60)  # before issue 17 this hung until killed
    assert r.returncode == 0, r.stderr.decode()


@pytest.mark.parametrize("args", [("assess", "a.yaml"), ("assess", "a.yaml", "--format", "json"), ("--version",),
                                  ("--help",), ("schema",), ("catalog", "show", "nist-800-171r2"),
                                  ("check", "a.yaml", "--min-sprs", "110"), ("report", "a.yaml", "--format", "md")])
def test_a_full_disk_on_standard_output_is_a_write_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    (tmp_path / "a.yaml").write_text(ANSWERS, "utf-8")
    with Path("/dev/full").open("wb") as full:
        r = dibcyber(*args, cwd=tmp_path, stdout=full)
    err = r.stderr.decode()
    assert r.returncode == 4, err
    assert err.count("\n") == 1 and "cannot write to standard output" in err and "Traceback" not in err, err


@pytest.mark.parametrize("args", [("assess", "a.yaml"), ("--version",), ("report", "a.yaml", "--format", "md")])
def test_a_closed_standard_output_is_a_write_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "a.yaml").write_text(ANSWERS, "utf-8")
    r = subprocess.run(["sh", "-c", '"$0" -m dibcyber "$@" >&-', sys.executable, *args], cwd=tmp_path,
                       capture_output=False, stderr=subprocess.PIPE, timeout=60, check=False)
    err = r.stderr.decode()
    assert r.returncode == 4, err
    assert "cannot write to standard output" in err and "Traceback" not in err, err


# --- the cache: built-ins never come from it ------------------------------------------------------------


def _forge(kind: str, source: Path, edits: dict[bytes, bytes], monkeypatch: pytest.MonkeyPatch,
           cache_dir: Path) -> None:
    """What an attacker who can write the cache folder does: a well-formed entry for the real source bytes,
    with an edited payload and every hash recomputed."""
    from dibcyber.io import cache
    from dibcyber.io.registry import Registry

    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(cache_dir))
    raw = source.read_bytes()
    reg = Registry([])
    model = reg.catalog(source.stem) if kind == "catalog" else reg.profile(source.stem)
    payload = model.model_dump_json(exclude_defaults=True).encode()
    forged = payload
    for old, new in edits.items():
        assert old in forged, payload[:400]
        forged = forged.replace(old, new)
    cache.put(kind, raw, forged)
    assert cache.get(kind, raw) == forged  # the forged entry verifies


def test_an_edited_and_rehashed_cache_entry_does_not_change_a_builtin_profiles_gates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import run_cli
    from dibcyber.io.resources import data_dir

    _forge("profile", data_dir("profiles") / "cmmc-l2.yaml",
           {b'"gates":{"min_sprs":88,"require_cmmc_conditional":true}': b'"gates":{}'},
           monkeypatch, tmp_path / "cache")
    (tmp_path / "a.yaml").write_text(ANSWERS, "utf-8")
    r = run_cli("check", str(tmp_path / "a.yaml"), "--format", "json")
    assert r.code == 1, r.err  # the profile's gates still fail (the forged entry, without gates, made it exit 0)


def test_an_edited_and_rehashed_cache_entry_does_not_change_a_builtin_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dibcyber.io.registry import Registry
    from dibcyber.io.resources import data_dir

    real = Registry([]).catalog("nist-800-171r2").by_id["3.1.1"].title.en
    assert real
    _forge("catalog", data_dir("controls") / "nist-800-171r2.yaml", {real.encode(): b"Planted by the cache"},
           monkeypatch, tmp_path / "cache")
    assert Registry([]).catalog("nist-800-171r2").by_id["3.1.1"].title.en == real


def test_compiled_builtins_are_fresh_and_equal_to_their_yaml() -> None:
    """The compiled models shipped beside the built-in catalogs are what their YAML gives (else run
    scripts/compile_builtins.py)."""
    from dibcyber.io.registry import Registry, _compiled_payload
    from dibcyber.models.catalog import Catalog

    reg = Registry([])
    for entry in reg.entries("catalog"):
        raw = entry.path.read_bytes()
        payload = _compiled_payload(entry.path, raw)
        assert payload is not None, f"{entry.path.name}: missing or stale; run scripts/compile_builtins.py"
        assert Catalog.model_validate_json(payload) == reg.parse_builtin(entry.path, raw, Catalog), entry.id


def test_a_deeply_nested_cache_header_is_a_miss_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import CASES
    from dibcyber.io import cache
    from dibcyber.io.registry import Registry

    monkeypatch.setenv("DIBCYBER_CACHE_DIR", str(tmp_path / "cache"))
    cats = tmp_path / "cats"
    cats.mkdir()
    source = cats / "inhouse.yaml"
    source.write_text((CASES / "user-path" / "inhouse.yaml").read_text("utf-8"), "utf-8")
    Registry([cats]).catalog("sample-inhouse")
    (entry,) = (tmp_path / "cache").glob(f"catalog-*-{hashlib.sha256(source.read_bytes()).hexdigest()}.json")
    for head in (b"[" * 100_000, b"[" * 3000 + b"]" * 3000, b'{"a":' * 2000 + b"1" + b"}" * 2000):
        entry.write_bytes(head + b"\n{}")
        assert cache.get("catalog", source.read_bytes()) is None
        assert Registry([cats]).catalog("sample-inhouse").by_id["IH-1"].title.en == "No shared accounts"


# --- portfolio baselines match by file ---------------------------------------------------------------


def test_baselines_match_by_file_from_the_end_and_never_choose_between_equals() -> None:
    from dibcyber.engine.portfolio import match_baseline
    from dibcyber.models.portfolio import Supplier

    def row(file: str, name: str = "同名株式会社") -> Supplier:
        return Supplier(file=file, name=name, profile="cmmc-l2", catalog="nist-800-171r2",
                        date="2026-11-01", conformance=0.5, implemented=1, applicable=2, open_items=1)  # type: ignore[arg-type]

    before = [row("sup/a/answers.yaml"), row("sup/b/answers.yaml"), row("/old/cwd/x/answers.yaml", "X")]
    chosen, ambiguous = match_baseline(["sup/a/answers.yaml", "/abs/now/sup/b/answers.yaml", "x/answers.yaml"],
                                       before)
    assert chosen["sup/a/answers.yaml"].file == "sup/a/answers.yaml"
    assert chosen["/abs/now/sup/b/answers.yaml"].file == "sup/b/answers.yaml"  # another working directory
    assert chosen["x/answers.yaml"].name == "X" and not ambiguous
    # one short baseline path that two files both end with: neither is compared
    chosen, ambiguous = match_baseline(["p/answers.yaml", "q/answers.yaml"], [row("answers.yaml")])
    assert not chosen and ambiguous == {"p/answers.yaml", "q/answers.yaml"}
    # a renamed supplier is still the same file; a new file has no previous row
    chosen, ambiguous = match_baseline(["sup/a/answers.yaml", "sup/new/answers.yaml"],
                                       [row("sup/a/answers.yaml", "旧名")])
    assert chosen["sup/a/answers.yaml"].name == "旧名" and "sup/new/answers.yaml" not in chosen and not ambiguous


# --- evidence check asks git once -----------------------------------------------------------------------


def test_evidence_check_runs_git_a_fixed_number_of_times_whatever_the_number_of_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import run_cli

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    lines = [ANSWERS.rstrip("\n").replace('{status: implemented}', ''), "    status: implemented", "    evidence:"]
    for i in range(40):
        (tmp_path / f"証跡{i}.md").write_text(f"{i}\n", "utf-8")
        lines.append(f"      - path: 証跡{i}.md")
    (tmp_path / "a.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)
    calls: list[list[str]] = []

    class CountingPopen(subprocess.Popen):  # type: ignore[type-arg]
        """Every process, whether started by subprocess.run or directly."""

        def __init__(self, cmd, *a, **k) -> None:  # type: ignore[no-untyped-def]
            calls.append(list(cmd))
            super().__init__(cmd, *a, **k)

    monkeypatch.setattr(subprocess, "Popen", CountingPopen)
    r = run_cli("evidence", "check", str(tmp_path / "a.yaml"), "--max-age", "365", "--format", "json")
    assert r.code == 0, r.err
    assert r.out.count('"age_days": 0') == 40
    git = [c for c in calls if c and c[0] == "git"]
    assert len(git) <= 2, git  # the repository root, and one log for all 40 files (was 80 processes)
