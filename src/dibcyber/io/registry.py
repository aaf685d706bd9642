"""Finds catalogs and profiles: built-in ones, then folders named by ``--path`` or ``DIBCYBER_PATH``.

A user folder may hold catalogs and profiles side by side; a YAML file is recognised by its
``format:`` line. A user file with the same ID as a built-in one takes its place (say, a copy of the
Japanese catalog with the official paragraph numbers filled in), and ``catalog list`` shows which file won.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ValidationError

from dibcyber.engine.checks import Finding, catalog_findings, did_you_mean, mapping_findings, profile_findings
from dibcyber.errors import InvalidInputError, Msg, Noun, Problem, cap
from dibcyber.io import cache
from dibcyber.io.encoding import decode_input, decode_utf8, input_encoding, read_text
from dibcyber.io.loading import located, validate_data
from dibcyber.io.locator import Locator
from dibcyber.io.resources import data_dir
from dibcyber.io.safeio import MISSING, describe_path_problem, read_bytes_limited, read_head
from dibcyber.io.yamlio import parse
from dibcyber.models.catalog import Catalog
from dibcyber.models.profile import Profile

Kind = Literal["catalog", "profile"]
_FORMAT = re.compile(r"^format:\s*[\"']?dibcyber/(catalog|profile)@\d+", re.MULTILINE)
_ID = re.compile(r"^id:\s*[\"']?([^\s\"'#]+)", re.MULTILINE)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Entry:
    kind: Kind
    id: str
    path: Path
    builtin: bool


def search_path(extra: Iterable[Path] = ()) -> list[Path]:
    """User folders, most important first: ``--path`` options, then ``DIBCYBER_PATH``."""
    paths = list(extra)
    env = os.environ.get("DIBCYBER_PATH", "")
    paths += [Path(p) for p in env.split(os.pathsep) if p]
    return paths


def _peek(path: Path) -> tuple[Kind, str] | None:
    raw = read_head(path, 65536)
    if raw is None:
        return None
    head = raw.decode("utf-8", errors="replace")
    fmt = _FORMAT.search(head)
    ident = _ID.search(head)
    if not fmt or not ident:
        return None
    kind: Kind = "catalog" if fmt.group(1) == "catalog" else "profile"
    return kind, ident.group(1)


def _yaml_files(folder: Path) -> list[Path]:
    files: list[Path] = []
    for pattern in ("*.yaml", "*.yml"):
        files += folder.glob(pattern)
        files += folder.glob(f"*/{pattern}")
    return sorted(set(files))


COMPILED_FORMAT = "dibcyber-compiled@1"


def compiled_path(source: Path) -> Path:
    """Where the compiled model of a built-in catalog lives: ``controls/compiled/<name>.json``."""
    return source.parent / "compiled" / f"{source.stem}.json"


def compiled_entry(raw: bytes, payload: bytes) -> bytes:
    header = {"format": COMPILED_FORMAT, "source_sha256": hashlib.sha256(raw).hexdigest()}
    return json.dumps(header, sort_keys=True).encode() + b"\n" + payload


def _compiled_payload(source: Path, raw: bytes) -> bytes | None:
    """The shipped compiled model of a built-in file, when it was made from exactly ``raw``."""
    path = compiled_path(source)
    if describe_path_problem(path) is not None:
        return None
    try:
        data = read_bytes_limited(path, limit=64 << 20, what="compiled catalog")
    except InvalidInputError:
        return None
    head, sep, payload = data.partition(b"\n")
    expected = compiled_entry(raw, b"").rstrip(b"\n")
    return payload if sep and head == expected else None


def _compiled_header_matches(source: Path) -> bool:
    """Whether a built-in file is the one its compiled model was made from (the header line only)."""
    head = read_head(compiled_path(source), 4096)
    try:
        raw = read_bytes_limited(source, what="catalog")
    except InvalidInputError:
        return False
    return head is not None and head.partition(b"\n")[0] == compiled_entry(raw, b"").rstrip(b"\n")


class Registry:
    """The catalogs and profiles this run can see. Loaded models are memoised per registry."""

    def __init__(self, paths: Iterable[Path] = ()) -> None:
        self.user_paths = search_path(paths)
        self._entries: dict[tuple[Kind, str], Entry] = {}
        self.shadowed: list[tuple[Entry, Entry]] = []
        self._catalogs: dict[str, Catalog] = {}
        self._checked: set[str] = set()
        self._compiled: set[Path] = set()
        """Built-in files loaded from their compiled model: unchanged since compile_builtins.py checked them."""
        self.files_read: set[Path] = set()
        """Every catalog and profile file this registry has loaded: inputs an output must not overwrite."""
        problems: list[Problem] = []
        for folder in self.user_paths:
            if not folder.is_dir():
                problems.append(Problem(Msg("registry.not_folder"), file=str(folder),
                                        hint=Msg("registry.not_folder.hint")))
        if problems:
            raise InvalidInputError(problems)
        builtin = [(p, True) for p in _yaml_files(data_dir("controls")) + _yaml_files(data_dir("profiles"))]
        user = [(p, False) for folder in reversed(self.user_paths) for p in _yaml_files(folder)]
        for path, is_builtin in builtin + user:
            peeked = _peek(path)
            if peeked is None:
                continue
            entry = Entry(peeked[0], peeked[1], path, is_builtin)
            key = (entry.kind, entry.id)
            if key in self._entries:
                self.shadowed.append((self._entries[key], entry))
            self._entries[key] = entry

    def entries(self, kind: Kind) -> list[Entry]:
        return sorted((e for e in self._entries.values() if e.kind == kind), key=lambda e: e.id)

    def ids(self, kind: Kind) -> list[str]:
        return [e.id for e in self.entries(kind)]

    def entry(self, kind: Kind, ident: str) -> Entry:
        found = self._entries.get((kind, ident))
        if found is None:
            known = self.ids(kind)
            raise InvalidInputError(Problem(
                Msg("registry.unknown_catalog" if kind == "catalog" else "registry.unknown_profile", id=cap(ident)),
                hint=(did_you_mean(ident, known) if len(ident) <= 200 else None)
                or Msg("registry.known_catalogs.hint" if kind == "catalog" else "registry.known_profiles.hint",
                       known=known or [Msg("registry.none")])))
        return found

    # --- loading ---------------------------------------------------------------------------------

    def _load(self, path: Path, model: type[M], kind: str) -> M:
        """Parse and validate one file. A user's file goes through the cache (untrusted, verified) and is
        read in the encoding chosen with ``--encoding`` (the cache entry is keyed by it too). A built-in
        one never touches the cache: see ``_load_builtin``."""
        raw = read_bytes_limited(path, what=kind)
        self.files_read.add(path)
        if self._is_builtin(path):
            return self._load_builtin(path, raw, model)
        encoding = input_encoding()
        cache_kind = kind if encoding in (None, "utf-8") else f"{kind}-{encoding}"
        cached = cache.get(cache_kind, raw)
        if cached is not None:
            try:
                hit = model.model_validate_json(cached)
            except ValidationError:
                pass  # a damaged or foreign cache entry: never trusted, rebuilt below
            else:
                if not (isinstance(hit, Catalog) and catalog_findings(hit)):
                    return hit
        text = decode_utf8(raw, str(path)) if encoding is None else decode_input(raw, str(path))
        obj = validate_data(parse(text, str(path)), model, text, str(path))
        if isinstance(obj, Catalog):
            self._raise_findings(catalog_findings(obj), text, str(path))
        cache.put(cache_kind, raw, obj.model_dump_json(exclude_defaults=True).encode())
        return obj

    def _is_builtin(self, path: Path) -> bool:
        return any(e.builtin and e.path == path for e in self._entries.values())

    def _load_builtin(self, path: Path, raw: bytes, model: type[M]) -> M:
        """A built-in catalog or profile: trusted, so never taken from the user's cache folder, which
        anyone who can write it could edit (a profile's gates, a catalog's texts). A catalog comes from
        the compiled model shipped beside its YAML when that was made from exactly these bytes
        (``scripts/compile_builtins.py``); otherwise, and for profiles, the YAML is parsed."""
        payload = _compiled_payload(path, raw)
        if payload is not None:
            try:
                obj = model.model_validate_json(payload)
            except ValidationError:
                pass  # compiled by another version of the models: parse the YAML
            else:
                self._compiled.add(path)
                return obj
        return self.parse_builtin(path, raw, model)

    def parse_builtin(self, path: Path, raw: bytes, model: type[M]) -> M:
        text = decode_utf8(raw, str(path))
        obj = validate_data(parse(text, str(path)), model, text, str(path))
        if isinstance(obj, Catalog):
            self._raise_findings(catalog_findings(obj), text, str(path))
        return obj

    @staticmethod
    def _raise_findings(findings: list[Finding], text: str, name: str) -> None:
        if findings:
            locator = Locator(text, name)
            raise InvalidInputError([located(locator, f.loc, f.message, f.hint) for f in findings])

    def _raw_catalog(self, ident: str) -> Catalog | None:
        if ident in self._catalogs:
            return self._catalogs[ident]
        found = self._entries.get(("catalog", ident))
        if found is None:
            return None
        cat = self._load(found.path, Catalog, "catalog")
        if cat.id != ident:  # pragma: no cover - the peek and the parse disagree only for odd YAML
            raise InvalidInputError(Problem(Msg("registry.id_differs", id=cat.id, expected=ident),
                                            file=str(found.path)))
        self._catalogs[ident] = cat
        return cat

    def catalog(self, ident: str) -> Catalog:
        """A catalog by ID, with its mappings checked against the other catalogs."""
        entry = self.entry("catalog", ident)
        cat = self._raw_catalog(ident)
        assert cat is not None
        if ident not in self._checked and not self._builtin_mappings(entry, cat):
            findings = mapping_findings(cat, self._raw_catalog, self.ids("catalog"))
            if findings:
                self._raise_findings(findings, read_text(entry.path, "catalog"), str(entry.path))
            self._checked.add(ident)
        return cat

    def _builtin_mappings(self, entry: Entry, cat: Catalog) -> bool:
        """True when a built-in catalog maps only to built-in catalogs that nothing of the user's shadows,
        and all of them are the files ``scripts/compile_builtins.py`` compiled (their SHA-256 matches the
        compiled header): that script checks every mapping before it compiles, so the catalogs they point
        to need not be loaded just to check them again (r3 for an ATLA assessment, a tenth of its run). A
        built-in YAML edited since it was compiled is checked as before."""
        if not entry.builtin or entry.path not in self._compiled:
            return False
        targets = {m.catalog for r in cat.requirements for m in r.mappings} - {cat.id}
        found = [self._entries.get(("catalog", t)) for t in targets]
        return all(e is not None and e.builtin and (e.path in self._compiled or _compiled_header_matches(e.path))
                   for e in found)

    def catalog_file(self, path: Path) -> Catalog:
        """Validate a catalog file given by path: schema, consistency and mappings."""
        cat = self._load(path, Catalog, "catalog")
        findings = mapping_findings(cat, lambda cid: cat if cid == cat.id else self._raw_catalog(cid),
                                    sorted({*self.ids("catalog"), cat.id}))
        self._raise_findings(findings, read_text(path, "catalog"), str(path))
        return cat

    def profile(self, ident_or_path: str) -> Profile:
        """A profile by ID or by file path, checked against its catalogs."""
        path = Path(ident_or_path)
        if ident_or_path.endswith((".yaml", ".yml")) or os.sep in ident_or_path:
            why = describe_path_problem(path)
            if why is not None and why.id == MISSING:
                raise InvalidInputError(Problem(Msg("file.not_found", what=Noun("profile file")), file=ident_or_path))
            if why is not None:
                raise InvalidInputError(Problem(Msg("file.unusable", what=Noun("profile file"), problem=why),
                                                file=ident_or_path))
        else:
            path = self.entry("profile", ident_or_path).path
        prof = self._load(path, Profile, "profile")
        findings = profile_findings(prof, self._raw_catalog, self.ids("catalog"))
        self._raise_findings(findings, read_text(path, "profile") if findings else "", str(path))
        return prof

    def validate_file(self, path: Path) -> Catalog | Profile:
        """Validate a catalog or profile file, deciding which by its ``format`` key."""
        text = read_text(path)
        data = parse(text, str(path))
        fmt = data.get("format") if isinstance(data, dict) else None
        if fmt == "dibcyber/profile@1":
            return self.profile(str(path))
        if fmt == "dibcyber/catalog@1":
            return self.catalog_file(path)
        locator = Locator(text, str(path))
        raise InvalidInputError(located(
            locator, ("format",) if fmt else (),
            Msg("registry.unknown_format", format=cap(repr(fmt))) if fmt else Msg("registry.missing_format"),
            Msg("registry.format.hint")))
