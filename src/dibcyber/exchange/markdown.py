"""Markdown-safe text, for every Markdown dibcyber writes: report templates, CI summaries, diff and
history tables, the evidence index. Light on purpose (no Jinja2): the CI output paths use it."""

from __future__ import annotations

import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_WORD_JOINER = "\u2060"


def md_escape(value: Any) -> str:
    """Markdown-safe text on one line: punctuation that could start markup, a link, HTML or a table cell
    is escaped; newlines become spaces (no injected headings, rules or code blocks); an invisible word
    joiner after '@' and inside '://' keeps GitHub from turning answers into mentions or links. A value
    already marked safe (markupsafe's ``Markup``, from a template) is passed through."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return str(value)
    text = " ".join(str(value).split()) if "\n" in str(value) or "\r" in str(value) else str(value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@" + _WORD_JOINER).replace("://", ":" + _WORD_JOINER + "//")
