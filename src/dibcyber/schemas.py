"""JSON Schemas of dibcyber's file formats, generated from the models (the single source)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from dibcyber.errors import UsageError
from dibcyber.models.answers import Answers
from dibcyber.models.catalog import Catalog
from dibcyber.models.portfolio import Portfolio
from dibcyber.models.profile import Profile
from dibcyber.models.result import Result

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "answers": (Answers, "dibcyber/answers@1"),
    "catalog": (Catalog, "dibcyber/catalog@1"),
    "profile": (Profile, "dibcyber/profile@1"),
    "result": (Result, "dibcyber/result@1"),
    "portfolio": (Portfolio, "dibcyber/portfolio@1"),
}


def document(kind: str) -> dict[str, object]:
    if kind not in KINDS:
        raise UsageError(f"unknown schema '{kind}'", hint="one of: " + ", ".join(KINDS))
    model, fmt = KINDS[kind]
    schema = model.model_json_schema(mode="serialization" if kind in ("result", "portfolio") else "validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://dibcyber.invalid/schemas/{fmt.replace('/', '-').replace('@', '-')}.schema.json",
            "title": fmt, **schema}


def render(kind: str) -> str:
    return json.dumps(document(kind), ensure_ascii=False, indent=2) + "\n"
