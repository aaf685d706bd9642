"""One function per use case. The CLI calls these; they load, check and score, and return models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dibcyber import __version__
from dibcyber.engine.checks import did_you_mean
from dibcyber.engine.resolve import Resolved, Scope, resolve, scope_for
from dibcyber.engine.scoring import score, with_evidence
from dibcyber.errors import InvalidInputError, Msg, Noun, Problem, cap
from dibcyber.io.encoding import read_text
from dibcyber.io.loading import located, validate_data
from dibcyber.io.locator import Locator
from dibcyber.io.registry import Registry
from dibcyber.io.safeio import ENV_MAX_FILE_SIZE, human_size, limits
from dibcyber.io.yamlio import parse
from dibcyber.models.answers import Answers
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog
from dibcyber.models.profile import Profile
from dibcyber.models.result import Result


@dataclass(frozen=True)
class LoadedAnswers:
    path: Path
    """The file on disk (relative profile paths resolve from its folder)."""
    text: str
    answers: Answers
    name: str = ""
    """How messages name it: the path, or git:REF:path for a revision."""


def load_answers(path: Path, *, text: str | None = None, name: str | None = None) -> LoadedAnswers:
    """Load an answers file, or ``text`` standing for it (the file at a git revision)."""
    label = name or str(path)
    if text is not None and len(text) > limits().max_file_size:  # a revision's blob gets the file's bound
        raise InvalidInputError(Problem(Msg("file.too_large", what=Noun("answers file"),
                                            limit=human_size(limits().max_file_size)), file=label,
                                        hint=Msg("limit.raise_variable.hint", variable=ENV_MAX_FILE_SIZE)))
    body = read_text(path, "answers file") if text is None else text
    data = parse(body, label)
    return LoadedAnswers(path, body, validate_data(data, Answers, body, label), label)


def load_spec(spec: str, same_file: Path | None = None) -> LoadedAnswers:
    """A file path; ``git:REF:PATH``, that file at a git revision; or ``git:REF``, ``same_file`` at REF."""
    from dibcyber.io import gitio

    if spec.startswith("git:"):
        ref, _, file = spec[4:].partition(":")
        if not file and same_file is None:
            raise InvalidInputError(Problem(Msg("git.names_no_file", spec=cap(spec)),
                                            hint=Msg("git.names_no_file.hint")))
        path = Path(file) if file else same_file
        assert path is not None
        return load_answers(path, text=gitio.show(path, ref), name=f"git:{ref}:{path}")
    return load_answers(Path(spec))


def profile_for(registry: Registry, loaded: LoadedAnswers, override: str | None) -> Profile:
    """The profile named on the command line, or the one the answers file names (an ID, or a path
    relative to the answers file)."""
    if override:
        return registry.profile(override)
    name = loaded.answers.profile
    if name.endswith((".yaml", ".yml")) or "/" in name:
        candidate = (loaded.path.parent / name) if not Path(name).is_absolute() else Path(name)
        return registry.profile(str(candidate))
    try:
        return registry.profile(name)
    except InvalidInputError as e:
        locator = Locator(loaded.text, loaded.name or str(loaded.path))
        raise InvalidInputError([located(locator, ("profile",), p.message, p.hint) for p in e.problems]) from None


def catalogs_for(registry: Registry, profile: Profile) -> dict[str, Catalog]:
    return {cid: registry.catalog(cid) for cid in profile.catalogs}


def own_catalog(registry: Registry, loaded: LoadedAnswers, override: str | None) -> Catalog | None:
    """With ``--profile``, the catalog the file was written for, to bridge its keys through equivalent
    requirements (ATLA answers scored as CMMC)."""
    if not override:
        return None
    try:
        return registry.catalog(profile_for(registry, loaded, None).catalog)
    except InvalidInputError:
        return None


def resolve_answers(loaded: LoadedAnswers, catalog: Catalog, own: Catalog | None,
                    scope: Scope | None = None) -> Resolved:
    unknown = [key for key in loaded.answers.requirements
               if key not in catalog.alias_index and (own is None or key not in own.alias_index)]
    if len(unknown) > _MAX_UNKNOWN:  # a hostile file: suggestions for a hundred keys, a count for the rest
        locator = Locator(loaded.text, loaded.name or str(loaded.path))
        problems = [located(locator, ("requirements", key),
                            Msg("answers.unknown_requirement", id=cap(key), catalog=catalog.id),
                            did_you_mean(key, catalog.alias_index))
                    for key in unknown[:_MAX_UNKNOWN]]
        problems.append(Problem(Msg("answers.more_unknown", count=len(unknown) - _MAX_UNKNOWN, catalog=catalog.id),
                                file=loaded.name or str(loaded.path)))
        raise InvalidInputError(problems)
    resolved, errors = resolve(catalog, loaded.answers, own, scope)
    if errors:
        locator = Locator(loaded.text, loaded.name or str(loaded.path))
        raise InvalidInputError([located(locator, e.loc, e.message, e.hint) for e in errors])
    return resolved


def assess(registry: Registry, path: Path | LoadedAnswers, *, profile: str | None = None, lang: Lang | None = None,
           default_lang: Lang = "en", evidence: bool = True) -> Result:
    """Validate an answers file and score it against its profile (or ``profile``). The language is
    ``lang``, else the profile's, else ``default_lang`` (the CLI passes the locale's). With ``evidence``,
    the cited files are checked and the result carries evidence states and coverage."""
    return assess_with_lines(registry, path, profile=profile, lang=lang, default_lang=default_lang,
                             with_lines=False, evidence=evidence)[0]


def assess_with_lines(registry: Registry, path: Path | LoadedAnswers, *, profile: str | None = None,
                      lang: Lang | None = None, default_lang: Lang = "en",
                      with_lines: bool = True, evidence: bool = True) -> tuple[Result, dict[str, int]]:
    """Like ``assess``, also giving the line of each requirement's key in the answers file (the line of
    ``requirements:`` for requirements the file does not mention), for CI annotations. Finding lines needs
    the slower positional parse, so ``assess`` asks for none."""
    if isinstance(path, LoadedAnswers):
        loaded = path
    else:
        text = read_text(path, "answers file")
        data = parse(text, str(path))  # a file that does not parse has no keys to report besides
        try:
            loaded = LoadedAnswers(path, text, validate_data(data, Answers, text, str(path)), str(path))
        except InvalidInputError as e:
            raise InvalidInputError(e.problems + _unknown_keys(registry, path, profile, text, data)) from None
    prof = profile_for(registry, loaded, profile)
    catalogs = catalogs_for(registry, prof)
    resolved = resolve_answers(loaded, catalogs[prof.catalog], own_catalog(registry, loaded, profile),
                               scope_for(prof, catalogs))
    result = score(prof, catalogs, loaded.answers, resolved, lang=lang or prof.language or default_lang,
                   generator=f"dibcyber {__version__}")
    if evidence:
        result = add_evidence(result, loaded, resolved)
    if not with_lines:
        return result, {}
    locator = Locator(loaded.text, loaded.name)
    default = locator.position(("requirements",))[0] or 1
    lines = {r.id: default for r in result.requirements}
    for rid, (key, _) in resolved.answers.items():
        lines[rid] = locator.position(("requirements", key))[0] or default
    return result, lines


def add_evidence(result: Result, loaded: LoadedAnswers, resolved: Resolved, today: dt.date | None = None) -> Result:
    """Hash the cited evidence files (evidence.py) and add each requirement's evidence state and the
    coverage to the result (scoring.with_evidence, pure). An answers file read from a git revision has no
    files of its own on disk to check: its result is left without evidence states."""
    from dibcyber.app import evidence as ev

    if loaded.name.startswith("git:"):
        return result
    day = today or dt.date.today()
    report = ev.check(loaded.answers, loaded.path, day, ages=False)  # states need no ages (no git log)
    keys = {r.id: resolved.answers.get(r.id, (r.id, None))[0] for r in result.requirements}
    return with_evidence(result, ev.states(report, keys), day)


def _unknown_keys(registry: Registry, path: Path, override: str | None, text: str, data: Any) -> list[Problem]:
    """When a file fails its schema, still report requirement keys its catalog does not know, so that one
    run shows every problem (best effort: nothing here may raise)."""
    try:
        name = override or (data.get("profile") if isinstance(data, dict) else None)
        reqs = data.get("requirements") if isinstance(data, dict) else None
        if not isinstance(name, str) or not isinstance(reqs, dict):
            return []
        if not override and (name.endswith((".yaml", ".yml")) or "/" in name):
            name = str(path.parent / name)
        catalog = registry.catalog(registry.profile(name).catalog)
    except InvalidInputError:
        return []
    locator = Locator(text, str(path))
    unknown = [key for key in reqs if str(key) not in catalog.alias_index]
    problems = [located(locator, ("requirements", key), Msg("answers.unknown_requirement", id=cap(key),
                                                             catalog=catalog.id),
                        did_you_mean(str(key), catalog.alias_index))
                for key in unknown[:_MAX_UNKNOWN]]
    if len(unknown) > _MAX_UNKNOWN:
        problems.append(Problem(Msg("answers.more_unknown", count=len(unknown) - _MAX_UNKNOWN, catalog=catalog.id),
                                file=str(path)))
    return problems


_MAX_UNKNOWN = 50
"""Suggestions cost time per key; a hostile file may hold a hundred thousand keys."""


def input_files(registry: Registry | None, answers: Path | None, *extra: Path | None) -> list[Path]:
    """Every file a command reads, for ``safeio.check_output``: the answers file, the evidence files it
    cites, every catalog and profile the registry loaded, and ``extra`` (logo, font, templates folder,
    baseline…; ``None`` is skipped). Best effort: an answers file that cannot be read contributes itself
    only (the command has failed on it already, or will)."""
    files: list[Path] = [p for p in extra if p is not None]
    if answers is not None:
        files.append(answers)
        try:
            data = parse(read_text(answers, "answers file"), str(answers))
        except InvalidInputError:
            data = None
        reqs = data.get("requirements") if isinstance(data, dict) else None
        for node in reqs.values() if isinstance(reqs, dict) else []:
            evidence = node.get("evidence") if isinstance(node, dict) else None
            for ev in evidence if isinstance(evidence, list) else []:
                rel = ev.get("path") if isinstance(ev, dict) else None
                if isinstance(rel, str) and rel and "\x00" not in rel:
                    files.append(answers.parent / rel)
    if registry is not None:
        files += sorted(registry.files_read)
    return files
