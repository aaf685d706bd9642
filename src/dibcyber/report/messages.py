"""Message catalogs: every fixed word of a report, per language, in ``templates/messages/<lang>.yaml``."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from dibcyber.errors import InvalidInputError, Msg, Problem
from dibcyber.io.encoding import read_text
from dibcyber.io.resources import data_dir
from dibcyber.io.yamlio import parse
from dibcyber.models.base import Lang


@cache
def _load(path: Path) -> dict[str, Any]:
    data = parse(read_text(path), str(path))
    if not isinstance(data, dict):
        raise InvalidInputError(Problem(Msg("report.messages_not_mapping"), file=str(path)))
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(base[k], v) if isinstance(v, dict) and isinstance(base.get(k), dict) else v
    return out


def messages(lang: Lang, override_dir: Path | None = None) -> dict[str, Any]:
    """The built-in catalog, with a user's ``messages/<lang>.yaml`` merged over it when given."""
    catalog = _load(data_dir("templates") / "messages" / f"{lang}.yaml")
    if override_dir is not None and (override_dir / "messages" / f"{lang}.yaml").is_file():
        catalog = _merge(catalog, _load(override_dir / "messages" / f"{lang}.yaml"))
    return catalog


def format_date(m: dict[str, Any], day: dt.date | None, *, era: bool = False) -> str:
    if day is None:
        return ""
    if m["lang"] == "ja":
        # Japanese documents date in the era calendar, as official documents do (令和8年11月1日); the cover
        # adds the Western date once, for readers outside Japan. A date before the known eras stays Western.
        from dibcyber.dates import era_date

        western = str(m["date_format"]).format(y=day.year, m=day.month, d=day.day)
        japanese = era_date(day) if m.get("era_dates", True) else None
        if japanese is None:
            return western
        return f"{japanese}（{western}）" if era else japanese
    return str(m["date_format"]).format(y=day.year, m=day.month, d=day.day, month=m["months"][day.month - 1])


def format_ratio(m: dict[str, Any], ratio: float | None) -> str:
    return "—" if ratio is None else str(m["percent_format"]).format(ratio * 100)
