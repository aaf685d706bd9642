"""`dibcyber assess --interactive` through a real pseudo-terminal (pexpect), as a person would use it.

What must hold whatever happens: every confirmed answer is on disk, the file is always valid YAML that
assesses, comments and order survive, and a file changed by someone else is never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
from collections import Counter
from pathlib import Path

import pexpect

from conftest import ROOT, run_cli
from dibcyber.io.yamlio import parse
from dibcyber.models.answers import Answers

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


# --- issue 18: forgiving input, navigation, editing as a person would, 80 columns ----------------------------

def _finish(child: pexpect.spawn, code: int = 0) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
    return child.before or ""


def test_full_width_and_japanese_keys_are_understood_and_nonsense_is_asked_again(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path, "--family", "ｓｙｓ－ｉａ", lang="ja")  # the input method left on, even here
    child.expect_exact("全件に同じ状況なら")
    child.sendline("")
    child.expect_exact("SYS-3.5.1")
    child.expect_exact("o 評価目標ごと")
    child.sendline("ｏ")
    for reply in ("ｍ", "zz", "はい", "ｎ"):  # zz is not understood: asked again, not stored as unanswered
        child.expect_exact("m 適合  n 不適合")
        child.sendline(reply)
        if reply == "zz":
            child.expect_exact("m適合、n不適合、x該当なし、mmnのような列又はEnterで答えてください")
    child.expect_exact("説明")
    child.sendline("ｑ")  # full-width q at a text prompt quits: it never becomes the narrative "q"
    _finish(child)
    answer = answers_of(path).requirements["SYS-3.5.1"]
    assert answer is None or not answer.narrative  # the answer in progress was not saved half-way
    text = path.read_text("utf-8")
    assert '"SYS-3.5.1":\n    status:\n    objectives:\n      "a":\n' in text  # the template as it was


def test_back_help_and_quit_at_every_prompt(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path, "--family", "ORG-GOV")
    child.expect_exact(FAMILY)
    child.sendline("?")
    child.expect_exact("clears a field")  # the help
    child.expect_exact(STATUS)
    child.sendline("")
    child.expect_exact("ORG-01")
    child.expect_exact(STATUS)
    assert "by objective" not in (child.before or "")  # ORG-01 has no objectives: no [o] offered
    child.sendline("1")
    child.expect_exact("Narrative")
    child.sendline("<")  # back to the status question of the same requirement
    child.expect_exact("1 implemented")
    child.expect_exact(STATUS)
    child.sendline("2")
    child.expect_exact("Narrative")
    child.sendline("一部の部署のみ")
    child.expect_exact("Evidence")
    child.sendline("")
    child.expect_exact("Owner")
    child.sendline("総務部")
    child.expect_exact("Planned measure")
    child.sendline("全社に展開")
    child.expect_exact("Target date")
    child.sendline("令和9年3月31日")
    child.expect_exact("saved")
    child.expect_exact("ORG-02")
    child.expect_exact(STATUS)
    child.sendline("b")  # back to ORG-01, its answer shown in the user's language
    child.expect_exact("ORG-01")
    child.expect_exact("current answer: partially implemented")
    child.expect_exact(STATUS)
    child.sendline("")  # leave it
    child.expect_exact("ORG-02")
    child.expect_exact(STATUS)
    child.sendline("3")
    child.expect_exact("Narrative")
    child.sendline("")
    child.expect_exact("Evidence")
    child.sendline("")
    child.expect_exact("Owner [総務部]")  # carried forward from the previous item
    child.sendline("")
    child.expect_exact("Planned measure")
    child.sendline("q")
    _finish(child)
    data = answers_of(path).requirements
    first = data["ORG-01"]
    assert first is not None and first.status == "partially_implemented"
    assert str(first.target_date) == "2027-03-31"
    assert data["ORG-02"] is None or data["ORG-02"].status is None


def test_dates_are_read_like_the_workbook_reads_them(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path, "--family", "ORG-SUB")  # one requirement: no family offer
    child.expect_exact(STATUS)
    child.sendline("4")
    for prompt, reply in (("Narrative", ""), ("Evidence", ""), ("Owner", ""), ("Planned measure", "覚書を結ぶ")):
        child.expect_exact(prompt)
        child.sendline(reply)
    for reply, said in (("20270331", "write the date with separators, e.g. 2027-03-31"),
                        ("平成31年5月1日", "not in the 平成 era"), ("2020-01-31", "is in the past. Keep it?")):
        child.expect_exact("Target date")
        child.sendline(reply)
        child.expect_exact(said)
    child.sendline("n")  # not the past date after all
    child.expect_exact("Target date")
    child.sendline("２０２７／３／３１")
    child.expect_exact("saved")
    _finish(child)
    answer = answers_of(path).requirements["ORG-06"]
    assert answer is not None and str(answer.target_date) == "2027-03-31"


def test_not_applicable_asks_for_its_reason(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path, "--family", "ORG-SUB")
    child.expect_exact(STATUS)
    child.sendline("5")
    child.expect_exact("Reason it is not applicable")
    child.sendline("")
    child.expect_exact("without a reason is scored not implemented")
    child.sendline("下請負を使わない")
    for reply in ("", ""):
        child.sendline(reply)
    child.expect_exact("saved")
    _finish(child)
    answer = answers_of(path).requirements["ORG-06"]
    assert answer is not None and answer.narrative == "下請負を使わない"


def test_family_at_once_then_only_the_exceptions(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path, "--family", "ia", lang="ja")
    child.expect_exact("この分類の未回答は11件です")
    child.sendline("１")
    child.expect_exact("例外")
    child.sendline("3.5.99")
    child.expect_exact("この分類にない要件です：3.5.99")
    child.sendline("3.5.3、SYS-3.5.4")
    for reply in ("", "", "情報システム課 鈴木"):  # narrative, evidence, owner: once for the family
        child.sendline(reply)
    child.expect_exact("9件を「実施済み」として保存しました。")
    child.expect_exact("この分類の未回答は2件です")  # the same offer for the exceptions
    child.expect_exact(STATUS)
    child.sendline("")
    child.expect_exact("SYS-3.5.3")
    child.expect_exact("o 評価目標ごと")
    child.sendline("2")
    child.expect_exact("SPRS換算")  # worded for an ATLA self-assessment, not 「DoD評価方法論の部分点」
    child.sendline("y")
    for reply in ("一般利用者はパスワードのみ", "", "", "ICカード配布", "2027-06-30"):
        child.sendline(reply)
    child.expect_exact("保存しました")
    child.expect_exact("SYS-3.5.4")
    child.sendline("q")
    _finish(child)
    data = answers_of(path).requirements
    done = [k for k, v in data.items() if v and v.status == "implemented"]
    assert len(done) == 9 and "SYS-3.5.3" not in done and "SYS-3.5.4" not in done
    assert all(data[k].owner == "情報システム課 鈴木" for k in done)  # type: ignore[union-attr]
    text = path.read_text("utf-8")
    block = text[text.index('"SYS-3.5.3":'):text.index('"SYS-3.5.4":')]
    assert block.count("partial_credit") == 1 and "次の行の#を外す" not in block  # the hint went with it
    assert '"a":\n      "b":' in block  # the template's objectives block is still there
    assert block.index("partial_credit: mfa") < block.index("narrative:")
    assert run_cli("assess", path).code == 0


def test_objectives_go_under_their_requirement_after_a_status(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples" / "sample-seiki", tmp_path / "ex")
    path = tmp_path / "ex" / "answers.yaml"
    before = path.read_text("utf-8")
    child = spawn(path, "--all", "--family", "SYS-IR")
    child.expect_exact("SYS-3.6.1")
    child.expect_exact(STATUS)
    child.sendline("o")  # 3.6.1 has objectives but none answered in the example
    for _ in range(7):
        child.expect_exact("m met")
        child.sendline("m")
    for reply in ("", "", ""):
        child.sendline(reply)
    child.expect_exact("saved")
    child.expect_exact("SYS-3.6.2")
    child.sendline("q")
    _finish(child)
    after = path.read_text("utf-8")
    block = after[after.index("  SYS-3.6.1:"):after.index("  SYS-3.6.2:")]
    assert "objectives:" in block and "status:" not in block  # the findings decide: no status key left
    assert block.index("objectives:") < block.index("narrative:")
    removed = Counter(before.splitlines()) - Counter(after.splitlines())
    assert list(removed.elements()) == ["    status: implemented"]  # nothing else the user wrote changed
    assert answers_of(path).requirements["SYS-3.6.1"].objectives  # type: ignore[union-attr]


def test_revisit_shows_evidence_does_not_duplicate_it_and_clears_a_field(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples" / "sample-seiki", tmp_path / "ex")
    path = tmp_path / "ex" / "answers.yaml"
    child = spawn(path, "--all", "--family", "ORG-GOV", lang="ja")
    child.expect_exact("現在の回答: 実施済み")
    child.expect_exact("登録済みの証跡: evidence/情報セキュリティ基本方針.md")
    child.expect_exact(STATUS)
    child.sendline("1")
    child.expect_exact("説明")
    child.sendline("")
    child.expect_exact("証跡")
    child.sendline("evidence/情報セキュリティ基本方針.md")
    child.expect_exact("担当者 [情報システム課 山田]")
    child.sendline("-")
    child.expect_exact("保存しました")
    child.expect_exact(STATUS)
    child.sendline("q")
    _finish(child)
    answer = answers_of(path).requirements["ORG-01"]
    assert answer is not None and answer.owner is None and len(answer.evidence) == 1
    assert answer.narrative  # Enter kept it


def test_family_names_and_unknown_family(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    for name in ("3.1", "ac", "03.01", "SYS-AC"):
        child = spawn(path, "--family", name)
        child.expect_exact("22 unanswered here")
        child.sendline("q")
        _finish(child)
    result = run_cli("assess", path, "--interactive", "--family", "XX")
    assert result.code == 2
    assert "no such family" in result.err and "SYS-AC (AC)" in result.err


def test_prompts_fit_80_columns(tmp_path: Path) -> None:
    import io

    from dibcyber.engine.questionnaire import display_width

    path = fresh(tmp_path)
    child = spawn(path, "--family", "SYS-AC", lang="ja")
    child.logfile_read = seen = io.StringIO()
    for _ in range(3):  # the family offer, 3.1.1 and 3.1.2: Enter
        child.expect_exact(STATUS)
        child.sendline("")
    child.expect_exact("SYS-3.1.3")
    child.expect_exact(STATUS)
    child.sendline("q")
    _finish(child)
    text = seen.getvalue()
    lines = text.replace("\r", "").split("\n")
    assert max(display_width(line) for line in lines) <= 80
    assert not any(line.lstrip().startswith(("。", "、")) for line in lines)
    assert "16/125  未回答 125 件" in text  # the place in the whole questionnaire: 15 ORG items come first


def test_end_of_input_and_closed_stdin_have_their_own_ending(tmp_path: Path) -> None:
    import subprocess

    path = fresh(tmp_path)
    env = {**os.environ, "LANG": "C.UTF-8", "DIBCYBER_NO_CACHE": "1"}
    cmd = [sys.executable, "-m", "dibcyber", "assess", str(path), "--interactive", "--lang", "en"]
    ended = subprocess.run(cmd, input=b"\n1\n", capture_output=True, env=env, cwd=ROOT, timeout=60, check=False)
    assert ended.returncode == 6, ended.stderr
    assert b"standard input ended" in ended.stderr
    closed = subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", *cmd], capture_output=True, env=env, cwd=ROOT,
                            timeout=60, check=False)
    assert closed.returncode == 6, closed.stderr
    with subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=env, cwd=ROOT) as endless:  # a line without end: refused, never buffered
        assert endless.stdin is not None and endless.stderr is not None
        try:
            for _ in range(1000):
                endless.stdin.write(b"x" * 65536)
                endless.stdin.flush()
        except BrokenPipeError:
            pass
        else:
            raise AssertionError("64 MB read without a refusal")
        finally:
            with contextlib.suppress(BrokenPipeError):
                endless.stdin.close()
        assert endless.wait(timeout=60) == 3
        assert b"a line longer than 65,536 bytes" in endless.stderr.read()
    assert run_cli("assess", path).code == 0


def test_findings_as_a_row_owner_by_number_and_ctrl_c_mid_text(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    child = spawn(path, "--family", "SYS-AC", lang="ja")
    child.expect_exact("全件に同じ状況なら")
    child.sendline("")
    child.expect_exact("SYS-3.1.1")
    child.expect_exact(STATUS)
    child.sendline("o")
    child.expect_exact("m 適合  n 不適合")
    child.sendline("ｍｍｍｍｍｎ")  # a..f in one row, full-width as the input method leaves it
    for reply in ("", ""):  # narrative, evidence
        child.sendline(reply)
    child.expect_exact("担当者")
    child.sendline("情報システム課 山田")
    child.expect_exact("予定する措置")
    child.sendline("")
    child.expect_exact("目標日")
    child.sendline("R9.3.31")
    child.expect_exact("保存しました")
    child.expect_exact("SYS-3.1.2")
    child.expect_exact(STATUS)
    child.sendline("1")
    for reply in ("", ""):
        child.sendline(reply)
    child.expect_exact("担当者 [情報システム課 山田]")
    child.sendline("総務課 佐藤")
    child.expect_exact("保存しました")
    child.expect_exact("SYS-3.1.3")
    child.expect_exact(STATUS)
    child.sendline("1")
    for reply in ("", ""):
        child.sendline(reply)
    child.expect_exact("番号で選ぶ:  1 情報システム課 山田")
    child.expect_exact("担当者 [総務課 佐藤]")
    child.sendline("１")
    child.expect_exact("保存しました")
    child.expect_exact(STATUS)
    child.sendline("1")
    child.expect_exact("説明")
    child.send("途中まで入力した説明")
    child.sendintr()  # Ctrl-C in the middle of typing
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    data = answers_of(path).requirements
    first = data["SYS-3.1.1"]
    assert first is not None and first.status is None and first.target_date is not None
    assert [first.objectives[k] for k in "abcdef"] == ["met"] * 5 + ["not_met"]
    assert data["SYS-3.1.3"] is not None and data["SYS-3.1.3"].owner == "情報システム課 山田"
    assert data["SYS-3.1.4"] is None or data["SYS-3.1.4"].status is None  # the answer in progress: not saved


def test_words_people_write_are_understood_as_the_questionnaire_understands_them(tmp_path: Path) -> None:
    """The prompts read a typed status or finding with the same vocabulary as a questionnaire cell: 対応済,
    ○ and ×, いいえ (i18n/tables.py), besides their own keys."""
    path = fresh(tmp_path)
    child = spawn(path, "--family", "SYS-AC", lang="ja")
    child.expect_exact("全件に同じ状況なら")
    child.sendline("")
    child.expect_exact("SYS-3.1.1")
    child.expect_exact(STATUS)
    child.sendline("o")
    for reply in ("○", "×", "適合", "いいえ", "m", "Ｍ"):  # a..f
        child.expect_exact("m 適合  n 不適合")
        child.sendline(reply)
    for reply in ("", "", "情報システム課 山田", "", "R9.3.31"):  # narrative, evidence, owner, measure, date
        child.sendline(reply)
    child.expect_exact("保存しました")
    child.expect_exact("SYS-3.1.2")
    child.expect_exact(STATUS)
    child.sendline("対応済")
    for reply in ("", "", ""):
        child.sendline(reply)
    child.expect_exact("保存しました")
    child.expect_exact(STATUS)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    data = answers_of(path).requirements
    first, second = data["SYS-3.1.1"], data["SYS-3.1.2"]
    assert first is not None and [first.objectives[k] for k in "abcdef"] == [
        "met", "not_met", "met", "not_met", "met", "met"]
    assert second is not None and second.status == "implemented"


def test_family_at_once_never_replaces_what_is_written(tmp_path: Path) -> None:
    path = fresh(tmp_path)
    text = path.read_text("utf-8")
    start = text.index('"ORG-02":')
    part = text[start:].replace("    narrative:\n", "    narrative: 書きかけの説明\n", 1)
    part = part.replace("    evidence: []\n", "    evidence:\n      - path: evidence/手順.md  # 手書きの注記\n", 1)
    path.write_text(text[:start] + part, "utf-8")
    child = spawn(path, "--family", "ORG-GOV")
    child.expect_exact(FAMILY)
    child.expect_exact(STATUS)
    child.sendline("1")
    child.expect_exact("Exceptions")
    child.sendline("")
    for reply in ("共通の説明", "evidence/共通.md", "y", "総務部"):
        child.sendline(reply)
    child.expect_exact("3 requirements saved as 'implemented'.")
    _finish(child)
    data = answers_of(path).requirements
    second = data["ORG-02"]
    assert second is not None and second.narrative == "書きかけの説明"  # not replaced by the family's
    assert [e.path for e in second.evidence] == ["evidence/手順.md", "evidence/共通.md"]
    assert "# 手書きの注記" in path.read_text("utf-8")
    assert data["ORG-01"] is not None and data["ORG-01"].narrative == "共通の説明"


def test_random_keys_never_break_the_session_or_the_file(tmp_path: Path) -> None:
    """Seeded random typing (junk, control sequences, navigation, dates, full-width keys) in-process: the
    session ends only by q or the end of input, and the file always loads."""
    import io
    import random

    from rich.console import Console

    from dibcyber.app import pipeline
    from dibcyber.cli.interactive import EndOfInput, Session
    from dibcyber.errors import EndOfInputError
    from dibcyber.io.registry import Registry

    pool = ["", "", "", "1", "2", "3", "4", "5", "o", "m", "n", "x", "ｍ", "ｎ", "y", "はい", "<", "b", "?", "-",
            "zz", "mmn", "mmmmmmmmm", "2027/3/31", "令和9年2月30日", "20270331", "2020-01-01", "R9.3.31",
            "3.1.5 12", "3.5.3、4", "evidence/x.md", "情報システム課 鈴木", "\x1b[A", "a" * 300, "１", "ｏ",
            "該当なし", "03.01", "q"]
    template = fresh(tmp_path)
    registry = Registry()
    for seed in range(25):
        rng = random.Random(seed)
        path = tmp_path / f"{seed}.yaml"
        shutil.copy(template if seed % 2 else ROOT / "examples" / "sample-seiki" / "answers.yaml", path)
        budget = [rng.randint(5, 200)]

        def ask(prompt: str, rng: random.Random = rng, budget: list[int] = budget) -> str:
            budget[0] -= 1
            if budget[0] < 0:
                raise EndOfInput
            return rng.choice(pool)

        session = Session(path, registry, lang=rng.choice(["ja", "en"]), ask=ask,
                          families=rng.choice([(), ("ia",), ("3.1",), ("ORG-GOV",)]), revisit=rng.random() < 0.3,
                          console=Console(file=io.StringIO(), width=80))
        with contextlib.suppress(EndOfInputError):
            session.run()
        pipeline.load_answers(path)  # parses and validates: never half written, never invalid
        assert run_cli("assess", path).code == 0, seed
