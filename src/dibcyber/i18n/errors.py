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
    # --- environment variables ------------------------------------------------------------------------------
    "env.not_positive": {"ja": "環境変数{name}={value}が正の数ではありません（例：{example}）。",
                         "en": "environment variable {name}={value} is not a positive number (e.g. {example})"},
    "env.file_mode": {"ja": "環境変数{name}={value}が8進数のファイルモードではありません。",
                      "en": "environment variable {name}={value} is not an octal file mode"},
    "env.file_mode.hint": {"ja": "例えば0644（誰でも読める）又は0600（所有者だけ、既定）と書いてください。",
                           "en": "e.g. 0644 (readable by everyone) or 0600 (owner only, the default)"},
    "limit.raise.hint": {"ja": "正当なファイルであれば上限を引き上げてください（例：{setting}）。",
                         "en": "if the file is genuine, raise the limit, e.g. {setting}"},
    # --- paths and files read -------------------------------------------------------------------------------
    "path.missing": {"ja": "存在しません。", "en": "does not exist"},
    "path.nul": {"ja": "パスにNUL文字が含まれています。", "en": "has a NUL character in its path"},
    "path.broken_link": {"ja": "リンク先のないシンボリックリンクです。", "en": "is a broken symbolic link"},
    "path.loop": {"ja": "シンボリックリンクが循環しています。", "en": "is a symbolic link loop"},
    "path.too_long": {"ja": "パスが長すぎます。", "en": "has a path that is too long"},
    "path.unexaminable": {"ja": "状態を調べられません（{reason}）。", "en": "cannot be examined: {reason}"},
    "path.invalid": {"ja": "パスが正しくありません。", "en": "has a path that is not valid"},
    "path.not_regular": {"ja": "{kind}であり、通常のファイルではありません。", "en": "is {kind}, not a regular file"},
    "file.not_found": {"ja": "{what}が見つかりません。", "en": "{what} not found"},
    "file.unusable": {"ja": "{what}を読めません。{problem}", "en": "{what} {problem}"},
    "file.unusable.hint": {"ja": "通常のファイル（{what}）のパスを指定してください。",
                           "en": "give the path of a regular file (the {what})"},
    "file.unreadable": {"ja": "この{what}を読めません（{reason}）。", "en": "cannot read this {what}: {reason}"},
    "file.too_large": {"ja": "{what}が上限の{limit}を超えています。",
                       "en": "{what} is larger than the limit of {limit}"},
    "file.too_large_size": {"ja": "{what}が上限の{limit}を超えています（{size}）。",
                            "en": "{what} is larger than the limit of {limit} ({size})"},
    # --- files written --------------------------------------------------------------------------------------
    "write.nul": {"ja": "{option} {path}：パスにNUL文字が含まれています。",
                  "en": "{option} {path}: the path contains a NUL character"},
    "write.failed": {"ja": "{path}に書き込めません（{reason}）。", "en": "cannot write {path}: {reason}"},
    "write.option_not_regular": {"ja": "{option} {path}には書き込みません。{kind}であり、"
                                       "通常のファイルではありません。",
                                 "en": "not writing {option} {path}: it is {kind}, not a regular file"},
    "write.not_regular.pipe_hint": {"ja": "出力を捨てる又はパイプに渡すには、「-o "
                                          "-」で標準出力に書き出してリダイレクトしてください。",
                                    "en": "to discard or pipe the output, write to standard output with '-o -' and "
                                          "redirect it"},
    "write.option_folder.hint": {"ja": "フォルダの中のファイル名を指定してください。",
                                 "en": "give a file name inside the folder"},
    "write.is_input": {"ja": "{option} {path}には書き込みません。このコマンドの入力（{input}）です。",
                       "en": "not writing {option} {path}: it is an input of this command ({input})"},
    "write.is_input.hint": {"ja": "別の出力ファイル名を選んでください。dibcyberは読み込むファイルを上書きしません。",
                            "en": "choose another output file name; dibcyber never overwrites what it reads"},
    # --- ZIP containers (workbooks) -------------------------------------------------------------------------
    "zip.invalid": {"ja": "有効な{what}（ZIP形式）ではありません。読み込み時の報告は「{reason}」です。",
                    "en": "not a valid {what} (a ZIP container): {reason}"},
    "zip.invalid.hint": {"ja": "表計算ソフトで.xlsxとして保存し直してください。",
                         "en": "save it again from the spreadsheet program as .xlsx"},
    "zip.too_many_parts": {"ja": "{what}の部品が{count:,}個あり、上限の{limit:,}個を超えています。",
                           "en": "{what} holds {count:,} parts, more than {limit:,}"},
    "zip.outside": {"ja": "{what}が自身の外を指す部品を含んでいます：{part}",
                    "en": "{what} names a part outside itself: {part}"},
    "zip.bomb": {"ja": "{what}の部品{part}が{ratio:,}倍（{size}）に展開されます。ZIP爆弾です。",
                 "en": "{what} part {part} expands {ratio:,} times (to {size}): a ZIP bomb"},
    "zip.too_large": {"ja": "{what}が{size}に展開され、上限の{limit}を超えます。",
                      "en": "{what} expands to {size}, over the limit of {limit}"},
    # --- encodings ------------------------------------------------------------------------------------------
    "encoding.unknown": {"ja": "--encoding {name}：不明なエンコーディングです。",
                         "en": "--encoding {name}: unknown encoding"},
    "encoding.unknown.hint": {"ja": "例えばcp932、shift_jis、euc_jpを指定してください。",
                              "en": "e.g. cp932, shift_jis, euc_jp"},
    "encoding.invalid": {"ja": "{encoding}として正しくありません（オフセット{offset}のバイト{byte}）。",
                         "en": "not valid {encoding} (byte {byte} at offset {offset})"},
    "encoding.invalid.hint": {"ja": "--encodingを確認してください。UTF-8なら指定は不要です。",
                              "en": "check --encoding, or leave it out for UTF-8"},
    "utf8.save.hint": {"ja": "ファイルをUTF-8で保存してください。", "en": "save the file as UTF-8"},
    "utf8.looks_like.hint": {"ja": "{encoding}のファイルと思われます。「{command}」で変換するか、"
                                   "エディタでUTF-8として保存してください。",
                             "en": "the file looks like {encoding}; convert it with `{command}` or save it as UTF-8 "
                                   "in your editor"},
    "utf8.looks_like_readable.hint": {"ja": "{encoding}のファイルと思われます。「{command}」で変換するか、"
                                            "エディタでUTF-8として保存するか、{option}でそのまま読んでください。",
                                      "en": "the file looks like {encoding}; convert it with `{command}` or save it "
                                            "as UTF-8 in your editor, or read it as it is with {option}"},
    "encoding.edit_utf8_only.hint": {"ja": "dibcyberがファイルをその場で編集するのはUTF-8の場合だけです（--encodingは"
                                           "読み込むファイルに適用されます）。先に変換してください：「{command}」",
                                     "en": "dibcyber edits files in place only as UTF-8 (--encoding applies to files "
                                           "it reads); convert it first: `{command}`"},
    # --- YAML -----------------------------------------------------------------------------------------------
    "yaml.syntax": {"ja": "YAMLの構文エラーです：{detail}", "en": "YAML syntax: {detail}"},
    "yaml.parser_says": {"ja": "パーサの報告は「{detail}」です。", "en": "{detail}"},
    "yaml.syntax.hint": {"ja": "この付近の字下げ、「:」の抜け、閉じていない引用符を確認してください。",
                         "en": "check indentation, a missing ':' or an unclosed quote near this place"},
    "yaml.number_key": {"ja": "キー{written}はYAMLでは数値{number}と読まれ、前にあるキーと同じになります。",
                        "en": "the key {written} is read by YAML as the number {number}, like an earlier key"},
    "yaml.number_key.hint": {"ja": "IDは引用符で囲んでください（例：\"{written}\":）。"
                                   "引用符がないとYAMLは3.10を数値3.1と読み、3.1と同じになります。",
                             "en": "write IDs in quotes, e.g. \"{written}\": (unquoted, YAML reads 3.10 as the "
                                   "number 3.1, the same as 3.1)"},
    "yaml.duplicate_number_key": {"ja": "キー{key}が重複しています。", "en": "duplicate key {key}"},
    "yaml.duplicate_number_key.hint": {"ja": "同じマッピングの中で同じキーは1回しか使えません。"
                                             "IDであれば引用符で囲んでください（例：\"{written}\":）。"
                                             "引用符がないとYAMLは3.1と3.10を同じ数値と読みます。",
                                       "en": "each key may appear only once in a mapping; if these are IDs, write "
                                             "them in quotes, e.g. \"{written}\": (unquoted, YAML reads 3.1 and 3.10 "
                                             "as the same number)"},
    "yaml.duplicate_key": {"ja": "キー「{key}」が重複しています。", "en": "duplicate key '{key}'"},
    "yaml.duplicate_key_unnamed": {"ja": "キーが重複しています。", "en": "duplicate key"},
    "yaml.duplicate_key.hint": {"ja": "同じマッピングの中で同じキーは1回しか使えません。"
                                      "一方を削除するか名前を変えてください。",
                                "en": "each key may appear only once in a mapping; remove or rename one of them"},
    "yaml.more_characters": {"ja": "同様の文字が続きます。最初の{count}個だけを示します。",
                             "en": "more characters like these follow; only the first {count} are listed"},
    "yaml.nul": {"ja": "YAMLにNULバイトは使えません。", "en": "a NUL byte is not allowed in YAML"},
    "yaml.control": {"ja": "YAMLに制御文字{code}は使えません。",
                     "en": "the control character {code} is not allowed in YAML"},
    "yaml.control.hint": {"ja": "この文字を削除してください。他のプログラムが書き出したファイルは、"
                                "プレーンなUTF-8のテキストとして保存し直す必要があるかもしれません。",
                          "en": "remove it; a file exported by another program may need to be saved again as plain "
                                "UTF-8 text"},
    "yaml.too_deep": {"ja": "{limit}階層より深く入れ子になっています。", "en": "nested more than {limit} levels deep"},
    "yaml.too_deep.hint": {"ja": "これほど深く入れ子になるdibcyberのファイルはありません。正当なファイルであれば、"
                                 "{setting}で上限を引き上げてください。",
                           "en": "no dibcyber file nests this deep; if the file is genuine, raise the limit with "
                                 "{setting}"},
    "yaml.too_deep_unbounded": {"ja": "入れ子が深すぎます。", "en": "nested too deeply"},
    "yaml.recursive_alias": {"ja": "エイリアス{alias}が、自身を含む値を指しています（又は値を指していません）。",
                             "en": "the alias {alias} refers to a value that contains it (or to no value)"},
    "yaml.recursive_alias.hint": {"ja": "dibcyberのファイルに再帰的なデータは不要です。"
                                        "エイリアスの代わりに値を書いてください。",
                                  "en": "dibcyber files need no recursive data; write the value out instead of the "
                                        "alias"},
    "yaml.too_many_values": {"ja": "文書を展開すると値が{limit:,}個を超えます。",
                             "en": "the document expands to more than {limit:,} values"},
    "yaml.too_many_values_aliases": {"ja": "文書を展開すると値が{limit:,}個を超えます（エイリアス「*名前」は値全体を繰"
                                           "り返します）。",
                                     "en": "the document expands to more than {limit:,} values (aliases '*name' "
                                           "repeat whole values)"},
    "yaml.too_many_values.hint": {"ja": "エイリアスを入れ子にせず、値を書いてください。正当なファイルであれば、"
                                        "{setting}で上限を引き上げてください。",
                                  "en": "write values out instead of nesting aliases; if the file is genuine, raise "
                                        "the limit with {setting}"},
    "yaml.long_number": {"ja": "{digits:,}桁の数は長すぎて読めません。",
                         "en": "a number of {digits:,} digits is too long to read"},
    "yaml.long_number.hint": {"ja": "ここの数は数桁までです。文字列であれば引用符で囲んでください。",
                              "en": "numbers have at most a few digits here; if this is text, put it in quotes"},
    "yaml.unreadable_scalar": {"ja": "数値又は日付に見える値を読めません。",
                               "en": "a value that looks like a number or date cannot be read"},
    "yaml.unreadable_scalar.hint": {"ja": "文字列であれば引用符で囲んでください。",
                                    "en": "if it is text, put it in quotes"},
    # --- dates ----------------------------------------------------------------------------------------------
    "date.invalid": {"ja": "「{value}」は有効な日付ではありません（{reason}）。",
                     "en": "'{value}' is not a valid date ({reason})"},
    "date.day_out_of_range": {"ja": "その月にない日です", "en": "day is out of range for month"},
    "date.month_out_of_range": {"ja": "月は1〜12です", "en": "month must be in 1..12"},
    "date.hour_out_of_range": {"ja": "時は0〜23です", "en": "hour must be in 0..23"},
    "date.minute_out_of_range": {"ja": "分は0〜59です", "en": "minute must be in 0..59"},
    "date.second_out_of_range": {"ja": "秒は0〜59です", "en": "second must be in 0..59"},
    "date.python_says": {"ja": "Pythonの報告は「{reason}」です", "en": "{reason}"},
    "date.format.hint": {"ja": "日付はYYYY-MM-DDの形で書いてください（例：{example}）。",
                         "en": "write dates as YYYY-MM-DD, e.g. {example}"},
    # --- more files written ---------------------------------------------------------------------------------
    "write.changed": {"ja": "{path}は、dibcyberが読み込んだ後に変更されています。上書きしません。",
                      "en": "{path} changed on disk since dibcyber read it; not overwriting"},
    "write.changed.hint": {"ja": "今のファイルから始めるため、コマンドをもう一度実行してください。",
                           "en": "run the command again to start from the file as it is now"},
    "write.not_regular": {"ja": "{path}には書き込みません。{kind}であり、通常のファイルではありません。",
                          "en": "not writing {path}: it is {kind}, not a regular file"},
    "write.folder.hint": {"ja": "ファイル名を指定してください。", "en": "give a file name"},
    "write.not_regular.hint": {"ja": "「-o -」で標準出力に書き出してリダイレクトしてください。",
                               "en": "write to standard output with '-o -' and redirect it"},
    # --- hints shared by many messages ----------------------------------------------------------------------
    "hint.did_you_mean": {"ja": "「{word}」の誤りではありませんか。", "en": "did you mean '{word}'?"},
    "hint.two": {"ja": "{first}{second}", "en": "{first} {second}"},
    "hint.known_families": {"ja": "使えるファミリは{known}です。", "en": "known families: {known}"},
    "hint.known_catalogs": {"ja": "使えるカタログは{known}です。", "en": "known catalogs: {known}"},
    # --- catalogs and profiles ------------------------------------------------------------------------------
    "catalog.duplicate_family": {"ja": "ファミリID「{id}」が重複しています。", "en": "duplicate family ID '{id}'"},
    "catalog.first_defined.hint": {"ja": "最初の定義は{path}にあります。", "en": "first defined at {path}"},
    "catalog.already_used.hint": {"ja": "既に{path}で使われています。", "en": "already used at {path}"},
    "catalog.duplicate_requirement": {"ja": "要件ID「{id}」が重複しています。",
                                      "en": "duplicate requirement ID '{id}'"},
    "catalog.duplicate_alias": {"ja": "別名「{id}」が重複しています。", "en": "duplicate alias '{id}'"},
    "catalog.duplicate_withdrawn": {"ja": "廃止ID「{id}」が重複しています。", "en": "duplicate withdrawn ID '{id}'"},
    "catalog.unknown_family_of": {"ja": "要件「{id}」のファミリ「{family}」がありません。",
                                  "en": "requirement '{id}' is in unknown family '{family}'"},
    "catalog.duplicate_objective": {"ja": "評価目標ID「{id}」が重複しています。",
                                    "en": "duplicate objective ID '{id}'"},
    "catalog.duplicate_odp": {"ja": "ODPのID「{id}」が重複しています。", "en": "duplicate ODP ID '{id}'"},
    "catalog.partial_value": {"ja": "部分点は満点より小さくしてください。",
                              "en": "a partial value must be smaller than the full value"},
    "catalog.unknown_family": {"ja": "ファミリ「{family}」がありません。", "en": "unknown family '{family}'"},
    "catalog.withdrawn_target": {"ja": "「{id}」の移行先「{target}」は、このカタログの要件ではありません。",
                                 "en": "'{id}' points to '{target}', which is not a requirement of this catalog"},
    "catalog.mapping_unknown_catalog": {"ja": "対応付け先のカタログ「{catalog}」がありません。",
                                        "en": "mapping to unknown catalog '{catalog}'"},
    "catalog.mapping_unknown_id": {"ja": "対応付け先のID「{id}」がカタログ「{catalog}」にありません。",
                                   "en": "mapping to unknown ID '{id}' in catalog '{catalog}'"},
    "profile.unknown_family": {"ja": "カタログ「{catalog}」にファミリ「{family}」はありません。",
                               "en": "unknown family '{family}' in catalog '{catalog}'"},
    "profile.unknown_tag": {"ja": "カタログ「{catalog}」にタグ「{tag}」を持つ要件はありません。",
                            "en": "no requirement of '{catalog}' has tag '{tag}'"},
    "profile.unknown_selected": {"ja": "プロファイルが選ぶ「{id}」は、カタログ「{catalog}」にありません。",
                                 "en": "the profile selects '{id}', which is not in '{catalog}'"},
    "profile.unknown_gate_item": {"ja": "「{item}」は、カタログ「{catalog}」の要件IDでもタグでもありません。",
                                  "en": "'{item}' is neither a requirement ID nor a tag of '{catalog}'"},
    "profile.unknown_odp": {"ja": "カタログ「{catalog}」にODP「{odp}」はありません。",
                            "en": "unknown ODP '{odp}' in catalog '{catalog}'"},
    "profile.scoring_needs_rev2": {"ja": "SPRS及びCMMCの採点にはDoDの配点が必要です。"
                                         "「catalogs」にnist-800-171r2を挙げるか、"
                                         "配点のあるカタログに回答してください。",
                                   "en": "SPRS and CMMC scoring need DoD values: list 'nist-800-171r2' in 'catalogs' "
                                         "or answer a catalog that has weights"},
    # --- answers against a catalog --------------------------------------------------------------------------
    "answers.unknown_requirement": {"ja": "カタログ{catalog}に要件「{id}」はありません。",
                                    "en": "unknown requirement '{id}' in catalog '{catalog}'"},
    "answers.duplicate_answer": {"ja": "「{key}」と「{other}」が同じ要件{id}に回答しています。",
                                 "en": "'{key}' and '{other}' both answer requirement '{id}'"},
    "answers.duplicate_answer.hint": {"ja": "どちらか一方だけを残してください。", "en": "keep one of them"},
    "answers.unreachable": {"ja": "カタログ「{own}」向けに書かれた回答は、カタログ「{catalog}」では採点できません。"
                                  "{need}「{own}」において{how}：{listed}",
                            "en": "answers written for catalog '{own}' cannot be scored on catalog '{catalog}': "
                                  "{need}{how} in '{own}': {listed}"},
    "answers.unreachable.sprs": {"ja": "SPRSスコアにはRev.2の全要件が必要ですが、次の要件は",
                                 "en": "the SPRS score needs every Rev.2 requirement, and these "},
    "answers.unreachable.profile": {"ja": "プロファイルの次の要件は", "en": "these requirements of the profile "},
    "answers.unreachable.crosswalk": {"ja": "Rev.2とRev.3の対応表に一対一の対応がありません（Rev.3で廃止、統合、"
                                            "分割又は新設）",
                                      "en": "have no one-to-one counterpart in the Rev.2 ↔ Rev.3 crosswalk "
                                            "(withdrawn, merged, split or new in Rev.3)"},
    "answers.unreachable.no_equivalent": {"ja": "同等の要件がありません", "en": "have no equivalent requirement"},
    "answers.unreachable.list": {"ja": "{ids}", "en": "{ids}"},
    "answers.unreachable.list_more": {"ja": "{ids} …（全{count}件）", "en": "{ids} … ({count} in all)"},
    "answers.unreachable.hint": {"ja": "「{own}」のプロファイルで評価するか、"
                                       "「{catalog}」には別のファイルで回答してください（dibcyber init --profile …）。",
                                 "en": "assess the file with a profile on '{own}', or answer '{catalog}' in its own "
                                       "file (dibcyber init --profile …)"},
    "answers.unknown_objective": {"ja": "要件{id}に評価目標「{key}」はありません。",
                                  "en": "requirement '{id}' has no objective '{key}'"},
    "answers.valid_objectives": {"ja": "有効な評価目標は{valid}です。", "en": "valid objectives: {valid}"},
    "answers.no_objectives": {"ja": "この要件に評価目標はありません。", "en": "this requirement has no objectives"},
    "answers.unknown_odp": {"ja": "要件{id}にODP「{key}」はありません。",
                            "en": "requirement '{id}' has no ODP '{key}'"},
    "answers.valid_odps": {"ja": "有効なODPは{valid}です。", "en": "valid ODPs: {valid}"},
    "answers.no_odps": {"ja": "この要件にODPはありません。", "en": "this requirement has no ODPs"},
    "answers.finding": {"ja": "{key}：{value}", "en": "{key}: {value}"},
    "answers.finding_unanswered": {"ja": "{key}：未回答", "en": "{key}: unanswered"},
    "answers.status_contradicts": {"ja": "実施状況「{status}」が、評価目標の判定（{detail}）"
                                         "から導かれる「{rolled}」と矛盾しています。",
                                   "en": "status '{status}' contradicts the objectives ({detail}), which give "
                                         "'{rolled}'"},
    "answers.status_contradicts.hint": {"ja": "statusを削除して評価目標の判定で決めるか、"
                                              "次のいずれかにしてください：{choices}",
                                        "en": "remove 'status' to let the objectives decide, or use one of: {choices}"},
    "answers.no_partial_credit": {"ja": "要件{id}に部分点はありません。"
                                        "DoD評価方法論が部分点を認めるのは3.5.3と3.13.11だけです。",
                                  "en": "requirement '{id}' has no partial credit: the DoD Assessment Methodology "
                                        "allows it only for 3.5.3 and 3.13.11"},
    "answers.no_partial_credit.hint": {"ja": "partial_creditを削除してください（{choices}）。",
                                       "en": "remove 'partial_credit' ({choices})"},
    "answers.wrong_partial_case": {"ja": "「{value}」は要件{id}の部分点の条件ではありません。",
                                   "en": "'{value}' is not the partial case of requirement '{id}'"},
    "answers.wrong_partial_case.hint": {"ja": "「partial_credit: {expected}」と書いてください。",
                                        "en": "use partial_credit: {expected}"},
    "answers.partial_needs_status": {"ja": "partial_creditには実施状況partially_implementedが必要ですが、"
                                           "「{status}」です。",
                                     "en": "partial_credit needs status 'partially_implemented', not '{status}'"},
    "answers.partial_needs_status_none": {"ja": "partial_creditには実施状況partially_implementedが必要ですが、"
                                                "実施状況がありません。",
                                          "en": "partial_credit needs status 'partially_implemented', not 'no status'"},
    "answers.partial_needs_status.hint": {"ja": "部分点は一部実施に対するもので、"
                                                "計画だけでは得られません（DoD評価方法論5.g.ii）。",
                                          "en": "a partial case is a partial implementation; a plan alone never "
                                                "earns credit (DoD Assessment Methodology 5.g.ii)"},
    "answers.partial_contradicts": {"ja": "partial_credit「{expected}」が評価目標の判定（{found}）と矛盾しています。"
                                          "この部分点には{needed}がmetである必要があります（特権アカウントの多要素認証"
                                          "）。",
                                    "en": "partial_credit '{expected}' contradicts the objectives: {found}; the "
                                          "partial case needs {needed} met (MFA for privileged accounts)"},
    "answers.partial_contradicts.hint": {"ja": "評価目標の判定を直すか、partial_creditを削除してください。",
                                         "en": "correct the objectives or remove 'partial_credit'"},
    "os.stream_closed": {"ja": "ストリームが閉じています", "en": "the stream is closed"},
    "write.stream": {"ja": "{stream}に書き込めません（{reason}）。出力は不完全です。",
                     "en": "cannot write to {stream}: {reason}; the output is incomplete"},
    # --- git ------------------------------------------------------------------------------------------------
    "git.missing": {"ja": "gitがインストールされていません。", "en": "git is not installed"},
    "git.missing.hint": {"ja": "git:REF、diff又はhistoryを使うにはgitをインストールしてください。",
                         "en": "install git to use git:REF, diff or history"},
    "git.cannot_run": {"ja": "{folder}でgitを実行できません（{reason}）。",
                       "en": "cannot run git in {folder}: {reason}"},
    "git.too_large": {"ja": "このgitリビジョンのファイルが上限の{limit}を超えています。",
                      "en": "the file at this git revision is larger than the limit of {limit}"},
    "git.too_large.hint": {"ja": "正当なファイルであれば{variable}を引き上げてください。",
                           "en": "if it is genuine, raise {variable}"},
    "git.failed": {"ja": "{command}が失敗しました。gitの報告は「{output}」です。", "en": "{command}: {output}"},
    "git.failed_silently": {"ja": "{command}が失敗しました。", "en": "{command}: failed"},
    "git.no_folder": {"ja": "フォルダが存在しません。", "en": "its folder does not exist"},
    "git.no_folder.hint": {"ja": "git:REF:PATHは、リポジトリのファイルをここからのパスで指定します。",
                           "en": "git:REF:PATH names a file of a repository by its path from here"},
    "git.not_in_repository": {"ja": "gitリポジトリの中にありません。", "en": "is not inside a git repository"},
    "git.not_in_repository.hint": {"ja": "git:REFは、ファイルをそのリポジトリのリビジョンの時点で読みます。",
                                   "en": "git:REF reads the file at a revision of its repository"},
    "git.bad_revision": {"ja": "「{ref}」はgitのリビジョンではありません。", "en": "'{ref}' is not a git revision"},
    "git.bad_revision.hint": {"ja": "例えばgit:HEAD~1又はgit:origin/mainと指定してください。",
                              "en": "e.g. git:HEAD~1 or git:origin/main"},
    "git.not_at_revision": {"ja": "{path}はgitリビジョン「{ref}」に存在しません。",
                            "en": "{path} does not exist at git revision '{ref}'"},
    "git.no_history": {"ja": "gitの履歴がありません。", "en": "has no git history"},
    "git.no_history.hint": {"ja": "先にコミットしてください。", "en": "commit it first"},
    # --- the registry of catalogs and profiles --------------------------------------------------------------
    "registry.not_folder": {"ja": "フォルダではありません。", "en": "is not a folder"},
    "registry.not_folder.hint": {"ja": "--path及びDIBCYBER_PATHには、"
                                       "カタログとプロファイルを置いたフォルダを指定してください。",
                                 "en": "--path and DIBCYBER_PATH name folders holding catalogs and profiles"},
    "registry.unknown_catalog": {"ja": "カタログ「{id}」がありません。", "en": "unknown catalog '{id}'"},
    "registry.unknown_profile": {"ja": "プロファイル「{id}」がありません。", "en": "unknown profile '{id}'"},
    "registry.known_catalogs.hint": {"ja": "使えるカタログは{known}です。"
                                           "フォルダを--path又はDIBCYBER_PATHで追加できます。",
                                     "en": "known catalogs: {known}; add a folder with --path or DIBCYBER_PATH"},
    "registry.known_profiles.hint": {"ja": "使えるプロファイルは{known}です。"
                                           "フォルダを--path又はDIBCYBER_PATHで追加できます。",
                                     "en": "known profiles: {known}; add a folder with --path or DIBCYBER_PATH"},
    "registry.none": {"ja": "ありません", "en": "none"},
    "registry.id_differs": {"ja": "カタログID「{id}」が「{expected}」と異なります。",
                            "en": "catalog id '{id}' differs from '{expected}'"},
    "registry.unknown_format": {"ja": "「format」が不明です（{format}）。",
                                "en": "unknown or missing 'format': {format}"},
    "registry.missing_format": {"ja": "キー「format」がありません。", "en": "missing key 'format'"},
    "registry.format.hint": {"ja": "カタログは「format: dibcyber/catalog@1」、プロファイルは「format: "
                                   "dibcyber/profile@1」で始めてください。",
                             "en": "a catalog starts with 'format: dibcyber/catalog@1', a profile with 'format: "
                                   "dibcyber/profile@1'"},
    "date.error": {"ja": "「{value}」：{reason}", "en": "'{value}': {reason}"},
    "date.reason.hint": {"ja": "{reason}日付はYYYY-MM-DDの形で書いてください。",
                         "en": "{reason}; write dates as YYYY-MM-DD"},
    "date.no_year": {"ja": "{year}年は扱えません。", "en": "there is no year {year}"},
    "date.no_month": {"ja": "{month}月は存在しません。", "en": "there is no month {month}"},
    "date.no_day": {"ja": "そのような日はありません（{year}年{month}は{last}日までです）。",
                    "en": "no such day ({month} {year} has {last} days)"},
    "date.era_year_zero": {"ja": "{era}は元年（1年）から始まります。", "en": "{era} years start at 1 (元年)"},
    "date.outside_era": {"ja": "{era}の期間（{span}）にありません（西暦では{western}です）。",
                         "en": "not in the {era} era ({span}); it would be {western}"},
    "date.outside_era_error": {"ja": "「{value}」は{reason}", "en": "'{value}' is {reason}"},
    "date.span": {"ja": "{first}〜{last}", "en": "{first} to {last}"},
    "date.span_open": {"ja": "{first}以降", "en": "from {first}"},
    "date.separators": {"ja": "日付は区切りを入れて書いてください（例：{example}）。",
                        "en": "write the date with separators, e.g. {example}"},
    "date.year_first": {"ja": "年を4桁で先頭に書いてください（例：{example}）。",
                        "en": "write the year first with four digits, e.g. {example}"},
    "date.forms": {"ja": "例えば{example}、2027/3/31、令和9年3月31日と書いてください。",
                   "en": "write e.g. {example}, 2027/3/31 or 令和9年3月31日"},
    "date.not_a_date": {"ja": "「{value}」は日付ではありません。{reason}", "en": "'{value}' is not a date; {reason}"},
    # --- what a file's values should be (pydantic's error types and our validators) -------------------------
    "value.empty": {"ja": "空の値", "en": "nothing (an empty value)"},
    "value.empty_file": {"ja": "空のファイル", "en": "an empty file"},
    "value.true": {"ja": "真偽値true", "en": "true (a yes/no value)"},
    "value.false": {"ja": "真偽値false", "en": "false (a yes/no value)"},
    "value.number": {"ja": "数値{value}", "en": "the number {value}"},
    "value.datetime": {"ja": "日時「{value}」", "en": "a date and time '{value}'"},
    "value.date": {"ja": "日付{value}", "en": "the date {value}"},
    "value.text": {"ja": "「{value}」", "en": "'{value}'"},
    "validation.top_level": {"ja": "最上位はYAMLのマッピングである必要がありますが、{found}です。",
                             "en": "expected a YAML mapping at the top level, found {found}"},
    "validation.unknown_key": {"ja": "不明なキー「{key}」があります。", "en": "unknown key '{key}'"},
    "validation.allowed_keys.hint": {"ja": "ここで使えるキーは{keys}です。", "en": "allowed keys here: {keys}"},
    "validation.missing_key": {"ja": "必須のキー「{key}」がありません。", "en": "missing required key '{key}'"},
    "validation.required_keys.hint": {"ja": "ここで必須のキーは{keys}です。", "en": "required keys here: {keys}"},
    "validation.number_for_text": {"ja": "文字列が必要な所に数値{value}が書かれています。",
                                   "en": "expected text, got the number {value}"},
    "validation.number_for_text.hint": {"ja": "意図どおりに引用符で囲んでください（例：\"3.10\"、\"01\"）。"
                                              "引用符がないとYAMLは3.10を数値3.1、01を1と読みます。",
                                        "en": "put it in quotes exactly as you mean it, e.g. \"3.10\" or \"01\" "
                                              "(unquoted, YAML reads 3.10 as the number 3.1 and 01 as 1)"},
    "validation.one_of": {"ja": "{expected}のいずれかが必要な所に{got}が書かれています。",
                          "en": "expected {expected}, got {got}"},
    "validation.english_word.hint": {"ja": "「{word}」と書いてください（ファイルの形式は英語の語を使い、"
                                           "報告書では日本語で表示します）。",
                                     "en": "write '{word}' (the file format uses the English words; reports show "
                                           "them in Japanese)"},
    "validation.date": {"ja": "日付が必要な所に{got}が書かれています。", "en": "expected a date, got {got}"},
    "validation.date_without_time": {"ja": "時刻のない日付が必要な所に{got}が書かれています。",
                                     "en": "expected a date without a time, got {got}"},
    "validation.pattern": {"ja": "{got}は期待される形式ではありません。",
                           "en": "does not have the expected form, got {got}"},
    "validation.sha256.hint": {"ja": "SHA-256は16進数の小文字64桁です。「dibcyber evidence lock」が書き込みます。",
                               "en": "a SHA-256 is 64 lowercase hexadecimal digits; 'dibcyber evidence lock' writes "
                                     "it for you"},
    "validation.bound": {"ja": "{got}が書かれていますが、{bound}値が必要です。", "en": "must be {bound}, got {got}"},
    "expected.at_least": {"ja": "{limit}以上の", "en": "at least {limit}"},
    "expected.more_than": {"ja": "{limit}より大きい", "en": "more than {limit}"},
    "expected.at_most": {"ja": "{limit}以下の", "en": "at most {limit}"},
    "expected.less_than": {"ja": "{limit}未満の", "en": "less than {limit}"},
    "validation.expected": {"ja": "{expected}が必要な所に{got}が書かれています。", "en": "{expected}, got {got}"},
    "expected.text": {"ja": "文字列", "en": "expected text"},
    "expected.whole_number": {"ja": "整数", "en": "expected a whole number"},
    "expected.number": {"ja": "数値", "en": "expected a number"},
    "expected.bool": {"ja": "trueかfalse", "en": "expected true or false"},
    "expected.mapping": {"ja": "マッピング（字下げした「キー: 値」の行）",
                         "en": "expected a mapping (indented 'key: value' lines)"},
    "expected.list": {"ja": "リスト（「-」で始まる行）", "en": "expected a list (lines starting with '- ')"},
    "expected.not_empty": {"ja": "空でない値", "en": "must not be empty"},
    "expected.shorter": {"ja": "{max_length}文字以下の文字列", "en": "expected at most {max_length} characters"},
    "expected.fewer": {"ja": "{max_length}項目以下のリスト", "en": "expected at most {max_length} items"},
    "expected.one_of": {"ja": "{expected}のいずれか", "en": "expected {expected}"},
    "expected.more": {"ja": "必要な値", "en": "expected more values"},
    "validation.other": {"ja": "値が正しくありません。検証器の報告は「{detail}」です。", "en": "{detail}"},
    "validation.other_got": {"ja": "値が正しくありません（{got}）。pydanticの報告は「{detail}」です。",
                             "en": "{detail}, got {got}"},
    "model.text_language": {"ja": "テキストにはjaかenの少なくとも一方が必要です。",
                            "en": "a text needs at least one of 'ja' or 'en'"},
    "model.date_number": {"ja": "YYYY-MM-DDの形の日付が必要な所に数値{value}が書かれています。",
                          "en": "expected a date as YYYY-MM-DD, got the number {value}"},
    "model.assessment_date": {"ja": "評価日は{first}年から{last}年までの日付である必要がありますが、{value}です。",
                              "en": "expected an assessment date between {first} and {last}, got {value}"},
    "model.path_control": {"ja": "パスに制御文字（NULなど）が含まれています。通常の相対パスを書いてください。",
                           "en": "the path contains a control character (such as NUL); write a plain relative path"},
    "model.evidence_path_or_url": {"ja": "証跡にはpathとurlのどちらか一方だけが必要です。",
                                   "en": "evidence needs exactly one of 'path' or 'url'"},
    "model.verified_needs_value": {"ja": "statusがverifiedのofficial_refにはvalue（公式の段落）が必要です。",
                                   "en": "official_ref with status 'verified' needs a 'value' (the official "
                                         "paragraph)"},
    "model.catalog_twice": {"ja": "「catalogs」に同じカタログが2回挙げられています。",
                            "en": "a catalog is named twice in 'catalogs'"},
    "value.either": {"ja": "{items}、{last}", "en": "{items} or {last}"},
    "value.choice": {"ja": "「{value}」", "en": "{value}"},
    # --- questionnaire workbooks ----------------------------------------------------------------------------
    "xlsx.not_ours": {"ja": "このワークブックはdibcyberが作ったものではありません（dibcyberのメタデータシートがありま"
                            "せん）。",
                      "en": "this workbook was not made by dibcyber (it has no dibcyber metadata sheet)"},
    "xlsx.not_ours.hint": {"ja": "「dibcyber export xlsx」で質問票を出力するか、--force --into "
                                 "ANSWERSを付けて要件IDで取り込んでください。",
                           "en": "export a questionnaire with 'dibcyber export xlsx', or import this one by "
                                 "requirement ID with --force --into ANSWERS"},
    "xlsx.not_ours_needs_into": {"ja": "dibcyberが作っていないワークブックは、回答ファイルにしか取り込めません。",
                                 "en": "a workbook not made by dibcyber can only be imported into an answers file"},
    "xlsx.not_ours_needs_into.hint": {"ja": "--into ANSWERSを付けてください（そのプロファイルでIDを読み取ります）。",
                                      "en": "add --into ANSWERS (its profile decides how the IDs are read)"},
    "xlsx.unknown_format": {"ja": "質問票の形式「{format}」は不明です（このdibcyberが読むのは{expected}です）。",
                            "en": "unknown questionnaire format '{format}' (this dibcyber reads {expected})"},
    "xlsx.export_again.hint": {"ja": "このバージョンのdibcyberで質問票を出力し直してください。",
                               "en": "export the questionnaire again with this version of dibcyber"},
    "xlsx.other_profile": {"ja": "ワークブックはプロファイル「{workbook}」用で、回答ファイルは「{answers}」用です。",
                           "en": "the workbook is for profile '{workbook}', the answers file for '{answers}'"},
    "xlsx.other_profile.hint": {"ja": "同じプロファイルの回答ファイルに取り込むか、"
                                      "--forceを付けて要件IDで読み取ってください。",
                                "en": "import it into an answers file of the same profile, or use --force to read it "
                                      "by requirement ID"},
    "xlsx.made_from_catalog": {"ja": "カタログ「{catalog}」バージョン「{version}」",
                               "en": "catalog '{catalog}' version '{version}'"},
    "xlsx.made_from_texts": {"ja": "要件の文", "en": "requirement texts"},
    "xlsx.made_from_other": {"ja": "ワークブックの元になった{made}が、"
                                   "このdibcyberの「{catalog}」バージョン「{version}」（プロファイル「{profile}」）"
                                   "と異なります。",
                             "en": "the workbook was made from {made}, which differs from this dibcyber's "
                                   "'{catalog}' version '{version}' (profile '{profile}')"},
    "xlsx.made_from_other.hint": {"ja": "新しい質問票を出力するか、--forceを付けて回答を要件IDで読み取ってください。",
                                  "en": "export a fresh questionnaire, or use --force to read the answers by "
                                        "requirement ID"},
    "xlsx.not_a_finding": {"ja": "「{value}」は評価目標の判定ではありません。",
                           "en": "'{value}' is not an objective finding"},
    "xlsx.not_a_status": {"ja": "「{value}」は実施状況ではありません。", "en": "'{value}' is not a status"},
    "xlsx.not_a_partial_case": {"ja": "「{value}」は部分点の条件ではありません。",
                                "en": "'{value}' is not a partial case"},
    "xlsx.choose_one.hint": {"ja": "次から選んでください：{choices}", "en": "choose one of: {choices}"},
    "xlsx.profile_path": {"ja": "メタデータシートのプロファイルがプロファイル名ではありません（ワークブックはプロファ"
                                "イルをIDでしか指定できず、ファイルは指定できません）。",
                          "en": "the metadata sheet's profile is not a profile name (a workbook may only name a "
                                "profile by its ID, never a file)"},
    "xlsx.profile_path.hint": {"ja": "「dibcyber export xlsx」で質問票を出力し直すか、--force --into "
                                     "ANSWERSを付けて要件IDで取り込んでください。",
                               "en": "export the questionnaire again with 'dibcyber export xlsx', or import it by "
                                     "requirement ID with --force --into ANSWERS"},
    "xlsx.no_id_sheet": {"ja": "1行目に「ID」列のあるシートがありません。",
                         "en": "no sheet with an 'ID' column in its first row"},
    "xlsx.no_id_sheet.hint": {"ja": "要求事項のシートには見出し行が必要です。",
                              "en": "the requirements sheet needs its header row"},
    "xlsx.placeholder_name": {"ja": "会社名が新規回答ファイルの仮の値のままです。",
                              "en": "the company name is still the placeholder of a new answers file"},
    "xlsx.placeholder_name.hint": {"ja": "会社名を記入してください。", "en": "enter the company's name"},
    "xlsx.no_id_column": {"ja": "1行目に「ID」列がありません。", "en": "the first row has no 'ID' column"},
    "xlsx.no_id_column.hint": {"ja": "見出し行を編集しないでください。", "en": "do not edit the header row"},
    "xlsx.row_without_id": {"ja": "この行には回答がありますが、要件のIDがありません。",
                            "en": "this row has answers but no requirement ID"},
    "xlsx.row_without_id.hint": {"ja": "ID列を消したり移動したりしないでください。",
                                 "en": "do not clear or move the ID column"},
    "xlsx.twice": {"ja": "要件{id}が2回あります（{other}にもあります）。",
                   "en": "requirement '{id}' appears twice (also {other})"},
    "xlsx.twice.hint": {"ja": "1要件につき1行にしてください。", "en": "keep one row per requirement"},
    "xlsx.moved": {"ja": "ID「{id}」が行の項目名・要求事項と一致しません。ID列が編集・並べ替え・貼り付けされたため、"
                         "この行の回答は別の要件のものになります。",
                   "en": "the ID '{id}' does not belong to the texts of its row: the ID column was edited, sorted "
                         "apart from the texts, or pasted over, so this row's answers would go to another requirement"},
    "xlsx.moved.hint": {"ja": "IDを出力時のとおりに戻すか、"
                              "新しく出力した質問票に回答を写してください（--forceを付けるとIDのとおりに読み取ります）"
                              "。",
                        "en": "put the IDs back as exported (or copy the answers into a freshly exported "
                              "questionnaire); --force reads the rows by ID anyway"},
    "xlsx.date.hint": {"ja": "日付はYYYY-MM-DDの形で入力してください（例：{example}）。",
                       "en": "enter the date as YYYY-MM-DD, e.g. {example}"},
    "xlsx.odp_line": {"ja": "「{line}」は「ID: 値」の形ではありません。", "en": "'{line}' is not 'ID: value'"},
    "xlsx.odp_line.hint": {"ja": "1行に1件、「01: 値」の形で記入してください。",
                           "en": "write one parameter per line as '01: value'"},
    "xlsx.not_zip": {"ja": ".xlsxのワークブックではありません（ZIP形式ではありません）。",
                     "en": "not an .xlsx workbook (not a ZIP container)"},
    "xlsx.not_zip.hint": {"ja": "Excelで「Excelブック（*.xlsx）」として保存してください。"
                                ".xls及び.csvのファイルは読みません。",
                          "en": "save it in Excel as 'Excel Workbook (*.xlsx)'; .xls and .csv files are not read"},
    "xlsx.part_too_large": {"ja": "ワークブックの部品{part}に{size}の文字列があり、"
                                  "回答として扱える量を超えています（上限は1ファイルにつき{limit}）。",
                            "en": "workbook part {part} holds {size} of text, more than answers can (the limit is "
                                  "{limit} per file)"},
    "xlsx.raise.hint": {"ja": "正当なワークブックであれば{variable}を引き上げてください。",
                        "en": "if the workbook is genuine, raise {variable}"},
    "xlsx.no_workbook_part": {"ja": ".xlsxのワークブックではありません（xl/workbook.xmlがありません）。",
                              "en": "not an .xlsx workbook (no xl/workbook.xml)"},
    "xlsx.no_workbook_part.hint": {"ja": "Excelで「Excelブック（*.xlsx）」として保存してください。",
                                   "en": "save it in Excel as 'Excel Workbook (*.xlsx)'"},
    "xlsx.where_part": {"ja": "部品{part}", "en": "its part {part}"},
    "xlsx.where_structure": {"ja": "構造", "en": "its structure"},
    "xlsx.unreadable": {"ja": "ワークブックを読めません。{where}がExcelの書く形ではありません（{error}）。",
                        "en": "cannot read the workbook: {where} is not what Excel writes ({error})"},
    "xlsx.save_again.hint": {"ja": "ExcelかLibreOfficeで開き、.xlsxとして保存し直してください。",
                             "en": "open it in Excel or LibreOffice and save it again as .xlsx"},
    "xlsx.too_many_cells": {"ja": "ワークブックのセルが、dibcyberが読む上限（{limit:,}個）を超えています。",
                            "en": "the workbook has more cells than dibcyber reads ({limit:,})"},
    "xlsx.cell_too_long": {"ja": "セルに{length:,}文字あり、Excelのセルの上限（{limit:,}文字）を超えています。",
                           "en": "the cell holds {length:,} characters, more than a cell of Excel can ({limit:,})"},
    "xlsx.cell_too_long.hint": {"ja": "文を短くするか、ファイルを証跡として挙げてください。",
                                "en": "shorten the text, or cite a file as evidence"},
    "xlsx.sheet_unreadable": {"ja": "シート「{sheet}」を読めません。Excelの書く形ではありません（{error}）。",
                              "en": "cannot read sheet '{sheet}': it is not what Excel writes ({error})"},
    "xlsx.sheet_unreadable_part": {"ja": "シート「{sheet}」（部品{part}）を読めません。"
                                         "Excelの書く形ではありません（{error}）。",
                                   "en": "cannot read sheet '{sheet}' (part {part}): it is not what Excel writes "
                                         "({error})"},
    # --- scan results (XCCDF, ARF) --------------------------------------------------------------------------
    "xccdf.version_11": {"ja": "XCCDF 1.1の結果です。dibcyberが読むのはXCCDF 1.2です。",
                         "en": "XCCDF 1.1 results: dibcyber reads XCCDF 1.2"},
    "xccdf.version_11.hint": {"ja": "SCAP 1.2又は1.3のコンテンツでスキャンするか（OpenSCAPはデータストリームからXCCDF "
                                    "1.2の結果を書き出します）、OpenSCAPに付属するXSLT（xccdf_1.1_to_1.2.xsl）"
                                    "で結果を変換してください。",
                              "en": "scan with SCAP 1.2 or 1.3 content (OpenSCAP writes XCCDF 1.2 results from a "
                                    "data stream), or convert the results with the XSLT that OpenSCAP ships "
                                    "(xccdf_1.1_to_1.2.xsl)"},
    "xccdf.wrong_root": {"ja": "XCCDF 1.2の結果でもARFの報告でもありません。"
                               "ルート要素は名前空間{namespace}の{root}です。",
                         "en": "not XCCDF 1.2 results or an ARF report: the root element is {root} in the namespace "
                               "{namespace}"},
    "xccdf.wrong_root_no_namespace": {"ja": "XCCDF 1.2の結果でもARFの報告でもありません。"
                                            "ルート要素は名前空間のない{root}です。",
                                      "en": "not XCCDF 1.2 results or an ARF report: the root element is {root} "
                                            "without a namespace"},
    "xccdf.wrong_root.hint": {"ja": "「oscap xccdf "
                                    "eval」の--results又は--results-arfで書き出したファイルを指定してください。",
                              "en": "give the file written by oscap xccdf eval --results or --results-arf"},
    "xccdf.too_many_elements": {"ja": "XMLの要素が{limit:,}個を超えています。",
                                "en": "more than {limit:,} XML elements"},
    "xccdf.second_test_result": {"ja": "2つ目のテスト結果があります。"
                                       "dibcyberが取り込むのは1ファイルにつき1回のスキャン（TestResult1つ）です。",
                                 "en": "a second test result: dibcyber imports one scan (one TestResult) per file"},
    "xccdf.second_test_result.hint": {"ja": "スキャンごとに結果を別のファイルに書き出してください（「oscap xccdf eval "
                                            "--results」）。",
                                      "en": "write each scan's results to its own file (oscap xccdf eval --results)"},
    "xccdf.doctype": {"ja": "文書型宣言（DOCTYPE）は受け付けません。"
                            "数GBに展開される実体や他のファイルを読む実体を宣言できるためです。",
                      "en": "a document type declaration (DOCTYPE): refused, as it can declare entities that expand "
                            "to gigabytes or read other files"},
    "xccdf.doctype.hint": {"ja": "スキャン結果にDOCTYPEは不要です。OpenSCAPは書き出しません。",
                           "en": "scan results need no DOCTYPE; OpenSCAP writes none"},
    "xccdf.not_well_formed": {"ja": "XMLとして正しくありません。パーサの報告は「{reason}」です。",
                              "en": "not well-formed XML: {reason}"},
    "xccdf.not_well_formed.hint": {"ja": "スキャナが書き出したままの結果ファイルを指定してください。",
                                   "en": "give the results file as the scanner wrote it"},
    "xccdf.empty": {"ja": "空です。XMLの要素がありません。", "en": "empty: no XML element"},
    "xccdf.no_test_result": {"ja": "ファイルにテスト結果（XCCDFのTestResult）がありません。",
                             "en": "no test result (XCCDF TestResult) in the file"},
    "xccdf.no_test_result.benchmark_hint": {"ja": "結果ではなくベンチマーク又はデータストリームと思われます。「oscap "
                                                  "xccdf eval --results FILE」で評価してください。",
                                            "en": "this looks like a benchmark or data stream, not results: evaluate "
                                                  "it with oscap xccdf eval --results FILE"},
    "xccdf.no_test_result.arf_hint": {"ja": "ARFにXCCDFの報告が含まれていません。",
                                      "en": "the ARF holds no XCCDF report"},
    # --- evidence files -------------------------------------------------------------------------------------
    "evidence.unreadable": {"ja": "読み込めません（{reason}）。", "en": "cannot be read: {reason}"},
    "evidence.too_large": {"ja": "{size}あり、上限の{limit}を超えています（{variable}で引き上げられます）。",
                           "en": "{size}, over the limit of {limit} (raise it with {variable})"},
    "evidence.grew": {"ja": "読み込み中に上限の{limit}を超えました。",
                      "en": "grew over the limit of {limit} while read"},
    "evidence.not_lock_file": {"ja": "{format}のファイルではありません。", "en": "not a {format} file"},
    "evidence.control_character": {"ja": "パスに制御文字（NULなど）が含まれています。",
                                   "en": "its path contains a control character (such as NUL)"},
    "evidence.outside_repository": {"ja": "リポジトリ（{root}）の外にあります。",
                                    "en": "leaves the repository ({root})"},
    "evidence.cited_colon": {"ja": "{id}の証跡「{path}」：{why}", "en": "evidence '{path}' of {id}: {why}"},
    "evidence.cited": {"ja": "{id}の証跡「{path}」：{why}", "en": "evidence '{path}' of {id} {why}"},
    "evidence.outside.hint": {"ja": "リポジトリの中のファイルを、回答ファイルからの相対パスで挙げてください。",
                              "en": "cite files inside the repository, by a path relative to the answers file"},
    "limit.raise_variable.hint": {"ja": "正当なファイルであれば{variable}で上限を引き上げてください。",
                                  "en": "if the file is genuine, raise the limit with {variable}"},
    "git.names_no_file": {"ja": "「{spec}」はファイルを指定していません。", "en": "'{spec}' names no file"},
    "git.names_no_file.hint": {"ja": "git:REF:PATHと書いてください。", "en": "write git:REF:PATH"},
    "answers.more_unknown": {"ja": "… ほかにカタログ「{catalog}」にない要件のキーが{count}件あります。",
                             "en": "… and {count} more requirement keys unknown to catalog '{catalog}'"},
    "hint.one_of": {"ja": "次のいずれかを指定してください：{choices}", "en": "one of: {choices}"},
    "schema.unknown": {"ja": "スキーマ「{kind}」は不明です。", "en": "unknown schema '{kind}'"},
    # --- CI gates -------------------------------------------------------------------------------------------
    "ci.conformance_not_number": {"ja": "--min-conformance {item}：数値ではありません。",
                                  "en": "--min-conformance {item}: not a number"},
    "ci.conformance.hint": {"ja": "例えば0.9又はORG-GOV=1.0と指定してください。", "en": "e.g. 0.9 or ORG-GOV=1.0"},
    "ci.conformance_range": {"ja": "--min-conformance {item}：0から1までの比率を指定してください。",
                             "en": "--min-conformance {item}: a ratio between 0 and 1"},
    "ci.regression_needs_baseline": {"ja": "--fail-on regressionには--baselineが必要です。"
                                           "後退とは何かからの変化だからです。",
                                     "en": "--fail-on regression needs --baseline: a regression is a change from "
                                           "something"},
    "ci.example.hint": {"ja": "例えば次のとおりです。{example}", "en": "e.g. {example}"},
    "ci.baseline_no_revision": {"ja": "--baseline「{spec}」はリビジョンを指定していません。"
                                      "ブランチを与えるはずの変数がここでは空か未設定です。",
                                "en": "--baseline '{spec}' names no revision: the variable that should give the "
                                      "branch is empty or unset here"},
    "ci.baseline_variables": {"ja": "GitHub Actionsでは{github}（pull_requestイベントでだけ設定されます。fetch-depth: "
                                    "0で取得してください）、GitLab "
                                    "CIでは{gitlab}（マージリクエストのパイプラインでだけ設定されます。"
                                    "「{rule}」を加えてください）、pre-commitでは--baseline git:HEADです。",
                              "en": "GitHub Actions: {github} (set on pull_request events only; fetch with "
                                    "fetch-depth: 0); GitLab CI: {gitlab} (set in merge request pipelines only: add "
                                    "{rule}); pre-commit: --baseline git:HEAD"},
    "ci.baseline_file_many": {"ja": "--baseline FILEが比べるのは1つの回答ファイルですが、複数が指定されています。",
                              "en": "--baseline FILE compares one answers file; several were given"},
    "ci.baseline_file_many.hint": {"ja": "--baseline git:REFを使ってください。"
                                         "各ファイルをそのリビジョンの自分自身と比べます。",
                                   "en": "use --baseline git:REF: each file is compared with itself at that revision"},
    "xccdf.outside_repository": {"ja": "スキャン結果のファイルがリポジトリ（{root}）の外にあります。",
                                 "en": "the scan results file is outside the repository ({root})"},
    "xccdf.outside_repository.hint": {"ja": "証跡は回答ファイルと同じリポジトリに置きます。"
                                            "結果をリポジトリ内（例：evidence/scans/）にコピーし、"
                                            "そのコピーを取り込んでください。",
                                      "en": "evidence lives beside the answers: copy the results into the repository "
                                            "first, e.g. evidence/scans/, and import that copy"},
    # --- importing a questionnaire --------------------------------------------------------------------------
    "import.conflicts": {"ja": "{count}件の回答が衝突しています。"
                               "エクスポート後に{into}とワークブックの両方で変更されました：\n{lines}",
                         "en": "{count} conflicting answer(s): both {into} and the workbook changed them since "
                               "export:\n{lines}"},
    "import.conflict_line": {"ja": "  {requirement}：{detail}", "en": "  {requirement}: {detail}"},
    "import.conflict_field": {"ja": "{field}：ファイルは{ours}、ワークブックは{theirs}",
                              "en": "{field}: the file says {ours}, the workbook {theirs}"},
    "import.empty": {"ja": "（空欄）", "en": "(empty)"},
    "import.conflicts.hint": {"ja": "どちらを残すかを決めて一方を編集するか、"
                                    "--forceを付けてワークブックの回答を採ってください。",
                              "en": "decide which to keep and edit one side, or use --force to take the workbook's "
                                    "answers"},
    "import.answer_at.hint": {"ja": "回答ファイル側の回答は{place}から始まります。誤っている側を直してください。",
                              "en": "the answer in the file starts at {place}; correct whichever side is wrong"},
    "import.hint_and": {"ja": "{first}{second}", "en": "{first}; {second}"},
    # --- reports --------------------------------------------------------------------------------------------
    "report.messages_not_mapping": {"ja": "メッセージカタログはYAMLのマッピングである必要があります。",
                                    "en": "a message catalog must be a YAML mapping"},
    "report.no_template": {"ja": "テンプレート「{name}」がありません。", "en": "no template '{name}'"},
    "report.no_template.hint": {"ja": "--templatesのフォルダに用意するか、組み込みのテンプレートを使ってください。",
                                "en": "a --templates folder must provide it or leave it to the built-in one"},
    "report.pdf_extra": {"ja": "pdfエクストラをインストールしてください（dibcyberのクローンで「pip install "
                               "'.[pdf]'」、パッケージインデックスがあれば「pip install 'dibcyber[pdf]'」、"
                               "又はオフラインバンドルのwheel）。",
                         "en": "install the pdf extra: pip install '.[pdf]' in a clone of dibcyber, or pip install "
                               "'dibcyber[pdf]' where a package index serves it, or the offline bundle's wheels"},
    "report.print_route": {"ja": "何もインストールせずに、HTMLを書き出して（--format html -o report.html）"
                                 "ブラウザで開き、PDFとして印刷することもできます。",
                           "en": "or, without installing anything, write HTML (--format html -o report.html), open "
                                 "it in a browser and print it to PDF"},
    "report.pango_windows": {"ja": "MSYS2からPangoをインストールし（pacman -S mingw-w64-x86_64-pango）、"
                                   "WEASYPRINT_DLL_DIRECTORIESにそのbinフォルダ（例：C:\\msys64\\mingw64\\bin）"
                                   "を設定してください。",
                             "en": "install Pango from MSYS2 (pacman -S mingw-w64-x86_64-pango) and set "
                                   "WEASYPRINT_DLL_DIRECTORIES to its bin folder, e.g. C:\\msys64\\mingw64\\bin"},
    "report.pango_mac": {"ja": "HomebrewでPangoをインストールしてください（brew install pango）。",
                         "en": "install Pango with Homebrew (brew install pango)"},
    "report.pango_linux": {"ja": "Pangoをインストールしてください。DebianとUbuntuでは「apt-get install libpango-1.0-0 "
                                 "libpangoft2-1.0-0」（libharfbuzz-subset0があるとPDFが3〜4倍速くなります）、"
                                 "Fedoraでは「dnf install pango」です。",
                           "en": "install Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0 on Debian and "
                                 "Ubuntu (with libharfbuzz-subset0 for 3-4x faster PDFs), dnf install pango on Fedora"},
    "report.font_not_found": {"ja": "フォントファイルが見つかりません：{path}", "en": "font file not found: {path}"},
    "report.no_font": {"ja": "PDF出力用の日本語フォントが見つかりません。",
                       "en": "no Japanese font found for PDF output"},
    "report.no_font.hint": {"ja": "{extra}Debianのfonts-noto-cjk又はfonts-ipaexfontを使うか、"
                                  "--fontでフォントファイルを指定することもできます。",
                            "en": "{extra}; or Debian's fonts-noto-cjk or fonts-ipaexfont, or give a font file with "
                                  "--font"},
    "report.no_weasyprint": {"ja": "PDF出力にはWeasyPrintが必要ですが、インストールされていません（「{error}」）。",
                             "en": "PDF output needs WeasyPrint, which is not installed ({error})"},
    "report.no_pango": {"ja": "PDF出力にはPangoのテキストライブラリが必要ですが、"
                              "WeasyPrintが読み込めません（「{error}」）。",
                        "en": "PDF output needs the Pango text libraries, which WeasyPrint cannot load ({error})"},
    "report.two.hint": {"ja": "{first}{second}", "en": "{first}; {second}"},
    "report.three.hint": {"ja": "{first}{second}{third}", "en": "{first}; {second}; {third}"},
    "report.docx_extra": {"ja": "docxエクストラをインストールしてください（dibcyberのクローンで「pip install "
                                "'.[docx]'」、パッケージインデックスがあれば「pip install 'dibcyber[docx]'」）。",
                          "en": "install the docx extra: pip install '.[docx]' in a clone of dibcyber, or pip "
                                "install 'dibcyber[docx]' where a package index serves it"},
    "report.no_docx_pillow": {"ja": "DOCX出力にはpython-docxとPillowが必要ですが、"
                                    "インストールされていません（「{error}」）。",
                              "en": "DOCX output needs python-docx and Pillow, which are not installed ({error})"},
    "report.no_docx": {"ja": "DOCX出力にはpython-docxが必要ですが、インストールされていません（「{error}」）。",
                       "en": "DOCX output needs python-docx, which is not installed ({error})"},
    # --- the command line -----------------------------------------------------------------------------------
    "cli.family_needs_interactive": {"ja": "--familyは--interactiveで訪れる範囲を選ぶオプションです。",
                                     "en": "--family selects what --interactive visits"},
    "cli.family_needs_interactive.hint": {"ja": "--interactiveを付けるか、「dibcyber catalog "
                                                "show」でファミリを閲覧してください。",
                                          "en": "add --interactive, or use 'dibcyber catalog show' to browse a family"},
    "cli.batch_needs_out": {"ja": "--batchと--outは一緒に指定します。", "en": "--batch and --out go together"},
    "cli.batch_needs_out.hint": {"ja": "例えば「dibcyber report --batch suppliers/ --out "
                                       "reports/」と指定してください。",
                                 "en": "dibcyber report --batch suppliers/ --out reports/"},
    "cli.batch_not_o": {"ja": "--batchでは、-oでファイルではなく--outでフォルダを指定してください。",
                        "en": "with --batch, name the folder with --out, not a file with -o"},
    "cli.batch_document_number": {"ja": "1つの--document-numberで複数の報告書に番号を付けることはできません。",
                                  "en": "one --document-number cannot number many reports"},
    "cli.batch_document_number.hint": {"ja": "代わりに各回答ファイルに「document: number:」を書いてください。",
                                       "en": "give each answers file a document: number: instead"},
    "cli.one_answers_file": {"ja": "回答ファイルは1つだけ指定してください（{count}個が指定されています）。",
                             "en": "one answers file, not {count}"},
    "cli.one_answers_file.hint": {"ja": "複数のファイルには--batch --out DIRを使ってください。",
                                  "en": "use --batch --out DIR for many"},
    "output.suffixes.hint": {"ja": "{names}のいずれかのファイル名を使ってください。", "en": "use a {names} file name"},
    "output.suffixes_or_format.hint": {"ja": "{names}のいずれかのファイル名を使うか、--formatを指定してください。",
                                       "en": "use a {names} file name, or --format"},
    "output.name_a_file.hint": {"ja": "{option} {name}のようにファイルを指定してください。",
                                "en": "name a file with {option} {name}"},
    "cli.format_unknown": {"ja": "「{name}」から形式を判断できません。", "en": "cannot tell the format from '{name}'"},
    "cli.binary_stdout": {"ja": "{kind}ファイルは標準出力に書き出せません。",
                          "en": "a {kind} file cannot go to standard output"},
    "cli.no_answers_files": {"ja": "回答ファイルが見つかりません。", "en": "no answers files found"},
    "cli.no_answers_files.hint": {"ja": "ファイル、フォルダ又はglobパターンを指定してください。",
                                  "en": "name files, folders or glob patterns"},
    "cli.logo_type": {"ja": "PNG、JPEG、GIF、WebP、SVGのいずれのファイルでもありません。",
                      "en": "not a PNG, JPEG, GIF, WebP or SVG file"},
    "cli.table_terminal": {"ja": "表は端末に表示するためのものです。", "en": "the table is for the terminal"},
    "cli.table_terminal.hint": {"ja": "--formatでhtml、pdf、md、xlsx又はjsonを選んでください。",
                                "en": "choose --format html, pdf, md, xlsx or json"},
    "cli.as_of_not_date": {"ja": "--as-of {value}：日付ではありません。", "en": "--as-of {value}: not a date"},
    "cli.as_of_not_date.hint": {"ja": "YYYY-MM-DDの形で書いてください。", "en": "write YYYY-MM-DD"},
    "cli.export_needs_input": {"ja": "事前に記入する回答ファイルを指定するか、"
                                     "空の質問票には--profileを指定してください。",
                               "en": "name an answers file to pre-fill, or --profile for an empty questionnaire"},
    "cli.o_or_into": {"ja": "-o（新しい回答ファイル）と--into（統合）のどちらか一方を使ってください。",
                      "en": "use either -o (a new answers file) or --into (merge), not both"},
    "cli.into_or_o": {"ja": "--into ANSWERS（統合）か-o NEW（新しい回答ファイル）のどちらかを使ってください。",
                      "en": "use either --into ANSWERS (merge) or -o NEW (a new answers file)"},
    "cli.worklist_same_file": {"ja": "-oと--worklistが同じファイル（{path}）を指定しています。",
                               "en": "-o and --worklist name the same file ({path})"},
    "cli.worklist_same_file.hint": {"ja": "移行した回答と作業リストにはそれぞれ別のファイルが必要です。",
                                    "en": "the migrated answers and the worklist need a file each"},
    "cli.unknown_format": {"ja": "形式「{format}」は不明です。", "en": "unknown format '{format}'"},
    "cli.evidence_format.hint": {"ja": "csv、json又はmdを指定してください。", "en": "csv, json or md"},
    "catalog.no_requirement": {"ja": "カタログ「{catalog}」に要件「{id}」はありません。",
                               "en": "no requirement '{id}' in catalog '{catalog}'"},
    "write.exists": {"ja": "{path}は既にあるため上書きしません。", "en": "{path} exists; not overwriting it"},
    "write.use_force.hint": {"ja": "置き換えるには--forceを付けてください。", "en": "use --force to replace it"},
    "write.use_into_or_force.hint": {"ja": "統合するには--intoを、置き換えるには--forceを付けてください。",
                                     "en": "use --into to merge into it, or --force to replace it"},
    "write.cannot_create": {"ja": "{path}を作成できません（{reason}）。", "en": "cannot create {path}: {reason}"},
    "write.not_folder": {"ja": "{path}はフォルダではありません。", "en": "{path} is not a folder"},
    "write.also_input": {"ja": "{path}は入力でもあるため上書きしません。",
                         "en": "{path} is also an input; not overwriting it"},
    "write.also_input.hint": {"ja": "別の--outフォルダを使ってください。", "en": "use another --out folder"},
    "xlsx.rows_deleted": {"ja": "質問票から{count}件の要件の行が削除されているため、その回答は読み取りません："
                                "{ids}{more}",
                          "en": "{count} requirement row(s) were deleted from the workbook; nothing is read for "
                                "them: {ids}{more}"},
    "xlsx.rows_deleted_kept": {"ja": "質問票から{count}件の要件の行が削除されているため、{into}の回答は"
                                     "そのままにします：{ids}{more}",
                               "en": "{count} requirement row(s) were deleted from the workbook; their answers in "
                                     "{into} are left as they are: {ids}{more}"},
    "xlsx.na_without_reason": {"ja": "{cell}：{requirement}は「該当なし」ですが実施内容の説明に理由がないため、"
                                     "未実施として採点されます。",
                               "en": "{cell}: {requirement} is 'not applicable' without a reason in the Narrative: "
                                     "it is scored as not implemented"},
    "xlsx.read_foreign": {"ja": "dibcyberの質問票ではありません。ID列のあるシートを要件IDで読み取ります。",
                          "en": "not a dibcyber workbook: reading the sheet that has an ID column, by requirement ID"},
    "xlsx.read_other_profile": {"ja": "この質問票はプロファイル「{workbook}」用です。「{answers}」として要件IDで"
                                      "読み取ります。",
                                "en": "the workbook is for profile '{workbook}'; reading it by requirement ID for "
                                      "'{answers}'"},
    "xlsx.read_other_catalog": {"ja": "この質問票は{what}から作られています。回答は要件IDで読み取ります。",
                                "en": "the workbook was made from {what}; answers read by requirement ID"},
    "xlsx.at_cell": {"ja": "{cell}：{message}", "en": "{cell}: {message}"},
    "xlsx.external_links": {"ja": "この質問票は他のワークブックにリンクしています。リンクは無視し、たどりません。",
                            "en": "the workbook links to other workbooks; the links are ignored, never followed"},
    "xlsx.macros": {"ja": "この質問票にはマクロが含まれています。マクロは無視し、実行しません。",
                    "en": "the workbook contains macros; they are ignored, never run"},
    "batch.no_match": {"ja": "このパターンに一致するファイルはありません。", "en": "no file matches this pattern"},
    "batch.not_found": {"ja": "ファイル又はフォルダが見つかりません。", "en": "file or folder not found"},
    "portfolio.more_problems": {"ja": "ほかに同様の問題が{more}件あります（最初の{kept}件だけを記録しています）。",
                                "en": "… and {more} more problems like these (only the first {kept} are kept)"},
    "portfolio.internal": {"ja": "内部エラーです（{kind}）。dibcyberの不具合です。このファイルだけを--debugを付けて"
                                 "実行し、トレースバックを添えて報告してください。",
                           "en": "internal error: {kind} (a bug in dibcyber; run this file alone with --debug and "
                                 "report the traceback)"},
    "portfolio.unreadable": {"ja": "{total}個のファイルのうち{count}個を読めませんでした（上記及び出力に一覧があります"
                                   "）。",
                             "en": "{count} of {total} files could not be read (listed above and in the output)"},
    "portfolio.names_no_file.hint": {"ja": "git:REF:PATHと書くか、-oを使ってください。",
                                     "en": "write git:REF:PATH, or use -o"},
    "portfolio.not_json": {"ja": "ポートフォリオのJSONファイルではありません。JSONパーサの報告は「{reason}」です。",
                           "en": "not a portfolio JSON file: {reason}"},
    "portfolio.not_json.hint": {"ja": "「dibcyber portfolio --format json」の出力を使ってください。",
                                "en": "use the output of dibcyber portfolio --format json"},
    "interactive.long_line": {"ja": "標準入力：{limit:,}バイトを超える行があります。",
                              "en": "standard input: a line longer than {limit:,} bytes"},
    "interactive.long_line.hint": {"ja": "回答は1行ずつ入力してください。この行は何も保存していません。",
                                   "en": "answers are typed one line at a time; nothing of this line was saved"},
    "interactive.unknown_family": {"ja": "--family {families}：カタログ{catalog}にそのようなファミリはありません。",
                                   "en": "--family {families}: no such family in catalog {catalog}"},
    "interactive.families.hint": {"ja": "使えるファミリは{families}です。", "en": "families: {families}"},
    "interactive.end_of_input": {"ja": "入力が終わりました。{count}件の回答を{path}に保存しました。",
                                 "en": "standard input ended; {count} answers are saved in {path}"},
    "interactive.end_of_input.hint": {"ja": "同じコマンドをもう一度実行すると続きから回答できます。",
                                      "en": "run the same command again to go on"},
    "interactive.not_saved": {"ja": "保存していません：{reason}", "en": "not saved: {reason}"},
}
