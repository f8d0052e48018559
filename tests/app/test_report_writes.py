"""A report that cannot be written (a full disk, an I/O error, standard output closed) ends the
run with one line naming it and exit status 2, in every format; ``--fix`` still fixes every
file. A reader that stops reading (``| head``) stays quiet (tests/app/test_launch.py)."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint_news.app.cli import main
from lint_news.app.output import FORMATS

DIRTY = "Tin  nhanh\nNgày 12/03/2024\n\nGiá  iPhone tại PetroVietnam giảm.\n"
FIXED = "Tin nhanh\nNgày 12/03/2024\n\nGiá iPhone tại PetroVietnam giảm.\n"
CLEAN = "Market update\nMarch 20, 2025\n\nGovTech shares rose after the report.\n"
ARGS = ["--no-cache", "--isolated", "--select", "whitespace", "-j1"]
FULL_DISK = "/dev/full"  # every write fails with ENOSPC (Linux)
needs_full_disk = pytest.mark.skipif(not os.path.exists(FULL_DISK), reason="no /dev/full here")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("FORCE_COLOR", "NO_COLOR", "LINT_NEWS_OUTPUT_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def _command(*args: str, cwd: Path, stdout: int | io.TextIOWrapper | None = subprocess.DEVNULL,
             closed_stdout: bool = False) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "lint_news", *ARGS, *args]
    if closed_stdout:  # the shell closes descriptor 1: Python starts with sys.stdout None
        argv = ["sh", "-c", '"$@" >&-', "sh", *argv]
        stdout = None
    return subprocess.run(argv, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120)


def _one_error_line(stderr: str, expected: str) -> None:
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("lint-news: error:")]
    assert errors == [expected], stderr


@needs_full_disk
@pytest.mark.parametrize("fmt", FORMATS)
def test_an_output_file_on_a_full_disk_is_an_error_in_every_format(project: Path, fmt: str) -> None:
    done = _command("--output-format", fmt, "--output-file", FULL_DISK, "a.txt", cwd=project)
    assert done.returncode == 2
    _one_error_line(done.stderr, f"lint-news: error: --output-file: cannot write {FULL_DISK}: "
                                 f"{os.strerror(errno.ENOSPC)}")


@needs_full_disk
@pytest.mark.parametrize("fmt", FORMATS)
def test_standard_output_on_a_full_disk_is_an_error_in_every_format(project: Path, fmt: str) -> None:
    with open(FULL_DISK, "w") as full:  # opened for writing, as a shell's "> /dev/full" does
        done = _command("--output-format", fmt, "a.txt", "clean.txt", cwd=project, stdout=full)
    assert done.returncode == 2
    _one_error_line(done.stderr, "lint-news: error: standard output: cannot write the report: "
                                 f"{os.strerror(errno.ENOSPC)}")


@needs_full_disk
@pytest.mark.parametrize("extra", ["--statistics", "--diff"])
def test_statistics_and_diff_on_a_full_disk_are_errors(project: Path, extra: str) -> None:
    with open(FULL_DISK, "w") as full:
        done = _command(extra, "a.txt", cwd=project, stdout=full)
    assert done.returncode == 2 and "cannot write the report" in done.stderr
    assert "Traceback" not in done.stderr
    assert (project / "a.txt").read_text(encoding="utf-8") == DIRTY  # --diff writes nothing


@needs_full_disk
def test_a_second_format_to_a_full_disk_is_an_error_after_the_first_is_written(project: Path) -> None:
    done = _command("--output-format", "concise", "--output-file", f"sarif:{FULL_DISK}", "a.txt",
                    cwd=project, stdout=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stdout.startswith("a.txt:1:4: whitespace")
    _one_error_line(done.stderr, f"lint-news: error: --output-file: cannot write {FULL_DISK}: "
                                 f"{os.strerror(errno.ENOSPC)}")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the descriptor")
@pytest.mark.parametrize("fmt", ["full", "json"])
def test_a_closed_standard_output_is_an_error(project: Path, fmt: str) -> None:
    done = _command("--output-format", fmt, "a.txt", cwd=project, closed_stdout=True)
    assert done.returncode == 2
    _one_error_line(done.stderr, "lint-news: error: standard output: cannot write the report: "
                                 f"{os.strerror(errno.EBADF)}")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the descriptor")
def test_a_clean_run_with_a_closed_standard_output_is_an_error_too(project: Path) -> None:
    """Nothing but the summary to write: still not written, still an error."""
    done = _command("clean.txt", cwd=project, closed_stdout=True)
    assert done.returncode == 2 and "cannot write the report" in done.stderr


@needs_full_disk
@pytest.mark.parametrize("where", ["stdout", "output-file"])
def test_fix_writes_every_file_although_the_report_cannot_be_written(project: Path, where: str) -> None:
    names = [f"{index:02d}.txt" for index in range(12)]
    for name in names:
        (project / name).write_text(DIRTY, encoding="utf-8")
    if where == "stdout":
        with open(FULL_DISK, "w") as full:
            done = _command("--fix", "--show-fixes", *names, cwd=project, stdout=full)
    else:
        done = _command("--fix", "--output-file", FULL_DISK, *names, cwd=project)
    assert done.returncode == 2
    assert all((project / name).read_text(encoding="utf-8") == FIXED for name in names)
    assert done.stderr.count("Fixing ") == len(names)  # the fixes are reported, on stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("lint-news: error: ")


class _FailingStream(io.StringIO):
    """A report's stream whose every write fails (an I/O error), counting the attempts."""

    def __init__(self) -> None:
        super().__init__()
        self.attempts = 0

    def write(self, text: str) -> int:
        self.attempts += 1
        raise OSError(errno.EIO, os.strerror(errno.EIO))


def test_a_failing_report_stops_the_run_at_the_first_failure(project: Path) -> None:
    for index in range(5):
        (project / f"{index}.txt").write_text(DIRTY, encoding="utf-8")
    out, err = _FailingStream(), io.StringIO()
    code = main([*ARGS, "--output-format", "concise", "."], stdout=out, stderr=err)
    assert code == 2 and out.attempts == 1
    assert err.getvalue() == ("lint-news: error: standard output: cannot write the report: "
                              f"{os.strerror(errno.EIO)}\n")


def test_a_report_that_is_written_is_unchanged(project: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main([*ARGS, "clean.txt"], stdout=out, stderr=err) == 0
    assert (out.getvalue(), err.getvalue()) == ("All checks passed (1 file).\n", "")
    out = io.StringIO()
    assert main([*ARGS, "--output-format", "concise", "a.txt"], stdout=out, stderr=err) == 1
    assert out.getvalue().startswith("a.txt:1:4: whitespace")


@pytest.mark.parametrize(("value", "message"), [
    ("json:", "--output-file: no file name after 'json:'"),
    ("a.txt/report.json", "--output-file: cannot write a.txt/report.json: Not a directory"),
    ("json:a.txt", "--output-file: a.txt is a file to lint; the report would overwrite it"),
    ("./a.txt", "--output-file: ./a.txt is a file to lint; the report would overwrite it"),
])
def test_an_output_file_that_cannot_be_meant_is_refused_before_anything_is_written(
        project: Path, value: str, message: str) -> None:
    """Found by a bug hunt: "json:" wrote a file named "json:", a path below a file said "File
    exists", and a report named like the seed being linted replaced the seed."""
    out, err = io.StringIO(), io.StringIO()
    code = main([*ARGS, "--output-file", value, "a.txt"], stdout=out, stderr=err)
    assert (code, out.getvalue()) == (2, "")
    message_written = err.getvalue()
    assert message_written == f"lint-news: error: {message}\n"
    assert (project / "a.txt").read_text(encoding="utf-8") == DIRTY
    assert not (project / "json:").exists()


@needs_full_disk
@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the descriptor")
@pytest.mark.parametrize("command", [["rule", "whitespace"], ["--list-rules"], ["check-config"]])
def test_other_commands_on_a_full_disk_or_a_closed_output_are_errors_too(project: Path,
                                                                          command: list[str]) -> None:
    """The subcommands write their own output: an OSError there was a traceback (exit 1), and a
    closed standard output an AttributeError on None."""
    argv = [sys.executable, "-m", "lint_news", *command]
    with open(FULL_DISK, "w") as full:
        done = subprocess.run(argv, cwd=project, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2
    _one_error_line(done.stderr, "lint-news: error: No space left on device")
    done = subprocess.run(["sh", "-c", '"$@" >&-', "sh", *argv], cwd=project, stderr=subprocess.PIPE,
                          text=True, timeout=120)
    assert done.returncode == 2
    _one_error_line(done.stderr, "lint-news: error: Bad file descriptor")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the descriptor")
def test_fixed_text_to_a_closed_standard_output_is_an_error(project: Path) -> None:
    with open(project / "a.txt", encoding="utf-8") as source:
        done = subprocess.run(["sh", "-c", '"$@" >&-', "sh", sys.executable, "-m", "lint_news", *ARGS,
                               "--fix", "-"], cwd=project, stdin=source, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    assert done.returncode == 2
    _one_error_line(done.stderr, "lint-news: error: Bad file descriptor")
