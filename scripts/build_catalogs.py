#!/usr/bin/env python3
"""Build the NIST parts of dibcyber's catalogs from the reference data in ``reference/``.

    python scripts/build_catalogs.py                 # regenerate controls/*.yaml in place
    python scripts/build_catalogs.py --check         # exit 1 if the files are not what this builds
    python scripts/build_catalogs.py --ja-import DIR # also take Japanese texts from DIR/*.json

What it owns: every English text, ID, count, weight, CMMC field and mapping that comes from NIST or the
DoD methodology. What it keeps: everything people wrote — Japanese texts, comments, official paragraph
references, provenance notes, and the organisational items of the Japanese standard. It updates the
existing YAML in place (ruamel round trip), so corrections to the reference flow through one place.

The texts of each ATLA technical item are derived from the Rev.2 ones with the one terminology change
the Japanese standard needs (CUI → 保護すべき情報; in English, the organisational items' "protected
information"), except where ATLA_WORDING words an item for this catalog (controls/glossary.yaml). The
discussion's English stays NIST's text.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

CONTENT_VERSION = {"nist-800-171r2": "2026.12.2", "nist-800-171r3": "2026.12.3"}
"""dibcyber's version of each generated catalog's content; bump it with an entry in controls/CHANGELOG.md
(the ATLA catalog states its own in controls/atla-2022.yaml)."""
ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / "reference"
CONTROLS = ROOT / "controls"

FAMILY_JA = {
    "Access Control": "アクセス制御",
    "Awareness and Training": "意識向上及び訓練",
    "Audit and Accountability": "監査及び説明責任",
    "Configuration Management": "構成管理",
    "Identification and Authentication": "識別及び認証",
    "Incident Response": "インシデント対応",
    "Maintenance": "保守",
    "Media Protection": "媒体保護",
    "Personnel Security": "要員セキュリティ",
    "Physical Protection": "物理的保護",
    "Risk Assessment": "リスクアセスメント",
    "Security Assessment": "セキュリティアセスメント",
    "Security Assessment and Monitoring": "セキュリティアセスメント及び監視",
    "System and Communications Protection": "システム及び通信の保護",
    "System and Information Integrity": "システム及び情報の完全性",
    "Planning": "計画策定",
    "System and Services Acquisition": "システム及びサービスの取得",
    "Supply Chain Risk Management": "サプライチェーンリスク管理",
}
REV3_ABBREV = {"03.01": "AC", "03.02": "AT", "03.03": "AU", "03.04": "CM", "03.05": "IA", "03.06": "IR",
               "03.07": "MA", "03.08": "MP", "03.09": "PS", "03.10": "PE", "03.11": "RA", "03.12": "CA",
               "03.13": "SC", "03.14": "SI", "03.15": "PL", "03.16": "SA", "03.17": "SR"}
POAM = {
    "yes": "eligible",
    "no (value > 1)": "not_eligible",
    "no (excluded by 170.21(a)(2)(iii))": "never",
    "only the 3-point case (encryption employed but not FIPS-validated)": "partial_only",
}
NA_CONDITIONS = {
    "3.1.12": ("リモートアクセスを許可していない場合は減点しない。", "No deduction if remote access is not permitted."),
    "3.1.13": ("リモートアクセスを許可していない場合は減点しない。", "No deduction if remote access is not permitted."),
    "3.1.16": ("無線アクセスを許可していない場合は減点しない。", "No deduction if wireless access is not permitted."),
    "3.1.17": ("無線アクセスを許可していない場合は減点しない。", "No deduction if wireless access is not permitted."),
    "3.1.18": ("モバイルデバイスの接続を許可していない場合は減点しない。",
               "No deduction if connection of mobile devices is not permitted."),
}
PARTIAL_CONDITIONS = {
    "3.5.3": ("多要素認証をリモートアクセス及び特権ユーザにのみ実装し、一般ユーザには実装していない場合（3点減点）。",
              "MFA implemented for remote and privileged users only, not for the general user (3 points)."),
    "3.13.11": ("暗号化を用いているが、FIPS認証済みの暗号モジュールによるものでない場合（3点減点）。",
                "Encryption employed but not FIPS-validated (3 points)."),
}
ATLA_ORG_FAMILIES = ("ORG-",)


def csv_rows(name: str) -> list[dict[str, str]]:
    with (REF / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_json(name: str) -> Any:
    return json.loads((REF / name).read_text(encoding="utf-8"))


def text(en: str | None, ja: str | None = None) -> dict[str, Any]:
    def block(s: str | None) -> Any:
        return LiteralScalarString(s) if s and "\n" in s else s

    return {"ja": block(ja), "en": block(en)}


def official_order(label: str) -> list[tuple[int, int, str]]:
    """Sort key that puts determination statements and ODPs in the order of the publication: by their
    labels' parts, numbers as numbers and letters as letters (3.1.1[b] < 3.1.1[aa], A.03.16.02.a <
    A.03.16.02.b, ODP[03] < ODP[04]). NIST's OSCAL source lists some of them out of that order (03.16.02
    has b before a); the catalogs print them in the official order."""
    parts = re.split(r"[.\[\]]+", label.removeprefix("DS-"))
    return [(0, int(p), "") if p.isdigit() else (1, len(p), p) for p in parts if p]


def load_ja(folder: Path | None, prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if folder:
        for f in sorted(folder.glob(f"{prefix}-*.json")):
            out.update(json.loads(f.read_text(encoding="utf-8")))
    return out


# --- assessment methods (SP 800-171A) -------------------------------------------------------------

METHOD_KINDS = ("examine", "interview", "test")
OBJECTS_JA = "assessment-objects-ja.tsv"
"""controls/assessment-objects-ja.tsv: one English assessment object and its Japanese per line, so that the
same object reads the same in every requirement and catalog. Edit Japanese of assessment objects there."""
NO_METHODS_R3 = text(
    "NIST's SP 800-171A Rev. 3 source (OSCAL catalog) lists no assessment methods or objects for this "
    "requirement; dibcyber adds none.",
    "NISTのSP 800-171A Rev.3の原典（OSCALカタログ）には、この要件の評価方法及び評価対象の記載がない。dibcyberは"
    "追加していない。")
NO_TARGET_R2 = text(
    "SP 800-171A (2018) is not in dibcyber's reference data, and this requirement was withdrawn in Rev. 3 "
    "with no successor named by NIST, so no assessment objects can be derived for it.",
    "SP 800-171A（2018年版）はdibcyberの参照データにない。この要件はRev.3で廃止され、NISTが移行先を示していない"
    "ため、評価対象を導出できない。")
NO_METHODS_VIA = text(
    "Derived through the Rev. 2 → Rev. 3 crosswalk, but the Rev. 3 requirement(s) it maps to have no "
    "assessment methods in NIST's SP 800-171A Rev. 3 source.",
    "Rev.2 → Rev.3の対応表により導出するが、対応するRev.3の要件にはNISTのSP 800-171A Rev.3の原典に評価方法の"
    "記載がない。")
DERIVED_R2 = text(
    "Derived, not NIST's list for this requirement: SP 800-171A (2018) is not in dibcyber's reference data, so "
    "these are the SP 800-171A Rev. 3 objects of the Rev. 3 requirement(s) it maps to in the crosswalk "
    "(positional plus NIST's withdrawal links). Each object names its source.",
    "導出したものであり、NISTがこの要件について示した一覧ではない。SP 800-171A（2018年版）はdibcyberの参照データに"
    "ないため、対応表（番号の位置及びNISTの廃止リンク）で対応するRev.3の要件のSP 800-171A Rev.3の評価対象を示す。"
    "各評価対象に出典を記す。")
NO_METHODS_ORG = text(
    "No assessment methods: SP 800-171A does not cover the organisational items of the Japanese standard, "
    "and no source available to dibcyber gives methods for them. None are invented.",
    "評価方法なし：SP 800-171Aは防衛産業サイバーセキュリティ基準の組織的要求事項を対象とせず、dibcyberが参照できる"
    "資料にもその評価方法の記載はない。独自に作成はしていない。")


def objects_ja() -> dict[str, str]:
    path = CONTROLS / OBJECTS_JA
    out: dict[str, str] = {}
    if path.exists():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            en, sep, ja = line.partition("\t")
            if not sep or not ja or en in out:
                raise SystemExit(f"{path}:{n}: expected 'English<TAB>Japanese', once per English object")
            out[en] = ja
    return out


def rev3_methods(r: dict[str, Any], ja: dict[str, str]) -> dict[str, Any]:
    am = r.get("assessment_methods") or {}
    src = {"basis": "direct", "catalog": "nist-800-171r3", "id": r["id"]}
    out: dict[str, Any] = {k: [{"ja": ja.get(o), "en": o, "source": dict(src)} for o in am.get(k, [])]
                           for k in METHOD_KINDS}
    if not any(out.values()):
        out["note"] = NO_METHODS_R3
    return out


def derive_methods(targets: list[tuple[str, str]], rev3: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The Rev.3 objects of ``targets`` ((Rev.3 ID, relation) pairs), each object once (first source wins)."""
    out: dict[str, Any] = {k: [] for k in METHOD_KINDS}
    for kind in METHOD_KINDS:
        seen: set[str] = set()
        for tid, relation in targets:
            for o in rev3[tid]["methods"][kind]:
                if o["en"] in seen:
                    continue
                seen.add(o["en"])
                out[kind].append({"ja": o["ja"], "en": o["en"],
                                  "source": {"basis": "derived", "catalog": "nist-800-171r3", "id": tid,
                                             "relation": relation}})
    out["note"] = DERIVED_R2 if any(out[k] for k in METHOD_KINDS) else (NO_METHODS_VIA if targets else NO_TARGET_R2)
    return out


# --- Rev.2 ---------------------------------------------------------------------------------------


def build_rev2(ja: dict[str, Any], rev3: dict[str, Any]) -> dict[str, Any]:
    cat = load_json("nist-sp800-171-rev2-catalog.json")
    rev3_by_id = {r["id"]: r for r in rev3["requirements"]}
    weights = {r["requirement_id"]: r for r in csv_rows("dod-assessment-methodology-weights.csv")}
    ext = {r["requirement_id"]: r for r in csv_rows("dod-assessment-methodology-weights-extended.csv")}
    cross = {r["rev2_id"]: r for r in csv_rows("nist-sp800-171-rev2-to-rev3-crosswalk.csv") if r["rev2_id"]}
    reqs = []
    for r in cat["requirements"]:
        rid = r["id"]
        tj = ja.get(rid, {})
        w, x = weights[rid], ext[rid]
        weight: dict[str, Any] = {"value": None if w["weight"] == "NA" else int(w["weight"])}
        if x["weight_partial"]:
            weight["partial_value"] = int(x["weight_partial"])
            weight["partial_condition"] = text(PARTIAL_CONDITIONS[rid][1], PARTIAL_CONDITIONS[rid][0])
        if rid in NA_CONDITIONS:
            weight["na_condition"] = text(NA_CONDITIONS[rid][1], NA_CONDITIONS[rid][0])
        if w["partial_credit_note"]:
            weight["note"] = w["partial_credit_note"]
        weight["source"] = w["source"]
        tags = [r["designation"]]
        if r["far_52_204_21_basic_safeguarding"]:
            tags.append("far-52.204-21")
        tags.append("cmmc-l1" if r["cmmc_level"] == "L1" else "cmmc-l2")
        req = {
            "id": rid,
            "family": r["family"],
            "title": text(r["short_title"], tj.get("title")),
            "statement": text(r["statement"], tj.get("statement")),
            "discussion": text(r["discussion"], tj.get("discussion")),
            "objectives": [
                {"id": o["id"], "text": text(o["text"], tj.get("objectives", {}).get(o["id"]))}
                for o in sorted(r["assessment_objectives"], key=lambda o: official_order(o["id"]))
            ],
            "methods": derive_methods([(m["id"], m["relation"]) for m in rev2_to_rev3(cross[rid])
                                       if m["relation"] != "withdrawn"], rev3_by_id),
            "weight": weight,
            "cmmc": {"practice_id": r["cmmc_practice_id"], "level": 1 if r["cmmc_level"] == "L1" else 2,
                     "poam": POAM[x["cmmc_poam_eligible_32cfr170_21"]]},
            "tags": tags,
            "aliases": [r["cmmc_practice_id"]],
            "mappings": rev2_to_rev3(cross[rid]),
        }
        reqs.append(req)
    return {
        "format": "dibcyber/catalog@1",
        "id": "nist-800-171r2",
        "version": "SP 800-171 Rev. 2 (2020-02, updated 2021-01-28); SP 800-171A (2018-06)",
        "content_version": CONTENT_VERSION["nist-800-171r2"],
        "short_title": text("NIST SP 800-171 Rev. 2", "NIST SP 800-171 Rev.2"),
        "title": text("NIST SP 800-171 Rev. 2: Protecting Controlled Unclassified Information in Nonfederal "
                      "Systems and Organizations",
                      "NIST SP 800-171 Rev.2：連邦政府外のシステム及び組織における管理された非格付け情報の保護"),
        "description": text(
            "The 110 security requirements of NIST SP 800-171 Rev. 2 with the 320 assessment objectives of "
            "SP 800-171A, the DoD Assessment Methodology v1.2.1 values (SPRS) and the CMMC 2.0 practice IDs. "
            "Requirement titles are the CMMC short titles (Rev. 2 itself has none). English is NIST's text; "
            "Japanese is dibcyber's translation.",
            "NIST SP 800-171 Rev.2の110のセキュリティ要件、SP 800-171Aの320の評価目標、DoD評価方法論v1.2.1の配点"
            "（SPRS）及びCMMC 2.0のプラクティスIDを収録する。要件の名称はCMMCの短縮名称である（Rev.2自体には名称が"
            "ない）。英語がNISTの原文であり、日本語はdibcyberによる翻訳である。"),
        "authoritative_language": "en",
        "license": "Public domain (US Government work); Japanese translation Apache-2.0 (dibcyber)",
        "sources": [
            {"title": "NIST SP 800-171 Rev. 2", "publisher": "NIST", "version": "Rev. 2",
             "url": "https://csrc.nist.gov/pubs/sp/800/171/r2/upd1/final", "license": "Public domain",
             "retrieved": "statements and discussion via intuitem/ciso-assistant-community "
                          "backend/library/libraries/nist-800-171-rev2.yaml (public-domain NIST text)"},
            {"title": "NIST SP 800-171A", "publisher": "NIST", "version": "June 2018",
             "url": "https://csrc.nist.gov/pubs/sp/800/171/a/final", "license": "CC0 / public domain",
             "retrieved": "determination statements via FATHOM5/oscal @ 66d40d5 (labels repaired)"},
            {"title": "NIST SP 800-171 DoD Assessment Methodology", "publisher": "US DoD", "version": "1.2.1 "
             "(2020-06-24)", "license": "Public domain (US Government work)",
             "retrieved": "Annex A values, cross-checked with 32 CFR 170.24(c)(2)(i)(B)"},
            {"title": "CMMC 2.0 model (32 CFR 170)", "publisher": "US DoD", "license": "Public domain / CC BY 4.0",
             "retrieved": "practice IDs and levels via intuitem/ciso-assistant-community cmmc-2.0.yaml; POA&M "
                          "eligibility per 32 CFR 170.21(a)(2)"},
        ],
        "provenance": {
            "confidence": "confirmed",
            "sources": ["reference/SOURCES.md", "reference/nist-sp800-171-rev2-catalog.json",
                        "reference/dod-assessment-methodology-weights.csv",
                        "reference/dod-assessment-methodology-weights-extended.csv"],
            "note": text("Built by scripts/build_catalogs.py from the reference files; tests compare every ID, "
                         "statement, objective and weight with them. The Rev.2 → Rev.3 mappings are positional "
                         "plus NIST's withdrawal links, not NIST's official change analysis.",
                         "scripts/build_catalogs.pyにより参照データから生成し、テストで全ID・要件文・評価目標・配点を"
                         "照合している。Rev.2 → Rev.3の対応は番号の位置とNISTの廃止リンクによるものであり、NIST公式の"
                         "変更分析ではない。"),
        },
        "families": [
            {"id": f["id"], "abbrev": f["abbrev"], "title": text(f["title"], FAMILY_JA[f["title"]])}
            for f in cat["families"]
        ],
        "requirements": reqs,
    }


def rev2_to_rev3(row: dict[str, str]) -> list[dict[str, Any]]:
    if row["rev3_status"] == "active":
        return [{"catalog": "nist-800-171r3", "id": row["rev3_same_number"], "relation": "successor"}]
    targets = row["rev3_target_ids"].split()
    if not targets:
        return [{"catalog": "nist-800-171r3", "id": row["rev3_same_number"], "relation": "withdrawn"}]
    return [{"catalog": "nist-800-171r3", "id": t, "relation": row["withdrawal_relation"]} for t in targets]


# --- Rev.3 ---------------------------------------------------------------------------------------


_SP800_53 = re.compile(r"^([A-Z]{2})-0*([1-9][0-9]*)(?:\(0*([1-9][0-9]*)\))?$")


def source_controls(r: dict[str, Any], references: dict[str, Any]) -> list[str]:
    """The requirement's SP 800-53 source controls, from the OSCAL references titled like ``AC-02(03)``
    (the others are publications, e.g. ``SP 800-46``), without leading zeros: ``AC-2(3)``."""
    out = []
    for uuid in r.get("references", []):
        m = _SP800_53.match(references[uuid]["title"])
        if m:
            out.append(f"{m.group(1)}-{m.group(2)}" + (f"({m.group(3)})" if m.group(3) else ""))
    return out


def build_rev3(ja: dict[str, Any]) -> dict[str, Any]:
    cat = load_json("nist-sp800-171-rev3-catalog.json")
    objects = objects_ja()
    cross = csv_rows("nist-sp800-171-rev2-to-rev3-crosswalk.csv")
    back: dict[str, list[dict[str, Any]]] = {}
    inverse = {"incorporated_into": "incorporates", "addressed_by": "addresses"}
    for row in cross:
        if not row["rev2_id"]:
            continue
        if row["rev3_status"] == "active":
            back.setdefault(row["rev3_same_number"], []).append(
                {"catalog": "nist-800-171r2", "id": row["rev2_id"], "relation": "predecessor"})
        for t in row["rev3_target_ids"].split() if row["rev3_status"] == "withdrawn" else []:
            back.setdefault(t, []).append(
                {"catalog": "nist-800-171r2", "id": row["rev2_id"], "relation": inverse[row["withdrawal_relation"]]})
    new_in_rev3 = {r["rev3_same_number"] for r in cross if r["rev3_status"] == "new in rev3"}
    reqs, withdrawn = [], []
    for r in cat["requirements"]:
        rid = r["id"]
        if r["status"] == "withdrawn":
            links = r.get("withdrawal_links", [])
            rels = {link["rel"] for link in links}
            withdrawn.append({"id": rid, "family": r["family"],
                              "relation": rels.pop() if len(rels) == 1 else None,
                              "targets": [link["target"] for link in links]})
            continue
        tj = ja.get(rid, {})
        ds_ja = tj.get("determination_statements", {})
        odp_ja = tj.get("odps", {})
        odps = []
        for o in sorted(r["odps"], key=lambda o: official_order(o["id"])):
            oj = odp_ja.get(o["id"], {})
            odp: dict[str, Any] = {"id": o["id"], "label": o["label"]}
            if o["determination_statement"]:
                odp["usage"] = text(o["usage"], oj.get("usage"))
                odp["text"] = text(o["determination_statement"], oj.get("determination_statement"))
            else:
                choices_ja = oj.get("choices", [])
                odp["choices"] = [text(c, choices_ja[i] if i < len(choices_ja) else None)
                                  for i, c in enumerate(o["select"]["choices"])]
            odps.append(odp)
        req = {
            "id": rid,
            "family": r["family"],
            "title": text(r["title"], tj.get("title")),
            "statement": text(r["statement"]["full_text_rendered"], tj.get("statement")),
            "discussion": text(r["discussion"], tj.get("discussion")),
            "objectives": [
                {"id": o["id"].removeprefix("DS-"), "text": text(o["text_rendered"], ds_ja.get(o["id"]))}
                for o in sorted(r["assessment_objectives"], key=lambda o: official_order(o["id"]))
            ],
            "odps": odps,
            "methods": rev3_methods(r, objects),
            "tags": ["new-in-rev3"] if rid in new_in_rev3 else [],
            "mappings": back.get(rid, []),
            "source_controls": source_controls(r, cat["references"]),
        }
        reqs.append(req)
    meta = cat["_about"]
    return {
        "format": "dibcyber/catalog@1",
        "id": "nist-800-171r3",
        "short_title": text("NIST SP 800-171 Rev. 3", "NIST SP 800-171 Rev.3"),
        "version": "SP 800-171 Rev. 3 (2024-05); SP 800-171A Rev. 3 (2024-05); OSCAL catalog "
                   + meta["source_metadata"]["version"],
        "content_version": CONTENT_VERSION["nist-800-171r3"],
        "title": text("NIST SP 800-171 Rev. 3: Protecting Controlled Unclassified Information in Nonfederal "
                      "Systems and Organizations",
                      "NIST SP 800-171 Rev.3：連邦政府外のシステム及び組織における管理された非格付け情報の保護"),
        "description": text(
            "The 97 security requirements of NIST SP 800-171 Rev. 3 with the 422 determination statements and "
            "88 organization-defined parameters of SP 800-171A Rev. 3, and the 33 withdrawn identifiers with "
            "where each went. No DoD values exist for Rev. 3: it is scored by coverage. English is NIST's "
            "text; Japanese is dibcyber's translation.",
            "NIST SP 800-171 Rev.3の97のセキュリティ要件、SP 800-171A Rev.3の422の判定文と88の組織定義パラメータ"
            "（ODP）、及び廃止された33の識別子とその移行先を収録する。Rev.3にはDoDの配点がないため、カバー率で評価する。"
            "英語がNISTの原文であり、日本語はdibcyberによる翻訳である。"),
        "authoritative_language": "en",
        "license": "Public domain (US Government work); Japanese translation Apache-2.0 (dibcyber)",
        "sources": [
            {"title": meta["source_metadata"]["title"] + " (SP 800-171 Rev. 3, SP 800-171A Rev. 3)",
             "publisher": "NIST", "version": meta["source_metadata"]["version"],
             "url": "https://csrc.nist.gov/pubs/sp/800/171/r3/final", "license": meta["source_license"],
             "retrieved": f"{meta['source_repo']} {meta['source_path']} @ {meta['source_commit']}"},
        ],
        "provenance": {
            "confidence": "confirmed",
            "sources": ["reference/SOURCES.md", "reference/nist-sp800-171-rev3-catalog.json"],
            "note": text("Built by scripts/build_catalogs.py from NIST's OSCAL catalog; tests compare every ID, "
                         "count and statement with the reference files.",
                         "scripts/build_catalogs.pyによりNISTのOSCALカタログから生成し、テストで全ID・件数・要件文を"
                         "参照データと照合している。"),
        },
        "families": [
            {"id": f["id"], "abbrev": REV3_ABBREV[f["id"]], "title": text(f["title"], FAMILY_JA[f["title"]])}
            for f in cat["families"]
        ],
        "requirements": reqs,
        "withdrawn": withdrawn,
    }


# --- ATLA (technical part) -------------------------------------------------------------------------

# Bibliographic labels such as [NIST CUI] name a US publication and keep their wording.
_NOT_A_LABEL = r"(?<!\[NIST )(?<!\[NARA )"
ATLA_TERM = (re.compile(rf"CUI（管理された非格付け情報）|{_NOT_A_LABEL}CUI"), "保護すべき情報")
_JP = r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]"
_LOOSE_SPACE = re.compile(rf"(?<={_JP}) (?=保護すべき情報)|(?<=保護すべき情報) (?={_JP})")
ATLA_TERM_EN = "protected information"
"""The English term the organisational items use for 保護すべき情報 (controls/glossary.yaml)."""
_CUI_EN = re.compile(rf"{_NOT_A_LABEL}\bCUI\b")

# Where the plain term change would coin a word or name a US notion the Japanese standard does not have,
# the ATLA mirror says it in its own words. Keyed by NIST ID (requirement/field, or objective ID).
ATLA_WORDING: dict[str, dict[str, str]] = {
    "3.1.9/statement": {
        "en": "Provide privacy and security notices consistent with the rules that apply to protected "
              "information."},
    "3.1.9[a]": {
        "ja": "保護すべき情報に適用される規則によって求められるプライバシー及びセキュリティに関する通知が特定され、"
              "整合しており、情報セキュリティ指定書による当該情報の指定に関連付けられている。",
        "en": "privacy and security notices required by the rules that apply to protected information are "
              "identified, consistent, and associated with the designation of that information in the "
              "information security designation."},
    "3.8.4/statement": {
        "en": "Mark media with the necessary markings showing that they contain protected information, and "
              "with distribution limitations."},
    "3.8.4[a]": {
        "en": "media containing protected information is marked with the applicable markings showing that it "
              "contains protected information."},
}


def to_atla_ja(s: str | None, key: str = "") -> str | None:
    """The Rev.2 Japanese with the Japanese standard's term: CUI → 保護すべき情報 (「CUIの流れ」 →
    「保護すべき情報の流れ」), unless ATLA_WORDING says it otherwise."""
    if key in ATLA_WORDING and "ja" in ATLA_WORDING[key]:
        return ATLA_WORDING[key]["ja"]
    if not s:
        return s
    return _LOOSE_SPACE.sub("", ATLA_TERM[0].sub(ATLA_TERM[1], str(s)))


def to_atla_en(s: str | None, key: str = "", *, title: bool = False) -> str | None:
    """NIST's English with the term the organisational items use: CUI → protected information."""
    if key in ATLA_WORDING and "en" in ATLA_WORDING[key]:
        return ATLA_WORDING[key]["en"]
    if not s:
        return s
    return _CUI_EN.sub("Protected Information" if title else ATLA_TERM_EN, str(s))


def atla_methods(r: dict[str, Any]) -> dict[str, Any]:
    """A SYS item's objects: those of its Rev.2 equivalent (derived), in the Japanese standard's terms."""
    m = r["methods"]
    out: dict[str, Any] = {}
    for kind in METHOD_KINDS:
        out[kind] = [{"ja": to_atla_ja(o["ja"]), "en": to_atla_en(o["en"]),
                      "source": {**o["source"], "via": [r["id"]]}} for o in m[kind]]
    out["note"] = text(
        f"Derived through the Rev. 2 equivalent ({r['id']}): " + m["note"]["en"],
        f"Rev.2の対応要件（{r['id']}）を介して導出する。" + m["note"]["ja"])
    return out


def build_atla_technical(rev2: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    fams = [
        {"id": f"SYS-{f['abbrev']}", "abbrev": f["abbrev"],
         "title": text(f["title"]["en"], f["title"]["ja"]), "tags": ["technical"]}
        for f in rev2["families"]
    ]
    fam_of = {f["id"]: f"SYS-{f['abbrev']}" for f in rev2["families"]}
    reqs = []
    for r in rev2["requirements"]:
        rid = r["id"]
        reqs.append({
            "id": f"SYS-{rid}",
            "family": fam_of[r["family"]],
            "title": text(to_atla_en(r["title"]["en"], f"{rid}/title", title=True),
                          to_atla_ja(r["title"]["ja"], f"{rid}/title")),
            "statement": text(to_atla_en(r["statement"]["en"], f"{rid}/statement"),
                              to_atla_ja(r["statement"]["ja"], f"{rid}/statement")),
            "discussion": text(r["discussion"]["en"], to_atla_ja(r["discussion"]["ja"])),
            "objectives": [
                {"id": "SYS-" + o["id"], "text": text(to_atla_en(o["text"]["en"], o["id"]),
                                                      to_atla_ja(o["text"]["ja"], o["id"]))}
                for o in r["objectives"]
            ],
            "methods": atla_methods(r),
            "tags": ["technical", r["tags"][0]],
            "aliases": [rid],
            "mappings": [{"catalog": "nist-800-171r2", "id": rid, "relation": "equivalent"}],
            "official_ref": {"status": "unverified"},
            "provenance": {"confidence": "secondary",
                           "sources": ["DOMAIN.md §1: システムセキュリティ実施要領 is modelled on "
                                       "NIST SP 800-171 Rev.2"]},
            "authoritative_language": "en",
        })
    return fams, reqs


# --- merging into the existing YAML -----------------------------------------------------------------


def merge(existing: Any, generated: Any, *, keep_ja: bool = True) -> Any:
    """Update ``existing`` (round-trip YAML) to ``generated``, keeping what people wrote.

    Mappings: keys of ``generated`` win, except a ``ja`` that ``generated`` leaves empty; keys only in
    ``existing`` stay (official_ref values, notes). Lists of mappings with ``id`` are matched by ``id``.
    """
    if isinstance(generated, dict):
        if not isinstance(existing, dict):
            existing = CommentedMap()
        previous: Any = None
        for key, value in generated.items():
            if key == "methods" and key in existing:  # generated whole, Japanese from the TSV
                existing[key] = merge(None, value, keep_ja=keep_ja)
                previous = key
                continue
            if key == "ja" and keep_ja and value in (None, "") and existing.get("ja"):
                continue
            if key in existing:
                existing[key] = merge(existing[key], value, keep_ja=keep_ja)
            elif isinstance(existing, CommentedMap) and previous in existing:
                existing.insert(list(existing).index(previous) + 1, key, merge(None, value, keep_ja=keep_ja))
            else:
                existing[key] = merge(None, value, keep_ja=keep_ja)
            previous = key
        return existing
    if isinstance(generated, list) and generated and all(isinstance(g, dict) and "id" in g for g in generated):
        old = {str(item.get("id")): item for item in existing or [] if isinstance(item, dict)}
        seq = CommentedSeq()
        for g in generated:
            seq.append(merge(old.get(str(g["id"])), g, keep_ja=keep_ja))
        return seq
    if isinstance(generated, list):
        old_items = list(existing) if isinstance(existing, list) else []
        seq = CommentedSeq(merge(old_items[i] if i < len(old_items) else None, g, keep_ja=keep_ja)
                           for i, g in enumerate(generated))
        if all(isinstance(g, str) and len(g) < 40 for g in generated):
            seq.fa.set_flow_style()
        return seq
    return generated


def flow_small_maps(node: Any) -> None:
    """Write short texts and mappings on one line, as a person would."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict) and set(value) <= {"ja", "en"} and all(
                    v is None or (len(str(v)) < 70 and "\n" not in str(v)) for v in value.values()):
                if isinstance(value, CommentedMap):
                    value.fa.set_flow_style()
            elif key in METHOD_KINDS and isinstance(value, list):
                for m in value:
                    if isinstance(m, CommentedMap):
                        m.fa.set_flow_style()
                continue
            elif key == "source_controls" and isinstance(value, list) and isinstance(value, CommentedSeq):
                value.fa.set_flow_style()
            elif key == "mappings" and isinstance(value, list):
                for m in value:
                    if isinstance(m, CommentedMap):
                        m.fa.set_flow_style()
            flow_small_maps(value)
    elif isinstance(node, list):
        for item in node:
            flow_small_maps(item)


def yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    y.preserve_quotes = True
    return y


def render(path: Path, generated: dict[str, Any], header: str, *, own_list_filter: Any = None) -> str:
    y = yaml()
    existing = y.load(path.read_text(encoding="utf-8")) if path.exists() else None
    if own_list_filter is not None and existing is not None:
        own_list_filter(existing, generated)
    doc = merge(existing, generated)
    if existing is None:
        doc.yaml_set_start_comment(header)
    flow_small_maps(doc)
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()


def atla_filter(existing: Any, generated: dict[str, Any]) -> None:
    """Keep the hand-written organisational items and families; regenerate the technical ones."""
    fams, reqs = generated.pop("_technical")
    keep_f = [f for f in existing.get("families", []) if not str(f["id"]).startswith("SYS-")]
    keep_r = [r for r in existing.get("requirements", []) if not str(r["id"]).startswith("SYS-")]
    generated["families"] = [dict(f) for f in keep_f] + fams
    generated["requirements"] = [{**r, "methods": {**{k: [] for k in METHOD_KINDS}, "note": NO_METHODS_ORG}}
                                 for r in keep_r] + reqs


HEADER = (
    "Built by scripts/build_catalogs.py from reference/ (see reference/SOURCES.md).\n"
    "English texts, IDs, weights and mappings are regenerated from the reference; Japanese texts\n"
    "(ja:), comments and added keys are kept. Edit Japanese here; fix English in reference/."
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if a file would change")
    ap.add_argument("--ja-import", type=Path, help="folder of r2-*.json / r3-*.json Japanese texts")
    ap.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    args = ap.parse_args(argv)
    global REF, CONTROLS
    REF, CONTROLS = args.root / "reference", args.root / "controls"
    rev3 = build_rev3(load_ja(args.ja_import, "r3"))
    rev2 = build_rev2(load_ja(args.ja_import, "r2"), rev3)
    outputs: dict[Path, str] = {}
    r2_path, r3_path, atla_path = (CONTROLS / "nist-800-171r2.yaml", CONTROLS / "nist-800-171r3.yaml",
                                   CONTROLS / "atla-2022.yaml")
    outputs[r2_path] = render(r2_path, rev2, HEADER)
    outputs[r3_path] = render(r3_path, rev3, HEADER)
    # The ATLA technical items take their Japanese from the Rev.2 file as it will be written.
    rev2_final = YAML(typ="safe").load(outputs[r2_path])
    if atla_path.exists():
        atla = {"_technical": build_atla_technical(rev2_final)}
        outputs[atla_path] = render(atla_path, atla, HEADER, own_list_filter=atla_filter)
    changed = [p for p, s in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != s]
    if args.check:
        for p in changed:
            print(f"would change: {p}", file=sys.stderr)
        return 1 if changed else 0
    for p in changed:
        p.write_text(outputs[p], encoding="utf-8")
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
