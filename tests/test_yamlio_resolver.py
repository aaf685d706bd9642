"""The fast resolver reads every scalar exactly as ruamel's own resolver does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import ROOT
from dibcyber.yamlio import _safe_yaml

SCALARS = ["yes", "no", "on", "off", "010", "0o10", "0x1F", "1:20", "2026-11-01", "2026-11-01 10:00:00", "1.0",
           "3.10", "~", "null", "Null", "", "''", ".inf", "-.inf", ".nan", "True", "false", "-1", "+1", "1e3",
           "!!str 12", "03.01.01", "3.1.1", "SYS-3.1.1", "実施済み", "1_000", "0b101", "=1+1", "@x"]


def stock() -> YAML:
    yaml = YAML(typ="safe")
    yaml.allow_duplicate_keys = False
    return yaml


def loaded(yaml: YAML, text: str) -> object:
    """The document as comparable data (NaN as a string), or the kind of error it raises."""
    try:
        data = yaml.load(text)
    except Exception as e:
        return type(e)
    return repr(data)


@pytest.mark.parametrize("scalar", SCALARS)
def test_each_scalar_resolves_the_same(scalar: str) -> None:
    text = f"a: {scalar}\nb: [{scalar}]\nc: {{k: {scalar}}}\n"
    assert loaded(stock(), text) == loaded(_safe_yaml(), text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))
def test_random_plain_scalars_resolve_the_same(word: str) -> None:
    text = f"a: {word}\nb: [{word}]\n"
    assert loaded(stock(), text) == loaded(_safe_yaml(), text)


def test_every_shipped_file_loads_the_same() -> None:
    for path in [*(ROOT / "controls").glob("*.yaml"), *(ROOT / "profiles").glob("*.yaml"),
                 ROOT / "examples" / "sample-seiki" / "answers.yaml"]:
        text = Path(path).read_text("utf-8")
        assert stock().load(text) == _safe_yaml().load(text), path
