"""The summary for people (``full`` and ``concise``): a file that could not be read is not
counted as checked, and a run with errors (exit 2) never says that all checks passed."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import run

DIRTY = "Tin  nhanh\nNgày 12/03/2024\n\nGiá iPhone tại PetroVietnam giảm.\n"
FIXED = "Tin nhanh\nNgày 12/03/2024\n\nGiá iPhone tại PetroVietnam giảm.\n"
CLEAN_VI = "Thị trường hôm nay\nNgày 20/03/2025\n\nCổ phiếu của PetroVietnam tăng nhẹ.\n"
CLEAN_EN = "Market update\nMarch 20, 2025\n\nGovTech shares rose after the iPhone launch.\n"
ARGS = ("--no-cache", "--isolated", "--select", "whitespace", "-j1")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "vi.txt").write_text(CLEAN_VI, encoding="utf-8")
    (tmp_path / "en.txt").write_text(CLEAN_EN, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.txt")  # never opened: lint-news skips what is not a regular file
    monkeypatch.chdir(tmp_path)
    for name in ("FORCE_COLOR", "NO_COLOR", "LINT_NEWS_OUTPUT_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_clean_files_pass(project: Path) -> None:
    assert run(*ARGS, "vi.txt", "en.txt") == (0, "All checks passed (2 files).\n", "")


@needs_fifo
@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_a_file_that_is_not_regular_is_not_checked_and_nothing_passed(project: Path, fmt: str) -> None:
    code, out, err = run(*ARGS, "--output-format", fmt, "fifo.txt")
    assert code == 2 and "fifo.txt: error: not a regular file" in err
    assert out == "Found 0 finding(s) in 0 files.\n1 file could not be checked.\n"


@needs_fifo
def test_clean_files_beside_an_unreadable_one_are_counted_but_do_not_pass(project: Path) -> None:
    code, out, _ = run(*ARGS, "vi.txt", "fifo.txt", "en.txt")
    assert code == 2
    assert out == "Found 0 finding(s) in 2 files.\n1 file could not be checked.\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_missing_paths_and_broken_links_are_counted_as_not_checked(project: Path) -> None:
    (project / "dangling.txt").symlink_to("nowhere.txt")
    code, out, err = run(*ARGS, "--output-format", "concise", "nonexistent.txt", "dangling.txt", "dirty.txt")
    assert code == 2 and err.count(": error: ") == 2
    assert out == ("dirty.txt:1:4: whitespace [*] run of 2 spaces\n"
                   "Found 1 finding(s) in 1 file.\n1 fixable with --fix.\n2 files could not be checked.\n")


def test_a_file_over_the_size_limit_is_skipped_not_checked(project: Path) -> None:
    (project / "small.yaml").write_text("max-file-size: 10\n", encoding="utf-8")
    code, out, err = run("--no-cache", "-j1", "--config", "small.yaml", "vi.txt")
    assert code == 2 and "over the max-file-size" in err
    assert out == "Found 0 finding(s) in 0 files.\n1 file could not be checked.\n"


@needs_fifo
def test_fix_counts_what_it_fixed_and_what_it_could_not_read(project: Path) -> None:
    code, out, err = run(*ARGS, "--fix", "dirty.txt", "fifo.txt")
    assert code == 2 and "Fixing dirty.txt" in err
    assert out == "Found 1 finding(s) in 1 file (1 fixed, 0 remaining).\n1 file could not be checked.\n"
    assert (project / "dirty.txt").read_text(encoding="utf-8") == FIXED


def test_fix_counts_a_file_it_could_not_write(project: Path, read_only: Callable[[Path], None]) -> None:
    read_only(project / "dirty.txt")
    code, out, err = run(*ARGS, "--fix", "dirty.txt", "vi.txt")
    assert code == 2 and "dirty.txt: error:" in err
    assert out.endswith("\nFound 1 finding(s) in 2 files (0 fixed, 1 remaining).\n"
                        "1 file could not be fixed.\n")


@needs_fifo
def test_quiet_still_prints_no_summary(project: Path) -> None:
    code, out, _ = run(*ARGS, "--quiet", "fifo.txt", "vi.txt")
    assert (code, out) == (2, "")


@needs_fifo
def test_machine_readable_output_is_only_the_checked_files(project: Path) -> None:
    code, out, err = run(*ARGS, "--output-format", "json", "fifo.txt", "dirty.txt")
    assert code == 2 and "fifo.txt: error:" in err and "could not be checked" not in err
    assert [item["filename"] for item in json.loads(out)] == ["dirty.txt"]
