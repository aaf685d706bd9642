"""`dibcyber assess --interactive` through a real pseudo-terminal (pexpect), as a person would use it.

What must hold whatever happens: every confirmed answer is on disk, the file is always valid YAML that
assesses, comments and order survive, and a file changed by someone else is never overwritten.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import pexpect

from conftest import ROOT, run_cli
from dibcyber.models.answers import Answers
from dibcyber.yamlio import parse

STATUS = "> "
FAMILY = "One status for all"


def fresh(tmp_path: Path) -> Path:
    out = tmp_path / "answers.yaml"
    assert run_cli("init", "-p", "atla-standard", "-o", out, "--lang", "ja").code == 0
    return out


def spawn(path: Path, *extra: str, lang: str = "en") -> pexpect.spawn:
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "LANG": "C.UTF-8", "DIBCYBER_NO_CACHE": "1"}
    return pexpect.spawn(sys.executable, ["-m", "dibcyber", "assess", str(path), "--interactive", "--lang", lang,
                                          *extra], env=env, encoding="utf-8", timeout=30, cwd=str(ROOT),
                         dimensions=(24, 80))


def one_by_one(child: pexpect.spawn) -> None:
    """Decline the offer to answer a whole family at once."""
    child.expect_exact(FAMILY)
    child.expect_exact(STATUS)
    child.sendline("")


def answers_of(path: Path) -> Answers:
    text = path.read_text("utf-8")
    return Answers.model_validate(parse(text, str(path)))


def answer_implemented(child: pexpect.spawn, narrative: str) -> None:
    child.expect_exact(STATUS)
    child.sendline("1")
    child.expect_exact("Narrative")
    child.sendline(narrative)
    child.expect_exact("Evidence")
    child.sendline("evidence/policy.md")
    child.expect_exact("evidence/policy.md does not exist")  # a typo is flagged, recorded only when confirmed
    child.sendline("y")
    child.expect_exact("Owner")
    child.sendline("総務部 佐藤")
    child.expect_exact("saved")


def test_answers_are_saved_one_by_one_and_comments_survive(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    before = path.read_text("utf-8")
    child = spawn(path, "--family", "ORG-GOV")
    one_by_one(child)
    answer_implemented(child, "基本方針を制定済み")
    # second item: planned, with a wrong date first
    child.expect_exact(STATUS)
    child.sendline("3")
    for prompt, reply in (("Narrative", ""), ("Evidence", ""), ("Owner", "情報システム課 鈴木"),
                          ("Planned measure", "手順書を整備する"), ("Target date", "2027-02-30")):
        child.expect_exact(prompt)
        child.sendline(reply)
    child.expect_exact("no such day (February 2027 has 28 days)")
    child.expect_exact("Target date")
    child.sendline("2027/3/31")
    child.expect_exact("saved")
    child.expect_exact(STATUS)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    after = path.read_text("utf-8")
    data = answers_of(path).requirements
    assert data["ORG-01"] is not None and data["ORG-01"].status == "implemented"
    assert data["ORG-01"].narrative == "基本方針を制定済み"
    assert data["ORG-02"] is not None and data["ORG-02"].status == "planned"
    assert str(data["ORG-02"].target_date) == "2027-03-31"
    # every comment line of the questionnaire is still there, in the same order
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    assert after.index('"ORG-01":') < after.index('"ORG-02":') < after.index('"SYS-3.1.1":')
    # resuming visits only what is still unanswered: one left, so no offer for the family
    child = spawn(path, "--family", "ORG-GOV")
    child.expect_exact("ORG-03")
    child.expect_exact(STATUS)
    child.sendline("q")
    child.expect(pexpect.EOF)


def test_ctrl_c_keeps_every_confirmed_answer(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path)
    one_by_one(child)
    answer_implemented(child, "一件目")
    answer_implemented(child, "二件目")
    child.expect_exact(STATUS)
    child.sendline("1")
    child.expect_exact("Narrative")
    child.sendintr()  # Ctrl-C in the middle of the third answer
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    data = answers_of(path).requirements
    assert [k for k, v in data.items() if v and v.status] == ["ORG-01", "ORG-02"]
    assert run_cli("assess", path).code == 0


def test_killed_process_leaves_old_or_new_file(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path)
    one_by_one(child)
    answer_implemented(child, "一件目")
    child.expect_exact(STATUS)
    child.sendline("1")
    child.expect_exact("Narrative")
    child.sendline("二件目")
    child.expect_exact("Evidence")
    child.sendline("")
    child.expect_exact("Owner")
    child.sendline("x")  # the save of the second answer starts now; kill at once
    child.kill(signal.SIGKILL)
    child.close(force=True)
    data = answers_of(path).requirements  # parses: never half written
    saved = [k for k, v in data.items() if v and v.status]
    assert saved in (["ORG-01"], ["ORG-01", "ORG-02"])
    assert run_cli("assess", path).code == 0


def test_refuses_to_write_when_the_file_changed_on_disk(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path)
    one_by_one(child)
    child.expect_exact(STATUS)
    child.sendline("1")
    child.expect_exact("Narrative")
    edited = path.read_text("utf-8").replace("  name: \"（会社名を記入）\"", "  name: 株式会社別編集")
    path.write_text(edited, "utf-8")  # someone else edits the file meanwhile
    for reply in ("説明", "", "担当"):
        child.sendline(reply)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 4
    assert "changed on disk" in (child.before or "")
    assert path.read_text("utf-8") == edited


def test_example_copy_keeps_its_formatting(tmp_path: Path) -> None:
    src = ROOT / "examples" / "sample-seiki"
    shutil.copytree(src, tmp_path / "ex")
    path = tmp_path / "ex" / "answers.yaml"
    before = path.read_text("utf-8")
    child = spawn(path, "--family", "SYS-CM")
    child.expect_exact("SYS-3.4.9")
    child.expect_exact(STATUS)
    child.sendline("4")
    for prompt, reply in (("Narrative", "未着手"), ("Evidence", ""), ("Owner", ""), ("Planned measure", "検討"),
                          ("Target date", "2027-08-31")):
        child.expect_exact(prompt)
        child.sendline(reply)
    child.expect_exact("saved")
    child.expect(pexpect.EOF)
    after = path.read_text("utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == []  # only additions: nothing the user wrote was rewritten
    assert after.index("SYS-3.4.8") < after.index("SYS-3.4.9:") < after.index("# ── 3.5") < after.index("SYS-3.5.1")


def test_nothing_to_do_message(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("format: dibcyber/answers@1\nprofile: atla-standard\norganization: {name: x}\n"
                    "assessment: {date: 2026-11-01}\nrequirements: {}\n", "utf-8")
    child = spawn(path, "--family", "ORG-SUB")
    child.expect_exact("ORG-06")
    child.sendline("5")
    for r in ("下請負なし", "", ""):
        child.sendline(r)
    child.expect_exact("saved")
    child.expect(pexpect.EOF)
    again = spawn(path, "--family", "ORG-SUB")
    again.expect_exact("No requirement needs an answer.")
    again.expect(pexpect.EOF)


def test_bridged_profile_writes_into_the_atla_file(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples" / "sample-seiki", tmp_path / "ex")
    path = tmp_path / "ex" / "answers.yaml"
    child = spawn(path, "--profile", "cmmc-l2", "--family", "CM")
    child.expect_exact("3.4.9")  # SYS-3.4.9 is unanswered in the ATLA file, so CMMC's 3.4.9 is too
    child.expect_exact(STATUS)
    child.sendline("1")
    for reply in ("許可リストで制御", "", "情報システム課 中村"):
        child.sendline(reply)
    child.expect_exact("saved")
    child.expect(pexpect.EOF)
    data = answers_of(path).requirements
    assert data["3.4.9"] is not None and data["3.4.9"].status == "implemented"
    assert run_cli("assess", path).code == 0  # still a valid ATLA file: 3.4.9 answers SYS-3.4.9


def test_crlf_file_stays_crlf(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    child = spawn(path, "--family", "ORG-GOV")
    one_by_one(child)
    answer_implemented(child, "改行コード CRLF")
    child.expect_exact(STATUS)
    child.sendline("q")
    child.expect(pexpect.EOF)
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert answers_of(path).requirements["ORG-01"].status == "implemented"  # type: ignore[union-attr]


def test_revisiting_with_a_status_replaces_objective_findings(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("format: dibcyber/answers@1\nprofile: atla-standard\norganization: {name: x}\n"
                    "assessment: {date: 2026-11-01}\nrequirements:\n"
                    "  SYS-3.1.2:\n    objectives: {a: met, b: met}\n    owner: 山田\n", "utf-8")
    child = spawn(path, "--all", "--family", "SYS-AC")
    one_by_one(child)
    child.expect_exact("SYS-3.1.1")
    child.expect_exact(STATUS)
    child.sendline("")  # skip 3.1.1
    child.expect_exact("SYS-3.1.2")
    child.expect_exact("a: met, b: met")  # the current findings are shown, in the user's language
    child.expect_exact(STATUS)
    child.sendline("2")
    for reply in ("一部の取引種別のみ制御", "", "", "残りの取引種別にも適用", "2027-04-30"):
        child.sendline(reply)
    child.expect_exact("saved")
    child.expect_exact(STATUS)
    child.sendline("q")
    child.expect(pexpect.EOF)
    answer = answers_of(path).requirements["SYS-3.1.2"]
    assert answer is not None and answer.status == "partially_implemented" and answer.objectives == {}
    assert answer.owner == "山田"


def test_the_partial_case_is_asked_for_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    assert run_cli("init", "-p", "cmmc-l2", "-o", path, "--lang", "en").code == 0
    child = spawn(path, "--family", "IA")
    one_by_one(child)
    for _ in range(2):  # 3.5.1 and 3.5.2: next
        child.expect_exact(STATUS)
        child.sendline("")
    child.expect_exact(STATUS)  # 3.5.3
    child.sendline("2")
    child.expect_exact("methodology's partial case: MFA for remote and privileged users")
    child.sendline("y")
    child.expect_exact("Narrative")
    child.sendline("特権とリモートのみ MFA")
    for prompt in ("Evidence", "Owner", "Planned measure", "Target date"):
        child.expect_exact(prompt)
        child.sendline("2027-03-31" if prompt == "Target date" else "")
    child.expect_exact("saved")
    child.expect_exact(STATUS)
    child.sendline("q")
    child.expect(pexpect.EOF)
    answer = answers_of(path).requirements["3.5.3"]
    assert answer is not None and answer.partial_credit == "mfa_remote_and_privileged_only"
    result = run_cli("assess", path, "--format", "json")
    import json

    deduction = next(d for d in json.loads(result.out)["scores"]["sprs"]["deductions"] if d["id"] == "3.5.3")
    assert deduction["points"] == 3
