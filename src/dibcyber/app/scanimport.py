"""``dibcyber import xccdf``: a scanner's results as evidence on the requirements its rules map to.

Rules map to requirements through the references they carry (``xccdf.Scan``):

- **direct**: the rule cites a NIST SP 800-171 requirement (SCAP Security Guide writes Rev.2 numbers such as
  ``3.1.7``), or a requirement equivalent to it (``SYS-3.1.7`` of the ATLA catalog);
- **derived**: the rule cites a NIST SP 800-53 control, which reaches the Rev.3 requirements that name it
  among their source controls (the enhancement itself where one names it, else the base control), and on
  to Rev.2 through the crosswalk (a Rev.3 requirement's predecessor, or the withdrawn Rev.2 requirements it
  incorporates); a cited Rev.2 requirement reaches Rev.3 the same way back.

The results file becomes an evidence entry of each mapped requirement, locked (SHA-256 and size of the
very bytes parsed), with each rule's result as a finding. The status a person gave is never touched: a
failed rule on an implemented requirement is an issue of the result (``scoring.scan_contradiction``).
Merging keeps the answers file's comments, order and every other value; nothing is written unless the
merged file is valid answers.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dibcyber.errors import InvalidInputError, Msg, Problem
from dibcyber.exchange import xccdf
from dibcyber.io.safeio import limits, read_bytes_limited
from dibcyber.models.answers import ScanFinding
from dibcyber.models.catalog import Catalog

if TYPE_CHECKING:
    from dibcyber.io.registry import Registry
    from dibcyber.io.yamledit import EditableYaml

R2, R3 = "nist-800-171r2", "nist-800-171r3"
_REV2_ID = re.compile(r"^3\.\d{1,2}\.\d{1,2}$")
_REV3_ID = re.compile(r"^03\.\d{2}\.\d{2}$")
_CONTROL = re.compile(r"^([A-Z]{2})-0*([1-9]\d*)(?:\(0*([1-9]\d*)\))?")
"""An SP 800-53 control as scanners cite it: ``AC-6(9)``, ``CM-6(a)`` (a statement part: the control),
``IA-5(1)(c)`` (the enhancement ``IA-5(1)``), ``AC-02(03)``."""

Node = tuple[str, str]
"""(catalog, requirement ID) in NIST's catalogs."""


@dataclass(frozen=True)
class Mapped:
    requirement: str
    """A requirement of the answered catalog."""
    mapping: str  # direct | derived
    via: tuple[str, ...]


@dataclass
class Mapper:
    """From a rule's references to requirements of the answered catalog (see the module's docstring)."""

    catalog: Catalog
    rev2: Catalog
    rev3: Catalog
    by_control: dict[str, list[str]] = field(default_factory=dict)
    targets: dict[Node, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for req in self.rev3.requirements:
            for control in req.source_controls:
                self.by_control.setdefault(control, []).append(req.id)
        for req in self.catalog.requirements:
            nodes = [(self.catalog.id, req.id)] + [(m.catalog, m.id) for m in req.mappings
                                                   if m.relation == "equivalent"]
            for node in nodes:
                self.targets.setdefault(node, []).append(req.id)

    def _controls(self, cited: str) -> tuple[str, list[str]] | None:
        m = _CONTROL.match(cited.strip())
        if m is None:
            return None
        base = f"{m.group(1)}-{m.group(2)}"
        exact = f"{base}({m.group(3)})" if m.group(3) else base
        if exact in self.by_control:
            return exact, self.by_control[exact]
        return (base, self.by_control[base]) if base in self.by_control else None

    def _crosswalk(self, node: Node) -> list[Node]:
        """The other revision's requirements with the same content (predecessor, incorporated)."""
        source = self.rev3 if node[0] == R3 else self.rev2
        req = source.by_id.get(node[1])
        keep = {"predecessor", "incorporates"} if node[0] == R3 else {"successor", "incorporated_into"}
        other = R2 if node[0] == R3 else R3
        return [(other, m.id) for m in (req.mappings if req else []) if m.catalog == other and m.relation in keep]

    def reached(self, rule: xccdf.Rule) -> list[tuple[Node, str, tuple[str, ...]]]:
        """Every NIST requirement the rule reaches: (node, direct|derived, via)."""
        out: list[tuple[Node, str, tuple[str, ...]]] = []
        for ref in rule.references:
            href, text = ref.href.upper(), ref.text.strip()
            if "800-171" in href and (_REV2_ID.match(text) or _REV3_ID.match(text)):
                node = (R2 if _REV2_ID.match(text) else R3, text)
                out.append((node, "direct", (text,)))
                out += [(n, "derived", (text, n[1])) for n in self._crosswalk(node)]
            elif "800-53" in href:
                control, rids = self._controls(text) or ("", [])
                for rid in rids:
                    out.append(((R3, rid), "derived", (control, rid)))
                    out += [(n, "derived", (control, rid, n[1])) for n in self._crosswalk((R3, rid))]
        return out

    def map(self, rule: xccdf.Rule) -> list[Mapped]:
        """The answered catalog's requirements the rule reaches, each once: direct before derived, then the
        shortest way, in the order the rule cites them."""
        best: dict[str, Mapped] = {}
        for node, how, via in self.reached(rule):
            for rid in self.targets.get(node, []):
                found = Mapped(rid, how, via)
                old = best.get(rid)
                if old is None or (how != "direct", len(via)) < (old.mapping != "direct", len(old.via)):
                    best[rid] = found
        return list(best.values())


@dataclass
class Mapping:
    """A whole scan mapped: findings per requirement (catalog order) and what mapped nowhere."""

    findings: dict[str, list[ScanFinding]]
    direct: int
    derived: int
    unmapped: list[str]


def map_scan(scan: xccdf.Scan, mapper: Mapper) -> Mapping:
    """Each recorded rule result on every requirement its rule maps to."""
    per: dict[str, list[ScanFinding]] = {}
    direct = derived = 0
    unmapped: list[str] = []
    for result, rule in scan.findings():
        mapped = mapper.map(rule) if rule is not None else []
        if not mapped:
            unmapped.append(result.rule)
            continue
        if any(m.mapping == "direct" for m in mapped):
            direct += 1
        else:
            derived += 1
        for m in mapped:
            per.setdefault(m.requirement, []).append(ScanFinding(
                rule=result.rule, result=result.result, mapping=m.mapping,
                via=list(m.via), title=rule.title if rule else None))
    order = {r.id: i for i, r in enumerate(mapper.catalog.requirements)}
    return Mapping(dict(sorted(per.items(), key=lambda kv: order[kv[0]])), direct, derived, unmapped)


@dataclass(frozen=True)
class ScanFile:
    """A results file read once: the parsed scan and the SHA-256 and size of the same bytes."""

    path: Path
    scan: xccdf.Scan
    sha256: str
    size: int


def read_scan(path: Path) -> ScanFile:
    data = read_bytes_limited(path, limits().max_xml_size, what="scan results file")
    return ScanFile(path, xccdf.parse_bytes(data, str(path)), hashlib.sha256(data).hexdigest(), len(data))


def evidence_path(scan_path: Path, answers_path: Path) -> str:
    """The results file as an evidence path: relative to the answers file, with '/', inside the repository
    (or the answers file's folder outside git), as every evidence file must be."""
    from dibcyber.app.evidence import root_of

    root = root_of(answers_path)
    target = scan_path.resolve()
    if not target.is_relative_to(root):
        raise InvalidInputError(Problem(Msg("xccdf.outside_repository", root=str(root)), file=str(scan_path),
                                        hint=Msg("xccdf.outside_repository.hint")))
    return Path(os.path.relpath(target, answers_path.resolve().parent)).as_posix()


def title_of(scan: xccdf.Scan) -> str:
    """How the evidence entry names the scan: what, on which machine, when."""
    what = scan.benchmark_title or scan.benchmark or "XCCDF"
    profile = xccdf_short(scan.profile) if scan.profile else None
    when = (scan.end or scan.start or "")[:10]
    parts = [f"{what}" + (f" ({profile})" if profile else "")]
    if scan.target:
        parts.append(scan.target)
    if when:
        parts.append(when)
    return "scan: " + ", ".join(parts)


def xccdf_short(ident: str) -> str:
    """``standard`` for ``xccdf_org.ssgproject.content_profile_standard``."""
    return ident.split("_profile_", 1)[1] if "_profile_" in ident else ident


@dataclass
class ScanOutcome:
    """What an import did: the answers text to write and what changed, for the command to report."""

    text: str
    editable: EditableYaml
    evidence: str
    """The results file as the evidence entries cite it."""
    mapping: Mapping
    changes: list[tuple[str, str]]
    """(requirement, added | changed | removed): an answer added, an evidence entry added or updated, or a
    stale entry of the same file removed (its rules no longer map there)."""
    contradictions: list[str]
    """Requirements answered 'implemented' that a rule failed (each is a scan-contradicts-answer issue)."""

    def save(self) -> None:
        """Write the answers: a new file atomically, an existing one unless it changed on disk meanwhile."""
        from dibcyber.io.atomic import atomic_write

        if self.editable.raw:
            self.editable.save(self.text)
        else:
            atomic_write(self.editable.path, self.text)


def merge(registry: Registry, scan_path: Path, into: Path) -> ScanOutcome:
    """The scan merged into an existing answers file (comments, order and every other value kept)."""
    from dibcyber.app import pipeline
    from dibcyber.io.yamledit import EditableYaml

    scan_file = read_scan(scan_path)
    loaded = pipeline.load_answers(into)
    cat = registry.catalog(pipeline.profile_for(registry, loaded, None).catalog)
    return _apply(registry, scan_file, cat, EditableYaml.open(into), into)


def fresh(registry: Registry, scan_path: Path, output: Path, profile: str) -> ScanOutcome:
    """A new answers file for ``profile`` holding the scan's evidence and no status: a person answers."""
    from dibcyber.io.yamledit import EditableYaml
    from dibcyber.io.yamlio import parse_roundtrip

    scan_file = read_scan(scan_path)
    prof = registry.profile(profile)
    text = _skeleton(scan_file.scan, prof.id, scan_path.name)
    editable = EditableYaml(output, b"", parse_roundtrip(text, str(output)), 2, 2, 2, crlf=False, bom=False)
    return _apply(registry, scan_file, registry.catalog(prof.catalog), editable, output)


def _skeleton(scan: xccdf.Scan, profile: str, name: str) -> str:
    import datetime as dt

    from ruamel.yaml.comments import CommentedMap

    from dibcyber.io.yamlio import dump_roundtrip

    try:
        date = dt.date.fromisoformat((scan.end or scan.start or "")[:10])
    except ValueError:
        date = dt.date.today()
    assessment = CommentedMap(date=date)
    if scan.target:
        assessment["system"] = scan.target
    doc = CommentedMap(format="dibcyber/answers@1", profile=profile,
                       organization=CommentedMap(name="(to be filled in)"), assessment=assessment)
    doc.yaml_set_start_comment(
        f"dibcyber answers started from the scan results {name}: fill in the company, then answer each\n"
        "requirement. A scan answers nothing by itself: its rules are findings on the evidence.")
    return dump_roundtrip(doc)


def _apply(registry: Registry, scan_file: ScanFile, cat: Catalog, editable: EditableYaml,
           answers_path: Path) -> ScanOutcome:
    from ruamel.yaml.comments import CommentedMap

    from dibcyber.io.yamledit import set_key

    mapping = map_scan(scan_file.scan, Mapper(cat, registry.catalog(R2), registry.catalog(R3)))
    rel = evidence_path(scan_file.path, answers_path)
    reqs = editable.doc.get("requirements")
    if not isinstance(reqs, CommentedMap):
        reqs = CommentedMap()
        set_key(editable.doc, "requirements", reqs)
    keys = {cat.alias_index[str(k)]: k for k in reqs if str(k) in cat.alias_index}
    changes: list[tuple[str, str]] = []
    title = title_of(scan_file.scan)
    for rid, findings in mapping.findings.items():
        key = keys.get(rid)
        node = reqs.get(key) if key is not None else None
        if not isinstance(node, CommentedMap):
            node = CommentedMap()
            _put_entry(node, rel, scan_file, findings, title)
            set_key(reqs, rid if key is None else key, node)
            changes.append((rid, "added" if key is None else "changed"))
        elif _put_entry(node, rel, scan_file, findings, title):
            changes.append((rid, "changed"))
    for rid, key in keys.items():
        if rid not in mapping.findings and _drop_stale(reqs.get(key), rel):
            changes.append((rid, "removed"))
    text = editable.render()
    return ScanOutcome(text, editable, rel, mapping, changes, _validate(registry, cat, answers_path, text))


def _put_entry(node: Any, rel: str, scan_file: ScanFile, findings: list[ScanFinding], title: str) -> bool:
    """The results file's evidence entry of one answer: updated where the answer cites the file already
    (its title, if any, kept), else appended. False when the entry was already as the scan gives it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from dibcyber.io.yamledit import set_key

    rows = CommentedSeq()
    for f in findings:
        row = CommentedMap((k, v) for k, v in f.model_dump(exclude_defaults=True).items())
        if "via" in row:
            row["via"] = CommentedSeq(row["via"])
            row["via"].fa.set_flow_style()
        row.fa.set_flow_style()
        rows.append(row)
    evidence = node.get("evidence")
    entry = next((e for e in evidence if isinstance(e, dict) and e.get("path") == rel), None) \
        if isinstance(evidence, CommentedSeq) else None
    if entry is None:
        entry = CommentedMap(path=rel, title=title, sha256=scan_file.sha256, size=scan_file.size, findings=rows)
        if isinstance(evidence, CommentedSeq):
            evidence.append(entry)
        else:  # built whole before it is set: a blank line that ended the answer stays after it
            set_key(node, "evidence", CommentedSeq([entry]))
        return True
    old = entry.get("findings")
    wanted = [f.model_dump(exclude_defaults=True) for f in findings]
    if (entry.get("sha256"), entry.get("size")) == (scan_file.sha256, scan_file.size) and isinstance(old, list) \
            and [dict(r) for r in old if isinstance(r, dict)] == wanted:
        return False
    set_key(entry, "sha256", scan_file.sha256)
    set_key(entry, "size", scan_file.size)
    set_key(entry, "findings", rows)
    if isinstance(old, CommentedSeq) and len(old):  # a blank line or comment after the old findings stays
        tail = old.ca.items.get(len(old) - 1)
        if tail is not None:
            rows.ca.items[len(rows) - 1] = tail
        elif old.ca.end:  # as parsed: the lines after a sequence end it; written back after its last item
            from ruamel.yaml.error import CommentMark
            from ruamel.yaml.tokens import CommentToken

            text = "\n" + "".join(t.value for t in old.ca.end if isinstance(t, CommentToken))
            rows.ca.items[len(rows) - 1] = [CommentToken(text, CommentMark(0), None), None]
    return True


def _drop_stale(node: Any, rel: str) -> bool:
    """Remove this results file's entries (with findings) from an answer its rules no longer map to."""
    evidence = node.get("evidence") if isinstance(node, dict) else None
    if not isinstance(evidence, list):
        return False
    stale = [i for i, e in enumerate(evidence) if isinstance(e, dict) and e.get("path") == rel and "findings" in e]
    for i in reversed(stale):
        del evidence[i]
    if stale and not evidence:
        del node["evidence"]
    return bool(stale)


def _validate(registry: Registry, cat: Catalog, answers_path: Path, text: str) -> list[str]:
    """The merged text must read back as valid answers; returns the requirements it answers 'implemented'
    that a rule failed."""
    from dibcyber.app import pipeline
    from dibcyber.engine import resolve, scoring

    loaded = pipeline.load_answers(answers_path, text=text, name=str(answers_path))
    resolved = pipeline.resolve_answers(loaded, cat, None)
    out = []
    for rid, (_, answer) in resolved.answers.items():
        status, _ = resolve.evaluate(cat.by_id[rid], answer)
        if scoring.scan_contradiction(rid, answer, status) is not None:
            out.append(rid)
    return out
