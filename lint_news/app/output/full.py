"""``--output-format full`` (the default): each finding with its source line and a caret
under the span, in terminal cells."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, TextIO

from ...core.lazy import lazy_module
from ...core.model import Severity
from ...text.regex.lazy import LazyPattern
from .base import SEVERITY_COLOUR, Escaped, Settings, shown_files
from .escape import terminal_safe

if TYPE_CHECKING:
    import wcwidth

    from ...engine.result import FileResult
else:  # only a line with characters other than ASCII needs it
    wcwidth = lazy_module("wcwidth")


def write(out: TextIO, results: Iterable[FileResult], settings: Settings) -> None:
    """Each finding with its source line and a caret under the span. A file's report is
    built as one string and written once, and rule labels and messages are escaped once per
    run (a warm-cache run over a corpus is mostly this)."""
    colour, show_fixes = settings.colour, settings.show_fixes
    severities = {severity: colour(severity.label, SEVERITY_COLOUR[severity]) for severity in Severity}
    rules: dict[str, str] = {}
    messages = Escaped()
    for shown_path, doc, findings in shown_files(results, colour):
        show_source = bool(doc.lines) and not doc.binary
        parts: list[str] = []
        for finding in findings:
            row, column = doc.position(finding.start)
            rule = rules.get(finding.rule)
            if rule is None:
                rule = rules[finding.rule] = colour(finding.rule, "1")
            parts.append(f"{shown_path}:{row}:{column}: {rule} [{severities[finding.severity]}] "
                         f"{messages[finding.message]}\n")
            if show_source:
                end_row, end_column = doc.position(finding.end)
                line = doc.lines[row - 1]
                end_col = end_column if end_row == row else len(line.text) + 1
                snippet, caret_start, caret_len = _window(line.text, column - 1, max(end_col - column, 1))
                pad = " " * len(str(row))
                marker = colour("^" * caret_len, SEVERITY_COLOUR[finding.severity])
                parts.append(f"{pad} |\n{colour(str(row), '34')} | {snippet}\n"
                             f"{pad} | {' ' * caret_start}{marker}\n")
            if finding.fix:
                tag = "fix" if finding.fix.applicability.value == "safe" else "unsafe fix"
                parts.append(f"  = {tag}: {terminal_safe(finding.fix.message)}\n")
                if show_fixes:
                    for edit in finding.fix.edits:
                        r, c = doc.position(edit.start)
                        old = doc.text[edit.start : edit.end]
                        parts.append(f"      at {r}:{c} replace {old!r} with {edit.content!r}\n")
            parts.append("\n")
        out.write("".join(parts))


def _window(text: str, start: int, length: int, width: int = 100) -> tuple[str, int, int]:
    """Cut a long line to about ``width`` characters around the span, escape control
    characters, and return (shown text, caret column, caret length) in display cells, so the
    caret stays under the span even when escapes or wide characters come before it."""
    left, right = 0, len(text)
    if len(text) > width:
        left = max(0, start - width // 3)
        right = min(len(text), max(start + length, left + width))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    before = prefix + terminal_safe(text[left:start])
    marked = terminal_safe(text[start:min(start + length, right)])
    shown = before + marked + terminal_safe(text[min(start + length, right):right]) + suffix
    return shown, _display_width(before), max(_display_width(marked), 1)


_NON_ASCII = LazyPattern("[^\x00-\x7f]")


def _display_width(text: str) -> int:
    """Terminal cells: 0 for a combining mark, 2 for a wide or full-width character, else 1.

    Every ASCII character takes one cell, so only the other characters are looked at (each
    once per run: ``_extra_cells`` is cached)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_extra_cells, _NON_ASCII.findall(text)))


@lru_cache(maxsize=4096)
def _extra_cells(char: str) -> int:
    """Cells ``char`` takes beyond one, as terminals count them (wcwidth: combining marks and
    zero-width characters 0, East Asian wide 2; a control character, escaped anyway, 1)."""
    cells = wcwidth.wcwidth(char)
    return max(cells, 0) - 1 if cells >= 0 else 0
