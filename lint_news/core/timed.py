"""Regular expressions from the user's configuration in the options of built-in kinds.

Built-in kinds (boilerplate, duplicate-block, seo-spam) take regex-valued options, such as
``counters`` or ``separator-lines``. Their built-in values are vetted by the test suite and run
with ``re`` as before. A value the user supplies (in a config's ``rules:`` section, or with
``extend-<option>``) gets what the ``pattern`` kind gives its patterns:

- at load time, each such pattern is tried against adversarial probe strings
  (``kinds.pattern.slow_pattern``): one that backtracks catastrophically ("(a+)+$") is a
  config error that points at the option (``options.check_regexes``);
- at run time, each compiled attribute of the options built from such a pattern is a
  ``TimedPattern``: the same methods, run by the ``regex`` package with a timeout, against a
  budget of ``RunContext.regex_budget`` seconds per rule and file that ``linter.lint_document`` starts
  for every rule. Running out raises ``OptionTimeout`` (a ``TimeoutError``), which the runner
  reports as a problem of that file (rule, option and time limit; exit status 2) while the other
  files are still checked.

This module imports nothing heavy: the ``regex`` package is imported only when a user value
is compiled.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .context import current
from .lazy import lazy_module

if TYPE_CHECKING:
    import regex
else:  # only a user's regex option needs it
    regex = lazy_module("regex")


def _regex_flags(flags: int) -> int:
    """re's flags as the regex package's, in its version 0 (re's syntax and behaviour). The
    bits differ: re.ASCII (256) is regex.VERSION1, which would change what a pattern means."""
    pairs = ((re.IGNORECASE, regex.IGNORECASE), (re.MULTILINE, regex.MULTILINE),
             (re.DOTALL, regex.DOTALL), (re.VERBOSE, regex.VERBOSE), (re.ASCII, regex.ASCII),
             (re.UNICODE, regex.UNICODE))
    result = regex.VERSION0
    for re_flag, regex_flag in pairs:
        if flags & re_flag:
            result |= regex_flag
    return int(result)


class OptionTimeout(TimeoutError):
    """A user-supplied regular expression option used up its rule's time on one file."""


class TimedPattern:
    """A compiled user pattern with the methods of ``re.Pattern`` the kinds call, matched by
    the ``regex`` package against the current budget (the run context's ``deadline``)."""

    __slots__ = ("_regex", "flags", "keys", "pattern")

    def __init__(self, pattern: str, flags: int, keys: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.flags = flags  # re's flags, as the kinds compiled the pattern
        self.keys = keys  # the options whose user values are in this pattern
        self._regex = regex.compile(pattern, _regex_flags(flags))

    def __reduce__(self) -> tuple[Any, ...]:  # pickled to spawned workers: compile again there
        return (TimedPattern, (self.pattern, self.flags, self.keys))

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern!r}, keys={self.keys!r})"

    @property
    def groups(self) -> int:
        return int(self._regex.groups)

    @property
    def groupindex(self) -> Any:
        return self._regex.groupindex

    def _remaining(self) -> float:
        run = current()
        deadline = run.deadline
        if deadline is None:  # outside lint_document: each call gets the whole budget
            return run.regex_budget
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout()
        return remaining

    def _timeout(self) -> OptionTimeout:
        options = " and ".join(f"'{key}'" for key in self.keys)
        plural = "s" if len(self.keys) > 1 else ""
        return OptionTimeout(
            f"matching the regular expression{plural} of option{plural} {options} from the "
            f"configuration took longer than {current().regex_budget:g}s on this file; it probably "
            "backtracks catastrophically (nested quantifiers such as '(a+)+' or overlapping "
            "alternatives): rewrite it"
        )

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        timeout = self._remaining()
        try:
            return getattr(self._regex, method)(*args, timeout=timeout, **kwargs)
        except TimeoutError:
            raise self._timeout() from None

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("match", string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("fullmatch", string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._call("search", string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        return list(self._call("findall", string, pos, endpos))

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        matches = self._call("finditer", string, pos, endpos)
        while True:
            try:
                match = next(matches)
            except StopIteration:
                return
            except TimeoutError:
                raise self._timeout() from None
            yield match
            self._remaining()  # the budget is checked between matches too

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return str(self._call("sub", repl, string, count))

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        text, number = self._call("subn", repl, string, count)
        return str(text), int(number)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        return list(self._call("split", string, maxsplit))
