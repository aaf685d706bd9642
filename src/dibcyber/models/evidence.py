"""Evidence documents: the evidence check (``dibcyber evidence check``, ``check --evidence``) and the
evidence index (``dibcyber evidence index``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, RootModel

from dibcyber.models.base import Strict

EvidenceProblemKind = Literal["missing", "changed", "expired", "too-old", "outside-root", "not-a-file", "too-large",
                              "unreadable"]


class EvidenceItem(Strict):
    requirement: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    sha256: str | None = None
    size: int | None = None
    expires: dt.date | None = None
    age_days: int | None = None
    problems: list[EvidenceProblemKind] = Field(default_factory=list)
    detail: str | None = None
    location: str | None = None
    """Where the answers file cites it: ``file:line:column``."""
    locked: bool = False
    """A SHA-256 was recorded for it (in the answers file or the lock file)."""


class EvidenceIndexRow(Strict):
    """One line of ``dibcyber evidence index``: an evidence entry as a report's annex lists it."""

    requirement: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    sha256: str | None = None
    size: int | None = None
    expires: dt.date | None = None
    problems: list[EvidenceProblemKind] = Field(default_factory=list)


class EvidenceIndex(RootModel[list[EvidenceIndexRow]]):
    """``dibcyber evidence index --format json``."""


class EvidenceReport(Strict):
    format: Literal["dibcyber/evidence@1"] = "dibcyber/evidence@1"
    root: str
    today: dt.date
    items: list[EvidenceItem] = Field(default_factory=list)

    @property
    def problems(self) -> list[EvidenceItem]:
        return [i for i in self.items if i.problems]
