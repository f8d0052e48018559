"""Render a run's results: one module per format, and the table that names them.

A format is a module with ``write(out, results, settings)``; it reads the engine's
``FileResult`` (its ``path``, ``findings`` and compact ``view``) directly. A new format is
a new module here and a row in ``_TABLE``. Each is imported when its format is asked for.
The JSON and SARIF shapes are contracts other tools rely on (README "Output formats").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from ...core.lazy import lazy_module
from .base import Palette, Settings
from .escape import terminal_safe

if TYPE_CHECKING:
    from ...engine.result import FileResult
    from . import concise, full, github, gitlab, json_report, junit, sarif, statistics
else:
    concise = lazy_module("lint_news.app.output.concise")
    full = lazy_module("lint_news.app.output.full")
    github = lazy_module("lint_news.app.output.github")
    gitlab = lazy_module("lint_news.app.output.gitlab")
    json_report = lazy_module("lint_news.app.output.json_report")
    junit = lazy_module("lint_news.app.output.junit")
    sarif = lazy_module("lint_news.app.output.sarif")
    statistics = lazy_module("lint_news.app.output.statistics")

__all__ = ["FORMATS", "Palette", "Settings", "terminal_safe", "write", "write_statistics"]

# --output-format NAME -> the module that writes it (in the order the help lists them)
_TABLE = {
    "full": full,
    "concise": concise,
    "json": json_report,
    "github": github,
    "sarif": sarif,
    "junit": junit,
    "gitlab": gitlab,
}
FORMATS = tuple(_TABLE)


def write(out: TextIO, fmt: str, results: Iterable[FileResult], settings: Settings) -> None:
    """The report of ``results`` in format ``fmt`` (one of ``FORMATS``)."""
    _TABLE[fmt].write(out, results, settings)


def write_statistics(out: TextIO, fmt: str, results: Iterable[FileResult]) -> None:
    """``--statistics``: counts per rule, as JSON with ``--output-format json``, else text."""
    if fmt == "json":
        statistics.write_json(out, results)
    else:
        statistics.write(out, results)
