"""``dibcyber assess ANSWERS --interactive``: answer requirements one by one at the terminal.

Every answer is saved at once, atomically (the file is always either the old or the new version), into
the same YAML document with its comments, order and quoting kept. Before each write the file on disk is
compared with what was last read or written: if someone else changed it, nothing is written. The session
can be interrupted at any point (Ctrl-C, a closed terminal, a killed process) and resumed later: by
default it visits only requirements that have no answer yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from dibcyber import pipeline
from dibcyber.checks import selected
from dibcyber.errors import InvalidInputError, Problem
from dibcyber.loading import validate_data
from dibcyber.models.answers import PARTIAL_CREDIT, Answers
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.registry import Registry
from dibcyber.scoring import MET, evaluate, objective_key, resolve, rev2_id
from dibcyber.yamlio import EditableYaml, dotted, parse, set_key

_M = {
    "ja": {
        "status": "状況 [1]実施済み [2]一部実施 [3]計画中 [4]未実施 [5]該当なし [o]評価目標ごと "
                  "[Enter]次へ [q]終了",
        "objective": "  [m]達成 [n]未達 [x]該当なし [Enter]未回答",
        "narrative": "説明", "evidence": "証跡（ファイル又は URL、カンマ区切り）", "owner": "担当者",
        "measure": "予定する措置", "target": "目標日 (YYYY-MM-DD)",
        "bad_date": "日付は YYYY-MM-DD で入力してください。",
        "keep": "Enter で現在の値を維持", "saved": "保存しました", "done": "{n} 件を保存しました: {file}",
        "nothing": "回答が必要な要件はありません。", "progress": "{i}/{n}", "interrupted":
        "中断しました。{n} 件の回答は保存済みです: {file}", "odp": "ODP の値", "statement": "要件",
        "objectives": "評価目標", "current": "現在の回答", "bad": "1〜5、o、q 又は Enter で答えてください。",
        "partial": "DoD評価方法論の部分点の条件（{case}）に当たるか [y/N]",
        "mfa_remote_and_privileged_only": "多要素認証はリモートアクセス及び特権ユーザのみで、一般ユーザにはない",
        "encryption_not_fips_validated": "暗号化しているが、FIPS認証済みの暗号モジュールではない",
    },
    "en": {
        "status": "Status [1]implemented [2]partially [3]planned [4]not implemented [5]N/A [o]by objective "
                  "[Enter]next [q]quit",
        "objective": "  [m]met [n]not met [x]N/A [Enter]unanswered",
        "narrative": "Narrative", "evidence": "Evidence (files or URLs, comma-separated)", "owner": "Owner",
        "measure": "Planned measure", "target": "Target date (YYYY-MM-DD)", "bad_date": "Please type a date as "
        "YYYY-MM-DD.", "keep": "Enter keeps the current value", "saved": "saved",
        "done": "{n} answers saved in {file}", "nothing": "No requirement needs an answer.", "progress": "{i}/{n}",
        "interrupted": "Interrupted. {n} answers are saved in {file}.", "odp": "ODP value", "statement":
        "Statement", "objectives": "Objectives", "current": "current answer", "bad": "Answer 1-5, o, q or Enter.",
        "partial": "Is this the DoD methodology's partial case ({case})? [y/N]",
        "mfa_remote_and_privileged_only": "MFA for remote and privileged users only, not for general users",
        "encryption_not_fips_validated": "encryption employed, but not FIPS-validated",
    },
}
_STATUS = {"1": "implemented", "2": "partially_implemented", "3": "planned", "4": "not_implemented",
           "5": "not_applicable"}
_FINDING = {"m": "met", "n": "not_met", "x": "not_applicable"}


class Quit(Exception):
    """The user asked to stop."""


@dataclass
class Session:
    path: Path
    registry: Registry
    lang: Lang | None = None
    profile: str | None = None
    revisit: bool = False
    families: tuple[str, ...] = ()
    default_lang: Lang = "en"
    ask: Callable[[str], str] = input
    console: Console = field(default_factory=lambda: Console(highlight=False))
    saved: int = 0
    _own: Catalog | None = None

    def run(self) -> int:
        loaded = pipeline.load_answers(self.path)
        prof = pipeline.profile_for(self.registry, loaded, self.profile)
        catalog = self.registry.catalog(prof.catalog)
        self._own = pipeline.own_catalog(self.registry, loaded, self.profile)
        lang: Lang = self.lang or prof.language or self.default_lang
        m = _M[lang]
        resolved = pipeline.resolve_answers(loaded, catalog, self._own)
        keys = {rid: key for rid, (key, _) in resolved.answers.items()}
        todo = []
        for rid in selected(prof, catalog):
            req = catalog.by_id[rid]
            fam = catalog.family_by_id[req.family]
            if self.families and not {req.family, fam.abbrev or ""} & set(self.families):
                continue
            answer = resolved.answers.get(rid, (rid, None))[1]
            if self.revisit or evaluate(req, answer)[0] == "not_assessed":
                todo.append(req)
        if not todo:
            self.console.print(m["nothing"])
            return 0
        editable = EditableYaml.open(self.path)
        doc = editable.doc
        try:
            for i, req in enumerate(todo, 1):
                answer = resolved.answers.get(req.id, (req.id, None))[1]
                self._show(catalog, req, lang, m["progress"].format(i=i, n=len(todo)), answer)
                fields = self._ask(req, lang, answer)
                if fields is None:
                    continue
                key = keys.get(req.id, req.id)
                _apply(doc, catalog, key, req, fields)
                self._save(editable, catalog)
                keys[req.id] = key
                self.saved += 1
                self.console.print(f"[green]✓ {m['saved']}[/green] ({req.id})")
        except Quit:
            pass
        except (KeyboardInterrupt, EOFError):
            self.console.print("\n" + m["interrupted"].format(n=self.saved, file=self.path))
            raise KeyboardInterrupt from None
        self.console.print(m["done"].format(n=self.saved, file=self.path))
        return self.saved

    # --- screen ---------------------------------------------------------------------------------

    def _show(self, catalog: Catalog, req: Requirement, lang: Lang, progress: str, answer: Any) -> None:
        m = _M[lang]
        fam = catalog.family_by_id[req.family]
        self.console.rule(f"[bold]{escape(req.id)}[/bold] {escape(req.title.get(lang))}  "
                          f"({escape(fam.title.get(lang))}, {progress})")
        self.console.print(f"[bold]{m['statement']}[/bold]: {escape(req.statement.get(lang))}")
        if req.objectives:
            self.console.print(f"[bold]{m['objectives']}[/bold]:")
            for o in req.objectives:
                self.console.print(f"  {escape(objective_key(req.id, o.id))}: {escape(o.text.get(lang))}")
        if answer is not None and (answer.status or answer.objectives):
            found = ", ".join(f"{k}: {v or '—'}" for k, v in answer.objectives.items())
            current = " ".join(x for x in (answer.status or "", f"({found})" if found else "") if x)
            self.console.print(f"{m['current']}: {escape(current)}")

    def _line(self, prompt: str, current: str | None = None) -> str:
        suffix = f" [{current}]" if current else ""
        value = self.ask(f"{prompt}{suffix}: ").strip()
        return value or (current or "")

    def _ask(self, req: Requirement, lang: Lang, answer: Any) -> dict[str, Any] | None:
        m = _M[lang]
        while True:
            choice = self.ask(m["status"] + "\n> ").strip().lower()
            if choice == "q":
                raise Quit
            if choice == "":
                return None
            if choice in _STATUS or (choice == "o" and req.objectives):
                break
            self.console.print(m["bad"])
        fields: dict[str, Any] = {}
        status: str
        if choice == "o":
            findings: dict[str, str | None] = {}
            for o in req.objectives:
                k = objective_key(req.id, o.id)
                value = self.ask(f"{k}: {o.text.get(lang)}\n{m['objective']} > ").strip().lower()
                findings[k] = _FINDING.get(value)
            fields["status"] = None
            fields["objectives"] = findings
            probe = Answers.model_validate({
                "format": "dibcyber/answers@1", "profile": "x", "organization": {"name": "x"},
                "assessment": {"date": "2000-01-01"}, "requirements": {req.id: {"objectives": findings}}})
            status = evaluate(req, probe.requirements[req.id])[0]
        else:
            status = _STATUS[choice]
            fields["status"] = status
            if answer is not None and answer.objectives:
                fields["objectives"] = None  # a status chosen now replaces the earlier objective findings
        case = PARTIAL_CREDIT.get(rev2_id(req) or "")
        if case:  # recorded, never assumed: the methodology's partial case must be stated (DoD AM 5.e)
            partial = None
            if status == "partially_implemented" and choice != "o":
                yes = self.ask(m["partial"].format(case=m[case]) + " > ").strip().lower() in ("y", "yes", "はい")
                partial = case if yes else None
            if partial or (answer is not None and answer.partial_credit):
                fields["partial_credit"] = partial
        for p in req.odps:
            label = p.label or p.id
            desc = p.text.get(lang) if p.text else " | ".join(c.get(lang) for c in p.choices)
            value = self._line(f"{m['odp']} {label} ({desc})")
            if value:
                fields.setdefault("odp_values", {})[p.id] = value
        cur = answer if answer is not None else None
        fields["narrative"] = self._line(m["narrative"], cur.narrative if cur else None) or None
        ev = self._line(m["evidence"])
        if ev:
            fields["evidence"] = [{"url": e} if "://" in e else {"path": e}
                                  for e in (x.strip() for x in ev.split(",")) if e]
        fields["owner"] = self._line(m["owner"], cur.owner if cur else None) or None
        if status not in MET:
            fields["planned_measure"] = self._line(m["measure"], cur.planned_measure if cur else None) or None
            while True:
                current = cur.target_date.isoformat() if cur and cur.target_date else None
                value = self._line(m["target"], current)
                if not value:
                    fields["target_date"] = None
                    break
                try:
                    fields["target_date"] = dt.date.fromisoformat(value)
                    break
                except ValueError:
                    self.console.print(m["bad_date"])
        return fields

    # --- file -----------------------------------------------------------------------------------

    def _save(self, editable: EditableYaml, catalog: Catalog) -> None:
        text = editable.render()
        answers = validate_data(parse(text, str(self.path)), Answers, text, str(self.path))
        _, errors = resolve(catalog, answers, self._own)
        if errors:  # never write a file that would not load; the message names the answer, not the file
            raise InvalidInputError([Problem(f"not saved: {e.message}", path=dotted(e.loc), hint=e.hint)
                                     for e in errors])
        editable.save(text)


def _apply(doc: Any, catalog: Catalog, key: str, req: Requirement, fields: dict[str, Any]) -> None:
    """Write ``fields`` into the requirement's node, in place, keeping comments and key order."""
    reqs = doc.get("requirements")
    if not isinstance(reqs, dict):
        reqs = CommentedMap()
        doc["requirements"] = reqs
    node = reqs.get(key)
    previous: str | None = None
    if not isinstance(node, dict):
        node = CommentedMap()
        if key in reqs:
            reqs[key] = node
        else:
            order = [r.id for r in catalog.requirements]
            later = {r: i for i, r in enumerate(order)}
            pos = len(reqs)
            for i, existing in enumerate(reqs):
                if later.get(catalog.alias_index.get(existing, existing), -1) > later[req.id]:
                    pos = i
                    break
            reqs.insert(pos, key, node)
            previous = list(reqs)[pos - 1] if pos > 0 else None
    for name, value in fields.items():
        if name == "objectives" and value is None:
            node.pop("objectives", None)
        elif name in ("objectives", "odp_values"):
            target = node.get(name)
            if not isinstance(target, dict):
                target = CommentedMap()
                set_key(node, name, target)
            for k, v in value.items():
                set_key(target, k, v)
        elif name == "evidence":
            seq = node.get("evidence")
            if not isinstance(seq, list):
                seq = CommentedSeq()
                set_key(node, "evidence", seq)
            for item in value:
                seq.append(CommentedMap(item))
        elif value is None and name not in node:
            continue
        else:
            set_key(node, name, value)
    if previous is not None:
        _move_trailing_comment(reqs, previous, node)


def _move_trailing_comment(parent: Any, previous: str, node: Any) -> None:
    """Comments above the next entry belong to the end of the previous one in ruamel's model; after
    inserting ``node`` behind ``previous``, move them behind ``node`` so they stay above the entry
    they describe."""
    holder, slot = parent, previous
    prev = parent[previous]
    if isinstance(prev, dict) and len(prev):
        holder, slot = prev, list(prev)[-1]
    items = getattr(holder, "ca", None)
    token = items.items.pop(slot, None) if items is not None else None
    if token and len(node):
        node.ca.items[list(node)[-1]] = token
    elif token:
        holder.ca.items[slot] = token
