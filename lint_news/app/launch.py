"""The ``lint-news`` command and ``python -m lint_news``: the command line's modules load
with the cyclic garbage collector paused, and the process leaves without tearing the
interpreter down.

Why: importing the CLI creates tens of thousands of objects that live to the end of the run
(modules, classes, the functions ``dataclasses`` generates, compiled option tables) and frees
almost none, so the twenty-odd collections those allocations trigger walk them for nothing:
about 3 ms of the 35-40 ms import, paid by every one-file run (pre-commit). ``cli.main``
pauses the collector again for the rest of start-up and resumes it after the first file;
this covers the imports before it. Code that imports ``lint_news.app.cli`` itself (tests,
an embedding tool) is not touched.

Why leave at once (``os._exit``, as mypy does by default, its ``--fast-exit``): at a normal
exit the interpreter frees every module, class, compiled pattern, word list and memo one by
one, 8-13 ms of a one-file run (a tenth of it, measured side by side) for memory the system
takes back anyway. Nothing is left to do by then: every file the run writes is written and
closed under ``with`` before ``cli.main`` returns, worker processes are joined, and
lint-news registers no ``atexit`` work; the standard streams are flushed here. The normal
exit still runs when a flush fails (output piped into a command that stopped reading), and
under a profiler, a coverage tracer or a debugger (``python -m cProfile -m lint_news``), which
write their results at exit.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from ..core.lazy import lazy_module

if TYPE_CHECKING:
    from . import cli
else:
    cli = lazy_module("lint_news.app.cli")


def main() -> NoReturn:
    """The console script's entry point."""
    leave(run())


def run() -> int:
    """``cli.main()``, its modules imported with the collector paused."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        run = cli.main  # the first attribute access imports the CLI, collector paused
    finally:
        if collecting:
            gc.enable()
    return run()


def leave(status: int) -> NoReturn:
    """Exit with ``status`` now, the standard streams flushed, without the interpreter's
    teardown (see the module's docstring)."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        raise SystemExit(status)  # a tracer or profiler writes its results at exit
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # (a closed pipe...): the normal exit, which reports it as before
        raise SystemExit(status) from None
    os._exit(status)
