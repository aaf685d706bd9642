"""The Locator: the line and column, for an error message, of a path of keys and list indexes (such as
``("requirements", "3.1.1", "status")`` from a validation error) in a YAML text, found by composing the
text's nodes only when a message needs a position.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.error import YAMLError

from dibcyber.errors import InvalidInputError, PathPart
from dibcyber.io.yamlio import _safe_yaml, precheck


@functools.lru_cache(maxsize=2)
def _compose(text: str) -> Any:
    """The node tree of a prechecked text (read only: shared by every Locator of the same text)."""
    return _safe_yaml().compose(text)


class Locator:
    """Finds the line and column of a dotted path in a YAML text, composing it lazily with positions.

    Composing (nodes with their marks, no Python objects built) runs in the C parser when installed, so
    locating thousands of problems in a large file stays fast; the text is prechecked first, so an alias
    bomb or deep nesting cannot make locating slow."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._root: Any = None
        self._parsed = False
        self._keys: dict[int, dict[str, Any]] = {}

    def _tree(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                precheck(self.text, self.name)
                self._root = _compose(self.text)
            except (YAMLError, InvalidInputError, ValueError, OverflowError, RecursionError):
                self._root = None  # best effort: a message without a position is still a message
        return self._root

    def _child(self, node: Any, part: PathPart) -> tuple[Any, Any] | None:
        """(the node that marks ``part``, the node it leads to) inside ``node``, or None."""
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        if isinstance(node, MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = {}
                for k, v in node.value:
                    if isinstance(k, ScalarNode):
                        keys.setdefault(k.value, (k, v))
                self._keys[id(node)] = keys
            found = keys.get(str(part))
            if found is None and isinstance(part, bool | None):
                found = keys.get(str(part).lower())
            return found
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            item = node.value[part]
            return item, item
        return None

    def position(self, path: Sequence[PathPart]) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest node of ``path`` that exists."""
        node = self._tree()
        best: tuple[int | None, int | None] = (None, None)
        if node is None:
            return best
        best = (node.start_mark.line + 1, node.start_mark.column + 1)
        for part in path:
            found = self._child(node, part)
            if found is None:
                break
            mark_node, node = found
            best = (mark_node.start_mark.line + 1, mark_node.start_mark.column + 1)
        return best
