"""Error messages in Japanese, for a user whose language is Japanese (``--lang ja`` or a Japanese locale).

Being retired: errors become message IDs (``errors.Msg``, texts in ``i18n/errors.py``) rendered in the
user's language when printed. Until every raise site is converted, this module renders an ID in its
Japanese words and the English texts left by their shape, as below.

dibcyber's error texts are written in English at the place they arise (with the values they quote). This
module renders the common ones in Japanese by their shape: each pattern below matches one kind of
message and gives its Japanese wording with the same quoted values. A message without a pattern stays in
English, so nothing is ever lost; tests/test_errors_ja.py checks the common kinds of bad input.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

_PATTERNS: list[tuple[str, str]] = [
    (r"unknown key '(.*)'", r"不明なキー「\1」"),
    (r"did you mean '(.*)'\?", r"「\1」の誤りではありませんか。"),
    (r"missing required key '(.*)'", r"必須のキー「\1」がない"),
    (r"required keys here: (.*)", r"ここで必須のキー: \1"),
    (r"allowed keys here: (.*)", r"ここで使えるキー: \1"),
    (r"expected text, got the number (.*)", r"文字列が必要な所に数値\1が書かれている"),
    (r"put it in quotes exactly as you mean it.*",
     r"意図どおりに引用符で囲む（例\"3.10\"、\"01\"）。引用符がないとYAMLは3.10を数値3.1、01を1と読む"),
    (r"expected a date without a time, got (.*)", r"時刻のない日付が必要な所に\1が書かれている"),
    (r"expected a date, got (.*)", r"日付が必要な所に\1が書かれている"),
    (r"expected (.*), got (.*)", r"\1が必要な所に\2が書かれている"),
    (r"write dates as YYYY-MM-DD, e\.g\. (.*)", r"日付はYYYY-MM-DDの形で書く（例: \1）"),
    (r"'(.*)' is not a valid date \((.*)\)", r"「\1」は有効な日付ではない（\2）"),
    (r"unknown requirement '(.*)' in catalog '(.*)'", r"カタログ\2に要件「\1」はない"),
    (r"requirement '(.*)' has no objective '(.*)'", r"要件\1に評価目標「\2」はない"),
    (r"valid objectives: (.*)", r"有効な評価目標: \1"),
    (r"status '(.*)' contradicts the objectives \((.*)\), which give '(.*)'",
     r"実施状況「\1」が、評価目標の判定（\2）から導かれる「\3」と矛盾する"),
    (r"remove 'status' to let the objectives decide, or use one of: (.*)",
     r"statusを削除して評価目標の判定で決めるか、次のいずれかにする: \1"),
    (r"'(.*)' and '(.*)' both answer requirement '(.*)'", r"「\1」と「\2」が同じ要件\3に回答している"),
    (r"keep one of them", r"どちらか一方だけを残す"),
    (r"YAML syntax: (.*)", r"YAMLの構文エラー: \1"),
    (r"check indentation, a missing ':' or an unclosed quote near this place",
     r"この付近の字下げ、「:」の抜け、閉じていない引用符を確認する"),
    (r"duplicate key '(.*)'", r"キー「\1」が重複している"),
    (r"each key may appear only once in a mapping; remove or rename one of them",
     r"同じマッピングの中で同じキーは1回しか使えない。一方を削除するか名前を変える"),
    (r"a NUL byte is not allowed in YAML", r"YAMLにNULバイトは使えない"),
    (r"the control character (U\+[0-9A-F]+) is not allowed in YAML", r"YAMLに制御文字\1は使えない"),
    (r"nested more than (\d+) levels deep", r"\1階層より深く入れ子になっている"),
    (r"not valid UTF-8 \(byte (.*) at offset (.*)\)", r"UTF-8として正しくない（オフセット\2のバイト\1）"),
    (r"the file looks like (.*); convert it with (.*) or save it as UTF-8 in your editor, or read it as it is "
     r"with (.*)", r"\1のファイルと思われる。\2で変換するか、エディタでUTF-8として保存するか、\3でそのまま読む"),
    (r"the file looks like (.*); convert it with (.*) or save it as UTF-8 in your editor",
     r"\1のファイルと思われる。\2で変換するか、エディタでUTF-8として保存する"),
    (r"(.*) not found", r"\1が見つからない"),
    (r"(.*) is (.*), not a regular file", r"\1が通常のファイルではない（\2）"),
    (r"unknown (profile|catalog) '(.*)'", r"不明な\1「\2」"),
    (r"known (profile|catalog)s: (.*)", r"使える\1: \2"),
    (r"(.*) exists; not overwriting it", r"\1は既にあるため上書きしない"),
    (r"use --force to replace it", r"置き換えるには--forceを付ける"),
    (r"expected a YAML mapping at the top level, found (.*)",
     r"最上位はYAMLのマッピングでなければならないが、\1である"),
    (r"requirement '(.*)' has no partial credit: the DoD Assessment Methodology allows it only for (.*)",
     r"要件\1に部分点はない。DoD評価方法論が部分点を認めるのは\2だけである"),
    (r"remove 'partial_credit' \((.*)\)", r"partial_creditを削除する（\1）"),
    (r"'(.*)' is not the partial case of requirement '(.*)'", r"「\1」は要件\2の部分点の条件ではない"),
    (r"use partial_credit: (.*)", r"partial_credit: \1 と書く"),
    (r"partial_credit needs status 'partially_implemented', not '(.*)'",
     r"partial_creditには実施状況partially_implementedが必要だが、「\1」である"),
    (r"a partial case is a partial implementation; a plan alone never earns credit \((.*)\)",
     r"部分点は一部実施に対するものであり、計画だけでは得られない（\1）"),
    (r"partial_credit '(.*)' contradicts the objectives: (.*) \(MFA for privileged accounts\) are not all met",
     r"partial_credit「\1」が評価目標の判定と矛盾する: \2（特権アカウントの多要素認証）が全てはmetでない"),
    (r"correct the objectives or remove 'partial_credit'", r"評価目標の判定を直すか、partial_creditを削除する"),
    (r"not well-formed XML: (.*)", r"XMLとして正しくない: \1"),
    (r"give the results file as the scanner wrote it", r"スキャナが書き出したままの結果ファイルを指定する"),
    (r"a document type declaration \(DOCTYPE\): refused, .*",
     r"文書型宣言（DOCTYPE）は受け付けない。数GBに展開される実体や他のファイルを読む実体を宣言できるため"),
    (r"scan results need no DOCTYPE; OpenSCAP writes none",
     r"スキャン結果にDOCTYPEは不要であり、OpenSCAPは書き出さない"),
    (r"more than (.*) XML elements", r"XMLの要素が\1個を超える"),
    (r"if the file is genuine, raise the limit, e\.g\. (.*)", r"正当なファイルであれば上限を引き上げる（例: \1）"),
    (r"XCCDF 1\.1 results: dibcyber reads XCCDF 1\.2", r"XCCDF 1.1の結果である。dibcyberが読むのはXCCDF 1.2"),
    (r"not XCCDF 1\.2 results or an ARF report: (.*)", r"XCCDF 1.2の結果でもARFの報告でもない: \1"),
    (r"give the file written by oscap xccdf eval --results or --results-arf",
     r"oscap xccdf evalの--results又は--results-arfで書き出したファイルを指定する"),
    (r"no test result \(XCCDF TestResult\) in the file", r"ファイルにテスト結果（XCCDFのTestResult）がない"),
    (r"a second test result: dibcyber imports one scan \(one TestResult\) per file",
     r"2つ目のテスト結果がある。dibcyberが取り込むのは1ファイルにつき1回のスキャン（TestResult1つ）"),
    (r"the scan results file is outside the repository \((.*)\)",
     r"スキャン結果のファイルがリポジトリ（\1）の外にある"),
    (r"evidence lives beside the answers: .*",
     r"証跡は回答ファイルと同じリポジトリに置く。"
     r"結果をリポジトリ内（例: evidence/scans/）にコピーし、そのコピーを取り込む"),
    (r"(.*) is larger than the limit of (.*)", r"\1が上限\2を超えている"),
    (r"interrupted", r"中断した"),
    (r"a number of (.*) digits is too long to read", r"\1桁の数は長すぎて読めない"),
    (r"numbers have at most a few digits here; if this is text, put it in quotes",
     r"ここの数は数桁までである。文字列なら引用符で囲む"),
    (r"cannot write to standard output: (.*); the output is incomplete",
     r"標準出力に書き込めない（\1）。出力は不完全である"),
    (r"the metadata sheet's profile is not a profile name .*",
     r"メタデータシートのプロファイルがプロファイル名ではない"
     r"（ワークブックはプロファイルをIDでしか指定できず、ファイルは指定できない）"),
    (r"standard input ended; (\d+) answers are saved in (.*)", r"入力が終わった。\1件の回答は\2に保存済み"),
    (r"run the same command again to go on", r"同じコマンドを再び実行すると続きから答えられる"),
    (r"standard input: a line longer than (.*) bytes", r"標準入力: \1バイトを超える行"),
    (r"answers are typed one line at a time; nothing of this line was saved",
     r"回答は一行ずつ入力する。この行は何も保存していない"),
]
_COMPILED = [(re.compile(p, re.DOTALL), r) for p, r in _PATTERNS]
_FRAGMENTS = {"day is out of range for month": "その月にない日", "month must be in 1..12": "月は1〜12",
              "year is out of range": "年が範囲外", "' or '": "'又は'"}
_WORDS = {"profile": "プロファイル", "catalog": "カタログ", "answers file": "回答ファイル", "file": "ファイル",
          "workbook": "ワークブック", "an empty file": "空のファイル", "scan results file": "スキャン結果のファイル"}


def translate(text: Any) -> str:
    """``text`` in Japanese: a message ID (``errors.Msg``) in its Japanese words; a text not converted to
    an ID yet when its kind is known, else as it is."""
    if not isinstance(text, str):
        return str(text.render("ja"))
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(text)
        if m:
            out = m.expand(template)
            for en, ja in _WORDS.items():
                out = out.replace(f"不明な{en}", f"不明な{ja}").replace(f"使える{en}", f"使える{ja}")
                if out.startswith(en):
                    out = ja + out[len(en):]
            for en, ja in _FRAGMENTS.items():
                out = out.replace(en, ja)
            return out
    return text


def render(error: Any) -> str:
    """The error as ``cli.main`` prints it, in Japanese (a ``DibcyberError``; duck-typed, since the texts
    of ``i18n`` sit below ``errors`` and import nothing of dibcyber)."""
    if hasattr(error, "problems"):
        n = len(error.problems)
        shown = error.problems[: error.MAX_SHOWN]  # the same cap as in English: a hostile file can hold millions
        lines = [f"{n}件の問題:"]
        for p in shown:
            q = replace(p, message=translate(p.message), hint=translate(p.hint) if p.hint else None)
            lines.append("  " + q.render().replace("\n    hint: ", "\n    ヒント: ").replace("\n", "\n  "))
        if n > len(shown):
            lines.append(f"  … ほか{n - len(shown)}件の同様の問題（最初の{len(shown)}件だけを示す）")
        return "\n".join(lines)
    text = translate(error.message)
    if error.hint:
        text += "\n    ヒント: " + translate(error.hint)
    return text
