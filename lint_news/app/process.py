"""One file from the disk through the engine and back: read, lint, fix, write.

The engine (``engine.runner.process_bytes``) takes bytes and gives one ``FileResult``; this is
the part that touches the file, so that only the application layer reads and writes seeds.
"""

from __future__ import annotations

import os
from functools import lru_cache

from ..config import Config
from ..core.errors import FileProblem
from ..engine.linter import lint_document
from ..engine.runner import FileResult, process_bytes
from .files import project_root, read_file, write_atomic


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
            result.fixed_bytes, result.changed = None, False
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

