from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))
