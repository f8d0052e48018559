"""The ``lint-news`` command and ``python -m lint_news``: the command line's modules load
with the cyclic garbage collector paused.

Why: importing the CLI creates tens of thousands of objects that live to the end of the run
(modules, classes, the functions ``dataclasses`` generates, compiled option tables) and frees
almost none, so the twenty-odd collections those allocations trigger walk them for nothing:
about 3 ms of the 35-40 ms import, paid by every one-file run (pre-commit). ``cli.main``
pauses the collector again for the rest of start-up and resumes it after the first file;
this covers the imports before it. Code that imports ``lint_news.app.cli`` itself (tests,
an embedding tool) is not touched.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from ..core.lazy import lazy_module

if TYPE_CHECKING:
    from . import cli
else:
    cli = lazy_module("lint_news.app.cli")


def main() -> int:
    collecting = gc.isenabled()
    gc.disable()
    try:
        run = cli.main  # the first attribute access imports the CLI, collector paused
    finally:
        if collecting:
            gc.enable()
    return run()
