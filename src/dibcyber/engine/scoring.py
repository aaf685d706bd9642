"""The scoring engine: pure functions from (profile, catalogs, answers) to a ``Result``.

No I/O, no clock, no printing. Rules and their sources:

- Objective roll-up (SP 800-171A; CMMC counts N/A as met, 32 CFR 170.24(b)(3)): all met or N/A →
  implemented; some met → partially implemented; none met → not implemented. Unanswered objectives
  count as not met.
- DoD Assessment Methodology v1.2.1 (SPRS): 110 minus the value of every requirement not implemented;
  partial credit only for 3.5.3 and 3.13.11 (5.e), and only when the partial case is shown by the
  objectives (3.5.3 [a]-[c]) or recorded (``partial_credit``); a plan of action never counts as implemented
  (5.g.ii); unimplemented requirements without a plan make 3.12.2 not implemented (5.g.iii); no system
  security plan (3.12.4) → no score at all (5.g.i). N/A costs nothing only with a stated reason: Annex A's
  condition for 3.1.12/3.1.13/3.1.16/3.1.17/3.1.18, elsewhere a justification (5.j; 32 CFR
  170.24(b)(3)); without one it is scored not implemented.
- Answers of another catalog: through equivalent requirements (ATLA ↔ Rev.2), else through the one-to-one
  links of the Rev.2 ↔ Rev.3 crosswalk; refused when the profile needs a requirement neither reaches.
- CMMC Conditional Level 2 (32 CFR 170.21(a)(2)): score ≥ 88; every open item worth at most 1 point,
  except 3.13.11 in its 3-point case; never on a POA&M: 3.1.20, 3.1.22, 3.12.4, 3.10.3, 3.10.4, 3.10.5.
  A score of 110 (nothing open) is Final Level 2, not only conditional.
- The Japanese standard: status counts and conformance rates only (ATLA publishes no numeric score); an
  item tagged ``overlap`` is reported but counted once, through the items it overlaps.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Literal

from dibcyber.engine.checks import did_you_mean, selected
from dibcyber.errors import Msg, PathPart
from dibcyber.models.answers import PARTIAL_CREDIT, Answer, Answers, Finding
from dibcyber.models.base import Lang, Text
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.profile import Profile
from dibcyber.models.result import (
    EFFECTIVE_STATUSES,
    EVIDENCE_STATES,
    Blocker,
    CategoryConformance,
    CmmcStatus,
    Conformance,
    Counts,
    Coverage,
    Deduction,
    EffectiveStatus,
    EvidenceCoverage,
    EvidenceState,
    FamilyEvidence,
    Issue,
    NotApplicable,
    ObjectiveResult,
    PlannedItem,
    Reason,
    RequirementResult,
    Result,
    Scores,
    SprsScore,
)

REV2 = "nist-800-171r2"
SPRS_MAX = 110
CMMC_MIN = 88
POAM_CLOSEOUT_DAYS = 180
SSP = "3.12.4"
POAM_REQ = "3.12.2"


def T(ja: str, en: str) -> Text:
    return Text(ja=ja, en=en)


# --- resolving answers onto a catalog -----------------------------------------------------------


@dataclass(frozen=True)
class AnswerError:
    """A problem in the answers file, located by its path inside the document."""

    loc: tuple[PathPart, ...]
    message: Msg
    hint: Msg | None = None


@dataclass
class Resolved:
    """Answers keyed by requirement ID of the answered catalog, with the key each came from."""

    answers: dict[str, tuple[str, Answer]] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)
    """Keys that belong to the file's own catalog but not to this profile's (e.g. ORG- items scored
    by a NIST profile)."""
    crosswalked: list[str] = field(default_factory=list)
    """Requirements answered through the Rev.2 ↔ Rev.3 crosswalk (their status only)."""


def objective_key(req_id: str, obj_id: str) -> str:
    """The short key an answers file uses for an objective: ``a`` for ``3.1.1[a]``, ``b.01`` for
    ``A.03.01.01.b.01``, ``a`` for a requirement's single unlettered objective."""
    m = re.fullmatch(r".*\[([^\]]+)\]", obj_id)
    if m:
        return m.group(1)
    if obj_id in (req_id, f"A.{req_id}"):
        return "a"
    prefix = f"A.{req_id}."
    return obj_id[len(prefix):] if obj_id.startswith(prefix) else obj_id


def objective_index(req: Requirement) -> dict[str, str]:
    """Every accepted spelling of an objective → its ID."""
    index: dict[str, str] = {}
    for o in req.objectives:
        index[o.id] = o.id
        index[objective_key(req.id, o.id)] = o.id
    return index


def odp_index(req: Requirement) -> dict[str, str]:
    index: dict[str, str] = {}
    for o in req.odps:
        index[o.id] = o.id
        if o.label:
            index[o.label] = o.id
        m = re.search(r"ODP\.?\[?(\d+)\]?$", o.id)
        if m:
            index[m.group(1)] = o.id
    return index


def equivalents(source: Catalog, target: Catalog) -> dict[str, str]:
    """Requirement IDs of ``source`` → the ``target`` requirement they are equivalent to."""
    out: dict[str, str] = {}
    for r in source.requirements:
        for m in r.mappings:
            if m.catalog == target.id and m.relation == "equivalent" and m.id in target.by_id:
                out.setdefault(r.id, m.id)
    for r in target.requirements:
        for m in r.mappings:
            if m.catalog == source.id and m.relation == "equivalent":
                out.setdefault(m.id, r.id)
    return out


CROSSWALK = frozenset({"successor", "predecessor", "incorporated_into", "incorporates", "addressed_by", "addresses"})
"""Relations of the Rev.2 ↔ Rev.3 crosswalk (positional numbers plus NIST's withdrawal links)."""


def crosswalk(source: Catalog, target: Catalog) -> dict[str, str]:
    """Requirement IDs of ``source`` → the ``target`` requirement the crosswalk links them to, where the
    link is one-to-one: the source requirement leads to that one target only, and the target comes from
    that one source only. A many-to-one or one-to-many link cannot carry a status across."""
    links: set[tuple[str, str]] = set()
    for r in source.requirements:
        links |= {(r.id, m.id) for m in r.mappings
                  if m.catalog == target.id and m.relation in CROSSWALK and m.id in target.by_id}
    for r in target.requirements:
        links |= {(m.id, r.id) for m in r.mappings
                  if m.catalog == source.id and m.relation in CROSSWALK and m.id in source.by_id}
    out_degree = Counter(src for src, _ in links)
    in_degree = Counter(dst for _, dst in links)
    return {src: dst for src, dst in sorted(links) if out_degree[src] == 1 and in_degree[dst] == 1}


@dataclass(frozen=True)
class Scope:
    """The requirements of the profile's catalog an answers file must be able to reach when it was written
    for another catalog, and why."""

    ids: Collection[str]
    sprs: bool = False
    """True when the scope is every Rev.2 requirement because the profile computes the SPRS score."""


def scope_for(profile: Profile, catalogs: dict[str, Catalog]) -> Scope:
    catalog = catalogs[profile.catalog]
    if catalog.id == REV2 and {"sprs", "cmmc-l2"} & set(profile.scoring):
        return Scope([r.id for r in catalog.requirements], sprs=True)
    return Scope(list(selected(profile, catalog)))


def resolve(catalog: Catalog, answers: Answers, own: Catalog | None = None,
            scope: Scope | None = None) -> tuple[Resolved, list[AnswerError]]:
    """Map the file's keys onto ``catalog`` (IDs, aliases, or — when the file was written for another
    catalog ``own`` — equivalent requirements, else the one-to-one links of the Rev.2 ↔ Rev.3 crosswalk).
    Check objectives, ODP keys, statuses and partial-credit records. With ``scope``, refuse a file written
    for another catalog when some requirement in scope has no counterpart it could be answered through."""
    errors: list[AnswerError] = []
    res = Resolved()
    bridge: dict[str, str] = {}
    own_index: dict[str, str] = {}
    via_crosswalk = False
    if own is not None and own.id != catalog.id:
        own_index = own.alias_index
        bridge = equivalents(own, catalog)
        if not bridge:
            bridge = crosswalk(own, catalog)
            via_crosswalk = bool(bridge)
        if scope is not None:
            errors += _unreachable(catalog, own, bridge, scope, via_crosswalk)
    claimed: dict[str, str] = {}
    for key, written in answers.requirements.items():
        answer = written
        loc: tuple[PathPart, ...] = ("requirements", key)
        rid = catalog.alias_index.get(key)
        if rid is None and key in own_index:
            rid = bridge.get(own_index[key])
            if rid is None:
                res.outside.append(key)
                continue
            if via_crosswalk:
                own_req = own.by_id[own_index[key]]  # type: ignore[union-attr]
                own_errors = _check_answer(own_req, answer or Answer(), loc)
                errors += own_errors
                translated = _crosswalked(own_req, answer or Answer())
                if own_errors or translated is None:
                    continue
                answer = translated
                res.crosswalked.append(rid)
        if rid is None:
            errors.append(AnswerError(loc, Msg("answers.unknown_requirement", id=key, catalog=catalog.id),
                                      _suggest(catalog, key)))
            continue
        if rid in claimed:
            errors.append(AnswerError(loc, Msg("answers.duplicate_answer", key=key, other=claimed[rid], id=rid),
                                      Msg("answers.duplicate_answer.hint")))
            continue
        claimed[rid] = key
        given = answer or Answer()
        errors += _check_answer(catalog.by_id[rid], given, loc)
        res.answers[rid] = (key, given)
    return res, errors


def _unreachable(catalog: Catalog, own: Catalog, bridge: dict[str, str], scope: Scope,
                 via_crosswalk: bool) -> list[AnswerError]:
    reached = set(bridge.values())
    missing = [rid for rid in scope.ids if rid not in reached]
    if not missing:
        return []
    listed: Msg = (Msg("answers.unreachable.list_more", ids=missing[:12], count=len(missing)) if len(missing) > 12
                   else Msg("answers.unreachable.list", ids=missing))
    crosswalk = via_crosswalk or {own.id, catalog.id} == {REV2, "nist-800-171r3"}
    how = Msg("answers.unreachable.crosswalk" if crosswalk else "answers.unreachable.no_equivalent", own=own.id)
    need = Msg("answers.unreachable.sprs" if scope.sprs else "answers.unreachable.profile")
    return [AnswerError(
        ("profile",),
        Msg("answers.unreachable", own=own.id, catalog=catalog.id, need=need, how=how, listed=listed),
        Msg("answers.unreachable.hint", own=own.id, catalog=catalog.id))]


def _crosswalked(own_req: Requirement, answer: Answer) -> Answer | None:
    """An answer carried across the crosswalk: the status it gives its own requirement, with the narrative,
    evidence, owner and plan. Objective findings and ODP values belong to the other revision and stay."""
    status, _ = evaluate(own_req, answer)
    if status == "not_assessed":
        return None
    return Answer(status=status, narrative=answer.narrative, evidence=list(answer.evidence), owner=answer.owner,
                  planned_measure=answer.planned_measure, target_date=answer.target_date)


def _suggest(catalog: Catalog, key: str) -> Msg | None:
    """A hint for an unknown key: the right spelling of the same NIST number if there is one (e.g.
    PE.L2-3.10.3 → PE.L1-3.10.3), else the closest ID."""
    m = re.search(r"(\d+\.\d+\.\d+)$", key)
    if m and m.group(1) in catalog.alias_index and m.group(1) != key:
        rid = catalog.alias_index[m.group(1)]
        spellings = [rid, *catalog.by_id[rid].aliases]
        prefix = key[: m.start()]
        best = next((s for s in spellings if prefix and s.startswith(prefix[:2])), rid)
        return Msg("hint.did_you_mean", word=best)
    return did_you_mean(key, catalog.alias_index)


def _check_answer(req: Requirement, answer: Answer, loc: tuple[PathPart, ...]) -> list[AnswerError]:
    errors: list[AnswerError] = []
    index = objective_index(req)
    for key in answer.objectives:
        if key not in index:
            valid = [objective_key(req.id, o.id) for o in req.objectives]
            listing = Msg("answers.valid_objectives", valid=valid) if valid else Msg("answers.no_objectives")
            near = did_you_mean(key, valid)
            errors.append(AnswerError((*loc, "objectives", key),
                                      Msg("answers.unknown_objective", id=req.id, key=key),
                                      Msg("hint.two", first=near, second=listing) if near else listing))
    odps = odp_index(req)
    for key in answer.odp_values:
        if key not in odps:
            errors.append(AnswerError((*loc, "odp_values", key), Msg("answers.unknown_odp", id=req.id, key=key),
                                      did_you_mean(key, odps) or (
                                          Msg("answers.valid_odps", valid=[o.id for o in req.odps]) if req.odps
                                          else Msg("answers.no_odps"))))
    if answer.partial_credit is not None:
        errors += _check_partial_credit(req, answer, (*loc, "partial_credit"))
    if answer.status and answer.objectives and not errors:
        rolled = roll_up(req, answer)
        if rolled is not None and answer.status not in COMPATIBLE[rolled]:
            detail = [Msg("answers.finding", key=k, value=v) if v else Msg("answers.finding_unanswered", key=k)
                      for k, v in answer.objectives.items()]
            errors.append(AnswerError(
                (*loc, "status"),
                Msg("answers.status_contradicts", status=answer.status, detail=detail, rolled=rolled),
                Msg("answers.status_contradicts.hint", choices=list(COMPATIBLE[rolled]))))
    return errors


def rev2_id(req: Requirement) -> str | None:
    """The NIST SP 800-171 Rev.2 requirement ``req`` is (itself, or its equivalent)."""
    if req.weight is not None:
        return req.id
    return next((m.id for m in req.mappings if m.catalog == REV2 and m.relation == "equivalent"), None)


def _check_partial_credit(req: Requirement, answer: Answer, loc: tuple[PathPart, ...]) -> list[AnswerError]:
    expected = PARTIAL_CREDIT.get(rev2_id(req) or "")
    choices = [f"{v} ({k})" for k, v in PARTIAL_CREDIT.items()]
    if expected is None:
        return [AnswerError(loc, Msg("answers.no_partial_credit", id=req.id),
                            Msg("answers.no_partial_credit.hint", choices=choices))]
    if answer.partial_credit != expected:
        return [AnswerError(loc, Msg("answers.wrong_partial_case", value=answer.partial_credit, id=req.id),
                            Msg("answers.wrong_partial_case.hint", expected=expected))]
    status = answer.status or roll_up(req, answer)
    if status != "partially_implemented":
        return [AnswerError(loc, Msg("answers.partial_needs_status", status=status) if status
                            else Msg("answers.partial_needs_status_none"), Msg("answers.partial_needs_status.hint"))]
    needed = PARTIAL_CASE.get(rev2_id(req) or "", ())
    found = {objective_key(req.id, oid): v for oid, v in findings(req, answer).items()}
    # Only findings that were made can contradict the record: objectives left empty (as `init` writes them)
    # say nothing, so the recorded partial case stands.
    refuting = [k for k in needed if found.get(k) not in (None, "met")]
    if refuting:
        return [AnswerError(loc, Msg("answers.partial_contradicts", expected=expected,
                                     found=[Msg("answers.finding", key=k, value=found[k]) for k in refuting],
                                     needed=list(needed)),
                            Msg("answers.partial_contradicts.hint"))]
    return []


COMPATIBLE: dict[str, tuple[str, ...]] = {
    "implemented": ("implemented",),
    "not_applicable": ("not_applicable", "implemented"),
    "partially_implemented": ("partially_implemented", "planned"),
    "not_implemented": ("not_implemented", "planned"),
}


def findings(req: Requirement, answer: Answer) -> dict[str, Finding | None]:
    """Objective ID → finding (None when unanswered), for every objective of the requirement."""
    index = objective_index(req)
    out: dict[str, Finding | None] = {o.id: None for o in req.objectives}
    for key, value in answer.objectives.items():
        if key in index:
            out[index[key]] = value
    return out


def roll_up(req: Requirement, answer: Answer) -> EffectiveStatus | None:
    """The status the objective findings give, or None when no objective is answered."""
    values = list(findings(req, answer).values())
    if not any(v is not None for v in values):
        return None
    met = sum(1 for v in values if v == "met")
    open_ = sum(1 for v in values if v in (None, "not_met"))
    if open_ == 0:
        return "implemented" if met else "not_applicable"
    return "partially_implemented" if met else "not_implemented"


# --- per-requirement evaluation -----------------------------------------------------------------


StatusSource = Literal["answer", "objectives", "absent"]


def evaluate(req: Requirement, answer: Answer | None) -> tuple[EffectiveStatus, StatusSource]:
    if answer is None:
        return "not_assessed", "absent"
    if answer.status is not None:
        return answer.status, "answer"
    rolled = roll_up(req, answer)
    if rolled is not None:
        return rolled, "objectives"
    return "not_assessed", "absent"


MET: tuple[EffectiveStatus, ...] = ("implemented", "not_applicable")


def status_reasons(req: Requirement, status: EffectiveStatus, answer: Answer | None) -> list[Reason]:
    reasons: list[Reason] = []
    if status == "not_assessed":
        reasons.append(Reason(code="not-assessed", text=T(
            "回答がないため、未実施として扱う。", "Not answered: counted as not implemented.")))
        return reasons
    if answer is not None and answer.objectives:
        open_ = [objective_key(req.id, oid) for oid, v in findings(req, answer).items() if v in (None, "not_met")]
        if open_ and status not in MET:
            keys = ", ".join(open_)
            reasons.append(Reason(code="objectives-not-met", text=T(
                f"評価目標{keys}が満たされていない。",
                f"Objective{'s' if len(open_) > 1 else ''} {keys} not met.")))
    if status == "partially_implemented":
        reasons.append(Reason(code="partially-implemented", text=T(
            "一部のみ実施されており、要件としては未実施である。",
            "Only partly implemented: the requirement is not met.")))
    elif status == "planned":
        # the target date is the answer's own field, shown where each output shows dates (and in its style):
        # a date written into this sentence would be a second date style in the same report row
        dated = bool(answer and answer.target_date)
        reasons.append(Reason(code="planned", text=T(
            "実装予定であり、計画は実施済みとはみなされない。" if dated else
            "目標日が定まっておらず、計画は実施済みとはみなされない。",
            "Planned; a plan never counts as implemented." if dated else
            "Planned, without a target date; a plan never counts as implemented.")))
    elif status == "not_implemented":
        reasons.append(Reason(code="not-implemented", text=T("実施されていない。", "Not implemented.")))
    return reasons


def has_plan(answer: Answer | None) -> bool:
    return answer is not None and answer.target_date is not None


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


PARTIAL_CASE: dict[str, tuple[str, ...]] = {"3.5.3": ("a", "b", "c")}
"""Objectives that show the partial case: 3.5.3 gives −3 only when MFA is in place for privileged accounts,
local and network ([a] to [c]) and missing for the general user ([d]) (DoD AM 5.e.i). 3.13.11 has a single
objective, which cannot tell 'no encryption' from 'encryption not FIPS-validated': only
``partial_credit: encryption_not_fips_validated`` records its partial case (DoD AM 5.e.ii)."""

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
    deductions.sort(key=lambda d: (-d.points, _order(rev2, d.id)))
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
deduction when remote access, wireless access or the connection of mobile devices is not permitted."""


def _na_basis(req: Requirement) -> Reason:
    """Why a justified 'not applicable' costs nothing."""
    if req.weight is not None and req.weight.na_condition is not None:
        cond = req.weight.na_condition
        return Reason(code="na-condition", text=T(
            f"該当なし：DoD評価方法論付属書Aの条件による（{cond.ja}）。理由は回答に記載されている。",
            f"Not applicable under the DoD Assessment Methodology's own condition (Annex A: {cond.en}); the "
            "answer states the reason."))
    return Reason(code="na-justified", text=T(
        "該当なし：回答に理由が記載されているため減点しない。DoD評価方法論が自ら該当なしを定めるのは3.1.12、"
        "3.1.13、3.1.16、3.1.17及び3.1.18に限られ、その他の要件の該当なしは、評価者が認めた場合（CMMCでは評価目標の"
        "該当なしは達成とみなす。32 CFR 170.24(b)(3)）又はDoD CIOが該当なしと認めSSPに記録した場合（5.j）に限り"
        "実施済みとして扱われる。根拠を確認すること。",
        "Not applicable with a stated reason: no deduction. The DoD Assessment Methodology names 'not "
        "applicable' itself only for 3.1.12, 3.1.13, 3.1.16, 3.1.17 and 3.1.18; elsewhere it counts as "
        "implemented only when the assessor accepts it (CMMC scores a not-applicable objective as met, "
        "32 CFR 170.24(b)(3)) or the DoD CIO approved it and the SSP records it (5.j). Check the basis."))


def _na_reason(req: Requirement, points: int) -> Reason:
    """Why an unjustified 'not applicable' is scored not implemented."""
    return Reason(code="na-without-justification", text=T(
        f"「該当なし」の理由（narrative）が記載されていないため、未実施として扱う（{points}点）。該当なしで減点しない"
        "のは理由を述べた場合に限る（3.1.12、3.1.13、3.1.16、3.1.17、3.1.18は付属書Aの条件、その他はSSPに記録した"
        "根拠。DoD評価方法論5.j、32 CFR 170.24(b)(3)）。",
        f"'Not applicable' without a stated reason (narrative) is scored not implemented ({points} points). Not "
        "applicable costs nothing only with its reason: Annex A's condition for 3.1.12, 3.1.13, 3.1.16, 3.1.17 "
        "and 3.1.18, a basis recorded in the SSP elsewhere (DoD Assessment Methodology 5.j; 32 CFR "
        "170.24(b)(3))."))


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


def _order(catalog: Catalog, rid: str) -> int:
    for i, r in enumerate(catalog.requirements):
        if r.id == rid:
            return i
    return len(catalog.requirements)


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


# --- conformance and coverage ---------------------------------------------------------------------


def counts(statuses: Iterable[EffectiveStatus]) -> dict[str, object]:
    items = list(statuses)
    by = {s: items.count(s) for s in EFFECTIVE_STATUSES}
    applicable = len(items) - by["not_applicable"]
    implemented = by["implemented"]
    return {"implemented": implemented, "total": len(items), "applicable": applicable,
            "ratio": round(implemented / applicable, 4) if applicable else None, "by_status": by}


OVERLAP = "overlap"
"""Tag of a catalog item whose topic other items of the same catalog already cover (ATLA ORG-10 and
SYS-3.3.5/SYS-3.14.6): it is answered and reported, and left out of the conformance counts so that the
topic counts once."""


def conformance(catalog: Catalog, all_results: list[RequirementResult], date: dt.date) -> Conformance:
    results = [r for r in all_results if OVERLAP not in r.tags]
    cats = []
    for fam in catalog.families:
        members = [r.status for r in results if r.family == fam.id]
        if members:
            cats.append(CategoryConformance(id=fam.id, abbrev=fam.abbrev, title=fam.title, **counts(members)))
    org = [r.status for r in results if "organizational" in r.tags]
    tech = [r.status for r in results if "technical" in r.tags]
    planned = sorted(
        (PlannedItem(id=r.id, status=r.status, target_date=r.target_date, owner=r.owner,
                     overdue=bool(r.target_date and r.target_date < date))
         for r in all_results if not r.met and r.target_date is not None),
        key=lambda p: (p.target_date or dt.date.max, p.id))
    return Conformance(**counts(r.status for r in results),
                       categories=cats,
                       organizational=Counts(**counts(org)) if org else None,
                       technical=Counts(**counts(tech)) if tech else None,
                       planned=planned,
                       not_counted=[r.id for r in all_results if OVERLAP in r.tags])


def coverage(results: list[RequirementResult]) -> Coverage:
    applicable = [r for r in results if r.status != "not_applicable"]
    met = sum(1 for r in applicable if r.met)
    objectives_total = sum(len(r.objectives) for r in results)
    objectives_met = sum(
        len(r.objectives) if r.status in MET and r.status_source == "answer"
        else sum(1 for o in r.objectives if o.finding in ("met", "not_applicable"))
        for r in results)
    undefined = [o for r in results for o in r.undefined_odps]
    total_odps = sum(len(r.odp_values) + len(r.undefined_odps) for r in results)
    return Coverage(requirements_met=met, requirements_applicable=len(applicable),
                    ratio=round(met / len(applicable), 4) if applicable else None,
                    objectives_met=objectives_met, objectives_total=objectives_total,
                    odps_defined=total_odps - len(undefined), odps_total=total_odps, undefined_odps=undefined)


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
    results, sp, cm, dod_issues = _dod_scores(profile, catalog, rev2, results, resolved, len(chosen), date)
    issues += dod_issues
    scores = Scores(conformance=conformance(catalog, results, date), sprs=sp, cmmc=cm)
    if "coverage" in profile.scoring:
        scores = scores.model_copy(update={"coverage": coverage(results)})
    gaps = [r.id for r in sorted(
        (r for r in results if not r.met),
        key=lambda r: (-(r.deduction or 0), 0 if "derived" not in r.tags else 1, _order(catalog, r.id)))]
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


def _dod_scores(profile: Profile, catalog: Catalog, rev2: Catalog | None, results: list[RequirementResult],
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
                f"{req.id}の評価目標{', '.join(missing)}が未回答であり、未達として扱う。",
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
