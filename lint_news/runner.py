"""One file through the pipeline: read, decode, lint, fix, write. Also the public API.

``lint_text`` and ``fix_text`` are what library users (and the datatrove step) call; the
CLI calls ``process_file`` for each path. Nothing here prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .config import Config, load_config
from .document import Document
from .files import FileProblem, project_root, read_file, write_atomic
from .linter import RuleCrash, lint_document
from .model import Finding

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
        result.problems.append(FileProblem(
            path, f"fixes rolled back: they would add findings of error rule(s) {rules}; file left unchanged"
        ))
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


def process_file(path: str, config: Config, *, fix: bool = False, unsafe: bool = False,
                 write: bool = True, raw: bytes | FileProblem | None = None,
                 read_stat: os.stat_result | None = None, follow_symlinks: bool = False) -> FileResult:
    """Read (unless the caller already has the bytes in ``raw``), lint, fix and write one file.

    The fix replaces the file only if it still holds the bytes that were read (``read_stat``
    is their fstat, taken by ``files.read_file``: callers passing ``raw`` pass it too), and,
    unless ``follow_symlinks``, only if no symbolic link leads it out of the project.
    """
    if raw is None:
        read = read_file(path, config.max_file_size)
        raw, read_stat = (read, None) if isinstance(read, FileProblem) else read
    if isinstance(raw, FileProblem):
        return FileResult(path, problems=[raw])
    result = process_bytes(raw, path, config, fix=fix, unsafe=unsafe)
    if result.fixed_bytes is not None and write:
        root = None if follow_symlinks else _project_root(config.path, config.root)
        problem = write_atomic(path, result.fixed_bytes, read_stat, original=raw, root=root)
        if problem is not None:  # nothing was fixed after all: report the file as it still is
            result.problems.append(problem)
            if result.original is not None:
                result.document, result.applied = result.original, []
                result.findings = lint_document(result.original, config)
            result.fixed_bytes = None
        else:
            result.written = True
            if read_stat is not None and read_stat.st_nlink > 1:
                others = read_stat.st_nlink - 1
                result.problems.append(FileProblem(
                    path, f"has {others} other hard link{'s' if others > 1 else ''}: the fix gave this "
                    "name its own copy, the other names keep the old text", "note"))
    return result


@lru_cache(maxsize=8)
def _project_root(config_path: str | None, root: str) -> str:
    return project_root(config_path, root)


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
