"""scripts/build_catalogs.py: the shipped catalogs are what it builds, and rebuilding keeps people's work."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CONTROLS, REFERENCE, ROOT

SCRIPT = ROOT / "scripts" / "build_catalogs.py"


def build(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, SCRIPT, *map(str, args)], capture_output=True, text=True, check=False)


def test_shipped_catalogs_are_up_to_date_with_reference() -> None:
    result = build("--check")
    assert result.returncode == 0, result.stderr


def test_rebuild_keeps_japanese_comments_and_official_refs(tmp_path: Path) -> None:
    shutil.copytree(REFERENCE, tmp_path / "reference")
    shutil.copytree(CONTROLS, tmp_path / "controls")
    r2 = tmp_path / "controls" / "nist-800-171r2.yaml"
    text = r2.read_text("utf-8")
    text = text.replace("      ja: システムへのアクセスを、認可されたユーザ、",
                        "      # 社内レビュー済み (2026-11)\n"
                        "      ja: 【改訂】システムへのアクセスを、認可されたユーザ、", 1)
    # someone corrupts an English statement by hand: the reference wins
    text = text.replace("en: Limit system access to the types of transactions", "en: LIMIT system access to the types "
                        "of transactions", 1)
    r2.write_text(text, "utf-8")
    atla = tmp_path / "controls" / "atla-2022.yaml"
    a = atla.read_text("utf-8")
    a = a.replace("  - id: SYS-3.1.1\n", "  - id: SYS-3.1.1\n    # 公式文書で確認済み\n", 1)
    a = a.replace("    official_ref:\n      status: unverified\n", "    official_ref:\n      status: verified\n"
                  "      value: 付紙 1.1\n", 1)
    atla.write_text(a, "utf-8")

    result = build("--root", tmp_path)
    assert result.returncode == 0, result.stderr
    out = r2.read_text("utf-8")
    assert "# 社内レビュー済み (2026-11)" in out
    assert "【改訂】システムへのアクセスを" in out
    assert "LIMIT system access" not in out
    a2 = atla.read_text("utf-8")
    assert "# 公式文書で確認済み" in a2
    assert "value: 付紙 1.1" in a2
    # the edited Rev.2 Japanese flows into the ATLA mirror, with the standard's own term
    assert "【改訂】システムへのアクセスを" in a2
    assert a2.count("id: ORG-") == atla.read_text("utf-8").count("id: ORG-") >= 13
    assert build("--root", tmp_path, "--check").returncode == 0  # idempotent
