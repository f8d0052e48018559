"""One file through the pipeline: read, decode, lint, fix, write. Also the public API.

``lint_text`` and ``fix_text`` are what library users (and the datatrove step) call; the
CLI calls ``process_file`` for each path. Nothing here prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Config, load_config
from ..core.document import Document
from ..core.errors import FileProblem
from ..core.lazy import lazy_module
from ..core.model import Finding
from .linter import RuleCrash, lint_document
from .result import FileResult

if TYPE_CHECKING:
    from . import fixer
else:  # only a fix needs the fixer (start-up time)
    fixer = lazy_module("lint_news.engine.fixer")

__all__ = ["FileResult", "fix_text", "lint_text", "process_bytes"]


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
    try:
        if not fix:
            return FileResult(path, doc, doc, lint_document(doc, config))
        result = fixer.fix_document(doc, config, unsafe=unsafe)
    except RuleCrash as exc:
        return FileResult(path, doc, doc, problems=[_crash_problem(path, exc)])
    result.path, result.original = path, doc
    if not result.converged:
        rules = ", ".join(result.non_converging)
        result.problems.append(
            FileProblem(path, f"fixes did not converge (rules: {rules}); file left unchanged")
        )
        return result
    if result.rolled_back:
        rules = ", ".join(result.rolled_back)
        # Not a crash (ruff reverts such a fix the same way): the file keeps its findings,
        # which are reported, and the run exits 1, not 2 (a warning: not everything was fixed).
        result.problems.append(FileProblem(
            path, f"fixes rolled back: they would add findings of error rule(s) {rules}; file left "
            "unchanged", "warning"))
        return result
    assert result.document is not None
    if not (result.changed and result.document.text != doc.text):
        result.applied, result.changed = [], False
    elif result.document.undecodable:
        result.problems.append(
            FileProblem(path, "not written: the file still has bytes that are not UTF-8")
        )
        result.document, result.findings = doc, lint_document(doc, config)
        result.applied, result.changed = [], False
    else:
        result.fixed_bytes = result.document.text.encode("utf-8")
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
    fixed = fixer.fix_document(doc, config, unsafe=unsafe).document
    assert fixed is not None
    return fixed.text
