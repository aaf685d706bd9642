"""One function per use case. The CLI calls these; they load, check and score, and return models."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dibcyber import __version__
from dibcyber.errors import InvalidInputError, Problem
from dibcyber.loading import located, validate_data
from dibcyber.models.answers import Answers
from dibcyber.models.base import Lang
from dibcyber.models.catalog import Catalog
from dibcyber.models.profile import Profile
from dibcyber.models.result import Result
from dibcyber.registry import Registry
from dibcyber.scoring import Resolved, resolve, score
from dibcyber.yamlio import Locator, parse, read_text


@dataclass(frozen=True)
class LoadedAnswers:
    path: Path
    text: str
    answers: Answers


def load_answers(path: Path) -> LoadedAnswers:
    text = read_text(path)
    data = parse(text, str(path))
    return LoadedAnswers(path, text, validate_data(data, Answers, text, str(path)))


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
        locator = Locator(loaded.text, str(loaded.path))
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


def resolve_answers(loaded: LoadedAnswers, catalog: Catalog, own: Catalog | None) -> Resolved:
    resolved, errors = resolve(catalog, loaded.answers, own)
    if errors:
        locator = Locator(loaded.text, str(loaded.path))
        raise InvalidInputError([located(locator, e.loc, e.message, e.hint) for e in errors])
    return resolved


def assess(registry: Registry, path: Path, *, profile: str | None = None, lang: Lang | None = None,
           default_lang: Lang = "en") -> Result:
    """Validate an answers file and score it against its profile (or ``profile``). The language is
    ``lang``, else the profile's, else ``default_lang`` (the CLI passes the locale's)."""
    loaded = load_answers(path)
    prof = profile_for(registry, loaded, profile)
    catalogs = catalogs_for(registry, prof)
    resolved = resolve_answers(loaded, catalogs[prof.catalog], own_catalog(registry, loaded, profile))
    return score(prof, catalogs, loaded.answers, resolved, lang=lang or prof.language or default_lang,
                 generator=f"dibcyber {__version__}")


def require_file(path: Path) -> None:
    if not path.is_file():
        raise InvalidInputError(Problem("file not found", file=str(path)))
