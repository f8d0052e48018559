"""Errors that stop a run with exit status 2, each saying exactly where the problem is."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from .lazy import lazy_module

if TYPE_CHECKING:
    import difflib
else:  # only on the way to an error
    difflib = lazy_module("difflib")


class LintNewsError(Exception):
    """Base class: a problem the user must fix before lint-news can run."""


class ConfigError(LintNewsError):
    """A configuration or rule file is wrong; the message names file, line and key."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.detail = message
        where = display_path(path) if path else "<config>"
        if line is not None:
            where += f":{line}"
        prefix = f"{where}: " if path or line is not None else ""
        keypart = f"{key}: " if key else ""
        super().__init__(f"{prefix}{keypart}{message}")


def display_path(path: str) -> str:
    """A path below the working directory is shown relative to it, as linters print paths."""
    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


class FileProblem(NamedTuple):
    """Something about one file the run reports beside the findings.

    ``level`` says what it means for the run: an ``"error"`` (it could not be read or
    written) makes the run exit 2; a ``"warning"`` is a fix left unwritten on purpose (the
    file changed while being fixed, a link out of the project), which makes the run exit 1
    even with ``--exit-zero``, since the run did not do all it was asked; a ``"note"`` only
    informs (the fix gave a hard-linked name its own copy).

    A named tuple, not a frozen dataclass: as immutable, and a fifth of the cost to define
    (every run defines it at start-up).
    """

    path: str
    message: str
    level: str = "error"


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``known`` to a misspelt ``value``, or ""
    (for unknown rule ids, option names and config keys alike)."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def as_yaml(value: object) -> str:
    """A config value as the YAML that gave it, for a message about that file: ``null``,
    ``true``, a quoted string, a number, "a list", "a mapping" (Python's ``None`` or
    ``True`` named what the user never wrote: "must be error, warning or info, not None")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)
