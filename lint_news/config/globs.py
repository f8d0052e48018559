"""Path patterns with gitignore's meaning: ``exclude``, ``per-file-ignores``, ``.gitignore``.

Users know one glob language already, git's, and pathspec implements it (``[ib]*``, ``**``,
a leading "/" anchoring, a trailing "/" for folders, ``!`` re-including); a hand-written
engine had drifted from it (brackets worked in folder names only, ``!`` was ignored).

pathspec (with its typing_extensions and pathlib imports) costs a few milliseconds of every
run's start-up, so it turns patterns into regular expressions once and the memo keeps them
(``core/memo.py``, beside the results cache): a warm run matches with ``re`` alone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core import memo
from ..core.errors import ConfigError
from ..core.lazy import lazy_module

if TYPE_CHECKING:
    from pathspec.patterns.gitignore import spec as gitignore_spec
else:  # only for patterns the memo does not know yet
    gitignore_spec = lazy_module("pathspec.patterns.gitignore.spec")

_DIR_MARK = "ps_d"  # pathspec's group: the pattern matched a folder above the path


class PatternError(ValueError):
    """A pattern pathspec cannot read (``"\\"``, a lone ``"!"``, an unclosed ``"["``)."""

    def __init__(self, pattern: str, reason: str) -> None:
        super().__init__(f"cannot parse pattern {pattern!r}: {reason}")
        self.pattern = pattern


def _translate(patterns: Sequence[str]) -> list[tuple[str, bool] | None]:
    """Each pattern as (regex source, include) with gitignore's meaning; None for a blank
    line or a comment. Raises PatternError."""
    out: list[tuple[str, bool] | None] = []
    for pattern in patterns:
        stripped = pattern.strip()
        if not stripped or stripped.startswith("#"):
            out.append(None)
            continue
        try:
            source, include = gitignore_spec.GitIgnoreSpecPattern.pattern_to_regex(pattern)
        except ValueError as exc:  # pathspec's GitIgnorePatternError is a ValueError
            raise PatternError(pattern, str(exc).split(":")[0].lower() or "invalid") from None
        if source is None or include is None:
            raise PatternError(pattern, "not a gitignore pattern")
        try:
            re.compile(source)
        except re.error as exc:
            raise PatternError(pattern, str(exc)) from None
        out.append((source, bool(include)))
    return out


# pathspec's translations of the default excludes (tests/config/test_repo.py checks them against
# pathspec): a run with no exclude of its own, or with --no-cache, never imports pathspec
KNOWN: dict[str, tuple[str, bool]] = {
    ".git/**": ("^\\.git/", True),
    ".venv/**": ("^\\.venv/", True),
    "**/node_modules/**": ("^(?:.+/)?node_modules/", True),
    ".lint-news-cache/**": ("^\\.lint\\-news\\-cache/", True),
}


def _translated(patterns: Sequence[str]) -> list[tuple[str, bool] | None]:
    """``_translate``, remembered in the memo when there is one."""
    if all(p in KNOWN for p in patterns):
        return [KNOWN[p] for p in patterns]
    where = memo.folder("globs")
    if where is None:
        return _translate(patterns)
    parts = (p.encode("utf-8", "surrogateescape") for p in patterns)
    path = os.path.join(where, memo.key(b"globs-1", *parts))
    stored = memo.read(path)
    if isinstance(stored, list) and len(stored) == len(patterns):
        return [(str(item[0]), bool(item[1])) if item is not None else None for item in stored]
    value = _translate(patterns)
    memo.write(path, [list(item) if item is not None else None for item in value])
    return value


class PathSpec:
    """A list of gitignore patterns, matched against "/"-separated relative paths (folders
    with a trailing "/"). The last matching pattern decides, except that, as in git, a file
    below an excluded folder cannot be re-included by a ``!`` pattern."""

    __slots__ = ("_any", "_own_files", "_patterns", "patterns")

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        compiled = [(re.compile(src), inc) for item in _translated(self.patterns) if item is not None
                    for src, inc in (item,)]
        self._patterns = compiled
        # no "!" pattern: any match decides, and one regex answers
        self._any = (re.compile("|".join(f"(?:{p.pattern})".replace(f"?P<{_DIR_MARK}>", "?:")
                                         for p, _ in compiled))
                     if compiled and all(inc for _, inc in compiled) else None)
        self._own_files = self._files_regex(compiled)

    @staticmethod
    def _files_regex(compiled: list[tuple[re.Pattern[str], bool]]) -> re.Pattern[str] | None:
        """One regex for ``decide(file, own=True)`` when no pattern is a ``!`` one: each
        pattern without its "or a folder above" branch (a walk asks this for every file)."""
        if not all(include for _, include in compiled):
            return None
        sources = []
        either = f"(?:(?P<{_DIR_MARK}>/)|$)"
        for regex, _ in compiled:
            source = regex.pattern
            if source.endswith(either):
                sources.append(source[: -len(either)] + "$")
            elif source.endswith(f"(?P<{_DIR_MARK}>/)"):
                continue  # names folders only: never a file itself
            elif _DIR_MARK in source:
                return None  # a shape not known here: the pattern-by-pattern path
            else:
                sources.append(source)
        return re.compile("|".join(f"(?:{s})" for s in sources) if sources else "(?!)")

    def __reduce__(self) -> tuple[type, tuple[tuple[str, ...]]]:
        return (PathSpec, (self.patterns,))

    def decide(self, path: str, own: bool = False) -> bool | None:
        """True (matched), False (re-included by a ``!`` pattern) or None (no pattern matched).

        ``own``: only patterns that name ``path`` itself count, not those that name a folder
        above it. A walk asks about each folder before it descends (so a folder it walks was
        not ignored), and the folder named on the command line, or one above it, is linted
        even when an ignore file names it, as in ripgrep and ruff."""
        if self._any is not None and not own:
            return True if self._any.match(path) is not None else None
        if own and self._own_files is not None and not path.endswith("/"):
            return True if self._own_files.match(path) is not None else None
        decided: bool | None = None
        priority = 0
        for regex, include in self._patterns:
            match = regex.match(path)
            if match is None:
                continue
            mark = match.groupdict().get(_DIR_MARK)
            if own and mark is not None and match.end(_DIR_MARK) != len(path):
                continue  # it names a folder above the path
            through_folder = bool(mark)
            rank = 1 if through_folder else 2
            if (include and through_folder) or rank >= priority:
                decided, priority = include, rank
        return decided

    def match(self, path: str) -> bool:
        return self.decide(path) is True


def compile_patterns(patterns: Sequence[str], source: str | None = None, key: str | None = None) -> PathSpec:
    """A PathSpec, or a ConfigError naming ``source`` and ``key`` for a pattern it cannot read."""
    try:
        return PathSpec(patterns)
    except PatternError as exc:
        raise ConfigError(str(exc), source, key=key) from None


def glob_match(pattern: str, path: str) -> bool:
    """Whether one gitignore pattern matches ``path`` (relative, "/"-separated). A ``!``
    pattern matches the paths the pattern after it does not (as in ruff's per-file-ignores)."""
    if pattern.startswith("!"):
        return not PathSpec([pattern[1:]]).match(path)
    return PathSpec([pattern]).match(path)


IGNORE_FILES = (".gitignore", ".ignore")


def read_ignore_file(path: str) -> PathSpec | None:
    """The patterns of a ``.gitignore``/``.ignore`` file; None when it cannot be read or holds
    none. A line pathspec cannot parse is skipped, as git skips it."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            lines = [line.rstrip("\r\n") for line in handle]
    except OSError:
        return None
    try:
        spec = PathSpec(lines)
    except PatternError:
        usable = []
        for line in lines:
            try:
                _translate([line])
            except PatternError:
                continue
            usable.append(line)
        spec = PathSpec(usable)
    return spec if spec._patterns else None
