"""``FileResult``: the one shape a file's result has, from the engine to the output.

The fixer returns it, the runner completes it (problems, the fixed bytes), the application
compacts it for the cache and the worker pipes, and every output format reads it. It lives
in its own module, below the fixer and the runner, so that both can build it without one
importing the other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ..core.model import Applicability, Edit, Finding

if TYPE_CHECKING:
    from ..core.document import Document
    from ..core.errors import FileProblem
    from .view import DocumentView


class AppliedFix(NamedTuple):
    """A fix that was applied, in the text of the pass that applied it (replayable). (A named
    tuple: immutable, and cheaper than a frozen dataclass to define at every start-up.)"""

    rule: str
    message: str
    applicability: Applicability
    edits: tuple[Edit, ...]
    pass_number: int


@dataclass(eq=False, repr=False)  # never compared or printed: fewer methods compiled at import
class FileResult:
    """What happened to one file.

    Where the file was linted it holds the texts: ``document`` (the text the findings point
    into), ``original`` and ``fixed_bytes``. ``compact`` (app.parallel) turns it into what the
    report needs and a pipe can carry: the texts dropped, ``view`` (the lines the findings
    show) kept. ``changed``: the fix loop changed the text (``fixed_bytes`` are its bytes until
    then). ``non_converging``: the rules whose fixes kept changing the text (the file was left
    as it was); ``rolled_back``: the error rules the fixes would have made worse (likewise).
    """

    path: str
    document: Document | None = None
    original: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    applied: list[AppliedFix] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    written: bool = False
    fixed_bytes: bytes | None = None
    changed: bool = False
    view: DocumentView | None = None
    diff: list[str] | None = None
    size: int = 0
    cached: bool = False
    # the cache entry holding these results, and the file's fstat taken just before the bytes
    # behind them were read: what the stat index records (app.cache.StatIndex)
    key: str | None = None
    read_stat: os.stat_result | None = None
    # --provenance: the fix record of a written file (app/corpus/provenance.py)
    provenance: dict[str, Any] | None = None
    non_converging: tuple[str, ...] = ()
    rolled_back: tuple[str, ...] = ()

    @property
    def converged(self) -> bool:
        """The fix loop reached a fixed point (a loop that did not names its rules)."""
        return not self.non_converging
