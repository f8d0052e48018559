"""--jobs N: a worker process that dies (a crash, ``os._exit``, the out-of-memory killer's
SIGKILL, a SIGTERM to it alone) stops the run cleanly, never hangs it; the same with spawn."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lint_news.app import parallel
from lint_news.app.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

DIRTY = "Title line\n\nA body  line with a double space.\n"
ARGS = ["--isolated", "--select", "whitespace", "--no-cache", "--output-format", "concise"]

# Runs lint-news with process_path replaced, in the workers only, by one that does ``argv[1]``
# on the file named ``argv[2]``. Every file but the first goes to a worker (the parent lints
# none of the others), so that the file named is linted in a worker.
DYING_WORKER = textwrap.dedent("""\
    import os, signal, sys, time
    from lint_news.app import parallel
    real, parent = parallel.process_path, os.getpid()
    action, target = sys.argv[1], sys.argv[2]
    def dying(path, *args, **kwargs):
        if os.getpid() != parent and path.endswith(target):
            exec(action)
        return real(path, *args, **kwargs)
    parallel.process_path = dying
    parallel._LINTS_HERE = os.environ.get("LINTS_HERE") == "1"
    from lint_news.app.cli import main
    sys.exit(main(sys.argv[3:]))
""")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for index in range(60):
        (tmp_path / "corpus").mkdir(exist_ok=True)
        (tmp_path / "corpus" / f"{index:03d}.txt").write_text(DIRTY, encoding="utf-8")
    return tmp_path


def run_dying(folder: Path, action: str, *extra: str, target: str = "040.txt",
              lints_here: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DYING_WORKER, action, target, *ARGS, "--jobs", "2", *extra, "corpus"],
        cwd=folder, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "LINTS_HERE": "1" if lints_here else "0"},
    )


@pytest.mark.parametrize(("action", "how"), [
    ("os._exit(3)", "exit status 3"),
    ("os.kill(os.getpid(), signal.SIGKILL)", "killed by SIGKILL, perhaps by the out-of-memory killer"),
    ("os.kill(os.getpid(), signal.SIGSEGV)", "killed by SIGSEGV"),
])
def test_a_worker_that_dies_stops_the_run_with_exit_2(corpus: Path, action: str, how: str) -> None:
    done = run_dying(corpus, action)
    assert done.returncode == 2, done.stderr
    assert f"lint-news: error: a worker process died ({how}) while linting corpus/040.txt;" in done.stderr
    assert "Traceback" not in done.stderr
    # what is printed stays in input order: only files before the one the worker died on
    reported = {line.split(":")[0] for line in done.stdout.splitlines() if line.startswith("corpus/")}
    assert all(name < "corpus/040.txt" for name in reported)


def test_a_worker_dies_while_the_parent_lints_its_own_share(corpus: Path) -> None:
    """The parent lints files too and looks at the worker only between two of them: a worker
    that dies then is still noticed, and the run stops with exit 2 (every file the worker
    lints makes it die here, so it dies on its first)."""
    done = run_dying(corpus, "os._exit(3)", target=".txt", lints_here=True)
    assert done.returncode == 2, done.stderr
    assert "lint-news: error: a worker process died (exit status 3) while linting corpus/" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_worker_that_dies_during_fix_leaves_files_old_or_new(corpus: Path) -> None:
    done = run_dying(corpus, "os.kill(os.getpid(), signal.SIGKILL)", "--fix")
    assert done.returncode == 2, done.stderr
    fixed = "Title line\n\nA body line with a double space.\n"
    contents = [p.read_text(encoding="utf-8") for p in sorted((corpus / "corpus").glob("*.txt"))]
    assert set(contents) <= {DIRTY, fixed}  # each file whole: old or new (which ones, timing decides)
    assert contents[40] == DIRTY


def test_a_worker_terminated_alone_stops_the_run_as_terminated(corpus: Path) -> None:
    done = run_dying(corpus, "os.kill(os.getpid(), signal.SIGTERM)")
    assert done.returncode == 143, done.stderr
    assert "interrupted" in done.stderr


def test_an_exception_in_a_worker_reaches_the_parent(corpus: Path) -> None:
    done = run_dying(corpus, "raise RuntimeError('boom in a worker')")
    assert done.returncode == 1
    assert "RuntimeError: boom in a worker" in done.stderr


def test_spawned_workers_print_what_one_process_prints(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where fork is unavailable (macOS, Windows) the workers are spawned: same report."""
    import multiprocessing

    monkeypatch.chdir(corpus)
    outputs = []
    for jobs in ("1", "2"):
        out = io.StringIO()
        assert main([*ARGS, "--jobs", jobs, "corpus"], stdout=out, stderr=io.StringIO()) == 1
        outputs.append(out.getvalue())
        monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") == 62


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="procps ps --ppid")
def test_workers_end_soon_when_the_parent_is_killed(corpus: Path) -> None:
    """kill -9 of the parent (the OOM killer's other choice): no worker keeps running."""
    import time

    proc = subprocess.Popen(
        [sys.executable, "-c", DYING_WORKER, "time.sleep(0.05)", ".txt", *ARGS, "--jobs", "2", "corpus"],
        cwd=corpus, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "LINTS_HERE": "0"},
    )
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            listed = subprocess.run(["ps", "--ppid", str(proc.pid), "-o", "pid="], capture_output=True,
                                    text=True, check=False).stdout
            workers = [int(pid) for pid in listed.split()]
        assert len(workers) == 2
        time.sleep(0.3)  # in the middle of their chunks
    finally:
        proc.kill()
        proc.wait(30)
    deadline = time.monotonic() + 10
    while workers and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = [pid for pid in workers if _running(pid)]
    assert workers == []


def _running(pid: int) -> bool:
    state = subprocess.run(["ps", "-p", str(pid), "-o", "stat="], capture_output=True, text=True,
                           check=False).stdout.strip()
    return state not in ("", "Z") and not state.startswith("Z")
