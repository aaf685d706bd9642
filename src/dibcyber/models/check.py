"""Gate outcomes, comparisons and history points: what `check`, `diff` and `history` report (the evidence
documents are in ``models/evidence.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, RootModel

from dibcyber.models.base import Strict, Text
from dibcyber.models.evidence import EvidenceReport
from dibcyber.models.result import Result


class GateOutcome(Strict):
    gate: str
    """Stable name: min-sprs, min-conformance, require, require-cmmc-conditional, baseline, evidence."""
    passed: bool
    text: Text
    requirements: list[str] = Field(default_factory=list)
    """The requirements behind a failure (or the evidence files, for the evidence gate)."""
    enforced: bool = True
    """Whether this gate decides the exit code (``check --fail-on``); a gate not enforced is still
    evaluated and reported."""


class Change(Strict):
    id: str
    title: Text
    before: str
    after: str
    kind: Literal["improved", "regressed", "changed", "added", "removed"]


class Delta(Strict):
    before: int | float | None
    after: int | float | None
    change: int | float | None


class Comparison(Strict):
    format: Literal["dibcyber/diff@1"] = "dibcyber/diff@1"
    before: str
    after: str
    profile: str
    sprs: Delta | None = None
    conformance: Delta
    implemented: Delta
    changes: list[Change] = Field(default_factory=list)

    @property
    def regressions(self) -> list[Change]:
        return [c for c in self.changes if c.kind in ("regressed", "removed")]


class HistoryPoint(Strict):
    commit: str
    date: dt.date
    date_source: Literal["assessment", "commit"]
    subject: str
    sprs: int | None
    conformance: float | None
    implemented: int | None
    error: str | None = None
    """Set when the file at that commit could not be read or scored."""


class History(RootModel[list[HistoryPoint]]):
    """``dibcyber history --format json``: one point per commit, oldest first."""


class CheckDocument(Result):
    """``check --format json`` for one answers file (for several, a JSON list of these): the result, plus the
    file, every gate's outcome, whether every enforced gate passed, and the comparison and evidence report
    when ``--baseline`` and ``--evidence`` were used. Keys are only ever added."""

    file: str | None = None
    gates: list[GateOutcome] = Field(default_factory=list)
    passed: bool = True
    baseline: Comparison | None = None
    evidence: EvidenceReport | None = None


class AssessDocument(Result):
    """``assess --format json``: the result, and with ``--also PROFILE`` the same answers scored by each
    further profile. Keys are only ever added."""

    also: list[Result] = Field(default_factory=list)
