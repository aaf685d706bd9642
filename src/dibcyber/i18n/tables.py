"""Texts of the screens and files whose words are a table of keys: one table per place, each in Japanese
and English with the same keys (``tests/test_i18n.py`` checks both languages and the parameters).

Pure data: imports nothing of ours, so every layer may use it. Errors and hints are in ``errors.py``; what
the command line says about its own work is in ``__init__.py``; ``--help`` is in ``help_ja.py``."""

from __future__ import annotations

from typing import Literal

Lang = Literal["ja", "en"]


# --- the vocabulary of answers: one name per status, finding and partial-credit case ----------------------

STATUS_NAMES: dict[Lang, dict[str, str]] = {
    "ja": {"implemented": "実施済み", "partially_implemented": "一部実施", "planned": "計画中",
           "not_implemented": "未実施", "not_applicable": "該当なし", "not_assessed": "未評価"},
    "en": {"implemented": "implemented", "partially_implemented": "partially implemented", "planned": "planned",
           "not_implemented": "not implemented", "not_applicable": "not applicable", "not_assessed": "not assessed"},
}
"""The one name of each status on every screen and in every file dibcyber writes: the terminal, guided
answering, the questionnaire's drop-down and the migration notes. The report templates' own message files
(templates/messages/*.yaml) hold the same words; tests/test_i18n.py compares them."""

FINDING_NAMES: dict[Lang, dict[str, str]] = {
    "ja": {"met": "適合", "not_met": "不適合", "not_applicable": "該当なし"},
    "en": {"met": "met", "not_met": "not met", "not_applicable": "not applicable"},
}
"""The finding on one assessment objective (SP 800-171A's determination), wherever it is shown."""

PARTIAL_NAMES: dict[Lang, dict[str, str]] = {
    "ja": {"mfa_remote_and_privileged_only": "MFAはリモート・特権のみ",
           "encryption_not_fips_validated": "暗号化済み（FIPS認証なし）"},
    "en": {"mfa_remote_and_privileged_only": "MFA for remote and privileged only",
           "encryption_not_fips_validated": "encrypted (not FIPS-validated)"},
}
"""The two partial-credit cases of the DoD methodology, short enough for a drop-down and without a comma
(a list validation's formula would split it)."""

STATUS_WORDS: dict[str, str] = {
    "実施済": "implemented", "実装済み": "implemented", "実装済": "implemented", "対応済み": "implemented",
    "対応済": "implemented",
    "一部実施済み": "partially_implemented", "一部実装": "partially_implemented", "一部実施中": "partially_implemented",
    "部分的に実施": "partially_implemented", "一部対応": "partially_implemented", "partial": "partially_implemented",
    "計画": "planned", "予定": "planned", "実施予定": "planned", "計画あり": "planned",
    "未実装": "not_implemented", "未対応": "not_implemented", "未実施(計画なし)": "not_implemented",
    "非該当": "not_applicable", "対象外": "not_applicable", "適用外": "not_applicable", "n/a": "not_applicable",
    "na": "not_applicable",
}
"""Other words people type for a status (besides the keys and the names above), in a questionnaire cell
or at the guided-answering prompt: after NFKC, lower case, runs of spaces, hyphens and underscores as one
underscore. Only unambiguous ones. Accepted on input, never written (the glossary does not apply)."""

FINDING_WORDS: dict[str, str] = {
    "n/a": "not_applicable", "na": "not_applicable",
    "充足": "met", "満たす": "met", "満たしている": "met", "達成": "met", "はい": "met", "yes": "met", "○": "met",
    "◯": "met", "〇": "met", "✓": "met", "✔": "met",
    "未充足": "not_met", "満たさない": "not_met", "満たしていない": "not_met", "未達": "not_met", "いいえ": "not_met",
    "no": "not_met", "×": "not_met", "✕": "not_met", "✗": "not_met",
    "非該当": "not_applicable", "対象外": "not_applicable",
}
"""Other words people type for a finding, as ``STATUS_WORDS``: the ○ (〇) and × (✕) and check marks of a
Japanese spreadsheet, はい and いいえ, the words of earlier prompts. (At the guided-answering prompt the key
``x`` means not applicable, as its key line says; the letter is not ×.)"""


INTERACTIVE: dict[Lang, dict[str, str]] = {
    "ja": {
        "choices": "1 実施済み  2 一部実施  3 計画中  4 未実施  5 該当なし",
        "by_obj": "  o 評価目標ごと",
        "keys": "Enter 飛ばす  < 戻る  ? ヘルプ  q 終了",
        "objective": "m 適合  n 不適合  x 該当なし  Enter {keep}  < 戻る  ? ヘルプ",
        "unanswered": "未回答のまま", "keep_short": "そのまま", "keep": "（Enterでこのまま、-で消去）",
        "bad_status": "1〜5{o}で答えてください（?でヘルプ）。",
        "bad_finding": "m適合、n不適合、x該当なし、mmnのような列又はEnterで答えてください（?でヘルプ）。",
        "bad_yes": "y（はい）又はn（いいえ）で答えてください。",
        "narrative": "説明", "na_reason": "該当なしの理由", "evidence": "証跡（ファイル又はURL、カンマ区切り）",
        "owner": "担当者", "pick": "番号で選ぶ:", "measure": "予定する措置",
        "target": "目標日（例: 2027-03-31、令和9年3月31日）",
        "odp": "ODPの値",
        "na_empty": "理由のない「該当なし」は未実施として採点されます。理由を入力してください（Enterで理由なし）。",
        "past": "{day}は過去の日付です。このままでよいですか[y/N]",
        "missing": "{path}が見つかりません（{base}からの相対パス）。このまま記録しますか[y/N]",
        "current_evidence": "登録済みの証跡", "current": "現在の回答", "none": "未回答",
        "saved": "保存しました", "done": "{n}件を保存しました：{file}",
        "remaining": "残り{n}件（未回答）です。続きは同じコマンドで再開できます。",
        "nothing": "回答が必要な要件はありません。",
        "progress": "{i}/{n}  未回答 {left} 件", "statement": "要件", "objectives": "評価目標",
        "interrupted": "中断しました。{n}件の回答は保存済みです：{file}",
        "bad_utf8": "UTF-8として読めない入力です。もう一度入力してください。",
        "control": "制御文字（矢印キーなど）を含む入力は記録しません。もう一度入力してください。",
        "family_q": "この分類の未回答は{n}件です。全件に同じ状況なら1〜5、1件ずつならEnter",
        "exceptions": "例外（別に答える要件の番号、例: 3.1.5 3.1.12。Enterでなし）",
        "bad_exception": "この分類にない要件です：{ids}",
        "family_done": "{n}件を「{status}」として保存しました。",
        "exceptions_next": "続けて例外{n}件に答えてください。",
        "first": "これより前の要件はありません。",
        "cleared": "（消去）",
        "partial_atla": "SPRS換算（米国DoD評価方法論）で部分点となる次の場合に当たりますか：{case} [y/N]",
        "partial_dod": "DoD評価方法論の部分点の条件に当たりますか：{case} [y/N]",
        "mfa_remote_and_privileged_only": "多要素認証はリモートアクセス及び特権ユーザのみで、一般ユーザにはない",
        "encryption_not_fips_validated": "暗号化しているが、FIPS認証済みの暗号モジュールではない",
        "help": "\n".join([
            "キー（全角でも入力できます）：",
            "  1〜5 状況を選びます（1 実施済み 2 一部実施 3 計画中 4 未実施 5 該当なし）",
            "  o    評価目標ごとに答えます（m 適合 n 不適合 x 該当なし。y、はい、いいえも可。",
            "       mmmn のように続けて打てば、この評価目標から順に答えます）",
            "  Enter  入力欄では今の値を維持し、状況の質問では飛ばします",
            "  -    入力欄の値を消します（担当者と目標日は表示された番号でも選べます）",
            "  < b  一つ前の質問に戻ります",
            "  q    保存済みの回答を残して終了します（Ctrl-Cでも同じです）",
            "日付: 2027-03-31、2027/3/31、令和9年3月31日、R9.3.31",
        ]),
    },
    "en": {
        "choices": "1 implemented  2 partially  3 planned  4 not implemented  5 N/A",
        "by_obj": "  o by objective",
        "keys": "Enter skip  < back  ? help  q quit",
        "objective": "m met  n not met  x N/A  Enter {keep}  < back  ? help",
        "unanswered": "leave unanswered", "keep_short": "keep", "keep": "(Enter keeps it, - clears it)",
        "bad_status": "Answer 1-5{o} (? for help).",
        "bad_finding": "Answer m (met), n (not met), x (N/A), a row such as mmn, or Enter (? help).",
        "bad_yes": "Answer y (yes) or n (no).",
        "narrative": "Narrative", "na_reason": "Reason it is not applicable",
        "evidence": "Evidence (files or URLs, comma-separated)", "owner": "Owner", "pick": "Pick by number:",
        "measure": "Planned measure",
        "target": "Target date (e.g. 2027-03-31)", "odp": "ODP value",
        "na_empty": "'Not applicable' without a reason is scored not implemented. Type the reason "
                    "(Enter: none).",
        "past": "{day} is in the past. Keep it? [y/N]",
        "missing": "{path} does not exist (relative to {base}). Record it anyway? [y/N]",
        "current_evidence": "Evidence recorded", "current": "current answer", "none": "unanswered",
        "saved": "saved", "done": "{n} answers saved in {file}",
        "remaining": "{n} requirements still unanswered; run the same command to go on.",
        "nothing": "No requirement needs an answer.",
        "progress": "{i}/{n}  {left} unanswered", "statement": "Statement", "objectives": "Objectives",
        "interrupted": "Interrupted. {n} answers are saved in {file}.",
        "bad_utf8": "That input is not UTF-8; type it again.",
        "control": "Input with control characters (arrow keys?) is not recorded; type it again.",
        "family_q": "{n} unanswered here. One status for all: 1-5; one by one: Enter",
        "exceptions": "Exceptions to answer one by one (e.g. 3.1.5 3.1.12; Enter: none)",
        "bad_exception": "Not in this family: {ids}",
        "family_done": "{n} requirements saved as '{status}'.",
        "exceptions_next": "Now the {n} exceptions.",
        "first": "There is no earlier requirement.",
        "cleared": "(cleared)",
        "partial_atla": "Does the SPRS view's partial case (DoD methodology) apply: {case}? [y/N]",
        "partial_dod": "Is this the DoD methodology's partial case: {case}? [y/N]",
        "mfa_remote_and_privileged_only": "MFA for remote and privileged users only, not for general users",
        "encryption_not_fips_validated": "encryption employed, but not FIPS-validated",
        "help": "\n".join([
            "Keys (full-width works too):",
            "  1-5  status (1 implemented 2 partially 3 planned 4 not implemented 5 N/A)",
            "  o    answer by objective (m met, n not met, x N/A; y/n work too;",
            "       mmmn answers this objective and the next ones in one line)",
            "  Enter  keeps the value shown in brackets; at the status question: skip",
            "  -    clears a field (owners and target dates can be picked by number)",
            "  < b  back to the previous question",
            "  q    quit; what is answered stays saved (Ctrl-C too)",
            "Dates: 2027-03-31, 2027/3/31, 令和9年3月31日, R9.3.31",
        ]),
    },
}
"""Guided answering (``assess --interactive``): prompts, keys, help."""


TERMINAL: dict[Lang, dict[str, str]] = {
    "ja": {"id": "ID", "title": "名称", "version": "版", "families": "分類", "requirements": "要件",
           "objectives": "評価目標", "odps": "ODP", "source": "所在", "family": "分類", "tags": "タグ",
           "weight": "DoD配点", "catalogs": "カタログ", "scoring": "評価方法", "language": "言語",
           "statement": "要件文", "discussion": "解説", "mappings": "対応", "official_ref": "公式条番号",
           "unverified": "未確認", "selected": "対象要件", "gates": "既定のゲート", "shown": "件を表示",
           "withdrawn": "廃止", "shadow": "組み込みを置換",
           "short_title": "名称", "content_version": "内容の版", "methods_count": "評価対象（検/イ/テ）",
           "methods": "評価の方法及び対象（SP 800-171A）", "examine": "検査", "interview": "インタビュー",
           "test": "テスト", "derived_from": "導出元"},
    "en": {"id": "ID", "title": "Title", "version": "Version", "families": "Families",
           "requirements": "Requirements", "objectives": "Objectives", "odps": "ODPs", "source": "Source",
           "family": "Family", "tags": "Tags", "weight": "DoD value", "catalogs": "Catalogs",
           "scoring": "Scoring", "language": "Language", "statement": "Statement", "discussion": "Discussion",
           "mappings": "Mappings", "official_ref": "Official ref.", "unverified": "unverified",
           "selected": "Selected requirements", "gates": "Default gates", "shown": "shown",
           "withdrawn": "Withdrawn", "shadow": "replaces built-in",
           "short_title": "Title", "content_version": "Content", "methods_count": "Objects (E/I/T)",
           "methods": "Assessment methods and objects (SP 800-171A)", "examine": "Examine",
           "interview": "Interview", "test": "Test", "derived_from": "derived from"},
}
"""Tables of the terminal: catalog, profile and evidence columns."""


SUMMARY: dict[Lang, dict[str, str]] = {
    "ja": {**STATUS_NAMES["ja"],
           "conformance": "適合率", "sprs": "SPRSスコア", "cmmc": "CMMCレベル2（条件付き）", "yes": "可",
           "no": "不可", "final": "最終（全要件実施）", "gaps": "主なギャップ（影響の大きい順）", "issues": "警告",
           "by_family": "分類別の実施状況", "org": "組織的要求事項", "tech": "技術的要求事項", "points": "点",
           "blockers": "阻害要因", "no_score": "算出不可", "more": "ほか{n}件", "json": "詳細: --format json",
           "closeout": "POA&M完了期限", "coverage": "カバー率", "odps": "未定義のODP", "date": "評価日",
           "objectives": "評価目標", "odps_all": "ODP",
           "profile": "プロファイル", "planned_items": "実装予定", "owner": "担当", "overdue": "期限超過",
           "untouched": "評価目標が未回答の未評価項目{n}件（一覧: --format json）",

           "evidence": "証跡カバー率",
           "ev_none": "証跡なし", "ev_cited": "引用のみ", "ev_locked": "ロック済み", "ev_changed": "変更あり",
           "ev_expired": "期限切れ", "ev_missing": "ファイルなし"},
    "en": {**STATUS_NAMES["en"],
           "conformance": "Conformance", "sprs": "SPRS score", "cmmc": "CMMC Level 2 (conditional)", "yes": "yes",
           "no": "no", "final": "final (all requirements met)", "gaps": "Top gaps (by impact)", "issues": "Warnings",
           "by_family": "Status by family", "org": "Organisational items", "tech": "Technical items",
           "points": "pts", "blockers": "Blockers", "no_score": "no score", "more": "{n} more",
           "json": "details: --format json", "closeout": "POA&M closeout due", "coverage": "Coverage",
           "objectives": "objectives", "odps_all": "ODPs", "odps": "Undefined ODPs", "date": "Assessment date",
           "profile": "Profile",
           "planned_items": "Planned", "owner": "owner", "overdue": "overdue",
           "untouched": "{n} requirements not assessed: objectives unanswered (list: --format json)",

           "evidence": "Evidence coverage",
           "ev_none": "none", "ev_cited": "cited", "ev_locked": "locked", "ev_changed": "changed",
           "ev_expired": "expired", "ev_missing": "missing"},
}
"""The summary ``assess`` prints."""


QUESTIONNAIRE: dict[Lang, dict[str, str]] = {
    "ja": {"methods": "評価の方法及び対象（SP 800-171A）",
           "derived": "評価の方法及び対象（Rev.3のSP 800-171Aから導出）",
           "examine": "検査", "interview": "インタビュー", "test": "テスト", "sep": "、",
           "none": "評価の方法及び対象：なし（dibcyber catalog showで理由を確認）",
           "objectives": "評価目標", "odps": "組織定義パラメータ（ODP）", "org": "会社名を記入",
           "partial": "DoD評価方法論の部分点の条件に当たる一部実施なら、次の行の#を外す:",
           "partial_atla": "SPRS換算で部分点となる一部実施なら、次の行の#を外す:",
           "name_en": "英文社名（英語の報告書に使う。なければ空欄）",
           "cage_code": "CAGEコード（米国防総省の事業者コード。なければ空欄）",
           "date": "評価日：この用紙を作った日（{today}）を記入済み。評価を行った日に直す",
           "scope": "評価の範囲（部署、拠点、保護すべき情報を扱う機器など）",
           "system": "対象システムの名称（例：設計系ネットワーク）",
           "marking": "報告書に付ける表示（例：取扱注意）",
           "document": "任意：報告書の文書管理（文書番号、社名、改訂履歴、承認欄。手引の「報告書」）"},
    "en": {"methods": "Assessment methods and objects (SP 800-171A)",
           "derived": "Assessment methods and objects (derived from SP 800-171A Rev.3)",
           "examine": "Examine", "interview": "Interview", "test": "Test", "sep": "; ",
           "none": "Assessment methods and objects: none (dibcyber catalog show says why)",
           "objectives": "Objectives", "odps": "Organization-defined parameters (ODPs)", "org": "company name",
           "partial": "If partial in the DoD methodology's partial case, uncomment the next line:",
           "partial_atla": "If partial in the SPRS view's partial case, uncomment the next line:",
           "name_en": "Company name in English (for English reports); may stay empty",
           "cage_code": "CAGE code (the US DoD's supplier code); may stay empty",
           "date": "Assessment date: pre-filled with the day this file was made ({today}); "
                   "change it to the day of the assessment",
           "scope": "What was assessed (departments, sites, machines holding protected information)",
           "system": "Name of the assessed system (e.g. design network)",
           "marking": "Marking printed on reports (e.g. 取扱注意, CUI)",
           "document": "Optional: document control of reports (number, firm, revisions, approvals); see the "
                       "Reports reference"},
}
"""The comments of the answers file ``init`` writes."""


OSCAL: dict[Lang, dict[str, str]] = {
    "ja": {"ar": "自己評価結果", "poam": "改善計画（POA&M）", "result": "自己評価", "plan": "自己評価計画",
           "plan_text": "dibcyberによる回答ファイルの自己評価。評価計画は回答ファイルとプロファイルによる。",
           "no_narrative": "実施内容の説明なし", "status": "実施状況", "reasons": "理由", "measure": "予定する措置",
           "na": "該当なし", "not_assessed": "未評価", "party": "評価対象組織"},
    "en": {"ar": "Self-assessment results", "poam": "Plan of action and milestones", "result": "Self-assessment",
           "plan": "Self-assessment plan",
           "plan_text": "Self-assessment of an answers file with dibcyber; the plan is the answers file and profile.",
           "no_narrative": "No narrative recorded", "status": "Status", "reasons": "Reasons",
           "measure": "Planned measure", "na": "not applicable", "not_assessed": "not assessed",
           "party": "Assessed organization"},
}
"""Words of the OSCAL documents dibcyber writes."""
