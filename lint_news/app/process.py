"""One file from the disk through the engine and back: read, lint, fix, write.

The engine (``engine.runner.process_bytes``) takes bytes and gives one ``FileResult``; this is
the part that touches the file, so that only the application layer reads and writes seeds.
"""

from __future__ import annotations

from ..config import Config
from ..core.errors import FileProblem
from ..engine.linter import lint_document
from ..engine.runner import FileResult, process_bytes
from .files import read_bytes, write_atomic


def process_file(path: str, config: Config, *, fix: bool = False, unsafe: bool = False,
                 write: bool = True, raw: bytes | FileProblem | None = None) -> FileResult:
    """Read (unless the caller already has the bytes in ``raw``), lint, fix and write one file."""
    if raw is None:
        raw = read_bytes(path, config.max_file_size)
    if isinstance(raw, FileProblem):
        return FileResult(path, problems=[raw])
    result = process_bytes(raw, path, config, fix=fix, unsafe=unsafe)
    if result.fixed_bytes is not None and write:
        problem = write_atomic(path, result.fixed_bytes)
        if problem is not None:  # nothing was fixed after all: report the file as it still is
            result.problems.append(problem)
            if result.original is not None:
                result.document, result.applied = result.original, []
                result.findings = lint_document(result.original, config)
            result.fixed_bytes = None
        else:
            result.written = True
    return result
