"""Answers carried across the crosswalks to another profile, and a worklist (``dibcyber migrate``).

Pure: from the source answers (keys resolved to the source catalog), the source and target catalogs and
the target profile, build the target answers and the worklist of what needs a person. Nothing is dropped
silently: every answered source requirement is named by at least one worklist item (``carried`` ones too).

What is carried:
- ``equivalent`` requirements (ATLA SYS items ↔ Rev.2; the same catalog under another profile): the whole
  answer, objective findings included (the objectives are the same);
- one-to-one links across revisions (a Rev.2 requirement whose only Rev.3 link is its successor, and
  which is that Rev.3 requirement's only source): status, narrative, evidence, owner, planned measure and
  target date — not objective findings, since Rev.3's determination statements differ. Each such item is
  on the worklist as ``review``: the text changed and the new statements need assessing;
- several sources to one target (``merged``, e.g. a withdrawn Rev.2 requirement incorporated into another):
  narratives and evidence of all, and the status only when every source has the same one;
- one source to several targets (``split``): the answer to each target, flagged for review.
Not carried, listed: sources without a counterpart (``no_counterpart``: withdrawn without successor, ATLA's
organisational items under a NIST profile), targets without a source (``new``), ODPs without a value
(``odp``), targets the profile does not select (``outside``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dibcyber.engine.resolve import odp_index, roll_up
from dibcyber.i18n import tables
from dibcyber.models.answers import Answer
from dibcyber.models.base import Lang, Text
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.migration import KINDS, SourceAnswer, WorkItem, Worklist
from dibcyber.models.profile import Profile

_CROSS = {"successor", "predecessor", "incorporated_into", "incorporates", "addressed_by", "addresses"}


def links(source: Catalog, target: Catalog, via: Catalog | None = None) -> list[tuple[str, str, str]]:
    """(source ID, target ID, relation as seen from the source) for every link between two catalogs; with
    ``via``, also through it when one side is equivalent to ``via`` (ATLA → Rev.2 → Rev.3)."""
    direct = _direct(source, target)
    if via is None or via.id in (source.id, target.id):
        return direct
    linked = {s for s, _, _ in direct}
    first = [(s, x) for s, x, rel in _direct(source, via) if rel == "equivalent" and s not in linked]
    second: dict[str, list[tuple[str, str]]] = {}
    for x, t, rel in _direct(via, target):
        second.setdefault(x, []).append((t, rel))
    composed = [(s, t, rel) for s, x in first for t, rel in second.get(x, [])]
    if not composed:  # the other way round: Rev.3 → Rev.2 → ATLA
        back = {x: t for t, x, rel in _direct(target, via) if rel == "equivalent"}
        composed = [(s, back[x], rel) for s, x, rel in _direct(source, via) if x in back and s not in linked]
    return direct + composed


def _direct(source: Catalog, target: Catalog) -> list[tuple[str, str, str]]:
    if source.id == target.id:
        return [(r.id, r.id, "equivalent") for r in source.requirements]
    inverse = {"predecessor": "successor", "successor": "predecessor", "incorporates": "incorporated_into",
               "incorporated_into": "incorporates", "addresses": "addressed_by", "addressed_by": "addresses",
               "equivalent": "equivalent"}
    out: dict[tuple[str, str], str] = {}
    for r in source.requirements:
        for m in r.mappings:
            if m.catalog == target.id and m.id in target.by_id and (m.relation in _CROSS or m.relation == "equivalent"):
                out.setdefault((r.id, m.id), m.relation)
    for t in target.requirements:
        for m in t.mappings:
            if m.catalog == source.id and m.id in source.by_id and m.relation in inverse:
                out.setdefault((m.id, t.id), inverse[m.relation])
    return [(s, t, rel) for (s, t), rel in out.items()]


def _t(ja: str, en: str) -> Text:
    return Text(ja=ja, en=en)


def _effective(req: Requirement, a: Answer) -> str | None:
    return a.status or roll_up(req, a)


def _source(rid: str, key: str, a: Answer, req: Requirement) -> SourceAnswer:
    return SourceAnswer(id=rid, key=key, status=_effective(req, a), narrative=a.narrative,
                        target_date=a.target_date.isoformat() if a.target_date else None)


def pivot(source: Catalog, target: Catalog) -> str | None:
    """The catalog to go through when the two are not linked directly: the one either is equivalent to."""
    if _direct(source, target):
        return None
    for cat in (source, target):
        for r in cat.requirements:
            for m in r.mappings:
                if m.relation == "equivalent" and m.catalog not in (source.id, target.id):
                    return m.catalog
    return None


def migrate(answers: dict[str, tuple[str, Answer]], source: Catalog, target: Catalog, profile: Profile,
            selected: list[str], *, source_profile: str, organization: str, via: Catalog | None = None) -> tuple[
                dict[str, dict[str, Any]], dict[str, list[str]], Worklist]:
    """Returns (target ID → answer data, target ID → source IDs it came from, worklist)."""
    run = _Run(answers, source, target, profile)
    for s, t, rel in links(source, target, via):
        run.targets_of.setdefault(s, []).append((t, rel))
        run.sources_of.setdefault(t, []).append((s, rel))
    run.left_out(set(selected))
    for tid in selected:
        run.carry_to(tid)
    order = {k: i for i, k in enumerate(KINDS)}
    position = {rid: i for i, rid in enumerate(target.by_id)}
    source_position = {rid: i for i, rid in enumerate(source.by_id)}
    run.items.sort(key=lambda w: (order[w.kind], position.get(w.target or "", -1),
                                  source_position.get(w.sources[0].id, -1) if w.sources else -1))
    return run.out, run.origin, Worklist(
        source_profile=source_profile, source_catalog=source.id, target_profile=profile.id, target_catalog=target.id,
        organization=organization, carried=run.carried, items=run.items, written=len(run.out))


@dataclass
class _Run:
    """One migration: the crosswalk edges, what is written, and the worklist as it grows."""

    answers: dict[str, tuple[str, Answer]]
    source: Catalog
    target: Catalog
    profile: Profile
    targets_of: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    sources_of: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    out: dict[str, dict[str, Any]] = field(default_factory=dict)
    origin: dict[str, list[str]] = field(default_factory=dict)
    items: list[WorkItem] = field(default_factory=list)
    carried: int = 0

    def left_out(self, in_scope: set[str]) -> None:
        """Answered sources with no counterpart, or whose counterparts the profile does not select."""
        for sid, (key, answer) in self.answers.items():
            here = _source(sid, key, answer, self.source.by_id[sid])
            if sid not in self.targets_of:
                self.items.append(WorkItem(
                    kind="no_counterpart", target=None, sources=[here],
                    detail=_t(f"{self.target.id} に対応する要件がないため、この回答は移行されない。"
                              "内容を確認し、必要なら他の要件の説明に含めること。",
                              f"No counterpart in {self.target.id}: this answer is not carried. Check "
                              "whether its content belongs in another requirement's answer.")))
                continue
            for tid, _ in self.targets_of[sid]:
                if tid not in in_scope:
                    self.items.append(WorkItem(
                        kind="outside", target=tid, target_title=self.target.by_id[tid].title, sources=[here],
                        detail=_t(f"{tid} はプロファイル {self.profile.id} の対象外のため、回答は移行されない。",
                                  f"{tid} is not selected by profile {self.profile.id}: not carried.")))

    def carry_to(self, tid: str) -> None:
        req = self.target.by_id[tid]
        srcs = list(self.sources_of.get(tid, []))
        answered = [(s, rel) for s, rel in srcs if s in self.answers]
        if not srcs:
            self.items.append(WorkItem(
                kind="new", target=tid, target_title=req.title,
                detail=_t(f"{self.source.id} に対応する要件がない新しい要件。回答が必要。",
                          f"New requirement with no counterpart in {self.source.id}: answer it.")))
        elif answered and len(srcs) == 1 and len(self.targets_of[srcs[0][0]]) == 1:
            self.one_to_one(tid, srcs[0])
        elif answered and len(srcs) > 1:
            self.merged(tid, srcs, answered)
        elif answered:
            self.split(tid, srcs[0])
        undefined = _undefined_odps(req, self.out.get(tid), self.profile)
        if undefined:
            self.items.append(WorkItem(
                kind="odp", target=tid, target_title=req.title,
                detail=_t(f"組織定義パラメータ {', '.join(undefined)} の値を定めること。",
                          f"Define the organization-defined parameters {', '.join(undefined)}.")))

    def _sources(self, pairs: list[tuple[str, str]]) -> list[SourceAnswer]:
        return [_source(s, self.answers[s][0], self.answers[s][1], self.source.by_id[s]) for s, _ in pairs]

    def one_to_one(self, tid: str, link: tuple[str, str]) -> None:
        s, rel = link
        req, answer = self.target.by_id[tid], self.answers[s][1]
        self.out[tid] = _carry(answer, self.source.by_id[s], with_objectives=rel == "equivalent",
                               req_target=self.target, tid=tid)
        self.origin[tid] = [s]
        self.carried += 1
        if rel == "equivalent":
            detail = _t("そのまま移行した。", "Carried as it was.")
            self.items.append(WorkItem(kind="carried", target=tid, target_title=req.title,
                                       sources=self._sources([link]), relation=rel, detail=detail))
            return
        n = len(req.objectives)
        detail = _t(f"実施状況・説明・証跡を {s} から移行した。改訂後の要求事項の文言と照合し、"
                    f"評価目標（{n}件）を新たに判定すること。" + _left_behind(answer, "ja"),
                    f"Status, narrative and evidence carried from {s}. Check them against the revised text and "
                    f"assess its {n} objectives anew." + _left_behind(answer, "en"))
        self.items.append(WorkItem(kind="review", target=tid, target_title=req.title, sources=self._sources([link]),
                                   relation=rel, detail=detail))

    def merged(self, tid: str, srcs: list[tuple[str, str]], answered: list[tuple[str, str]]) -> None:
        statuses = {_effective(self.source.by_id[s], self.answers[s][1]) for s, _ in answered}
        self.out[tid] = _merge([self.answers[s][1] for s, _ in answered], [s for s, _ in answered],
                               next(iter(statuses)) if len(statuses) == 1 and len(answered) == len(srcs) else None)
        self.origin[tid] = [s for s, _ in answered]
        same = len(statuses) == 1 and None not in statuses and len(answered) == len(srcs)
        missing = [s for s, _ in srcs if s not in self.answers]
        names = ", ".join(s for s, _ in srcs)
        behind = {lang: "".join((f"［{x}］" if lang == "ja" else f" [{x}]") + _left_behind(self.answers[x][1], lang)
                                for x, _ in answered if _left_behind(self.answers[x][1], lang))
                  for lang in ("ja", "en")}
        detail = _t(
            f"{names} が統合された要件。説明と証跡を結合した。"
            + ("実施状況は全て同じため移行した。確認すること。" if same else
               "実施状況が一致しない（又は未回答がある）ため、実施状況を判断して記入すること。")
            + (f"未回答の元要件: {', '.join(missing)}。" if missing else "") + behind["ja"],
            f"Merges {names}; narratives and evidence combined. "
            + ("Every source had the same status, which was carried: confirm it." if same else
               "The sources' statuses differ (or some are unanswered): decide the status.")
            + (f" Unanswered sources: {', '.join(missing)}." if missing else "") + behind["en"])
        self.items.append(WorkItem(kind="merged", target=tid, target_title=self.target.by_id[tid].title,
                                   sources=self._sources(answered),
                                   relation=",".join(sorted({rel for _, rel in answered})), detail=detail))

    def split(self, tid: str, link: tuple[str, str]) -> None:
        s, rel = link
        answer = self.answers[s][1]
        self.out[tid] = _carry(answer, self.source.by_id[s], with_objectives=False, req_target=self.target, tid=tid)
        self.origin[tid] = [s]
        others = ", ".join(t for t, _ in self.targets_of[s] if t != tid)
        detail = _t(f"{s} の内容は {tid} と {others} に分かれた。回答を各要件に写したので、"
                    "それぞれの範囲に合わせて見直すこと。" + _left_behind(answer, "ja"),
                    f"{s} is split into {tid} and {others}; its answer was copied to each: "
                    "narrow it to what each covers." + _left_behind(answer, "en"))
        self.items.append(WorkItem(kind="split", target=tid, target_title=self.target.by_id[tid].title,
                                   sources=self._sources([link]), relation=rel, detail=detail))




def _left_behind(answer: Answer, lang: str) -> str:
    """What of the source answer was not carried across revisions, said so it is not lost silently."""
    parts = []
    language: Lang = "ja" if lang == "ja" else "en"
    words = tables.FINDING_NAMES[language]
    if answer.objectives:
        found = ", ".join(f"{k}: {words.get(v, v) if v else '—'}" for k, v in answer.objectives.items())
        parts.append(("移行しなかった評価目標の判定: " if lang == "ja" else "Objective findings not carried: ") + found)
    if answer.odp_values:
        values = ", ".join(f"{k}: {v}" for k, v in answer.odp_values.items() if v)
        parts.append(("移行しなかったODPの値: " if lang == "ja" else "ODP values not carried: ") + values)
    if answer.partial_credit:
        parts.append(("移行しなかった部分点の記録: " if lang == "ja" else "Partial credit record not carried: ")
                     + tables.PARTIAL_NAMES[language].get(answer.partial_credit, answer.partial_credit))
    return "".join(f" {p}." if lang == "en" else f"{p}。" for p in parts)


def _undefined_odps(req: Requirement, answer: dict[str, Any] | None, profile: Profile) -> list[str]:
    if not req.odps:
        return []
    index = odp_index(req)
    given = {index.get(k, k) for k, v in (answer or {}).get("odp_values", {}).items() if v}
    return [o.id for o in req.odps if o.id not in given and o.id not in profile.odp_values]


def _carry(answer: Answer, src: Requirement, *, with_objectives: bool, req_target: Catalog,
           tid: str) -> dict[str, Any]:
    data = answer.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    if not with_objectives:
        data.pop("objectives", None)
        data.pop("partial_credit", None)  # a DoD Rev.2 case: it means nothing for another requirement
        rolled = roll_up(src, answer) if answer.status is None else None
        if rolled is not None:
            data["status"] = rolled  # the source's findings gave its status; keep it explicitly
    if "odp_values" in data:
        index = odp_index(req_target.by_id[tid])
        data["odp_values"] = {k: v for k, v in data["odp_values"].items() if k in index}
        if not data["odp_values"]:
            del data["odp_values"]
    return data


def _merge(sources: list[Answer], ids: list[str], status: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if status is not None:
        data["status"] = status
    narratives = [f"[{rid}] {a.narrative}" for rid, a in zip(ids, sources, strict=True) if a.narrative]
    if narratives:
        data["narrative"] = "\n".join(narratives)
    evidence: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in sources:
        for e in a.evidence:
            target = e.path or e.url or ""
            if target not in seen:
                seen.add(target)
                evidence.append(e.model_dump(mode="python", exclude_none=True, exclude_defaults=True))
    if evidence:
        data["evidence"] = evidence
    owners = sorted({a.owner for a in sources if a.owner})
    if owners:
        data["owner"] = " / ".join(owners)
    measures = [f"[{rid}] {a.planned_measure}" for rid, a in zip(ids, sources, strict=True) if a.planned_measure]
    if measures:
        data["planned_measure"] = "\n".join(measures)
    dates = [a.target_date for a in sources if a.target_date]
    if dates:
        data["target_date"] = max(dates)
    return data
