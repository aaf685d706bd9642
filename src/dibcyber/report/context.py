"""What a report shows, computed once from the result: rows, texts, charts. Templates only lay it out."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from dibcyber.models.base import Text
from dibcyber.models.result import RequirementResult, Result
from dibcyber.report import Options, charts
from dibcyber.report.messages import format_date, format_ratio, messages

TOP_GAPS = 5


@dataclass(frozen=True)
class _View:
    """The report's language and words, with the two ways every value is shown (text, date)."""

    result: Result
    m: dict[str, Any]
    lang: str

    def t(self, text: Text | None) -> str:
        return text.get(self.lang) if text else ""  # type: ignore[arg-type]

    def date(self, d: Any, era: bool = False) -> str:
        return format_date(self.m, d, era=era)

    @property
    def catalog(self) -> str:
        return self.t(self.result.catalog_short_title or self.result.catalog_title)


def build(result: Result, options: Options) -> dict[str, Any]:
    """Everything the templates show, from the result alone (and the options: language, marking, logo)."""
    v = _View(result, messages(options.lang, options.templates), options.lang)
    m, conf = v.m, result.scores.conformance
    rows = _rows(v)
    kind = options.kind
    return {
        "m": m, "lang": v.lang, "kind": kind,
        "title": m["kind"][kind], "subtitle": m["subtitle"][kind].format(catalog=v.catalog),
        "org": result.organization, "assessment": result.assessment,
        "date": v.date(result.assessment.date), "cover_date": v.date(result.assessment.date, era=True),
        "marking": options.marking if options.marking is not None else (result.assessment.marking or ""),
        **_logo(options), "sections": _sections(kind, result, rows),
        "document": _document(result, options, m, v.date),
        "profile": m["profile_fmt"].format(title=v.t(result.profile_title), id=result.profile),
        "catalog": v.catalog, "catalog_id": result.catalog,
        "catalog_version": v.t(result.catalog_version_text) or result.catalog_version,
        "generator": result.generator,
        "conformance": {
            "ratio": format_ratio(m, conf.ratio),
            "detail": m["score"]["conformance_detail"].format(
                total=conf.total, applicable=conf.applicable, implemented=conf.implemented,
                na=conf.by_status.get("not_applicable", 0)),
            "organizational": format_ratio(m, conf.organizational.ratio) if conf.organizational else None,
            "technical": format_ratio(m, conf.technical.ratio) if conf.technical else None,
            "by_status": [(m["status"][k], v_) for k, v_ in conf.by_status.items() if v_],
        },
        **_scores(v), "coverage": result.scores.coverage,
        "show_no_score_note": result.catalog.startswith("atla"),
        "summary": _summary(v, rows), "top_gaps": rows["gaps"][:TOP_GAPS], **rows,
        "families": _families(v),
        "issues": [v.t(i.text) for i in result.issues if i.level == "warning"],
        **_charts(v), "method": _method(v), "provenance": [v.t(n) for n in result.provenance_notes],
    }


def _row(v: _View, r: RequirementResult) -> dict[str, Any]:
    m, result, cmmc = v.m, v.result, v.result.scores.cmmc
    return {
        "id": r.id, "title": v.t(r.title), "status": r.status, "status_text": m["status"][r.status],
        "points": r.deduction or 0, "reasons": [v.t(x.text) for x in r.reasons], "owner": r.owner or "",
        "target": v.date(r.target_date), "target_iso": r.target_date.isoformat() if r.target_date else "",
        "measure": r.planned_measure or "", "narrative": r.narrative or "", "met": r.met,
        "overdue": bool(r.target_date and r.target_date < result.assessment.date and not r.met),
        "eligible": m["eligible"][r.cmmc_poam] if r.cmmc_poam else m["eligible"]["na"],
        "poam_ok": bool(cmmc and r.id in _poam_ids(result)),
        "evidence": [e.path or e.url or "" for e in r.evidence],
        "evidence_state": r.evidence_state,
        "evidence_state_text": m["evidence_state"][r.evidence_state] if r.evidence_state else "",
    }


def _rows(v: _View) -> dict[str, Any]:
    """The requirement lists: gaps (planned, unplanned), implemented, N/A, organisational, evidence."""
    result, m = v.result, v.m
    by_id = {r.id: r for r in result.requirements}
    gaps = [_row(v, by_id[g]) for g in result.gaps]
    # POA&M eligibility said once: the value most gaps share goes in a note above the table, and a row
    # shows its own only where it differs (it repeated 不可（2点以上） on nearly every row of an ATLA POA&M).
    eligible_common = ""
    if result.scores.sprs is not None and gaps:
        values = [g["eligible"] for g in gaps]
        eligible_common = max(dict.fromkeys(values), key=values.count)
    for g in gaps:
        g["eligible_note"] = "" if g["eligible"] == eligible_common else g["eligible"]
    return {
        "gaps": gaps, "eligible_common": eligible_common,
        "planned": sorted((g for g in gaps if g["target_iso"]), key=lambda g: (g["target_iso"], g["id"])),
        "unplanned": [g for g in gaps if not g["target_iso"]],
        # 'not applicable' with its reason is met, but it is no measure in place: it gets its own heading
        "implemented": [_row(v, r) for r in result.requirements if r.met and r.status != "not_applicable"],
        "not_applicable": [_row(v, r) for r in result.requirements if r.met and r.status == "not_applicable"],
        "organizational": [_row(v, r) for r in result.requirements if "organizational" in r.tags],
        "evidence": [
            {"id": r.id, "title": v.t(r.title), "ref": e.path or e.url or "", "label": e.title or "",
             "kind": m["evidence_url"] if e.url else m["evidence_file"],
             "state": m["evidence_state"][r.evidence_state] if r.evidence_state else ""}
            for r in result.requirements for e in r.evidence
        ],
    }


def _families(v: _View) -> list[dict[str, Any]]:
    ev = v.result.scores.evidence
    ev_family = {f.id: f for f in ev.families} if ev else {}
    return [
        {"id": c.id, "title": v.t(c.title), "implemented": c.implemented, "applicable": c.applicable,
         "ratio": format_ratio(v.m, c.ratio), "counts": c.by_status,
         "evidence": f"{ev_family[c.id].covered} / {ev_family[c.id].implemented}" if c.id in ev_family else ""}
        for c in v.result.scores.conformance.categories
    ]


def _charts(v: _View) -> dict[str, Any]:
    """What each chart shows (``chart_data``, drawn as PNG for DOCX by report/raster.py) and its SVG."""
    m, conf, sprs = v.m, v.result.scores.conformance, v.result.scores.sprs
    status_labels = {k: str(x) for k, x in m["status"].items()}
    family_rows = [(f"{c.id} {v.t(c.title)}", dict(c.by_status), format_ratio(m, c.ratio)) for c in conf.categories]
    gauge_title = (m["chart"]["gauge_title"].format(score=sprs.value) if sprs and sprs.value is not None
                   else m["chart"]["gauge_none"])
    data: dict[str, Any] = {
        "mix": (dict(conf.by_status), status_labels, m["chart"]["mix_title"]),
        "families": (family_rows, m["chart"]["families_title"]),
        "gauge": (sprs.value, gauge_title) if sprs else None,
    }
    return {"chart_data": data, "charts": {
        "mix": Markup(charts.status_bar(*data["mix"])),
        "families": Markup(charts.family_bars(*data["families"])),
        "gauge": Markup(charts.gauge(sprs.value, gauge_title)) if sprs else None,
    }}


def _summary(v: _View, rows: dict[str, Any]) -> list[str]:
    """The summary's sentences: what was assessed, what the gaps are (each status counted), evidence, scores."""
    result, m, conf = v.result, v.m, v.result.scores.conformance
    gaps = rows["gaps"]
    summary = [m["summary"]["lead"].format(
        organization=result.organization.name, date=v.date(result.assessment.date), catalog=v.catalog,
        applicable=conf.applicable, implemented=conf.implemented, ratio=format_ratio(m, conf.ratio))]
    if conf.not_counted:  # the counts above leave these out; the gap list below does not
        summary.append(m["summary"]["not_counted"].format(ids=", ".join(conf.not_counted)))
    if gaps:
        summary.append(m["summary"]["gaps"].format(gaps=len(gaps), planned=len(rows["planned"]),
                                                   breakdown=_breakdown(v, gaps)))
        if rows["unplanned"]:
            summary.append(m["summary"]["unplanned"].format(n=len(rows["unplanned"])))
    else:
        summary.append(m["summary"]["none"])
    return summary + _score_sentences(v)


def _breakdown(v: _View, gaps: list[dict[str, Any]]) -> str:
    """Say what the number of gaps counts: every status that is not 'implemented', each with its count."""
    m = v.m
    counts: dict[str, int] = {}
    for g in gaps:
        counts[g["status"]] = counts.get(g["status"], 0) + 1
    order = ("partially_implemented", "planned", "not_implemented", "not_assessed", "not_applicable")
    return str(m["summary"]["sep"]).join(
        m["summary"]["count"].format(n=counts[k], status=m["summary"]["na_unexplained"] if k == "not_applicable"
                                     else m["status"][k] if v.lang == "ja" else m["status"][k].lower())
        for k in order if counts.get(k))


def _score_sentences(v: _View) -> list[str]:
    result, m = v.result, v.m
    ev, sprs, cmmc = result.scores.evidence, result.scores.sprs, result.scores.cmmc
    out = []
    if ev is not None:
        out.append(m["summary"]["evidence"].format(covered=ev.covered, implemented=ev.implemented,
                                                   ratio=format_ratio(m, ev.ratio)))
        bad = [(k, ev.by_state[k]) for k in ("changed", "expired", "missing") if ev.by_state.get(k)]
        if bad:
            out.append(m["summary"]["evidence_problems"].format(items=m["summary"]["sep"].join(
                m["summary"]["count"].format(n=n, status=m["evidence_state"][k]) for k, n in bad)))
    if sprs is not None:
        key = "sprs_main" if result.catalog == "nist-800-171r2" else "sprs"
        out.append(m["summary"][key].format(score=sprs.value) if sprs.value is not None
                   else m["summary"]["sprs_none"])
    if cmmc is not None:
        out.append(m["summary"]["cmmc_yes"] if cmmc.conditional
                   else m["summary"]["cmmc_no"].format(n=len(cmmc.blockers)))
    return out


def _scores(v: _View) -> dict[str, Any]:
    """SPRS, CMMC and evidence coverage as the score tables show them."""
    m, sprs, cmmc, ev = v.m, v.result.scores.sprs, v.result.scores.cmmc, v.result.scores.evidence
    return {
        "sprs": None if sprs is None else {
            "value": str(sprs.value) if sprs.value is not None else m["score"]["sprs_none"],
            "reason": v.t(sprs.reason),
            "deductions": [{"id": d.id, "points": d.points, "reason": v.t(d.reason.text)} for d in sprs.deductions],
        },
        "cmmc": None if cmmc is None else {
            "verdict": m["score"]["cmmc_final"] if cmmc.final else
            m["score"]["cmmc_yes"] if cmmc.conditional else m["score"]["cmmc_no"],
            "ok": cmmc.conditional, "blockers": [v.t(b.text) for b in cmmc.blockers],
            "closeout": m["score"]["closeout"].format(date=v.date(cmmc.closeout_due)) if cmmc.closeout_due else "",
            "closeout_date": v.date(cmmc.closeout_due),
        },
        "evidence_coverage": None if ev is None else {
            "ratio": format_ratio(m, ev.ratio), "covered": ev.covered, "implemented": ev.implemented,
            "states": [m["summary"]["count"].format(status=m["evidence_state"][k], n=n)
                       for k, n in ev.by_state.items() if n]},
    }


def _method(v: _View) -> list[str]:
    m, result = v.m, v.result
    return ([m["method"]["text"],
             m["method"]["catalog"].format(catalog=v.catalog,
                                           version=v.t(result.catalog_version_text) or result.catalog_version),
             m["method"]["profile"].format(profile=result.profile)]
            + ([m["method"]["sprs"]] if result.scores.sprs else [])
            + ([m["method"]["cmmc"]] if result.scores.cmmc else []))


def _logo(options: Options) -> dict[str, Any]:
    logo = None
    if options.logo and options.logo_type:
        logo = f"data:{options.logo_type};base64,{base64.b64encode(options.logo).decode('ascii')}"
    return {"logo": logo, "logo_bytes": options.logo, "logo_type": options.logo_type}


def _sections(kind: str, result: Result, rows: dict[str, Any]) -> list[str]:
    return {
        "gap": ["summary", "scores", "families", "gaps", *(["organizational"] if rows["organizational"] else []),
                *(["evidence"] if rows["evidence"] else []),
                *(["issues"] if any(i.level == "warning" for i in result.issues) else []), "method"],
        "plan": ["summary", "planned", *(["unplanned"] if rows["unplanned"] else []), "implemented",
                 *(["not_applicable"] if rows["not_applicable"] else []), "method"],
        "poam": ["summary", "poam", "method"],
        "evidence-request": [],  # by family, from the list itself (report/request_render.py)
    }[kind]


def _document(result: Result, options: Options, m: dict[str, Any], date: Any) -> dict[str, Any]:
    """Document control: number, firm, revision history and approval block, from the options and the
    answers file's ``document`` block. Without a history, one row: the first issue on the assessment date
    by the assessor; without approvals, the catalog's roles (作成, 確認, 承認) with empty boxes to sign."""
    given = result.document
    revisions = [{"rev": r.rev, "date": date(r.date), "description": r.description or "", "author": r.author or ""}
                 for r in (given.revisions if given else [])]
    if not revisions:
        revisions = [{"rev": str(m["document"]["first_rev"]), "date": date(result.assessment.date),
                      "description": m["document"]["first_issue"], "author": result.assessment.assessor or ""}]
    approvals = [{"role": a.role, "name": a.name or "", "date": date(a.date)}
                 for a in (given.approvals if given else [])]
    if not approvals:
        approvals = [{"role": str(role), "name": "", "date": ""} for role in m["document"]["roles"]]
    return {
        "number": options.document_number or (given.number if given else None) or "",
        "firm": options.firm or (given.firm if given else None) or "",
        "revisions": revisions, "approvals": approvals,
    }


def _poam_ids(result: Result) -> set[str]:
    cm = result.scores.cmmc
    if cm is None:
        return set()
    ids = set(cm.poam)
    return {r.id for r in result.requirements if set(r.nist_ids) & ids} | ids
