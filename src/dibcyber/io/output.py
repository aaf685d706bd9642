"""Serialising plain data for machines: JSON and YAML, UTF-8, stable key order."""

from __future__ import annotations

import io
import json
from typing import Any


def serialise(data: Any, fmt: str, ascii_only: bool = False) -> str:
    """``ascii_only`` escapes every non-ASCII character (``\\u30b5``, ``"\\u2014"``): the same data, for a
    stream whose encoding cannot hold some of its characters."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=ascii_only, indent=2) + "\n"
    if fmt == "yaml":
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        yaml.allow_unicode = not ascii_only
        yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
        buf = io.StringIO()
        yaml.dump(data, buf)
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt}")
