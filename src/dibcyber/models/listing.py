"""What ``catalog list`` and ``profile list`` print with ``--format json``: one summary per catalog or profile."""

from __future__ import annotations

from pydantic import RootModel

from dibcyber.models.base import Strict


class CatalogSummary(Strict):
    id: str
    version: str
    content_version: str | None
    title: str
    short_title: str
    families: int
    requirements: int
    objectives: int
    odps: int
    withdrawn: int
    source: str
    """'built-in', or the file it was read from."""


class ProfileSummary(Strict):
    id: str
    title: str
    catalogs: list[str]
    scoring: list[str]
    language: str
    """'ja', 'en', or '—' when the profile names none."""
    source: str


class CatalogList(RootModel[list[CatalogSummary]]):
    """``dibcyber catalog list --format json``."""


class ProfileList(RootModel[list[ProfileSummary]]):
    """``dibcyber profile list --format json``."""
