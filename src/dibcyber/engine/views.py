"""Plain, JSON-ready documents built from catalogs and profiles: what ``--format json|yaml`` prints.

The catalog document is a public contract (see README, "JSON output"): keep its keys stable; add, never
rename or remove.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dibcyber.models.base import Lang, Text
from dibcyber.models.catalog import Catalog, Requirement
from dibcyber.models.listing import CatalogSummary, ProfileSummary
from dibcyber.models.profile import Profile


@dataclass(frozen=True)
class Filter:
    families: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    text: str | None = None
    ids: tuple[str, ...] = ()

    def keeps(self, catalog: Catalog, req: Requirement) -> bool:
        if self.ids and req.id not in self.ids and not set(self.ids) & set(req.aliases):
            return False
        if self.families:
            fam = catalog.family_by_id.get(req.family)
            names = {req.family, fam.abbrev if fam and fam.abbrev else ""}
            if not {f.casefold() for f in self.families} & {n.casefold() for n in names}:
                return False
        if self.tags and not set(self.tags) & set(req.tags):
            return False
        if self.text:
            needle = self.text.casefold()
            hay = [req.id, *req.aliases]
            for t in (req.title, req.statement):
                hay += [t.ja or "", t.en or ""]
            if not any(needle in h.casefold() for h in hay):
                return False
        return True


def text(t: Text | None) -> dict[str, str | None] | None:
    return None if t is None else {"ja": t.ja, "en": t.en}


def requirement_document(req: Requirement) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": req.id,
        "family": req.family,
        "title": text(req.title),
        "statement": text(req.statement),
        "objectives": [{"id": o.id, "text": text(o.text)} for o in req.objectives],
        "odps": [
            {"id": o.id, "label": o.label, "usage": text(o.usage), "text": text(o.text),
             "choices": [text(c) for c in o.choices]}
            for o in req.odps
        ],
        "methods": req.methods.model_dump(mode="json", exclude_defaults=True) if req.methods else None,
        "mappings": [{"catalog": m.catalog, "id": m.id, "relation": m.relation} for m in req.mappings],
        "tags": list(req.tags),
        "aliases": list(req.aliases),
        "discussion": text(req.discussion),
        "weight": req.weight.model_dump(mode="json") if req.weight else None,
        "cmmc": req.cmmc.model_dump(mode="json") if req.cmmc else None,
        "official_ref": req.official_ref.model_dump(mode="json") if req.official_ref else None,
        "provenance": req.provenance.model_dump(mode="json") if req.provenance else None,
    }
    return doc


def catalog_document(catalog: Catalog, flt: Filter | None = None) -> dict[str, Any]:
    flt = flt or Filter()
    reqs = [r for r in catalog.requirements if flt.keeps(catalog, r)]
    return {
        "id": catalog.id,
        "version": catalog.version,
        "title": text(catalog.title),
        "authoritative_language": catalog.authoritative_language,
        "license": catalog.license,
        "provenance": catalog.provenance.model_dump(mode="json"),
        "sources": [s.model_dump(mode="json") for s in catalog.sources],
        "families": [{"id": f.id, "abbrev": f.abbrev, "title": text(f.title)} for f in catalog.families],
        "requirements": [requirement_document(r) for r in reqs],
        "withdrawn": [w.model_dump(mode="json") for w in catalog.withdrawn],
    }


def catalog_summary(catalog: Catalog, lang: Lang, origin: str) -> dict[str, Any]:
    """A row of ``catalog list`` (``models.listing.CatalogSummary``)."""
    return CatalogSummary(
        id=catalog.id, version=catalog.version, content_version=catalog.content_version,
        title=catalog.title.get(lang), short_title=(catalog.short_title or catalog.title).get(lang),
        families=len(catalog.families), requirements=len(catalog.requirements),
        objectives=catalog.objective_count(), odps=catalog.odp_count(), withdrawn=len(catalog.withdrawn),
        source=origin).model_dump(mode="json")


def profile_summary(profile: Profile, lang: Lang, origin: str) -> dict[str, Any]:
    """A row of ``profile list`` (``models.listing.ProfileSummary``)."""
    return ProfileSummary(id=profile.id, title=profile.title.get(lang), catalogs=profile.catalogs,
                          scoring=list(profile.scoring), language=profile.language or "—",
                          source=origin).model_dump(mode="json")


def profile_document(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json")
