"""What every format module shares: the results it reads, the report's settings, colour."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from ...core.model import Severity
from .escape import terminal_safe

if TYPE_CHECKING:
    from ...config import Config
    from ...core.model import Finding
    from ...engine.result import FileResult
    from ...engine.view import DocumentView


class Palette:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


SEVERITY_COLOUR = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}


class Settings(NamedTuple):
    """How a report is written, beside the results: colour and fixes for the terminal
    formats, the run's config for SARIF's rule table (each format reads what it needs; only
    SARIF asks for ``config.rules``, which a warm run never has to build). (A named tuple:
    immutable, and cheaper than a frozen dataclass to define at every start-up.)"""

    colour: Palette = Palette(False)  # never changed: one is shared
    show_fixes: bool = False
    config: Config | None = None


def reported(results: Iterable[FileResult]) -> Iterator[tuple[FileResult, DocumentView]]:
    """Each result that has something to report, with its view (the lines and positions
    its findings need); a file that could not be read has none and is left out."""
    for result in results:
        if result.view is not None:
            yield result, result.view


class Escaped(dict[str, str]):
    """``terminal_safe`` of each text asked for, worked out once: the terminal formats show the
    same few thousand messages over a corpus (a warm-cache run is mostly the report)."""

    def __missing__(self, text: str) -> str:
        shown = self[text] = terminal_safe(text)
        return shown


def shown_files(results: Iterable[FileResult], colour: Palette
                ) -> Iterator[tuple[str, DocumentView, list[Finding]]]:
    """The terminal formats' loop: each file with findings, as its path is shown (escaped, in
    bold), its view and its findings."""
    for result, doc in reported(results):
        if result.findings:
            yield colour(terminal_safe(result.path), "1"), doc, result.findings
