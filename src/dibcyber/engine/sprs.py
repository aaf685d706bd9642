"""The DoD rules: the SPRS score and the CMMC Level 2 conditional status, from the states of the NIST SP
800-171 Rev.2 requirements, and how an assessment's requirements get their Rev.2 states and deductions.

No I/O, no clock, no printing. Rules and their sources:

- DoD Assessment Methodology v1.2.1 (SPRS): 110 minus the value of every requirement not implemented;
  partial credit only for 3.5.3 and 3.13.11 (5.e), and only when the partial case is shown by the
  objectives (3.5.3 [a]-[c]) or recorded (``partial_credit``); a plan of action never counts as implemented
  (5.g.ii); unimplemented requirements without a plan make 3.12.2 not implemented (5.g.iii); no system
  security plan (3.12.4) → no score at all (5.g.i). N/A costs nothing only with a stated reason: Annex A's
  condition for 3.1.12/3.1.13/3.1.16/3.1.17/3.1.18, elsewhere a justification (5.j; 32 CFR
  170.24(b)(3)); without one it is scored not implemented.
- CMMC Conditional Level 2 (32 CFR 170.21(a)(2)): score ≥ 88; every open item worth at most 1 point,
  except 3.13.11 in its 3-point case; never on a POA&M: 3.1.20, 3.1.22, 3.12.4, 3.10.3, 3.10.4, 3.10.5.
  A score of 110 (nothing open) is Final Level 2, not only conditional.

The objectives that show 3.5.3's partial case (``PARTIAL_CASE``) are in ``resolve``, which also checks a
recorded ``partial_credit`` against them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dibcyber.engine.resolve import MET, PARTIAL_CASE, REV2, Resolved, T, catalog_order, has_plan
from dibcyber.models.answers import PARTIAL_CREDIT
from dibcyber.models.base import Text
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.profile import Profile
from dibcyber.models.result import (
    Blocker,
    CmmcStatus,
    Deduction,
    EffectiveStatus,
    Issue,
    NotApplicable,
    Reason,
    RequirementResult,
    SprsScore,
)

SPRS_MAX = 110
CMMC_MIN = 88
POAM_CLOSEOUT_DAYS = 180
SSP = "3.12.4"
POAM_REQ = "3.12.2"


# --- SPRS --------------------------------------------------------------------------------------


Partial = Literal["shown", "recorded", "refuted", "unknown"]


@dataclass(frozen=True)
class Rev2State:
    status: EffectiveStatus
    plan: bool
    partial: Partial = "unknown"
    """Whether the methodology's partial case (3.5.3, 3.13.11) is shown by the objective findings, recorded
    with ``partial_credit``, refuted by the findings, or unknown. Only 'shown' and 'recorded' earn it."""
    justified: bool = True
    """False for 'not applicable' without a stated reason (narrative): scored not implemented."""


HOW_TO_RECORD: dict[str, Text] = {
    "3.5.3": T("評価目標a〜c（特権アカウントへのローカル及びネットワークアクセスの多要素認証）をmetと記録するか、"
               "「partial_credit: mfa_remote_and_privileged_only」を記録する",
               "record objectives a to c (MFA for local and network access to privileged accounts) as met, or "
               "record partial_credit: mfa_remote_and_privileged_only"),
    "3.13.11": T("「partial_credit: encryption_not_fips_validated」を記録する",
                 "record partial_credit: encryption_not_fips_validated"),
}


def sprs(rev2: Catalog, states: dict[str, Rev2State]) -> SprsScore:
    """DoD Assessment Methodology v1.2.1 score of the Rev.2 requirements' states."""
    deductions: list[Deduction] = []
    exempt: list[NotApplicable] = []
    unplanned: list[str] = []
    not_assessed: list[str] = []
    for req in rev2.requirements:
        state = states.get(req.id, Rev2State("not_assessed", False))
        if state.status == "not_assessed":
            not_assessed.append(req.id)
        w = req.weight
        if w is None or w.value is None or (state.status in MET and state.justified):
            if w is not None and w.value is not None and state.status == "not_applicable":
                exempt.append(NotApplicable(id=req.id, reason=_na_basis(req)))
            continue
        value = w.value
        cond = w.partial_condition or T("-", "-")
        if state.status == "partially_implemented" and w.partial_value is not None and \
                state.partial in ("shown", "recorded"):
            deductions.append(Deduction(id=req.id, points=w.partial_value, reason=Reason(code="partial-credit", text=T(
                f"部分点（DoD評価方法論5.e）：{cond.ja}",
                f"Partial credit (DoD Assessment Methodology 5.e): {cond.en}"))))
        elif state.status == "partially_implemented" and w.partial_value is not None and state.partial == "refuted":
            deductions.append(Deduction(id=req.id, points=value, reason=Reason(code="no-partial-credit", text=T(
                f"評価目標の判定では部分点の条件（{cond.ja}）を満たさないため、全点を減点する。",
                f"The objective findings do not show the partial case ({cond.en}), so the full value is lost."))))
        elif state.status == "partially_implemented" and w.partial_value is not None:
            how = HOW_TO_RECORD[req.id]
            deductions.append(Deduction(id=req.id, points=value, reason=Reason(code="no-partial-credit", text=T(
                f"部分点の条件（{cond.ja}）が記録されていないため、全点（{value}点）を減点する。"
                f"部分点を受けるには、{how.ja}（DoD評価方法論5.e）。",
                f"The partial case ({cond.en}) is not recorded, so the full {value} points are lost. To claim it, "
                f"{how.en} (DoD Assessment Methodology 5.e)."))))
        elif state.status == "not_applicable" and not state.justified:
            deductions.append(Deduction(id=req.id, points=value, reason=_na_reason(req, value)))
        else:
            deductions.append(Deduction(id=req.id, points=value, reason=_deduction_reason(state.status, value)))
        if not state.plan and req.id != POAM_REQ:
            unplanned.append(req.id)
    poam_weight = rev2.by_id[POAM_REQ].weight if POAM_REQ in rev2.by_id else None
    if unplanned and POAM_REQ not in {d.id for d in deductions} and poam_weight is not None:
        listed = ", ".join(unplanned[:10]) + (" …" if len(unplanned) > 10 else "")
        reason = Reason(code="no-plan-of-action", text=T(
            f"改善計画（目標日）のない未実施要件がある（{listed}）ため、3.12.2を未実施として扱う"
            f"（DoD評価方法論5.g.iii）。",
            f"Requirements not implemented have no plan of action ({listed}), so 3.12.2 is scored not "
            f"implemented (DoD Assessment Methodology 5.g.iii)."))
        deductions.append(Deduction(id=POAM_REQ, points=poam_weight.value or 3, reason=reason))
    deductions.sort(key=lambda d: (-d.points, catalog_order(rev2, d.id)))
    exempt = [e for e in exempt if e.id not in {d.id for d in deductions}]  # 3.12.2 by 5.g.iii
    ssp = states.get(SSP, Rev2State("not_assessed", False))
    if ssp.status != "implemented":
        return SprsScore(value=None, reason=T(
            "システムセキュリティ計画（3.12.4）がないため、スコアを付与できない。評価方法論は「情報が不完全であり"
            "DFARS 252.204-7012に適合しないため評価を完了できない」と判定する（DoD評価方法論5.g.i）。",
            "No system security plan (3.12.4): no score can be given. The methodology's finding is that "
            "'an assessment could not be completed due to incomplete information and noncompliance with "
            "DFARS clause 252.204-7012' (DoD Assessment Methodology 5.g.i)."),
            deductions=deductions, not_assessed=not_assessed, not_applicable=exempt)
    return SprsScore(value=SPRS_MAX - sum(d.points for d in deductions), deductions=deductions,
                     not_assessed=not_assessed, not_applicable=exempt)


NA_NAMED = ("3.1.12", "3.1.13", "3.1.16", "3.1.17", "3.1.18")
"""The requirements whose 'not applicable' the DoD Assessment Methodology names itself (Annex A): no
deduction when remote access, wireless access or the connection of mobile devices is not permitted. The
catalog holds each one's condition (``weight.na_condition``); a test holds this list to it."""
_NAMED_JA = "、".join(NA_NAMED[:-1]) + "及び" + NA_NAMED[-1]
_NAMED_EN = ", ".join(NA_NAMED[:-1]) + " and " + NA_NAMED[-1]


def _na_basis(req: Requirement) -> Reason:
    """Why a justified 'not applicable' costs nothing."""
    if req.weight is not None and req.weight.na_condition is not None:
        cond = req.weight.na_condition
        return Reason(code="na-condition", text=T(
            f"該当なし：DoD評価方法論付属書Aの条件による（{cond.ja}）。理由は回答に記載されている。",
            f"Not applicable under the DoD Assessment Methodology's own condition (Annex A: {cond.en}); the "
            "answer states the reason."))
    return Reason(code="na-justified", text=T(
        f"該当なし：回答に理由が記載されているため減点しない。DoD評価方法論が自ら該当なしを定めるのは{_NAMED_JA}に"
        "限られ、その他の要件の該当なしは、評価者が認めた場合（CMMCでは評価目標の"
        "該当なしは適合とみなす。32 CFR 170.24(b)(3)）又はDoD CIOが該当なしと認めSSPに記録した場合（5.j）に限り"
        "実施済みとして扱われる。根拠を確認すること。",
        "Not applicable with a stated reason: no deduction. The DoD Assessment Methodology names 'not "
        f"applicable' itself only for {_NAMED_EN}; elsewhere it counts as "
        "implemented only when the assessor accepts it (CMMC scores a not-applicable objective as met, "
        "32 CFR 170.24(b)(3)) or the DoD CIO approved it and the SSP records it (5.j). Check the basis."))


def _na_reason(req: Requirement, points: int) -> Reason:
    """Why an unjustified 'not applicable' is scored not implemented."""
    return Reason(code="na-without-justification", text=T(
        f"「該当なし」の理由（narrative）が記載されていないため、未実施として扱う（{points}点）。該当なしで減点しない"
        f"のは理由を述べた場合に限る（{'、'.join(NA_NAMED)}は付属書Aの条件、その他はSSPに記録した"
        "根拠。DoD評価方法論5.j、32 CFR 170.24(b)(3)）。",
        f"'Not applicable' without a stated reason (narrative) is scored not implemented ({points} points). Not "
        f"applicable costs nothing only with its reason: Annex A's condition for {_NAMED_EN}, a basis recorded in "
        "the SSP elsewhere (DoD Assessment Methodology 5.j; 32 CFR 170.24(b)(3))."))


def _deduction_reason(status: EffectiveStatus, points: int) -> Reason:
    texts = {
        "partially_implemented": ("一部実施はDoD評価方法論では未実施として扱う", "Partly implemented counts as not "
                                  "implemented under the DoD methodology"),
        "planned": ("計画（改善計画）は実施済みとはみなされない（5.g.ii）", "A plan of action does not count as "
                    "implemented (5.g.ii)"),
        "not_implemented": ("未実施", "Not implemented"),
        "not_assessed": ("未評価（回答なし）", "Not assessed (no answer)"),
    }
    ja, en = texts.get(status, ("未実施", "Not implemented"))
    return Reason(code=status.replace("_", "-"), text=T(f"{ja}（{points}点）", f"{en} ({points} points)"))


def cmmc(rev2: Catalog, score: SprsScore, states: dict[str, Rev2State], date: dt.date) -> CmmcStatus:
    """CMMC Level 2 conditional status (32 CFR 170.21(a)(2))."""
    blockers: list[Blocker] = []
    poam: list[str] = []
    if score.value is None:
        blockers.append(Blocker(id=SSP, code="no-score", text=T(
            "SPRSスコアがない（SSP未整備）。3.12.4は改善計画（POA&M）に載せられない。",
            "No SPRS score (no system security plan); 3.12.4 may never be on a POA&M.")))
    elif score.value < CMMC_MIN:
        blockers.append(Blocker(id=None, code="score-below-88", text=T(
            f"スコア{score.value}が条件付き認証に必要な{CMMC_MIN}（110の80%）未満である。",
            f"Score {score.value} is below the {CMMC_MIN} (80% of 110) needed for conditional status.")))
    for d in score.deductions:
        req = rev2.by_id[d.id]
        rule = req.cmmc.poam if req.cmmc else "not_eligible"
        partial = req.weight is not None and d.points == req.weight.partial_value
        if rule == "eligible" or (rule == "partial_only" and partial):
            poam.append(d.id)
        elif rule == "never":
            blockers.append(Blocker(id=d.id, code="never-on-poam", text=T(
                f"{d.id}は改善計画（POA&M）に載せることができない（32 CFR 170.21(a)(2)(iii)）。",
                f"{d.id} may never be on a POA&M (32 CFR 170.21(a)(2)(iii)).")))
        elif rule == "partial_only":
            blockers.append(Blocker(id=d.id, code="not-poam-eligible", text=T(
                f"{d.id}は暗号化を用いているがFIPS認証済みの暗号モジュールによるものでない場合（3点）に限り"
                "POA&Mに載せられる"
                "（32 CFR 170.21(a)(2)(ii)）。",
                f"{d.id} may be on a POA&M only when encryption is employed but not FIPS-validated (3 points) "
                "(32 CFR 170.21(a)(2)(ii)).")))
        else:
            blockers.append(Blocker(id=d.id, code="not-poam-eligible", text=T(
                f"{d.id}は{d.points}点であり、POA&Mに載せられるのは1点の要件に限られる"
                "（32 CFR 170.21(a)(2)(ii)）。",
                f"{d.id} is worth {d.points} points; only 1-point requirements may be on a POA&M "
                "(32 CFR 170.21(a)(2)(ii)).")))
    conditional = not blockers
    final = score.value == SPRS_MAX
    due = date + dt.timedelta(days=POAM_CLOSEOUT_DAYS) if conditional and not final else None
    return CmmcStatus(conditional=conditional, final=final, blockers=blockers, poam=poam, closeout_due=due)


# --- an assessment's requirements in the DoD scores --------------------------------------------


def dod_scores(profile: Profile, catalog: Catalog, rev2: Catalog | None, results: list[RequirementResult],
               resolved: Resolved, chosen_count: int, date: dt.date,
               ) -> tuple[list[RequirementResult], SprsScore | None, CmmcStatus | None, list[Issue]]:
    """The DoD scores the profile asks for (SPRS, CMMC Level 2), each requirement with its deduction."""
    issues: list[Issue] = []
    if rev2 is None or not ({"sprs", "cmmc-l2"} & set(profile.scoring)):
        return results, None, None, issues
    cm: CmmcStatus | None = None
    states = _rev2_states(results, resolved)
    sp = sprs(rev2, states)
    results = [_with_deductions(r, sp, rev2, rule_sets_status=catalog.id == REV2) for r in results]
    issues += _na_issues(results, sp)
    left_out = len(rev2.requirements) - chosen_count
    if catalog.id == REV2 and left_out:
        issues.append(Issue(level="warning", code="sprs-partial-selection", text=T(
            f"SPRSスコアは110要件全てを対象とするため、プロファイルが選択しない{left_out}要件は"
            "未実施として扱った。",
            f"The SPRS score always covers all 110 requirements; the {left_out} the profile leaves out are "
            "scored not implemented.")))
    if "cmmc-l2" in profile.scoring:
        cm = cmmc(rev2, sp, states, date)
    unmapped = [n for n in sp.not_assessed if n not in {x for r in results for x in r.nist_ids}]
    if unmapped and catalog.id != REV2:
        issues.append(Issue(level="info", code="sprs-unmapped", text=T(
            f"SPRSの算出で{len(unmapped)}件のRev.2要件に回答が対応しないため、未実施として扱った。",
            f"{len(unmapped)} Rev.2 requirements have no answered counterpart and are scored not implemented.")))
    return results, sp, cm, issues


def _na_issues(results: list[RequirementResult], sp: SprsScore) -> list[Issue]:
    """A justified 'not applicable' outside the methodology's own list is shown for the assessor to check."""
    exempt = {e.id for e in sp.not_applicable if e.reason.code == "na-justified"}
    return [Issue(level="info", code="na-outside-methodology", requirement=r.id, text=T(
        f"{r.id}の「該当なし」は、DoD評価方法論が自ら定める該当なし（3.1.12、3.1.13、3.1.16、3.1.17、3.1.18）に"
        "当たらない。回答の理由により減点しないが、SSPに根拠（DoD CIOの判定等）を記録すること（5.j）。",
        f"{r.id} is 'not applicable' outside the methodology's own list (3.1.12, 3.1.13, 3.1.16, 3.1.17, "
        "3.1.18): no deduction on the answer's reason, but record its basis (e.g. the DoD CIO's adjudication) "
        "in the SSP (5.j)."))
        for r in results if r.status == "not_applicable" and set(r.nist_ids) & exempt]


RULES_THAT_SET_STATUS = ("no-plan-of-action", "na-without-justification")


def _with_deductions(r: RequirementResult, sp: SprsScore, rev2: Catalog, *,
                     rule_sets_status: bool) -> RequirementResult:
    """Attach the SPRS points a requirement loses, why a 'not applicable' costs nothing, and its CMMC POA&M
    rule. In a Rev.2 assessment the 3.12.2 rule and the rule on unjustified 'not applicable' also set the
    requirement's status; in another catalog (the Japanese standard) they stay deductions of the SPRS view
    and the item's own status is left as answered."""
    per_rev2 = {d.id: d for d in sp.deductions}
    exempt = {e.id: e for e in sp.not_applicable}
    mine = [per_rev2[n] for n in r.nist_ids if n in per_rev2]
    rules = [c.poam for n in r.nist_ids if (c := rev2.by_id[n].cmmc) is not None]
    update: dict[str, object] = {"deduction": sum(d.points for d in mine),
                                 "cmmc_poam": rules[0] if len(rules) == 1 else None}
    explained = [d.reason for d in mine if d.reason.code in ("partial-credit", "no-partial-credit",
                                                             *RULES_THAT_SET_STATUS)]
    explained += [exempt[n].reason for n in r.nist_ids if n in exempt]
    if explained:
        update["reasons"] = r.reasons + explained
    if rule_sets_status and any(d.reason.code in RULES_THAT_SET_STATUS for d in mine) and r.met:
        update.update(status="not_implemented", status_source="rule", met=False)
    return r.model_copy(update=update)


def _rev2_states(results: list[RequirementResult], resolved: Resolved) -> dict[str, Rev2State]:
    states: dict[str, Rev2State] = {}
    for r in results:
        answer = resolved.answers.get(r.id, (r.id, None))[1]
        found = {o.key: o.finding for o in r.objectives}
        justified = r.status != "not_applicable" or bool(answer and answer.narrative and answer.narrative.strip())
        for n in r.nist_ids:
            partial: Partial = "unknown"
            if answer is not None and n in PARTIAL_CREDIT and answer.partial_credit == PARTIAL_CREDIT[n]:
                partial = "recorded"
            elif n in PARTIAL_CASE and any(found.values()):
                partial = "shown" if all(found.get(k) == "met" for k in PARTIAL_CASE[n]) else "refuted"
            states[n] = Rev2State(r.status, has_plan(answer), partial, justified)
    return states
