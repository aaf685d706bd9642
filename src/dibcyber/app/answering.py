"""Guided answering's writes: one requirement's answer put into the answers document as a person would
write it, in place, keeping comments, key order and quoting (the round-trip document of ``yamledit``).
``cli/interactive`` asks the questions; this module only edits the document it is given."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

from dibcyber.models.catalog import Catalog, Requirement

_ORDER = ("status", "objectives", "partial_credit", "odp_values", "narrative", "evidence", "owner",
          "planned_measure", "target_date")
_HINTS = ("次の行の#を外す", "uncomment the next line", "# partial_credit:")


def apply_answer(doc: Any, catalog: Catalog, key: str, req: Requirement, fields: dict[str, Any]) -> None:
    """Write ``fields`` into the requirement's node, in place, keeping comments and key order. ``None``
    removes a key that has a value (the user cleared it);
    keys the node lacks go where a person would put them, never behind the comments of the next entry."""
    reqs = doc.get("requirements")
    if not isinstance(reqs, dict):
        reqs = CommentedMap()
        doc["requirements"] = reqs
    node = reqs.get(key)
    previous: str | None = None
    if not isinstance(node, dict):
        node = CommentedMap()
        if key in reqs:
            reqs[key] = node
        else:
            later = {r.id: i for i, r in enumerate(catalog.requirements)}
            pos = len(reqs)
            for i, existing in enumerate(reqs):
                if later.get(catalog.alias_index.get(existing, existing), -1) > later[req.id]:
                    pos = i
                    break
            reqs.insert(pos, key, node)
            previous = list(reqs)[pos - 1] if pos > 0 else None
    for name, value in fields.items():
        if name in ("objectives", "odp_values") and value is not None:
            target = node.get(name)
            if not isinstance(target, dict):
                target = CommentedMap()
                _put(node, name, target)
            for k, v in value.items():
                if v is None and name == "odp_values" and k not in target:
                    continue
                existing = next((x for x in target if x == k or str(x).endswith(f"[{k}]")), k)
                target[existing] = v
            if name == "objectives" and not any(target.values()) and req.objectives:
                continue  # nothing found: the template's block stays as it was
        elif name == "evidence":
            if value is not None:
                _put_evidence(node, value)
        elif value is None:
            if node.get(name) is not None:  # cleared: the key goes, as a person would delete the line
                _pop(node, name)
        else:
            _put(node, name, value)
    if "objectives" in node and node["objectives"] is None:
        _pop(node, "objectives")
    if "status" in node and node["status"] is None and any((node.get("objectives") or {}).values()):
        _pop(node, "status")  # the findings decide: no empty status key
    if fields.get("partial_credit"):
        _drop_hint(reqs, key)
    if previous is not None:
        _move_trailing_comment(reqs, previous, node)


def _put(node: Any, name: str, value: Any) -> None:
    """Set ``name``; a new key goes at its place in ``_ORDER`` (before the first key that comes later), and
    the comment lines that followed the node's last value stay behind the node's new last value."""
    if name in node:
        token = _take_end(node) if list(node)[-1] == name and _is_container(value) and len(value) else None
        node[name] = value
        if token is not None:
            _give_end(node, token)
        return
    rank = _ORDER.index(name) if name in _ORDER else len(_ORDER)
    keys = list(node)
    pos = next((i for i, k in enumerate(keys) if k in _ORDER and _ORDER.index(k) > rank), len(keys))
    if pos < len(keys):
        node.insert(pos, name, value)
        return
    token = _take_end(node) if keys else None
    node[name] = value
    if token is not None:
        _give_end(node, token)


def _pop(node: Any, name: str) -> None:
    last = list(node)[-1] == name
    token = _take_end(node) if last else None
    node.ca.items.pop(name, None)
    del node[name]
    if token is not None and len(node):
        _give_end(node, token)


def _ca(obj: Any) -> Any:
    return obj.ca


def _is_container(value: Any) -> bool:
    return isinstance(value, dict | list) and not getattr(getattr(value, "fa", None), "_flow_style", False)


def _take_end(container: Any) -> Any:
    """Remove and return the comment that follows the last value of ``container`` (at any depth), keeping
    a comment on that value's own line where it is."""
    if isinstance(container, dict) and len(container):
        last = list(container)[-1]
        value = container[last]
        if _is_container(value) and len(value):
            return _take_end(value)
        slot = _ca(container).items.get(last)
        index = 2
    elif isinstance(container, list) and len(container):
        value = container[-1]
        if _is_container(value) and len(value):
            return _take_end(value)
        slot = _ca(container).items.get(len(container) - 1)
        index = 0
    else:
        return None
    if not slot or slot[index] is None:
        return None
    token = slot[index]
    text = token.value
    if not text.startswith("\n") and not text.lstrip(" ").startswith("\n") and text.lstrip().startswith("#"):
        head, sep, rest = text.partition("\n")  # a comment on the value's own line stays there
        if not rest:
            return None
        slot[index] = CommentToken(head + sep, token.start_mark, token.end_mark)
        return CommentToken(rest, token.start_mark, token.end_mark)
    slot[index] = None
    return token


def _give_end(container: Any, token: Any) -> None:
    """Attach ``token`` behind the last value of ``container`` (at any depth)."""
    if isinstance(container, dict):
        last = list(container)[-1]
        value = container[last]
        if _is_container(value) and len(value):
            _give_end(value, token)
            return
        slot = _ca(container).items.setdefault(last, [None, None, None, None])
        index = 2
    else:
        value = container[-1]
        if _is_container(value) and len(value):
            _give_end(value, token)
            return
        slot = _ca(container).items.setdefault(len(container) - 1, [None, None, None, None])
        index = 0
    if slot[index] is None:
        slot[index] = token
    else:
        old = slot[index]
        slot[index] = CommentToken(old.value + token.value, old.start_mark, old.end_mark)


def _put_evidence(node: Any, items: list[dict[str, str]]) -> None:
    """The evidence list becomes ``items``: entries kept in place with their comments, new ones added."""
    seq = node.get("evidence")
    if not (isinstance(seq, list) and len(seq)):
        new = CommentedSeq(CommentedMap(i) for i in items)
        if not items:
            new.fa.set_flow_style()
        _put(node, "evidence", new)
        return
    token = _take_end(seq)
    for i in reversed(range(len(seq))):
        if evidence_ident(seq[i]) not in items:
            del seq[i]
    known = [evidence_ident(e) for e in seq]
    for item in items:
        if item not in known:
            seq.append(CommentedMap(item))
    if not len(seq):
        _pop(node, "evidence")
    if token is not None:
        _give_end(node, token)


def evidence_ident(entry: Any) -> dict[str, Any]:
    if isinstance(entry, dict):
        return {"url": entry.get("url")} if entry.get("url") else {"path": entry.get("path")}
    return {"path": entry}


def _drop_hint(reqs: Any, key: str) -> None:
    """Remove the questionnaire's hint (「次の行の#を外す: # partial_credit: …」) once the value is written:
    following it afterwards would give a duplicate key."""
    keys = list(reqs)
    holders: list[Any] = []

    def collect(obj: Any) -> None:
        ca = getattr(obj, "ca", None)
        if ca is not None:
            holders.append(ca)
        if isinstance(obj, dict):
            for v in obj.values():
                collect(v)
        elif isinstance(obj, list):
            for v in obj:
                collect(v)

    collect(reqs[key])
    nxt = keys.index(key) + 1
    for ca in holders:
        for slot in ca.items.values():
            _scrub_slot(slot)
    if nxt < len(keys):
        slot = reqs.ca.items.get(keys[nxt])
        if slot:
            _scrub_slot(slot)


def _scrub_slot(slot: list[Any]) -> None:
    for i, entry in enumerate(slot):
        if isinstance(entry, list):
            kept = []
            for token in entry:
                value = _scrub(token.value)
                if value:
                    kept.append(CommentToken(value, token.start_mark, token.end_mark))
            slot[i] = kept
        elif entry is not None and hasattr(entry, "value"):
            value = _scrub(entry.value)
            slot[i] = CommentToken(value, entry.start_mark, entry.end_mark) if value else None


def _scrub(text: str) -> str:
    lines = text.split("\n")
    kept = [line for line in lines if not any(h in line for h in _HINTS)]
    return "\n".join(kept) if len(kept) != len(lines) else text


def _move_trailing_comment(parent: Any, previous: str, node: Any) -> None:
    """Comments above the next entry belong to the end of the previous one in ruamel's model; after
    inserting ``node`` behind ``previous``, move them behind ``node`` so they stay above the entry
    they describe."""
    prev = parent[previous]
    token = _take_end(prev) if _is_container(prev) and len(prev) else None
    if token is None:
        slot = parent.ca.items.get(previous)
        if slot and slot[2] is not None:
            token, slot[2] = slot[2], None
    if token is None:
        return
    if len(node):
        _give_end(node, token)
    else:
        parent.ca.items.setdefault(previous, [None, None, None, None])[2] = token
