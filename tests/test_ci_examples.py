"""The CI files in examples/ci/ run as written, against a scratch policy repository.

What a team copies must work: each workflow step and job script is executed with bash, as the CI system
would run it, with the variables that system sets (GitHub's expressions and GitLab's predefined variables
filled in here), in a git repository with an `origin` to compare against. dibcyber is installed by the
file's own install step (DIBCYBER_SOURCE = this checkout). The pre-commit sample is run by pre-commit
itself, with this repository (at HEAD) as the hook repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import ROOT

EXAMPLES = ROOT / "examples" / "ci"
COMPANY = ROOT / "examples" / "sample-seiki"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Python environment like a CI runner's: no dibcyber until a file's install step puts it there."""
    where = tmp_path_factory.mktemp("runner") / "venv"
    venv.create(where, with_pip=True)
    return where / "bin"


def policy_repo(root: Path, *, second_file: bool = False) -> Path:
    """A policy repository: the example company on main, pushed to an origin, a feature branch checked out."""
    origin = root / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    work = root / "policy"
    shutil.copytree(COMPANY, work)
    if second_file:
        shutil.copytree(COMPANY, work / "plant2", ignore=shutil.ignore_patterns("README.md"))
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the company's answers")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "-q", "origin", "main")
    git(work, "checkout", "-q", "-b", "feature")
    return work


def regress(work: Path, rel: str = "answers.yaml") -> tuple[str, int]:
    """Make the first requirement answered 'implemented' not implemented; return its ID and key line."""
    path = work / rel
    lines = path.read_text("utf-8").splitlines()
    status = next(i for i, t in enumerate(lines) if t == "    status: implemented")
    key = next(i for i in range(status, 0, -1) if re.match(r'^  "?[^ #"][^"]*"?:$', lines[i]))
    lines[status] = "    status: not_implemented"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return lines[key].strip().strip(":").strip('"'), key + 1


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def runner_env(bin_dir: Path, work: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIBCYBER_", "PYTHON", "VIRTUAL_ENV"))}
    env.update({"PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", "LANG": "C.UTF-8", "CI": "true",
                "PIP_DISABLE_PIP_VERSION_CHECK": "1", "DIBCYBER_CACHE_DIR": str(work.parent / "cache")})
    env.update(extra)
    return env


# --- GitHub Actions ----------------------------------------------------------------------------------


def github_job(event: str, base_ref: str = "main") -> list[tuple[str, str, dict[str, str]]]:
    """(name, script, env) of the steps GitHub would run for ``event``, expressions filled in."""
    doc = YAML(typ="safe").load((EXAMPLES / "github-actions.yml").read_text("utf-8"))
    assert set(doc["on"]) == {"pull_request", "push"}
    job: dict[str, Any] = doc["jobs"]["dibcyber"]
    values = {"github.base_ref": base_ref if event == "pull_request" else "", "vars.DIBCYBER_SOURCE": str(ROOT)}

    def fill(text: str) -> str:
        return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: values[m.group(1)], text)

    top = {k: fill(str(v)) for k, v in doc.get("env", {}).items()}
    steps = []
    for step in job["steps"]:
        cond = step.get("if", "")
        if "uses" in step or "hashFiles" in cond:
            continue  # checkout and setup-python are the scratch repository and the runner's venv here
        if cond and f"github.event_name == '{event}'" not in cond:
            continue
        steps.append((step["name"], step["run"], {**top, **{k: fill(str(v)) for k, v in step.get("env", {}).items()}}))
    return steps


def run_github(work: Path, bin_dir: Path, event: str, base_ref: str = "main") -> subprocess.CompletedProcess[str]:
    path_file, summary = work.parent / "github_path", work.parent / "summary.md"
    path_file.write_text("", "utf-8")
    result = None
    for name, script, step_env in github_job(event, base_ref):
        env = runner_env(bin_dir, work, {"GITHUB_PATH": str(path_file), "GITHUB_STEP_SUMMARY": str(summary),
                                         "GITHUB_EVENT_NAME": event, **step_env})
        extra = [p for p in path_file.read_text("utf-8").splitlines() if p]
        env["PATH"] = os.pathsep.join([*extra, env["PATH"]])
        result = bash(script, work, env)
        if name.startswith("Install"):
            assert result.returncode == 0, result.stderr
        else:
            return result
    raise AssertionError(f"no check step ran for {event}")


@pytest.mark.slow
def test_github_pull_requests_fail_only_on_regressions(tmp_path: Path, tools: Path) -> None:
    work = policy_repo(tmp_path)
    ok = run_github(work, tools, "pull_request")
    assert ok.returncode == 0, ok.stdout + ok.stderr  # the example fails atla-standard's gates, but did not regress
    assert "::warning" in ok.stdout and "::error" not in ok.stdout  # the gates are shown, not enforced
    assert (work / "out" / "junit.xml").is_file() and (work / "out" / "dibcyber.sarif").is_file()
    rid, line = regress(work)
    git(work, "commit", "-qam", "drop access control")
    bad = run_github(work, tools, "pull_request")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert f"::error file=answers.yaml,line={line},title=dibcyber baseline::" in bad.stdout
    junit = (work / "out" / "junit.xml").read_text("utf-8")
    assert re.search(rf'<testcase [^>]*name="{re.escape(rid)} [^"]*"[^>]*>\s*<failure', junit)
    # known gaps are skipped, not failures
    assert re.search(r'name="SYS-3\.3\.5 [^"]*"[^>]*>\s*<skipped message="[^"]*基準から変化なし', junit)


@pytest.mark.slow
def test_github_branches_fail_on_the_profiles_gates(tmp_path: Path, tools: Path) -> None:
    work = policy_repo(tmp_path)
    git(work, "checkout", "-q", "main")
    result = run_github(work, tools, "push")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=answers.yaml" in result.stdout and "title=dibcyber require" in result.stdout


def test_github_install_step_says_what_to_set(tmp_path: Path, tools: Path) -> None:
    work = policy_repo(tmp_path)
    _, script, step_env = next(s for s in github_job("pull_request") if s[0].startswith("Install"))
    result = bash(script, work, runner_env(tools, work, {**step_env, "DIBCYBER_SOURCE": "",
                                                          "GITHUB_PATH": str(tmp_path / "p")}))
    assert result.returncode == 2 and "DIBCYBER_SOURCE" in result.stderr and "dibcyber-bundle" in result.stderr


# --- GitLab CI -------------------------------------------------------------------------------------


def gitlab_job(name: str) -> tuple[str, list[dict[str, str]]]:
    doc = YAML(typ="safe").load((EXAMPLES / "gitlab-ci.yml").read_text("utf-8"))
    job = doc[name]
    base = doc[job["extends"]]
    script = "\n".join([*base["before_script"], *job["script"]])
    return script, job["rules"]


@pytest.mark.slow
def test_gitlab_merge_requests_fail_only_on_regressions(tmp_path: Path, tools: Path) -> None:
    script, rules = gitlab_job("compliance:merge-request")
    assert rules == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]  # never on a branch pipeline
    gates_script, gate_rules = gitlab_job("compliance:gates")
    assert "merge_request_event" in gate_rules[0]["if"] and "CI_DEFAULT_BRANCH" in gate_rules[0]["if"]
    work = policy_repo(tmp_path, second_file=True)
    variables = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
                 "DIBCYBER_SOURCE": str(ROOT)}
    ok = bash(script, work, runner_env(tools, work, variables))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    regress(work, "plant2/answers.yaml")
    git(work, "commit", "-qam", "plant 2 drops access control")
    bad = bash(script, work, runner_env(tools, work, variables))
    assert bad.returncode == 1, bad.stdout + bad.stderr
    junit = (work / "out" / "junit.xml").read_text("utf-8")
    assert 'file="plant2/answers.yaml"' in junit and 'file="answers.yaml"' in junit  # both files, each located
    gates = bash(gates_script, work, runner_env(tools, work, {"DIBCYBER_SOURCE": str(ROOT)}))
    assert gates.returncode == 1


def test_gitlab_job_outside_a_merge_request_names_the_variable(tmp_path: Path, tools: Path) -> None:
    """Run by hand on a branch pipeline, the target branch variable is empty: say which one to set."""
    work = policy_repo(tmp_path)
    env = runner_env(Path(sys.executable).parent, work, {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": ""})
    result = bash('dibcyber check answers.yaml --fail-on regression '
                  '--baseline "git:origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"', work, env)
    assert result.returncode == 2
    assert "CI_MERGE_REQUEST_TARGET_BRANCH_NAME" in result.stderr and "merge_request_event" in result.stderr


# --- pre-commit ------------------------------------------------------------------------------------


def _head_is_this_tree() -> str:
    head = git(ROOT, "rev-parse", "HEAD").strip()
    dirty = git(ROOT, "status", "--porcelain", "--", ".pre-commit-hooks.yaml", "src", "pyproject.toml")
    if dirty.strip():
        pytest.fail("pre-commit installs the hook repository at a commit: commit .pre-commit-hooks.yaml and src "
                    "first (CI runs on a clean clone)")
    return head


@pytest.mark.slow
def test_pre_commit_blocks_broken_and_regressing_answers_files(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit, "pre-commit is in the dev extra"
    rev = _head_is_this_tree()
    work = policy_repo(tmp_path, second_file=True)
    config = (EXAMPLES / "pre-commit-config.yaml").read_text("utf-8")
    config = config.replace("https://github.com/OWNER/dibcyber", str(ROOT)).replace("COMMIT", rev)
    (work / ".pre-commit-config.yaml").write_text(config, "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIBCYBER_", "VIRTUAL_ENV"))}
    env.update({"PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "LANG": "C.UTF-8",
                "DIBCYBER_CACHE_DIR": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
                "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([pre_commit, "run", "--files", *files], cwd=work, env=env, capture_output=True,
                              text=True, timeout=900, check=False)

    both = ("answers.yaml", "plant2/answers.yaml")
    ok = run(*both)  # two answers files at once, unchanged: nothing got worse
    assert ok.returncode == 0, ok.stdout + ok.stderr
    rid, _ = regress(work, "plant2/answers.yaml")
    bad = run(*both)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "dibcyber check" in bad.stdout and "Failed" in bad.stdout and rid in bad.stdout
    git(work, "checkout", "--", "plant2/answers.yaml")
    (work / "answers.yaml").write_text((work / "answers.yaml").read_text("utf-8").replace(
        "status: implemented", "status: implmented", 1), "utf-8")
    broken = run(*both)
    assert broken.returncode == 1 and "implmented" in broken.stdout
