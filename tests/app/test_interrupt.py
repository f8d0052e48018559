"""Interrupting ``--fix`` never truncates a file: every file is either old or new.

``files.write_atomic`` writes a temporary file in the same folder, fsyncs it and renames it
over the original, holding SIGINT, SIGTERM and SIGHUP meanwhile: a signal that arrives during
a write takes effect right after it, the run unwinds and exits 130/143, and no temporary file
is left. A ``kill -9`` cannot be held, so it may leave a ``.lint-news-*.tmp`` file behind,
but the seed itself is still old or new.

Three kinds of test:

- deterministic, in-process: a signal arrives in the middle of a write (from ``fsync``) and
  takes effect once that file is complete;
- deterministic, subprocess: the process is SIGKILLed while a write is paused after the
  temporary file is complete but before the rename;
- random kills of a real ``lint-news --fix`` run over many files, at random moments while it
  writes (more of them under ``pytest -m fuzz``), with one worker and with several; a hang
  (the parent blocked after the kill) fails the test after two minutes.
"""

from __future__ import annotations

import collections
import contextlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import lint_news.app.files as files
from lint_news.app.cli import main
from lint_news.config import load_config
from lint_news.engine.runner import process_bytes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ARGS = ["--isolated", "--select", "whitespace", "--no-cache", "-q", "--output-format", "concise"]


def dirty_text(index: int, lines: int) -> str:
    rng = random.Random(index)
    body = []
    for n in range(lines):
        words = " ".join(rng.choice(["Hà", "Nội", "news", "the", "market", "rose", "2024"])
                         for _ in range(rng.randint(5, 14)))
        body.append(words + (" " * rng.randint(0, 3)) + "\n")
        if n % 7 == 6:
            body.append("\n")
    return f"Title {index}\n\n" + "".join(body)


def make_corpus(folder: Path, count: int, lines: int) -> dict[Path, tuple[bytes, bytes]]:
    """``count`` dirty seeds; returns path -> (old bytes, fixed bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = load_config(isolated=True, select=["whitespace"])
    expected = {}
    for index in range(count):
        path = folder / f"seed-{index:04d}.txt"
        raw = dirty_text(index, lines).encode("utf-8")
        path.write_bytes(raw)
        fixed = process_bytes(raw, str(path), config, fix=True).fixed_bytes
        assert fixed is not None and fixed != raw
        expected[path] = (raw, fixed)
    return expected


def check_old_or_new(expected: dict[Path, tuple[bytes, bytes]]) -> tuple[int, int]:
    """Every file is byte-identical to its old or its new content; returns (old, new) counts."""
    old = new = 0
    for path, (before, after) in expected.items():
        data = path.read_bytes()
        if data == before:
            old += 1
        elif data == after:
            new += 1
        else:
            pytest.fail(f"{path.name}: neither old nor new ({len(data)} bytes; old {len(before)}, "
                        f"new {len(after)})")
    return old, new


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".lint-news-*.tmp"))


# ----- deterministic, in-process --------------------------------------------------------------
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_during_a_write_stops_the_run_after_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int, status: int
) -> None:
    expected = make_corpus(tmp_path / "seeds", 5, 20)
    monkeypatch.chdir(tmp_path)
    real_fsync = os.fsync
    calls = []

    def fsync_then_signal(fd: int) -> None:
        real_fsync(fd)
        calls.append(fd)
        if len(calls) == 3:  # the signal arrives while the third file is being written
            os.kill(os.getpid(), signum)

    monkeypatch.setattr(files.os, "fsync", fsync_then_signal)
    previous = signal.getsignal(signal.SIGTERM)
    err = io.StringIO()
    code = main([*ARGS, "--jobs", "1", "--fix", "seeds"], stdout=io.StringIO(), stderr=err)
    assert code == status
    assert "interrupted" in err.getvalue()
    assert signal.getsignal(signal.SIGTERM) == previous  # handler restored
    old, new = check_old_or_new(expected)
    assert (old, new) == (2, 3)  # the third write completed, then the run stopped
    assert temp_files(tmp_path / "seeds") == []


# ----- deterministic, kill -9 mid-write --------------------------------------------------------
PAUSED_WRITER = textwrap.dedent("""\
    import os, sys, time
    import lint_news.app.files as files
    real_replace = os.replace
    count = 0
    def paused_replace(src, dst, **kwargs):
        global count
        count += 1
        if count == 3:  # third file: temporary file complete, rename not done yet
            open(sys.argv[1], "w").close()
            time.sleep(60)
        real_replace(src, dst, **kwargs)
    files.os.replace = paused_replace
    from lint_news.app.cli import main
    sys.exit(main(sys.argv[2:]))
""")


def test_kill_9_between_temp_write_and_rename(tmp_path: Path) -> None:
    expected = make_corpus(tmp_path / "seeds", 5, 20)
    marker = tmp_path / "paused"
    proc = subprocess.Popen(
        [sys.executable, "-c", PAUSED_WRITER, str(marker), *ARGS, "--jobs", "1", "--fix", "seeds"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "lint-news ended before the paused write"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        proc.kill()
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert check_old_or_new(expected) == (3, 2)
    leftovers = temp_files(tmp_path / "seeds")
    assert len(leftovers) == 1  # a crash cannot clean up; the seed is intact
    assert leftovers[0].read_bytes() in {after for _, after in expected.values()}


# ----- random kills of a real run ---------------------------------------------------------------
def _fix_command(jobs: int) -> list[str]:
    return [sys.executable, "-m", "lint_news", *ARGS, "--jobs", str(jobs), "--fix", "seeds"]


def kill_runs(tmp_path: Path, kills: int, jobs: int, count: int = 120, lines: int = 300,
              seed: int = 9, statuses: list[int] | None = None) -> list[tuple[str, int, int, int]]:
    """Kill ``kills`` runs at random moments; return (signal, old, new, temp files) per kill
    (and each run's exit status in ``statuses``)."""
    rng = random.Random(seed)
    template = tmp_path / "template"
    by_name = {path.name: pair for path, pair in make_corpus(template / "seeds", count, lines).items()}

    def fresh(workdir: Path) -> dict[Path, tuple[bytes, bytes]]:
        shutil.copytree(template, workdir)
        return {workdir / "seeds" / name: pair for name, pair in by_name.items()}

    calibrate = tmp_path / "calibrate"
    fresh(calibrate)
    started = time.monotonic()
    done = subprocess.run(_fix_command(jobs), cwd=calibrate, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=300, check=False)
    full = time.monotonic() - started
    assert done.returncode == 1, done.stderr  # it fixed files: kills can land while it writes
    shutil.rmtree(calibrate)
    signals = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]
    outcomes = []
    for attempt in range(kills):
        workdir = tmp_path / f"run-{attempt}"
        expected = fresh(workdir)
        signum = signals[attempt % len(signals)]
        proc = subprocess.Popen(_fix_command(jobs), cwd=workdir, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(rng.uniform(0.3, 0.95) * full)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signum)  # the whole group, as a terminal or CI runner does
        try:
            _, stderr = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:  # a hang: leave no process behind, then fail
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
        old, new = check_old_or_new(expected)
        leftovers = temp_files(workdir / "seeds")
        if signum != signal.SIGKILL:
            assert leftovers == [], (signum, stderr)
            assert proc.returncode in (0, 1, 130, 143, -signum), (proc.returncode, stderr)
        outcomes.append((signal.Signals(signum).name, old, new, len(leftovers)))
        if statuses is not None:
            statuses.append(proc.returncode)
        shutil.rmtree(workdir)
    return outcomes


@pytest.mark.parametrize("jobs", [1, 2])
def test_random_kills_never_truncate(tmp_path: Path, jobs: int) -> None:
    outcomes = kill_runs(tmp_path, kills=3, jobs=jobs)  # one SIGKILL, one SIGTERM, one SIGINT
    # the kills must have landed while files were being written, or the test proves nothing
    assert any(0 < new < old + new for _, old, new, _ in outcomes), outcomes


@pytest.mark.fuzz
@pytest.mark.parametrize("jobs", [1, 2])
def test_random_kills_never_truncate_long(tmp_path: Path, jobs: int, request: pytest.FixtureRequest) -> None:
    markexpr = request.config.option.markexpr or ""
    if "fuzz" not in markexpr or "not fuzz" in markexpr:
        pytest.skip("long run: select it with 'pytest -m fuzz'")
    kills = int(os.environ.get("LINT_NEWS_FUZZ_KILLS", "30"))
    statuses: list[int] = []
    started = time.monotonic()
    outcomes = kill_runs(tmp_path, kills=kills, jobs=jobs, seed=kills, statuses=statuses)
    mid = sum(1 for _, old, new, _ in outcomes if 0 < new < old + new)
    files_checked = sum(old + new for _, old, new, _ in outcomes)
    print(f"\n{kills} kills (jobs={jobs}), {mid} mid-run, {files_checked} files checked, "
          f"{sum(t for *_, t in outcomes)} temp files left by SIGKILL, 0 truncated, 0 hangs; "
          f"exit statuses {dict(sorted(collections.Counter(statuses).items()))}; "
          f"{time.monotonic() - started:.0f} s")
    assert mid > 0
