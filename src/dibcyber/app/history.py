"""``dibcyber history`` as a use case: the answers file scored at every commit that changed it."""

from __future__ import annotations

from pathlib import Path

from dibcyber.app import pipeline
from dibcyber.errors import DibcyberError
from dibcyber.io import gitio
from dibcyber.io.registry import Registry
from dibcyber.models.check import HistoryPoint


def points(reg: Registry, answers: Path, profile: str | None) -> list[HistoryPoint]:
    """One point per commit of ``answers``, oldest first. A revision that cannot be read or scored is a
    point with its error (a broken commit in the past is history too, not a reason to stop)."""
    found: list[HistoryPoint] = []
    for commit, day, subject, rel in gitio.log(answers):
        try:
            text = gitio.show_at(answers, commit, rel)
            loaded = pipeline.load_answers(answers, text=text, name=f"git:{commit[:10]}:{rel}")
            result = pipeline.assess(reg, loaded, profile=profile)
        except DibcyberError as e:
            found.append(HistoryPoint(commit=commit, date=day, date_source="commit", subject=subject, sprs=None,
                                      conformance=None, implemented=None, error=" ".join(e.render().split())))
            continue
        sp = result.scores.sprs
        found.append(HistoryPoint(
            commit=commit, date=result.assessment.date, date_source="assessment", subject=subject,
            sprs=sp.value if sp else None, conformance=result.scores.conformance.ratio,
            implemented=result.scores.conformance.implemented))
    return found
