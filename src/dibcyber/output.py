"""Serialising plain data for machines: JSON and YAML, UTF-8, stable key order."""

from __future__ import annotations

import io
import json
from typing import Any


def serialise(data: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        yaml.allow_unicode = True
        yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
        buf = io.StringIO()
        yaml.dump(data, buf)
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt}")
