"""The fast resolver and constructor read every document exactly as ruamel's own do: the same values,
the same errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import ROOT
from dibcyber.io.yamlio import _safe_yaml

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


DOCUMENTS = [
    "a: &x [1, *x]\n",                       # a list inside itself: ruamel's constructor takes over
    "d: &y {z: 1}\ne: *y\n",                # an alias: the same object twice
    "a: 1\na: 2\n",                          # duplicate key: ruamel's error
    "<<: {a: 1}\nb: 2\n",                    # merge key
    "a: !!binary aGVsbG8=\n", "[1, 2]: 3\n", "a: !foo x\n", "? [a, b]\n: c\n", "{[1]: 2}\n",
    "a: !!str 2026-11-01\nb: !!int '3'\n", "- 1\n- [2, {c: d}]\n", "", "~\n", "a: |\n  line\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_documents_construct_the_same(text: str) -> None:
    assert loaded(stock(), text) == loaded(_safe_yaml(), text)


def test_an_alias_is_the_same_object() -> None:
    data = _safe_yaml().load("d: &y {z: [1]}\ne: *y\n")
    assert data["d"] is data["e"]
