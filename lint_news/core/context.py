"""The run context: what a run settles once for every layer below it, in one place.

Two things reach deep into code that has no reason to take them as parameters: where derived
data is remembered between runs (``core.memo``: parsed YAML, word lists), and the time budget
of the current rule on the current file for the regular expressions the user wrote
(``core.timed``). They travel in one frozen ``RunContext`` held by a ``ContextVar``: the
application sets it for a run (``using``), the linter narrows it for each rule
(``rule_deadline``), and forked workers inherit it. Outside a run the default applies:
nothing remembered, and each user regex call gets the whole budget.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass

REGEX_BUDGET = 5.0  # seconds per rule and file for the user's regexes (as the ``pattern`` kind)


@dataclass(frozen=True, slots=True, repr=False)  # never printed; == and hash kept (app.run keys by it)
class RunContext:
    """``derived``: the folder of remembered derived data, or None (``--no-cache``, the
    library API). ``regex_budget``: seconds per rule and file for user regexes.
    ``deadline``: when the current rule's budget runs out (monotonic clock), or None."""

    derived: str | None = None
    regex_budget: float = REGEX_BUDGET
    deadline: float | None = None


_CURRENT: contextvars.ContextVar[RunContext] = contextvars.ContextVar("lint_news_run", default=RunContext())  # noqa: B039 - frozen


def current() -> RunContext:
    return _CURRENT.get()


@contextlib.contextmanager
def using(context: RunContext) -> Iterator[RunContext]:
    """Run the body under ``context``; the previous one is back afterwards."""
    token = _CURRENT.set(context)
    try:
        yield context
    finally:
        _CURRENT.reset(token)


def enter(context: RunContext) -> contextvars.Token[RunContext]:
    """``using`` without a ``with`` block, for a generator that sets ``context`` around each
    of its steps (a context must never span a ``yield``); give the token back to ``leave``."""
    return _CURRENT.set(context)


def leave(token: contextvars.Token[RunContext]) -> None:
    _CURRENT.reset(token)


def rule_deadline(deadline: float) -> contextvars.Token[RunContext]:
    """Start a rule's budget on a file; give the token back to ``end_rule``. (A token, not a
    ``with`` block: the linter sets one per rule and file on its hot path.)"""
    run = _CURRENT.get()  # built directly: dataclasses.replace costs ~6 µs, once per rule and file
    return _CURRENT.set(RunContext(run.derived, run.regex_budget, deadline))


def end_rule(token: contextvars.Token[RunContext]) -> None:
    _CURRENT.reset(token)
