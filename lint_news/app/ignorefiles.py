"""``.gitignore`` and ``.ignore`` files, honoured while folders are walked (``respect-gitignore``).

As in ruff and ripgrep: a ``.gitignore`` counts inside a git work tree only (a folder with
``.git`` at or above it), a ``.ignore`` file everywhere; the files of the folders above the
walked one count too, up to the work tree's top; a deeper file overrides a shallower one
(its ``!`` lines re-include). Files named on the command line are linted whatever these say,
as in ruff: only ``exclude`` applies to them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from ..config.globs import IGNORE_FILES, PathSpec, read_ignore_file
from ..core.memo import git_top


class IgnoreFiles:
    """The ignore files that apply below one walked folder, deepest last."""

    def __init__(self, root: str) -> None:
        top = os.path.abspath(root)
        self.git = git_top(top) is not None
        self.specs: list[tuple[str, PathSpec]] = []
        self._folder: tuple[str, list[tuple[str, PathSpec]], int] = ("", [], 0)
        ancestors = []
        stop = git_top(top)
        current = os.path.dirname(top)
        while stop is not None and len(current) >= len(stop):
            ancestors.append(current)
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for folder in reversed(ancestors):
            self._read(folder, IGNORE_FILES)

    def _read(self, folder: str, names: tuple[str, ...] | list[str]) -> None:
        for name in IGNORE_FILES:
            if name in names and (name != ".gitignore" or self.git):
                spec = read_ignore_file(os.path.join(folder, name))
                if spec is not None:
                    self.specs.append((folder, spec))

    def enter(self, folder: str, filenames: list[str]) -> None:
        """Take in the ignore files among a walked folder's ``filenames``."""
        if ".gitignore" in filenames or ".ignore" in filenames:
            self._read(os.path.abspath(folder), filenames)

    def file_filter(self, folder: str) -> Callable[[str], bool] | None:
        """Whether a file ``name`` of the walked ``folder`` is ignored, as ``ignored`` says,
        worked out once for the folder: None when no ignore file can ignore a file there.
        Without ``!`` patterns a match in any applicable file decides, so each file costs
        one regex match per file that has file patterns, and nothing else."""
        if not self.specs:
            return None
        names: list[Callable[[str], re.Match[str] | None]] = []
        paths: list[tuple[str, Callable[[str], re.Match[str] | None]]] = []
        for prefix, spec in self._applicable(folder):
            regexes = spec.file_regexes()
            if regexes is None:  # a "!" pattern: the deepest deciding file wins
                return lambda name: self.ignored(folder, name, False)
            by_name, by_path = regexes
            if by_name is not None:
                names.append(by_name.fullmatch)
            if by_path is not None:
                paths.append((prefix, by_path.match))
        if not names and not paths:
            return None
        if len(names) == 1 and not paths:
            fullmatch = names[0]
            return lambda name: fullmatch(name) is not None
        return lambda name: (any(fullmatch(name) is not None for fullmatch in names)
                             or any(match(prefix + name) is not None for prefix, match in paths))

    def ignored(self, folder: str, name: str, is_dir: bool) -> bool:
        """Whether ``name`` in the walked ``folder`` is ignored."""
        if not self.specs:
            return False
        if self._folder[0] != folder or self._folder[2] != len(self.specs):
            self._folder = (folder, self._applicable(folder), len(self.specs))  # once per folder
        tail = name + "/" if is_dir else name
        for prefix, spec in self._folder[1]:
            decided = spec.decide(prefix + tail, own=True)
            if decided is not None:
                return decided
        return False

    def _applicable(self, folder: str) -> list[tuple[str, PathSpec]]:
        """The specs that apply in ``folder``, deepest first, each with the folder's path
        relative to the spec's base ("/"-separated, ending in "/" unless empty)."""
        absolute = os.path.abspath(folder)
        found = []
        for base, spec in reversed(self.specs):
            if absolute == base:
                found.append(("", spec))
            elif absolute.startswith(base + os.sep):
                relative = absolute[len(base) + 1:]
                if os.sep != "/":  # pragma: no cover - Windows
                    relative = relative.replace(os.sep, "/")
                found.append((relative + "/", spec))
        return found
