"""Property tests of the scoring engine over random answer sets (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dibcyber.engine.resolve import MET, objective_key, resolve, roll_up
from dibcyber.engine.sprs import Rev2State, cmmc, sprs
from dibcyber.io.registry import Registry
from dibcyber.models.answers import STATUSES, Answer, Answers
from dibcyber.models.catalog import Catalog

REG = Registry()
REV2: Catalog = REG.catalog("nist-800-171r2")
IDS = [r.id for r in REV2.requirements]
EFFECTIVE = [*STATUSES, "not_assessed"]

PARTIAL = ["shown", "recorded", "refuted", "unknown"]
states_st = st.fixed_dictionaries({
    rid: st.builds(Rev2State, st.sampled_from(EFFECTIVE), st.booleans(), st.sampled_from(PARTIAL), st.booleans())
    for rid in IDS
})
settings.register_profile("dibcyber", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("dibcyber")


def with_ssp(states: dict[str, Rev2State]) -> dict[str, Rev2State]:
    return {**states, "3.12.4": Rev2State("implemented", False)}


@given(states_st)
def test_score_within_bounds_and_explained(states: dict[str, Rev2State]) -> None:
    score = sprs(REV2, states)
    if states["3.12.4"].status != "implemented":
        assert score.value is None and score.reason is not None
    else:
        assert score.value is not None
        assert -203 <= score.value <= 110
        assert score.value == 110 - sum(d.points for d in score.deductions)
    assert len({d.id for d in score.deductions}) == len(score.deductions)  # each requirement at most once
    assert all(d.reason.text.ja and d.reason.text.en for d in score.deductions)
    for d in score.deductions:
        if d.id != "3.12.2":  # only what is not implemented, or 'not applicable' without a reason, loses points
            assert states[d.id].status not in MET or not states[d.id].justified


def test_all_implemented_is_110() -> None:
    score = sprs(REV2, {rid: Rev2State("implemented", False) for rid in IDS})
    assert score.value == 110
    assert score.deductions == []


def test_nothing_but_the_ssp_is_the_minimum() -> None:
    score = sprs(REV2, with_ssp({rid: Rev2State("not_implemented", False) for rid in IDS}))
    assert score.value == -203


@given(states_st, st.sampled_from(IDS), st.sampled_from(["implemented", "not_applicable"]))
def test_implementing_or_na_never_lowers_the_score(states: dict[str, Rev2State], rid: str, better: str) -> None:
    """Implementing one more requirement, or finding it not applicable, never lowers the score."""
    if rid == "3.12.4":
        return  # the SSP decides whether there is a score at all
    states = with_ssp(states)
    before = sprs(REV2, states).value
    after = sprs(REV2, {**states, rid: Rev2State(better, states[rid].plan)}).value  # type: ignore[arg-type]
    assert before is not None and after is not None
    assert after >= before


@given(states_st, st.sampled_from(IDS))
def test_unjustified_not_applicable_costs_what_not_implemented_costs(states: dict[str, Rev2State], rid: str) -> None:
    """'Not applicable' costs nothing only with a stated reason; without one it is not implemented."""
    states = with_ssp(states)
    if rid in ("3.12.4", "3.12.2"):  # the SSP decides whether there is a score; 3.12.2 has its own rule
        return
    plan = states[rid].plan
    na = sprs(REV2, {**states, rid: Rev2State("not_applicable", plan, justified=False)})
    not_impl = sprs(REV2, {**states, rid: Rev2State("not_implemented", plan)})
    assert na.value == not_impl.value
    assert [d.id for d in na.deductions] == [d.id for d in not_impl.deductions]
    justified = sprs(REV2, {**states, rid: Rev2State("not_applicable", plan)})
    assert rid not in {d.id for d in justified.deductions}
    assert rid in {e.id for e in justified.not_applicable}


@given(states_st, st.sampled_from(["3.5.3", "3.13.11"]), st.sampled_from(PARTIAL), st.booleans())
def test_partial_credit_only_when_shown_or_recorded(states: dict[str, Rev2State], rid: str, partial: str,
                                                    plan: bool) -> None:
    """A partial implementation of 3.5.3 or 3.13.11 loses 3 points only when its case is shown by the
    objectives or recorded, else the full 5; and only the 3-point 3.13.11 may sit on a POA&M."""
    states = with_ssp({**states, rid: Rev2State("partially_implemented", plan, partial)})  # type: ignore[arg-type]
    score = sprs(REV2, states)
    lost = {d.id: d.points for d in score.deductions}
    assert lost[rid] == (3 if partial in ("shown", "recorded") else 5)
    status = cmmc(REV2, score, states, dt.date(2026, 11, 1))
    assert (rid in status.poam) == (rid == "3.13.11" and lost[rid] == 3)


@given(states_st, st.sampled_from(IDS))
def test_a_plan_never_raises_a_requirement_to_implemented(states: dict[str, Rev2State], rid: str) -> None:
    states = with_ssp({**states, rid: Rev2State("not_implemented", False)})
    planned = sprs(REV2, {**states, rid: Rev2State("planned", True)})
    lost = {d.id: d.points for d in planned.deductions}
    weight = REV2.by_id[rid].weight
    if weight and weight.value:
        assert lost.get(rid) == weight.value


@given(states_st)
def test_conditional_status_needs_88_and_eligible_items(states: dict[str, Rev2State]) -> None:
    states = with_ssp(states)
    score = sprs(REV2, states)
    status = cmmc(REV2, score, states, dt.date(2026, 11, 1))
    if status.conditional:
        assert score.value is not None and score.value >= 88
        for d in score.deductions:
            rule = REV2.by_id[d.id].cmmc.poam  # type: ignore[union-attr]
            assert rule == "eligible" or (rule == "partial_only" and d.points == 3)
            assert d.id not in {"3.1.20", "3.1.22", "3.12.4", "3.10.3", "3.10.4", "3.10.5"}
        assert status.closeout_due == dt.date(2027, 4, 30) or status.final
    else:
        assert status.blockers
    assert status.final == (score.value == 110)


findings_st = st.sampled_from(["met", "not_met", "not_applicable", None])


@given(st.sampled_from([r for r in REV2.requirements if r.objectives]), st.data())
def test_objective_roll_up(req: Any, data: st.DataObject) -> None:
    values = {objective_key(req.id, o.id): data.draw(findings_st) for o in req.objectives}
    answer = Answer(objectives=values)
    rolled = roll_up(req, answer)
    present = [v for v in values.values() if v is not None]
    if not present:
        assert rolled is None
        return
    all_values = list(values.values())
    if all(v in ("met", "not_applicable") for v in all_values):
        assert rolled == ("implemented" if "met" in all_values else "not_applicable")
    elif "met" in all_values:
        assert rolled == "partially_implemented"
    else:
        assert rolled == "not_implemented"
    # the status the objectives give is always accepted as an explicit status
    answers = Answers.model_validate({
        "format": "dibcyber/answers@1", "profile": "x", "organization": {"name": "x"},
        "assessment": {"date": "2026-11-01"}, "requirements": {req.id: {"status": rolled, "objectives": values}}})
    assert resolve(REV2, answers)[1] == []
    # and "implemented" is refused whenever an objective is open
    if rolled not in {"implemented", "not_applicable"}:
        wrong = answers.model_copy(update={"requirements": {req.id: Answer(status="implemented", objectives=values)}})
        assert [e.loc[-1] for e in resolve(REV2, wrong)[1]] == ["status"]
