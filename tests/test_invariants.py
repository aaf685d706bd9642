"""One truth in every format: invariants between the answers file, the workbook, the result, OSCAL, the
portfolio and the batch reports, checked over generated answer sets (hypothesis).

Each invariant is a promise to a company that is not ours: a supplier's answers survive the workbook, an
OSCAL document says what the result says, a prime's portfolio row is the supplier's own assessment.

1. YAML → export xlsx → import gives the same answers (also after a LibreOffice re-save); every item of
   every drop-down, in both languages, imports as the value it names.
2. assess ↔ OSCAL: a requirement's finding follows 'met'; objective findings exist exactly where objectives
   were answered; the POA&M items are the result's gaps.
3. A portfolio row equals `assess` of that file; a batch report equals the single report.
4. Counts printed by a command equal what it wrote (migrate, import, evidence lock).
5. Wherever a score is absent, the output says why, in the user's language.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import run_cli
from dibcyber.engine.resolve import objective_key, rev2_id
from dibcyber.exchange import workbook, workbook_export
from dibcyber.io.registry import Registry
from dibcyber.models.answers import PARTIAL_CREDIT, STATUSES

REG = Registry()
PROFILES = ("atla-standard", "cmmc-l2", "nist-800-171r3")
CATALOGS = {p: REG.catalog(REG.profile(p).catalog) for p in PROFILES}
SETTINGS: dict[str, Any] = {"deadline": None, "suppress_health_check": [
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]}

# Text as people write it: Japanese and English words, digits, inner blanks; nothing a cell cannot hold.
_WORDS = st.sampled_from(["方針", "手順書", "情報システム課", "鈴木", "UTM", "ログ", "VPN", "年1回", "policy",
                          "backup", "NAS", "=1+1", "-", "@home", "3.1.1", "（注）", "月次点検", "MFA"])
text_st = st.lists(_WORDS, min_size=1, max_size=5).map(" ".join)
date_st = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2029, 12, 31))


@st.composite
def answer_st(draw: st.DrawFn, profile: str, rid: str) -> dict[str, Any]:
    """One valid answer of requirement ``rid``: the shapes a person writes (status or objectives, N/A with
    and without a reason, partial credit where it exists, ODP values, evidence, owner and plan)."""
    req = CATALOGS[profile].by_id[rid]
    out: dict[str, Any] = {}
    use_objectives = bool(req.objectives) and draw(st.booleans())
    status = draw(st.sampled_from([*STATUSES, None]))
    if use_objectives:
        keys = [objective_key(req.id, o.id) for o in req.objectives]
        findings = {k: draw(st.sampled_from(["met", "not_met", "not_applicable"])) for k in keys
                    if draw(st.booleans())}
        if findings:
            out["objectives"] = findings
            status = None  # the objectives decide
    if status:
        out["status"] = status
    nist = rev2_id(req) or ""
    if nist in PARTIAL_CREDIT and status == "partially_implemented" and draw(st.booleans()):
        out["partial_credit"] = PARTIAL_CREDIT[nist]
    if draw(st.booleans()) or (status == "not_applicable" and draw(st.booleans())):
        out["narrative"] = draw(text_st)
    if draw(st.booleans()):
        out["evidence"] = [{"path": f"evidence/{draw(st.sampled_from(['規程', 'policy', 'ログ 設定']))}-{i}.md"}
                           for i in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        out["owner"] = draw(text_st)
    if status in ("planned", "partially_implemented", "not_implemented") or draw(st.booleans()):
        if draw(st.booleans()):
            out["planned_measure"] = draw(text_st)
        if draw(st.booleans()):
            out["target_date"] = draw(date_st)
    if req.odps and draw(st.booleans()):
        out["odp_values"] = {o.id: draw(text_st) for o in req.odps if draw(st.booleans())}
        if not out["odp_values"]:
            del out["odp_values"]
    return out


@st.composite
def answers_st(draw: st.DrawFn, profiles: tuple[str, ...] = PROFILES, size: int = 10) -> dict[str, Any]:
    profile = draw(st.sampled_from(profiles))
    cat = CATALOGS[profile]
    ids = [r.id for r in cat.requirements]
    partial = [r.id for r in cat.requirements if rev2_id(r) in PARTIAL_CREDIT]
    chosen = draw(st.lists(st.sampled_from(ids), max_size=size, unique=True))
    if partial:  # the two requirements with a DoD partial case, more often than chance would pick them
        chosen += draw(st.lists(st.sampled_from(partial), max_size=2, unique=True))
    reqs = {rid: draw(answer_st(profile, rid)) for rid in dict.fromkeys(chosen)}
    return {"format": "dibcyber/answers@1", "profile": profile,
            "organization": {"name": draw(st.sampled_from(["株式会社テスト精工", "Test Parts Ltd."]))},
            "assessment": {"date": draw(date_st), "system": draw(st.sampled_from(["生産管理", "CAD"]))},
            "requirements": reqs}


def write(data: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    y = YAML()
    with path.open("w", encoding="utf-8") as f:
        y.dump(data, f)
    return path


def assessed(path: Path, *extra: str) -> dict[str, Any]:
    result = run_cli("assess", path, "--format", "json", *extra)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def canonical_answers(path: Path) -> dict[str, dict[str, Any]]:
    """Requirement ID → the answer as comparable data (objective and ODP keys normalised, empties dropped)."""
    from dibcyber.app import pipeline

    loaded = pipeline.load_answers(path)
    prof = pipeline.profile_for(REG, loaded, None)
    cat = REG.catalog(prof.catalog)
    resolved = pipeline.resolve_answers(loaded, cat, None).answers
    out = {rid: workbook.canonical(cat.by_id[rid], a) for rid, (_, a) in resolved.items()}
    return {rid: c for rid, c in out.items() if c}


# --- 1. the workbook round trip --------------------------------------------------------------------


@settings(max_examples=40, **SETTINGS)
@given(data=answers_st(), lang=st.sampled_from(["ja", "en"]))
def test_yaml_to_workbook_to_yaml_keeps_every_answer(tmp_path_factory: pytest.TempPathFactory,
                                                      data: dict[str, Any], lang: str) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    src = write(data, tmp / "a.yaml")
    assert run_cli("export", "xlsx", src, "-o", tmp / "q.xlsx", "--objectives", "--lang", lang).code == 0
    result = run_cli("import", "xlsx", tmp / "q.xlsx", "-o", tmp / "b.yaml")
    assert result.code == 0, result.err
    assert canonical_answers(tmp / "b.yaml") == canonical_answers(src)
    # and merged back into the file it came from, nothing changes at all
    merged = run_cli("import", "xlsx", tmp / "q.xlsx", "--into", src)
    assert merged.code == 0, merged.err
    assert "0 changed or added" in merged.err or "0件" in merged.err


def _libreoffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice (libreoffice-calc-nogui) is needed: .ci/run installs it")
    return exe


def _resave(path: Path, out_dir: Path) -> Path:
    """Open and save the workbook in LibreOffice, as a supplier without Excel would."""
    out_dir.mkdir(exist_ok=True)
    subprocess.run([_libreoffice(), f"-env:UserInstallation=file://{out_dir}/profile", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out_dir / path.name


@settings(max_examples=4, **SETTINGS)
@given(data=answers_st(size=25), lang=st.sampled_from(["ja", "en"]))
def test_the_round_trip_survives_a_libreoffice_resave(tmp_path_factory: pytest.TempPathFactory,
                                                      data: dict[str, Any], lang: str) -> None:
    tmp = tmp_path_factory.mktemp("lo")
    src = write(data, tmp / "a.yaml")
    assert run_cli("export", "xlsx", src, "-o", tmp / "q.xlsx", "--objectives", "--lang", lang).code == 0
    resaved = _resave(tmp / "q.xlsx", tmp / "lo")
    result = run_cli("import", "xlsx", resaved, "-o", tmp / "b.yaml")
    assert result.code == 0, result.err
    assert canonical_answers(tmp / "b.yaml") == canonical_answers(src)


def _validations(ws: Any) -> list[tuple[list[str], list[str]]]:
    """Each list validation of the sheet: (its items as the drop-down offers them, its cells)."""
    out = []
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list":
            continue
        formula = dv.formula1
        assert formula.startswith('"') and formula.endswith('"')
        items = formula[1:-1].split(",")  # exactly how Excel and LibreOffice split a list formula
        cells = [c for rng in str(dv.sqref).split() for c in _expand(rng)]
        out.append((items, cells))
    return out


def _expand(rng: str) -> list[str]:
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(rng)
    from openpyxl.utils import get_column_letter

    return [f"{get_column_letter(c)}{r}" for c in range(c1, c2 + 1) for r in range(r1, r2 + 1)]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("profile", ["atla-standard", "cmmc-l2"])
def test_every_item_of_every_drop_down_imports(tmp_path: Path, lang: str, profile: str) -> None:
    """Every choice the workbook offers, read from the workbook itself, imports as the value it names."""
    src = write({"format": "dibcyber/answers@1", "profile": profile, "organization": {"name": "X"},
                 "assessment": {"date": dt.date(2026, 11, 1)}, "requirements": {}}, tmp_path / "a.yaml")
    out = tmp_path / "q.xlsx"
    assert run_cli("export", "xlsx", src, "-o", out, "--objectives", "--lang", lang).code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb[workbook_export.SHEETS[lang]["reqs"]]  # type: ignore[index]
    header = {c.value: c.column_letter for c in ws[1]}
    validations = _validations(ws)
    words = {"status": workbook.STATUS_LABELS[lang], "finding": workbook.FINDING_LABELS[lang],  # type: ignore[index]
             "partial_credit": workbook.PARTIAL_LABELS[lang]}  # type: ignore[index]
    column_kind = {letter: workbook.HEADER_KEYS[str(h)] for h, letter in header.items()}
    offered: dict[str, set[str]] = {}
    for items, cells in validations:
        kinds = {column_kind["".join(ch for ch in c if ch.isalpha())] for c in cells}
        assert len(kinds) == 1
        offered.setdefault(kinds.pop(), set()).update(items)
    # every drop-down item is one of the import's words for its column, and every word is offered
    assert offered == {k: set(v.values()) for k, v in words.items()}
    assert all(dv.showErrorMessage and dv.errorStyle == "warning" for dv in ws.data_validations.dataValidation
               if dv.type == "list")
    expected: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for items, cells in validations:
        free = [c for c in cells if c not in used]
        kind = column_kind["".join(ch for ch in cells[0] if ch.isalpha())]
        if kind == "status":  # statuses from the last rows, findings from the first: no row gets both
            free = free[::-1]
        for item, cell in zip(items, free, strict=False):
            ws[cell] = item
            used.add(cell)
            expected[cell] = (kind, {v: k for k, v in words[kind].items()}[item])
    # a partial case needs its row's status to be 'partially implemented'
    status_col = header[workbook.COLUMNS[4][1 if lang == "ja" else 2]]
    partial_cells = [c for c, (kind, _) in expected.items() if kind == "partial_credit"]
    for cell in partial_cells:
        row = int("".join(ch for ch in cell if ch.isdigit()))
        ws[f"{status_col}{row}"] = workbook.STATUS_LABELS[lang]["partially_implemented"]  # type: ignore[index]
        expected[f"{status_col}{row}"] = ("status", "partially_implemented")
    wb.save(out)
    result = run_cli("import", "xlsx", out, "-o", tmp_path / "b.yaml")
    assert result.code == 0, result.err
    got = YAML(typ="safe").load((tmp_path / "b.yaml").read_text("utf-8"))["requirements"]
    by_row = {r: ws.cell(r, 1).value for r in range(2, ws.max_row + 1)}
    seen = 0
    for cell, (kind, key) in expected.items():
        row = int("".join(ch for ch in cell if ch.isdigit()))
        rid = by_row[row]
        if kind == "finding":
            owner = next((r for r in CATALOGS[profile].requirements for o in r.objectives if o.id == rid), None)
            assert owner is not None, (cell, rid)
            assert got[owner.id]["objectives"][objective_key(owner.id, rid)] == key, (cell, rid)
        else:
            assert got[rid][kind] == key, (cell, rid, kind)
        seen += 1
    assert seen >= sum(len(v) for v in words.values())


# --- 2. assess ↔ OSCAL ---------------------------------------------------------------------------


@settings(max_examples=60, **SETTINGS)
@given(data=answers_st(size=20))
def test_oscal_says_what_the_result_says(tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]) -> None:
    tmp = tmp_path_factory.mktemp("oscal")
    src = write(data, tmp / "a.yaml")
    result = assessed(src)
    assert run_cli("export", "oscal", src, "-o", tmp / "o").code == 0
    ar = json.loads((tmp / "o" / "assessment-results.json").read_text("utf-8"))["assessment-results"]
    poam = json.loads((tmp / "o" / "poam.json").read_text("utf-8"))["plan-of-action-and-milestones"]
    findings = ar["results"][0]["findings"]

    def label(f: dict[str, Any]) -> str:
        return next(p["value"] for p in f["props"] if p["name"] == "label")

    # a requirement with a single unlettered objective shares its label with that objective: key by target type
    requirement = {label(f): f for f in findings if f["target"]["type"] == "statement-id"}
    objective = {label(f): f for f in findings if f["target"]["type"] == "objective-id"}
    made = set()
    for r in result["requirements"]:
        state = requirement[r["id"]]["target"]["status"]
        assert state["state"] == ("satisfied" if r["met"] else "not-satisfied"), r["id"]
        assert (state["reason"] == "fail") == (not r["met"] and r["status"] != "not_assessed")
        for o in r["objectives"]:
            if o["finding"] is not None:
                made.add(o["id"])
                f = objective[o["id"]]["target"]["status"]
                assert f["state"] == ("not-satisfied" if o["finding"] == "not_met" else "satisfied")
    objective_findings = set(objective)
    assert objective_findings == made  # exactly where objectives were answered
    assert [i["title"].split()[0] for i in poam["poam-items"]] == result["gaps"]


# --- 3. portfolio and batch -----------------------------------------------------------------------


@settings(max_examples=25, **SETTINGS)
@given(data=answers_st(size=30))
def test_a_portfolio_row_is_the_files_own_assessment(tmp_path_factory: pytest.TempPathFactory,
                                                      data: dict[str, Any]) -> None:
    tmp = tmp_path_factory.mktemp("pf")
    src = write(data, tmp / "a.yaml")
    result = assessed(src)
    pf = run_cli("portfolio", src, "--format", "json", "-j", "1")
    assert pf.code in (0, 1), pf.err
    row = json.loads(pf.out)["suppliers"][0]
    conf = result["scores"]["conformance"]
    assert row["conformance"] == conf["ratio"]
    assert (row["implemented"], row["applicable"]) == (conf["implemented"], conf["applicable"])
    assert row["open_items"] == len(result["gaps"])
    sprs = result["scores"].get("sprs")
    assert row["sprs"] == (sprs["value"] if sprs else None)
    assert row["sprs_status"] == ("not-scored" if sprs is None else "no-score" if sprs["value"] is None else "scored")
    overdue = sorted(p["id"] for p in conf["planned"] if p["overdue"])
    assert sorted(row["overdue"]) == overdue
    cmmc = result["scores"].get("cmmc")
    assert row["cmmc_conditional"] == (cmmc["conditional"] if cmmc else None)


@settings(max_examples=5, **SETTINGS)
@given(data=st.lists(answers_st(profiles=("atla-standard", "cmmc-l2"), size=15), min_size=2, max_size=3),
       lang=st.sampled_from(["ja", "en"]))
def test_a_batch_report_is_the_single_report(tmp_path_factory: pytest.TempPathFactory, data: list[dict[str, Any]],
                                             lang: str) -> None:
    tmp = tmp_path_factory.mktemp("batch")
    files = [write(d, tmp / "in" / f"s{i}.yaml") for i, d in enumerate(data)]
    out = tmp / "out"
    result = run_cli("report", *files, "--batch", "--out", out, "--format", "html", "--lang", lang, "-j", "1")
    assert result.code == 0, result.err
    for f in files:
        single = run_cli("report", f, "--format", "html", "--lang", lang, "-o", tmp / f"{f.stem}.html")
        assert single.code == 0, single.err
        batch = next(out.rglob(f"{f.stem}*.html"))
        assert batch.read_bytes() == (tmp / f"{f.stem}.html").read_bytes()


# --- 4. counts printed = what was written ------------------------------------------------------------


@settings(max_examples=20, **SETTINGS)
@given(data=answers_st(profiles=("atla-standard", "cmmc-l2"), size=40), lang=st.sampled_from(["ja", "en"]))
def test_migrate_counts_what_it_writes(tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any],
                                       lang: str) -> None:
    import re

    tmp = tmp_path_factory.mktemp("mig")
    src = write(data, tmp / "a.yaml")
    result = run_cli("migrate", src, "--to", "nist-800-171r3", "-o", tmp / "m.yaml", "-w", tmp / "w.json",
                     "--lang", lang)
    assert result.code == 0, result.err
    written = YAML(typ="safe").load((tmp / "m.yaml").read_text("utf-8"))["requirements"] or {}
    work = json.loads((tmp / "w.json").read_text("utf-8"))
    merged = sum(1 for i in work["items"] if i["kind"] == "merged")
    pattern = (r"(\d+)件の要件を書き出しました（そのまま移行(\d+)件、統合(\d+)件、分割(\d+)件）。作業リスト(\d+)件"
               if lang == "ja" else r"(\d+) requirements written for \S+ \((\d+) carried one-to-one, (\d+) merged, "
               r"(\d+) split\); worklist (\d+) items")
    m = re.search(pattern, result.err)
    assert m is not None, result.err
    total, carried, merged_n, split, items = (int(g) for g in m.groups())
    assert total == len(written) == work["written"] == carried + merged_n + split
    assert (carried, merged_n, items) == (work["carried"], merged, len(work["items"]))


@settings(max_examples=20, **SETTINGS)
@given(data=answers_st(profiles=("atla-standard",), size=15), edits=st.lists(
    st.sampled_from(list(workbook.STATUS_LABELS["ja"].values())), min_size=0, max_size=6))
def test_import_counts_what_it_changes(tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any],
                                       edits: list[str]) -> None:
    import re

    tmp = tmp_path_factory.mktemp("imp")
    src = write(data, tmp / "a.yaml")
    q = tmp / "q.xlsx"
    assert run_cli("export", "xlsx", src, "-o", q, "--lang", "ja").code == 0
    before = canonical_answers(src)
    wb = openpyxl.load_workbook(q)
    ws = wb["要求事項"]
    rows = [r for r in range(2, ws.max_row + 1) if not (data["requirements"].get(ws.cell(r, 1).value) or {}).get(
        "objectives")]  # a status typed over a row whose objectives decide could contradict them
    for r, word in zip(rows[::7], edits, strict=False):
        ws.cell(r, 5).value = word
    wb.save(q)
    result = run_cli("import", "xlsx", q, "--into", src)
    assert result.code == 0, result.err
    after = canonical_answers(src)
    changed = {rid for rid in set(before) | set(after) if before.get(rid) != after.get(rid)}
    m = re.search(r"(\d+) changed or added, (\d+) unchanged", result.err)
    assert m is not None, result.err
    assert int(m.group(1)) == len(changed)


def test_evidence_lock_counts_what_it_locks(tmp_path: Path) -> None:
    import re

    root = tmp_path / "co"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "sample-seiki", root)
    result = run_cli("evidence", "lock", root / "answers.yaml")
    assert result.code == 0, result.err
    data = YAML(typ="safe").load((root / "answers.yaml").read_text("utf-8"))
    locked = sum(1 for a in data["requirements"].values() if a for e in a.get("evidence") or [] if e.get("sha256"))
    distinct = len({e["path"] for a in data["requirements"].values() if a for e in a.get("evidence") or []
                    if e.get("sha256")})
    numbers = [int(n) for n in re.findall(r"\d+", result.out)]
    assert numbers[:2] == [locked, distinct], result.out


# --- 5. an absent score says why ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_absent_score_says_why_in_the_users_language(tmp_path: Path, lang: str) -> None:
    src = write({"format": "dibcyber/answers@1", "profile": "cmmc-l2", "organization": {"name": "株式会社無計画"},
                 "assessment": {"date": dt.date(2026, 11, 1)},
                 "requirements": {"3.12.4": {"status": "not_implemented"}, "3.1.1": {"status": "implemented"}}},
                tmp_path / "a.yaml")
    result = assessed(src)
    reason = result["scores"]["sprs"]["reason"][lang]
    assert result["scores"]["sprs"]["value"] is None and reason
    table = run_cli("assess", src, "--lang", lang)
    assert reason in " ".join(table.out.split())
    pf = run_cli("portfolio", src, "--lang", lang, "-j", "1")
    words = {"ja": "算出不可", "en": "no score"}[lang]
    flat = " ".join(pf.out.split())
    assert words in flat and " ".join(reason.split()) in flat
    md = run_cli("portfolio", src, "--lang", lang, "--format", "md", "-j", "1")
    assert words in md.out and reason in md.out
    html = run_cli("portfolio", src, "--lang", lang, "--format", "html", "-j", "1")
    assert f">{words}<" in html.out
    # a profile with no SPRS score at all is the harmless '—', never the word for the worst case
    r3 = write({"format": "dibcyber/answers@1", "profile": "nist-800-171r3", "organization": {"name": "R3"},
                "assessment": {"date": dt.date(2026, 11, 1)}, "requirements": {}}, tmp_path / "r3.yaml")
    quiet = run_cli("portfolio", r3, "--lang", lang, "--format", "md", "-j", "1")
    assert words not in quiet.out and "| — |" in quiet.out
