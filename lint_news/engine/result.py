"""``FileResult``: the one shape a file's result has, from the engine to the output.

The fixer returns it, the runner completes it (problems, the fixed bytes), the application
compacts it for the cache and the worker pipes, and every output format reads it. It lives
in its own module, below the fixer and the runner, so that both can build it without one
importing the other.
"""

from __future__ import annotations

import os
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


class FileResult:
    """What happened to one file.

    Where the file was linted it holds the texts: ``document`` (the text the findings point
    into), ``original`` and ``fixed_bytes``. ``compact`` (app.parallel) turns it into what the
    report needs and a pipe can carry: the texts dropped, ``view`` (the lines the findings
    show) kept. ``changed``: the fix loop changed the text (``fixed_bytes`` are its bytes until
    then). ``non_converging``: the rules whose fixes kept changing the text (the file was left
    as it was); ``rolled_back``: the error rules the fixes would have made worse (likewise).

    A plain class, not a dataclass: nothing compares, copies or prints results field by field,
    and the code ``dataclass`` generates for eighteen fields (an ``__init__``, ``__repr__`` and
    ``__eq__`` compiled from source at every start-up) cost every run, cached or not, ~0.7 ms.
    The arguments are a dataclass's: the same names, order and defaults, fresh lists.
    """

    def __init__(self, path: str, document: Document | None = None, original: Document | None = None,
                 findings: list[Finding] | None = None, applied: list[AppliedFix] | None = None,
                 problems: list[FileProblem] | None = None, written: bool = False,
                 fixed_bytes: bytes | None = None, changed: bool = False, view: DocumentView | None = None,
                 diff: list[str] | None = None, size: int = 0, cached: bool = False,
                 key: str | None = None, read_stat: os.stat_result | None = None,
                 provenance: dict[str, Any] | None = None, non_converging: tuple[str, ...] = (),
                 rolled_back: tuple[str, ...] = ()) -> None:
        self.path = path
        self.document = document
        self.original = original
        self.findings: list[Finding] = [] if findings is None else findings
        self.applied: list[AppliedFix] = [] if applied is None else applied
        self.problems: list[FileProblem] = [] if problems is None else problems
        self.written = written
        self.fixed_bytes = fixed_bytes
        self.changed = changed
        self.view = view
        self.diff = diff
        self.size = size
        self.cached = cached
        # the cache entry holding these results, and the file's fstat taken just before the bytes
        # behind them were read: what the stat index records (app.cache.StatIndex)
        self.key = key
        self.read_stat = read_stat
        # --provenance: the fix record of a written file (app/corpus/provenance.py)
        self.provenance = provenance
        self.non_converging = non_converging
        self.rolled_back = rolled_back

    def __repr__(self) -> str:
        return (f"FileResult({self.path!r}, findings={len(self.findings)}, problems={len(self.problems)}, "
                f"changed={self.changed}, written={self.written}, cached={self.cached})")

    @property
    def converged(self) -> bool:
        """The fix loop reached a fixed point (a loop that did not names its rules)."""
        return not self.non_converging
