"""A faster way from ruamel.yaml's nodes to Python data, for the plain YAML dibcyber reads.

ruamel's safe constructor is general: it tracks recursive objects, runs generator states and checks every
node several ways, which makes building the data cost as much as parsing it. Answers files use mappings,
sequences and scalars with the core schema's tags; for exactly those this constructor builds the same
values directly, using ruamel's own functions for ints, floats and dates. Anything else — merge keys
(``<<``), explicit or unknown tags, duplicate or unhashable keys, a node that refers to itself — hands
the whole document back to ruamel's constructor, so values and errors stay exactly ruamel's.
tests/test_yamlio_resolver.py compares the two on fixed and random documents and on every shipped file.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Fallback(Exception):
    """Not plain data: let ruamel's constructor do the document."""


class FastSafeConstructor(SafeConstructor):
    def construct_document(self, node: Any) -> Any:
        try:
            return self._build(node, {}, set())
        except _Fallback:
            return super().construct_document(node)

    def _build(self, node: Any, done: dict[int, Any], open_: set[int]) -> Any:
        key = id(node)
        if key in done:  # an alias: the same object, as ruamel gives
            return done[key]
        if key in open_:
            raise _Fallback  # a node inside itself
        tag = node.ctag.trval if node.ctag is not None else None
        if type(node) is ScalarNode:
            if tag == _STR:
                value: Any = node.value
            elif tag == _NULL:
                value = None
            elif tag == _BOOL:
                value = self.construct_yaml_bool(node)
            elif tag == _INT:
                value = self.construct_yaml_int(node)
            elif tag == _FLOAT:
                value = self.construct_yaml_float(node)
            elif tag == _TIMESTAMP:
                value = self.construct_yaml_timestamp(node)
            else:
                raise _Fallback
        elif type(node) is MappingNode:
            if tag != _MAP or getattr(node, "merge", None) is not None:
                raise _Fallback
            open_.add(key)
            value = {}
            for key_node, value_node in node.value:
                k = self._build(key_node, done, open_)
                if isinstance(k, list):
                    k = tuple(k)
                if not isinstance(k, Hashable) or k in value:
                    raise _Fallback  # ruamel reports it, with its marks
                value[k] = self._build(value_node, done, open_)
            open_.discard(key)
        elif type(node) is SequenceNode:
            if tag != _SEQ:
                raise _Fallback
            open_.add(key)
            value = [self._build(child, done, open_) for child in node.value]
            open_.discard(key)
        else:
            raise _Fallback
        done[key] = value
        return value
