"""JSON Schemas of dibcyber's file formats, generated from the models (the single source)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from dibcyber.errors import Msg, UsageError
from dibcyber.models.answers import Answers
from dibcyber.models.catalog import Catalog
from dibcyber.models.check import AssessDocument, CheckDocument
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
}
TITLES = {"check": "dibcyber/result@1 with gates: check --format json (a list of these for several files)",
          "assess": "dibcyber/result@1 with also: assess --format json"}


def document(kind: str) -> dict[str, object]:
    if kind not in KINDS:
        raise UsageError(Msg("schema.unknown", kind=kind), hint=Msg("hint.one_of", choices=list(KINDS)))
    model, fmt = KINDS[kind]
    output = kind in ("result", "portfolio", "check", "assess")  # documents dibcyber writes
    schema = model.model_json_schema(mode="serialization" if output else "validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://dibcyber.invalid/schemas/{fmt.replace('/', '-').replace('@', '-')}.schema.json",
            "title": TITLES.get(kind, fmt), **schema}


def render(kind: str) -> str:
    return json.dumps(document(kind), ensure_ascii=False, indent=2) + "\n"
