"""Errors that stop a run with exit status 2, each saying exactly where the problem is."""

from __future__ import annotations


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
        where = path or "<config>"
        if line is not None:
            where += f":{line}"
        prefix = f"{where}: " if path or line is not None else ""
        keypart = f"{key}: " if key else ""
        super().__init__(f"{prefix}{keypart}{message}")
