"""``--output-format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from ...core.model import Severity
from .base import Settings, reported
from .escape import _GH_CONTROL, _GH_UNSAFE, escape_controls, valid_unicode

if TYPE_CHECKING:
    from ...engine.result import FileResult


def _gh_data(text: str) -> str:
    text = escape_controls(text, _GH_CONTROL, _GH_UNSAFE)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write(out: TextIO, results: Iterable[FileResult], settings: Settings | None = None) -> None:
    """GitHub Actions workflow commands: one annotation per finding. The file name, title and
    message are escaped (``escape_controls``, line breaks by the workflow-command encoding):
    the log shows them as text, and a line break in a name cannot start a command of its own."""
    for result, doc in reported(results):
        path = result.path
        for finding in result.findings:
            row, column = doc.position(finding.start)
            end_row, end_column = doc.position(finding.end)
            props = f"file={_gh_property(path)},line={row},endLine={end_row}"
            if row == end_row:
                props += f",col={column},endColumn={end_column}"
            props += f",title={_gh_property('lint-news ' + finding.rule)}"
            line = f"::{_GH_LEVEL[finding.severity]} {props}::{_gh_data(finding.message)}\n"
            out.write(valid_unicode(line))
