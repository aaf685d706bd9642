"""The command line's own words in the user's language: help texts, the usage line and usage errors.

typer (0.29) carries its own copy of click, whose words are English: a few through gettext (typer.core's
``_``), the rest written into its code. For a Japanese user (``--lang ja`` or a Japanese locale):

- every command's and option's help text is replaced by its Japanese text from ``i18n.help_ja``, keyed by
  the English text as gettext keys a catalogue (``tests/test_help_ja.py`` fails on a help text without
  one, and on a Japanese text nobody uses);
- typer.core's ``_`` answers from the same catalogue (section titles, ``required``, ``default: …``);
- the usage line and usage errors are written here from the exceptions' own fields (which parameter,
  what kind, the close matches), not by translating their English sentences.

The patches are installed once per process and consult the language of the current run, so one process
may run commands in both languages (the tests do). Everything is looked up with ``getattr`` and skipped
when typer's internals move; the tests then fail on English under ``--lang ja`` rather than dibcyber
failing to start.
"""

from __future__ import annotations

import re
from typing import Any

import typer

from dibcyber import i18n
from dibcyber.i18n.help_ja import HELP, WORDS

_STATE = {"lang": "en", "patched": False}


def apply(command: Any, lang: str) -> None:
    """Use ``lang`` for the command line's own words in this run; translate ``command``'s tree for ja."""
    _STATE["lang"] = "ja" if lang == "ja" else "en"
    if not _STATE["patched"]:
        _patch()
        _STATE["patched"] = True
    if _STATE["lang"] == "ja":
        _translate(command)


def japanese() -> bool:
    return _STATE["lang"] == "ja"


def _translate(command: Any) -> None:
    for attr in ("help", "short_help"):
        text = getattr(command, attr, None)
        if text:
            setattr(command, attr, HELP.get(text, text))
    if getattr(command, "help", None) and not getattr(command, "short_help", None):
        # the command list shows the first sentence (click shortens by words, and Japanese has no spaces)
        command.short_help = command.help.split("。", 1)[0] + "。" if "。" in command.help else command.help
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = HELP.get(param.help, param.help)
    for sub in getattr(command, "commands", {}).values():
        _translate(sub)


def _gettext(message: str) -> str:
    return WORDS.get(message, message) if japanese() else message


def _patch() -> None:
    click = getattr(typer, "_click", None)
    core = getattr(typer, "core", None)
    if core is not None and hasattr(core, "_"):
        core._ = _gettext
    formatting = getattr(click, "formatting", None)
    formatter = getattr(formatting, "HelpFormatter", None)
    if formatter is not None:
        formatter.write_usage = _usage_writer(formatter.write_usage)
    if formatting is not None and hasattr(formatting, "wrap_text") and hasattr(formatting, "term_len"):
        formatting.wrap_text = _wrapper(formatting.wrap_text)
        formatting.term_len = _measure(formatting.term_len)
    click_core = getattr(click, "core", None)
    command_class = getattr(click_core, "Command", None)
    if command_class is not None and hasattr(command_class, "get_help_option"):
        command_class.get_help_option = _help_option(command_class.get_help_option)
    exceptions = getattr(click, "exceptions", None)
    for name, wrap in (("UsageError", _show), ("MissingParameter", _missing), ("NoSuchOption", _no_such_option),
                       ("BadParameter", _bad_parameter)):
        cls = getattr(exceptions, name, None)
        attr = "show" if name == "UsageError" else "format_message"
        if cls is not None and attr in vars(cls):
            setattr(cls, attr, wrap(vars(cls)[attr]))


def _usage_writer(original: Any) -> Any:
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and japanese():
            prefix = i18n.text("usage_prefix", "ja")
        original(self, prog, args, prefix)

    return write_usage


def _help_option(original: Any) -> Any:
    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None and japanese() and getattr(option, "help", None):
            option.help = HELP.get(option.help, option.help)
        return option

    return get_help_option


def _show(original: Any) -> Any:
    def show(self: Any, file: Any = None) -> None:
        if not japanese():
            original(self, file)
            return
        import sys

        out = file or sys.stderr
        ctx = getattr(self, "ctx", None)
        if ctx is not None:
            out.write(ctx.get_usage() + "\n")
            if ctx.command.get_help_option(ctx) is not None:
                out.write(i18n.text("usage_try_help", "ja", command=f"{ctx.command_path} "
                                    f"{ctx.help_option_names[0]}") + "\n")
            out.write("\n")
        out.write(i18n.text("error", "ja", message=self.format_message()) + "\n")

    return show


_KINDS = {"argument": "usage_kind_argument", "option": "usage_kind_option"}


def _hint(self: Any) -> str:
    hint = getattr(self, "param_hint", None)
    if hint is None and getattr(self, "param", None) is not None:
        hint = self.param.get_error_hint()
    if isinstance(hint, list | tuple):
        hint = " / ".join(hint)
    return str(hint or "")


def _missing(original: Any) -> Any:
    def format_message(self: Any) -> str:
        if not japanese():
            return str(original(self))
        kind = self.param_type or getattr(getattr(self, "param", None), "param_type_name", None) or ""
        what = i18n.text(_KINDS.get(kind, "usage_kind_parameter"), "ja")
        return i18n.text("usage_missing", "ja", what=what, name=_hint(self))

    return format_message


def _no_such_option(original: Any) -> Any:
    def format_message(self: Any) -> str:
        if not japanese():
            return str(original(self))
        text = i18n.text("usage_no_such_option", "ja", name=self.option_name)
        if self.possibilities:
            text += i18n.text("usage_possibilities", "ja", names=", ".join(sorted(self.possibilities)))
        return text

    return format_message


# The value errors of typer's parameter types (pydantic's messages and typer's own), by their fixed parts:
# a detail no pattern knows is quoted as it is, inside the Japanese sentence.
_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*)\.$"), "usage_not_one_of"),
    (re.compile(r"Input should be a valid integer.*"), "usage_not_integer"),
    (re.compile(r"Input should be a valid number.*"), "usage_not_number"),
    (re.compile(r"Input should be greater than or equal to (?P<limit>\S+)$"), "usage_at_least"),
    (re.compile(r"Input should be less than or equal to (?P<limit>\S+)$"), "usage_at_most"),
]


def _detail(message: str) -> str:
    for pattern, message_id in _DETAILS:
        m = pattern.match(message)
        if m:
            return i18n.text(message_id, "ja", **m.groupdict())
    return i18n.text("usage_detail", "ja", detail=message)


def _bad_parameter(original: Any) -> Any:
    def format_message(self: Any) -> str:
        if not japanese():
            return str(original(self))
        return i18n.text("usage_bad_value", "ja", name=_hint(self), detail=_detail(str(self.message)))

    return format_message


# --- Japanese line breaking ---------------------------------------------------------------------------
# click wraps at spaces and counts one column per character; Japanese has no spaces and its characters take
# two columns. For Japanese help texts: break between any two Japanese characters, never inside a run of
# ASCII (an option name, a path, a format ID), let closing punctuation hang past the margin rather than
# begin a line, and never end a line with an opening bracket.

_ASCII_RUN = re.compile(r"[\x21-\x7e]+|\s+|.", re.S)
_NO_LINE_START = set("。、，．）」』】〕・：；？！ー")
_NO_LINE_END = set("（「『【〔[(")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for wide and full-width characters."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _measure(original: Any) -> Any:
    def term_len(text: str) -> int:
        return width(text) if japanese() else int(original(text))

    return term_len


def wrap_japanese(text: str, limit: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` in lines of at most ``limit`` columns (closing punctuation may hang one character past)."""
    lines: list[str] = []
    line, used = first, width(first)
    for token in _ASCII_RUN.findall(" ".join(text.split())):
        size = width(token)
        if token.isspace():
            if used > width(first if not lines else rest):
                line, used = line + " ", used + 1
            continue
        fits = used + size <= limit or token in _NO_LINE_START
        if not fits and line.strip():
            carry = ""
            while line and line[-1] in _NO_LINE_END:  # an opening bracket moves down with what it opens
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line = rest + carry
            used = width(line)
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _wrapper(original: Any) -> Any:
    def wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
                  preserve_paragraphs: bool = False) -> str:
        if not japanese() or not any(ord(c) > 0x2E7F for c in text):
            return str(original(text, width, initial_indent, subsequent_indent, preserve_paragraphs))
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()] if preserve_paragraphs else [text]
        out = ["\n".join(wrap_japanese(p, width, initial_indent, subsequent_indent)) for p in paragraphs]
        return "\n\n".join(out)

    return wrap_text
