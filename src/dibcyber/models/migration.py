"""The worklist of ``dibcyber migrate``: what a person must look at after answers are carried to
another profile."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dibcyber.models.base import Strict, Text

Kind = Literal["carried", "review", "merged", "split", "no_counterpart", "new", "odp", "outside"]
KINDS: tuple[Kind, ...] = ("merged", "split", "no_counterpart", "new", "odp", "review", "outside", "carried")


class SourceAnswer(Strict):
    id: str
    key: str
    """How the answers file spelled it."""
    status: str | None = None
    narrative: str | None = None
    target_date: str | None = None


class WorkItem(Strict):
    kind: Kind
    target: str | None
    target_title: Text | None = None
    sources: list[SourceAnswer] = Field(default_factory=list)
    relation: str | None = None
    detail: Text
    """What to do, in both languages."""


class Worklist(Strict):
    format: Literal["dibcyber/worklist@1"] = "dibcyber/worklist@1"
    source_profile: str
    source_catalog: str
    target_profile: str
    target_catalog: str
    organization: str
    carried: int
    """Requirements carried from exactly one source answer."""
    items: list[WorkItem]
    written: int = 0
    """Requirement answers in the migrated file: the one-to-one carries, merges and splits."""

    @property
    def merged(self) -> int:
        return sum(1 for w in self.items if w.kind == "merged")
