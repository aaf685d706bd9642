"""Japanese texts of ``--help``: every command's and option's help text, keyed by its English text (the way
gettext keys a catalogue), and the command-line library's own words.

A new option's help goes here with its Japanese text; ``tests/test_help_ja.py`` fails on a help text of
the app without an entry and on an entry no help text uses. Register: です・ます (what the program says
to its user, ``controls/glossary.yaml``, ``register``); words from the glossary."""

from __future__ import annotations

HELP: dict[str, str] = {
    # dibcyber
    "Self-assessment against 防衛産業サイバーセキュリティ基準 and NIST SP 800-171 (SPRS, CMMC).":
        "防衛産業サイバーセキュリティ基準及びNIST SP 800-171に対する自己評価を行います（SPRS、CMMC）。",
    "Folder with your own catalogs and profiles (repeatable). Also read from DIBCYBER_PATH.":
        "独自のカタログ及びプロファイルを置いたフォルダです（複数指定可）。環境変数DIBCYBER_PATHからも読み込みます。",
    "Show the version and exit.": "バージョンを表示して終了します。",
    "Show a traceback for unexpected errors.": "想定外のエラーのトレースバックを表示します。",
    "Show this message and exit.": "この説明を表示して終了します。",
    "Read answers files, your own catalogs and profiles, and git:REF revisions of them in this encoding (e.g. "
    "cp932) instead of UTF-8 (also evidence lock files; not built-in catalogs or workbooks).":
        "回答ファイル、独自のカタログ及びプロファイル並びにそれらのgit:REFの版を、UTF-8ではなくこの文字コード（例："
        "cp932）で読み込みます（証跡ロックファイルも対象です。組込みのカタログ及びワークブックは対象外です）。",
    "Language of texts (ja|en). Default: the profile's, then the locale's.":
        "表示の言語です（ja又はen）。既定ではプロファイルの言語、次にロケールの言語を使います。",
    "Output format.": "出力形式です。",
    # assess
    "Validate an answers file, score it and print a summary (or the result document).":
        "回答ファイルを検証して採点し、概要（又は結果文書）を表示します。",
    "The answers YAML file.": "回答ファイル（YAML）です。",
    "Score with this profile instead of the one the file names (ID or path).":
        "ファイルが指定するプロファイルに代えて、このプロファイル（ID又はパス）で採点します。",
    "table: a summary for people; json|yaml: the result document (dibcyber/result@1).":
        "table：人が読む概要、json又はyaml：結果文書（dibcyber/result@1）です。",
    "How many gaps and warnings the summary lists.": "概要に表示するギャップ及び警告の件数です。",
    "Answer unanswered requirements one by one; every answer is saved at once.":
        "未回答の要件に一件ずつ回答します。回答はその都度保存します。",
    "With --interactive: visit answered requirements too.":
        "--interactiveと共に指定し、回答済みの要件も順に表示します。",
    "With --interactive: only this family (ID or abbreviation); repeatable.":
        "--interactiveと共に指定し、このファミリー（ID又は略称）だけを対象にします（複数指定可）。",
    "Score the same answers by this profile too (e.g. cmmc-l2 for an ATLA assessment); repeatable.":
        "同じ回答をこのプロファイルでも採点します（例：ATLA基準の評価にcmmc-l2を加える。複数指定可）。",
    # report
    "Render a gap report, implementation plan, POA&M or evidence request list as HTML, PDF, DOCX, Markdown,\n"
    "JSON, CSV or XLSX.":
        "ギャップ分析報告書、実装計画書、改善計画（POA&M）又は証跡依頼リストを、HTML、PDF、DOCX、Markdown、JSON"
        "、CSV又は"
        "XLSXで作成します。",
    "The answers YAML file (with --batch: answers files, workbooks, folders or glob patterns).":
        "回答ファイル（YAML）です（--batchでは回答ファイル、ワークブック、フォルダ又はglobパターン）。",
    "gap: gap analysis report; plan: system security implementation plan; poam: plan of action and milestones; "
    "evidence-request: what to examine, interview and test per requirement, with the evidence cited and missing.":
        "gap：ギャップ分析報告書、plan：システムセキュリティ実装計画書、poam：改善計画（POA&M）、evidence-request："
        "要件ごとの検査・インタビュー・テストの対象と、記載済みの証跡及び不足している証跡の一覧です。",
    "html | pdf | docx | md | json | csv | xlsx; default: from the output file's suffix, else md.":
        "html、pdf、docx、md、json、csv又はxlsxです。既定では出力ファイルの拡張子から決め、決まらなければmdです。",
    "File to write; '-' for standard output (text formats).":
        "書き出すファイルです。'-'は標準出力です（テキスト形式のみ）。",
    "Score with this profile instead of the one the file names.":
        "ファイルが指定するプロファイルに代えて、このプロファイルで採点します。",
    "Folder whose templates and messages/<lang>.yaml override the built-in ones.":
        "組込みのテンプレート及びmessages/<lang>.yamlに代えて使うものを置いたフォルダです。",
    "Logo image for the cover (PNG, JPEG, SVG).": "表紙のロゴ画像です（PNG、JPEG、SVG）。",
    "Marking on every page, e.g. 取扱注意; default: the assessment's marking.":
        "全ページに付す表示です（例：取扱注意）。既定では回答ファイルのassessmentの表示を使います。",
    "Japanese font file for PDF output.": "PDF出力に使う日本語フォントのファイルです。",
    "Document number on the cover; default: the answers file's document.number.":
        "表紙の文書番号です。既定では回答ファイルのdocument.numberを使います。",
    "The consultant's firm that prepared the report, on the cover; default: the answers file's document.firm.":
        "表紙に記載する、報告書を作成したコンサルタント会社です。既定では回答ファイルのdocument.firmを使います。",
    "One report per supplier for every answers file under the paths given, on every core, into --out.":
        "指定したパスの下の回答ファイルごとに（取引先ごとに）報告書を作成し、全コアで並行して--outに書き出します。",
    "With --batch: the folder to write the reports into.": "--batchと共に指定し、報告書を書き出すフォルダです。",
    "With --batch: processes to use (default: every core).":
        "--batchと共に指定し、使うプロセスの数です（既定では全コア）。",
    # check
    "Assess, apply gates, exit 0 when all pass and 1 when any fails (3 for invalid input).":
        "評価してゲートを適用し、全て合格なら0、一つでも不合格なら1で終了します（入力が不正なら3）。",
    "Answers YAML files (as many as pre-commit passes; the exit code is the worst of them).":
        "回答ファイル（YAML）です（pre-commitが渡すだけ複数指定でき、終了コードは最も悪いものです）。",
    "Fail below this SPRS score.": "SPRSスコアがこの値を下回れば不合格とします。",
    "Fail below this conformance ratio (0.9), overall or for a family (ORG-GOV=1.0, AC=0.8); repeatable.":
        "適合率がこの値（0.9）を下回れば不合格とします。全体又はファミリーごとに指定できます（ORG-GOV=1.0、AC=0.8。"
        "複数指定可）。",
    "These requirement IDs or tags must be implemented (e.g. organizational, basic, 3.5.3); repeatable.":
        "これらの要件ID又はタグが実施済みでなければ不合格とします（例：organizational、basic、3.5.3。複数指定可）。",
    "Fail unless CMMC Level 2 conditional status is reached.":
        "CMMCレベル2の条件付き認定の状態でなければ不合格とします。",
    "Fail on any regression from this answers file, or git:REF (each file at a git revision).":
        "この回答ファイル又はgit:REF（各ファイルのgitの版）から後退があれば不合格とします。",
    "Which gates decide the exit code: regression (the baseline and evidence gates: for pull requests), gates "
    "(the profile's and the options' gates: for release branches) or both. Every gate is reported either way.":
        "終了コードを決めるゲートです。regression（ベースライン及び証跡のゲート。プルリクエスト向け）、gates（"
        "プロファイル"
        "及びオプションのゲート。リリースブランチ向け）又はbothです。いずれでも全てのゲートを報告します。",
    "Fail on missing, changed, expired, too old or escaping evidence files.":
        "証跡ファイルがない、変更された、期限切れ、古すぎる又はルートの外にある場合に不合格とします。",
    "Days; evidence older than this fails the evidence gate (implies --evidence).":
        "日数です。これより古い証跡は証跡のゲートで不合格になります（--evidenceを含みます）。",
    "Fail when fewer implemented requirements than this ratio (0.8) cite locked, unchanged evidence.":
        "ロック済みで変更のない証跡を記載した実施済みの要件の割合がこの値（0.8）を下回れば不合格とします。",
    "Fail where a scanner rule (dibcyber import xccdf) failed on a requirement answered 'implemented'.":
        "「実施済み」と回答した要件でスキャンのルール（dibcyber import xccdf）が不合格なら不合格とします。",
    "Write JUnit XML here.": "JUnit XMLをここに書き出します。",
    "Write SARIF 2.1.0 here.": "SARIF 2.1.0をここに書き出します。",
    "table | json | github (workflow annotations plus a Markdown summary).":
        "table、json又はgithub（ワークフローの注釈とMarkdownの概要）です。",
    "Score with this profile.": "このプロファイルで採点します。",
    # diff, history
    "What improved, what regressed, and how the scores moved between two versions of an answers file.":
        "回答ファイルの二つの版の間で、改善した要件、後退した要件及びスコアの変化を表示します。",
    "Answers file, git:REF (same file as NEW) or git:REF:PATH.":
        "回答ファイル、git:REF（NEWと同じファイル）又はgit:REF:PATHです。",
    "Answers file, or git:REF:PATH.": "回答ファイル又はgit:REF:PATHです。",
    "table | md | json": "table、md又はjsonです。",
    "Score both with this profile.": "両方をこのプロファイルで採点します。",
    "Scores over the answers file's git history (dates from the assessment, else the commit).":
        "回答ファイルのgitの履歴に沿ってスコアの推移を表示します（日付は評価日、なければコミット日です）。",
    "An answers file tracked by git.": "gitで管理している回答ファイルです。",
    "Also write the scores over time as an SVG chart.": "スコアの推移をSVGのグラフにも書き出します。",
    # migrate
    "Carry answers to another profile across the crosswalks; list what needs a person in a worklist.":
        "対応表に沿って回答を別のプロファイルに移行し、人の確認が必要な事項を作業リストにします。",
    "The answers YAML file to carry over.": "移行する回答ファイル（YAML）です。",
    "Target profile (ID or path), e.g. nist-800-171r3.":
        "移行先のプロファイル（ID又はパス）です（例：nist-800-171r3）。",
    "The migrated answers file (default: standard output).": "移行した回答ファイルです（既定では標準出力）。",
    "Write the worklist (.md, .html, .xlsx or .json).": "作業リストを書き出します（.md、.html、.xlsx又は.json）。",
    "Overwrite existing output files.": "既存の出力ファイルを上書きします。",
    # portfolio
    "One view of many suppliers: conformance, SPRS, CMMC, overdue items, a heat map, common gaps.":
        "多数の取引先を一覧にします。適合率、SPRS、CMMC、期限超過の項目、ヒートマップ及び共通のギャップを示します。",
    "Answers files or workbooks, folders (searched recursively) or glob patterns; one file is one supplier or "
    "system.":
        "回答ファイル又はワークブック、フォルダ（下位まで検索）又はglobパターンです。一つのファイルが一つの取引先"
        "又はシステム"
        "です。",
    "File to write; '-' for standard output.": "書き出すファイルです。'-'は標準出力です。",
    "table | html | pdf | md | xlsx | json; default: from the output file's suffix, else table.":
        "table、html、pdf、md、xlsx又はjsonです。既定では出力ファイルの拡張子から決め、決まらなければtableです。",
    "Score every supplier with this profile (e.g. cmmc-l2) instead of each file's own.":
        "各ファイルのプロファイルに代えて、全ての取引先をこのプロファイル（例：cmmc-l2）で採点します。",
    "Group by this tag of the organisation block (tier, business_unit, …; 'prime' for the prime).":
        "organizationのこのタグでまとめます（tier、business_unitなど。'prime'は元請）。",
    "Flag assessments older than this many days before the as-of date.":
        "基準日よりこの日数以上前の評価に印を付けます。",
    "Flag suppliers below this conformance ratio and exit 1 when any is.":
        "適合率がこの値を下回る取引先に印を付け、一つでもあれば1で終了します。",
    "Judge overdue and stale against this date (default: the newest assessment date, never the clock).":
        "期限超過及び評価の古さをこの日付で判定します（既定では最も新しい評価日で、現在の日時は使いません）。",
    "A previous portfolio JSON, or git:REF for the -o file at a revision (git:REF:PATH for another); suppliers "
    "whose score fell are flagged and exit 1.":
        "以前のポートフォリオのJSON、又は-oのファイルのgitの版を示すgit:REF（別のファイルはgit:REF:PATH）です。スコアが"
        "下がった取引先に印を付け、1で終了します。",
    "Processes to use (default: every core).": "使うプロセスの数です（既定では全コア）。",
    "Overwrite an existing -o file.": "既存の-oのファイルを上書きします。",
    # init, schema
    "Write a complete questionnaire for a profile: every requirement, commented, ready to fill in.":
        "プロファイルの全ての要件を説明付きで並べた、記入用の回答ファイルを書き出します。",
    "Profile to answer (ID or path).": "回答するプロファイル（ID又はパス）です。",
    "File to write.": "書き出すファイルです。",
    "Overwrite an existing file.": "既存のファイルを上書きします。",
    "Print the JSON Schema of a dibcyber file format (for editors and validators).":
        "dibcyberのファイル形式のJSON Schemaを表示します（エディタ及び検証ツール向け）。",
    "answers | catalog | profile | result | portfolio | check | assess | diff | history | evidence | "
    "evidence-index | worklist | catalog-list | profile-list":
        "answers、catalog、profile、result、portfolio、check、assess、diff、history、evidence、evidence-index、"
        "worklist、catalog-list又はprofile-listです。",
    # catalog, profile
    "Browse and validate control catalogs.": "管理策のカタログを閲覧及び検証します。",
    "List the catalogs dibcyber can see.": "dibcyberが読み込めるカタログを一覧にします。",
    "Show a catalog: its families and requirements, or chosen requirements in full.":
        "カタログのファミリー及び要件、又は指定した要件の全文を表示します。",
    "Catalog ID, e.g. nist-800-171r2.": "カタログのIDです（例：nist-800-171r2）。",
    "Show these requirements in full (IDs or aliases).": "これらの要件（ID又は別名）の全文を表示します。",
    "Only this family (ID or abbreviation, e.g. AC); repeatable.":
        "このファミリー（ID又は略称。例：AC）だけを対象にします（複数指定可）。",
    "Only requirements with this tag (e.g. basic, cmmc-l1, organizational); repeatable.":
        "このタグ（例：basic、cmmc-l1、organizational）の要件だけを対象にします（複数指定可）。",
    "Only requirements whose ID, title or statement contains this text (either language).":
        "ID、表題又は本文にこの文字列を含む要件だけを対象にします（日英どちらでも）。",
    "Check catalog or profile files: schema, duplicate IDs, families, mappings. Exit 3 on problems.":
        "カタログ又はプロファイルのファイルを検査します（スキーマ、IDの重複、ファミリー、対応付け）。問題があれば3で終了します。",
    "Catalog or profile YAML files.": "カタログ又はプロファイルのYAMLファイルです。",
    "Browse profiles.": "プロファイルを閲覧します。",
    "List the profiles dibcyber can see.": "dibcyberが読み込めるプロファイルを一覧にします。",
    "Show a profile: catalogs, selection, scoring methods, gates.":
        "プロファイルのカタログ、選択、採点方法及びゲートを表示します。",
    "Profile ID or path to a profile file.": "プロファイルのID又はプロファイルのファイルのパスです。",
    # evidence
    "Lock and check the evidence files answers cite.": "回答が記載した証跡ファイルをロック及び検査します。",
    "Record the SHA-256 and size of every cited evidence file.":
        "記載された全ての証跡ファイルのSHA-256及びサイズを記録します。",
    "Write ANSWERS.evidence-lock.yaml beside the answers instead of adding sha256/size to them.":
        "回答ファイルにsha256及びsizeを加えるのではなく、隣にANSWERS.evidence-lock.yamlを書き出します。",
    "Report missing, changed, expired, too old or escaping evidence; exit 1 when there is any.":
        "ない、変更された、期限切れ、古すぎる又はルートの外にある証跡を報告し、一つでもあれば1で終了します。",
    "Answers files (the exit code is the worst of them).": "回答ファイルです（終了コードは最も悪いものです）。",
    "Days; older evidence is a problem.": "日数です。これより古い証跡を問題とします。",
    "Export the evidence index (requirement, file or URL, hash, size, expiry) for reports.":
        "報告書向けに証跡の索引（要件、ファイル又はURL、ハッシュ、サイズ、有効期限）を出力します。",
    "csv | json | md": "csv、json又はmdです。",
    # export, import
    "Questionnaires for suppliers (XLSX) and OSCAL documents.":
        "取引先向けの質問票（XLSX）及びOSCAL文書を書き出します。",
    "Write a questionnaire workbook that a supplier fills in with Excel alone.":
        "取引先がExcelだけで記入できる質問票のワークブックを書き出します。",
    "Answers to pre-fill (their profile is used).": "あらかじめ記入しておく回答です（そのプロファイルを使います）。",
    "The workbook to write (.xlsx).": "書き出すワークブック（.xlsx）です。",
    "Profile of an empty questionnaire (or another profile for ANSWERS).":
        "空の質問票のプロファイル（又はANSWERSに使う別のプロファイル）です。",
    "Assessment objectives as rows, each with a finding.": "評価目標を一行ずつ並べ、それぞれに判定を記入させます。",
    "Whom the supplier returns it to (shown in the instructions).": "取引先の返送先です（記入の手順に表示します）。",
    "Write OSCAL 1.x JSON: assessment results (findings and observations) and a POA&M of open items.":
        "OSCAL 1.xのJSONを書き出します。評価結果（所見及び観察）と未完了の項目の改善計画（POA&M）です。",
    "Folder to write assessment-results.json and poam.json into (created if missing).":
        "assessment-results.json及びpoam.jsonを書き出すフォルダです（なければ作成します）。",
    "Read returned questionnaires and scan results back into answers.":
        "返送された質問票及びスキャン結果を回答に取り込みます。",
    "Read a returned questionnaire: every bad cell reported at once (exit 3), nothing written then.":
        "返送された質問票を読み込みます。不正なセルは全て一度に報告し（終了コード3）、その場合は何も書き出しません。",
    "A questionnaire workbook (.xlsx).": "質問票のワークブック（.xlsx）です。",
    "Write a new answers file (default: standard output).": "新しい回答ファイルを書き出します（既定では標準出力）。",
    "Merge into this answers file, keeping its comments, order and untouched answers.":
        "この回答ファイルに統合します。コメント、順序及び変更のない回答はそのまま残します。",
    "Overwrite -o; take the workbook's side of conflicts; read a workbook of another profile or catalog version by "
    "requirement ID.":
        "-oを上書きし、食い違いはワークブックの内容を採り、別のプロファイル又はカタログの版のワークブックも要件I"
        "Dで読み込み"
        "ます。",
    "With --into: show what would change, write nothing.":
        "--intoと共に指定し、変更内容を表示するだけで何も書き出しません。",
    "Record scan results as locked evidence with each rule's result; a status is never changed.":
        "スキャン結果をロック済みの証跡としてルールごとの結果と共に記録します。実施状況は変更しません。",
    "XCCDF 1.2 results or an ARF report (oscap xccdf eval --results / --results-arf), inside the repository of "
    "the answers.":
        "XCCDF 1.2の結果又はARFレポート（oscap xccdf eval --results又は--results-arf）です。回答ファイルと同"
        "じリポジトリ"
        "の中に置きます。",
    "Merge into this answers file, keeping its comments, order and answers.":
        "この回答ファイルに統合します。コメント、順序及び回答はそのまま残します。",
    "Write a new answers file holding the scan's evidence and no answers.":
        "スキャンの証跡だけを記録した（回答のない）新しい回答ファイルを書き出します。",
    "With -o: the profile of the new file.": "-oと共に指定し、新しいファイルのプロファイルです。",
    "Overwrite -o.": "-oを上書きします。",
    "Show what would change, write nothing.": "変更内容を表示するだけで何も書き出しません。",
}

WORDS: dict[str, str] = {
    "Arguments": "引数",
    "Options": "オプション",
    "Commands": "コマンド",
    "required": "必須",
    "default: {default}": "既定値：{default}",
    "env var: {var}": "環境変数：{var}",
    "(dynamic)": "（実行時に決定）",
    "Aborted!": "中止しました。",
    "Missing command.": "コマンドを指定してください。",
    "No such command {name!r}.": "コマンド{name!r}はありません。",
}
"""The command-line library's own words (typer.core asks for them through gettext's ``_``)."""
