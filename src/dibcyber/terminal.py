"""Rich terminal rendering for people. Machines use ``--format json|yaml`` instead."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.profile import Profile
from dibcyber.registry import Entry
from dibcyber.views import Filter

_L = {
    "ja": {"id": "ID", "title": "名称", "version": "版", "families": "分類", "requirements": "要件",
           "objectives": "評価目標", "odps": "ODP", "source": "所在", "family": "分類", "tags": "タグ",
           "weight": "DoD 配点", "catalogs": "カタログ", "scoring": "評価方法", "language": "言語",
           "statement": "要件文", "discussion": "解説", "mappings": "対応", "official_ref": "公式条番号",
           "unverified": "未確認", "selected": "対象要件", "gates": "既定のゲート", "shown": "件を表示",
           "withdrawn": "廃止", "shadow": "組み込みを置換"},
    "en": {"id": "ID", "title": "Title", "version": "Version", "families": "Families",
           "requirements": "Requirements", "objectives": "Objectives", "odps": "ODPs", "source": "Source",
           "family": "Family", "tags": "Tags", "weight": "DoD value", "catalogs": "Catalogs",
           "scoring": "Scoring", "language": "Language", "statement": "Statement", "discussion": "Discussion",
           "mappings": "Mappings", "official_ref": "Official ref.", "unverified": "unverified",
           "selected": "Selected requirements", "gates": "Default gates", "shown": "shown",
           "withdrawn": "Withdrawn", "shadow": "replaces built-in"},
}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def catalog_list(rows: list[dict[str, Any]], lang: Lang, shadowed: list[tuple[Entry, Entry]]) -> None:
    t = _L[lang]
    table = Table(show_lines=False)
    keys = ("id", "title", "families", "requirements", "objectives", "odps", "source")
    for key in keys:
        numeric = key in {"families", "requirements", "objectives", "odps"}
        table.add_column(t[key], justify="right" if numeric else "left", no_wrap=key != "title",
                         ratio=1 if key == "title" else None)
    for r in rows:
        table.add_row(*(escape(str(r[k])) for k in keys))
    con = _console()
    con.print(table)
    for old, new in shadowed:
        con.print(f"{new.kind} '{new.id}': {new.path} {t['shadow']} ({old.path})")


def _weight(req: Requirement) -> str:
    w = req.weight
    if w is None:
        return ""
    if w.value is None:
        return "—"
    return f"{w.value}/{w.partial_value}" if w.partial_value is not None else str(w.value)


def catalog_table(cat: Catalog, flt: Filter, lang: Lang) -> None:
    t = _L[lang]
    con = _console()
    con.print(f"[bold]{escape(cat.title.get(lang))}[/bold]  ({cat.id} {escape(cat.version)})")
    has_weight = any(r.weight for r in cat.requirements)
    shown = 0
    for fam in cat.families:
        reqs = [r for r in cat.requirements if r.family == fam.id and flt.keeps(cat, r)]
        if not reqs:
            continue
        table = Table(title=f"{fam.id} {fam.title.get(lang)}", title_justify="left", expand=False)
        table.add_column(t["id"], no_wrap=True)
        table.add_column(t["title"])
        table.add_column(t["objectives"], justify="right")
        if has_weight:
            table.add_column(t["weight"], justify="right")
        table.add_column(t["tags"])
        for r in reqs:
            row = [escape(r.id), escape(r.title.get(lang)), str(len(r.objectives) or len(r.odps) or "")]
            if has_weight:
                row.append(_weight(r))
            row.append(escape(", ".join(r.tags)))
            table.add_row(*row)
        shown += len(reqs)
        con.print(table)
    con.print(f"{shown}/{len(cat.requirements)} {t['shown']}")


def requirements_detail(cat: Catalog, flt: Filter, lang: Lang) -> None:
    t = _L[lang]
    con = _console()
    for r in cat.requirements:
        if not flt.keeps(cat, r):
            continue
        fam = cat.family_by_id[r.family]
        con.rule(f"[bold]{escape(r.id)}[/bold] {escape(r.title.get(lang))}")
        con.print(f"{t['family']}: {fam.id} {escape(fam.title.get(lang))}   {t['tags']}: {', '.join(r.tags)}")
        if r.aliases:
            con.print("aliases: " + escape(", ".join(r.aliases)))
        con.print(f"\n[bold]{t['statement']}[/bold]\n{escape(r.statement.get(lang))}")
        if r.objectives:
            con.print(f"\n[bold]{t['objectives']}[/bold]")
            for o in r.objectives:
                con.print(f"  {escape(o.id)}  {escape(o.text.get(lang))}")
        if r.odps:
            con.print(f"\n[bold]{t['odps']}[/bold]")
            for p in r.odps:
                desc = p.text.get(lang) if p.text else " | ".join(c.get(lang) for c in p.choices)
                con.print(f"  {escape(p.label or p.id)}  {escape(desc)}")
        if r.weight:
            con.print(f"\n{t['weight']}: {_weight(r)}  ({escape(r.weight.source)})")
        if r.mappings:
            maps = ", ".join(f"{m.catalog}:{m.id} ({m.relation})" for m in r.mappings)
            con.print(f"{t['mappings']}: " + escape(maps))
        if r.official_ref:
            ref = r.official_ref.value or t["unverified"]
            con.print(f"{t['official_ref']}: {escape(ref)}")
        if r.discussion:
            con.print(f"\n[bold]{t['discussion']}[/bold]\n{escape(r.discussion.get(lang))}")
        con.print()


def profile_list(rows: list[dict[str, Any]], lang: Lang) -> None:
    t = _L[lang]
    table = Table()
    for key in ("id", "title", "catalogs", "scoring", "language", "source"):
        table.add_column(t[key])
    for r in rows:
        table.add_row(r["id"], escape(r["title"]), ", ".join(r["catalogs"]), ", ".join(r["scoring"]),
                      r["language"], escape(r["source"]))
    _console().print(table)


def profile_detail(prof: Profile, cat: Catalog, selected: list[str], lang: Lang) -> None:
    t = _L[lang]
    con = _console()
    con.print(f"[bold]{escape(prof.title.get(lang))}[/bold]  ({prof.id})")
    if prof.description:
        con.print(escape(prof.description.get(lang)))
    con.print(f"{t['catalogs']}: {', '.join(prof.catalogs)}")
    con.print(f"{t['scoring']}: {', '.join(prof.scoring)}")
    con.print(f"{t['language']}: {prof.language}")
    con.print(f"{t['selected']}: {len(selected)}/{len(cat.requirements)}")
    gates = prof.gates.model_dump(exclude_defaults=True)
    if gates:
        con.print(f"{t['gates']}: " + ", ".join(f"{k}={v}" for k, v in gates.items()))
