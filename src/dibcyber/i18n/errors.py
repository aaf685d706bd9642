"""Texts of errors and hints, by message ID, in Japanese and English, with named parameters.

Every error dibcyber reports and every hint it gives is a ``dibcyber.errors.Msg`` naming one of these IDs;
the language is chosen when the error is printed. Japanese texts are polite (です・ます), use the
glossary's words (controls/glossary.yaml) and full-width punctuation, and quote values in 「」; English
texts quote them in ''. A hint's ID ends in '.hint' where it belongs to one message.
``tests/test_messages.py`` checks both languages, the parameters, the register and that every ID is used.

Pure data: imports nothing of dibcyber."""

from __future__ import annotations

from typing import Literal

Lang = Literal["ja", "en"]

NOUNS: dict[str, dict[Lang, str]] = {
    "file": {"ja": "ファイル", "en": "file"},
    "answers file": {"ja": "回答ファイル", "en": "answers file"},
    "workbook": {"ja": "ワークブック", "en": "workbook"},
    "scan results file": {"ja": "スキャン結果のファイル", "en": "scan results file"},
    "logo": {"ja": "ロゴ", "en": "logo"},
    "compiled catalog": {"ja": "コンパイル済みカタログ", "en": "compiled catalog"},
    "catalog": {"ja": "カタログ", "en": "catalog"},
    "profile": {"ja": "プロファイル", "en": "profile"},
    "evidence file": {"ja": "証跡ファイル", "en": "evidence file"},
    "profile file": {"ja": "プロファイルのファイル", "en": "profile file"},
    "evidence lock file": {"ja": "証跡のロックファイル", "en": "evidence lock file"},
    "the evidence lock file": {"ja": "証跡のロックファイル", "en": "the evidence lock file"},
    "the answers file": {"ja": "回答ファイル", "en": "the answers file"},
    "a folder": {"ja": "フォルダ", "en": "a folder"},
    "a named pipe (FIFO)": {"ja": "名前付きパイプ（FIFO）", "en": "a named pipe (FIFO)"},
    "a character device": {"ja": "キャラクタデバイス", "en": "a character device"},
    "a block device": {"ja": "ブロックデバイス", "en": "a block device"},
    "a socket": {"ja": "ソケット", "en": "a socket"},
    "not a regular file": {"ja": "特殊なファイル", "en": "not a regular file"},
    **{month: {"ja": f"{number}月", "en": month} for number, month in enumerate(
        ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"), 1)},
    "standard output": {"ja": "標準出力", "en": "standard output"},
    "standard error": {"ja": "標準エラー出力", "en": "standard error"},
}
"""Words a message names a thing by (``errors.Noun``)."""

ERRORS: dict[str, dict[Lang, str]] = {
    # --- the frame around every error -----------------------------------------------------------------------
    "frame.hint": {"ja": "ヒント：{hint}", "en": "hint: {hint}"},
    "frame.problems_one": {"ja": "1件の問題があります：", "en": "1 problem:"},
    "frame.problems": {"ja": "{count}件の問題があります：", "en": "{count} problems:"},
    "frame.more_problems": {"ja": "… ほか{more}件の同様の問題があります（最初の{shown}件だけを示します）。",
                            "en": "… and {more} more problems like these (only the first {shown} are shown)"},
    "frame.invalid_input": {"ja": "入力が正しくありません。", "en": "invalid input"},
    # --- values quoted in messages --------------------------------------------------------------------------
    "value.mapping": {"ja": "{count}個のキーを持つマッピング", "en": "a mapping of {count} keys"},
    "value.mapping_one": {"ja": "1個のキーを持つマッピング", "en": "a mapping of 1 key"},
    "value.list": {"ja": "{count}項目のリスト", "en": "a list of {count} items"},
    "value.list_one": {"ja": "1項目のリスト", "en": "a list of 1 item"},
    # --- why the operating system refused -------------------------------------------------------------------
    "os.not_found": {"ja": "ファイル又はフォルダがありません", "en": "No such file or directory"},
    "os.permission": {"ja": "権限がありません", "en": "Permission denied"},
    "os.is_folder": {"ja": "フォルダです", "en": "Is a directory"},
    "os.not_folder": {"ja": "パスの途中がフォルダではありません", "en": "Not a directory"},
    "os.no_space": {"ja": "ディスクの空き容量がありません", "en": "No space left on device"},
    "os.read_only": {"ja": "読み取り専用のファイルシステムです", "en": "Read-only file system"},
    "os.loop": {"ja": "シンボリックリンクが循環しています", "en": "Too many levels of symbolic links"},
    "os.name_too_long": {"ja": "ファイル名が長すぎます", "en": "File name too long"},
    "os.exists": {"ja": "既に存在します", "en": "File exists"},
    "os.closed": {"ja": "ディスクリプタが閉じています", "en": "Bad file descriptor"},
    "os.io": {"ja": "入出力エラーです", "en": "Input/output error"},
    "os.too_large": {"ja": "ファイルが大きすぎます", "en": "File too large"},
    "os.too_many_open": {"ja": "開いているファイルが多すぎます", "en": "Too many open files"},
    "os.other": {"ja": "システムの報告は「{reason}」です", "en": "{reason}"},
}
