"""Resolving answers onto a catalog, and evaluating each requirement: pure functions from (catalog, answers)
to the answers keyed by requirement, the problems found in them, and each requirement's status.

No I/O, no clock, no printing. Rules and their sources:

- Objective roll-up (SP 800-171A; CMMC counts N/A as met, 32 CFR 170.24(b)(3)): all met or N/A →
  implemented; some met → partially implemented; none met → not implemented. Unanswered objectives
  count as not met.
- Answers of another catalog: through equivalent requirements (ATLA ↔ Rev.2), else through the one-to-one
  links of the Rev.2 ↔ Rev.3 crosswalk; refused when the profile needs a requirement neither reaches.
- A recorded ``partial_credit`` must fit the requirement and its objective findings (``PARTIAL_CASE``, DoD
  Assessment Methodology 5.e); what the partial case is worth is the SPRS score's, in ``sprs``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

from dibcyber.engine.checks import did_you_mean, selected
from dibcyber.errors import Msg, PathPart
from dibcyber.models.answers import PARTIAL_CREDIT, Answer, Answers, Finding
from dibcyber.models.base import Text
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.profile import Profile
from dibcyber.models.result import EffectiveStatus, Reason

REV2 = "nist-800-171r2"


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


def catalog_order(catalog: Catalog, rid: str) -> int:
    """The position of requirement ``rid`` in ``catalog`` (after the last one when it is not there)."""
    for i, r in enumerate(catalog.requirements):
        if r.id == rid:
            return i
    return len(catalog.requirements)


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


PARTIAL_CASE: dict[str, tuple[str, ...]] = {"3.5.3": ("a", "b", "c")}
"""Objectives that show the partial case: 3.5.3 gives −3 only when MFA is in place for privileged accounts,
local and network ([a] to [c]) and missing for the general user ([d]) (DoD AM 5.e.i). 3.13.11 has a single
objective, which cannot tell 'no encryption' from 'encryption not FIPS-validated': only
``partial_credit: encryption_not_fips_validated`` records its partial case (DoD AM 5.e.ii)."""


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
