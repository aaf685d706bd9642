"""A progress line per file for commands that work through many (``report --batch``, ``portfolio``): a
bar on a terminal, one line per file otherwise, in the user's language."""

from __future__ import annotations

import sys
from typing import Any

from dibcyber import i18n
from dibcyber.errors import shown


class Progress:
    """Called by ``app.batch.run`` after each file."""

    def __init__(self, label: str, total: int, lang: str) -> None:
        self.total = total
        self.lang = lang
        self.bar: Any = None
        self.task: Any = None
        if sys.stderr.isatty() and total:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                transient=True)
            self.bar.start()
            self.task = self.bar.add_task(label, total=total)

    def __call__(self, outcome: Any, done: int, total: int) -> None:
        failed = None if outcome.error is None else outcome.error.problems[0].say(self.lang)
        if self.bar is not None:
            self.bar.advance(self.task)
            if failed is not None:
                self.bar.console.print(shown(i18n.text("progress_failed", self.lang, file=outcome.file,
                                                       message=failed)), markup=False)
            return
        target = f" -> {outcome.value}" if isinstance(outcome.value, str) else ""
        status = (i18n.text("progress_ok", self.lang) if failed is None
                  else i18n.text("progress_failed_short", self.lang, message=failed))
        sys.stderr.write(shown(f"[{done}/{total}] {outcome.file}{target} {status}") + "\n")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
