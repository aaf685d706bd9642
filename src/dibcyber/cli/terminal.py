"""Rich terminal rendering for people. Machines use ``--format json|yaml`` instead."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from dibcyber.i18n import tables
from dibcyber.io.console import print_table
from dibcyber.io.registry import Entry
from dibcyber.models.base import Lang
from dibcyber.models.catalog import METHOD_KINDS, Catalog, Requirement
from dibcyber.models.profile import Profile

if TYPE_CHECKING:  # assess's summary needs neither the catalog views nor their models
    from dibcyber.engine.views import Filter

# rich.table is imported by the functions that draw one: the summary of `assess` draws its rows itself.

_L = tables.TERMINAL


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def catalog_list(rows: list[dict[str, Any]], lang: Lang, shadowed: list[tuple[Entry, Entry]]) -> None:
    from rich.table import Table

    t = _L[lang]
    table = Table(show_lines=False)
    con = _console()
    wide = con.width >= 110  # the counts of families, objectives and ODPs only where they fit
    keys = ("id", "short_title", "content_version", *(("families",) if wide else ()), "requirements",
            *(("objectives", "odps") if wide else ()), "source")
    for key in keys:
        numeric = key in {"families", "requirements", "objectives", "odps"}
        table.add_column(t[key], justify="right" if numeric else "left", no_wrap=key in ("id", "content_version"),
                         ratio=1 if key in ("short_title", "source") else None,
                         min_width=_id_width(rows) if key == "id" else 12 if key == "short_title" else None)
    for r in rows:
        table.add_row(*(escape("—" if r[k] is None else str(r[k])) for k in keys))
    print_table(con, table)
    for old, new in shadowed:
        con.print(f"{new.kind} '{new.id}': {new.path} {t['shadow']} ({old.path})")


def _id_width(rows: list[dict[str, Any]]) -> int:
    """IDs are typed into the next command: a narrow terminal squeezes other columns, never these."""
    return max((len(str(r["id"])) for r in rows), default=2)


def _weight(req: Requirement) -> str:
    w = req.weight
    if w is None:
        return ""
    if w.value is None:
        return "—"
    return f"{w.value}/{w.partial_value}" if w.partial_value is not None else str(w.value)


def catalog_table(cat: Catalog, flt: Filter, lang: Lang) -> None:
    from rich.table import Table

    t = _L[lang]
    con = _console()
    con.print(f"[bold]{escape(cat.title.get(lang))}[/bold]  ({cat.id} {escape(cat.version)})")
    has_weight = any(r.weight for r in cat.requirements)
    has_methods = any(r.methods for r in cat.requirements)
    shown = 0
    for fam in cat.families:
        reqs = [r for r in cat.requirements if r.family == fam.id and flt.keeps(cat, r)]
        if not reqs:
            continue
        table = Table(title=f"{fam.id} {fam.title.get(lang)}", title_justify="left", expand=False)
        table.add_column(t["id"], no_wrap=True)
        table.add_column(t["title"])
        table.add_column(t["objectives"], justify="right")
        if has_methods:
            table.add_column(t["methods_count"], justify="right", no_wrap=True)
        if has_weight:
            table.add_column(t["weight"], justify="right")
        table.add_column(t["tags"])
        for r in reqs:
            row = [escape(r.id), escape(r.title.get(lang)), str(len(r.objectives) or len(r.odps) or "")]
            if has_methods:
                m = r.methods
                row.append("/".join(str(len(m.of(k))) for k in METHOD_KINDS) if m and m.count() else "—")
            if has_weight:
                row.append(_weight(r))
            row.append(escape(", ".join(r.tags)))
            table.add_row(*row)
        shown += len(reqs)
        print_table(con, table)
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
        if r.methods:
            _methods_detail(con, r, lang)
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


def _methods_detail(con: Console, r: Requirement, lang: Lang) -> None:
    """What an assessor examines, whom they interview, what they test; a derived object names its source."""
    t = _L[lang]
    m = r.methods
    assert m is not None
    con.print(f"\n[bold]{t['methods']}[/bold]")
    for kind in METHOD_KINDS:
        objects = m.of(kind)
        if objects:
            con.print(f"  {t[kind]}:")
        for o in objects:
            src = o.source
            origin = f"  ({t['derived_from']} {src.catalog}:{src.id})" if src.basis == "derived" else ""
            con.print(f"    - {escape(o.get(lang))}{escape(origin)}")
    if m.note:
        con.print(f"  {escape(m.note.get(lang))}")


def profile_list(rows: list[dict[str, Any]], lang: Lang) -> None:
    from rich.table import Table

    t = _L[lang]
    table = Table()
    for key in ("id", "title", "catalogs", "scoring", "language", "source"):
        table.add_column(t[key], min_width=_id_width(rows) if key == "id" else None)
    for r in rows:
        table.add_row(r["id"], escape(r["title"]), ", ".join(r["catalogs"]), ", ".join(r["scoring"]),
                      r["language"], escape(r["source"]))
    print_table(_console(), table)


def profile_detail(prof: Profile, cat: Catalog, selected: list[str], lang: Lang) -> None:
    t = _L[lang]
    con = _console()
    con.print(f"[bold]{escape(prof.title.get(lang))}[/bold]  ({prof.id})")
    if prof.description:
        con.print(escape(prof.description.get(lang)))
    con.print(f"{t['catalogs']}: {', '.join(prof.catalogs)}")
    con.print(f"{t['scoring']}: {', '.join(prof.scoring)}")
    con.print(f"{t['language']}: {prof.language or '—'}")
    con.print(f"{t['selected']}: {len(selected)}/{len(cat.requirements)}")
    gates = prof.gates.model_dump(exclude_defaults=True)
    if gates:
        con.print(f"{t['gates']}: " + ", ".join(f"{k}={v}" for k, v in gates.items()))


# --- assessment summary ----------------------------------------------------------------------------

_S = tables.SUMMARY
_BAR = {"implemented": ("█", "green"), "partially_implemented": ("▓", "yellow"), "planned": ("▒", "yellow"),
        "not_implemented": ("░", "red"), "not_assessed": ("-", "bright_black"), "not_applicable": ("·", "blue")}


def _pct(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:.1f}%"


def _bar_cells(by_status: dict[str, int], width: int = 24) -> dict[str, int]:
    """A fixed-width bar: each status gets its share of cells (largest remainder), so rows line up."""
    total = sum(by_status.values())
    if not total:
        return dict.fromkeys(_BAR, 0)
    exact = {k: by_status.get(k, 0) * width / total for k in _BAR}
    cells = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - cells[k], reverse=True)[: width - sum(cells.values())]:
        cells[k] += 1
    return cells


def assessment_summary(result: Any, lang: Lang, top: int = 10) -> None:
    """What ``dibcyber assess`` prints: the scores, the families as bars, the top gaps and the warnings."""
    from dibcyber.models.result import Result

    assert isinstance(result, Result)
    s = _S[lang]
    con = _console()
    heading = f"{result.organization.name} — {result.profile_title.get(lang)}"
    if cell_len(heading) + 4 <= con.width:
        con.rule(f"[bold]{escape(heading)}[/bold]")
    else:  # a rule would cut the title with '…': the title whole, on its own line
        con.print(f"[bold]{escape(heading)}[/bold]")
    con.print(f"{s['date']}: {result.assessment.date.isoformat()}   {s['profile']}: {result.profile}")
    con.print(escape(result.catalog_title.get(lang)))
    _score_lines(con, result, lang, top)
    _family_table(con, result, lang)
    _gap_lines(con, result, lang, top)
    _warning_lines(con, result, lang, top)
    con.print(f"\n[bright_black]{s['json']}[/bright_black]")


def _score_lines(con: Any, result: Any, lang: Lang, top: int) -> None:
    s, conf = _S[lang], result.scores.conformance
    con.print(f"\n[bold]{s['conformance']}[/bold]: {_pct(conf.ratio)}  ({conf.implemented}/{conf.applicable})   "
              + "  ".join(f"{s[k]} {v}" for k, v in conf.by_status.items() if v))
    for key, part in (("org", conf.organizational), ("tech", conf.technical)):
        if part is not None:
            con.print(f"  {s[key]}: {_pct(part.ratio)} ({part.implemented}/{part.applicable})")
    sp = result.scores.sprs
    if sp is not None:
        value = str(sp.value) if sp.value is not None else f"[red]{s['no_score']}[/red]"
        con.print(f"[bold]{s['sprs']}[/bold]: {value}  ({sp.min} … {sp.max})")
        if sp.reason:
            con.print("  " + escape(sp.reason.get(lang)))
    cm = result.scores.cmmc
    if cm is not None:
        verdict = (f"[green]{s['final']}[/green]" if cm.final else
                   f"[green]{s['yes']}[/green]" if cm.conditional else f"[red]{s['no']}[/red]")
        con.print(f"[bold]{s['cmmc']}[/bold]: {verdict}")
        if cm.closeout_due:
            con.print(f"  {s['closeout']}: {cm.closeout_due.isoformat()}")
        _capped(con, [f"  [red]✗[/red] {escape(b.text.get(lang))}" for b in cm.blockers], top, s)
    cov = result.scores.coverage
    if cov is not None:
        con.print(f"[bold]{s['coverage']}[/bold]: {_pct(cov.ratio)} ({cov.requirements_met}/"
                  f"{cov.requirements_applicable}); {s['objectives']} {cov.objectives_met}/{cov.objectives_total}; "
                  f"{s['odps_all']} {cov.odps_defined}/{cov.odps_total}")
        if cov.undefined_odps:
            shown = ", ".join(cov.undefined_odps[:8])
            more = " " + s["more"].format(n=len(cov.undefined_odps) - 8) if len(cov.undefined_odps) > 8 else ""
            con.print(f"  {s['odps']}: {escape(shown)}{more}")
    ev = result.scores.evidence
    if ev is not None:
        con.print(f"[bold]{s['evidence']}[/bold]: {_pct(ev.ratio)} ({ev.covered}/{ev.implemented})   "
                  + "  ".join(f"{s['ev_' + k]} {v}" for k, v in ev.by_state.items() if v))


def _capped(con: Any, lines: list[str], top: int, s: dict[str, str]) -> None:
    for line in lines[:top]:
        con.print(line)
    if len(lines) > top:
        con.print("  " + s["more"].format(n=len(lines) - top))


def _family_table(con: Any, result: Any, lang: Lang) -> None:
    """One bar per family, laid out here rather than by rich's Table (which measured and rendered its 120
    cells in about 100 ms, a fifth of an ``assess``). A narrow terminal (under 80 columns, or too narrow for
    a catalog's long family IDs) drops the family titles and shortens the bars; IDs, counts and ratios are
    never cut. On a terminal a title too long for the width folds onto the next line; in a pipe or a file
    each row is one line."""
    s, conf, ev = _S[lang], result.scores.conformance, result.scores.evidence
    ev_family = {f.id: f for f in ev.families} if ev is not None else {}
    wide = con.width >= 80
    fixed = max((cell_len(c.id) for c in conf.categories), default=0) + 5 + 6 + 8
    bar_width = 24 if wide else max(6, min(24, con.width - fixed - 1))
    rows = []
    for c in conf.categories:
        fe = ev_family.get(c.id)
        rows.append(FamilyRow(c.id, c.title.get(lang) if wide else None, f"{c.implemented}/{c.applicable}",
                              c.by_status, _pct(c.ratio),
                              (f"{s['ev_locked']} {fe.covered}/{fe.implemented}" if fe else "")
                              if ev_family and wide else None))
    con.print(f"\n[bold]{s['by_family']}[/bold]")
    for line in _family_rows(rows, bar_width, con.width if con.is_terminal else None):
        con.print(line, soft_wrap=True)
    con.print("  ".join(f"[{colour}]{char}[/{colour}] {s[k]}" for k, (char, colour) in _BAR.items()))


class FamilyRow(NamedTuple):
    id: str
    title: str | None
    done: str
    by_status: dict[str, int]
    pct: str
    evidence: str | None


def _family_rows(rows: list[FamilyRow], bar_width: int, width: int | None) -> list[Text]:
    """The family rows as rich Text, never markup (a family ID or title from a user's catalog may hold
    '[' and ']'): a space, then columns two spaces apart, text left and numbers right-aligned by display
    cells (a kanji is two). With a ``width`` the titles fold to fit it, or are left out when even eight
    cells of title do not fit beside the other columns."""
    rows = [r._replace(id=" ".join(r.id.split()), title=None if r.title is None else " ".join(r.title.split()))
            for r in rows]  # a line break or tab in a catalog's text would split or shift the row

    def widest(values: Iterable[str | None]) -> int:
        return max((cell_len(v) for v in values if v is not None), default=0)

    wid, wcount, wpct = widest(r.id for r in rows), widest(r.done for r in rows), widest(r.pct for r in rows)
    wev, wtitle = widest(r.evidence for r in rows), widest(r.title for r in rows)
    if width is not None:
        def others() -> int:
            return 1 + wid + 2 + wcount + 2 + bar_width + 2 + wpct + (2 + wev if rows[0].evidence is not None else 0)

        if any(r.title is not None for r in rows) and others() + 2 + 8 <= width:
            # a title that does not fit takes cells from the bar first (down to 12), then folds
            bar_width = max(12, bar_width - max(0, others() + 2 + wtitle - width)) if bar_width > 12 else bar_width
            wtitle = min(wtitle, width - others() - 2)
        else:  # long IDs: no titles, then a shorter bar, then no evidence column; an ID is never cut
            rows = [r._replace(title=None) for r in rows]
            bar_width = max(6, bar_width - max(0, others() - width))
            if rows and others() > width:
                rows = [r._replace(evidence=None) for r in rows]
    out = []
    for r in rows:
        folds = _fold(r.title, wtitle) if r.title is not None else []
        line = Text(" " + r.id + " " * (wid - cell_len(r.id)))
        if folds:
            line.append("  " + folds[0] + " " * (wtitle - cell_len(folds[0])))
        line.append("  " + " " * (wcount - cell_len(r.done)) + r.done + "  ")
        cells = _bar_cells(r.by_status, bar_width)
        for key, (char, colour) in _BAR.items():
            if cells[key]:
                line.append(char * cells[key], style=colour)
        line.append("  " + " " * (wpct - cell_len(r.pct)) + r.pct)
        if r.evidence is not None:
            line.append("  " + " " * (wev - cell_len(r.evidence)) + r.evidence)
        out.append(line)
        out.extend(Text(" " + " " * wid + "  " + more) for more in folds[1:])
    return out


def _fold(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` display cells, as the questionnaire's texts are wrapped: an
    English word is not split (unless it alone is wider), Japanese breaks between characters but not
    before 、。 or small kana."""
    from dibcyber.engine.questionnaire import wrap

    need = cell_len(text)
    if need > width:  # lines of even length, not a full line and a stray character or two
        lines = -(-need // width)
        even = wrap(text, "", -(-need // lines) + 1)
        if len(even) == lines:
            width = max(cell_len(line) for line in even)
    out = []
    for line in wrap(text, "", width):
        rest = line
        while cell_len(rest) > width:  # one word wider than the column: cut it, as a last resort
            cut = next(i for i in range(len(rest), 0, -1) if cell_len(rest[:i]) <= width)
            out.append(rest[:cut])
            rest = rest[cut:]
        out.append(rest)
    return out


def _gap_lines(con: Any, result: Any, lang: Lang, top: int) -> None:
    if not result.gaps:
        return
    s = _S[lang]
    by_id = {r.id: r for r in result.requirements}
    con.print(f"\n[bold]{s['gaps']}[/bold]")
    for rid in result.gaps[:top]:
        r = by_id[rid]
        pts = f" −{r.deduction}{s['points']}" if r.deduction else ""
        due = f" → {r.target_date.isoformat()}" if r.target_date else ""
        owner = f" ({s['owner']}: {escape(r.owner)})" if r.owner else ""
        con.print(f"  [bold]{escape(r.id)}[/bold] {escape(r.title.get(lang))} — {s[r.status]}{pts}{due}{owner}")
        for reason in r.reasons:
            con.print(f"      {escape(reason.text.get(lang))}")
    if len(result.gaps) > top:
        con.print("  " + s["more"].format(n=len(result.gaps) - top))


def _warning_lines(con: Any, result: Any, lang: Lang, top: int) -> None:
    """Warnings, except that requirements not yet answered are one line, not one per objective."""
    s = _S[lang]
    untouched = {r.id for r in result.requirements if r.status == "not_assessed"}
    everything = [i for i in result.issues if i.level == "warning"]
    quiet = [i for i in everything if i.code == "objectives-incomplete" and i.requirement in untouched]
    warnings = [i for i in everything if i not in quiet]
    if everything:
        con.print(f"\n[bold yellow]{s['issues']}[/bold yellow] ({len(everything)})")
        _capped(con, [f"  ! {escape(i.text.get(lang))}" for i in warnings], top, s)
        if quiet:
            con.print("  ! " + s["untouched"].format(n=len(quiet)))


# --- check, diff, history, evidence ------------------------------------------------------------------


def check_summary(result: Any, outcomes: list[Any], lang: Lang) -> None:
    con = _console()
    conf = result.scores.conformance
    sp = result.scores.sprs
    facts = [f"{_S[lang]['conformance']} {_pct(conf.ratio)} ({conf.implemented}/{conf.applicable})"]
    if sp is not None:
        facts.append(f"{_S[lang]['sprs']} {sp.value if sp.value is not None else _S[lang]['no_score']}")
    con.print(f"[bold]{escape(result.organization.name)}[/bold] — {result.profile}: " + ", ".join(facts))
    options = "--min-sprs, --min-conformance, --require, --baseline, --evidence"
    if not outcomes:
        con.print(f"no gates given (see {options})" if lang == "en" else f"ゲートの指定がない（{options}）")
    by_id = {r.id: r for r in result.requirements}
    for o in outcomes:
        mark = "[green]✓[/green]" if o.passed else "[red]✗[/red]"
        con.print(f"{mark} {o.gate}: {escape(o.text.get(lang))}")
        if not o.passed:
            for rid in o.requirements[:15]:
                r = by_id.get(rid)
                label = f"{rid} {r.title.get(lang)} — {_S[lang][r.status]}" if r else rid
                con.print(f"    {escape(label)}")
            if len(o.requirements) > 15:
                con.print("    " + _S[lang]["more"].format(n=len(o.requirements) - 15))
    if outcomes:
        failed = sum(1 for o in outcomes if not o.passed)
        if failed:
            text = f"{failed} gate(s) failed" if lang == "en" else f"{failed}件のゲートが不合格"
            con.print(f"[red]{text}[/red]")
        else:
            con.print("[green]" + ("all gates passed" if lang == "en" else "全てのゲートに合格") + "[/green]")


def diff_text(comparison: Any, lang: Lang, markdown: bool) -> str:
    from dibcyber.exchange.markdown import md_escape

    def esc(value: Any) -> str:
        return md_escape(value) if markdown else ("" if value is None else str(value))

    def show(v: float | None, pct: bool) -> str:
        return "—" if v is None else (f"{v * 100:.1f}%" if pct else f"{v:g}")

    def delta(d: Any, pct: bool) -> str:
        if d is None or (d.before is None and d.after is None):
            return "—"
        change = ""
        if d.change is not None:
            sign = "+" if d.change >= 0 else ""
            change = f" ({sign}{d.change * 100:.1f} pt)" if pct else f" ({sign}{d.change:g})"
        return f"{show(d.before, pct)} → {show(d.after, pct)}{change}"

    lines = [f"{'## ' if markdown else ''}dibcyber diff: {esc(comparison.before)} → {esc(comparison.after)}", ""]
    lines.append(f"- SPRS: {delta(comparison.sprs, False)}")
    lines.append(f"- conformance: {delta(comparison.conformance, True)}")
    lines.append(f"- implemented: {delta(comparison.implemented, False)}")
    for kind, title in (("regressed", "Regressed"), ("improved", "Improved"), ("changed", "Changed"),
                        ("removed", "Removed"), ("added", "Added")):
        items = [c for c in comparison.changes if c.kind == kind]
        if not items:
            continue
        lines += ["", f"{'### ' if markdown else ''}{title} ({len(items)})"]
        for c in items:
            lines.append(f"- {esc(c.id)} {esc(c.title.get(lang))}: {c.before} → {c.after}")
    if not comparison.changes:
        lines += ["", "no requirement changed"]
    return "\n".join(lines) + "\n"


def history_text(points: list[Any], markdown: bool) -> str:
    from dibcyber.exchange.markdown import md_escape

    rows = ["| date | commit | SPRS | conformance | implemented | subject |", "|---|---|--:|--:|--:|---|"]
    for p in points:
        conf = "—" if p.conformance is None else f"{p.conformance * 100:.1f}%"
        sprs = "—" if p.sprs is None else str(p.sprs)
        subject = md_escape(p.error or p.subject) if markdown else (p.error or p.subject)
        implemented = "—" if p.implemented is None else p.implemented
        rows.append(f"| {p.date}{'' if p.date_source == 'assessment' else ' (commit)'} | {p.commit[:10]} | {sprs} | "
                    f"{conf} | {implemented} | {subject} |")
    return "\n".join(rows) + "\n"


_EVIDENCE = {
    "ja": {"title": "証跡（起点{root}）", "columns": ("要件", "ファイル又はURL", "sha256", "経過", "問題"),
           "not_fetched": "取得しない", "days": "日", "ok": "問題なし",
           "summary": "証跡{items}件のうち問題{problems}件",
           "kinds": {"missing": "ファイルがない", "changed": "記録後に変更された", "expired": "有効期限切れ",
                     "too-old": "古すぎる", "outside-root": "リポジトリの外", "not-a-file": "通常のファイルでない",
                     "too-large": "大きすぎる", "unreadable": "読めない"}},
    "en": {"title": "evidence (root {root})", "columns": ("requirement", "file or URL", "sha256", "age", "problems"),
           "not_fetched": "not fetched", "days": "d", "ok": "ok",
           "summary": "{problems} problem(s) in {items} evidence item(s)", "kinds": {}},
}


def evidence_table(report: Any, lang: Lang = "en") -> None:
    """The evidence check as a table, in the user's language; paths are never cut (see ``print_table``)."""
    from rich.table import Table

    words = _EVIDENCE["ja" if lang == "ja" else "en"]
    con = _console()
    table = Table(title=str(words["title"]).format(root=escape(report.root)), title_justify="left")
    for col in words["columns"]:
        table.add_column(col)
    kinds: dict[str, str] = words["kinds"]  # type: ignore[assignment]
    for i in report.items:
        problems = ", ".join(kinds.get(p, p) for p in i.problems) + (f" ({i.detail})" if i.detail else "")
        if i.problems and i.location:
            problems += f" — {i.location}"
        table.add_row(escape(i.requirement), escape(i.path or f"{i.url} ({words['not_fetched']})"),
                      (i.sha256 or "")[:12], "" if i.age_days is None else f"{i.age_days}{words['days']}",
                      f"[red]{escape(problems)}[/red]" if i.problems else f"[green]{words['ok']}[/green]")
    print_table(con, table)
    con.print(str(words["summary"]).format(problems=len(report.problems), items=len(report.items)))
