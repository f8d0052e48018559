"""``--output-format concise``: one line per finding (``path:row:column: rule message``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from ...core.model import Severity
from .base import SEVERITY_COLOUR, Escaped, Settings, shown_files
from .escape import terminal_safe

if TYPE_CHECKING:
    from ...engine.result import FileResult


def write(out: TextIO, results: Iterable[FileResult], settings: Settings) -> None:
    """One line per finding. A file's lines are written at once, and the rule labels and
    messages (the same few thousand over a corpus) are escaped once per run: a warm-cache
    run over a corpus is mostly this."""
    colour, show_fixes = settings.colour, settings.show_fixes
    labels: dict[tuple[str, Severity], str] = {}
    messages = Escaped()
    for shown_path, doc, findings in shown_files(results, colour):
        lines: list[str] = []
        for finding in findings:
            row, column = doc.position(finding.start)
            label = labels.get((finding.rule, finding.severity))
            if label is None:
                label = labels[finding.rule, finding.severity] = colour(
                    finding.rule, SEVERITY_COLOUR[finding.severity])
            fixable = " [*]" if finding.fix else ""
            lines.append(f"{shown_path}:{row}:{column}: {label}{fixable} {messages[finding.message]}\n")
            if show_fixes and finding.fix:
                how = finding.fix.applicability.value
                lines.append(f"    fix ({how}): {terminal_safe(finding.fix.message)}\n")
        out.write("".join(lines))
