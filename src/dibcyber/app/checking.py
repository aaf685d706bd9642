"""The `check` use case: assess one answers file, compare it with a baseline, apply the gates, and say
which of them decide the exit code (``--fail-on``).

A team adopting dibcyber in CI wants pull requests to fail only when compliance gets worse, and release
branches to fail on the profile's gates. So every gate is always evaluated and reported, and ``fail_on``
chooses which ones are *enforced*:

- ``regression``: the baseline gate (a requirement that was met no longer is, or a score dropped) and the
  evidence gate (a file that was proven is missing or changed): what a change can break;
- ``gates``: every gate except the baseline: the compliance level the profile and options demand;
- ``both`` (the default): all of them.

Returns models; prints nothing. The CLI loops over several files and maps the worst outcome to the exit
code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dibcyber.errors import Msg, UsageError
from dibcyber.models.base import Lang
from dibcyber.models.check import Comparison, GateOutcome
from dibcyber.models.evidence import EvidenceReport
from dibcyber.models.result import Result

if TYPE_CHECKING:
    from dibcyber.io.registry import Registry
    from dibcyber.models.profile import Profile

FailOn = Literal["regression", "gates", "both"]
ENFORCED: dict[str, frozenset[str] | None] = {
    "both": None,  # every gate
    "regression": frozenset({"baseline", "evidence"}),
    "gates": frozenset({"min-sprs", "min-conformance", "require", "require-cmmc-conditional", "evidence",
                        "min-evidence-coverage", "scan-contradiction"}),
}

BASELINE_GITHUB = '--baseline "git:origin/${{ github.base_ref }}"'
BASELINE_GITLAB = '--baseline "git:origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"'
BASELINE_GITLAB_RULE = 'rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event"'
BASELINE_VARIABLES = Msg("ci.baseline_variables", github=BASELINE_GITHUB, gitlab=BASELINE_GITLAB,
                         rule=BASELINE_GITLAB_RULE)
"""Where the baseline comes from in each CI system (a hint)."""


@dataclass(frozen=True)
class CheckRequest:
    """The options of one `check` run, as the command line gave them."""

    min_sprs: int | None = None
    min_conformance: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    require_cmmc_conditional: bool = False
    baseline: str | None = None
    evidence: bool = False
    max_evidence_age: int | None = None
    min_evidence_coverage: float | None = None
    fail_on_scan_contradiction: bool = False
    profile: str | None = None
    lang: Lang | None = None
    default_lang: Lang = "en"
    fail_on: FailOn = "both"
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class CheckRun:
    """One answers file checked."""

    answers: Path
    result: Result
    lines: dict[str, int]
    outcomes: list[GateOutcome]
    comparison: Comparison | None = None
    evidence: EvidenceReport | None = None

    @property
    def passed(self) -> bool:
        """Every enforced gate passed (the others are reported, not counted)."""
        return all(o.passed for o in self.outcomes if o.enforced)

    def document(self) -> dict[str, Any]:
        """The JSON of ``check --format json`` for this file: the result plus gates, baseline and evidence."""
        doc = self.result.model_dump(mode="json")
        doc["file"] = str(self.answers)
        doc["gates"] = [o.model_dump(mode="json") for o in self.outcomes]
        doc["passed"] = self.passed
        if self.comparison:
            doc["baseline"] = self.comparison.model_dump(mode="json")
        if self.evidence:
            doc["evidence"] = self.evidence.model_dump(mode="json")
        return doc


def thresholds(items: tuple[str, ...], default: float | None) -> tuple[float | None, dict[str, float]]:
    """``--min-conformance`` values: a ratio (overall) or FAMILY=RATIO, each between 0 and 1."""
    overall, per_family = default, {}
    for item in items:
        name, _, value = item.rpartition("=")
        try:
            ratio = float(value)
        except ValueError:
            raise UsageError(Msg("ci.conformance_not_number", item=item), hint=Msg("ci.conformance.hint")) from None
        if not 0 <= ratio <= 1:
            raise UsageError(Msg("ci.conformance_range", item=item))
        if name:
            per_family[name] = ratio
        else:
            overall = ratio
    return overall, per_family


def vet_baseline(spec: str | None, fail_on: FailOn, files: int) -> None:
    """Refuse a baseline that cannot mean anything before any file is read: an empty git reference (what
    an unset CI variable leaves, e.g. 'git:origin/'), one FILE for several answers files, or regression
    mode without a baseline."""
    if spec is None:
        if fail_on == "regression":
            raise UsageError(Msg("ci.regression_needs_baseline"), hint=Msg("ci.example.hint",
                                                                            example=BASELINE_VARIABLES))
        return
    if spec.startswith("git:"):
        ref = spec[4:].partition(":")[0]
        if not ref.strip() or ref.endswith("/") or ref.strip() in ("origin", "refs/heads"):
            raise UsageError(Msg("ci.baseline_no_revision", spec=spec), hint=BASELINE_VARIABLES)
    elif files > 1:
        raise UsageError(Msg("ci.baseline_file_many"), hint=Msg("ci.baseline_file_many.hint"))


def spec_for(prof: Profile, req: CheckRequest) -> Any:
    from dibcyber.engine import gates

    overall, per_family = thresholds(req.min_conformance, prof.gates.min_conformance)
    return gates.GateSpec(
        min_sprs=req.min_sprs if req.min_sprs is not None else prof.gates.min_sprs,
        min_conformance=overall, category_conformance=per_family,
        require=tuple(req.require or prof.gates.require),
        require_cmmc_conditional=req.require_cmmc_conditional or prof.gates.require_cmmc_conditional,
        baseline=req.baseline is not None,
        evidence=req.evidence or req.max_evidence_age is not None or prof.gates.evidence,
        min_evidence_coverage=(req.min_evidence_coverage if req.min_evidence_coverage is not None
                               else prof.gates.min_evidence_coverage),
        scan_contradictions=req.fail_on_scan_contradiction or prof.gates.fail_on_scan_contradiction)


def run(reg: Registry, answers: Path, req: CheckRequest) -> CheckRun:
    """Assess ``answers``, compare it with the baseline, evaluate every gate and mark the enforced ones."""
    from dibcyber.app import pipeline
    from dibcyber.engine import gates

    loaded = pipeline.load_answers(answers)
    prof = pipeline.profile_for(reg, loaded, req.profile)
    result, lines = pipeline.assess_with_lines(reg, loaded, profile=req.profile, lang=req.lang,
                                               default_lang=req.default_lang)
    spec = spec_for(prof, req)
    comparison = _compare(reg, answers, result, req, prof.id) if req.baseline is not None else None
    report = None
    if spec.evidence:
        from dibcyber.app import evidence as ev

        report = ev.check(loaded.answers, answers, req.today,
                          req.max_evidence_age or prof.gates.evidence_max_age_days, text=loaded.text)
    enforced = ENFORCED[req.fail_on]
    outcomes = [o.model_copy(update={"enforced": enforced is None or o.gate in enforced})
                for o in gates.evaluate(result, spec, comparison, report)]
    return CheckRun(answers, result, lines, outcomes, comparison, report)


def _compare(reg: Registry, answers: Path, result: Result, req: CheckRequest, profile: str) -> Comparison | None:
    from dibcyber.app import pipeline
    from dibcyber.engine import compare
    from dibcyber.io.gitio import NotAtRevision

    assert req.baseline is not None
    try:
        before_loaded = pipeline.load_spec(req.baseline, answers)
    except NotAtRevision:
        return None  # a new file: nothing to regress from
    before = pipeline.assess(reg, before_loaded, profile=req.profile or profile, lang=result.language)
    return compare.compare(before, result, req.baseline, str(answers))
