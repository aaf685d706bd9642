#!/usr/bin/env python3
"""Keystrokes to answer the whole ATLA questionnaire for the example company, the old way and the new way.

    python benchmarks/bench_keystrokes.py

Starting from `dibcyber init -p atla-standard`, a scripted person gives every requirement the answer
株式会社サンプル精機 has in examples/sample-seiki/answers.yaml: its status (or objective findings), owner,
target date and partial credit. Both ways are counted the same way, in the same run: every reply costs
its characters plus Enter.

- The old way: one prompt after another for every requirement and objective, as `assess --interactive`
  asked before issue 18 (status, findings, narrative, evidence, owner, planned measure, target date), with
  nothing carried from one requirement to the next. Computed from the prompts it asked.
- The new way: a real session (``interactive.Session``) driven by the same person: one status for each
  family where most requirements share it (again for the exceptions while that saves keys), the rest
  answered one by one; owner and target date accepted with Enter when carried forward or picked by number
  when given before; objective findings typed as a row (mmmn); new dates in the shortest accepted form
  (R9.3.31; the old prompts took only 2027-03-31). The file it writes is checked to hold exactly the
  example's answers.

Prose (narratives, planned measures, evidence paths) is left out of both counts and its size reported apart.
Typed one requirement at a time it costs the same either way; answered a family at once, the session asks
for one narrative for the family, so per-requirement prose is then written afterwards (in the file or the
workbook). Target: at least 3x fewer keystrokes for the rest.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sample-seiki" / "answers.yaml"
DIGIT = {"implemented": "1", "partially_implemented": "2", "planned": "3", "not_implemented": "4",
         "not_applicable": "5"}
LETTER = {"met": "m", "not_met": "n", "not_applicable": "x"}
MET = ("implemented", "not_applicable")


def keys(reply: str) -> int:
    return len(reply) + 1  # the characters and Enter


def target_answers() -> tuple[Any, Any, dict[str, Any]]:
    from dibcyber.app import pipeline
    from dibcyber.engine.checks import selected
    from dibcyber.io.registry import Registry

    registry = Registry()
    loaded = pipeline.load_answers(EXAMPLE)
    profile = pipeline.profile_for(registry, loaded, None)
    catalog = registry.catalog(profile.catalog)
    resolved = pipeline.resolve_answers(loaded, catalog, None)
    chosen = set(selected(profile, catalog))
    family_rank = {f.id: i for i, f in enumerate(catalog.families)}
    order = sorted((r for r in catalog.requirements if r.id in chosen),
                   key=lambda r: (family_rank[r.family], catalog.requirements.index(r)))
    return registry, order, {r.id: resolved.answers.get(r.id, (r.id, None))[1] for r in order}


def status_of(req: Any, answer: Any) -> str | None:
    from dibcyber.engine.resolve import evaluate

    status = evaluate(req, answer)[0]
    return None if status == "not_assessed" else status


def by_objectives(answer: Any) -> bool:
    return answer is not None and answer.status is None and any(answer.objectives.values())


def old_way(order: list[Any], target: dict[str, Any]) -> tuple[int, int]:
    """(keystrokes, prompts) of the one-prompt-per-field walk, without prose."""
    from dibcyber.engine.resolve import objective_key, rev2_id
    from dibcyber.models.answers import PARTIAL_CREDIT

    total = prompts = 0

    def reply(text: str) -> None:
        nonlocal total, prompts
        total += keys(text)
        prompts += 1

    for req in order:
        answer = target[req.id]
        status = status_of(req, answer)
        if status is None:
            reply("")  # Enter: next
            continue
        if by_objectives(answer):
            reply("o")
            for o in req.objectives:
                finding = answer.objectives.get(objective_key(req.id, o.id))
                reply(LETTER.get(finding or "", ""))
        else:
            reply(DIGIT[answer.status])
            if answer.status == "partially_implemented" and PARTIAL_CREDIT.get(rev2_id(req) or ""):
                reply("y" if answer.partial_credit else "")
        for _ in req.odps:
            reply("")
        reply("")  # narrative: prose, counted apart
        reply("")  # evidence: prose, counted apart
        reply(answer.owner or "")
        if status not in MET:
            reply("")  # planned measure: prose, counted apart
            reply(answer.target_date.isoformat() if answer.target_date else "")
    return total, prompts


def prose(order: list[Any], target: dict[str, Any]) -> int:
    """Characters of narratives, planned measures and evidence paths, with their Enter: the same both ways."""
    n = 0
    for req in order:
        a = target[req.id]
        if a is None:
            continue
        for text in (a.narrative, a.planned_measure, ", ".join(e.path or e.url or "" for e in a.evidence)):
            n += len(text or "")
    return n


class Person:
    """Answers the new session's questions from the example's answers, as a person with them at hand."""

    def __init__(self, order: list[Any], target: dict[str, Any]) -> None:
        self.order = order
        self.target = target
        self.by_id = {r.id: r for r in order}
        self.total = 0
        self.prompts = 0
        self.session: Any = None
        self.plan: dict[str, tuple[str, str | None, dt.date | None, list[str]]] = {}

    def round(self, family: str) -> tuple[str, str | None, dt.date | None, list[str]] | None:
        """The status, owner and target date most of the family's open requirements share (at least two),
        and the open requirements that differ: the exceptions."""
        from dibcyber.engine.resolve import evaluate

        open_ = [r for r in self.order if r.family == family
                 and evaluate(r, self.session._answers.get(r.id))[0] == "not_assessed"]
        pairs = collections.Counter(self._key(r) for r in open_ if self._key(r) is not None).most_common(1)
        if not pairs or pairs[0][1] < 2:
            return None
        key = pairs[0][0]
        assert key is not None
        exceptions = [r.id for r in open_ if self._key(r) != key]
        names = [r.id for r in self.order if r.family == family]
        listed = sum(len(self.short(rid, names)) + 1 for rid in exceptions)
        if pairs[0][1] * 6 <= listed + 8:  # not worth it: one by one costs less than listing the rest
            return None
        return (*key, exceptions)

    def _key(self, req: Any) -> tuple[str, str | None, dt.date | None] | None:
        a = self.target[req.id]
        if a is None or a.status is None or by_objectives(a) or a.partial_credit:
            return None
        return (a.status, a.owner, a.target_date if a.status not in MET else None)

    def short(self, rid: str, among: list[str]) -> str:
        """The shortest name the exceptions prompt takes for ``rid``: its last number when unique."""
        last = rid.rsplit(".", 1)[-1] if "." in rid else rid.rsplit("-", 1)[-1]
        return last if sum(1 for x in among if x.endswith(("." + last, "-" + last))) == 1 else rid

    def owner(self, wanted: str | None) -> str:
        """Enter for the owner carried forward, the number of one named before, else the name."""
        current = self.session._carry.get("owner")
        if wanted == current:
            return ""
        if wanted is None:
            return "-"
        known = [o for o in self.session._owners if o != current][:9]
        return str(known.index(wanted) + 1) if wanted in known else wanted

    def date(self, wanted: dt.date | None) -> str:
        """Enter for the date carried forward, the number of one given before, else the date."""
        current = self.session._carry.get("target")
        if wanted == current:
            return ""
        if wanted is None:
            return "-"
        known = [d for d in self.session._dates if d != (current.isoformat() if current else None)][:9]
        iso = wanted.isoformat()
        if iso in known:
            return str(known.index(iso) + 1)
        return f"R{wanted.year - 2018}.{wanted.month}.{wanted.day}"  # the shortest form typed: 令和 short

    def __call__(self, prompt: str) -> str:
        reply = self.answer(prompt)
        self.total += keys(reply)
        self.prompts += 1
        return reply

    def answer(self, prompt: str) -> str:
        from dibcyber.engine.resolve import objective_key

        kind, name = self.session.where
        if "[y/N]" in prompt and kind != "partial":
            return "y"
        if kind == "family":
            plan = self.round(name)
            if plan is None:
                self.plan.pop(name, None)
                return ""
            self.plan[name] = plan
            return DIGIT[plan[0]]
        if kind == "exceptions":
            family_ids = [r.id for r in self.order if r.family == name]
            return " ".join(self.short(rid, family_ids) for rid in self.plan[name][3])
        if kind in ("narrative", "evidence", "measure"):
            return ""  # prose: counted apart
        if name in self.plan:  # the family's common fields
            _, owner, day, _ = self.plan[name]
            if kind == "owner":
                return self.owner(owner)
            if kind == "target":
                return self.date(day)
            return ""
        req = self.by_id[name]
        a = self.target[name]
        if kind == "status":
            if a is None or status_of(req, a) is None:
                return ""
            return "o" if by_objectives(a) else DIGIT[a.status]
        if kind.startswith("objective:"):  # this objective and the next ones in one row: "mmmmmn"
            oid = kind.split(":", 1)[1]
            ids = [o.id for o in req.objectives]
            row = [LETTER.get(a.objectives.get(objective_key(req.id, o)) or "", "") for o in ids[ids.index(oid):]]
            return "".join(row) if all(row) else row[0]
        if kind == "partial":
            return "y" if a.partial_credit else ""
        if kind == "owner":
            return self.owner(a.owner)
        if kind == "target":
            return self.date(a.target_date)
        return ""


def new_way(registry: Any, order: list[Any], target: dict[str, Any], folder: Path) -> tuple[int, int, Path]:
    from rich.console import Console

    from dibcyber.cli.interactive import Session

    path = folder / "answers.yaml"
    subprocess.run([sys.executable, "-m", "dibcyber", "init", "-p", "atla-standard", "-o", str(path),
                    "--lang", "ja"], check=True, stdout=subprocess.DEVNULL)
    person = Person(order, target)
    with Path(os.devnull).open("w") as sink:
        session = Session(path, registry, lang="ja", ask=person, check_paths=False, today=dt.date(2026, 11, 1),
                          console=Console(file=sink, width=80))
        person.session = session
        session.run()
    return person.total, person.prompts, path


def check(path: Path, order: list[Any], target: dict[str, Any]) -> None:
    """The session wrote exactly the example's statuses, findings, owners, dates and partial credit."""
    from dibcyber.app import pipeline
    from dibcyber.io.registry import Registry

    registry = Registry()
    loaded = pipeline.load_answers(path)
    catalog = registry.catalog("atla-2022")
    got = pipeline.resolve_answers(loaded, catalog, None).answers
    wrong = []
    for req in order:
        a, b = target[req.id], got.get(req.id, (req.id, None))[1]
        want = (status_of(req, a), a.owner if a else None, a.target_date if a and status_of(req, a) not in MET
                else None, a.partial_credit if a else None)
        have = (status_of(req, b), b.owner if b else None, b.target_date if b and status_of(req, b) not in MET
                else None, b.partial_credit if b else None)
        if by_objectives(a):
            want += ({k: v for k, v in a.objectives.items() if v},)
            have += ({k: v for k, v in (b.objectives if b else {}).items() if v},)
        if want != have:
            wrong.append(f"{req.id}: wanted {want}, got {have}")
    if wrong:
        raise SystemExit("the scripted session did not reproduce the example:\n" + "\n".join(wrong))


def main() -> int:
    registry, order, target = target_answers()
    old_keys, old_prompts = old_way(order, target)
    with tempfile.TemporaryDirectory(prefix="dibcyber-keys-") as tmp:
        new_keys, new_prompts, path = new_way(registry, order, target, Path(tmp))
        check(path, order, target)
    text = prose(order, target)
    print(f"ATLA questionnaire, {len(order)} requirements, answered as examples/sample-seiki "
          "(statuses, objective findings, owners, target dates, partial credit)")
    print(f"  old way (a prompt per field, nothing carried): {old_keys:5d} keystrokes, {old_prompts} prompts")
    print(f"  new way (family at once, exceptions, carry):   {new_keys:5d} keystrokes, {new_prompts} prompts")
    print(f"  ratio: {old_keys / new_keys:.2f}x fewer keystrokes, {old_prompts / new_prompts:.2f}x fewer prompts")
    print(f"  prose, left out of both counts (narratives, measures, evidence): {text} characters")
    return 0 if old_keys >= 3 * new_keys else 1


if __name__ == "__main__":
    sys.exit(main())
