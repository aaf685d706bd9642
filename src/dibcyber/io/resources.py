"""Where the built-in data lives: inside the installed wheel (``dibcyber/_data``) or, in a source
checkout and an editable install, in the repository's top-level folders."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def data_dir(name: str) -> Path:
    """The built-in ``controls``, ``profiles`` or ``templates`` folder."""
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise RuntimeError(f"dibcyber is installed without its '{name}' folder; reinstall the package")
