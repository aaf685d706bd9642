"""Messages the command line prints about its own work, by message ID, in Japanese and English, with
named parameters, chosen at print time (never English translated after the fact).

This is where a new CLI message goes: add an ID with both languages, then print
``text("id", lang, name=value)``. ``tests/test_i18n.py`` fails on an ID missing a language or a
parameter, and runs the glossary's spacing rule over the Japanese texts."""

from __future__ import annotations

from typing import Literal

Lang = Literal["ja", "en"]

MESSAGES: dict[str, dict[Lang, str]] = {
    "error": {"ja": "dibcyber: エラー：{message}", "en": "dibcyber: error: {message}"},
    "warning": {"ja": "dibcyber: 警告：{message}", "en": "dibcyber: warning: {message}"},
    "interrupted": {"ja": "中断しました。", "en": "interrupted"},
    "internal": {"ja": "内部エラーです（{kind}）。dibcyberの不具合です。{then}",
                 "en": "internal error: {kind}. This is a bug in dibcyber; {then}"},
    "internal_debug": {"ja": "上のトレースバックを添えて報告してください。",
                       "en": "please report the traceback above."},
    "internal_rerun": {"ja": "--debugを付けて再実行し、トレースバックを添えて報告してください。",
                       "en": "run again with --debug and report the traceback."},
    "wrote": {"ja": "書き出した：{path}", "en": "wrote {path}"},
    "updated": {"ja": "更新した：{path}", "en": "updated {path}"},
    "wrote_batch": {"ja": "{count}件の報告書を{folder}に書き出した（失敗{failed}件）",
                    "en": "wrote {count} reports to {folder}; {failed} failed"},
    "wrote_questionnaire": {"ja": "書き出した：{path}（プロファイル{profile}の要件{count}件）",
                            "en": "wrote {path}: {count} requirements of profile {profile}"},
    "wrote_portfolio": {"ja": "書き出した：{path}（取引先{read}件、読み込めなかったファイル{failed}件）",
                        "en": "wrote {path}: {read} suppliers, {failed} files not read"},
    "wrote_init": {"ja": "書き出した：{path}（プロファイル{profile}の要件{count}件）。記入したら次を実行する："
                         "dibcyber assess {path}",
                   "en": "wrote {path}: {count} requirements of profile {profile}; fill it in, then: "
                         "dibcyber assess {path}"},
    "scan_mapped": {"ja": "ルール{direct}件が要件を直接、{derived}件がSP 800-53経由で参照（対応なし{unmapped}件）。"
                          "要件{requirements}件に証跡{path}を記録した",
                    "en": "{direct} rules cite requirements directly, {derived} through SP 800-53 ({unmapped} map "
                          "to none); evidence {path} recorded on {requirements} requirements"},
    "scan_contradiction": {"ja": "{requirement}は「実施済み」だが、スキャンでルールが不合格。回答は変更していない",
                           "en": "{requirement} is answered 'implemented' but scanned rules failed; the answer "
                                 "is left as it is"},
    "locked": {"ja": "証跡{entries}件（ファイル{files}件）を{path}に記録した",
               "en": "locked {entries} evidence entries ({files} distinct files) in {path}"},
}


def text(message_id: str, lang: str, **params: object) -> str:
    """The message in ``lang`` (Japanese for 'ja', else English) with its parameters filled in."""
    entry = MESSAGES[message_id]
    return entry["ja" if lang == "ja" else "en"].format(**params)
