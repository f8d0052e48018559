"""One file through the pipeline: read, decode, lint, fix, write. Also the public API.

``lint_text`` and ``fix_text`` are what library users (and the datatrove step) call; the
CLI calls ``process_file`` for each path. Nothing here prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..config import Config, load_config
from ..core.document import Document
from ..core.errors import FileProblem
from ..core.model import Finding
from .linter import RuleCrash, lint_document
from .view import DocumentView

if TYPE_CHECKING:  # the fixer is imported when a fix is asked for (start-up time)
    from .fixer import AppliedFix


@dataclass
class FileResult:
    """What happened to one file: the one shape a file's result has, from the engine to the
    report, the cache and the worker pipes.

    Where the file was linted it holds the texts: ``document`` (the text the findings point
    into), ``original`` and ``fixed_bytes``. ``compact`` turns it into what the report needs
    and a pipe can carry: the texts dropped, ``view`` (the lines the findings show) kept.
    ``changed``: the fix loop changed the text (``fixed_bytes`` are its bytes until then).
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


def process_bytes(
    raw: bytes,
    path: str,
    config: Config,
    *,
    fix: bool = False,
    unsafe: bool = False,
) -> FileResult:
    """Lint (and with ``fix`` repair in memory) the content of one file."""
    doc = Document.from_bytes(raw, path, config.structure)
    result = FileResult(path, doc, doc)
    try:
        if not fix:
            result.findings = lint_document(doc, config)
            return result
        from .fixer import fix_document

        outcome = fix_document(doc, config, unsafe=unsafe)
    except RuleCrash as exc:
        result.problems.append(_crash_problem(path, exc))
        return result
    result.document = outcome.document
    result.findings = outcome.findings
    if not outcome.converged:
        rules = ", ".join(outcome.non_converging) or "unknown"
        result.problems.append(
            FileProblem(path, f"fixes did not converge (rules: {rules}); file left unchanged")
        )
        return result
    if outcome.rolled_back:
        rules = ", ".join(outcome.rolled_back)
        # Not a crash (ruff reverts such a fix the same way): the file keeps its findings,
        # which are reported, and the run exits 1, not 2 (a warning: not everything was fixed).
        result.problems.append(FileProblem(
            path, f"fixes rolled back: they would add findings of error rule(s) {rules}; file left "
            "unchanged", "warning"))
        return result
    if outcome.changed and outcome.document.text != doc.text:
        if outcome.document.undecodable:
            result.problems.append(
                FileProblem(path, "not written: the file still has bytes that are not UTF-8")
            )
            result.document, result.findings = doc, lint_document(doc, config)
            return result
        result.applied = outcome.applied
        result.fixed_bytes = outcome.document.text.encode("utf-8")
        result.changed = True
    return result


def _crash_problem(path: str, exc: RuleCrash) -> FileProblem:
    cause = exc.__cause__
    if isinstance(cause, TimeoutError):
        return FileProblem(path, f"rule {exc.rule!r} exceeded its time limit: {cause}; "
                                 "its findings for this file are missing")
    return FileProblem(path, f"internal error: {exc}")


# ----- public API ------------------------------------------------------------------------
def lint_text(text: str, config: Config | None = None, path: str = "<text>") -> list[Finding]:
    """Findings for ``text`` (offsets into ``text``) under ``config`` (default: built-ins)."""
    config = config or load_config(isolated=True)
    doc = Document(path, text, structure=config.structure)
    return lint_document(doc, config)


def fix_text(text: str, config: Config | None = None, *, unsafe: bool = False) -> str:
    """``text`` with every applicable fix applied, to a fixed point."""
    config = config or load_config(isolated=True)
    doc = Document("<text>", text, structure=config.structure)
    from .fixer import fix_document

    outcome = fix_document(doc, config, unsafe=unsafe)
    return outcome.document.text
