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
    "wrote": {"ja": "書き出しました：{path}", "en": "wrote {path}"},
    "updated": {"ja": "更新しました：{path}", "en": "updated {path}"},
    "wrote_batch": {"ja": "{count}件の報告書を{folder}に書き出しました（失敗{failed}件）",
                    "en": "wrote {count} reports to {folder}; {failed} failed"},
    "wrote_questionnaire": {"ja": "書き出しました：{path}（プロファイル{profile}の要件{count}件）",
                            "en": "wrote {path}: {count} requirements of profile {profile}"},
    "wrote_portfolio": {"ja": "書き出しました：{path}（取引先{read}件、読み込めなかったファイル{failed}件）",
                        "en": "wrote {path}: {read} suppliers, {failed} files not read"},
    "wrote_init": {"ja": "書き出しました：{path}（プロファイル{profile}の要件{count}件）。"
                         "記入したら次を実行してください：dibcyber assess {path}",
                   "en": "wrote {path}: {count} requirements of profile {profile}; fill it in, then: "
                         "dibcyber assess {path}"},
    "scan_mapped": {"ja": "ルール{direct}件が要件を直接、{derived}件がSP 800-53経由で要件を参照しています"
                          "（対応なし{unmapped}件）。要件{requirements}件に証跡{path}を記録しました。",
                    "en": "{direct} rules cite requirements directly, {derived} through SP 800-53 ({unmapped} map "
                          "to none); evidence {path} recorded on {requirements} requirements"},
    "scan_contradiction": {"ja": "{requirement}は「実施済み」ですが、スキャンでルールが不合格です。"
                                 "回答は変更していません。",
                           "en": "{requirement} is answered 'implemented' but scanned rules failed; the answer "
                                 "is left as it is"},
    # the command-line library's usage line and usage errors (cli/localise.py writes them for Japanese)
    "usage_prefix": {"ja": "使い方: ", "en": "Usage: "},
    "usage_try_help": {"ja": "詳しくは「{command}」を実行してください。", "en": "Try '{command}' for help."},
    "usage_kind_argument": {"ja": "引数", "en": "argument"},
    "usage_kind_option": {"ja": "オプション", "en": "option"},
    "usage_kind_parameter": {"ja": "パラメータ", "en": "parameter"},
    "usage_missing": {"ja": "{what}{name}を指定してください。", "en": "Missing {what} {name}."},
    "usage_no_such_option": {"ja": "オプション{name}はありません。", "en": "No such option: {name}"},
    "usage_possibilities": {"ja": "（候補：{names}）", "en": " (Possible options: {names})"},
    "usage_bad_value": {"ja": "{name}の値が正しくありません。{detail}", "en": "Invalid value for {name}: {detail}"},
    "usage_not_one_of": {"ja": "「{value}」は使えません。使える値は{choices}です。",
                         "en": "'{value}' is not one of {choices}."},
    "usage_not_integer": {"ja": "整数を指定してください。", "en": "Input should be a valid integer."},
    "usage_not_number": {"ja": "数値を指定してください。", "en": "Input should be a valid number."},
    "usage_at_least": {"ja": "{limit}以上の値を指定してください。",
                       "en": "Input should be greater than or equal to {limit}."},
    "usage_at_most": {"ja": "{limit}以下の値を指定してください。",
                      "en": "Input should be less than or equal to {limit}."},
    "usage_detail": {"ja": "（詳細：{detail}）", "en": "{detail}"},
    "baseline_ambiguous": {"ja": "dibcyber: {file}：ベースラインの複数の取引先に該当するため（又は別のファイルと"
                                  "同じ取引先に該当するため）、比較しません",
                           "en": "dibcyber: {file}: matches more than one supplier of the baseline (or shares one "
                                 "with another file); not compared"},
    "migrated": {"ja": "{profile}への移行：{written}件の要件を書き出しました（そのまま移行{carried}件、統合{merged}件、"
                       "分割{split}件）。作業リスト{items}件：{kinds}",
                 "en": "{written} requirements written for {profile} ({carried} carried one-to-one, {merged} merged, "
                       "{split} split); worklist {items} items: {kinds}"},
    "progress_ok": {"ja": "完了", "en": "ok"},
    "progress_failed_short": {"ja": "失敗：{message}", "en": "FAILED: {message}"},
    "progress_failed": {"ja": "失敗：{file}：{message}", "en": "failed {file}: {message}"},
    "change_added": {"ja": "追加", "en": "added"},
    "change_changed": {"ja": "変更", "en": "changed"},
    "change_removed": {"ja": "削除", "en": "removed"},
    "change_conflict": {"ja": "競合", "en": "conflict"},
    "change_overridden": {"ja": "上書き", "en": "overridden"},
    "import_change": {"ja": "{kind} {requirement}：{fields}", "en": "{kind:>9} {requirement}: {fields}"},
    "import_overridden": {"ja": "上書き {requirement}：{detail}", "en": "overridden {requirement}: {detail}"},
    "import_summary": {"ja": "追加又は変更{changed}件、変更なし{unchanged}件",
                       "en": "{changed} changed or added, {unchanged} unchanged"},
    "scan_change": {"ja": "{kind} {requirement}", "en": "{kind:>9} {requirement}"},
    "locked": {"ja": "証跡{entries}件（ファイル{files}件）を{path}に記録しました。",
               "en": "locked {entries} evidence entries ({files} distinct files) in {path}"},
}


def text(message_id: str, lang: str, **params: object) -> str:
    """The message in ``lang`` (Japanese for 'ja', else English) with its parameters filled in."""
    entry = MESSAGES[message_id]
    return entry["ja" if lang == "ja" else "en"].format(**params)
