"""``dibcyber assess ANSWERS --interactive``: answer requirements at the terminal, one family at a time.

Every answer is saved at once, atomically (the file is always either the old or the new version), into
the same YAML document with its comments, order and quoting kept, written as a person would write it
(``app/answering.py``). Before each write the file on disk is compared with what was last read or
written: if someone else changed it, nothing is written. The session can be interrupted at any point (Ctrl-C, a closed
terminal, a killed process, the end of standard input) and resumed later: by default it visits only
requirements that have no answer yet.

Input is forgiving and bounded: full-width letters and digits (NFKC), Japanese words and ``y``/``n`` are
understood; anything else is asked again with a short message; every line of standard input is read with
a bound (``MAX_LINE``). At every prompt ``?`` shows help, ``<`` (or ``b``) goes back, ``q`` saves and quits.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from dibcyber.app import pipeline
from dibcyber.app.answering import apply_answer, evidence_ident
from dibcyber.dates import DateError, parse_date
from dibcyber.engine.checks import selected
from dibcyber.engine.questionnaire import display_width, wrap
from dibcyber.engine.resolve import MET, evaluate, objective_key, resolve, rev2_id
from dibcyber.errors import EndOfInputError, InvalidInputError, Msg, Problem, UsageError, dotted
from dibcyber.exchange.workbook import finding_word, status_word
from dibcyber.i18n import tables
from dibcyber.io.loading import validate_data
from dibcyber.io.registry import Registry
from dibcyber.io.yamledit import EditableYaml
from dibcyber.io.yamlio import parse, parse_roundtrip
from dibcyber.models.answers import PARTIAL_CREDIT, Answer, Answers
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog, Family, Requirement

MAX_LINE = 64 * 1024
"""The longest line read from standard input, in bytes: a line without end is refused, not buffered."""
WIDTH = 80

_M = tables.INTERACTIVE
# The words of answers (names and synonyms) are the vocabulary of i18n/tables.py, read as the questionnaire
# reads a cell (exchange/workbook.py); these are only the keys of the prompts.
_STATUS_KEYS = {"1": "implemented", "2": "partially_implemented", "3": "planned", "4": "not_implemented",
                "5": "not_applicable"}
_FINDING_KEYS = {"m": "met", "y": "met", "n": "not_met", "x": "not_applicable", "-": "not_applicable"}


def _status_of(key: str) -> str | None:
    """A reply to the status prompt: a number key, or a status as people write it (実施済み, 対応済, n/a…)."""
    return _STATUS_KEYS.get(key) or (status_word(key) if key else None)


def _finding_of(key: str) -> str | None:
    """A reply for one objective: a letter key, or a finding as people write it (適合, ○, いいえ…)."""
    return _FINDING_KEYS.get(key) or (finding_word(key) if key else None)


def _name(lang: Lang, value: str) -> str:
    """The one name of a status or finding in ``lang``."""
    return {**tables.STATUS_NAMES[lang], **tables.FINDING_NAMES[lang]}[value]


_YES = {"y", "yes", "はい", "h"}
_NO = {"n", "no", "いいえ", ""}
_BACK = {"<", "b"}
_QUIT = {"q", "quit", "終了"}
_CLEAR = "-"


class Quit(Exception):
    """The user asked to stop."""


class Back(Exception):
    """The user asked to go back one question."""


class EndOfInput(Exception):
    """Standard input ended (Ctrl-D, a closed pipe, a closed descriptor)."""


def command(text: str) -> str:
    """What a reply means as a key: full-width folded (NFKC), spaces trimmed, lower case."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def read_line(prompt: str) -> str:
    """One line from standard input, at most ``MAX_LINE`` bytes, without its line ending. The end of input
    (and a closed or unreadable standard input) raises ``EndOfInput``; a longer line is refused."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    stream = sys.stdin
    if stream is None:
        raise EndOfInput
    try:
        data = stream.buffer.readline(MAX_LINE + 1)
    except (OSError, ValueError, AttributeError):
        raise EndOfInput from None
    if not data:
        raise EndOfInput
    if len(data) > MAX_LINE and not data.endswith(b"\n"):
        raise InvalidInputError(Problem(Msg("interactive.long_line", limit=MAX_LINE), file="<stdin>",
                                        hint=Msg("interactive.long_line.hint")))
    return data.rstrip(b"\r\n").decode("utf-8", errors="surrogateescape")


def _family_aliases(fam: Family) -> set[str]:
    """What ``--family`` may call a family: its ID, its abbreviation, and its NIST Rev.2 (3.1) and Rev.3
    (03.01) numbers, for catalogs whose families carry the NIST abbreviations."""
    names = {fam.id.lower()}
    abbrev = (fam.abbrev or "").lower()
    if abbrev:
        names.add(abbrev)
        if abbrev in _NIST_FAMILIES:
            n = _NIST_FAMILIES.index(abbrev) + 1
            if n <= 14:
                names.add(f"3.{n}")
            names.add(f"03.{n:02d}")
    return names


_NIST_FAMILIES = ("ac", "at", "au", "cm", "ia", "ir", "ma", "mp", "ps", "pe", "ra", "ca", "sc", "si", "pl", "sa", "sr")
"""NIST SP 800-171 families in the order of their numbers (3.1 … 3.14 in Rev.2, 03.01 … 03.17 in Rev.3)."""


def resolve_families(wanted: tuple[str, ...], catalog: Catalog) -> set[str]:
    """The catalog family IDs ``--family`` values name, in any case and width. An unknown one is a usage
    error (exit 2) listing the valid ones."""
    out: set[str] = set()
    unknown: list[str] = []
    for raw in wanted:
        name = command(raw)
        found = [f.id for f in catalog.families if name in _family_aliases(f)]
        if found:
            out.update(found)
        else:
            unknown.append(raw)
    if unknown:
        valid = ", ".join(f"{f.id}" + (f" ({f.abbrev})" if f.abbrev and f.abbrev != f.id else "")
                          for f in catalog.families)
        raise UsageError(Msg("interactive.unknown_family", families=unknown, catalog=catalog.id),
                         hint=Msg("interactive.families.hint", families=valid))
    return out


@dataclass
class Session:
    path: Path
    registry: Registry
    lang: Lang | None = None
    profile: str | None = None
    revisit: bool = False
    families: tuple[str, ...] = ()
    default_lang: Lang = "en"
    ask: Callable[[str], str] | None = None
    console: Console = field(default_factory=lambda: Console(highlight=False))
    today: dt.date = field(default_factory=dt.date.today)
    check_paths: bool = True
    saved: int = 0
    where: tuple[str, str] = ("", "")
    """(what is asked, of which requirement or family): for scripted sessions and tests."""
    _own: Catalog | None = None
    _catalog: Catalog | None = None
    _answers: dict[str, Answer | None] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)
    _carry: dict[str, Any] = field(default_factory=dict)
    _owners: list[str] = field(default_factory=list)
    _dates: list[str] = field(default_factory=list)
    _atla: bool = False
    _lang: Lang = "en"

    # --- the walk -------------------------------------------------------------------------------

    def run(self) -> int:
        loaded = pipeline.load_answers(self.path)
        prof = pipeline.profile_for(self.registry, loaded, self.profile)
        catalog = self._catalog = self.registry.catalog(prof.catalog)
        self._atla = not any(r.weight is not None for r in catalog.requirements)
        self._own = pipeline.own_catalog(self.registry, loaded, self.profile)
        lang: Lang = self.lang or prof.language or self.default_lang
        self._lang = lang
        m = _M[lang]
        wanted = resolve_families(self.families, catalog) if self.families else None
        resolved = pipeline.resolve_answers(loaded, catalog, self._own)
        self._keys = {rid: key for rid, (key, _) in resolved.answers.items()}
        self._answers = {rid: resolved.answers.get(rid, (rid, None))[1] for rid in selected(prof, catalog)}
        given = [a for a in self._answers.values() if a is not None]
        self._owners = list(dict.fromkeys(a.owner for a in given if a.owner))
        self._dates = list(dict.fromkeys(a.target_date.isoformat() for a in given if a.target_date))
        family_rank = {f.id: i for i, f in enumerate(catalog.families)}
        req_rank = {r.id: i for i, r in enumerate(catalog.requirements)}
        order = sorted(self._answers, key=lambda rid: (family_rank.get(catalog.by_id[rid].family, 0), req_rank[rid]))
        self._position = {rid: i for i, rid in enumerate(order, 1)}
        self._total = len(order)
        todo = [catalog.by_id[rid] for rid in order
                if (wanted is None or catalog.by_id[rid].family in wanted)
                and (self.revisit or self._open(catalog.by_id[rid]))]
        if not todo:
            self.console.print(m["nothing"])
            return 0
        editable = EditableYaml.open(self.path)
        try:
            self._walk(todo, editable)
        except Quit:
            pass
        except KeyboardInterrupt:
            self.console.print("\n" + m["interrupted"].format(n=self.saved, file=self.path))
            raise
        except EndOfInput:  # its own ending (exit 6), told apart from Ctrl-C (130)
            self.console.print("")
            raise EndOfInputError(Msg("interactive.end_of_input", count=self.saved, path=str(self.path)),
                                  hint=Msg("interactive.end_of_input.hint")) from None
        self.console.print(m["done"].format(n=self.saved, file=self.path))
        left = sum(1 for r in todo if self._open(r))
        if left:
            self.console.print(m["remaining"].format(n=left))
        return self.saved

    def _open(self, req: Requirement) -> bool:
        return evaluate(req, self._answers.get(req.id))[0] == "not_assessed"

    def _walk(self, todo: list[Requirement], editable: EditableYaml) -> None:
        assert self._catalog is not None
        catalog = self._catalog
        m = _M[self._lang]
        i = 0
        offered: set[str] = set()
        queue = list(todo)
        while i < len(queue):
            req = queue[i]
            if req.family not in offered:
                offered.add(req.family)
                group = [r for r in queue[i:] if r.family == req.family and self._open(r)]
                try:
                    while len(group) > 1:  # answered at once: then the same offer for the exceptions
                        rest = self._family(catalog.family_by_id[req.family], group, editable)
                        if rest is None:
                            break
                        done = {r.id for r in group} - {r.id for r in rest}
                        queue = queue[:i] + [r for r in queue[i:] if r.id not in done]
                        group = rest
                except Back:
                    offered.discard(req.family)
                    if i == 0:
                        self.say(m["first"])
                    i = max(i - 1, 0)
                    continue
                if i >= len(queue):
                    break
                req = queue[i]
                if req.family not in offered:
                    continue
            try:
                self._one(req, editable)
            except Back:
                if i == 0:
                    self.say(m["first"])
                    continue
                i -= 1
                continue
            i += 1

    def _family(self, fam: Family, group: list[Requirement], editable: EditableYaml) -> list[Requirement] | None:
        """Offer one status for every open requirement of a family; ``None`` when declined, else the
        exceptions to visit one by one."""
        lang = self._lang
        m = _M[lang]
        name = f"{fam.id} {fam.title.get(lang)}"
        self.say("")
        self.say(self._rule(name))
        for line in wrap(m["family_q"].format(n=len(group)), "", WIDTH):
            self.say(line)
        while True:
            reply = self._ask(m["choices"] + "\n" + m["keys"] + "\n> ", ("family", fam.id))
            key = command(reply)
            if key == "":
                return None
            chosen_status = _status_of(key)
            if chosen_status is not None:
                status = chosen_status
                break
            self.say(m["bad_status"].format(o=""))
        while True:
            reply = self._ask(m["exceptions"] + ": ", ("exceptions", fam.id))
            tokens = unicodedata.normalize("NFKC", reply).replace("、", ",").replace(",", " ").split()
            found: list[Requirement] = []
            unknown: list[str] = []
            for t in tokens:
                hit = next((r for r in group if _names(r, t.lower())), None)
                if hit is None:
                    unknown.append(t)
                elif hit not in found:
                    found.append(hit)
            if not unknown:
                break
            self.say(m["bad_exception"].format(ids=", ".join(unknown)))
        chosen = [r for r in group if r not in found]
        if not chosen:  # every one an exception: one by one
            return None
        common: dict[str, Any] = {"status": status}
        self._text_fields(common, status, None, ("family", fam.id))
        for req in chosen:  # what was typed once fills what is empty; nothing already written is replaced
            answer = self._answers.get(req.id)
            fields: dict[str, Any] = {"status": status}
            for name in ("narrative", "owner", "planned_measure", "target_date"):
                if common.get(name) is not None and not (answer is not None and getattr(answer, name)):
                    fields[name] = common[name]
            if common.get("evidence"):
                have = [evidence_ident(e.model_dump(exclude_none=True)) for e in (answer.evidence if answer else [])]
                fields["evidence"] = have + [e for e in common["evidence"] if e not in have]
            self._apply(editable, req, fields)
        try:
            self._save(editable)
        except InvalidInputError as e:  # one of them cannot take this status: nothing written, one by one
            _revert(editable)
            for p in e.problems:
                self.say(p.render(self._lang))
            return None
        self.saved += len(chosen)
        self.say(m["family_done"].format(n=len(chosen), status=_name(lang, status)))
        if found:
            self.say(m["exceptions_next"].format(n=len(found)))
        return found

    def _one(self, req: Requirement, editable: EditableYaml) -> None:
        """Ask about one requirement (raises ``Back`` to go to the previous one) and save the answer."""
        m = _M[self._lang]
        answer = self._answers.get(req.id)
        self._show(req, answer)
        while True:
            fields = self._questions(req, answer)
            if fields is None:
                return
            self._apply(editable, req, fields)
            try:
                self._save(editable)
                break
            except InvalidInputError as e:  # an answer the file could not hold: nothing written, ask again
                _revert(editable)
                for p in e.problems:
                    self.say(p.render(self._lang))
        self.saved += 1
        self.console.print(f"[green]✓ {m['saved']}[/green] ({req.id})")

    # --- screen ---------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """Print ``text`` as it is, lines longer than 80 columns wrapped (kinsoku, words kept whole)."""
        lines = [x for line in text.split("\n")
                 for x in (wrap(line, "", WIDTH, hang="  ") if display_width(line) > WIDTH else [line])]
        self.console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)

    def _rule(self, title: str) -> str:
        fill = WIDTH - display_width(title) - 4
        return f"━━ {title} " + "━" * max(fill, 2)

    def _show(self, req: Requirement, answer: Answer | None) -> None:
        assert self._catalog is not None
        lang = self._lang
        m = _M[lang]
        fam = self._catalog.family_by_id[req.family]
        left = sum(1 for r in self._answers if self._open(self._catalog.by_id[r]))
        progress = m["progress"].format(i=self._position[req.id], n=self._total, left=left)
        self.say("")
        self.say(self._rule(progress))
        for line in wrap(f"{fam.id} {fam.title.get(lang)} / {req.id} {req.title.get(lang)}", "", WIDTH):
            self.say(line)
        for line in wrap(f"{m['statement']}: {req.statement.get(lang)}", "", WIDTH, hang="  "):
            self.say(line)
        if req.objectives:
            self.say(f"{m['objectives']}:")
            for o in req.objectives:
                for line in wrap(f"{objective_key(req.id, o.id)}: {o.text.get(lang)}", "  ", WIDTH, hang="     "):
                    self.say(line)
        if answer is not None and (answer.status or any(answer.objectives.values())):
            names = {**tables.STATUS_NAMES[lang], **tables.FINDING_NAMES[lang]}
            found = ", ".join(f"{k}: {names.get(v, '—') if v else '—'}" for k, v in answer.objectives.items())
            current = " ".join(x for x in (names.get(answer.status or "", ""), f"({found})" if found else "") if x)
            self.say(f"{m['current']}: {current}")
        if answer is not None and answer.evidence:
            self.say(f"{m['current_evidence']}: " + ", ".join(e.path or e.url or "" for e in answer.evidence))

    # --- questions ------------------------------------------------------------------------------

    def _ask(self, prompt: str, where: tuple[str, str]) -> str:
        """One reply: ``?`` shows help and asks again, ``q`` quits, ``<``/``b`` goes back; control
        characters and bytes that are not UTF-8 are refused and asked again."""
        m = _M[self._lang]
        self.where = where
        lines = []
        for line in prompt.split("\n"):
            if display_width(line) > WIDTH:  # a long path or value: wrapped, the prompt's end kept
                parts = wrap(line, "", WIDTH, hang="  ")
                parts[-1] += " " * (len(line) - len(line.rstrip(" ")))
                lines += parts
            else:
                lines.append(line)
        prompt = "\n".join(lines)
        while True:
            raw = self.ask(prompt) if self.ask is not None else read_line(prompt)
            if any(0xDC80 <= ord(c) <= 0xDCFF for c in raw):
                self.say(m["bad_utf8"])
                continue
            if any(unicodedata.category(c) == "Cc" and c != "\t" for c in raw):
                self.say(m["control"])
                continue
            key = command(raw)
            if key == "?":
                self.say(m["help"])
                continue
            if key in _QUIT:
                raise Quit
            if key in _BACK:
                raise Back
            return raw.replace("\t", " ").strip()

    def _field(self, label: str, current: str | None, where: tuple[str, str]) -> str | None:
        """A text field: Enter keeps ``current``, ``-`` clears it."""
        suffix = f" [{current}]" if current else ""
        prompt = f"{label}{suffix}: "
        if display_width(prompt.rsplit("\n", 1)[-1]) > WIDTH:
            shown = "\n".join(wrap(current or "", "  ", WIDTH))  # a long value: wrapped, below its label
            prompt = f"{label}\n{shown}\n{_M[self._lang]['keep']}: "
        value = self._ask(prompt, where)
        if command(value) == _CLEAR:
            return None
        return value or current

    def _questions(self, req: Requirement, answer: Answer | None) -> dict[str, Any] | None:
        """The steps for one requirement; ``<`` goes one step back (from the first step: ``Back``)."""
        steps = ["status"]
        fields: dict[str, Any] = {}
        i = 0
        while i < len(steps):
            name = steps[i]
            try:
                if name == "status":
                    done = self._status(req, answer, fields)
                    if done is None:
                        return None
                    steps = ["status", *done]
                else:
                    self._step(name, req, answer, fields)
            except Back:
                if i == 0:
                    raise
                i -= 1
                continue
            i += 1 + fields.pop("_skip", 0)
        return fields

    def _status(self, req: Requirement, answer: Answer | None, fields: dict[str, Any]) -> list[str] | None:
        """The status (or the objective findings) and the steps that follow from it; None: skipped."""
        m = _M[self._lang]
        fields.clear()
        o = "、o" if self._lang == "ja" else ", o"
        prompt = m["choices"] + (m["by_obj"] if req.objectives else "") + "\n" + m["keys"] + "\n> "
        while True:
            key = command(self._ask(prompt, ("status", req.id)))
            if key == "":
                return None
            if _status_of(key) is not None or (key == "o" and req.objectives):
                break
            self.say(m["bad_status"].format(o=o if req.objectives else ""))
        steps: list[str] = []
        if key == "o":
            steps += [f"objective:{ob.id}" for ob in req.objectives]
            fields["status"] = None
            fields["objectives"] = {}
            status = "?"
        else:
            status = _status_of(key) or "?"
            fields["status"] = status
            if answer is not None and any(answer.objectives.values()):
                fields["objectives"] = None  # a status chosen now replaces the earlier objective findings
            if status == "partially_implemented" and PARTIAL_CREDIT.get(rev2_id(req) or ""):
                steps.append("partial")
            elif answer is not None and answer.partial_credit:
                fields["partial_credit"] = None
        steps += [f"odp:{p.id}" for p in req.odps]
        steps += ["narrative", "evidence", "owner"]
        if status not in MET:
            steps += ["measure", "target"]  # for findings, dropped below when they add up to met
        return steps

    def _step(self, name: str, req: Requirement, answer: Answer | None, fields: dict[str, Any]) -> None:
        lang = self._lang
        m = _M[lang]
        where = (name, req.id)
        if name.startswith("objective:"):
            oid = name.split(":", 1)[1]
            ob = next(o for o in req.objectives if o.id == oid)
            k = objective_key(req.id, ob.id)
            current = answer.objectives.get(k) if answer is not None else None
            keep = f"{m['keep_short']}: {_name(lang, current)}" if current else m["unanswered"]
            lines = wrap(f"{k}: {ob.text.get(lang)}", "  ", WIDTH, hang="     ")
            while True:
                reply = command(self._ask("\n".join(lines) + "\n  " + m["objective"].format(keep=keep) + " > ",
                                          where))
                if reply == "":
                    fields["objectives"][k] = current
                    return
                finding = _finding_of(reply)
                if finding is not None:
                    fields["objectives"][k] = finding
                    return
                rest = req.objectives[req.objectives.index(ob):]
                if 1 < len(reply) <= len(rest) and set(reply) <= set("mnx"):  # "mmmn": this one and the next
                    for o, letter in zip(rest, reply, strict=False):
                        fields["objectives"][objective_key(req.id, o.id)] = _FINDING_KEYS[letter]
                    fields["_skip"] = len(reply) - 1
                    return
                self.say(m["bad_finding"])
        if name == "partial":
            case = PARTIAL_CREDIT[rev2_id(req) or ""]
            question = m["partial_atla" if self._atla else "partial_dod"].format(case=m[case])
            yes = self._yes_no("\n".join(wrap(question, "", WIDTH)) + " > ", where)
            fields["partial_credit"] = case if yes else None
            return
        if name.startswith("odp:"):
            pid = name.split(":", 1)[1]
            p = next(x for x in req.odps if x.id == pid)
            desc = p.text.get(lang) if p.text else " | ".join(c.get(lang) for c in p.choices)
            value = answer.odp_values.get(pid) if answer is not None else None
            label = "\n".join(wrap(f"{m['odp']} {p.label or p.id} ({desc})", "", WIDTH))
            fields.setdefault("odp_values", {})[pid] = self._field(label, value, where)
            return
        status = fields.get("status") or self._rolled(req, fields)
        self._text_fields(fields, status, answer, where, only=name)

    def _rolled(self, req: Requirement, fields: dict[str, Any]) -> str:
        findings = fields.get("objectives") or {}
        probe = Answers.model_validate({
            "format": "dibcyber/answers@1", "profile": "x", "organization": {"name": "x"},
            "assessment": {"date": "2000-01-01"}, "requirements": {req.id: {"objectives": findings}}})
        return evaluate(req, probe.requirements[req.id])[0]

    def _text_fields(self, fields: dict[str, Any], status: str, answer: Answer | None, where: tuple[str, str],
                     only: str | None = None) -> None:
        """Narrative, evidence, owner, and for what is not met the planned measure and target date: all of
        them (the family fast path) or ``only`` one (one step of a requirement)."""
        m = _M[self._lang]
        names = [only] if only else ["narrative", "evidence", "owner", "measure", "target"]
        for name in names:
            w = (name, where[1])
            if name == "narrative":
                label = m["na_reason"] if status == "not_applicable" else m["narrative"]
                value = self._field(label, answer.narrative if answer else None, w)
                if status == "not_applicable" and not value:
                    self.say(m["na_empty"])
                    value = self._field(label, None, w)
                fields["narrative"] = value
            elif name == "evidence":
                fields["evidence"] = self._evidence(answer, w)
            elif name == "owner":
                fields["owner"] = self._owner(answer, w)
            elif name == "measure" and status not in MET:
                fields["planned_measure"] = self._field(m["measure"], answer.planned_measure if answer else None, w)
            elif name == "target" and status not in MET:
                fields["target_date"] = self._target(answer, w)

    def _pick(self, label: str, current: str | None, known: list[str], where: tuple[str, str]) -> str | None:
        """A field that offers what was given before: Enter keeps the value shown, a number picks one of
        ``known`` (listed above the prompt), anything else is a new value, ``-`` clears."""
        m = _M[self._lang]
        others = [k for k in known if k != current][:9]
        if others:  # listed above the prompt, never a name split across lines
            lines = [m["pick"]]
            for i, o in enumerate(others, 1):
                entry = f"{i} {o}"
                if display_width(lines[-1] + "  " + entry) > WIDTH:
                    lines.append("  " + entry)
                else:
                    lines[-1] += "  " + entry
            label = "\n".join(lines) + "\n" + label
        value = self._field(label, current, where)
        key = command(value or "")
        if key.isdigit() and 1 <= int(key) <= len(others):
            return others[int(key) - 1]
        return value

    def _owner(self, answer: Answer | None, where: tuple[str, str]) -> str | None:
        """The owner: this requirement's or the previous answer's (Enter), one named before (a number), or
        a new name."""
        current = (answer.owner if answer else None) or self._carry.get("owner")
        value = self._pick(_M[self._lang]["owner"], current, self._owners, where)
        if value:
            self._carry["owner"] = value
            if value not in self._owners:
                self._owners.append(value)
        return value

    def _evidence(self, answer: Answer | None, where: tuple[str, str]) -> list[dict[str, str]] | None:
        m = _M[self._lang]
        have = [{"url": e.url} if e.url else {"path": e.path or ""} for e in (answer.evidence if answer else [])]
        base = self.path.parent
        shown = str(base.resolve()) if str(base) == "." else str(base)
        while True:
            reply = self._ask(m["evidence"] + ": ", where)
            if command(reply) == _CLEAR:
                return []
            typed = [x.strip() for x in reply.replace("、", ",").split(",") if x.strip()]
            new = [{"url": t} if "://" in t else {"path": t} for t in typed]
            missing = [t["path"] for t in new if "path" in t and not _exists(base, t["path"])] \
                if self.check_paths else []
            if missing and not self._yes_no(m["missing"].format(path=", ".join(missing), base=shown) + " > ", where):
                continue
            out = list(have)
            for item in new:
                if item not in out:
                    out.append(item)
            return out if out != have else None

    def _target(self, answer: Answer | None, where: tuple[str, str]) -> dt.date | None:
        m = _M[self._lang]
        current = (answer.target_date if answer else None) or self._carry.get("target")
        while True:
            value = self._pick(m["target"], current.isoformat() if current else None, self._dates, where)
            if not value:
                return None
            try:
                day = parse_date(value)
            except DateError as e:
                self.say(e.text(self._lang))
                continue
            if day < self.today and day != (answer.target_date if answer else None) and \
                    not self._yes_no(m["past"].format(day=day.isoformat()) + " > ", where):
                continue
            self._carry["target"] = day
            if day.isoformat() not in self._dates:
                self._dates.append(day.isoformat())
            return day

    def _yes_no(self, prompt: str, where: tuple[str, str]) -> bool:
        m = _M[self._lang]
        while True:
            key = command(self._ask(prompt, where))
            if key in _YES:
                return True
            if key in _NO:
                return False
            self.say(m["bad_yes"])

    # --- file -----------------------------------------------------------------------------------

    def _apply(self, editable: EditableYaml, req: Requirement, fields: dict[str, Any]) -> None:
        assert self._catalog is not None
        key = self._keys.get(req.id, req.id)
        apply_answer(editable.doc, self._catalog, key, req, fields)
        self._keys[req.id] = key

    def _save(self, editable: EditableYaml) -> None:
        assert self._catalog is not None
        text = editable.render()
        answers = validate_data(parse(text, str(self.path)), Answers, text, str(self.path))
        resolved, errors = resolve(self._catalog, answers, self._own)
        if errors:  # never write a file that would not load; the message names the answer, not the file
            raise InvalidInputError([Problem(Msg("interactive.not_saved", reason=e.message), path=dotted(e.loc),
                                             hint=e.hint)
                                     for e in errors])
        editable.save(text)
        for rid in self._answers:
            self._answers[rid] = resolved.answers.get(rid, (rid, None))[1]


def _revert(editable: EditableYaml) -> None:
    """Forget edits not saved: the document as it was last read or written."""
    text = editable.raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    editable.doc = parse_roundtrip(text, str(editable.path))


def _names(req: Requirement, token: str) -> bool:
    """Whether ``token`` (as typed at the exceptions prompt) names ``req``: its ID or an alias, or their
    last part (``3.1.12`` or ``12`` for SYS-3.1.12)."""
    for name in (req.id, *req.aliases):
        n = name.lower()
        if token == n or n.endswith(("-" + token, "." + token)):
            return True
    return False


def _exists(base: Path, path: str) -> bool:
    try:
        return (base / path).exists()
    except (OSError, ValueError):
        return False
