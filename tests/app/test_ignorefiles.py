"""Ignore files decided once per folder: the same answers as file by file, and still right
when ignore files are nested, re-include with "!" or change between runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lint_news.app.ignorefiles import IgnoreFiles
from lint_news.config import load_config

from ..conftest import run

DIRTY = "Title\nMarch 20, 2025\n\nTwo  spaces here.\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "skip.txt", "gen/b.txt", "d/c.txt", "d/skip.txt", "d/e/keep.txt", "d/e/f.txt",
                 "d/e/skip.txt", "x.bak.txt"):
        _write(tmp_path / name, DIRTY)
    _write(tmp_path / ".gitignore", "skip.txt\ngen/\n*.bak.txt\n")
    _write(tmp_path / "d" / "e" / ".ignore", "*.txt\n!keep.txt\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def linted(*argv: str) -> list[str]:
    code, out, err = run("--select", "whitespace", "--output-format", "concise", *argv)
    assert code in (0, 1), err
    return sorted({line.split(":")[0] for line in out.splitlines() if ":" in line})


def test_folder_filter_answers_as_file_by_file(repo: Path) -> None:
    ignores = IgnoreFiles(".")
    for directory, _, files in os.walk("."):
        ignores.enter(directory, files)
        check = ignores.file_filter(directory)
        for name in files:
            expected = ignores.ignored(directory, name, False)
            assert (check is not None and check(name)) == expected, (directory, name)


def test_nested_ignore_files_and_reinclusion(repo: Path) -> None:
    assert linted(".") == ["a.txt", "d/c.txt", "d/e/keep.txt"]
    assert linted(".") == ["a.txt", "d/c.txt", "d/e/keep.txt"]  # again, from the cache


def test_a_changed_ignore_file_changes_a_cached_run(repo: Path) -> None:
    assert linted(".") == ["a.txt", "d/c.txt", "d/e/keep.txt"]
    _write(repo / ".gitignore", "gen/\n")
    assert linted(".") == ["a.txt", "d/c.txt", "d/e/keep.txt", "d/skip.txt", "skip.txt", "x.bak.txt"]
    _write(repo / "d" / "e" / ".ignore", "")
    assert "d/e/f.txt" in linted(".")
    os.remove(repo / ".gitignore")
    assert "gen/b.txt" in linted(".")


def test_respect_gitignore_off_lints_everything(repo: Path) -> None:
    _write(repo / ".lint-news.yaml", "respect-gitignore: false\n")
    assert len(linted(".")) == 9
    assert load_config(str(repo / ".lint-news.yaml")).respect_gitignore is False
