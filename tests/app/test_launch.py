"""The command's entry point loads the CLI with the cyclic collector paused (app/launch.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
    sys.exit(launch.run())
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


# ----- leaving without the interpreter's teardown ---------------------------------------------
_LEAVE = """
import atexit, sys
atexit.register(lambda: print("teardown ran"))
sys.argv = ["lint-news", "--isolated", "--no-cache", *{args!r}]
from lint_news.app.launch import main
main()
print("main returned")
"""


def _launch(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _LEAVE.format(args=args)], capture_output=True,
                          text=True, cwd=cwd)


def test_the_command_leaves_without_teardown_with_its_status_and_all_its_output(tmp_path: Path) -> None:
    """``main`` never returns and skips the interpreter's exit work (``atexit`` here), yet
    every line of the report reaches the pipe and the status is the run's."""
    for index in range(40):
        (tmp_path / f"{index:03d}_x.txt").write_text(f"Title {index}\n\nTrailing space here. \n",
                                                     encoding="utf-8")
    done = _launch(["--select", "whitespace", "--output-format", "json", "."], tmp_path)
    assert done.returncode == 1, done.stderr
    assert "teardown ran" not in done.stdout and "main returned" not in done.stdout
    report = json.loads(done.stdout)
    assert len(report) == 40
    clean = _launch(["--select", "whitespace", "--exit-zero", "."], tmp_path)
    assert clean.returncode == 0 and clean.stdout.startswith("000_x.txt:")
    usage = _launch(["--no-such-option"], tmp_path)
    assert usage.returncode == 2 and "--no-such-option" in usage.stderr


def test_an_output_file_is_complete_when_the_command_leaves(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nTrailing space here. \n", encoding="utf-8")
    done = _launch(["--select", "whitespace", "--output-format", "sarif", "--output-file",
                    "out/report.sarif", "a.txt"], tmp_path)
    assert done.returncode == 1, done.stderr
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """Output piped into a command that stops reading (``| head -1``): the command ends
    with no traceback, as before it left without teardown."""
    for index in range(1500):  # a report larger than a pipe's buffer: the pipe breaks
        (tmp_path / f"{index:04d}_x.txt").write_text("Title\n\nTrailing space here. \n", encoding="utf-8")
    with subprocess.Popen([sys.executable, "-m", "lint_news", "--isolated", "--no-cache",
                           "--select", "whitespace", "."], cwd=tmp_path, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.readline()
        child.stdout.close()
        status = child.wait(timeout=60)
        errors = child.stderr.read().decode()
    assert "Traceback" not in errors
    assert status in (1, 120), (status, errors)


def test_under_a_profiler_the_normal_exit_runs(tmp_path: Path) -> None:
    """``python -m cProfile -m lint_news`` and coverage write their results at exit: with a
    profile or trace function set, the command exits normally (``atexit`` runs)."""
    (tmp_path / "a.txt").write_text("Title\n\nTrailing space here. \n", encoding="utf-8")
    script = _LEAVE.format(args=["--select", "whitespace", "a.txt"]).replace(
        "from lint_news.app.launch import main",
        "sys.setprofile(lambda *_: None)\nfrom lint_news.app.launch import main")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "teardown ran" in done.stdout and "main returned" not in done.stdout
    profile = tmp_path / "run.prof"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "lint_news",
                           "--isolated", "--no-cache", "--select", "whitespace", "a.txt"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert "Found 1 finding" in done.stdout and profile.stat().st_size > 0
