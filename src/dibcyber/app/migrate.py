"""``dibcyber migrate`` as a use case: load the answers, carry them with ``engine.migrate``, write them as
an answers file that is checked against the target catalog before anyone sees it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dibcyber.app import pipeline
from dibcyber.engine import migrate as engine
from dibcyber.engine.checks import selected
from dibcyber.io.registry import Registry
from dibcyber.models.base import Lang
from dibcyber.models.migration import Worklist


@dataclass(frozen=True)
class Migrated:
    text: str
    """The migrated answers file (YAML, each answer commented with where it came from)."""
    worklist: Worklist
    target_profile: str
    language: Lang | None
    """The target profile's language, if it has one."""


def run(reg: Registry, answers: Path, to: str, *, written_as: Path | None = None) -> Migrated:
    """Carry ``answers`` to profile ``to``. ``written_as`` names the file the text will be written to (for
    locations in the check that the text is valid answers)."""
    loaded = pipeline.load_answers(answers)
    source_prof = pipeline.profile_for(reg, loaded, None)
    source_cat = reg.catalog(source_prof.catalog)
    resolved = pipeline.resolve_answers(loaded, source_cat, None).answers
    given = {rid: (key, a) for rid, (key, a) in resolved.items() if a.model_dump(exclude_defaults=True)}
    target_prof = reg.profile(to)
    target_cat = reg.catalog(target_prof.catalog)
    ids = list(selected(target_prof, target_cat))
    via_id = engine.pivot(source_cat, target_cat)
    data, origin, work = engine.migrate(given, source_cat, target_cat, target_prof, ids,
                                        source_profile=source_prof.id,
                                        organization=loaded.answers.organization.name,
                                        via=reg.catalog(via_id) if via_id else None)
    text = answers_yaml(
        data, origin, profile=target_prof.id,
        organization=loaded.answers.organization.model_dump(mode="python", exclude_none=True),
        assessment=loaded.answers.assessment.model_dump(mode="python", exclude_none=True),
        source_name=answers.name, source_catalog=source_cat.id, order=ids)
    check = pipeline.load_answers(written_as or answers, text=text, name="(migrated answers)")
    pipeline.resolve_answers(check, target_cat, None)  # what is written must be valid answers
    return Migrated(text, work, target_prof.id, target_prof.language)


def answers_yaml(data: dict[str, Any], origin: dict[str, list[str]], *, profile: str, organization: dict[str, Any],
                 assessment: dict[str, Any], source_name: str, source_catalog: str, order: list[str]) -> str:
    """The migrated answers file, each carried answer commented with where it came from."""
    import io

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from dibcyber.io.yamlio import roundtrip_yaml

    def node(value: Any) -> Any:
        if isinstance(value, dict):
            m = CommentedMap()
            for k, v in value.items():
                m[k] = node(v)
            return m
        if isinstance(value, list):
            return CommentedSeq([node(v) for v in value])
        return value

    doc = CommentedMap()
    doc["format"] = "dibcyber/answers@1"
    doc["profile"] = profile
    doc["organization"] = node(organization)
    doc["assessment"] = node(assessment)
    reqs = CommentedMap()
    for tid in order:
        if tid in data:
            reqs[tid] = node(data[tid])
            reqs.yaml_add_eol_comment(f"from {', '.join(origin.get(tid, []))} ({source_catalog})", tid)
    doc["requirements"] = reqs
    doc.yaml_set_start_comment(f"migrated by dibcyber from {source_name} ({source_catalog}); see the worklist")
    buf = io.StringIO()
    roundtrip_yaml().dump(doc, buf)
    return buf.getvalue()
