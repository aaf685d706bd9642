"""CI gates: pure functions from a result (and a comparison, and an evidence report) to outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field

from dibcyber.engine.resolve import T
from dibcyber.models.check import Comparison, GateOutcome
from dibcyber.models.evidence import EvidenceReport
from dibcyber.models.result import RequirementResult, Result


@dataclass(frozen=True)
class GateSpec:
    min_sprs: int | None = None
    min_conformance: float | None = None
    category_conformance: dict[str, float] = field(default_factory=dict)
    require: tuple[str, ...] = ()
    require_cmmc_conditional: bool = False
    baseline: bool = False
    evidence: bool = False
    min_evidence_coverage: float | None = None
    scan_contradictions: bool = False
    """Fail where a scanner rule failed on a requirement answered 'implemented' (``import xccdf``)."""

    def any(self) -> bool:
        return bool(self.min_sprs is not None or self.min_conformance is not None or self.category_conformance
                    or self.require or self.require_cmmc_conditional or self.baseline or self.evidence
                    or self.min_evidence_coverage is not None or self.scan_contradictions)


def _matches(r: RequirementResult, item: str) -> bool:
    return item == r.id or item in r.tags or item in r.nist_ids or item in r.aliases


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def evaluate(result: Result, spec: GateSpec, comparison: Comparison | None = None,
             evidence: EvidenceReport | None = None) -> list[GateOutcome]:
    """One outcome per gate the spec asks for, in a fixed order (SPRS, conformance, required requirements,
    CMMC, baseline, evidence coverage, scan contradictions, evidence files)."""
    out: list[GateOutcome] = []
    if spec.min_sprs is not None:
        out.append(_sprs_gate(result, spec.min_sprs))
    out += _conformance_gates(result, spec)
    out += [_require_gate(result, item) for item in spec.require]
    if spec.require_cmmc_conditional:
        out.append(_cmmc_gate(result))
    if spec.baseline and comparison is not None:
        out.append(_baseline_gate(comparison))
    if spec.min_evidence_coverage is not None:
        out.append(_coverage_gate(result, spec.min_evidence_coverage))
    if spec.scan_contradictions:
        out.append(_scan_gate(result))
    if spec.evidence and evidence is not None:
        bad = evidence.problems
        out.append(GateOutcome(
            gate="evidence", passed=not bad,
            requirements=sorted({i.requirement for i in bad}),
            text=T(f"証跡の問題{len(bad)}件" if bad else "証跡に問題なし",
                   f"{len(bad)} evidence problems" if bad else "evidence valid")))
    return out


def _sprs_gate(result: Result, minimum: int) -> GateOutcome:
    sp = result.scores.sprs
    value = sp.value if sp else None
    lost = [r.id for r in sorted(result.requirements, key=lambda r: -(r.deduction or 0)) if r.deduction]
    return GateOutcome(
        gate="min-sprs", passed=value is not None and value >= minimum, requirements=lost,
        text=T(f"SPRSスコア{value if value is not None else '算出不可'}（最低{minimum}）",
               f"SPRS score {value if value is not None else 'none'} (minimum {minimum})"))


def _conformance_gates(result: Result, spec: GateSpec) -> list[GateOutcome]:
    """Overall conformance, then each family named (by ID or abbreviation)."""
    out: list[GateOutcome] = []
    conf = result.scores.conformance
    if spec.min_conformance is not None:
        ok = conf.ratio is not None and conf.ratio >= spec.min_conformance
        out.append(GateOutcome(
            gate="min-conformance", passed=ok, requirements=[] if ok else list(result.gaps),
            text=T(f"適合率 {_pct(conf.ratio)}（最低 {_pct(spec.min_conformance)}）",
                   f"conformance {_pct(conf.ratio)} (minimum {_pct(spec.min_conformance)})")))
    cats = {c.id: c for c in conf.categories}
    abbrevs = {c.abbrev.casefold(): c.id for c in conf.categories if c.abbrev}
    for name, minimum in spec.category_conformance.items():
        cid = name if name in cats else abbrevs.get(name.casefold(), name)
        cat = cats.get(cid)
        if cat is None:
            out.append(GateOutcome(gate="min-conformance", passed=False, text=T(
                f"分類{name}はこの評価にない", f"family {name} is not part of this assessment")))
            continue
        ok = cat.ratio is not None and cat.ratio >= minimum
        members = [r.id for r in result.requirements if r.family == cid and not r.met]
        out.append(GateOutcome(
            gate="min-conformance", passed=ok, requirements=[] if ok else members,
            text=T(f"{cid} の適合率 {_pct(cat.ratio)}（最低 {_pct(minimum)}）",
                   f"{cid} conformance {_pct(cat.ratio)} (minimum {_pct(minimum)})")))
    return out


def _require_gate(result: Result, item: str) -> GateOutcome:
    matched = [r for r in result.requirements if _matches(r, item)]
    missing = [r.id for r in matched if not r.met]
    return GateOutcome(
        gate="require", passed=bool(matched) and not missing, requirements=missing,
        text=T(f"{item} は全て実施済みであること（{len(matched) - len(missing)}/{len(matched)}）",
               f"{item} must be implemented ({len(matched) - len(missing)}/{len(matched)})")
        if matched else T(f"{item}に該当する要件がない", f"no requirement matches {item}"))


def _cmmc_gate(result: Result) -> GateOutcome:
    cm = result.scores.cmmc
    return GateOutcome(
        gate="require-cmmc-conditional", passed=bool(cm and cm.conditional),
        requirements=[b.id for b in cm.blockers if b.id] if cm else [],
        text=T("CMMCレベル2条件付き認証の要件" + ("を満たす" if cm and cm.conditional else "を満たさない"),
               "CMMC Level 2 conditional status " + ("reached" if cm and cm.conditional else "not reached"))
        if cm else T("プロファイルがCMMCを評価しない（cmmc-l2を使う）",
                     "the profile does not score CMMC (use cmmc-l2)"))


def _baseline_gate(comparison: Comparison) -> GateOutcome:
    regressed = [c.id for c in comparison.regressions]
    drops = []
    if comparison.sprs and comparison.sprs.change is not None and comparison.sprs.change < 0:
        drops.append(f"SPRS {comparison.sprs.before:g} → {comparison.sprs.after:g}")
    if comparison.conformance.change is not None and comparison.conformance.change < 0:
        drops.append(f"{_pct(comparison.conformance.before)} → {_pct(comparison.conformance.after)}")
    ok = not regressed and not drops
    detail = "; ".join(drops)
    return GateOutcome(
        gate="baseline", passed=ok, requirements=regressed,
        text=T(f"{comparison.before}から後退していない" if ok else
               f"{comparison.before} から後退した（{len(regressed)} 件{'; ' + detail if detail else ''}）",
               f"no regression from {comparison.before}" if ok else
               f"regressed from {comparison.before} ({len(regressed)} requirements"
               f"{'; ' + detail if detail else ''})"))


def _coverage_gate(result: Result, minimum: float) -> GateOutcome:
    ev = result.scores.evidence
    ratio = ev.ratio if ev else None
    ok = ratio is not None and ratio >= minimum
    uncovered = [r.id for r in result.requirements if r.status == "implemented" and r.evidence_state != "locked"]
    counts = f"{ev.covered}/{ev.implemented}" if ev else "—"
    return GateOutcome(
        gate="min-evidence-coverage", passed=ok, requirements=[] if ok else uncovered,
        text=T(f"証跡カバー率{_pct(ratio)}（{counts}、最低{_pct(minimum)}）",
               f"evidence coverage {_pct(ratio)} ({counts}, minimum {_pct(minimum)})")
        if ev else T("証跡を確認していない（gitのリビジョンから読んだ回答）",
                     "evidence not checked (answers read from a git revision)"))


def _scan_gate(result: Result) -> GateOutcome:
    """Every requirement answered 'implemented' that a scanner rule failed (the scan-contradicts-answer
    issues of the result): the answer or the system needs a person's look."""
    from dibcyber.engine.scoring import SCAN_CONTRADICTION

    ids = [i.requirement for i in result.issues if i.code == SCAN_CONTRADICTION and i.requirement]
    return GateOutcome(
        gate="scan-contradiction", passed=not ids, requirements=ids,
        text=T(f"実施済みの要件でスキャンのルールが不合格：{len(ids)}件" if ids else "スキャン結果と回答に矛盾なし",
               f"{len(ids)} implemented requirement(s) with failed scanned rules" if ids
               else "no scan result contradicts an answer"))
