"""The assessment as NIST OSCAL 1.x JSON: assessment results and a plan of action and milestones.

Pure functions from the ``Result`` to two JSON documents. Every UUID is derived from content (UUID v5 of
the organisation, assessment date, profile and the item), and every timestamp from the assessment date,
never the clock: the same answers give the same bytes, and a re-export diffs cleanly.

Control IDs: OSCAL needs a token (a letter first). Rev.3 requirements use NIST's own OSCAL control IDs
(``SP_800_171_03.01.01``, as in NIST's published Rev.3 catalog). NIST publishes no OSCAL catalog of Rev.2
and ATLA none of its standard, so those use ``<catalog>_<id>`` (``nist-800-171r2_3.1.1``,
``atla-2022_SYS-3.1.1``) with the plain ID in a ``label`` property.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import quote

from dibcyber import __version__
from dibcyber.i18n import tables
from dibcyber.models.base import Lang
from dibcyber.models.result import RequirementResult, Result

OSCAL_VERSION = "1.2.3"
NS = "urn:dibcyber:oscal"
"""Namespace of dibcyber's own properties (status, SPRS points, CMMC POA&M eligibility)."""
_ROOT = uuid.UUID("6f1c0b1e-4b7a-5d0e-9a55-6469626379be")  # fixed: dibcyber's namespace for content UUIDs

_WORDS = tables.OSCAL


def control_id(catalog: str, requirement: str) -> str:
    if catalog == "nist-800-171r3":
        return f"SP_800_171_{requirement}"
    return _token(f"{catalog}_{requirement}")


def _token(text: str) -> str:
    out = re.sub(r"[^\w.\-]", "_", text)
    return out if re.match(r"[^\W\d]", out) else f"_{out}"


class _Ids:
    def __init__(self, result: Result) -> None:
        self.base = uuid.uuid5(_ROOT, json.dumps([result.organization.name, result.assessment.date.isoformat(),
                                                  result.profile, result.catalog], ensure_ascii=False))

    def __call__(self, *parts: str) -> str:
        return str(uuid.uuid5(self.base, "/".join(parts)))


def _stamp(result: Result) -> str:
    return f"{result.assessment.date.isoformat()}T00:00:00Z"


def _metadata(result: Result, ids: _Ids, title: str, lang: Lang) -> dict[str, Any]:
    return {
        "title": f"{title}: {result.organization.name}",
        "last-modified": _stamp(result),
        "version": result.assessment.date.isoformat(),
        "oscal-version": OSCAL_VERSION,
        "props": [{"name": "generator", "ns": NS, "value": f"dibcyber {__version__}"},
                  {"name": "profile", "ns": NS, "value": result.profile},
                  {"name": "catalog", "ns": NS, "value": f"{result.catalog} {result.catalog_version}"}],
        "parties": [{"uuid": ids("party"), "type": "organization", "name": result.organization.name,
                     "remarks": _WORDS[lang]["party"]}],
    }


# what a URL may hold as it is (RFC 3986 reserved characters and '%' of escapes already there); spaces and
# non-ASCII characters are percent-encoded, or the href is no uri-reference
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _evidence(result: Result, ids: _Ids) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Each cited file or URL once, as a back-matter resource: (target → resource UUID, resources)."""
    index: dict[str, str] = {}
    resources: list[dict[str, Any]] = []
    for r in result.requirements:
        for e in r.evidence:
            target = e.url or e.path or ""
            if not target or target in index:
                continue
            index[target] = ids("evidence", target)
            resource: dict[str, Any] = {"uuid": index[target], "title": e.title or target,
                                        "rlinks": [{"href": quote(e.url, safe=_URL_SAFE) if e.url else quote(target)}]}
            if e.sha256:
                resource["rlinks"][0]["hashes"] = [{"algorithm": "SHA-256", "value": e.sha256}]
            resources.append(resource)
    return index, resources


def _state(r: RequirementResult) -> tuple[str, str]:
    """A requirement's finding (state, reason) follows the result: satisfied exactly when it is met (an N/A
    without its reason scores as not implemented, so it is no satisfied finding); never assessed is no
    failure either, it is 'other'."""
    if r.met:
        return "satisfied", "pass"
    return "not-satisfied", "other" if r.status == "not_assessed" else "fail"


_OBJECTIVE_STATE = {"met": ("satisfied", "pass"), "not_applicable": ("satisfied", "other"),
                    "not_met": ("not-satisfied", "fail")}


def _status_remark(r: RequirementResult, result: Result, lang: Lang) -> str:
    words = _WORDS[lang]
    lines = [f"{words['status']}: {r.status}"]
    if r.reasons:
        lines.append(f"{words['reasons']}: " + " / ".join(x.text.get(lang) for x in r.reasons))
    if r.planned_measure:
        lines.append(f"{words['measure']}: {r.planned_measure}")
    return "\n".join(lines)


def assessment_results(result: Result, lang: Lang) -> dict[str, Any]:
    """The OSCAL assessment-results document. Long because it is mostly the document itself, written out
    field by field in the order the OSCAL model gives them."""
    ids = _Ids(result)
    words = _WORDS[lang]
    evidence_index, resources = _evidence(result, ids)
    plan_uuid = ids("plan")
    resources.insert(0, {"uuid": plan_uuid, "title": words["plan"], "description": words["plan_text"]})
    observations: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for r in result.requirements:
        cid = control_id(result.catalog, r.id)
        obs_uuid = ids("observation", r.id)
        obs: dict[str, Any] = {
            "uuid": obs_uuid, "title": f"{r.id} {r.title.get(lang)}",
            "description": r.narrative or words["no_narrative"],
            "props": [{"name": "label", "ns": NS, "value": r.id},
                      {"name": "implementation-status", "ns": NS, "value": r.status}],
            "methods": ["EXAMINE"], "collected": _stamp(result)}
        if r.evidence:
            obs["relevant-evidence"] = [
                {"href": f"#{evidence_index[e.url or e.path or '']}",
                 "description": e.title or e.url or e.path or ""} for e in r.evidence if (e.url or e.path)]
        observations.append(obs)
        props = [{"name": "label", "ns": NS, "value": r.id}]
        if r.deduction:
            props.append({"name": "sprs-points", "ns": NS, "value": str(r.deduction)})
        if r.cmmc_poam:
            props.append({"name": "cmmc-poam", "ns": NS, "value": r.cmmc_poam})
        state, reason = _state(r)
        findings.append({
            "uuid": ids("finding", r.id), "title": f"{r.id} {r.title.get(lang)}",
            "description": _status_remark(r, result, lang),
            "props": props,
            "target": {"type": "statement-id", "target-id": f"{cid}_smt",
                       "status": {"state": state, "reason": reason, "remarks": r.status}},
            "related-observations": [{"observation-uuid": obs_uuid}]})
        for o in r.objectives:
            if o.finding is None:
                continue  # only findings that were made belong in the document
            state, reason = _OBJECTIVE_STATE[o.finding]
            remark = o.finding
            findings.append({
                "uuid": ids("objective-finding", r.id, o.id), "title": o.id,
                "description": remark,
                "props": [{"name": "label", "ns": NS, "value": o.id}],
                "target": {"type": "objective-id", "target-id": f"{cid}_obj.{_token(o.key)}",
                           "status": {"state": state, "reason": reason, "remarks": remark}},
                "related-observations": [{"observation-uuid": obs_uuid}]})
    doc = {
        "uuid": ids("assessment-results"),
        "metadata": _metadata(result, ids, words["ar"], lang),
        "import-ap": {"href": f"#{plan_uuid}"},
        "results": [{
            "uuid": ids("result"), "title": f"{words['result']} {result.assessment.date.isoformat()}",
            "description": f"{result.profile_title.get(lang)} ({result.profile})",
            "start": _stamp(result),
            "reviewed-controls": {"control-selections": [{"include-controls": [
                {"control-id": control_id(result.catalog, r.id)} for r in result.requirements]}]},
            "observations": observations,
            "findings": findings,
        }],
        "back-matter": {"resources": resources},
    }
    return {"assessment-results": doc}


def poam(result: Result, lang: Lang) -> dict[str, Any]:
    ids = _Ids(result)
    words = _WORDS[lang]
    # the open items are the result's gaps, in its order: the same list the POA&M report shows
    by_id = {r.id: r for r in result.requirements}
    order = list(result.gaps)
    observations, risks, items = [], [], []
    for rid in order:
        r = by_id[rid]
        obs_uuid, risk_uuid = ids("poam-observation", rid), ids("risk", rid)
        observations.append({"uuid": obs_uuid, "title": f"{rid} {r.title.get(lang)}",
                             "description": r.narrative or words["no_narrative"], "methods": ["EXAMINE"],
                             "collected": _stamp(result)})
        risk: dict[str, Any] = {"uuid": risk_uuid, "title": f"{rid} {r.title.get(lang)}",
                                "description": _status_remark(r, result, lang),
                                "statement": " / ".join(x.text.get(lang) for x in r.reasons) or r.status,
                                "status": "open", "related-observations": [{"observation-uuid": obs_uuid}]}
        if r.planned_measure or r.target_date:
            remediation: dict[str, Any] = {"uuid": ids("remediation", rid), "lifecycle": "planned",
                                           "title": r.planned_measure or rid,
                                           "description": r.planned_measure or words["measure"]}
            if r.target_date:
                remediation["tasks"] = [{"uuid": ids("milestone", rid), "type": "milestone",
                                         "title": r.planned_measure or rid,
                                         "timing": {"on-date": {"date": f"{r.target_date.isoformat()}T00:00:00Z"}}}]
            risk["remediations"] = [remediation]
        risks.append(risk)
        props = [{"name": "label", "ns": NS, "value": rid}]
        if r.owner:
            props.append({"name": "owner", "ns": NS, "value": r.owner})
        if r.deduction:
            props.append({"name": "sprs-points", "ns": NS, "value": str(r.deduction)})
        if r.cmmc_poam:
            props.append({"name": "cmmc-poam", "ns": NS, "value": r.cmmc_poam})
        items.append({"uuid": ids("poam-item", rid), "title": f"{rid} {r.title.get(lang)}",
                      "description": _status_remark(r, result, lang), "props": props,
                      "related-observations": [{"observation-uuid": obs_uuid}],
                      "related-risks": [{"risk-uuid": risk_uuid}]})
    doc: dict[str, Any] = {"uuid": ids("poam"), "metadata": _metadata(result, ids, words["poam"], lang),
                           "system-id": {"identifier-type": "https://ietf.org/rfc/rfc4122",
                                         "id": ids("system")},
                           "poam-items": items}
    if observations:
        doc["observations"] = observations
        doc["risks"] = risks
    return {"plan-of-action-and-milestones": doc}


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
