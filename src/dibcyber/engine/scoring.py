"""The scoring engine: pure functions from (profile, catalogs, answers) to a ``Result``.

No I/O, no clock, no printing. ``score`` assembles the whole assessment from the rule sets, each in its
own module with its sources: ``resolve`` (answers onto a catalog, the objective roll-up, each
requirement's status), ``sprs`` (the DoD rules: the SPRS score of the DoD Assessment Methodology v1.2.1 and
the CMMC Level 2 conditional status of 32 CFR 170.21(a)(2)) and ``conformance`` (the Japanese standard's
status counts and conformance rates, and coverage). Here: the issues of each requirement and of the
answers as a whole, the profile's demand for ODP values, the order of the gaps, and the evidence coverage
(``with_evidence``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from dibcyber.engine.checks import selected
from dibcyber.engine.conformance import OVERLAP, conformance, coverage
from dibcyber.engine.resolve import (
    MET,
    REV2,
    Resolved,
    StatusSource,
    T,
    catalog_order,
    equivalents,
    evaluate,
    findings,
    objective_key,
    odp_index,
    status_reasons,
)
from dibcyber.engine.sprs import SSP, dod_scores
from dibcyber.models.answers import Answer, Answers
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.profile import Profile
from dibcyber.models.result import (
    EVIDENCE_STATES,
    EffectiveStatus,
    EvidenceCoverage,
    EvidenceState,
    FamilyEvidence,
    Issue,
    ObjectiveResult,
    Reason,
    RequirementResult,
    Result,
    Scores,
)

# --- the whole assessment ----------------------------------------------------------------------


def score(profile: Profile, catalogs: dict[str, Catalog], answers: Answers, resolved: Resolved,
          *, lang: Lang, generator: str) -> Result:
    """Evaluate resolved answers against a profile. ``catalogs`` holds every catalog the profile names."""
    catalog = catalogs[profile.catalog]
    chosen = set(selected(profile, catalog))
    date = answers.assessment.date
    issues: list[Issue] = []
    results: list[RequirementResult] = []
    rev2 = catalogs.get(REV2)
    to_rev2 = ({r.id: [r.id] for r in catalog.requirements} if catalog.id == REV2 else
               _invert(equivalents(catalog, rev2)) if rev2 else {})
    for req in catalog.requirements:
        if req.id not in chosen:
            continue
        answer = resolved.answers.get(req.id, (req.id, None))[1]
        status, source = evaluate(req, answer)
        result = _requirement_result(profile, req, answer, status, source, to_rev2.get(req.id, []))
        results.append(result)
        issues += _issues(req, answer, status, date, result)
    issues += _scope_issues(profile, catalog, chosen, resolved, results)
    if profile.require_odp_values:
        results, undefined = _require_odps(results)
        if undefined:
            issues.append(Issue(level="warning", code="odps-undefined", text=T(
                f"プロファイルは全ての組織定義パラメータ（ODP）の値を求めているが、{undefined}件が未定義である。"
                "該当する要件は満たされていないものとして扱った。",
                f"The profile requires a value for every organization-defined parameter; {undefined} are undefined, "
                "and their requirements are counted as not met.")))
    results, sp, cm, dod_issues = dod_scores(profile, catalog, rev2, results, resolved, len(chosen), date)
    issues += dod_issues
    scores = Scores(conformance=conformance(catalog, results, date), sprs=sp, cmmc=cm)
    if "coverage" in profile.scoring:
        scores = scores.model_copy(update={"coverage": coverage(results)})
    gaps = [r.id for r in sorted(
        (r for r in results if not r.met),
        key=lambda r: (-(r.deduction or 0), 0 if "derived" not in r.tags else 1, catalog_order(catalog, r.id)))]
    notes = [catalog.provenance.note] if catalog.provenance.note else []
    return Result(profile=profile.id, profile_title=profile.title, catalog=catalog.id,
                  catalog_version=catalog.version, catalog_version_text=catalog.version_text,
                  catalog_title=catalog.title,
                  catalog_short_title=catalog.short_title, language=lang,
                  organization=answers.organization, assessment=answers.assessment,
                  document=answers.document, scores=scores, requirements=results, gaps=gaps, issues=issues,
                  provenance_notes=notes, generator=generator)


def _scope_issues(profile: Profile, catalog: Catalog, chosen: set[str], resolved: Resolved,
                  results: list[RequirementResult]) -> list[Issue]:
    """What the answers hold that this profile does not score, overlaps left out of the counts, and answers
    carried across revisions."""
    issues: list[Issue] = []
    for key in sorted(resolved.answers):
        if key not in chosen:
            issues.append(Issue(level="info", code="not-in-profile", requirement=key, text=T(
                f"{key}はプロファイル{profile.id}の対象外のため評価しない。",
                f"{key} is not selected by profile {profile.id} and is not scored.")))
    issues += _overlap_issues(catalog, results)
    if resolved.crosswalked:
        issues.append(Issue(level="info", code="crosswalk", text=T(
            f"{len(resolved.crosswalked)}件の要件は、他の版の回答からRev.2 ↔ Rev.3の対応表（番号の位置とNISTの廃止"
            "リンクによるもの。NIST公式の変更分析ではない）で一対一に対応する要件の状況を引き継いだ。評価目標の判定"
            "及びODPの値は引き継がない。",
            f"{len(resolved.crosswalked)} requirements take the status of their one-to-one counterpart in the other "
            "revision's answers, through the Rev.2 ↔ Rev.3 crosswalk (positional numbers and NIST's withdrawal "
            "links, not NIST's official change analysis). Objective findings and ODP values do not carry over.")))
    for key in resolved.outside:
        issues.append(Issue(level="info", code="not-in-catalog", requirement=key, text=T(
            f"{key}はカタログ{catalog.id}に対応する要件がないため、このプロファイルでは評価しない。",
            f"{key} has no equivalent in catalog {catalog.id} and is not scored by this profile.")))

    return issues


def _overlap_issues(catalog: Catalog, results: list[RequirementResult]) -> list[Issue]:
    """An item left out of the counts as an overlap whose status disagrees with the items that count."""
    out: list[Issue] = []
    for r in results:
        if OVERLAP not in r.tags or r.status == "not_assessed":
            continue
        related = {m.id for m in catalog.by_id[r.id].mappings if m.relation == "related"}
        others = [x for x in results if set(x.nist_ids) & related and x.status != "not_assessed"]
        if others and r.met != all(x.met for x in others):
            ids = ", ".join(x.id for x in others)
            out.append(Issue(level="info", code="overlap-differs", requirement=r.id, text=T(
                f"{r.id}は{ids}と内容が重なるため適合率ではそれらの側で数えるが、判定が食い違っている。"
                "どちらかの回答を見直すこと。",
                f"{r.id} overlaps {ids}, which count the topic in the conformance rate, but their findings "
                "disagree; review one of the answers.")))
    return out


def _require_odps(results: list[RequirementResult]) -> tuple[list[RequirementResult], int]:
    """With ``require_odp_values``, a requirement whose ODPs are not all defined is not met."""
    out, undefined = [], 0
    for r in results:
        if r.undefined_odps and r.status != "not_applicable":
            undefined += len(r.undefined_odps)
            listed = ", ".join(r.undefined_odps)
            reason = Reason(code="odps-undefined", text=T(f"組織定義パラメータ{listed}の値が定められていない。",
                                                          f"Organization-defined parameters {listed} have no value."))
            out.append(r.model_copy(update={"met": False, "reasons": [*r.reasons, reason]}))
        else:
            out.append(r)
    return out, undefined


def _invert(mapping: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for src, dst in mapping.items():
        out.setdefault(src, []).append(dst)
    return out


def _requirement_result(profile: Profile, req: Requirement, answer: Answer | None, status: EffectiveStatus,
                        source: StatusSource, nist_ids: list[str]) -> RequirementResult:
    found = findings(req, answer) if answer else {o.id: None for o in req.objectives}
    odp_values: dict[str, str] = {}
    index = odp_index(req)
    for o in req.odps:
        value = profile.odp_values.get(o.id)
        if value:
            odp_values[o.id] = value
    if answer:
        for key, value in answer.odp_values.items():
            if value and key in index:
                odp_values[index[key]] = value
    undefined = [o.id for o in req.odps if o.id not in odp_values]
    return RequirementResult(
        id=req.id, family=req.family, title=req.title, status=status,
        status_source=source,
        met=status in MET, reasons=status_reasons(req, status, answer),
        objectives=[ObjectiveResult(id=oid, key=objective_key(req.id, oid), finding=f) for oid, f in found.items()],
        tags=list(req.tags), aliases=list(req.aliases), nist_ids=nist_ids,
        narrative=answer.narrative if answer else None, evidence=list(answer.evidence) if answer else [],
        owner=answer.owner if answer else None, planned_measure=answer.planned_measure if answer else None,
        target_date=answer.target_date if answer else None, odp_values=odp_values, undefined_odps=undefined)


def _issues(req: Requirement, answer: Answer | None, status: EffectiveStatus, date: dt.date,
            result: RequirementResult) -> list[Issue]:
    out: list[Issue] = []
    if answer is None:
        return out
    if status == "planned" and answer.target_date is None:
        out.append(Issue(level="warning", code="planned-without-date", requirement=req.id, text=T(
            f"{req.id}は「計画中」だが目標日がない。目標日のない計画は改善計画とみなされない。",
            f"{req.id} is 'planned' but has no target date; without a date it is not a plan of action.")))
    if answer.target_date and answer.target_date < date and status not in MET:
        out.append(Issue(level="warning", code="overdue", requirement=req.id, text=T(
            f"{req.id}の目標日{answer.target_date}は評価日{date}を過ぎている。",
            f"{req.id}: target date {answer.target_date} is before the assessment date {date}.")))
    if status == "not_applicable" and not (answer.narrative and answer.narrative.strip()):
        sprs_ja, sprs_en = ("SPRSスコアを算出する場合は、理由のない該当なしを未実施として扱う。",
                            " Where the SPRS score is computed, it counts as not implemented.") \
            if result.nist_ids else ("", "")
        out.append(Issue(level="warning", code="na-without-justification", requirement=req.id, text=T(
            f"{req.id}は「該当なし」だが理由（narrative）が書かれていない。{sprs_ja}",
            f"{req.id} is 'not applicable' without a justification (narrative).{sprs_en}")))
    if SSP in result.nist_ids and status == "not_applicable":
        out.append(Issue(level="warning", code="ssp-not-applicable", requirement=req.id, text=T(
            "システムセキュリティ計画（3.12.4）は「該当なし」にできない。SPRSではSSPなしとして扱う。",
            "The system security plan (3.12.4) cannot be 'not applicable'; SPRS treats it as missing.")))
    if answer.objectives and answer.status is None:
        missing = [o.key for o in result.objectives if o.finding is None]
        if missing:
            out.append(Issue(level="warning", code="objectives-incomplete", requirement=req.id, text=T(
                f"{req.id}の評価目標{', '.join(missing)}が未回答であり、不適合として扱う。",
                f"{req.id}: objectives {', '.join(missing)} are unanswered and count as not met.")))
    contradiction = scan_contradiction(req.id, answer, status)
    if contradiction is not None:
        out.append(contradiction)
    for ev in answer.evidence:
        if ev.path and (ev.path.startswith(("/", "\\")) or ".." in re.split(r"[\\/]", ev.path)):
            out.append(Issue(level="warning", code="evidence-outside-root", requirement=req.id, text=T(
                f"{req.id}の証跡パス{ev.path}は回答ファイルのフォルダの外を指している。",
                f"{req.id}: evidence path {ev.path} points outside the answers file's folder.")))
    return out


SCAN_CONTRADICTION = "scan-contradicts-answer"


def scan_contradiction(rid: str, answer: Answer, status: EffectiveStatus) -> Issue | None:
    """An implemented requirement that a scanner rule failed: the scan never changes the status a person
    gave; it says so, and ``check`` can gate on it."""
    failed = list(dict.fromkeys(f.rule for ev in answer.evidence for f in ev.findings if f.result == "fail"))
    if status != "implemented" or not failed:
        return None
    names = ", ".join(short_rule(r) for r in failed[:3]) + (" …" if len(failed) > 3 else "")
    return Issue(level="warning", code=SCAN_CONTRADICTION, requirement=rid, text=T(
        f"{rid}は「実施済み」だが、スキャンで{len(failed)}件のルールが不合格（{names}）。回答かシステムを確認する。",
        f"{rid} is 'implemented' but {len(failed)} scanned rule(s) failed ({names}); check the answer or the "
        "system."))


def short_rule(rule: str) -> str:
    """A rule ID without its content prefix: ``sshd_disable_root_login`` for SSG's
    ``xccdf_org.ssgproject.content_rule_sshd_disable_root_login``."""
    return rule.split("_rule_", 1)[1] if "_rule_" in rule else rule


def with_evidence(result: Result, states: dict[str, EvidenceState], checked: dt.date) -> Result:
    """The result with each requirement's evidence state and the evidence coverage: implemented requirements
    citing locked, unchanged evidence / implemented requirements, overall and per family. Pure: the states
    come from ``evidence.states``, which hashes the files outside the engine."""
    reqs = [r.model_copy(update={"evidence_state": states.get(r.id, "none")}) for r in result.requirements]

    def counts(rows: list[RequirementResult]) -> tuple[int, int, float | None]:
        implemented = [r for r in rows if r.status == "implemented"]
        covered = sum(1 for r in implemented if r.evidence_state == "locked")
        return covered, len(implemented), (covered / len(implemented) if implemented else None)

    families = []
    for cat in result.scores.conformance.categories:
        rows = [r for r in reqs if r.family == cat.id]
        if rows:
            c, n, ratio = counts(rows)
            families.append(FamilyEvidence(id=cat.id, abbrev=cat.abbrev, title=cat.title, covered=c, implemented=n,
                                           ratio=ratio))
    c, n, ratio = counts(reqs)
    tally = Counter(r.evidence_state for r in reqs)
    coverage = EvidenceCoverage(covered=c, implemented=n, ratio=ratio, checked=checked,
                                by_state={s: tally.get(s, 0) for s in EVIDENCE_STATES}, families=families)
    scores = result.scores.model_copy(update={"evidence": coverage})
    return result.model_copy(update={"requirements": reqs, "scores": scores})
