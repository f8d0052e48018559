"""One file through the pipeline: read, decode, lint, fix, write. Also the public API.

``lint_text`` and ``fix_text`` are what library users (and the datatrove step) call; the
CLI calls ``process_file`` for each path. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Config, load_config
from ..core.document import Document
from ..core.errors import FileProblem
from ..core.model import Finding
from .linter import RuleCrash, lint_document

if TYPE_CHECKING:  # the fixer is imported when a fix is asked for (start-up time)
    from .fixer import AppliedFix


@dataclass
class FileResult:
    """What happened to one file; ``document`` is the text the findings point into."""

    path: str
    document: Document | None = None
    original: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    applied: list[AppliedFix] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    written: bool = False
    fixed_bytes: bytes | None = None

    @property
    def changed(self) -> bool:
        return self.fixed_bytes is not None


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
