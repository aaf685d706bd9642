"""The command line. Thin by design: each command parses options, calls one use case, prints, and
leaves errors to ``main``, which maps them to exit codes in one place.

A module per command group; ``base`` holds what they share. Importing this package registers every
command, in the order ``--help`` lists them.
"""

from dibcyber.cli import assess, catalog, ci, evidence, exchange, migrate, portfolio, start  # noqa: F401 - registers
from dibcyber.cli.base import app
from dibcyber.cli.main import main

__all__ = ["app", "main"]
