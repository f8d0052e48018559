"""Regular expressions compiled on first use (start-up time).

A one-file run (pre-commit) pays for every pattern compiled at import or while the options
are built, used or not; ``LazyPattern`` compiles on first use instead, once, and then costs
nothing more: the compiled pattern's methods are stored on the instance, where they shadow
the class's methods, so later calls go straight to ``re``. The source may be a function that
builds the pattern text (large character classes), called only then. User patterns are still
compiled (validated) when the configuration is read; only patterns built from them wait.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

# an inline group that sets flags for the whole pattern ("(?i)"); a scoped one ("(?i:") does not.
# Given to ``re.search`` as text (compiled there, once, on the first ``flags`` asked of an
# uncompiled pattern that holds "(?"): most runs never ask, and compiling it at import cost
# every one-file run.
_GLOBAL_FLAGS = r"\(\?[aiLmsux]+\)"
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)``; compiles on the first use."""

    def __init__(self, pattern: str | Callable[[], str], flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            source = self._source
            compiled = re.compile(source if isinstance(source, str) else source(), self._flags)
            for name in _METHODS:  # instance attributes shadow the methods below from now on
                self.__dict__[name] = getattr(compiled, name)
            self._compiled = compiled
        return self._compiled

    @property
    def pattern(self) -> str:
        source = self._source
        return source if isinstance(source, str) else self.compiled().pattern

    @property
    def flags(self) -> int:
        """As ``re`` would have them, without compiling when the text sets no global flag: a
        gate or prefilter built from the pattern's source then leaves it uncompiled."""
        source = self._source
        if self._compiled is None and isinstance(source, str) and not (
                "(?" in source and re.search(_GLOBAL_FLAGS, source)):
            return self._flags | (0 if self._flags & re.ASCII else re.UNICODE)
        return self.compiled().flags

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str,
             count: int = 0) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)

    def __getstate__(self) -> dict[str, Any]:  # pickled (spawned workers) as its source only
        return {"_source": self._source, "_flags": self._flags, "_compiled": None}

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags})"


def char_class(chars: Iterable[str]) -> str:
    """The inside of a regex class matching exactly ``chars``: each character once, runs of
    three or more consecutive code points written as a range. The same set as every character
    escaped one by one, but a much shorter pattern: the tables of code-page characters the
    kinds build compile several times faster (start-up), and no character repeats."""
    points = sorted({ord(char) for char in chars})
    parts: list[str] = []
    start = 0
    while start < len(points):
        end = start
        while end + 1 < len(points) and points[end + 1] == points[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{re.escape(chr(points[start]))}-{re.escape(chr(points[end]))}")
        else:
            parts.extend(re.escape(chr(point)) for point in points[start:end + 1])
        start = end + 1
    return "".join(parts)
