"""Consistency checks that a schema cannot express. Pure functions: they return findings, each with the
dotted path (as a tuple) where it was found; loading turns those into located problems."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dibcyber.errors import Msg, PathPart, dotted
from dibcyber.models.catalog import Catalog
from dibcyber.models.profile import Profile


@dataclass(frozen=True)
class Finding:
    loc: tuple[PathPart, ...]
    message: Msg
    hint: Msg | None = None


def closest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> Msg | None:
    near = closest(word, choices)
    return Msg("hint.did_you_mean", word=near) if near else None


def catalog_findings(catalog: Catalog) -> list[Finding]:
    """Duplicate IDs, unknown families, clashing aliases inside one catalog."""
    out: list[Finding] = []
    family_ids: dict[str, int] = {}
    for i, fam in enumerate(catalog.families):
        if fam.id in family_ids:
            out.append(Finding(("families", i, "id"), Msg("catalog.duplicate_family", id=fam.id),
                               Msg("catalog.first_defined.hint", path=f"families[{family_ids[fam.id]}]")))
        else:
            family_ids[fam.id] = i
    seen: dict[str, tuple[PathPart, ...]] = {}

    def claim(ident: str, loc: tuple[PathPart, ...], what: str) -> None:
        if ident in seen:
            out.append(Finding(loc, Msg(what, id=ident), Msg("catalog.already_used.hint", path=dotted(seen[ident]))))
        else:
            seen[ident] = loc

    for i, req in enumerate(catalog.requirements):
        base: tuple[PathPart, ...] = ("requirements", i)
        claim(req.id, (*base, "id"), "catalog.duplicate_requirement")
        if req.family not in family_ids:
            out.append(Finding((*base, "family"), Msg("catalog.unknown_family_of", id=req.id, family=req.family),
                               did_you_mean(req.family, family_ids) or
                               Msg("hint.known_families", known=list(family_ids))))
        for j, alias in enumerate(req.aliases):
            claim(alias, (*base, "aliases", j), "catalog.duplicate_alias")
        obj_ids: set[str] = set()
        for j, obj in enumerate(req.objectives):
            if obj.id in obj_ids:
                out.append(Finding((*base, "objectives", j, "id"), Msg("catalog.duplicate_objective", id=obj.id)))
            obj_ids.add(obj.id)
        odp_ids: set[str] = set()
        for j, odp in enumerate(req.odps):
            if odp.id in odp_ids:
                out.append(Finding((*base, "odps", j, "id"), Msg("catalog.duplicate_odp", id=odp.id)))
            odp_ids.add(odp.id)
        if req.weight and req.weight.partial_value is not None and req.weight.value is not None \
                and req.weight.partial_value >= req.weight.value:
            out.append(Finding((*base, "weight", "partial_value"),
                               Msg("catalog.partial_value")))
    for i, wd in enumerate(catalog.withdrawn):
        claim(wd.id, ("withdrawn", i, "id"), "catalog.duplicate_withdrawn")
        if wd.family not in family_ids:
            out.append(Finding(("withdrawn", i, "family"), Msg("catalog.unknown_family", family=wd.family)))
    active = {r.id for r in catalog.requirements}
    for i, wd in enumerate(catalog.withdrawn):
        for j, target in enumerate(wd.targets):
            if target not in active:
                out.append(Finding(("withdrawn", i, "targets", j),
                                   Msg("catalog.withdrawn_target", id=wd.id, target=target),
                                   did_you_mean(target, active)))
    return out


def mapping_findings(catalog: Catalog, resolve: Callable[[str], Catalog | None],
                     known: list[str]) -> list[Finding]:
    """Every mapping must name a known catalog and an ID that exists there (active or withdrawn)."""
    out: list[Finding] = []
    targets: dict[str, set[str] | None] = {}
    for i, req in enumerate(catalog.requirements):
        for j, m in enumerate(req.mappings):
            loc: tuple[PathPart, ...] = ("requirements", i, "mappings", j)
            if m.catalog not in targets:
                other = catalog if m.catalog == catalog.id else resolve(m.catalog)
                targets[m.catalog] = None if other is None else (
                    {r.id for r in other.requirements} | {w.id for w in other.withdrawn})
            ids = targets[m.catalog]
            if ids is None:
                out.append(Finding((*loc, "catalog"), Msg("catalog.mapping_unknown_catalog", catalog=m.catalog),
                                   did_you_mean(m.catalog, known) or Msg("hint.known_catalogs", known=known)))
            elif m.id not in ids:
                out.append(Finding((*loc, "id"), Msg("catalog.mapping_unknown_id", id=m.id, catalog=m.catalog),
                                   did_you_mean(m.id, ids)))
    return out


def profile_findings(profile: Profile, resolve: Callable[[str], Catalog | None],
                     known: list[str]) -> list[Finding]:
    out: list[Finding] = []
    catalogs: list[Catalog] = []
    for i, cid in enumerate(profile.catalogs):
        cat = resolve(cid)
        if cat is None:
            out.append(Finding(("catalogs", i), Msg("registry.unknown_catalog", id=cid),
                               did_you_mean(cid, known) or Msg("hint.known_catalogs", known=known)))
        else:
            catalogs.append(cat)
    if not catalogs or catalogs[0].id != profile.catalogs[0]:
        return out
    main = catalogs[0]
    ids = set(main.by_id)
    tags = {t for r in main.requirements for t in r.tags}
    for j, fam in enumerate(profile.select.families):
        if fam not in main.family_by_id:
            out.append(Finding(("select", "families", j), Msg("profile.unknown_family", family=fam, catalog=main.id),
                               did_you_mean(fam, main.family_by_id)))
    for j, tag in enumerate(profile.select.tags):
        if tag not in tags:
            out.append(Finding(("select", "tags", j), Msg("profile.unknown_tag", tag=tag, catalog=main.id),
                               did_you_mean(tag, tags)))
    for key in ("include", "exclude"):
        for j, rid in enumerate(getattr(profile.select, key)):
            if rid not in ids:
                out.append(Finding(("select", key, j), Msg("profile.unknown_selected", id=rid, catalog=main.id),
                                   did_you_mean(rid, ids)))
    for j, item in enumerate(profile.gates.require):
        if item not in ids and item not in tags:
            out.append(Finding(("gates", "require", j), Msg("profile.unknown_gate_item", item=item, catalog=main.id),
                               did_you_mean(item, ids | tags)))
    odp_ids = {o.id for r in main.requirements for o in r.odps}
    for key in profile.odp_values:
        if key not in odp_ids:
            out.append(Finding(("odp_values", key), Msg("profile.unknown_odp", odp=key, catalog=main.id),
                               did_you_mean(key, odp_ids)))
    needs_rev2 = {"sprs", "cmmc-l2"} & set(profile.scoring)
    if needs_rev2 and not any(c.id == "nist-800-171r2" for c in catalogs) and not any(
            r.weight for r in main.requirements):
        out.append(Finding(("scoring",), Msg("profile.scoring_needs_rev2")))
    return out


def selected(profile: Profile, catalog: Catalog) -> Iterator[str]:
    """IDs of the requirements a profile keeps, in catalog order."""
    sel = profile.select
    fams, tags = set(sel.families), set(sel.tags)
    include, exclude = set(sel.include), set(sel.exclude)
    for req in catalog.requirements:
        keep = (not fams or req.family in fams) and (not tags or bool(tags & set(req.tags)))
        if (keep or req.id in include) and req.id not in exclude:
            yield req.id

