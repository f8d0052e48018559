"""What the command line shares with its subcommands: exit statuses, and an argparse that
reports a usage error as exit status 2 without printing to the real stderr."""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise _Exit(status)


class _UsageError(Exception):
    pass


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _selected(value: str) -> list[str]:
    """``--select``'s rule ids: at least one. An empty list would run no rule and report "All
    checks passed", which a CI gate given ``--select "$RULES"`` with an unset variable must
    not do."""
    ids = _ids(value)
    if not ids:
        raise argparse.ArgumentTypeError("no rule id given")
    return ids


def _jobs(value: str) -> int | None:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (automatic) or more")
    return number or None
