"""JSON Schemas of dibcyber's file formats, generated from the models (the single source)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from dibcyber.errors import Msg, UsageError
from dibcyber.models.answers import Answers
from dibcyber.models.catalog import Catalog
from dibcyber.models.check import AssessDocument, CheckDocument, Comparison, History
from dibcyber.models.evidence import EvidenceIndex, EvidenceReport
from dibcyber.models.listing import CatalogList, ProfileList
from dibcyber.models.migration import Worklist
from dibcyber.models.portfolio import Portfolio
from dibcyber.models.profile import Profile
from dibcyber.models.result import Result

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "answers": (Answers, "dibcyber/answers@1"),
    "catalog": (Catalog, "dibcyber/catalog@1"),
    "profile": (Profile, "dibcyber/profile@1"),
    "result": (Result, "dibcyber/result@1"),
    "portfolio": (Portfolio, "dibcyber/portfolio@1"),
    "check": (CheckDocument, "dibcyber/check@1"),
    "assess": (AssessDocument, "dibcyber/assess@1"),
    "diff": (Comparison, "dibcyber/diff@1"),
    "history": (History, "dibcyber/history@1"),
    "evidence": (EvidenceReport, "dibcyber/evidence@1"),
    "evidence-index": (EvidenceIndex, "dibcyber/evidence-index@1"),
    "worklist": (Worklist, "dibcyber/worklist@1"),
    "catalog-list": (CatalogList, "dibcyber/catalog-list@1"),
    "profile-list": (ProfileList, "dibcyber/profile-list@1"),
}
"""Every JSON document a command prints, by the name ``dibcyber schema NAME`` takes. Inputs (answers,
catalog, profile) are validated as they are read; the rest are outputs (``tests/test_contracts.py``
validates each command's real output against its model)."""
INPUTS = frozenset({"answers", "catalog", "profile"})
TITLES = {"check": "dibcyber/result@1 with gates: check --format json (a list of these for several files)",
          "assess": "dibcyber/result@1 with also: assess --format json",
          "history": "history --format json: one point per commit", "evidence": "evidence check --format json",
          "evidence-index": "evidence index --format json", "worklist": "migrate --worklist FILE.json",
          "catalog-list": "catalog list --format json", "profile-list": "profile list --format json"}


def document(kind: str) -> dict[str, object]:
    if kind not in KINDS:
        raise UsageError(Msg("schema.unknown", kind=kind), hint=Msg("hint.one_of", choices=list(KINDS)))
    model, fmt = KINDS[kind]
    output = kind not in INPUTS  # documents dibcyber writes
    schema = model.model_json_schema(mode="serialization" if output else "validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://dibcyber.invalid/schemas/{fmt.replace('/', '-').replace('@', '-')}.schema.json",
            "title": TITLES.get(kind, fmt), **schema}


def render(kind: str) -> str:
    return json.dumps(document(kind), ensure_ascii=False, indent=2) + "\n"
