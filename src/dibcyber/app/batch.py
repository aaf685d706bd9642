"""Many answers files in one run: finding them, and working through them on every core.

Work runs in processes, not threads (scoring and WeasyPrint are CPU-bound Python). Each worker keeps
its own registry, so catalogs are loaded once per process. A file that fails never stops the others: its
error comes back as data, with the exit code it would have had on its own. Nothing but summary rows and
errors travel back to the parent, so memory does not grow with the results.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dibcyber.errors import DibcyberError, ExitCode, InvalidInputError, Msg, render
from dibcyber.models.base import Text
from dibcyber.models.portfolio import ReadProblem, Unreadable

ANSWERS_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx",)


def discover(specs: Iterable[str]) -> tuple[list[Path], list[Unreadable]]:
    """Answers files under folders (recursively), glob patterns or named files, each once, sorted.

    In folders, YAML files are taken only when they say ``format: dibcyber/answers@…`` near the top (a
    folder also holds catalogs, profiles, evidence locks, CI files), and workbooks only when they are
    questionnaires (not reports written there, not Excel's ``~$`` lock files); hidden folders are skipped.
    A file named explicitly is always taken.
    """
    found: dict[Path, None] = {}
    missing: list[Unreadable] = []
    for spec in specs:
        path = Path(spec)
        if any(c in spec for c in "*?["):
            matches = sorted(Path().glob(spec)) if not Path(spec).is_absolute() else [
                Path(m) for m in sorted(glob.glob(spec, recursive=True))]  # noqa: PTH207 - absolute patterns
            for m in matches:
                if m.is_file() and _wanted(m):
                    found.setdefault(m)
            if not matches:
                missing.append(_unreadable(spec, Msg("batch.no_match"), ExitCode.INVALID_INPUT))
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if _wanted(candidate):
                        found.setdefault(candidate)
        elif path.exists() or path.is_symlink():
            found.setdefault(path)
        else:
            missing.append(_unreadable(spec, Msg("batch.not_found"), ExitCode.INVALID_INPUT))
    return list(found), missing


def _wanted(path: Path) -> bool:
    name = path.name
    if name.startswith((".", "~$")):
        return False
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return _questionnaire(path)
    if suffix not in ANSWERS_SUFFIXES or name.endswith(".evidence-lock.yaml"):
        return False
    from dibcyber.io.safeio import read_head

    if _special(path):
        return False  # a FIFO, device or socket named *.yaml is never opened
    head = read_head(path, 4096)  # the one bounded reader: checks again on the open descriptor
    return head is None or b"dibcyber/answers@" in head  # unreadable: taken, for the reader to report


def _special(path: Path) -> bool:
    """A FIFO, device, socket or folder found in a folder: never opened, not an answers file."""
    import stat

    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False  # missing, a broken link, a loop: taken, for the reader to report


def _questionnaire(path: Path) -> bool:
    """Whether a workbook in a folder is a questionnaire (it has dibcyber's metadata sheet), not a report or
    another spreadsheet that happens to lie there. Only the small workbook part is read; anything odd is
    taken, for the reader to report."""
    from dibcyber.exchange.workbook import META_SHEET
    from dibcyber.io.safeio import read_head, zip_part_head

    if _special(path):
        return False  # a FIFO named *.xlsx is never opened
    if read_head(path, 2) is None:
        return True  # unreadable: let the reader report it
    part = zip_part_head(path, "xl/workbook.xml", 1_000_000)
    return part is None or f'name="{META_SHEET}"'.encode() in part


def _problem(message: Msg, hint: Msg | None = None, location: str | None = None) -> ReadProblem:
    """A problem as a portfolio keeps it: English in ``message``, both languages in ``text``."""
    return ReadProblem(message=render(message), location=location, hint=render(hint) or None,
                       text=Text(ja=render(message, "ja"), en=render(message)),
                       hint_text=Text(ja=render(hint, "ja"), en=render(hint)) if hint is not None else None)


def _unreadable(file: str, message: Msg, code: int, hint: Msg | None = None) -> Unreadable:
    return Unreadable(file=file, exit_code=code, problems=[_problem(message, hint)])


def unreadable_from(file: str, error: BaseException) -> Unreadable:
    if isinstance(error, InvalidInputError):
        shown = error.problems[: error.MAX_SHOWN]  # a hostile file can hold millions: the report keeps 100
        more = len(error.problems) - len(shown)
        return Unreadable(file=file, exit_code=int(error.exit_code), problems=[
            _problem(p.message, p.hint, p.location() or None) for p in shown] + (
            [_problem(Msg("portfolio.more_problems", more=more, kept=len(shown)))] if more > 0 else []))
    if isinstance(error, DibcyberError):
        return _unreadable(file, error.message, int(error.exit_code), error.hint)
    return _unreadable(file, Msg("portfolio.internal", kind=type(error).__name__), int(ExitCode.INTERNAL))


# --- loading one file, in whichever process -----------------------------------------------------------

_REGISTRY: Any = None


def _init(paths: list[str], encoding: str | None = None) -> None:
    global _REGISTRY  # noqa: PLW0603 - one registry per worker process, built once
    from dibcyber.io.encoding import set_input_encoding
    from dibcyber.io.registry import Registry

    set_input_encoding(encoding)  # a spawned worker (Windows) does not inherit the parent's choice
    _REGISTRY = Registry([Path(p) for p in paths])


def registry() -> Any:
    if _REGISTRY is None:
        _init([])
    return _REGISTRY


def load(path: Path) -> Any:
    """An answers file, or a questionnaire workbook read like ``import xlsx`` does."""
    from dibcyber.app import pipeline

    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from dibcyber.app import importing

        outcome = importing.fresh(registry(), path, force=False)
        return pipeline.load_answers(path, text=outcome.text, name=str(path))
    return pipeline.load_answers(path)


# --- running many -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    index: int
    file: str
    value: Any = None
    error: Unreadable | None = None


ProgressFn = Callable[["Outcome", int, int], None]
"""Told after each file: the outcome, how many are done, how many in all."""


def run(task: Callable[[Any], Any], files: list[Any], *, workers: int, paths: list[Path],
        progress: ProgressFn | None = None) -> Iterator[Outcome]:
    """``task(item)`` for every item (a file, or a tuple whose first element is the file), on ``workers``
    processes (1: in this process), in order. ``task`` must be picklable: a module-level function or a
    ``functools.partial`` of one."""
    total = len(files)
    from dibcyber.io.encoding import input_encoding

    encoding = input_encoding()
    if workers <= 1 or total < 2:
        _init([str(p) for p in paths], encoding)
        for i, f in enumerate(files):
            outcome = _call(task, i, f)
            if progress:
                progress(outcome, i + 1, total)
            yield outcome
        return
    chunk = max(1, min(32, total // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init,
                             initargs=([str(p) for p in paths], encoding)) as pool:
        for done, outcome in enumerate(pool.map(_call, [task] * total, range(total), files, chunksize=chunk), 1):
            if progress:
                progress(outcome, done, total)
            yield outcome


def _label(item: Any) -> str:
    return str(item[0] if isinstance(item, tuple) else item)


def _call(task: Callable[[Any], Any], index: int, file: Any) -> Outcome:
    try:
        return Outcome(index, _label(file), value=task(file))
    except KeyboardInterrupt:
        raise
    except Exception as e:  # one bad file never stops the batch; what went wrong travels back as data
        return Outcome(index, _label(file), error=unreadable_from(_label(file), e))


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


# --- output names -----------------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w.\-]+")


def output_names(files: list[Path], suffix: str) -> list[str]:
    """A distinct, safe file name for each input: its path below the inputs' common folder, with every
    separator and unsafe character made '_', never starting with a dot, short enough for any file system
    (in bytes), and numbered when two collide.
    Names carry no folder, so they cannot leave the output folder."""
    resolved = [f.resolve() for f in files]
    if len(resolved) > 1:
        common = Path(os.path.commonpath([str(p.parent) for p in resolved]))
    else:
        common = resolved[0].parent if resolved else Path()
    names: list[str] = []
    seen: set[str] = set()
    for p in resolved:
        rel = p.relative_to(common) if p.is_relative_to(common) else Path(p.name)
        stem = "_".join((*rel.parent.parts, rel.stem)) or "answers"
        base = _UNSAFE.sub("_", stem).lstrip("._-")[:120]
        while len(base.encode("utf-8")) > 180:  # file systems count bytes (255): Japanese takes 3 each
            base = base[:-1]
        base = base or "answers"
        name = f"{base}{suffix}"
        n = 1
        while name.lower() in seen:
            n += 1
            name = f"{base}-{n}{suffix}"
        seen.add(name.lower())
        names.append(name)
    return names


# --- the tasks ------------------------------------------------------------------------------------------


def portfolio_row(file: Path, *, profile: str | None) -> Any:
    """Read and score one answers file, keeping only its portfolio row."""
    from dibcyber.app import pipeline
    from dibcyber.engine import portfolio

    result = pipeline.assess(registry(), load(file), profile=profile)
    return portfolio.summarize(result, str(file))


def report_file(item: tuple[Path, Path], *, options: Any, profile: str | None, lang: Any) -> str:
    """Render one supplier's report to ``item[1]`` (written atomically); returns the file written."""
    from dataclasses import replace

    from dibcyber.app import pipeline
    from dibcyber.io.atomic import atomic_write
    from dibcyber.report import render

    file, target = item
    reg = registry()
    result = pipeline.assess(reg, load(file), profile=profile, lang=lang)
    atomic_write(target, render(result, replace(options, lang=result.language), reg.catalog(result.catalog)))
    return str(target)
