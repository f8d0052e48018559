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
from ..text.regex.lazy import LazyPattern

if TYPE_CHECKING:
    from pathspec.patterns.gitignore import spec as gitignore
else:  # a few milliseconds of start-up: only for a pattern _plain_translation leaves to it
    gitignore = lazy_module("pathspec.patterns.gitignore.spec")

_DIR_MARK = "ps_d"  # pathspec's group: the pattern matched a folder above the path
NOTHING = "(?!)"  # the file regex of patterns that name folders only
_ANY_FOLDER = "^(?:.+/)?"  # pathspec's start of a pattern without a "/": in any folder


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
        plain = _plain_translation(pattern)
        if plain is not None:
            out.append(plain)
            continue
        try:
            source, include = gitignore.GitIgnoreSpecPattern.pattern_to_regex(pattern)
        except ValueError as exc:  # pathspec's GitIgnorePatternError is a ValueError
            raise PatternError(pattern, str(exc).split(":")[0].lower() or "invalid") from None
        if source is None or include is None:
            raise PatternError(pattern, "not a gitignore pattern")
        source = _literal_set_syntax(source)
        try:
            re.compile(source)
        except re.error as exc:
            raise PatternError(pattern, str(exc)) from None
        out.append((source, bool(include)))
    return out


def _literal_set_syntax(source: str) -> str:
    """``source`` with every "[" inside a class, and the first of a doubled "&", "~" or "|"
    there, escaped: the same sets, but ``re`` no longer reads them as a possible nested set or
    set operation. Why: pathspec copies a glob's class as it is, so ``[[]*`` (a name that
    starts with "[", in git's meaning) made ``re`` print a FutureWarning at every run, and
    would change meaning once ``re`` reads nested sets. (A doubled "-" is left: escaping it
    would turn a range into literals.)"""
    out: list[str] = []
    index, end, in_class = 0, len(source), False
    while index < end:
        char = source[index]
        if char == "\\":
            out.append(source[index:index + 2])
            index += 2
            continue
        index += 1
        if not in_class:
            out.append(char)
            if char == "[":
                in_class = True
                for opening in "^]":  # "[^" negates; a "]" first is a literal
                    if source.startswith(opening, index):
                        out.append(opening)
                        index += 1
        elif char == "]":
            out.append(char)
            in_class = False
        elif char == "[" or (char in "&~|" and source.startswith(char, index)):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


# compiled on first use: a run whose patterns are all ``KNOWN`` (the default excludes) needs none
_PLAIN = LazyPattern(r"[\w .*?/!-]+")  # no "\\" escapes, no "[...]" classes, no "#" comment


def _plain_translation(pattern: str) -> tuple[str, bool] | None:
    """pathspec's translation (``GitIgnoreSpecPattern.pattern_to_regex``, pathspec 1.x) of a
    pattern made of names, "/", "*", "?" and a leading "!" (a per-file-ignores entry, most
    ignore-file lines), written out here so that a run that translates only such patterns
    (``--no-cache`` with per-file-ignores) does not import pathspec; None for any other
    pattern, and for those pathspec rejects or reads specially, which pathspec then handles.
    tests/config/test_globs.py checks the two agree."""
    text = pattern.rstrip()
    if _PLAIN.fullmatch(text) is None or text.startswith("#") or text == "/":
        return None
    include = not text.startswith("!")
    if not include:
        text = text[1:]
        if "!" in text:
            return None
    elif "!" in text:
        return None
    segments = text.split("/")
    is_dir = not segments[-1]
    if not segments[0]:
        del segments[0]
    elif (len(segments) == 1 or (len(segments) == 2 and not segments[1])) and segments[0] != "**":
        segments.insert(0, "**")
    if not segments:
        return None  # pathspec: "normalized to nothing"
    if not segments[-1]:
        segments[-1] = "**"
    for index in range(len(segments) - 1, 0, -1):
        if segments[index - 1] == "**" and segments[index] == "**":
            del segments[index]
    folder = f"(?P<{_DIR_MARK}>/)"
    if segments in (["**"], ["**", "*", "**"]):
        return (folder if is_dir else "." if segments == ["**"] else "/"), include
    if segments == ["**", "*"]:
        return ".", include
    parts: list[str] = []
    need_slash = False
    end = len(segments) - 1
    for index, segment in enumerate(segments):
        if segment == "**":
            if index == 0:
                parts.append("^(?:.+/)?")
            elif index < end:
                parts.append("(?:/.+)?")
                need_slash = True
            else:
                parts.append(folder if is_dir else "/")
            continue
        if index == 0:
            parts.append("^")
        if need_slash:
            parts.append("/")
        if segment == "*":
            parts.append("[^/]+")
        else:
            parts.append("".join("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char)
                                 for char in segment))
        if index == end:
            parts.append(f"(?:{folder}|$)")
        need_slash = True
    return "".join(parts), include


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
    if all(_plain_translation(p) is not None or not p.strip() or p.strip().startswith("#")
           for p in patterns):
        return _translate(patterns)  # no pathspec: as cheap as reading the memo
    where = memo.folder("globs")
    if where is None:
        return _translate(patterns)
    parts = (p.encode("utf-8", "surrogateescape") for p in patterns)
    path = os.path.join(where, memo.key(b"globs-2", *parts))  # 2: _literal_set_syntax
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

    __slots__ = ("_any", "_compiled", "_own_files", "_own_sources", "_sources", "patterns")

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        # (regex source, include) per pattern; each compiled only when ``decide`` must try
        # the patterns one by one (a "!" pattern, a folder of a walk): the one regex below
        # answers a file, so a one-file run compiles no pattern twice
        sources = [item for item in _translated(self.patterns) if item is not None]
        self._sources = sources
        self._compiled: list[tuple[re.Pattern[str], bool]] | None = None
        # no "!" pattern: any match decides, and one regex answers
        self._any = (re.compile("|".join(f"(?:{source})".replace(f"?P<{_DIR_MARK}>", "?:")
                                         for source, _ in sources))
                     if sources and all(inc for _, inc in sources) else None)
        self._own_sources: list[tuple[str, str | None]] = []  # file regexes, and their last part
        self._own_files = self._files_regex(sources)

    @property
    def _patterns(self) -> list[tuple[re.Pattern[str], bool]]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = [(re.compile(source), include) for source, include in self._sources]
        return compiled

    def _files_regex(self, translated: list[tuple[str, bool]]) -> re.Pattern[str] | None:
        """One regex for ``decide(file, own=True)`` when no pattern is a ``!`` one: each
        pattern without its "or a folder above" branch (a walk asks this for every file)."""
        if not all(include for _, include in translated):
            return None
        sources: list[tuple[str, str | None]] = []
        either = f"(?:(?P<{_DIR_MARK}>/)|$)"
        for source, _ in translated:
            if source.endswith(either):
                head = source[: -len(either)]
                segment = head[len(_ANY_FOLDER):] if head.startswith(_ANY_FOLDER) else None
                sources.append((head + "$", segment))
            elif source.endswith(f"(?P<{_DIR_MARK}>/)"):
                continue  # names folders only: never a file itself
            elif _DIR_MARK in source:
                return None  # a shape not known here: the pattern-by-pattern path
            else:
                sources.append((source, None))
        self._own_sources = sources
        return re.compile("|".join(f"(?:{s})" for s, _ in sources) if sources else NOTHING)

    def file_regexes(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
        """What answers ``decide(file, own=True)`` (a match: True, else None) without the
        pattern-by-pattern path: (a regex to fullmatch against the file's name alone, a regex
        to match against its path), either None when no pattern is of its sort; None when a
        ``!`` pattern or an unusual shape needs that path.

        A pattern with no "/" (``*.py[cod]``) matches a path when it matches its last part:
        pathspec's ``^(?:.+/)?X$``, where ``X`` can never match a "/", is that and nothing
        more; matched against the name alone it skips scanning the folders before it."""
        if self._own_files is None:
            return None
        names, paths = [], []
        for source, segment in self._own_sources:
            if segment is not None and _name_only(segment):
                names.append(segment)
            else:
                paths.append(source)
        return (re.compile("|".join(f"(?:{s})" for s in names)) if names else None,
                re.compile("|".join(f"(?:{s})" for s in paths)) if paths else None)

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


def _name_only(segment: str) -> bool:
    """Whether pathspec's regex for one path part can never match a "/": left when ``[^/]``
    (its ``*`` and ``?``), escaped literals and plain classes (``[cod]``: no range, no
    negation) are taken out, it holds no "/", no other class (``[!a]`` and ``[+-0]`` match
    "/"), no group and no "." wildcard."""
    rest = _PLAIN_CLASS.sub("", _ESCAPED.sub("", segment.replace("[^/]", "")))
    return not any(char in rest for char in "/[(.")


_ESCAPED = LazyPattern(r"\\.", re.DOTALL)
_PLAIN_CLASS = LazyPattern(r"\[[^\]^\-/\\]+\]")


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
    return spec if spec._sources else None
