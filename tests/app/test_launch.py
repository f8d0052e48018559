"""The command's entry point loads the CLI with the cyclic collector paused (app/launch.py)."""

from __future__ import annotations

import subprocess
import sys

_WATCH = """
import gc, sys
during = []
def watch(phase, info):
    if phase == "start":  # a collection while the CLI module is being executed
        cli = sys.modules.get("lint_news.app.cli")
        during.append(cli is not None and not hasattr(cli, "main"))
gc.callbacks.append(watch)
{body}
print(sum(during), gc.isenabled())
"""

_THROUGH_THE_LAUNCHER = """
import lint_news.app.launch as launch
sys.argv = ["lint-news", "--version"]
try:
    launch.main()
except SystemExit:
    pass
"""


def _collections_during_import(body: str) -> tuple[int, bool]:
    done = subprocess.run([sys.executable, "-c", _WATCH.format(body=body)], capture_output=True,
                          text=True, check=True)
    count, enabled = done.stdout.split()[-2:]
    return int(count), enabled == "True"


def test_the_launcher_imports_the_cli_without_a_collection_and_turns_the_collector_back_on() -> None:
    assert _collections_during_import(_THROUGH_THE_LAUNCHER) == (0, True)


def test_a_plain_import_of_the_cli_does_collect() -> None:
    """The watch above can fail: imported directly, the CLI's modules trigger collections."""
    count, enabled = _collections_during_import("import lint_news.app.cli")
    assert count > 0 and enabled


def test_python_dash_m_runs_through_the_launcher() -> None:
    done = subprocess.run([sys.executable, "-m", "lint_news", "--version"], capture_output=True,
                          text=True)
    assert done.returncode == 0 and done.stdout.startswith("lint-news ")
