"""HTML and Markdown through Jinja2. HTML is autoescaped; in Markdown every value is escaped on output
(``finalize``), so answers cannot inject markup, links or table cells in either."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from markupsafe import Markup

from dibcyber.errors import InvalidInputError, Msg, Problem
from dibcyber.exchange.markdown import md_escape
from dibcyber.io.resources import data_dir
from dibcyber.models.result import Result
from dibcyber.report import Options
from dibcyber.report.context import build


def one_line(value: Any) -> str:
    """Table cells hold one line: newlines and runs of spaces become one space."""
    return " ".join(str(value or "").split())


def _loader(templates: Path | None) -> ChoiceLoader:
    loaders = [FileSystemLoader(str(templates))] if templates else []
    loaders.append(FileSystemLoader(str(data_dir("templates"))))
    return ChoiceLoader(loaders)


def environment(templates: Path | None, fmt: str) -> Environment:
    if fmt == "md":
        env = Environment(loader=_loader(templates), autoescape=False, undefined=StrictUndefined,
                          finalize=md_escape, keep_trailing_newline=True)
    else:
        env = Environment(loader=_loader(templates), autoescape=lambda name: bool(name and ".html" in name),
                          undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["cell"] = one_line
    return env


def render_text(result: Result, options: Options, *, extra_css: str = "") -> str:
    fmt = "md" if options.fmt == "md" else "html"
    env = environment(options.templates, fmt)
    name = f"{options.kind}.{fmt}.j2"
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise InvalidInputError(Problem(Msg("report.no_template", name=name),
                                        hint=Msg("report.no_template.hint"))) from None
    context = build(result, options)
    text = template.render(**context, extra_css=Markup(extra_css))
    if fmt == "md":
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text
